// The shift handover and the VIP follow-up through the command table: end_shift, handover_seen,
// customer_vip, what state() shows, and what a reload keeps (handovers.json, the journal).
#include "app_fixture.h"

#include "app/handover.h"
#include "app/import_export.h"
#include "app/metrics_view.h"
#include "app/state_json.h"
#include "core/sla.h"

using app_test::TestApp;
using nlohmann::json;

namespace {

size_t awaiting_seller(const AppState& app) {
    size_t n = 0;
    for (const sd::Conversation& c : app.store.conversations) n += sd::needs_reply(c) ? 1 : 0;
    return n;
}

// The folder's count as the page gets it after a frame: the frame's bookkeeping, then the rows
// rebuilt if anything made them stale (what sd_bridge_state does before answering).
uint32_t follow_up_now(AppState& app) {
    update_sla_summary(app);
    if (app.view.dirty) rebuild_rows(app);
    return app.view.counts.follow_up;
}

// The same counted the slow way, from the customers, on the agent's day.
uint32_t due_in_store(const AppState& app) {
    const std::string today = agent_today(app);
    uint32_t n = 0;
    for (const sd::Conversation& c : app.store.conversations) {
        const sd::Customer* who = app.store.find_customer(c.customer_id);
        n += c.spam == sd::SpamReason::None && who && sd::follow_up_due(*who, today);
    }
    return n;
}

// The page's clock moved on with no command (frames passing).
void clock_at(TestApp& t, sd::Time at) {
    platform::native::set_now_ms(double(at) * 1000);
    t.app.real_ms = platform::now_ms();
    t.app.now = app_now(t.app, t.app.real_ms);
}

std::string vip_conversation(const TestApp& t) {
    return t.find_id([](const sd::Conversation& c) { return c.spam == sd::SpamReason::None && !c.customer_id.empty(); });
}

size_t not_spam_of(const AppState& app, const std::string& customer) {
    size_t n = 0;
    for (const sd::Conversation& c : app.store.conversations) n += c.customer_id == customer && c.spam == sd::SpamReason::None;
    return n;
}

}  // namespace

TEST_CASE("end_shift writes a handover that the next start shows until it is acknowledged", "[cmd:end_shift][cmd:handover_seen]") {
    TestApp t(80);
    CHECK(state_json(t.app, 5)["handover"].is_null());
    t.refused({{"type", "handover_seen"}}, "there is no handover to acknowledge");
    t.refused({{"type", "end_shift"}, {"text", 5}}, "\"text\" must be a string");
    t.refused({{"type", "end_shift"}, {"text", std::string(sd::kHandoverTextMax + 1, 'x')}}, "\"text\" is longer than");

    const std::string draft_id = t.first_id();
    t.ok({{"type", "select"}, {"id", draft_id}});
    t.ok({{"type", "draft"}, {"id", draft_id}, {"text", "Dear buyer, a new parcel ships today"}});
    const json r = t.ok({{"type", "end_shift"}, {"text", "Lamp buyer calls back at 9"}});
    const std::string id = r["id"];
    CHECK(id.rfind("ho-" + t.app.settings.replica_id + "-", 0) == 0);

    json h = state_json(t.app, 5)["handover"];
    REQUIRE(h.is_object());
    CHECK(h["id"] == id);
    CHECK(h["agent"] == t.app.settings.agent_name);
    CHECK(h["text"] == "Lamp buyer calls back at 9");
    CHECK(h["waiting_total"] == awaiting_seller(t.app));
    CHECK(h["waiting"].size() == std::min(awaiting_seller(t.app), sd::kHandoverWaitingMax));
    bool listed = false;
    for (const json& d : h["drafts"]) listed = listed || d["conversation_id"] == draft_id;
    CHECK(listed);

    // The next start (a reload of the same folder) shows it, until it is acknowledged.
    {
        TestApp next(t.dir);
        json s = state_json(next.app, 5);
        CHECK(s["handover"]["id"] == id);
        CHECK(s["handover"]["unseen"] == true);
        CHECK(s["handover_windows"]["start"] == true);
        next.ok({{"type", "handover_seen"}});
        CHECK(state_json(next.app, 5)["handover"]["unseen"] == false);
        CHECK(state_json(next.app, 5)["handover_windows"]["start"] == false);
    }
    TestApp after(t.dir);
    CHECK(state_json(after.app, 5)["handover"]["unseen"] == false);
    CHECK(state_json(after.app, 5)["handover_windows"]["start"] == false);
    CHECK(after.app.handovers.list.size() == 1);
}

