// "Needs a reply first" in the app layer (issue 15 item 7): the default view of the demo starts
// with the conversations awaiting the seller, rows[].sla is the response deadline only and
// rows[].resolution the resolution one, the SLA strip counts what needs a reply, and closing
// records closed_at (undo puts it back).
#include "app_fixture.h"

#include "app/state_json.h"
#include "core/sla.h"
#include "core/time.h"

using app_test::TestApp;
using nlohmann::json;

namespace {

// The policy IDs whose measure is `resolution`.
bool resolution_policy(const AppState& app, const std::string& id) {
    const int k = app.settings.sla.find(id);
    return k >= 0 && app.settings.sla.policies[size_t(k)].measure == sd::SlaMeasure::Resolution;
}

}  // namespace

TEST_CASE("the default view of the demo: needs a reply first, by response deadline", "[app][sla]") {
    TestApp t(1200);
    const json s = state_json(t.app);
    CHECK(s["sort"]["by"] == "urgency");
    const json& rows = s["rows"];
    REQUIRE(rows.size() == t.app.view.rows.size());
    // The first rows are all awaiting the seller, the most overdue first.
    for (size_t i = 0; i < 20; ++i) {
        INFO("row " << i << ": " << rows[i].dump());
        CHECK(rows[i]["status"] == "awaiting_seller");
    }
    // Groups never interleave: awaiting the seller with an open response deadline (by deadline),
    // then the other ones awaiting the seller, then awaiting the customer, then closed.
    auto group = [](const json& r) {
        const std::string st = r["status"], sla = r["sla"]["state"];
        const bool open = sla == "on_track" || sla == "due_soon" || sla == "overdue";
        if (st == "awaiting_seller") return open ? 1 : 2;
        return st == "awaiting_customer" ? 3 : 4;
    };
    int last_group = 1;
    std::string last_deadline;
    size_t open_rows = 0;
    for (const json& r : rows) {
        const int g = group(r);
        INFO(r.dump());
        CHECK(g >= last_group);
        if (g == 1) {
            ++open_rows;
            CHECK(r["sla"]["deadline"].get<std::string>() >= last_deadline);   // ISO 8601 in UTC sorts as text
            last_deadline = r["sla"]["deadline"];
        }
        last_group = g;
    }
    CHECK(open_rows > 20);
    // rows[].sla is never a resolution deadline; rows[].resolution is, or null.
    size_t with_resolution = 0, answered_paused = 0;
    for (const json& r : rows) {
        CHECK_FALSE(resolution_policy(t.app, r["sla"]["policy"]));
        if (r["resolution"].is_null()) continue;
        ++with_resolution;
        CHECK(r["marketplace"] == "tmall");
        CHECK(r["resolution"].size() == 3);
        if (r["sla"]["state"] == "answered" && r["resolution"]["state"] == "paused") ++answered_paused;
    }
    CHECK(with_resolution > 0);
    CHECK(answered_paused > 0);   // an answered after-sale chat: its resolution clock waits
}

TEST_CASE("rows[].resolution follows the resolution clock; rows[].sla keeps its shape", "[app][sla]") {
    TestApp t;
    const std::string id = t.find_id([](const sd::Conversation& c) { return c.marketplace != sd::Marketplace::Tmall; });
    sd::Conversation& c = t.app.store.conversations[size_t(t.app.store.conversation_index(id))];
    // Make it a Tmall return request asked an hour ago and answered after ten minutes.
    c.marketplace = sd::Marketplace::Tmall;
    c.topic = sd::Topic::ReturnRequest;
    c.status = sd::Status::AwaitingCustomer;
    c.spam = sd::SpamReason::None;
    c.messages.resize(2);
    c.messages[0] = {id + "-q", sd::Direction::Inbound, sd::AuthorRole::Customer, "买家", t.app.now - 3600, "我想退货"};
    c.messages[1] = {id + "-a", sd::Direction::Outbound, sd::AuthorRole::Agent, "小王", t.app.now - 3000, "好的"};
    auto row_of_id = [&](const json& s) {
        for (const json& r : s["rows"])
            if (r["id"] == id) return r;
        FAIL("not listed");
        return json();
    };
    json r = row_of_id(state_json(t.app));
    CHECK(r["sla"]["state"] == "answered_late");   // 10 min against Tmall's 5
    CHECK(r["sla"]["policy"] == "tmall_after_sale_first_response");
    for (const char* k : {"state", "text", "deadline", "remaining_s", "policy"}) CHECK(r["sla"].contains(k));
    CHECK(r["sla"].size() == 5);
    CHECK(r["resolution"]["state"] == "paused");
    CHECK(r["resolution"]["deadline"].is_null());
    CHECK(r["resolution"]["remaining_s"] == 48 * 3600 - 600);
    // The customer writes again: the clock resumes where it stopped.
    c.messages.push_back({id + "-q2", sd::Direction::Inbound, sd::AuthorRole::Customer, "买家", t.app.now - 60, "什么时候退款"});
    c.status = sd::Status::AwaitingSeller;
    r = row_of_id(state_json(t.app));
    CHECK(r["resolution"]["state"] == "on_track");
    CHECK(r["resolution"]["remaining_s"] == 48 * 3600 - 600 - 60);
    CHECK(r["resolution"]["deadline"] == sd::format_iso8601(t.app.now - 60 + 48 * 3600 - 600));
    CHECK(r["sla"]["state"] == "on_track");   // a new 5-minute first response: 4 minutes left
    CHECK(r["sla"]["remaining_s"] == 240);
}

