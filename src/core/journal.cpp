#include "journal.h"

#include <cstdio>

namespace sd {

namespace {

// Slicing-by-8 tables: table[0] is the classic byte-at-a-time table of the reflected polynomial
// 0xEDB88320; table[k] advances a byte that is k positions further back. The binary snapshot
// checks ~100 MB at startup, where eight bytes per step is several times faster than one.
struct CrcTables {
    uint32_t t[8][256];
    CrcTables() {
        for (uint32_t i = 0; i < 256; ++i) {
            uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[0][i] = c;
        }
        for (uint32_t i = 0; i < 256; ++i)
            for (int k = 1; k < 8; ++k) t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xFF];
    }
};

}  // namespace

uint32_t crc32(std::string_view data) { return crc32_continue(0, data); }

uint32_t crc32_continue(uint32_t crc_so_far, std::string_view data) {
    static const CrcTables tables;   // a constant, built once (thread-safe initialisation)
    const auto& t = tables.t;
    const unsigned char* p = reinterpret_cast<const unsigned char*>(data.data());
    size_t n = data.size();
    uint32_t crc = crc_so_far ^ 0xFFFFFFFFu;
    while (n >= 8) {
        // Bytes are combined explicitly, so the result does not depend on the machine's byte order.
        uint32_t lo = crc ^ (uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24);
        uint32_t hi = uint32_t(p[4]) | uint32_t(p[5]) << 8 | uint32_t(p[6]) << 16 | uint32_t(p[7]) << 24;
        crc = t[7][lo & 0xFF] ^ t[6][(lo >> 8) & 0xFF] ^ t[5][(lo >> 16) & 0xFF] ^ t[4][lo >> 24] ^
              t[3][hi & 0xFF] ^ t[2][(hi >> 8) & 0xFF] ^ t[1][(hi >> 16) & 0xFF] ^ t[0][hi >> 24];
        p += 8;
        n -= 8;
    }
    while (n--) crc = t[0][(crc ^ *p++) & 0xFF] ^ (crc >> 8);
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
