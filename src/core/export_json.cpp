#include "export_json.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "ops.h"
#include "redact.h"
#include "time.h"

namespace sd {

using nlohmann::json;

// ================================================================================================
// Writing
// ================================================================================================
namespace {

// Appends a JSON string literal. Invalid UTF-8 is written as U+FFFD so the file always parses.
void put_string(std::string& o, std::string_view s) {
    o.push_back('"');
    const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
    const unsigned char* end = p + s.size();
    const unsigned char* run = p;
    auto flush = [&](const unsigned char* to) { o.append(reinterpret_cast<const char*>(run), size_t(to - run)); };
    while (p < end) {
        unsigned char c = *p;
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            ++p;
            continue;
        }
        if (c >= 0x80) {
            // Length and validity of a UTF-8 sequence (no overlongs, no surrogates, <= U+10FFFF).
            size_t n = 0;
            if (c >= 0xC2 && c <= 0xDF) n = 2;
            else if (c >= 0xE0 && c <= 0xEF) n = 3;
            else if (c >= 0xF0 && c <= 0xF4) n = 4;
            bool ok = n > 0 && size_t(end - p) >= n;
            for (size_t k = 1; ok && k < n; ++k) ok = (p[k] & 0xC0) == 0x80;
            if (ok && n == 3) ok = !(c == 0xE0 && p[1] < 0xA0) && !(c == 0xED && p[1] >= 0xA0);
            if (ok && n == 4) ok = !(c == 0xF0 && p[1] < 0x90) && !(c == 0xF4 && p[1] >= 0x90);
            if (ok) {
                p += n;
                continue;
            }
            flush(p);
            o += "\xEF\xBF\xBD";
            run = ++p;
            continue;
        }
        flush(p);
        switch (c) {
            case '"': o += "\\\""; break;
            case '\\': o += "\\\\"; break;
            case '\n': o += "\\n"; break;
            case '\r': o += "\\r"; break;
            case '\t': o += "\\t"; break;
            case '\b': o += "\\b"; break;
            case '\f': o += "\\f"; break;
            default: {
                static const char hex[] = "0123456789abcdef";
                o += "\\u00";
                o.push_back(hex[c >> 4]);
                o.push_back(hex[c & 15]);
            }
        }
        run = ++p;
    }
    flush(p);
    o.push_back('"');
}

struct Writer {
    std::string& o;
    bool first = true;   // no comma before the next member

