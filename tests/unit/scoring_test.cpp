// Scoring training scenarios: the bars (a reply with an e-mail address and no greeting
// scores lower than a clean structured one; a slow answer loses the time points; the right spam
// flag scores and a wrong one does not), every criterion, reply elements, and the session report.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>

#include "core/scenario.h"
#include "core/scoring.h"
#include "core/templates.h"

#ifndef SD_SOURCE_DIR
#define SD_SOURCE_DIR "."
#endif

namespace {

const sd::Time kStart = 1795000000;
constexpr sd::Time H = 3600;

const sd::ScenarioPack& pack(const std::string& name) {
    static std::map<std::string, sd::ScenarioPack> packs;
    auto it = packs.find(name);
    if (it != packs.end()) return it->second;
    sd::ScenarioPack p;
    std::vector<std::string> errors;
    REQUIRE(sd::load_pack_file(SD_SOURCE_DIR "/assets/scenarios/" + name + ".json", p, errors));
    return packs[name] = p;
}

const sd::Scenario& scenario(const std::string& pack_name, const std::string& id) {
    const sd::Scenario* s = pack(pack_name).find(id);
    REQUIRE(s);
    return *s;
}

const sd::TemplateLibrary& library() {
    static sd::TemplateLibrary lib = [] {
        sd::TemplateLibrary l;
        std::vector<std::string> errors;
        REQUIRE(sd::load_library_file(SD_SOURCE_DIR "/assets/templates.json", l, errors));
        return l;
    }();
    return lib;
}

struct Reply {
    sd::Time after;        // seconds after the start
    std::string text;
};

// A training run as the app drives it: the clock advances to each reply, due events arrive, the
// reply is sent; then the clock runs to `end`.
struct Run {
    const sd::Scenario& s;
    sd::Store store;
    sd::Time clock = kStart;

    explicit Run(const sd::Scenario& sc) : s(sc) {
        std::string error;
        REQUIRE(sd::materialise(s, kStart, kStart, store, error));
    }
    sd::Conversation& c() { return *store.find_conversation(sd::scenario_conversation_id(s)); }
    void advance(sd::Time to) {
        for (const sd::DueEvent& e : sd::due_events(s, kStart, clock, to, c())) sd::apply_event(c(), e);
        clock = to;
    }
    Run& reply(sd::Time after, const std::string& text) {
        advance(kStart + after);
        sd::Message m;
        m.id = "reply-" + std::to_string(c().messages.size());
        m.direction = sd::Direction::Outbound;
        m.role = sd::AuthorRole::Agent;
        m.at = kStart + after;
        m.body = text;
        c().messages.push_back(m);
        c().status = sd::Status::AwaitingCustomer;
        return *this;
    }
    sd::ScenarioScore score(sd::Time end_after, std::vector<std::string> used = {}) {
        advance(kStart + end_after);
        sd::ScoringOptions o;
        o.now = kStart + end_after;
        o.templates = &library();
        o.templates_used = std::move(used);
        return sd::score_scenario(s, c(), o);
    }
};

const sd::ScoreCriterion& criterion(const sd::ScenarioScore& s, const std::string& id) {
    for (const sd::ScoreCriterion& c : s.criteria)
        if (c.id == id) return c;
    FAIL("no criterion " << id);
    return s.criteria.front();
}
bool has_criterion(const sd::ScenarioScore& s, const std::string& id) {
    for (const sd::ScoreCriterion& c : s.criteria)
        if (c.id == id) return true;
    return false;
}

const char* const kCleanInr =
    "Hello Hannah,\n\n"
    "Thank you for your message, and I am sorry that your coffee set has not arrived yet. I checked the "
    "tracking: the parcel is still with USPS and has not been scanned since last week.\n\n"
    "Please choose what suits you best:\n"
    "1. Wait 3 more business days while we ask USPS to trace it; if it is still missing by Friday, we send a new set.\n"
    "2. Receive a full refund today.\n\n"
    "Best regards,\nLily";
const char* const kSloppyInr =
    "Your parcel is late. Write to me at lily.shop@gmail.com and I will look into it as soon as possible.";

}  // namespace

