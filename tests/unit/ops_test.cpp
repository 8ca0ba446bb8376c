#include <catch2/catch.hpp>

#include "core/ops.h"
#include "core/store_json.h"
#include "core/time.h"

using namespace sd;
using nlohmann::json;

namespace {
Store small_store() {
    Store s;
    s.customers.push_back({"cu-1", "Maria Lopez", "", "US"});
    s.orders.push_back({});
    s.orders[0].id = "112-1234567-1234567";
    Conversation pre;
    pre.id = "az-1";
    pre.marketplace = Marketplace::Walmart;
    pre.kind = ConversationKind::PreSale;
    pre.customer_id = "cu-1";
    pre.labels = {"response_needed"};
    pre.messages.push_back({"az-1-m1", Direction::Inbound, AuthorRole::Customer, "Maria", 1000, "Is it waterproof?", Delivery::Sent, false, false});
    Conversation post = pre;
    post.id = "az-2";
    post.kind = ConversationKind::PostSale;
    post.order_id = "112-1234567-1234567";
    post.messages[0].id = "az-2-m1";
    s.conversations = {pre, post};
    s.reindex();
    return s;
}
json reply(const char* id, const char* mid, Time at, const char* delivery = "sent") {
    return {{"op", "reply"}, {"id", id}, {"message_id", mid}, {"text", "Thanks, yes it is."}, {"author", "Lily"},
            {"at", format_iso8601(at)}, {"delivery", delivery}};
}
}  // namespace

TEST_CASE("spam flags follow Walmart's rule", "[ops]") {
    Store s = small_store();
    std::string err;
    SECTION("order-related messages are refused with the reason") {
        CHECK_FALSE(apply_op(s, {{"op", "flag_spam"}, {"id", "az-2"}, {"reason", "spam"}}, err));
        CHECK(err.find("order-related") != std::string::npos);
        CHECK(s.find_conversation("az-2")->spam == SpamReason::None);
    }
    SECTION("a reason is required") {
        CHECK_FALSE(apply_op(s, {{"op", "flag_spam"}, {"id", "az-1"}, {"reason", "none"}}, err));
        CHECK_FALSE(apply_op(s, {{"op", "flag_spam"}, {"id", "az-1"}, {"reason", "annoying"}}, err));
    }
    SECTION("an unanswered pre-sale message can be flagged, and answering it unflags it") {
        REQUIRE(apply_op(s, {{"op", "flag_spam"}, {"id", "az-1"}, {"reason", "fraud"}}, err));
        CHECK(s.find_conversation("az-1")->spam == SpamReason::Fraud);
        REQUIRE(apply_op(s, reply("az-1", "r1", 2000), err));
        CHECK(s.find_conversation("az-1")->spam == SpamReason::None);
        CHECK_FALSE(apply_op(s, {{"op", "flag_spam"}, {"id", "az-1"}, {"reason", "spam"}}, err));
        CHECK(err.find("already been answered") != std::string::npos);
    }
    SECTION("a failed reply is no answer") {
        REQUIRE(apply_op(s, reply("az-1", "r1", 2000, "failed"), err));
        CHECK(s.find_conversation("az-1")->status == Status::AwaitingSeller);
        CHECK(apply_op(s, {{"op", "flag_spam"}, {"id", "az-1"}, {"reason", "spam"}}, err));
    }
}

TEST_CASE("replies update the conversation and keep the thread in order", "[ops]") {
    Store s = small_store();
    std::string err;
    REQUIRE(apply_op(s, reply("az-2", "r1", 5000), err));
    const Conversation* c = s.find_conversation("az-2");
    CHECK(c->status == Status::AwaitingCustomer);
    CHECK_FALSE(c->unread);
    CHECK_FALSE(c->has_label("response_needed"));
    REQUIRE(c->messages.size() == 2);
    CHECK(c->messages[1].direction == Direction::Outbound);
    CHECK_FALSE(apply_op(s, reply("az-2", "r1", 6000), err));   // duplicate message id
    CHECK(err.find("already exists") != std::string::npos);
    REQUIRE(apply_op(s, reply("az-2", "r0", 500), err));        // earlier time: inserted first
    CHECK(s.find_conversation("az-2")->messages.front().id == "r0");
    json empty = reply("az-2", "r9", 7000);
    empty["text"] = "  \n ";
    CHECK_FALSE(apply_op(s, empty, err));
    CHECK(err == "the reply is empty");
}