    void key(const char* k) {
        if (!first) o.push_back(',');
        first = false;
        o.push_back('"');
        o += k;
        o += "\":";
    }
    void str(const char* k, std::string_view v) { key(k); put_string(o, v); }
    void raw(const char* k, std::string_view v) { key(k); o += v; }
    void boolean(const char* k, bool v) { raw(k, v ? "true" : "false"); }
    void time(const char* k, Time t) {
        key(k);
        if (t == kNoTime) o += "null";
        else put_string(o, format_iso8601(t));
    }
    void integer(const char* k, int64_t v) { raw(k, std::to_string(v)); }
    void open(const char* k, char bracket) {
        key(k);
        o.push_back(bracket);
        first = true;
    }
    void close(char bracket) {
        o.push_back(bracket);
        first = false;
    }
    void edit(const char* k, const Edit& e) {
        open(k, '{');
        edit_members(e);
        close('}');
    }
    void edit_members(const Edit& e) {
        str("hlc", hlc_to_string(e.stamp.hlc));
        str("replica", e.stamp.replica);
        if (e.replaced != 0) str("replaced", hlc_to_string(e.replaced));
    }
};

void write_customer(std::string& o, const Customer& c, Redaction* red) {
    Writer w{o};
    o.push_back('{');
    w.str("id", c.id);
    w.str("name", red ? redact_name(*red, c.name) : c.name);
    w.str("email", red && !c.email.empty() ? redact_email(*red, c.email) : c.email);
    w.str("country", c.country);
    o.push_back('}');
}

void write_order(std::string& o, const Order& x) {
    Writer w{o};
    o.push_back('{');
    w.str("id", x.id);
    w.str("transaction_id", x.transaction_id);
    w.str("item", x.item);
    w.str("sku", x.sku);
    w.integer("amount_cents", x.amount_cents);
    w.str("currency", x.currency);
    w.time("purchased_at", x.purchased_at);
    w.time("paid_at", x.paid_at);
    w.time("shipped_at", x.shipped_at);
    w.time("estimated_delivery", x.estimated_delivery);
    w.str("region", x.region);
    w.boolean("gift", x.gift);
    w.str("carrier", x.carrier);
    w.str("tracking_number", x.tracking_number);
    o.push_back('}');
}

void write_tombstones(Writer& w, const char* key, const std::vector<Tombstone>& v) {
    if (v.empty()) return;
    w.open(key, '[');
    for (const Tombstone& t : v) {
        if (!w.first) w.o.push_back(',');
        w.first = true;
        w.o.push_back('{');
        w.str("id", t.id);
        w.str("hlc", hlc_to_string(t.stamp.hlc));
        w.str("replica", t.stamp.replica);
        w.o.push_back('}');
        w.first = false;
    }
    w.close(']');
}

// `c` is a canonical copy (sync.h canonicalize); `who` is its customer, for redaction.
void write_conversation(std::string& o, const Conversation& c, Redaction* red, const Customer* who) {
    KnownPerson person;
    if (who) person = {who->name, who->email};
    auto text = [&](const std::string& s) { return red ? redact_text(*red, s, person) : s; };
    Writer w{o};
    o.push_back('{');
    w.str("id", c.id);
    w.str("marketplace", to_string(c.marketplace));
    w.str("kind", to_string(c.kind));
    w.str("topic", to_string(c.topic));
    w.str("subject", text(c.subject));
    w.str("customer_id", c.customer_id);
    w.str("order_id", c.order_id);
    w.str("folder", to_string(c.folder));
    w.time("opened_at", c.opened_at);
    if (c.ebay_case.type != CaseType::None) {
        w.open("ebay_case", '{');
        w.str("type", to_string(c.ebay_case.type));
        w.str("channel", to_string(c.ebay_case.channel));
        w.time("opened_at", c.ebay_case.opened_at);
        w.close('}');
    }
    w.boolean("unread", c.unread);
    w.str("status", to_string(c.status));
    w.str("spam", to_string(c.spam));
    if (c.edits.suppressed_spam != SpamReason::None) w.str("spam_suppressed", to_string(c.edits.suppressed_spam));
    w.str("assignee", c.assignee);
    w.str("draft", text(c.draft));
    w.open("labels", '[');
    for (size_t i = 0; i < c.labels.size(); ++i) {
        if (i) o.push_back(',');
        put_string(o, c.labels[i]);
    }
    w.close(']');
    const ConversationEdits& e = c.edits;
    if (!e.unread.zero() || !e.status.zero() || !e.spam.zero() || !e.assignee.zero() || !e.draft.zero()) {
        w.open("edits", '{');
        if (!e.unread.zero()) w.edit("unread", e.unread);
        if (!e.status.zero()) w.edit("status", e.status);
        if (!e.spam.zero()) w.edit("spam", e.spam);
        if (!e.assignee.zero()) w.edit("assignee", e.assignee);
        if (!e.draft.zero()) w.edit("draft", e.draft);
        w.close('}');
    }
    if (!e.labels.empty()) {
        w.open("label_edits", '[');
        for (size_t i = 0; i < e.labels.size(); ++i) {
            if (i) o.push_back(',');
            o.push_back('{');
            w.first = true;
            w.str("label", e.labels[i].label);
            w.edit_members(e.labels[i].edit);
            o.push_back('}');
        }
        w.close(']');
    }
    w.open("messages", '[');
    for (size_t i = 0; i < c.messages.size(); ++i) {
        const Message& m = c.messages[i];
        if (i) o.push_back(',');
        o.push_back('{');
        w.first = true;
        w.str("id", m.id);
        w.str("direction", to_string(m.direction));
        w.str("role", to_string(m.role));
        w.str("author", red && m.role == AuthorRole::Customer ? text(m.author) : m.author);
        w.time("at", m.at);
        w.str("body", text(m.body));
        w.str("delivery", to_string(m.delivery));
        if (m.auto_reply) w.boolean("auto_reply", true);
        if (m.override_checks) w.boolean("override_checks", true);
        if (!m.delivery_edit.zero()) w.edit("delivery_edit", m.delivery_edit);
        o.push_back('}');
    }
    w.close(']');
    w.open("remarks", '[');
    for (size_t i = 0; i < c.remarks.size(); ++i) {
        const Remark& r = c.remarks[i];
        if (i) o.push_back(',');
        o.push_back('{');
        w.first = true;
        w.str("id", r.id);
        w.str("text", text(r.text));
        w.str("agent", r.agent);
        w.time("at", r.at);
        w.str("flag", to_string(r.flag));
        if (!r.edit.zero()) w.edit("edit", r.edit);
        o.push_back('}');
    }
    w.close(']');
    w.open("notes", '[');
    for (size_t i = 0; i < c.notes.size(); ++i) {
        const Note& n = c.notes[i];
        if (i) o.push_back(',');
        o.push_back('{');
        w.first = true;
        w.str("id", n.id);
        w.str("text", text(n.text));
        w.str("agent", n.agent);
        w.time("at", n.at);
        if (!n.edit.zero()) w.edit("edit", n.edit);
        o.push_back('}');
    }
    w.close(']');
    write_tombstones(w, "deleted_remarks", e.deleted_remarks);
    write_tombstones(w, "deleted_notes", e.deleted_notes);
    o.push_back('}');
}

template <typename T>
std::vector<const T*> sorted_by_id(const std::vector<T>& v) {
    std::vector<const T*> out;
    out.reserve(v.size());
    for (const T& x : v) out.push_back(&x);
    std::sort(out.begin(), out.end(), [](const T* a, const T* b) { return a->id < b->id; });
    return out;
}

}  // namespace

