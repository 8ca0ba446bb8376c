// Shift handover and VIP follow-up (core/handover.h): what a handover lists, the agent's day,
// the follow-up folder at day boundaries, VIP registers under merge, and both through the export
// and the snapshot.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "core/demo.h"
#include "core/export_json.h"
#include "core/handover.h"
#include "core/inbox_query.h"
#include "core/ops.h"
#include "core/snapshot_bin.h"
#include "core/time.h"
#include "store_fixtures.h"

using namespace sd;
using nlohmann::json;

namespace {

Time at(const char* iso) {
    Time t = 0;
    REQUIRE(parse_iso8601(iso, t));
    return t;
}

TimeZone shanghai() {
    TimeZone z;
    std::string err;
    REQUIRE(make_time_zone("Asia/Shanghai", z, err));
    return z;
}

// Eight conversations, each set up for one rule; nothing else in the store waits or has a draft.
Store shift_store(Time now) {
    DemoOptions o;
    o.seed = 5;
    o.conversations = 10;
    o.now = now;
    Store s = generate_demo(o);
    s.conversations.resize(8);
    for (Conversation& c : s.conversations) {
        c.status = Status::Closed;
        c.spam = SpamReason::None;
        c.draft.clear();
        c.remarks.clear();
    }
    s.reindex();
    return s;
}

bool lists(const std::vector<HandoverItem>& items, const std::string& id) {
    return std::any_of(items.begin(), items.end(), [&](const HandoverItem& i) { return i.conversation_id == id; });
}

using fixtures::exported;

json vip_op(const std::string& customer, const json& fields, int64_t hlc, const char* replica) {
    json op = fields;
    op["op"] = "set_vip";
    op["id"] = customer;
    op["stamp"] = stamp_to_json({make_hlc(hlc, 0), replica});
    return op;
}

void apply_ok(Store& s, const json& op) {
    std::string err;
    INFO(op.dump());
    REQUIRE(apply_op(s, op, err));
}

}  // namespace

TEST_CASE("a handover lists what waits, this profile's drafts and today's remarks", "[handover]") {
    const TimeZone zone = shanghai();
    const Time now = at("2026-12-07T10:00:00Z");   // 18:00 in Shanghai
    Store s = shift_store(now);
    auto& c = s.conversations;
    c[0].status = Status::AwaitingSeller;               // waits
    c[1].status = Status::AwaitingSeller;               // waits
    c[2].status = Status::AwaitingCustomer;             // the buyer's turn: not listed
    c[3].status = Status::AwaitingSeller;
    c[3].spam = SpamReason::Spam;                       // spam never waits
    c[4].draft = "Dear buyer, the parcel";              // drafted here
    c[4].edits.draft.stamp = {make_hlc(1, 0), "r-here"};
    c[5].draft = "Another agent's words";               // drafted on another profile
    c[5].edits.draft.stamp = {make_hlc(2, 0), "r-there"};
    c[6].draft = "From before stamps";                  // nobody stamped it: counted here
    // Remarks: today after local midnight (16:00Z the day before), yesterday, another agent's.
    c[7].remarks.push_back({"rk1", "refund 20 yuan", "Lily", at("2026-12-06T16:00:00Z"), RemarkFlag::Green});
    c[7].remarks.push_back({"rk2", "from yesterday", "Lily", at("2026-12-06T15:59:59Z"), RemarkFlag::Red});
    c[6].remarks.push_back({"rk3", "not Lily's", "Chen Jie", at("2026-12-07T01:00:00Z"), RemarkFlag::Blue});
    c[5].remarks.push_back({"rk4", "written later", "Lily", now + 60, RemarkFlag::Blue});

    SlaPolicySet sla = make_sla_policies(SlaPreset::Current);
    HandoverInput in{s, sla, zone, "Lily", "r-here", now};
    Handover h = make_handover(in, "ho-1", "Call the buyer of the broken lamp");
    CHECK(h.id == "ho-1");
    CHECK(h.agent == "Lily");
    CHECK(h.at == now);
    CHECK(h.text == "Call the buyer of the broken lamp");

    CHECK(h.waiting_total == 2);
    REQUIRE(h.waiting.size() == 2);
    CHECK(lists(h.waiting, c[0].id));
    CHECK(lists(h.waiting, c[1].id));
    // With its deadline, as the SLA engine gives it, the soonest first.
    for (const HandoverItem& i : h.waiting) {
        const SlaResult r = evaluate_sla(sla, *s.find_conversation(i.conversation_id), now);
        CHECK(i.deadline == (r.response_deadline() ? r.response_deadline()->deadline : kNoTime));
        CHECK(i.subject == s.find_conversation(i.conversation_id)->subject);
    }
    if (h.waiting[0].deadline != kNoTime && h.waiting[1].deadline != kNoTime) CHECK(h.waiting[0].deadline <= h.waiting[1].deadline);

    REQUIRE(h.drafts.size() == 2);
    CHECK(lists(h.drafts, c[4].id));
    CHECK(lists(h.drafts, c[6].id));
    CHECK_FALSE(lists(h.drafts, c[5].id));
    CHECK(std::find_if(h.drafts.begin(), h.drafts.end(), [&](const HandoverItem& i) { return i.conversation_id == c[4].id; })->excerpt ==
          "Dear buyer, the parcel");

    REQUIRE(h.remarks.size() == 1);
    CHECK(h.remarks[0].conversation_id == c[7].id);
    CHECK(h.remarks[0].excerpt == "refund 20 yuan");
}