TEST_CASE("closing records closed_at; closing without a reply reads Closed; undo puts it back", "[app][sla][cmd:set_status]") {
    TestApp t;
    t.ok({{"type", "clock"}, {"now", sd::format_iso8601(t.app.now)}, {"speed", 0}});   // a still clock: exact times
    const std::string id = t.find_id([](const sd::Conversation& c) {
        return c.status == sd::Status::AwaitingSeller && c.spam == sd::SpamReason::None && !c.messages.empty() &&
               c.messages.back().direction == sd::Direction::Inbound;
    });
    const sd::Time now = t.app.now;
    t.ok({{"type", "set_status"}, {"id", id}, {"status", "closed"}});
    CHECK(t.conv(id).status == sd::Status::Closed);
    CHECK(t.conv(id).closed_at == now);
    // The journal has the op with its time, so a reload gives the same closed_at.
    t.ack_flushes();
    {
        TestApp again(t.dir);
        CHECK(again.conv(id).closed_at == now);
    }
    json row;
    const json st = state_json(t.app);
    for (const json& r : st["rows"])
        if (r["id"] == id) row = r;
    CHECK(row["sla"]["state"] == "none");   // never "answered": no reply was sent
    CHECK(row["sla"]["text"] == "Closed");
    CHECK(row["sla"]["remaining_s"].is_null());
    t.ok({{"type", "language"}, {"lang", "zh"}});
    const json zh = state_json(t.app);
    for (const json& r : zh["rows"])
        if (r["id"] == id) CHECK(r["sla"]["text"] == "已关闭");
    t.ok({{"type", "language"}, {"lang", "en"}});
    // Undo reopens it and clears closed_at; a reopened one closed again gets the new time.
    t.ok({{"type", "undo"}});
    CHECK(t.conv(id).status == sd::Status::AwaitingSeller);
    CHECK(t.conv(id).closed_at == sd::kNoTime);
    t.ok({{"type", "clock"}, {"now", sd::format_iso8601(now + 600)}, {"speed", 0}});
    t.ok({{"type", "bulk"}, {"ids", {id}}, {"action", "close"}});
    CHECK(t.conv(id).closed_at == now + 600);
    // Undoing a reopening closes it again at its old time.
    t.ok({{"type", "clock"}, {"now", sd::format_iso8601(now + 1200)}, {"speed", 0}});
    t.ok({{"type", "set_status"}, {"id", id}, {"status", "awaiting_seller"}});
    CHECK(t.conv(id).closed_at == sd::kNoTime);
    t.ok({{"type", "undo"}});
    CHECK(t.conv(id).status == sd::Status::Closed);
    CHECK(t.conv(id).closed_at == now + 600);
}

TEST_CASE("the SLA strip counts the response deadlines of conversations awaiting the seller", "[app][sla]") {
    TestApp t(600);
    int overdue[sd::kMarketplaceCount] = {}, due_soon[sd::kMarketplaceCount] = {};
    sd::SlaResult r;
    for (const sd::Conversation& c : t.app.store.conversations) {
        sd::evaluate_sla(t.app.settings.sla, c, t.app.now, r);
        if (c.status != sd::Status::AwaitingSeller || c.spam != sd::SpamReason::None) continue;
        overdue[int(c.marketplace)] += r.state() == sd::SlaState::Overdue;
        due_soon[int(c.marketplace)] += r.state() == sd::SlaState::DueSoon;
    }
    const json counts = state_json(t.app, 0)["sla_counts"];
    for (int m = 0; m < sd::kMarketplaceCount; ++m) {
        INFO(sd::to_string(sd::Marketplace(m)));
        CHECK(counts[sd::to_string(sd::Marketplace(m))]["overdue"] == overdue[m]);
        CHECK(counts[sd::to_string(sd::Marketplace(m))]["due_soon"] == due_soon[m]);
    }
    // sla:overdue lists exactly those, all awaiting the seller.
    t.ok({{"type", "filter"}, {"name", "sla:overdue"}});
    int total = 0;
    for (int m = 0; m < sd::kMarketplaceCount; ++m) total += overdue[m];
    CHECK(int(t.app.view.rows.size()) == total);
    for (uint32_t i : t.app.view.rows) CHECK(t.app.store.conversations[i].status == sd::Status::AwaitingSeller);
}
