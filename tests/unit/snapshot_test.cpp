// The binary snapshot (core/snapshot_bin.h), in its two files: exact round trips, every truncation
// and every flipped bit of either file refused, hostile content refused without crashing or
// allocating without bound, a texts file tied to its snapshot, texts filled in slices while the
// store grows, and version 1 snapshots (texts inside) still read.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <unistd.h>
#include <cstdint>
#include <string>

#include "core/export_json.h"
#include "core/journal.h"
#include "core/snapshot_bin.h"
#include "store_fixtures.h"

using namespace sd;
using fixtures::no_texts;
using fixtures::same;
using fixtures::same_store;
using fixtures::without_texts;

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

// Writes `bytes` to a file of its own and decodes it from there a window at a time
// (decode_snapshot_file, what start-up uses); returns what decode_snapshot gave for the same
// bytes in memory, after checking that the file gave exactly the same: result, error, link.
std::string through_file(std::string_view bytes, bool ok, const Store& s, const std::string& err, const TextsLink& link,
                         size_t window) {
    const std::string path = "/tmp/sellerdesk-snapshot-test-" + std::to_string(::getpid()) + ".bin";
    {
        std::FILE* f = std::fopen(path.c_str(), "wb");
        REQUIRE(f);
        REQUIRE(std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size());
        std::fclose(f);
    }
    Store from_file = fixtures::small_marker_store();
    std::string file_err;
    TextsLink file_link;
    bool newer = false;
    const bool file_ok = decode_snapshot_file(path, from_file, file_err, &file_link, &newer, window);
    std::remove(path.c_str());
    INFO("window " << window << ": " << err << " / " << file_err);
    CHECK(file_ok == ok);
    CHECK(file_err == (ok ? std::string() : err));
    CHECK(newer == (!ok && snapshot_is_newer(bytes)));
    if (ok) {
        CHECK(same_store(from_file, s));
        CHECK((file_link.separate == link.separate && file_link.snapshot_crc == link.snapshot_crc &&
               file_link.conversations == link.conversations && file_link.messages == link.messages));
    } else {
        CHECK(same_store(from_file, fixtures::small_marker_store()));   // left unchanged on failure
    }
    return ok ? "" : err;
}

// Decodes a snapshot file into a fresh store; the error when it fails. Every call also decodes the
// same bytes from a file, with a tiny window (records straddle it) and the default one, and
// checks that both ways agree.
std::string decode_error(std::string_view bytes) {
    Store s;
    std::string err;
    TextsLink link;
    const bool ok = decode_snapshot(bytes, s, err, &link);
    if (!ok) REQUIRE_FALSE(err.empty());
    through_file(bytes, ok, s, err, link, 64);
    return through_file(bytes, ok, s, err, link, size_t(1) << 20);
}

bool same_files(const SnapshotFiles& a, const SnapshotFiles& b) { return a.snapshot == b.snapshot && a.texts == b.texts; }

// The snapshot file alone: the store without its texts, and the link to its texts file.
Store decode_list(const std::string& snapshot, TextsLink& link) {
    Store s;
    std::string err;
    INFO(err);
    REQUIRE(decode_snapshot(snapshot, s, err, &link));
    REQUIRE(link.separate);
    return s;
}

// Both files, as the app reads them: the snapshot, then its texts.
Store decode_both(const SnapshotFiles& files) {
    TextsLink link;
    Store s = decode_list(files.snapshot, link);
    std::string err;
    INFO(err);
    REQUIRE(decode_texts(files.texts, link, s, err));
    return s;
}

