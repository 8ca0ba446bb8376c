// Training work kept apart from the inbox across reloads (training_save.h), imported packs and
// "Make a scenario from this" (training_packs.h): what survives a reload, what is refused and
// that none of it reaches the real inbox.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app_fixture.h"
#include "app_inbox_files.h"
#include "app/import_export.h"
#include "app/training.h"
#include "core/scenario.h"

using app_test::TestApp;
using app_test::export_without_time;
using app_test::folder_files;
using nlohmann::json;

namespace {

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

bool lists(const json& training, const std::string& scenario) {
    const json& ids = training["scenarios"];
    return std::find(ids.begin(), ids.end(), json(scenario)) != ids.end();
}

// The bundled Wish pack under another pack ID and other scenario IDs: a pack a trainer could import.
json wish_copy(const std::string& pack_id) {
    json p = json::parse(read_text(SD_SOURCE_DIR "/assets/scenarios/wish.json"));
    p["id"] = pack_id;
    for (json& s : p["scenarios"]) s["id"] = pack_id + "-" + s["id"].get<std::string>();
    return p;
}

// The first conversation of the real inbox a scenario can be made from.
std::string convertible_id(const TestApp& t) {
    for (const sd::Conversation& c : t.app.store.conversations) {
        sd::Scenario s;
        std::string error;
        if (c.kind == sd::ConversationKind::PostSale && sd::scenario_from_conversation(t.app.store, c, s, error)) return c.id;
    }
    FAIL("no conversation of the demo makes a scenario");
    return "";
}

const std::string kInr = "amazon-inr-follow-up";
const std::string kInrConversation = "training-amazon-inr-follow-up";

}  // namespace

TEST_CASE("a running scenario and what the trainee did survive a reload, apart from the real inbox", "[training][persist]") {
    TestApp t;
    const std::string before = export_without_time(t.app);
    t.ok({{"type", "clock"}, {"now", "2026-03-02T09:00:00Z"}, {"speed", 0}});
    t.ok({{"type", "training_start"}, {"scenario", kInr}});
    t.ok({{"type", "clock"}, {"now", "2026-03-02T11:00:00Z"}});
    t.ok({{"type", "draft"}, {"id", kInrConversation}, {"text", "Hello Hannah,\n\nSorry, your coffee set is late. It will arrive within 3 days.\n\nBest regards,\nLily"}});
    t.ok({{"type", "mark_sent"}, {"id", kInrConversation}, {"override", true}});
    t.ok({{"type", "label"}, {"id", kInrConversation}, {"label", "lost_parcel"}, {"on", true}});
    const json shown = training_json(t.app);
    REQUIRE(shown["score"]["total"].get<int>() > 0);
    CHECK(std::filesystem::exists(t.dir + "/training/session.json"));

    TestApp again(t.dir);
    CHECK(training_json(again.app) == shown);
    CHECK(again.app.store.conversations.size() == 1);
    CHECK(again.app.view.selected == kInrConversation);
    CHECK(again.conv(kInrConversation).labels == t.conv(kInrConversation).labels);
    again.ok({{"type", "training_stop"}});
    CHECK(export_without_time(again.app) == before);
    CHECK(again.app.clock.sim_at == t.app.training.real_clock.sim_at);

    // The finished score stays for the session report after another reload.
    TestApp third(t.dir);
    CHECK(training_json(third.app)["scenario"].is_null());
    CHECK(training_json(third.app)["finished"] == 1);
    CHECK(training_report(third.app).scores.at(0).total == shown["score"]["total"].get<int>());
    CHECK(export_without_time(third.app) == before);
}

TEST_CASE("a damaged training session is set aside and the real inbox loads as usual", "[training][persist]") {
    TestApp t;
    const std::string before = export_without_time(t.app);
    std::filesystem::create_directories(t.dir + "/training");
    std::ofstream(t.dir + "/training/session.json") << "{\"format\": \"sellerdesk-training-session\", \"finished\": 3}";
    TestApp again(t.dir);
    CHECK(training_json(again.app)["scenario"].is_null());
    CHECK(again.app.training.load_error.find("session.json: finished: must be a list") != std::string::npos);
    CHECK(std::filesystem::exists(t.dir + "/training/session.json.damaged"));
    CHECK(export_without_time(again.app) == before);
}

TEST_CASE("training_import_pack adds a pack beside the bundled ones and keeps it across reloads", "[training][cmd:training_import_pack]") {
    TestApp t;
    const std::string before = export_without_time(t.app);
    const json r = t.ok({{"type", "training_import_pack"}, {"text", wish_copy("acme-wish").dump()}});
    CHECK(r["pack"] == "acme-wish");
    CHECK(r["scenarios"] == 4);
    CHECK(r["replaced"] == false);
    CHECK(lists(training_json(t.app), "acme-wish-wish-customs-duties"));
    CHECK(lists(training_json(t.app), "wish-customs-duties"));   // the bundled one is still there

    TestApp again(t.dir);
    CHECK(lists(training_json(again.app), "acme-wish-wish-customs-duties"));
    CHECK(training_json(again.app)["packs"].back()["source"] == "imported");
    again.ok({{"type", "clock"}, {"now", "2026-03-02T09:00:00Z"}, {"speed", 0}});
    again.ok({{"type", "training_start"}, {"scenario", "acme-wish-wish-customs-duties"}});
    CHECK(again.app.store.conversations.size() == 1);
    again.ok({{"type", "training_stop"}});
    CHECK(export_without_time(again.app) == before);
    // The same pack ID again replaces it.
    json v2 = wish_copy("acme-wish");
    v2["scenarios"].erase(1);
    CHECK(again.ok({{"type", "training_import_pack"}, {"text", v2.dump()}})["replaced"] == true);
    CHECK_FALSE(lists(training_json(again.app), "acme-wish-wish-customs-duties"));
}

