// The live sync's app side (team_sync.h) on the native platform: the settings commands, the scan
// that finds what the server lacks, a push answered by a pretend server, an edit sent with the
// revision it replaces, conflicting leaves merged and the losers deleted, and where the password
// is kept.
#include <catch2/catch.hpp>

#include <set>

#include "app_fixture.h"
#include "app/import_export.h"
#include "app/team_sync.h"
#include "core/couch_docs.h"
#include "core/storage.h"

using app_test::TestApp;
using nlohmann::json;

namespace {

// Frames of the app: the import of incoming documents, then the sync's slice, until both are done.
void frames(TestApp& t) {
    for (int i = 0; i < 10000; ++i) {
        t.app.real_ms = platform::now_ms();
        if (t.app.import.running) import_step(t.app);
        sync_tick(t.app);
        t.ack_flushes();
        if (!t.app.import.running && t.app.sync.to_scan.empty() && t.app.sync.incoming.empty() && !t.app.sync.importing) return;
    }
    FAIL("the sync did not settle");
}

// The pretend server accepts every document: revision "<n+1>-<tag>".
json accept_all(const json& docs, const std::string& tag) {
    json results = json::array();
    for (const json& d : docs) {
        const std::string old = d.value("_rev", std::string("0-"));
        const int gen = std::atoi(old.substr(0, old.find('-')).c_str()) + 1;
        results.push_back({{"id", d["_id"]}, {"sent_rev", d.value("_rev", std::string())}, {"deleted", d.value("_deleted", false)}, {"ok", true},
                           {"rev", std::to_string(gen) + "-" + tag}});
    }
    return results;
}

std::string file_text(const std::string& path) {
    std::string s;
    sd::read_file(path, s);
    return s;
}

}  // namespace