bool export_text(const SyncData& data, const ExportOptions& opt, std::string& out, std::string& error) {
    const Store& store = data.store;
    std::vector<const Conversation*> convs;
    if (opt.subset) {
        std::unordered_map<std::string_view, const Conversation*> by_id;
        by_id.reserve(store.conversations.size());
        for (const Conversation& c : store.conversations) by_id.emplace(c.id, &c);
        std::unordered_set<std::string_view> taken;
        for (const std::string& id : opt.conversation_ids) {
            auto it = by_id.find(id);
            if (it == by_id.end()) {
                error = "no conversation \"" + id + "\"";
                return false;
            }
            if (taken.insert(id).second) convs.push_back(it->second);
        }
        std::sort(convs.begin(), convs.end(), [](const Conversation* a, const Conversation* b) { return a->id < b->id; });
    } else {
        convs = sorted_by_id(store.conversations);
    }
    std::unordered_map<std::string_view, const Customer*> customers;
    for (const Customer& c : store.customers) customers.emplace(c.id, &c);
    // A subset carries the customers and orders its conversations refer to.
    std::vector<const Customer*> cust;
    std::vector<const Order*> orders;
    if (opt.subset) {
        std::unordered_set<std::string_view> want_c, want_o;
        for (const Conversation* c : convs) {
            if (!c->customer_id.empty()) want_c.insert(c->customer_id);
            if (!c->order_id.empty()) want_o.insert(c->order_id);
        }
        for (const Customer* c : sorted_by_id(store.customers))
            if (want_c.count(c->id)) cust.push_back(c);
        for (const Order* o : sorted_by_id(store.orders))
            if (want_o.count(o->id)) orders.push_back(o);
    } else {
        cust = sorted_by_id(store.customers);
        orders = sorted_by_id(store.orders);
    }

    Redaction redaction;
    Redaction* red = opt.redact ? &redaction : nullptr;
    std::string& o = out;
    o.clear();
    o.reserve(size_t(convs.size()) * 2048 + 4096);
    o += "{\"header\":{";
    {
        Writer w{o};
        w.str("format", kExportFormat);
        w.integer("version", kExportVersion);
        w.time("exported_at", opt.exported_at);
        w.str("replica", opt.replica);
        w.str("app_version", opt.app_version);
        w.boolean("redacted", opt.redact);
        w.boolean("subset", opt.subset);
    }
    o += "},\n\"customers\":[";
    for (size_t i = 0; i < cust.size(); ++i) {
        o += i ? ",\n" : "\n";
        write_customer(o, *cust[i], red);
    }
    o += "\n],\n\"orders\":[";
    for (size_t i = 0; i < orders.size(); ++i) {
        o += i ? ",\n" : "\n";
        write_order(o, *orders[i]);
    }
    o += "\n],\n\"conversations\":[";
    Conversation copy;
    for (size_t i = 0; i < convs.size(); ++i) {
        o += i ? ",\n" : "\n";
        copy = *convs[i];
        apply_spam_rule(copy);
        canonicalize(copy);
        auto who = customers.find(copy.customer_id);
        write_conversation(o, copy, red, who == customers.end() ? nullptr : who->second);
    }
    o += "\n]";
    if (opt.templates) {
        o += ",\n\"templates\":[";
        std::vector<const Template*> ts = sorted_by_id(data.templates.templates);
        for (size_t i = 0; i < ts.size(); ++i) {
            o += i ? ",\n" : "\n";
            json t = template_to_json(*ts[i]);
            if (!ts[i]->stamp.zero()) t["stamp"] = stamp_to_json(ts[i]->stamp);
            o += t.dump(-1, ' ', false, json::error_handler_t::replace);
        }
        o += "\n]";
    }
    if (opt.settings) {
        o += ",\n\"settings\":{\"sla_policies\":";
        o += sla_policies_to_json(data.sla).dump(-1, ' ', false, json::error_handler_t::replace);
        if (!data.sla_edit.zero()) {
            Writer w{o, false};
            w.edit("sla_edit", data.sla_edit);
        }
        o += "}";
    }
    o += "\n}\n";
    return true;
}

