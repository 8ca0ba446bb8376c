// Training scenario packs: the bundled packs, validation errors, and the timeline on the clock
// (follow-ups only while unanswered, materialising into a training store).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>

#include "core/scenario.h"
#include "core/templates.h"
#include "core/time.h"

#ifndef SD_SOURCE_DIR
#define SD_SOURCE_DIR "."
#endif

namespace {

using nlohmann::json;

const std::string kScenarioDir = SD_SOURCE_DIR "/assets/scenarios";

std::vector<sd::ScenarioPack> bundled_packs() {
    std::vector<std::string> paths;
    for (const auto& e : std::filesystem::directory_iterator(kScenarioDir))
        if (e.path().extension() == ".json") paths.push_back(e.path().string());
    std::sort(paths.begin(), paths.end());
    std::vector<sd::ScenarioPack> packs;
    for (const std::string& p : paths) {
        sd::ScenarioPack pack;
        std::vector<std::string> errors;
        INFO(p);
        bool ok = sd::load_pack_file(p, pack, errors);
        for (const std::string& e : errors) UNSCOPED_INFO(e);
        REQUIRE(ok);
        packs.push_back(pack);
    }
    return packs;
}

json minimal_scenario(const std::string& id) {
    return {{"id", id},
            {"title", {{"en", "Late parcel"}, {"zh", "包裹延误"}}},
            {"marketplace", "amazon"},
            {"topic", "item_not_received"},
            {"subject", "Where is it?"},
            {"customer", {{"name", "Ann Lee"}, {"country", "US"}}},
            {"order", {{"id", "ORD-" + id}, {"item", "Lamp"}, {"region", "US"}, {"purchased_at", -86400}, {"estimated_delivery", nullptr}}},
            {"timeline", json::array({{{"after_s", 0}, {"text", "My lamp has not arrived."}},
                                      {{"after_s", 3600}, {"type", "follow_up"}, {"text", "Any update??"}}})},
            {"expect", {{"template", "item_not_received"}}},
            {"scoring", {{"elements", {"greeting", "signoff"}}}}};
}

json minimal_pack() {
    return {{"format", "sellerdesk-scenarios"},
            {"version", 1},
            {"id", "test-pack"},
            {"title", {{"en", "Test"}, {"zh", "测试"}}},
            {"scenarios", json::array({minimal_scenario("one"), minimal_scenario("two")})}};
}

// Parses `j`, expecting failure with an error that contains `needle`; `out` must stay untouched.
void expect_error(const json& j, const std::string& needle) {
    sd::ScenarioPack out;
    out.id = "untouched";
    std::vector<std::string> errors;
    CHECK_FALSE(sd::pack_from_json(j, out, errors));
    CHECK(out.id == "untouched");
    std::string all;
    for (const std::string& e : errors) all += e + "\n";
    INFO(all);
    CHECK(all.find(needle) != std::string::npos);
}

sd::Scenario parse_one(const json& scenario) {
    json p = minimal_pack();
    p["scenarios"] = json::array({scenario});
    sd::ScenarioPack pack;
    std::vector<std::string> errors;
    bool ok = sd::pack_from_json(p, pack, errors);
    for (const std::string& e : errors) UNSCOPED_INFO(e);
    REQUIRE(ok);
    return pack.scenarios.at(0);
}

sd::Message reply_at(const std::string& id, sd::Time at, const std::string& text) {
    sd::Message m;
    m.id = id;
    m.direction = sd::Direction::Outbound;
    m.role = sd::AuthorRole::Agent;
    m.at = at;
    m.body = text;
    return m;
}

const sd::Time kStart = 1795000000;   // 2026-11-18

}  // namespace

TEST_CASE("every bundled scenario pack loads, validates and round-trips", "[scenario]") {
    std::vector<sd::ScenarioPack> packs = bundled_packs();
    sd::TemplateLibrary lib;
    std::vector<std::string> errors;
    REQUIRE(sd::load_library_file(SD_SOURCE_DIR "/assets/templates.json", lib, errors));
    size_t count = 0;
    std::set<std::string> ids;
    std::set<sd::Marketplace> marketplaces;
    for (const sd::ScenarioPack& p : packs) {
        sd::ScenarioPack again;
        REQUIRE(sd::pack_from_json(sd::pack_to_json(p), again, errors));
        CHECK(sd::pack_to_json(again) == sd::pack_to_json(p));
        for (const sd::Scenario& s : p.scenarios) {
            INFO(s.id);
            ++count;
            CHECK(ids.insert(s.id).second);   // unique across packs: one training store holds them all
            marketplaces.insert(s.marketplace);
            CHECK_FALSE(s.brief.en.empty());
            CHECK_FALSE(s.brief.zh.empty());
            if (s.expect.template_family.empty()) continue;
            bool family_exists = false;
            for (const sd::Template& t : lib.templates)
                family_exists = family_exists || (t.category == s.expect.template_family && t.applies_to(s.marketplace));
            CHECK(family_exists);
        }
    }
    CHECK(count >= 20);
    CHECK(marketplaces.size() == size_t(sd::kMarketplaceCount));
}

