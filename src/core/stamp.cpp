#include "stamp.h"

#include <limits>

namespace sd {

int64_t next_hlc(int64_t prev_hlc, int64_t now_ms) {
    if (prev_hlc < 0) prev_hlc = 0;
    if (now_ms < 0) now_ms = 0;
    const int64_t max_ms = std::numeric_limits<int64_t>::max() >> kHlcCounterBits;
    if (now_ms > max_ms) now_ms = max_ms;
    int64_t prev_ms = hlc_millis(prev_hlc);
    if (now_ms > prev_ms) return make_hlc(now_ms, 0);
    // The wall clock is behind (or equal): count on from the last reading. When the counter is
    // full, borrow the next millisecond rather than wrap.
    if (prev_hlc == std::numeric_limits<int64_t>::max()) return prev_hlc;
    return prev_hlc + 1;
}

Stamp next_stamp(int64_t prev_hlc, int64_t now_ms, std::string replica) {
    return Stamp{next_hlc(prev_hlc, now_ms), std::move(replica)};
}

bool content_wins(const std::string& a, const std::string& b) {
    uint64_t ha = 1469598103934665603ull, hb = ha;   // FNV-1a of each text
    for (unsigned char ch : a) ha = (ha ^ ch) * 1099511628211ull;
    for (unsigned char ch : b) hb = (hb ^ ch) * 1099511628211ull;
    if (ha != hb) return hb > ha;
    return b > a;
}

std::string hlc_to_string(int64_t hlc) { return std::to_string(hlc); }

bool parse_hlc(std::string_view text, int64_t& out) {
    if (text.empty() || text.size() > 19) return false;
    uint64_t v = 0;
    for (char ch : text) {
        if (ch < '0' || ch > '9') return false;
        v = v * 10 + uint64_t(ch - '0');
    }
    if (text.size() > 1 && text[0] == '0') return false;   // one spelling per number
    if (v > uint64_t(std::numeric_limits<int64_t>::max())) return false;
    out = int64_t(v);
    return true;
}

}  // namespace sd
