// Reply checker: table-driven positives and near-misses for every rule, offsets, JSON.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "core/checker.h"

using sd::Marketplace;

namespace {

std::vector<sd::Finding> check(const std::string& text, Marketplace m, const char* region = "US", int rounds = 0) {
    sd::CheckContext ctx;
    ctx.marketplace = m;
    ctx.region = region;
    ctx.rounds = rounds;
    return sd::check_reply(text, ctx);
}

// Findings of one rule.
std::vector<sd::Finding> of_rule(const std::vector<sd::Finding>& f, const std::string& rule) {
    std::vector<sd::Finding> r;
    for (const sd::Finding& x : f)
        if (x.rule == rule) r.push_back(x);
    return r;
}

std::string spans(const std::string& text, const std::vector<sd::Finding>& f) {
    std::string s;
    for (const sd::Finding& x : f) s += "[" + x.rule + ":" + text.substr(x.start, x.end - x.start) + "]";
    return s;
}

struct Positive {
    const char* text;
    Marketplace m;
    const char* rule;
    const char* span;   // exact text the finding must cover
    sd::Severity severity;
};

struct NearMiss {
    const char* text;
    Marketplace m;
    const char* rule;   // must not fire
};

void run_positive(const Positive& c) {
    std::string text = c.text;
    auto all = check(text, c.m);
    auto f = of_rule(all, c.rule);
    INFO("text: " << text << "\nrule: " << c.rule << "\nfound: " << spans(text, all));
    bool found = false;
    for (const sd::Finding& x : f) {
        if (text.substr(x.start, x.end - x.start) == c.span) {
            found = true;
            CHECK(x.severity == c.severity);
            CHECK(!x.message.empty());
            CHECK(!x.source.empty());
        }
    }
    CHECK(found);
}

void run_near_miss(const NearMiss& c) {
    std::string text = c.text;
    auto all = check(text, c.m);
    INFO("text: " << text << "\nrule: " << c.rule << "\nfound: " << spans(text, all));
    CHECK(of_rule(all, c.rule).empty());
}

constexpr sd::Severity E = sd::Severity::Error;
constexpr sd::Severity W = sd::Severity::Warning;
constexpr sd::Severity H = sd::Severity::Hint;

}  // namespace

TEST_CASE("rule table: unique ids, every marketplace has a source where enabled", "[checker]") {
    std::set<std::string> ids;
    for (const sd::RuleInfo& r : sd::rule_table()) {
        CHECK(ids.insert(r.id).second);
        for (int m = 0; m < sd::kMarketplaceCount; ++m)
            if (r.enabled[m]) CHECK(std::string(r.source[m]).size() > 5);
    }
    CHECK(sd::find_rule("email_address") != nullptr);
    CHECK(sd::find_rule("nope") == nullptr);
}

TEST_CASE("empty and whitespace-only replies are errors", "[checker]") {
    for (const char* t : {"", "   ", "\n\t  \n", "\xE3\x80\x80 \xC2\xA0"}) {
        auto f = check(t, Marketplace::Amazon);
        REQUIRE(f.size() == 1);
        CHECK(f[0].rule == "empty_reply");
        CHECK(f[0].severity == E);
        CHECK(f[0].start == 0);
        CHECK(f[0].end == std::string(t).size());
    }
}

TEST_CASE("unfilled placeholders are errors", "[checker]") {
    std::string text = "Dear Maria, your tracking number is {tracking_number}. Best regards, Lin";
    auto f = of_rule(check(text, Marketplace::Walmart), "unfilled_placeholder");
    REQUIRE(f.size() == 1);
    CHECK(text.substr(f[0].start, f[0].end - f[0].start) == "{tracking_number}");
    CHECK(f[0].severity == E);
    CHECK(f[0].message.find("{tracking_number}") != std::string::npos);

    // A name in the unfilled list that is no longer in the text still gets reported (at 0..0).
    sd::CheckContext ctx;
    ctx.marketplace = Marketplace::Ebay;
    ctx.unfilled = {"edd", "tracking_number"};
    auto g = of_rule(sd::check_reply(text, ctx), "unfilled_placeholder");
    REQUIRE(g.size() == 2);
    bool edd = false;
    for (auto& x : g)
        if (x.message.find("{edd}") != std::string::npos) {
            edd = true;
            CHECK(x.start == 0);
            CHECK(x.end == 0);
        }
    CHECK(edd);
    // Not a placeholder: braces around punctuation.
    CHECK(of_rule(check("Sizes {S, M, L} are in stock.", Marketplace::Wish), "unfilled_placeholder").empty());
}