TEST_CASE("the bundled scenarios cover the seeds' cases", "[scenario]") {
    std::set<sd::Topic> topics;
    std::set<std::string> labels;
    bool spam = false, follow_up = false, ebay_case = false, chinese_buyer = false;
    for (const sd::ScenarioPack& p : bundled_packs())
        for (const sd::Scenario& s : p.scenarios) {
            topics.insert(s.topic);
            labels.insert(s.labels.begin(), s.labels.end());
            spam = spam || (s.expect.spam && *s.expect.spam != sd::SpamReason::None);
            for (const sd::ScenarioEvent& e : s.timeline) {
                follow_up = follow_up || e.type == sd::EventType::FollowUp;
                ebay_case = ebay_case || e.type == sd::EventType::OpenCase;
                chinese_buyer = chinese_buyer || (s.marketplace == sd::Marketplace::Tmall && e.text.find("发票") != std::string::npos);
            }
        }
    using T = sd::Topic;
    for (T t : {T::ItemNotReceived, T::NotAsDescribed, T::Damaged, T::ReturnRequest, T::CancelOrder, T::AddressChange,
                T::Customs, T::Spammy, T::Feedback, T::PriceNegotiation, T::Invoice}) {
        INFO(sd::to_string(t));
        CHECK(topics.count(t) == 1);
    }
    CHECK(labels.count("bbb_ag_complaint") == 1);
    CHECK(spam);
    CHECK(follow_up);
    CHECK(ebay_case);
    CHECK(chinese_buyer);
}

TEST_CASE("a valid pack parses with its defaults", "[scenario]") {
    sd::ScenarioPack pack;
    std::vector<std::string> errors;
    REQUIRE(sd::pack_from_json(minimal_pack(), pack, errors));
    REQUIRE(pack.scenarios.size() == 2);
    const sd::Scenario& s = pack.scenarios[0];
    CHECK(s.kind == sd::ConversationKind::PostSale);
    CHECK(s.expect.reply);
    CHECK(s.timeline[1].type == sd::EventType::FollowUp);
    CHECK(s.order->purchased_at == -86400);
    CHECK(s.order->estimated_delivery == sd::kNoTime);
    CHECK(pack.find("two") == &pack.scenarios[1]);
    CHECK(pack.find("three") == nullptr);
}

