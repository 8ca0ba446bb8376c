// "Monday 09:00" and typed times of the projection panel, in the agent's time zone.
#include <catch2/catch.hpp>

#include "core/projection_time.h"

namespace {
sd::Time at(const char* iso) {
    sd::Time t = sd::kNoTime;
    REQUIRE(sd::parse_iso8601(iso, t));
    return t;
}
sd::TimeZone zone(const char* name) {
    sd::TimeZone z;
    std::string e;
    REQUIRE(sd::make_time_zone(name, z, e));
    return z;
}
}  // namespace

TEST_CASE("next Monday 09:00 is found in the zone's wall clock", "[projection_time]") {
    const sd::TimeZone utc;
    // Friday 2026-12-04 17:00 UTC -> Monday 2026-12-07 09:00 UTC.
    CHECK(sd::next_local_time(utc, at("2026-12-04T17:00:00Z"), 1, 9 * 3600) == at("2026-12-07T09:00:00Z"));
    // On a Monday before nine: the same day; at nine exactly or later: a week on.
    CHECK(sd::next_local_time(utc, at("2026-12-07T08:59:00Z"), 1, 9 * 3600) == at("2026-12-07T09:00:00Z"));
    CHECK(sd::next_local_time(utc, at("2026-12-07T09:00:00Z"), 1, 9 * 3600) == at("2026-12-14T09:00:00Z"));
    // Shanghai is UTC+8: Monday 09:00 there is Monday 01:00 UTC; on Sunday 20:00 UTC it is already Monday 04:00 there.
    const sd::TimeZone sh = zone("Asia/Shanghai");
    CHECK(sd::next_local_time(sh, at("2026-12-04T17:00:00Z"), 1, 9 * 3600) == at("2026-12-07T01:00:00Z"));
    CHECK(sd::next_local_time(sh, at("2026-12-06T20:00:00Z"), 1, 9 * 3600) == at("2026-12-07T01:00:00Z"));
    CHECK(sd::next_local_time(sh, at("2026-12-07T02:00:00Z"), 1, 9 * 3600) == at("2026-12-14T01:00:00Z"));
}

TEST_CASE("next Monday 09:00 keeps the wall time across a DST change", "[projection_time]") {
    const sd::TimeZone ny = zone("America/New_York");
    // Friday 2026-10-30; clocks fall back on Sunday 2026-11-01: Monday 09:00 is EST (UTC-5).
    CHECK(sd::next_local_time(ny, at("2026-10-30T18:00:00Z"), 1, 9 * 3600) == at("2026-11-02T14:00:00Z"));
    // A week earlier it was EDT (UTC-4).
    CHECK(sd::next_local_time(ny, at("2026-10-23T18:00:00Z"), 1, 9 * 3600) == at("2026-10-26T13:00:00Z"));
}

TEST_CASE("a typed time is read in the zone, or as ISO 8601 when it has its own offset", "[projection_time]") {
    const sd::TimeZone sh = zone("Asia/Shanghai");
    sd::Time t = 0;
    std::string why;
    REQUIRE(sd::parse_local_time("2026-12-07 09:00", sh, t, why));
    CHECK(t == at("2026-12-07T01:00:00Z"));
    CHECK(why.empty());
    REQUIRE(sd::parse_local_time(" 2026-12-07T09:00:30 ", sh, t, why));
    CHECK(t == at("2026-12-07T01:00:30Z"));
    REQUIRE(sd::parse_local_time("2026-12-07T09:00:00Z", sh, t, why));
    CHECK(t == at("2026-12-07T09:00:00Z"));
    REQUIRE(sd::parse_local_time("2026-12-07T09:00+02:00", sh, t, why));
    CHECK(t == at("2026-12-07T07:00:00Z"));
}

TEST_CASE("a typed time that is not one is refused with the reason, and the output is untouched", "[projection_time]") {
    const sd::TimeZone utc;
    for (const char* bad : {"", "Monday", "2026-12-07", "2026-12-07 9:00", "2026-13-01 09:00", "2026-02-30 09:00",
                            "2026-12-07 24:00", "2026-12-07 09:00:61", "2026-12-07 09:00 tomorrow"}) {
        INFO(bad);
        sd::Time t = 42;
        std::string why;
        CHECK_FALSE(sd::parse_local_time(bad, utc, t, why));
        CHECK(t == 42);
        CHECK_FALSE(why.empty());
    }
}