TEST_CASE("e-mail addresses, plain and disguised", "[checker]") {
    const Positive cases[] = {
        {"Write to john.doe@gmail.com today.", Marketplace::Amazon, "email_address", "john.doe@gmail.com", E},
        {"It is name at gmail dot com, thanks.", Marketplace::Amazon, "email_address", "name at gmail dot com", E},
        {"Reach name(at)mail.com please", Marketplace::Walmart, "email_address", "name(at)mail.com", E},
        {"Try name [at] mail [dot] com instead", Marketplace::Ebay, "email_address", "name [at] mail [dot] com", E},
        {"Send it to name (AT) shopmail (DOT) net now", Marketplace::Wish, "email_address",
         "name (AT) shopmail (DOT) net", E},
        {"My address: name @ mail . com ok", Marketplace::Amazon, "email_address", "name @ mail . com", E},
        {"Use name@mail then", Marketplace::Amazon, "email_address", "name@mail", E},
        {"Use name @ yahoo then", Marketplace::Amazon, "email_address", "name @ yahoo", E},
        {"SEND TO SALES AT HOTMAIL.COM NOW", Marketplace::Amazon, "email_address", "SALES AT HOTMAIL.COM", E},
        {"Write to shop at mystore dot com", Marketplace::Amazon, "email_address", "shop at mystore dot com", E},
        {"邮箱 name\xEF\xBC\xA0qq.com", Marketplace::Tmall, "email_address", "name\xEF\xBC\xA0qq.com", W},
        {"Write to support@amazon.com", Marketplace::Amazon, "email_address", "support@amazon.com", E},
    };
    for (const Positive& c : cases) run_positive(c);

    const NearMiss misses[] = {
        {"Your parcel arrived at the post office on Monday.", Marketplace::Amazon, "email_address"},
        {"Please look at it again and tell us at once.", Marketplace::Amazon, "email_address"},
        {"We ship it at 5pm and we are at work at 9.", Marketplace::Walmart, "email_address"},
        {"Meet @ 5pm", Marketplace::Walmart, "email_address"},
        {"Thanks @everyone", Marketplace::Walmart, "email_address"},
        {"It is sold at Amazon.com and at walmart.", Marketplace::Amazon, "email_address"},
        {"We are at your service at all times.", Marketplace::Ebay, "email_address"},
    };
    for (const NearMiss& c : misses) run_near_miss(c);
}

TEST_CASE("links and bare domains, except the marketplace's own", "[checker]") {
    const Positive cases[] = {
        {"See www.shop.com for more.", Marketplace::Walmart, "external_link", "www.shop.com", E},
        {"Go to shop.com/deal now", Marketplace::Walmart, "external_link", "shop.com/deal", E},
        {"Short link: bit.ly/x.", Marketplace::Amazon, "external_link", "bit.ly/x", E},
        {"Open http://example.org/a?b=1, then reply.", Marketplace::Ebay, "external_link",
         "http://example.org/a?b=1", E},
        {"Visit Shop.Com.", Marketplace::Wish, "external_link", "Shop.Com", E},
        {"(see https://www.amazon.com/dp/B01)", Marketplace::Walmart, "external_link",
         "https://www.amazon.com/dp/B01", E},
        {"amazon.co.uk has it", Marketplace::Ebay, "external_link", "amazon.co.uk", E},
        {"amazon.com.evil.com/login", Marketplace::Amazon, "external_link", "amazon.com.evil.com/login", E},
        {"try.it for free", Marketplace::Amazon, "external_link", "try.it", E},
        {"请看 shop.com 谢谢", Marketplace::Tmall, "external_link", "shop.com", W},
        {"It is on ebay.com too", Marketplace::Amazon, "external_link", "ebay.com", E},
    };
    for (const Positive& c : cases) run_positive(c);

    const NearMiss misses[] = {
        {"Track it on walmart.com/orders or https://www.walmart.com/account.", Marketplace::Walmart,
         "external_link"},
        {"See amazon.co.uk, amazon.de and https://sellercentral.amazon.com/x", Marketplace::Amazon,
         "external_link"},
        {"Listed on ebay.de/itm/123 and www.ebay.co.uk", Marketplace::Ebay, "external_link"},
        {"Find it on wish.com", Marketplace::Wish, "external_link"},
        {"在 taobao.com 或 detail.tmall.com 查看", Marketplace::Tmall, "external_link"},
        {"e.g. this, i.e. that, a.m. or p.m., U.S.A.", Marketplace::Amazon, "external_link"},
        {"Try it.It works. Look.At this. Hello.Thanks", Marketplace::Amazon, "external_link"},
        {"Version 2.0 of manual.pdf, 3.5 inches, No.1 seller", Marketplace::Amazon, "external_link"},
    };
    for (const NearMiss& c : misses) run_near_miss(c);
}