TEST_CASE("the agent's day starts at local midnight", "[handover]") {
    const TimeZone zone = shanghai();
    CHECK(local_date(zone, at("2026-12-07T15:59:59Z")) == "2026-12-07");   // 23:59:59 in Shanghai
    CHECK(local_date(zone, at("2026-12-07T16:00:00Z")) == "2026-12-08");   // midnight
    CHECK(local_day_start(zone, at("2026-12-07T10:00:00Z")) == at("2026-12-06T16:00:00Z"));
    CHECK(local_day_start(TimeZone(), at("2026-12-07T10:00:00Z")) == at("2026-12-07T00:00:00Z"));
    CHECK(valid_date("2024-02-29"));
    CHECK_FALSE(valid_date("2026-02-29"));
    CHECK_FALSE(valid_date("2026-13-01"));
    CHECK_FALSE(valid_date("2026-1-01"));
    CHECK_FALSE(valid_date("tomorrow"));
}

TEST_CASE("the follow-up folder holds customers due today or earlier in the agent's day", "[handover][query]") {
    const TimeZone zone = shanghai();
    const Time now = at("2026-12-07T10:00:00Z");
    Store s = shift_store(now);
    const std::string due = s.conversations[0].customer_id, later = s.conversations[1].customer_id,
                      past = s.conversations[2].customer_id;
    REQUIRE(due != later);
    apply_ok(s, {{"op", "set_vip"}, {"id", due}, {"vip", true}, {"follow_up", "2026-12-08"}});
    apply_ok(s, {{"op", "set_vip"}, {"id", later}, {"vip", true}, {"follow_up", "2026-12-09"}});
    apply_ok(s, {{"op", "set_vip"}, {"id", past}, {"follow_up", "2026-11-30"}});
    auto folder = [&](Time t) {
        InboxIndex index;
        index.build(s);
        Query q;
        q.filter = "follow_up";
        q.today = local_date(zone, t);
        QueryResult r = run_query(s, index, q, nullptr);
        REQUIRE(r.ok);
        std::vector<std::string> customers;
        for (uint32_t i : r.rows) customers.push_back(s.conversations[i].customer_id);
        CHECK(r.counts.follow_up == r.rows.size());
        return customers;
    };
    auto has = [](const std::vector<std::string>& v, const std::string& id) { return std::count(v.begin(), v.end(), id) > 0; };
    // 23:59:59 on the 7th in Shanghai: only the overdue one; a second later the 8th's is due too.
    std::vector<std::string> before = folder(at("2026-12-07T15:59:59Z")), after = folder(at("2026-12-07T16:00:00Z"));
    CHECK(has(before, past));
    CHECK_FALSE(has(before, due));
    CHECK(has(after, due));
    CHECK_FALSE(has(after, later));
    // Done: clearing the date takes the customer out; a spam-flagged conversation is never listed.
    apply_ok(s, {{"op", "set_vip"}, {"id", due}, {"follow_up", ""}});
    CHECK_FALSE(has(folder(at("2026-12-07T16:00:00Z")), due));
    s.conversations[2].spam = SpamReason::Spam;
    CHECK_FALSE(has(folder(at("2026-12-07T16:00:00Z")), past));
    Filter f;
    REQUIRE(parse_filter("follow_up", f));
    CHECK(format_filter(f) == "follow_up");
}

