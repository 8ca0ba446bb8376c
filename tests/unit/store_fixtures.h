// Test helpers shared by the snapshot, storage, sync, handover and registers tests: a store that
// has been through every kind of edit (so every optional field is non-default somewhere), a
// field-by-field comparison of two stores that sees what the export does not carry (record order,
// list order), the binary snapshot's files written independently of core/snapshot_bin.cpp (a
// version 1 snapshot, which the current encoder no longer writes, and a texts file from its
// documented layout), and the whole export as the tests compare it.
#pragma once
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/demo.h"
#include "core/export_json.h"
#include "core/journal.h"
#include "core/ops.h"
#include "core/splitmix.h"
#include "core/time.h"

namespace fixtures {

using nlohmann::json;

// ---- every field of every record ---------------------------------------------------------------
// Structured bindings must name every data member, so a field added to model.h breaks this
// file's build until the comparison (and the mutation test in snapshot_test.cpp) covers it.
// Non-const references, so the mutation test can change one field at a time through them.
inline auto fields(sd::Stamp& r) { auto& [a, b] = r; return std::tie(a, b); }
inline auto fields(sd::Edit& r) { auto& [a, b] = r; return std::tie(a, b); }
inline auto fields(sd::Customer& r) {
    auto& [a, b, c, d, e, f, g, h] = r;
    return std::tie(a, b, c, d, e, f, g, h);
}
inline auto fields(sd::Defect& r) { auto& [a, b] = r; return std::tie(a, b); }
inline auto fields(sd::Order& r) {
    auto& [a, b, c, d, e, f, g, h, i, j, k, l, m, n, o] = r;
    return std::tie(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o);
}
inline auto fields(sd::Attachment& r) { auto& [a, b] = r; return std::tie(a, b); }
inline auto fields(sd::Message& r) {
    auto& [a, b, c, d, e, f, g, h, i, j, k, l, m] = r;
    return std::tie(a, b, c, d, e, f, g, h, i, j, k, l, m);
}
inline auto fields(sd::EbayCase& r) { auto& [a, b, c] = r; return std::tie(a, b, c); }
inline auto fields(sd::Remark& r) { auto& [a, b, c, d, e, f, g] = r; return std::tie(a, b, c, d, e, f, g); }
inline auto fields(sd::Note& r) { auto& [a, b, c, d, e] = r; return std::tie(a, b, c, d, e); }
inline auto fields(sd::LabelEdit& r) { auto& [a, b] = r; return std::tie(a, b); }
inline auto fields(sd::Tombstone& r) { auto& [a, b] = r; return std::tie(a, b); }
inline auto fields(sd::ConversationEdits& r) {
    auto& [a, b, c, d, e, f, g, h, i] = r;
    return std::tie(a, b, c, d, e, f, g, h, i);
}
inline auto fields(sd::Conversation& r) {
    auto& [a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, s, t, u, v, w] = r;
    return std::tie(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, s, t, u, v, w);
}

template <class T, class = void>
struct IsRecord : std::false_type {};
template <class T>
struct IsRecord<T, std::void_t<decltype(fields(std::declval<T&>()))>> : std::true_type {};

// Declared before use: the calls below are resolved where they are written (no ADL into fixtures).
template <class T>
bool same(const T& a, const T& b);
template <class T>
bool same(const std::vector<T>& a, const std::vector<T>& b);

template <class Tuple, size_t... I>
bool same_fields(const Tuple& a, const Tuple& b, std::index_sequence<I...>) {
    return (same(std::get<I>(a), std::get<I>(b)) && ...);
}

template <class T>
bool same(const std::vector<T>& a, const std::vector<T>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (!same(a[i], b[i])) return false;
    return true;
}

template <class T>
bool same(const T& a, const T& b) {
    if constexpr (IsRecord<T>::value) {
        // fields() hands out references for writing too; nothing is written here.
        auto fa = fields(const_cast<T&>(a));
        auto fb = fields(const_cast<T&>(b));
        return same_fields(fa, fb, std::make_index_sequence<std::tuple_size<decltype(fa)>::value>());
    } else {
        return a == b;
    }
}

inline bool same_store(const sd::Store& a, const sd::Store& b) {
    return same(a.customers, b.customers) && same(a.orders, b.orders) && same(a.conversations, b.conversations);
}

// The store as the app had it before Conversation::closed_at, a remark's kind and an order's
// defects (snapshot versions 1 and 2): every conversation closed at an unknown time, every remark's
// kind unknown (other), no defects. What reading such a file gives back.
inline sd::Store without_closed_at(sd::Store s) {
    for (sd::Conversation& c : s.conversations) {
        c.closed_at = sd::kNoTime;
        for (sd::Remark& r : c.remarks) r.kind = sd::RemarkKind::Other;
    }
    for (sd::Order& o : s.orders) o.defects.clear();
    return s;
}

// Every message text emptied: what decode_snapshot alone gives for a version 2 snapshot.
inline sd::Store without_texts(sd::Store s) {
    for (sd::Conversation& c : s.conversations)
        for (sd::Message& m : c.messages) m.body.clear();
    return s;
}
inline bool no_texts(const sd::Store& s) {
    for (const sd::Conversation& c : s.conversations)
        for (const sd::Message& m : c.messages)
            if (!m.body.empty()) return false;
    return true;
}

// ---- the binary snapshot written by hand (docs/storage-format.md) -------------------------------
// The field rules of the format: varint lengths and counts (shortest form), zig-zag varint int64,
// enums and flags one byte, records field by field in declaration order. Written from fields()
// above, so it shares nothing with the encoder it checks.
inline void put_le(std::string& s, uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) s.push_back(char(uint8_t(v >> (8 * i))));
}
inline void put_varint(std::string& s, uint64_t v) {
    while (v >= 0x80) {
        s.push_back(char(uint8_t(v) | 0x80));
        v >>= 7;
    }
    s.push_back(char(v));
}