TEST_CASE("phone numbers, and order or tracking numbers that are not", "[checker]") {
    const Positive cases[] = {
        {"Our line is 555-123-4567 today", Marketplace::Ebay, "phone_number", "555-123-4567", E},
        {"Dial (555) 123-4567 now", Marketplace::Walmart, "phone_number", "(555) 123-4567", E},
        {"Number +1 555 123 4567.", Marketplace::Amazon, "phone_number", "+1 555 123 4567", E},
        {"Or +86 138 1234 5678", Marketplace::Wish, "phone_number", "+86 138 1234 5678", E},
        {"Or 555.123.4567", Marketplace::Amazon, "phone_number", "555.123.4567", E},
        {"phone: 5551234567", Marketplace::Amazon, "phone_number", "5551234567", E},
        {"WhatsApp +8613812345678", Marketplace::Amazon, "phone_number", "+8613812345678", E},
        {"电话 138-1234-5678", Marketplace::Tmall, "phone_number", "138-1234-5678", W},
    };
    for (const Positive& c : cases) run_positive(c);

    const NearMiss misses[] = {
        {"Your order 112-1234567-1234567 has shipped.", Marketplace::Amazon, "phone_number"},
        {"Ref 112-1234567-1234567", Marketplace::Amazon, "phone_number"},
        {"Tracking number 9400 1000 0000 0000 0000 00", Marketplace::Walmart, "phone_number"},
        {"Tracking: 1Z999AA10123456784 or LX123456789CN", Marketplace::Ebay, "phone_number"},
        {"Walmart order #2000123456789", Marketplace::Walmart, "phone_number"},
        {"eBay order 12-34567-89012 and 12-34567-89012", Marketplace::Ebay, "phone_number"},
        {"Shipped 2026-11-25 to ZIP 12345-6789", Marketplace::Walmart, "phone_number"},
        {"Within 1-2 business days, $1,234.56, open 9.00-17.00", Marketplace::Amazon, "phone_number"},
        {"FedEx tracking 1234 5678 9012", Marketplace::Amazon, "phone_number"},
        {"Card-like 1234 5678 9012 3456", Marketplace::Amazon, "phone_number"},
        {"Case 5198877021 is open", Marketplace::Ebay, "phone_number"},
        {"ASIN B07XJ8C8F5, 1 250 000 sold", Marketplace::Amazon, "phone_number"},
        {"订单号 112-1234567-1234567", Marketplace::Tmall, "phone_number"},
    };
    for (const NearMiss& c : misses) run_near_miss(c);
}

