// The binary snapshot (core/snapshot_bin.h): exact round trips, every truncation and every
// flipped bit refused, hostile content refused without crashing or allocating without bound.
#include <catch2/catch.hpp>

#include <string>

#include "core/export_json.h"
#include "core/journal.h"
#include "core/snapshot_bin.h"
#include "store_fixtures.h"

using namespace sd;
using fixtures::same;
using fixtures::same_store;

namespace {

std::string export_of(const Store& s) {
    SyncData d;
    d.store = s;
    ExportOptions o;
    o.templates = o.settings = false;
    std::string text, err;
    REQUIRE(export_text(d, o, text, err));
    return text;
}

// Decodes into a fresh store; the error when it fails.
std::string decode_error(std::string_view bytes) {
    Store s;
    std::string err;
    if (decode_snapshot(bytes, s, err)) return "";
    REQUIRE_FALSE(err.empty());
    return err;
}

// A small store that still has every kind of record and list.
Store small_store() {
    Store s = fixtures::busy_store(10, 60, 3);
    s.conversations.resize(3);
    s.customers.resize(4);
    s.orders.resize(4);
    s.reindex();
    return s;
}

// ---- hand-made files, for content that a correct encoder never writes ---------------------------
// The fixed layout (docs/storage-format.md): magic, version, length, four counts, header CRC.
void put_le(std::string& s, uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) s.push_back(char(uint8_t(v >> (8 * i))));
}
std::string seal(const std::string& body, uint32_t customers, uint32_t orders, uint32_t conversations, uint64_t messages,
                 uint32_t version = 1) {
    std::string f = std::string("SDSNAP\r\n", 8);
    put_le(f, version, 4);
    put_le(f, 44 + body.size() + 4, 8);
    put_le(f, customers, 4);
    put_le(f, orders, 4);
    put_le(f, conversations, 4);
    put_le(f, messages, 8);
    put_le(f, crc32(f), 4);
    f += body;
    put_le(f, crc32(f), 4);
    return f;
}
std::string varint(uint64_t v) {
    std::string s;
    while (v >= 0x80) s.push_back(char(uint8_t(v) | 0x80)), v >>= 7;
    s.push_back(char(v));
    return s;
}
std::string str(const std::string& s) { return varint(s.size()) + s; }
// Zeros after a hand-made record, so the record count passes its size check and the reader
// reaches the field under test.
const std::string kPadding(400, '\0');

// ---- changing one field at a time ---------------------------------------------------------------
// Walks every leaf of a record (every scalar and string, and every list's length) in field order
// and changes leaf number `target`.
struct Mutator {
    size_t target;
    size_t seen = 0;

    void change(std::string& v) { v += "~"; }
    void change(bool& v) { v = !v; }
    void change(int64_t& v) { v ^= 1; }
    template <class E>
    std::enable_if_t<std::is_enum_v<E>> change(E& v) {
        v = E(int(v) == 0 ? 1 : 0);
    }
    template <class T>
    void visit(std::vector<T>& v) {
        if (seen++ == target) return v.emplace_back(), void();
        for (T& x : v) visit(x);
    }
    template <class T>
    void visit(T& v) {
        if constexpr (fixtures::IsRecord<T>::value) std::apply([this](auto&... f) { (visit(f), ...); }, fixtures::fields(v));
        else if (seen++ == target) change(v);
    }
};

}  // namespace

TEST_CASE("a snapshot round trips a demo store exactly", "[snapshot]") {
    Store original = fixtures::demo_store(3000);
    std::string bytes = encode_snapshot(original);
    Store back;
    std::string err;
    REQUIRE(decode_snapshot(bytes, back, err));
    CHECK(same_store(back, original));
    CHECK(export_of(back) == export_of(original));
    // The indexes are rebuilt: lookups work straight away.
    CHECK(back.find_conversation(original.conversations[1234].id) == &back.conversations[1234]);
    CHECK(back.find_customer(original.customers[5].id));
    CHECK(back.find_order(original.orders[7].id));
    // Same store, same bytes: the encoding has no hidden state.
    CHECK(encode_snapshot(back) == bytes);
}

