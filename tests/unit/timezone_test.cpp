// Built-in time zones: POSIX rule parsing, 2026 transitions worked out by hand (US second Sunday of
// March / first Sunday of November at 02:00 local; EU last Sundays of March / October at 01:00 UTC;
// Sydney first Sundays of October / April), and local -> UTC around the gaps and overlaps.
#include <catch2/catch.hpp>

#include "core/time.h"
#include "core/timezone.h"

namespace {

sd::Time at(const char* iso) {
    sd::Time t = 0;
    REQUIRE(sd::parse_iso8601(iso, t));
    return t;
}

sd::TimeZone zone(const char* name) {
    sd::TimeZone tz;
    std::string err;
    INFO(name);
    REQUIRE(sd::make_time_zone(name, tz, err));
    return tz;
}

sd::CivilTime wall(int y, int mo, int d, int h, int mi, int s = 0) {
    sd::CivilTime c;
    c.year = y;
    c.month = mo;
    c.day = d;
    c.hour = h;
    c.minute = mi;
    c.second = s;
    return c;
}

}  // namespace

TEST_CASE("POSIX rules parse into offsets and transition rules", "[tz]") {
    sd::TimeZone tz;
    std::string err;
    REQUIRE(sd::parse_posix_tz("EST5EDT,M3.2.0,M11.1.0", tz, err));
    CHECK(tz.std_abbr == "EST");
    CHECK(tz.dst_abbr == "EDT");
    CHECK(tz.std_offset == -5 * 3600);
    CHECK(tz.dst_offset == -4 * 3600);
    CHECK(tz.has_dst);
    CHECK(tz.dst_start.form == sd::TzDateRule::Form::MonthWeekDay);
    CHECK(int(tz.dst_start.month) == 3);
    CHECK(int(tz.dst_start.week) == 2);
    CHECK(tz.dst_start.day == 0);
    CHECK(tz.dst_start.time == 7200);
    CHECK(int(tz.dst_end.month) == 11);

    REQUIRE(sd::parse_posix_tz("CET-1CEST,M3.5.0,M10.5.0/3", tz, err));
    CHECK(tz.std_offset == 3600);
    CHECK(tz.dst_offset == 7200);
    CHECK(tz.dst_end.time == 3 * 3600);

    REQUIRE(sd::parse_posix_tz("<+0530>-5:30", tz, err));
    CHECK(tz.std_abbr == "+0530");
    CHECK(tz.std_offset == 5 * 3600 + 30 * 60);
    CHECK_FALSE(tz.has_dst);

    REQUIRE(sd::parse_posix_tz("AAA3BBB2,J60/0,300/-1:30", tz, err));
    CHECK(tz.std_offset == -3 * 3600);
    CHECK(tz.dst_offset == -2 * 3600);
    CHECK(tz.dst_start.form == sd::TzDateRule::Form::Julian1);
    CHECK(tz.dst_start.day == 60);
    CHECK(tz.dst_start.time == 0);
    CHECK(tz.dst_end.form == sd::TzDateRule::Form::Julian0);
    CHECK(tz.dst_end.day == 300);
    CHECK(tz.dst_end.time == -(3600 + 1800));

    // DST name without rules: one hour ahead, US rules.
    REQUIRE(sd::parse_posix_tz("PST8PDT", tz, err));
    CHECK(tz.dst_offset == -7 * 3600);
    CHECK(int(tz.dst_start.month) == 3);
    CHECK(int(tz.dst_end.month) == 11);
}

TEST_CASE("bad POSIX rules are rejected with a reason and leave the zone unchanged", "[tz]") {
    const char* bad[] = {"",
                         "EST",
                         "ES5",
                         "EST5EDT,M13.1.0,M11.1.0",
                         "EST5EDT,M3.6.0,M11.1.0",
                         "EST5EDT,M3.2.7,M11.1.0",
                         "EST5EDT,M3.2.0",
                         "EST5EDT,M3.2.0,M11.1.0x",
                         "EST5EDT,M3.2.0/168,M11.1.0",
                         "EST5EDT,J0,J100",
                         "EST5EDT,366,100",
                         "EST25",
                         "<+08-8"};
    for (const char* rule : bad) {
        sd::TimeZone tz;
        tz.name = "kept";
        std::string err;
        INFO(rule);
        CHECK_FALSE(sd::parse_posix_tz(rule, tz, err));
        CHECK_FALSE(err.empty());
        CHECK(tz.name == "kept");
    }
    sd::TimeZone tz;
    std::string err;
    CHECK_FALSE(sd::make_time_zone("Mars/Olympus_Mons", tz, err));
    CHECK(err.find("unknown time zone 'Mars/Olympus_Mons'") != std::string::npos);
}

