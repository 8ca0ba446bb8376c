#include "ops.h"

#include <algorithm>

#include "handover.h"
#include "time.h"

namespace sd {

using nlohmann::json;

bool has_seller_answer(const Conversation& c) {
    for (const Message& m : c.messages)
        if (m.direction == Direction::Outbound && m.delivery == Delivery::Sent && !m.auto_reply) return true;
    return false;
}

std::string spam_refusal(const Conversation& c) {
    if (c.kind != ConversationKind::PreSale || !c.order_id.empty())
        return "order-related messages can't be flagged as spam; only pre-sale messages can";
    if (has_seller_answer(c)) return "this message has already been answered; only unanswered messages can be flagged as spam";
    return {};
}

bool union_defects(std::vector<Defect>& into, const std::vector<Defect>& more) {
    auto less = [](const Defect& a, const Defect& b) { return a.at != b.at ? a.at < b.at : a.kind < b.kind; };
    auto same = [](const Defect& a, const Defect& b) { return a.at == b.at && a.kind == b.kind; };
    std::vector<Defect> all = into;
    all.insert(all.end(), more.begin(), more.end());
    std::sort(all.begin(), all.end(), less);
    all.erase(std::unique(all.begin(), all.end(), same), all.end());
    const bool changed = all.size() != into.size() || !std::equal(all.begin(), all.end(), into.begin(), same);
    into = std::move(all);
    return changed;
}

namespace {

bool get_string(const json& op, const char* key, std::string& out, std::string& error) {
    auto it = op.find(key);
    if (it == op.end() || !it->is_string()) {
        error = std::string("\"") + key + "\" must be a string";
        return false;
    }
    out = it->get<std::string>();
    return true;
}

bool get_time(const json& op, const char* key, Time& out, std::string& error) {
    std::string s;
    if (!get_string(op, key, s, error)) return false;
    if (!parse_iso8601(s, out)) {
        error = std::string("\"") + key + "\" is not an ISO 8601 time: " + s;
        return false;
    }
    return true;
}

bool get_string_list(const json& op, const char* key, std::vector<std::string>& out, std::string& error) {
    auto it = op.find(key);
    if (it == op.end() || it->is_null()) return true;
    if (!it->is_array()) {
        error = std::string("\"") + key + "\" must be a list of strings";
        return false;
    }
    for (const json& v : *it) {
        if (!v.is_string() || v.get_ref<const std::string&>().empty()) {
            error = std::string("\"") + key + "\" must be a list of non-empty strings";
            return false;
        }
        out.push_back(v.get<std::string>());
    }
    return true;
}

void remove_label(Conversation& c, const std::string& label) {
    c.labels.erase(std::remove(c.labels.begin(), c.labels.end(), label), c.labels.end());
}

// Records a stamped add or remove of one label (kept sorted by label).
void record_label(Conversation& c, const std::string& label, const Stamp& s) {
    if (s.zero()) return;
    std::vector<LabelEdit>& v = c.edits.labels;
    auto it = std::lower_bound(v.begin(), v.end(), label, [](const LabelEdit& e, const std::string& l) { return e.label < l; });
    if (it == v.end() || it->label != label) it = v.insert(it, LabelEdit{label, Edit()});
    record_edit(it->edit, s);
}

void add_tombstone(std::vector<Tombstone>& v, const std::string& id, const Stamp& s) {
    auto it = std::lower_bound(v.begin(), v.end(), id, [](const Tombstone& t, const std::string& x) { return t.id < x; });
    if (it != v.end() && it->id == id) {
        if (it->stamp < s) it->stamp = s;
        return;
    }
    v.insert(it, Tombstone{id, s});
}

// The spam register's own value: the flag, including one the answered rule suppresses.
void set_spam_register(Conversation& c, SpamReason r, const Stamp& s) {
    c.spam = r;
    c.edits.suppressed_spam = SpamReason::None;
    record_edit(c.edits.spam, s);
}

bool message_id_taken(const Conversation& c, const std::string& id) {
    for (const Message& m : c.messages)
        if (m.id == id) return true;
    return false;
}

// A buyer's message typed in by hand (it came by phone, chat or another tool): a new conversation
// with it, its customer and its order made when the inbox has none under their IDs. The SLA clock
// starts at the message's time.
bool buyer_conversation(Store& store, const json& op, const std::string& id, std::string& error) {
    Conversation c;
    c.id = id;
    std::string market, name;
    Message m;
    if (!get_string(op, "marketplace", market, error) || !get_string(op, "order_id", c.order_id, error) ||
        !get_string(op, "customer_id", c.customer_id, error) || !get_string(op, "customer_name", name, error) ||
        !get_string(op, "subject", c.subject, error) || !get_string(op, "message_id", m.id, error) ||
        !get_string(op, "text", m.body, error) || !get_time(op, "at", m.at, error))
        return false;
    if (!parse(market, c.marketplace)) {
        error = "unknown marketplace \"" + market + "\"";
        return false;
    }
    if (name.find_first_not_of(" \t") == std::string::npos) {
        error = "the customer's name is empty";
        return false;
    }
    if (c.subject.find_first_not_of(" \t") == std::string::npos) {
        error = "the subject is empty";
        return false;
    }
    if (m.body.find_first_not_of(" \t\r\n") == std::string::npos) {
        error = "the buyer's message is empty";
        return false;
    }
    if (!store.find_customer(c.customer_id)) store.customers.push_back(Customer{c.customer_id, name, op.value("customer_email", std::string()), ""});
    if (!c.order_id.empty() && !store.find_order(c.order_id)) {
        Order o;
        o.id = c.order_id;
        store.orders.push_back(std::move(o));
    }
    m.direction = Direction::Inbound;
    m.role = AuthorRole::Customer;
    m.author = name;
    c.kind = c.order_id.empty() ? ConversationKind::PreSale : ConversationKind::PostSale;
    c.opened_at = m.at;
    c.unread = true;
    c.status = Status::AwaitingSeller;
    if (c.marketplace == Marketplace::Walmart) c.labels.emplace_back(labels::kResponseNeeded);
    if (c.marketplace == Marketplace::Ebay) c.folder = EbayFolder::FromMembers;
    c.messages.push_back(std::move(m));
    store.conversations.push_back(std::move(c));
    store.reindex();
    return true;
}

// A proactive message from the seller about an order (Walmart allows them): a new conversation
// with the order's customer, empty until the first reply is recorded.
bool new_conversation(Store& store, const json& op, const std::string& id, std::string& error) {
    if (store.find_conversation(id)) {
        error = "conversation \"" + id + "\" already exists";
        return false;
    }
    if (op.contains("message_id")) return buyer_conversation(store, op, id, error);
    Conversation c;
    c.id = id;
    std::string market;
    if (!get_string(op, "marketplace", market, error) || !get_string(op, "order_id", c.order_id, error) ||
        !get_string(op, "customer_id", c.customer_id, error) || !get_string(op, "subject", c.subject, error) ||
        !get_time(op, "at", c.opened_at, error))
        return false;
    if (!parse(market, c.marketplace)) {
        error = "unknown marketplace \"" + market + "\"";
        return false;
    }
    if (!store.find_order(c.order_id)) {
        error = "no order \"" + c.order_id + "\": a new message is always about an order";
        return false;
    }
    if (!store.find_customer(c.customer_id)) {
        error = "no customer \"" + c.customer_id + "\"";
        return false;
    }
    if (c.subject.find_first_not_of(" \t") == std::string::npos) {
        error = "the subject is empty";
        return false;
    }
    c.kind = ConversationKind::PostSale;
    c.unread = false;
    store.conversations.push_back(std::move(c));
    store.reindex();
    return true;
}

}  // namespace

json stamp_to_json(const Stamp& s) { return {{"hlc", hlc_to_string(s.hlc)}, {"replica", s.replica}}; }

bool stamp_from_json(const json& j, Stamp& out, std::string& error) {
    if (!j.is_object() || !j.contains("hlc") || !j.contains("replica") || j.size() != 2) {
        error = "\"stamp\" must be {\"hlc\": \"<decimal>\", \"replica\": \"<replica ID>\"}";
        return false;
    }
    const json& h = j["hlc"];
    const json& r = j["replica"];
    Stamp s;
    if (!h.is_string() || !parse_hlc(h.get_ref<const std::string&>(), s.hlc) || s.hlc == 0) {
        error = "\"stamp\": \"hlc\" must be a positive decimal number written as a string (a JSON number would lose digits)";
        return false;
    }
    if (!r.is_string() || r.get_ref<const std::string&>().empty()) {
        error = "\"stamp\": \"replica\" must be a non-empty string";
        return false;
    }
    s.replica = r.get<std::string>();
    out = std::move(s);
    return true;
}

int64_t max_hlc(const Store& store) {
    int64_t m = 0;
    auto see = [&](const Edit& e) { m = std::max(m, e.stamp.hlc); };
    for (const Customer& c : store.customers) see(c.vip_edit), see(c.follow_up_edit);
    for (const Conversation& c : store.conversations) {
        const ConversationEdits& e = c.edits;
        for (const Edit* x : {&e.unread, &e.status, &e.spam, &e.assignee, &e.draft}) see(*x);
        for (const LabelEdit& l : e.labels) see(l.edit);
        for (const Tombstone& t : e.deleted_remarks) m = std::max(m, t.stamp.hlc);
        for (const Tombstone& t : e.deleted_notes) m = std::max(m, t.stamp.hlc);
        for (const Message& x : c.messages) see(x.delivery_edit);
        for (const Remark& x : c.remarks) see(x.edit);
        for (const Note& x : c.notes) see(x.edit);
    }
    return m;
}

void apply_spam_rule(Conversation& c) {
    if (has_seller_answer(c)) {
        if (c.spam != SpamReason::None) {
            c.edits.suppressed_spam = c.spam;
            c.spam = SpamReason::None;
        }
    } else if (c.edits.suppressed_spam != SpamReason::None) {
        c.spam = c.edits.suppressed_spam;
        c.edits.suppressed_spam = SpamReason::None;
    }
}

namespace {

// What an op handler works on. `c` is the op's conversation, looked up before the handler runs
// (null only for an op that creates one).
struct OpContext {
    Store& store;
    const json& op;
    const std::string& id;
    const Stamp& stamp;   // zero: an unstamped op records nothing
    std::string& error;
    Conversation* c = nullptr;
};

bool op_new_conversation(OpContext& x) {
    // The conversation itself merges as a record (union by ID); its read state is an edit.
    if (!new_conversation(x.store, x.op, x.id, x.error)) return false;
    record_edit(x.store.conversations.back().edits.unread, x.stamp);
    return true;
}

bool op_set_unread(OpContext& x) {
    auto it = x.op.find("unread");
    if (it == x.op.end() || !it->is_boolean()) {
        x.error = "\"unread\" must be true or false";
        return false;
    }
    x.c->unread = it->get<bool>();
    record_edit(x.c->edits.unread, x.stamp);
    return true;
}

bool op_reply(OpContext& x) {
    Conversation& c = *x.c;
    const json& op = x.op;
    Message m;
    if (!get_string(op, "message_id", m.id, x.error) || !get_string(op, "text", m.body, x.error) ||
        !get_string(op, "author", m.author, x.error) || !get_time(op, "at", m.at, x.error))
        return false;
    if (op.contains("delivery") && (!op["delivery"].is_string() || !parse(op["delivery"].get<std::string>(), m.delivery))) {
        x.error = "\"delivery\" must be \"sent\" or \"failed\"";
        return false;
    }
    if (m.body.find_first_not_of(" \t\r\n") == std::string::npos) {
        x.error = "the reply is empty";
        return false;
    }
    if (message_id_taken(c, m.id)) {
        x.error = "message id \"" + m.id + "\" already exists";
        return false;
    }
    m.direction = Direction::Outbound;
    m.role = AuthorRole::Agent;
    m.auto_reply = op.value("auto_reply", false);
    m.override_checks = op.value("override_checks", false);
    record_edit(m.delivery_edit, x.stamp);
    // Keep the thread in time order even if the clock was set back in a demo.
    auto pos = std::upper_bound(c.messages.begin(), c.messages.end(), m.at, [](Time t, const Message& y) { return t < y.at; });
    const bool answer = m.delivery == Delivery::Sent && !m.auto_reply;
    c.messages.insert(pos, std::move(m));
    c.unread = false;
    record_edit(c.edits.unread, x.stamp);
    if (answer) {
        set_spam_register(c, SpamReason::None, x.stamp);   // Walmart: answering a flagged message returns it to All
        c.status = Status::AwaitingCustomer;
        c.closed_at = kNoTime;   // an answer reopens a closed conversation
        record_edit(c.edits.status, x.stamp);
        c.draft.clear();
        record_edit(c.edits.draft, x.stamp);
        remove_label(c, labels::kResponseNeeded);
        record_label(c, labels::kResponseNeeded, x.stamp);
    }
    return true;
}

// A buyer's message that arrived elsewhere (phone, chat, another tool), recorded by hand: the
// conversation waits for the seller again, from the message's time.
bool op_add_message(OpContext& x) {
    Conversation& c = *x.c;
    Message m;
    if (!get_string(x.op, "message_id", m.id, x.error) || !get_string(x.op, "text", m.body, x.error) ||
        !get_string(x.op, "author", m.author, x.error) || !get_time(x.op, "at", m.at, x.error))
        return false;
    if (m.body.find_first_not_of(" \t\r\n") == std::string::npos) {
        x.error = "the message is empty";
        return false;
    }
    if (message_id_taken(c, m.id)) {
        x.error = "message id \"" + m.id + "\" already exists";
        return false;
    }
    m.direction = Direction::Inbound;
    m.role = AuthorRole::Customer;
    auto pos = std::upper_bound(c.messages.begin(), c.messages.end(), m.at, [](Time t, const Message& y) { return t < y.at; });
    const bool newest = pos == c.messages.end();
    c.messages.insert(pos, std::move(m));
    c.unread = true;
    record_edit(c.edits.unread, x.stamp);
    // An older message slipped in under a later answer does not reopen the thread.
    if (newest && c.status != Status::AwaitingSeller) {
        c.status = Status::AwaitingSeller;
        record_edit(c.edits.status, x.stamp);
    }
    if (newest && c.marketplace == Marketplace::Walmart && !c.has_label(labels::kResponseNeeded)) {
        c.labels.emplace_back(labels::kResponseNeeded);
        record_label(c, labels::kResponseNeeded, x.stamp);
    }
    return true;
}

// Replies written to an outbox file: marked so the next outbox leaves them out.
bool op_mark_exported(OpContext& x) {
    std::vector<std::string> ids;
    if (!get_string_list(x.op, "message_ids", ids, x.error)) return false;
    for (const std::string& mid : ids) {
        bool found = false;
        for (const Message& m : x.c->messages) found = found || (m.id == mid && m.direction == Direction::Outbound);
        if (!found) {
            x.error = "no reply \"" + mid + "\" in " + x.id;
            return false;
        }
    }
    for (Message& m : x.c->messages)
        if (std::find(ids.begin(), ids.end(), m.id) != ids.end()) m.exported = true;
    return true;
}

bool op_labels(OpContext& x) {
    std::vector<std::string> add, remove;
    if (!get_string_list(x.op, "add", add, x.error) || !get_string_list(x.op, "remove", remove, x.error)) return false;
    for (const std::string& l : remove) {
        remove_label(*x.c, l);
        record_label(*x.c, l, x.stamp);
    }
    for (const std::string& l : add) {
        if (!x.c->has_label(l)) x.c->labels.push_back(l);
        record_label(*x.c, l, x.stamp);
    }
    return true;
}

bool op_flag_spam(OpContext& x) {
    std::string reason;
    SpamReason r = SpamReason::None;
    if (!get_string(x.op, "reason", reason, x.error)) return false;
    if (!parse(reason, r) || r == SpamReason::None) {
        x.error = "a spam flag needs a reason: spam, fraud or inappropriate";
        return false;
    }
    std::string why = spam_refusal(*x.c);
    if (!why.empty()) {
        x.error = why;
        return false;
    }
    set_spam_register(*x.c, r, x.stamp);
    return true;
}

bool op_unflag_spam(OpContext& x) {
    set_spam_register(*x.c, SpamReason::None, x.stamp);
    return true;
}

bool op_set_status(OpContext& x) {
    std::string s;
    Status st;
    if (!get_string(x.op, "status", s, x.error)) return false;
    if (!parse(s, st)) {
        x.error = "unknown status \"" + s + "\" (awaiting_seller, awaiting_customer or closed)";
        return false;
    }
    // Closing stamps the time it happened (the op's own `at`, so a replay gives the same store); a
    // journal written before ops carried it closes at an unknown time. Closing what is closed keeps
    // the first time; any other status reopens it.
    Time at = kNoTime;
    if (x.op.contains("at") && !get_time(x.op, "at", at, x.error)) return false;
    if (st != Status::Closed) x.c->closed_at = kNoTime;
    else if (x.c->status != Status::Closed || x.c->closed_at == kNoTime) x.c->closed_at = at;
    x.c->status = st;
    record_edit(x.c->edits.status, x.stamp);
    return true;
}

bool op_assign(OpContext& x) {
    if (!get_string(x.op, "agent", x.c->assignee, x.error)) return false;
    record_edit(x.c->edits.assignee, x.stamp);
    return true;
}

bool op_set_draft(OpContext& x) {
    if (!get_string(x.op, "text", x.c->draft, x.error)) return false;
    record_edit(x.c->edits.draft, x.stamp);
    return true;
}

bool op_set_delivery(OpContext& x) {
    Conversation& c = *x.c;
    std::string mid, d;
    Delivery del;
    if (!get_string(x.op, "message_id", mid, x.error) || !get_string(x.op, "delivery", d, x.error)) return false;
    if (!parse(d, del)) {
        x.error = "\"delivery\" must be \"sent\" or \"failed\"";
        return false;
    }
    for (Message& m : c.messages) {
        if (m.id != mid) continue;
        if (m.direction != Direction::Outbound) {
            x.error = "only a message the seller sent can be marked " + d;
            return false;
        }
        m.delivery = del;
        record_edit(m.delivery_edit, x.stamp);
        if (del == Delivery::Sent && !m.auto_reply) {
            set_spam_register(c, SpamReason::None, x.stamp);
            if (c.status == Status::AwaitingSeller) {
                c.status = Status::AwaitingCustomer;
                record_edit(c.edits.status, x.stamp);
            }
        } else if (c.edits.suppressed_spam != SpamReason::None) {
            apply_spam_rule(c);   // a merged-in flag returns once no answer is left
        }
        return true;
    }
    x.error = "no message \"" + mid + "\" in " + x.id;
    return false;
}

// What adding a remark or a note reads: its ID (under `id_key`), text, agent and time.
bool read_annotation(OpContext& x, const char* id_key, std::string& rid, std::string& text, std::string& agent, Time& at) {
    if (!get_string(x.op, id_key, rid, x.error) || !get_string(x.op, "text", text, x.error) ||
        !get_string(x.op, "agent", agent, x.error) || !get_time(x.op, "at", at, x.error))
        return false;
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        x.error = "the text is empty";
        return false;
    }
    return true;
}

bool read_flag(OpContext& x, RemarkFlag& f) {
    std::string flag;
    if (!get_string(x.op, "flag", flag, x.error)) return false;
    if (!parse(flag, f)) {
        x.error = "unknown flag \"" + flag + "\" (red, yellow, green, blue, purple, none)";
        return false;
    }
    return true;
}

// The optional "kind" of a remark; its flag must be the kind's colour (seed 004).
bool read_kind(OpContext& x, RemarkFlag f, RemarkKind& k) {
    k = RemarkKind::Other;
    if (!x.op.contains("kind")) return true;
    std::string kind;
    if (!get_string(x.op, "kind", kind, x.error)) return false;
    if (!parse(kind, k) || k == RemarkKind::Other) {
        x.error = "unknown remark kind \"" + kind +
                  "\" (price_change, unshipped, shipped, special_courier, refundable, after_sale_return)";
        return false;
    }
    if (f != flag_of(k)) {
        x.error = std::string("a ") + kind + " remark has the flag \"" + to_string(flag_of(k)) + "\", not \"" +
                  to_string(f) + "\" (Tmall remark flags, seed 004)";
        return false;
    }
    return true;
}

bool op_add_remark(OpContext& x) {
    std::string rid, text, agent;
    Time at = 0;
    RemarkFlag f;
    RemarkKind k;
    if (!read_annotation(x, "remark_id", rid, text, agent, at) || !read_flag(x, f) || !read_kind(x, f, k)) return false;
    x.c->remarks.push_back({rid, text, agent, at, f, {}, k});
    record_edit(x.c->remarks.back().edit, x.stamp);
    return true;
}

bool op_add_note(OpContext& x) {
    std::string rid, text, agent;
    Time at = 0;
    if (!read_annotation(x, "note_id", rid, text, agent, at)) return false;
    x.c->notes.push_back({rid, text, agent, at});
    record_edit(x.c->notes.back().edit, x.stamp);
    return true;
}

// Edits the text of a remark or note, or deletes it and leaves a tombstone.
template <class T>
bool change_annotation(OpContext& x, std::vector<T>& list, std::vector<Tombstone>& graves, bool remove) {
    constexpr bool remark = std::is_same_v<T, Remark>;
    std::string rid, text;
    if (!get_string(x.op, remark ? "remark_id" : "note_id", rid, x.error)) return false;
    if (!remove) {
        if (!get_string(x.op, "text", text, x.error)) return false;
        if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
            x.error = "the text is empty";
            return false;
        }
    }
    RemarkFlag f = RemarkFlag::Yellow;
    RemarkKind k = RemarkKind::Other;
    const bool new_flag = remark && !remove && x.op.contains("flag");
    if (new_flag && (!read_flag(x, f) || !read_kind(x, f, k))) return false;
    for (size_t i = 0; i < list.size(); ++i) {
        if (list[i].id != rid) continue;
        if (remove) {
            list.erase(list.begin() + long(i));
            add_tombstone(graves, rid, x.stamp);
            return true;
        }
        list[i].text = text;
        record_edit(list[i].edit, x.stamp);
        if constexpr (remark)
            if (new_flag)
                for (Remark& r : list)
                    if (r.id == rid) r.flag = f, r.kind = k;
        return true;
    }
    x.error = std::string("no ") + (remark ? "remark" : "note") + " \"" + rid + "\" in " + x.id;
    return false;
}

