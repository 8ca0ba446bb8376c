// The times a projection is asked for, in the agent's own time zone: "next Monday 09:00", and a
// date-time typed by hand ("2026-12-07 09:00" local, or ISO 8601 with an offset).
//
//   sd::Time t = sd::next_local_time(zone, now, 1, 9 * sd::kHour);   // the next Monday 09:00 after now
//   sd::Time u;
//   std::string why;
//   if (!sd::parse_local_time("2026-12-07 09:00", zone, u, why)) show(why);
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include "time.h"
#include "timezone.h"

namespace sd {

// The first instant after `now` at which the wall clock of `zone` reads `time_of_day` (seconds
// after midnight) on `weekday` (0 = Sunday .. 6 = Saturday). A wall time skipped by a DST change
// is read as timezone.h's from_local reads it.
Time next_local_time(const TimeZone& zone, Time now, int weekday, int32_t time_of_day);

// "YYYY-MM-DD HH:MM" or "YYYY-MM-DDTHH:MM[:SS]" read as the wall clock of `zone`; anything with
// 'Z' or an offset as ISO 8601 says. False with `why` (English, like command errors) otherwise.
bool parse_local_time(std::string_view text, const TimeZone& zone, Time& out, std::string& why);

}  // namespace sd