struct LegacyWriter {
    std::string out;
    bool texts_inline = true;   // version 1: each message's text right after its `at`
    uint32_t version = 1;       // below 3: without the mail fields (the last of a message and a conversation)

    void one(int64_t v) { put_varint(out, (uint64_t(v) << 1) ^ uint64_t(v >> 63)); }
    void one(bool v) { out.push_back(v ? 1 : 0); }
    void one(const std::string& s) {
        put_varint(out, s.size());
        out += s;
    }
    template <class E>
    std::enable_if_t<std::is_enum_v<E>> one(E v) {
        out.push_back(char(v));
    }
    template <class T>
    void one(const std::vector<T>& v) {
        put_varint(out, v.size());
        for (const T& x : v) one(x);
    }
    void one(const sd::Message& m) {
        const auto& [id, direction, role, author, at, body, delivery, auto_reply, override_checks, delivery_edit, mail_id, attachments,
                     exported] = m;
        one(id);
        one(direction);
        one(role);
        one(author);
        one(at);
        if (texts_inline) one(body);
        one(delivery);
        one(auto_reply);
        one(override_checks);
        one(delivery_edit);
        if (version < 3) return;
        one(mail_id);
        one(attachments);
        one(exported);
    }
    void one(const sd::Customer& c) {
        const auto& [id, name, email, country, vip, follow_up, vip_edit, follow_up_edit] = c;
        one(id);
        one(name);
        one(email);
        one(country);
        if (version < 4) return;   // version 4: the VIP follow-up
        one(vip);
        one(follow_up);
        one(vip_edit);
        one(follow_up_edit);
    }
    void one(const sd::Remark& r) {
        const auto& [id, text, agent, at, flag, edit, kind] = r;
        one(id);
        one(text);
        one(agent);
        one(at);
        one(flag);
        one(edit);
        if (version >= 3) one(kind);
    }
    void one(const sd::Order& o) {
        const auto& [id, transaction_id, item, sku, amount_cents, currency, purchased_at, paid_at, shipped_at,
                     estimated_delivery, region, gift, carrier, tracking_number, defects] = o;
        one(id);
        one(transaction_id);
        one(item);
        one(sku);
        one(amount_cents);
        one(currency);
        one(purchased_at);
        one(paid_at);
        one(shipped_at);
        one(estimated_delivery);
        one(region);
        one(gift);
        one(carrier);
        one(tracking_number);
        if (version >= 3) one(defects);
    }
    void one(const sd::Conversation& c) {
        const auto& [id, marketplace, kind, topic, subject, customer_id, order_id, labels, unread, status, closed, spam, folder,
                     ebay_case, assignee, draft, opened_at, messages, remarks, notes, edits, mail_to] = c;
        one(id);
        one(marketplace);
        one(kind);
        one(topic);
        one(subject);
        one(customer_id);
        one(order_id);
        one(labels);
        one(unread);
        one(status);
        if (version >= 3) one(closed);
        one(spam);
        one(folder);
        one(ebay_case);
        one(assignee);
        one(draft);
        one(opened_at);
        one(messages);
        one(remarks);
        one(notes);
        one(edits);
        if (version >= 3) one(mail_to);
    }
    template <class T>
    std::enable_if_t<IsRecord<T>::value> one(const T& record) {
        std::apply([this](auto&... f) { (one(f), ...); }, fields(const_cast<T&>(record)));
    }
};