TEST_CASE("requests to move off the platform", "[checker]") {
    const Positive cases[] = {
        {"Please WhatsApp me.", Marketplace::Walmart, "off_platform_contact", "WhatsApp", E},
        {"Call me tomorrow.", Marketplace::Amazon, "off_platform_contact", "Call me", E},
        {"Just text me", Marketplace::Ebay, "off_platform_contact", "text me", E},
        {"Add me on WeChat", Marketplace::Wish, "off_platform_contact", "Add me on", E},
        {"Add me on WeChat", Marketplace::Wish, "off_platform_contact", "WeChat", E},
        {"You can contact me at the shop", Marketplace::Amazon, "off_platform_contact", "contact me at", E},
        {"Please e-mail me the photo", Marketplace::Amazon, "off_platform_contact", "e-mail me", E},
        {"加我微信吧", Marketplace::Tmall, "off_platform_contact", "微信", W},
    };
    for (const Positive& c : cases) run_positive(c);
    const NearMiss misses[] = {
        {"I recall meeting the courier; we called the carrier.", Marketplace::Amazon, "off_platform_contact"},
        {"Thank you for your call today; the text message arrived.", Marketplace::Walmart,
         "off_platform_contact"},
        {"Please reply to this message.", Marketplace::Amazon, "off_platform_contact"},
    };
    for (const NearMiss& c : misses) run_near_miss(c);
}

TEST_CASE("payment outside the order", "[checker]") {
    const Positive cases[] = {
        {"Pay me directly and save.", Marketplace::Wish, "off_platform_payment", "Pay me directly", E},
        {"Use a bank transfer", Marketplace::Ebay, "off_platform_payment", "bank transfer", E},
        {"Send your card number", Marketplace::Amazon, "off_platform_payment", "card number", E},
        {"请直接转账给我", Marketplace::Tmall, "off_platform_payment", "直接转账", E},
    };
    for (const Positive& c : cases) run_positive(c);
    run_near_miss({"The refund goes to your original payment method.", Marketplace::Wish, "off_platform_payment"});
}

TEST_CASE("marketing: error on Walmart and Amazon, hint on eBay and Wish, off on Tmall", "[checker]") {
    const Positive cases[] = {
        {"Use coupon SAVE10 next time", Marketplace::Walmart, "marketing", "coupon", E},
        {"Get 20% off your next order", Marketplace::Amazon, "marketing", "20% off", E},
        {"Get 15 % off", Marketplace::Amazon, "marketing", "15 % off", E},
        {"Please visit our store", Marketplace::Walmart, "marketing", "visit our store", E},
        {"Check out our other products!", Marketplace::Amazon, "marketing", "Check out our", E},
        {"Buy more and save", Marketplace::Amazon, "marketing", "Buy more", E},
        {"Here is a discount code", Marketplace::Amazon, "marketing", "discount code", E},
        {"Use coupon SAVE10", Marketplace::Ebay, "marketing", "coupon", H},
        {"Use coupon SAVE10", Marketplace::Wish, "marketing", "coupon", H},
    };
    for (const Positive& c : cases) run_positive(c);
    const NearMiss misses[] = {
        {"店铺优惠 coupon", Marketplace::Tmall, "marketing"},
        {"We can offer a partial refund or a discount of $5 on this order.", Marketplace::Amazon, "marketing"},
        {"Buy it again whenever you like.", Marketplace::Walmart, "marketing"},
    };
    for (const NearMiss& c : misses) run_near_miss(c);
}

TEST_CASE("review requests", "[checker]") {
    run_positive({"Please leave a positive review", Marketplace::Amazon, "review_request", "positive review", E});
    run_positive({"Give us 5 stars!", Marketplace::Amazon, "review_request", "5 stars", E});
    run_positive({"Please change your review", Marketplace::Walmart, "review_request", "change your review", W});
    run_near_miss({"Please leave positive feedback", Marketplace::Ebay, "review_request"});
    run_near_miss({"Thank you for your feedback on the order.", Marketplace::Amazon, "review_request"});
}

