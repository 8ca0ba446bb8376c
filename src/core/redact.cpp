#include "redact.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace sd {

namespace {

// Made-up given names that read as either a first or a last name.
const char* const kFakeNames[] = {
    "Avery", "Brooks", "Carter", "Dakota", "Ellis", "Finley", "Gray", "Harper", "Indigo", "Jordan",
    "Kendall", "Logan", "Morgan", "Noel", "Oakley", "Parker", "Quinn", "Reese", "Sawyer", "Taylor",
    "Umber", "Vale", "Winter", "Sky", "Rowan", "Emery", "Blake", "Hayden", "Lane", "Marlow",
    "Presley", "Remy", "Shiloh", "Tatum", "Wren", "Arden", "Bellamy", "Campbell", "Darcy", "Easton"};
constexpr size_t kFakeNameCount = sizeof kFakeNames / sizeof kFakeNames[0];

bool word_byte(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

// After the list: made-up words from syllables ("Bavin", "Tolo"), one per number, so large
// exports still read like names; numbers only past 6,720 words.
std::string synthetic_name(size_t n) {
    static const char* const kOnsets[] = {"B", "D", "F", "G", "H", "K", "L", "M", "N", "P", "R", "S", "T", "V", "W", "Z"};
    static const char* const kVowels[] = {"a", "e", "i", "o", "u", "y"};
    static const char* const kMiddles[] = {"n", "l", "r", "s", "x", "th", "v", "m", "d", "k"};
    static const char* const kEnds[] = {"", "a", "o", "en", "in", "el", "is"};
    std::string w = kOnsets[n % 16];
    w += kVowels[(n / 16) % 6];
    w += kMiddles[(n / 96) % 10];
    w += kEnds[(n / 960) % 7];
    if (n >= 6720) w += std::to_string(n / 6720 + 1);
    return w;
}

const std::string& fake_word(Redaction& r, std::string_view word) {
    auto it = r.names.find(std::string(word));
    if (it != r.names.end()) return it->second;
    size_t n = r.names.size();
    std::string fake;
    if (!ascii(word)) fake = "买家" + std::to_string(n + 1);   // Chinese names: "buyer N"
    else if (n < kFakeNameCount) fake = kFakeNames[n];
    else fake = synthetic_name(n - kFakeNameCount);
    return r.names.emplace(std::string(word), std::move(fake)).first->second;
}

const std::string& fake_handle(Redaction& r, std::string_view local) {
    auto it = r.handles.find(std::string(local));
    if (it != r.handles.end()) return it->second;
    std::string fake = "buyer" + std::to_string(r.handles.size() + 1);
    return r.handles.emplace(std::string(local), std::move(fake)).first->second;
}

std::vector<std::string_view> words(std::string_view s) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ') ++i;
        size_t start = i;
        while (i < s.size() && s[i] != ' ') ++i;
        if (i > start) out.push_back(s.substr(start, i - start));
    }
    return out;
}

