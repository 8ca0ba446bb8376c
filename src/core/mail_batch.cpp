// The binary batch of mail records from the page's workers (mail_batch.h).
#include "mail_batch.h"

#include <cmath>
#include <cstdint>
#include <cstring>

#include "text_fold.h"

namespace sd {

namespace {

// Reads the batch front to back; the first fault is kept in `error` and ends the reading.
struct BatchReader {
    std::string_view bytes;
    size_t at = 0;
    std::string where;   // "record 3", for the error
    std::string error;

    bool fail(const std::string& why) {
        if (error.empty()) error = where.empty() ? why : where + "'s " + why;
        return false;
    }
    bool take(size_t n, const char* what, const char*& out) {
        if (bytes.size() - at < n) return fail(std::string(what) + " runs past the end of the batch");
        out = bytes.data() + at;
        at += n;
        return true;
    }
    bool u32(const char* what, uint32_t& out) {
        const char* p;
        if (!take(4, what, p)) return false;
        const auto* b = reinterpret_cast<const unsigned char*>(p);
        out = uint32_t(b[0]) | uint32_t(b[1]) << 8 | uint32_t(b[2]) << 16 | uint32_t(b[3]) << 24;
        return true;
    }
    bool f64(const char* what, double& out) {
        const char* p;
        if (!take(8, what, p)) return false;
        uint64_t v = 0;
        for (int k = 7; k >= 0; --k) v = v << 8 | static_cast<unsigned char>(p[k]);
        std::memcpy(&out, &v, sizeof out);
        return true;
    }
    bool text(const char* what, std::string& out) {
        uint32_t n;
        const char* p;
        if (!u32(what, n) || !take(n, what, p)) return false;
        if (!valid_utf8(std::string_view(p, n))) return fail(std::string(what) + " is not valid UTF-8");
        out.assign(p, n);
        return true;
    }
    bool list(const char* what, std::vector<std::string>& out) {
        uint32_t n;
        if (!u32(what, n)) return false;
        // Each string takes at least its 4-byte length: a count beyond that is a broken batch.
        if (n > (bytes.size() - at) / 4) return fail(std::string(what) + " claims " + std::to_string(n) + " entries, more than the batch holds");
        out.resize(n);
        for (std::string& s : out)
            if (!text(what, s)) return false;
        return true;
    }
    static bool valid_utf8(std::string_view s) {
        for (size_t i = 0; i < s.size();) {
            if (static_cast<unsigned char>(s[i]) < 0x80) {
                ++i;
                continue;
            }
            uint32_t cp;
            const size_t len = decode_utf8(s, i, cp);
            if (len == 1) return false;   // a lead byte decode_utf8 could not complete
            i += len;
        }
        return true;
    }
};

// A date in ms since the epoch as the model's seconds (rounded down); NaN is "no date".
bool batch_time(BatchReader& r, Time& out) {
    double ms;
    if (!r.f64("\"date\"", ms)) return false;
    if (std::isnan(ms)) {
        out = kNoTime;
        return true;
    }
    if (!std::isfinite(ms) || std::fabs(ms) > 8.64e15) return r.fail("\"date\" is not a time (" + std::to_string(ms) + " ms)");
    out = Time(std::floor(ms / 1000));
    return true;
}

bool batch_attachments(BatchReader& r, std::vector<Attachment>& out) {
    uint32_t n;
    if (!r.u32("attachment count", n)) return false;
    if (n > (r.bytes.size() - r.at) / 12) return r.fail("attachment count " + std::to_string(n) + " is more than the batch holds");
    out.resize(n);
    for (Attachment& a : out) {
        double size;
        if (!r.text("attachment name", a.name) || !r.f64("attachment size", size)) return false;
        if (!(size >= 0 && size <= 9007199254740992.0) || size != std::floor(size))
            return r.fail("attachment size is not a whole number of bytes");
        a.size = int64_t(size);
        if (a.name.empty()) a.name = "attachment";
    }
    return true;
}

std::string without_angles(const std::string& s) {
    size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
    if (a == std::string::npos) return std::string();
    std::string t = s.substr(a, b - a + 1);
    if (t.size() >= 2 && t.front() == '<' && t.back() == '>') t = t.substr(1, t.size() - 2);
    return t;
}

bool batch_record(BatchReader& r, InMessage& m) {
    if (!r.text("\"place\"", m.place) || !r.text("\"message_id\"", m.mail_id) || !r.text("\"in_reply_to\"", m.in_reply_to) ||
        !r.list("\"references\"", m.references) || !r.text("\"from\" name", m.from_name) ||
        !r.text("\"from\" address", m.from_address) || !r.list("\"to\"", m.to) || !r.text("\"subject\"", m.subject) ||
        !batch_time(r, m.at) || !r.text("\"text\"", m.text) || !batch_attachments(r, m.attachments))
        return false;
    m.mail_id = without_angles(m.mail_id);
    m.in_reply_to = without_angles(m.in_reply_to);
    for (std::string& ref : m.references) ref = without_angles(ref);
    return true;
}

}  // namespace

bool read_mail_batch(std::string_view bytes, MailBatch& out, std::string& error) {
    BatchReader r{bytes};
    if (bytes.size() < 4 || bytes.substr(0, 4) != "SDMB") {
        error = "not a mail batch (it does not start with \"SDMB\")";
        return false;
    }
    r.at = 4;
    uint32_t version = 0, count = 0;
    MailBatch batch;
    if (!r.u32("the version", version) || !r.u32("the record count", count) || !r.text("the file name", batch.file)) {
        error = "the mail batch's header is cut short: " + r.error;
        return false;
    }
    if (version != kMailBatchVersion) {
        error = "mail batch version " + std::to_string(version) + " is not supported (this build reads version " +
                std::to_string(kMailBatchVersion) + ")";
        return false;
    }
    // The smallest record is ten lengths and counts and a date (48 bytes): a larger count is a broken header.
    if (count > (bytes.size() - r.at) / 48) {
        error = "the mail batch claims " + std::to_string(count) + " records, more than its " + std::to_string(bytes.size()) + " bytes can hold";
        return false;
    }
    batch.messages.resize(count);
    for (uint32_t k = 0; k < count; ++k) {
        r.where = "record " + std::to_string(k + 1);
        batch.messages[k].file = batch.file;
        if (!batch_record(r, batch.messages[k])) {
            error = "mail batch of " + batch.file + ": " + r.error;
            return false;
        }
    }
    if (r.at != bytes.size()) {
        error = "the mail batch has " + std::to_string(bytes.size() - r.at) + " bytes after its last record";
        return false;
    }
    out = std::move(batch);
    return true;
}

}  // namespace sd
