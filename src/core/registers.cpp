// Tmall registers (registers.h).
#include "registers.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "csv_table.h"
#include "ops.h"
#include "time.h"

namespace sd {

using nlohmann::json;

namespace {

const char* const kKindNames[] = {"wrong_shipment", "lost_parcel"};
const char* const kStatusNames[] = {"open", "reshipped", "compensated", "closed"};

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

// The fields that never change, as one text (the status and its stamp left out).
std::string fixed_content(const RegisterEntry& e) {
    json j = register_entry_to_json(e);
    j.erase("status");
    j.erase("status_edit");
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// `theirs` replaces the fixed fields of `mine` (content_wins, as the merge does for orders).
bool fixed_content_wins(const RegisterEntry& theirs, const RegisterEntry& mine) {
    return content_wins(fixed_content(mine), fixed_content(theirs));
}

// The status register: the later stamp, then the later status, then the later `replaced`.
bool status_wins(const RegisterEntry& a, const RegisterEntry& b) {
    int c = compare(a.status_edit.stamp, b.status_edit.stamp);
    if (c != 0) return c > 0;
    if (a.status != b.status) return a.status > b.status;
    return a.status_edit.replaced > b.status_edit.replaced;
}

json edit_to_json(const Edit& e) {
    json j = stamp_to_json(e.stamp);
    if (e.replaced) j["replaced"] = hlc_to_string(e.replaced);
    return j;
}

bool edit_from_json(const json& j, Edit& out, std::string& field, std::string& why) {
    if (!j.is_object()) return field = "status_edit", why = "not an object", false;
    for (auto it = j.begin(); it != j.end(); ++it)
        if (it.key() != "hlc" && it.key() != "replica" && it.key() != "replaced")
            return field = "status_edit/" + it.key(), why = "unknown field", false;
    json stamp = j;
    stamp.erase("replaced");
    if (!stamp_from_json(stamp, out.stamp, why)) return field = "status_edit", false;
    out.replaced = 0;
    if (j.contains("replaced") && (!j["replaced"].is_string() || !parse_hlc(j["replaced"].get<std::string>(), out.replaced)))
        return field = "status_edit/replaced", why = "not an HLC reading (a decimal string)", false;
    return true;
}

}  // namespace

const char* to_string(RegisterKind k) { return kKindNames[int(k)]; }
const char* to_string(RegisterStatus s) { return kStatusNames[int(s)]; }
bool parse(std::string_view s, RegisterKind& out) { return parse_enum_name(s, kKindNames, out); }
bool parse(std::string_view s, RegisterStatus& out) { return parse_enum_name(s, kStatusNames, out); }

const RegisterEntry* Registers::find(std::string_view id) const {
    for (const RegisterEntry& e : entries)
        if (e.id == id) return &e;
    return nullptr;
}

std::string register_entry_problem(const RegisterEntry& e) {
    if (blank(e.id)) return "the entry needs an ID";
    if (blank(e.conversation_id)) return "the entry needs a conversation";
    if (blank(e.text)) return "say what was wrong or lost (the text is empty)";
    if (e.text.size() > kMaxRegisterText) return "the text is longer than " + std::to_string(kMaxRegisterText) + " bytes";
    if (blank(e.agent) || e.agent.size() > kMaxRegisterName) return "the agent's name is missing or too long";
    if (e.approved_by.size() > kMaxRegisterName) return "the supervisor's name is longer than " + std::to_string(kMaxRegisterName) + " bytes";
    if (e.amount_cents < 0) return "the amount cannot be negative";
    if (e.amount_cents > kMaxRegisterCents)
        return "the amount " + format_yuan(e.amount_cents) + " yuan is above " + format_yuan(kMaxRegisterCents) + " yuan: check it";
    if (e.amount_cents > kSelfApprovedCents) {
        if (blank(e.approved_by))
            return "an amount over " + format_yuan(kSelfApprovedCents) + " yuan (" + format_yuan(e.amount_cents) +
                   ") needs a supervisor's approval: give the supervisor's name in approved_by";
        if (e.approved_by == e.agent) return "the supervisor who approves an amount over 20.00 yuan must be someone other than the agent";
    }
    return "";
}

std::string register_product(const Order& order) { return order.sku.empty() ? order.item : order.sku; }

bool add_register_entry(Registers& regs, const Store& store, const RegisterAdd& add, const Stamp& stamp, std::string& error) {
    const Conversation* c = store.find_conversation(add.conversation_id);
    if (!c) return error = "no conversation \"" + add.conversation_id + "\"", false;
    if (c->marketplace != Marketplace::Tmall)
        return error = std::string("registers are kept for Tmall orders; \"") + c->id + "\" is a " + display_name(c->marketplace) +
                       " conversation", false;
    const Order* o = c->order_id.empty() ? nullptr : store.find_order(c->order_id);
    if (!o) return error = "conversation \"" + c->id + "\" has no order to register", false;
    if (regs.find(add.id)) return error = "an entry \"" + add.id + "\" exists already", false;
    RegisterEntry e;
    e.id = add.id;
    e.kind = add.kind;
    e.conversation_id = c->id;
    e.order_id = o->id;
    e.product = register_product(*o);
    e.text = add.text;
    e.amount_cents = add.amount_cents;
    e.agent = add.agent;
    e.at = add.at;
    e.approved_by = add.approved_by;
    error = register_entry_problem(e);
    if (!error.empty()) return false;
    record_edit(e.status_edit, stamp);
    regs.entries.push_back(std::move(e));
    return true;
}

bool set_register_status(Registers& regs, std::string_view entry_id, RegisterStatus status, const Stamp& stamp, std::string& error) {
    for (RegisterEntry& e : regs.entries)
        if (e.id == entry_id) {
            if (e.status == status) return true;
            e.status = status;
            record_edit(e.status_edit, stamp);
            return true;
        }
    error = "no register entry \"" + std::string(entry_id) + "\"";
    return false;
}

std::vector<const RegisterEntry*> register_entries(const Registers& regs, RegisterKind kind) {
    std::vector<const RegisterEntry*> out;
    for (const RegisterEntry& e : regs.entries)
        if (e.kind == kind) out.push_back(&e);
    std::sort(out.begin(), out.end(), [](const RegisterEntry* a, const RegisterEntry* b) {
        return a->at != b->at ? a->at < b->at : a->id < b->id;
    });
    return out;
}

RegisterTotals register_totals(const Registers& regs, RegisterKind kind) {
    RegisterTotals t;
    std::map<std::string, ProductCount> products;
    std::map<std::string, std::set<std::string>> conversations;
    for (const RegisterEntry& e : regs.entries) {
        if (e.kind != kind) continue;
        ++t.count;
        t.total_cents += e.amount_cents;
        ++t.by_status[int(e.status)];
        t.cents_by_status[int(e.status)] += e.amount_cents;
        ProductCount& p = products[e.product];
        p.product = e.product;
        ++p.count;
        p.cents += e.amount_cents;
        conversations[e.product].insert(e.conversation_id);
    }
    for (auto& [name, p] : products) {
        p.conversations = conversations[name].size();
        t.by_product.push_back(p);
    }
    std::stable_sort(t.by_product.begin(), t.by_product.end(),
                     [](const ProductCount& a, const ProductCount& b) { return a.count > b.count; });
    return t;
}

std::string format_yuan(int64_t cents) {
    char buf[32];
    const char* sign = cents < 0 ? "-" : "";
    uint64_t v = cents < 0 ? uint64_t(-(cents + 1)) + 1 : uint64_t(cents);
    std::snprintf(buf, sizeof buf, "%s%llu.%02llu", sign, (unsigned long long)(v / 100), (unsigned long long)(v % 100));
    return buf;
}

bool parse_yuan(std::string_view text, int64_t& cents) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    size_t dot = text.find('.');
    std::string_view whole = text.substr(0, dot), frac = dot == std::string_view::npos ? "" : text.substr(dot + 1);
    if (whole.empty() || whole.size() > 9 || frac.size() > 2 || (dot != std::string_view::npos && frac.empty())) return false;
    int64_t v = 0;
    for (char ch : whole) {
        if (ch < '0' || ch > '9') return false;
        v = v * 10 + (ch - '0');
    }
    int64_t f = 0;
    for (size_t i = 0; i < 2; ++i) {
        char ch = i < frac.size() ? frac[i] : '0';
        if (ch < '0' || ch > '9') return false;
        f = f * 10 + (ch - '0');
    }
    cents = v * 100 + f;
    return true;
}

std::string register_csv(const Registers& regs, RegisterKind kind) {
    CsvTable t;
    t.header = {"entry_id", "date", "conversation_id", "order_id", "product", "what", "amount_yuan", "agent", "approved_by", "status"};
    for (const RegisterEntry* e : register_entries(regs, kind))
        t.rows.push_back({e->id, format_iso8601(e->at), e->conversation_id, e->order_id, e->product, e->text, format_yuan(e->amount_cents),
                          e->agent, e->approved_by, to_string(e->status)});
    return csv_text(t);
}

std::string register_csv_name(RegisterKind kind, Time now) {
    CivilTime ct = to_civil(now);
    char name[80];
    std::snprintf(name, sizeof name, "sellerdesk-%s-%04d%02d%02d.csv", to_string(kind), ct.year, ct.month, ct.day);
    return name;
}

json register_entry_to_json(const RegisterEntry& e) {
    json j = {{"id", e.id},
              {"register", to_string(e.kind)},
              {"conversation_id", e.conversation_id},
              {"order_id", e.order_id},
              {"product", e.product},
              {"text", e.text},
              {"amount_cents", e.amount_cents},
              {"agent", e.agent},
              {"at", format_iso8601(e.at)},
              {"approved_by", e.approved_by},
              {"status", to_string(e.status)}};
    if (!e.status_edit.zero()) j["status_edit"] = edit_to_json(e.status_edit);
    return j;
}

json registers_to_json(const Registers& regs) {
    std::vector<const RegisterEntry*> sorted;
    for (const RegisterEntry& e : regs.entries) sorted.push_back(&e);
    std::sort(sorted.begin(), sorted.end(), [](const RegisterEntry* a, const RegisterEntry* b) { return a->id < b->id; });
    json list = json::array();
    for (const RegisterEntry* e : sorted) list.push_back(register_entry_to_json(*e));
    return list;
}

namespace {

bool string_field(const json& j, const char* name, std::string& out, std::string& field, std::string& why, bool required = true) {
    if (!j.contains(name)) {
        if (!required) return true;
        return field = name, why = "missing", false;
    }
    if (!j[name].is_string()) return field = name, why = "not a string", false;
    out = j[name].get<std::string>();
    return true;
}

bool entry_from_json(const json& j, RegisterEntry& e, std::string& field, std::string& why) {
    static const std::set<std::string> kKnown = {"id", "register", "conversation_id", "order_id", "product", "text", "amount_cents",
                                                 "agent", "at", "approved_by", "status", "status_edit"};
    if (!j.is_object()) return why = "not an object", false;
    for (auto it = j.begin(); it != j.end(); ++it)
        if (!kKnown.count(it.key())) return field = it.key(), why = "unknown field", false;
    std::string kind, status = "open", at;
    if (!string_field(j, "id", e.id, field, why) || !string_field(j, "register", kind, field, why) ||
        !string_field(j, "conversation_id", e.conversation_id, field, why) || !string_field(j, "order_id", e.order_id, field, why) ||
        !string_field(j, "product", e.product, field, why) || !string_field(j, "text", e.text, field, why) ||
        !string_field(j, "agent", e.agent, field, why) || !string_field(j, "at", at, field, why) ||
        !string_field(j, "approved_by", e.approved_by, field, why, false) || !string_field(j, "status", status, field, why, false))
        return false;
    if (!parse(kind, e.kind)) return field = "register", why = "unknown register \"" + kind + "\" (wrong_shipment or lost_parcel)", false;
    if (!parse(status, e.status)) return field = "status", why = "unknown status \"" + status + "\"", false;
    if (!parse_iso8601(at, e.at)) return field = "at", why = "not an ISO 8601 time", false;
    if (!j.contains("amount_cents")) return field = "amount_cents", why = "missing", false;
    if (!j["amount_cents"].is_number_integer()) return field = "amount_cents", why = "not a whole number of fen", false;
    e.amount_cents = j["amount_cents"].get<int64_t>();
    if (j.contains("status_edit") && !edit_from_json(j["status_edit"], e.status_edit, field, why)) return false;
    why = register_entry_problem(e);
    if (!why.empty()) return field = "", false;
    return true;
}

}  // namespace

bool registers_from_json(const json& list, Registers& out, std::string& pointer, std::string& reason) {
    if (!list.is_array()) return pointer = "", reason = "not a list of register entries", false;
    Registers regs;
    std::map<std::string, size_t> seen;
    for (size_t i = 0; i < list.size(); ++i) {
        RegisterEntry e;
        std::string field;
        if (!entry_from_json(list[i], e, field, reason))
            return pointer = std::to_string(i) + (field.empty() ? "" : "/" + field), false;
        auto r = seen.emplace(e.id, i);
        if (!r.second)
            return pointer = std::to_string(i) + "/id",
                   reason = "duplicate id \"" + e.id + "\" (first at " + std::to_string(r.first->second) + ")", false;
        regs.entries.push_back(std::move(e));
    }
    out = std::move(regs);
    return true;
}

RegisterMergeCount merge_registers(Registers& into, const Registers& from) {
    RegisterMergeCount n;
    std::map<std::string, size_t> at;
    for (size_t i = 0; i < into.entries.size(); ++i) at.emplace(into.entries[i].id, i);
    for (const RegisterEntry& theirs : from.entries) {
        auto it = at.find(theirs.id);
        if (it == at.end()) {
            at.emplace(theirs.id, into.entries.size());
            into.entries.push_back(theirs);
            ++n.added;
            continue;
        }
        RegisterEntry& mine = into.entries[it->second];
        bool changed = false;
        if (fixed_content_wins(theirs, mine)) {
            RegisterStatus s = mine.status;
            Edit se = mine.status_edit;
            mine = theirs;
            mine.status = s;
            mine.status_edit = se;
            changed = true;
        }
        if (status_wins(theirs, mine)) {
            mine.status = theirs.status;
            mine.status_edit = theirs.status_edit;
            changed = true;
        }
        if (changed) ++n.updated;
    }
    return n;
}

int64_t max_hlc(const Registers& regs) {
    int64_t m = 0;
    for (const RegisterEntry& e : regs.entries) m = std::max(m, e.status_edit.stamp.hlc);
    return m;
}

}  // namespace sd
