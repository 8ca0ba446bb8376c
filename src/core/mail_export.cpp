// Replies as mail (mail_export.h).
#include "mail_export.h"

#include <cstdio>

#include "mail_import.h"
#include "time.h"

namespace sd {

namespace {

const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool plain_ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x7F || (c < 0x20 && c != '\t')) return false;
    return true;
}

// A header line folded before it passes 78 characters, at the spaces between its words.
std::string folded(const std::string& name, const std::string& value) {
    std::string out = name + ": ";
    size_t line = out.size();
    size_t i = 0;
    while (i < value.size()) {
        size_t sp = value.find(' ', i);
        std::string word = value.substr(i, sp == std::string::npos ? std::string::npos : sp - i);
        if (line + word.size() > 78 && line > name.size() + 2) {
            out += "\r\n ";
            line = 1;
        }
        out += word;
        line += word.size();
        if (sp == std::string::npos) break;
        out += ' ';
        ++line;
        i = sp + 1;
    }
    return out + "\r\n";
}

std::string base64(std::string_view s) {
    static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    size_t i = 0;
    for (; i + 2 < s.size(); i += 3) {
        const uint32_t v = uint32_t(uint8_t(s[i])) << 16 | uint32_t(uint8_t(s[i + 1])) << 8 | uint8_t(s[i + 2]);
        for (int k = 18; k >= 0; k -= 6) out.push_back(kAlphabet[(v >> k) & 63]);
    }
    if (i < s.size()) {
        const bool two = i + 1 < s.size();
        const uint32_t v = uint32_t(uint8_t(s[i])) << 16 | (two ? uint32_t(uint8_t(s[i + 1])) << 8 : 0);
        out.push_back(kAlphabet[(v >> 18) & 63]);
        out.push_back(kAlphabet[(v >> 12) & 63]);
        out.push_back(two ? kAlphabet[(v >> 6) & 63] : '=');
        out.push_back('=');
    }
    return out;
}

}  // namespace

std::string rfc5322_date(Time t) {
    const CivilTime c = to_civil(t);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[weekday_from_days(t >= 0 ? t / kDay : (t - kDay + 1) / kDay)],
                  c.day, kMonths[c.month - 1], c.year, c.hour, c.minute, c.second);
    return buf;
}

std::string header_words(std::string_view text) {
    if (plain_ascii(text)) return std::string(text);
    // Encoded words of at most 75 characters, each holding whole UTF-8 characters (RFC 2047 5.3).
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
        size_t end = i;
        while (end < text.size()) {
            size_t next = end + 1;
            while (next < text.size() && (uint8_t(text[next]) & 0xC0) == 0x80) ++next;
            if ((next - i + 2) / 3 * 4 > 45) break;
            end = next;
        }
        if (end == i) end = i + 1;
        out += (out.empty() ? "" : " ") + std::string("=?UTF-8?B?") + base64(text.substr(i, end - i)) + "?=";
        i = end;
    }
    return out;
}

std::string quoted_printable(std::string_view text) {
    static const char kHex[] = "0123456789ABCDEF";
    std::string out;
    size_t line = 0;
    auto put = [&](const std::string& piece) {
        if (line + piece.size() > 75) {   // soft line break: "=" at the end of a line of 76
            out += "=\r\n";
            line = 0;
        }
        out += piece;
        line += piece.size();
    };
    for (size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = uint8_t(text[i]);
        if (c == '\r') continue;
        if (c == '\n') {
            // A space or tab before a line end would be lost in transport: encode it.
            if (!out.empty() && line > 0 && (out.back() == ' ' || out.back() == '\t')) {
                const char last = out.back();
                out.pop_back();
                --line;
                put(std::string("=") + kHex[uint8_t(last) >> 4] + kHex[uint8_t(last) & 15]);
            }
            out += "\r\n";
            line = 0;
            continue;
        }
        const bool literal = (c >= 33 && c <= 126 && c != '=') || c == ' ' || c == '\t';
        // A line starting with "From " or "." is safer encoded (mbox escaping, SMTP dot-stuffing).
        const bool risky = line == 0 && (c == '.' || (c == 'F' && text.substr(i, 5) == "From "));
        if (literal && !risky) put(std::string(1, char(c)));
        else put(std::string("=") + kHex[c >> 4] + kHex[c & 15]);
    }
    if (!out.empty() && line > 0 && (out.back() == ' ' || out.back() == '\t')) {
        const char last = out.back();
        out.pop_back();
        out += std::string("=") + kHex[uint8_t(last) >> 4] + kHex[uint8_t(last) & 15];
    }
    return out;
}

