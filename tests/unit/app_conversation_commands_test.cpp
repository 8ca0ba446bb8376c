// Commands on one conversation and bulk actions, on the native platform: each one's effect on the
// store, that it is saved (a second app over the same folder sees it), and its refusals.
#include "app_fixture.h"

#include "core/ops.h"
#include "core/store_json.h"

using app_test::TestApp;
using nlohmann::json;

namespace {

bool answered(const sd::Conversation& c) { return sd::has_seller_answer(c); }

}  // namespace

TEST_CASE("mark_read and mark_unread set the read state and save it", "[cmd:mark_read][cmd:mark_unread]") {
    TestApp t;
    std::string id = t.first_id();
    t.ok({{"type", "mark_unread"}, {"id", id}});
    CHECK(t.conv(id).unread);
    t.ok({{"type", "mark_read"}, {"id", id}});
    CHECK_FALSE(t.conv(id).unread);
    t.ok({{"type", "mark_unread"}, {"id", id}});
    TestApp again(t.dir);
    CHECK(again.conv(id).unread);
    t.refused({{"type", "mark_read"}, {"id", "nope"}}, "no conversation \"nope\"");
    t.refused({{"type", "mark_unread"}}, "\"id\" must be a conversation ID string");
}

TEST_CASE("reply records a sent, failed or automatic reply at the app's time", "[cmd:reply]") {
    TestApp t;
    std::string id = t.find_id([](const sd::Conversation& c) { return !answered(c) && c.spam == sd::SpamReason::None; });
    const size_t n = t.conv(id).messages.size();
    t.ok({{"type", "reply"}, {"id", id}, {"text", "We are on it."}, {"delivery", "failed"}});
    CHECK_FALSE(answered(t.conv(id)));
    t.ok({{"type", "reply"}, {"id", id}, {"text", "Thanks for waiting."}, {"auto_reply", true}});
    CHECK_FALSE(answered(t.conv(id)));
    t.ok({{"type", "reply"}, {"id", id}, {"text", "Your parcel left today."}});
    const sd::Conversation& c = t.conv(id);
    REQUIRE(c.messages.size() == n + 3);
    CHECK(answered(c));
    CHECK(c.messages.back().author == t.app.settings.agent_name);
    CHECK(c.messages.back().at == t.app.now);
    CHECK(c.status == sd::Status::AwaitingCustomer);
    TestApp again(t.dir);
    CHECK(again.conv(id).messages.size() == n + 3);
    t.refused({{"type", "reply"}, {"id", id}}, "\"text\" must be the reply text");
    t.refused({{"type", "reply"}, {"id", id}, {"text", "x"}, {"delivery", "carrier pigeon"}}, "delivery");
}

TEST_CASE("set_delivery marks an outbound message failed and sent again", "[cmd:set_delivery]") {
    TestApp t;
    std::string id = t.first_id();
    t.ok({{"type", "reply"}, {"id", id}, {"text", "Sorry for the delay."}});
    const std::string mid = t.conv(id).messages.back().id;
    t.ok({{"type", "set_delivery"}, {"id", id}, {"message_id", mid}, {"delivery", "failed"}});
    CHECK(t.conv(id).messages.back().delivery == sd::Delivery::Failed);
    CHECK(t.app.view.counts.failed >= 1);
    t.ok({{"type", "set_delivery"}, {"id", id}, {"message_id", mid}, {"delivery", "sent"}});
    CHECK(t.conv(id).messages.back().delivery == sd::Delivery::Sent);
    t.refused({{"type", "set_delivery"}, {"id", id}, {"message_id", "nope"}, {"delivery", "failed"}}, "nope");
}

TEST_CASE("label adds and removes labels; bad labels are refused", "[cmd:label]") {
    TestApp t;
    std::string id = t.first_id();
    t.ok({{"type", "label"}, {"id", id}, {"add", {"return_request", "vip"}}});
    CHECK(t.conv(id).has_label("vip"));
    CHECK(app_test::label_count(t.app, "vip") == 1);
    t.ok({{"type", "label"}, {"id", id}, {"remove", {"vip"}}});
    CHECK_FALSE(t.conv(id).has_label("vip"));
    TestApp again(t.dir);
    CHECK(again.conv(id).has_label("return_request"));
    t.refused({{"type", "label"}, {"id", id}, {"add", "vip"}}, "\"add\" must be a list of strings");
    t.refused({{"type", "label"}, {"id", id}, {"add", {""}}}, "non-empty");
}

