// Projection times in the agent's time zone (projection_time.h).
#include "projection_time.h"

#include <cctype>

namespace sd {

Time next_local_time(const TimeZone& zone, Time now, int weekday, int32_t time_of_day) {
    const CivilTime today = to_local(zone, now);
    const int64_t day0 = days_from_civil(today.year, today.month, today.day);
    // Eight days cover "later today" through "the same weekday next week".
    for (int64_t d = day0; d <= day0 + 8; ++d) {
        if (weekday_from_days(d) != weekday) continue;
        CivilTime wall;
        civil_from_days(d, wall.year, wall.month, wall.day);
        wall.hour = time_of_day / 3600;
        wall.minute = time_of_day / 60 % 60;
        wall.second = time_of_day % 60;
        const Time t = from_local(zone, wall);
        if (t > now) return t;
    }
    return kNoTime;   // not reached for a valid weekday
}

namespace {

bool digits(std::string_view s, size_t at, size_t n, int& out) {
    if (at + n > s.size()) return false;
    out = 0;
    for (size_t i = at; i < at + n; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

}  // namespace

bool parse_local_time(std::string_view text, const TimeZone& zone, Time& out, std::string& why) {
    const std::string_view s = trimmed(text);
    why = "a time is written 2026-12-07 09:00 (your time zone, " + zone.name + ") or as ISO 8601 with Z or an offset";
    // With a zone of its own (Z or ±HH:MM after the time), ISO 8601 decides.
    const size_t tail = s.size() > 10 ? s.find_first_of("Zz+-", 10) : std::string_view::npos;
    if (tail != std::string_view::npos) return parse_iso8601(s, out);
    CivilTime c;
    if (!digits(s, 0, 4, c.year) || s.size() < 16 || s[4] != '-' || !digits(s, 5, 2, c.month) || s[7] != '-' ||
        !digits(s, 8, 2, c.day) || (s[10] != ' ' && s[10] != 'T') || !digits(s, 11, 2, c.hour) || s[13] != ':' ||
        !digits(s, 14, 2, c.minute))
        return false;
    if (s.size() != 16 && (s.size() != 19 || s[16] != ':' || !digits(s, 17, 2, c.second))) return false;
    if (c.month < 1 || c.month > 12 || c.day < 1 || c.day > days_in_month(c.year, c.month) || c.hour > 23 || c.minute > 59 ||
        c.second > 59) {
        why = "there is no such date or time: " + std::string(s);
        return false;
    }
    out = from_local(zone, c);
    why.clear();
    return true;
}

}  // namespace sd
