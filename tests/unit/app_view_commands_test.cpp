// The view commands on the native platform: what is open, filters, search, sort, the cursor,
// the multi-selection, windows and the simulated clock. None of them writes anything, except
// select marking a conversation read.
#include "app_fixture.h"
#include "app/state_json.h"

#include "core/time.h"

using app_test::TestApp;
using nlohmann::json;

TEST_CASE("select opens a conversation, marks it read and journals that; null closes it", "[cmd:select]") {
    TestApp t;
    std::string id = t.find_id([](const sd::Conversation& c) { return c.unread; });
    const uint64_t written = t.app.save.ops_written;
    t.ok({{"type", "select"}, {"id", id}});
    CHECK(t.app.view.selected == id);
    CHECK(t.app.view.cursor == id);
    CHECK(t.app.composer.id == id);
    CHECK_FALSE(t.conv(id).unread);
    CHECK(t.app.save.ops_written == written + 1);
    CHECK(platform::native::state().persist_requests > 0);
    t.ack_flushes();
    {
        TestApp again(t.dir);   // the read state was saved
        CHECK_FALSE(again.conv(id).unread);
    }
    t.ok({{"type", "select"}, {"id", nullptr}});
    CHECK(t.app.view.selected.empty());
    t.refused({{"type", "select"}, {"id", "no-such-id"}}, "no conversation \"no-such-id\"");
    t.refused({{"type", "select"}, {"id", 7}}, "\"id\" must be a conversation ID string");
}

TEST_CASE("select in a read-only tab opens without marking read", "[cmd:select]") {
    TestApp writer;
    std::string id = writer.find_id([](const sd::Conversation& c) { return c.unread; });
    TestApp follower(writer.dir, false);
    REQUIRE(follower.app.tab.read_only);
    follower.ok({{"type", "select"}, {"id", id}});
    CHECK(follower.app.view.selected == id);
    CHECK(follower.conv(id).unread);
}

TEST_CASE("filter narrows the rows by every kind of name; an unknown one is refused", "[cmd:filter]") {
    TestApp t;
    const size_t all = t.app.view.rows.size();
    t.ok({{"type", "filter"}, {"name", "marketplace:amazon"}});
    REQUIRE(!t.app.view.rows.empty());
    CHECK(t.app.view.rows.size() < all);
    for (uint32_t i : t.app.view.rows) CHECK(t.app.store.conversations[i].marketplace == sd::Marketplace::Amazon);
    t.ok({{"type", "filter"}, {"name", "sla:overdue"}});
    CHECK(t.app.view.sla_filter == "overdue");
    t.ok({{"type", "filter"}, {"name", "sla:due_soon:walmart"}});
    CHECK(t.app.view.query.filter == "marketplace:walmart");
    t.ok({{"type", "filter"}, {"name", "all"}});
    CHECK(t.app.view.rows.size() + t.app.view.counts.spam == t.app.store.conversations.size());
    t.refused({{"type", "filter"}, {"name", "nonsense"}}, "nonsense");
    t.refused({{"type", "filter"}, {"name", "sla:late"}}, "sla:late");
    t.refused({{"type", "filter"}}, "\"name\" must be a filter name");
}

TEST_CASE("search by field finds what it should; a bad field is refused", "[cmd:search]") {
    TestApp t;
    const sd::Conversation& c = t.conv(t.find_id([](const sd::Conversation& x) { return !x.order_id.empty(); }));
    t.ok({{"type", "search"}, {"field", "order_id"}, {"text", c.order_id}});
    REQUIRE(t.app.view.rows.size() >= 1);
    CHECK(t.app.store.conversations[t.app.view.rows[0]].order_id == c.order_id);
    t.ok({{"type", "search"}, {"text", ""}});
    t.refused({{"type", "search"}, {"field", "colour"}, {"text", "x"}}, "\"field\" must be order_id, subject, customer or all");
    t.refused({{"type", "search"}, {"text", 5}}, "\"text\" must be a string");
}

TEST_CASE("sort orders the rows by the key asked; an unknown key is refused", "[cmd:sort]") {
    TestApp t;
    t.ok({{"type", "sort"}, {"by", "last_message"}});
    CHECK(t.app.view.query.descending);   // newest first by default
    const auto& rows = t.app.view.rows;
    for (size_t k = 1; k < rows.size(); ++k)
        CHECK(t.app.store.conversations[rows[k - 1]].last_message_at() >= t.app.store.conversations[rows[k]].last_message_at());
    t.ok({{"type", "sort"}, {"by", "marketplace"}, {"descending", false}});
    for (size_t k = 1; k < rows.size(); ++k)   // by display name: Amazon, eBay, Tmall, Walmart, Wish
        CHECK(std::string(sd::to_string(t.app.store.conversations[rows[k - 1]].marketplace)) <=
              std::string(sd::to_string(t.app.store.conversations[rows[k]].marketplace)));
    t.refused({{"type", "sort"}, {"by", "colour"}}, "\"by\" must be urgency");
    t.refused({{"type", "sort"}, {"by", "subject"}, {"descending", "yes"}}, "\"descending\" must be true or false");
}

