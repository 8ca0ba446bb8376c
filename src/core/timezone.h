// Built-in time zones for business-hours clocks. The browser build has no /usr/share/zoneinfo, so a
// small table maps IANA names to POSIX TZ rules and this module does the maths itself.
//
//   sd::TimeZone ny;
//   std::string err;
//   if (!sd::make_time_zone("America/New_York", ny, err)) puts(err.c_str());   // or a POSIX rule
//   int32_t off = sd::utc_offset(ny, t);              // seconds east of UTC: -18000 or -14400
//   sd::CivilTime wall = sd::to_local(ny, t);          // local wall-clock fields
//   sd::LocalTimeKind kind;
//   sd::Time u = sd::from_local(ny, wall, &kind);      // back to UTC; see the rules below
//
// Rules are the zones' *current* ones applied to every year (no historical transitions): good for
// SLA deadlines, which are about now, not about 1990. POSIX rule format (TZ variable, as in
// RFC 8536's footer): std offset [dst [offset] [,start[/time],end[/time]]]
//   - names: 3+ letters, or <...> quoted (e.g. <+08>); offsets are hours WEST of UTC
//     ("EST5" = UTC-5), [+-]hh[:mm[:ss]];
//   - dst offset defaults to one hour ahead of standard time; a dst name without rules uses the
//     US rules M3.2.0,M11.1.0;
//   - dates: Jn (1..365, February 29 never counted), n (0..365, counted), Mm.w.d (month 1..12,
//     week 1..5 where 5 = last, weekday 0 = Sunday);
//   - time: [+-]hh[:mm[:ss]], -167..167 hours, default 02:00; the start time is local standard
//     time, the end time local daylight time.
//
// Local -> UTC (from_local):
//   - a wall time that does not exist (skipped by a spring-forward gap) is read with the offset in
//     force before the gap, so it lands that many seconds after the gap: New York 02:30 on the
//     spring-forward day becomes 03:30 EDT (kind = Skipped);
//   - a wall time that happens twice (fall-back overlap) is the earlier of the two instants,
//     still in daylight time: New York 01:30 on the fall-back day is 01:30 EDT (kind = Repeated).
// This is what java.time, Python (fold=0) and JavaScript's Temporal "compatible" do.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include "model.h"
#include "time.h"

namespace sd {

// One of the two yearly changes of a POSIX rule.
struct TzDateRule {
    enum class Form : uint8_t { Julian1, Julian0, MonthWeekDay };   // Jn, n, Mm.w.d
    Form form = Form::MonthWeekDay;
    int16_t day = 0;          // Jn: 1..365; n: 0..365; Mm.w.d: weekday 0..6
    int8_t week = 1;          // Mm.w.d only: 1..5 (5 = last)
    int8_t month = 1;         // Mm.w.d only: 1..12
    int32_t time = 2 * 3600;  // seconds after local midnight, -167h..167h
};

struct TimeZone {
    std::string name = "UTC";          // as given: an IANA name from the table, or the rule itself
    std::string posix = "UTC0";        // the POSIX rule it was built from
    std::string std_abbr = "UTC", dst_abbr;
    int32_t std_offset = 0;            // seconds EAST of UTC (Berlin: +3600)
    int32_t dst_offset = 0;            // seconds east of UTC while daylight time is in force
    bool has_dst = false;
    TzDateRule dst_start, dst_end;
};

struct BuiltinZone {
    const char* name;    // IANA name, e.g. "America/New_York"
    const char* posix;   // e.g. "EST5EDT,M3.2.0,M11.1.0"
};
// The built-in table, in display order; `count` receives its length.
const BuiltinZone* builtin_time_zones(size_t& count);

// Parses a POSIX TZ rule. On failure `out` is unchanged and `error` says what is wrong and where.
bool parse_posix_tz(std::string_view rule, TimeZone& out, std::string& error);
// An IANA name from the built-in table ("UTC", "Europe/Berlin"...) or, failing that, a POSIX rule.
bool make_time_zone(std::string_view name_or_rule, TimeZone& out, std::string& error);

// Seconds east of UTC in force at the instant `utc`.
int32_t utc_offset(const TimeZone& tz, Time utc);
bool is_dst(const TimeZone& tz, Time utc);
// The first instant strictly after `utc` at which the offset changes; kNoTime when the zone has no
// daylight time. The offset is constant on [utc, next_transition(utc)).
Time next_transition(const TimeZone& tz, Time utc);
// Daylight time begins at `start` and ends at `end` (UTC instants) in local year `year`.
// False when the zone has no daylight time.
bool dst_transitions(const TimeZone& tz, int year, Time& start, Time& end);

CivilTime to_local(const TimeZone& tz, Time utc);
enum class LocalTimeKind : uint8_t { Unique, Skipped, Repeated };
Time from_local(const TimeZone& tz, const CivilTime& local, LocalTimeKind* kind = nullptr);

}  // namespace sd
