#include "timezone.h"

namespace sd {

namespace {

// Current rules only (read 2026-11). Zones that share a rule are listed for the seller's convenience.
const BuiltinZone kZones[] = {
    {"UTC", "UTC0"},
    {"Etc/UTC", "UTC0"},
    {"America/New_York", "EST5EDT,M3.2.0,M11.1.0"},
    {"America/Chicago", "CST6CDT,M3.2.0,M11.1.0"},
    {"America/Denver", "MST7MDT,M3.2.0,M11.1.0"},
    {"America/Phoenix", "MST7"},
    {"America/Los_Angeles", "PST8PDT,M3.2.0,M11.1.0"},
    {"America/Toronto", "EST5EDT,M3.2.0,M11.1.0"},
    {"Europe/London", "GMT0BST,M3.5.0/1,M10.5.0"},
    {"Europe/Berlin", "CET-1CEST,M3.5.0,M10.5.0/3"},
    {"Europe/Paris", "CET-1CEST,M3.5.0,M10.5.0/3"},
    {"Europe/Madrid", "CET-1CEST,M3.5.0,M10.5.0/3"},
    {"Europe/Rome", "CET-1CEST,M3.5.0,M10.5.0/3"},
    {"Europe/Amsterdam", "CET-1CEST,M3.5.0,M10.5.0/3"},
    {"Asia/Shanghai", "CST-8"},
    {"Asia/Hong_Kong", "HKT-8"},
    {"Asia/Tokyo", "JST-9"},
    {"Australia/Sydney", "AEST-10AEDT,M10.1.0,M4.1.0/3"},
};

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool is_leap(int y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

int year_of_days(int64_t days) {
    int y, m, d;
    civil_from_days(days, y, m, d);
    return y;
}

// Days since the epoch of the local date on which `r` applies in `year`.
int64_t rule_day(const TzDateRule& r, int year) {
    const int64_t jan1 = days_from_civil(year, 1, 1);
    switch (r.form) {
        case TzDateRule::Form::Julian1:
            return jan1 + r.day - 1 + ((is_leap(year) && r.day >= 60) ? 1 : 0);
        case TzDateRule::Form::Julian0:
            return jan1 + r.day;
        case TzDateRule::Form::MonthWeekDay: {
            const int64_t first = days_from_civil(year, r.month, 1);
            int64_t d = first + (r.day - weekday_from_days(first) + 7) % 7 + 7 * (r.week - 1);
            const int64_t next_month = first + days_in_month(year, r.month);
            while (d >= next_month) d -= 7;   // week 5 = the last one
            return d;
        }
    }
    return jan1;
}

// ---- POSIX rule parser --------------------------------------------------------------------------
struct Cursor {
    std::string_view s;
    size_t p = 0;
    bool done() const { return p >= s.size(); }
    char peek() const { return done() ? '\0' : s[p]; }
};

bool parse_abbr(Cursor& c, std::string& out, std::string& error) {
    const size_t start = c.p;
    if (c.peek() == '<') {
        ++c.p;
        while (!c.done() && c.peek() != '>') ++c.p;
        if (c.done()) {
            error = "unterminated '<' in zone name at offset " + std::to_string(start);
            return false;
        }
        out.assign(c.s.substr(start + 1, c.p - start - 1));
        ++c.p;
    } else {
        while ((c.peek() >= 'A' && c.peek() <= 'Z') || (c.peek() >= 'a' && c.peek() <= 'z')) ++c.p;
        out.assign(c.s.substr(start, c.p - start));
    }
    if (out.size() < 3) {
        error = "zone name at offset " + std::to_string(start) + " needs at least 3 letters";
        return false;
    }
    return true;
}

bool parse_number(Cursor& c, int max, int& out) {
    if (c.peek() < '0' || c.peek() > '9') return false;
    int v = 0;
    while (c.peek() >= '0' && c.peek() <= '9') {
        v = v * 10 + (c.peek() - '0');
        if (v > max) return false;
        ++c.p;
    }
    out = v;
    return true;
}

// [+-]hh[:mm[:ss]] -> seconds (sign applied as written).
bool parse_hms(Cursor& c, int max_hours, int32_t& out, const char* what, std::string& error) {
    const size_t start = c.p;
    int sign = 1;
    if (c.peek() == '+' || c.peek() == '-') {
        sign = c.peek() == '-' ? -1 : 1;
        ++c.p;
    }
    int h = 0, m = 0, sec = 0;
    bool ok = parse_number(c, max_hours, h);
    if (ok && c.peek() == ':') {
        ++c.p;
        ok = parse_number(c, 59, m);
        if (ok && c.peek() == ':') {
            ++c.p;
            ok = parse_number(c, 59, sec);
        }
    }
    if (!ok) {
        error = std::string("bad ") + what + " at offset " + std::to_string(start) + " (want [+-]hh[:mm[:ss]], hours up to " +
                std::to_string(max_hours) + ")";
        return false;
    }
    out = sign * (h * 3600 + m * 60 + sec);
    return true;
}

bool parse_date_rule(Cursor& c, TzDateRule& r, std::string& error) {
    const size_t start = c.p;
    auto fail = [&](const char* why) {
        error = std::string("bad transition date at offset ") + std::to_string(start) + ": " + why;
        return false;
    };
    int a = 0, b = 0, d = 0;
    if (c.peek() == 'M') {
        ++c.p;
        if (!parse_number(c, 12, a) || a < 1) return fail("month must be 1..12 (Mm.w.d)");
        if (c.peek() != '.') return fail("want Mm.w.d");
        ++c.p;
        if (!parse_number(c, 5, b) || b < 1) return fail("week must be 1..5 (Mm.w.d)");
        if (c.peek() != '.') return fail("want Mm.w.d");
        ++c.p;
        if (!parse_number(c, 6, d)) return fail("weekday must be 0..6 (Mm.w.d)");
        r.form = TzDateRule::Form::MonthWeekDay;
        r.month = int8_t(a);
        r.week = int8_t(b);
        r.day = int16_t(d);
    } else if (c.peek() == 'J') {
        ++c.p;
        if (!parse_number(c, 365, a) || a < 1) return fail("Jn wants n in 1..365");
        r.form = TzDateRule::Form::Julian1;
        r.day = int16_t(a);
    } else {
        if (!parse_number(c, 365, a)) return fail("want Mm.w.d, Jn or n (0..365)");
        r.form = TzDateRule::Form::Julian0;
        r.day = int16_t(a);
    }
    r.time = 2 * 3600;
    if (c.peek() == '/') {
        ++c.p;
        if (!parse_hms(c, 167, r.time, "transition time", error)) return false;
    }
    return true;
}

}  // namespace

const BuiltinZone* builtin_time_zones(size_t& count) {
    count = sizeof(kZones) / sizeof(kZones[0]);
    return kZones;
}

bool parse_posix_tz(std::string_view rule, TimeZone& out, std::string& error) {
    TimeZone tz;
    Cursor c{rule};
    if (rule.empty()) {
        error = "empty time zone rule";
        return false;
    }
    if (!parse_abbr(c, tz.std_abbr, error)) return false;
    int32_t west = 0;
    if (!parse_hms(c, 24, west, "UTC offset", error)) return false;
    tz.std_offset = -west;
    if (!c.done()) {
        if (!parse_abbr(c, tz.dst_abbr, error)) return false;
        tz.has_dst = true;
        tz.dst_offset = tz.std_offset + 3600;
        if (!c.done() && c.peek() != ',') {
            if (!parse_hms(c, 24, west, "daylight offset", error)) return false;
            tz.dst_offset = -west;
        }
        if (c.done()) {
            // No rule: POSIX leaves it to the implementation; use the US rules, like glibc's default.
            tz.dst_start = TzDateRule{TzDateRule::Form::MonthWeekDay, 0, 2, 3, 7200};
            tz.dst_end = TzDateRule{TzDateRule::Form::MonthWeekDay, 0, 1, 11, 7200};
        } else {
            if (c.peek() != ',') {
                error = "expected ',' before the daylight-time start at offset " + std::to_string(c.p);
                return false;
            }
            ++c.p;
            if (!parse_date_rule(c, tz.dst_start, error)) return false;
            if (c.peek() != ',') {
                error = "expected ',' before the daylight-time end at offset " + std::to_string(c.p);
                return false;
            }
            ++c.p;
            if (!parse_date_rule(c, tz.dst_end, error)) return false;
        }
        if (tz.dst_offset == tz.std_offset) tz.has_dst = false;   // nothing ever changes
    }
    if (!c.done()) {
        error = "unexpected '" + std::string(1, c.peek()) + "' at offset " + std::to_string(c.p);
        return false;
    }
    tz.name.assign(rule);
    tz.posix.assign(rule);
    out = std::move(tz);
    return true;
}

bool make_time_zone(std::string_view name_or_rule, TimeZone& out, std::string& error) {
    for (const BuiltinZone& z : kZones) {
        if (name_or_rule == z.name) {
            TimeZone tz;
            std::string err;
            if (!parse_posix_tz(z.posix, tz, err)) {   // cannot happen: the table is tested
                error = "built-in zone '" + std::string(z.name) + "': " + err;
                return false;
            }
            tz.name = z.name;
            out = std::move(tz);
            return true;
        }
    }
    std::string err;
    if (name_or_rule.find('/') != std::string_view::npos || !parse_posix_tz(name_or_rule, out, err)) {
        error = "unknown time zone '" + std::string(name_or_rule) +
                "' (use a built-in IANA name such as America/New_York, Europe/Berlin, Asia/Shanghai, "
                "or a POSIX rule such as EST5EDT,M3.2.0,M11.1.0" +
                (err.empty() || name_or_rule.find('/') != std::string_view::npos ? std::string() : ": " + err) + ")";
        return false;
    }
    return true;
}

bool dst_transitions(const TimeZone& tz, int year, Time& start, Time& end) {
    if (!tz.has_dst) return false;
    start = rule_day(tz.dst_start, year) * kDay + tz.dst_start.time - tz.std_offset;
    end = rule_day(tz.dst_end, year) * kDay + tz.dst_end.time - tz.dst_offset;
    return true;
}

namespace {
bool dst_in_year(const TimeZone& tz, int year, Time utc) {
    Time s = 0, e = 0;
    dst_transitions(tz, year, s, e);
    if (s < e) return utc >= s && utc < e;   // northern hemisphere: summer in the middle of the year
    return utc >= s || utc < e;              // southern: daylight time spans the new year
}
}  // namespace

bool is_dst(const TimeZone& tz, Time utc) {
    if (!tz.has_dst) return false;
    return dst_in_year(tz, year_of_days(floor_div(utc + tz.std_offset, kDay)), utc);
}

int32_t utc_offset(const TimeZone& tz, Time utc) { return is_dst(tz, utc) ? tz.dst_offset : tz.std_offset; }

Time next_transition(const TimeZone& tz, Time utc) {
    if (!tz.has_dst) return kNoTime;
    const int year = year_of_days(floor_div(utc + tz.std_offset, kDay));
    Time best = kNoTime;
    for (int y = year - 1; y <= year + 1; ++y) {
        Time s = 0, e = 0;
        dst_transitions(tz, y, s, e);
        if (s > utc && (best == kNoTime || s < best)) best = s;
        if (e > utc && (best == kNoTime || e < best)) best = e;
    }
    return best;
}

CivilTime to_local(const TimeZone& tz, Time utc) { return to_civil(utc + utc_offset(tz, utc)); }

Time from_local(const TimeZone& tz, const CivilTime& local, LocalTimeKind* kind) {
    const Time wall = from_civil(local);
    if (kind) *kind = LocalTimeKind::Unique;
    if (!tz.has_dst) return wall - tz.std_offset;
    const int32_t lo = tz.std_offset < tz.dst_offset ? tz.std_offset : tz.dst_offset;
    const int32_t hi = tz.std_offset < tz.dst_offset ? tz.dst_offset : tz.std_offset;
    const Time early = wall - hi, late = wall - lo;   // the two readings of this wall time
    const bool early_ok = utc_offset(tz, early) == hi;
    const bool late_ok = utc_offset(tz, late) == lo;
    if (early_ok && late_ok) {
        if (kind) *kind = LocalTimeKind::Repeated;
        return early;
    }
    if (early_ok) return early;
    if (late_ok) return late;
    // In the gap: read with the offset in force before it (the smaller one), i.e. shift forward.
    if (kind) *kind = LocalTimeKind::Skipped;
    return late;
}

}  // namespace sd
