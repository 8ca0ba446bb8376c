// SLA engine: every expected instant below was worked out by hand (comments show the arithmetic).
#include <catch2/catch.hpp>

#include <algorithm>
#include <climits>

#include "core/sla.h"
#include "core/time.h"
#include "core/timezone.h"

namespace {

using sd::SlaMeasure;
using sd::SlaState;

sd::Time at(const char* iso) {
    sd::Time t = 0;
    REQUIRE(sd::parse_iso8601(iso, t));
    return t;
}

sd::Conversation conv(sd::Marketplace m, sd::Topic topic = sd::Topic::Other) {
    sd::Conversation c;
    c.id = "c1";
    c.marketplace = m;
    c.topic = topic;
    return c;
}

void inbound(sd::Conversation& c, const char* id, sd::Time t, sd::AuthorRole role = sd::AuthorRole::Customer) {
    sd::Message m;
    m.id = id;
    m.direction = sd::Direction::Inbound;
    m.role = role;
    m.at = t;
    c.messages.push_back(m);
}

void outbound(sd::Conversation& c, const char* id, sd::Time t, sd::Delivery delivery = sd::Delivery::Sent,
              bool auto_reply = false) {
    sd::Message m;
    m.id = id;
    m.direction = sd::Direction::Outbound;
    m.role = sd::AuthorRole::Agent;
    m.at = t;
    m.delivery = delivery;
    m.auto_reply = auto_reply;
    c.messages.push_back(m);
}

const sd::SlaPolicySet& current() {
    static const sd::SlaPolicySet set = sd::make_sla_policies(sd::SlaPreset::Current);
    return set;
}
const sd::SlaPolicySet& guides() {
    static const sd::SlaPolicySet set = sd::make_sla_policies(sd::SlaPreset::SellerGuides);
    return set;
}

const sd::SlaDeadline* find(const sd::SlaResult& r, SlaMeasure m) {
    for (int i = 0; i < r.count; ++i)
        if (r.deadlines[size_t(i)].measure == m) return &r.deadlines[size_t(i)];
    return nullptr;
}

std::string policy_id(const sd::SlaPolicySet& set, const sd::SlaDeadline* d) {
    REQUIRE(d != nullptr);
    REQUIRE(d->policy >= 0);
    return set.policies[size_t(d->policy)].id;
}

sd::TimeZone zone(const char* name) {
    sd::TimeZone tz;
    std::string err;
    REQUIRE(sd::make_time_zone(name, tz, err));
    return tz;
}

// Sunday 01:00-04:00 only: the wall-clock hours that DST changes skip or repeat.
sd::BusinessSchedule sunday_night(const char* tz) {
    sd::BusinessSchedule s;
    s.zone = zone(tz);
    s.week[0].push_back(sd::OpenInterval{1 * 3600, 4 * 3600});
    return s;
}

}  // namespace

// ---- clocks -------------------------------------------------------------------------------------

TEST_CASE("calendar clock counts weekends and nights", "[sla]") {
    sd::SlaClock cal;
    // Friday 15:00 + 48 h = Sunday 15:00.
    CHECK(sd::clock_add(cal, at("2026-11-20T15:00:00Z"), 48 * sd::kHour) == at("2026-11-22T15:00:00Z"));
    CHECK(sd::clock_between(cal, at("2026-11-20T15:00:00Z"), at("2026-11-22T15:00:00Z")) == 48 * sd::kHour);
    CHECK(sd::clock_add(cal, at("2026-11-20T15:00:00Z"), 0) == at("2026-11-20T15:00:00Z"));
}

TEST_CASE("business hours: weekend skipped, and the Monday after spring forward is in EDT", "[sla]") {
    const sd::BusinessSchedule s = sd::weekday_schedule(zone("America/New_York"), 9 * 3600, 17 * 3600);
    // Friday 6 March 16:00 EST (21:00Z) + 2 h: 1 h on Friday, then Monday 9 March 09:00 EDT (13:00Z) + 1 h.
    CHECK(sd::business_add(s, at("2026-03-06T21:00:00Z"), 2 * sd::kHour) == at("2026-03-09T14:00:00Z"));
    CHECK(sd::business_seconds_between(s, at("2026-03-06T21:00:00Z"), at("2026-03-09T14:00:00Z")) == 2 * sd::kHour);
    CHECK(sd::business_seconds_between(s, at("2026-03-09T14:00:00Z"), at("2026-03-06T21:00:00Z")) == -2 * sd::kHour);
    // Exactly one hour fits Friday: ends at the closing instant, not on Monday.
    CHECK(sd::business_add(s, at("2026-03-06T21:00:00Z"), sd::kHour) == at("2026-03-06T22:00:00Z"));
    // Starting Saturday: the clock waits for Monday 09:00 EDT.
    CHECK(sd::business_add(s, at("2026-03-07T12:00:00Z"), 1) == at("2026-03-09T13:00:01Z"));
    // Fall back: Friday 30 October 16:00 EDT (20:00Z) + 2 h = Monday 2 November 10:00 EST (15:00Z).
    CHECK(sd::business_add(s, at("2026-10-30T20:00:00Z"), 2 * sd::kHour) == at("2026-11-02T15:00:00Z"));
    // One full week = 40 business hours.
    CHECK(sd::business_seconds_between(s, at("2026-03-02T00:00:00Z"), at("2026-03-09T00:00:00Z")) == 40 * sd::kHour);
}

TEST_CASE("business hours: the skipped and repeated wall hours count as real time (US)", "[sla]") {
    const sd::BusinessSchedule s = sunday_night("America/New_York");
    // 8 March: 01:00 EST (06:00Z) .. 02:00 EST = 03:00 EDT (07:00Z) .. 04:00 EDT (08:00Z): 2 real hours.
    CHECK(sd::business_seconds_between(s, at("2026-03-08T00:00:00Z"), at("2026-03-09T00:00:00Z")) == 2 * sd::kHour);
    CHECK(sd::business_add(s, at("2026-03-08T05:00:00Z"), 2 * sd::kHour) == at("2026-03-08T08:00:00Z"));
    CHECK(sd::business_add(s, at("2026-03-08T05:00:00Z"), 90 * sd::kMinute) == at("2026-03-08T07:30:00Z"));
    // One second more: next Sunday 15 March 01:00 EDT (05:00Z).
    CHECK(sd::business_add(s, at("2026-03-08T05:00:00Z"), 2 * sd::kHour + 1) == at("2026-03-15T05:00:01Z"));
    // 1 November: 01:00 EDT (05:00Z) .. 04:00 EST (09:00Z): 4 real hours, 01:00-02:00 happens twice.
    CHECK(sd::business_seconds_between(s, at("2026-11-01T00:00:00Z"), at("2026-11-02T00:00:00Z")) == 4 * sd::kHour);
    CHECK(sd::business_add(s, at("2026-11-01T04:00:00Z"), 4 * sd::kHour) == at("2026-11-01T09:00:00Z"));
    CHECK(sd::business_add(s, at("2026-11-01T04:00:00Z"), 90 * sd::kMinute) == at("2026-11-01T06:30:00Z"));
    // An ordinary Sunday: 3 hours.
    CHECK(sd::business_seconds_between(s, at("2026-11-08T00:00:00Z"), at("2026-11-09T00:00:00Z")) == 3 * sd::kHour);
}