// The same texts through a TextsJob in slices of `slice` bytes; the job's error when it fails.
std::string texts_in_slices(const std::string& texts, const TextsLink& link, Store& store, size_t slice) {
    TextsJob job;
    std::string err;
    if (!begin_texts(texts, link, job, err)) {
        REQUIRE_FALSE(err.empty());
        return err;
    }
    for (int guard = 0; !texts_next(job, store, slice); ++guard) REQUIRE(guard < 10000000);
    CHECK(job.finished);
    CHECK(job.progress() == 1.0);
    if (job.error.empty()) CHECK(texts_filled(job) == link.conversations);
    else CHECK(texts_filled(job) == 0);
    return job.error;
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
// Version 1 unless said otherwise: the hand-made records below have no messages, so they read
// the same in both versions.
std::string seal(const std::string& body, uint32_t customers, uint32_t orders, uint32_t conversations, uint64_t messages,
                 uint32_t version = 1) {
    return fixtures::seal_snapshot(body, customers, orders, conversations, messages, version);
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
    const SnapshotFiles files = encode_snapshot(original);
    Store back = decode_both(files);
    CHECK(same_store(back, original));
    CHECK(export_of(back) == export_of(original));
    // The indexes are rebuilt: lookups work straight away.
    CHECK(back.find_conversation(original.conversations[1234].id) == &back.conversations[1234]);
    CHECK(back.find_customer(original.customers[5].id));
    CHECK(back.find_order(original.orders[7].id));
    // Same store, same bytes: the encoding has no hidden state.
    CHECK(same_files(encode_snapshot(back), files));
}

TEST_CASE("the snapshot file alone gives everything but the texts, and its texts file the rest", "[snapshot][texts]") {
    const Store original = fixtures::busy_store(400, 6000);
    const SnapshotFiles files = encode_snapshot(original);
    Store back;
    std::string err;
    TextsLink link;
    REQUIRE(decode_snapshot(files.snapshot, back, err, &link));
    CHECK(link.separate);
    CHECK(link.conversations == original.conversations.size());
    CHECK(link.messages == fixtures::message_count(original));
    CHECK(link.snapshot_crc == fixtures::trailer_crc(files.snapshot));
    CHECK(link.snapshot_crc == crc32(std::string_view(files.snapshot).substr(0, files.snapshot.size() - 4)));
    // Every message is there with every field but its text.
    REQUIRE(fixtures::message_count(back) > 1000);
    CHECK(no_texts(back));
    CHECK(same_store(back, without_texts(original)));
    CHECK_FALSE(same_store(back, original));
    CHECK(back.find_conversation(original.conversations[123].id) == &back.conversations[123]);
    // The texts are in the texts file only: the longest one is not in the snapshot file.
    const Message* longest = &original.conversations[0].messages[0];
    for (const Conversation& c : original.conversations)
        for (const Message& m : c.messages)
            if (m.body.size() > longest->body.size()) longest = &m;
    REQUIRE(longest->body.size() > 100);
    CHECK(files.snapshot.find(longest->body) == std::string::npos);
    CHECK(files.texts.find(longest->body) != std::string::npos);
    // Without a link to fill in, the snapshot decodes the same.
    Store plain;
    REQUIRE(decode_snapshot(files.snapshot, plain, err));
    CHECK(same_store(plain, back));

    REQUIRE(decode_texts(files.texts, link, back, err));
    CHECK(err.empty());
    CHECK(same_store(back, original));
    CHECK(export_of(back) == export_of(original));
    CHECK(back.find_conversation(original.conversations[123].id) == &back.conversations[123]);
}

TEST_CASE("the texts file has its documented layout", "[snapshot][texts]") {
    // Written by hand from the layout (store_fixtures.h), independently of the encoder.
    for (const Store& s : {Store(), small_store(), fixtures::busy_store(300, 2000)}) {
        const SnapshotFiles files = encode_snapshot(s);
        CHECK(files.snapshot == fixtures::legacy_snapshot(s, kSnapshotVersion));
        CHECK(files.texts == fixtures::seal_texts(fixtures::texts_body(fixtures::texts_of(s)), fixtures::trailer_crc(files.snapshot),
                                                  uint32_t(s.conversations.size()), fixtures::message_count(s), kTextsVersion));
    }
    CHECK(kSnapshotVersion == 4);
    CHECK(kTextsVersion == 1);
}

TEST_CASE("a snapshot read from its file a window at a time is the same as one read whole", "[snapshot]") {
    // decode_error checks both ways agree; here on stores whose records straddle every window size.
    const Store busy = fixtures::busy_store(400, 6000);
    const SnapshotFiles files = encode_snapshot(busy);
    CHECK(decode_error(files.snapshot) == "");
    CHECK(decode_error(fixtures::legacy_snapshot(busy, 1)) == "");   // version 1, texts inside
    CHECK(decode_error(encode_snapshot(fixtures::demo_store(3000)).snapshot) == "");
    CHECK(decode_error(encode_snapshot(Store()).snapshot) == "");
    // A file that cannot be opened says so.
    Store s;
    std::string err;
    CHECK_FALSE(decode_snapshot_file("/tmp/sellerdesk-no-such-snapshot.bin", s, err));
    CHECK(err == "cannot be opened");
}

TEST_CASE("a snapshot encoded in slices is the same file", "[snapshot]") {
    Store store = fixtures::busy_store(10, 60, 3);
    const SnapshotFiles whole = encode_snapshot(store);
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
        CHECK(same_files(job.files, whole));
    }
    // Files over a megabyte are checksummed in more calls after the last record, the same bytes.
    Store big = fixtures::busy_store(2500, 3000);
    const SnapshotFiles big_whole = encode_snapshot(big);
    REQUIRE(big_whole.texts.size() + big_whole.snapshot.size() > 2u << 20);
    EncodeJob job = begin_encode(big);
    size_t after_records = 0;
    while (!encode_next(job, big, 100))
        if (job.done == job.total) ++after_records;
    CHECK(after_records >= (big_whole.texts.size() + big_whole.snapshot.size()) / (1u << 20) - 1);
    CHECK(same_files(job.files, big_whole));
    // An empty store finishes in the first call.
    Store empty;
    EncodeJob e = begin_encode(empty);
    CHECK(encode_next(e, empty, 1));
    CHECK(same_files(e.files, encode_snapshot(empty)));
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

    Store back = decode_both(encode_snapshot(original));
    CHECK(same_store(back, original));
    CHECK(export_of(back) == export_of(original));
    // The snapshot file alone: the same, texts aside.
    TextsLink link;
    CHECK(same_store(decode_list(encode_snapshot(original).snapshot, link), without_texts(original)));
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
    c.messages[0].attachments.assign(1, Attachment{"photo.jpg", 2048});   // the mail fields (version 3)
    c.messages[0].mail_id = "abc@mail.example";
    c.messages[0].exported = true;
    c.mail_to = "buyer@marketplace.amazon.com";
    Store one;
    one.customers = {base.customers[0]};
    one.orders = {base.orders[0]};
    one.orders[0].defects.assign(1, Defect{DefectKind::Chargeback, 7});   // version 3
    one.conversations = {c};
    const SnapshotFiles files = encode_snapshot(one);

    Mutator count{size_t(-1)};
    count.visit(one.customers);
    count.visit(one.orders);
    count.visit(one.conversations);
    REQUIRE(count.seen > 100);
    size_t text_leaves = 0;
    for (size_t k = 0; k < count.seen; ++k) {
        Store changed = one;
        Mutator m{k};
        m.visit(changed.customers);
        m.visit(changed.orders);
        m.visit(changed.conversations);
        INFO("leaf " << k);
        const SnapshotFiles changed_files = encode_snapshot(changed);
        // A changed text changes only the texts file; anything else changes the snapshot file, and
        // with it the texts file, which repeats the snapshot's checksum.
        const bool text_only = same_store(without_texts(changed), without_texts(one));
        if (text_only) {
            ++text_leaves;
            CHECK(changed_files.snapshot == files.snapshot);
        } else {
            CHECK(changed_files.snapshot != files.snapshot);
        }
        CHECK(changed_files.texts != files.texts);
        Store back = decode_both(changed_files);
        CHECK(same_store(back, changed));
        CHECK_FALSE(same_store(back, one));
        // The old texts file does not fit a changed snapshot.
        if (!text_only) {
            TextsLink link;
            Store list = decode_list(changed_files.snapshot, link);
            std::string err;
            CHECK_FALSE(decode_texts(files.texts, link, list, err));
        }
    }
    CHECK(text_leaves == c.messages.size());   // one text per message
}

