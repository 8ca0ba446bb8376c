// Account metrics (core/metrics.h): every expected number below was counted by hand from the
// conversations each test builds; comments give the arithmetic.
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/demo.h"
#include "core/metrics.h"
#include "core/ops.h"
#include "core/time.h"

namespace {

using namespace sd;

const Time kAt = 1795000000;   // 2026-11-18T11:06:40Z: every test's "now"

struct Builder {
    Store store;

    Conversation& add(Marketplace m, const std::string& id, ConversationKind kind = ConversationKind::PostSale) {
        Conversation c;
        c.id = id;
        c.marketplace = m;
        c.kind = kind;
        c.customer_id = "cust-" + id;
        store.conversations.push_back(c);
        return store.conversations.back();
    }
    static void in(Conversation& c, Time t) {
        Message m;
        m.id = c.id + "-m" + std::to_string(c.messages.size());
        m.direction = Direction::Inbound;
        m.at = t;
        c.messages.push_back(m);
        if (c.opened_at == 0) c.opened_at = t;
    }
    static void out(Conversation& c, Time t, const char* author = "Ann", Delivery d = Delivery::Sent, bool automatic = false) {
        Message m;
        m.id = c.id + "-m" + std::to_string(c.messages.size());
        m.direction = Direction::Outbound;
        m.role = AuthorRole::Agent;
        m.author = author;
        m.at = t;
        m.delivery = d;
        m.auto_reply = automatic;
        c.messages.push_back(m);
    }
    // A conversation with one buyer message at `start`, answered `after` seconds later (< 0: never).
    Conversation& episode(Marketplace m, const std::string& id, Time start, Time after, const char* author = "Ann") {
        Conversation& c = add(m, id);
        in(c, start);
        if (after >= 0) out(c, start + after, author);
        return c;
    }
    Order& order(const std::string& id, Time purchased) {
        Order o;
        o.id = id;
        o.purchased_at = purchased;
        store.orders.push_back(o);
        return store.orders.back();
    }
    Metrics metrics(Time at, MetricsPreset p = MetricsPreset::Current, SlaPreset sla = SlaPreset::Current) {
        store.reindex();
        EpisodeCache cache;
        build_episode_cache(make_sla_policies(sla), store, at, cache);
        return compute_metrics(cache, store, at, p);
    }
};

}  // namespace

TEST_CASE("Walmart response rate: window edges, pending episodes", "[metrics]") {
    Builder b;
    b.episode(Marketplace::Walmart, "edge-in", kAt - 30 * kDay, kHour);        // starts exactly at at - 30 d: in
    b.episode(Marketplace::Walmart, "edge-out", kAt - 30 * kDay - 1, kHour);   // one second earlier: out
    b.episode(Marketplace::Walmart, "at-now", kAt, -1);                        // starts at `at`: out
    b.episode(Marketplace::Walmart, "missed", kAt - 10 * kDay, -1);            // 48 h passed unanswered: counted, missed
    b.episode(Marketplace::Walmart, "late", kAt - 9 * kDay, 49 * kHour);       // answered after 48 h: counted, missed
    b.episode(Marketplace::Walmart, "on-time", kAt - 9 * kDay, 48 * kHour);    // exactly at the deadline: in time
    b.episode(Marketplace::Walmart, "pending", kAt - kHour, -1);               // can still be saved: not counted
    const Metrics m = b.metrics(kAt);
    // in time: edge-in, on-time = 2; counted: + missed, late = 4
    CHECK(m.walmart_response.good == 2);
    CHECK(m.walmart_response.total == 4);
    CHECK(m.walmart_response.value == Approx(0.5));
    CHECK(m.walmart_response.window_days == 30);
    CHECK(m.walmart_response.bar == Approx(0.95));
    // seller_guides: 14 days, bar 90 %: edge-in and... only missed, late, on-time are within 14 days
    const Metrics g = b.metrics(kAt, MetricsPreset::SellerGuides);
    CHECK(g.walmart_response.good == 1);
    CHECK(g.walmart_response.total == 3);
    CHECK(g.walmart_response.window_days == 14);
    CHECK(g.walmart_response.bar == Approx(0.90));
    // The pending one counts once its 48 h pass (at + 47 h): missed; the window then also drops
    // edge-in (it started 30 d + 47 h before); at-now's 48 h have not passed yet.
    const Metrics later = b.metrics(kAt + 47 * kHour + 1);
    CHECK(later.walmart_response.good == 1);   // on-time
    CHECK(later.walmart_response.total == 4);  // missed, late, on-time, pending
}

