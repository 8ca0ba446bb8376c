// The inbox as CouchDB documents (core/couch_docs.h): the mapping round-trips through the import,
// conflicting leaf revisions merge field by field whatever their order, and bad bodies are named.
#include <catch2/catch.hpp>

#include "core/couch_docs.h"
#include "core/demo.h"
#include "core/export_json.h"
#include "core/handover.h"
#include "core/ops.h"
#include "core/registers.h"
#include "core/timezone.h"

#include <algorithm>
#include <map>

using namespace sd;
using nlohmann::json;

namespace {

const Time kNow = 1795000000;

SyncData demo_data(size_t n) {
    DemoOptions o;
    o.seed = 7;
    o.conversations = int(n);
    o.now = kNow;
    SyncData d;
    d.store = generate_demo(o);
    return d;
}

std::vector<std::string> all_ids(const SyncData& d) {
    std::vector<std::string> ids;
    for (const Conversation& c : d.store.conversations) ids.push_back(c.id);
    return ids;
}

std::string export_of(const SyncData& d) {
    ExportOptions opt;
    opt.exported_at = kNow;
    std::string text, err;
    export_text(d, opt, text, err);
    return text.substr(text.find('\n'));   // without the header line
}

// Imports every text into `into`, one after the other (what the app does with the rounds).
void apply_texts(SyncData& into, const std::vector<std::string>& texts) {
    for (const std::string& t : texts) {
        ExportFile f;
        ImportError e;
        REQUIRE(parse_export(t, f, e));
        if (!f.has_settings) f.data.sla = into.sla;
        into = merge(std::move(into), f.data).data;
    }
}

void edit(SyncData& d, const std::string& id, json op, const std::string& replica, int64_t ms) {
    op["id"] = id;
    op["stamp"] = stamp_to_json(next_stamp(max_hlc(d), ms, replica));
    std::string err;
    REQUIRE(apply_op(d.store, op, err));
}

}  // namespace

TEST_CASE("couch docs: one document per conversation, template and the settings") {
    SyncData d = demo_data(12);
    std::vector<CouchDoc> docs;
    make_docs(d, all_ids(d), true, true, docs);
    REQUIRE(docs.size() == 12 + d.templates.templates.size() + 1);
    CHECK(docs.front().id == "conv:" + d.store.conversations.front().id);
    CHECK(docs.back().id == "settings");
    for (const CouchDoc& doc : docs) {
        REQUIRE(doc_kind_of(doc.id) != nullptr);
        CHECK(doc.body["kind"] == doc_kind_of(doc.id)->kind);
    }
    // The same data gives the same bodies, so the hash says "unchanged".
    std::vector<CouchDoc> again;
    make_docs(d, all_ids(d), true, true, again);
    CHECK(doc_hash(again[3].body) == doc_hash(docs[3].body));
    edit(d, d.store.conversations[3].id, {{"op", "set_draft"}, {"text", "Checking with the courier"}}, "r1", int64_t(kNow) * 1000);
    again.clear();
    make_docs(d, {d.store.conversations[3].id}, false, false, again);
    REQUIRE(again.size() == 1);
    CHECK(doc_hash(again[0].body) != doc_hash(docs[3].body));
    CHECK(doc_kind_of("presence:abc") == nullptr);
    CHECK(doc_kind_of("_design/x") == nullptr);
    CHECK(doc_kind_of("conv:") == nullptr);
}

TEST_CASE("couch docs: documents into an empty inbox give the same export") {
    SyncData d = demo_data(30);
    std::vector<CouchDoc> docs;
    make_docs(d, all_ids(d), true, true, docs);
    // An order no conversation refers to travels on its own.
    Order lone = d.store.orders.front();
    lone.id = "order-without-messages";
    d.store.orders.push_back(lone);
    d.store.reindex();
    const size_t before = docs.size();
    make_orphan_docs(d, docs);
    REQUIRE(docs.size() > before);
    CHECK(std::any_of(docs.begin() + long(before), docs.end(), [](const CouchDoc& x) { return x.id == "order:order-without-messages"; }));
    std::vector<std::string> texts;
    std::string err;
    REQUIRE(docs_to_export_texts(docs, kNow, texts, err));
    CHECK(texts.size() == 1);
    SyncData empty;
    apply_texts(empty, texts);
    CHECK(export_of(empty) == export_of(d));
}

TEST_CASE("couch docs: conflicting leaves merge field by field in any order") {
    SyncData base = demo_data(5);
    const std::string id = base.store.conversations[1].id;
    SyncData a = base, b = base;
    edit(a, id, {{"op", "set_draft"}, {"text", "Refund sent today"}}, "replica-a", int64_t(kNow) * 1000 + 10);
    edit(b, id, {{"op", "assign"}, {"agent", "Lily"}}, "replica-b", int64_t(kNow) * 1000 + 20);
    std::vector<CouchDoc> la, lb;
    make_docs(a, {id}, false, false, la);
    make_docs(b, {id}, false, false, lb);
    la[0].rev = "2-aaa";
    lb[0].rev = "2-bbb";
    CHECK(winning_rev({la[0], lb[0]}) == "2-bbb");
    std::vector<std::string> texts;
    std::string err;
    REQUIRE(docs_to_export_texts({la[0], lb[0]}, kNow, texts, err));
    CHECK(texts.size() == 2);   // two leaves of one doc: two rounds
    SyncData x = base, y = base;
    apply_texts(x, texts);
    apply_texts(y, {texts[1], texts[0]});
    CHECK(export_of(x) == export_of(y));
    const Conversation* c = x.store.find_conversation(id);
    REQUIRE(c);
    CHECK(c->draft == "Refund sent today");
    CHECK(c->assignee == "Lily");
}

