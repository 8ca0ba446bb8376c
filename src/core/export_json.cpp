#include "export_json.h"

#include <algorithm>
#include <cstring>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "model_fields.h"
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
};

// ---- records, from the field list (model_fields.h) ----------------------------------------------
// A flattened record (field::kFlatten) puts its members in the enclosing object, except its records
// that are not flattened in turn: those form one object under the flattened field's name (a
// conversation's `edits`), its "group".

// Passes on a flattened record's members that belong in its group, or those that do not.
template <class Io, bool kGroup>
struct GroupFilter {
    Io& io;
    template <class V>
    void operator()(const char* name, const V& v, uint32_t tags) {
        if (in_group<V>(tags) == kGroup) io(name, v, tags);
    }
};

// Whether a member is written at all (kOmitZero, kPresence), for the group's own omission.
struct AnyWritten {
    bool any = false;
    template <class V>
    void operator()(const char*, const V& v, uint32_t tags) {
        bool written = !((tags & field::kOmitZero) && is_zero(v));
        if constexpr (is_record_v<V>) written = written && present(v);
        any = any || written;
    }
};

struct RecordWriter;
using MemberWriter = void (*)(RecordWriter&, const char* name, const void* value, uint32_t tags);

// One member of a record's JSON object, written later: the export keeps a conversation's members
// in the order version 1 of the format gave them, which is not the order of the field list.
struct Member {
    const char* name;
    const void* value;
    uint32_t tags;
    MemberWriter write;
};

// Writes records as the export has them: members named as in the field list, times as ISO strings
// (null when unset), HLC readings as decimal strings, enums by name, zero values of kOmitZero
// fields and absent records (kPresence) left out. With a Redaction, personal data is replaced
// (redact.h).
struct RecordWriter {
    Writer w;
    Redaction* red = nullptr;
    KnownPerson person;              // the conversation's customer, for redaction
    bool customer_author = false;    // the message being written is the customer's

    template <class V>
    void operator()(const char* name, const V& v, uint32_t tags) {
        if ((tags & field::kOmitZero) && is_zero(v)) return;
        if constexpr (is_record_v<V>) {
            if (!present(v)) return;
            if (tags & field::kFlatten) return flattened(name, v);
            w.key(name);
            object(v);
        } else if constexpr (IsList<V>::value) {
            w.key(name);
            list(v);
        } else {
            scalar(name, v, tags);
        }
    }

    template <class T>
    void object(const T& record) {
        w.o.push_back('{');
        w.first = true;
        if constexpr (std::is_same_v<T, Message>) customer_author = record.role == AuthorRole::Customer;
        Fields<T>::visit(*this, record);
        w.o.push_back('}');
        w.first = false;
    }

    template <class T>
    void list(const std::vector<T>& v) {
        w.o.push_back('[');
        for (size_t i = 0; i < v.size(); ++i) {
            if (i) w.o.push_back(',');
            if constexpr (std::is_same_v<T, std::string>) put_string(w.o, v[i]);
            else object(v[i]);
        }
        w.o.push_back(']');
        w.first = false;
    }

    void scalar(const char* name, const std::string& s, uint32_t tags) {
        using namespace field;
        if (red && (tags & kRedactName)) w.str(name, redact_name(*red, s));
        else if (red && (tags & kRedactEmail) && !s.empty()) w.str(name, redact_email(*red, s));
        else if (red && ((tags & kRedactText) || ((tags & kRedactAuthor) && customer_author))) w.str(name, redact_text(*red, s, person));
        else w.str(name, s);
    }
    void scalar(const char* name, bool b, uint32_t) { w.boolean(name, b); }
    void scalar(const char* name, int64_t v, uint32_t tags) {
        if (tags & field::kHlc) w.str(name, hlc_to_string(v));
        else if (tags & (field::kTime | field::kTimeOrNull)) w.time(name, v);
        else w.integer(name, v);
    }
    template <class E>
    std::enable_if_t<std::is_enum_v<E>> scalar(const char* name, E v, uint32_t) {
        w.str(name, to_string(v));
    }

    template <class T>
    void flattened(const char* name, const T& record) {
        group(name, record);
        GroupFilter<RecordWriter, false> rest{*this};
        Fields<T>::visit(rest, record);
    }
    // The group object, left out when none of its members is written.
    template <class T>
    void group(const char* name, const T& record) {
        if (!has_group<T>()) return;
        AnyWritten written;
        GroupFilter<AnyWritten, true> probe{written};
        Fields<T>::visit(probe, record);
        if (!written.any) return;
        w.key(name);
        w.o.push_back('{');
        w.first = true;
        GroupFilter<RecordWriter, true> members{*this};
        Fields<T>::visit(members, record);
        w.o.push_back('}');
        w.first = false;
    }
};

