// Training mode in the app (training.h): a scenario runs in a store of its own on the simulated
// clock, the usual commands act on it and are scored, and the real inbox comes back as it was.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app_fixture.h"
#include "app_inbox_files.h"
#include "app/import_export.h"
#include "app/training.h"
#include "core/time.h"

using app_test::TestApp;
using app_test::export_without_time;
using app_test::folder_files;
using nlohmann::json;

namespace {

const std::string kInr = "amazon-inr-follow-up";
const std::string kInrConversation = "training-amazon-inr-follow-up";

// Starts `scenario` at a fixed simulated time.
void start(TestApp& t, const std::string& scenario) {
    t.ok({{"type", "clock"}, {"now", "2026-03-02T09:00:00Z"}, {"speed", 0}});
    t.ok({{"type", "training_start"}, {"scenario", scenario}});
}

void advance(TestApp& t, const std::string& iso) { t.ok({{"type", "clock"}, {"now", iso}}); }

void send(TestApp& t, const std::string& id, const std::string& text) {
    t.ok({{"type", "draft"}, {"id", id}, {"text", text}});
    t.ok({{"type", "mark_sent"}, {"id", id}, {"override", true}});
}

int criterion_points(const json& training, const std::string& id) {
    for (const json& k : training["score"]["criteria"])
        if (k["id"] == id) return k["points"].get<int>();
    FAIL("no criterion " << id);
    return -1;
}

}  // namespace

TEST_CASE("state().training lists the bundled scenarios and is idle before a start", "[training]") {
    TestApp t;
    const json tr = training_json(t.app);
    CHECK(tr["scenario"].is_null());
    CHECK(tr["running"] == false);
    CHECK(tr["clock"].is_null());
    CHECK(tr["score"]["max"] == 0);
    CHECK(tr["scenarios"].size() >= 20);
    CHECK(std::find(tr["scenarios"].begin(), tr["scenarios"].end(), json(kInr)) != tr["scenarios"].end());
}

TEST_CASE("training_start opens the scenario in a store of its own; training_stop brings the real inbox back", "[training][cmd:training_start][cmd:training_stop]") {
    TestApp t;
    const std::string real_export = export_without_time(t.app);
    const auto real_files = folder_files(t.dir + "/inbox");   // the inbox's own folder (the training keeps its session beside it)
    const size_t real_count = t.app.store.conversations.size();
    start(t, kInr);
    CHECK(t.app.store.conversations.size() == 1);
    CHECK(t.app.view.selected == kInrConversation);
    json tr = training_json(t.app);
    CHECK(tr["scenario"] == kInr);
    CHECK(tr["clock"] == "2026-03-02T09:00:00Z");
    CHECK(tr["running"] == false);   // the clock is paused
    CHECK(tr["score"]["max"].get<int>() > 0);
    CHECK(t.conv(kInrConversation).messages.size() == 1);

    // The trainee's work goes through the usual commands, and none of it reaches the inbox's files.
    send(t, kInrConversation, "Hello Hannah, sorry that your coffee set has not arrived.");
    t.ok({{"type", "label"}, {"id", kInrConversation}, {"label", "lost_parcel"}, {"on", true}});
    t.ack_flushes();
    CHECK(folder_files(t.dir + "/inbox") == real_files);

    t.ok({{"type", "training_stop"}});
    CHECK(training_json(t.app)["scenario"].is_null());
    CHECK(t.app.store.conversations.size() == real_count);
    CHECK(t.app.store.find_conversation(kInrConversation) == nullptr);
    CHECK(export_without_time(t.app) == real_export);
    CHECK(t.app.clock.simulated == true);   // the clock as it was before the start
    CHECK(folder_files(t.dir + "/inbox") == real_files);
    // Loaded again from its folder: the real inbox, nothing of the training.
    TestApp again(t.dir);
    CHECK(again.app.store.conversations.size() == real_count);
    CHECK(export_without_time(again.app) == real_export);
}

TEST_CASE("training_start refuses an unknown scenario, a second start and a missing ID", "[training][cmd:training_start]") {
    TestApp t;
    t.refused({{"type", "training_start"}, {"scenario", "amazon-nope"}}, "no scenario \"amazon-nope\" in the packs");
    t.refused({{"type", "training_start"}}, "\"scenario\" must be a scenario ID");
    t.ok({{"type", "training_start"}, {"scenario", kInr}});
    t.refused({{"type", "training_start"}, {"scenario", "ebay-snad"}}, "is running: training_stop first");
}

TEST_CASE("training_stop without a running scenario is refused", "[training][cmd:training_stop]") {
    TestApp t;
    t.refused({{"type", "training_stop"}}, "no scenario is running");
}

TEST_CASE("commands that replace the whole inbox wait until the training stops", "[training]") {
    TestApp t;
    start(t, kInr);
    json r = t.run({{"type", "reset_demo"}, {"conversations", 10}, {"seed", 2}});
    CHECK(r["ok"] == false);
    CHECK(r["error"].get<std::string>().find("stop the training first") != std::string::npos);
    CHECK(t.app.store.conversations.size() == 1);
}

TEST_CASE("the scenario's events arrive as the simulated clock advances", "[training]") {
    TestApp t;
    start(t, kInr);
    advance(t, "2026-03-02T20:00:00Z");   // 11 h: the follow-up is at 18 h
    CHECK(t.conv(kInrConversation).messages.size() == 1);
    advance(t, "2026-03-03T03:00:01Z");
    REQUIRE(t.conv(kInrConversation).messages.size() == 2);
    CHECK(t.conv(kInrConversation).messages.back().body == "Any update?? Still nothing here.");
    sd::Time started = 0;
    REQUIRE(sd::parse_iso8601("2026-03-02T09:00:00Z", started));
    CHECK(t.conv(kInrConversation).messages.back().at == started + 64800);   // its after_s
    // A frame with the clock running brings nothing twice.
    training_tick(t.app);
    CHECK(t.conv(kInrConversation).messages.size() == 2);
}

