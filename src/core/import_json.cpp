// Reading an export file (export_json.h): one streaming pass with the resumable JSON reader
// (json_reader.h, so the app can read a slice per frame) that builds the records directly (no
// document tree for the bulk of the file, so memory stays close to the size of the data), then a
// pass for what needs the whole file (duplicate IDs, references, templates and SLA policies).
// Every error is turned into pointer + line:column + reason; the place is found again in the text
// only when there is an error (locate_pointer).
//
// What members a record's object has, their types, which are required and where each value is
// stored all come from the field list (model_fields.h), turned into tables once; only the file's
// own objects (the root, the header, the settings) are listed here.
#include <algorithm>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "export_json.h"
#include "json_reader.h"
#include "model_fields.h"
#include "ops.h"
#include "time.h"

namespace sd {

using nlohmann::json;

namespace {

enum class Kind : uint8_t {
    // objects: the file's own (tables written below), then the records (tables from the field list)
    Root, Header, Settings, Customer, Order, Conversation, EbayCase, Edits, Edit, LabelEdit, Message, Remark, Note,
    Tombstone, Attachment, Defect,
    // arrays
    Customers, Orders, Conversations, Labels, LabelEdits, Messages, Remarks, Notes, Tombstones, Attachments, Defects,
    Templates,
    Registers,   // captured as documents, like templates (registers.h reads them)
    Handovers,   // captured as documents, read by handover.h
};
constexpr size_t kKindCount = size_t(Kind::Handovers) + 1;

size_t deepest_opening(std::string_view t, int max_depth);

enum class Type : uint8_t { Str, Bool, Int, Time, TimeOrNull, Hlc, Object, Array, Dom };

// A scalar from the parser.
struct Scalar {
    enum Tag { Null, Bool, Int, Uint, Float, String } tag = Null;
    bool b = false;
    int64_t i = 0;
    uint64_t u = 0;
    std::string* s = nullptr;
};

// Stores a scalar whose type the reader has checked into a record's member (`t`: the time parsed
// from a time string, `hlc`: the HLC reading parsed from its string).
enum class Stored : uint8_t { Ok, Empty, UnknownValue, Absent };
using Setter = Stored (*)(void* member, const Scalar& v, Time t, int64_t hlc);
// Appends a default element to a list and returns it.
using Appender = void* (*)(void* list);

struct FieldSpec {
    const char* name;
    Type type;
    Kind child = Kind::Root;    // Object / Array members
    bool required = false;
    size_t offset = 0;          // records: of the member in the record the table is for
    Setter set = nullptr;       // records' scalars
    Appender append = nullptr;  // lists of records
};

struct Table {
    std::vector<FieldSpec> fields;
    // A stamp flattened into this object (an edit, a label edit, a tombstone): where it is and
    // which fields are its clock reading and replica, which must be set.
    int stamp_hlc = -1, stamp_replica = -1;
    size_t stamp_offset = 0;

