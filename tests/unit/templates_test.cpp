// Template library: placeholders, fill, validation, search, JSON, merge, and the bundled library.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "core/checker.h"
#include "core/templates.h"
#include "core/time.h"

#ifndef SD_SOURCE_DIR
#define SD_SOURCE_DIR "."
#endif

namespace {

sd::Template make(const std::string& id, const std::string& body = "Dear {customer_name}, thanks. {agent_name}") {
    sd::Template t;
    t.id = id;
    t.marketplace = "amazon";
    t.category = "item_not_received";
    t.title_zh = "未收到货";
    t.title_en = "Item not received";
    t.guidance_zh = "先查物流。";
    t.bodies["en"] = body;
    return t;
}

bool contains(const std::vector<std::string>& v, const std::string& needle) {
    for (const std::string& s : v)
        if (s.find(needle) != std::string::npos) return true;
    return false;
}

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const std::string& x : v) s += x + "\n";
    return s;
}

const sd::TemplateLibrary& bundled() {
    static sd::TemplateLibrary lib;
    static bool loaded = false;
    if (!loaded) {
        std::vector<std::string> errors;
        bool ok = sd::load_library_file(SD_SOURCE_DIR "/assets/templates.json", lib, errors);
        INFO(joined(errors));
        REQUIRE(ok);
        loaded = true;
    }
    return lib;
}

std::map<std::string, std::string> example_values(sd::Marketplace m) {
    std::map<std::string, std::string> v;
    for (const sd::PlaceholderInfo& p : sd::known_placeholders()) v[p.name] = p.example;
    v["marketplace"] = sd::display_name(m);
    return v;
}

}  // namespace

TEST_CASE("placeholder scan", "[templates]") {
    std::string text = "Hi {customer_name}, order {order_id} ({customer_name}) { not one } {bad-name} {}";
    auto refs = sd::scan_placeholders(text);
    REQUIRE(refs.size() == 3);
    CHECK(refs[0].name == "customer_name");
    CHECK(text.substr(refs[1].start, refs[1].end - refs[1].start) == "{order_id}");
    CHECK(sd::placeholder_names(text) == std::vector<std::string>{"customer_name", "order_id"});
    CHECK(sd::is_known_placeholder("tracking_number"));
    CHECK(sd::is_known_placeholder("edd"));
    CHECK_FALSE(sd::is_known_placeholder("trackingnumber"));
    for (const char* n : {"customer_name", "order_id", "tracking_number", "carrier", "eta_days", "agent_name",
                          "store_name", "item", "marketplace", "purchase_date", "edd"})
        CHECK(sd::is_known_placeholder(n));
}

TEST_CASE("fill: values go in, missing ones stay visibly marked", "[templates]") {
    std::string body = "Dear {customer_name}, your {item} ships by {edd}. Tracking: {tracking_number}. {customer_name}";
    auto r = sd::fill_template(body, {{"customer_name", "Maria"}, {"item", "kettle"}, {"edd", ""}});
    CHECK(r.text == "Dear Maria, your kettle ships by {edd}. Tracking: {tracking_number}. Maria");
    CHECK(r.missing == std::vector<std::string>{"edd", "tracking_number"});
    REQUIRE(r.missing_spans.size() == 2);
    CHECK(r.text.substr(r.missing_spans[0].first, r.missing_spans[0].second - r.missing_spans[0].first) == "{edd}");
    CHECK(r.text.substr(r.missing_spans[1].first, r.missing_spans[1].second - r.missing_spans[1].first) ==
          "{tracking_number}");

    // The checker reports what the filler left behind.
    sd::CheckContext ctx;
    ctx.marketplace = sd::Marketplace::Amazon;
    ctx.region = "US";
    ctx.unfilled = r.missing;
    auto f = sd::check_reply(r.text, ctx);
    size_t unfilled = 0;
    for (const auto& x : f)
        if (x.rule == "unfilled_placeholder") {
            ++unfilled;
            CHECK(x.severity == sd::Severity::Error);
        }
    CHECK(unfilled == 2);

    // Values are inserted as is (no re-scan of braces inside values), Chinese included.
    auto z = sd::fill_template("亲，{customer_name}您好", {{"customer_name", "{王}"}});
    CHECK(z.text == "亲，{王}您好");
    CHECK(z.missing.empty());
}