TEST_CASE("scenario validation errors name the place and the reason", "[scenario]") {
    json p = minimal_pack();
    p["scenarios"][0]["marketplace"] = "amazon.de";
    expect_error(p, "scenarios/0/marketplace: 'amazon.de' is not one of walmart, amazon, ebay, wish, tmall");

    p = minimal_pack();
    p["scenarios"][0]["titel"] = "typo";
    expect_error(p, "scenarios/0/titel: unknown member");

    p = minimal_pack();
    p["scenarios"][0]["timeline"][0]["after_s"] = -60;
    expect_error(p, "scenarios/0/timeline/0/after_s: must be 0 or more (got -60)");

    p = minimal_pack();
    p["scenarios"][1]["id"] = "one";
    expect_error(p, "scenarios/1/id: duplicate id 'one' (first used at scenarios/0)");

    p = minimal_pack();
    p["scenarios"][1]["order"]["id"] = "ORD-one";
    expect_error(p, "scenarios/1/order/id: order 'ORD-one' is already used by scenarios/0");

    p = minimal_pack();
    p["scenarios"][0]["timeline"][1]["after_s"] = 0;
    p["scenarios"][0]["timeline"][0]["after_s"] = 100;
    expect_error(p, "scenarios/0/timeline/1/after_s: 0 is earlier than the event before it (100)");

    p = minimal_pack();
    p["scenarios"][0]["timeline"][0]["type"] = "follow_up";
    expect_error(p, "scenarios/0/timeline/0/type: the first event must be a message");

    p = minimal_pack();
    p["scenarios"][0]["timeline"][0]["role"] = "agent";
    expect_error(p, "scenarios/0/timeline/0/role: a timeline has only the buyer's side");

    p = minimal_pack();
    p["scenarios"][0]["timeline"][0]["text"] = "  ";
    expect_error(p, "scenarios/0/timeline/0/text: empty");

    p = minimal_pack();
    p["scenarios"][0]["timeline"][0]["type"] = "open_case";
    p["scenarios"][0]["timeline"][0]["case"] = "inr";
    expect_error(p, "scenarios/0/timeline/0/type: open_case is eBay's");

    p = minimal_pack();
    p["scenarios"][0]["expect"]["spam"] = "spam";
    expect_error(p, "scenarios/0/expect/spam: only a pre-sale message can be flagged as spam");

    p = minimal_pack();
    p["scenarios"][0]["kind"] = "pre_sale";
    p["scenarios"][0]["expect"]["spam"] = "fraud";
    expect_error(p, "scenarios/0/order: a pre-sale scenario has no order");
    expect_error(p, "scenarios/0/expect/reply: must be false when the message should be flagged as spam");

    p = minimal_pack();
    p["scenarios"][0]["scoring"]["elements"] = {"greeting", "smile"};
    expect_error(p, "scenarios/0/scoring/elements/1: 'smile' is not one of greeting, restatement, time_frame");

    p = minimal_pack();
    p["scenarios"][0]["expect"]["remark"] = {{"flag", "orange"}};
    expect_error(p, "scenarios/0/expect/remark/flag: 'orange' is not one of red, yellow, green, blue, purple");

    p = minimal_pack();
    p["scenarios"][0]["labels"] = {"Response Needed"};
    expect_error(p, "scenarios/0/labels/0: 'Response Needed' may only use a-z, 0-9 and '_'");

    p = minimal_pack();
    p["format"] = "sellerdesk-templates";
    expect_error(p, "format: expected \"sellerdesk-scenarios\"");
    p = minimal_pack();
    p["version"] = 2;
    expect_error(p, "version: unsupported version 2");
    p = minimal_pack();
    p["scenarios"] = json::array();
    expect_error(p, "scenarios: expected a non-empty array");
    p = minimal_pack();
    p["scenarios"][0].erase("customer");
    expect_error(p, "scenarios/0/customer: missing");

    sd::ScenarioPack out;
    std::vector<std::string> errors;
    CHECK_FALSE(sd::pack_from_text("{\"format\": ", out, errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] == "(file): not valid JSON");
}

TEST_CASE("materialise puts what is due into the training store", "[scenario]") {
    const sd::Scenario s = parse_one(minimal_scenario("lamp"));
    sd::Store store;
    std::string error;
    REQUIRE(sd::materialise(s, kStart, kStart + 60, store, error));
    const sd::Conversation* c = store.find_conversation("training-lamp");
    REQUIRE(c);
    REQUIRE(c->messages.size() == 1);   // the follow-up at +1 h is not due yet
    CHECK(c->messages[0].at == kStart);
    CHECK(c->messages[0].author == "Ann Lee");
    CHECK(c->opened_at == kStart);
    const sd::Order* o = store.find_order("ORD-lamp");
    REQUIRE(o);
    CHECK(o->purchased_at == kStart - 86400);
    CHECK(o->estimated_delivery == sd::kNoTime);
    CHECK(store.find_customer("training-lamp-customer")->name == "Ann Lee");

    CHECK_FALSE(sd::materialise(s, kStart, kStart + 60, store, error));   // already there
    CHECK(error.find("already in this store") != std::string::npos);
    CHECK(store.conversations.size() == 1);
    sd::Store other;
    CHECK_FALSE(sd::materialise(s, kStart, kStart - 1, other, error));
    CHECK(other.conversations.empty());
}

