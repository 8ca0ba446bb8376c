// The simulated clock (issue 17): it moves the SLA engine, never the real data. Exports, their file
// names, remarks, notes, typed-in messages, saved mails and a template's last use carry the wall
// clock; the clock's state survives a reload while it is on.
#include "app_fixture.h"
#include "app/state_json.h"
#include "app/import_export.h"
#include "app/inbox.h"
#include "app/metrics_cache.h"
#include "app/records_import.h"
#include "core/time.h"

using app_test::TestApp;
using nlohmann::json;

namespace {

constexpr sd::Time kReal = 1764072000;                   // the native platform's clock: 2025-11-25T12:00:00Z
const char* const kFuture = "2026-03-02T09:00:00Z";      // where the tests set the simulated clock

// A simulated clock three months ahead, standing still.
void simulate(TestApp& t) {
    t.ok({{"type", "clock"}, {"now", kFuture}, {"speed", 0}});
    REQUIRE(t.app.now != kReal);
    REQUIRE(real_now() == kReal);
}

}  // namespace

TEST_CASE("remarks and notes are stamped with the wall clock, not the simulated one", "[app][clock][cmd:add_remark][cmd:add_note]") {
    TestApp t;
    simulate(t);
    const std::string id = t.first_id();
    t.ok({{"type", "add_remark"}, {"id", id}, {"text", "已发货，顺丰"}, {"kind", "shipped"}});
    t.ok({{"type", "add_note"}, {"id", id}, {"text", "Phoned the buyer."}});
    CHECK(t.conv(id).remarks.back().at == kReal);
    CHECK(t.conv(id).notes.back().at == kReal);
}

TEST_CASE("an export and its file name carry the wall clock", "[app][clock]") {
    TestApp t;
    simulate(t);
    CHECK(export_file_name(t.app, false) == "sellerdesk-20251125-1200.json");
    CHECK(export_file_name(t.app, true) == "sellerdesk-redacted-20251125-1200.json");
    std::string text, error;
    REQUIRE(export_json_text(t.app, ExportRequest(), text, error));
    const json j = json::parse(text);
    INFO(j["header"].dump());
    CHECK(j["header"]["exported_at"] == sd::format_iso8601(kReal));
}

TEST_CASE("a typed-in message arrives at the wall clock; the future is the real one", "[app][clock][cmd:new_conversation]") {
    TestApp t;
    simulate(t);
    json r = t.ok({{"type", "new_conversation"}, {"marketplace", "walmart"}, {"customer", "Jane Doe"}, {"order_id", ""},
                   {"subject", "Size?"}, {"text", "Which size fits a 10-year-old?"}});
    CHECK(t.conv(r["id"]).messages[0].at == kReal);
    // Before the simulated time but after the real one: still in the future.
    t.refused({{"type", "new_conversation"}, {"marketplace", "walmart"}, {"customer", "x"}, {"subject", "s"}, {"text", "t"},
               {"at", "2026-01-01T00:00:00Z"}}, "future");
}

TEST_CASE("a template's last use is the wall clock", "[app][clock][cmd:insert_template]") {
    TestApp t;
    simulate(t);
    const std::string id = t.first_id();
    const std::string tid = t.app.templates.lib.templates.at(0).id;
    t.ok({{"type", "insert_template"}, {"id", id}, {"template", tid}});
    const sd::Template* used = nullptr;
    for (const sd::Template& x : t.app.templates.lib.templates)
        if (x.id == tid) used = &x;
    REQUIRE(used);
    CHECK(used->last_used == kReal);
}

TEST_CASE("replies and closing follow the app clock: they are what the SLA measures", "[app][clock][cmd:reply]") {
    TestApp t;
    simulate(t);
    const std::string id = t.first_id();
    t.ok({{"type", "reply"}, {"id", id}, {"text", "Hello, it ships today."}});
    CHECK(t.conv(id).messages.back().at == t.app.now);
}

TEST_CASE("the simulated clock survives a reload while it is on", "[app][clock][cmd:clock]") {
    TestApp t;
    t.ok({{"type", "clock"}, {"now", kFuture}, {"speed", 60}});
    sd::Time start = 0;
    REQUIRE(sd::parse_iso8601(kFuture, start));
    t.ack_flushes();
    platform::native::advance_ms(10000);   // 10 s later, at 60 x: 10 simulated minutes on
    {
        TestApp again(t.dir);
        CHECK(again.app.clock.simulated);
        CHECK(again.app.clock.speed == 60);
        CHECK(again.app.now == start + 600);
    }
    // Paused: the same time after any wait.
    t.ok({{"type", "clock"}, {"now", kFuture}, {"speed", 0}});
    platform::native::advance_ms(3600e3);
    {
        TestApp again(t.dir);
        CHECK(again.app.clock.simulated);
        CHECK(again.app.clock.speed == 0);
        CHECK(again.app.now == start);
    }
    // Back to real time: a reload stays real.
    t.ok({{"type", "clock"}, {"now", nullptr}});
    {
        TestApp again(t.dir);
        CHECK_FALSE(again.app.clock.simulated);
        CHECK(again.app.now == real_now());
    }
    // A damaged preference is ignored.
    platform::native::state().preferences["clock"] = "{\"sim_at\": \"soon\"}";
    TestApp again(t.dir);
    CHECK_FALSE(again.app.clock.simulated);
}

TEST_CASE("moving the clock keeps the metrics' episode cache, and the metrics follow the clock", "[app][clock][metrics]") {
    TestApp t;
    const json before = metrics_state_json(t.app);   // builds the cache
    REQUIRE(t.app.metrics.valid);
    const size_t episodes = t.app.metrics.cache.episodes.size();
    simulate(t);
    // The cache lists every message whatever the time: a clock command leaves it as it is ...
    CHECK(t.app.metrics.valid);
    CHECK(t.app.metrics.cache.episodes.size() == episodes);
    // ... and the metrics at the new time are what a fresh build computes there.
    sd::EpisodeCache fresh;
    sd::build_episode_cache(t.app.settings.sla, t.app.store, t.app.now, fresh);
    const json expect = sd::metrics_to_json(sd::compute_metrics(fresh, t.app.store, t.app.now, metrics_preset(t.app)));
    CHECK(metrics_state_json(t.app) == expect);
    CHECK(metrics_state_json(t.app) != before);   // three months later, other windows
}