TEST_CASE("validation on save", "[templates]") {
    CHECK(sd::validate_template(make("ok-template")).empty());

    auto e = sd::validate_template(make("x", "Your parcel {trackingnumber} is late. {agent_name}"));
    INFO(joined(e));
    REQUIRE(e.size() == 1);
    CHECK(e[0].find("body/en: unknown placeholder {trackingnumber}") == 0);
    CHECK(e[0].find("did you mean {tracking_number}") != std::string::npos);

    sd::Template t = make("x");
    t.bodies["en"] = "   \n";
    CHECK(contains(sd::validate_template(t), "body/en: empty"));
    t = make("x");
    t.title_zh = "";
    CHECK(contains(sd::validate_template(t), "title_zh: empty"));
    t = make("x");
    t.bodies.clear();
    CHECK(contains(sd::validate_template(t), "body: no text"));
    t = make("Bad ID");
    CHECK(contains(sd::validate_template(t), "id:"));
    t = make("x");
    t.marketplace = "etsy";
    CHECK(contains(sd::validate_template(t), "marketplace: 'etsy'"));
    t = make("x", "Hello {customer_name, bye");
    CHECK(contains(sd::validate_template(t), "body/en: '{' at byte 6"));
    t = make("x");
    t.bodies["english"] = "Hi";
    CHECK(contains(sd::validate_template(t), "body/english: not a language code"));
    t = make("x");
    t.bodies["zh"] = "亲，{customer_name}您好，{Agent}";
    CHECK(contains(sd::validate_template(t), "body/zh: unknown placeholder {Agent}"));

    // save_template: a bad template changes nothing; a good one is marked edited.
    sd::TemplateLibrary lib;
    std::vector<std::string> errors;
    CHECK_FALSE(sd::save_template(lib, make("x", ""), errors));
    CHECK(lib.templates.empty());
    CHECK(contains(errors, "body/en: empty"));
    CHECK(sd::save_template(lib, make("x"), errors));
    REQUIRE(lib.templates.size() == 1);
    CHECK(lib.templates[0].edited);
    sd::Template changed = make("x", "Hello {customer_name}. {agent_name}");
    CHECK(sd::save_template(lib, changed, errors));
    CHECK(lib.templates.size() == 1);
    CHECK(lib.templates[0].bodies["en"] == "Hello {customer_name}. {agent_name}");
}

TEST_CASE("usage counts, delete", "[templates]") {
    sd::TemplateLibrary lib;
    lib.templates.push_back(make("a"));
    CHECK(sd::record_use(lib, "a", 1795000000));
    CHECK(sd::record_use(lib, "a", 1795000100));
    CHECK(lib.templates[0].usage_count == 2);
    CHECK(lib.templates[0].last_used == 1795000100);
    CHECK_FALSE(sd::record_use(lib, "zz", 1));
    CHECK(sd::delete_template(lib, "a"));
    CHECK(lib.templates[0].deleted);
    CHECK(sd::search_templates(lib, {}).empty());
    CHECK_FALSE(sd::delete_template(lib, "zz"));
}

TEST_CASE("search: case-insensitive, Chinese, filters", "[templates]") {
    sd::TemplateLibrary lib;
    sd::Template a = make("wish-customs");
    a.marketplace = "wish";
    a.category = "customs_duties";
    a.title_zh = "买家需缴纳关税";
    a.title_en = "Import duties";
    a.bodies["en"] = "Your parcel is held by CUSTOMS. {agent_name}";
    sd::Template b = make("amazon-inr");
    b.usage_count = 5;
    sd::Template c = make("any-status");
    c.marketplace = "any";
    c.category = "order_status";
    c.title_zh = "发货通知";
    c.title_en = "Shipping confirmation";
    c.bodies["en"] = "Your order shipped; customs may apply. {agent_name}";
    lib.templates = {a, b, c};

    CHECK(sd::search_templates(lib, {"关税", {}, ""}) == std::vector<size_t>{0});
    CHECK(sd::search_templates(lib, {"customs", {}, ""}) == std::vector<size_t>{0, 2});   // title first
    CHECK(sd::search_templates(lib, {"CuStOmS shipped", {}, ""}) == std::vector<size_t>{2});   // all words
    CHECK(sd::search_templates(lib, {"customs", sd::Marketplace::Amazon, ""}) == std::vector<size_t>{2});
    CHECK(sd::search_templates(lib, {"", sd::Marketplace::Amazon, ""}) == std::vector<size_t>{1, 2});
    CHECK(sd::search_templates(lib, {"", {}, "order_status"}) == std::vector<size_t>{2});
    CHECK(sd::search_templates(lib, {"未收到", {}, ""}) == std::vector<size_t>{1});
    CHECK(sd::search_templates(lib, {"nothing-like-this", {}, ""}).empty());
    // Empty query: everything, most used first.
    CHECK(sd::search_templates(lib, {}).front() == 1);
}