TEST_CASE("a metric at T sees only the replies before T", "[metrics]") {
    Builder b;
    b.episode(Marketplace::Walmart, "w", kAt - 5 * kDay, 2 * kHour);
    // At start + 1 h the reply has not happened: pending, not counted.
    Metrics m = b.metrics(kAt - 5 * kDay + kHour);
    CHECK(m.walmart_response.total == 0);
    m = b.metrics(kAt - 5 * kDay + 2 * kHour + 1);
    CHECK(m.walmart_response.total == 1);
    CHECK(m.walmart_response.good == 1);
}

TEST_CASE("auto replies and failed deliveries do not answer", "[metrics]") {
    Builder b;
    Conversation& c = b.add(Marketplace::Walmart, "w");
    const Time t = kAt - 5 * kDay;
    Builder::in(c, t);
    Builder::out(c, t + 60, "Bot", Delivery::Sent, true);          // auto reply
    Builder::out(c, t + 120, "Ann", Delivery::Failed);             // failed
    Builder::out(c, t + 50 * kHour, "Ann");                        // the answer, 2 h late
    Metrics m = b.metrics(kAt);
    CHECK(m.walmart_response.total == 1);
    CHECK(m.walmart_response.good == 0);
    // The agents' table counts only the real answer, by its author.
    REQUIRE(m.agents.size() == 1);
    CHECK(m.agents[0].name == "Ann");
    CHECK(m.agents[0].median_first_response_s == 50 * kHour);
}

TEST_CASE("spam and Amazon's No response needed are out, in both presets", "[metrics]") {
    Builder b;
    Conversation& spam = b.episode(Marketplace::Walmart, "spam", kAt - 3 * kDay, -1);
    spam.kind = ConversationKind::PreSale;
    spam.spam = SpamReason::Spam;
    Conversation& nrn = b.episode(Marketplace::Amazon, "nrn", kAt - 3 * kDay, -1);
    nrn.labels.push_back("no_response_needed");
    b.episode(Marketplace::Amazon, "late", kAt - 3 * kDay, 30 * kHour);
    for (SlaPreset sla : {SlaPreset::Current, SlaPreset::SellerGuides}) {
        const Metrics m = b.metrics(kAt, MetricsPreset::Current, sla);
        CHECK(m.walmart_response.total == 0);
        CHECK(m.amazon_late_d7.total == 1);   // only "late"
        CHECK(m.amazon_late_d7.good == 1);
        CHECK(m.amazon_late_d7.value == Approx(1.0));
    }
}

TEST_CASE("Amazon late response rate: second episodes, 7/30/90 days, closed threads", "[metrics]") {
    Builder b;
    Conversation& c = b.add(Marketplace::Amazon, "two");
    const Time t = kAt - 2 * kDay;
    Builder::in(c, t);
    Builder::out(c, t + 2 * kHour);                 // episode 1: in time
    Builder::in(c, t + 5 * kHour);
    Builder::out(c, t + 30 * kHour);                // episode 2: 25 h, late
    b.episode(Marketplace::Amazon, "d20", kAt - 20 * kDay, -1);   // unanswered past 24 h: late, in d30 and d90
    b.episode(Marketplace::Amazon, "d60", kAt - 60 * kDay, kHour); // in time, d90 only
    Conversation& early = b.episode(Marketplace::Amazon, "closed-early", kAt - 4 * kDay, -1);
    early.status = Status::Closed;
    early.closed_at = kAt - 4 * kDay + kHour;       // closed before its deadline: out of both counts
    Conversation& after = b.episode(Marketplace::Amazon, "closed-late", kAt - 4 * kDay, -1);
    after.status = Status::Closed;
    after.closed_at = kAt - 2 * kDay;               // closed after its deadline passed: stays late
    const Metrics m = b.metrics(kAt);
    CHECK(m.amazon_late_d7.good == 2);    // episode 2, closed-late
    CHECK(m.amazon_late_d7.total == 3);   // episodes 1, 2, closed-late
    CHECK(m.amazon_late_d30.good == 3);
    CHECK(m.amazon_late_d30.total == 4);
    CHECK(m.amazon_late_d90.good == 3);
    CHECK(m.amazon_late_d90.total == 5);
    CHECK(m.amazon_late_d90.value == Approx(0.6));
    CHECK(m.amazon_late_d7.bar == Approx(0.10));
}

