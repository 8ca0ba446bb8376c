#include "ops.h"

#include <algorithm>

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

// A proactive message from the seller about an order (Walmart allows them): a new conversation
// with the order's customer, empty until the first reply is recorded.
bool new_conversation(Store& store, const json& op, const std::string& id, std::string& error) {
    if (store.find_conversation(id)) {
        error = "conversation \"" + id + "\" already exists";
        return false;
    }
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

bool apply_op(Store& store, const json& op, std::string& error) {
    if (!op.is_object()) {
        error = "an operation must be a JSON object";
        return false;
    }
    std::string kind, id;
    if (!get_string(op, "op", kind, error) || !get_string(op, "id", id, error)) return false;
    Stamp stamp;   // zero: an unstamped op records nothing
    if (auto it = op.find("stamp"); it != op.end() && !stamp_from_json(*it, stamp, error)) return false;
    if (kind == "new_conversation") {
        // The conversation itself merges as a record (union by ID); its read state is an edit.
        if (!new_conversation(store, op, id, error)) return false;
        record_edit(store.conversations.back().edits.unread, stamp);
        return true;
    }
    Conversation* c = store.find_conversation(id);
    if (!c) {
        error = "no conversation \"" + id + "\"";
        return false;
    }

    if (kind == "set_unread") {
        auto it = op.find("unread");
        if (it == op.end() || !it->is_boolean()) {
            error = "\"unread\" must be true or false";
            return false;
        }
        c->unread = it->get<bool>();
        record_edit(c->edits.unread, stamp);
        return true;
    }
    if (kind == "reply") {
        Message m;
        std::string delivery = "sent";
        if (!get_string(op, "message_id", m.id, error) || !get_string(op, "text", m.body, error) ||
            !get_string(op, "author", m.author, error) || !get_time(op, "at", m.at, error))
            return false;
        if (op.contains("delivery") && (!op["delivery"].is_string() || !parse(op["delivery"].get<std::string>(), m.delivery))) {
            error = "\"delivery\" must be \"sent\" or \"failed\"";
            return false;
        }
        if (m.body.find_first_not_of(" \t\r\n") == std::string::npos) {
            error = "the reply is empty";
            return false;
        }
        if (message_id_taken(*c, m.id)) {
            error = "message id \"" + m.id + "\" already exists";
            return false;
        }
        m.direction = Direction::Outbound;
        m.role = AuthorRole::Agent;
        m.auto_reply = op.value("auto_reply", false);
        m.override_checks = op.value("override_checks", false);
        record_edit(m.delivery_edit, stamp);
        // Keep the thread in time order even if the clock was set back in a demo.
        auto pos = std::upper_bound(c->messages.begin(), c->messages.end(), m.at,
                                    [](Time t, const Message& x) { return t < x.at; });
        bool answer = m.delivery == Delivery::Sent && !m.auto_reply;
        c->messages.insert(pos, std::move(m));
        c->unread = false;
        record_edit(c->edits.unread, stamp);
        if (answer) {
            set_spam_register(*c, SpamReason::None, stamp);   // Walmart: answering a flagged message returns it to All
            c->status = Status::AwaitingCustomer;
            record_edit(c->edits.status, stamp);
            c->draft.clear();
            record_edit(c->edits.draft, stamp);
            remove_label(*c, labels::kResponseNeeded);
            record_label(*c, labels::kResponseNeeded, stamp);
        }
        return true;
    }
    if (kind == "labels") {
        std::vector<std::string> add, remove;
        if (!get_string_list(op, "add", add, error) || !get_string_list(op, "remove", remove, error)) return false;
        for (const std::string& l : remove) {
            remove_label(*c, l);
            record_label(*c, l, stamp);
        }
        for (const std::string& l : add) {
            if (!c->has_label(l)) c->labels.push_back(l);
            record_label(*c, l, stamp);
        }
        return true;
    }
    if (kind == "flag_spam") {
        std::string reason;
        SpamReason r = SpamReason::None;
        if (!get_string(op, "reason", reason, error)) return false;
        if (!parse(reason, r) || r == SpamReason::None) {
            error = "a spam flag needs a reason: spam, fraud or inappropriate";
            return false;
        }
        std::string why = spam_refusal(*c);
        if (!why.empty()) {
            error = why;
            return false;
        }
        set_spam_register(*c, r, stamp);
        return true;
    }
    if (kind == "unflag_spam") {
        set_spam_register(*c, SpamReason::None, stamp);
        return true;
    }
    if (kind == "set_status") {
        std::string s;
        Status st;
        if (!get_string(op, "status", s, error)) return false;
        if (!parse(s, st)) {
            error = "unknown status \"" + s + "\" (awaiting_seller, awaiting_customer or closed)";
            return false;
        }
        c->status = st;
        record_edit(c->edits.status, stamp);
        return true;
    }
    if (kind == "assign") {
        if (!get_string(op, "agent", c->assignee, error)) return false;
        record_edit(c->edits.assignee, stamp);
        return true;
    }
    if (kind == "set_draft") {
        if (!get_string(op, "text", c->draft, error)) return false;
        record_edit(c->edits.draft, stamp);
        return true;
    }
    if (kind == "set_delivery") {
        std::string mid, d;
        Delivery del;
        if (!get_string(op, "message_id", mid, error) || !get_string(op, "delivery", d, error)) return false;
        if (!parse(d, del)) {
            error = "\"delivery\" must be \"sent\" or \"failed\"";
            return false;
        }
        for (Message& m : c->messages)
            if (m.id == mid) {
                if (m.direction != Direction::Outbound) {
                    error = "only a message the seller sent can be marked " + d;
                    return false;
                }
                m.delivery = del;
                record_edit(m.delivery_edit, stamp);
                if (del == Delivery::Sent && !m.auto_reply) {
                    set_spam_register(*c, SpamReason::None, stamp);
                    if (c->status == Status::AwaitingSeller) {
                        c->status = Status::AwaitingCustomer;
                        record_edit(c->edits.status, stamp);
                    }
                } else if (c->edits.suppressed_spam != SpamReason::None) {
                    apply_spam_rule(*c);   // a merged-in flag returns once no answer is left
                }
                return true;
            }
        error = "no message \"" + mid + "\" in " + id;
        return false;
    }
    if (kind == "add_remark" || kind == "add_note") {
        std::string rid, text, agent, flag;
        Time at = 0;
        if (!get_string(op, kind == "add_remark" ? "remark_id" : "note_id", rid, error) ||
            !get_string(op, "text", text, error) || !get_string(op, "agent", agent, error) ||
            !get_time(op, "at", at, error))
            return false;
        if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
            error = "the text is empty";
            return false;
        }
        if (kind == "add_note") {
            c->notes.push_back({rid, text, agent, at});
            record_edit(c->notes.back().edit, stamp);
            return true;
        }
        RemarkFlag f;
        if (!get_string(op, "flag", flag, error)) return false;
        if (!parse(flag, f)) {
            error = "unknown flag \"" + flag + "\" (red, yellow, green, blue, purple)";
            return false;
        }
        c->remarks.push_back({rid, text, agent, at, f});
        record_edit(c->remarks.back().edit, stamp);
        return true;
    }
    if (kind == "edit_remark" || kind == "edit_note" || kind == "delete_remark" || kind == "delete_note") {
        const bool remark = kind == "edit_remark" || kind == "delete_remark";
        const bool remove = kind == "delete_remark" || kind == "delete_note";
        std::string rid, text;
        if (!get_string(op, remark ? "remark_id" : "note_id", rid, error)) return false;
        if (!remove) {
            if (!get_string(op, "text", text, error)) return false;
            if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
                error = "the text is empty";
                return false;
            }
        }
        RemarkFlag f = RemarkFlag::Yellow;
        bool new_flag = remark && !remove && op.contains("flag");
        if (new_flag) {
            std::string flag;
            if (!get_string(op, "flag", flag, error)) return false;
            if (!parse(flag, f)) {
                error = "unknown flag \"" + flag + "\" (red, yellow, green, blue, purple)";
                return false;
            }
        }
        auto edit = [&](auto& list, std::vector<Tombstone>& graves) {
            for (size_t i = 0; i < list.size(); ++i) {
                if (list[i].id != rid) continue;
                if (remove) {
                    list.erase(list.begin() + long(i));
                    add_tombstone(graves, rid, stamp);
                } else {
                    list[i].text = text;
                    record_edit(list[i].edit, stamp);
                }
                return true;
            }
            error = std::string("no ") + (remark ? "remark" : "note") + " \"" + rid + "\" in " + id;
            return false;
        };
        if (remark) {
            if (!edit(c->remarks, c->edits.deleted_remarks)) return false;
            if (new_flag)
                for (Remark& r : c->remarks)
                    if (r.id == rid) r.flag = f;
            return true;
        }
        return edit(c->notes, c->edits.deleted_notes);
    }
    error = "unknown operation \"" + kind + "\"";
    return false;
}

}  // namespace sd