bool email_local_byte(char c) { return word_byte((unsigned char)c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; }
bool email_domain_byte(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-'; }

// Reads an e-mail address around the '@' at `at`: [start, end), or false.
bool email_at(std::string_view t, size_t at, size_t& start, size_t& end) {
    start = at;
    while (start > 0 && email_local_byte(t[start - 1]) && (unsigned char)t[start - 1] < 0x80) --start;
    while (start < at && t[start] == '.') ++start;
    end = at + 1;
    while (end < t.size() && email_domain_byte(t[end])) ++end;
    while (end > at + 1 && (t[end - 1] == '.' || t[end - 1] == '-')) --end;
    std::string_view domain = t.substr(at + 1, end - at - 1);
    size_t dot = domain.rfind('.');
    if (start == at || dot == std::string_view::npos || dot == 0 || domain.size() - dot < 3) return false;
    return true;
}

// A phone number starting at i: a leading "+", "(area)" or at least 10 digits, in groups of 1-4
// digits separated by one space, dash or dot.
bool phone_at(std::string_view t, size_t i, size_t& end) {
    if (i > 0 && (word_byte((unsigned char)t[i - 1]) || t[i - 1] == '+' || t[i - 1] == '-' || t[i - 1] == '.')) return false;
    size_t p = i;
    bool plus = false, paren = false;
    if (p < t.size() && t[p] == '+') {
        plus = true;
        ++p;
    }
    std::vector<size_t> groups;
    if (p < t.size() && t[p] == '(') {
        size_t q = p + 1;
        while (q < t.size() && digit(t[q])) ++q;
        if (q - p - 1 < 1 || q - p - 1 > 4 || q >= t.size() || t[q] != ')') return false;
        groups.push_back(q - p - 1);
        paren = true;
        p = q + 1;
        if (p < t.size() && t[p] == ' ') ++p;
    }
    size_t last_end = p;
    while (p < t.size() && digit(t[p])) {
        size_t q = p;
        while (q < t.size() && digit(t[q])) ++q;
        if (q - p > 4) return false;
        groups.push_back(q - p);
        last_end = q;
        if (q + 1 < t.size() && (t[q] == ' ' || t[q] == '-' || t[q] == '.') && digit(t[q + 1])) p = q + 1;
        else break;
    }
    size_t total = 0;
    for (size_t g : groups) total += g;
    if (groups.size() < 2 || total < 7 || total > 15) return false;
    if (!plus && !paren && total < 10) return false;
    if (last_end < t.size() && word_byte((unsigned char)t[last_end])) return false;
    end = last_end;
    return true;
}

size_t word_end(std::string_view t, size_t i) {
    while (i < t.size() && word_byte((unsigned char)t[i])) ++i;
    return i;
}

bool one_of(std::string_view w, std::initializer_list<const char*> list) {
    for (const char* x : list)
        if (w == x) return true;
    return false;
}

bool ends_with_ci(std::string_view w, std::string_view tail) {
    if (w.size() <= tail.size()) return false;
    for (size_t k = 0; k < tail.size(); ++k) {
        char a = w[w.size() - tail.size() + k], b = tail[k];
        if (a >= 'A' && a <= 'Z') a = char(a - 'A' + 'a');
        if (a != b) return false;
    }
    return true;
}

// "<number>" with an optional letter: "742", "5a", "12B".
bool house_number(std::string_view w) {
    size_t d = 0;
    while (d < w.size() && digit(w[d])) ++d;
    return d >= 1 && d <= 5 && (w.size() == d || (w.size() == d + 1 && !digit(w[d]) && (unsigned char)w[d] < 0x80));
}

// A street address starting at word start i: [i, end).
bool address_at(std::string_view t, size_t i, size_t& end) {
    if (i > 0 && word_byte((unsigned char)t[i - 1])) return false;
    size_t e = word_end(t, i);
    if (e == i) return false;
    std::string_view first = t.substr(i, e - i);
    // German: "Lindenstrasse 12", "Gartenweg 3a".
    if (upper(first[0]))
        for (const char* tail : {"strasse", "straße", "weg", "platz", "allee", "gasse", "damm", "ring"})
            if (ends_with_ci(first, tail) && e + 1 < t.size() && t[e] == ' ') {
                size_t n = word_end(t, e + 1);
                if (house_number(t.substr(e + 1, n - e - 1))) {
                    end = n;
                    return true;
                }
            }
    // "Flat 2, 88 Victoria Street": the flat prefix belongs to the address.
    size_t start_number = i;
    if (one_of(first, {"Flat", "Apt", "Unit", "Suite"}) && e + 1 < t.size() && t[e] == ' ') {
        size_t n = word_end(t, e + 1);
        if (n > e + 1 && n + 2 < t.size() && t[n] == ',' && t[n + 1] == ' ') start_number = n + 2;
        else return false;
    }
    size_t ne = word_end(t, start_number);
    if (!house_number(t.substr(start_number, ne - start_number)) || ne >= t.size() || t[ne] != ' ') return false;
    size_t p = ne + 1;
    size_t we = word_end(t, p);
    std::string_view w = t.substr(p, we - p);
    // French: "12 rue des Lilas", "5 avenue Jean Jaures".
    if (one_of(w, {"rue", "avenue", "boulevard", "place", "chemin", "impasse", "quai", "allée"})) {
        size_t last = we;
        for (int k = 0; k < 4 && last + 1 < t.size() && t[last] == ' '; ++k) {
            size_t a = last + 1, b = word_end(t, a);
            std::string_view x = t.substr(a, b - a);
            if (x.empty() || !(upper(x[0]) || one_of(x, {"de", "des", "du", "la", "le"}))) break;
            last = b;
        }
        if (last == we) return false;
        end = last;
        return true;
    }
    // US/UK: 1-4 capitalised words ending in a street word, then an optional ", Apt 3B".
    static const char* const kStreetWords[] = {"St", "Street", "Ave", "Avenue", "Rd", "Road", "Dr", "Drive", "Ln",
                                               "Lane", "Blvd", "Way", "Ct", "Court", "Cres", "Crescent", "Pl",
                                               "Place", "Terrace", "Close", "Parkway", "Hwy", "Highway"};
    for (int k = 0; k < 5; ++k) {
        if (w.empty() || !upper(w[0])) return false;
        bool street = false;
        for (const char* s : kStreetWords)
            if (w == s) street = true;
        if (street && k > 0) {
            size_t last = we;
            if (last < t.size() && t[last] == '.') ++last;
            // ", Apt 3B" / ", Unit 4" / ", Suite 200"
            std::string_view rest = t.substr(last);
            for (const char* unit : {", Apt ", ", Apt. ", ", Unit ", ", Suite ", ", #"}) {
                size_t ul = std::strlen(unit);
                if (rest.size() > ul && rest.substr(0, ul) == unit) {
                    size_t b = word_end(t, last + ul);
                    if (b > last + ul) last = b;
                    break;
                }
            }
            end = last;
            return true;
        }
        if (we >= t.size() || t[we] != ' ') return false;
        p = we + 1;
        we = word_end(t, p);
        w = t.substr(p, we - p);
    }
    return false;
}

// Replaces `word` where it stands as a whole word (non-ASCII names: everywhere).
void replace_word(std::string& s, std::string_view word, const std::string& with) {
    if (word.empty()) return;
    const bool whole = ascii(word);
    std::string out;
    size_t from = 0, pos;
    bool any = false;
    while ((pos = s.find(word.data(), from, word.size())) != std::string::npos) {
        size_t end = pos + word.size();
        bool ok = !whole || ((pos == 0 || !word_byte((unsigned char)s[pos - 1])) &&
                             (end >= s.size() || !word_byte((unsigned char)s[end])));
        if (ok) {
            out.append(s, from, pos - from);
            out += with;
            any = true;
        } else {
            out.append(s, from, end - from);
        }
        from = end;
    }
    if (!any) return;
    out.append(s, from, std::string::npos);
    s = std::move(out);
}

}  // namespace

std::string redact_name(Redaction& r, std::string_view name) {
    std::string out;
    for (std::string_view w : words(name)) {
        if (!out.empty()) out += ' ';
        out += fake_word(r, w);
    }
    return out;
}

std::string redact_email(Redaction& r, std::string_view email) {
    size_t at = email.rfind('@');
    if (at == std::string_view::npos) return fake_handle(r, email);
    return fake_handle(r, email.substr(0, at)) + std::string(email.substr(at));
}

std::string redact_text(Redaction& r, std::string_view text, const KnownPerson& who) {
    std::string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        size_t end = 0;
        if (email_local_byte(c) && (unsigned char)c < 0x80 && (i == 0 || !email_local_byte(text[i - 1]))) {
            size_t j = i;
            while (j < text.size() && email_local_byte(text[j]) && (unsigned char)text[j] < 0x80) ++j;
            size_t start;
            if (j < text.size() && text[j] == '@' && email_at(text, j, start, end) && start == i) {
                out += redact_email(r, text.substr(start, end - start));
                i = end;
                continue;
            }
        }
        if (c == '+' || c == '(' || digit(c)) {
            if (phone_at(text, i, end)) {
                std::string real(text.substr(i, end - i));
                auto it = r.phones.find(real);
                if (it == r.phones.end()) {
                    size_t n = r.phones.size();
                    std::string fake = n < 100 ? "+1 555 01" + std::string(n < 10 ? "0" : "") + std::to_string(n)
                                               : "+1 555 " + std::to_string(1000 + n);
                    it = r.phones.emplace(real, std::move(fake)).first;
                }
                out += it->second;
                i = end;
                continue;
            }
        }
        if (word_byte((unsigned char)c) && (i == 0 || !word_byte((unsigned char)text[i - 1])) && address_at(text, i, end)) {
            std::string real(text.substr(i, end - i));
            auto it = r.addresses.find(real);
            if (it == r.addresses.end())
                it = r.addresses.emplace(real, std::to_string(100 + r.addresses.size()) + " Sample Street").first;
            out += it->second;
            i = end;
            continue;
        }
        out += c;
        ++i;
    }
    // The customer's own name, its parts and e-mail handle, longest first.
    if (!who.name.empty()) {
        replace_word(out, who.name, redact_name(r, who.name));
        std::vector<std::string_view> parts = words(who.name);
        std::sort(parts.begin(), parts.end(), [](std::string_view a, std::string_view b) { return a.size() > b.size(); });
        for (std::string_view w : parts)
            if (w.size() >= 2) replace_word(out, w, fake_word(r, w));
    }
    if (!who.email.empty()) {
        std::string_view local = who.email.substr(0, who.email.rfind('@'));
        if (local.size() >= 3) replace_word(out, local, fake_handle(r, local));
    }
    return out;
}

}  // namespace sd