TEST_CASE("Order Defect Rate: once per order, purchase date, the window's offset", "[metrics]") {
    Builder b;
    const struct { const char* id; int days_ago; int defects; Marketplace m; } orders[] = {
        {"o1", 10, 2, Marketplace::Amazon},    // two defects, counted once
        {"o2", 20, 0, Marketplace::Amazon},
        {"o3", 70, 1, Marketplace::Amazon},
        {"o4", 5, 0, Marketplace::Amazon},
        {"w1", 20, 1, Marketplace::Walmart},   // not an Amazon order
    };
    for (const auto& o : orders) {
        Order& rec = b.order(o.id, kAt - o.days_ago * kDay);
        for (int k = 0; k < o.defects; ++k)
            rec.defects.push_back(Defect{k ? DefectKind::Chargeback : DefectKind::AtoZClaim, kAt - kDay + k});
        Conversation& c = b.episode(o.m, std::string("c-") + o.id, kAt - o.days_ago * kDay + kHour, kHour);
        c.order_id = o.id;
    }
    // seller_guides: [at - 60 d, at): o1, o2, o4; o1 defective -> 1 / 3
    const Metrics g = b.metrics(kAt, MetricsPreset::SellerGuides);
    CHECK(g.amazon_odr.good == 1);
    CHECK(g.amazon_odr.total == 3);
    CHECK(g.amazon_odr.window_days == 60);
    CHECK(g.odr_offset_days == 0);
    // current: [at - 74 d, at - 14 d): o2, o3; o3 defective -> 1 / 2
    const Metrics c = b.metrics(kAt);
    CHECK(c.amazon_odr.good == 1);
    CHECK(c.amazon_odr.total == 2);
    CHECK(c.amazon_odr.value == Approx(0.5));
    CHECK(c.odr_offset_days == 14);
    // A defect reported after T is not known at T: at at - 2 d, o1's defects (at - 1 d) are not there.
    const Metrics before = b.metrics(kAt - 2 * kDay, MetricsPreset::SellerGuides);
    CHECK(before.amazon_odr.good == 0);
    CHECK(before.amazon_odr.total == 3);   // [at - 62 d, at - 2 d): o1, o2, o4
}

TEST_CASE("Tmall: 3-minute rate, first response, reception, conversion, today", "[metrics]") {
    Builder b;
    const Time t = kAt - 3 * kDay;
    b.episode(Marketplace::Tmall, "fast", t, 100, "小王");
    b.episode(Marketplace::Tmall, "slow", t, 300, "小李");
    b.episode(Marketplace::Tmall, "never", t, -1);              // older than 180 s, unanswered: counted, missed
    b.episode(Marketplace::Tmall, "fresh", kAt - 60, -1);       // 60 s old: not counted yet
    // Conversion: X asked before buying (bought 1 h after the question); Y never bought.
    Conversation& px = b.episode(Marketplace::Tmall, "pre-x", t - kDay, 60);
    px.kind = ConversationKind::PreSale;
    px.customer_id = "X";
    Conversation& py = b.episode(Marketplace::Tmall, "pre-y", t - kDay, 60);
    py.kind = ConversationKind::PreSale;
    py.customer_id = "Y";
    b.order("tx", t - kDay + kHour);
    Conversation& after = b.episode(Marketplace::Tmall, "post-x", t - kDay + 2 * kHour, 60);
    after.customer_id = "X";
    after.order_id = "tx";
    const Metrics m = b.metrics(kAt);
    // counted: fast, slow, never, pre-x, pre-y, post-x (all but fresh); within 180 s: fast + the three 60 s answers
    CHECK(m.tmall_three_minute.good == 4);
    CHECK(m.tmall_three_minute.total == 6);
    // answered: 100 + 300 + 60 + 60 + 60 = 580 over 5
    CHECK(m.tmall_first_response_avg_s == Approx(116.0));
    CHECK(m.tmall_reception == 7);
    CHECK(m.tmall_conversion.good == 1);
    CHECK(m.tmall_conversion.total == 2);
    CHECK(m.tmall_conversion.value == Approx(0.5));
    // Today (UTC+8): kAt is 19:06:40 in China: only "fresh" started today; nothing counted yet.
    CHECK(m.tmall_reception_today == 1);
    CHECK(m.tmall_three_minute_today.total == 0);
    // Agents: Ann answered the three 60 s ones (median 60), 小王 and 小李 one each.
    REQUIRE(m.agents.size() == 3);
    CHECK(m.agents[0].name == "Ann");
    CHECK(m.agents[0].answered == 3);
    CHECK(m.agents[0].median_first_response_s == 60);
}