// A snapshot file around a hand-made body: magic, version u32, length u64, customers u32,
// orders u32, conversations u32, messages u64, header CRC u32 (44 bytes); body; CRC-32 of all before.
inline std::string seal_snapshot(const std::string& body, uint32_t customers, uint32_t orders, uint32_t conversations,
                                 uint64_t messages, uint32_t version) {
    std::string f("SDSNAP\r\n", 8);
    put_le(f, version, 4);
    put_le(f, 44 + body.size() + 4, 8);
    put_le(f, customers, 4);
    put_le(f, orders, 4);
    put_le(f, conversations, 4);
    put_le(f, messages, 8);
    put_le(f, sd::crc32(f), 4);
    f += body;
    put_le(f, sd::crc32(f), 4);
    return f;
}

inline uint64_t message_count(const sd::Store& s) {
    uint64_t n = 0;
    for (const sd::Conversation& c : s.conversations) n += c.messages.size();
    return n;
}

// The whole store as a snapshot file of `version`: 1 holds the texts; 2 leaves them out; 3 adds
// closed_at, the mail fields and an order's defects (then it must be byte for byte what encode_snapshot writes as the snapshot file).
inline std::string legacy_snapshot(const sd::Store& s, uint32_t version = 1) {
    LegacyWriter w;
    w.texts_inline = version == 1;
    w.version = version;
    for (const sd::Customer& c : s.customers) w.one(c);
    for (const sd::Order& o : s.orders) w.one(o);
    for (const sd::Conversation& c : s.conversations) w.one(c);
    return seal_snapshot(w.out, uint32_t(s.customers.size()), uint32_t(s.orders.size()), uint32_t(s.conversations.size()),
                         message_count(s), version);
}