TEST_CASE("every built-in zone parses and keeps its IANA name", "[tz]") {
    size_t n = 0;
    const sd::BuiltinZone* zones = sd::builtin_time_zones(n);
    REQUIRE(n >= 12);
    for (size_t i = 0; i < n; ++i) {
        sd::TimeZone tz = zone(zones[i].name);
        CHECK(tz.name == zones[i].name);
        CHECK(tz.posix == zones[i].posix);
    }
    CHECK(zone("Asia/Shanghai").std_offset == 8 * 3600);
    CHECK(zone("Asia/Hong_Kong").std_offset == 8 * 3600);
    CHECK(zone("Asia/Tokyo").std_offset == 9 * 3600);
    CHECK(zone("America/Denver").std_offset == -7 * 3600);
    CHECK(zone("Europe/Paris").posix == zone("Europe/Berlin").posix);
    // A POSIX rule is accepted where a name is expected.
    CHECK(zone("EST5EDT,M3.2.0,M11.1.0").std_offset == -5 * 3600);
}

TEST_CASE("US 2026: spring forward 8 March, fall back 1 November", "[tz]") {
    const sd::TimeZone ny = zone("America/New_York");
    sd::Time s = 0, e = 0;
    REQUIRE(sd::dst_transitions(ny, 2026, s, e));
    CHECK(s == at("2026-03-08T07:00:00Z"));   // 02:00 EST
    CHECK(e == at("2026-11-01T06:00:00Z"));   // 02:00 EDT
    CHECK(sd::utc_offset(ny, s - 1) == -5 * 3600);
    CHECK(sd::utc_offset(ny, s) == -4 * 3600);
    CHECK(sd::utc_offset(ny, e - 1) == -4 * 3600);
    CHECK(sd::utc_offset(ny, e) == -5 * 3600);
    CHECK(sd::is_dst(ny, at("2026-07-04T12:00:00Z")));
    CHECK_FALSE(sd::is_dst(ny, at("2026-01-15T12:00:00Z")));

    const sd::TimeZone chi = zone("America/Chicago");
    REQUIRE(sd::dst_transitions(chi, 2026, s, e));
    CHECK(s == at("2026-03-08T08:00:00Z"));
    CHECK(e == at("2026-11-01T07:00:00Z"));
    const sd::TimeZone la = zone("America/Los_Angeles");
    REQUIRE(sd::dst_transitions(la, 2026, s, e));
    CHECK(s == at("2026-03-08T10:00:00Z"));
    CHECK(e == at("2026-11-01T09:00:00Z"));
    CHECK_FALSE(sd::dst_transitions(zone("America/Phoenix"), 2026, s, e));

    // 2027: second Sunday of March is the 14th, first Sunday of November the 7th.
    REQUIRE(sd::dst_transitions(ny, 2027, s, e));
    CHECK(s == at("2027-03-14T07:00:00Z"));
    CHECK(e == at("2027-11-07T06:00:00Z"));

    // Wall clock either side of the gap.
    sd::CivilTime c = sd::to_local(ny, at("2026-03-08T06:59:59Z"));
    CHECK((c.hour == 1 && c.minute == 59 && c.second == 59));
    c = sd::to_local(ny, at("2026-03-08T07:00:00Z"));
    CHECK((c.day == 8 && c.hour == 3 && c.minute == 0));
}