bool op_edit_remark(OpContext& x) { return change_annotation(x, x.c->remarks, x.c->edits.deleted_remarks, false); }
bool op_delete_remark(OpContext& x) { return change_annotation(x, x.c->remarks, x.c->edits.deleted_remarks, true); }
bool op_edit_note(OpContext& x) { return change_annotation(x, x.c->notes, x.c->edits.deleted_notes, false); }
bool op_delete_note(OpContext& x) { return change_annotation(x, x.c->notes, x.c->edits.deleted_notes, true); }

// An order defect (Amazon's ODR): the op's "id" is the order's ID.
bool op_add_defect(OpContext& x) {
    // The store's own record, found through its index (find_order hands out const pointers).
    const Order* found = x.store.find_order(x.id);
    Order* o = found ? &x.store.orders[size_t(found - x.store.orders.data())] : nullptr;
    if (!o) {
        x.error = "no order \"" + x.id + "\"";
        return false;
    }
    std::string kind;
    Defect d;
    if (!get_string(x.op, "kind", kind, x.error) || !get_time(x.op, "at", d.at, x.error)) return false;
    if (!parse(kind, d.kind)) {
        x.error = "unknown defect kind \"" + kind + "\" (a_to_z, negative_feedback, chargeback)";
        return false;
    }
    if (o->purchased_at != kNoTime && d.at < o->purchased_at) {
        x.error = "a defect cannot come before the order was bought (" + format_iso8601(o->purchased_at) + ")";
        return false;
    }
    if (!union_defects(o->defects, {d})) {
        x.error = "order " + x.id + " already has a " + kind + " defect at " + format_iso8601(d.at);
        return false;
    }
    return true;
}