    int index(const char* name) const {
        for (size_t k = 0; k < fields.size(); ++k)
            if (std::strcmp(fields[k].name, name) == 0) return int(k);
        return -1;
    }
};

// ---- storing values ----------------------------------------------------------------------------
Stored set_text(void* m, const Scalar& v, Time, int64_t) {
    *static_cast<std::string*>(m) = *v.s;
    return Stored::Ok;
}
Stored set_id(void* m, const Scalar& v, Time, int64_t) {
    if (v.s->empty()) return Stored::Empty;
    *static_cast<std::string*>(m) = *v.s;
    return Stored::Ok;
}
Stored set_bool(void* m, const Scalar& v, Time, int64_t) {
    *static_cast<bool*>(m) = v.b;
    return Stored::Ok;
}
Stored set_int(void* m, const Scalar& v, Time, int64_t) {
    *static_cast<int64_t*>(m) = v.i;
    return Stored::Ok;
}
Stored set_time(void* m, const Scalar&, Time t, int64_t) {
    *static_cast<int64_t*>(m) = t;
    return Stored::Ok;
}
Stored set_hlc(void* m, const Scalar&, Time, int64_t hlc) {
    *static_cast<int64_t*>(m) = hlc;
    return Stored::Ok;
}
// An enum by name; with kPresence, its zero value is written by leaving the record out.
template <class E, bool kPresence>
Stored set_enum(void* m, const Scalar& v, Time, int64_t) {
    E e{};
    if (!parse(*v.s, e)) return Stored::UnknownValue;
    if (kPresence && e == E()) return Stored::Absent;
    *static_cast<E*>(m) = e;
    return Stored::Ok;
}
template <class T>
void* append(void* list) {
    auto& v = *static_cast<std::vector<T>*>(list);
    v.emplace_back();
    return &v.back();
}

// ---- the file's own objects --------------------------------------------------------------------
const FieldSpec kRootFields[] = {{"header", Type::Object, Kind::Header, true},
                                 {"customers", Type::Array, Kind::Customers, false, 0, nullptr, &append<Customer>},
                                 {"orders", Type::Array, Kind::Orders, false, 0, nullptr, &append<Order>},
                                 {"conversations", Type::Array, Kind::Conversations, false, 0, nullptr, &append<Conversation>},
                                 {"templates", Type::Array, Kind::Templates, false},
                                 {"settings", Type::Object, Kind::Settings, false},
                                 {"registers", Type::Array, Kind::Registers, false},
                                 {"handovers", Type::Array, Kind::Handovers, false}};
enum { RHeader, RCustomers, ROrders, RConversations, RTemplates, RSettings, RRegisters, RHandovers };
const FieldSpec kHeaderFields[] = {{"format", Type::Str, Kind::Root, true},
                                   {"version", Type::Int, Kind::Root, true},
                                   {"exported_at", Type::Time, Kind::Root, true},
                                   {"replica", Type::Str, Kind::Root, true},
                                   {"app_version", Type::Str, Kind::Root, true},
                                   {"redacted", Type::Bool, Kind::Root, false},
                                   {"subset", Type::Bool, Kind::Root, false}};
enum { HFormat, HVersion, HExportedAt, HReplica, HAppVersion, HRedacted, HSubset };
const FieldSpec kSettingsFields[] = {{"sla_policies", Type::Dom, Kind::Root, false},
                                     {"sla_edit", Type::Object, Kind::Edit, false}};

// ---- the records' objects, from the field list (model_fields.h) -------------------------------
// The kind of a record's object (Root: never on its own in a file, as a stamp, which is always
// flattened), and of a list of them.
template <class T>
constexpr Kind object_kind() {
    if constexpr (std::is_same_v<T, Customer>) return Kind::Customer;
    else if constexpr (std::is_same_v<T, Order>) return Kind::Order;
    else if constexpr (std::is_same_v<T, Conversation>) return Kind::Conversation;
    else if constexpr (std::is_same_v<T, EbayCase>) return Kind::EbayCase;
    else if constexpr (std::is_same_v<T, ConversationEdits>) return Kind::Edits;
    else if constexpr (std::is_same_v<T, Edit>) return Kind::Edit;
    else if constexpr (std::is_same_v<T, LabelEdit>) return Kind::LabelEdit;
    else if constexpr (std::is_same_v<T, Message>) return Kind::Message;
    else if constexpr (std::is_same_v<T, Remark>) return Kind::Remark;
    else if constexpr (std::is_same_v<T, Note>) return Kind::Note;
    else if constexpr (std::is_same_v<T, Tombstone>) return Kind::Tombstone;
    else if constexpr (std::is_same_v<T, Attachment>) return Kind::Attachment;
    else if constexpr (std::is_same_v<T, Defect>) return Kind::Defect;
    else return Kind::Root;
}
template <class T>
constexpr Kind list_kind() {
    if constexpr (std::is_same_v<T, std::string>) return Kind::Labels;
    else if constexpr (std::is_same_v<T, LabelEdit>) return Kind::LabelEdits;
    else if constexpr (std::is_same_v<T, Message>) return Kind::Messages;
    else if constexpr (std::is_same_v<T, Remark>) return Kind::Remarks;
    else if constexpr (std::is_same_v<T, Note>) return Kind::Notes;
    else if constexpr (std::is_same_v<T, Tombstone>) return Kind::Tombstones;
    else if constexpr (std::is_same_v<T, Attachment>) return Kind::Attachments;
    else if constexpr (std::is_same_v<T, Defect>) return Kind::Defects;
    else return Kind::Root;   // the top-level lists are the file's own (kRootFields)
}

// Adds one entry per JSON member to a table, from the field list of the record at `base`.
struct TableBuilder {
    Table& t;
    const char* base;
    int group = -1;   // -1: every member; 0: all but a flattened record's group; 1: only its group

    template <class V>
    void operator()(const char* name, V& v, uint32_t tags) {
        if (group >= 0 && in_group<V>(tags) != (group == 1)) return;
        FieldSpec f{name, Type::Str};
        f.required = tags & field::kRequired;
        f.offset = size_t(reinterpret_cast<const char*>(&v) - base);
        if constexpr (is_record_v<V>) {
            if (tags & field::kFlatten) return flatten(name, v, f.offset);
            f.type = Type::Object;
            f.child = object_kind<V>();
        } else if constexpr (IsList<V>::value) {
            using E = typename V::value_type;
            f.type = Type::Array;
            f.child = list_kind<E>();
            if constexpr (is_record_v<E>) f.append = &append<E>;
        } else if constexpr (std::is_same_v<V, std::string>) {
            f.set = (tags & field::kId) == field::kId ? &set_id : &set_text;
        } else if constexpr (std::is_same_v<V, bool>) {
            f.type = Type::Bool;
            f.set = &set_bool;
        } else if constexpr (std::is_same_v<V, int64_t>) {
            f.type = tags & field::kHlc ? Type::Hlc : tags & field::kTimeOrNull ? Type::TimeOrNull
                     : tags & field::kTime ? Type::Time : Type::Int;
            f.set = tags & field::kHlc ? &set_hlc : tags & (field::kTime | field::kTimeOrNull) ? &set_time : &set_int;
        } else {
            static_assert(std::is_enum_v<V>, "a field of a type the export cannot read");
            f.set = tags & field::kPresence ? &set_enum<V, true> : &set_enum<V, false>;
        }
        t.fields.push_back(f);
    }