TEST_CASE("a clean structured reply scores higher than one with an e-mail address and no greeting", "[scoring]") {
    const sd::Scenario& s = scenario("amazon", "amazon-inr-follow-up");
    const sd::ScenarioScore clean = Run(s).reply(2 * H, kCleanInr).score(3 * H);
    const sd::ScenarioScore sloppy = Run(s).reply(2 * H, kSloppyInr).score(3 * H);
    INFO(sd::score_to_json(clean).dump(1) << "\n" << sd::score_to_json(sloppy).dump(1));
    CHECK(clean.total > sloppy.total);
    CHECK(clean.max == sloppy.max);
    CHECK(criterion(clean, "reply_rules").points == 20);
    CHECK(criterion(clean, "reply_elements").points == criterion(clean, "reply_elements").max);
    CHECK(criterion(sloppy, "reply_rules").points <= 10);
    CHECK(criterion(sloppy, "reply_rules").message.en.find("email_address") != std::string::npos);
    CHECK(criterion(sloppy, "reply_elements").message.en.find("greeting") != std::string::npos);
    CHECK(criterion(sloppy, "reply_elements").message.zh.find("问候") != std::string::npos);
    // Both were on time: the difference is the reply itself.
    CHECK(criterion(clean, "response_time").points == criterion(sloppy, "response_time").points);
}

TEST_CASE("a slow answer loses the time points, a missing one gets none", "[scoring]") {
    const sd::Scenario& s = scenario("amazon", "amazon-inr-follow-up");   // Amazon: 24 h
    const sd::ScenarioScore fast = Run(s).reply(2 * H, kCleanInr).score(40 * H);
    const sd::ScenarioScore slow = Run(s).reply(30 * H, kCleanInr).score(40 * H);
    const sd::ScenarioScore very_slow = Run(s).reply(49 * H, kCleanInr).score(50 * H);
    const sd::ScenarioScore never = Run(s).score(40 * H);
    CHECK(criterion(fast, "response_time").points == 20);
    CHECK(criterion(slow, "response_time").points == 15);   // 6 h late of a 24 h window
    CHECK(criterion(slow, "response_time").message.en.find("6 h late") != std::string::npos);
    CHECK(criterion(very_slow, "response_time").points == 0);
    CHECK(criterion(never, "response_time").points == 0);
    CHECK(criterion(never, "response_time").message.en.find("Not answered") != std::string::npos);
    CHECK(fast.total > slow.total);
    CHECK(slow.total > never.total);
}

TEST_CASE("the deadline comes from the marketplace's SLA policy", "[scoring]") {
    // Walmart BBB complaint: 1 hour (the label's policy), not the usual 48.
    const sd::Scenario& bbb = scenario("walmart", "walmart-bbb-complaint");
    const char* reply =
        "Hello Gregory,\n\nI am sorry that your vacuum has not arrived and that your complaint went unanswered. "
        "FedEx confirms the parcel is lost, so we have issued a full refund today; it reaches your card within "
        "3 business days.\n\nBest regards,\nLily";
    CHECK(criterion(Run(bbb).reply(H / 2, reply).score(2 * H), "response_time").points == 20);
    CHECK(criterion(Run(bbb).reply(2 * H - 1, reply).score(3 * H), "response_time").points == 0);
    // Tmall after-sale: 5 minutes.
    const sd::Scenario& vase = scenario("tmall", "tmall-damaged-parcel");
    const char* zh = "亲,您好!了解到您收到的花瓶碎了,非常抱歉。我们今天就为您补发一个新的,24小时内发出。祝您生活愉快!";
    CHECK(criterion(Run(vase).reply(4 * 60, zh).score(H), "response_time").points == 20);
    CHECK(criterion(Run(vase).reply(8 * 60, zh).score(H), "response_time").points == 8);   // 3 of 5 min late
}

