#include "store_json.h"

#include <fstream>
#include <sstream>
#include <unordered_set>

#include "time.h"

namespace sd {

using nlohmann::json;

namespace {

json time_or_null(Time t) { return t == kNoTime ? json(nullptr) : json(format_iso8601(t)); }

json message_to_json(const Message& m) {
    json j = {{"id", m.id},
              {"direction", to_string(m.direction)},
              {"role", to_string(m.role)},
              {"author", m.author},
              {"at", format_iso8601(m.at)},
              {"body", m.body},
              {"delivery", to_string(m.delivery)}};
    if (m.auto_reply) j["auto_reply"] = true;
    if (m.override_checks) j["override_checks"] = true;
    return j;
}

// A small reader that records the JSON path of the first problem and then refuses everything.
struct Reader {
    std::string error;
    bool ok() const { return error.empty(); }
    void fail(const std::string& path, const std::string& why) {
        if (error.empty()) error = path + ": " + why;
    }
    const json* member(const json& obj, const std::string& path, const char* key, bool required) {
        auto it = obj.find(key);
        if (it == obj.end() || (it->is_null() && !required)) {
            if (required) fail(path + "/" + key, "missing");
            return nullptr;
        }
        return &*it;
    }
    std::string str(const json& obj, const std::string& path, const char* key, bool required = true) {
        const json* v = member(obj, path, key, required);
        if (!v) return {};
        if (!v->is_string()) {
            fail(path + "/" + key, "not a string");
            return {};
        }
        return v->get<std::string>();
    }
    bool boolean(const json& obj, const std::string& path, const char* key) {
        const json* v = member(obj, path, key, false);
        if (!v) return false;
        if (!v->is_boolean()) {
            fail(path + "/" + key, "not true or false");
            return false;
        }
        return v->get<bool>();
    }
    int64_t integer(const json& obj, const std::string& path, const char* key) {
        const json* v = member(obj, path, key, false);
        if (!v) return 0;
        if (!v->is_number_integer()) {
            fail(path + "/" + key, "not an integer");
            return 0;
        }
        return v->get<int64_t>();
    }
    Time time(const json& obj, const std::string& path, const char* key, bool required) {
        const json* v = member(obj, path, key, required);
        if (!v) return kNoTime;
        Time t = 0;
        if (!v->is_string() || !parse_iso8601(v->get_ref<const std::string&>(), t)) {
            fail(path + "/" + key, "not an ISO 8601 time");
            return kNoTime;
        }
        return t;
    }
    template <typename E>
    E enumeration(const json& obj, const std::string& path, const char* key, E fallback, bool required = true) {
        const json* v = member(obj, path, key, required);
        if (!v) return fallback;
        E out = fallback;
        if (!v->is_string() || !parse(v->get_ref<const std::string&>(), out)) {
            fail(path + "/" + key, "unknown value " + v->dump());
            return fallback;
        }
        return out;
    }
    const json* array(const json& obj, const std::string& path, const char* key, bool required = true) {
        const json* v = member(obj, path, key, required);
        if (!v) return nullptr;
        if (!v->is_array()) {
            fail(path + "/" + key, "not an array");
            return nullptr;
        }
        return v;
    }
    bool object(const json& v, const std::string& path) {
        if (!v.is_object()) fail(path, "not an object");
        return ok();
    }
};

}  // namespace

json customer_to_json(const Customer& c) {
    return {{"id", c.id}, {"name", c.name}, {"email", c.email}, {"country", c.country}};
}

json order_to_json(const Order& o) {
    return {{"id", o.id},
            {"transaction_id", o.transaction_id},
            {"item", o.item},
            {"sku", o.sku},
            {"amount_cents", o.amount_cents},
            {"currency", o.currency},
            {"purchased_at", time_or_null(o.purchased_at)},
            {"paid_at", time_or_null(o.paid_at)},
            {"shipped_at", time_or_null(o.shipped_at)},
            {"estimated_delivery", time_or_null(o.estimated_delivery)},
            {"region", o.region},
            {"gift", o.gift},
            {"carrier", o.carrier},
            {"tracking_number", o.tracking_number}};
}

json conversation_to_json(const Conversation& c) {
    json messages = json::array();
    for (const Message& m : c.messages) messages.push_back(message_to_json(m));
    json remarks = json::array();
    for (const Remark& r : c.remarks)
        remarks.push_back({{"id", r.id}, {"text", r.text}, {"agent", r.agent}, {"at", format_iso8601(r.at)},
                           {"flag", to_string(r.flag)}});
    json notes = json::array();
    for (const Note& n : c.notes)
        notes.push_back({{"id", n.id}, {"text", n.text}, {"agent", n.agent}, {"at", format_iso8601(n.at)}});
    json j = {{"id", c.id},
              {"marketplace", to_string(c.marketplace)},
              {"kind", to_string(c.kind)},
              {"topic", to_string(c.topic)},
              {"subject", c.subject},
              {"customer_id", c.customer_id},
              {"order_id", c.order_id},
              {"labels", c.labels},
              {"unread", c.unread},
              {"status", to_string(c.status)},
              {"spam", to_string(c.spam)},
              {"folder", to_string(c.folder)},
              {"assignee", c.assignee},
              {"draft", c.draft},
              {"opened_at", format_iso8601(c.opened_at)},
              {"messages", std::move(messages)},
              {"remarks", std::move(remarks)},
              {"notes", std::move(notes)}};
    if (c.ebay_case.type != CaseType::None)
        j["ebay_case"] = {{"type", to_string(c.ebay_case.type)},
                          {"channel", to_string(c.ebay_case.channel)},
                          {"opened_at", time_or_null(c.ebay_case.opened_at)}};
    return j;
}

json store_to_json(const Store& store) {
    json customers = json::array(), orders = json::array(), conversations = json::array();
    for (const Customer& c : store.customers) customers.push_back(customer_to_json(c));
    for (const Order& o : store.orders) orders.push_back(order_to_json(o));
    for (const Conversation& c : store.conversations) conversations.push_back(conversation_to_json(c));
    return {{"customers", std::move(customers)},
            {"orders", std::move(orders)},
            {"conversations", std::move(conversations)}};
}

bool store_from_json(const json& j, Store& out, std::string& error) {
    Reader r;
    Store s;
    if (!r.object(j, "")) {
        error = "(root): not an object";
        return false;
    }
    std::unordered_set<std::string> ids;
    auto unique = [&](const std::string& id, const std::string& path) {
        if (id.empty()) r.fail(path + "/id", "empty");
        else if (!ids.insert(id).second) r.fail(path + "/id", "duplicate id \"" + id + "\"");
    };
    if (const json* arr = r.array(j, "", "customers")) {
        for (size_t i = 0; i < arr->size() && r.ok(); ++i) {
            const json& v = (*arr)[i];
            std::string p = "customers/" + std::to_string(i);
            if (!r.object(v, p)) break;
            Customer c;
            c.id = r.str(v, p, "id");
            c.name = r.str(v, p, "name");
            c.email = r.str(v, p, "email", false);
            c.country = r.str(v, p, "country", false);
            unique(c.id, p);
            s.customers.push_back(std::move(c));
        }
    }
    ids.clear();
    if (const json* arr = r.array(j, "", "orders")) {
        for (size_t i = 0; i < arr->size() && r.ok(); ++i) {
            const json& v = (*arr)[i];
            std::string p = "orders/" + std::to_string(i);
            if (!r.object(v, p)) break;
            Order o;
            o.id = r.str(v, p, "id");
            o.transaction_id = r.str(v, p, "transaction_id", false);
            o.item = r.str(v, p, "item", false);
            o.sku = r.str(v, p, "sku", false);
            o.amount_cents = r.integer(v, p, "amount_cents");
            o.currency = r.str(v, p, "currency", false);
            o.purchased_at = r.time(v, p, "purchased_at", false);
            o.paid_at = r.time(v, p, "paid_at", false);
            o.shipped_at = r.time(v, p, "shipped_at", false);
            o.estimated_delivery = r.time(v, p, "estimated_delivery", false);
            o.region = r.str(v, p, "region", false);
            o.gift = r.boolean(v, p, "gift");
            o.carrier = r.str(v, p, "carrier", false);
            o.tracking_number = r.str(v, p, "tracking_number", false);
            unique(o.id, p);
            s.orders.push_back(std::move(o));
        }
    }
    ids.clear();
    std::unordered_set<std::string> message_ids;
    if (const json* arr = r.array(j, "", "conversations")) {
        s.conversations.reserve(arr->size());
        for (size_t i = 0; i < arr->size() && r.ok(); ++i) {
            const json& v = (*arr)[i];
            std::string p = "conversations/" + std::to_string(i);
            if (!r.object(v, p)) break;
            Conversation c;
            c.id = r.str(v, p, "id");
            unique(c.id, p);
            c.marketplace = r.enumeration(v, p, "marketplace", Marketplace::Walmart);
            c.kind = r.enumeration(v, p, "kind", ConversationKind::PostSale);
            c.topic = r.enumeration(v, p, "topic", Topic::Other, false);
            c.subject = r.str(v, p, "subject", false);
            c.customer_id = r.str(v, p, "customer_id", false);
            c.order_id = r.str(v, p, "order_id", false);
            if (const json* labels = r.array(v, p, "labels", false)) {
                for (size_t k = 0; k < labels->size(); ++k) {
                    if (!(*labels)[k].is_string()) {
                        r.fail(p + "/labels/" + std::to_string(k), "not a string");
                        break;
                    }
                    c.labels.push_back((*labels)[k].get<std::string>());
                }
            }
            c.unread = r.boolean(v, p, "unread");
            c.status = r.enumeration(v, p, "status", Status::AwaitingSeller);
            c.spam = r.enumeration(v, p, "spam", SpamReason::None, false);
            c.folder = r.enumeration(v, p, "folder", EbayFolder::None, false);
            c.assignee = r.str(v, p, "assignee", false);
            c.draft = r.str(v, p, "draft", false);
            c.opened_at = r.time(v, p, "opened_at", false);
            if (const json* ec = r.member(v, p, "ebay_case", false)) {
                std::string cp = p + "/ebay_case";
                if (r.object(*ec, cp)) {
                    c.ebay_case.type = r.enumeration(*ec, cp, "type", CaseType::None);
                    c.ebay_case.channel = r.enumeration(*ec, cp, "channel", CaseChannel::Ebay, false);
                    c.ebay_case.opened_at = r.time(*ec, cp, "opened_at", false);
                }
            }
            if (const json* msgs = r.array(v, p, "messages")) {
                c.messages.reserve(msgs->size());
                for (size_t k = 0; k < msgs->size() && r.ok(); ++k) {
                    const json& mv = (*msgs)[k];
                    std::string mp = p + "/messages/" + std::to_string(k);
                    if (!r.object(mv, mp)) break;
                    Message m;
                    m.id = r.str(mv, mp, "id");
                    if (r.ok() && (m.id.empty() || !message_ids.insert(m.id).second))
                        r.fail(mp + "/id", m.id.empty() ? "empty" : "duplicate id \"" + m.id + "\"");
                    m.direction = r.enumeration(mv, mp, "direction", Direction::Inbound);
                    m.role = r.enumeration(mv, mp, "role", AuthorRole::Customer);
                    m.author = r.str(mv, mp, "author", false);
                    m.at = r.time(mv, mp, "at", true);
                    m.body = r.str(mv, mp, "body");
                    m.delivery = r.enumeration(mv, mp, "delivery", Delivery::Sent, false);
                    m.auto_reply = r.boolean(mv, mp, "auto_reply");
                    m.override_checks = r.boolean(mv, mp, "override_checks");
                    if (k > 0 && r.ok() && m.at < c.messages.back().at)
                        r.fail(mp + "/at", "earlier than the message before it");
                    c.messages.push_back(std::move(m));
                }
            }
            for (const char* key : {"remarks", "notes"}) {
                const json* arr2 = r.array(v, p, key, false);
                if (!arr2) continue;
                for (size_t k = 0; k < arr2->size() && r.ok(); ++k) {
                    const json& rv = (*arr2)[k];
                    std::string rp = p + "/" + key + "/" + std::to_string(k);
                    if (!r.object(rv, rp)) break;
                    std::string id = r.str(rv, rp, "id"), text = r.str(rv, rp, "text"),
                                agent = r.str(rv, rp, "agent", false);
                    Time at = r.time(rv, rp, "at", true);
                    if (key[0] == 'r') {
                        RemarkFlag flag = r.enumeration(rv, rp, "flag", RemarkFlag::Yellow);
                        c.remarks.push_back({id, text, agent, at, flag});
                    } else {
                        c.notes.push_back({id, text, agent, at});
                    }
                }
            }
            if (c.opened_at == kNoTime) c.opened_at = c.messages.empty() ? 0 : c.messages.front().at;
            s.conversations.push_back(std::move(c));
        }
    }
    if (!r.ok()) {
        error = r.error;
        return false;
    }
    s.reindex();
    for (size_t i = 0; i < s.conversations.size(); ++i) {
        const Conversation& c = s.conversations[i];
        std::string p = "conversations/" + std::to_string(i);
        if (!c.customer_id.empty() && !s.find_customer(c.customer_id)) {
            error = p + "/customer_id: no customer \"" + c.customer_id + "\"";
            return false;
        }
        if (!c.order_id.empty() && !s.find_order(c.order_id)) {
            error = p + "/order_id: no order \"" + c.order_id + "\"";
            return false;
        }
    }
    out = std::move(s);  // the ID maps move with it
    return true;
}

bool store_from_text(std::string_view text, Store& out, std::string& error) {
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded()) {
        error = "not valid JSON";
        return false;
    }
    return store_from_json(j, out, error);
}

bool load_store_file(const std::string& path, Store& out, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = path + ": cannot open";
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    if (!store_from_text(text, out, error)) {
        error = path + ": " + error;
        return false;
    }
    return true;
}

}  // namespace sd