    template <class R>
    void flatten(const char* name, R& record, size_t offset);
};

template <class R>
void TableBuilder::flatten(const char* name, R& record, size_t offset) {
    if (has_group<R>()) t.fields.push_back({name, Type::Object, object_kind<R>(), false, offset});
    const size_t first = t.fields.size();
    TableBuilder rest{t, base, 0};
    Fields<R>::visit(rest, record);
    if constexpr (std::is_same_v<R, Stamp>) {
        t.stamp_offset = offset;
        for (size_t k = first; k < t.fields.size(); ++k) {
            if (std::strcmp(t.fields[k].name, "hlc") == 0) t.stamp_hlc = int(k);
            if (std::strcmp(t.fields[k].name, "replica") == 0) t.stamp_replica = int(k);
        }
    }
}

// `group`: as TableBuilder's (1 for the table of a flattened record's group object).
template <class T>
Table record_table(int group = -1) {
    T record{};
    Table t;
    TableBuilder b{t, reinterpret_cast<const char*>(&record), group};
    Fields<T>::visit(b, record);
    return t;
}

template <size_t N>
Table file_table(const FieldSpec (&f)[N]) {
    Table t;
    t.fields.assign(f, f + N);
    return t;
}

struct Tables {
    Table of[kKindCount];
    int conversation_opened_at = -1;   // the index of `opened_at` in a conversation's table

    const Table& operator[](Kind k) const { return of[size_t(k)]; }
};

const Tables& all_tables() {
    static const Tables all = [] {
        Tables t;
        auto set = [&](Kind k, Table table) { t.of[size_t(k)] = std::move(table); };
        set(Kind::Root, file_table(kRootFields));
        set(Kind::Header, file_table(kHeaderFields));
        set(Kind::Settings, file_table(kSettingsFields));
        set(Kind::Customer, record_table<Customer>());
        set(Kind::Order, record_table<Order>());
        set(Kind::Conversation, record_table<Conversation>());
        set(Kind::EbayCase, record_table<EbayCase>());
        set(Kind::Edits, record_table<ConversationEdits>(1));
        set(Kind::Edit, record_table<Edit>());
        set(Kind::LabelEdit, record_table<LabelEdit>());
        set(Kind::Message, record_table<Message>());
        set(Kind::Remark, record_table<Remark>());
        set(Kind::Note, record_table<Note>());
        set(Kind::Tombstone, record_table<Tombstone>());
        set(Kind::Attachment, record_table<Attachment>());
        set(Kind::Defect, record_table<Defect>());
        t.conversation_opened_at = t[Kind::Conversation].index("opened_at");
        return t;
    }();
    return all;
}

bool is_array(Kind k) { return k >= Kind::Customers; }

// What an element of an array kind is.
Kind element_of(Kind k) {
    switch (k) {
        case Kind::Customers: return Kind::Customer;
        case Kind::Orders: return Kind::Order;
        case Kind::Conversations: return Kind::Conversation;
        case Kind::LabelEdits: return Kind::LabelEdit;
        case Kind::Messages: return Kind::Message;
        case Kind::Remarks: return Kind::Remark;
        case Kind::Notes: return Kind::Note;
        case Kind::Tombstones: return Kind::Tombstone;
        case Kind::Attachments: return Kind::Attachment;
        case Kind::Defects: return Kind::Defect;
        default: return Kind::Root;   // Labels: strings; Templates: captured as documents
    }
}

const char* type_name(Type t) {
    switch (t) {
        case Type::Str: return "a string";
        case Type::Bool: return "true or false";
        case Type::Int: return "an integer";
        case Type::Time: return "an ISO 8601 time string";
        case Type::TimeOrNull: return "an ISO 8601 time string or null";
        case Type::Hlc: return "a decimal number in a string";
        case Type::Object: return "an object";
        case Type::Array: return "an array";
        case Type::Dom: return "an object";
    }
    return "?";
}

struct Frame {
    Kind kind;
    int field = -1;                // objects: the member being read
    uint64_t seen = 0;             // objects: members given (bit per field)
    size_t count = 0;              // arrays: elements so far
    void* target = nullptr;        // objects: the record being filled; arrays: the list
    Appender append = nullptr;     // arrays of records
};

// Builds a small document (a template, the SLA policies) from SAX events.
struct DomBuilder {
    json root;
    std::vector<json*> stack;
    std::string key;
    bool done = false;

    json* slot() {
        if (stack.empty()) return &root;
        json& top = *stack.back();
        if (top.is_array()) {
            top.push_back(nullptr);
            return &top.back();
        }
        return &top[key];
    }
    void value(json v) {
        *slot() = std::move(v);
        if (stack.empty()) done = true;
    }
    void open(bool object) {
        json* s = slot();
        *s = object ? json::object() : json::array();
        stack.push_back(s);
    }
    void close() {
        stack.pop_back();
        if (stack.empty()) done = true;
    }
};

struct Handler {
    std::string_view text;
    const ImportLimits& limits;
    ExportFile& out;
    ImportError& error;
    const Tables& tables = all_tables();
    bool failed = false;
    std::vector<Frame> frames;
    int depth = 0;
    size_t messages = 0;
    uint64_t root_seen = 0;     // the top-level members the file has