TEST_CASE("training_import_pack refuses a bad pack with a clear error and changes nothing", "[training][cmd:training_import_pack]") {
    TestApp t;
    t.ok({{"type", "training_import_pack"}, {"text", wish_copy("acme-wish").dump()}});
    const json packs = training_json(t.app)["packs"];
    const std::string file = read_text(t.dir + "/training/packs.json");
    t.refused({{"type", "training_import_pack"}}, "\"text\" must be the pack file's text");
    t.refused({{"type", "training_import_pack"}, {"text", "{not json"}}, "not imported: ");
    json bad = wish_copy("acme-two");
    bad["scenarios"][0]["timeline"][0]["after_s"] = -60;
    t.refused({{"type", "training_import_pack"}, {"text", bad.dump()}}, "not imported: scenarios/0/timeline/0/after_s");
    t.refused({{"type", "training_import_pack"}, {"text", wish_copy("wish-basics").dump()}}, "pack \"wish-basics\" is bundled with SellerDesk");
    json clash = wish_copy("acme-two");
    clash["scenarios"][0]["id"] = "amazon-inr-follow-up";
    t.refused({{"type", "training_import_pack"}, {"text", clash.dump()}}, "scenario \"amazon-inr-follow-up\" is already in pack \"amazon-basics\"");
    t.ok({{"type", "clock"}, {"now", "2026-03-02T09:00:00Z"}, {"speed", 0}});
    t.ok({{"type", "training_start"}, {"scenario", "acme-wish-wish-address-problem"}});
    t.refused({{"type", "training_import_pack"}, {"text", wish_copy("acme-wish").dump()}}, "a scenario of pack \"acme-wish\" is running");
    t.ok({{"type", "training_stop"}});
    CHECK(training_json(t.app)["packs"] == packs);
    CHECK(read_text(t.dir + "/training/packs.json") == file);
}

TEST_CASE("training_export_pack downloads any pack as a file that imports again", "[training][cmd:training_export_pack]") {
    TestApp t;
    auto& downloads = platform::native::state().downloads;
    downloads.clear();
    t.ok({{"type", "training_export_pack"}, {"pack", "ebay-basics"}});
    REQUIRE(downloads.size() == 1);
    CHECK(downloads[0].name == "sellerdesk-pack-ebay-basics.json");
    sd::ScenarioPack back;
    std::vector<std::string> errors;
    CHECK(sd::pack_from_text(downloads[0].text, back, errors));
    CHECK(back.scenarios.size() == t.app.training.packs[2].scenarios.size());
    t.refused({{"type", "training_export_pack"}, {"pack", "nope"}}, "no pack \"nope\"");
    t.refused({{"type", "training_export_pack"}}, "\"pack\" must be a pack ID");
}

TEST_CASE("scenario_from_conversation makes a scenario of My scenarios from a real conversation", "[training][cmd:scenario_from_conversation]") {
    TestApp t;
    const std::string before = export_without_time(t.app);
    const std::string id = convertible_id(t);
    const json r = t.ok({{"type", "scenario_from_conversation"}, {"id", id}, {"title", "Late parcel, polite buyer"}});
    const std::string scenario = r["scenario"];
    CHECK(scenario.rfind("from-", 0) == 0);
    CHECK(r["replaced"] == false);
    CHECK(lists(training_json(t.app), scenario));
    CHECK(find_training_scenario(t.app, scenario)->title.en == "Late parcel, polite buyer");
    CHECK(export_without_time(t.app) == before);
    // Again with another title: the same scenario, renamed.
    CHECK(t.ok({{"type", "scenario_from_conversation"}, {"id", id}, {"title", "Late parcel"}})["replaced"] == true);
    CHECK(t.app.training.own.scenarios.size() == 1);

    // Kept across a reload, playable, and exported as a pack that validates.
    TestApp again(t.dir);
    CHECK(find_training_scenario(again.app, scenario)->title.en == "Late parcel");
    auto& downloads = platform::native::state().downloads;
    downloads.clear();
    again.ok({{"type", "training_export_pack"}, {"pack", "my-scenarios"}});
    sd::ScenarioPack back;
    std::vector<std::string> errors;
    REQUIRE(sd::pack_from_text(downloads.at(0).text, back, errors));
    CHECK(back.find(scenario));
    again.ok({{"type", "clock"}, {"now", "2026-03-02T09:00:00Z"}, {"speed", 0}});
    again.ok({{"type", "training_start"}, {"scenario", scenario}});
    again.ok({{"type", "training_stop"}});
    CHECK(export_without_time(again.app) == before);
}

TEST_CASE("scenario_from_conversation refuses an unknown conversation, a blank title and a running scenario", "[training][cmd:scenario_from_conversation]") {
    TestApp t;
    const std::string id = convertible_id(t);
    t.refused({{"type", "scenario_from_conversation"}, {"id", "nope"}, {"title", "x"}}, "no conversation \"nope\"");
    t.refused({{"type", "scenario_from_conversation"}, {"id", id}, {"title", "   "}}, "\"title\" must name the scenario");
    CHECK(t.app.training.own.scenarios.empty());
    t.ok({{"type", "clock"}, {"now", "2026-03-02T09:00:00Z"}, {"speed", 0}});
    t.ok({{"type", "training_start"}, {"scenario", kInr}});
    t.refused({{"type", "scenario_from_conversation"}, {"id", kInrConversation}, {"title", "x"}}, "a training scenario is running");
    CHECK(t.app.training.own.scenarios.empty());
    CHECK_FALSE(std::filesystem::exists(t.dir + "/training/packs.json"));
}