TEST_CASE("flag_spam follows Walmart's rule: unanswered pre-sale only, with a reason", "[cmd:flag_spam]") {
    TestApp t(400);
    std::string pre = t.find_id([](const sd::Conversation& c) {
        return c.kind == sd::ConversationKind::PreSale && c.order_id.empty() && !answered(c) && c.spam == sd::SpamReason::None;
    });
    std::string post = t.find_id([](const sd::Conversation& c) { return !c.order_id.empty(); });
    t.refused({{"type", "flag_spam"}, {"id", pre}, {"reason", "boring"}}, "reason");
    t.refused({{"type", "flag_spam"}, {"id", post}, {"reason", "spam"}}, "order-related messages can't be flagged as spam");
    t.ok({{"type", "flag_spam"}, {"id", pre}, {"reason", "fraud"}});
    CHECK(t.conv(pre).spam == sd::SpamReason::Fraud);
    t.ok({{"type", "filter"}, {"name", "spam"}});
    CHECK(std::find(t.app.view.rows.begin(), t.app.view.rows.end(), uint32_t(t.app.store.conversation_index(pre))) != t.app.view.rows.end());
}

TEST_CASE("set_status and assign change and save the conversation", "[cmd:set_status][cmd:assign]") {
    TestApp t;
    std::string id = t.first_id();
    t.ok({{"type", "set_status"}, {"id", id}, {"status", "closed"}});
    CHECK(t.conv(id).status == sd::Status::Closed);
    t.ok({{"type", "assign"}, {"id", id}, {"agent", "Chen Jie"}});
    CHECK(t.conv(id).assignee == "Chen Jie");
    TestApp again(t.dir);
    CHECK(again.conv(id).status == sd::Status::Closed);
    CHECK(again.conv(id).assignee == "Chen Jie");
    t.ok({{"type", "assign"}, {"id", id}, {"agent", ""}});
    CHECK(t.conv(id).assignee.empty());
    t.refused({{"type", "set_status"}, {"id", id}, {"status", "sleeping"}}, "status");
    t.refused({{"type", "assign"}, {"id", id}}, "\"agent\" must be an agent name");
}

TEST_CASE("add_remark and add_note are stamped with the agent and the time", "[cmd:add_remark][cmd:add_note]") {
    TestApp t;
    std::string id = t.first_id();
    t.ok({{"type", "add_remark"}, {"id", id}, {"text", "改价 5 元"}, {"flag", "purple"}});
    const sd::Remark& r = t.conv(id).remarks.back();
    CHECK(r.text == "改价 5 元");
    CHECK(r.flag == sd::RemarkFlag::Purple);
    CHECK(r.agent == t.app.settings.agent_name);
    CHECK(r.at == t.app.now);
    t.ok({{"type", "add_note"}, {"id", id}, {"text", "Phoned the buyer: parcel at the neighbour's."}});
    CHECK(t.conv(id).notes.back().text == "Phoned the buyer: parcel at the neighbour's.");
    TestApp again(t.dir);
    CHECK(again.conv(id).remarks.size() == t.conv(id).remarks.size());
    CHECK(again.conv(id).notes.size() == t.conv(id).notes.size());
    t.refused({{"type", "add_remark"}, {"id", id}, {"text", "x"}, {"flag", "pink"}}, "flag");
    t.refused({{"type", "add_note"}, {"id", id}, {"text", ""}}, "empty");
    t.refused({{"type", "add_note"}, {"id", id}}, "\"text\" must be the text of the note");
}

TEST_CASE("new_message opens a proactive conversation about a Walmart order", "[cmd:new_message]") {
    TestApp t;
    std::string wm = t.find_id([&](const sd::Conversation& c) {
        return c.marketplace == sd::Marketplace::Walmart && !c.order_id.empty() && t.app.store.find_order(c.order_id);
    });
    std::string amazon = t.find_id([&](const sd::Conversation& c) { return c.marketplace == sd::Marketplace::Amazon && !c.order_id.empty(); });
    const size_t n = t.app.store.conversations.size();
    json r = t.ok({{"type", "new_message"}, {"id", wm}, {"subject", "Your delivery window"}});
    REQUIRE(t.app.store.conversations.size() == n + 1);
    const std::string id = r["id"];
    CHECK(t.app.view.selected == id);
    CHECK(t.conv(id).order_id == t.conv(wm).order_id);
    CHECK(t.conv(id).subject == "Your delivery window");
    TestApp again(t.dir);
    CHECK(again.app.store.find_conversation(id));
    t.refused({{"type", "new_message"}, {"id", amazon}}, "only Walmart lets a seller start a conversation");
    t.refused({{"type", "new_message"}, {"id", wm}, {"subject", 3}}, "\"subject\" must be a string");
}

