// Conversation::closed_at: set by the set_status op that closes (its `at`), cleared when the
// conversation opens again, merged with the status as one register, and read back from a version 2
// snapshot (which has no such field) as unknown. Its round trip through every format is in
// fields_test.cpp, which walks the field list.
#include <catch2/catch.hpp>

#include "core/export_json.h"
#include "core/ops.h"
#include "core/snapshot_bin.h"
#include "core/sync.h"
#include "core/time.h"
#include "store_fixtures.h"

using namespace sd;
using nlohmann::json;

namespace {

Store one_conversation() {
    Store s;
    Conversation c;
    c.id = "tm-1";
    c.marketplace = Marketplace::Tmall;
    c.topic = Topic::ReturnRequest;
    c.messages.push_back({"tm-1-m1", Direction::Inbound, AuthorRole::Customer, "买家", 1795000000, "我想退货", Delivery::Sent, false, false});
    s.conversations = {c};
    s.reindex();
    return s;
}

json set_status(const char* status, const char* at = nullptr) {
    json op = {{"op", "set_status"}, {"id", "tm-1"}, {"status", status}};
    if (at) op["at"] = at;
    return op;
}

Time t(const char* iso) {
    Time v = 0;
    REQUIRE(parse_iso8601(iso, v));
    return v;
}

}  // namespace

TEST_CASE("set_status records when a conversation is closed", "[closed_at][ops]") {
    Store s = one_conversation();
    const Conversation& c = s.conversations[0];
    std::string err;
    REQUIRE(apply_op(s, set_status("closed", "2026-11-20T10:00:00Z"), err));
    CHECK(c.status == Status::Closed);
    CHECK(c.closed_at == t("2026-11-20T10:00:00Z"));
    // Closing what is closed keeps the first time.
    REQUIRE(apply_op(s, set_status("closed", "2026-11-21T10:00:00Z"), err));
    CHECK(c.closed_at == t("2026-11-20T10:00:00Z"));
    // Any other status opens it again.
    REQUIRE(apply_op(s, set_status("awaiting_customer", "2026-11-22T10:00:00Z"), err));
    CHECK(c.closed_at == kNoTime);
    REQUIRE(apply_op(s, set_status("closed", "2026-11-23T10:00:00Z"), err));
    CHECK(c.closed_at == t("2026-11-23T10:00:00Z"));
    // A reply reopens it (status awaiting the customer) and clears it.
    REQUIRE(apply_op(s, {{"op", "reply"}, {"id", "tm-1"}, {"message_id", "r1"}, {"text", "好的"}, {"author", "小王"},
                         {"at", "2026-11-24T10:00:00Z"}}, err));
    CHECK(c.status == Status::AwaitingCustomer);
    CHECK(c.closed_at == kNoTime);
    // A bad time is refused and changes nothing.
    CHECK_FALSE(apply_op(s, set_status("closed", "yesterday"), err));
    CHECK(err == "\"at\" is not an ISO 8601 time: yesterday");
    CHECK(c.status == Status::AwaitingCustomer);
}

TEST_CASE("a set_status op without `at` (an old journal) still applies", "[closed_at][ops][journal]") {
    Store s = one_conversation();
    std::string err;
    REQUIRE(apply_op(s, set_status("closed"), err));
    CHECK(s.conversations[0].status == Status::Closed);
    CHECK(s.conversations[0].closed_at == kNoTime);   // closed at an unknown time
    REQUIRE(apply_op(s, set_status("awaiting_seller"), err));
    CHECK(s.conversations[0].status == Status::AwaitingSeller);
}