TEST_CASE("business hours across DST in Europe", "[sla]") {
    const sd::BusinessSchedule s = sunday_night("Europe/Berlin");
    // 29 March: 01:00 CET (00:00Z) .. 04:00 CEST (02:00Z).
    CHECK(sd::business_seconds_between(s, at("2026-03-28T12:00:00Z"), at("2026-03-29T12:00:00Z")) == 2 * sd::kHour);
    CHECK(sd::business_add(s, at("2026-03-28T12:00:00Z"), sd::kHour + 1) == at("2026-03-29T01:00:01Z"));
    // 25 October: 01:00 CEST (24 Oct 23:00Z) .. 04:00 CET (03:00Z).
    CHECK(sd::business_seconds_between(s, at("2026-10-24T12:00:00Z"), at("2026-10-25T12:00:00Z")) == 4 * sd::kHour);
    CHECK(sd::business_add(s, at("2026-10-24T12:00:00Z"), 3 * sd::kHour) == at("2026-10-25T02:00:00Z"));

    // Weekdays 09:00-17:00 Berlin: Friday 27 March 16:00 CET (15:00Z) + 2 h = Monday 30 March 10:00 CEST (08:00Z).
    const sd::BusinessSchedule w = sd::weekday_schedule(zone("Europe/Berlin"), 9 * 3600, 17 * 3600);
    CHECK(sd::business_add(w, at("2026-03-27T15:00:00Z"), 2 * sd::kHour) == at("2026-03-30T08:00:00Z"));
}

TEST_CASE("business hours across DST in Sydney (southern hemisphere)", "[sla]") {
    const sd::BusinessSchedule s = sunday_night("Australia/Sydney");
    // 5 April, daylight time ends: 01:00 AEDT (4 Apr 14:00Z) .. 04:00 AEST (18:00Z) = 4 h.
    CHECK(sd::business_seconds_between(s, at("2026-04-04T00:00:00Z"), at("2026-04-05T00:00:00Z")) == 4 * sd::kHour);
    // 4 October, daylight time starts: 01:00 AEST (3 Oct 15:00Z) .. 04:00 AEDT (17:00Z) = 2 h.
    CHECK(sd::business_seconds_between(s, at("2026-10-03T00:00:00Z"), at("2026-10-04T00:00:00Z")) == 2 * sd::kHour);
    CHECK(sd::business_add(s, at("2026-10-03T00:00:00Z"), 2 * sd::kHour) == at("2026-10-03T17:00:00Z"));
    // Weekdays 09:00-17:00: Friday 3 April 16:00 AEDT (05:00Z) + 2 h = Monday 6 April 10:00 AEST (00:00Z).
    const sd::BusinessSchedule w = sd::weekday_schedule(zone("Australia/Sydney"), 9 * 3600, 17 * 3600);
    CHECK(sd::business_add(w, at("2026-04-03T05:00:00Z"), 2 * sd::kHour) == at("2026-04-06T00:00:00Z"));
}

TEST_CASE("business hours skip holidays (local dates)", "[sla]") {
    sd::BusinessSchedule s = sd::weekday_schedule(zone("America/New_York"), 9 * 3600, 17 * 3600);
    // Thursday 24 December 16:00 EST (21:00Z) + 2 h without holidays: Friday 25th 10:00 EST (15:00Z).
    CHECK(sd::business_add(s, at("2026-12-24T21:00:00Z"), 2 * sd::kHour) == at("2026-12-25T15:00:00Z"));
    s.holidays.push_back(sd::days_from_civil(2026, 12, 25));
    // With Christmas closed: Monday 28th 10:00 EST.
    CHECK(sd::business_add(s, at("2026-12-24T21:00:00Z"), 2 * sd::kHour) == at("2026-12-28T15:00:00Z"));
    CHECK(sd::business_seconds_between(s, at("2026-12-21T00:00:00Z"), at("2026-12-28T00:00:00Z")) == 32 * sd::kHour);
}

TEST_CASE("a schedule with no open time never reaches a deadline", "[sla]") {
    sd::BusinessSchedule s;
    CHECK_FALSE(s.has_open_time());
    CHECK(sd::business_add(s, at("2026-11-20T15:00:00Z"), 1) == sd::kNoTime);
    CHECK(sd::business_seconds_between(s, at("2026-11-20T15:00:00Z"), at("2026-11-27T15:00:00Z")) == 0);
}

// ---- marketplaces -------------------------------------------------------------------------------

TEST_CASE("Walmart: 48 h on a calendar clock, weekends included", "[sla]") {
    auto c = conv(sd::Marketplace::Walmart);
    c.labels.push_back(sd::labels::kResponseNeeded);
    inbound(c, "m1", at("2026-11-20T15:00:00Z"));   // Friday
    const sd::Time due = at("2026-11-22T15:00:00Z");  // Sunday

    sd::SlaResult r = sd::evaluate_sla(current(), c, at("2026-11-21T15:00:00Z"));
    REQUIRE(r.count == 1);
    CHECK(r.state() == SlaState::OnTrack);
    const sd::SlaDeadline* d = r.response_deadline();
    REQUIRE(d != nullptr);
    CHECK(policy_id(current(), d) == "walmart_response_needed");
    CHECK(d->deadline == due);
    CHECK(d->remaining == 24 * sd::kHour);
    CHECK(sd::sla_message_id(c, d->started_by) == "m1");

    // 6 h before: due soon (threshold min(25 % of 48 h, 6 h) = 6 h); one second earlier: on track.
    CHECK(sd::evaluate_sla(current(), c, due - 6 * sd::kHour).state() == SlaState::DueSoon);
    CHECK(sd::evaluate_sla(current(), c, due - 6 * sd::kHour - 1).state() == SlaState::OnTrack);
    CHECK(sd::evaluate_sla(current(), c, due).state() == SlaState::DueSoon);
    r = sd::evaluate_sla(current(), c, due + 1);
    CHECK(r.state() == SlaState::Overdue);
    CHECK(r.response_deadline()->remaining == -1);

    // Customer Care label and a Customer Care author.
    auto cc = conv(sd::Marketplace::Walmart);
    cc.labels.push_back(sd::labels::kCustomerCare);
    inbound(cc, "m1", at("2026-11-20T15:00:00Z"), sd::AuthorRole::CustomerCare);
    r = sd::evaluate_sla(current(), cc, at("2026-11-20T16:00:00Z"));
    CHECK(policy_id(current(), r.response_deadline()) == "walmart_customer_care");
    CHECK(r.response_deadline()->deadline == due);

    // No label: the catch-all, still 48 h.
    auto plain = conv(sd::Marketplace::Walmart);
    inbound(plain, "m1", at("2026-11-20T15:00:00Z"));
    r = sd::evaluate_sla(current(), plain, at("2026-11-20T16:00:00Z"));
    CHECK(policy_id(current(), r.response_deadline()) == "walmart_messages");
    CHECK(r.response_deadline()->deadline == due);

    // Reply before the deadline: answered, in time; it leaves the first group of the urgency sort.
    const int64_t open_key = sd::sla_urgency_key(c, r);
    outbound(c, "m2", at("2026-11-22T14:59:59Z"));
    r = sd::evaluate_sla(current(), c, at("2026-11-23T00:00:00Z"));
    CHECK(r.state() == SlaState::Answered);
    CHECK(sd::sla_message_id(c, r.response_deadline()->reply) == "m2");
    CHECK(r.response_deadline()->in_time);
    CHECK(sd::sla_urgency_key(c, r) > open_key);
}

TEST_CASE("Walmart: BBB / Attorney General complaints get 1 h in the current preset only", "[sla]") {
    auto c = conv(sd::Marketplace::Walmart);
    c.labels.push_back("bbb_ag_complaint");
    inbound(c, "m1", at("2026-11-20T15:00:00Z"));
    sd::SlaResult r = sd::evaluate_sla(current(), c, at("2026-11-20T15:50:00Z"));
    CHECK(policy_id(current(), r.response_deadline()) == "walmart_bbb_ag_complaint");
    CHECK(r.response_deadline()->deadline == at("2026-11-20T16:00:00Z"));
    CHECK(r.state() == SlaState::DueSoon);   // 10 min left, threshold 15 min
    r = sd::evaluate_sla(guides(), c, at("2026-11-20T15:50:00Z"));
    CHECK(policy_id(guides(), r.response_deadline()) == "walmart_messages");
    CHECK(r.state() == SlaState::OnTrack);
}

