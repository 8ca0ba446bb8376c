// The fields of every record of the model (model.h, stamp.h), listed once. The binary snapshot,
// the store JSON, the export and its reader, and the merge all walk these lists, so a field added
// to a struct is carried by every format once it has its line here.
//
//   struct Names {
//       std::vector<std::string> out;
//       template <class V> void operator()(const char* name, const V&, uint32_t) { out.push_back(name); }
//   };
//   Names n;
//   sd::Fields<sd::Order>::visit(n, order);   // "id", "transaction_id", "item", ...
//
// visit(io, record) calls io(json_name, member, tags) once per data member, in declaration order,
// which is the snapshot's order: never reorder a list, or old snapshot files stop loading (a new
// field changes the snapshot's layout anyway: docs/storage-format.md says what that needs). The
// structured binding names every data member, so a member added to a struct without a line here
// is a compile error instead of a field one format silently drops.
//
// The tags (namespace sd::field) say how the formats treat a field; what is not a tag is a
// format's own business (the export's member order, the `edits` grouping, redaction rules).
#pragma once
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "model.h"

namespace sd {

namespace field {
constexpr uint32_t kPlain = 0;
constexpr uint32_t kRequired = 1u << 0;     // the JSON readers refuse a record without it
constexpr uint32_t kId = 1u << 1 | kRequired;   // the record's ID; the export's reader also refuses it empty
constexpr uint32_t kTime = 1u << 2;         // int64_t: a time, ISO 8601 in JSON
constexpr uint32_t kTimeOrNull = 1u << 3;   // int64_t: a time that may be unset (kNoTime: null in JSON)
constexpr uint32_t kHlc = 1u << 4;          // int64_t: an HLC reading, a decimal string in JSON
constexpr uint32_t kOmitZero = 1u << 5;     // JSON leaves it out when false, zero, empty, none or all-zero
// A record whose members are written in the enclosing JSON object. Its own record members, unless
// flattened in turn, are gathered in one object under this field's name (a conversation's `edits`).
constexpr uint32_t kFlatten = 1u << 6;
constexpr uint32_t kSync = 1u << 7;         // sync bookkeeping: the store JSON (`sellerdesk demo`) leaves it out
constexpr uint32_t kFixed = 1u << 8;        // never edited: copies that disagree are merged by content (sync.h)
constexpr uint32_t kTextsFile = 1u << 9;    // the message text: in texts-G.bin, not in snapshot-G.bin
constexpr uint32_t kPresence = 1u << 10;    // the record exists only when this is not zero; JSON leaves it out otherwise
// Personal data the redacted export replaces (redact.h): a customer's name, an e-mail address, a
// free text, and a message author's name when the author is the customer.
constexpr uint32_t kRedactName = 1u << 11;
constexpr uint32_t kRedactEmail = 1u << 12;
constexpr uint32_t kRedactText = 1u << 13;
constexpr uint32_t kRedactAuthor = 1u << 14;
// Added in snapshot version 3: a version 2 snapshot does not have it (the reader leaves it zero).
// The merge's canonical text of fixed fields leaves these out, so it stays what older versions hash.
constexpr uint32_t kSince3 = 1u << 15;
constexpr uint32_t kSince4 = 1u << 16;      // added in snapshot version 4 (a customer's VIP follow-up)
}  // namespace field

template <class T>
struct Fields;

template <>
struct Fields<Stamp> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        using namespace field;
        auto& [hlc, replica] = r;
        io("hlc", hlc, kRequired | kHlc);
        io("replica", replica, kRequired);
    }
};

template <>
struct Fields<Edit> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        using namespace field;
        auto& [stamp, replaced] = r;
        io("stamp", stamp, kFlatten);
        io("replaced", replaced, kHlc | kOmitZero);
    }
};

template <>
struct Fields<Customer> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        using namespace field;
        auto& [id, name, email, country, vip, follow_up, vip_edit, follow_up_edit] = r;
        io("id", id, kId);
        io("name", name, kRequired | kRedactName);
        io("email", email, kRedactEmail);
        io("country", country, kPlain);
        io("vip", vip, kOmitZero | kSince4);                 // merged as registers (sync.cpp)
        io("follow_up", follow_up, kOmitZero | kSince4);
        io("vip_edit", vip_edit, kSync | kOmitZero | kSince4);
        io("follow_up_edit", follow_up_edit, kSync | kOmitZero | kSince4);
    }
};

template <>
struct Fields<Defect> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        using namespace field;
        auto& [kind, at] = r;
        io("kind", kind, kRequired);
        io("at", at, kRequired | kTime);
    }
};

