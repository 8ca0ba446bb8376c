// The team's own target beside the marketplace's deadline, and the marketplaces' own labels
// (issue 17). Times by hand: Asia/Shanghai is UTC+8 all year.
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/sla.h"
#include "core/time.h"

namespace {

sd::Time at(const char* iso) {
    sd::Time t = 0;
    REQUIRE(sd::parse_iso8601(iso, t));
    return t;
}

// A Walmart conversation whose buyer wrote on Friday 2026-11-27 at 16:00 in Shanghai (08:00Z).
sd::Conversation friday_message() {
    sd::Conversation c;
    c.id = "c1";
    c.marketplace = sd::Marketplace::Walmart;
    sd::Message m;
    m.id = "m1";
    m.at = at("2026-11-27T08:00:00Z");
    c.messages.push_back(m);
    return c;
}

void reply(sd::Conversation& c, const char* iso) {
    sd::Message m;
    m.id = "r1";
    m.direction = sd::Direction::Outbound;
    m.role = sd::AuthorRole::Agent;
    m.at = at(iso);
    c.messages.push_back(m);
    c.status = sd::Status::AwaitingCustomer;
}

sd::TeamDeadline team(const sd::Conversation& c, const char* now, const sd::TeamTarget& t = sd::default_team_target()) {
    const sd::SlaPolicySet policies = sd::make_sla_policies(sd::SlaPreset::Current);
    const sd::Time n = at(now);
    return sd::team_deadline(t, c, sd::evaluate_sla(policies, c, n), n);
}

}  // namespace

TEST_CASE("team target: 4 working hours, Mon-Fri 09:00-18:00 Shanghai, over a weekend", "[team_target]") {
    const sd::Conversation c = friday_message();
    // Friday 16:00-18:00 is 2 h; Monday 09:00 + 2 h = Monday 11:00 Shanghai = 03:00Z.
    const sd::Time due = at("2026-11-30T03:00:00Z");
    sd::TeamDeadline d = team(c, "2026-11-27T09:30:00Z");   // Friday 17:30: 2.5 working hours left
    CHECK(d.state == sd::SlaState::OnTrack);
    CHECK(d.deadline == due);
    CHECK(d.remaining == due - at("2026-11-27T09:30:00Z"));
    // Monday 10:15: 45 working minutes left, within the last hour.
    CHECK(team(c, "2026-11-30T02:15:00Z").state == sd::SlaState::DueSoon);
    // Sunday noon: the marketplace's 48 h still run, the team's clock stands still at 2 h left.
    CHECK(team(c, "2026-11-29T04:00:00Z").state == sd::SlaState::OnTrack);
    CHECK(team(c, "2026-11-30T03:00:00Z").state == sd::SlaState::Overdue);
    CHECK(team(c, "2026-11-30T03:00:00Z").remaining == 0);
    CHECK(team(c, "2026-11-30T05:00:00Z").remaining == -2 * 3600);
}

TEST_CASE("team target: answered in time or late, off, and no response deadline", "[team_target]") {
    sd::Conversation c = friday_message();
    reply(c, "2026-11-30T02:30:00Z");   // Monday 10:30
    CHECK(team(c, "2026-11-30T06:00:00Z").state == sd::SlaState::Answered);
    sd::Conversation late = friday_message();
    reply(late, "2026-11-30T04:00:00Z");   // Monday 12:00: after the team's 11:00, long before Walmart's 48 h
    CHECK(team(late, "2026-11-30T06:00:00Z").state == sd::SlaState::AnsweredLate);

    sd::TeamTarget off = sd::default_team_target();
    off.enabled = false;
    CHECK(team(friday_message(), "2026-11-27T09:30:00Z", off).state == sd::SlaState::None);

    // Amazon's "No response needed": the exempt policy leaves no response deadline, so no target.
    sd::Conversation nrn = friday_message();
    nrn.marketplace = sd::Marketplace::Amazon;
    nrn.labels = {sd::labels::kNoResponseNeeded};
    CHECK(team(nrn, "2026-11-27T09:30:00Z").state == sd::SlaState::None);
    nrn.labels.clear();
    CHECK(team(nrn, "2026-11-27T09:30:00Z").state == sd::SlaState::OnTrack);
}

TEST_CASE("team target JSON: partial updates and specific refusals", "[team_target]") {
    const sd::TeamTarget base = sd::default_team_target();
    const nlohmann::json j = sd::team_target_to_json(base);
    CHECK(j == nlohmann::json{{"enabled", true}, {"hours", 4.0}, {"zone", "Asia/Shanghai"}, {"open", "09:00"}, {"close", "18:00"}});
    sd::TeamTarget t;
    std::string error;
    REQUIRE(sd::team_target_from_json({{"hours", 2.5}, {"zone", "America/New_York"}, {"close", "17:30"}}, base, t, error));
    CHECK(t.duration_s == 9000);
    CHECK(t.open == 9 * 3600);
    CHECK(t.close == 17 * 3600 + 1800);
    CHECK(t.schedule.zone.name == "America/New_York");
    CHECK(t.schedule.week[1].size() == 1);   // Monday open
    CHECK(t.schedule.week[0].empty());       // Sunday closed
    CHECK(t.enabled);
    const std::pair<nlohmann::json, const char*> bad[] = {
        {{{"hours", 0}}, "\"hours\" must be a number of working hours from 0.25 to 168"},
        {{{"hours", "4"}}, "\"hours\" must be"},
        {{{"open", "9:00"}}, "\"open\" and \"close\" must be times of day"},
        {{{"close", "24:30"}}, "\"open\" and \"close\" must be times of day"},
        {{{"open", "18:00"}}, "open before it closes"},
        {{{"zone", "Mars/Olympus"}}, "\"zone\" must be a time zone"},
        {{{"enabled", "yes"}}, "\"enabled\" must be true or false"},
        {nlohmann::json::array(), "must be an object"},
    };
    for (const auto& [input, why] : bad) {
        INFO(input.dump());
        sd::TeamTarget out = base;
        out.duration_s = 123;
        error.clear();
        CHECK_FALSE(sd::team_target_from_json(input, base, out, error));
        CHECK(error.find(why) != std::string::npos);
        CHECK(out.duration_s == 123);   // untouched
    }
}

TEST_CASE("each marketplace's own labels, and what the current policies do with them", "[labels][sla]") {
    const auto& walmart = sd::marketplace_labels(sd::Marketplace::Walmart);
    CHECK(std::find(walmart.begin(), walmart.end(), std::string(sd::labels::kBbbAgComplaint)) != walmart.end());
    const auto& amazon = sd::marketplace_labels(sd::Marketplace::Amazon);
    REQUIRE(amazon.size() == 1);
    CHECK(std::string(amazon[0]) == sd::labels::kNoResponseNeeded);
    CHECK(sd::marketplace_labels(sd::Marketplace::Tmall).empty());

    const sd::SlaPolicySet policies = sd::make_sla_policies(sd::SlaPreset::Current);
    sd::Conversation c = friday_message();
    c.labels = {sd::labels::kBbbAgComplaint};
    const sd::Time now = at("2026-11-27T08:50:00Z");
    const sd::SlaResult r = sd::evaluate_sla(policies, c, now);
    REQUIRE(r.response_deadline());
    CHECK(policies.policies[size_t(r.response_deadline()->policy)].id == "walmart_bbb_ag_complaint");
    CHECK(r.response_deadline()->deadline == at("2026-11-27T09:00:00Z"));   // 1 h
    CHECK(r.response_deadline()->state == sd::SlaState::DueSoon);           // 10 min left: the last quarter
}