TEST_CASE("a reply rule: the answer at the deadline is in time, one second later is late", "[sla]") {
    auto c = conv(sd::Marketplace::Walmart);
    inbound(c, "m1", at("2026-11-20T15:00:00Z"));
    auto late = c;
    outbound(c, "m2", at("2026-11-22T15:00:00Z"));
    outbound(late, "m2", at("2026-11-22T15:00:01Z"));
    CHECK(sd::evaluate_sla(current(), c, at("2026-11-23T00:00:00Z")).state() == SlaState::Answered);
    sd::SlaResult r = sd::evaluate_sla(current(), late, at("2026-11-23T00:00:00Z"));
    CHECK(r.state() == SlaState::AnsweredLate);
    CHECK_FALSE(r.response_deadline()->in_time);
    CHECK(r.response_deadline()->reply_at == at("2026-11-22T15:00:01Z"));
}

TEST_CASE("a failed reply does not stop the clock; a later sent one does", "[sla]") {
    auto c = conv(sd::Marketplace::Walmart);
    inbound(c, "m1", at("2026-11-20T15:00:00Z"));
    outbound(c, "m2", at("2026-11-20T16:00:00Z"), sd::Delivery::Failed);
    sd::SlaResult r = sd::evaluate_sla(current(), c, at("2026-11-22T16:00:00Z"));
    CHECK(r.state() == SlaState::Overdue);
    CHECK(r.response_deadline()->remaining == -sd::kHour);
    CHECK(sd::sla_message_id(c, r.response_deadline()->started_by) == "m1");
    outbound(c, "m3", at("2026-11-22T17:00:00Z"));
    r = sd::evaluate_sla(current(), c, at("2026-11-22T18:00:00Z"));
    CHECK(r.state() == SlaState::AnsweredLate);
    CHECK(sd::sla_message_id(c, r.response_deadline()->reply) == "m3");
}

TEST_CASE("auto-replies do not count as an answer", "[sla]") {
    auto c = conv(sd::Marketplace::Amazon);
    inbound(c, "m1", at("2026-11-20T15:00:00Z"));
    outbound(c, "auto", at("2026-11-20T15:00:05Z"), sd::Delivery::Sent, true);
    sd::SlaResult r = sd::evaluate_sla(current(), c, at("2026-11-21T15:00:01Z"));
    CHECK(r.state() == SlaState::Overdue);
    CHECK(r.response_deadline()->reply == -1);
}

TEST_CASE("Amazon: 24 h calendar; \"No response needed\" removes the clock (current preset)", "[sla]") {
    auto c = conv(sd::Marketplace::Amazon);
    inbound(c, "m1", at("2026-11-21T10:00:00Z"));   // Saturday
    sd::SlaResult r = sd::evaluate_sla(current(), c, at("2026-11-21T20:00:00Z"));
    CHECK(policy_id(current(), r.response_deadline()) == "amazon_buyer_messages");
    CHECK(r.response_deadline()->deadline == at("2026-11-22T10:00:00Z"));
    CHECK(r.state() == SlaState::OnTrack);   // 14 h left
    CHECK(sd::evaluate_sla(current(), c, at("2026-11-22T04:00:00Z")).state() == SlaState::DueSoon);

    c.labels.push_back("no_response_needed");
    r = sd::evaluate_sla(current(), c, at("2026-11-22T20:00:00Z"));
    CHECK(r.count == 0);
    CHECK(r.state() == SlaState::None);
    std::vector<sd::ResponseEpisode> eps;
    sd::response_episodes(current(), c, at("2026-11-22T20:00:00Z"), eps);
    CHECK(eps.empty());
    // The seller guides know no such marker.
    CHECK(sd::evaluate_sla(guides(), c, at("2026-11-22T20:00:00Z")).state() == SlaState::Overdue);
}

TEST_CASE("Wish: tickets 48 h", "[sla]") {
    auto c = conv(sd::Marketplace::Wish);
    inbound(c, "t1", at("2026-11-25T23:30:00Z"));
    for (const sd::SlaPolicySet* set : {&current(), &guides()}) {
        sd::SlaResult r = sd::evaluate_sla(*set, c, at("2026-11-26T00:00:00Z"));
        CHECK(policy_id(*set, r.response_deadline()) == "wish_tickets");
        CHECK(r.response_deadline()->deadline == at("2026-11-27T23:30:00Z"));
    }
}

TEST_CASE("eBay: member-message target plus the case contact deadline", "[sla]") {
    auto c = conv(sd::Marketplace::Ebay, sd::Topic::ItemNotReceived);
    c.folder = sd::EbayFolder::FromMembers;
    inbound(c, "m1", at("2026-11-09T17:00:00Z"));
    c.ebay_case.type = sd::CaseType::ItemNotReceived;
    c.ebay_case.opened_at = at("2026-11-09T18:00:00Z");   // Monday 10:00 PST
    inbound(c, "case", at("2026-11-09T18:00:00Z"), sd::AuthorRole::Platform);

    // Seed preset: 6 calendar days.
    sd::SlaResult r = sd::evaluate_sla(guides(), c, at("2026-11-10T12:00:00Z"));
    REQUIRE(r.count == 2);
    const sd::SlaDeadline* msg = find(r, SlaMeasure::Response);
    const sd::SlaDeadline* cs = find(r, SlaMeasure::CaseContact);
    REQUIRE(msg != nullptr);
    REQUIRE(cs != nullptr);
    CHECK(policy_id(guides(), msg) == "ebay_member_messages");
    CHECK(msg->deadline == at("2026-11-10T17:00:00Z"));
    CHECK(msg->state == SlaState::DueSoon);                    // 5 h left of 24
    CHECK(policy_id(guides(), cs) == "ebay_inr_contact");
    CHECK(cs->deadline == at("2026-11-15T18:00:00Z"));         // + 6 days
    CHECK(cs->started_by == -1);
    CHECK(cs->start == at("2026-11-09T18:00:00Z"));
    CHECK(r.response_deadline() == msg);                        // the more urgent one

    // Current preset: 3 business days, Mon-Fri in US Pacific, Veterans Day (Wed 11 Nov) closed:
    // Mon 14 h + Tue 24 h + Thu 24 h + Fri 10 h = 72 h -> Friday 13 November 10:00 PST (18:00Z).
    r = sd::evaluate_sla(current(), c, at("2026-11-10T12:00:00Z"));
    cs = find(r, SlaMeasure::CaseContact);
    REQUIRE(cs != nullptr);
    CHECK(cs->deadline == at("2026-11-13T18:00:00Z"));
    CHECK(cs->state == SlaState::OnTrack);

    // Answering stops both clocks; the case deadline reports the answer.
    outbound(c, "m2", at("2026-11-10T16:00:00Z"));
    r = sd::evaluate_sla(current(), c, at("2026-11-11T00:00:00Z"));
    REQUIRE(r.count == 2);
    CHECK(find(r, SlaMeasure::Response)->state == SlaState::Answered);
    CHECK(find(r, SlaMeasure::CaseContact)->state == SlaState::Answered);
    CHECK(sd::sla_message_id(c, find(r, SlaMeasure::CaseContact)->reply) == "m2");
    CHECK(r.state() == SlaState::Answered);

    // An answer given before the case opened does not count as contact about the case.
    auto early = conv(sd::Marketplace::Ebay);
    inbound(early, "m1", at("2026-11-09T10:00:00Z"));
    outbound(early, "m2", at("2026-11-09T11:00:00Z"));
    early.ebay_case.type = sd::CaseType::ItemNotReceived;
    early.ebay_case.opened_at = at("2026-11-09T18:00:00Z");
    r = sd::evaluate_sla(guides(), early, at("2026-11-10T00:00:00Z"));
    REQUIRE(find(r, SlaMeasure::CaseContact) != nullptr);
    CHECK(find(r, SlaMeasure::CaseContact)->state == SlaState::OnTrack);
    CHECK(find(r, SlaMeasure::CaseContact)->reply == -1);
    CHECK(find(r, SlaMeasure::Response)->state == SlaState::Answered);
    CHECK(r.response_deadline()->measure == SlaMeasure::CaseContact);
    // A case opening later than `now` has not happened yet.
    CHECK(find(sd::evaluate_sla(guides(), early, at("2026-11-09T17:00:00Z")), SlaMeasure::CaseContact) == nullptr);

    // A not-as-described case uses the SNAD policy.
    auto s = conv(sd::Marketplace::Ebay, sd::Topic::NotAsDescribed);
    s.ebay_case.type = sd::CaseType::NotAsDescribed;
    s.ebay_case.opened_at = at("2026-11-16T18:00:00Z");   // Monday, no holiday that week
    r = sd::evaluate_sla(current(), s, at("2026-11-16T19:00:00Z"));
    REQUIRE(r.count == 1);
    CHECK(policy_id(current(), r.response_deadline()) == "ebay_snad_contact");
    CHECK(r.response_deadline()->deadline == at("2026-11-19T18:00:00Z"));
}