TEST_CASE("library JSON round trip", "[templates]") {
    sd::TemplateLibrary lib;
    sd::Template a = make("amazon-inr");
    a.usage_count = 3;
    a.last_used = 1795000000;
    a.bodies["zh"] = "亲，{customer_name}您好";
    a.edited = true;
    sd::Template gone = make("gone");
    gone.deleted = true;
    lib.templates = {a, gone};
    nlohmann::json j = sd::library_to_json(lib);
    CHECK(j["format"] == "sellerdesk-templates");
    CHECK(j["version"] == 1);
    CHECK(j["templates"][0]["last_used"] == sd::format_iso8601(1795000000));

    sd::TemplateLibrary back;
    std::vector<std::string> errors;
    REQUIRE(sd::library_from_text(j.dump(2), back, errors));
    REQUIRE(back.templates.size() == 2);
    const sd::Template& r = back.templates[0];
    CHECK(r.id == a.id);
    CHECK(r.marketplace == a.marketplace);
    CHECK(r.category == a.category);
    CHECK(r.title_zh == a.title_zh);
    CHECK(r.title_en == a.title_en);
    CHECK(r.guidance_zh == a.guidance_zh);
    CHECK(r.bodies == a.bodies);
    CHECK(r.usage_count == 3);
    CHECK(r.last_used == 1795000000);
    CHECK(r.edited);
    CHECK(back.templates[1].deleted);
    CHECK(sd::library_to_json(back) == j);
}

TEST_CASE("library JSON validation names the place; a bad file changes nothing", "[templates]") {
    sd::TemplateLibrary lib;
    lib.templates.push_back(make("keep-me"));
    auto load = [&](const std::string& text, std::vector<std::string>& errors) {
        return sd::library_from_text(text, lib, errors);
    };
    std::vector<std::string> errors;

    // templates/3/body/en: empty
    nlohmann::json j = sd::library_to_json(lib);
    j["templates"] = nlohmann::json::array();
    for (int i = 0; i < 4; ++i) j["templates"].push_back(sd::template_to_json(make("t" + std::to_string(i))));
    j["templates"][3]["body"]["en"] = "";
    CHECK_FALSE(load(j.dump(), errors));
    CHECK(errors == std::vector<std::string>{"templates/3/body/en: empty"});

    j["templates"][3]["body"]["en"] = "ok {agent_name}";
    j["templates"][2]["id"] = "t0";
    j["templates"][1]["body"]["en"] = "Track {trackingnumber}";
    j["templates"][0]["usage_count"] = -2;
    j["templates"][3]["last_used"] = "yesterday";
    CHECK_FALSE(load(j.dump(), errors));
    INFO(joined(errors));
    CHECK(contains(errors, "templates/2/id: duplicate id 't0' (first used at templates/0)"));
    CHECK(contains(errors, "templates/1/body/en: unknown placeholder {trackingnumber}"));
    CHECK(contains(errors, "templates/0/usage_count: expected a whole number"));
    CHECK(contains(errors, "templates/3/last_used: expected an ISO 8601 time"));

    nlohmann::json k = {{"templates", {{{"id", "x"}}}}};
    CHECK_FALSE(load(k.dump(), errors));
    CHECK(contains(errors, "templates/0/marketplace: missing"));
    CHECK(contains(errors, "templates/0/title_zh: missing"));
    CHECK(contains(errors, "templates/0/body: missing"));

    CHECK_FALSE(load("{\"templates\": 5}", errors));
    CHECK(errors == std::vector<std::string>{"templates: expected an array"});
    CHECK_FALSE(load("[]", errors));
    CHECK(contains(errors, "(root)"));
    CHECK_FALSE(load("{\"format\": \"other\", \"templates\": []}", errors));
    CHECK(contains(errors, "format: expected \"sellerdesk-templates\""));
    CHECK_FALSE(load("{\"templates\": [", errors));
    CHECK(errors == std::vector<std::string>{"(file): not valid JSON"});
    CHECK_FALSE(load(std::string(100000, '[') + std::string(100000, ']'), errors));
    CHECK(contains(errors, "nested deeper"));
    std::vector<std::string> file_errors;
    CHECK_FALSE(sd::load_library_file("/nonexistent/templates.json", lib, file_errors));
    CHECK(contains(file_errors, "cannot open"));
    CHECK_FALSE(sd::load_library_file(SD_SOURCE_DIR "/assets", lib, file_errors));   // a directory
    CHECK(contains(file_errors, "cannot"));

    // Nothing above touched the library.
    REQUIRE(lib.templates.size() == 1);
    CHECK(lib.templates[0].id == "keep-me");
}