TEST_CASE("a snapshot encoded in slices is the same file", "[snapshot]") {
    Store store = fixtures::busy_store(10, 60, 3);
    const std::string whole = encode_snapshot(store);
    for (size_t slice : {size_t(1), size_t(7), size_t(500), SIZE_MAX}) {
        EncodeJob job = begin_encode(store);
        CHECK(job.total == store.customers.size() + store.orders.size() + store.conversations.size());
        size_t steps = 0, last = 0;
        while (!encode_next(job, store, slice)) {
            ++steps;
            CHECK(job.done > last);   // every slice makes progress
            last = job.done;
        }
        CHECK(job.finished);
        CHECK(job.done == job.total);
        if (slice == 1) CHECK(steps + 1 == job.total);
        CHECK(job.bytes == whole);
    }
    // An empty store finishes in the first call.
    Store empty;
    EncodeJob e = begin_encode(empty);
    CHECK(encode_next(e, empty, 1));
    CHECK(e.bytes == encode_snapshot(empty));
}

TEST_CASE("a snapshot round trips a store after every kind of edit", "[snapshot]") {
    Store original = fixtures::busy_store(400, 6000);
    // Every optional field is non-default somewhere, or the round trip proves little.
    bool remark_edit = false, note_edit = false, delivery_edit = false, label_edit = false, tomb_r = false, tomb_n = false,
         draft = false, spam = false, suppressed = false, assignee = false, failed = false, auto_reply = false,
         override_checks = false, replaced = false, status_edit = false, proactive = false, ebay_case = false, folder = false;
    for (const Conversation& c : original.conversations) {
        for (const Remark& r : c.remarks) remark_edit |= !r.edit.zero();
        for (const Note& n : c.notes) note_edit |= !n.edit.zero();
        for (const Message& m : c.messages) {
            delivery_edit |= !m.delivery_edit.zero();
            failed |= m.delivery == Delivery::Failed;
            auto_reply |= m.auto_reply;
            override_checks |= m.override_checks;
        }
        label_edit |= !c.edits.labels.empty();
        tomb_r |= !c.edits.deleted_remarks.empty();
        tomb_n |= !c.edits.deleted_notes.empty();
        draft |= !c.draft.empty() && !c.edits.draft.zero();
        spam |= c.spam != SpamReason::None && !c.edits.spam.zero();
        suppressed |= c.edits.suppressed_spam != SpamReason::None;
        assignee |= !c.assignee.empty() && !c.edits.assignee.zero();
        replaced |= c.edits.unread.replaced != 0;
        status_edit |= !c.edits.status.zero();
        proactive |= c.id.find("-new") != std::string::npos;
        ebay_case |= c.ebay_case.type != CaseType::None;
        folder |= c.folder != EbayFolder::None;
    }
    CHECK(remark_edit);
    CHECK(note_edit);
    CHECK(delivery_edit);
    CHECK(label_edit);
    CHECK(tomb_r);
    CHECK(tomb_n);
    CHECK(draft);
    CHECK(spam);
    CHECK(suppressed);
    CHECK(assignee);
    CHECK(failed);
    CHECK(auto_reply);
    CHECK(override_checks);
    CHECK(replaced);
    CHECK(status_edit);
    CHECK(proactive);
    CHECK(ebay_case);
    CHECK(folder);

    Store back;
    std::string err;
    REQUIRE(decode_snapshot(encode_snapshot(original), back, err));
    CHECK(same_store(back, original));
    CHECK(export_of(back) == export_of(original));
}

