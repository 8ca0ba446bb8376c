// Real data in and replies out, in the app: the first-visit question, clearing the inbox,
// conversations and messages typed in, mail and CSV records imported the way the page hands them
// over (records_import.h), and the reply as .eml and the outbox.
#include "app_fixture.h"

#include <cstring>

#include "batch_packer.h"

#include "app/import_export.h"
#include "app/records_import.h"
#include "app/settings.h"
#include "app/state_json.h"
#include "core/time.h"

using app_test::TestApp;
using nlohmann::json;

namespace {

// The frames the page would draw while an import runs, until it is done.
void run_import(TestApp& t) {
    for (int i = 0; i < 10000 && t.app.import.running; ++i) {
        import_step(t.app);
        t.ack_flushes();
    }
    REQUIRE_FALSE(t.app.import.running);
    if (t.app.view.dirty) rebuild_rows(t.app);
}

json mail_record(const std::string& id, const std::string& from, const std::string& subject, const std::string& date,
                 const std::string& text = "Where is my parcel?") {
    return {{"file", "inbox.mbox"}, {"place", "mail " + id}, {"message_id", "<" + id + ">"},
            {"from", {{"name", "Maria Lopez - Amazon Marketplace"}, {"address", from}}}, {"to", {"shop@brightnest.example"}},
            {"subject", subject}, {"date", date}, {"text", text},
            {"attachments", json::array({{{"name", "photo.jpg"}, {"size", 20480}}})}};
}

json req(TestApp& t, const json& r) { return records_request(t.app, r); }

}  // namespace

TEST_CASE("the first visit asks, over the demo; the answer is a command", "[app][mail][cmd:start]") {
    TestApp t;
    CHECK(t.app.mail.demo);
    CHECK_FALSE(t.app.mail.ask_start);   // ?demo=N (the fixture's URL) answered it
    t.refused({{"type", "start"}, {"with", "demo"}}, "answered already");

    SECTION("a first visit without a demo size asks; try the demo") {
        platform::native::reset();   // no ?demo= in the URL
        AppState app;
        app.data_dir = t.dir + "/other";   // a folder with no inbox yet
        app.assets_dir = SD_SOURCE_DIR "/assets";
        app.real_ms = platform::now_ms();
        app.now = app_now(app, app.real_ms);
        start_app(app);
        CHECK(app.mail.ask_start);
        CHECK(app.mail.demo);
        CHECK_FALSE(dispatch(app, {{"type", "start"}, {"with", "nothing"}})["ok"].get<bool>());
        CHECK(dispatch(app, {{"type", "start"}, {"with", "demo"}})["ok"] == true);
        CHECK_FALSE(app.mail.ask_start);
        CHECK(app.store.conversations.size() == 1200);
    }
}

TEST_CASE("start empty and clear_inbox leave nothing of the demo", "[app][mail][cmd:start][cmd:clear_inbox]") {
    TestApp t;
    t.app.mail.ask_start = true;
    const std::string agent = t.app.settings.agent_name;
    const size_t templates = t.app.templates.lib.templates.size();
    t.ok({{"type", "start"}, {"with", "empty"}});
    CHECK(t.app.store.conversations.empty());
    CHECK(t.app.store.customers.empty());
    CHECK(t.app.store.orders.empty());
    CHECK_FALSE(t.app.mail.demo);
    CHECK(t.app.settings.agent_name == agent);
    CHECK(t.app.templates.lib.templates.size() == templates);
    CHECK(t.app.view.rows.empty());
    t.ack_flushes();
    TestApp again(t.dir);   // what was saved: still empty, not the demo
    CHECK(again.app.store.conversations.empty());
    CHECK_FALSE(again.app.mail.demo);

    TestApp u;
    u.ok({{"type", "select"}, {"id", u.first_id()}});
    u.ok({{"type", "clear_inbox"}});
    CHECK(u.app.store.conversations.empty());
    CHECK(u.app.view.selected.empty());
    u.app.import.running = true;
    u.refused({{"type", "clear_inbox"}}, "an import is running");
    u.app.import.running = false;
}

