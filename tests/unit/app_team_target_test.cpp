// The team_target command, rows[].team_target and the settings file (issue 17).
#include "app_fixture.h"
#include "app/state_json.h"
#include "core/time.h"

using app_test::TestApp;
using nlohmann::json;

TEST_CASE("team_target: set, shown on the rows, kept in the settings, refused when wrong", "[app][cmd:team_target]") {
    TestApp t;
    json st = state_json(t.app);
    CHECK(st["team_target"] == json{{"enabled", true}, {"hours", 4.0}, {"zone", "Asia/Shanghai"}, {"open", "09:00"}, {"close", "18:00"}});
    // Every row with an open response deadline has a team deadline, and only those.
    int with = 0;
    for (const json& r : st["rows"]) {
        const std::string sla = r["sla"]["state"];
        const bool open = sla == "on_track" || sla == "due_soon" || sla == "overdue";
        if (open) {
            REQUIRE(r["team_target"].is_object());
            ++with;
        }
        if (sla == "none" || sla == "closed") CHECK(r["team_target"].is_null());
    }
    CHECK(with > 0);

    t.ok({{"type", "team_target"}, {"hours", 8}, {"zone", "Europe/Berlin"}});
    CHECK(t.app.settings.team_target.duration_s == 8 * 3600);
    CHECK(t.app.settings.team_target.schedule.zone.name == "Europe/Berlin");
    t.refused({{"type", "team_target"}, {"hours", 500}}, "\"hours\" must be a number of working hours from 0.25 to 168");
    t.refused({{"type", "team_target"}, {"open", "19:00"}}, "open before it closes");
    t.refused({{"type", "team_target"}, {"minutes", 5}}, "unknown member \"minutes\"");
    t.refused({{"type", "team_target"}}, "give at least one of");
    t.ack_flushes();
    {
        TestApp again(t.dir);   // in settings.json
        CHECK(again.app.settings.team_target.duration_s == 8 * 3600);
        CHECK(again.app.settings.team_target.schedule.zone.name == "Europe/Berlin");
    }
    t.ok({{"type", "team_target"}, {"enabled", false}});
    for (const json& r : state_json(t.app)["rows"]) CHECK(r["team_target"].is_null());
}

TEST_CASE("a Walmart BBB / Attorney General complaint label gives a 1 h deadline", "[app][cmd:label]") {
    TestApp t;
    const std::string id = t.find_id([](const sd::Conversation& c) {
        return c.marketplace == sd::Marketplace::Walmart && c.status == sd::Status::AwaitingSeller && c.spam == sd::SpamReason::None &&
               !c.messages.empty() && c.messages.back().direction == sd::Direction::Inbound;
    });
    t.ok({{"type", "label"}, {"id", id}, {"add", {sd::labels::kBbbAgComplaint}}});
    for (const json& r : state_json(t.app)["rows"])
        if (r["id"] == id) CHECK(r["sla"]["policy"] == "walmart_bbb_ag_complaint");
}
