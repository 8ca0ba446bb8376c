// The SLA strip's incremental tally must always equal a full recount: random walks of time (seconds
// to days, and jumps back) mixed with edits, over a demo inbox with Tmall's 5-minute deadlines.
#include <catch2/catch.hpp>

#include <random>

#include "core/demo.h"
#include "core/ops.h"
#include "core/sla_tally.h"
#include "core/time.h"

namespace {

struct Counts {
    int overdue[sd::kMarketplaceCount] = {};
    int due_soon[sd::kMarketplaceCount] = {};
};

Counts recount(const sd::SlaPolicySet& p, const sd::Store& s, sd::Time now) {
    Counts n;
    for (const sd::Conversation& c : s.conversations) {
        // The strip counts the conversations that need a reply: awaiting the seller, not spam.
        if (c.spam != sd::SpamReason::None || c.status != sd::Status::AwaitingSeller) continue;
        sd::SlaState st = sd::evaluate_sla(p, c, now).state();
        if (st == sd::SlaState::Overdue) ++n.overdue[int(c.marketplace)];
        if (st == sd::SlaState::DueSoon) ++n.due_soon[int(c.marketplace)];
    }
    return n;
}

void require_equal(const sd::SlaTally& t, const Counts& n, sd::Time now) {
    INFO("at " << sd::format_iso8601(now));
    for (int m = 0; m < sd::kMarketplaceCount; ++m) {
        INFO("marketplace " << sd::to_string(sd::Marketplace(m)));
        REQUIRE(t.overdue[m] == n.overdue[m]);
        REQUIRE(t.due_soon[m] == n.due_soon[m]);
    }
}

}  // namespace

TEST_CASE("SLA tally: incremental counts equal a full recount through time and edits", "[sla][tally]") {
    for (auto preset : {sd::SlaPreset::Current, sd::SlaPreset::SellerGuides}) {
        sd::Time start = 0;
        REQUIRE(sd::parse_iso8601("2026-11-25T08:00:00Z", start));
        sd::DemoOptions o;
        o.conversations = 1500;
        o.seed = 7;
        o.now = start;
        sd::Store store = sd::generate_demo(o);
        sd::SlaPolicySet p = sd::make_sla_policies(preset);
        sd::SlaTally t;
        std::mt19937_64 rng(42);
        sd::Time now = start;
        REQUIRE(sd::sla_tally_advance(t, p, store.conversations, now) == true);
        require_equal(t, recount(p, store, now), now);
        int changes = 0;
        for (int step = 0; step < 300; ++step) {
            uint64_t r = rng() % 100;
            if (r < 60) now += sd::Time(1 + rng() % 90);               // seconds: Tmall's 5-minute clocks
            else if (r < 85) now += sd::Time(60 + rng() % 7200);        // minutes to hours
            else if (r < 95) now += sd::Time(rng() % (3 * sd::kDay));   // days, across weekends
            else now -= sd::Time(rng() % 7200);                         // the simulated clock set back
            // An edit now and then: a reply, a close, a spam flag (refused ones change nothing).
            if (rng() % 3 == 0) {
                size_t i = size_t(rng() % store.conversations.size());
                const std::string id = store.conversations[i].id;
                nlohmann::json op;
                switch (rng() % 3) {
                    case 0:
                        op = {{"op", "reply"}, {"id", id}, {"message_id", id + "-t" + std::to_string(step)}, {"text", "Thanks"},
                              {"author", "Lily"}, {"at", sd::format_iso8601(now)}};
                        break;
                    case 1: op = {{"op", "set_status"}, {"id", id}, {"status", "closed"}}; break;
                    default: op = {{"op", "flag_spam"}, {"id", id}, {"reason", "spam"}}; break;
                }
                std::string err;
                if (sd::apply_op(store, op, err)) sd::sla_tally_update(t, p, store.conversations, i, now);
            }
            if (sd::sla_tally_advance(t, p, store.conversations, now)) ++changes;
            require_equal(t, recount(p, store, now), now);
        }
        CHECK(changes >= 10);   // the walk really moved deadlines across states
        CHECK(t.queue.size() <= 4 * t.counted.size() + 1024);
    }
}

TEST_CASE("SLA tally: an unbuilt tally ignores edits and builds on the next advance", "[sla][tally]") {
    sd::DemoOptions o;
    o.conversations = 50;
    REQUIRE(sd::parse_iso8601("2026-11-25T08:00:00Z", o.now));
    sd::Store store = sd::generate_demo(o);
    sd::SlaPolicySet p = sd::make_sla_policies(sd::SlaPreset::Current);
    sd::SlaTally t;
    sd::sla_tally_update(t, p, store.conversations, 3, o.now);
    CHECK(t.at == sd::kNoTime);
    sd::sla_tally_advance(t, p, store.conversations, o.now);
    require_equal(t, recount(p, store, o.now), o.now);
    // Conversations appended (an import): the next advance recounts everything.
    store.conversations.push_back(store.conversations[0]);
    store.conversations.back().id = "copy";
    store.reindex();
    sd::sla_tally_advance(t, p, store.conversations, o.now + 5);
    require_equal(t, recount(p, store, o.now + 5), o.now + 5);
}

TEST_CASE("SLA tally: a build gives the urgency keys and the counts of separate passes", "[sla][tally]") {
    sd::Time now = 0;
    REQUIRE(sd::parse_iso8601("2026-11-25T08:00:00Z", now));
    sd::Store store = sd::generate_demo(sd::DemoOptions{/*seed*/ 3, /*conversations*/ 2000, now});
    sd::SlaPolicySet p = sd::make_sla_policies(sd::SlaPreset::Current);
    for (sd::Time at : {now, now + 3600, now + 5 * 86400}) {
        std::vector<int64_t> keys, expect_keys;
        sd::SlaTally built;
        sd::sla_tally_build(built, p, store.conversations, at, &keys);
        sd::sla_urgency_keys(p, store, at, expect_keys);
        CHECK(keys == expect_keys);
        require_equal(built, recount(p, store, at), at);
        // ... and it is current: advancing it to the same time changes nothing, a later time
        // moves it like a tally that was advanced all along.
        CHECK_FALSE(sd::sla_tally_advance(built, p, store.conversations, at));
        sd::SlaTally walked;
        sd::sla_tally_advance(walked, p, store.conversations, at);
        sd::sla_tally_advance(built, p, store.conversations, at + 7200);
        sd::sla_tally_advance(walked, p, store.conversations, at + 7200);
        require_equal(built, recount(p, store, at + 7200), at + 7200);
        CHECK(built.wake == walked.wake);
    }
}