TEST_CASE("a follow-up arrives only while the trainee has not answered", "[scenario]") {
    const sd::Scenario s = parse_one(minimal_scenario("lamp"));
    sd::Store store;
    std::string error;
    REQUIRE(sd::materialise(s, kStart, kStart, store, error));
    sd::Conversation unanswered = *store.find_conversation("training-lamp");

    std::vector<sd::DueEvent> due = sd::due_events(s, kStart, kStart, kStart + 7200, unanswered);
    REQUIRE(due.size() == 1);
    CHECK(due[0].message.body == "Any update??");
    CHECK(due[0].at == kStart + 3600);
    sd::apply_event(unanswered, due[0]);
    CHECK(unanswered.messages.size() == 2);
    sd::apply_event(unanswered, due[0]);   // applying twice changes nothing
    CHECK(unanswered.messages.size() == 2);

    sd::Conversation answered = *store.find_conversation("training-lamp");
    answered.messages.push_back(reply_at("r1", kStart + 600, "Hello Ann, it ships today."));
    answered.status = sd::Status::AwaitingCustomer;
    CHECK(sd::due_events(s, kStart, kStart, kStart + 7200, answered).empty());

    sd::Conversation failed = *store.find_conversation("training-lamp");   // a failed send is no answer
    failed.messages.push_back(reply_at("r1", kStart + 600, "Hello Ann, it ships today."));
    failed.messages.back().delivery = sd::Delivery::Failed;
    CHECK(sd::due_events(s, kStart, kStart, kStart + 7200, failed).size() == 1);

    sd::Conversation late = *store.find_conversation("training-lamp");   // answered after the follow-up's time
    late.messages.push_back(reply_at("r1", kStart + 5000, "Hello Ann, it ships today."));
    CHECK(sd::due_events(s, kStart, kStart, kStart + 7200, late).size() == 1);
}

TEST_CASE("follow-ups are resolved against the events of the same batch", "[scenario]") {
    json j = minimal_scenario("batch");
    j["timeline"] = json::array({{{"after_s", 0}, {"text", "First question."}},
                                 {{"after_s", 100}, {"text", "Second question."}},
                                 {{"after_s", 200}, {"type", "follow_up"}, {"text", "Any update??"}}});
    const sd::Scenario s = parse_one(j);
    sd::Conversation c;
    c.id = sd::scenario_conversation_id(s);
    c.messages.push_back(reply_at("r1", 50, "Hello, answered."));   // answers the first question only
    const std::vector<sd::DueEvent> due = sd::due_events(s, 0, 60, 300, c);
    REQUIRE(due.size() == 2);   // the second question reopens the wait, so the follow-up comes
    CHECK(due[0].message.body == "Second question.");
    CHECK(due[1].message.body == "Any update??");
    CHECK(due[0].message.id != due[1].message.id);
    CHECK(sd::due_events(s, 0, 300, 300, c).empty());
}

TEST_CASE("an eBay case opening sets the case and the folder", "[scenario]") {
    json j = minimal_scenario("case");
    j["marketplace"] = "ebay";
    j["folder"] = "from_members";
    j["timeline"] = json::array({{{"after_s", 0}, {"text", "Where is my parcel?"}},
                                 {{"after_s", 86400}, {"type", "open_case"}, {"case", "inr"}}});
    const sd::Scenario s = parse_one(j);
    sd::Store store;
    std::string error;
    REQUIRE(sd::materialise(s, kStart, kStart + 2 * 86400, store, error));
    const sd::Conversation& c = *store.find_conversation("training-case");
    CHECK(c.messages.size() == 1);   // the opening carries no text here
    CHECK(c.ebay_case.type == sd::CaseType::ItemNotReceived);
    CHECK(c.ebay_case.opened_at == kStart + 86400);
    CHECK(c.folder == sd::EbayFolder::FromEbay);
}

TEST_CASE("a Walmart scenario message gets Response Needed as a real one does", "[scenario]") {
    json j = minimal_scenario("wm");
    j["marketplace"] = "walmart";
    j["expect"].erase("template");
    const sd::Scenario s = parse_one(j);
    sd::Store store;
    std::string error;
    REQUIRE(sd::materialise(s, kStart, kStart, store, error));
    CHECK(store.find_conversation("training-wm")->has_label("response_needed"));
}

