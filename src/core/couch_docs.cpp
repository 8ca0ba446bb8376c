#include "couch_docs.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <unordered_set>

#include "export_json.h"
#include "handover.h"
#include "registers.h"

using nlohmann::json;

namespace sd {

namespace {

constexpr const char* kConv = "conv:";
constexpr const char* kTpl = "tpl:";
constexpr const char* kSettings = "settings";

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// The export of `data` limited to the conversations asked for, as JSON.
json export_json_of(const SyncData& data, const std::vector<std::string>& ids, bool templates, bool settings) {
    std::vector<std::string> known;
    known.reserve(ids.size());
    for (const std::string& id : ids)
        if (data.store.find_conversation(id)) known.push_back(id);
    ExportOptions opt;
    opt.subset = true;
    opt.conversation_ids = std::move(known);
    opt.templates = templates;
    opt.settings = settings;
    std::string text, error;
    export_text(data, opt, text, error);   // only unknown IDs fail, and there are none
    return json::parse(text);
}

const json* find_by_id(const json& list, const std::string& id) {
    for (const json& r : list)
        if (r.value("id", std::string()) == id) return &r;
    return nullptr;
}

}  // namespace

const std::vector<DocKind>& doc_kinds() {
    static const std::vector<DocKind> kKinds = {
        // prefix   kind            export section
        {kConv,     "conversation", "conversations"},
        {kTpl,      "template",     "templates"},
        {kSettings, "settings",     "settings"},
        {"order:",  "order",        "orders"},
        {"customer:", "customer",   "customers"},
        {"reg:",    "register_entry", "registers"},
        {"handover:", "handover",   "handovers"},
    };
    return kKinds;
}

const DocKind* doc_kind_of(const std::string& doc_id) {
    for (const DocKind& k : doc_kinds()) {
        const bool whole = std::string(k.prefix).back() != ':';
        if (whole ? doc_id == k.prefix : starts_with(doc_id, k.prefix) && doc_id.size() > std::string(k.prefix).size()) return &k;
    }
    return nullptr;
}

void make_docs(const SyncData& data, const std::vector<std::string>& conversation_ids, bool templates, bool settings,
               std::vector<CouchDoc>& out) {
    const json ex = export_json_of(data, conversation_ids, templates, settings);
    for (const json& c : ex["conversations"]) {
        CouchDoc d;
        d.id = kConv + c["id"].get<std::string>();
        const std::string cust = c.value("customer_id", std::string()), order = c.value("order_id", std::string());
        const json* who = cust.empty() ? nullptr : find_by_id(ex["customers"], cust);
        const json* what = order.empty() ? nullptr : find_by_id(ex["orders"], order);
        d.body = {{"kind", "conversation"}, {"conversation", c}, {"customer", who ? *who : json()}, {"order", what ? *what : json()}};
        out.push_back(std::move(d));
    }
    if (templates)
        for (const json& t : ex["templates"]) out.push_back({kTpl + t["id"].get<std::string>(), "", false, {{"kind", "template"}, {"template", t}}});
    if (settings) out.push_back({kSettings, "", false, {{"kind", "settings"}, {"settings", ex["settings"]}}});
}

void find_orphans(const Store& store, std::vector<std::string>& order_ids, std::vector<std::string>& customer_ids) {
    // Marked through the store's own index (no table of 200,000 IDs built per call); a store whose
    // index does not cover its records is looked at through a set of the IDs referred to.
    const bool indexed = store.indexed();
    std::vector<char> order_used(store.orders.size()), customer_used(store.customers.size());
    std::unordered_set<std::string_view> referenced;
    for (const Conversation& c : store.conversations) {
        if (!indexed) {
            referenced.insert(c.order_id);
            referenced.insert(c.customer_id);
        } else {
            if (const Order* o = store.find_order(c.order_id)) order_used[size_t(o - store.orders.data())] = 1;
            if (const Customer* u = store.find_customer(c.customer_id)) customer_used[size_t(u - store.customers.data())] = 1;
        }
    }
    for (size_t i = 0; i < store.orders.size(); ++i)
        if (!(indexed ? order_used[i] : referenced.count(store.orders[i].id))) order_ids.push_back(store.orders[i].id);
    for (size_t i = 0; i < store.customers.size(); ++i)
        if (!(indexed ? customer_used[i] : referenced.count(store.customers[i].id))) customer_ids.push_back(store.customers[i].id);
}

void make_record_docs(const SyncData& data, const std::vector<std::string>& order_ids, const std::vector<std::string>& customer_ids,
                      std::vector<CouchDoc>& out) {
    if (order_ids.empty() && customer_ids.empty()) return;
    ExportOptions opt;
    opt.subset = true;
    opt.templates = opt.settings = false;
    opt.order_ids = order_ids;
    opt.customer_ids = customer_ids;
    std::string text, error;
    export_text(data, opt, text, error);
    const json ex = json::parse(text);
    for (const json& o : ex["orders"]) out.push_back({"order:" + o["id"].get<std::string>(), "", false, {{"kind", "order"}, {"order", o}}});
    for (const json& c : ex["customers"]) out.push_back({"customer:" + c["id"].get<std::string>(), "", false, {{"kind", "customer"}, {"customer", c}}});
}

void make_orphan_docs(const SyncData& data, std::vector<CouchDoc>& out) {
    std::vector<std::string> orders, customers;
    find_orphans(data.store, orders, customers);
    make_record_docs(data, orders, customers, out);
}

void make_team_docs(const SyncData& data, std::vector<CouchDoc>& out) {
    for (const RegisterEntry& e : data.registers.entries)
        out.push_back({"reg:" + e.id, "", false, {{"kind", "register_entry"}, {"register_entry", register_entry_to_json(e)}}});
    for (const Handover& h : data.handovers)
        out.push_back({"handover:" + h.id, "", false, {{"kind", "handover"}, {"handover", handover_to_json(h)}}});
}

uint64_t doc_hash(const json& body) {
    const std::string text = body.dump(-1, ' ', false, json::error_handler_t::replace);
    uint64_t h = 1469598103934665603ull;
    for (unsigned char ch : text) {
        h ^= ch;
        h *= 1099511628211ull;
    }
    return h;
}

int rev_generation(const std::string& rev) {
    const size_t dash = rev.find('-');
    if (dash == std::string::npos || dash == 0 || dash > 9) return 0;
    for (size_t i = 0; i < dash; ++i)
        if (rev[i] < '0' || rev[i] > '9') return 0;
    return std::atoi(rev.substr(0, dash).c_str());
}

std::string winning_rev(const std::vector<CouchDoc>& leaves) {
    const CouchDoc* best = nullptr;
    for (const CouchDoc& d : leaves) {
        if (!best) { best = &d; continue; }
        if (d.deleted != best->deleted) { if (!d.deleted) best = &d; continue; }
        const int g = rev_generation(d.rev), bg = rev_generation(best->rev);
        if (g != bg) { if (g > bg) best = &d; continue; }
        const std::string h = d.rev.substr(d.rev.find('-') + 1), bh = best->rev.substr(best->rev.find('-') + 1);
        if (h > bh) best = &d;
    }
    return best ? best->rev : std::string();
}

namespace {

// One export being filled: the records it holds by ID, so a second copy of a customer or order
// that differs is noticed.
struct Round {
    std::map<std::string, json> customers, orders, conversations, templates, registers, handovers;
    json settings;
    std::unordered_set<std::string> docs;   // doc IDs already in this round
};

bool fits(const std::map<std::string, json>& have, const json& rec) {
    if (rec.is_null()) return true;
    auto it = have.find(rec.value("id", std::string()));
    return it == have.end() || it->second == rec;
}

bool place(Round& r, const CouchDoc& d) {
    if (r.docs.count(d.id)) return false;
    const json& b = d.body;
    const std::string kind = b.value("kind", std::string());
    if (kind == "conversation") {
        if (!fits(r.customers, b["customer"]) || !fits(r.orders, b["order"])) return false;
        if (!b["customer"].is_null()) r.customers[b["customer"]["id"].get<std::string>()] = b["customer"];
        if (!b["order"].is_null()) r.orders[b["order"]["id"].get<std::string>()] = b["order"];
        r.conversations[b["conversation"]["id"].get<std::string>()] = b["conversation"];
    } else if (kind == "template") {
        r.templates[b["template"]["id"].get<std::string>()] = b["template"];
    } else if (kind == "register_entry") {
        r.registers[b[kind]["id"].get<std::string>()] = b[kind];
    } else if (kind == "handover") {
        r.handovers[b[kind]["id"].get<std::string>()] = b[kind];
    } else if (kind == "order" || kind == "customer") {
        std::map<std::string, json>& have = kind == "order" ? r.orders : r.customers;
        if (!fits(have, b[kind])) return false;
        have[b[kind]["id"].get<std::string>()] = b[kind];
    } else {
        r.settings = b["settings"];
    }
    r.docs.insert(d.id);
    return true;
}

// The body has what its kind needs, as the export would have written it (the import checks the rest).
bool body_ok(const CouchDoc& d, std::string& error) {
    const json& b = d.body;
    const DocKind* k = doc_kind_of(d.id);
    auto obj_with_id = [](const json& v) { return v.is_object() && v.contains("id") && v["id"].is_string(); };
    bool ok = b.is_object() && b.value("kind", std::string()) == k->kind;
    if (ok && std::string(k->kind) == "conversation")
        ok = obj_with_id(b.value("conversation", json())) && (b.value("customer", json()).is_null() || obj_with_id(b["customer"])) &&
             (b.value("order", json()).is_null() || obj_with_id(b["order"])) &&
             d.id == kConv + b["conversation"]["id"].get<std::string>();
    if (ok && std::string(k->kind) == "template") ok = obj_with_id(b.value("template", json())) && d.id == kTpl + b["template"]["id"].get<std::string>();
    if (ok && std::string(k->kind) == "settings") ok = b.value("settings", json()).is_object();
    for (const char* rec : {"order", "customer", "register_entry", "handover"})
        if (ok && std::string(k->kind) == rec) ok = obj_with_id(b.value(rec, json())) && d.id == k->prefix + b[rec]["id"].get<std::string>();
    if (!ok) error = "document \"" + d.id + "\" (rev " + d.rev + ") is not a SellerDesk " + k->kind + " record";
    return ok;
}

std::string round_text(const Round& r, Time now) {
    json ex = json::parse([&] {
        std::string header, err;
        ExportOptions opt;
        opt.subset = true;
        opt.templates = false;
        opt.settings = false;
        opt.exported_at = now;
        opt.replica = "couchdb";
        export_text(SyncData(), opt, header, err);
        return header;
    }());
    auto list = [](const std::map<std::string, json>& m) {
        json a = json::array();
        for (const auto& [id, rec] : m) a.push_back(rec);
        return a;
    };
    ex["customers"] = list(r.customers);
    ex["orders"] = list(r.orders);
    ex["conversations"] = list(r.conversations);
    if (!r.templates.empty()) ex["templates"] = list(r.templates);
    if (!r.registers.empty()) ex["registers"] = list(r.registers);
    if (!r.handovers.empty()) ex["handovers"] = list(r.handovers);
    if (!r.settings.is_null()) ex["settings"] = r.settings;
    return ex.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

bool docs_to_export_texts(const std::vector<CouchDoc>& docs, Time now, std::vector<std::string>& out, std::string& error) {
    std::vector<Round> rounds;   // nothing reaches `out` before every document was checked
    for (const CouchDoc& d : docs) {
        if (d.deleted || !doc_kind_of(d.id)) continue;
        if (!body_ok(d, error)) return false;
        size_t i = 0;
        while (i < rounds.size() && !place(rounds[i], d)) ++i;
        if (i == rounds.size()) {
            rounds.emplace_back();
            place(rounds.back(), d);
        }
    }
    out.clear();
    for (const Round& r : rounds) out.push_back(round_text(r, now));
    return true;
}

}  // namespace sd
