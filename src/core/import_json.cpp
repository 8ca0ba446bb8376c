// Reading an export file (export_json.h): one streaming pass with the resumable JSON reader
// (json_reader.h, so the app can read a slice per frame) that builds the records directly (no document tree for the bulk of the file, so memory stays close
// to the size of the data), then a pass for what needs the whole file (duplicate IDs, references,
// templates and SLA policies). Every error is turned into pointer + line:column + reason; the
// place is found again in the text only when there is an error (locate_pointer).
#include <algorithm>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "export_json.h"
#include "json_reader.h"
#include "ops.h"
#include "time.h"

namespace sd {

using nlohmann::json;

namespace {

enum class Kind : uint8_t {
    Root, Header, Customer, Order, Conversation, EbayCase, Edits, Edit, LabelEdit, Message, Remark, Note,
    Tombstone, Settings,
    // arrays
    Customers, Orders, Conversations, Labels, LabelEdits, Messages, Remarks, Notes, DeletedRemarks, DeletedNotes,
    Templates,
};

size_t deepest_opening(std::string_view t, int max_depth);

enum class Type : uint8_t { Str, Bool, Int, Time, TimeOrNull, Hlc, Object, Array, Dom };

struct FieldSpec {
    const char* name;
    Type type;
    Kind child;       // Object / Array members
    bool required;
};

// ---- the fields of each object (docs/export.schema.json) ---------------------------------------
const FieldSpec kRootFields[] = {{"header", Type::Object, Kind::Header, true},
                                 {"customers", Type::Array, Kind::Customers, false},
                                 {"orders", Type::Array, Kind::Orders, false},
                                 {"conversations", Type::Array, Kind::Conversations, false},
                                 {"templates", Type::Array, Kind::Templates, false},
                                 {"settings", Type::Object, Kind::Settings, false}};
enum { RHeader, RCustomers, ROrders, RConversations, RTemplates, RSettings };
const FieldSpec kHeaderFields[] = {{"format", Type::Str, Kind::Root, true},
                                   {"version", Type::Int, Kind::Root, true},
                                   {"exported_at", Type::Time, Kind::Root, true},
                                   {"replica", Type::Str, Kind::Root, true},
                                   {"app_version", Type::Str, Kind::Root, true},
                                   {"redacted", Type::Bool, Kind::Root, false},
                                   {"subset", Type::Bool, Kind::Root, false}};
enum { HFormat, HVersion, HExportedAt, HReplica, HAppVersion, HRedacted, HSubset };
const FieldSpec kCustomerFields[] = {{"id", Type::Str, Kind::Root, true},
                                     {"name", Type::Str, Kind::Root, true},
                                     {"email", Type::Str, Kind::Root, false},
                                     {"country", Type::Str, Kind::Root, false}};
enum { CuId, CuName, CuEmail, CuCountry };
const FieldSpec kOrderFields[] = {{"id", Type::Str, Kind::Root, true},
                                  {"transaction_id", Type::Str, Kind::Root, false},
                                  {"item", Type::Str, Kind::Root, false},
                                  {"sku", Type::Str, Kind::Root, false},
                                  {"amount_cents", Type::Int, Kind::Root, false},
                                  {"currency", Type::Str, Kind::Root, false},
                                  {"purchased_at", Type::TimeOrNull, Kind::Root, false},
                                  {"paid_at", Type::TimeOrNull, Kind::Root, false},
                                  {"shipped_at", Type::TimeOrNull, Kind::Root, false},
                                  {"estimated_delivery", Type::TimeOrNull, Kind::Root, false},
                                  {"region", Type::Str, Kind::Root, false},
                                  {"gift", Type::Bool, Kind::Root, false},
                                  {"carrier", Type::Str, Kind::Root, false},
                                  {"tracking_number", Type::Str, Kind::Root, false}};
enum { OId, OTransaction, OItem, OSku, OAmount, OCurrency, OPurchased, OPaid, OShipped, OEdd, ORegion, OGift, OCarrier, OTracking };
const FieldSpec kConversationFields[] = {{"id", Type::Str, Kind::Root, true},
                                         {"marketplace", Type::Str, Kind::Root, true},
                                         {"kind", Type::Str, Kind::Root, true},
                                         {"topic", Type::Str, Kind::Root, false},
                                         {"subject", Type::Str, Kind::Root, false},
                                         {"customer_id", Type::Str, Kind::Root, false},
                                         {"order_id", Type::Str, Kind::Root, false},
                                         {"folder", Type::Str, Kind::Root, false},
                                         {"opened_at", Type::Time, Kind::Root, false},
                                         {"ebay_case", Type::Object, Kind::EbayCase, false},
                                         {"unread", Type::Bool, Kind::Root, false},
                                         {"status", Type::Str, Kind::Root, true},
                                         {"spam", Type::Str, Kind::Root, false},
                                         {"spam_suppressed", Type::Str, Kind::Root, false},
                                         {"assignee", Type::Str, Kind::Root, false},
                                         {"draft", Type::Str, Kind::Root, false},
                                         {"labels", Type::Array, Kind::Labels, false},
                                         {"edits", Type::Object, Kind::Edits, false},
                                         {"label_edits", Type::Array, Kind::LabelEdits, false},
                                         {"messages", Type::Array, Kind::Messages, true},
                                         {"remarks", Type::Array, Kind::Remarks, false},
                                         {"notes", Type::Array, Kind::Notes, false},
                                         {"deleted_remarks", Type::Array, Kind::DeletedRemarks, false},
                                         {"deleted_notes", Type::Array, Kind::DeletedNotes, false}};
enum { CId, CMarketplace, CKind, CTopic, CSubject, CCustomer, COrder, CFolder, COpenedAt, CEbayCase, CUnread, CStatus,
       CSpam, CSpamSuppressed, CAssignee, CDraft, CLabels, CEdits, CLabelEdits, CMessages, CRemarks, CNotes,
       CDeletedRemarks, CDeletedNotes };
const FieldSpec kEbayCaseFields[] = {{"type", Type::Str, Kind::Root, true},
                                     {"channel", Type::Str, Kind::Root, false},
                                     {"opened_at", Type::TimeOrNull, Kind::Root, false}};
const FieldSpec kEditsFields[] = {{"unread", Type::Object, Kind::Edit, false},
                                  {"status", Type::Object, Kind::Edit, false},
                                  {"spam", Type::Object, Kind::Edit, false},
                                  {"assignee", Type::Object, Kind::Edit, false},
                                  {"draft", Type::Object, Kind::Edit, false}};
const FieldSpec kEditFields[] = {{"hlc", Type::Hlc, Kind::Root, true},
                                 {"replica", Type::Str, Kind::Root, true},
                                 {"replaced", Type::Hlc, Kind::Root, false}};
const FieldSpec kLabelEditFields[] = {{"label", Type::Str, Kind::Root, true},
                                      {"hlc", Type::Hlc, Kind::Root, true},
                                      {"replica", Type::Str, Kind::Root, true},
                                      {"replaced", Type::Hlc, Kind::Root, false}};
const FieldSpec kTombstoneFields[] = {{"id", Type::Str, Kind::Root, true},
                                      {"hlc", Type::Hlc, Kind::Root, true},
                                      {"replica", Type::Str, Kind::Root, true}};
const FieldSpec kMessageFields[] = {{"id", Type::Str, Kind::Root, true},
                                    {"direction", Type::Str, Kind::Root, true},
                                    {"role", Type::Str, Kind::Root, true},
                                    {"author", Type::Str, Kind::Root, false},
                                    {"at", Type::Time, Kind::Root, true},
                                    {"body", Type::Str, Kind::Root, true},
                                    {"delivery", Type::Str, Kind::Root, false},
                                    {"auto_reply", Type::Bool, Kind::Root, false},
                                    {"override_checks", Type::Bool, Kind::Root, false},
                                    {"delivery_edit", Type::Object, Kind::Edit, false}};
enum { MId, MDirection, MRole, MAuthor, MAt, MBody, MDelivery, MAuto, MOverride, MDeliveryEdit };
const FieldSpec kRemarkFields[] = {{"id", Type::Str, Kind::Root, true},
                                   {"text", Type::Str, Kind::Root, true},
                                   {"agent", Type::Str, Kind::Root, false},
                                   {"at", Type::Time, Kind::Root, true},
                                   {"flag", Type::Str, Kind::Root, true},
                                   {"edit", Type::Object, Kind::Edit, false}};
const FieldSpec kNoteFields[] = {{"id", Type::Str, Kind::Root, true},
                                 {"text", Type::Str, Kind::Root, true},
                                 {"agent", Type::Str, Kind::Root, false},
                                 {"at", Type::Time, Kind::Root, true},
                                 {"edit", Type::Object, Kind::Edit, false}};
enum { NId, NText, NAgent, NAt, NFlagOrEdit, NEdit };   // remark: flag = 4, edit = 5; note: edit = 4
const FieldSpec kSettingsFields[] = {{"sla_policies", Type::Dom, Kind::Root, false},
                                     {"sla_edit", Type::Object, Kind::Edit, false}};

struct Table {
    const FieldSpec* fields;
    size_t count;
};
template <size_t N>
constexpr Table table(const FieldSpec (&f)[N]) { return {f, N}; }

Table fields_of(Kind k) {
    switch (k) {
        case Kind::Root: return table(kRootFields);
        case Kind::Header: return table(kHeaderFields);
        case Kind::Customer: return table(kCustomerFields);
        case Kind::Order: return table(kOrderFields);
        case Kind::Conversation: return table(kConversationFields);
        case Kind::EbayCase: return table(kEbayCaseFields);
        case Kind::Edits: return table(kEditsFields);
        case Kind::Edit: return table(kEditFields);
        case Kind::LabelEdit: return table(kLabelEditFields);
        case Kind::Message: return table(kMessageFields);
        case Kind::Remark: return table(kRemarkFields);
        case Kind::Note: return table(kNoteFields);
        case Kind::Tombstone: return table(kTombstoneFields);
        case Kind::Settings: return table(kSettingsFields);
        default: return {nullptr, 0};
    }
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
        case Kind::DeletedRemarks:
        case Kind::DeletedNotes: return Kind::Tombstone;
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
    int field = -1;            // objects: the member being read
    uint32_t seen = 0;         // objects: members given (bit per field)
    size_t count = 0;          // arrays: elements so far
    void* target = nullptr;    // the record being filled
};

// A scalar from the parser.
struct Scalar {
    enum Tag { Null, Bool, Int, Uint, Float, String } tag = Null;
    bool b = false;
    int64_t i = 0;
    uint64_t u = 0;
    std::string* s = nullptr;
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
    bool failed = false;
    std::vector<Frame> frames;
    int depth = 0;
    size_t messages = 0;
    uint32_t root_seen = 0;     // the top-level members the file has