TEST_CASE("eBay case: business-hours due-soon counts business seconds over the weekend", "[sla]") {
    auto c = conv(sd::Marketplace::Ebay);
    c.ebay_case.type = sd::CaseType::ItemNotReceived;
    // Wednesday 18 November 04:00 PST: 20 h + Thu 24 + Fri 24 + Mon 4 = 72 h -> Monday 23rd 04:00 PST.
    c.ebay_case.opened_at = at("2026-11-18T12:00:00Z");
    // Friday 23:00 PST: 1 business hour on Friday + 4 on Monday are left, though 53 real hours are.
    sd::SlaResult r = sd::evaluate_sla(current(), c, at("2026-11-21T07:00:00Z"));
    const sd::SlaDeadline* d = r.response_deadline();
    REQUIRE(d != nullptr);
    CHECK(d->deadline == at("2026-11-23T12:00:00Z"));
    CHECK(d->remaining == 53 * sd::kHour);
    CHECK(d->clock_remaining == 5 * sd::kHour);
    CHECK(d->state == SlaState::DueSoon);
    // Wednesday noon PST: 44 business hours left -> on track.
    CHECK(sd::evaluate_sla(current(), c, at("2026-11-18T20:00:00Z")).state() == SlaState::OnTrack);
    // Thanksgiving week: Wednesday 25th 10:00 PST + 72 h skips Thursday 26th.
    c.ebay_case.opened_at = at("2026-11-25T18:00:00Z");
    r = sd::evaluate_sla(current(), c, at("2026-11-25T19:00:00Z"));
    CHECK(r.response_deadline()->deadline == at("2026-12-01T18:00:00Z"));
}

TEST_CASE("Tmall after-sale: 5-minute first response and 48 h resolution", "[sla]") {
    auto c = conv(sd::Marketplace::Tmall, sd::Topic::ReturnRequest);
    const sd::Time t0 = at("2026-11-25T02:00:00Z");
    inbound(c, "m1", t0);

    sd::SlaResult r = sd::evaluate_sla(current(), c, t0 + 200);
    REQUIRE(r.count == 2);
    const sd::SlaDeadline* first = find(r, SlaMeasure::Response);
    const sd::SlaDeadline* res = find(r, SlaMeasure::Resolution);
    REQUIRE(first != nullptr);
    REQUIRE(res != nullptr);
    CHECK(policy_id(current(), first) == "tmall_after_sale_first_response");
    CHECK(first->deadline == t0 + 300);
    CHECK(first->state == SlaState::OnTrack);   // 100 s left, threshold 75 s
    CHECK(policy_id(current(), res) == "tmall_after_sale_resolution");
    CHECK(res->deadline == t0 + 48 * sd::kHour);
    CHECK(res->state == SlaState::OnTrack);
    CHECK(sd::sla_message_id(c, res->started_by) == "m1");

    CHECK(find(sd::evaluate_sla(current(), c, t0 + 225), SlaMeasure::Response)->state == SlaState::DueSoon);

    // Six minutes in: the 5-minute clock is overdue while the 48 h one is on track.
    r = sd::evaluate_sla(current(), c, t0 + 360);
    CHECK(find(r, SlaMeasure::Response)->state == SlaState::Overdue);
    CHECK(find(r, SlaMeasure::Response)->remaining == -60);
    CHECK(find(r, SlaMeasure::Resolution)->state == SlaState::OnTrack);
    CHECK(r.response_deadline()->measure == SlaMeasure::Response);
    CHECK(r.resolution_deadline() == find(r, SlaMeasure::Resolution));
    CHECK(r.state() == SlaState::Overdue);

    // A reply clears the 5-minute one (late). The resolution clock is never the response deadline:
    // it pauses while the conversation waits for the customer, with 400 s of its 48 h used.
    outbound(c, "m2", t0 + 400);
    r = sd::evaluate_sla(current(), c, t0 + 500);
    CHECK(find(r, SlaMeasure::Response)->state == SlaState::AnsweredLate);
    CHECK(r.response_deadline()->measure == SlaMeasure::Response);
    REQUIRE(r.resolution_deadline() != nullptr);
    CHECK(r.resolution_deadline()->state == SlaState::Paused);
    CHECK(r.resolution_deadline()->remaining == 48 * sd::kHour - 400);

    // Closed without closed_at (a conversation closed before the field existed): the stop is
    // unknown, so no resolution clock is shown; the response deadline keeps its answer.
    c.status = sd::Status::Closed;
    r = sd::evaluate_sla(current(), c, t0 + 600);
    REQUIRE(r.count == 1);
    CHECK(r.state() == SlaState::AnsweredLate);
    // With closed_at: resolved, 400 s of 48 h used.
    c.closed_at = t0 + 550;
    r = sd::evaluate_sla(current(), c, t0 + 600);
    REQUIRE(r.resolution_deadline() != nullptr);
    CHECK(r.resolution_deadline()->state == SlaState::Resolved);
    CHECK(r.resolution_deadline()->reply_at == t0 + 550);
}

TEST_CASE("Tmall product questions: 24 h, no resolution clock", "[sla]") {
    auto c = conv(sd::Marketplace::Tmall, sd::Topic::ProductQuestion);
    c.kind = sd::ConversationKind::PreSale;
    inbound(c, "m1", at("2026-11-25T02:00:00Z"));
    for (const sd::SlaPolicySet* set : {&current(), &guides()}) {
        sd::SlaResult r = sd::evaluate_sla(*set, c, at("2026-11-25T03:00:00Z"));
        REQUIRE(r.count == 1);
        CHECK(policy_id(*set, r.response_deadline()) == "tmall_questions");
        CHECK(r.response_deadline()->deadline == at("2026-11-26T02:00:00Z"));
    }
}

// ---- clock rules --------------------------------------------------------------------------------