TEST_CASE("the right spam flag scores and a wrong one does not", "[scoring]") {
    const sd::Scenario& s = scenario("walmart", "walmart-presale-spam");
    auto flagged = [&](sd::SpamReason r) {
        Run run(s);
        run.c().spam = r;
        return run.score(H);
    };
    const sd::ScenarioScore right = flagged(sd::SpamReason::Spam);
    const sd::ScenarioScore wrong_reason = flagged(sd::SpamReason::Inappropriate);
    const sd::ScenarioScore not_flagged = flagged(sd::SpamReason::None);
    CHECK(criterion(right, "spam").points == 20);
    CHECK(criterion(wrong_reason, "spam").points == 0);
    CHECK(criterion(not_flagged, "spam").points == 0);
    CHECK(right.total == right.max);
    CHECK(right.total > wrong_reason.total);
    CHECK_FALSE(has_criterion(right, "response_time"));   // spam needs no answer
    // Answering it instead loses the no-reply points (and would lift a flag).
    const sd::ScenarioScore answered = Run(s).reply(H, "Hello, no thank you. Regards, Lily").score(2 * H);
    CHECK(criterion(answered, "no_reply").points == 0);

    // A real buyer's question flagged as spam is wrong.
    const sd::Scenario& q = scenario("walmart", "walmart-presale-question");
    Run wrongly(q);
    wrongly.c().spam = sd::SpamReason::Spam;
    const sd::ScenarioScore w = wrongly.score(H);
    CHECK(criterion(w, "spam").points == 0);
    CHECK(criterion(w, "spam").message.en.find("genuine") != std::string::npos);
    CHECK(criterion(Run(q).score(H), "spam").points == 20);
}

TEST_CASE("the template family is seen from the record or from the reply's text", "[scoring]") {
    const sd::Scenario& s = scenario("amazon", "amazon-inr-follow-up");
    const sd::Template* inr = library().find("amazon-item-not-received");
    const sd::Template* ret = library().find("amazon-return-request");
    REQUIRE(inr);
    REQUIRE(ret);
    const std::map<std::string, std::string> values = {
        {"customer_name", "Hannah"}, {"order_id", "113-4820551-7702641"}, {"agent_name", "Lily"},
        {"store_name", "Brew Corner"}, {"tracking_number", "9205590164917312751089"}, {"carrier", "USPS"},
        {"item", "coffee set"}, {"estimated_delivery", "Friday"}, {"product_name", "coffee set"}};
    const std::string from_inr = sd::fill_template(*inr->body("en"), values).text;
    const std::string from_return = sd::fill_template(*ret->body("en"), values).text;
    CHECK(sd::recognise_template(library(), sd::Marketplace::Amazon, from_inr) == inr);
    CHECK(sd::recognise_template(library(), sd::Marketplace::Amazon, kSloppyInr) == nullptr);
    CHECK(sd::recognise_template(library(), sd::Marketplace::Ebay, from_inr) != inr);   // Amazon's, not eBay's
    const sd::TemplateFingerprints prints = sd::fingerprint_templates(library());
    CHECK(sd::recognise_template(prints, sd::Marketplace::Amazon, from_return) == ret);
    // Chinese: a Tmall quick phrase, filled in, is recognised from its Chinese body.
    const sd::Template* fixed = library().find("tmall-fixed-price");
    REQUIRE(fixed);
    const std::string zh = sd::fill_template(*fixed->body("zh"), {{"customer_name", "小林"}, {"agent_name", "小王"},
                                                                   {"store_name", "暖冬旗舰店"}}).text;
    CHECK(sd::recognise_template(prints, sd::Marketplace::Tmall, zh) == fixed);

    CHECK(criterion(Run(s).reply(H, from_inr).score(2 * H), "template").points == 10);
    const sd::ScoreCriterion other = criterion(Run(s).reply(H, from_return).score(2 * H), "template");
    CHECK(other.points == 0);
    CHECK(other.message.en.find("amazon-return-request") != std::string::npos);
    CHECK(criterion(Run(s).reply(H, kCleanInr).score(2 * H), "template").points == 0);
    CHECK(criterion(Run(s).reply(H, kCleanInr).score(2 * H, {"amazon-item-not-received"}), "template").points == 10);
}

