#include "journal.h"

#include <cstdio>

namespace sd {

uint32_t crc32(std::string_view data) {
    static uint32_t table[256];
    static bool ready = false;   // built once; the table is a pure function of the polynomial
    if (!ready) {
        for (uint32_t i = 0; i < 256; ++i) {
            uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        ready = true;
    }
    uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char ch : data) crc = table[(crc ^ ch) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

std::string encode_journal_record(const nlohmann::json& op) {
    std::string payload = op.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    char head[40];
    std::snprintf(head, sizeof head, "J %zu %08x ", payload.size(), unsigned(crc32(payload)));
    std::string out = head;
    out += payload;
    out += '\n';
    return out;
}

JournalScan scan_journal(std::string_view text) {
    JournalScan scan;
    size_t pos = 0, n = 0;
    auto stop = [&](const std::string& why) {
        scan.problem = "record " + std::to_string(n + 1) + ": " + why;
        scan.dropped_bytes = text.size() - pos;
    };
    while (pos < text.size()) {
        // "J <len> <crc> "
        if (text.size() - pos < 2 || text[pos] != 'J' || text[pos + 1] != ' ') return stop("bad record header"), scan;
        size_t p = pos + 2, len = 0, digits = 0;
        while (p < text.size() && text[p] >= '0' && text[p] <= '9' && digits < 12) len = len * 10 + size_t(text[p++] - '0'), ++digits;
        if (digits == 0 || p >= text.size() || text[p] != ' ') return stop("bad record length"), scan;
        ++p;
        if (text.size() - p < 9) return stop("torn record"), scan;
        uint32_t crc = 0;
        for (int k = 0; k < 8; ++k) {
            char h = text[p + size_t(k)];
            int v = (h >= '0' && h <= '9') ? h - '0' : (h >= 'a' && h <= 'f') ? h - 'a' + 10 : -1;
            if (v < 0) return stop("bad checksum field"), scan;
            crc = crc << 4 | uint32_t(v);
        }
        p += 8;
        if (text[p] != ' ') return stop("bad record header"), scan;
        ++p;
        if (text.size() - p < len + 1) return stop("torn record (file ends inside it)"), scan;
        std::string_view payload = text.substr(p, len);
        if (text[p + len] != '\n') return stop("record not terminated"), scan;
        if (crc32(payload) != crc) return stop("checksum mismatch"), scan;
        nlohmann::json j = nlohmann::json::parse(payload.begin(), payload.end(), nullptr, false);
        if (j.is_discarded()) return stop("payload is not JSON"), scan;
        scan.records.push_back(std::move(j));
        pos = p + len + 1;
        scan.valid_bytes = pos;
        ++n;
    }
    return scan;
}

}  // namespace sd