TEST_CASE("the clock starts at the oldest unanswered message; a new message after a reply restarts it", "[sla]") {
    auto c = conv(sd::Marketplace::Walmart);
    inbound(c, "m1", at("2026-11-20T08:00:00Z"));
    inbound(c, "m2", at("2026-11-20T09:00:00Z"));
    sd::SlaResult r = sd::evaluate_sla(current(), c, at("2026-11-20T10:00:00Z"));
    CHECK(sd::sla_message_id(c, r.response_deadline()->started_by) == "m1");
    CHECK(r.response_deadline()->deadline == at("2026-11-22T08:00:00Z"));

    outbound(c, "m3", at("2026-11-20T12:00:00Z"));
    inbound(c, "m4", at("2026-11-21T12:00:00Z"));
    r = sd::evaluate_sla(current(), c, at("2026-11-21T13:00:00Z"));
    CHECK(r.state() == SlaState::OnTrack);
    CHECK(sd::sla_message_id(c, r.response_deadline()->started_by) == "m4");
    CHECK(r.response_deadline()->deadline == at("2026-11-23T12:00:00Z"));
    CHECK(r.response_deadline()->reply == -1);

    // Messages later than `now` have not happened yet.
    r = sd::evaluate_sla(current(), c, at("2026-11-20T11:00:00Z"));
    CHECK(r.state() == SlaState::OnTrack);
    CHECK(sd::sla_message_id(c, r.response_deadline()->started_by) == "m1");
    // A platform message starts a clock too.
    auto p = conv(sd::Marketplace::Ebay);
    inbound(p, "from_ebay", at("2026-11-20T08:00:00Z"), sd::AuthorRole::Platform);
    CHECK(sd::evaluate_sla(current(), p, at("2026-11-20T09:00:00Z")).state() == SlaState::OnTrack);
    // A proactive seller message alone starts nothing.
    auto q = conv(sd::Marketplace::Walmart);
    outbound(q, "hello", at("2026-11-20T08:00:00Z"));
    CHECK(sd::evaluate_sla(current(), q, at("2026-11-20T09:00:00Z")).count == 0);
}

TEST_CASE("spam-flagged conversations have no SLA", "[sla]") {
    auto c = conv(sd::Marketplace::Walmart, sd::Topic::Spammy);
    c.kind = sd::ConversationKind::PreSale;
    c.spam = sd::SpamReason::Fraud;
    inbound(c, "m1", at("2026-11-20T08:00:00Z"));
    sd::SlaResult r = sd::evaluate_sla(current(), c, at("2026-11-25T08:00:00Z"));
    CHECK(r.count == 0);
    CHECK(r.state() == SlaState::None);
    CHECK(r.response_deadline() == nullptr);
    std::vector<sd::ResponseEpisode> eps;
    sd::response_episodes(current(), c, at("2026-11-25T08:00:00Z"), eps);
    CHECK(eps.empty());
    c.spam = sd::SpamReason::None;   // un-flagged: the clock is back
    CHECK(sd::evaluate_sla(current(), c, at("2026-11-25T08:00:00Z")).state() == SlaState::Overdue);
}

TEST_CASE("closed conversations: no running clock, the last answered state or closed", "[sla]") {
    auto c = conv(sd::Marketplace::Walmart);
    c.status = sd::Status::Closed;
    inbound(c, "m1", at("2026-11-20T08:00:00Z"));
    // Closed without a reply: the response deadline it had, read as closed (None), not answered.
    sd::SlaResult r = sd::evaluate_sla(current(), c, at("2026-11-25T08:00:00Z"));
    REQUIRE(r.count == 1);
    CHECK(r.state() == SlaState::None);
    CHECK(r.response_deadline()->deadline == at("2026-11-22T08:00:00Z"));
    CHECK(r.response_deadline()->reply == -1);

    outbound(c, "m2", at("2026-11-20T09:00:00Z"));
    r = sd::evaluate_sla(current(), c, at("2026-11-25T08:00:00Z"));
    CHECK(r.state() == SlaState::Answered);
    CHECK(sd::sla_message_id(c, r.response_deadline()->reply) == "m2");
    CHECK(sd::sla_message_id(c, r.response_deadline()->started_by) == "m1");
    // "thanks!" after the reply, then closed: the newest episode was never answered.
    inbound(c, "m3", at("2026-11-20T10:00:00Z"));
    r = sd::evaluate_sla(current(), c, at("2026-11-25T08:00:00Z"));
    CHECK(r.state() == SlaState::None);
    CHECK(sd::sla_message_id(c, r.response_deadline()->started_by) == "m3");
}

TEST_CASE("due-soon thresholds: default min(25 %, 6 h), or as configured", "[sla]") {
    sd::SlaPolicy p;
    p.duration_s = 48 * sd::kHour;
    CHECK(p.due_soon_threshold() == 6 * sd::kHour);
    p.duration_s = 24 * sd::kHour;
    CHECK(p.due_soon_threshold() == 6 * sd::kHour);
    p.duration_s = 8 * sd::kHour;
    CHECK(p.due_soon_threshold() == 2 * sd::kHour);
    p.duration_s = sd::kHour;
    CHECK(p.due_soon_threshold() == 15 * sd::kMinute);
    p.duration_s = 5 * sd::kMinute;
    CHECK(p.due_soon_threshold() == 75);
    p.due_soon_s = 0;
    CHECK(p.due_soon_threshold() == 0);

    sd::SlaPolicySet set = current();
    set.policies[size_t(set.find("walmart_messages"))].due_soon_s = 12 * sd::kHour;
    auto c = conv(sd::Marketplace::Walmart);
    inbound(c, "m1", at("2026-11-20T08:00:00Z"));
    CHECK(sd::evaluate_sla(set, c, at("2026-11-21T20:00:00Z")).state() == SlaState::DueSoon);   // 12 h left
    CHECK(sd::evaluate_sla(current(), c, at("2026-11-21T20:00:00Z")).state() == SlaState::OnTrack);
    CHECK(sd::evaluate_sla(set, c, at("2026-11-21T19:59:59Z")).state() == SlaState::OnTrack);
}

TEST_CASE("policies: first match wins, disabled ones are skipped", "[sla]") {
    sd::SlaPolicySet set = current();
    auto c = conv(sd::Marketplace::Walmart);
    c.labels.push_back(sd::labels::kResponseNeeded);
    CHECK(set.policy_for(c, SlaMeasure::Response) == set.find("walmart_response_needed"));
    set.policies[size_t(set.find("walmart_response_needed"))].enabled = false;
    CHECK(set.policy_for(c, SlaMeasure::Response) == set.find("walmart_messages"));
    CHECK(set.policy_for(c, SlaMeasure::Resolution) == -1);
    set.policies[size_t(set.find("walmart_messages"))].enabled = false;
    inbound(c, "m1", at("2026-11-20T08:00:00Z"));
    CHECK(sd::evaluate_sla(set, c, at("2026-11-20T09:00:00Z")).count == 0);
}

TEST_CASE("urgency: most overdue first, then least time left, then answered and none", "[sla]") {
    const sd::Time now = at("2026-11-25T12:00:00Z");
    std::vector<sd::Conversation> cs;
    auto add = [&](const char* id, sd::Time in, sd::Time reply) {
        auto c = conv(sd::Marketplace::Walmart);
        c.id = id;
        inbound(c, "i", in);
        if (reply != sd::kNoTime) outbound(c, "o", reply);
        cs.push_back(c);
    };
    add("on_track", now - 1 * sd::kHour, sd::kNoTime);           // 47 h left
    add("answered", now - 50 * sd::kHour, now - 49 * sd::kHour);
    add("overdue_1h", now - 49 * sd::kHour, sd::kNoTime);
    add("due_soon", now - 44 * sd::kHour, sd::kNoTime);          // 4 h left
    add("overdue_3h", now - 51 * sd::kHour, sd::kNoTime);
    auto none = conv(sd::Marketplace::Walmart);
    none.id = "none";
    cs.push_back(none);

    sd::Store store;
    store.conversations = cs;
    std::vector<int64_t> keys;
    sd::sla_urgency_keys(current(), store, now, keys);
    REQUIRE(keys.size() == cs.size());
    std::vector<size_t> order(cs.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return keys[a] < keys[b]; });
    CHECK(cs[order[0]].id == "overdue_3h");
    CHECK(cs[order[1]].id == "overdue_1h");
    CHECK(cs[order[2]].id == "due_soon");
    CHECK(cs[order[3]].id == "on_track");
    // Still awaiting the seller (the test sets no status) but nothing open: the longest waiting
    // first ("none" has no message: its opened_at, the epoch, is the oldest).
    CHECK(cs[order[4]].id == "none");
    CHECK(cs[order[5]].id == "answered");

    // for_each_sla visits every conversation in order with the same result as evaluate_sla.
    std::vector<size_t> seen;
    sd::for_each_sla(current(), store.conversations, now, [&](size_t i, const sd::SlaResult& res) {
        seen.push_back(i);
        CHECK(res.state() == sd::evaluate_sla(current(), store.conversations[i], now).state());
        CHECK(sd::sla_urgency_key(store.conversations[i], res) == keys[i]);
    });
    CHECK(seen == std::vector<size_t>{0, 1, 2, 3, 4, 5});
}