TEST_CASE("language: English for US orders, Chinese is right on Tmall", "[checker]") {
    std::string zh = "您好，您的订单已经发货了，预计五天内送达，请注意查收。谢谢！";
    for (Marketplace m : {Marketplace::Walmart, Marketplace::Amazon, Marketplace::Ebay, Marketplace::Wish}) {
        auto f = of_rule(check(zh, m, "US"), "wrong_language");
        INFO(sd::to_string(m));
        REQUIRE(f.size() == 1);
        CHECK(f[0].severity == E);
        CHECK(f[0].message.find("Chinese") != std::string::npos);
        CHECK(f[0].message.find("English") != std::string::npos);
        CHECK(f[0].start == 0);
    }
    // Walmart without a region: Walmart.com orders are US orders.
    CHECK(of_rule(check(zh, Marketplace::Walmart, ""), "wrong_language").size() == 1);
    // Tmall: Chinese is right, English is fine.
    CHECK(check(zh, Marketplace::Tmall, "CN").empty());
    CHECK(of_rule(check("Hello, your order has shipped and will arrive within 3 days. Thank you!",
                        Marketplace::Tmall, "CN"),
                  "wrong_language")
              .empty());
    // Amazon: the buyer's language. English to a German buyer, German to a US buyer: warnings.
    std::string en = "Dear Anna, thank you for your message. We will send the replacement within 2 business "
                     "days and you will get the tracking number. Best regards, Lin";
    auto de = of_rule(check(en, Marketplace::Amazon, "DE"), "wrong_language");
    REQUIRE(de.size() == 1);
    CHECK(de[0].severity == W);
    CHECK(de[0].message.find("German") != std::string::npos);
    std::string german = "Hallo Anna, vielen Dank für Ihre Nachricht. Wir haben die Bestellung heute verschickt "
                         "und Sie bekommen die Sendungsnummer. Bitte haben Sie etwas Geduld, danke.";
    CHECK(of_rule(check(german, Marketplace::Amazon, "US"), "wrong_language").size() == 1);
    CHECK(of_rule(check(german, Marketplace::Amazon, "DE"), "wrong_language").empty());
    CHECK(of_rule(check(en, Marketplace::Amazon, "GB"), "wrong_language").empty());
    // Unknown region (not Walmart): no guess.
    CHECK(of_rule(check(zh, Marketplace::Amazon, ""), "wrong_language").empty());
}

TEST_CASE("mixed language: a Chinese note left in an English reply", "[checker]") {
    std::string text = "Dear Tom, your parcel ships today (记得改单号). Best regards, Lin";
    auto f = of_rule(check(text, Marketplace::Amazon, "US"), "mixed_language");
    REQUIRE(f.size() == 1);
    CHECK(text.substr(f[0].start, f[0].end - f[0].start) == "记得改单号");
    CHECK(f[0].severity == W);
    CHECK(of_rule(check(text, Marketplace::Amazon, "US"), "wrong_language").empty());
    CHECK(of_rule(check(text, Marketplace::Tmall, "CN"), "mixed_language").empty());
}

TEST_CASE("vague time frames; 'soon' is a whole word and 'as soon as X' is a condition", "[checker]") {
    const Positive cases[] = {
        {"We will reply as soon as possible.", Marketplace::Amazon, "vague_time_frame", "as soon as possible", W},
        {"Will fix it ASAP", Marketplace::Walmart, "vague_time_frame", "ASAP", W},
        {"Will fix it a.s.a.p.", Marketplace::Walmart, "vague_time_frame", "a.s.a.p", W},
        {"It will arrive soon.", Marketplace::Ebay, "vague_time_frame", "soon", W},
        {"We will ship it shortly", Marketplace::Wish, "vague_time_frame", "shortly", W},
        {"我们会尽快处理", Marketplace::Tmall, "vague_time_frame", "尽快", W},
    };
    for (const Positive& c : cases) run_positive(c);
    const NearMiss misses[] = {
        {"We will ship it as soon as it arrives in our warehouse.", Marketplace::Amazon, "vague_time_frame"},
        {"Soonest delivery is Friday; sooner is not possible.", Marketplace::Amazon, "vague_time_frame"},
        {"We will ship it within 1-2 business days.", Marketplace::Amazon, "vague_time_frame"},
    };
    for (const NearMiss& c : misses) run_near_miss(c);
    // Only one finding for "as soon as possible" (not another for the "soon" inside it).
    CHECK(of_rule(check("as soon as possible", Marketplace::Amazon), "vague_time_frame").size() == 1);
}