template <class V>
void write_member(RecordWriter& rw, const char* name, const void* value, uint32_t tags) {
    rw(name, *static_cast<const V*>(value), tags);
}
template <class T>
void write_group(RecordWriter& rw, const char* name, const void* value, uint32_t) {
    rw.group(name, *static_cast<const T*>(value));
}

// The members of a record's JSON object, in field-list order, flattened records resolved the way
// RecordWriter resolves them (the group first, then the other members).
struct MemberList {
    std::vector<Member> members;

    template <class V>
    void operator()(const char* name, const V& v, uint32_t tags) {
        if constexpr (is_record_v<V>) {
            if (tags & field::kFlatten) {
                if (has_group<V>()) members.push_back({name, &v, tags, &write_group<V>});
                GroupFilter<MemberList, false> rest{*this};
                return Fields<V>::visit(rest, v);
            }
        }
        members.push_back({name, &v, tags, &write_member<V>});
    }
};

// The order of a conversation's members in the export, as version 1 of the format wrote them, with
// version 2's closed_at next to the status it belongs to. A member this list does not name (a
// field added later) follows them, in field-list order.
constexpr const char* kConversationOrder[] = {
    "id", "marketplace", "kind", "topic", "subject", "customer_id", "order_id", "folder", "opened_at", "ebay_case",
    "unread", "status", "closed_at", "spam", "spam_suppressed", "assignee", "draft", "labels", "edits", "label_edits", "messages",
    "remarks", "notes", "deleted_remarks", "deleted_notes"};

// Positions in a MemberList of a conversation, in export order. Every conversation lists the same
// members (leaving out is decided when writing), so one order serves them all.
const std::vector<size_t>& conversation_order() {
    static const std::vector<size_t> order = [] {
        const Conversation c;
        MemberList list;
        Fields<Conversation>::visit(list, c);
        std::vector<size_t> out;
        std::vector<bool> placed(list.members.size());
        for (const char* name : kConversationOrder)
            for (size_t k = 0; k < list.members.size(); ++k)
                if (!placed[k] && std::strcmp(list.members[k].name, name) == 0) {
                    out.push_back(k);
                    placed[k] = true;
                }
        for (size_t k = 0; k < placed.size(); ++k)
            if (!placed[k]) out.push_back(k);
        return out;
    }();
    return order;
}

// `c` is a canonical copy (sync.h canonicalize); `who` is its customer, for redaction.
void write_conversation(RecordWriter& rw, MemberList& list, const Conversation& c, const Customer* who) {
    rw.person = who ? KnownPerson{who->name, who->email} : KnownPerson{};
    list.members.clear();
    Fields<Conversation>::visit(list, c);
    rw.w.o.push_back('{');
    rw.w.first = true;
    for (size_t k : conversation_order()) {
        const Member& m = list.members[k];
        m.write(rw, m.name, m.value, m.tags);
    }
    rw.w.o.push_back('}');
    rw.w.first = false;
}

template <typename T>
std::vector<const T*> sorted_by_id(const std::vector<T>& v) {
    std::vector<const T*> out;
    out.reserve(v.size());
    for (const T& x : v) out.push_back(&x);
    std::sort(out.begin(), out.end(), [](const T* a, const T* b) { return a->id < b->id; });
    return out;
}

