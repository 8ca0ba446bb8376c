// The open inbox on the native platform: saving and the save state, a follower tab replaying the
// writer's journal, handing the inbox over, and state() as the bridge returns it.
#include "app_fixture.h"

#include "app/composer.h"
#include "app/state_json.h"

using app_test::TestApp;
using nlohmann::json;

TEST_CASE("every change is flushed; a refused flush is reported and retried, nothing is lost", "[inbox]") {
    TestApp t;
    const std::string id = t.first_id();
    CHECK(state_json(t.app, 0)["save"]["state"] == "saved");
    t.ok({{"type", "add_note"}, {"id", id}, {"text", "kept"}});
    CHECK(t.app.save.in_flight);
    CHECK(state_json(t.app, 0)["save"]["state"] == "saving");
    on_persisted(t.app, false, "the browser's storage for this site is full");
    json s = state_json(t.app, 0);
    CHECK(s["save"]["state"] == "error");
    CHECK(s["save"]["message"] == "the browser's storage for this site is full");
    CHECK(s["save"]["pending"] == 1);
    t.ok({{"type", "add_note"}, {"id", id}, {"text", "kept too"}});   // edits go on while it is refused
    persist_if_needed(t.app);
    t.ack_flushes();
    s = state_json(t.app, 0);
    CHECK(s["save"]["state"] == "saved");
    CHECK(s["save"]["pending"] == 0);
    TestApp again(t.dir);
    CHECK(again.conv(id).notes.size() == t.conv(id).notes.size());
}

TEST_CASE("a follower tab replays what the writer journaled, and reloads after a new generation", "[inbox]") {
    TestApp writer;
    TestApp follower(writer.dir, false);
    const std::string id = writer.first_id();
    writer.ok({{"type", "add_remark"}, {"id", id}, {"text", "发顺丰"}, {"flag", "blue"}});
    writer.ok({{"type", "set_status"}, {"id", id}, {"status", "awaiting_customer"}});
    on_writer_saved(follower.app);
    CHECK(follower.conv(id).remarks.back().text == "发顺丰");
    CHECK(follower.conv(id).status == sd::Status::AwaitingCustomer);
    writer.ok({{"type", "reset_demo"}, {"seed", 3}, {"conversations", 20}});   // a new generation
    on_writer_saved(follower.app);
    CHECK(follower.app.store.conversations.size() == 20);
}

TEST_CASE("a writer asked to hand over saves everything first, then lets go", "[inbox]") {
    TestApp t;
    t.ok({{"type", "draft"}, {"id", t.first_id()}, {"text", "half a reply"}});
    const int ready = platform::native::state().handovers_ready;
    on_handover_request(t.app);
    CHECK(t.app.tab.read_only);
    CHECK(platform::native::state().handovers_ready == ready);   // waits for the flush
    t.ack_flushes();
    CHECK(platform::native::state().handovers_ready == ready + 1);
    CHECK_FALSE(t.app.tab.handover);
    become_writer(t.app);   // and it can become the writer again
    CHECK_FALSE(t.app.tab.read_only);
    CHECK(t.conv(t.first_id()).draft == "half a reply");
}

TEST_CASE("state() shows the rows with their deadlines and the open conversation in full", "[inbox]") {
    TestApp t;
    const std::string id = t.first_id();
    t.ok({{"type", "select"}, {"id", id}});
    composer_on_input(t.app, "Hi", 2);
    json s = state_json(t.app, 5);
    CHECK(s["ready"] == true);
    CHECK(s["conversations"] == t.app.store.conversations.size());
    CHECK(s["rows"].size() == 5);
    CHECK(s["rows_total"] == t.app.view.rows.size());
    for (const char* key : {"id", "marketplace", "customer", "subject", "order_id", "unread", "labels", "status", "sla"}) {
        INFO(key);
        CHECK(s["rows"][0].contains(key));
    }
    CHECK(s["rows"][0]["sla"].contains("remaining_s"));
    CHECK(s["selected"] == id);
    CHECK(s["conversation"]["id"] == id);
    CHECK(s["composer"]["text"] == "Hi");
    CHECK(s["composer"]["draft_saved"] == false);
}

TEST_CASE("?fresh=1 starts over with a new demo even when an inbox is stored", "[inbox]") {
    TestApp t;
    t.ok({{"type", "label"}, {"id", t.first_id()}, {"add", {"before_fresh"}}});
    platform::native::state().url["fresh"] = "1";
    platform::native::state().url["demo"] = "15";
    TestApp again(t.dir);
    platform::native::state().url.erase("fresh");
    CHECK(again.app.store.conversations.size() == 15);
    CHECK(app_test::label_count(again.app, "before_fresh") == 0);
}