TEST_CASE("promises that cannot be kept", "[checker]") {
    const Positive cases[] = {
        {"We guarantee delivery by Friday.", Marketplace::Walmart, "overpromise", "guarantee", W},
        {"You will be 100% satisfied", Marketplace::Amazon, "overpromise", "100%", W},
        {"This will never happen again.", Marketplace::Ebay, "overpromise", "never happen again", W},
        {"It won\xE2\x80\x99t happen again.", Marketplace::Wish, "overpromise", "won\xE2\x80\x99t happen again", W},
        {"It is 100 percent safe", Marketplace::Amazon, "overpromise", "100 percent", W},
    };
    for (const Positive& c : cases) run_positive(c);
    const NearMiss misses[] = {
        {"You opened an A-to-z Guarantee claim.", Marketplace::Amazon, "overpromise"},
        {"The shirt is 100% cotton and 100 percent recycled.", Marketplace::Amazon, "overpromise"},
    };
    for (const NearMiss& c : misses) run_near_miss(c);
}

TEST_CASE("Amazon structure hints", "[checker]") {
    std::string bare = "Okay.";
    auto f = check(bare, Marketplace::Amazon);
    for (const char* r : {"missing_greeting", "missing_restatement", "missing_signoff"}) {
        auto g = of_rule(f, r);
        INFO(r);
        REQUIRE(g.size() == 1);
        CHECK(g[0].severity == H);
    }
    CHECK(of_rule(f, "missing_solution").size() == 1);
    std::string good =
        "Dear Maria,\n\nThank you for your message. I understand your parcel has not arrived yet.\n\n"
        "Please choose:\n1. Wait until Friday.\n2. Receive a full refund.\n\nBest regards,\nLin\nMaple Home Goods";
    auto g = check(good, Marketplace::Amazon);
    INFO(spans(good, g));
    CHECK(g.empty());
    // A short last line (a name) counts as a sign-off.
    std::string named = "Hello Maria,\nI understand your order is late. We will refund it today.\nLin";
    CHECK(check(named, Marketplace::Amazon).empty());
    // Other marketplaces: no structure hints.
    CHECK(check(bare, Marketplace::Walmart).empty());
    // Not for replies in another language.
    std::string german = "Vielen Dank für Ihre Nachricht, wir haben die Bestellung und die Rechnung geprüft.";
    CHECK(of_rule(check(german, Marketplace::Amazon, "DE"), "missing_greeting").empty());
}

TEST_CASE("eBay: warning past 3 rounds", "[checker]") {
    std::string text = "Hello Tom,\nwe have refunded the order today.\nBest regards, Lin";
    CHECK(of_rule(check(text, Marketplace::Ebay, "US", 2), "too_many_rounds").empty());
    auto f = of_rule(check(text, Marketplace::Ebay, "US", 3), "too_many_rounds");
    REQUIRE(f.size() == 1);
    CHECK(f[0].severity == W);
    CHECK(f[0].message.find("#4") != std::string::npos);
    CHECK(of_rule(check(text, Marketplace::Amazon, "US", 7), "too_many_rounds").empty());
}

TEST_CASE("offsets are bytes; utf16_offset converts them", "[checker]") {
    std::string text = "您好 john@gmail.com";
    auto f = of_rule(check(text, Marketplace::Tmall, "CN"), "email_address");
    REQUIRE(f.size() == 1);
    CHECK(f[0].start == 7);
    CHECK(f[0].end == text.size());
    CHECK(sd::utf16_offset(text, f[0].start) == 3);
    CHECK(sd::utf16_offset(text, f[0].end) == 17);
    std::string emoji = "\xF0\x9F\x98\x80 a";   // U+1F600 takes 2 UTF-16 units
    CHECK(sd::utf16_offset(emoji, 4) == 2);
    CHECK(sd::utf16_offset(emoji, 6) == 4);
    CHECK(sd::utf16_offset(emoji, 999) == 4);
    CHECK(sd::utf16_offset("\xFF\xFE" "a", 3) == 3);   // invalid bytes count one each

    nlohmann::json j = sd::findings_to_json(f, text);
    REQUIRE(j.is_array());
    REQUIRE(j.size() == 1);
    CHECK(j[0]["rule"] == "email_address");
    CHECK(j[0]["severity"] == "warning");
    CHECK(j[0]["start"] == 7);
    CHECK(j[0]["start_utf16"] == 3);
    CHECK(j[0]["end_utf16"] == 17);
    CHECK(j[0]["source"].get<std::string>().find("Tmall") != std::string::npos);
}