TEST_CASE("team sync: settings, first push, an edit, conflicting leaves", "[app][sync][cmd:sync_configure][cmd:sync_stop]") {
    TestApp t(20);
    load_sync_files(t.app);
    t.refused({{"type", "sync_configure"}, {"url", "ftp://couch"}, {"db", "team"}}, "http://");
    t.refused({{"type", "sync_configure"}, {"url", "http://127.0.0.1:5984"}, {"db", "Team"}}, "database name");
    t.refused({{"type", "sync_configure"}, {"url", "http://127.0.0.1:5984"}, {"db", "team"}, {"user", "lily"}}, "both a user and a password");
    t.refused({{"type", "sync_configure"}, {"url", "http://127.0.0.1:5984"}, {"db", 5}}, "must be a string");
    CHECK(t.app.sync.state == "off");

    const std::string pw = "s3cret-Pw-for-test";
    t.ok({{"type", "sync_configure"}, {"url", "http://127.0.0.1:5984/"}, {"db", "team"}, {"user", "lily"}, {"password", pw}});
    CHECK(t.app.sync.state == "connecting");
    CHECK(sync_state_json(t.app).dump().find(pw) == std::string::npos);
    CHECK(sync_config_for_page(t.app)["url"] == "http://127.0.0.1:5984");
    frames(t);
    std::vector<sd::CouchDoc> orphans;
    sd::SyncData copy;
    copy.store = t.app.store;
    sd::make_orphan_docs(copy, orphans);   // orders and customers no conversation refers to
    const size_t all = t.app.store.conversations.size() + t.app.templates.lib.templates.size() + 1 + orphans.size();
    CHECK(sync_pending(t.app) == all);

    // A request gathered in slices: each slice holds documents the earlier ones did not; a new
    // request (first = true) forgets an unanswered one, so nothing is lost when a request fails.
    std::set<std::string> sliced;
    for (bool first = true;; first = false) {
        const json part = sync_outgoing(t.app, 7, first);
        if (part["docs"].empty()) break;
        size_t conversations = 0;   // the templates, settings and other small records go together
        for (const json& d : part["docs"]) {
            CHECK(sliced.insert(d["_id"].get<std::string>()).second);
            conversations += d["_id"].get<std::string>().rfind("conv:", 0) == 0;
        }
        CHECK(conversations <= 7);
    }
    CHECK(sliced.size() == all);

    // Everything goes out, without revisions (the server has none of it).
    json out = sync_outgoing(t.app, 10000, true);
    REQUIRE(out["docs"].size() == all);
    for (const json& d : out["docs"]) CHECK_FALSE(d.contains("_rev"));
    sync_pushed(t.app, accept_all(out["docs"], "a"));
    frames(t);
    CHECK(sync_pending(t.app) == 0);
    CHECK(sync_outgoing(t.app, 100, true)["docs"].empty());

    // One edit: one document, sent on top of the revision the server has.
    const std::string id = t.first_id();
    t.ok({{"type", "assign"}, {"id", id}, {"agent", "Lily"}});
    frames(t);
    CHECK(sync_pending(t.app) == 1);
    out = sync_outgoing(t.app, 100, true);
    REQUIRE(out["docs"].size() == 1);
    CHECK(out["docs"][0]["_id"] == "conv:" + id);
    CHECK(out["docs"][0]["_rev"] == "1-a");
    CHECK(out["docs"][0]["conversation"]["assignee"] == "Lily");
    const json sent = out["docs"][0];
    sync_pushed(t.app, accept_all(out["docs"], "b"));
    frames(t);
    CHECK(sync_pending(t.app) == 0);

    // What the server lists: our own revision is not fetched again, another one is.
    CHECK(sync_wanted(t.app, json::array({{{"id", "conv:" + id}, {"changes", {{{"rev", "2-b"}}}}}})).empty());
    CHECK(sync_wanted(t.app, json::array({{{"id", "conv:" + id}, {"changes", {{{"rev", "3-z"}}}}}})).size() == 1);
    CHECK(sync_wanted(t.app, json::array({{{"id", "presence:x"}, {"changes", {{{"rev", "1-q"}}}}}})).empty());

    // Two conflicting leaves: another agent's label on one, our body on the other. Both merge; the
    // winner (3-y > 3-x) is written on, the loser deleted in the same push.
    json theirs = sent;
    theirs["_rev"] = "3-y";
    json mine = sent;
    mine["_rev"] = "3-x";
    json rows = json::array({{{"id", "conv:" + id}, {"changes", {{{"rev", "3-x"}}, {{"rev", "3-y"}}}}}});
    REQUIRE(sync_incoming(t.app, {{"changes", rows}, {"docs", {mine, theirs}}}, "17")["ok"] == true);
    frames(t);
    CHECK(t.app.sync.checkpoint == "17");
    out = sync_outgoing(t.app, 100, true);
    REQUIRE(out["docs"].size() == 2);
    CHECK(out["docs"][0]["_rev"] == "3-y");
    CHECK(out["docs"][1]["_rev"] == "3-x");
    CHECK(out["docs"][1]["_deleted"] == true);
    CHECK(t.app.store.find_conversation(id)->assignee == "Lily");
    sync_pushed(t.app, accept_all(out["docs"], "c"));
    frames(t);
    CHECK(sync_pending(t.app) == 0);

    // The password is in the sync settings file only.
    CHECK(file_text(t.dir + "/sync/settings.json").find(pw) != std::string::npos);
    CHECK(file_text(t.dir + "/sync/state.json").find(pw) == std::string::npos);
    CHECK(file_text(t.dir + "/sync/state.json").find("\"17\"") != std::string::npos);
    for (const char* f : {"/inbox/settings.json", "/inbox/base.json"}) CHECK(file_text(t.dir + f).find(pw) == std::string::npos);

    t.ok({{"type", "sync_stop"}});
    CHECK(t.app.sync.state == "off");
    t.app.tab.read_only = true;
    t.refused({{"type", "sync_stop"}}, "another tab");
    t.refused({{"type", "sync_configure"}, {"url", "http://x"}, {"db", "team"}}, "another tab");
    t.app.tab.read_only = false;
}

TEST_CASE("team sync: the settings and checkpoint survive a reload; another database starts over", "[app][sync]") {
    TestApp t(12);
    load_sync_files(t.app);
    t.ok({{"type", "sync_configure"}, {"url", "http://127.0.0.1:5984"}, {"db", "team"}, {"user", ""}, {"password", ""}});
    frames(t);
    json out = sync_outgoing(t.app, 10000, true);
    sync_pushed(t.app, accept_all(out["docs"], "a"));
    REQUIRE(sync_incoming(t.app, {{"changes", json::array()}, {"docs", json::array()}}, "42")["ok"] == true);
    frames(t);
    CHECK(t.app.sync.checkpoint == "42");
    {
        TestApp again(t.dir);
        load_sync_files(again.app);
        CHECK(again.app.sync.settings.enabled);
        CHECK(again.app.sync.checkpoint == "42");
        CHECK(again.app.sync.docs.size() == out["docs"].size());
        frames(again);
        CHECK(sync_pending(again.app) == 0);   // nothing changed since: nothing to send
        again.ok({{"type", "sync_configure"}, {"url", "http://127.0.0.1:5984"}, {"db", "other"}, {"user", ""}, {"password", ""}});
        CHECK(again.app.sync.checkpoint.empty());
        CHECK(again.app.sync.docs.empty());
    }
}

