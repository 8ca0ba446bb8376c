#include "store_json.h"

#include <fstream>
#include <sstream>
#include <unordered_set>

#include "model_fields.h"
#include "time.h"

namespace sd {

using nlohmann::json;

namespace {

json time_or_null(Time t) { return t == kNoTime ? json(nullptr) : json(format_iso8601(t)); }

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

// ---- writing: every field of the list but the sync bookkeeping ----------------------------------
template <class T>
json record_to_json(const T& record);

template <class V>
json value_to_json(const V& v, uint32_t tags) {
    if constexpr (is_record_v<V>) {
        return record_to_json(v);
    } else if constexpr (IsList<V>::value) {
        json a = json::array();
        for (const auto& x : v) a.push_back(value_to_json(x, field::kPlain));
        return a;
    } else if constexpr (std::is_enum_v<V>) {
        return to_string(v);
    } else if constexpr (std::is_same_v<V, int64_t>) {
        if (tags & field::kTimeOrNull) return time_or_null(v);
        if (tags & field::kTime) return format_iso8601(v);
        return v;
    } else {
        return v;
    }
}

struct ToJson {
    json& j;
    template <class V>
    void operator()(const char* name, const V& v, uint32_t tags) {
        if (tags & field::kSync) return;
        if constexpr (is_record_v<V>)
            if (!present(v)) return;
        if ((tags & field::kOmitZero) && is_zero(v)) return;
        j[name] = value_to_json(v, tags);
    }
};

template <class T>
json record_to_json(const T& record) {
    json j = json::object();
    ToJson to{j};
    Fields<T>::visit(to, record);
    return j;
}

// ---- reading -----------------------------------------------------------------------------------
// Every field of the list but the sync bookkeeping, then the store format's own rules: IDs unique
// per section (message IDs in the whole store), messages in time order, a conversation without
// `opened_at` opened with its first message. A member that is missing reads as false, "", 0, no
// time or the record's default value.
struct StoreReader {
    Reader r;
    std::unordered_set<std::string> ids;           // the section's record IDs
    std::unordered_set<std::string> message_ids;   // every message ID of the store

    template <class T>
    void record(const json& obj, const std::string& path, T& out);

    template <class T>
    void list(const json& arr, const std::string& path, std::vector<T>& out) {
        if constexpr (std::is_same_v<T, std::string>) {
            for (size_t k = 0; k < arr.size(); ++k) {
                if (!arr[k].is_string()) return r.fail(path + "/" + std::to_string(k), "not a string");
                out.push_back(arr[k].get<std::string>());
            }
        } else {
            out.reserve(arr.size());
            for (size_t k = 0; k < arr.size() && r.ok(); ++k) {
                std::string p = path + "/" + std::to_string(k);
                if (!r.object(arr[k], p)) break;
                out.emplace_back();
                record(arr[k], p, out.back());
                finish(out.back(), p, k > 0 ? &out[k - 1] : nullptr);
            }
        }
    }

    template <class V>
    void value(const json& obj, const std::string& path, const char* name, V& v, uint32_t tags) {
        const bool required = tags & field::kRequired;
        if constexpr (std::is_same_v<V, std::string>) {
            v = r.str(obj, path, name, required);
        } else if constexpr (std::is_same_v<V, bool>) {
            v = r.boolean(obj, path, name);
        } else if constexpr (std::is_same_v<V, int64_t>) {
            v = tags & (field::kTime | field::kTimeOrNull) ? r.time(obj, path, name, required) : r.integer(obj, path, name);
        } else if constexpr (std::is_enum_v<V>) {
            v = r.enumeration(obj, path, name, v, required);
        } else if constexpr (is_record_v<V>) {
            if (const json* sub = r.member(obj, path, name, required)) {
                std::string p = path + "/" + name;
                if (r.object(*sub, p)) record(*sub, p, v);
            }
        } else {
            if (const json* arr = r.array(obj, path, name, required)) list(*arr, path + "/" + name, v);
        }
    }

    void unique(const std::string& id, const std::string& path, std::unordered_set<std::string>& seen) {
        if (id.empty()) r.fail(path + "/id", "empty");
        else if (!seen.insert(id).second) r.fail(path + "/id", "duplicate id \"" + id + "\"");
    }
    // A conversation's and a message's ID are checked as soon as they are read, so a file with a
    // duplicate and a later mistake is reported for the duplicate, as before the field lists.
    template <class T>
    void id_read(const T&, const std::string&) {}
    void id_read(const Conversation& c, const std::string& path) { unique(c.id, path, ids); }
    void id_read(const Message& m, const std::string& path) {
        if (r.ok()) unique(m.id, path, message_ids);
    }
    template <class T>
    void finish(T&, const std::string&, const T*) {}
    void finish(Customer& c, const std::string& path, const Customer*) { unique(c.id, path, ids); }
    void finish(Order& o, const std::string& path, const Order*) { unique(o.id, path, ids); }
    void finish(Conversation& c, const std::string&, const Conversation*) {
        if (c.opened_at == kNoTime) c.opened_at = c.messages.empty() ? 0 : c.messages.front().at;
    }
    void finish(Message& m, const std::string& path, const Message* before) {
        if (before && r.ok() && m.at < before->at) r.fail(path + "/at", "earlier than the message before it");
    }

    template <class T>
    void section(const json& root, const char* key, std::vector<T>& out) {
        ids.clear();
        if (const json* arr = r.array(root, "", key)) list(*arr, key, out);
    }
};

template <class T>
struct FromJson {
    StoreReader& in;
    const json& obj;
    const std::string& path;
    const T& record;
    template <class V>
    void operator()(const char* name, V& v, uint32_t tags) {
        if ((tags & field::kSync) || !in.r.ok()) return;
        in.value(obj, path, name, v, tags);
        if ((tags & field::kId) == field::kId) in.id_read(record, path);
    }
};

template <class T>
void StoreReader::record(const json& obj, const std::string& path, T& out) {
    FromJson<T> from{*this, obj, path, out};
    Fields<T>::visit(from, out);
}

}  // namespace

json customer_to_json(const Customer& c) { return record_to_json(c); }
json order_to_json(const Order& o) { return record_to_json(o); }
json conversation_to_json(const Conversation& c) { return record_to_json(c); }

json store_to_json(const Store& store) {
    return {{"customers", value_to_json(store.customers, field::kPlain)},
            {"orders", value_to_json(store.orders, field::kPlain)},
            {"conversations", value_to_json(store.conversations, field::kPlain)}};
}

bool store_from_json(const json& j, Store& out, std::string& error) {
    if (!j.is_object()) {
        error = "(root): not an object";
        return false;
    }
    // A store file holds these three lists and nothing else. Ignoring other members would read an
    // export whose first member is not its header as a store, dropping its bookkeeping unseen.
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& key = it.key();
        if (key == "customers" || key == "orders" || key == "conversations") continue;
        std::string pointer;
        for (char ch : key) pointer += ch == '~' ? std::string("~0") : ch == '/' ? std::string("~1") : std::string(1, ch);
        error = pointer + ": unknown field \"" + key + "\"";
        return false;
    }
    StoreReader in;
    Store s;
    in.section(j, "customers", s.customers);
    in.section(j, "orders", s.orders);
    in.section(j, "conversations", s.conversations);
    if (!in.r.ok()) {
        error = in.r.error;
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