// A customer's VIP follow-up; `id` is the CUSTOMER's ID. Each given field is a register.
bool op_set_vip(OpContext& x) {
    const Customer* found = x.store.find_customer(x.id);
    if (!found) return x.error = "no customer \"" + x.id + "\"", false;
    Customer& c = x.store.customers[size_t(found - x.store.customers.data())];
    auto vip = x.op.find("vip"), date = x.op.find("follow_up");
    if (vip == x.op.end() && date == x.op.end()) return x.error = "give \"vip\" (true or false) or \"follow_up\" (a date or \"\")", false;
    if (vip != x.op.end() && !vip->is_boolean()) return x.error = "\"vip\" must be true or false", false;
    std::string day;
    if (date != x.op.end()) {
        if (!date->is_string()) return x.error = "\"follow_up\" must be a date YYYY-MM-DD or \"\" to clear it", false;
        day = date->get<std::string>();
        if (!day.empty() && !valid_date(day)) return x.error = "\"follow_up\": \"" + day + "\" is not a date YYYY-MM-DD", false;
    }
    if (vip != x.op.end()) {
        c.vip = vip->get<bool>();
        record_edit(c.vip_edit, x.stamp);
    }
    if (date != x.op.end()) {
        c.follow_up = day;
        record_edit(c.follow_up_edit, x.stamp);
    }
    return true;
}

