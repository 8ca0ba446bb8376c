// Issue 15 item 7, "Needs a reply first": the response deadline and the resolution deadline kept
// apart, the Tmall resolution clock that counts only the time the seller owes work (paused while
// the customer answers, stopped at closed_at), closing without a reply, and the default order's
// groups. Every instant is worked out by hand in the comments (docs/sla.md has the same examples).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/inbox_query.h"
#include "core/sla.h"
#include "core/sla_tally.h"
#include "core/time.h"
#include "core/timezone.h"

namespace {

using sd::SlaMeasure;
using sd::SlaState;
using sd::kHour;
using sd::kMinute;
using sd::kDay;

sd::Time at(const char* iso) {
    sd::Time t = 0;
    REQUIRE(sd::parse_iso8601(iso, t));
    return t;
}

sd::Conversation conv(const std::string& id, sd::Marketplace m, sd::Topic topic = sd::Topic::Other) {
    sd::Conversation c;
    c.id = id;
    c.marketplace = m;
    c.topic = topic;
    return c;
}

void inbound(sd::Conversation& c, const std::string& id, sd::Time t) {
    sd::Message m;
    m.id = id;
    m.direction = sd::Direction::Inbound;
    m.role = sd::AuthorRole::Customer;
    m.at = t;
    c.messages.push_back(m);
}

void outbound(sd::Conversation& c, const std::string& id, sd::Time t) {
    sd::Message m;
    m.id = id;
    m.direction = sd::Direction::Outbound;
    m.role = sd::AuthorRole::Agent;
    m.at = t;
    c.messages.push_back(m);
}

const sd::SlaPolicySet& current() {
    static const sd::SlaPolicySet set = sd::make_sla_policies(sd::SlaPreset::Current);
    return set;
}

std::string policy_id(const sd::SlaDeadline* d) {
    REQUIRE(d != nullptr);
    return current().policies[size_t(d->policy)].id;
}

// A Tmall return request: the 5-minute first response and the 48 h resolution apply.
sd::Conversation tmall_return(const std::string& id = "tm-1") { return conv(id, sd::Marketplace::Tmall, sd::Topic::ReturnRequest); }

}  // namespace

TEST_CASE("response and resolution deadlines are apart", "[sla][resolution]") {
    auto c = tmall_return();
    const sd::Time t0 = at("2026-11-20T02:00:00Z");
    inbound(c, "m1", t0);
    // Three minutes in: both run; the response deadline is the 5-minute one.
    sd::SlaResult r = sd::evaluate_sla(current(), c, t0 + 3 * kMinute);
    CHECK(policy_id(r.response_deadline()) == "tmall_after_sale_first_response");
    CHECK(r.response_deadline()->deadline == t0 + 5 * kMinute);
    CHECK(policy_id(r.resolution_deadline()) == "tmall_after_sale_resolution");
    CHECK(r.resolution_deadline()->deadline == t0 + 48 * kHour);
    CHECK(r.resolution_deadline()->state == SlaState::OnTrack);

    // Answered at once: the response deadline reads answered; the resolution clock never takes its
    // place, however urgent it becomes.
    outbound(c, "m2", t0 + 2 * kMinute);
    r = sd::evaluate_sla(current(), c, t0 + 30 * kDay);
    CHECK(r.response_deadline()->measure == SlaMeasure::Response);
    CHECK(r.state() == SlaState::Answered);

    // An eBay case's contact deadline is met by a reply too, so it is a response deadline: with the
    // member message answered before the case opened, the open contact deadline is the one shown.
    auto e = conv("eb-1", sd::Marketplace::Ebay);
    inbound(e, "q", at("2026-11-09T10:00:00Z"));
    outbound(e, "a", at("2026-11-09T11:00:00Z"));
    e.ebay_case.type = sd::CaseType::ItemNotReceived;
    e.ebay_case.opened_at = at("2026-11-09T18:00:00Z");
    r = sd::evaluate_sla(current(), e, at("2026-11-10T00:00:00Z"));
    CHECK(r.response_deadline()->measure == SlaMeasure::CaseContact);
    CHECK(r.resolution_deadline() == nullptr);
}