TEST_CASE("an empty store round trips", "[snapshot]") {
    Store empty, back;
    back.conversations.resize(2);
    std::string err;
    const SnapshotFiles files = encode_snapshot(empty);
    TextsLink link;
    REQUIRE(decode_snapshot(files.snapshot, back, err, &link));
    CHECK(back.conversations.empty());
    CHECK(link.separate);
    CHECK(link.conversations == 0);
    CHECK(link.messages == 0);
    REQUIRE(decode_texts(files.texts, link, back, err));
    CHECK(back.conversations.empty());
    CHECK(files.snapshot.size() == 48);   // header + trailer
    CHECK(files.texts.size() == 44);      // header + trailer
    // In slices too.
    CHECK(texts_in_slices(files.texts, link, back, 1) == "");
}

TEST_CASE("a truncated snapshot is refused at every length", "[snapshot]") {
    const std::string bytes = encode_snapshot(small_store()).snapshot;
    REQUIRE(bytes.size() > 1000);
    for (size_t n = 0; n < bytes.size(); ++n) {
        std::string err = decode_error(std::string_view(bytes).substr(0, n));
        INFO("length " << n << ": " << err);
        REQUIRE_FALSE(err.empty());
        if (n >= 20) CHECK(err == "truncated at byte " + std::to_string(n) + " of " + std::to_string(bytes.size()));
        else CHECK(err.find("truncated at byte " + std::to_string(n)) == 0);
    }
    // A bigger one at sampled lengths, including the ends.
    const std::string big = encode_snapshot(fixtures::demo_store(3000)).snapshot;
    fixtures::Rng rng{5};
    for (int i = 0; i < 300; ++i) {
        size_t n = i < 100 ? size_t(i) : i < 200 ? big.size() - size_t(i - 99) : rng.below(big.size());
        REQUIRE_FALSE(decode_error(std::string_view(big).substr(0, n)).empty());
    }
    // Extra bytes after the end are damage too.
    CHECK(decode_error(bytes + "x") == "1 unexpected bytes after the end (file damaged)");
}