TEST_CASE("eBay cases contacted by the deadline, Wish escalations", "[metrics]") {
    Builder b;
    Conversation& ok = b.add(Marketplace::Ebay, "case-ok");
    Builder::in(ok, kAt - 10 * kDay);
    ok.ebay_case = EbayCase{CaseType::ItemNotReceived, CaseChannel::Ebay, kAt - 10 * kDay};
    Builder::out(ok, kAt - 8 * kDay);                   // within seller_guides' 6 days
    Conversation& miss = b.add(Marketplace::Ebay, "case-miss");
    Builder::in(miss, kAt - 10 * kDay);
    miss.ebay_case = EbayCase{CaseType::NotAsDescribed, CaseChannel::Ebay, kAt - 10 * kDay};
    Conversation& open = b.add(Marketplace::Ebay, "case-open");   // 1 day old: not counted yet
    Builder::in(open, kAt - kDay);
    open.ebay_case = EbayCase{CaseType::NotAsDescribed, CaseChannel::Ebay, kAt - kDay};
    b.episode(Marketplace::Wish, "escalated", kAt - 3 * kDay, -1);
    b.episode(Marketplace::Wish, "answered-late", kAt - 5 * kDay, 50 * kHour);   // support stepped in at 48 h
    b.episode(Marketplace::Wish, "in-time", kAt - 5 * kDay, kHour);
    b.episode(Marketplace::Wish, "young", kAt - kHour, -1);
    const Metrics m = b.metrics(kAt, MetricsPreset::Current, SlaPreset::SellerGuides);
    CHECK(m.ebay_cases_opened == 3);
    CHECK(m.ebay_case_contacted.good == 1);
    CHECK(m.ebay_case_contacted.total == 2);
    CHECK(m.wish_escalated == 2);
    CHECK(m.wish_in_time.good == 1);
    CHECK(m.wish_in_time.total == 3);
}

TEST_CASE("per agent: answered and median first response", "[metrics]") {
    Builder b;
    const Time t = kAt - 2 * kDay;
    b.episode(Marketplace::Walmart, "a1", t, 60, "Ann");
    b.episode(Marketplace::Walmart, "a2", t, 600, "Ann");
    b.episode(Marketplace::Walmart, "a3", t, 120, "Ann");
    b.episode(Marketplace::Amazon, "b1", t, 100, "Bo");
    b.episode(Marketplace::Amazon, "b2", t, 301, "Bo");
    b.episode(Marketplace::Amazon, "old", kAt - 31 * kDay, 5, "Cy");   // outside the 30 days
    const Metrics m = b.metrics(kAt);
    REQUIRE(m.agents.size() == 2);
    CHECK(m.agents[0].name == "Ann");
    CHECK(m.agents[0].answered == 3);
    CHECK(m.agents[0].median_first_response_s == 120);
    CHECK(m.agents[1].name == "Bo");
    CHECK(m.agents[1].median_first_response_s == 200);   // (100 + 301) / 2, rounded down
}