std::string reply_eml_refusal(const Conversation& c) {
    if (c.marketplace == Marketplace::Ebay)
        return "eBay takes answers only through its own message centre: copy the reply into eBay (Copy reply)";
    if (c.mail_to.empty()) return "this conversation did not come by mail, so it has no relay address to write to: copy the reply into the seller centre";
    return {};
}

bool reply_eml(const Conversation& c, std::string_view body, const EmlOptions& o, std::string& out, std::string& error) {
    error = reply_eml_refusal(c);
    if (!error.empty()) return false;
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        error = "the reply is empty";
        return false;
    }
    std::string in_reply_to, references;
    for (const Message& m : c.messages) {
        if (m.mail_id.empty()) continue;
        references += (references.empty() ? "" : " ") + ("<" + m.mail_id + ">");
        if (m.direction == Direction::Inbound) in_reply_to = "<" + m.mail_id + ">";
    }
    std::string subject = thread_subject(c.subject);
    subject = "Re: " + (subject.empty() ? std::string("your message") : subject);
    const std::string domain = o.from_address.find('@') != std::string::npos ? o.from_address.substr(o.from_address.find('@') + 1)
                                                                              : std::string("sellerdesk.invalid");
    const std::string mid = o.message_id.empty() ? "sd-" + hash_hex(c.id + '\x1f' + std::string(body) + '\x1f' + std::to_string(o.date)) + "@" + domain
                                                  : o.message_id;
    std::string h;
    if (!o.from_address.empty())
        h += folded("From", o.from_name.empty() ? o.from_address : header_words(o.from_name) + " <" + o.from_address + ">");
    h += "To: <" + c.mail_to + ">\r\n";
    h += folded("Subject", header_words(subject));
    h += "Date: " + rfc5322_date(o.date) + "\r\n";
    h += "Message-ID: <" + mid + ">\r\n";
    if (!in_reply_to.empty()) h += "In-Reply-To: " + in_reply_to + "\r\n";
    if (!references.empty()) h += folded("References", references);
    h += "MIME-Version: 1.0\r\n";
    h += "Content-Type: text/plain; charset=UTF-8\r\n";
    h += "Content-Transfer-Encoding: quoted-printable\r\n";
    // A draft for the agent's mail client to send (Outlook opens such a file ready to send).
    h += "X-Unsent: 1\r\n";
    out = h + "\r\n" + quoted_printable(body) + "\r\n";
    return true;
}

std::string mbox_of(const std::vector<std::pair<std::string, Time>>& messages) {
    std::string out;
    for (const auto& [text, at] : messages) {
        const CivilTime c = to_civil(at);
        char from[96];
        std::snprintf(from, sizeof from, "From sellerdesk %s %s %2d %02d:%02d:%02d %04d\n",
                      kDays[weekday_from_days(at >= 0 ? at / kDay : (at - kDay + 1) / kDay)], kMonths[c.month - 1], c.day, c.hour,
                      c.minute, c.second, c.year);
        out += from;
        size_t i = 0;
        while (i < text.size()) {
            size_t end = text.find('\n', i);
            std::string_view line = std::string_view(text).substr(i, end == std::string::npos ? std::string::npos : end - i);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            // mboxrd: a line of ">…>From " gains one more '>', so a reader can take exactly one off.
            size_t k = 0;
            while (k < line.size() && line[k] == '>') ++k;
            if (line.substr(k, 5) == "From ") out += '>';
            out += line;
            out += '\n';
            if (end == std::string::npos) break;
            i = end + 1;
        }
        out += '\n';
    }
    return out;
}

}  // namespace sd