TEST_CASE("every single flipped bit is refused", "[snapshot]") {
    const std::string bytes = encode_snapshot(small_store()).snapshot;
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
            if (i % 13 == 0 && bit == 3) CHECK(decode_error(damaged) == err);   // from a file too
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
    CHECK_FALSE(snapshot_is_newer(encode_snapshot(Store()).snapshot));
    CHECK(decode_error(seal("", 0, 0, 0, 0, 0)) == "version 0 is not a valid version");
    CHECK(decode_error(seal("", 0, 0, 0, 0)) == "");      // the hand-made layout matches the encoder's
    CHECK(decode_error(seal("", 0, 0, 0, 0, 2)) == "");   // in both versions
    // The two files are not taken for each other.
    const SnapshotFiles files = encode_snapshot(small_store());
    CHECK(decode_error(files.texts) == "not a SellerDesk snapshot");
    CHECK_FALSE(snapshot_is_newer(files.texts));
    TextsLink link;
    Store list = decode_list(files.snapshot, link);
    std::string err;
    CHECK_FALSE(decode_texts(files.snapshot, link, list, err));
    CHECK(err == "not a SellerDesk texts file");
    CHECK_FALSE(decode_texts("", link, list, err));
    CHECK(err == "truncated at byte 0 (inside the header)");
    const std::string newer_texts = fixtures::seal_texts("", link.snapshot_crc, 0, 0, 2);
    CHECK_FALSE(decode_texts(newer_texts, link, list, err));
    CHECK(err == "version 2 is newer than this app reads");
    CHECK_FALSE(decode_texts(fixtures::seal_texts("", link.snapshot_crc, 0, 0, 0), link, list, err));
    CHECK(err == "version 0 is not a valid version");
    CHECK(no_texts(list));
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
        for (uint32_t version : {1u, 2u}) {
            fixtures::Rng rng{42 + version};
            size_t accepted = 0;
            for (int i = 0; i < 5000; ++i) {
                std::string body(rng.below(300), '\0');
                for (char& ch : body) ch = char(rng.below(4) == 0 ? rng.below(256) : rng.below(4));
                uint32_t counts[3] = {uint32_t(rng.below(3)), uint32_t(rng.below(3)), uint32_t(rng.below(3))};
                if (decode_error(seal(body, counts[0], counts[1], counts[2], rng.below(3), version)).empty()) ++accepted;
            }
            CHECK(accepted < 5000);
        }
    }
    SECTION("a message text longer than a version 1 file") {
        // A version 1 message's text comes right after its time; here it claims 2^40 bytes.
        Store one = small_store();
        one.conversations.resize(1);
        one.conversations[0].messages.resize(1);
        one.customers.clear();
        one.orders.clear();
        const std::string good = fixtures::legacy_snapshot(one, 1);
        REQUIRE(decode_error(good) == "");
        const Message& m = one.conversations[0].messages[0];
        fixtures::LegacyWriter w;
        w.texts_inline = false;
        w.one(m.id);
        w.one(m.direction);
        w.one(m.role);
        w.one(m.author);
        w.one(m.at);
        const std::string before_text = w.out;
        const size_t at = good.find(before_text);
        REQUIRE(at != std::string::npos);
        std::string body = good.substr(44, good.size() - 48);
        const size_t text_at = at - 44 + before_text.size();
        std::string huge;
        fixtures::put_varint(huge, uint64_t(1) << 40);
        body = body.substr(0, text_at) + huge + "abc" + kPadding;
        CHECK(decode_error(seal(body, 0, 0, 1, 1, 1)).find("a text runs past the end") != std::string::npos);
    }
}

// ---- the texts file -----------------------------------------------------------------------------

TEST_CASE("a truncated texts file is refused at every length and changes nothing", "[snapshot][texts]") {
    const Store original = small_store();
    const SnapshotFiles files = encode_snapshot(original);
    TextsLink link;
    const Store list = decode_list(files.snapshot, link);
    const std::string& texts = files.texts;
    REQUIRE(texts.size() > 500);
    for (size_t n = 0; n < texts.size(); ++n) {
        const std::string_view cut = std::string_view(texts).substr(0, n);
        Store out = list;
        std::string err;
        INFO("length " << n << ": " << err);
        REQUIRE_FALSE(decode_texts(cut, link, out, err));
        if (n >= 20) CHECK(err == "truncated at byte " + std::to_string(n) + " of " + std::to_string(texts.size()));
        else CHECK(err.find("truncated at byte " + std::to_string(n)) == 0);
        CHECK(same_store(out, list));   // every text still empty
        // A TextsJob refuses it before reading a text.
        TextsJob job;
        std::string job_err;
        CHECK_FALSE(begin_texts(std::string(cut), link, job, job_err));
        CHECK(job_err == err);
    }
    Store out = list;
    std::string err;
    CHECK_FALSE(decode_texts(texts + "x", link, out, err));
    CHECK(err == "1 unexpected bytes after the end (file damaged)");
    CHECK(same_store(out, list));
    REQUIRE(decode_texts(texts, link, out, err));
    CHECK(same_store(out, original));
}