TEST_CASE("in the app, no follow-up comes once the trainee has answered", "[training]") {
    TestApp t;
    start(t, kInr);
    advance(t, "2026-03-02T10:00:00Z");
    send(t, kInrConversation, "Hello Hannah, we are on it.");
    advance(t, "2026-03-04T09:00:00Z");
    const auto& msgs = t.conv(kInrConversation).messages;
    CHECK(msgs.size() == 2);
    CHECK(msgs.back().role == sd::AuthorRole::Agent);
}

TEST_CASE("in the app, a clean structured reply sent through the commands outscores a careless one", "[training]") {
    const std::string clean =
        "Hello Hannah,\n\nThank you for your message. I am sorry that your coffee set has not arrived yet.\n\n"
        "The parcel is with USPS and should reach you within 3 business days. You can choose:\n"
        "1. Wait 3 more business days while we watch the tracking.\n"
        "2. Receive a replacement shipped today.\n"
        "3. Receive a full refund.\n\nBest regards,\nLily Wang";
    const std::string messy = "your coffee set is coming. write to help@brightnest.com if you want something else";
    int clean_total = 0, messy_total = 0;
    int clean_rules = 0, messy_rules = 0;
    for (int pass = 0; pass < 2; ++pass) {
        TestApp t;
        start(t, kInr);
        advance(t, "2026-03-02T11:00:00Z");
        send(t, kInrConversation, pass == 0 ? clean : messy);
        const json tr = training_json(t.app);
        (pass == 0 ? clean_total : messy_total) = tr["score"]["total"].get<int>();
        (pass == 0 ? clean_rules : messy_rules) = criterion_points(tr, "reply_rules");
        CHECK(criterion_points(tr, "response_time") == 20);   // both within Amazon's 24 hours
    }
    CHECK(clean_total > messy_total);
    CHECK(clean_rules > messy_rules);
}

TEST_CASE("in the app, a slow first answer loses the time points", "[training]") {
    TestApp t;
    start(t, kInr);
    advance(t, "2026-03-04T03:00:00Z");   // 42 h after the message: late against Amazon's 24 h
    send(t, kInrConversation, "Hello Hannah, sorry for the wait.");
    CHECK(criterion_points(training_json(t.app), "response_time") < 20);
}

TEST_CASE("in the app, the spam scenario scores a correct flag_spam and not a wrong one", "[training]") {
    const std::string id = "training-walmart-presale-spam";
    int right = -1, wrong = -1, none = -1;
    for (const char* reason : {"spam", "fraud", ""}) {
        TestApp t;
        start(t, "walmart-presale-spam");
        if (*reason) t.ok({{"type", "flag_spam"}, {"id", id}, {"reason", reason}});
        const int p = criterion_points(training_json(t.app), "spam");
        (std::string(reason) == "spam" ? right : std::string(reason) == "fraud" ? wrong : none) = p;
    }
    CHECK(right == 20);
    CHECK(wrong < right);
    CHECK(none == 0);
}

TEST_CASE("a template inserted while training counts for the template criterion", "[training]") {
    TestApp t;
    start(t, kInr);
    const json before = training_json(t.app);
    CHECK(criterion_points(before, "template") == 0);
    t.ok({{"type", "insert_template"}, {"id", kInrConversation}, {"template", "amazon-item-not-received"}});
    CHECK(criterion_points(training_json(t.app), "template") == 10);
}

TEST_CASE("training_report downloads the session report as JSON or a printable page", "[training][cmd:training_report]") {
    TestApp t;
    t.refused({{"type", "training_report"}}, "no scenario was played yet");
    start(t, "walmart-presale-spam");
    t.ok({{"type", "flag_spam"}, {"id", "training-walmart-presale-spam"}, {"reason", "spam"}});
    t.ok({{"type", "training_stop"}});
    t.refused({{"type", "training_report"}, {"format", "pdf"}}, "\"format\" must be \"json\" or \"html\"");
    auto& downloads = platform::native::state().downloads;
    downloads.clear();
    t.ok({{"type", "training_report"}, {"format", "json"}});
    t.ok({{"type", "training_report"}, {"format", "html"}});
    REQUIRE(downloads.size() == 2);
    const json report = json::parse(downloads[0].text);
    CHECK(report["format"] == "sellerdesk-training-report");
    REQUIRE(report["scenarios"].size() == 1);
    CHECK(report["scenarios"][0]["scenario"] == "walmart-presale-spam");
    CHECK(downloads[1].name == "sellerdesk-training-report.html");
    CHECK(downloads[1].text.find("<html") != std::string::npos);
}

TEST_CASE("a criterion's message follows the UI language", "[training]") {
    TestApp t;
    start(t, "walmart-presale-spam");
    t.ok({{"type", "language"}, {"lang", "zh"}});
    const std::string zh = training_json(t.app)["score"]["criteria"][0]["message"];
    t.ok({{"type", "language"}, {"lang", "en"}});
    const std::string en = training_json(t.app)["score"]["criteria"][0]["message"];
    CHECK(zh != en);
    CHECK(zh.find("\xE3") != std::string::npos);   // CJK text (U+3000 and up starts with E3..E9)
}