    // Captured documents: templates in file order, the SLA policies.
    bool dom_active = false;
    int dom_depth = 0;
    Kind dom_for = Kind::Root;
    DomBuilder dom;
    std::vector<json> templates;
    json registers = json::array();
    json handovers = json::array();
    json sla;
    bool have_sla = false;

    // Conversations' items, counted per conversation.
    std::unordered_set<std::string_view> ids;   // reused for duplicate checks inside one conversation

    // ---- errors ----
    std::string pointer_here(bool with_current) const {
        std::string p;
        for (size_t k = 0; k < frames.size(); ++k) {
            const Frame& f = frames[k];
            bool last = k + 1 == frames.size();
            if (last && !with_current) break;
            if (is_array(f.kind)) {
                if (f.count == 0) break;
                p += '/';
                p += std::to_string(f.count - 1);
            } else {
                if (f.field < 0) break;
                p += '/';
                p += tables[f.kind].fields[size_t(f.field)].name;
            }
        }
        return p.empty() ? p : p.substr(1);
    }
    bool fail_at(std::string pointer, std::string reason) {
        if (!failed) {
            failed = true;
            error.pointer = std::move(pointer);
            error.reason = std::move(reason);
            size_t at = locate_pointer(text, error.pointer);
            line_column(text, at, error.line, error.column);
        }
        return false;
    }
    bool fail(std::string reason, bool with_current = true) { return fail_at(pointer_here(with_current), std::move(reason)); }

    // The object or list a member fills: the file's own objects by hand, records' from the table.
    void* member_target(Frame& f, const FieldSpec& spec) {
        switch (f.kind) {
            case Kind::Root:
                switch (spec.child) {
                    case Kind::Header: return &out.header;
                    case Kind::Customers: return &out.data.store.customers;
                    case Kind::Orders: return &out.data.store.orders;
                    case Kind::Conversations: return &out.data.store.conversations;
                    default: return nullptr;   // settings: its own members are found below
                }
            case Kind::Settings: return &out.data.sla_edit;
            default: return static_cast<char*>(f.target) + spec.offset;
        }
    }

    bool check_count(Frame& a) {
        size_t limit = limits.max_items_per_conversation;
        const char* what = "items";
        switch (a.kind) {
            case Kind::Customers: limit = limits.max_customers; what = "customers"; break;
            case Kind::Orders: limit = limits.max_orders; what = "orders"; break;
            case Kind::Conversations: limit = limits.max_conversations; what = "conversations"; break;
            case Kind::Templates: limit = limits.max_templates; what = "templates"; break;
            case Kind::Registers: limit = limits.max_conversations; what = "register entries"; break;
            case Kind::Handovers: limit = limits.max_templates; what = "handovers"; break;
            case Kind::Messages:
                if (++messages > limits.max_messages)
                    return fail("more than " + std::to_string(limits.max_messages) + " messages in the file (the limit)");
                what = "messages in one conversation";
                break;
            default: break;
        }
        if (a.count > limit) return fail("more than " + std::to_string(limit) + " " + what + " (the limit)");
        return true;
    }

    // ---- containers ----
    bool enter(bool object) {
        if (++depth > limits.max_depth) {
            fail("nested deeper than " + std::to_string(limits.max_depth) + " levels (the limit)");
            // The place is the bracket that goes one level too deep, found again in the text.
            line_column(text, deepest_opening(text, limits.max_depth), error.line, error.column);
            return false;
        }
        if (dom_active) {
            ++dom_depth;
            dom.open(object);
            return true;
        }
        if (frames.empty()) {
            if (!object) return fail_at("", "the file must hold one JSON object, not an array");
            frames.push_back({Kind::Root});
            return true;
        }
        Frame& top = frames.back();
        Kind child;
        void* target = nullptr;
        Appender append = nullptr;
        if (is_array(top.kind)) {
            ++top.count;
            if (!check_count(top)) return false;
            if (top.kind == Kind::Templates || top.kind == Kind::Registers || top.kind == Kind::Handovers) {
                if (!object) return fail("not an object");
                return start_dom(top.kind, object);
            }
            child = element_of(top.kind);
            if (child == Kind::Root) return fail("not a string");   // labels
            if (!object) return fail("not an object");
            target = top.append(top.target);
        } else {
            if (top.field < 0) return fail("expected a member name");
            const FieldSpec& spec = tables[top.kind].fields[size_t(top.field)];
            if (spec.type == Type::Dom) {
                if (!object) return fail("not an object");
                return start_dom(Kind::Settings, object);
            }
            if (spec.type != (object ? Type::Object : Type::Array)) return fail(std::string("not ") + type_name(spec.type));
            child = spec.child;
            target = member_target(top, spec);
            append = spec.append;
        }
        frames.push_back({child});
        frames.back().target = target;
        frames.back().append = append;
        return true;
    }