TEST_CASE("clock sets, fast-forwards, pauses and returns to real time; bad values are refused", "[cmd:clock]") {
    TestApp t;
    t.ok({{"type", "clock"}, {"now", "2026-01-05T09:00:00Z"}, {"speed", 0}});
    CHECK(t.app.clock.simulated);
    CHECK(sd::format_iso8601(t.app.now) == "2026-01-05T09:00:00Z");
    platform::native::advance_ms(60000);
    CHECK(app_now(t.app, platform::now_ms()) == t.app.now);   // paused
    t.ok({{"type", "clock"}, {"speed", 3600}});
    platform::native::advance_ms(1000);
    CHECK(app_now(t.app, platform::now_ms()) == t.app.now + 3600);
    t.ok({{"type", "clock"}, {"now", nullptr}});
    CHECK_FALSE(t.app.clock.simulated);
    t.refused({{"type", "clock"}, {"speed", -1}}, "\"speed\" must be a number from 0 (paused) to 1000000");
    t.refused({{"type", "clock"}, {"now", "yesterday"}}, "\"now\" must be an ISO 8601 time or null");
}

TEST_CASE("move walks the cursor within the view and open opens it", "[cmd:move][cmd:open]") {
    TestApp t;
    t.refused({{"type", "open"}}, "no conversation under the cursor");
    json r = t.ok({{"type", "move"}, {"by", 1}});
    CHECK(r["cursor"] == t.first_id());
    t.ok({{"type", "move"}, {"by", 1}});
    const std::string second = t.app.store.conversations[t.app.view.rows[1]].id;
    CHECK(t.app.view.cursor == second);
    t.ok({{"type", "move"}, {"by", -100}});
    CHECK(t.app.view.cursor == t.first_id());
    t.ok({{"type", "move"}, {"by", 1}});
    t.ok({{"type", "open"}});
    CHECK(t.app.view.selected == second);
    t.refused({{"type", "move"}, {"by", 1.5}}, "\"by\" must be a whole number of rows");
    t.ok({{"type", "search"}, {"field", "order_id"}, {"text", "no-such-order-anywhere"}});
    t.refused({{"type", "move"}, {"by", 1}}, "the list is empty");
}

TEST_CASE("multi_select by ids, all, toggle and range; IDs outside the view are refused", "[cmd:multi_select]") {
    TestApp t;
    const auto& rows = t.app.view.rows;
    auto id_at = [&](size_t k) { return t.app.store.conversations[rows.at(k)].id; };
    json r = t.ok({{"type", "multi_select"}, {"ids", {id_at(0), id_at(2)}}});
    CHECK(r["count"] == 2);
    t.ok({{"type", "multi_select"}, {"toggle", id_at(2)}});
    CHECK(t.app.view.checked.size() == 1);
    t.ok({{"type", "multi_select"}, {"range_to", id_at(4)}});
    CHECK(t.app.view.checked.size() == 3);   // from the toggled row (2) to 4
    t.ok({{"type", "multi_select"}, {"ids", "all"}});
    CHECK(t.app.view.checked.size() == rows.size());
    t.ok({{"type", "multi_select"}, {"ids", json::array()}});
    CHECK(t.app.view.checked.empty());
    t.refused({{"type", "multi_select"}, {"ids", {"no-such-id"}}}, "is not one");
    t.refused({{"type", "multi_select"}, {"toggle", "no-such-id"}}, "\"toggle\" must be the ID of a conversation in the list");
    t.refused({{"type", "multi_select"}}, "multi_select needs");
}

TEST_CASE("window opens, closes and toggles the named windows", "[cmd:window]") {
    TestApp t;
    t.ok({{"type", "window"}, {"name", "templates"}, {"open", true}});
    CHECK(t.app.templates.show_window);
    t.ok({{"type", "window"}, {"name", "templates"}});
    CHECK_FALSE(t.app.templates.show_window);
    t.ok({{"type", "window"}, {"name", "clock"}});
    t.ok({{"type", "window"}, {"name", "training"}, {"open", true}});
    CHECK(t.app.training.show_window);
    CHECK(t.app.show_clock);
    t.ok({{"type", "window"}, {"name", "performance"}, {"open", true}});
    CHECK(t.app.dashboard.show);
    t.ok({{"type", "window"}, {"name", "projection"}});
    CHECK(t.app.dashboard.show_projection);
    CHECK(state_json(t.app, 0)["windows"]["performance"] == true);
    CHECK(state_json(t.app, 0)["windows"]["projection"] == true);
    t.refused({{"type", "window"}, {"name", "kitchen"}}, "\"name\" must be shortcuts, settings, clock, team, templates, training, performance or projection");
    t.refused({{"type", "window"}, {"name", "team"}, {"open", "yes"}}, "\"open\" must be true or false");
}

TEST_CASE("the filter \"projection\" lists the projection's must-answer list in its order", "[cmd:filter]") {
    TestApp t;
    t.refused({{"type", "filter"}, {"name", "projection"}}, "there is no projection yet");
    CHECK(state_json(t.app, 0)["filter"] == "all");
    t.ok({{"type", "projection"}, {"hours", 24 * 7}});
    const json must = state_json(t.app, 0)["projection"]["must_answer"];
    REQUIRE(must.size() > 0);
    t.ok({{"type", "filter"}, {"name", "projection"}});
    json s = state_json(t.app, SIZE_MAX);
    CHECK(s["filter"] == "projection");
    std::vector<std::string> rows;
    for (const json& r : s["rows"]) rows.push_back(r["id"].get<std::string>());
    CHECK(rows == must.get<std::vector<std::string>>());
    t.ok({{"type", "filter"}, {"name", "unread"}});
    CHECK(state_json(t.app, 0)["filter"] == "unread");
    CHECK_FALSE(t.app.view.must_answer);
}