TEST_CASE("every single flipped bit of a texts file is refused and changes nothing", "[snapshot][texts]") {
    const Store original = small_store();
    const SnapshotFiles files = encode_snapshot(original);
    TextsLink link;
    const Store list = decode_list(files.snapshot, link);
    const std::string& texts = files.texts;
    for (size_t i = 0; i < texts.size(); ++i) {
        for (int bit = 0; bit < 8; ++bit) {
            std::string damaged = texts;
            damaged[i] = char(damaged[i] ^ (1 << bit));
            const std::string want = i < 8 ? "not a SellerDesk texts file" : "checksum mismatch (file damaged)";
            Store out = list;
            std::string err;
            INFO("byte " << i << " bit " << bit);
            REQUIRE_FALSE(decode_texts(damaged, link, out, err));
            CHECK(err == want);
            CHECK(same_store(out, list));
            // Through a TextsJob: refused at its start (the header) or when the checksum is done.
            Store sliced = list;
            CHECK(texts_in_slices(damaged, link, sliced, 61) == want);
            CHECK(same_store(sliced, list));
        }
    }
}

TEST_CASE("a texts file belongs to one snapshot", "[snapshot][texts]") {
    const Store a = small_store();
    const SnapshotFiles files_a = encode_snapshot(a);
    TextsLink link_a;
    const Store list_a = decode_list(files_a.snapshot, link_a);
    std::string err;

    // The same texts and counts, but one subject differs: another snapshot.
    Store b = a;
    b.conversations[0].subject += "!";
    const SnapshotFiles files_b = encode_snapshot(b);
    REQUIRE(fixtures::texts_of(b) == fixtures::texts_of(a));
    // A quite different store.
    const SnapshotFiles files_c = encode_snapshot(fixtures::busy_store(10, 60, 99));
    for (const std::string* other : {&files_b.texts, &files_c.texts}) {
        Store out = list_a;
        CHECK_FALSE(decode_texts(*other, link_a, out, err));
        CHECK(err == "belongs to another snapshot (the snapshot's checksum differs)");
        CHECK(same_store(out, list_a));
        CHECK(texts_in_slices(*other, link_a, out, 4096) == err);
        CHECK(same_store(out, list_a));
    }
    // Its own snapshot's link, with other counts (only a bug or a hand-made link gives that).
    for (int k = 0; k < 2; ++k) {
        TextsLink wrong = link_a;
        if (k == 0) wrong.conversations += 1;
        else wrong.messages -= 1;
        Store out = list_a;
        CHECK_FALSE(decode_texts(files_a.texts, wrong, out, err));
        CHECK(err == "malformed content: its counts do not match its snapshot");
        CHECK(same_store(out, list_a));
    }
    // The store the texts are filled into lost conversations.
    Store fewer = list_a;
    fewer.conversations.pop_back();
    const Store fewer_before = fewer;
    CHECK_FALSE(decode_texts(files_a.texts, link_a, fewer, err));
    CHECK(err.find("the inbox has fewer conversations than the file") != std::string::npos);
    CHECK(same_store(fewer, fewer_before));
    CHECK(texts_in_slices(files_a.texts, link_a, fewer, 97).find("fewer conversations") != std::string::npos);
    CHECK(same_store(fewer, fewer_before));
    // And the right file fills in.
    Store out = list_a;
    REQUIRE(decode_texts(files_a.texts, link_a, out, err));
    CHECK(same_store(out, a));
}

