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

bool apply_op(Store& store, const json& op, std::string& error) {
    if (!op.is_object()) {
        error = "an operation must be a JSON object";
        return false;
    }
    std::string kind, id;
    if (!get_string(op, "op", kind, error) || !get_string(op, "id", id, error)) return false;
    if (kind == "new_conversation") return new_conversation(store, op, id, error);
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
        // Keep the thread in time order even if the clock was set back in a demo.
        auto pos = std::upper_bound(c->messages.begin(), c->messages.end(), m.at,
                                    [](Time t, const Message& x) { return t < x.at; });
        bool answer = m.delivery == Delivery::Sent && !m.auto_reply;
        c->messages.insert(pos, std::move(m));
        c->unread = false;
        if (answer) {
            c->spam = SpamReason::None;   // Walmart: answering a flagged message returns it to All
            c->status = Status::AwaitingCustomer;
            c->draft.clear();
            remove_label(*c, labels::kResponseNeeded);
        }
        return true;
    }
    if (kind == "labels") {
        std::vector<std::string> add, remove;
        if (!get_string_list(op, "add", add, error) || !get_string_list(op, "remove", remove, error)) return false;
        for (const std::string& l : remove) remove_label(*c, l);
        for (const std::string& l : add)
            if (!c->has_label(l)) c->labels.push_back(l);
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
        c->spam = r;
        return true;
    }
    if (kind == "unflag_spam") {
        c->spam = SpamReason::None;
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
        return true;
    }
    if (kind == "assign") {
        return get_string(op, "agent", c->assignee, error);
    }
    if (kind == "set_draft") {
        return get_string(op, "text", c->draft, error);
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
                if (del == Delivery::Sent && !m.auto_reply) {
                    c->spam = SpamReason::None;
                    if (c->status == Status::AwaitingSeller) c->status = Status::AwaitingCustomer;
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
            return true;
        }
        RemarkFlag f;
        if (!get_string(op, "flag", flag, error)) return false;
        if (!parse(flag, f)) {
            error = "unknown flag \"" + flag + "\" (red, yellow, green, blue, purple)";
            return false;
        }
        c->remarks.push_back({rid, text, agent, at, f});
        return true;
    }
    error = "unknown operation \"" + kind + "\"";
    return false;
}

}  // namespace sd