    bool start_dom(Kind what, bool object) {
        dom_active = true;
        dom_depth = 1;
        dom_for = what;
        dom = DomBuilder();
        dom.open(object);
        return true;
    }

    void finish_dom() {
        dom_active = false;
        if (dom_for == Kind::Templates) templates.push_back(std::move(dom.root));
        else if (dom_for == Kind::Registers) registers.push_back(std::move(dom.root));
        else if (dom_for == Kind::Handovers) handovers.push_back(std::move(dom.root));
        else {
            sla = std::move(dom.root);
            have_sla = true;
        }
    }

    bool leave() {
        --depth;
        if (dom_active) {
            dom.close();
            if (--dom_depth == 0) finish_dom();
            return true;
        }
        Frame f = frames.back();
        frames.pop_back();
        if (f.kind == Kind::Root) root_seen = f.seen;
        const Table& t = tables[f.kind];
        for (size_t k = 0; k < t.fields.size(); ++k)
            if (t.fields[k].required && !(f.seen & (uint64_t(1) << k))) {
                frames.push_back(f);   // so the pointer names this object
                frames.back().field = int(k);
                return fail(std::string("missing (required: ") + type_name(t.fields[k].type) + ")");
            }
        if (f.kind == Kind::Conversation) {
            frames.push_back(f);
            bool ok = finish_conversation(*static_cast<Conversation*>(f.target));
            frames.pop_back();
            return ok;
        }
        if (t.stamp_hlc >= 0) {   // a stamp in a file always has both parts
            const Stamp& s = *reinterpret_cast<const Stamp*>(static_cast<const char*>(f.target) + t.stamp_offset);
            if (s.hlc == 0 || s.replica.empty()) {
                frames.push_back(f);
                frames.back().field = s.hlc == 0 ? t.stamp_hlc : t.stamp_replica;
                return fail(s.hlc == 0 ? "must be greater than 0" : "empty (a stamp names its replica)");
            }
        }
        return true;
    }

    // Duplicates inside one conversation, then the derived spam rule.
    bool finish_conversation(Conversation& c) {
        auto unique = [&](auto& list, const char* member, const char* key, auto id_of) {
            ids.clear();
            for (size_t k = 0; k < list.size(); ++k) {
                const std::string& id = id_of(list[k]);
                if (!ids.insert(id).second)
                    return fail_at(pointer_here(false) + "/" + member + "/" + std::to_string(k) +
                                       (key[0] ? std::string("/") + key : std::string()),
                                   "duplicate \"" + id + "\" in this conversation");
            }
            return true;
        };
        auto id = [](const auto& x) -> const std::string& { return x.id; };
        if (!unique(c.messages, "messages", "id", id) || !unique(c.remarks, "remarks", "id", id) ||
            !unique(c.notes, "notes", "id", id) || !unique(c.edits.deleted_remarks, "deleted_remarks", "id", id) ||
            !unique(c.edits.deleted_notes, "deleted_notes", "id", id) ||
            !unique(c.labels, "labels", "", [](const std::string& s) -> const std::string& { return s; }) ||
            !unique(c.edits.labels, "label_edits", "label", [](const LabelEdit& l) -> const std::string& { return l.label; }))
            return false;
        if (c.edits.suppressed_spam != SpamReason::None && c.spam != SpamReason::None)
            return fail_at(pointer_here(false) + "/spam_suppressed", "only with \"spam\": \"none\"");
        if (!(frames.back().seen & (uint64_t(1) << tables.conversation_opened_at))) c.opened_at = c.messages.empty() ? 0 : c.messages.front().at;
        // Tombstoned remarks and notes are gone.
        auto buried = [](const std::vector<Tombstone>& g, const std::string& x) {
            for (const Tombstone& t : g)
                if (t.id == x) return true;
            return false;
        };
        if (!c.edits.deleted_remarks.empty())
            c.remarks.erase(std::remove_if(c.remarks.begin(), c.remarks.end(),
                                           [&](const Remark& r) { return buried(c.edits.deleted_remarks, r.id); }),
                            c.remarks.end());
        if (!c.edits.deleted_notes.empty())
            c.notes.erase(std::remove_if(c.notes.begin(), c.notes.end(),
                                         [&](const Note& n) { return buried(c.edits.deleted_notes, n.id); }),
                          c.notes.end());
        apply_spam_rule(c);
        canonicalize(c);
        return true;
    }