// ---- response episodes --------------------------------------------------------------------------

TEST_CASE("response episodes list every inbound round with its deadline and answer", "[sla]") {
    auto c = conv(sd::Marketplace::Walmart);
    const sd::Time t0 = at("2026-11-01T00:00:00Z");
    inbound(c, "q1", t0);                                          // 0
    inbound(c, "q1b", t0 + 1 * sd::kHour);                         // 1
    outbound(c, "a1", t0 + 30 * sd::kHour);                        // 2: in time
    inbound(c, "q2", t0 + 40 * sd::kHour);                         // 3
    outbound(c, "f", t0 + 41 * sd::kHour, sd::Delivery::Failed);   // 4
    outbound(c, "a2", t0 + 90 * sd::kHour);                        // 5: 50 h after q2, late
    inbound(c, "q3", t0 + 100 * sd::kHour);                        // 6: still open

    std::vector<sd::ResponseEpisode> eps;
    sd::response_episodes(current(), c, t0 + 101 * sd::kHour, eps);
    REQUIRE(eps.size() == 3);
    CHECK(eps[0].first_message == 0);
    CHECK(eps[0].last_message == 1);
    CHECK(eps[0].reply == 2);
    CHECK(eps[0].deadline == t0 + 48 * sd::kHour);
    CHECK(eps[0].answered);
    CHECK(eps[0].in_time);
    CHECK(eps[0].state == SlaState::Answered);
    CHECK(eps[1].first_message == 3);
    CHECK(eps[1].reply == 5);
    CHECK(eps[1].reply_at == t0 + 90 * sd::kHour);
    CHECK_FALSE(eps[1].in_time);
    CHECK(eps[1].state == SlaState::AnsweredLate);
    CHECK(eps[2].first_message == 6);
    CHECK_FALSE(eps[2].answered);
    CHECK(eps[2].reply == -1);
    CHECK(eps[2].state == SlaState::OnTrack);
    CHECK(current().policies[size_t(eps[0].policy)].id == "walmart_messages");

    CHECK(sd::episode_of_message(eps, 1) == 0);
    CHECK(sd::episode_of_message(eps, 2) == -1);
    CHECK(sd::episode_of_message(eps, 3) == 1);
    CHECK(sd::episode_of_message(eps, 6) == 2);

    // Later, unanswered: overdue; closed: no running state.
    sd::response_episodes(current(), c, t0 + 200 * sd::kHour, eps);
    CHECK(eps[2].state == SlaState::Overdue);
    c.status = sd::Status::Closed;
    sd::response_episodes(current(), c, t0 + 200 * sd::kHour, eps);
    REQUIRE(eps.size() == 3);
    CHECK(eps[2].state == SlaState::None);
    CHECK_FALSE(eps[2].in_time);
    // Before the first reply happened, the first episode is still open.
    sd::response_episodes(current(), c, t0 + 2 * sd::kHour, eps);
    REQUIRE(eps.size() == 1);
    CHECK_FALSE(eps[0].answered);
}

TEST_CASE("a proactive seller message is not an answer to anything", "[sla]") {
    auto c = conv(sd::Marketplace::Walmart);
    const sd::Time t0 = at("2026-11-01T00:00:00Z");
    inbound(c, "q1", t0);
    outbound(c, "a1", t0 + sd::kHour);
    outbound(c, "proactive", t0 + 2 * sd::kHour);   // "your parcel has shipped"
    sd::SlaResult r = sd::evaluate_sla(current(), c, t0 + 3 * sd::kHour);
    CHECK(r.state() == SlaState::Answered);
    CHECK(sd::sla_message_id(c, r.response_deadline()->reply) == "a1");
    CHECK(sd::sla_message_id(c, r.response_deadline()->started_by) == "q1");
    inbound(c, "q2", t0 + 4 * sd::kHour);
    outbound(c, "a2", t0 + 5 * sd::kHour);
    outbound(c, "proactive2", t0 + 6 * sd::kHour);
    c.status = sd::Status::Closed;
    r = sd::evaluate_sla(current(), c, t0 + 7 * sd::kHour);
    CHECK(r.state() == SlaState::Answered);
    CHECK(sd::sla_message_id(c, r.response_deadline()->reply) == "a2");
    CHECK(sd::sla_message_id(c, r.response_deadline()->started_by) == "q2");
}

TEST_CASE("evaluate_sla agrees with the episode list on random threads", "[sla]") {
    // evaluate_sla walks back from the newest message; response_episodes walks forward.
    uint64_t seed = 12345;
    auto next = [&seed](int n) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        return int((seed >> 33) % uint64_t(n));
    };
    const sd::Time t0 = at("2026-11-01T00:00:00Z");
    for (int round = 0; round < 3000; ++round) {
        auto c = conv(sd::Marketplace::Walmart);
        const int n = next(9);
        sd::Time t = t0;
        for (int i = 0; i < n; ++i) {
            t += next(40) * sd::kHour;
            const std::string id = "m" + std::to_string(i);
            switch (next(5)) {
                case 0: case 1: inbound(c, id.c_str(), t); break;
                case 2: outbound(c, id.c_str(), t); break;
                case 3: outbound(c, id.c_str(), t, sd::Delivery::Failed); break;
                default: outbound(c, id.c_str(), t, sd::Delivery::Sent, true); break;
            }
        }
        if (next(4) == 0) c.status = sd::Status::Closed;
        const sd::Time now = t0 + next(300) * sd::kHour;
        std::vector<sd::ResponseEpisode> eps;
        sd::response_episodes(current(), c, now, eps);
        const sd::SlaResult r = sd::evaluate_sla(current(), c, now);
        // The newest episode, closed or not: closed without a reply it reads None, never answered.
        const sd::ResponseEpisode* expect = eps.empty() ? nullptr : &eps.back();
        INFO("round " << round);
        if (expect) CHECK(expect->closed == (c.status == sd::Status::Closed && !expect->answered));
        if (!expect) {
            CHECK(r.count == 0);
            continue;
        }
        REQUIRE(r.count == 1);
        const sd::SlaDeadline& d = r.deadlines[0];
        CHECK(d.started_by == expect->first_message);
        CHECK(d.reply == expect->reply);
        CHECK(d.deadline == expect->deadline);
        CHECK(d.state == expect->state);
    }
}

// ---- eBay windows -------------------------------------------------------------------------------

