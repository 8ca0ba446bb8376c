#include <catch2/catch.hpp>

#include "core/time.h"

using namespace sd;

TEST_CASE("ISO 8601 round trip and offsets", "[time]") {
    Time t = 0;
    REQUIRE(parse_iso8601("2026-11-25T09:30:00Z", t));
    CHECK(format_iso8601(t) == "2026-11-25T09:30:00Z");
    Time u = 0;
    REQUIRE(parse_iso8601("2026-11-25T17:30:00+08:00", u));
    CHECK(u == t);
    REQUIRE(parse_iso8601("2026-11-25T04:30-0500", u));
    CHECK(u == t);
    REQUIRE(parse_iso8601("2026-11-25T09:30:00.987Z", u));
    CHECK(u == t);
    REQUIRE(parse_iso8601("2026-11-25", u));
    CHECK(format_iso8601(u) == "2026-11-25T00:00:00Z");
    CHECK(format_iso8601(kNoTime).empty());
}

TEST_CASE("ISO 8601 refuses what it cannot read exactly", "[time]") {
    Time t = 0;
    for (const char* bad : {"", "yesterday", "2026-13-01T00:00:00Z", "2026-02-30", "2026-11-25T24:00:00Z",
                            "2026-11-25T09:30:00", "2026-11-25T09:30:00Zjunk", "2026-11-25T9:30:00Z", "2026/11/25"}) {
        INFO(bad);
        CHECK_FALSE(parse_iso8601(bad, t));
    }
}

TEST_CASE("civil calendar conversions", "[time]") {
    CHECK(days_from_civil(1970, 1, 1) == 0);
    CHECK(days_from_civil(2000, 3, 1) == 11017);
    CHECK(weekday_from_days(days_from_civil(2026, 11, 25)) == 3);   // a Wednesday
    CHECK(days_in_month(2024, 2) == 29);
    CHECK(days_in_month(2100, 2) == 28);
    for (int64_t d = -800000; d < 800000; d += 997) {
        int y, m, dd;
        civil_from_days(d, y, m, dd);
        REQUIRE(days_from_civil(y, m, dd) == d);
    }
    CivilTime c = to_civil(-1);
    CHECK(c.year == 1969);
    CHECK(c.hour == 23);
    CHECK(c.second == 59);
}
