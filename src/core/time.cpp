#include "time.h"

#include <cstdio>

namespace sd {

// Howard Hinnant's civil-date algorithms (public domain description), written out here.
int64_t days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civil_from_days(int64_t z, int& y, int& m, int& d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    d = int(doy - (153 * mp + 2) / 5 + 1);
    m = int(mp < 10 ? mp + 3 : mp - 9);
    y = int(yoe + era * 400 + (m <= 2));
}

int weekday_from_days(int64_t z) { return int(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6); }

int days_in_month(int y, int m) {
    static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2) return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
    return kDays[m - 1];
}

static int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

CivilTime to_civil(Time t) {
    CivilTime c;
    const int64_t days = floor_div(t, kDay);
    int64_t rem = t - days * kDay;
    civil_from_days(days, c.year, c.month, c.day);
    c.hour = int(rem / 3600);
    c.minute = int(rem / 60 % 60);
    c.second = int(rem % 60);
    return c;
}

Time from_civil(const CivilTime& c) {
    return days_from_civil(c.year, c.month, c.day) * kDay + c.hour * 3600 + c.minute * 60 + c.second;
}

std::string format_iso8601(Time t) {
    if (t == kNoTime) return std::string();
    CivilTime c = to_civil(t);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour,
                  c.minute, c.second);
    return buf;
}

namespace {
bool digits(std::string_view s, size_t pos, size_t n, int& out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}
}  // namespace

bool parse_iso8601(std::string_view s, Time& out) {
    CivilTime c;
    if (!digits(s, 0, 4, c.year) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, c.month) ||
        s[7] != '-' || !digits(s, 8, 2, c.day))
        return false;
    if (c.month < 1 || c.month > 12 || c.day < 1 || c.day > days_in_month(c.year, c.month)) return false;
    if (s.size() == 10) {
        out = from_civil(c);
        return true;
    }
    size_t p = 10;
    if (s[p] != 'T' && s[p] != 't' && s[p] != ' ') return false;
    ++p;
    if (!digits(s, p, 2, c.hour) || p + 2 >= s.size() || s[p + 2] != ':' || !digits(s, p + 3, 2, c.minute))
        return false;
    p += 5;
    if (p < s.size() && s[p] == ':') {
        if (!digits(s, p + 1, 2, c.second)) return false;
        p += 3;
        if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
            ++p;
            size_t start = p;
            while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p;
            if (p == start) return false;
        }
    }
    if (c.hour > 23 || c.minute > 59 || c.second > 60) return false;
    if (c.second == 60) c.second = 59;  // leap second: clamp, Unix time has none
    int offset = 0;
    if (p >= s.size()) return false;  // a time of day needs a zone: never guess local time
    if (s[p] == 'Z' || s[p] == 'z') {
        ++p;
    } else if (s[p] == '+' || s[p] == '-') {
        int sign = s[p] == '-' ? -1 : 1, oh = 0, om = 0;
        ++p;
        if (!digits(s, p, 2, oh)) return false;
        p += 2;
        if (p < s.size() && s[p] == ':') ++p;
        if (!digits(s, p, 2, om)) return false;
        p += 2;
        if (oh > 23 || om > 59) return false;
        offset = sign * (oh * 3600 + om * 60);
    } else {
        return false;
    }
    if (p != s.size()) return false;
    out = from_civil(c) - offset;
    return true;
}

}  // namespace sd