TEST_CASE("hostile texts content with valid checksums is refused and changes nothing", "[snapshot][texts]") {
    const Store original = small_store();
    const SnapshotFiles files = encode_snapshot(original);
    TextsLink link;
    const Store list = decode_list(files.snapshot, link);
    const auto texts = fixtures::texts_of(original);
    const uint32_t convs = uint32_t(link.conversations);
    REQUIRE(convs == 3);
    REQUIRE(texts[0].size() >= 2);
    auto refused = [&](const std::string& file, const std::string& part) {
        Store out = list;
        std::string err;
        INFO(part);
        CHECK_FALSE(decode_texts(file, link, out, err));
        CHECK(err.find(part) != std::string::npos);
        CHECK(same_store(out, list));
        Store sliced = list;
        CHECK(texts_in_slices(file, link, sliced, 7).find(part) != std::string::npos);
        CHECK(same_store(sliced, list));
    };
    // The hand-made layout matches the encoder's.
    REQUIRE(fixtures::seal_texts(fixtures::texts_body(texts), link.snapshot_crc, convs, link.messages) == files.texts);

    auto more = texts;
    more[0].push_back("one too many");
    more[1].pop_back();   // the total stays right
    refused(fixtures::seal_texts(fixtures::texts_body(more), link.snapshot_crc, convs, link.messages),
            "a conversation has more texts than messages");

    std::string huge = fixtures::texts_body({texts[0]});
    std::string tail;
    fixtures::put_varint(tail, 1);
    fixtures::put_varint(tail, uint64_t(1) << 60);
    refused(fixtures::seal_texts(huge + tail + "abc", link.snapshot_crc, convs, link.messages), "a text runs past the end");

    refused(fixtures::seal_texts(fixtures::texts_body(texts) + "z", link.snapshot_crc, convs, link.messages),
            "unread bytes after the last conversation");

    auto fewer = texts;
    fewer[2].pop_back();
    refused(fixtures::seal_texts(fixtures::texts_body(fewer), link.snapshot_crc, convs, link.messages),
            "the message count does not match the header");

    refused(fixtures::seal_texts(fixtures::texts_body({texts[0], texts[1]}), link.snapshot_crc, convs, link.messages),
            "runs past the end");

    std::string long_zero = fixtures::texts_body({texts[0], texts[1]}) + std::string("\x80\x00", 2);
    refused(fixtures::seal_texts(long_zero, link.snapshot_crc, convs, link.messages), "not in its shortest form");

    std::string too_many;
    fixtures::put_varint(too_many, uint64_t(1) << 40);
    refused(fixtures::seal_texts(too_many + fixtures::texts_body({texts[1], texts[2]}), link.snapshot_crc, convs, link.messages),
            "a conversation has more texts than messages");

    SECTION("random content never crashes the reader") {
        fixtures::Rng rng{7};
        size_t accepted = 0;
        for (int i = 0; i < 5000; ++i) {
            std::string body(rng.below(200), '\0');
            for (char& ch : body) ch = char(rng.below(4) == 0 ? rng.below(256) : rng.below(8));
            Store out = list;
            std::string err;
            if (decode_texts(fixtures::seal_texts(body, link.snapshot_crc, convs, link.messages), link, out, err)) ++accepted;
            else CHECK(same_store(out, list));
        }
        CHECK(accepted < 5000);
    }
}

TEST_CASE("texts filled in slices give the same store at any slice size", "[snapshot][texts]") {
    const Store original = fixtures::busy_store(60, 400, 3);
    const SnapshotFiles files = encode_snapshot(original);
    TextsLink link;
    const Store list = decode_list(files.snapshot, link);
    Store whole = list;
    std::string err;
    REQUIRE(decode_texts(files.texts, link, whole, err));
    REQUIRE(same_store(whole, original));

    for (size_t slice : {size_t(1), size_t(97), size_t(4096), size_t(1) << 40, SIZE_MAX}) {
        INFO("slice " << slice);
        Store s = list;
        TextsJob job;
        REQUIRE(begin_texts(files.texts, link, job, err));
        CHECK(job.progress() == 0.0);
        CHECK(texts_filled(job) == 0);
        double last = 0;
        size_t steps = 0, last_filled = 0;
        while (!texts_next(job, s, slice)) {
            ++steps;
            REQUIRE(steps < 10000000);
            CHECK(job.error.empty());
            CHECK(job.progress() >= last);
            CHECK(job.progress() < 1.0);
            last = job.progress();
            // The conversations filled so far have their texts; the others none yet.
            const size_t filled = texts_filled(job);
            CHECK(filled >= last_filled);
            if (filled != last_filled || slice > 1) {
                for (size_t i = 0; i < s.conversations.size(); ++i)
                    for (size_t k = 0; k < s.conversations[i].messages.size(); ++k)
                        REQUIRE(s.conversations[i].messages[k].body == (i < filled ? original.conversations[i].messages[k].body : ""));
            }
            last_filled = filled;
        }
        CHECK(job.finished);
        CHECK(job.error.empty());
        CHECK(job.progress() == 1.0);
        CHECK(texts_filled(job) == link.conversations);
        CHECK(same_store(s, whole));
        if (slice == 1) CHECK(steps >= link.conversations);   // at least one slice per conversation
        if (slice >= (size_t(1) << 40)) CHECK(steps <= 1);    // checked in one slice, filled in the next
        CHECK(texts_next(job, s, slice));                     // finished stays finished
        CHECK(same_store(s, whole));
    }
}