TEST_CASE("projection: the fewest answers, earliest deadline first", "[metrics][projection]") {
    for (int answered : {10, 30}) {
        Builder b;
        for (int k = 0; k < answered; ++k) b.episode(Marketplace::Walmart, "done" + std::to_string(k), kAt - 5 * kDay, kHour);
        b.episode(Marketplace::Walmart, "C", kAt - 18 * kHour, -1);   // deadline at + 30 h: after `until`
        b.episode(Marketplace::Walmart, "B", kAt - 43 * kHour, -1);   // deadline at + 5 h
        b.episode(Marketplace::Walmart, "A", kAt - 46 * kHour, -1);   // deadline at + 2 h
        b.store.reindex();
        EpisodeCache cache;
        build_episode_cache(make_sla_policies(SlaPreset::Current), b.store, kAt, cache);
        const Projection p = project_metrics(cache, b.store, kAt, kAt + 10 * kHour, MetricsPreset::Current);
        // As if nothing more is answered: A and B are missed by then; C does not count yet.
        CHECK(p.metrics.walmart_response.good == answered);
        CHECK(p.metrics.walmart_response.total == answered + 2);
        if (answered == 10) {
            // 10/12, 11/12 = 91.7 % are not above 95 %; 12/12 is.
            CHECK(p.must_answer == std::vector<std::string>{"A", "B"});
        } else {
            // 31/32 = 96.9 % > 95 %: one is enough, the earliest deadline.
            CHECK(p.must_answer == std::vector<std::string>{"A"});
        }
    }
}

TEST_CASE("projection: windows slide, replies after now are not known", "[metrics][projection]") {
    Builder b;
    b.episode(Marketplace::Amazon, "old-late", kAt - 6 * kDay, -1);    // late now (d7); out of d7 two days on
    b.episode(Marketplace::Amazon, "fine", kAt - 3 * kDay, kHour);
    b.episode(Marketplace::Amazon, "future-reply", kAt - 20 * kHour, 21 * kHour);   // reply at at + 1 h
    b.store.reindex();
    EpisodeCache cache;
    build_episode_cache(make_sla_policies(SlaPreset::Current), b.store, kAt, cache);
    const Metrics now = compute_metrics(cache, b.store, kAt, MetricsPreset::Current);
    CHECK(now.amazon_late_d7.good == 1);
    CHECK(now.amazon_late_d7.total == 2);   // old-late, fine (future-reply is pending)
    const Projection p = project_metrics(cache, b.store, kAt, kAt + 2 * kDay, MetricsPreset::Current);
    // At at + 2 d: old-late left the 7 days; future-reply's reply is not known at `now`, so it is
    // late by then; fine stays.
    CHECK(p.metrics.amazon_late_d7.good == 1);
    CHECK(p.metrics.amazon_late_d7.total == 2);
    CHECK(p.metrics.amazon_late_d30.total == 3);
    // d7 at 50 % needs future-reply answered (its deadline, at + 4 h, is still ahead).
    CHECK(p.must_answer == std::vector<std::string>{"future-reply"});
}

TEST_CASE("projection: nothing to answer when every bar holds", "[metrics][projection]") {
    Builder b;
    b.episode(Marketplace::Walmart, "done", kAt - 5 * kDay, kHour);
    b.episode(Marketplace::Walmart, "young", kAt - kHour, -1);
    b.store.reindex();
    EpisodeCache cache;
    build_episode_cache(make_sla_policies(SlaPreset::Current), b.store, kAt, cache);
    // By at + 10 h young is not due: 1/1.
    CHECK(project_metrics(cache, b.store, kAt, kAt + 10 * kHour, MetricsPreset::Current).must_answer.empty());
    // By at + 3 d it is missed: 1/2, so it must be answered.
    CHECK(project_metrics(cache, b.store, kAt, kAt + 3 * kDay, MetricsPreset::Current).must_answer ==
          std::vector<std::string>{"young"});
}

