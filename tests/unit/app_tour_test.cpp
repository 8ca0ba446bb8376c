// The guided tour (tour.h): it runs on a demo inbox of its own, walks its steps forward and back,
// loops by itself in kiosk mode, refuses what would touch the real inbox, and leaves the real
// inbox, its files and its export exactly as they were.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app_fixture.h"
#include "app_inbox_files.h"
#include "app/import_export.h"
#include "app/tour.h"
#include "core/compose.h"

using app_test::TestApp;
using app_test::export_without_time;
using app_test::folder_files;
using nlohmann::json;

namespace {

// The rules the checker finds in the open conversation's draft.
std::vector<std::string> draft_rules(const AppState& app) {
    std::vector<std::string> rules;
    const sd::Conversation* c = app.store.find_conversation(app.view.selected);
    REQUIRE(c);
    for (const sd::Finding& f : sd::check_draft(app.store, *c, c->draft)) rules.push_back(f.rule);
    return rules;
}

}  // namespace

TEST_CASE("the tour walks its steps on a demo inbox of its own and leaves the real inbox as it was", "[tour][cmd:tour_start][cmd:tour_next][cmd:tour_back][cmd:tour_stop]") {
    TestApp t(80, 3);
    t.ok({{"type", "label"}, {"id", t.first_id()}, {"label", "vip"}, {"on", true}});
    t.ack_flushes();
    const std::string before = export_without_time(t.app);
    const auto files = folder_files(t.dir + "/inbox");
    t.ok({{"type", "tour_start"}});
    json s = tour_json(t.app);
    CHECK(s["running"] == true);
    CHECK(s["step"] == 0);
    CHECK(s["steps"] == tour_step_count());
    CHECK(s["kiosk"] == false);
    CHECK(s["id"] == "filters");
    CHECK(t.app.view.query.filter == "response_needed");
    CHECK(t.app.store.conversations.size() == 120);   // the tour's demo, not the real 80

    std::vector<std::string> seen = {s["id"]};
    for (int i = 1; i < tour_step_count(); ++i) {
        t.ok({{"type", "tour_next"}});
        seen.push_back(tour_json(t.app)["id"]);
        if (seen.back() == "template") {   // a template whose placeholders the conversation fills
            const std::string& draft = t.app.store.find_conversation(t.app.view.selected)->draft;
            CHECK_FALSE(draft.empty());
            CHECK(draft.find('{') == std::string::npos);
        }
        if (seen.back() == "checker") {
            const std::vector<std::string> rules = draft_rules(t.app);
            CHECK(std::find(rules.begin(), rules.end(), "email_address") != rules.end());
        }
    }
    CHECK(seen == std::vector<std::string>{"filters", "sla", "template", "checker", "export"});
    t.refused({{"type", "tour_next"}}, "this is the tour's last step: tour_stop ends it");
    t.ok({{"type", "tour_back"}});
    CHECK(tour_json(t.app)["id"] == "checker");
    t.ok({{"type", "tour_stop"}});
    CHECK(tour_json(t.app)["running"] == false);
    CHECK(t.app.store.conversations.size() == 80);
    CHECK(export_without_time(t.app) == before);
    t.ack_flushes();
    CHECK(folder_files(t.dir + "/inbox") == files);
    TestApp again(t.dir);
    CHECK(export_without_time(again.app) == before);
}

TEST_CASE("kiosk mode moves to the next step on its timer and loops", "[tour][cmd:tour_start]") {
    TestApp t;
    const std::string before = export_without_time(t.app);
    t.ok({{"type", "tour_start"}, {"kiosk", true}, {"step_s", 2}});
    CHECK(tour_json(t.app)["kiosk"] == true);
    std::vector<int> steps;
    for (int i = 0; i < 2 * tour_step_count(); ++i) {
        t.app.real_ms += 1000;
        tour_tick(t.app);
        steps.push_back(tour_json(t.app)["step"].get<int>());
    }
    CHECK(steps == std::vector<int>{0, 1, 1, 2, 2, 3, 3, 4, 4, 0});
    t.ok({{"type", "tour_stop"}});
    CHECK(export_without_time(t.app) == before);
}

TEST_CASE("the tour refuses bad options, a second start and what would touch the real inbox", "[tour][cmd:tour_start][cmd:tour_stop][cmd:tour_next][cmd:tour_back]") {
    TestApp t;
    t.refused({{"type", "tour_stop"}}, "no tour is running");
    t.refused({{"type", "tour_next"}}, "no tour is running");
    t.refused({{"type", "tour_back"}}, "no tour is running");
    t.refused({{"type", "tour_start"}, {"kiosk", "yes"}}, "\"kiosk\" must be true or false");
    t.refused({{"type", "tour_start"}, {"step_s", 0}}, "\"step_s\" must be a number of seconds from 0.2 to 600");
    t.ok({{"type", "clock"}, {"now", "2026-03-02T09:00:00Z"}, {"speed", 0}});
    t.ok({{"type", "training_start"}, {"scenario", "amazon-inr-follow-up"}});
    t.refused({{"type", "tour_start"}}, "a training scenario is running: training_stop first");
    t.ok({{"type", "training_stop"}});

    t.ok({{"type", "tour_start"}});
    t.refused({{"type", "tour_back"}}, "this is the tour's first step");
    t.refused({{"type", "tour_start"}}, "the tour is running: tour_stop first");
    for (const char* type : {"reset_demo", "settings", "template_save", "insert_template", "training_start", "clock", "scenario_from_conversation"}) {
        INFO(type);
        json r = t.run({{"type", type}, {"id", t.app.view.selected}});
        CHECK(r["ok"] == false);
        CHECK(r["error"].get<std::string>().find("waits while the guided tour shows its demo inbox") != std::string::npos);
    }
    t.ok({{"type", "tour_stop"}});
}