TEST_CASE("malformed operations are refused and change nothing", "[ops]") {
    Store s = small_store();
    json before = store_to_json(s);
    std::string err;
    for (const json& op : {json("text"), json{{"op", "set_unread"}}, json{{"op", "set_unread"}, {"id", "nope"}, {"unread", true}},
                           json{{"op", "set_unread"}, {"id", "az-1"}, {"unread", "yes"}}, json{{"op", "explode"}, {"id", "az-1"}},
                           json{{"op", "set_status"}, {"id", "az-1"}, {"status", "done"}},
                           json{{"op", "labels"}, {"id", "az-1"}, {"add", {1, 2}}},
                           json{{"op", "reply"}, {"id", "az-1"}, {"message_id", "x"}, {"text", "hi"}, {"author", "a"}, {"at", "soon"}}}) {
        INFO(op.dump());
        CHECK_FALSE(apply_op(s, op, err));
        CHECK_FALSE(err.empty());
    }
    CHECK(store_to_json(s) == before);
}

TEST_CASE("store JSON round trip and validation errors name the place", "[store_json]") {
    Store s = small_store();
    json j = store_to_json(s);
    Store back;
    std::string err;
    REQUIRE(store_from_json(j, back, err));
    CHECK(store_to_json(back) == j);
    json bad = j;
    bad["conversations"][1]["messages"][0]["at"] = "not a time";
    CHECK_FALSE(store_from_json(bad, back, err));
    CHECK(err == "conversations/1/messages/0/at: not an ISO 8601 time");
    bad = j;
    bad["conversations"][1]["order_id"] = "missing-order";
    CHECK_FALSE(store_from_json(bad, back, err));
    CHECK(err.find("conversations/1/order_id") == 0);
    bad = j;
    bad["conversations"][1]["id"] = "az-1";
    CHECK_FALSE(store_from_json(bad, back, err));
    CHECK(err.find("duplicate id") != std::string::npos);
    CHECK(store_to_json(back) == j);   // failed loads left `back` as it was
}

TEST_CASE("remarks and notes can be edited and deleted; deletions leave tombstones", "[ops]") {
    Store s = small_store();
    std::string err;
    REQUIRE(apply_op(s, {{"op", "add_note"}, {"id", "az-2"}, {"note_id", "n1"}, {"text", "called"}, {"agent", "Lily"}, {"at", "2026-11-20T10:00:00Z"}}, err));
    REQUIRE(apply_op(s, {{"op", "add_remark"}, {"id", "az-2"}, {"remark_id", "r1"}, {"text", "price"}, {"agent", "Lily"}, {"at", "2026-11-20T10:00:00Z"}, {"flag", "red"}}, err));
    REQUIRE(apply_op(s, {{"op", "edit_remark"}, {"id", "az-2"}, {"remark_id", "r1"}, {"text", "price cut"}, {"flag", "green"}}, err));
    const Conversation* c = s.find_conversation("az-2");
    CHECK(c->remarks[0].text == "price cut");
    CHECK(c->remarks[0].flag == RemarkFlag::Green);
    CHECK_FALSE(apply_op(s, {{"op", "edit_note"}, {"id", "az-2"}, {"note_id", "n1"}, {"text", "  "}}, err));
    CHECK(err == "the text is empty");
    CHECK_FALSE(apply_op(s, {{"op", "delete_note"}, {"id", "az-2"}, {"note_id", "n9"}}, err));
    CHECK(err == "no note \"n9\" in az-2");
    REQUIRE(apply_op(s, {{"op", "delete_note"}, {"id", "az-2"}, {"note_id", "n1"}}, err));
    CHECK(c->notes.empty());
    REQUIRE(c->edits.deleted_notes.size() == 1);
    CHECK(c->edits.deleted_notes[0].id == "n1");
    CHECK(c->edits.deleted_notes[0].stamp.zero());   // unstamped: a zero stamp, still a tombstone
}