TEST_CASE("closed_at merges with the status as one register", "[closed_at][sync]") {
    SyncData a, b;
    a.store = b.store = one_conversation();
    std::string err;
    // Replica rb closes later than ra reopens: rb's status wins, with rb's closing time.
    json close = set_status("closed", "2026-11-20T10:00:00Z");
    close["stamp"] = stamp_to_json(Stamp{make_hlc(1795100000000, 0), "rb"});
    json reopen = set_status("awaiting_seller", "2026-11-20T09:00:00Z");
    reopen["stamp"] = stamp_to_json(Stamp{make_hlc(1795000000000, 0), "ra"});
    REQUIRE(apply_op(a.store, reopen, err));
    REQUIRE(apply_op(b.store, close, err));
    for (bool a_first : {true, false}) {
        const SyncData merged = (a_first ? merge(a, b) : merge(b, a)).data;
        const Conversation& c = merged.store.conversations.at(0);
        CHECK(c.status == Status::Closed);
        CHECK(c.closed_at == t("2026-11-20T10:00:00Z"));
    }
    // Two closings: the later stamp's time is kept whichever side merges.
    SyncData c1 = a;
    json close2 = set_status("closed", "2026-11-20T11:00:00Z");
    close2["stamp"] = stamp_to_json(Stamp{make_hlc(1795200000000, 0), "ra"});
    REQUIRE(apply_op(c1.store, close2, err));
    for (bool first : {true, false}) {
        const SyncData merged = (first ? merge(c1, b) : merge(b, c1)).data;
        CHECK(merged.store.conversations.at(0).closed_at == t("2026-11-20T11:00:00Z"));
    }
}

TEST_CASE("an export carries closed_at next to the status; a version 1 file still imports", "[closed_at][export]") {
    SyncData d;
    d.store = one_conversation();
    std::string err;
    REQUIRE(apply_op(d.store, set_status("closed", "2026-11-20T10:00:00Z"), err));
    ExportOptions opt;
    opt.replica = "ra";
    std::string text;
    REQUIRE(export_text(d, opt, text, err));
    CHECK(text.find("\"version\":2") != std::string::npos);
    CHECK(text.find("\"status\":\"closed\",\"closed_at\":\"2026-11-20T10:00:00Z\"") != std::string::npos);
    ExportFile file;
    ImportError e;
    REQUIRE(parse_export(text, file, e));
    CHECK(file.header.version == 2);
    CHECK(file.data.store.conversations.at(0).closed_at == t("2026-11-20T10:00:00Z"));
    // A version 1 file (written before closed_at) has none: closed at an unknown time.
    std::string v1 = text;
    v1.replace(v1.find("\"version\":2"), 11, "\"version\":1");
    const std::string member = ",\"closed_at\":\"2026-11-20T10:00:00Z\"";
    v1.erase(v1.find(member), member.size());
    ExportFile old;
    REQUIRE(parse_export(v1, old, e));
    CHECK(old.header.version == 1);
    CHECK(old.data.store.conversations.at(0).status == Status::Closed);
    CHECK(old.data.store.conversations.at(0).closed_at == kNoTime);
}

TEST_CASE("a version 2 snapshot, without closed_at, still loads", "[closed_at][snapshot]") {
    Store s = fixtures::busy_store(60, 400);
    // Close a few with a known time: version 3 keeps it; version 2 has no place for it.
    for (size_t i = 0; i < s.conversations.size(); i += 7) {
        s.conversations[i].status = Status::Closed;
        s.conversations[i].closed_at = 1795000000 + Time(i);
    }
    const SnapshotFiles v3 = encode_snapshot(s);
    CHECK(uint8_t(v3.snapshot[8]) == kSnapshotVersion);   // 3 or later: the layout of its version
    CHECK(v3.snapshot == fixtures::legacy_snapshot(s, kSnapshotVersion));
    Store back;
    std::string err;
    TextsLink link;
    REQUIRE(decode_snapshot(v3.snapshot, back, err, &link));
    REQUIRE(decode_texts(v3.texts, link, back, err));
    CHECK(fixtures::same_store(back, s));

    const std::string v2 = fixtures::legacy_snapshot(s, 2);
    CHECK(v2.size() < v3.snapshot.size());
    Store old;
    INFO(err);
    REQUIRE(decode_snapshot(v2, old, err, &link));
    const std::string texts2 = fixtures::seal_texts(fixtures::texts_body(fixtures::texts_of(s)), fixtures::trailer_crc(v2),
                                                    uint32_t(s.conversations.size()), fixtures::message_count(s));
    REQUIRE(decode_texts(texts2, link, old, err));
    Store expect = s;
    for (Conversation& c : expect.conversations) c.closed_at = kNoTime;   // unknown: the file never had it
    for (Order& o : expect.orders) o.defects.clear();                     // nor defects (the demo's Amazon orders have some)
    CHECK(fixtures::same_store(old, expect));
}