TEST_CASE("eBay replies past 3 rounds lose the rounds points", "[scoring]") {
    const sd::Scenario& s = scenario("ebay", "ebay-damaged");
    const char* r = "Hello Rachel,\n\nSorry that two mugs arrived chipped. We can refund 12 GBP today.\n\nBest regards,\nLily";
    CHECK(criterion(Run(s).reply(H, r).score(5 * H), "rounds").points == 10);
    Run many(s);
    for (int k = 1; k <= 4; ++k) many.reply(k * H, r);
    const sd::ScoreCriterion rounds = criterion(many.score(5 * H), "rounds");
    CHECK(rounds.points == 0);
    CHECK(rounds.message.en.find("4 replies") != std::string::npos);
    CHECK_FALSE(has_criterion(Run(scenario("amazon", "amazon-return")).score(H), "rounds"));   // no limit on Amazon
}

TEST_CASE("labels, remarks, notes and status are scored as expected", "[scoring]") {
    Run wish(scenario("wish", "wish-address-problem"));
    wish.c().labels.push_back("address_change");
    const sd::ScenarioScore w = wish.score(H);
    CHECK(criterion(w, "labels").points == 10);
    CHECK(criterion(w, "status").points == 0);   // not answered: still awaiting the seller
    CHECK(criterion(Run(scenario("wish", "wish-address-problem")).score(H), "labels").points == 0);

    auto remark = [](sd::RemarkFlag f, const std::string& text) {
        Run t(scenario("tmall", "tmall-damaged-parcel"));
        sd::Remark r;
        r.id = "r1";
        r.text = text;
        r.flag = f;
        t.c().remarks.push_back(r);
        return criterion(t.score(H), "remark").points;
    };
    CHECK(remark(sd::RemarkFlag::Yellow, "花瓶破损,补发 小王/11-18") == 10);
    CHECK(remark(sd::RemarkFlag::Red, "花瓶破损,补发 小王/11-18") == 5);
    CHECK(remark(sd::RemarkFlag::Yellow, "客户很满意") == 0);

    Run call(scenario("walmart", "walmart-phone-call"));
    CHECK(criterion(call.score(H), "note").points == 0);
    sd::Note n;
    n.id = "n1";
    n.text = "Phone call with Kevin: new lid promised, ships Monday.";
    call.c().notes.push_back(n);
    CHECK(criterion(call.score(H), "note").points == 10);
}

TEST_CASE("reply elements in English and Chinese", "[scoring]") {
    using E = sd::ReplyElement;
    auto has = [](const std::string& text, E e, const std::vector<std::string>& keys = {}) {
        std::vector<E> v = sd::reply_elements(text, keys);
        return std::find(v.begin(), v.end(), e) != v.end();
    };
    CHECK(sd::reply_elements(kCleanInr, {}).size() == size_t(sd::kReplyElementCount));
    CHECK(sd::reply_elements("   ", {}).empty());
    CHECK_FALSE(has(kSloppyInr, E::Greeting));
    CHECK_FALSE(has(kSloppyInr, E::TimeFrame));   // "as soon as possible" is not a time frame
    CHECK(has("Hi Tom, it ships within 2 business days. Regards, Lily", E::TimeFrame));
    CHECK(has("Hi Tom, we refund it by November 28. Regards, Lily", E::TimeFrame));
    CHECK_FALSE(has("Hi Tom, we refund order 12345. Regards, Lily", E::TimeFrame));
    CHECK(has("Options:\n1) refund\n2) new parcel", E::NumberedOptions));
    CHECK(has("（1）退款\n（2）补发", E::NumberedOptions));
    CHECK_FALSE(has("1. refund only", E::NumberedOptions));
    CHECK(has("Hello, the jacket runs small. Lily", E::Restatement, {"jacket"}));
    const std::string zh = "亲,您好!了解到您的花瓶碎了。我们24小时内为您补发:\n1、补发新花瓶\n2、全额退款\n祝您生活愉快!";
    CHECK(sd::reply_elements(zh, {}).size() == size_t(sd::kReplyElementCount));
    CHECK(has("您好,我们会在1-2个工作日内开好发票。", E::TimeFrame));
    CHECK(has("您好,三天内发出。", E::TimeFrame));
    CHECK_FALSE(has("您好,尽快发出。", E::TimeFrame));
    CHECK_FALSE(has("已经发出了。", E::Greeting));
}