namespace {

// The scan after the next 2 s: templates, settings and the records no conversation refers to.
void next_scan(TestApp& t) {
    platform::native::advance_ms(2001);
    frames(t);
}

// Everything on the send list accepted by the pretend server, until nothing is left.
void push_all(TestApp& t, const std::string& tag) {
    const json out = sync_outgoing(t.app, 100000, true);
    sync_pushed(t.app, accept_all(out["docs"], tag));
    frames(t);
    REQUIRE(sync_pending(t.app) == 0);
}

}  // namespace

TEST_CASE("team sync: orders and customers no conversation refers to are found again only after a change that may move them",
          "[app][sync]") {
    TestApp t(60);
    load_sync_files(t.app);
    t.ok({{"type", "sync_configure"}, {"url", "http://127.0.0.1:5984"}, {"db", "team"}, {"user", ""}, {"password", ""}});
    frames(t);
    push_all(t, "a");
    const std::set<std::string>& to_send = t.app.sync.to_send;

    // An order and a customer another agent added, with no conversation (the demo has none): they
    // arrive as their own documents and, once merged, are recognised as what the server holds.
    sd::SyncData theirs;
    sd::Order o = t.app.store.orders.front();
    o.id = "ord-from-b";
    o.defects.clear();
    sd::Customer c = t.app.store.customers.front();
    c.id = "cu-from-b";
    theirs.store.orders.push_back(o);
    theirs.store.customers.push_back(c);
    theirs.store.reindex();
    std::vector<sd::CouchDoc> docs;
    sd::make_record_docs(theirs, {"ord-from-b"}, {"cu-from-b"}, docs);
    REQUIRE(docs.size() == 2);
    json rows = json::array(), bodies = json::array();
    for (const sd::CouchDoc& d : docs) {
        rows.push_back({{"id", d.id}, {"changes", {{{"rev", "1-b"}}}}});
        json b = d.body;
        b["_id"] = d.id;
        b["_rev"] = "1-b";
        bodies.push_back(b);
    }
    REQUIRE(sync_incoming(t.app, {{"changes", rows}, {"docs", bodies}}, "9")["ok"] == true);
    frames(t);
    next_scan(t);
    REQUIRE(t.app.store.find_order("ord-from-b"));
    CHECK(t.app.sync.orphans.doc_ids == std::set<std::string>{"order:ord-from-b", "customer:cu-from-b"});
    CHECK(sync_pending(t.app) == 0);

    // An edit of a conversation's own fields: its document goes, the orphans are not looked for.
    const uint64_t found = t.app.sync.orphans.found;
    const std::string edited = t.first_id();
    t.ok({{"type", "assign"}, {"id", edited}, {"agent", "Lily"}});
    next_scan(t);
    next_scan(t);
    CHECK(t.app.sync.orphans.found == found);
    CHECK(to_send == std::set<std::string>{"conv:" + edited});
    push_all(t, "b");

    // A defect on the order no conversation refers to: its own document changes.
    t.ok({{"type", "add_defect"}, {"order_id", "ord-from-b"}, {"kind", "chargeback"}});
    next_scan(t);
    CHECK(to_send == std::set<std::string>{"order:ord-from-b"});

    // A buyer's message typed in about that order: the order now travels in the new conversation's
    // document, and its own is no longer waiting to be sent.
    const json made = t.ok({{"type", "new_conversation"}, {"marketplace", "amazon"}, {"customer", "Pat Lee"}, {"order_id", "ord-from-b"},
                            {"subject", "Where is it?"}, {"text", "Not arrived yet."}, {"at", "2025-11-25T10:00:00Z"}});
    next_scan(t);
    CHECK(t.app.sync.orphans.doc_ids == std::set<std::string>{"customer:cu-from-b"});
    CHECK(to_send == std::set<std::string>{"conv:" + made["id"].get<std::string>()});
    json out = sync_outgoing(t.app, 100, true);
    REQUIRE(out["docs"].size() == 1);
    CHECK(out["docs"][0]["order"]["id"] == "ord-from-b");
    CHECK(out["docs"][0]["order"]["defects"].size() == 1);
    sync_pushed(t.app, accept_all(out["docs"], "c"));
    frames(t);
    CHECK(sync_pending(t.app) == 0);

    // A follow-up on the customer (still without a conversation): its document goes.
    t.ok({{"type", "customer_vip"}, {"customer_id", "cu-from-b"}, {"vip", true}});
    next_scan(t);
    CHECK(to_send == std::set<std::string>{"customer:cu-from-b"});
    out = sync_outgoing(t.app, 100, true);
    REQUIRE(out["docs"].size() == 1);
    CHECK(out["docs"][0]["customer"]["vip"] == true);
}