struct OpEntry {
    const char* name;
    bool (*apply)(OpContext&);
    bool creates = false;   // makes its conversation instead of needing it (or works on an order)
};

// Every op apply_op knows (ops.h lists their members).
const OpEntry kOps[] = {
    {"new_conversation", op_new_conversation, true},
    {"set_unread", op_set_unread},
    {"reply", op_reply},
    {"labels", op_labels},
    {"flag_spam", op_flag_spam},
    {"unflag_spam", op_unflag_spam},
    {"set_status", op_set_status},
    {"assign", op_assign},
    {"set_draft", op_set_draft},
    {"set_delivery", op_set_delivery},
    {"add_message", op_add_message},
    {"mark_exported", op_mark_exported},
    {"add_remark", op_add_remark},
    {"add_note", op_add_note},
    {"edit_remark", op_edit_remark},
    {"edit_note", op_edit_note},
    {"delete_remark", op_delete_remark},
    {"delete_note", op_delete_note},
    {"add_defect", op_add_defect, true},
    {"set_vip", op_set_vip, true},
};

const OpEntry* find_op(const std::string& name) {
    for (const OpEntry& e : kOps)
        if (name == e.name) return &e;
    return nullptr;
}

}  // namespace

bool apply_op(Store& store, const json& op, std::string& error) {
    if (!op.is_object()) {
        error = "an operation must be a JSON object";
        return false;
    }
    std::string kind, id;
    if (!get_string(op, "op", kind, error) || !get_string(op, "id", id, error)) return false;
    Stamp stamp;
    if (auto it = op.find("stamp"); it != op.end() && !stamp_from_json(*it, stamp, error)) return false;
    const OpEntry* entry = find_op(kind);
    OpContext x{store, op, id, stamp, error};
    if (entry && entry->creates) return entry->apply(x);
    // A missing conversation is reported before an unknown op, as it always was.
    x.c = store.find_conversation(id);
    if (!x.c) {
        error = "no conversation \"" + id + "\"";
        return false;
    }
    if (!entry) {
        error = "unknown operation \"" + kind + "\"";
        return false;
    }
    return entry->apply(x);
}

}  // namespace sd