TEST_CASE("bulk applies one action to the selection; unchanged ones are counted", "[cmd:bulk]") {
    TestApp t;
    const auto& rows = t.app.view.rows;
    std::vector<std::string> ids = {t.app.store.conversations[rows[0]].id, t.app.store.conversations[rows[1]].id,
                                    t.app.store.conversations[rows[2]].id};
    t.refused({{"type", "bulk"}, {"action", "close"}}, "nothing is selected");
    t.ok({{"type", "multi_select"}, {"ids", ids}});
    t.ok({{"type", "bulk"}, {"action", "mark_read"}});
    for (const std::string& id : ids) CHECK_FALSE(t.conv(id).unread);
    json r = t.ok({{"type", "bulk"}, {"action", "mark_read"}});
    CHECK(r["changed"] == 0);
    CHECK(r["unchanged"] == 3);
    r = t.ok({{"type", "bulk"}, {"action", "label"}, {"add", {"wholesale"}}});
    CHECK(r["changed"] == 3);
    t.ok({{"type", "bulk"}, {"ids", {ids[0]}}, {"action", "assign"}, {"agent", "Maria Lopez"}});
    CHECK(t.conv(ids[0]).assignee == "Maria Lopez");
    t.ok({{"type", "bulk"}, {"action", "close"}});
    TestApp again(t.dir);
    for (const std::string& id : ids) {
        CHECK(again.conv(id).status == sd::Status::Closed);
        CHECK(again.conv(id).has_label("wholesale"));
    }
    t.refused({{"type", "bulk"}, {"ids", {ids[0]}}, {"action", "explode"}}, "\"action\" must be mark_read");
    t.refused({{"type", "bulk"}, {"ids", {ids[0], "nope"}}, {"action", "mark_unread"}}, "no conversation \"nope\"");
    t.refused({{"type", "bulk"}, {"ids", {ids[0]}}, {"action", "label"}}, "a label action needs");
}

TEST_CASE("add_remark by kind: the flag follows seed 004", "[cmd:add_remark]") {
    TestApp t;
    const std::string id = t.first_id();
    const std::pair<const char*, sd::RemarkFlag> kinds[] = {
        {"price_change", sd::RemarkFlag::None},  {"unshipped", sd::RemarkFlag::Purple},
        {"shipped", sd::RemarkFlag::Blue},       {"special_courier", sd::RemarkFlag::Red},
        {"refundable", sd::RemarkFlag::Green},   {"after_sale_return", sd::RemarkFlag::Yellow},
    };
    for (const auto& [kind, flag] : kinds) {
        t.ok({{"type", "add_remark"}, {"id", id}, {"text", std::string("备注 ") + kind}, {"kind", kind}});
        const sd::Remark& r = t.conv(id).remarks.back();
        CHECK(std::string(sd::to_string(r.kind)) == kind);
        CHECK(r.flag == flag);
    }
    // The kind and the flag together, agreeing: fine. Disagreeing: refused, nothing added.
    t.ok({{"type", "add_remark"}, {"id", id}, {"text", "已发货"}, {"kind", "shipped"}, {"flag", "blue"}});
    t.refused({{"type", "add_remark"}, {"id", id}, {"text", "已发货"}, {"kind", "shipped"}, {"flag", "red"}},
              "a shipped remark has the flag \"blue\", not \"red\"");
    t.refused({{"type", "add_remark"}, {"id", id}, {"text", "改价"}, {"kind", "price_change"}, {"flag", "yellow"}},
              "a price_change remark has the flag \"none\"");
    t.refused({{"type", "add_remark"}, {"id", id}, {"text", "x"}, {"kind", "lost"}}, "unknown remark kind \"lost\"");
    t.refused({{"type", "add_remark"}, {"id", id}, {"text", "x"}, {"kind", "other"}}, "unknown remark kind");
    t.refused({{"type", "add_remark"}, {"id", id}, {"text", "x"}, {"kind", 3}}, "\"kind\" must be a string");
    // A flag alone still works and leaves the kind open; neither gives yellow.
    t.ok({{"type", "add_remark"}, {"id", id}, {"text", "手选颜色"}, {"flag", "green"}});
    CHECK(t.conv(id).remarks.back().kind == sd::RemarkKind::Other);
    CHECK(t.conv(id).remarks.back().flag == sd::RemarkFlag::Green);
    t.ok({{"type", "add_remark"}, {"id", id}, {"text", "默认"}});
    CHECK(t.conv(id).remarks.back().flag == sd::RemarkFlag::Yellow);
    // The kind is journaled, exported and shown by state().
    const size_t n = t.conv(id).remarks.size();
    t.ack_flushes();
    TestApp again(t.dir);
    REQUIRE(again.conv(id).remarks.size() == n);
    int seen = 0;
    for (const sd::Remark& r : again.conv(id).remarks)
        if (r.text == "备注 price_change") seen += r.kind == sd::RemarkKind::PriceChange && r.flag == sd::RemarkFlag::None;
    CHECK(seen == 1);
    const json j = sd::store_to_json(again.app.store);
    seen = 0;
    for (const json& c : j["conversations"])
        if (c["id"] == id)
            for (const json& r : c["remarks"])
                if (r["text"] == "备注 price_change") seen += r["kind"] == "price_change" && r["flag"] == "none";
    CHECK(seen == 1);
}