TEST_CASE("the Tmall resolution clock does not run while the customer is awaited", "[sla][resolution]") {
    // Friday 20 Nov 02:00Z the buyer asks for a return; the seller answers at 04:00Z (2 h owed) and
    // then waits three days for the customer: still 2 h used of 48 h, nothing due.
    auto c = tmall_return();
    const sd::Time t0 = at("2026-11-20T02:00:00Z");
    inbound(c, "m1", t0);
    outbound(c, "m2", t0 + 2 * kHour);
    c.status = sd::Status::AwaitingCustomer;
    const sd::Time three_days = t0 + 2 * kHour + 3 * kDay;
    sd::SlaResult r = sd::evaluate_sla(current(), c, three_days);
    const sd::SlaDeadline* res = r.resolution_deadline();
    REQUIRE(res != nullptr);
    CHECK(res->state == SlaState::Paused);
    CHECK(res->remaining == 46 * kHour);          // clock seconds left: 48 h - 2 h
    CHECK(res->clock_remaining == 46 * kHour);
    CHECK(res->deadline == sd::kNoTime);          // no instant while paused
    CHECK(r.state() == SlaState::AnsweredLate);   // the 5-minute response was missed

    // The buyer writes again on Monday 23 Nov 04:00Z: the clock resumes with 46 h left, due
    // Wednesday 25 Nov 02:00Z. An hour later 45 h are left.
    const sd::Time m3 = three_days;
    inbound(c, "m3", m3);
    c.status = sd::Status::AwaitingSeller;
    r = sd::evaluate_sla(current(), c, m3 + kHour);
    res = r.resolution_deadline();
    CHECK(res->state == SlaState::OnTrack);
    CHECK(res->deadline == at("2026-11-25T02:00:00Z"));
    CHECK(res->remaining == 45 * kHour);
    CHECK(sd::sla_message_id(c, res->started_by) == "m1");   // the clock belongs to the whole thread

    // Answered 5 h after m3: paused again with 2 + 5 = 7 h used, 41 h left.
    outbound(c, "m4", m3 + 5 * kHour);
    r = sd::evaluate_sla(current(), c, m3 + 10 * kDay);
    CHECK(r.resolution_deadline()->state == SlaState::Paused);
    CHECK(r.resolution_deadline()->remaining == 41 * kHour);
}

TEST_CASE("closing stops the resolution clock at closed_at", "[sla][resolution]") {
    auto c = tmall_return();
    const sd::Time t0 = at("2026-11-20T02:00:00Z");
    inbound(c, "m1", t0);
    outbound(c, "m2", t0 + 2 * kHour);      // 2 h owed
    inbound(c, "m3", t0 + 3 * kDay);        // owed again from here
    c.status = sd::Status::Closed;
    c.closed_at = t0 + 3 * kDay + 10 * kHour;   // closed 10 h later without a reply: 12 h used
    inbound(c, "m4", c.closed_at + kHour);  // after the close: not counted while it stays closed
    for (sd::Time now : {c.closed_at + kHour, c.closed_at + 30 * kDay}) {
        const sd::SlaResult r = sd::evaluate_sla(current(), c, now);
        const sd::SlaDeadline* res = r.resolution_deadline();
        REQUIRE(res != nullptr);
        CHECK(res->state == SlaState::Resolved);
        CHECK(res->in_time);
        CHECK(res->reply_at == c.closed_at);
        CHECK(res->remaining == 36 * kHour);          // 48 h - 12 h, what was left at the close
        CHECK(res->deadline == sd::kNoTime);          // never reached
    }
    // Reopened (closed_at cleared by the set_status op): m3 and m4 are owed until now.
    c.status = sd::Status::AwaitingSeller;
    c.closed_at = sd::kNoTime;
    const sd::SlaResult r = sd::evaluate_sla(current(), c, t0 + 3 * kDay + 12 * kHour);
    CHECK(r.resolution_deadline()->state == SlaState::OnTrack);
    CHECK(r.resolution_deadline()->deadline == t0 + 3 * kDay + 46 * kHour);   // m3 + (48 h - 2 h)
}