namespace {

// The folder counted the slow way, from the customers: what the index's kept days must agree with.
size_t due_in_store(const Store& s, const std::string& today) {
    size_t n = 0;
    for (const Conversation& c : s.conversations) {
        const Customer* who = s.find_customer(c.customer_id);
        n += c.spam == SpamReason::None && who && follow_up_due(*who, today);
    }
    return n;
}

// The customer with the most conversations that are not spam, and how many those are.
std::pair<std::string, size_t> busiest_customer(const Store& s) {
    std::map<std::string, size_t> n;
    for (const Conversation& c : s.conversations)
        if (c.spam == SpamReason::None && s.find_customer(c.customer_id)) ++n[c.customer_id];
    auto best = std::max_element(n.begin(), n.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    REQUIRE(best != n.end());
    return *best;
}

}  // namespace

TEST_CASE("the index keeps the follow-up folder current through set_vip, spam, new conversations and the day", "[handover][query]") {
    DemoOptions o;
    o.seed = 11;
    o.conversations = 300;
    o.now = at("2026-12-07T10:00:00Z");
    Store s = generate_demo(o);
    InboxIndex index;
    index.build(s);   // once: every change below goes through update/sync/customer_changed
    const auto [who, theirs] = busiest_customer(s);
    REQUIRE(theirs >= 2);
    // The folder's rows, its count beside the "all" query, and the slow count must agree.
    auto folder = [&](const std::string& today) {
        Query q;
        q.today = today;
        const QueryResult all = run_query(s, index, q, nullptr);
        q.filter = "follow_up";
        const QueryResult r = run_query(s, index, q, nullptr);
        REQUIRE((all.ok && r.ok));
        CHECK(all.counts.follow_up == r.rows.size());
        CHECK(r.counts.follow_up == r.rows.size());
        CHECK(r.rows.size() == due_in_store(s, today));
        return r.rows.size();
    };
    auto set_vip = [&](json fields) {
        fields["op"] = "set_vip";
        fields["id"] = who;
        apply_ok(s, fields);
        return index.customer_changed(s, who);
    };
    const size_t base = folder("2026-12-07");
    CHECK(set_vip({{"vip", true}, {"follow_up", "2026-12-07"}}) == theirs);
    CHECK(folder("2026-12-07") == base + theirs);
    CHECK(set_vip({{"vip", false}}) == 0);   // the mark alone moves no conversation
    CHECK(folder("2026-12-07") == base + theirs);
    CHECK(set_vip({{"follow_up", ""}}) == theirs);
    CHECK(folder("2026-12-07") == base);
    // Moved to tomorrow: not due today; due from tomorrow on, with no refresh at midnight.
    CHECK(set_vip({{"follow_up", "2026-12-08"}}) == theirs);
    CHECK(folder("2026-12-07") == base);
    CHECK(folder("2026-12-08") >= base + theirs);
    CHECK(folder("2027-01-31") >= theirs);
    CHECK(folder("") == 0);   // no day given: nobody is due

    // One of their conversations flagged spam leaves the folder; a new one of theirs joins it.
    const size_t before = folder("2026-12-08");
    size_t k = 0;
    while (s.conversations[k].customer_id != who || s.conversations[k].spam != SpamReason::None) ++k;
    s.conversations[k].spam = SpamReason::Spam;
    index.update(s, k);
    const size_t spam_out = folder("2026-12-08");
    CHECK(spam_out == before - 1);
    Conversation more = s.conversations[k];
    more.id = "zz-follow-up-new";
    more.spam = SpamReason::None;
    s.conversations.push_back(more);
    s.reindex();
    index.sync(s);
    CHECK(folder("2026-12-08") == spam_out + 1);

    Query bad;
    bad.today = "2026-12-32";
    const QueryResult r = run_query(s, index, bad, nullptr);
    CHECK_FALSE(r.ok);
    CHECK(r.error == "today \"2026-12-32\" is not a date YYYY-MM-DD");
    CHECK(follow_up_day("1970-01-01") == 1);
    CHECK(follow_up_day("2026-12-08") - follow_up_day("2026-12-07") == 1);
    CHECK(follow_up_day("2027-01-01") - follow_up_day("2026-12-31") == 1);
    CHECK(follow_up_day("") == 0);
    CHECK(follow_up_day("2026-02-29") == 0);
}

TEST_CASE("set_vip refuses bad input and changes nothing", "[handover][ops]") {
    Store s = shift_store(1795000000);
    const std::string id = s.customers[0].id;
    const Customer before = s.customers[0];
    std::string err;
    CHECK_FALSE(apply_op(s, {{"op", "set_vip"}, {"id", "nobody"}, {"vip", true}}, err));
    CHECK(err == "no customer \"nobody\"");
    CHECK_FALSE(apply_op(s, {{"op", "set_vip"}, {"id", id}, {"vip", true}, {"follow_up", "2026-02-30"}}, err));
    CHECK(err.find("is not a date") != std::string::npos);
    CHECK_FALSE(apply_op(s, {{"op", "set_vip"}, {"id", id}, {"vip", "yes"}}, err));
    CHECK_FALSE(apply_op(s, {{"op", "set_vip"}, {"id", id}}, err));
    CHECK(s.customers[0].vip == before.vip);
    CHECK(s.customers[0].follow_up == before.follow_up);
    CHECK(s.customers[0].vip_edit == before.vip_edit);
}

TEST_CASE("VIP and follow-up merge as two last-writer-wins registers", "[handover][sync]") {
    SyncData base;
    base.store = shift_store(1795000000);
    const std::string id = base.store.customers[0].id;
    SyncData a = base, b = base;
    apply_ok(a.store, vip_op(id, json{{"vip", true}, {"follow_up", "2026-12-10"}}, 1000, "ra"));
    apply_ok(b.store, vip_op(id, json{{"follow_up", "2026-12-12"}}, 2000, "rb"));   // later: wins the date
    apply_ok(a.store, vip_op(id, json{{"vip", true}}, 3000, "ra"));
    for (const SyncData& m : {merge(a, b).data, merge(b, a).data}) {
        const Customer* c = m.store.find_customer(id);
        REQUIRE(c);
        CHECK(c->vip);
        CHECK(c->follow_up == "2026-12-12");
        CHECK(c->follow_up_edit.stamp.replica == "rb");
    }
    CHECK(exported(merge(a, b).data) == exported(merge(b, a).data));
    CHECK(exported(merge(merge(a, b).data, b).data) == exported(merge(a, b).data));
    // Only the follow-up differs: no content conflict for a person to review.
    for (const MergeConflict& x : merge(a, b).report.conflicts) CHECK(x.field != "content");
}

TEST_CASE("handovers and follow-ups travel in the export and merge as a union", "[handover][sync]") {
    SyncData d;
    d.store = shift_store(1795000000);
    d.store.conversations[0].status = Status::AwaitingSeller;
    apply_ok(d.store, vip_op(d.store.customers[0].id, json{{"vip", true}, {"follow_up", "2026-12-08"}}, 1000, "ra"));
    const TimeZone zone = shanghai();
    HandoverInput in{d.store, d.sla, zone, "Lily", "ra", 1795000000};
    add_handovers(d.handovers, {make_handover(in, "ho-ra-1", "night shift: 交班")});
    const std::string text = exported(d);
    CHECK(text.find("\"handovers\":[") != std::string::npos);
    ExportFile f;
    ImportError e;
    REQUIRE(parse_export(text, f, e));
    REQUIRE(f.data.handovers.size() == 1);
    CHECK(f.data.handovers[0].text == "night shift: 交班");
    CHECK(f.data.store.find_customer(d.store.customers[0].id)->follow_up == "2026-12-08");
    CHECK(exported(f.data) == text);
    CHECK(exported(merge(SyncData(), f.data).data) == text);

    SyncData other;
    other.store = d.store;
    HandoverInput later{other.store, other.sla, zone, "Chen Jie", "rb", 1795003600};
    add_handovers(other.handovers, {make_handover(later, "ho-rb-1", "day shift")});
    const SyncData ab = merge(d, other).data, ba = merge(other, d).data;
    CHECK(ab.handovers.size() == 2);
    CHECK(exported(ab) == exported(ba));
    CHECK(latest_handover(ab.handovers)->id == "ho-rb-1");
    CHECK(merge(ab, other).report.handovers_added == 0);
    // Neither a redacted nor a subset export carries them.
    ExportOptions o;
    o.redact = true;
    std::string red, err;
    REQUIRE(export_text(d, o, red, err));
    CHECK(red.find("\"handovers\"") == std::string::npos);
}

TEST_CASE("bad handovers and follow-up dates in a file are refused with their place", "[handover][validation]") {
    SyncData d;
    d.store = shift_store(1795000000);
    apply_ok(d.store, vip_op(d.store.customers[0].id, json{{"follow_up", "2026-12-08"}}, 1000, "ra"));
    HandoverInput in{d.store, d.sla, TimeZone(), "Lily", "ra", 1795000000};
    add_handovers(d.handovers, {make_handover(in, "ho-1", "")});
    const std::string good = exported(d);
    // Replaces the first `from` after `after` (the handovers section, or the start).
    auto refused = [](std::string text, const std::string& from, const std::string& to, const char* after = "") {
        const size_t p = text.find(from, text.find(after));
        REQUIRE(p != std::string::npos);
        text.replace(p, from.size(), to);
        ExportFile f;
        ImportError e;
        CHECK_FALSE(parse_export(text, f, e));
        CHECK(f.data.handovers.empty());
        return e;
    };
    ImportError e = refused(good, "\"follow_up\":\"2026-12-08\"", "\"follow_up\":\"2026-12-32\"");
    CHECK(e.pointer.rfind("customers/", 0) == 0);
    CHECK(e.pointer.substr(e.pointer.size() - 10) == "/follow_up");
    CHECK(e.reason == "not a date YYYY-MM-DD");
    e = refused(good, "\"id\":\"ho-1\"", "\"id\":\"\"", "\"handovers\"");
    CHECK(e.pointer == "handovers/0/id");
    e = refused(good, "\"agent\":\"Lily\"", "\"agent\":\"Lily\",\"mood\":\"tired\"", "\"handovers\"");
    CHECK(e.pointer == "handovers/0/mood");
    CHECK(e.reason == "unknown member");
    e = refused(good, "\"at\":\"2026", "\"at\":\"yesterday", "\"handovers\"");
    CHECK(e.pointer == "handovers/0/at");
}

TEST_CASE("the snapshot keeps the VIP follow-up", "[handover][snapshot]") {
    Store s = shift_store(1795000000);
    apply_ok(s, vip_op(s.customers[1].id, json{{"vip", true}, {"follow_up", "2027-01-02"}}, 1000, "ra"));
    Store back;
    std::string err;
    REQUIRE(decode_snapshot(encode_snapshot(s).snapshot, back, err));
    const Customer* c = back.find_customer(s.customers[1].id);
    REQUIRE(c);
    CHECK(c->vip);
    CHECK(c->follow_up == "2027-01-02");
    CHECK(c->vip_edit == s.customers[1].vip_edit);
    CHECK(max_hlc(back) >= make_hlc(1000, 0));
    // A version 3 file has no place for it: it loads, with no VIP and no date.
    Store old;
    REQUIRE(decode_snapshot(fixtures::legacy_snapshot(s, 3), old, err));
    REQUIRE(old.customers.size() == s.customers.size());
    CHECK_FALSE(old.customers[1].vip);
    CHECK(old.customers[1].follow_up.empty());
    CHECK(old.customers[1].name == s.customers[1].name);
}

TEST_CASE("the latest handover and whether it was seen", "[handover]") {
    std::vector<Handover> list;
    CHECK(latest_handover(list) == nullptr);
    Handover a, b;
    a.id = "ho-a", a.at = 100;
    b.id = "ho-b", b.at = 200;
    CHECK(add_handovers(list, {b, a}) == 2);
    CHECK(add_handovers(list, {a}) == 0);
    CHECK(list.front().id == "ho-a");
    CHECK(latest_handover(list)->id == "ho-b");
    CHECK(handover_unseen(b, 0, ""));
    CHECK(handover_unseen(b, 100, "ho-a"));
    CHECK_FALSE(handover_unseen(b, 200, "ho-b"));
    std::string err;
    Handover out;
    CHECK_FALSE(handover_from_json({{"id", "x"}, {"agent", "Lily"}, {"at", "2026-12-07T10:00:00Z"}, {"waiting", json::array({json{{"subject", "no id"}}})}},
                                   out, err));
    CHECK(err == "waiting/0/conversation_id: missing");
    REQUIRE(handover_from_json(handover_to_json(b), out, err));
    CHECK(handover_to_json(out) == handover_to_json(b));
}