TEST_CASE("EU and UK 2026: last Sundays of March and October at 01:00 UTC", "[tz]") {
    sd::Time s = 0, e = 0;
    for (const char* name : {"Europe/London", "Europe/Berlin", "Europe/Paris"}) {
        INFO(name);
        REQUIRE(sd::dst_transitions(zone(name), 2026, s, e));
        CHECK(s == at("2026-03-29T01:00:00Z"));
        CHECK(e == at("2026-10-25T01:00:00Z"));   // M10.5.0: October 2026 has only four Sundays
    }
    const sd::TimeZone lon = zone("Europe/London");
    CHECK(sd::utc_offset(lon, at("2026-03-29T00:59:59Z")) == 0);
    CHECK(sd::utc_offset(lon, at("2026-03-29T01:00:00Z")) == 3600);
    const sd::TimeZone ber = zone("Europe/Berlin");
    CHECK(sd::utc_offset(ber, at("2026-10-25T00:59:59Z")) == 7200);
    CHECK(sd::utc_offset(ber, at("2026-10-25T01:00:00Z")) == 3600);
}

TEST_CASE("Sydney: daylight time spans the new year", "[tz]") {
    const sd::TimeZone syd = zone("Australia/Sydney");
    sd::Time s = 0, e = 0;
    REQUIRE(sd::dst_transitions(syd, 2026, s, e));
    CHECK(e == at("2026-04-04T16:00:00Z"));   // Sunday 5 April 03:00 AEDT
    CHECK(s == at("2026-10-03T16:00:00Z"));   // Sunday 4 October 02:00 AEST
    CHECK(sd::utc_offset(syd, at("2026-01-15T00:00:00Z")) == 11 * 3600);
    CHECK(sd::utc_offset(syd, e - 1) == 11 * 3600);
    CHECK(sd::utc_offset(syd, e) == 10 * 3600);
    CHECK(sd::utc_offset(syd, at("2026-07-01T00:00:00Z")) == 10 * 3600);
    CHECK(sd::utc_offset(syd, s - 1) == 10 * 3600);
    CHECK(sd::utc_offset(syd, s) == 11 * 3600);
    // Across the UTC new year (local is already 1 January in daylight time).
    CHECK(sd::utc_offset(syd, at("2026-12-31T20:00:00Z")) == 11 * 3600);
    CHECK(sd::next_transition(syd, at("2026-12-31T20:00:00Z")) == at("2027-04-03T16:00:00Z"));
}

TEST_CASE("next_transition finds the next change strictly after the instant", "[tz]") {
    const sd::TimeZone ny = zone("America/New_York");
    CHECK(sd::next_transition(ny, at("2026-01-01T00:00:00Z")) == at("2026-03-08T07:00:00Z"));
    CHECK(sd::next_transition(ny, at("2026-03-08T07:00:00Z")) == at("2026-11-01T06:00:00Z"));
    CHECK(sd::next_transition(ny, at("2026-03-08T06:59:59Z")) == at("2026-03-08T07:00:00Z"));
    CHECK(sd::next_transition(ny, at("2026-12-01T00:00:00Z")) == at("2027-03-14T07:00:00Z"));
    CHECK(sd::next_transition(zone("Asia/Shanghai"), at("2026-06-01T00:00:00Z")) == sd::kNoTime);
    CHECK(sd::next_transition(zone("UTC"), at("2026-06-01T00:00:00Z")) == sd::kNoTime);
}

TEST_CASE("Julian day rules: Jn never counts 29 February, n does", "[tz]") {
    sd::TimeZone tz;
    std::string err;
    // 2024 is a leap year. J60 = 1 March; n = 59 (zero-based) = 29 February.
    REQUIRE(sd::parse_posix_tz("AAA0BBB,J60/0,J300/0", tz, err));
    sd::Time s = 0, e = 0;
    REQUIRE(sd::dst_transitions(tz, 2024, s, e));
    CHECK(s == at("2024-03-01T00:00:00Z"));
    REQUIRE(sd::parse_posix_tz("AAA0BBB,59/0,J300/0", tz, err));
    REQUIRE(sd::dst_transitions(tz, 2024, s, e));
    CHECK(s == at("2024-02-29T00:00:00Z"));
    REQUIRE(sd::dst_transitions(tz, 2025, s, e));
    CHECK(s == at("2025-03-01T00:00:00Z"));
    // J300 ends at 00:00 local daylight time (UTC+1) on 27 October.
    CHECK(e == at("2025-10-26T23:00:00Z"));
}