// ================================================================================================
// Places in the text
// ================================================================================================
void line_column(std::string_view text, size_t offset, size_t& line, size_t& column) {
    offset = std::min(offset, text.size());
    line = 1;
    size_t line_start = 0;
    const char* base = text.data();
    const char* p = base;
    const char* end = base + offset;
    while (p < end) {
        const void* nl = std::memchr(p, '\n', size_t(end - p));
        if (!nl) break;
        ++line;
        p = static_cast<const char*>(nl) + 1;
        line_start = size_t(p - base);
    }
    column = 1;
    for (size_t i = line_start; i < offset; ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
}

namespace {

size_t skip_ws(std::string_view t, size_t p) {
    while (p < t.size() && (t[p] == ' ' || t[p] == '\n' || t[p] == '\r' || t[p] == '\t')) ++p;
    return p;
}

// Past the end of the string starting at the quote at p; its decoded bytes in `out` (when given).
size_t scan_string(std::string_view t, size_t p, std::string* out) {
    ++p;
    while (p < t.size() && t[p] != '"') {
        if (t[p] == '\\' && p + 1 < t.size()) {
            char e = t[p + 1];
            if (e == 'u' && p + 5 < t.size()) {
                unsigned cp = 0;
                for (size_t k = 2; k < 6; ++k) {
                    char h = t[p + k];
                    cp = cp * 16 + unsigned(h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : 0);
                }
                if (out) {   // enough for keys: BMP only, surrogates as written
                    if (cp < 0x80) out->push_back(char(cp));
                    else if (cp < 0x800) { out->push_back(char(0xC0 | (cp >> 6))); out->push_back(char(0x80 | (cp & 63))); }
                    else { out->push_back(char(0xE0 | (cp >> 12))); out->push_back(char(0x80 | ((cp >> 6) & 63))); out->push_back(char(0x80 | (cp & 63))); }
                }
                p += 6;
                continue;
            }
            if (out) out->push_back(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == 'b' ? '\b' : e == 'f' ? '\f' : e);
            p += 2;
            continue;
        }
        if (out) out->push_back(t[p]);
        ++p;
    }
    return p < t.size() ? p + 1 : p;
}

// Past the end of the value starting at p (iterative: the depth of a hostile file is no danger).
size_t skip_value(std::string_view t, size_t p) {
    if (p >= t.size()) return p;
    if (t[p] == '"') return scan_string(t, p, nullptr);
    if (t[p] != '{' && t[p] != '[') {
        while (p < t.size() && t[p] != ',' && t[p] != '}' && t[p] != ']' && t[p] != ' ' && t[p] != '\n' &&
               t[p] != '\r' && t[p] != '\t')
            ++p;
        return p;
    }
    size_t depth = 0;
    while (p < t.size()) {
        char c = t[p];
        if (c == '"') {
            p = scan_string(t, p, nullptr);
            continue;
        }
        if (c == '{' || c == '[') ++depth;
        if (c == '}' || c == ']') {
            if (--depth == 0) return p + 1;
        }
        ++p;
    }
    return p;
}

}  // namespace

size_t locate_pointer(std::string_view t, std::string_view pointer) {
    size_t pos = skip_ws(t, 0);
    while (!pointer.empty() && pos < t.size()) {
        size_t slash = pointer.find('/');
        std::string token(pointer.substr(0, slash));
        pointer = slash == std::string_view::npos ? std::string_view() : pointer.substr(slash + 1);
        for (size_t k; (k = token.find("~1")) != std::string::npos;) token.replace(k, 2, "/");
        for (size_t k; (k = token.find("~0")) != std::string::npos;) token.replace(k, 2, "~");
        if (t[pos] == '{') {
            size_t p = skip_ws(t, pos + 1);
            bool found = false;
            while (p < t.size() && t[p] == '"') {
                std::string key;
                p = skip_ws(t, scan_string(t, p, &key));
                if (p >= t.size() || t[p] != ':') return pos;
                p = skip_ws(t, p + 1);
                if (key == token) {
                    pos = p;
                    found = true;
                    break;
                }
                p = skip_ws(t, skip_value(t, p));
                if (p < t.size() && t[p] == ',') p = skip_ws(t, p + 1);
            }
            if (!found) return pos;
        } else if (t[pos] == '[') {
            size_t want = 0;
            for (char ch : token) want = want * 10 + size_t(ch >= '0' && ch <= '9' ? ch - '0' : 0);
            size_t p = skip_ws(t, pos + 1);
            size_t i = 0;
            while (p < t.size() && t[p] != ']' && i < want) {
                p = skip_ws(t, skip_value(t, p));
                if (p < t.size() && t[p] == ',') p = skip_ws(t, p + 1);
                else break;
                ++i;
            }
            if (i != want || p >= t.size() || t[p] == ']') return pos;
            pos = p;
        } else {
            return pos;
        }
    }
    return pos;
}

std::string ImportError::message() const {
    std::string s = pointer.empty() ? "(file)" : pointer;
    if (line > 0) s += " (line " + std::to_string(line) + ", column " + std::to_string(column) + ")";
    return s + ": " + reason;
}

}  // namespace sd