TEST_CASE("eBay case windows at their exact boundaries", "[sla]") {
    sd::Order o;
    o.estimated_delivery = at("2026-11-10T15:30:00Z");
    o.paid_at = at("2026-11-01T08:00:00Z");
    o.region = "US";

    auto check_bounds = [](const sd::EbayCaseWindow& w, sd::Time earliest, sd::Time latest) {
        REQUIRE(w.known);
        CHECK(w.earliest == earliest);
        CHECK(w.latest == latest);
        CHECK(sd::window_position(w, earliest - 1) == sd::WindowPosition::NotYetOpen);
        CHECK(sd::window_position(w, earliest) == sd::WindowPosition::Open);
        CHECK(sd::window_position(w, earliest + 1) == sd::WindowPosition::Open);
        CHECK(sd::window_position(w, latest - 1) == sd::WindowPosition::Open);
        CHECK(sd::window_position(w, latest) == sd::WindowPosition::Open);
        CHECK(sd::window_position(w, latest + 1) == sd::WindowPosition::Closed);
    };

    // INR via eBay, US: EDD + 1 day .. EDD + 30 days.
    sd::EbayCaseWindow w = sd::ebay_case_window(o, sd::CaseType::ItemNotReceived, sd::CaseChannel::Ebay);
    CHECK(w.base == sd::EbayWindowBase::EstimatedDelivery);
    check_bounds(w, at("2026-11-11T15:30:00Z"), at("2026-12-10T15:30:00Z"));
    o.region = "GB";
    check_bounds(sd::ebay_case_window(o, sd::CaseType::ItemNotReceived, sd::CaseChannel::Ebay),
                 at("2026-11-11T15:30:00Z"), at("2026-12-10T15:30:00Z"));
    // INR via eBay, DE: payment + 1 .. + 45 days.
    o.region = "de";
    w = sd::ebay_case_window(o, sd::CaseType::ItemNotReceived, sd::CaseChannel::Ebay);
    CHECK(w.base == sd::EbayWindowBase::Payment);
    check_bounds(w, at("2026-11-02T08:00:00Z"), at("2026-12-16T08:00:00Z"));
    // SNAD via eBay (any region) and both via PayPal: payment + 1 .. + 45 days.
    o.region = "US";
    check_bounds(sd::ebay_case_window(o, sd::CaseType::NotAsDescribed, sd::CaseChannel::Ebay),
                 at("2026-11-02T08:00:00Z"), at("2026-12-16T08:00:00Z"));
    check_bounds(sd::ebay_case_window(o, sd::CaseType::ItemNotReceived, sd::CaseChannel::PayPal),
                 at("2026-11-02T08:00:00Z"), at("2026-12-16T08:00:00Z"));
    check_bounds(sd::ebay_case_window(o, sd::CaseType::NotAsDescribed, sd::CaseChannel::PayPal),
                 at("2026-11-02T08:00:00Z"), at("2026-12-16T08:00:00Z"));

    // Missing dates or no case: unknown.
    o.estimated_delivery = sd::kNoTime;
    w = sd::ebay_case_window(o, sd::CaseType::ItemNotReceived, sd::CaseChannel::Ebay);
    CHECK_FALSE(w.known);
    CHECK(sd::window_position(w, at("2026-11-20T00:00:00Z")) == sd::WindowPosition::Unknown);
    CHECK_FALSE(sd::ebay_case_window(o, sd::CaseType::None, sd::CaseChannel::Ebay).known);
}

// ---- presets and settings JSON ------------------------------------------------------------------

TEST_CASE("both presets: every policy has a name and a source; ids are unique", "[sla]") {
    for (const sd::SlaPolicySet* set : {&current(), &guides()}) {
        REQUIRE(set->policies.size() >= 10);
        for (size_t i = 0; i < set->policies.size(); ++i) {
            const sd::SlaPolicy& p = set->policies[i];
            INFO(p.id);
            CHECK_FALSE(p.name.empty());
            CHECK_FALSE(p.source.empty());
            CHECK(set->find(p.id) == int(i));
        }
        for (int m = 0; m < sd::kMarketplaceCount; ++m) {
            auto c = conv(sd::Marketplace(m));
            CHECK(set->policy_for(c, SlaMeasure::Response) >= 0);
        }
    }
    CHECK(current().preset == "current");
    CHECK(guides().preset == "seller_guides");
    const sd::SlaPolicy& inr_now = current().policies[size_t(current().find("ebay_inr_contact"))];
    const sd::SlaPolicy& inr_seed = guides().policies[size_t(guides().find("ebay_inr_contact"))];
    CHECK(inr_now.clock.type == sd::ClockType::BusinessHours);
    CHECK(inr_now.duration_s == 3 * sd::kDay);
    CHECK(inr_now.clock.schedule.zone.name == "America/Los_Angeles");
    CHECK(inr_seed.clock.type == sd::ClockType::Calendar);
    CHECK(inr_seed.duration_s == 6 * sd::kDay);
    CHECK(current().find("walmart_bbb_ag_complaint") >= 0);
    CHECK(guides().find("walmart_bbb_ag_complaint") == -1);
    CHECK(guides().find("amazon_no_response_needed") == -1);
    CHECK(current().policies[size_t(current().find("walmart_response_needed"))].source.find("2026-11") !=
          std::string::npos);
    CHECK(guides().policies[size_t(guides().find("walmart_response_needed"))].source.find("seed") !=
          std::string::npos);
}

TEST_CASE("policy sets round-trip through JSON", "[sla]") {
    for (const sd::SlaPolicySet* set : {&current(), &guides()}) {
        const nlohmann::json j = sd::sla_policies_to_json(*set);
        sd::SlaPolicySet back;
        std::string err;
        REQUIRE(sd::sla_policies_from_json(j, back, err));
        CHECK(err.empty());
        CHECK(sd::sla_policies_to_json(back) == j);
        REQUIRE(back.policies.size() == set->policies.size());
        // The parsed set computes the same deadlines.
        auto c = conv(sd::Marketplace::Ebay);
        c.ebay_case.type = sd::CaseType::ItemNotReceived;
        c.ebay_case.opened_at = at("2026-11-09T18:00:00Z");
        CHECK(sd::evaluate_sla(back, c, at("2026-11-10T00:00:00Z")).response_deadline()->deadline ==
              sd::evaluate_sla(*set, c, at("2026-11-10T00:00:00Z")).response_deadline()->deadline);
    }
    const nlohmann::json j = sd::sla_policies_to_json(current());
    const nlohmann::json& inr = j["policies"][size_t(current().find("ebay_inr_contact"))];
    CHECK(inr["clock"]["type"] == "business");
    CHECK(inr["clock"]["time_zone"] == "America/Los_Angeles");
    CHECK(inr["clock"]["week"]["mon"] == nlohmann::json::parse(R"([["00:00","24:00"]])"));
    CHECK(inr["clock"]["week"]["sat"] == nlohmann::json::array());
    CHECK(inr["clock"]["holidays"][0] == "2026-01-01");
    CHECK(inr["applies_to"]["case"] == "inr");
    CHECK(inr["due_soon_s"].is_null());
}

TEST_CASE("a hand-written policy set parses with defaults", "[sla]") {
    const auto j = nlohmann::json::parse(R"({
      "version": 1,
      "policies": [
        {"id": "office", "marketplace": "amazon", "measure": "response", "duration_s": 28800,
         "applies_to": {"kind": "post_sale", "topics": ["return_request", "damaged"]},
         "clock": {"type": "business", "time_zone": "Asia/Shanghai",
                   "week": {"mon": [["09:00", "12:00"], ["13:00", "18:00"]]},
                   "holidays": ["2026-12-25", "2026-01-01", "2026-12-25"]},
         "due_soon_s": 3600}
      ]})");
    sd::SlaPolicySet set;
    std::string err;
    REQUIRE(sd::sla_policies_from_json(j, set, err));
    CHECK(set.preset == "custom");
    REQUIRE(set.policies.size() == 1);
    const sd::SlaPolicy& p = set.policies[0];
    CHECK(p.name == "office");
    CHECK(p.enabled);
    CHECK(p.kind == sd::ConversationKind::PostSale);
    CHECK(p.topics == (sd::topic_bit(sd::Topic::ReturnRequest) | sd::topic_bit(sd::Topic::Damaged)));
    CHECK(p.clock.schedule.week[1].size() == 2);
    CHECK(p.clock.schedule.week[1][1].open == 13 * 3600);
    CHECK(p.clock.schedule.holidays.size() == 2);   // sorted, duplicates dropped
    CHECK(p.clock.schedule.holidays[0] == sd::days_from_civil(2026, 1, 1));
    CHECK(p.due_soon_s == 3600);

    // Monday 23 November 17:00 CST (09:00Z) + 8 business hours (8 open hours a Monday):
    // 1 h that day, then Monday 30th 09:00-12:00 (3 h) and 13:00-17:00 (4 h) -> 17:00 CST = 09:00Z.
    auto c = conv(sd::Marketplace::Amazon, sd::Topic::Damaged);
    inbound(c, "m1", at("2026-11-23T09:00:00Z"));
    sd::SlaResult r = sd::evaluate_sla(set, c, at("2026-11-23T09:30:00Z"));
    REQUIRE(r.count == 1);
    CHECK(r.response_deadline()->deadline == at("2026-11-30T09:00:00Z"));
    c.topic = sd::Topic::ProductQuestion;
    CHECK(sd::evaluate_sla(set, c, at("2026-11-23T09:30:00Z")).count == 0);
}