    // Captured documents: templates in file order, the SLA policies.
    bool dom_active = false;
    int dom_depth = 0;
    Kind dom_for = Kind::Root;
    DomBuilder dom;
    std::vector<json> templates;
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
                p += fields_of(f.kind).fields[f.field].name;
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

    // ---- records ----
    void* new_element(Frame& parent, Kind element) {
        Conversation* conv = frames.size() >= 2 ? static_cast<Conversation*>(frames[frames.size() - 2].target) : nullptr;
        switch (element) {
            case Kind::Customer: out.data.store.customers.emplace_back(); return &out.data.store.customers.back();
            case Kind::Order: out.data.store.orders.emplace_back(); return &out.data.store.orders.back();
            case Kind::Conversation: out.data.store.conversations.emplace_back(); return &out.data.store.conversations.back();
            case Kind::Message: conv->messages.emplace_back(); return &conv->messages.back();
            case Kind::Remark: conv->remarks.emplace_back(); return &conv->remarks.back();
            case Kind::Note: conv->notes.emplace_back(); return &conv->notes.back();
            case Kind::LabelEdit: conv->edits.labels.emplace_back(); return &conv->edits.labels.back();
            case Kind::Tombstone: {
                auto& v = parent.kind == Kind::DeletedRemarks ? conv->edits.deleted_remarks : conv->edits.deleted_notes;
                v.emplace_back();
                return &v.back();
            }
            default: return nullptr;
        }
    }