TEST_CASE("findings are sorted; invalid UTF-8 is tolerated", "[checker]") {
    std::string text = "Call me at 555-123-4567 or mail a@b.com \xFF\xFE soon";
    auto f = check(text, Marketplace::Walmart);
    REQUIRE(f.size() >= 4);
    for (size_t i = 1; i < f.size(); ++i) CHECK(f[i - 1].start <= f[i].start);
    for (const auto& x : f) {
        CHECK(x.start <= x.end);
        CHECK(x.end <= text.size());
    }
    std::string bad = "caf\xC3 \xE4\xBD soon http://x.com/\xFF";
    auto g = check(bad, Marketplace::Amazon);
    CHECK_NOTHROW(sd::findings_to_json(g, bad).dump());
    CHECK(sd::has_errors(g));
}

TEST_CASE("a clean reply has no findings", "[checker]") {
    std::string text =
        "Dear Maria,\n\nThank you for contacting us, and we are sorry that your order 112-4839201-5583920 has not "
        "arrived yet. We checked the tracking: your parcel (USPS, tracking number 9400111899223197428490) is in "
        "transit and should arrive by November 14.\n\nPlease choose:\n1. Wait for the parcel.\n2. Receive a full "
        "refund now.\n\nYou can see the order at amazon.com/orders.\n\nBest regards,\nLin\nMaple Home Goods";
    auto f = check(text, Marketplace::Amazon);
    INFO(spans(text, f));
    CHECK(f.empty());
}

TEST_CASE("phone words do not turn dates or order numbers into phone numbers", "[checker]") {
    const NearMiss misses[] = {
        {"We will call the carrier on 2026-11-25.", Marketplace::Walmart, "phone_number"},
        {"Call about order 112-1234567-1234567", Marketplace::Amazon, "phone_number"},
        {"Text: the years 2025 2026 were busy", Marketplace::Amazon, "phone_number"},
    };
    for (const NearMiss& c : misses) run_near_miss(c);
    run_positive({"Call 555 1234 please", Marketplace::Amazon, "phone_number", "555 1234", E});
    run_positive({"Mobile 13812345678", Marketplace::Amazon, "phone_number", "13812345678", E});
}