TEST_CASE("a conversation typed in by hand, and a buyer message added to it", "[app][mail][cmd:new_conversation][cmd:add_message]") {
    TestApp t;
    json r = t.ok({{"type", "new_conversation"}, {"marketplace", "walmart"}, {"customer", "Jane Doe"}, {"order_id", "200011234567890"},
                   {"subject", "Lamp arrived broken"}, {"text", "The lamp is broken."}, {"at", "2025-11-25T10:00:00Z"}});
    const std::string id = r["id"];
    const sd::Conversation& c = t.conv(id);
    CHECK(t.app.view.selected == id);
    CHECK(c.messages.size() == 1);
    CHECK(c.messages[0].direction == sd::Direction::Inbound);
    CHECK(c.status == sd::Status::AwaitingSeller);
    CHECK(t.app.store.find_customer(c.customer_id)->name == "Jane Doe");
    t.refused({{"type", "new_conversation"}, {"marketplace", "etsy"}, {"customer", "x"}, {"subject", "s"}, {"text", "t"}}, "marketplace");
    t.refused({{"type", "new_conversation"}, {"marketplace", "amazon"}, {"customer", "x"}, {"subject", "s"}, {"text", " "}}, "empty");
    t.refused({{"type", "new_conversation"}, {"marketplace", "amazon"}, {"customer", "x"}, {"subject", "s"}, {"text", "t"},
               {"at", "2099-01-01T00:00:00Z"}}, "future");

    t.ok({{"type", "reply"}, {"id", id}, {"text", "Sorry! A new one ships today."}});
    CHECK(t.conv(id).status == sd::Status::AwaitingCustomer);
    t.ok({{"type", "add_message"}, {"id", id}, {"text", "Phoned: it still has not arrived."}});
    CHECK(t.conv(id).messages.size() == 3);
    CHECK(t.conv(id).status == sd::Status::AwaitingSeller);
    CHECK(t.conv(id).messages.back().author == "Jane Doe");
    t.refused({{"type", "add_message"}, {"id", id}, {"text", ""}}, "empty");
    t.refused({{"type", "add_message"}, {"id", "nope"}, {"text", "x"}}, "no conversation");
    t.ack_flushes();
    TestApp again(t.dir);   // journaled like any edit
    CHECK(again.conv(id).messages.size() == 3);
}

TEST_CASE("mail records become conversations, merged and undoable; again they are duplicates", "[app][mail][cmd:outbox]") {
    TestApp t;
    const size_t before = t.app.store.conversations.size();
    REQUIRE(req(t, {{"op", "begin"}, {"bytes", 4096}, {"name", "inbox.mbox"}})["ok"] == true);
    CHECK(t.app.import.running);
    json batch = json::array({mail_record("a1@amazon", "x7kq@marketplace.amazon.com", "Order 114-3941689-8772232", "2025-11-25T09:00:00Z"),
                              mail_record("a2@amazon", "x7kq@marketplace.amazon.com", "Re: Order 114-3941689-8772232",
                                          "2025-11-25T10:00:00Z", "Any news?"),
                              mail_record("g1@gmail", "friend@gmail.com", "Lunch", "2025-11-25T10:00:00Z")});
    REQUIRE(req(t, {{"op", "records"}, {"records", batch}})["ok"] == true);
    REQUIRE(req(t, {{"op", "skip"}, {"file", "junk.bin"}, {"reason", "not a text file"}})["ok"] == true);
    REQUIRE(req(t, {{"op", "finish"}})["ok"] == true);
    run_import(t);
    const json& r = t.app.import.report;
    CHECK(r["ok"] == true);
    CHECK(r["added_conversations"] == 1);
    CHECK(r["added_messages"] == 2);
    CHECK(r["duplicates"] == 0);
    CHECK(r["skipped"].size() == 2);
    CHECK(t.app.store.conversations.size() == before + 1);
    CHECK(t.app.mail.demo);   // real data next to the demo: still a demo inbox
    std::string id;
    for (const sd::Conversation& c : t.app.store.conversations)
        if (!c.mail_to.empty()) id = c.id;
    REQUIRE_FALSE(id.empty());
    CHECK(t.conv(id).messages[0].attachments.size() == 1);

    SECTION("the reply as .eml goes to the relay in answer to the last buyer mail") {
        t.ok({{"type", "draft"}, {"id", id}, {"text", "Hello Maria, it ships today."}});
        json e = reply_eml_json(t.app, id);
        REQUIRE(e["ok"] == true);
        const std::string eml = e["eml"];
        CHECK(eml.find("To: <x7kq@marketplace.amazon.com>") != std::string::npos);
        CHECK(eml.find("In-Reply-To: <a2@amazon>") != std::string::npos);
        CHECK(reply_eml_json(t.app, t.first_id())["ok"] == false);   // a demo conversation did not come by mail

        t.ok({{"type", "mark_sent"}, {"id", id}, {"override", true}});
        json box = t.ok({{"type", "outbox"}});
        CHECK(box["count"] == 1);
        CHECK(box["mbox"].get<std::string>().find("From sellerdesk ") == 0);
        json none = t.ok({{"type", "outbox"}});   // written once: the next outbox leaves it out
        CHECK(none["count"] == 0);
        t.app.tab.read_only = true;
        t.refused({{"type", "outbox"}}, "another tab");
        t.app.tab.read_only = false;
    }
    SECTION("the same mail again adds nothing") {
        REQUIRE(req(t, {{"op", "begin"}})["ok"] == true);
        req(t, {{"op", "records"}, {"records", batch}});
        req(t, {{"op", "finish"}});
        run_import(t);
        CHECK(t.app.import.report["ok"] == true);
        CHECK(t.app.import.report["duplicates"] == 2);
        CHECK(t.app.import.report["added_messages"] == 0);
        CHECK(t.app.store.conversations.size() == before + 1);
    }
    SECTION("undo takes the import back") {
        t.ok({{"type", "undo_import"}});
        CHECK(t.app.store.conversations.size() == before);
    }
}