TEST_CASE("a resolution window used up stays overdue, paused or closed late", "[sla][resolution]") {
    auto c = tmall_return();
    const sd::Time t0 = at("2026-11-20T02:00:00Z");
    inbound(c, "m1", t0);
    // Running past 48 h: overdue since t0 + 48 h.
    sd::SlaResult r = sd::evaluate_sla(current(), c, t0 + 49 * kHour);
    CHECK(r.resolution_deadline()->state == SlaState::Overdue);
    CHECK(r.resolution_deadline()->deadline == t0 + 48 * kHour);
    CHECK(r.resolution_deadline()->remaining == -kHour);
    // Answered at t0 + 50 h: paused, 2 h over; the instant it ran out stays known.
    outbound(c, "m2", t0 + 50 * kHour);
    r = sd::evaluate_sla(current(), c, t0 + 55 * kHour);
    CHECK(r.resolution_deadline()->state == SlaState::Paused);
    CHECK(r.resolution_deadline()->remaining == -2 * kHour);
    CHECK(r.resolution_deadline()->deadline == t0 + 48 * kHour);
    // The customer writes at t0 + 60 h: running again, and overdue at once.
    inbound(c, "m3", t0 + 60 * kHour);
    r = sd::evaluate_sla(current(), c, t0 + 61 * kHour);
    CHECK(r.resolution_deadline()->state == SlaState::Overdue);
    CHECK(r.resolution_deadline()->remaining == -13 * kHour);
    // Closed at t0 + 62 h: resolved late (2 h + 2 h over the window).
    c.status = sd::Status::Closed;
    c.closed_at = t0 + 62 * kHour;
    r = sd::evaluate_sla(current(), c, t0 + 70 * kHour);
    CHECK(r.resolution_deadline()->state == SlaState::ResolvedLate);
    CHECK_FALSE(r.resolution_deadline()->in_time);
    CHECK(r.resolution_deadline()->remaining == -4 * kHour);
    // Exactly 48 h owed is in time (as an answer in the deadline's own second is).
    auto e = tmall_return("tm-2");
    inbound(e, "m1", t0);
    outbound(e, "m2", t0 + 48 * kHour);
    e.status = sd::Status::Closed;
    e.closed_at = t0 + 49 * kHour;
    r = sd::evaluate_sla(current(), e, t0 + 50 * kHour);
    CHECK(r.resolution_deadline()->state == SlaState::Resolved);
    CHECK(r.resolution_deadline()->remaining == 0);
}

TEST_CASE("the resolution clock on business hours pauses and resumes in business seconds", "[sla][resolution]") {
    // 16 business hours, Monday to Friday 09:00-18:00 in Shanghai (UTC+8); docs/sla.md's example.
    sd::SlaPolicySet set = current();
    const int k = set.find("tmall_after_sale_resolution");
    REQUIRE(k >= 0);
    sd::SlaPolicy& p = set.policies[size_t(k)];
    p.duration_s = 16 * kHour;
    p.clock.type = sd::ClockType::BusinessHours;
    sd::TimeZone shanghai;
    std::string err;
    REQUIRE(sd::make_time_zone("Asia/Shanghai", shanghai, err));
    p.clock.schedule = sd::weekday_schedule(shanghai, 9 * 3600, 18 * 3600);

    auto c = tmall_return();
    inbound(c, "m1", at("2026-11-23T08:00:00Z"));    // Monday 16:00 local
    outbound(c, "m2", at("2026-11-23T09:30:00Z"));   // Monday 17:30: 1 h 30 owed
    // Paused until the buyer writes on Thursday 20:00 local (after hours): nothing owed overnight.
    inbound(c, "m3", at("2026-11-26T12:00:00Z"));
    // Friday 10:00 local: 1 more business hour (09:00-10:00), 2 h 30 used, 13 h 30 left.
    const sd::SlaResult r = sd::evaluate_sla(set, c, at("2026-11-27T02:00:00Z"));
    const sd::SlaDeadline* res = r.resolution_deadline();
    REQUIRE(res != nullptr);
    CHECK(res->state == SlaState::OnTrack);            // threshold min(25 % of 16 h, 6 h) = 4 h
    CHECK(res->clock_remaining == 13 * kHour + 30 * kMinute);
    // 14 h 30 from Thursday 20:00: Friday 09:00-18:00 gives 9 h, Monday 30th 09:00 + 5 h 30 = 14:30
    // local = 06:30Z.
    CHECK(res->deadline == at("2026-11-30T06:30:00Z"));
}