TEST_CASE("local to UTC: skipped hour moves forward, repeated hour takes the first", "[tz]") {
    const sd::TimeZone ny = zone("America/New_York");
    sd::LocalTimeKind k = sd::LocalTimeKind::Unique;
    CHECK(sd::from_local(ny, wall(2026, 7, 1, 12, 0), &k) == at("2026-07-01T16:00:00Z"));
    CHECK(k == sd::LocalTimeKind::Unique);
    CHECK(sd::from_local(ny, wall(2026, 3, 8, 2, 30), &k) == at("2026-03-08T07:30:00Z"));   // = 03:30 EDT
    CHECK(k == sd::LocalTimeKind::Skipped);
    CHECK(sd::from_local(ny, wall(2026, 3, 8, 3, 0), &k) == at("2026-03-08T07:00:00Z"));
    CHECK(k == sd::LocalTimeKind::Unique);
    CHECK(sd::from_local(ny, wall(2026, 3, 8, 1, 59, 59), &k) == at("2026-03-08T06:59:59Z"));
    CHECK(k == sd::LocalTimeKind::Unique);
    CHECK(sd::from_local(ny, wall(2026, 11, 1, 1, 30), &k) == at("2026-11-01T05:30:00Z"));   // 01:30 EDT
    CHECK(k == sd::LocalTimeKind::Repeated);
    CHECK(sd::from_local(ny, wall(2026, 11, 1, 2, 0), &k) == at("2026-11-01T07:00:00Z"));
    CHECK(k == sd::LocalTimeKind::Unique);

    const sd::TimeZone ber = zone("Europe/Berlin");
    CHECK(sd::from_local(ber, wall(2026, 3, 29, 2, 30), &k) == at("2026-03-29T01:30:00Z"));   // 03:30 CEST
    CHECK(k == sd::LocalTimeKind::Skipped);
    CHECK(sd::from_local(ber, wall(2026, 10, 25, 2, 30), &k) == at("2026-10-25T00:30:00Z"));  // 02:30 CEST
    CHECK(k == sd::LocalTimeKind::Repeated);

    const sd::TimeZone syd = zone("Australia/Sydney");
    CHECK(sd::from_local(syd, wall(2026, 10, 4, 2, 30), &k) == at("2026-10-03T16:30:00Z"));   // 03:30 AEDT
    CHECK(k == sd::LocalTimeKind::Skipped);
    CHECK(sd::from_local(syd, wall(2026, 4, 5, 2, 30), &k) == at("2026-04-04T15:30:00Z"));    // 02:30 AEDT
    CHECK(k == sd::LocalTimeKind::Repeated);

    CHECK(sd::from_local(zone("Asia/Shanghai"), wall(2026, 11, 25, 9, 0), &k) == at("2026-11-25T01:00:00Z"));
    CHECK(k == sd::LocalTimeKind::Unique);
}

TEST_CASE("to_local and from_local agree every 15 minutes of 2026 in every built-in zone", "[tz]") {
    size_t n = 0;
    const sd::BuiltinZone* zones = sd::builtin_time_zones(n);
    const sd::Time begin = at("2026-01-01T00:00:00Z"), end = at("2027-01-01T00:00:00Z");
    for (size_t i = 0; i < n; ++i) {
        const sd::TimeZone tz = zone(zones[i].name);
        int mismatches = 0, repeated = 0;
        for (sd::Time t = begin; t < end; t += 900) {
            sd::LocalTimeKind k;
            const sd::Time back = sd::from_local(tz, sd::to_local(tz, t), &k);
            if (k == sd::LocalTimeKind::Skipped) ++mismatches;   // a wall time shown by to_local exists
            if (k == sd::LocalTimeKind::Repeated) {
                ++repeated;
                if (back != t && back != t - (tz.dst_offset - tz.std_offset)) ++mismatches;
            } else if (back != t) {
                ++mismatches;
            }
        }
        INFO(zones[i].name);
        CHECK(mismatches == 0);
        CHECK(repeated == (tz.has_dst ? 8 : 0));   // one repeated hour = 4 quarter hours, seen twice
    }
}