template <>
struct Fields<Order> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        using namespace field;
        auto& [id, transaction_id, item, sku, amount_cents, currency, purchased_at, paid_at, shipped_at,
               estimated_delivery, region, gift, carrier, tracking_number, defects] = r;
        io("id", id, kId);
        io("transaction_id", transaction_id, kPlain);
        io("item", item, kPlain);
        io("sku", sku, kPlain);
        io("amount_cents", amount_cents, kPlain);
        io("currency", currency, kPlain);
        io("purchased_at", purchased_at, kTimeOrNull);
        io("paid_at", paid_at, kTimeOrNull);
        io("shipped_at", shipped_at, kTimeOrNull);
        io("estimated_delivery", estimated_delivery, kTimeOrNull);
        io("region", region, kPlain);
        io("gift", gift, kPlain);
        io("carrier", carrier, kPlain);
        io("tracking_number", tracking_number, kPlain);
        io("defects", defects, kOmitZero | kSince3);   // merged as a union (sync.cpp)
    }
};

template <>
struct Fields<Attachment> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        using namespace field;
        auto& [name, size] = r;
        io("name", name, kRequired);
        io("size", size, kRequired);
    }
};

template <>
struct Fields<Message> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        using namespace field;
        auto& [id, direction, role, author, at, body, delivery, auto_reply, override_checks, delivery_edit, mail_id, attachments,
               exported] = r;
        io("id", id, kId);
        io("direction", direction, kRequired | kFixed);
        io("role", role, kRequired | kFixed);
        io("author", author, kFixed | kRedactAuthor);
        io("at", at, kRequired | kTime | kFixed);
        io("body", body, kRequired | kFixed | kTextsFile | kRedactText);
        io("delivery", delivery, kPlain);
        io("auto_reply", auto_reply, kFixed | kOmitZero);
        io("override_checks", override_checks, kFixed | kOmitZero);
        io("delivery_edit", delivery_edit, kSync | kOmitZero);
        io("mail_id", mail_id, kOmitZero | kSince3);
        io("attachments", attachments, kOmitZero | kSince3);
        io("exported", exported, kOmitZero | kSince3);
    }
};


template <>
struct Fields<EbayCase> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        using namespace field;
        auto& [type, channel, opened_at] = r;
        io("type", type, kRequired | kPresence);
        io("channel", channel, kPlain);
        io("opened_at", opened_at, kTimeOrNull);
    }
};

template <>
struct Fields<Remark> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        using namespace field;
        auto& [id, text, agent, at, flag, edit, kind] = r;
        io("id", id, kId);
        io("text", text, kRequired | kRedactText);
        io("agent", agent, kFixed);
        io("at", at, kRequired | kTime | kFixed);
        io("flag", flag, kRequired);
        io("edit", edit, kSync | kOmitZero);
        io("kind", kind, kOmitZero | kSince3);   // edited with `flag` (same edit stamp)
    }
};

template <>
struct Fields<Note> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        using namespace field;
        auto& [id, text, agent, at, edit] = r;
        io("id", id, kId);
        io("text", text, kRequired | kRedactText);
        io("agent", agent, kFixed);
        io("at", at, kRequired | kTime | kFixed);
        io("edit", edit, kSync | kOmitZero);
    }
};

template <>
struct Fields<LabelEdit> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        using namespace field;
        auto& [label, edit] = r;
        io("label", label, kId);
        io("edit", edit, kFlatten);
    }
};

template <>
struct Fields<Tombstone> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        using namespace field;
        auto& [id, stamp] = r;
        io("id", id, kId);
        io("stamp", stamp, kFlatten);
    }
};

template <>
struct Fields<ConversationEdits> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        using namespace field;
        auto& [unread, status, spam, assignee, draft, suppressed_spam, labels, deleted_remarks, deleted_notes] = r;
        io("unread", unread, kOmitZero);
        io("status", status, kOmitZero);
        io("spam", spam, kOmitZero);
        io("assignee", assignee, kOmitZero);
        io("draft", draft, kOmitZero);
        io("spam_suppressed", suppressed_spam, kOmitZero);
        io("label_edits", labels, kOmitZero);
        io("deleted_remarks", deleted_remarks, kOmitZero);
        io("deleted_notes", deleted_notes, kOmitZero);
    }
};

template <>
struct Fields<Conversation> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        using namespace field;
        auto& [id, marketplace, kind, topic, subject, customer_id, order_id, labels, unread, status, closed_at, spam,
               folder, ebay_case, assignee, draft, opened_at, messages, remarks, notes, edits, mail_to] = r;
        io("id", id, kId);
        io("marketplace", marketplace, kRequired | kFixed);
        io("kind", kind, kRequired | kFixed);
        io("topic", topic, kFixed);
        io("subject", subject, kFixed | kRedactText);
        io("customer_id", customer_id, kFixed);
        io("order_id", order_id, kFixed);
        io("labels", labels, kPlain);
        io("unread", unread, kPlain);
        io("status", status, kRequired);
        io("closed_at", closed_at, kTimeOrNull | kSince3);   // merged with `status` (sync.cpp)
        io("spam", spam, kPlain);
        io("folder", folder, kFixed);
        io("ebay_case", ebay_case, kFixed);
        io("assignee", assignee, kPlain);
        io("draft", draft, kRedactText);
        io("opened_at", opened_at, kTime | kFixed);
        io("messages", messages, kRequired);
        io("remarks", remarks, kPlain);
        io("notes", notes, kPlain);
        io("edits", edits, kFlatten | kSync);
        io("mail_to", mail_to, kOmitZero | kSince3 | kRedactEmail);
    }
};