TEST_CASE("couch docs: winning revision and generations") {
    CouchDoc a{"conv:x", "3-abc", false, {}}, b{"conv:x", "10-aaa", false, {}}, c{"conv:x", "11-zzz", true, {}};
    CHECK(rev_generation("10-aaa") == 10);
    CHECK(rev_generation("x-1") == 0);
    CHECK(winning_rev({a, b, c}) == "10-aaa");   // a deleted leaf loses to any live one
    CHECK(winning_rev({}) == "");
}

TEST_CASE("couch docs: a body that is not a record is refused by name") {
    SyncData d = demo_data(2);
    std::vector<CouchDoc> docs;
    make_docs(d, all_ids(d), false, false, docs);
    docs[1].rev = "4-ff";
    docs[1].body["conversation"]["id"] = "someone-else";
    std::vector<std::string> texts;
    std::string err;
    CHECK_FALSE(docs_to_export_texts(docs, kNow, texts, err));
    CHECK(err.find(docs[1].id) != std::string::npos);
    CHECK(err.find("4-ff") != std::string::npos);
    // Deleted leaves and other documents carry nothing.
    CouchDoc gone{"conv:zz", "2-a", true, {}}, other{"presence:r1", "1-a", false, {{"agent", "Lily"}}};
    REQUIRE(docs_to_export_texts({gone, other}, kNow, texts, err));
    CHECK(texts.empty());
}

TEST_CASE("couch docs: register entries, handovers and VIP follow-ups travel too") {
    SyncData d = demo_data(60);
    const Conversation* tmall = nullptr;
    for (const Conversation& c : d.store.conversations)
        if (c.marketplace == Marketplace::Tmall && !c.order_id.empty()) tmall = &c;
    REQUIRE(tmall != nullptr);
    RegisterAdd add;
    add.id = "reg-1";
    add.kind = RegisterKind::LostParcel;
    add.conversation_id = tmall->id;
    add.amount_cents = 3500;
    add.text = "parcel lost in transit";
    add.agent = "Lily";
    add.approved_by = "Wang";
    add.at = kNow;
    std::string err;
    REQUIRE(add_register_entry(d.registers, d.store, add, next_stamp(max_hlc(d), int64_t(kNow) * 1000, "r1"), err));
    HandoverInput in{d.store, d.sla, TimeZone(), "Lily", "r1", kNow};
    add_handovers(d.handovers, {make_handover(in, "ho-1", "the Tmall refunds are waiting")});
    json vip = {{"op", "set_vip"}, {"id", tmall->customer_id}, {"vip", true}, {"stamp", stamp_to_json(next_stamp(max_hlc(d), int64_t(kNow) * 1000 + 5, "r1"))}};
    REQUIRE(apply_op(d.store, vip, err));

    std::vector<CouchDoc> docs;
    make_docs(d, all_ids(d), true, true, docs);
    make_orphan_docs(d, docs);
    make_team_docs(d, docs);
    auto has = [&](const std::string& id) { return std::any_of(docs.begin(), docs.end(), [&](const CouchDoc& x) { return x.id == id; }); };
    CHECK(has("reg:reg-1"));
    CHECK(has("handover:ho-1"));
    for (const CouchDoc& doc : docs) CHECK(doc_kind_of(doc.id) != nullptr);
    std::vector<std::string> texts;
    REQUIRE(docs_to_export_texts(docs, kNow, texts, err));
    SyncData empty;
    apply_texts(empty, texts);
    REQUIRE(empty.registers.entries.size() == 1);
    REQUIRE(empty.handovers.size() == 1);
    CHECK(export_of(empty) == export_of(d));   // the VIP flag came inside the conversation's customer
}

TEST_CASE("couch docs: the orders and customers no conversation refers to, with and without the store's index") {
    SyncData d = demo_data(80);
    std::vector<std::string> orders, customers;
    find_orphans(d.store, orders, customers);
    CHECK(orders.empty());   // the demo's orders and customers all have conversations
    CHECK(customers.empty());
    Order lone = d.store.orders[3];
    lone.id = "ord-lone";
    d.store.orders.insert(d.store.orders.begin() + 2, lone);
    Customer alone = d.store.customers[1];
    alone.id = "cu-alone";
    d.store.customers.push_back(alone);
    // A conversation moved to another customer leaves its old customer alone when it had only that one.
    std::map<std::string, int> count;
    for (const Conversation& c : d.store.conversations) ++count[c.customer_id];
    auto single = std::find_if(d.store.conversations.begin(), d.store.conversations.end(), [&](const Conversation& c) { return count[c.customer_id] == 1; });
    REQUIRE(single != d.store.conversations.end());
    const std::string left = single->customer_id;
    single->customer_id = d.store.customers[d.store.customers.front().id == left ? 1 : 0].id;
    d.store.reindex();
    Store unindexed;
    unindexed.orders = d.store.orders;
    unindexed.customers = d.store.customers;
    unindexed.conversations = d.store.conversations;
    for (const Store* s : {&d.store, &unindexed}) {
        orders.clear();
        customers.clear();
        find_orphans(*s, orders, customers);
        CHECK(orders == std::vector<std::string>{"ord-lone"});
        std::sort(customers.begin(), customers.end());
        std::vector<std::string> want = {"cu-alone", left};
        std::sort(want.begin(), want.end());
        CHECK(customers == want);
    }
}