TEST_CASE("merge: bundled library with user edits kept on load", "[templates]") {
    sd::TemplateLibrary bundled_lib, user;
    bundled_lib.templates = {make("a", "Bundled A v2 {agent_name}"), make("b", "Bundled B v2 {agent_name}"),
                             make("c", "Bundled C {agent_name}")};
    sd::Template ua = make("a", "My own A {agent_name}");
    ua.edited = true;
    ua.usage_count = 7;
    sd::Template ub = make("b", "Bundled B v1 {agent_name}");   // not edited: only usage data is the user's
    ub.usage_count = 4;
    ub.last_used = 1795000000;
    sd::Template uc = make("c");
    uc.deleted = true;
    sd::Template mine = make("mine", "Only mine {agent_name}");
    mine.edited = true;
    user.templates = {mine, ua, ub, uc};

    sd::TemplateLibrary m = sd::merge_libraries(bundled_lib, user);
    REQUIRE(m.templates.size() == 4);
    CHECK(m.templates[0].id == "a");
    CHECK(m.templates[0].bodies.at("en") == "My own A {agent_name}");
    CHECK(m.templates[0].usage_count == 7);
    CHECK(m.templates[1].bodies.at("en") == "Bundled B v2 {agent_name}");
    CHECK(m.templates[1].usage_count == 4);
    CHECK(m.templates[1].last_used == 1795000000);
    CHECK(m.templates[2].id == "c");
    CHECK(m.templates[2].deleted);
    CHECK(m.templates[3].id == "mine");
    // Search never shows the tombstone.
    for (size_t i : sd::search_templates(m, {})) CHECK(m.templates[i].id != "c");
    // Merging again with the merged result as the user library is stable.
    sd::TemplateLibrary again = sd::merge_libraries(bundled_lib, m);
    CHECK(sd::library_to_json(again) == sd::library_to_json(m));
}

TEST_CASE("bundled library: loads, >= 45 templates, bilingual, valid", "[templates]") {
    const sd::TemplateLibrary& lib = bundled();
    CHECK(lib.templates.size() >= 45);
    std::set<std::string> markets;
    for (const sd::Template& t : lib.templates) {
        INFO(t.id);
        CHECK(sd::validate_template(t).empty());
        CHECK(!t.title_zh.empty());
        CHECK(!t.guidance_zh.empty());
        CHECK(!t.title_en.empty());
        CHECK(t.usage_count == 0);
        CHECK(t.last_used == sd::kNoTime);
        CHECK(t.bodies.count("en") == 1);
        if (t.marketplace == "tmall") CHECK(t.bodies.count("zh") == 1);
        markets.insert(t.marketplace);
        for (const auto& kv : t.bodies) {
            // Sign-off habits: the agent and the store are named in every body.
            CHECK(kv.second.find("{agent_name}") != std::string::npos);
            CHECK(kv.second.find("{store_name}") != std::string::npos);
        }
    }
    CHECK(markets == std::set<std::string>{"walmart", "amazon", "ebay", "wish", "tmall", "any"});
}