// The registers' entries, sorted by ID; a subset carries those of its conversations. No section
// at all when there is no entry, so an inbox without registers exports as before.
void write_registers(std::string& o, const Registers& regs, const ExportOptions& opt, const std::vector<const Conversation*>& convs) {
    if (!opt.registers) return;
    std::unordered_set<std::string_view> want;
    for (const Conversation* c : convs) want.insert(c->id);
    bool first = true;
    for (const RegisterEntry* e : sorted_by_id(regs.entries)) {
        if (opt.subset && !want.count(e->conversation_id)) continue;
        o += first ? ",\n\"registers\":[\n" : ",\n";
        first = false;
        o += register_entry_to_json(*e).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    if (!first) o += "\n]";
}

// The store's records by ID through its index, or searched when the index does not cover them
// (a store made record by record without reindex()): a subset then costs what it holds, not the inbox.
struct RecordFinder {
    const Store& store;
    bool indexed;
    explicit RecordFinder(const Store& s) : store(s), indexed(s.indexed()) {}
    template <class T>
    static const T* search(const std::vector<T>& records, std::string_view id) {
        for (const T& r : records)
            if (r.id == id) return &r;
        return nullptr;
    }
    const Conversation* conversation(std::string_view id) const {
        return indexed ? store.find_conversation(id) : search(store.conversations, id);
    }
    const Customer* customer(std::string_view id) const {
        if (id.empty()) return nullptr;
        return indexed ? store.find_customer(id) : search(store.customers, id);
    }
    const Order* order(std::string_view id) const { return indexed ? store.find_order(id) : search(store.orders, id); }
};

// A subset's records: the conversations asked for, the customers and orders they refer to, and
// those asked for; each list sorted by ID.
bool subset_records(const RecordFinder& find, const ExportOptions& opt, std::vector<const Conversation*>& convs,
                    std::vector<const Customer*>& cust, std::vector<const Order*>& orders, std::string& error) {
    std::unordered_set<std::string_view> taken;
    for (const std::string& id : opt.conversation_ids) {
        const Conversation* c = find.conversation(id);
        if (!c) {
            error = "no conversation \"" + id + "\"";
            return false;
        }
        if (taken.insert(id).second) convs.push_back(c);
    }
    std::sort(convs.begin(), convs.end(), [](const Conversation* a, const Conversation* b) { return a->id < b->id; });
    std::unordered_set<std::string_view> want_c(opt.customer_ids.begin(), opt.customer_ids.end()),
        want_o(opt.order_ids.begin(), opt.order_ids.end());
    for (const Conversation* c : convs) {
        if (!c->customer_id.empty()) want_c.insert(c->customer_id);
        if (!c->order_id.empty()) want_o.insert(c->order_id);
    }
    for (std::string_view id : want_c)
        if (const Customer* c = find.customer(id)) cust.push_back(c);
    for (std::string_view id : want_o)
        if (const Order* o = find.order(id)) orders.push_back(o);
    std::sort(cust.begin(), cust.end(), [](const Customer* a, const Customer* b) { return a->id < b->id; });
    std::sort(orders.begin(), orders.end(), [](const Order* a, const Order* b) { return a->id < b->id; });
    return true;
}

}  // namespace

bool export_text(const SyncData& data, const ExportOptions& opt, std::string& out, std::string& error) {
    const Store& store = data.store;
    std::vector<const Conversation*> convs;
    std::vector<const Customer*> cust;
    std::vector<const Order*> orders;
    std::unordered_map<std::string_view, const Customer*> customers;   // the whole file's: every customer by ID
    const RecordFinder find(store);
    if (opt.subset) {
        if (!subset_records(find, opt, convs, cust, orders, error)) return false;
    } else {
        convs = sorted_by_id(store.conversations);
        cust = sorted_by_id(store.customers);
        orders = sorted_by_id(store.orders);
        for (const Customer& c : store.customers) customers.emplace(c.id, &c);
    }
    auto customer_of = [&](const std::string& id) -> const Customer* {
        if (!opt.subset) {
            auto it = customers.find(id);
            return it == customers.end() ? nullptr : it->second;
        }
        return find.customer(id);
    };

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
    RecordWriter rw{Writer{o}, red};
    o += "},\n\"customers\":[";
    for (size_t i = 0; i < cust.size(); ++i) {
        o += i ? ",\n" : "\n";
        rw.object(*cust[i]);
    }
    o += "\n],\n\"orders\":[";
    for (size_t i = 0; i < orders.size(); ++i) {
        o += i ? ",\n" : "\n";
        rw.object(*orders[i]);
    }
    o += "\n],\n\"conversations\":[";
    Conversation copy;
    MemberList members;
    for (size_t i = 0; i < convs.size(); ++i) {
        o += i ? ",\n" : "\n";
        copy = *convs[i];
        apply_spam_rule(copy);
        canonicalize(copy);
        write_conversation(rw, members, copy, customer_of(copy.customer_id));
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
            RecordWriter settings{Writer{o, false}};
            settings("sla_edit", data.sla_edit, field::kPlain);
        }
        o += "}";
    }
    write_registers(o, data.registers, opt, convs);
    // Team data (handover.h): the whole file only, and never in a redacted one (it quotes buyers).
    if (!opt.subset && !opt.redact && !data.handovers.empty()) {
        std::vector<const Handover*> hs;
        for (const Handover& h : data.handovers) hs.push_back(&h);
        std::sort(hs.begin(), hs.end(), [](const Handover* a, const Handover* b) { return std::tie(a->at, a->id) < std::tie(b->at, b->id); });
        o += ",\n\"handovers\":[";
        for (size_t i = 0; i < hs.size(); ++i) {
            o += i ? ",\n" : "\n";
            o += handover_to_json(*hs[i]).dump(-1, ' ', false, json::error_handler_t::replace);
        }
        o += "\n]";
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
