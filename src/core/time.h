// Calendar maths and ISO 8601 text for sd::Time (seconds since the Unix epoch, UTC).
//
//   sd::Time t;
//   if (sd::parse_iso8601("2026-11-25T09:30:00+08:00", t)) ...   // offsets and 'Z' accepted
//   std::string s = sd::format_iso8601(t);                        // "2026-11-25T01:30:00Z"
//   sd::CivilTime c = sd::to_civil(t);                             // fields in UTC
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include "model.h"

namespace sd {

struct CivilTime {
    int year = 1970, month = 1, day = 1;     // month 1..12, day 1..31
    int hour = 0, minute = 0, second = 0;
};

// Days since 1970-01-01 for a proleptic Gregorian date, and back.
int64_t days_from_civil(int year, int month, int day);
void civil_from_days(int64_t days, int& year, int& month, int& day);
int weekday_from_days(int64_t days);         // 0 = Sunday .. 6 = Saturday
int days_in_month(int year, int month);

CivilTime to_civil(Time t);
Time from_civil(const CivilTime& c);         // c is read as UTC

// "YYYY-MM-DDTHH:MM:SSZ". kNoTime formats as "".
std::string format_iso8601(Time t);
// Accepts YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM|±HHMM) and a bare date YYYY-MM-DD (midnight UTC).
// Fractions of a second are truncated. Returns false on anything else (nothing is guessed).
bool parse_iso8601(std::string_view text, Time& out);

constexpr Time kMinute = 60;
constexpr Time kHour = 3600;
constexpr Time kDay = 86400;

}  // namespace sd