TEST_CASE("edits made between slices keep their texts and the snapshot's land in the right messages", "[snapshot][texts]") {
    const Store original = fixtures::busy_store(60, 400, 3);
    const SnapshotFiles files = encode_snapshot(original);
    TextsLink link;
    const Store list = decode_list(files.snapshot, link);
    // A Walmart conversation about an order, for new_conversation.
    const Conversation* about = nullptr;
    for (const Conversation& c : original.conversations)
        if (c.marketplace == Marketplace::Walmart && !c.order_id.empty()) about = &c;
    REQUIRE(about);
    Time latest = 0;
    for (const Conversation& c : original.conversations)
        for (const Message& m : c.messages) latest = std::max(latest, m.at);

    // Edit number k, the same on the store being filled and on the expected one. Replies are
    // later than every message, so they are appended (ops.cpp keeps a thread in time order).
    auto edit = [&](Store& s, int k) {
        std::string why;
        const std::string tag = std::to_string(k);
        const std::string at = format_iso8601(latest + 60 + k);
        const size_t n = s.conversations.size();
        switch (k % 4) {
        case 0:   // a reply to one of the snapshot's conversations
            REQUIRE(apply_op(s, {{"op", "reply"}, {"id", s.conversations[size_t(k * 7) % link.conversations].id},
                                 {"message_id", "between-" + tag}, {"text", "Reply between slices " + tag},
                                 {"author", "Lily"}, {"at", at}},
                             why));
            break;
        case 1:   // a new conversation, then a reply in it
            REQUIRE(apply_op(s, {{"op", "new_conversation"}, {"id", "new-" + tag}, {"marketplace", "walmart"},
                                 {"order_id", about->order_id}, {"customer_id", about->customer_id},
                                 {"subject", "About your order " + tag}, {"at", at}},
                             why));
            REQUIRE(apply_op(s, {{"op", "reply"}, {"id", "new-" + tag}, {"message_id", "first-" + tag},
                                 {"text", "First words " + tag}, {"author", "Lily"}, {"at", at}},
                             why));
            break;
        case 2: {   // a message appended straight to the store (as a merge could)
            Message m;
            m.id = "direct-" + tag;
            m.body = "Appended directly " + tag;
            m.at = latest + 60 + k;
            s.conversations[size_t(k * 13) % n].messages.push_back(m);
            break;
        }
        default: {   // a whole conversation appended
            Conversation c = original.conversations[size_t(k) % link.conversations];
            c.id = "copy-" + tag;
            for (Message& m : c.messages) m.id += "-copy-" + tag, m.body = "Copied text " + tag;
            s.conversations.push_back(c);
            s.reindex();
            break;
        }
        }
        REQUIRE(why.empty());
    };

    for (size_t slice : {size_t(1), size_t(97), size_t(4096), SIZE_MAX}) {
        INFO("slice " << slice);
        Store s = list, expect = original;
        TextsJob job;
        std::string err;
        REQUIRE(begin_texts(files.texts, link, job, err));
        int k = 0;
        edit(s, k), edit(expect, k), ++k;   // before the first slice
        while (!texts_next(job, s, slice)) {
            // Every slice while filling, and a few while the checksum is computed.
            if (job.verified || k < 3) edit(s, k), edit(expect, k), ++k;
        }
        edit(s, k), edit(expect, k), ++k;   // after the last one
        CHECK(job.error.empty());
        CHECK(k >= 3);
        CHECK(s.conversations.size() > link.conversations);
        CHECK(fixtures::message_count(s) > link.messages);
        CHECK(same_store(s, expect));
        if (slice == 1) CHECK(size_t(k) > link.conversations / 2);   // edits all through the filling
    }
}

TEST_CASE("a damaged texts file through a TextsJob ends with an error and no text filled", "[snapshot][texts]") {
    const Store original = fixtures::busy_store(60, 400, 3);
    const SnapshotFiles files = encode_snapshot(original);
    TextsLink link;
    const Store list = decode_list(files.snapshot, link);
    fixtures::Rng rng{11};
    for (size_t slice : {size_t(1), size_t(97), size_t(4096), SIZE_MAX}) {
        for (int i = 0; i < 6; ++i) {
            std::string damaged = files.texts;
            // In the body, in the last text, in the trailer.
            const size_t at = i < 4 ? 40 + rng.below(damaged.size() - 44) : i == 4 ? damaged.size() - 6 : damaged.size() - 1;
            damaged[at] = char(damaged[at] ^ (1 << rng.below(8)));
            INFO("slice " << slice << ", byte " << at);
            Store s = list;
            TextsJob job;
            std::string err;
            REQUIRE(begin_texts(damaged, link, job, err));   // the header is intact
            size_t steps = 0;
            while (!texts_next(job, s, slice)) {
                ++steps;
                CHECK(texts_filled(job) == 0);
                CHECK(no_texts(s));
            }
            CHECK(job.finished);
            CHECK(job.error == "checksum mismatch (file damaged)");
            CHECK(texts_filled(job) == 0);
            CHECK(job.progress() == 1.0);
            CHECK(same_store(s, list));
            CHECK(no_texts(s));
            CHECK(texts_next(job, s, slice));   // stays finished, still nothing filled
            CHECK(no_texts(s));
        }
    }
}

// ---- version 1: the texts inside the snapshot ---------------------------------------------------