    // ---- members and values ----
    bool member(std::string& name) {
        if (name.size() > limits.max_string_bytes) return fail("a member name longer than the limit");
        if (dom_active) {
            if (!dom.stack.empty() && dom.stack.back()->is_object() && dom.stack.back()->contains(name))
                return fail("duplicate key \"" + name + "\"");
            dom.key = name;
            return true;
        }
        Frame& f = frames.back();
        const Table& t = tables[f.kind];
        for (size_t k = 0; k < t.fields.size(); ++k) {
            const char* n = t.fields[k].name;
            if (n[0] == name[0] && name == n) {
                if (f.seen & (uint64_t(1) << k)) {
                    f.field = int(k);
                    return fail("duplicate key \"" + name + "\"");
                }
                f.seen |= uint64_t(1) << k;
                f.field = int(k);
                return true;
            }
        }
        f.field = -1;
        std::string where = pointer_here(false), escaped;
        for (char ch : name) escaped += ch == '~' ? std::string("~0") : ch == '/' ? std::string("~1") : std::string(1, ch);
        return fail_at(where.empty() ? escaped : where + "/" + escaped, "unknown field \"" + name + "\"");
    }

    bool value(Scalar v) {
        if (v.tag == Scalar::String && v.s->size() > limits.max_string_bytes)
            return fail("a string longer than " + std::to_string(limits.max_string_bytes) + " bytes (the limit)",
                        !frames.empty());
        if (dom_active) {
            switch (v.tag) {
                case Scalar::Null: dom.value(nullptr); break;
                case Scalar::Bool: dom.value(v.b); break;
                case Scalar::Int: dom.value(v.i); break;
                case Scalar::Uint: dom.value(v.u); break;
                case Scalar::String: dom.value(*v.s); break;
                case Scalar::Float: break;   // number_float() fills documents itself
            }
            return true;
        }
        if (frames.empty()) return fail_at("", "the file must hold one JSON object");
        Frame& f = frames.back();
        if (is_array(f.kind)) {
            ++f.count;
            if (!check_count(f)) return false;
            if (f.kind != Kind::Labels) return fail("not an object");
            if (v.tag != Scalar::String) return fail("not a string");
            if (v.s->empty()) return fail("empty");
            static_cast<std::vector<std::string>*>(f.target)->push_back(*v.s);
            return true;
        }
        const FieldSpec& spec = tables[f.kind].fields[size_t(f.field)];
        // Type check, then store.
        switch (spec.type) {
            case Type::Str:
            case Type::Time:
            case Type::Hlc:
                if (v.tag != Scalar::String) return fail(std::string("not ") + type_name(spec.type));
                break;
            case Type::TimeOrNull:
                if (v.tag != Scalar::String && v.tag != Scalar::Null) return fail(std::string("not ") + type_name(spec.type));
                break;
            case Type::Bool:
                if (v.tag != Scalar::Bool) return fail("not true or false");
                break;
            case Type::Int:
                if (v.tag != Scalar::Int && !(v.tag == Scalar::Uint && v.u <= uint64_t(INT64_MAX)))
                    return fail("not an integer");
                if (v.tag == Scalar::Uint) v.i = int64_t(v.u);
                break;
            default: return fail(std::string("not ") + type_name(spec.type));
        }
        Time t = kNoTime;
        if ((spec.type == Type::Time || spec.type == Type::TimeOrNull) && v.tag == Scalar::String &&
            !parse_iso8601(*v.s, t))
            return fail("not an ISO 8601 time");
        int64_t hlc = 0;
        if (spec.type == Type::Hlc && !parse_hlc(*v.s, hlc)) return fail("not a clock reading (a decimal number in a string)");
        if (f.kind == Kind::Header) return store_header(f.field, v, t);
        switch (spec.set(static_cast<char*>(f.target) + spec.offset, v, t, hlc)) {
            case Stored::Ok: return true;
            case Stored::Empty: return fail("empty");
            case Stored::UnknownValue: return fail("unknown value \"" + *v.s + "\"");
            case Stored::Absent: {
                // The zero value of a kPresence field: the record (an eBay case) would not exist.
                const Frame& parent = frames[frames.size() - 2];
                return fail("\"" + *v.s + "\" is written by leaving " + tables[parent.kind].fields[size_t(parent.field)].name + " out");
            }
        }
        return true;
    }

    bool store_header(int field, const Scalar& v, Time t) {
        const std::string empty;
        const std::string& s = v.tag == Scalar::String ? *v.s : empty;
        ExportHeader& h = out.header;
        switch (field) {
            case HFormat:
                if (s != kExportFormat) return fail("not a SellerDesk export (expected \"sellerdesk-export\")");
                return true;
            case HVersion:
                if (v.i < kOldestExportVersion || v.i > kExportVersion)
                    return fail("version " + std::to_string(v.i) + " is not supported (this build reads versions " +
                                std::to_string(kOldestExportVersion) + (kExportVersion == kOldestExportVersion + 1 ? " and " : " to ") +
                                std::to_string(kExportVersion) + ")");
                h.version = int(v.i);
                return true;
            case HExportedAt: h.exported_at = t; return true;
            case HReplica: h.replica = s; return true;
            case HAppVersion: h.app_version = s; return true;
            case HRedacted: h.redacted = v.b; return true;
            case HSubset: h.subset = v.b; return true;
        }
        return true;
    }