TEST_CASE("bundled library covers the required scenarios", "[templates]") {
    const sd::TemplateLibrary& lib = bundled();
    const char* required[] = {
        // Wish: the eight problems before shipping, plus address change.
        "wish-address-problem", "wish-post-office-pickup", "wish-overweight-split", "wish-customs-duties",
        "wish-returned-address", "wish-lost-reshipped", "wish-damaged-new-parcel", "wish-other",
        // Amazon
        "amazon-item-not-received", "amazon-how-to-use", "amazon-return-request", "amazon-cancel-shipped",
        // eBay
        "ebay-inr-tracking", "ebay-snad", "ebay-damaged-item", "ebay-negative-feedback", "ebay-case-opened",
        // Walmart
        "walmart-order-status", "walmart-return", "walmart-cancellation", "walmart-presale-question",
        "walmart-customer-care", "walmart-phone-summary",
        // Tmall quick phrases
        "tmall-greeting", "tmall-fixed-price", "tmall-invoice", "tmall-refund-steps", "tmall-return-waybill",
        "tmall-extra-postage", "tmall-closing"};
    for (const char* id : required) {
        INFO(id);
        const sd::Template* t = lib.find(id);
        REQUIRE(t != nullptr);
        CHECK(t->marketplace == std::string(id).substr(0, std::string(id).find('-')));
    }
    // Amazon item-not-received: apologise, give numbered options (wait or refund).
    const std::string& inr = lib.find("amazon-item-not-received")->bodies.at("en");
    CHECK(inr.find("sorry") != std::string::npos);
    CHECK(inr.find("\n1. ") != std::string::npos);
    CHECK(inr.find("\n2. ") != std::string::npos);
    CHECK(inr.find("refund") != std::string::npos);
    // Amazon return: alternatives (partial refund) before the return.
    const std::string& ret = lib.find("amazon-return-request")->bodies.at("en");
    CHECK(ret.find("partial refund") < ret.find("Return the item"));
    // Cancellation after shipping: refuse delivery or return.
    const std::string& cancel = lib.find("amazon-cancel-shipped")->bodies.at("en");
    CHECK(cancel.find("Refuse the delivery") != std::string::npos);
    CHECK(cancel.find("return") != std::string::npos);
    // Overweight order: ships in several parcels.
    CHECK(lib.find("wish-overweight-split")->bodies.at("en").find("{parcel_count}") != std::string::npos);
    // Tmall quick phrases are written in Chinese.
    CHECK(lib.find("tmall-fixed-price")->bodies.at("zh").find("议价") != std::string::npos);
    CHECK(lib.find("tmall-return-waybill")->bodies.at("zh").find("运单号") != std::string::npos);
}

TEST_CASE("bundled templates, filled, pass their marketplace's checker", "[templates][checker]") {
    const sd::TemplateLibrary& lib = bundled();
    size_t checked = 0;
    for (const sd::Template& t : lib.templates) {
        for (int mi = 0; mi < sd::kMarketplaceCount; ++mi) {
            sd::Marketplace m = sd::Marketplace(mi);
            if (!t.applies_to(m)) continue;
            for (const auto& kv : t.bodies) {
                sd::FillResult filled = sd::fill_template(kv.second, example_values(m));
                INFO(t.id << " [" << kv.first << "] on " << sd::to_string(m) << "\n" << filled.text);
                CHECK(filled.missing.empty());
                sd::CheckContext ctx;
                ctx.marketplace = m;
                ctx.region = kv.first == "zh" ? "CN" : "US";
                auto findings = sd::check_reply(filled.text, ctx);
                std::string report;
                for (const auto& f : findings)
                    report += std::string(sd::to_string(f.severity)) + " " + f.rule + ": " +
                              filled.text.substr(f.start, f.end - f.start) + "\n";
                INFO(report);
                CHECK_FALSE(sd::has_errors(findings));
                // Stricter than required: the bundled library is the style guide, so no warnings or
                // hints either (Amazon structure included).
                CHECK(findings.empty());
                // An unfilled template is never "clean".
                sd::CheckContext raw = ctx;
                CHECK(sd::has_errors(sd::check_reply(kv.second, raw)));
                ++checked;
            }
        }
    }
    CHECK(checked >= 45);
}