TEST_CASE("promotions: codes, buy N get M, sale deadlines (issue 17)", "[checker]") {
    const Positive cases[] = {
        {"Use code SAVE10 at checkout.", Marketplace::Walmart, "marketing", "code SAVE10", E},
        {"Enter the code WELCOME when you order.", Marketplace::Walmart, "marketing", "code WELCOME", E},
        {"Your code is SPRING25.", Marketplace::Amazon, "marketing", "code is SPRING25", E},
        {"Buy 2 get 1 free this week only!", Marketplace::Walmart, "marketing", "Buy 2 get 1 free", E},
        {"Buy 2 get 1 free this week only!", Marketplace::Walmart, "marketing", "this week only", E},
        {"Buy two pairs, get one half price.", Marketplace::Amazon, "marketing", "Buy two pairs, get one half", E},
        {"buy 3 socks get another free", Marketplace::Walmart, "marketing", "buy 3 socks get another free", E},
        {"Take 30 percent off everything.", Marketplace::Amazon, "marketing", "percent off", E},
        {"All shoes 25% off, ends Sunday.", Marketplace::Walmart, "marketing", "ends Sunday", E},
        {"All shoes 25% off, ends Sunday.", Marketplace::Walmart, "marketing", "25% off", E},
        {"The sale ends tonight.", Marketplace::Amazon, "marketing", "sale ends tonight", E},
        {"Offer expires Friday.", Marketplace::Walmart, "marketing", "Offer expires Friday", E},
        {"Limited time: free socks with every order.", Marketplace::Amazon, "marketing", "Limited time", E},
        {"Hurry, while supplies last.", Marketplace::Walmart, "marketing", "while supplies last", E},
        {"Get $5 off your next order.", Marketplace::Amazon, "marketing", "off your next", E},
        {"Get a voucher for your next visit.", Marketplace::Walmart, "marketing", "voucher", E},
        {"Use code SAVE10 at checkout.", Marketplace::Ebay, "marketing", "code SAVE10", H},
        {"Buy 2 get 1 free", Marketplace::Wish, "marketing", "Buy 2 get 1 free", H},
        {"Customers say 买一送一 is great", Marketplace::Walmart, "marketing", "买一送一", E},
    };
    for (const Positive& c : cases) run_positive(c);
    const NearMiss misses[] = {
        {"We will send a free replacement at no cost to you.", Marketplace::Walmart, "marketing"},
        {"Your tracking code 1Z999AA10123456784 shows it in transit.", Marketplace::Walmart, "marketing"},
        {"The zip code 10001 on the label is right.", Marketplace::Amazon, "marketing"},
        {"Please drop off the parcel at any UPS store.", Marketplace::Walmart, "marketing"},
        {"Please drop it off at the post office; the return code is RMA4411.", Marketplace::Amazon, "marketing"},
        {"Your return window ends Sunday, so there is plenty of time.", Marketplace::Walmart, "marketing"},
        {"If you buy it again, you will get the same size.", Marketplace::Walmart, "marketing"},
        {"We will refund 100% of the price.", Marketplace::Walmart, "marketing"},
        {"The code on the box is printed under the barcode.", Marketplace::Amazon, "marketing"},
        {"Please read the error code E4 on the display.", Marketplace::Amazon, "marketing"},
        {"The order ends up at the depot on Monday.", Marketplace::Walmart, "marketing"},
        {"Buy 2 get 1 free, ends Sunday: 优惠码 SAVE10, 限时满减", Marketplace::Tmall, "marketing"},
    };
    for (const NearMiss& c : misses) run_near_miss(c);
    // A refund of the whole price is not a promise either.
    run_near_miss({"We will refund 100% of the price.", Marketplace::Walmart, "overpromise"});
    run_near_miss({"You will get a 100% refund.", Marketplace::Amazon, "overpromise"});
    run_positive({"We are 100% sure it arrives.", Marketplace::Amazon, "overpromise", "100%", W});
}

TEST_CASE("markup: HTML tags and images in plain-text messages (issue 17)", "[checker]") {
    const Positive cases[] = {
        {"Here is our logo <img src=\"logo.png\"> thank you", Marketplace::Amazon, "markup", "<img src=\"logo.png\">", E},
        {"<IMG SRC=x.jpg>", Marketplace::Walmart, "markup", "<IMG SRC=x.jpg>", E},
        {"This is <b>important</b>.", Marketplace::Walmart, "markup", "<b>", E},
        {"This is <b>important</b>.", Marketplace::Walmart, "markup", "</b>", E},
        {"Line one<br/>line two", Marketplace::Amazon, "markup", "<br/>", E},
        {"See ![our logo](logo.png) below", Marketplace::Amazon, "markup", "![our logo](logo.png)", E},
        {"<p>Hello</p>", Marketplace::Ebay, "markup", "<p>", W},
        {"<div class=\"x\">Hi</div>", Marketplace::Wish, "markup", "<div class=\"x\">", W},
        {"<img src=a.png>", Marketplace::Tmall, "markup", "<img src=a.png>", W},
    };
    for (const Positive& c : cases) run_positive(c);
    auto img = of_rule(check("<img src=\"logo.png\">", Marketplace::Amazon), "markup");
    REQUIRE(img.size() == 1);
    CHECK(img[0].message.find("logo") != std::string::npos);
    const NearMiss misses[] = {
        {"Orders < 5 items ship together; 3 > 2.", Marketplace::Amazon, "markup"},
        {"I <3 this shop", Marketplace::Walmart, "markup"},
        {"Please reply with <your order number>.", Marketplace::Amazon, "markup"},
        {"A <b without a closing bracket", Marketplace::Walmart, "markup"},
        {"Press [Confirm] (the green button)!", Marketplace::Amazon, "markup"},
        {"Wow! [sic] (see above)", Marketplace::Amazon, "markup"},
    };
    for (const NearMiss& c : misses) run_near_miss(c);
}