TEST_CASE("a CSV into a demo inbox with clear_demo replaces the demo; garbage changes nothing", "[app][mail]") {
    TestApp t;
    const std::string csv =
        "marketplace,order_id,customer,subject,direction,at,body\n"
        "tmall,3712345678901234567,王小明,退货,inbound,2025-11-25 09:00,我要退货\n"
        "wish,5f1a2b3c4d5e6f7a8b9c0d1e,Ann,Address,inbound,2025-11-25T08:00:00Z,Please change my address\n";
    SECTION("garbage only: refused with the reason, nothing changed") {
        const std::string before = t.fingerprint();
        REQUIRE(req(t, {{"op", "begin"}, {"clear_demo", true}})["ok"] == true);
        req(t, {{"op", "csv"}, {"name", "bad.csv"}, {"text", "name,phone\nBob,1\n"}});
        req(t, {{"op", "finish"}});
        run_import(t);
        CHECK(t.app.import.report["ok"] == false);
        CHECK(t.app.import.report["error"]["message"].get<std::string>().find("bad.csv:1:1") != std::string::npos);
        CHECK(t.fingerprint() == before);
        CHECK(t.app.mail.demo);
    }
    SECTION("two good rows, the demo cleared first") {
        REQUIRE(req(t, {{"op", "begin"}, {"clear_demo", true}})["ok"] == true);
        req(t, {{"op", "csv"}, {"name", "orders.csv"}, {"text", csv}});
        req(t, {{"op", "finish"}});
        run_import(t);
        CHECK(t.app.import.report["ok"] == true);
        CHECK(t.app.store.conversations.size() == 2);
        CHECK(t.app.store.customers.size() == 2);
        CHECK_FALSE(t.app.mail.demo);
    }
}

TEST_CASE("the import dialog of dropped files: plan, preview, answer", "[app][mail]") {
    TestApp t;
    json files = json::array({{{"name", "orders.csv"}, {"kind", "csv"}, {"size", 120}}, {{"name", "x.bin"}, {"kind", "unknown"}, {"size", 9}}});
    REQUIRE(req(t, {{"op", "plan"}, {"files", files},
                    {"csv", {{"orders.csv", "marketplace,order_id,customer,subject,direction,at,body\nwish,1,A,S,inbound,2025-11-25T08:00:00Z,Hi\n"}}}})["ok"] == true);
    CHECK(t.app.mail.plan.open);
    REQUIRE(t.app.mail.plan.previews.size() == 1);
    CHECK(t.app.mail.plan.previews[0].second.total_rows == 1);
    CHECK(t.app.mail.plan.clear_demo);   // a demo inbox: clearing it is offered first
    CHECK(req(t, {{"op", "records"}, {"records", json::array()}})["ok"] == false);   // nothing is being read
}

TEST_CASE("the mail settings: domains and the seller's address", "[app][mail]") {
    TestApp t;
    t.ok({{"type", "settings"}, {"mail_domains", {{"wish", {"merchant.wish.com"}}}}, {"mail_from", "support@brightnest.example"}});
    CHECK(t.app.mail.mail_from == "support@brightnest.example");
    CHECK(t.app.mail.domains.domains[int(sd::Marketplace::Wish)].size() == 1);
    t.refused({{"type", "settings"}, {"mail_domains", {{"etsy", {"etsy.com"}}}}}, "unknown marketplace");
    t.refused({{"type", "settings"}, {"mail_from", "not an address"}}, "mail_from");
    t.ack_flushes();
    TestApp again(t.dir);
    CHECK(again.app.mail.mail_from == "support@brightnest.example");
}