    // ---- nlohmann SAX interface ----
    bool null() { return value(Scalar{Scalar::Null}); }
    bool boolean(bool b) {
        Scalar v{Scalar::Bool};
        v.b = b;
        return value(v);
    }
    bool number_integer(json::number_integer_t i) {
        Scalar v{Scalar::Int};
        v.i = i;
        return value(v);
    }
    bool number_unsigned(json::number_unsigned_t u) {
        Scalar v{Scalar::Uint};
        v.u = u;
        return value(v);
    }
    bool number_float(json::number_float_t x, const json::string_t&) {
        if (dom_active) {
            dom.value(x);
            return true;
        }
        return value(Scalar{Scalar::Float});
    }
    bool string(json::string_t& s) {
        Scalar v{Scalar::String};
        v.s = &s;
        return value(v);
    }
    bool start_object(std::size_t) { return enter(true); }
    bool key(json::string_t& k) { return member(k); }
    bool end_object() { return leave(); }
    bool start_array(std::size_t) { return enter(false); }
    bool end_array() {
        if (!dom_active) {
            frames.pop_back();
            --depth;
            return true;
        }
        return leave();
    }
    // From the JSON reader: the text is not JSON at `offset`.
    bool syntax_error(size_t offset, const std::string& reason) {
        if (failed) return false;
        failed = true;
        error.pointer = pointer_here(true);
        error.reason = reason;
        line_column(text, std::min(offset, text.size() > 0 ? text.size() - 1 : 0), error.line, error.column);
        return false;
    }
};

// The offset of the first '{' or '[' that opens level max_depth + 1.
size_t deepest_opening(std::string_view t, int max_depth) {
    int depth = 0;
    bool in_string = false;
    for (size_t i = 0; i < t.size(); ++i) {
        char c = t[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > max_depth) return i;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return t.size();
}

// "templates/3/body/en: empty" -> pointer and reason.
void split_error(const std::string& e, std::string& pointer, std::string& reason) {
    size_t k = e.find(": ");
    if (k == std::string::npos) {
        pointer.clear();
        reason = e;
    } else {
        pointer = e.substr(0, k);
        reason = e.substr(k + 2);
    }
}

}  // namespace

struct ExportParse {
    std::string_view text;
    ImportLimits limits;
    ExportFile file;
    ImportError error;
    Handler handler;
    JsonReader reader;
    ExportParse(std::string_view t, const ImportLimits& l) : text(t), limits(l), handler{t, limits, file, error} { reader.text = t; }
};

ParseJob::ParseJob() = default;
ParseJob::~ParseJob() = default;
ParseJob::ParseJob(ParseJob&&) noexcept = default;
ParseJob& ParseJob::operator=(ParseJob&&) noexcept = default;

namespace {

// Handovers (handover.h) and the customers' follow-up dates.
template <class Fail>
bool check_team_data(const json& handovers, SyncData& data, Fail fail) {
    const std::vector<Customer>& cs = data.store.customers;
    for (size_t i = 0; i < cs.size(); ++i)
        if (!cs[i].follow_up.empty() && !valid_date(cs[i].follow_up))
            return fail("customers/" + std::to_string(i) + "/follow_up", "not a date YYYY-MM-DD");
    std::string err;
    if (!handovers_from_json(handovers, data.handovers, err)) {
        const size_t colon = err.find(": ");
        return fail("handovers/" + err.substr(0, colon), colon == std::string::npos ? err : err.substr(colon + 2));
    }
    return true;
}

// The checks that need the whole file: duplicate IDs, references, templates, SLA policies.
bool check_whole_file(ExportParse& parse) {
    ExportFile& file = parse.file;
    Handler& h = parse.handler;
    Store& s = file.data.store;
    auto fail = [&](const std::string& pointer, const std::string& reason) { return h.fail_at(pointer, reason); };
    {
        std::unordered_map<std::string_view, size_t> seen;
        seen.reserve(s.conversations.size());
        for (size_t i = 0; i < s.customers.size(); ++i) {
            auto r = seen.emplace(s.customers[i].id, i);
            if (!r.second)
                return fail("customers/" + std::to_string(i) + "/id",
                            "duplicate id \"" + s.customers[i].id + "\" (first at customers/" + std::to_string(r.first->second) + ")");
        }
        std::unordered_map<std::string_view, size_t> orders;
        for (size_t i = 0; i < s.orders.size(); ++i) {
            auto r = orders.emplace(s.orders[i].id, i);
            if (!r.second)
                return fail("orders/" + std::to_string(i) + "/id",
                            "duplicate id \"" + s.orders[i].id + "\" (first at orders/" + std::to_string(r.first->second) + ")");
        }
        std::unordered_map<std::string_view, size_t> convs;
        convs.reserve(s.conversations.size());
        for (size_t i = 0; i < s.conversations.size(); ++i) {
            const Conversation& c = s.conversations[i];
            auto r = convs.emplace(c.id, i);
            std::string p = "conversations/" + std::to_string(i);
            if (!r.second)
                return fail(p + "/id", "duplicate id \"" + c.id + "\" (first at conversations/" + std::to_string(r.first->second) + ")");
            if (!c.customer_id.empty() && !seen.count(c.customer_id))
                return fail(p + "/customer_id", "no customer \"" + c.customer_id + "\" in this file");
            if (!c.order_id.empty() && !orders.count(c.order_id))
                return fail(p + "/order_id", "no order \"" + c.order_id + "\" in this file");
        }
    }
    if (!h.templates.empty()) {
        // Templates are checked by the template library's own rules (templates.h).
        json lib = {{"templates", json::array()}};
        std::vector<Stamp> stamps(h.templates.size());
        for (size_t i = 0; i < h.templates.size(); ++i) {
            json& t = h.templates[i];
            if (t.is_object() && t.contains("stamp")) {
                std::string why;
                if (!stamp_from_json(t["stamp"], stamps[i], why))
                    return fail("templates/" + std::to_string(i) + "/stamp", why);
                t.erase("stamp");
            }
            lib["templates"].push_back(std::move(t));
        }
        std::vector<std::string> errors;
        if (!library_from_json(lib, file.data.templates, errors)) {
            std::string p, why;
            split_error(errors.empty() ? std::string("templates: invalid") : errors.front(), p, why);
            return fail(p, why);
        }
        for (size_t i = 0; i < stamps.size(); ++i) file.data.templates.templates[i].stamp = stamps[i];
    }
    file.has_templates = h.root_seen & (uint64_t(1) << RTemplates);
    if (h.have_sla) {
        std::string err, p, why;
        if (!sla_policies_from_json(h.sla, file.data.sla, err)) {
            split_error(err, p, why);
            return fail("settings/sla_policies" + (p.empty() ? std::string() : "/" + p), why);
        }
    }
    file.has_settings = h.have_sla || (h.root_seen & (uint64_t(1) << RSettings));
    {
        std::string p, why;
        if (!registers_from_json(h.registers, file.data.registers, p, why)) return fail("registers/" + p, why);
    }
    if (!check_team_data(h.handovers, file.data, fail)) return false;
    file.data.store.reindex();
    return true;
}

void finish(ParseJob& job, bool ok) {
    job.finished = true;
    job.ok = ok;
    if (ok) job.file = std::move(job.state->file);
    else job.error = std::move(job.state->error);
    job.state.reset();
}

}  // namespace

ParseJob begin_parse(std::string_view text, const ImportLimits& limits) {
    ParseJob job;
    job.bytes_total = text.size();
    ImportError error;
    if (text.size() > limits.max_bytes) {
        error.reason = "the file is " + std::to_string(text.size()) + " bytes; the limit is " +
                       std::to_string(limits.max_bytes) + " bytes";
    } else if (text.size() >= 2 && ((uint8_t(text[0]) == 0xFE && uint8_t(text[1]) == 0xFF) ||
                                    (uint8_t(text[0]) == 0xFF && uint8_t(text[1]) == 0xFE) || text[0] == '\0' || text[1] == '\0')) {
        error.reason = "the file is UTF-16 or UTF-32; SellerDesk exports are UTF-8";
    }
    if (!error.reason.empty()) {
        job.finished = true;
        job.error = std::move(error);
        return job;
    }
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);   // a UTF-8 BOM: skipped
    job.state = std::make_unique<ExportParse>(text, limits);
    return job;
}

bool parse_next(ParseJob& job, size_t max_bytes) {
    if (job.finished) return true;
    ExportParse& p = *job.state;
    Handler& h = p.handler;
    try {
        JsonReader::Result r = p.reader.step(h, max_bytes);
        job.bytes_done = job.bytes_total - (p.text.size() - p.reader.pos);
        if (r == JsonReader::More) return false;
        if (r == JsonReader::Failed || h.failed) {
            if (!h.failed) h.fail_at("", "not valid JSON");
            finish(job, false);
            return true;
        }
        finish(job, check_whole_file(p));
    } catch (const std::exception& e) {
        if (!h.failed) h.fail_at("", std::string("cannot read: ") + e.what());
        finish(job, false);
    }
    return true;
}

bool parse_export(std::string_view text, ExportFile& result, ImportError& error, const ImportLimits& limits) {
    ParseJob job = begin_parse(text, limits);
    while (!parse_next(job, SIZE_MAX)) {
    }
    if (!job.ok) {
        error = std::move(job.error);
        return false;
    }
    error = ImportError();
    result = std::move(job.file);
    return true;
}

bool import_export(const SyncData& local, std::string_view text, const ImportOptions& options, MergeResult& out,
                   ImportError& error) {
    ExportFile file;
    if (!parse_export(text, file, error, options.limits)) return false;
    if (file.header.redacted && !options.allow_redacted) {
        error = ImportError();
        error.pointer = "header/redacted";
        error.reason = "this file is redacted (made-up customer names for demos and training); importing it would "
                       "put those names next to real ones. Import it into an empty inbox, or allow it explicitly";
        size_t at = locate_pointer(text, error.pointer);
        line_column(text, at, error.line, error.column);
        return false;
    }
    if (!file.has_settings) {   // no settings in the file: keep ours as they are
        file.data.sla = local.sla;
        file.data.sla_edit = local.sla_edit;
    }
    MergeJob job = begin_merge(local, std::move(file.data));
    out = finish_merge(std::move(job));
    return true;
}

}  // namespace sd