// A texts file around a hand-made body: magic "SDTEXT\r\n", version u32@8, length u64@12,
// snapshot CRC u32@20, conversations u32@24, messages u64@28, header CRC u32@36; body; CRC-32.
inline std::string seal_texts(const std::string& body, uint32_t snapshot_crc, uint32_t conversations, uint64_t messages,
                              uint32_t version = 1) {
    std::string f("SDTEXT\r\n", 8);
    put_le(f, version, 4);
    put_le(f, 40 + body.size() + 4, 8);
    put_le(f, snapshot_crc, 4);
    put_le(f, conversations, 4);
    put_le(f, messages, 8);
    put_le(f, sd::crc32(f), 4);
    f += body;
    put_le(f, sd::crc32(f), 4);
    return f;
}
// The body of a texts file: per conversation the count of its texts, then each text.
inline std::string texts_body(const std::vector<std::vector<std::string>>& conversations) {
    std::string b;
    for (const auto& texts : conversations) {
        put_varint(b, texts.size());
        for (const std::string& t : texts) {
            put_varint(b, t.size());
            b += t;
        }
    }
    return b;
}
inline std::vector<std::vector<std::string>> texts_of(const sd::Store& s) {
    std::vector<std::vector<std::string>> all;
    for (const sd::Conversation& c : s.conversations) {
        all.emplace_back();
        for (const sd::Message& m : c.messages) all.back().push_back(m.body);
    }
    return all;
}
// The CRC-32 a file ends with (the snapshot's, which its texts file repeats).
inline uint32_t trailer_crc(const std::string& file) {
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= uint32_t(uint8_t(file[file.size() - 4 + size_t(i)])) << (8 * i);
    return v;
}

// ---- the whole export -------------------------------------------------------------------------
// Everything `d` holds as the export writes it, from replica "test" at a fixed time, so two
// exports of the same data compare byte for byte.
inline std::string exported(const sd::SyncData& d) {
    sd::ExportOptions o;
    o.replica = "test";
    o.exported_at = 1795000000;
    std::string text, err;
    REQUIRE(sd::export_text(d, o, text, err));
    return text;
}

// ---- a store that has been through every kind of edit ---------------------------------------------
struct Rng {   // splitmix64
    uint64_t s;
    uint64_t next() { return sd::splitmix64(s); }
    size_t below(size_t n) { return size_t(next() % n); }
};