TEST_CASE("customer_vip sets a follow-up that fills the Follow up today folder and survives a reload", "[cmd:customer_vip]") {
    TestApp t(80);
    const std::string conv = t.find_id([](const sd::Conversation& c) { return c.spam == sd::SpamReason::None && !c.customer_id.empty(); });
    const std::string customer = t.conv(conv).customer_id;
    const std::string today = agent_today(t.app);
    CHECK(state_json(t.app, 5)["filter_counts"]["follow_up"] == 0);

    t.refused({{"type", "customer_vip"}, {"id", conv}, {"follow_up", "2026-02-30"}}, "is not a date YYYY-MM-DD");
    t.refused({{"type", "customer_vip"}, {"customer_id", "nobody"}, {"vip", true}}, "no customer \"nobody\"");
    t.refused({{"type", "customer_vip"}, {"id", "nope"}, {"vip", true}}, "no conversation \"nope\"");
    t.refused({{"type", "customer_vip"}, {"id", conv}}, "give \"vip\"");
    t.refused({{"type", "customer_vip"}, {"id", conv}, {"vip", "yes"}}, "\"vip\" must be true or false");

    t.ok({{"type", "customer_vip"}, {"id", conv}, {"vip", true}, {"follow_up", today}});
    size_t theirs = 0;   // the customer's conversations that are not spam: all of them are in the folder
    for (const sd::Conversation& c : t.app.store.conversations) theirs += c.customer_id == customer && c.spam == sd::SpamReason::None;
    json s = state_json(t.app, 5);
    CHECK(s["filter_counts"]["follow_up"] == theirs);
    t.ok({{"type", "filter"}, {"name", "follow_up"}});
    CHECK(t.app.view.rows.size() == theirs);
    t.ok({{"type", "select"}, {"id", conv}});
    s = state_json(t.app, 5);
    CHECK(s["customer_vip"]["customer_id"] == customer);
    CHECK(s["customer_vip"]["vip"] == true);
    CHECK(s["customer_vip"]["follow_up"] == today);
    CHECK(s["customer_vip"]["due"] == true);

    {
        TestApp again(t.dir);
        const sd::Customer* c = again.app.store.find_customer(customer);
        REQUIRE(c);
        CHECK(c->vip);
        CHECK(c->follow_up == today);
        CHECK(state_json(again.app, 5)["filter_counts"]["follow_up"] == theirs);
    }
    // Done: the follow-up is cleared (by customer ID this time); the VIP mark stays.
    t.ok({{"type", "customer_vip"}, {"customer_id", customer}, {"follow_up", nullptr}});
    CHECK(state_json(t.app, 5)["filter_counts"]["follow_up"] == 0);
    CHECK(t.app.view.rows.empty());
    CHECK(t.app.store.find_customer(customer)->vip);
}

TEST_CASE("the Follow up today count follows set_vip and the agent's midnight with no command", "[cmd:customer_vip]") {
    TestApp t(80);
    const std::string conv = vip_conversation(t), customer = t.conv(conv).customer_id;
    const size_t theirs = not_spam_of(t.app, customer);
    const sd::TimeZone zone = agent_zone(t.app);
    const sd::Time midnight = sd::local_day_start(zone, sd::local_day_start(zone, t.app.now) + 30 * 3600);
    const std::string tomorrow = sd::local_date(zone, midnight);
    CHECK(follow_up_now(t.app) == 0);

    t.ok({{"type", "customer_vip"}, {"id", conv}, {"vip", true}, {"follow_up", agent_today(t.app)}});
    CHECK(follow_up_now(t.app) == theirs);
    t.ok({{"type", "customer_vip"}, {"id", conv}, {"vip", false}, {"follow_up", ""}});
    CHECK(follow_up_now(t.app) == 0);
    t.ok({{"type", "customer_vip"}, {"id", conv}, {"vip", true}, {"follow_up", tomorrow}});
    CHECK(follow_up_now(t.app) == 0);
    CHECK(due_in_store(t.app) == 0);
    // A second before the agent's midnight, then midnight: the folder fills with no command between.
    clock_at(t, midnight - 1);
    CHECK(follow_up_now(t.app) == 0);
    clock_at(t, midnight);
    CHECK(follow_up_now(t.app) == theirs);
    CHECK(due_in_store(t.app) == theirs);
    CHECK(t.app.view.query.today == tomorrow);
    // Moved on another day: out again.
    t.ok({{"type", "customer_vip"}, {"customer_id", customer}, {"follow_up", sd::local_date(zone, midnight + 30 * 3600)}});
    CHECK(follow_up_now(t.app) == 0);
}

TEST_CASE("a follow-up that comes by import or from the writer tab fills the folder; undo takes it out", "[cmd:customer_vip][cmd:undo_import]") {
    TestApp a(80);
    const std::string conv = vip_conversation(a), customer = a.conv(conv).customer_id;
    a.ok({{"type", "customer_vip"}, {"id", conv}, {"vip", true}, {"follow_up", agent_today(a.app)}});
    const size_t theirs = not_spam_of(a.app, customer);
    std::string file, error;
    REQUIRE(export_json_text(a.app, ExportRequest(), file, error));

    TestApp b(80);   // the same demo, another replica, nobody due
    TestApp follower(b.dir, false);
    CHECK(follow_up_now(b.app) == 0);
    REQUIRE(import_begin(b.app, std::move(file), "a.json")["ok"] == true);
    for (int i = 0; i < 10000 && b.app.import.running; ++i) import_step(b.app);
    REQUIRE(b.app.import.report["ok"] == true);
    CHECK(follow_up_now(b.app) == theirs);
    CHECK(due_in_store(b.app) == theirs);
    b.ok({{"type", "undo_import"}});
    CHECK(follow_up_now(b.app) == 0);

    // The writer tab sets it: the follower (caught up with the undo's new generation first)
    // replays the journal and counts it too.
    b.ack_flushes();
    on_writer_saved(follower.app);
    CHECK(follow_up_now(follower.app) == 0);
    const uint64_t generation = follower.app.base.generation;
    b.ok({{"type", "customer_vip"}, {"customer_id", customer}, {"follow_up", agent_today(b.app)}});
    b.ack_flushes();
    on_writer_saved(follower.app);
    CHECK(follower.app.base.generation == generation);   // replayed, not reloaded
    CHECK(follow_up_now(follower.app) == theirs);
    CHECK(due_in_store(follower.app) == theirs);
}