TEST_CASE("closing without a reply never reads as answered", "[sla][resolution]") {
    auto c = conv("wm-1", sd::Marketplace::Walmart);
    const sd::Time t0 = at("2026-11-20T08:00:00Z");
    inbound(c, "q1", t0);
    outbound(c, "a1", t0 + 50 * kHour);   // late
    inbound(c, "q2", t0 + 60 * kHour);
    c.status = sd::Status::Closed;        // closed with "e", no reply to q2
    c.closed_at = t0 + 61 * kHour;
    const sd::SlaResult r = sd::evaluate_sla(current(), c, t0 + 100 * kHour);
    CHECK(r.state() == SlaState::None);   // not the earlier "answered late"
    REQUIRE(r.response_deadline() != nullptr);
    CHECK(sd::sla_message_id(c, r.response_deadline()->started_by) == "q2");
    CHECK(r.response_deadline()->deadline == t0 + 108 * kHour);
    // Metrics: q2's episode is neither answered nor late; q1's is late.
    std::vector<sd::ResponseEpisode> eps;
    sd::response_episodes(current(), c, t0 + 100 * kHour, eps);
    REQUIRE(eps.size() == 2);
    CHECK(eps[0].answered);
    CHECK_FALSE(eps[0].in_time);
    CHECK_FALSE(eps[0].closed);
    CHECK(eps[1].closed);
    CHECK_FALSE(eps[1].answered);
    CHECK(eps[1].state == SlaState::None);
    // Closed with no inbound message at all: no deadline.
    auto p = conv("wm-2", sd::Marketplace::Walmart);
    outbound(p, "proactive", t0);
    p.status = sd::Status::Closed;
    CHECK(sd::evaluate_sla(current(), p, t0 + kHour).count == 0);
}

namespace {

// The store of the order test: IDs say what each conversation is.
sd::Store order_store(sd::Time now) {
    sd::Store s;
    auto add = [&](const std::string& id, sd::Status st, sd::Time in, sd::Time out) {
        auto c = conv(id, sd::Marketplace::Walmart);
        c.status = st;
        inbound(c, id + "-in", in);
        if (out != sd::kNoTime) outbound(c, id + "-out", out);
        if (st == sd::Status::Closed) c.closed_at = c.messages.back().at;
        s.conversations.push_back(c);
    };
    using S = sd::Status;
    // Group 1: awaiting the seller with an open response deadline (48 h), by deadline; b1 and b2 tie.
    add("b2-overdue", S::AwaitingSeller, now - 50 * kHour, sd::kNoTime);
    add("b1-overdue", S::AwaitingSeller, now - 50 * kHour, sd::kNoTime);
    add("c-on-track", S::AwaitingSeller, now - 1 * kHour, sd::kNoTime);
    add("a-overdue-most", S::AwaitingSeller, now - 70 * kHour, sd::kNoTime);
    // Group 2: awaiting the seller, nothing open (set back by hand): the longest waiting first.
    add("e-answered-new", S::AwaitingSeller, now - 5 * kHour, now - 4 * kHour);
    add("d-answered-old", S::AwaitingSeller, now - 9 * kHour, now - 8 * kHour);
    // Group 3: awaiting the customer, newest first; an unanswered one set there by hand too.
    add("g-waiting-old", S::AwaitingCustomer, now - 30 * kHour, now - 29 * kHour);
    add("f-waiting-new", S::AwaitingCustomer, now - 3 * kHour, now - 2 * kHour);
    add("h-waiting-overdue", S::AwaitingCustomer, now - 90 * kHour, sd::kNoTime);
    // Group 4: closed, newest first; then spam.
    add("i-closed", S::Closed, now - 6 * kHour, now - 5 * kHour);
    add("j-closed-unanswered", S::Closed, now - 2 * kHour, sd::kNoTime);
    add("k-spam", S::AwaitingSeller, now - 100 * kHour, sd::kNoTime);
    s.conversations.back().spam = sd::SpamReason::Spam;
    // The case: a Tmall return answered within a minute, 24 days ago. Counted from the
    // first message its 48 h would read "Overdue 24d" and lead the list; it only owed a minute.
    auto t = tmall_return("c2-tmall-answered");
    inbound(t, "q", now - 24 * kDay);
    outbound(t, "a", now - 24 * kDay + kMinute);
    t.status = sd::Status::AwaitingCustomer;
    s.conversations.push_back(t);
    s.reindex();
    return s;
}

}  // namespace