TEST_CASE("every bundled scenario plays its whole timeline when nobody answers", "[scenario]") {
    for (const sd::ScenarioPack& p : bundled_packs())
        for (const sd::Scenario& s : p.scenarios) {
            INFO(s.id);
            sd::Store store;
            std::string error;
            REQUIRE(sd::materialise(s, kStart, kStart, store, error));
            sd::Conversation& c = store.conversations.back();
            // The clock in uneven steps, as a trainer fast-forwards.
            const sd::Time end = sd::scenario_last_event_at(s, kStart);
            for (sd::Time t = kStart, step = 7; t < end; t += step, step *= 3)
                for (const sd::DueEvent& e : sd::due_events(s, kStart, t, std::min(t + step, end), c)) sd::apply_event(c, e);
            size_t texts = 0;
            for (const sd::ScenarioEvent& e : s.timeline) texts += e.text.empty() ? 0 : 1;
            CHECK(c.messages.size() == texts);
            CHECK(c.status == sd::Status::AwaitingSeller);
            CHECK(std::is_sorted(c.messages.begin(), c.messages.end(),
                                 [](const sd::Message& a, const sd::Message& b) { return a.at < b.at; }));
            if (s.order) {
                CHECK(store.find_order(s.order->id));
                CHECK(c.order_id == s.order->id);
            }
        }
}

TEST_CASE("a scenario made from a real conversation is a valid one", "[scenario]") {
    sd::Store store;
    store.customers.push_back({"c1", "Maria Lopez", "maria@example.com", "US"});
    sd::Order o;
    o.id = "111-222";
    o.item = "Lamp";
    o.region = "US";
    o.purchased_at = 1000;
    o.estimated_delivery = 50000;
    store.orders.push_back(o);
    sd::Conversation c;
    c.id = "AZ_000123";
    c.marketplace = sd::Marketplace::Ebay;
    c.topic = sd::Topic::ItemNotReceived;
    c.subject = "Where is my lamp?";
    c.customer_id = "c1";
    c.order_id = "111-222";
    c.labels = {"follow_up", "Odd Label"};
    auto inbound = [](const std::string& id, sd::Time at, const std::string& text) {
        sd::Message m;
        m.id = id;
        m.at = at;
        m.body = text;
        m.author = "Maria Lopez";
        return m;
    };
    c.messages = {inbound("m1", 10000, "Where is my lamp?"), inbound("m2", 13600, "Any update??"),
                  reply_at("a1", 20000, "Hello Maria, it ships today."), inbound("m3", 30000, "Thanks!")};
    c.ebay_case = {sd::CaseType::ItemNotReceived, sd::CaseChannel::Ebay, 12000};
    store.conversations.push_back(c);
    store.reindex();

    sd::Scenario s;
    std::string error;
    REQUIRE(sd::scenario_from_conversation(store, store.conversations[0], s, error));
    CHECK(s.id == "from-az-000123");
    REQUIRE(s.timeline.size() == 3);   // two buyer messages before the answer, the case opening between
    CHECK(s.timeline[0].after_s == 0);
    CHECK(s.timeline[1].type == sd::EventType::OpenCase);
    CHECK(s.timeline[1].after_s == 2000);
    CHECK(s.timeline[2].after_s == 3600);
    CHECK(s.order->purchased_at == 1000 - 10000);
    CHECK(s.order->estimated_delivery == 50000 - 10000);
    CHECK(s.expect.labels == std::vector<std::string>{"follow_up"});
    CHECK(s.scoring.elements.size() == 4);

    json p = minimal_pack();
    p["scenarios"] = json::array({sd::scenario_to_json(s)});
    sd::ScenarioPack pack;
    std::vector<std::string> errors;
    bool ok = sd::pack_from_json(p, pack, errors);
    for (const std::string& e : errors) UNSCOPED_INFO(e);
    CHECK(ok);

    sd::Conversation spam;
    spam.id = "wm-9";
    spam.marketplace = sd::Marketplace::Walmart;
    spam.kind = sd::ConversationKind::PreSale;
    spam.topic = sd::Topic::Spammy;
    spam.subject = "Offer";
    spam.labels = {"response_needed"};
    spam.spam = sd::SpamReason::Fraud;
    spam.messages = {inbound("s1", 500, "Send your bank login.")};
    REQUIRE(sd::scenario_from_conversation(store, spam, s, error));
    CHECK(s.expect.spam == sd::SpamReason::Fraud);
    CHECK_FALSE(s.expect.reply);
    CHECK(s.expect.labels.empty());
    CHECK(s.customer.name == "Maria Lopez");   // no customer record: the message's author
    p["scenarios"] = json::array({sd::scenario_to_json(s)});
    CHECK(sd::pack_from_json(p, pack, errors));

    sd::Conversation outbound_only = spam;
    outbound_only.messages = {reply_at("a", 10, "Hello, we have news about your order.")};
    CHECK_FALSE(sd::scenario_from_conversation(store, outbound_only, s, error));
    CHECK(error.find("no message from the buyer's side") != std::string::npos);
}