// The stamped ops a busy day of two agents makes over `store`: every op kind, on random
// conversations. Refused ops (a spam flag on an answered conversation...) are skipped.
inline std::vector<json> busy_ops(const sd::Store& store, int count, uint64_t seed, sd::Time now) {
    sd::Store s = store;
    s.reindex();
    Rng rng{seed};
    std::vector<json> ops;
    int64_t hlc = 0;
    const char* replicas[] = {"ra", "rb"};
    const char* label_names[] = {"vip", "response_needed", "return_request", "follow_up"};
    const char* flags[] = {"red", "yellow", "green", "blue", "purple", "none"};
    for (int n = 0; ops.size() < size_t(count) && n < count * 20; ++n) {
        const sd::Conversation& c = s.conversations[rng.below(s.conversations.size())];
        sd::Stamp st = sd::next_stamp(hlc, (now + n) * 1000, replicas[rng.below(2)]);
        hlc = st.hlc;
        const std::string at = sd::format_iso8601(now + n);
        const std::string tag = std::to_string(n);
        json op;
        switch (rng.below(17)) {
        case 0: op = {{"op", "set_unread"}, {"id", c.id}, {"unread", rng.below(2) == 0}}; break;
        case 1: op = {{"op", "labels"}, {"id", c.id}, {"add", {label_names[rng.below(4)]}}, {"remove", {label_names[rng.below(4)]}}}; break;
        case 2: op = {{"op", "set_status"}, {"id", c.id}, {"status", rng.below(2) ? "closed" : "awaiting_customer"}}; break;
        case 3: op = {{"op", "assign"}, {"id", c.id}, {"agent", rng.below(3) ? "Lily" : ""}}; break;
        case 4: op = {{"op", "set_draft"}, {"id", c.id}, {"text", "Draft " + tag + ": we are checking with the carrier — 稍等"}}; break;
        case 5: op = {{"op", "flag_spam"}, {"id", c.id}, {"reason", rng.below(2) ? "fraud" : "spam"}}; break;
        case 6: op = {{"op", "unflag_spam"}, {"id", c.id}}; break;
        case 7:
            op = {{"op", "reply"}, {"id", c.id}, {"message_id", "m-" + tag}, {"text", "Reply " + tag}, {"author", "Lily"}, {"at", at},
                  {"delivery", rng.below(3) ? "sent" : "failed"}, {"auto_reply", rng.below(5) == 0}, {"override_checks", rng.below(4) == 0}};
            break;
        case 8:
            if (c.messages.empty()) continue;
            op = {{"op", "set_delivery"}, {"id", c.id}, {"message_id", c.messages.back().id}, {"delivery", rng.below(2) ? "failed" : "sent"}};
            break;
        case 9:
            op = {{"op", "add_remark"}, {"id", c.id}, {"remark_id", "r-" + tag}, {"text", "Remark " + tag}, {"agent", "小王"}, {"at", at},
                  {"flag", flags[rng.below(6)]}};
            break;
        case 10:
            if (c.remarks.empty()) continue;
            op = {{"op", "edit_remark"}, {"id", c.id}, {"remark_id", c.remarks[0].id}, {"text", "Edited " + tag}, {"flag", flags[rng.below(6)]}};
            break;
        case 11:
            if (c.remarks.empty()) continue;
            op = {{"op", "delete_remark"}, {"id", c.id}, {"remark_id", c.remarks.back().id}};
            break;
        case 12: op = {{"op", "add_note"}, {"id", c.id}, {"note_id", "n-" + tag}, {"text", "Called the customer\nsecond line"}, {"agent", "Lily"}, {"at", at}}; break;
        case 13:
            if (c.notes.empty()) continue;
            op = {{"op", "edit_note"}, {"id", c.id}, {"note_id", c.notes[0].id}, {"text", "Note edited " + tag}};
            break;
        case 14:
            if (c.notes.empty()) continue;
            op = {{"op", "delete_note"}, {"id", c.id}, {"note_id", c.notes.back().id}};
            break;
        case 15:
            if (c.order_id.empty() || c.marketplace != sd::Marketplace::Walmart) continue;
            op = {{"op", "new_conversation"}, {"id", c.id + "-new" + tag}, {"marketplace", "walmart"}, {"order_id", c.order_id},
                  {"customer_id", c.customer_id}, {"subject", "About your order " + c.order_id}, {"at", at}};
            break;
        default: op = {{"op", "set_unread"}, {"id", c.id}, {"unread", false}}; break;
        }
        if (rng.below(10) != 0) op["stamp"] = sd::stamp_to_json(st);   // a few unstamped, as older journals have
        std::string why;
        if (sd::apply_op(s, op, why)) ops.push_back(op);
    }
    return ops;
}

inline sd::Store demo_store(int conversations, uint64_t seed = 7) {
    sd::DemoOptions o;
    o.seed = seed;
    o.conversations = conversations;
    o.now = 1795000000;
    return sd::generate_demo(o);
}

// A demo with `op_count` busy ops applied, plus the few fields no op reaches by itself set by hand
// (a suppressed spam flag: the merge sets it), so that every field is non-default somewhere.
// A store that no decoding produces by accident: what a failed decode must leave untouched.
inline sd::Store small_marker_store() {
    sd::Store s;
    s.customers.push_back(sd::Customer{"marker", "Left Untouched", "marker@example.com", "NZ"});
    s.reindex();
    return s;
}

inline sd::Store busy_store(int conversations, int op_count, uint64_t seed = 7) {
    sd::Store s = demo_store(conversations, seed);
    std::string why;
    for (const json& op : busy_ops(s, op_count, seed + 1, 1795000000)) sd::apply_op(s, op, why);
    sd::Conversation& c = s.conversations[1];
    c.edits.suppressed_spam = sd::SpamReason::Inappropriate;
    c.edits.spam.replaced = 12345;
    return s;
}

}  // namespace fixtures