TEST_CASE("the session report as JSON and as a printable page", "[scoring]") {
    sd::SessionReport r;
    r.pack_id = "amazon-basics";
    r.pack_title = {"Amazon <basics>", "亚马逊"};
    r.trainee = "Lily & Co";
    r.generated_at = kStart;
    r.scores.push_back(Run(scenario("amazon", "amazon-inr-follow-up")).reply(H, kCleanInr).score(2 * H));
    r.scores.push_back(Run(scenario("walmart", "walmart-presale-spam")).score(H));
    const nlohmann::json j = sd::report_to_json(r);
    CHECK(j["format"] == "sellerdesk-training-report");
    CHECK(j["total"] == r.scores[0].total + r.scores[1].total);
    CHECK(j["max"] == r.scores[0].max + r.scores[1].max);
    CHECK(j["generated_at"] == "2026-11-18T11:06:40Z");
    REQUIRE(j["scenarios"].size() == 2);
    const nlohmann::json& c0 = j["scenarios"][0]["criteria"][0];
    CHECK(c0["id"] == "response_time");
    CHECK(c0["message"]["zh"].get<std::string>().find("首次回复") != std::string::npos);

    const std::string html = sd::report_to_html(r);
    CHECK(html.find("Training report · 培训报告") != std::string::npos);
    CHECK(html.find("Amazon &lt;basics&gt;") != std::string::npos);
    CHECK(html.find("Lily &amp; Co") != std::string::npos);
    CHECK(html.find("<basics>") == std::string::npos);
    CHECK(html.find("首次响应时间") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
}

TEST_CASE("a score read back from its JSON is the same score; a damaged one is refused", "[scoring]") {
    const sd::ScenarioScore s = Run(scenario("amazon", "amazon-inr-follow-up")).reply(H, kCleanInr).score(2 * H);
    REQUIRE(s.criteria.size() > 2);
    sd::ScenarioScore back;
    std::string error;
    REQUIRE(sd::score_from_json(sd::score_to_json(s), back, error));
    CHECK(sd::score_to_json(back) == sd::score_to_json(s));
    CHECK(back.total == s.total);
    CHECK(back.criteria[1].message.zh == s.criteria[1].message.zh);

    nlohmann::json bad = sd::score_to_json(s);
    bad["criteria"][2]["points"] = "ten";
    sd::ScenarioScore kept = back;
    CHECK_FALSE(sd::score_from_json(bad, kept, error));
    CHECK(error == "criteria/2/points: must be an integer");
    CHECK(sd::score_to_json(kept) == sd::score_to_json(s));
    bad = sd::score_to_json(s);
    bad["marketplace"] = "amazon.de";
    CHECK_FALSE(sd::score_from_json(bad, kept, error));
    CHECK(error == "marketplace: must be a marketplace");
}

TEST_CASE("every bundled scenario's template family is recognisable from its own template", "[scoring]") {
    const sd::TemplateFingerprints prints = sd::fingerprint_templates(library());
    const std::map<std::string, std::string> values = {
        {"customer_name", "Sam"}, {"order_id", "A-1"}, {"agent_name", "Lily"}, {"store_name", "Home Goods"},
        {"tracking_number", "TRK123456"}, {"carrier", "USPS"}, {"item", "lamp"}, {"product_name", "lamp"},
        {"estimated_delivery", "Friday"}, {"transaction_id", "TX-1"}};
    size_t checked = 0;
    for (const char* name : {"walmart", "amazon", "ebay", "wish", "tmall"})
        for (const sd::Scenario& s : pack(name).scenarios) {
            if (s.expect.template_family.empty()) continue;
            INFO(s.id);
            bool recognised = false;
            for (const sd::Template& t : library().templates) {
                if (t.category != s.expect.template_family || !t.applies_to(s.marketplace)) continue;
                const std::string lang = s.marketplace == sd::Marketplace::Tmall ? "zh" : "en";
                const sd::Template* got =
                    sd::recognise_template(prints, s.marketplace, sd::fill_template(*t.body(lang), values).text);
                recognised = recognised || (got && got->category == s.expect.template_family);
            }
            CHECK(recognised);
            ++checked;
        }
    CHECK(checked >= 20);
}
