// The account metrics in the app: add_defect, projection, state().metrics kept equal to a full
// recompute while commands change the inbox (metrics_cache.h).
#include "app_fixture.h"

#include "app/metrics_cache.h"
#include "app/state_json.h"
#include "core/metrics.h"

using app_test::TestApp;
using nlohmann::json;

namespace {

// state().metrics as a fresh cache built now would give it.
json recomputed(const AppState& app) {
    sd::EpisodeCache cache;
    sd::build_episode_cache(app.settings.sla, app.store, app.now, cache);
    return sd::metrics_to_json(sd::compute_metrics(cache, app.store, app.now, metrics_preset(app)));
}

}  // namespace

TEST_CASE("add_defect records a defect on an order, saved and shown with the order", "[cmd:add_defect]") {
    TestApp t(200);
    const std::string id = t.find_id([](const sd::Conversation& c) { return c.marketplace == sd::Marketplace::Amazon && !c.order_id.empty(); });
    const std::string order = t.conv(id).order_id;
    const size_t before = t.app.store.find_order(order)->defects.size();
    t.ok({{"type", "add_defect"}, {"order_id", order}, {"kind", "negative_feedback"}});
    t.ok({{"type", "add_defect"}, {"order_id", order}, {"kind", "chargeback"}, {"at", sd::format_iso8601(t.app.now - 60)}});
    const sd::Order* o = t.app.store.find_order(order);
    REQUIRE(o->defects.size() == before + 2);
    t.ok({{"type", "select"}, {"id", id}});
    const json s = state_json(t.app, 10);
    REQUIRE(s["order"].is_object());
    CHECK(s["order"]["id"] == order);
    CHECK(s["order"]["defects"].size() == before + 2);
    CHECK(s["metrics"] == recomputed(t.app));
    TestApp again(t.dir);
    CHECK(again.app.store.find_order(order)->defects.size() == before + 2);

    t.refused({{"type", "add_defect"}, {"order_id", "nope"}, {"kind", "a_to_z"}}, "no order \"nope\"");
    t.refused({{"type", "add_defect"}, {"order_id", order}, {"kind", "refund"}}, "\"kind\" must be a_to_z, negative_feedback or chargeback");
    t.refused({{"type", "add_defect"}, {"order_id", order}, {"kind", "a_to_z"}, {"at", "soon"}}, "\"at\" must be an ISO 8601 time");
    t.refused({{"type", "add_defect"}, {"kind", "a_to_z"}}, "\"order_id\" must name an order");
    t.refused({{"type", "add_defect"}, {"order_id", order}, {"kind", "chargeback"}, {"at", sd::format_iso8601(t.app.now - 60)}},
              "already has a chargeback defect");
    t.refused({{"type", "add_defect"}, {"order_id", order}, {"kind", "a_to_z"}, {"at", "1999-01-01T00:00:00Z"}},
              "a defect cannot come before the order was bought");
}

TEST_CASE("projection sets the time state().projection is taken at", "[cmd:projection]") {
    TestApp t(300);
    CHECK(state_json(t.app, 1)["projection"].is_null());
    t.refused({{"type", "projection"}, {"until", sd::format_iso8601(t.app.now - 1)}}, "\"until\" must be after the app's time");
    t.refused({{"type", "projection"}, {"until", "monday"}}, "\"until\" must be an ISO 8601 time");
    t.refused({{"type", "projection"}, {"hours", -2}}, "\"hours\" must be a number");
    t.refused({{"type", "projection"}}, "give either \"until\"");
    const json r = t.ok({{"type", "projection"}, {"hours", 48}});
    const json p = state_json(t.app, 1)["projection"];
    REQUIRE(p.is_object());
    CHECK(p["until"] == r["until"]);
    sd::Time until = 0;
    REQUIRE(sd::parse_iso8601(p["until"].get<std::string>(), until));
    CHECK(until == t.app.now + 48 * sd::kHour);
    sd::EpisodeCache cache;
    sd::build_episode_cache(t.app.settings.sla, t.app.store, t.app.now, cache);
    const sd::Projection want = sd::project_metrics(cache, t.app.store, t.app.now, until, metrics_preset(t.app));
    CHECK(p["metrics"] == sd::metrics_to_json(want.metrics));
    CHECK(p["must_answer"] == json(want.must_answer));
    // Answering the first conversation it asks for takes it off the list.
    if (!want.must_answer.empty()) {
        const std::string first = want.must_answer[0];
        t.ok({{"type", "reply"}, {"id", first}, {"text", "We are on it."}});
        const json after = state_json(t.app, 1)["projection"]["must_answer"];
        CHECK(std::find(after.begin(), after.end(), json(first)) == after.end());
    }
    t.ok({{"type", "projection"}, {"until", nullptr}});
    CHECK(state_json(t.app, 1)["projection"].is_null());
}

TEST_CASE("state().metrics follows replies, new messages and the preset", "[metrics][app]") {
    TestApp t(300);
    CHECK(state_json(t.app, 1)["metrics"] == recomputed(t.app));
    for (int k = 0; k < 5; ++k) {
        const std::string id = t.find_id([](const sd::Conversation& c) { return sd::needs_reply(c) && !c.messages.empty(); });
        t.ok({{"type", "reply"}, {"id", id}, {"text", "Your parcel left today."}});
        CHECK(state_json(t.app, 1)["metrics"] == recomputed(t.app));
    }
    t.ok({{"type", "sla_preset"}, {"preset", "seller_guides"}});
    const json s = state_json(t.app, 1);
    CHECK(s["metrics"]["walmart"]["response_rate"]["window_days"] == 14);
    CHECK(s["metrics"] == recomputed(t.app));
}