namespace {

// A batch handed over as the page does it: copied into a malloc'ed block the app takes over.
json hand_over(TestApp& t, const std::string& bytes) {
    char* block = static_cast<char*>(std::malloc(bytes.size() + 1));
    std::memcpy(block, bytes.data(), bytes.size());
    return req(t, {{"op", "batch_at"}, {"at", double(reinterpret_cast<uintptr_t>(block))}, {"size", bytes.size()}});
}

}  // namespace

TEST_CASE("binary mail batches are imported; a broken one is refused and adds nothing", "[app][mail]") {
    TestApp t;
    const size_t before = t.app.store.conversations.size();
    REQUIRE(req(t, {{"op", "begin"}, {"bytes", 4096}, {"name", "inbox.mbox"}})["ok"] == true);
    batch_test::Rec a;
    a.message_id = "<b1@amazon>";
    a.from_name = "Maria Lopez - Amazon Marketplace";
    a.from_address = "x7kq@marketplace.amazon.com";
    a.subject = "Order 114-3941689-8772232";
    a.date_ms = 1764061200000;   // 2025-11-25T09:00:00Z
    a.attachments = {{"photo.jpg", 20480}};
    batch_test::Rec b = a;
    b.message_id = "<b2@amazon>";
    b.in_reply_to = "<b1@amazon>";
    b.date_ms += 3600000;
    b.text = "Any news?";
    batch_test::Rec broken = a;
    broken.message_id = "<b3@amazon>";
    broken.text = "cut \xE4\xB8";   // not UTF-8
    const json refused = hand_over(t, batch_test::batch_of({b, broken}));
    CHECK(refused["ok"] == false);
    CHECK(refused["error"] == "mail batch of inbox.mbox: record 2's \"text\" is not valid UTF-8");
    CHECK(t.app.import.records_job.messages.empty());   // not even the good record before it
    const json taken = hand_over(t, batch_test::batch_of({a, b}));
    REQUIRE(taken["ok"] == true);
    CHECK(taken["records"] == 2);
    REQUIRE(req(t, {{"op", "finish"}})["ok"] == true);
    run_import(t);
    const json& r = t.app.import.report;
    CHECK(r["ok"] == true);
    CHECK(r["added_conversations"] == 1);
    CHECK(r["added_messages"] == 2);
    CHECK(t.app.store.conversations.size() == before + 1);
    const sd::Conversation* c = nullptr;
    for (const sd::Conversation& x : t.app.store.conversations)
        if (!x.mail_to.empty()) c = &x;
    REQUIRE(c);
    REQUIRE(c->messages.size() == 2);
    CHECK(c->mail_to == "x7kq@marketplace.amazon.com");
    CHECK(c->order_id == "114-3941689-8772232");
    CHECK(sd::format_iso8601(c->messages[0].at) == "2025-11-25T09:00:00Z");
    CHECK(c->messages[0].attachments.size() == 1);
}

TEST_CASE("state().import.last cuts long lists; import_lists keeps them", "[app][mail]") {
    TestApp t;
    REQUIRE(req(t, {{"op", "begin"}, {"bytes", 4096}, {"name", "inbox.mbox"}})["ok"] == true);
    json batch = json::array();
    for (int i = 0; i < 70; ++i) {
        const std::string n = std::to_string(i);
        batch.push_back(mail_record("a" + n + "@amazon", "buyer" + n + "@marketplace.amazon.com", "Order 114-3941689-87722" + std::string(n.size() < 2 ? "0" : "") + n,
                                    "2025-11-25T09:00:00Z"));
        batch.push_back(mail_record("g" + n + "@gmail", "friend" + n + "@gmail.com", "Lunch " + n, "2025-11-25T10:00:00Z"));
    }
    REQUIRE(req(t, {{"op", "records"}, {"records", batch}})["ok"] == true);
    REQUIRE(req(t, {{"op", "finish"}})["ok"] == true);
    run_import(t);
    const json& full = t.app.import.report;
    REQUIRE(full["ok"] == true);
    REQUIRE(full["skipped"].size() == 70);
    REQUIRE(full["report"]["added"].size() == 70);
    const json last = state_json(t.app, 0)["import"]["last"];
    CHECK(last["skipped"].size() == 50);
    CHECK(last["skipped"][0] == full["skipped"][0]);
    CHECK(last["report"]["added"].size() == 50);
    CHECK(last["lists_cut"] == json{{"skipped", 70}, {"report.added", 70}});
    CHECK(last["added_conversations"] == 70);   // the counts stay whole
    CHECK(last["report"]["conversations"] == full["report"]["conversations"]);
    const json whole = state_json(t.app, 0, true)["import"]["last"];
    CHECK(whole == full);
    CHECK_FALSE(whole.contains("lists_cut"));
}
