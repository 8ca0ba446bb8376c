// Export, import and merge: lattice properties over random edit histories, round trips,
// tombstones, the spam rule under merge, conflict reports, and every class of bad input.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>

#include "core/demo.h"
#include "core/splitmix.h"
#include "core/export_json.h"
#include "core/ops.h"
#include "core/redact.h"
#include "core/time.h"
#include "store_fixtures.h"

using namespace sd;
using nlohmann::json;

namespace {

struct Rng {   // splitmix64
    uint64_t s;
    uint64_t next() { return sd::splitmix64(s); }
    size_t below(size_t n) { return size_t(next() % n); }
    bool chance(int percent) { return int(below(100)) < percent; }
};

const Time kNow = 1795000000;

SyncData base_data(uint64_t seed) {
    DemoOptions o;
    o.seed = seed;
    o.conversations = 10;
    o.now = kNow;
    SyncData d;
    d.store = generate_demo(o);
    return d;
}

// One replica: its data, its ID and its clock.
struct Replica {
    SyncData data;
    std::string id;
    int64_t hlc = 0;
    int64_t wall_ms = int64_t(kNow) * 1000;
    int minted = 0;

    Stamp stamp(Rng& rng) {
        // Wall clocks drift apart and sometimes step back; the HLC still moves forward.
        wall_ms += int64_t(rng.below(5000)) - 1000;
        Stamp s = next_stamp(hlc, wall_ms, id);
        hlc = s.hlc;
        return s;
    }
    void absorb(const SyncData& other) {
        MergeResult r = merge(std::move(data), other);
        data = std::move(r.data);
        hlc = std::max(hlc, max_hlc(data));
    }
};

const char* const kLabels[] = {"response_needed", "customer_care", "return_request", "address_change", "vip"};
const char* const kStatuses[] = {"awaiting_seller", "awaiting_customer", "closed"};

// A random stamped edit; refused ops (spam on an answered thread...) are simply skipped.
void random_edit(Replica& r, Rng& rng) {
    Store& s = r.data.store;
    if (s.conversations.empty()) return;
    if (rng.chance(3)) {   // a new conversation arrived on this replica
        Conversation c;
        c.id = "new-" + r.id + "-" + std::to_string(r.minted++);
        c.kind = ConversationKind::PreSale;
        c.opened_at = kNow;
        c.messages.push_back({c.id + "-m1", Direction::Inbound, AuthorRole::Customer, "Buyer", kNow, "Hello?"});
        s.conversations.push_back(std::move(c));
        s.reindex();
        return;
    }
    if (rng.chance(4)) {   // the template library: save or delete, stamped
        Template t;
        t.id = "tpl-" + std::to_string(rng.below(3));
        t.marketplace = "any";
        t.category = "closing";
        t.title_zh = "结束语";
        t.bodies["en"] = "Thanks again, version " + std::to_string(rng.below(50)) + ".";
        t.stamp = r.stamp(rng);
        std::vector<std::string> errors;
        if (rng.chance(25) && r.data.templates.find(t.id)) delete_template(r.data.templates, t.id, t.stamp);
        else save_template(r.data.templates, t, errors);
        if (rng.chance(50)) record_use(r.data.templates, t.id, kNow + Time(rng.below(100)));
        return;
    }
    if (rng.chance(2)) {   // the SLA settings, one stamped value
        r.data.sla.policies[0].name = "Walmart " + std::to_string(rng.below(20));
        record_edit(r.data.sla_edit, r.stamp(rng));
        return;
    }
    if (rng.chance(6)) {   // a Tmall register: an entry (IDs shared across replicas, so copies disagree) or a status
        std::vector<const Conversation*> tmall;
        for (const Conversation& c : s.conversations)
            if (c.marketplace == Marketplace::Tmall && !c.order_id.empty()) tmall.push_back(&c);
        std::string err;
        if (!tmall.empty() && rng.chance(60)) {
            RegisterAdd add;
            add.id = "reg-" + std::to_string(rng.below(4));
            add.kind = rng.chance(50) ? RegisterKind::WrongShipment : RegisterKind::LostParcel;
            add.conversation_id = tmall[rng.below(tmall.size())]->id;
            add.amount_cents = int64_t(rng.below(4000));
            add.text = "item " + std::to_string(rng.below(9)) + " missing";
            add.agent = r.id;
            add.approved_by = "Supervisor";
            add.at = kNow + Time(rng.below(1000));
            add_register_entry(r.data.registers, s, add, r.stamp(rng), err);
        } else if (!r.data.registers.entries.empty()) {
            const RegisterEntry& e = r.data.registers.entries[rng.below(r.data.registers.entries.size())];
            set_register_status(r.data.registers, e.id, RegisterStatus(rng.below(kRegisterStatusCount)), r.stamp(rng), err);
        }
        return;
    }
    if (rng.chance(4) && !s.customers.empty()) {   // team data (handover.h): a VIP follow-up or a handover
        std::string err;
        if (rng.chance(60)) {
            const Customer& who = s.customers[rng.below(s.customers.size())];
            json vip = {{"op", "set_vip"}, {"id", who.id}, {"stamp", stamp_to_json(r.stamp(rng))}};
            if (rng.chance(60)) vip["vip"] = rng.chance(70);
            else vip["follow_up"] = rng.chance(30) ? std::string() : "2026-12-0" + std::to_string(1 + rng.below(9));
            apply_op(s, vip, err);
        } else {
            HandoverInput in{s, r.data.sla, TimeZone(), "Lily", r.id, kNow + Time(rng.below(1000))};
            add_handovers(r.data.handovers, {make_handover(in, "ho-" + r.id + "-" + std::to_string(r.minted++), "over to you")});
        }
        return;
    }
    Conversation& c = s.conversations[rng.below(s.conversations.size())];
    json op = {{"id", c.id}};
    std::string mid = c.id + "-" + r.id + "-" + std::to_string(r.minted++);
    auto iso = [](Time t) { return format_iso8601(t); };
    switch (rng.below(13)) {
        case 0: op["op"] = "set_unread"; op["unread"] = rng.chance(50); break;
        case 1:
            op["op"] = "labels";
            op[rng.chance(50) ? "add" : "remove"] = json::array({kLabels[rng.below(5)]});
            break;
        case 2: op["op"] = "set_status"; op["status"] = kStatuses[rng.below(3)]; break;
        case 3: op["op"] = "assign"; op["agent"] = rng.chance(50) ? "Lily" : "Wang Fang"; break;
        case 4: op["op"] = "set_draft"; op["text"] = "draft " + std::to_string(rng.below(1000)); break;
        case 5: op["op"] = "flag_spam"; op["reason"] = rng.chance(50) ? "spam" : "fraud"; break;
        case 6: op["op"] = "unflag_spam"; break;
        case 7:
            op = {{"op", "reply"}, {"id", c.id}, {"message_id", mid}, {"text", "Thanks, on its way."},
                  {"author", "Lily"}, {"at", iso(kNow + Time(rng.below(1000)))}, {"delivery", rng.chance(80) ? "sent" : "failed"}};
            break;
        case 8: {
            std::vector<std::string> outbound;
            for (const Message& m : c.messages)
                if (m.direction == Direction::Outbound) outbound.push_back(m.id);
            if (outbound.empty()) return;
            op["op"] = "set_delivery";
            op["message_id"] = outbound[rng.below(outbound.size())];
            op["delivery"] = rng.chance(50) ? "sent" : "failed";
            break;
        }
        case 9:
            op = {{"op", "add_remark"}, {"id", c.id}, {"remark_id", mid}, {"text", "price changed"}, {"agent", "Lily"},
                  {"at", iso(kNow)}, {"flag", "red"}};
            break;
        case 10:
            op = {{"op", "add_note"}, {"id", c.id}, {"note_id", mid}, {"text", "called the buyer"}, {"agent", "Lily"}, {"at", iso(kNow)}};
            break;
        case 11: {
            if (c.remarks.empty() && c.notes.empty()) return;
            bool remark = !c.remarks.empty() && (c.notes.empty() || rng.chance(50));
            op["op"] = rng.chance(50) ? (remark ? "delete_remark" : "delete_note") : (remark ? "edit_remark" : "edit_note");
            op[remark ? "remark_id" : "note_id"] = remark ? c.remarks[rng.below(c.remarks.size())].id : c.notes[rng.below(c.notes.size())].id;
            if (op["op"].get<std::string>().rfind("edit", 0) == 0) op["text"] = "edited " + std::to_string(rng.below(100));
            break;
        }
        default:
            op["op"] = "set_unread";
            op["unread"] = false;
    }
    op["stamp"] = stamp_to_json(r.stamp(rng));
    std::string err;
    apply_op(s, op, err);
}

using fixtures::exported;

SyncData join(const SyncData& a, const SyncData& b) { return merge(a, b).data; }

// Independent of the code under test: line and column of the first occurrence of `needle`.
std::pair<size_t, size_t> place_of(const std::string& text, const std::string& needle, size_t from = 0) {
    size_t at = text.find(needle, from);
    REQUIRE(at != std::string::npos);
    size_t line = 1 + size_t(std::count(text.begin(), text.begin() + long(at), '\n'));
    size_t start = text.rfind('\n', at == 0 ? 0 : at - 1);
    start = start == std::string::npos || at == 0 ? 0 : start + 1;
    size_t column = 1;
    for (size_t i = start; i < at; ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
    return {line, column};
}

ImportError parse_error_of(const std::string& text, const ImportLimits& limits = ImportLimits()) {
    ExportFile f;
    ImportError e;
    CHECK_FALSE(parse_export(text, f, e, limits));
    INFO(e.message());
    CHECK_FALSE(e.reason.empty());
    return e;
}

}  // namespace

TEST_CASE("HLC readings only move forward", "[sync]") {
    int64_t h = next_hlc(0, 1000);
    CHECK(h == make_hlc(1000, 0));
    int64_t h2 = next_hlc(h, 900);   // the wall clock went back: count on
    CHECK(h2 == h + 1);
    CHECK(next_hlc(h2, 2000) == make_hlc(2000, 0));
    int64_t full = make_hlc(5000, kHlcCounterMask);
    CHECK(next_hlc(full, 10) == make_hlc(5001, 0));   // a full counter borrows the next millisecond
    Stamp a{5, "r1"}, b{5, "r2"}, c{6, "r0"};
    CHECK(a < b);
    CHECK(b < c);
    CHECK(Stamp() < a);
    int64_t v = 0;
    CHECK(parse_hlc(hlc_to_string(h2), v));
    CHECK(v == h2);
    CHECK_FALSE(parse_hlc("012", v));
    CHECK_FALSE(parse_hlc("99999999999999999999", v));
    CHECK_FALSE(parse_hlc("-1", v));
}

TEST_CASE("stamped ops record their stamp; unstamped ops record nothing", "[sync]") {
    SyncData d = base_data(5);
    Conversation& c = d.store.conversations[0];
    std::string err;
    REQUIRE(apply_op(d.store, {{"op", "set_draft"}, {"id", c.id}, {"text", "hi"}}, err));
    CHECK(c.edits.draft.zero());
    Stamp s{make_hlc(1795000000000, 0), "r-a"};
    REQUIRE(apply_op(d.store, {{"op", "set_draft"}, {"id", c.id}, {"text", "hello"}, {"stamp", stamp_to_json(s)}}, err));
    CHECK(c.edits.draft.stamp == s);
    CHECK(c.draft == "hello");
    REQUIRE(apply_op(d.store, {{"op", "labels"}, {"id", c.id}, {"add", {"vip"}}, {"stamp", stamp_to_json(s)}}, err));
    REQUIRE(c.edits.labels.size() == 1);
    CHECK(c.edits.labels[0].label == "vip");
    CHECK(max_hlc(d.store) == s.hlc);
    for (json bad : {json{{"hlc", 5}, {"replica", "r"}}, json{{"hlc", "0"}, {"replica", "r"}}, json{{"hlc", "5"}, {"replica", ""}},
                     json{{"hlc", "5"}}, json("5@r")}) {
        INFO(bad.dump());
        CHECK_FALSE(apply_op(d.store, {{"op", "set_draft"}, {"id", c.id}, {"text", "x"}, {"stamp", bad}}, err));
        CHECK(err.find("stamp") != std::string::npos);
    }
    CHECK(c.draft == "hello");
}

#ifndef ITERS
#define ITERS 60
#endif
TEST_CASE("merge is commutative, associative and idempotent over random histories", "[sync][property]") {
    auto started = std::chrono::steady_clock::now();
    size_t register_entries = 0;   // the histories do reach the registers
    for (uint64_t iter = 0; iter < ITERS; ++iter) {
        INFO("iteration " << iter);
        Rng rng{iter * 7919 + 1};
        SyncData base = base_data(iter % 4 + 1);
        Replica a{base, "ra"}, b{base, "rb"}, c{base, "rc"};
        for (int step = 0; step < 40; ++step) {
            Replica& r = step % 3 == 0 ? a : step % 3 == 1 ? b : c;
            random_edit(r, rng);
            // Now and then a replica imports another's export: causal chains, not just concurrency.
            if (rng.chance(8)) r.absorb((rng.chance(50) ? a : b).data);
        }
        const std::string ea = exported(a.data), eb = exported(b.data), ec = exported(c.data);
        SyncData ab = join(a.data, b.data), ba = join(b.data, a.data);
        CHECK(exported(ab) == exported(ba));
        CHECK(exported(join(a.data, a.data)) == ea);
        CHECK(exported(join(ab, b.data)) == exported(ab));   // importing the same file twice changes nothing
        MergeResult again = merge(ab, b.data);
        CHECK(again.report.conversations_updated == 0);
        CHECK(again.report.conversations_added == 0);
        CHECK(exported(join(ab, c.data)) == exported(join(a.data, join(b.data, c.data))));
        CHECK(exported(join(join(c.data, a.data), b.data)) == exported(join(ab, c.data)));
        // Round trip: export -> import into an empty store -> export is byte-identical.
        ExportFile f;
        ImportError e;
        REQUIRE(parse_export(ea, f, e));
        CHECK(exported(f.data) == ea);
        CHECK(exported(join(SyncData(), f.data)) == ea);
        register_entries += ab.registers.entries.size();
        (void)ec;
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    CHECK(register_entries > 0);
    CHECK(seconds < 5.0);
}

TEST_CASE("deleted remarks and notes stay deleted through merges", "[sync]") {
    SyncData base = base_data(2);
    std::string id = base.store.conversations[3].id;
    std::string err;
    Stamp s1{make_hlc(1795000000000, 0), "ra"};
    REQUIRE(apply_op(base.store, {{"op", "add_remark"}, {"id", id}, {"remark_id", "rm-1"}, {"text", "refund 5 yuan"},
                                  {"agent", "小王"}, {"at", "2026-11-20T10:00:00Z"}, {"flag", "red"}, {"stamp", stamp_to_json(s1)}},
                     err));
    SyncData a = base, b = base;   // both have the remark
    Stamp s2{make_hlc(1795000001000, 0), "ra"};
    REQUIRE(apply_op(a.store, {{"op", "delete_remark"}, {"id", id}, {"remark_id", "rm-1"}, {"stamp", stamp_to_json(s2)}}, err));
    CHECK(a.store.find_conversation(id)->remarks.empty());
    // b edits the remark concurrently; the deletion still wins.
    Stamp s3{make_hlc(1795000002000, 0), "rb"};
    REQUIRE(apply_op(b.store, {{"op", "edit_remark"}, {"id", id}, {"remark_id", "rm-1"}, {"text", "refund 8 yuan"}, {"stamp", stamp_to_json(s3)}}, err));
    SyncData m = join(b, a);
    CHECK(m.store.find_conversation(id)->remarks.empty());
    REQUIRE(m.store.find_conversation(id)->edits.deleted_remarks.size() == 1);
    // An old copy that still has the remark does not bring it back, in either order.
    CHECK(join(m, base).store.find_conversation(id)->remarks.empty());
    CHECK(join(base, m).store.find_conversation(id)->remarks.empty());
    // Through a file as well.
    ExportFile f;
    ImportError e;
    REQUIRE(parse_export(exported(m), f, e));
    CHECK(join(base, f.data).store.find_conversation(id)->remarks.empty());
    // Labels: a stamped removal beats an older add of the same label, another label is untouched.
    SyncData x = base, y = base;
    Stamp t1{make_hlc(1795000003000, 0), "ra"}, t2{make_hlc(1795000004000, 0), "rb"};
    REQUIRE(apply_op(x.store, {{"op", "labels"}, {"id", id}, {"add", {"vip"}}, {"stamp", stamp_to_json(t1)}}, err));
    REQUIRE(apply_op(y.store, {{"op", "labels"}, {"id", id}, {"add", {"gift"}}, {"stamp", stamp_to_json(t1)}}, err));
    REQUIRE(apply_op(y.store, {{"op", "labels"}, {"id", id}, {"remove", {"vip"}}, {"stamp", stamp_to_json(t2)}}, err));
    SyncData xy = join(x, y);
    CHECK_FALSE(xy.store.find_conversation(id)->has_label("vip"));
    CHECK(xy.store.find_conversation(id)->has_label("gift"));
}

TEST_CASE("Walmart's spam rule under merge: an answer wins over a concurrent flag", "[sync]") {
    SyncData base;
    base.store.customers.push_back({"cu-1", "Maria Lopez", "maria@example.com", "US"});
    Conversation pre;
    pre.id = "wm-1";
    pre.kind = ConversationKind::PreSale;
    pre.customer_id = "cu-1";
    pre.messages.push_back({"wm-1-m1", Direction::Inbound, AuthorRole::Customer, "Maria Lopez", 1000, "Cheap watches here"});
    base.store.conversations.push_back(pre);
    base.store.reindex();
    SyncData a = base, b = base;
    std::string err;
    Stamp early{make_hlc(1795000000000, 0), "rb"}, late{make_hlc(1795000009000, 0), "ra"};
    REQUIRE(apply_op(b.store, {{"op", "reply"}, {"id", "wm-1"}, {"message_id", "wm-1-r1"}, {"text", "No thanks."},
                               {"author", "Lily"}, {"at", "2026-11-20T10:00:00Z"}, {"stamp", stamp_to_json(early)}},
                     err));
    REQUIRE(apply_op(a.store, {{"op", "flag_spam"}, {"id", "wm-1"}, {"reason", "fraud"}, {"stamp", stamp_to_json(late)}}, err));
    SyncData ab = join(a, b), ba = join(b, a);
    const Conversation* c = ab.store.find_conversation("wm-1");
    CHECK(c->spam == SpamReason::None);                      // answered: not spam
    CHECK(c->edits.suppressed_spam == SpamReason::Fraud);    // the later flag is kept, without effect
    CHECK(exported(ab) == exported(ba));
    CHECK(exported(ab).find("\"spam_suppressed\":\"fraud\"") != std::string::npos);
    // If the answer turns out undelivered, the flag applies again.
    Stamp later{make_hlc(1795000010000, 0), "rb"};
    REQUIRE(apply_op(ab.store, {{"op", "set_delivery"}, {"id", "wm-1"}, {"message_id", "wm-1-r1"}, {"delivery", "failed"},
                                {"stamp", stamp_to_json(later)}},
                     err));
    CHECK(ab.store.find_conversation("wm-1")->spam == SpamReason::Fraud);
    CHECK(join(ab, ba).store.find_conversation("wm-1")->spam == SpamReason::Fraud);
}

TEST_CASE("the report lists concurrent edits with both values, not sequential ones", "[sync]") {
    SyncData base = base_data(3);
    std::string id = base.store.conversations[0].id, err;
    SyncData a = base, b = base;
    Stamp a1{make_hlc(1795000000000, 0), "ra"}, b1{make_hlc(1795000001000, 0), "rb"};
    REQUIRE(apply_op(a.store, {{"op", "set_draft"}, {"id", id}, {"text", "We will refund you."}, {"stamp", stamp_to_json(a1)}}, err));
    REQUIRE(apply_op(b.store, {{"op", "set_draft"}, {"id", id}, {"text", "We will reship it."}, {"stamp", stamp_to_json(b1)}}, err));
    MergeResult r = merge(a, b);
    CHECK(r.data.store.find_conversation(id)->draft == "We will reship it.");
    REQUIRE(r.report.conflicts.size() == 1);
    const MergeConflict& k = r.report.conflicts[0];
    CHECK(k.conversation == id);
    CHECK(k.field == "draft");
    CHECK(k.kept == "\"We will reship it.\"");
    CHECK(k.other == "\"We will refund you.\"");
    CHECK(k.review);
    CHECK(r.report.conversations_updated == 1);
    json j = report_to_json(r.report);
    CHECK(j["conflicts_to_review"] == 1);
    CHECK(j["conflicts"][0]["other"] == "We will refund you.");
    // Sequential: b saw a's draft (imported it) and then changed it; a imports b: no conflict.
    SyncData b2 = join(b, a);
    Stamp b2s{make_hlc(1795000002000, 0), "rb"};
    REQUIRE(apply_op(b2.store, {{"op", "set_draft"}, {"id", id}, {"text", "Final text."}, {"stamp", stamp_to_json(b2s)}}, err));
    MergeResult r2 = merge(a, b2);
    CHECK(r2.data.store.find_conversation(id)->draft == "Final text.");
    for (const MergeConflict& x : r2.report.conflicts) CHECK(x.field != "draft");
}

TEST_CASE("a subset export carries its customers and orders; unknown IDs are refused", "[sync]") {
    SyncData d = base_data(4);
    ExportOptions o;
    o.subset = true;
    o.conversation_ids = {d.store.conversations[2].id, d.store.conversations[5].id};
    std::string text, err;
    REQUIRE(export_text(d, o, text, err));
    ExportFile f;
    ImportError e;
    REQUIRE(parse_export(text, f, e));
    CHECK(f.header.subset);
    CHECK(f.data.store.conversations.size() == 2);
    CHECK(f.data.store.customers.size() <= 2);
    o.conversation_ids.push_back("nope");
    CHECK_FALSE(export_text(d, o, text, err));
    CHECK(err == "no conversation \"nope\"");
}

TEST_CASE("a subset export is the same whether the store's index is built or not, and is the whole export's records", "[sync]") {
    SyncData d;
    DemoOptions demo;
    demo.conversations = 300;
    d.store = generate_demo(demo);
    ExportOptions o;
    o.subset = true;
    for (size_t i = 0; i < d.store.conversations.size(); i += 37) o.conversation_ids.push_back(d.store.conversations[i].id);
    o.conversation_ids.push_back(o.conversation_ids.front());   // named twice: once in the file
    o.order_ids = {d.store.orders.back().id, "no-such-order"};
    o.customer_ids = {d.store.customers.front().id};
    std::string indexed, searched, whole, err;
    REQUIRE(export_text(d, o, indexed, err));
    SyncData plain;   // the same records, pushed one by one without reindex()
    for (const Customer& c : d.store.customers) plain.store.customers.push_back(c);
    for (const Order& x : d.store.orders) plain.store.orders.push_back(x);
    for (const Conversation& c : d.store.conversations) plain.store.conversations.push_back(c);
    REQUIRE(export_text(plain, o, searched, err));
    CHECK(indexed == searched);
    // Each record as the whole export writes it, in the same order (by ID).
    ExportOptions all;
    REQUIRE(export_text(d, all, whole, err));
    const json part = json::parse(indexed), full = json::parse(whole);
    CHECK(part["conversations"].size() == o.conversation_ids.size() - 1);
    for (const char* section : {"customers", "orders", "conversations"}) {
        std::vector<std::string> ids;
        for (const json& r : part[section]) {
            ids.push_back(r["id"].get<std::string>());
            const auto in_full = std::find_if(full[section].begin(), full[section].end(), [&](const json& f) { return f["id"] == r["id"]; });
            REQUIRE(in_full != full[section].end());
            CHECK(*in_full == r);
        }
        CHECK(std::is_sorted(ids.begin(), ids.end()));
        CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
    }
    const auto has = [&](const char* section, const std::string& id) {
        return std::any_of(part[section].begin(), part[section].end(), [&](const json& r) { return r["id"] == id; });
    };
    CHECK(has("orders", d.store.orders.back().id));
    CHECK(has("customers", d.store.customers.front().id));
    for (const std::string& id : o.conversation_ids) {
        const Conversation* c = d.store.find_conversation(id);
        CHECK(has("customers", c->customer_id));
        if (!c->order_id.empty()) CHECK(has("orders", c->order_id));
    }
}

TEST_CASE("redaction replaces names, e-mails, addresses and phones consistently", "[sync][redact]") {
    Redaction r;
    std::string a = redact_text(r, "Hi, I'm Maria Lopez (maria.lopez@example.com). New address: 742 Maple Ave, Apt 3B, Springfield. "
                                   "Call +1 415 555 2671 or (415) 555-2671.",
                                {"Maria Lopez", "maria.lopez@example.com"});
    for (const char* gone : {"Maria", "Lopez", "maria.lopez", "742 Maple", "415"}) {
        INFO(a);
        CHECK(a.find(gone) == std::string::npos);
    }
    CHECK(a.find("@example.com") != std::string::npos);   // the domain is not personal
    CHECK(redact_name(r, "Maria Lopez") == redact_name(r, "Maria Lopez"));
    CHECK(redact_name(r, "Maria Lopez").substr(0, redact_name(r, "Maria").size()) == redact_name(r, "Maria"));
    CHECK(redact_text(r, "Lindenstrasse 12, Köln", {}) == redact_text(r, "Lindenstrasse 12, Köln", {}));
    CHECK(redact_text(r, "Lindenstrasse 12, Köln", {}).find("Lindenstrasse") == std::string::npos);
    CHECK(redact_text(r, "12 rue des Lilas", {}).find("Lilas") == std::string::npos);
    // Order IDs, tracking numbers and dates are not phone numbers.
    for (const char* kept : {"112-4839201-5583920", "9400111899223197428490", "2026-11-25", "Marianne"}) {
        INFO(kept);
        CHECK(redact_text(r, std::string("order ") + kept + " ok", {"Maria Lopez", ""}).find(kept) != std::string::npos);
    }
    // The whole demo: no customer's name or e-mail survives a redacted export.
    SyncData d = base_data(9);
    ExportOptions o;
    o.redact = true;
    std::string text, err;
    REQUIRE(export_text(d, o, text, err));
    for (const Customer& c : d.store.customers) {
        INFO(c.name);
        CHECK(text.find(c.name) == std::string::npos);
        if (!c.email.empty()) CHECK(text.find(c.email) == std::string::npos);
    }
    ExportFile f;
    ImportError e;
    REQUIRE(parse_export(text, f, e));
    CHECK(f.header.redacted);
    MergeResult m;
    ImportOptions io;
    CHECK_FALSE(import_export(d, text, io, m, e));
    CHECK(e.pointer == "header/redacted");
    io.allow_redacted = true;
    CHECK(import_export(SyncData(), text, io, m, e));
}

TEST_CASE("bad files name pointer, line and column, and change nothing", "[sync][validation]") {
    SyncData d = base_data(6);
    const std::string good = exported(d);
    auto at = [&](const std::string& text, const std::string& needle, size_t from = 0) { return place_of(text, needle, from); };

    SECTION("a bad time") {
        size_t m = good.find("\"at\":\"", good.find("\"messages\":[", good.find("\"conversations\":")));
        std::string bad = good;
        bad.replace(m + 6, 20, "yesterday, 9 o'clock");
        ImportError e = parse_error_of(bad);
        CHECK(e.pointer == "conversations/0/messages/0/at");
        CHECK(e.reason == "not an ISO 8601 time");
        auto lc = at(bad, "\"yesterday");
        CHECK(e.line == lc.first);
        CHECK(e.column == lc.second);
        CHECK(e.message() == "conversations/0/messages/0/at (line " + std::to_string(lc.first) + ", column " +
                                 std::to_string(lc.second) + "): not an ISO 8601 time");
    }
    SECTION("syntax error, truncated file, trailing garbage") {
        std::string bad = good;
        size_t k = bad.find("],\n\"orders\"");
        bad.erase(k + 1, 1);
        ImportError e = parse_error_of(bad);
        CHECK(e.line == at(bad, "\"orders\"").first);
        CHECK(parse_error_of(good.substr(0, good.size() / 2)).reason == "the file ends too early (truncated?)");
        ImportError g = parse_error_of(good + "{}");
        CHECK(g.reason == "unexpected text after the end of the JSON document");
        CHECK(g.line == size_t(std::count(good.begin(), good.end(), '\n')) + 1);
        CHECK(g.column == 1);
    }
    SECTION("invalid UTF-8, BOM, UTF-16") {
        std::string bad = good;
        size_t k = bad.find("\"body\":\"") + 8;
        bad[k + 2] = char(0xFF);
        ImportError e = parse_error_of(bad);
        CHECK(e.reason == "invalid UTF-8 (the file must be UTF-8 text)");
        CHECK(e.pointer == "conversations/0/messages/0/body");
        CHECK(std::make_pair(e.line, e.column) == at(bad, "\xFF"));
        ExportFile f;
        ImportError ok;
        CHECK(parse_export("\xEF\xBB\xBF" + good, f, ok));   // a UTF-8 BOM is skipped
        CHECK(parse_error_of(std::string("\xFF\xFE{\0", 4)).reason.find("UTF-16") != std::string::npos);
    }
    SECTION("duplicate keys and IDs") {
        std::string bad = good;
        bad.replace(bad.find("\"unread\":"), 9, "\"status\":\"closed\",\"status\":");
        ImportError e = parse_error_of(bad);
        CHECK(e.reason == "duplicate key \"status\"");
        CHECK(e.pointer == "conversations/0/status");
        CHECK(std::make_pair(e.line, e.column) == at(bad, "\"closed\",\"status\""));
        std::string dup = good;
        std::string second = d.store.conversations[1].id;   // sorted order: same as the export's
        std::vector<const Conversation*> sorted;
        for (const Conversation& c : d.store.conversations) sorted.push_back(&c);
        std::sort(sorted.begin(), sorted.end(), [](auto* x, auto* y) { return x->id < y->id; });
        dup.replace(dup.find("{\"id\":\"" + sorted[1]->id + "\""), 8 + sorted[1]->id.size(), "{\"id\":\"" + sorted[0]->id + "\"");
        ImportError e2 = parse_error_of(dup);
        INFO(e2.message());
        CHECK(e2.pointer == "conversations/1/id");
        CHECK(e2.reason.find("duplicate id") == 0);
        CHECK(e2.line == at(dup, "\"id\":\"" + sorted[0]->id, dup.find("\"conversations\":")).first + 1);
        std::string dupm = good;
        size_t m2 = dupm.find("-m2\"");
        dupm.replace(m2, 4, "-m1\"");
        ImportError e3 = parse_error_of(dupm);
        CHECK(e3.reason.find("duplicate") == 0);
        CHECK(e3.pointer.find("/messages/1/id") != std::string::npos);
    }
    SECTION("unknown field, wrong type, missing field, unknown value") {
        std::string bad = good;
        bad.replace(bad.find("\"unread\":"), 9, "\"unred\":");
        ImportError e = parse_error_of(bad);
        CHECK(e.pointer == "conversations/0/unred");
        CHECK(e.reason == "unknown field \"unred\"");
        auto key = at(bad, "\"unred\":");
        CHECK(std::make_pair(e.line, e.column) == std::make_pair(key.first, key.second + 8));
        bad = good;
        bad.replace(bad.find("\"amount_cents\":") + 15, 0, "\"12\",\"x\":");
        ImportError ti = parse_error_of(bad);
        CHECK(ti.reason == "not an integer");
        CHECK(ti.pointer == "orders/0/amount_cents");
        CHECK(std::make_pair(ti.line, ti.column) == at(bad, "\"12\",\"x\""));
        bad = good;
        size_t k = bad.find(",\"status\":\"");
        bad.erase(k, bad.find('"', k + 11) + 1 - k);
        ImportError e2 = parse_error_of(bad);
        CHECK(e2.pointer == "conversations/0/status");
        CHECK(e2.reason.find("missing") == 0);
        CHECK(e2.line == at(bad, "\"conversations\":").first + 1);
        bad = good;
        bad.replace(bad.find("\"marketplace\":\"") + 15, 0, "x");
        CHECK(parse_error_of(bad).reason.find("unknown value") == 0);
    }
    SECTION("header: format, version, missing") {
        std::string bad = good;
        bad.replace(bad.find("\"version\":2"), 11, "\"version\":3");
        ImportError e = parse_error_of(bad);
        CHECK(e.pointer == "header/version");
        CHECK(e.reason == "version 3 is not supported (this build reads versions 1 and 2)");
        bad.replace(bad.find("\"version\":3"), 11, "\"version\":0");
        CHECK(parse_error_of(bad).reason == "version 0 is not supported (this build reads versions 1 and 2)");
        CHECK(e.line == 1);
        CHECK(parse_error_of("{\"customers\":[]}").reason.find("missing") == 0);
        CHECK(parse_error_of("[1,2]").reason.find("one JSON object") != std::string::npos);
        CHECK(parse_error_of("").line == 1);
    }
    SECTION("references and stamps") {
        std::string bad = good;
        size_t k = bad.find("\"customer_id\":\"", bad.find("\"conversations\":")) + 15;
        bad.replace(k, 0, "zz");
        ImportError e = parse_error_of(bad);
        CHECK(e.pointer == "conversations/0/customer_id");
        CHECK(e.reason.find("no customer") == 0);
        bad = good;
        bad.replace(bad.find("\"labels\":["), 10, "\"edits\":{\"draft\":{\"hlc\":\"12x\",\"replica\":\"r\"}},\"labels\":[");
        ImportError e2 = parse_error_of(bad);
        CHECK(e2.pointer == "conversations/0/edits/draft/hlc");
        CHECK(e2.reason.find("clock reading") != std::string::npos);
    }
    SECTION("limits: size, depth, string length, record counts") {
        ImportLimits small;
        small.max_bytes = 100;
        ImportError e = parse_error_of(good, small);
        CHECK(e.reason.find("the limit is 100 bytes") != std::string::npos);
        // root, templates, one template: 3 levels; the 30th '[' inside opens level 33.
        std::string deep = "{\"templates\":[{\"body\":" + std::string(40, '[') + std::string(40, ']') + "}]}";
        ImportError e2 = parse_error_of(deep);
        CHECK(e2.reason == "nested deeper than 32 levels (the limit)");
        CHECK(e2.line == 1);
        CHECK(e2.column == deep.find('[', deep.find("body")) + 29 + 1);
        ImportLimits strings;
        strings.max_string_bytes = 40;
        ImportError e3 = parse_error_of(good, strings);
        CHECK(e3.reason.find("a string longer than 40 bytes") == 0);
        CHECK(e3.line >= 1);
        ImportLimits few;
        few.max_conversations = 3;
        ImportError e4 = parse_error_of(good, few);
        CHECK(e4.pointer == "conversations/3");
        CHECK(e4.reason == "more than 3 conversations (the limit)");
        few = ImportLimits();
        few.max_messages = 5;
        CHECK(parse_error_of(good, few).reason == "more than 5 messages in the file (the limit)");
    }
    SECTION("an invalid file leaves the store untouched") {
        std::string bad = good;
        bad.replace(bad.rfind("\"at\":\"") + 6, 4, "20xx");
        MergeResult out;
        out.data.store.customers.push_back({"keep", "me", "", ""});
        ImportError e;
        SyncData local = base_data(7);
        std::string before = exported(local);
        CHECK_FALSE(import_export(local, bad, ImportOptions(), out, e));
        CHECK(exported(local) == before);
        REQUIRE(out.data.store.customers.size() == 1);
        CHECK(out.data.store.customers[0].id == "keep");
        CHECK(import_export(local, good, ImportOptions(), out, e));
        CHECK(out.report.conversations_added + out.report.conversations_updated + out.report.conversations_unchanged == 10);
    }
}

TEST_CASE("templates and SLA settings travel and merge by stamp", "[sync]") {
    SyncData a, b;
    Template t;
    t.id = "thanks";
    t.marketplace = "any";
    t.category = "closing";
    t.title_zh = "感谢";
    t.bodies["en"] = "Thank you for your order.";
    t.stamp = {make_hlc(1795000000000, 0), "ra"};
    a.templates.templates.push_back(t);
    t.bodies["en"] = "Thanks a lot for your order.";
    t.stamp = {make_hlc(1795000005000, 0), "rb"};
    b.templates.templates.push_back(t);
    b.sla.policies[0].name = "Walmart (our own)";
    b.sla_edit.stamp = {make_hlc(1795000005000, 0), "rb"};
    SyncData ab = join(a, b);
    REQUIRE(ab.templates.templates.size() == 1);
    CHECK(ab.templates.templates[0].bodies["en"] == "Thanks a lot for your order.");
    CHECK(ab.sla.policies[0].name == "Walmart (our own)");
    CHECK(exported(ab) == exported(join(b, a)));
    ExportFile f;
    ImportError e;
    REQUIRE(parse_export(exported(ab), f, e));
    CHECK(exported(f.data) == exported(ab));
    std::string bad = exported(ab);
    const std::string title = "\"title_zh\":\"感谢\"";
    bad.replace(bad.find(title), title.size(), "\"title_zh\":\"\"");
    ImportError e2 = parse_error_of(bad);
    INFO(e2.message());
    CHECK(e2.pointer.rfind("templates/0/", 0) == 0);
    std::string twice = exported(ab);
    twice.replace(twice.find("\"category\":"), 11, "\"category\":\"a\",\"category\":");
    CHECK(parse_error_of(twice).reason == "duplicate key \"category\"");
    CHECK(e2.line == size_t(std::count(bad.begin(), bad.begin() + long(bad.find("\"templates\":")), '\n')) + 2);
}

TEST_CASE("an import merged in place can be undone exactly", "[sync]") {
    for (uint64_t iter = 0; iter < 10; ++iter) {
        Rng rng{iter + 100};
        SyncData base = base_data(iter % 3 + 1);
        Replica a{base, "ra"}, b{base_data(iter % 2 + 2), "rb"};
        for (int step = 0; step < 30; ++step) random_edit(step % 2 ? a : b, rng);
        const std::string before = exported(a.data);
        const std::string merged = exported(join(a.data, b.data));
        MergeResult r = finish_merge(begin_merge(std::move(a.data), b.data));
        CHECK(exported(r.data) == merged);
        undo_merge(r.data, std::move(r.undo));
        CHECK(exported(r.data) == before);
    }
}

TEST_CASE("merging in slices gives the same result as in one go", "[sync]") {
    SyncData a = base_data(1), b = base_data(2);
    MergeJob job = begin_merge(a, b);
    size_t steps = 0;
    while (!merge_next(job, 3)) ++steps;
    CHECK(steps >= 3);
    MergeResult sliced = finish_merge(std::move(job));
    CHECK(exported(sliced.data) == exported(join(a, b)));
    CHECK(sliced.report.conversations_added + sliced.report.conversations_updated + sliced.report.conversations_unchanged == 10);
}