TEST_CASE("a version 1 snapshot still decodes with its texts", "[snapshot][texts]") {
    // What the app had when it wrote version 1: no closed_at.
    const Store original = fixtures::without_closed_at(fixtures::busy_store(400, 6000));
    const std::string v1 = fixtures::legacy_snapshot(original, 1);
    // The hand-made writer follows the encoder's rules: without texts, as the current version, it
    // writes exactly the encoder's snapshot file.
    const SnapshotFiles now = encode_snapshot(original);
    REQUIRE(fixtures::legacy_snapshot(original, kSnapshotVersion) == now.snapshot);
    CHECK(v1.size() > now.snapshot.size() + now.texts.size() / 2);
    CHECK(uint32_t(uint8_t(v1[8])) == 1);

    Store back;
    std::string err;
    TextsLink link;
    link.separate = true;
    INFO(err);
    REQUIRE(decode_snapshot(v1, back, err, &link));
    CHECK_FALSE(link.separate);   // no texts file to read
    CHECK(link.conversations == original.conversations.size());
    CHECK(link.messages == fixtures::message_count(original));
    CHECK(same_store(back, original));
    CHECK(export_of(back) == export_of(original));
    CHECK(back.find_conversation(original.conversations[77].id) == &back.conversations[77]);
    Store plain;
    REQUIRE(decode_snapshot(v1, plain, err));
    CHECK(same_store(plain, original));
    // Written again, it becomes the current version: the same store in two files.
    CHECK(same_files(encode_snapshot(back), now));

    SECTION("every field of a version 1 message is read, its text too") {
        Store one = small_store();
        one.conversations.resize(1);
        one.customers.resize(1);
        one.orders.resize(1);
        REQUIRE(one.conversations[0].messages.size() >= 2);
        Mutator count{size_t(-1)};
        count.visit(one.conversations);
        for (size_t k = 0; k < count.seen; ++k) {
            Store changed = one;
            Mutator m{k};
            m.visit(changed.conversations);
            INFO("leaf " << k);
            Store out;
            REQUIRE(decode_snapshot(fixtures::legacy_snapshot(changed, 1), out, err));
            // A version 1 file has no closed_at and no mail fields (version 3): they read back empty.
            for (Conversation& c : changed.conversations) {
                c.mail_to.clear();
                for (Message& msg : c.messages) {
                    msg.mail_id.clear();
                    msg.attachments.clear();
                    msg.exported = false;
                }
            }
            CHECK(same_store(out, fixtures::without_closed_at(changed)));
        }
    }
    SECTION("a damaged version 1 snapshot is refused") {
        const std::string small = fixtures::legacy_snapshot(small_store(), 1);
        for (size_t n = 0; n < small.size(); n += 7) CHECK_FALSE(decode_error(std::string_view(small).substr(0, n)).empty());
        for (size_t i = 0; i < small.size(); i += 5) {
            std::string bad = small;
            bad[i] = char(bad[i] ^ (1 << (i % 8)));
            CHECK_FALSE(decode_error(bad).empty());
        }
        // Its texts are in it: its trailer is no link for a texts file.
        Store out;
        TextsLink l1;
        REQUIRE(decode_snapshot(small, out, err, &l1));
        CHECK_FALSE(l1.separate);
        CHECK(same_store(out, fixtures::without_closed_at(small_store())));
    }
}

// ---- regressions: a slice size that wraps around, a job whose start failed -----------------------

TEST_CASE("a TextsJob makes progress at every slice size", "[snapshot]") {
    // texts_next checks up to max_bytes * 4 bytes per call: that product must not wrap to 0 (it
    // did for 2^62, and the job never moved).
    const SnapshotFiles files = encode_snapshot(small_store());
    TextsLink link;
    Store s = decode_list(files.snapshot, link);
    TextsJob job;
    std::string err;
    REQUIRE(begin_texts(files.texts, link, job, err));
    int calls = 0;
    while (!texts_next(job, s, size_t(1) << 62) && calls < 100) ++calls;
    CHECK(job.finished);
    CHECK(same_store(s, small_store()));
}

TEST_CASE("a TextsJob whose begin_texts failed is finished, not left to throw", "[snapshot]") {
    // A failed begin_texts must leave a finished job: once it left an unfinished one with no
    // bytes, and texts_next computed bytes.size() - 4 (wrapping) and threw from substr.
    const SnapshotFiles files = encode_snapshot(small_store());
    TextsLink link;
    Store s = decode_list(files.snapshot, link);
    TextsJob job;
    std::string err;
    REQUIRE_FALSE(begin_texts(files.texts.substr(0, 100), link, job, err));
    bool finished = false;
    CHECK_NOTHROW(finished = texts_next(job, s, 4096));
    if (!finished) CHECK_NOTHROW(finished = texts_next(job, s, 4096));
    CHECK(finished);
    CHECK(no_texts(s));
}