// ---- what kind of value a member is -------------------------------------------------------------
template <class T>
struct IsList : std::false_type {};
template <class T>
struct IsList<std::vector<T>> : std::true_type {};
// A record: a struct with a field list (every class member type but text and lists).
template <class T>
constexpr bool is_record_v = std::is_class_v<T> && !std::is_same_v<T, std::string> && !IsList<T>::value;

// Within a flattened record (field::kFlatten), the members gathered in its group object: records
// that are not flattened in turn.
template <class V>
bool in_group(uint32_t tags) {
    if constexpr (is_record_v<V>) return !(tags & field::kFlatten);
    else return false;
}

namespace detail {
struct GroupProbe {
    bool found = false;
    template <class V>
    void operator()(const char*, const V&, uint32_t tags) {
        found = found || in_group<V>(tags);
    }
};
}  // namespace detail

// Whether flattening a record of type T makes a group object.
template <class T>
bool has_group() {
    static const bool yes = [] {
        const T record{};
        detail::GroupProbe probe;
        Fields<T>::visit(probe, record);
        return probe.found;
    }();
    return yes;
}

// ---- walking two records of one type together ---------------------------------------------------
// The member of `b` that `member_of_a` is of `a`. Both records have one type, so one layout; this
// is what offsetof computes, for types offsetof is not defined on (they hold std::string).
template <class V, class T>
const V& same_member(const T& a, const T& b, const V& member_of_a) {
    const char* at = reinterpret_cast<const char*>(&b) +
                     (reinterpret_cast<const char*>(&member_of_a) - reinterpret_cast<const char*>(&a));
    return *reinterpret_cast<const V*>(at);
}

namespace detail {
template <class T, class F>
struct Pair {
    const T& a;
    const T& b;
    F& f;
    template <class V>
    void operator()(const char* name, const V& v, uint32_t tags) {
        f(name, v, same_member(a, b, v), tags);
    }
};
}  // namespace detail

// Calls f(name, member_of_a, member_of_b, tags) for each field of two records of one type.
template <class T, class F>
void visit_pair(const T& a, const T& b, F&& f) {
    detail::Pair<T, std::remove_reference_t<F>> pair{a, b, f};
    Fields<T>::visit(pair, a);
}

// Every field equal, lists element by element in order.
template <class T>
bool same_fields(const T& a, const T& b);

namespace detail {
template <class V>
bool same_value(const V& a, const V& b) {
    if constexpr (is_record_v<V>) {
        return same_fields(a, b);
    } else if constexpr (IsList<V>::value) {
        if (a.size() != b.size()) return false;
        for (size_t i = 0; i < a.size(); ++i)
            if (!same_value(a[i], b[i])) return false;
        return true;
    } else {
        return a == b;
    }
}
}  // namespace detail

template <class T>
bool same_fields(const T& a, const T& b) {
    bool same = true;
    visit_pair(a, b, [&](const char*, const auto& x, const auto& y, uint32_t) {
        if (same) same = detail::same_value(x, y);
    });
    return same;
}

// The zero of a value as the kOmitZero and kPresence tags mean it: false, 0, "", no elements, the
// enum's first value, a record whose fields are all zero.
template <class V>
bool is_zero(const V& v);

namespace detail {
struct AllZero {
    bool zero = true;
    template <class V>
    void operator()(const char*, const V& v, uint32_t) {
        if (zero) zero = is_zero(v);
    }
};
}  // namespace detail

template <class V>
bool is_zero(const V& v) {
    if constexpr (is_record_v<V>) {
        detail::AllZero z;
        Fields<V>::visit(z, v);
        return z.zero;
    } else if constexpr (IsList<V>::value || std::is_same_v<V, std::string>) {
        return v.empty();
    } else {
        return v == V();
    }
}

namespace detail {
struct PresenceProbe {
    bool present = true;
    template <class V>
    void operator()(const char*, const V& v, uint32_t tags) {
        if ((tags & field::kPresence) && is_zero(v)) present = false;
    }
};
}  // namespace detail

// False when the record has a kPresence field that is zero (an eBay case of type none: no case).
template <class T>
bool present(const T& record) {
    detail::PresenceProbe probe;
    Fields<T>::visit(probe, record);
    return probe.present;
}

}  // namespace sd