TEST_CASE("the incremental cache equals a full rebuild", "[metrics]") {
    DemoOptions opt;
    opt.conversations = 600;
    Store store = generate_demo(opt);
    store.reindex();
    const SlaPolicySet policies = make_sla_policies(SlaPreset::Current);
    EpisodeCache cache;
    build_episode_cache(policies, store, opt.now, cache);
    std::string err;
    auto change = [&](const nlohmann::json& op) {
        REQUIRE(apply_op(store, op, err));
        store.reindex();
        const int i = store.conversation_index(op["id"].get<std::string>());
        REQUIRE(i >= 0);
        update_episode_cache(policies, store, size_t(i), opt.now, cache);
    };
    const std::string at = format_iso8601(opt.now);
    // A reply (an episode answered), a buyer message (a new episode), a closed one, a new conversation.
    for (size_t k = 0; k < 40; ++k) {
        const Conversation& c = store.conversations[k * 13];
        change({{"op", "reply"}, {"id", c.id}, {"message_id", c.id + "-x"}, {"text", "Thanks"}, {"author", "Zed"}, {"at", at}});
        change({{"op", "add_message"}, {"id", c.id}, {"message_id", c.id + "-y"}, {"text", "And?"}, {"author", "Buyer"}, {"at", at}});
        if (k % 3 == 0) change({{"op", "set_status"}, {"id", c.id}, {"status", "closed"}, {"at", at}});
    }
    const Conversation& any = store.conversations[0];
    change({{"op", "new_conversation"}, {"id", "typed-1"}, {"marketplace", "tmall"}, {"order_id", ""}, {"customer_id", any.customer_id},
            {"customer_name", "Buyer"}, {"subject", "Hi"}, {"message_id", "typed-1-m"}, {"text", "在吗"}, {"at", at}});
    EpisodeCache full;
    build_episode_cache(policies, store, opt.now, full);
    REQUIRE(cache.episodes.size() == full.episodes.size());
    CHECK(cache.first_of == full.first_of);
    for (size_t k = 0; k < full.episodes.size(); ++k) {
        const EpisodeFact &a = cache.episodes[k], &e = full.episodes[k];
        INFO("episode " << k);
        CHECK(a.conversation == e.conversation);
        CHECK(a.start == e.start);
        CHECK(a.deadline == e.deadline);
        CHECK(a.reply_at == e.reply_at);
        CHECK(a.closed_unanswered == e.closed_unanswered);
        CHECK((a.agent < 0 ? "" : cache.agents[size_t(a.agent)]) == (e.agent < 0 ? "" : full.agents[size_t(e.agent)]));
    }
    CHECK(cache.cases.size() == full.cases.size());
    CHECK(cache.tmall_pre_sale.size() == full.tmall_pre_sale.size());
    const Time later = opt.now + kHour;
    CHECK(metrics_to_json(compute_metrics(cache, store, later, MetricsPreset::Current)) ==
          metrics_to_json(compute_metrics(full, store, later, MetricsPreset::Current)));
    CHECK(cache.episodes.size() > 100);   // the demo gives the test something to compare
}

TEST_CASE("the JSON has the documented shape", "[metrics]") {
    Builder b;
    b.episode(Marketplace::Walmart, "w", kAt - kDay, kHour, "Ann");
    const nlohmann::json j = metrics_to_json(b.metrics(kAt));
    CHECK(j["walmart"]["response_rate"]["value"] == 1.0);
    CHECK(j["walmart"]["response_rate"]["in_time"] == 1);
    CHECK(j["walmart"]["response_rate"]["total"] == 1);
    CHECK(j["walmart"]["response_rate"]["window_days"] == 30);
    for (const char* d : {"d7", "d30", "d90"}) {
        CHECK(j["amazon"]["late_response_rate"][d].contains("late"));
        CHECK(j["amazon"]["late_response_rate"][d].contains("total"));
    }
    for (const char* k : {"value", "defective_orders", "orders", "window_days", "bar"}) CHECK(j["amazon"]["odr"].contains(k));
    for (const char* k : {"three_minute_rate", "first_response_avg_s", "reception", "conversion"}) CHECK(j["tmall"].contains(k));
    CHECK(j["tmall"]["three_minute_rate"].contains("in_time"));
    CHECK(j["agents"] == nlohmann::json::array({{{"name", "Ann"}, {"answered", 1}, {"median_first_response_s", 3600}}}));
}