TEST_CASE("every field of every record reaches the snapshot", "[snapshot]") {
    // One record of each kind, with one element in every list, then each leaf changed in turn: a
    // field the encoder skipped or wrote twice would give the same bytes or a different store.
    Store base = small_store();
    Conversation c = base.conversations[0];
    c.remarks.assign(1, Remark{"r1", "text", "agent", 5, RemarkFlag::Blue, Edit{Stamp{9, "ra"}, 4}});
    c.notes.assign(1, Note{"n1", "text", "agent", 6, Edit{Stamp{10, "rb"}, 2}});
    c.labels.assign(1, "vip");
    c.edits.labels.assign(1, LabelEdit{"vip", Edit{Stamp{11, "ra"}, 1}});
    c.edits.deleted_remarks.assign(1, Tombstone{"r0", Stamp{12, "rb"}});
    c.edits.deleted_notes.assign(1, Tombstone{"n0", Stamp{13, "ra"}});
    REQUIRE_FALSE(c.messages.empty());
    Store one;
    one.customers = {base.customers[0]};
    one.orders = {base.orders[0]};
    one.conversations = {c};
    const std::string bytes = encode_snapshot(one);

    Mutator count{size_t(-1)};
    count.visit(one.customers);
    count.visit(one.orders);
    count.visit(one.conversations);
    REQUIRE(count.seen > 100);
    for (size_t k = 0; k < count.seen; ++k) {
        Store changed = one;
        Mutator m{k};
        m.visit(changed.customers);
        m.visit(changed.orders);
        m.visit(changed.conversations);
        INFO("leaf " << k);
        std::string changed_bytes = encode_snapshot(changed);
        CHECK(changed_bytes != bytes);
        Store back;
        std::string err;
        REQUIRE(decode_snapshot(changed_bytes, back, err));
        CHECK(same_store(back, changed));
        CHECK_FALSE(same_store(back, one));
    }
}

TEST_CASE("an empty store round trips", "[snapshot]") {
    Store empty, back;
    back.conversations.resize(2);
    std::string err;
    REQUIRE(decode_snapshot(encode_snapshot(empty), back, err));
    CHECK(back.conversations.empty());
    CHECK(encode_snapshot(empty).size() == 48);   // header + trailer
}

TEST_CASE("a truncated snapshot is refused at every length", "[snapshot]") {
    const std::string bytes = encode_snapshot(small_store());
    REQUIRE(bytes.size() > 1000);
    for (size_t n = 0; n < bytes.size(); ++n) {
        std::string err = decode_error(std::string_view(bytes).substr(0, n));
        INFO("length " << n << ": " << err);
        REQUIRE_FALSE(err.empty());
        if (n >= 20) CHECK(err == "truncated at byte " + std::to_string(n) + " of " + std::to_string(bytes.size()));
        else CHECK(err.find("truncated at byte " + std::to_string(n)) == 0);
    }
    // A bigger one at sampled lengths, including the ends.
    const std::string big = encode_snapshot(fixtures::demo_store(3000));
    fixtures::Rng rng{5};
    for (int i = 0; i < 300; ++i) {
        size_t n = i < 100 ? size_t(i) : i < 200 ? big.size() - size_t(i - 99) : rng.below(big.size());
        REQUIRE_FALSE(decode_error(std::string_view(big).substr(0, n)).empty());
    }
    // Extra bytes after the end are damage too.
    CHECK(decode_error(bytes + "x") == "1 unexpected bytes after the end (file damaged)");
}

TEST_CASE("every single flipped bit is refused", "[snapshot]") {
    const std::string bytes = encode_snapshot(small_store());
    Store untouched = small_store();
    for (size_t i = 0; i < bytes.size(); ++i) {
        for (int bit = 0; bit < 8; ++bit) {
            std::string damaged = bytes;
            damaged[i] = char(damaged[i] ^ (1 << bit));
            Store out = untouched;
            std::string err;
            INFO("byte " << i << " bit " << bit);
            REQUIRE_FALSE(decode_snapshot(damaged, out, err));
            CHECK(err == (i < 8 ? "not a SellerDesk snapshot" : "checksum mismatch (file damaged)"));
            if (i % 97 == 0 && bit == 0) CHECK(same_store(out, untouched));   // left unchanged on failure
        }
    }
}

