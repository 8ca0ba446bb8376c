// The shift handover and the VIP follow-up through the command table: end_shift, handover_seen,
// customer_vip, what state() shows, and what a reload keeps (handovers.json, the journal).
#include "app_fixture.h"

#include "app/handover.h"
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