    // The object a member object fills.
    void* member_target(Frame& f, int field) {
        switch (f.kind) {
            case Kind::Conversation: {
                Conversation* c = static_cast<Conversation*>(f.target);
                if (field == CEbayCase) return &c->ebay_case;
                if (field == CEdits) return &c->edits;
                return c;
            }
            case Kind::Edits: {
                ConversationEdits* e = static_cast<ConversationEdits*>(f.target);
                Edit* all[] = {&e->unread, &e->status, &e->spam, &e->assignee, &e->draft};
                return all[field];
            }
            case Kind::Message: return &static_cast<Message*>(f.target)->delivery_edit;
            case Kind::Remark: return &static_cast<Remark*>(f.target)->edit;
            case Kind::Note: return &static_cast<Note*>(f.target)->edit;
            case Kind::Settings: return &out.data.sla_edit;
            case Kind::Root: return &out.header;
            default: return f.target;
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
        if (is_array(top.kind)) {
            ++top.count;
            if (!check_count(top)) return false;
            if (top.kind == Kind::Templates) {
                if (!object) return fail("not an object");
                return start_dom(Kind::Templates, object);
            }
            child = element_of(top.kind);
            if (child == Kind::Root) return fail("not a string");   // labels
            if (!object) return fail("not an object");
            target = new_element(top, child);
        } else {
            if (top.field < 0) return fail("expected a member name");
            const FieldSpec& spec = fields_of(top.kind).fields[top.field];
            if (spec.type == Type::Dom) {
                if (!object) return fail("not an object");
                return start_dom(Kind::Settings, object);
            }
            if (spec.type != (object ? Type::Object : Type::Array)) return fail(std::string("not ") + type_name(spec.type));
            child = spec.child;
            target = member_target(top, top.field);
        }
        frames.push_back({child});
        frames.back().target = target;
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
        Table t = fields_of(f.kind);
        for (size_t k = 0; k < t.count; ++k)
            if (t.fields[k].required && !(f.seen & (1u << k))) {
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
        if (f.kind == Kind::Edit || f.kind == Kind::LabelEdit || f.kind == Kind::Tombstone) {
            const Stamp& s = f.kind == Kind::Edit ? static_cast<Edit*>(f.target)->stamp
                             : f.kind == Kind::LabelEdit ? static_cast<LabelEdit*>(f.target)->edit.stamp
                                                         : static_cast<Tombstone*>(f.target)->stamp;
            if (s.hlc == 0 || s.replica.empty()) {
                frames.push_back(f);
                frames.back().field = s.hlc == 0 ? (f.kind == Kind::LabelEdit ? 1 : f.kind == Kind::Tombstone ? 1 : 0)
                                                 : (f.kind == Kind::LabelEdit ? 2 : f.kind == Kind::Tombstone ? 2 : 1);
                return fail(s.hlc == 0 ? "must be greater than 0" : "empty (a stamp names its replica)");
            }
        }
        return true;
    }

    // Duplicates inside one conversation, then the derived spam rule.
    bool finish_conversation(Conversation& c) {
        auto unique = [&](auto& list, int field, const char* key, auto id_of) {
            ids.clear();
            for (size_t k = 0; k < list.size(); ++k) {
                const std::string& id = id_of(list[k]);
                if (!ids.insert(id).second)
                    return fail_at(pointer_here(false) + "/" + kConversationFields[field].name + "/" + std::to_string(k) +
                                       (key[0] ? std::string("/") + key : std::string()),
                                   "duplicate \"" + id + "\" in this conversation");
            }
            return true;
        };
        auto id = [](const auto& x) -> const std::string& { return x.id; };
        if (!unique(c.messages, CMessages, "id", id) || !unique(c.remarks, CRemarks, "id", id) ||
            !unique(c.notes, CNotes, "id", id) || !unique(c.edits.deleted_remarks, CDeletedRemarks, "id", id) ||
            !unique(c.edits.deleted_notes, CDeletedNotes, "id", id) ||
            !unique(c.labels, CLabels, "", [](const std::string& s) -> const std::string& { return s; }) ||
            !unique(c.edits.labels, CLabelEdits, "label", [](const LabelEdit& l) -> const std::string& { return l.label; }))
            return false;
        if (c.edits.suppressed_spam != SpamReason::None && c.spam != SpamReason::None)
            return fail_at(pointer_here(false) + "/spam_suppressed", "only with \"spam\": \"none\"");
        if (!(frames.back().seen & (1u << COpenedAt))) c.opened_at = c.messages.empty() ? 0 : c.messages.front().at;
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
        Table t = fields_of(f.kind);
        for (size_t k = 0; k < t.count; ++k) {
            const char* n = t.fields[k].name;
            if (n[0] == name[0] && name == n) {
                if (f.seen & (1u << k)) {
                    f.field = int(k);
                    return fail("duplicate key \"" + name + "\"");
                }
                f.seen |= 1u << k;
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
            static_cast<Conversation*>(f.target)->labels.push_back(*v.s);
            return true;
        }
        const FieldSpec& spec = fields_of(f.kind).fields[f.field];
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
        return store(f, f.field, v, t, hlc);
    }

    template <typename E>
    bool enumeration(const std::string& s, E& out_value) {
        if (!parse(s, out_value)) return fail("unknown value \"" + s + "\"");
        return true;
    }
    bool id(const std::string& s, std::string& to) {
        if (s.empty()) return fail("empty");
        to = s;
        return true;
    }

    bool store(Frame& f, int field, const Scalar& v, Time t, int64_t hlc) {
        const std::string empty;
        const std::string& s = v.tag == Scalar::String ? *v.s : empty;
        switch (f.kind) {
            case Kind::Header: {
                ExportHeader& h = out.header;
                switch (field) {
                    case HFormat:
                        if (s != kExportFormat) return fail("not a SellerDesk export (expected \"sellerdesk-export\")");
                        return true;
                    case HVersion:
                        if (v.i != kExportVersion)
                            return fail("version " + std::to_string(v.i) + " is not supported (this build reads version " +
                                        std::to_string(kExportVersion) + ")");
                        return true;
                    case HExportedAt: h.exported_at = t; return true;
                    case HReplica: h.replica = s; return true;
                    case HAppVersion: h.app_version = s; return true;
                    case HRedacted: h.redacted = v.b; return true;
                    case HSubset: h.subset = v.b; return true;
                }
                return true;
            }
            case Kind::Customer: {
                Customer& c = *static_cast<Customer*>(f.target);
                switch (field) {
                    case CuId: return id(s, c.id);
                    case CuName: c.name = s; return true;
                    case CuEmail: c.email = s; return true;
                    case CuCountry: c.country = s; return true;
                }
                return true;
            }
            case Kind::Order: {
                Order& o = *static_cast<Order*>(f.target);
                switch (field) {
                    case OId: return id(s, o.id);
                    case OTransaction: o.transaction_id = s; return true;
                    case OItem: o.item = s; return true;
                    case OSku: o.sku = s; return true;
                    case OAmount: o.amount_cents = v.i; return true;
                    case OCurrency: o.currency = s; return true;
                    case OPurchased: o.purchased_at = t; return true;
                    case OPaid: o.paid_at = t; return true;
                    case OShipped: o.shipped_at = t; return true;
                    case OEdd: o.estimated_delivery = t; return true;
                    case ORegion: o.region = s; return true;
                    case OGift: o.gift = v.b; return true;
                    case OCarrier: o.carrier = s; return true;
                    case OTracking: o.tracking_number = s; return true;
                }
                return true;
            }
            case Kind::Conversation: {
                Conversation& c = *static_cast<Conversation*>(f.target);
                switch (field) {
                    case CId: return id(s, c.id);
                    case CMarketplace: return enumeration(s, c.marketplace);
                    case CKind: return enumeration(s, c.kind);
                    case CTopic: return enumeration(s, c.topic);
                    case CSubject: c.subject = s; return true;
                    case CCustomer: c.customer_id = s; return true;
                    case COrder: c.order_id = s; return true;
                    case CFolder: return enumeration(s, c.folder);
                    case COpenedAt: c.opened_at = t; return true;
                    case CUnread: c.unread = v.b; return true;
                    case CStatus: return enumeration(s, c.status);
                    case CSpam: return enumeration(s, c.spam);
                    case CSpamSuppressed: return enumeration(s, c.edits.suppressed_spam);
                    case CAssignee: c.assignee = s; return true;
                    case CDraft: c.draft = s; return true;
                }
                return true;
            }
            case Kind::EbayCase: {
                EbayCase& e = *static_cast<EbayCase*>(f.target);
                if (field == 0) {
                    if (!enumeration(s, e.type)) return false;
                    if (e.type == CaseType::None) return fail("\"none\" is written by leaving ebay_case out");
                    return true;
                }
                if (field == 1) return enumeration(s, e.channel);
                e.opened_at = t;
                return true;
            }
            case Kind::Edit: {
                Edit& e = *static_cast<Edit*>(f.target);
                if (field == 0) e.stamp.hlc = hlc;
                else if (field == 1) e.stamp.replica = s;
                else e.replaced = hlc;
                return true;
            }
            case Kind::LabelEdit: {
                LabelEdit& l = *static_cast<LabelEdit*>(f.target);
                if (field == 0) return id(s, l.label);
                if (field == 1) l.edit.stamp.hlc = hlc;
                else if (field == 2) l.edit.stamp.replica = s;
                else l.edit.replaced = hlc;
                return true;
            }
            case Kind::Tombstone: {
                Tombstone& g = *static_cast<Tombstone*>(f.target);
                if (field == 0) return id(s, g.id);
                if (field == 1) g.stamp.hlc = hlc;
                else g.stamp.replica = s;
                return true;
            }
            case Kind::Message: {
                Message& m = *static_cast<Message*>(f.target);
                switch (field) {
                    case MId: return id(s, m.id);
                    case MDirection: return enumeration(s, m.direction);
                    case MRole: return enumeration(s, m.role);
                    case MAuthor: m.author = s; return true;
                    case MAt: m.at = t; return true;
                    case MBody: m.body = s; return true;
                    case MDelivery: return enumeration(s, m.delivery);
                    case MAuto: m.auto_reply = v.b; return true;
                    case MOverride: m.override_checks = v.b; return true;
                }
                return true;
            }
            case Kind::Remark: {
                Remark& r = *static_cast<Remark*>(f.target);
                switch (field) {
                    case NId: return id(s, r.id);
                    case NText: r.text = s; return true;
                    case NAgent: r.agent = s; return true;
                    case NAt: r.at = t; return true;
                    case NFlagOrEdit: return enumeration(s, r.flag);
                }
                return true;
            }
            case Kind::Note: {
                Note& n = *static_cast<Note*>(f.target);
                switch (field) {
                    case NId: return id(s, n.id);
                    case NText: n.text = s; return true;
                    case NAgent: n.agent = s; return true;
                    case NAt: n.at = t; return true;
                }
                return true;
            }
            default: return fail("unexpected value");
        }
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
    file.has_templates = h.root_seen & (1u << RTemplates);
    if (h.have_sla) {
        std::string err, p, why;
        if (!sla_policies_from_json(h.sla, file.data.sla, err)) {
            split_error(err, p, why);
            return fail("settings/sla_policies" + (p.empty() ? std::string() : "/" + p), why);
        }
    }
    file.has_settings = h.have_sla || (h.root_seen & (1u << RSettings));
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