TEST_CASE("the default order: needs a reply first, by response deadline; then the rest", "[sla][resolution][query]") {
    const sd::Time now = at("2026-11-25T12:00:00Z");
    const sd::Store store = order_store(now);
    std::vector<int64_t> keys;
    sd::sla_urgency_keys(current(), store, now, keys);
    sd::InboxIndex index;
    index.build(store);
    sd::Query q;
    q.filter = "all";   // spam leaves "all": checked below with its own filter
    const sd::QueryResult r = sd::run_query(store, index, q, &keys);
    REQUIRE(r.ok);
    std::vector<std::string> ids;
    for (uint32_t i : r.rows) ids.push_back(store.conversations[i].id);
    const std::vector<std::string> expect = {
        "a-overdue-most", "b1-overdue", "b2-overdue", "c-on-track",   // group 1, ties by ID
        "d-answered-old", "e-answered-new",                           // group 2
        "f-waiting-new", "g-waiting-old", "h-waiting-overdue", "c2-tmall-answered",   // group 3, newest first
        "j-closed-unanswered", "i-closed"};                           // group 4, newest first
    CHECK(ids == expect);
    // The Tmall chat reads "answered", its resolution clock paused with a minute used.
    const sd::SlaResult tm = sd::evaluate_sla(current(), *store.find_conversation("c2-tmall-answered"), now);
    CHECK(tm.state() == SlaState::Answered);
    REQUIRE(tm.resolution_deadline() != nullptr);
    CHECK(tm.resolution_deadline()->state == SlaState::Paused);
    CHECK(tm.resolution_deadline()->remaining == 48 * kHour - kMinute);
    // Descending turns the whole order round.
    q.descending = true;
    const sd::QueryResult d = sd::run_query(store, index, q, &keys);
    CHECK(store.conversations[d.rows.front()].id == "i-closed");
    CHECK(store.conversations[d.rows.back()].id == "a-overdue-most");
    // Spam, in its own folder, comes after everything else.
    CHECK(keys[size_t(store.conversation_index("k-spam"))] > keys[size_t(store.conversation_index("i-closed"))]);
}

TEST_CASE("the SLA strip counts response deadlines of conversations that need a reply", "[sla][resolution][tally]") {
    const sd::Time now = at("2026-11-25T12:00:00Z");
    const sd::Store store = order_store(now);
    sd::SlaTally t;
    std::vector<int64_t> keys;
    sd::sla_tally_build(t, current(), store.conversations, now, &keys);
    // Overdue: a, b1, b2 (awaiting the seller). h is overdue too but set to awaiting the customer.
    CHECK(t.overdue[int(sd::Marketplace::Walmart)] == 3);
    CHECK(t.overdue[int(sd::Marketplace::Tmall)] == 0);
    CHECK(t.due_soon[int(sd::Marketplace::Walmart)] == 0);
    // A Tmall after-sale chat that needs a reply and whose 5-minute clock is due soon is counted.
    sd::Store s2 = store;
    auto fresh = tmall_return("tm-fresh");
    inbound(fresh, "q", now - 4 * kMinute);
    s2.conversations.push_back(fresh);
    sd::sla_tally_build(t, current(), s2.conversations, now);
    CHECK(t.due_soon[int(sd::Marketplace::Tmall)] == 1);
}