TEST_CASE("the add_defect op: validation, duplicates, union in a merge", "[metrics][ops]") {
    Store s;
    s.orders.push_back(Order{"A-1"});
    s.reindex();
    std::string err;
    CHECK_FALSE(apply_op(s, {{"op", "add_defect"}, {"id", "nope"}, {"kind", "a_to_z"}, {"at", "2026-11-01T00:00:00Z"}}, err));
    CHECK(err == "no order \"nope\"");
    CHECK_FALSE(apply_op(s, {{"op", "add_defect"}, {"id", "A-1"}, {"kind", "bad"}, {"at", "2026-11-01T00:00:00Z"}}, err));
    CHECK(err == "unknown defect kind \"bad\" (a_to_z, negative_feedback, chargeback)");
    CHECK_FALSE(apply_op(s, {{"op", "add_defect"}, {"id", "A-1"}, {"kind", "a_to_z"}, {"at", "yesterday"}}, err));
    CHECK(err == "\"at\" is not an ISO 8601 time: yesterday");
    CHECK(s.orders[0].defects.empty());
    REQUIRE(apply_op(s, {{"op", "add_defect"}, {"id", "A-1"}, {"kind", "chargeback"}, {"at", "2026-11-02T00:00:00Z"}}, err));
    REQUIRE(apply_op(s, {{"op", "add_defect"}, {"id", "A-1"}, {"kind", "a_to_z"}, {"at", "2026-11-01T00:00:00Z"}}, err));
    CHECK_FALSE(apply_op(s, {{"op", "add_defect"}, {"id", "A-1"}, {"kind", "a_to_z"}, {"at", "2026-11-01T00:00:00Z"}}, err));
    CHECK(err == "order A-1 already has a a_to_z defect at 2026-11-01T00:00:00Z");
    REQUIRE(s.orders[0].defects.size() == 2);
    CHECK(s.orders[0].defects[0].kind == DefectKind::AtoZClaim);   // sorted by time
    // Union: either side first gives the same list.
    std::vector<Defect> a = {{DefectKind::AtoZClaim, 10}, {DefectKind::Chargeback, 20}};
    std::vector<Defect> b = {{DefectKind::Chargeback, 20}, {DefectKind::NegativeFeedback, 5}};
    std::vector<Defect> ab = a, ba = b;
    CHECK(union_defects(ab, b));
    CHECK(union_defects(ba, a));
    REQUIRE(ab.size() == 3);
    REQUIRE(ba.size() == 3);
    for (size_t k = 0; k < 3; ++k) {
        CHECK(ab[k].at == ba[k].at);
        CHECK(ab[k].kind == ba[k].kind);
    }
    CHECK_FALSE(union_defects(ab, a));   // nothing new
}

// ---- the one-pass computation against straightforward per-metric passes ----------------------
namespace {

// How an episode stands at `at` (docs/metrics.md), written out plainly: {counts, in_time, answered, listed}.
struct RefStanding {
    bool listed = false, answered = false, counts = false, in_time = false;
};
RefStanding ref_standing(const EpisodeFact& e, Time at) {
    RefStanding s;
    if (e.start > at) return s;
    s.answered = e.reply_at != kNoTime && e.reply_at <= at;
    const bool closed_before_deadline = e.closed_unanswered && (e.closed_at == kNoTime || (e.closed_at <= at && e.closed_at <= e.deadline));
    if (!s.answered && closed_before_deadline) return s;
    s.listed = true;
    s.counts = s.answered || (e.deadline != kNoTime && e.deadline < at);
    s.in_time = s.answered && e.reply_at <= e.deadline;
    return s;
}

// {good, total} over one marketplace's episodes starting in [from, at).
std::pair<int64_t, int64_t> ref_tally(const EpisodeCache& cache, Marketplace m, Time from, Time at) {
    int64_t good = 0, total = 0;
    for (const EpisodeFact& e : cache.episodes) {
        if (e.marketplace != m || e.start < from || e.start >= at) continue;
        const RefStanding s = ref_standing(e, at);
        total += s.counts;
        good += s.counts && s.in_time;
    }
    return {good, total};
}

// Tmall reception (conversations with a listed episode) and answered count over [from, at).
std::pair<int64_t, int64_t> ref_tmall(const EpisodeCache& cache, Time from, Time at) {
    std::vector<uint32_t> seen;
    int64_t answered = 0;
    for (const EpisodeFact& e : cache.episodes) {
        if (e.marketplace != Marketplace::Tmall || e.start < from || e.start >= at) continue;
        const RefStanding s = ref_standing(e, at);
        if (!s.listed) continue;
        if (std::find(seen.begin(), seen.end(), e.conversation) == seen.end()) seen.push_back(e.conversation);
        answered += s.answered;
    }
    return {int64_t(seen.size()), answered};
}

}  // namespace