TEST_CASE("invalid policy sets are rejected with the field named, nothing changed", "[sla]") {
    const std::string ok = R"("id": "p", "marketplace": "walmart", "measure": "response", "duration_s": 3600)";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"([])", "(root): must be an object"},
        {R"({"version": 1})", "policies: missing"},
        {R"({"version": 2, "policies": []})", "version: must be from 1 to 1"},
        {R"({"policies": [], "extra": 1})", "extra: unknown field"},
        {R"({"preset": "fast", "policies": []})", "preset: unknown value 'fast'"},
        {R"({"policies": {}})", "policies: must be a list"},
        {R"({"policies": [7]})", "policies/0: must be an object"},
        {R"({"policies": [{"marketplace": "walmart", "measure": "response", "duration_s": 3600}]})",
         "policies/0/id: missing"},
        {R"({"policies": [{"id": "Bad Id", "marketplace": "walmart", "measure": "response", "duration_s": 1}]})",
         "policies/0/id: 'Bad Id' may only use"},
        {"{\"policies\": [{" + ok + ", \"duraton_s\": 5}]}", "policies/0/duraton_s: unknown field"},
        {R"({"policies": [{"id": "p", "marketplace": "etsy", "measure": "response", "duration_s": 1}]})",
         "policies/0/marketplace: unknown value 'etsy'"},
        {R"({"policies": [{"id": "p", "marketplace": "wish", "measure": "reply", "duration_s": 1}]})",
         "policies/0/measure: unknown value 'reply'"},
        {R"({"policies": [{"id": "p", "marketplace": "wish", "measure": "response"}]})",
         "policies/0/duration_s: missing"},
        {R"({"policies": [{"id": "p", "marketplace": "wish", "measure": "response", "duration_s": -5}]})",
         "policies/0/duration_s: must be from 1 to"},
        {R"({"policies": [{"id": "p", "marketplace": "wish", "measure": "response", "duration_s": 1.5}]})",
         "policies/0/duration_s: must be a whole number"},
        {"{\"policies\": [{" + ok + ", \"due_soon_s\": 7200}]}", "policies/0/due_soon_s: must be from 0 to 3600"},
        {"{\"policies\": [{" + ok + ", \"enabled\": \"yes\"}]}", "policies/0/enabled: must be true or false"},
        {"{\"policies\": [{" + ok + ", \"applies_to\": {\"kind\": \"presale\"}}]}",
         "policies/0/applies_to/kind: unknown value 'presale'"},
        {"{\"policies\": [{" + ok + ", \"applies_to\": {\"topics\": [\"returns\"]}}]}",
         "policies/0/applies_to/topics/0: unknown value 'returns'"},
        {"{\"policies\": [{" + ok + ", \"applies_to\": {\"case\": \"refund\"}}]}",
         "policies/0/applies_to/case: unknown value 'refund'"},
        {"{\"policies\": [{" + ok + ", \"applies_to\": {\"labels\": \"x\"}}]}",
         "policies/0/applies_to/labels: unknown field"},
        {"{\"policies\": [{" + ok + ", \"clock\": {\"type\": \"office\"}}]}",
         "policies/0/clock/type: unknown value 'office'"},
        {"{\"policies\": [{" + ok + ", \"clock\": {\"type\": \"business\", \"time_zone\": \"Mars/Base\", "
                                    "\"week\": {\"mon\": [[\"09:00\", \"17:00\"]]}}}]}",
         "policies/0/clock/time_zone: unknown time zone 'Mars/Base'"},
        {"{\"policies\": [{" + ok + ", \"clock\": {\"type\": \"business\", \"week\": {}}}]}",
         "policies/0/clock/week: a business clock needs at least one open interval"},
        {"{\"policies\": [{" + ok + ", \"clock\": {\"type\": \"business\", \"week\": {\"mon\": [[\"09:00\", \"25:00\"]]}}}]}",
         "policies/0/clock/week/mon/0/1: bad time '25:00'"},
        {"{\"policies\": [{" + ok + ", \"clock\": {\"type\": \"business\", \"week\": {\"mon\": [[\"24:00\", \"24:00\"]]}}}]}",
         "policies/0/clock/week/mon/0/0: bad time '24:00'"},
        {"{\"policies\": [{" + ok + ", \"clock\": {\"type\": \"business\", \"week\": {\"tue\": [[\"17:00\", \"09:00\"]]}}}]}",
         "policies/0/clock/week/tue/0: closes before it opens"},
        {"{\"policies\": [{" + ok + ", \"clock\": {\"type\": \"business\", \"week\": {\"tue\": [[\"09:00\", \"13:00\"], "
                                    "[\"12:00\", \"18:00\"]]}}}]}",
         "policies/0/clock/week/tue/1: overlaps"},
        {"{\"policies\": [{" + ok + ", \"clock\": {\"type\": \"business\", \"week\": {\"monday\": []}}}]}",
         "policies/0/clock/week/monday: unknown field"},
        {"{\"policies\": [{" + ok + ", \"clock\": {\"type\": \"business\", \"week\": {\"mon\": [[\"09:00\", \"17:00\"]]}, "
                                    "\"holidays\": [\"2026-02-30\"]}}]}",
         "policies/0/clock/holidays/0: bad date '2026-02-30'"},
        {"{\"policies\": [{" + ok + "}, {" + ok + "}]}", "policies/1/id: duplicate id 'p' (also policies/0)"},
    };
    for (const auto& tc : cases) {
        INFO(tc.first);
        const nlohmann::json j = nlohmann::json::parse(tc.first);
        sd::SlaPolicySet set = guides();
        std::string err;
        CHECK_FALSE(sd::sla_policies_from_json(j, set, err));
        CHECK(err.rfind(tc.second, 0) == 0);
        if (err.rfind(tc.second, 0) != 0) WARN("got: " << err);
        CHECK(set.preset == "seller_guides");
        CHECK(set.policies.size() == guides().policies.size());
    }
}

TEST_CASE("SLA enum names round-trip", "[sla]") {
    for (int i = 0; i < sd::kSlaStateCount; ++i) {
        SlaState s;
        REQUIRE(sd::parse(sd::to_string(SlaState(i)), s));
        CHECK(int(s) == i);
    }
    for (int i = 0; i < sd::kSlaMeasureCount; ++i) {
        SlaMeasure m;
        REQUIRE(sd::parse(sd::to_string(SlaMeasure(i)), m));
        CHECK(int(m) == i);
    }
    sd::SlaPreset p;
    CHECK(sd::parse("seller_guides", p));
    CHECK(p == sd::SlaPreset::SellerGuides);
    CHECK_FALSE(sd::parse("seed", p));
    CHECK(std::string(sd::to_string(SlaState::AnsweredLate)) == "answered_late");
    CHECK(std::string(sd::to_string(sd::WindowPosition::NotYetOpen)) == "not_yet_open");
}