TEST_CASE("files that are not snapshots, or from a newer app, are named as such", "[snapshot]") {
    CHECK(decode_error("{\"format\": \"sellerdesk-export\"}") == "not a SellerDesk snapshot");
    CHECK(decode_error("SDSN") == "truncated at byte 4 (inside the header)");
    CHECK(decode_error("") == "truncated at byte 0 (inside the header)");
    const std::string newer = seal("", 0, 0, 0, 0, 9);
    CHECK(decode_error(newer) == "version 9 is newer than this app reads");
    CHECK(snapshot_is_newer(newer));
    CHECK_FALSE(snapshot_is_newer(encode_snapshot(Store())));
    CHECK(decode_error(seal("", 0, 0, 0, 0, 0)) == "version 0 is not a valid snapshot version");
    CHECK(decode_error(seal("", 0, 0, 0, 0)) == "");   // the hand-made layout matches the encoder's
}

TEST_CASE("hostile content with a valid checksum is refused cleanly", "[snapshot]") {
    // A customer: id, name, email, country.
    const std::string customer = str("c1") + str("Ann") + str("a@b") + str("US");
    REQUIRE(decode_error(seal(customer, 1, 0, 0, 0)) == "");

    SECTION("counts far beyond the file") {
        CHECK(decode_error(seal(customer, 0xFFFFFFFFu, 0, 0, 0)).find("record count is larger than the file") != std::string::npos);
        CHECK(decode_error(seal(customer, 1, 0, 0xFFFFFFFFu, 0)).find("larger than the file") != std::string::npos);
        CHECK(decode_error(seal(customer, 1, 0, 0, 5)).find("message count") != std::string::npos);
    }
    SECTION("a text longer than the file") {
        std::string body = varint(uint64_t(1) << 62) + "abc";
        CHECK(decode_error(seal(body, 1, 0, 0, 0)).find("a text runs past the end") != std::string::npos);
    }
    SECTION("a list longer than the file") {
        // A conversation up to its labels, which claim 2^40 entries.
        std::string conv = str("x") + std::string(3, '\0') + str("s") + str("c1") + str("") + varint(uint64_t(1) << 40) + kPadding;
        CHECK(decode_error(seal(conv, 0, 0, 1, 0)).find("a list is longer than the file") != std::string::npos);
    }
    SECTION("values out of range, bad numbers, leftovers") {
        std::string conv = str("x") + std::string(1, char(9)) + kPadding;   // marketplace 9
        CHECK(decode_error(seal(conv, 0, 0, 1, 0)).find("a value is out of range") != std::string::npos);
        std::string order = str("o") + str("") + str("") + str("") + std::string(11, char(0xFF)) + kPadding;
        CHECK(decode_error(seal(order, 0, 1, 0, 0)).find("a number is too large") != std::string::npos);
        CHECK(decode_error(seal(customer + "z", 1, 0, 0, 0)).find("unread bytes") != std::string::npos);
        // 0 written in two bytes: accepted, it would give a second encoding of the same store.
        std::string long_zero = str("o") + str("") + str("") + str("") + std::string("\x80\x00", 2) + kPadding;
        CHECK(decode_error(seal(long_zero, 0, 1, 0, 0)).find("a number is not in its shortest form") != std::string::npos);
        std::string gift = str("o") + str("") + str("") + str("") + varint(0) + str("") + std::string(4, '\0') + str("") +
                           std::string(1, char(2)) + kPadding;
        CHECK(decode_error(seal(gift, 0, 1, 0, 0)).find("a flag is neither 0 nor 1") != std::string::npos);
    }
    SECTION("random content never crashes the reader") {
        fixtures::Rng rng{42};
        size_t accepted = 0;
        for (int i = 0; i < 5000; ++i) {
            std::string body(rng.below(300), '\0');
            for (char& ch : body) ch = char(rng.below(4) == 0 ? rng.below(256) : rng.below(4));
            uint32_t counts[3] = {uint32_t(rng.below(3)), uint32_t(rng.below(3)), uint32_t(rng.below(3))};
            if (decode_error(seal(body, counts[0], counts[1], counts[2], rng.below(3))).empty()) ++accepted;
        }
        CHECK(accepted < 5000);
    }
}