TEST_CASE("one pass over the episodes equals a pass per metric, on the demo", "[metrics]") {
    DemoOptions opt;
    opt.conversations = 2000;
    Store store = generate_demo(opt);
    store.reindex();
    EpisodeCache cache;
    build_episode_cache(make_sla_policies(SlaPreset::Current), store, opt.now, cache);
    // Amazon conversations' orders and Tmall conversions, listed the plain way.
    std::vector<uint32_t> amazon;
    for (const Conversation& c : store.conversations)
        if (c.marketplace == Marketplace::Amazon && !c.order_id.empty() && store.find_order(c.order_id))
            amazon.push_back(uint32_t(store.find_order(c.order_id) - store.orders.data()));
    std::sort(amazon.begin(), amazon.end());
    amazon.erase(std::unique(amazon.begin(), amazon.end()), amazon.end());
    CHECK(cache.amazon_orders == amazon);
    size_t pre_sale = 0, bought = 0;
    for (const PreSaleFact& f : cache.tmall_pre_sale) {
        const Conversation& c = store.conversations[f.conversation];
        Time first = kNoTime;
        for (const Conversation& o : store.conversations) {
            const Order* ord = o.marketplace == Marketplace::Tmall && o.customer_id == c.customer_id ? store.find_order(o.order_id) : nullptr;
            if (ord && ord->purchased_at != kNoTime && ord->purchased_at >= f.start && (first == kNoTime || ord->purchased_at < first))
                first = ord->purchased_at;
        }
        CHECK(f.bought_at == first);
        ++pre_sale;
        bought += first != kNoTime;
    }
    CHECK(pre_sale > 20);
    CHECK(bought > 0);
    for (Time at : {opt.now, opt.now - 3 * kDay - 7 * kHour, opt.now + 20 * kHour, opt.now - 12 * kDay}) {
        INFO("at " << format_iso8601(at));
        for (MetricsPreset p : {MetricsPreset::Current, MetricsPreset::SellerGuides}) {
            const Metrics m = compute_metrics(cache, store, at, p);
            const int wd = p == MetricsPreset::Current ? 30 : 14;
            const auto w = ref_tally(cache, Marketplace::Walmart, at - wd * kDay, at);
            CHECK(m.walmart_response.good == w.first);
            CHECK(m.walmart_response.total == w.second);
            const RateMetric* late[3] = {&m.amazon_late_d7, &m.amazon_late_d30, &m.amazon_late_d90};
            const int days[3] = {7, 30, 90};
            for (int k = 0; k < 3; ++k) {
                const auto a = ref_tally(cache, Marketplace::Amazon, at - days[k] * kDay, at);
                CHECK(late[k]->good == a.second - a.first);
                CHECK(late[k]->total == a.second);
            }
            const auto wish = ref_tally(cache, Marketplace::Wish, at - 30 * kDay, at);
            CHECK(m.wish_escalated == wish.second - wish.first);
            const auto tm = ref_tally(cache, Marketplace::Tmall, at - 30 * kDay, at);
            CHECK(m.tmall_three_minute.good == tm.first);
            CHECK(m.tmall_three_minute.total == tm.second);
            CHECK(m.tmall_reception == ref_tmall(cache, at - 30 * kDay, at).first);
            int64_t agent_answered = 0;
            for (const AgentMetric& a : m.agents) agent_answered += a.answered;
            int64_t answered = 0;
            for (const EpisodeFact& e : cache.episodes)
                answered += e.agent >= 0 && e.start >= at - 30 * kDay && e.start < at && ref_standing(e, at).answered;
            CHECK(agent_answered == answered);
        }
        CHECK(compute_metrics(cache, store, at, MetricsPreset::Current).walmart_response.total > 0);
    }
}
