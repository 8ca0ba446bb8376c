// The UI catalogues (src/app/i18n.h, assets/i18n/*.json): lookups and their fallbacks,
// placeholders and plurals, numbers, the texts format.cpp builds in both languages, and the
// catalogues themselves: the same keys in both, and every key the app uses is in both.
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <fstream>
#include <new>
#include <regex>
#include <set>
#include <sstream>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "app/format.h"
#include "app/i18n.h"
#include "core/sla.h"
#include "core/timezone.h"

// Counts heap allocations, to show that tr() makes none: the test binary's operator new is
// this one (plain malloc underneath, as the default is).
namespace {
std::atomic<long> g_allocations{0};
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"   // this operator new is malloc: free is its match
#endif
void* operator new(std::size_t n) {
    ++g_allocations;
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace {

const std::string kCatalogues = SD_SOURCE_DIR "/assets/i18n";
namespace fs = std::filesystem;

nlohmann::json read_json(const std::string& path) {
    std::ifstream in(path);
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    return nlohmann::json::parse(ss.str());
}

// The real catalogues, loaded and set to `lang` (other test files load them through TestApp).
void use_real(const char* lang) {
    std::string error;
    if (!i18n_loaded_from(kCatalogues)) REQUIRE(i18n_load(kCatalogues, error));
    REQUIRE(i18n_set_language(lang));
}

// A catalogue folder of the test's own: en.json and zh.json as given.
std::string write_catalogues(const std::string& en, const std::string& zh) {
    char tmpl[] = "/tmp/sellerdesk-i18n-XXXXXX";
    REQUIRE(mkdtemp(tmpl));
    std::ofstream(std::string(tmpl) + "/en.json") << en;
    if (!zh.empty()) std::ofstream(std::string(tmpl) + "/zh.json") << zh;
    return tmpl;
}

// The {placeholders} of a text.
std::set<std::string> placeholders(const std::string& text) {
    std::set<std::string> out;
    std::regex re("\\{([a-zA-Z_]+)\\}");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it) out.insert((*it)[1]);
    return out;
}
std::set<std::string> placeholders(const nlohmann::json& value) {
    if (value.is_string()) return placeholders(value.get<std::string>());
    std::set<std::string> out;
    for (const auto& [form, text] : value.items()) {
        (void)form;
        for (const std::string& p : placeholders(text.get<std::string>())) out.insert(p);
    }
    return out;
}

sd::SlaDeadline deadline(sd::SlaState state, int64_t remaining) {
    sd::SlaDeadline d;
    d.state = state;
    d.remaining = remaining;
    return d;
}

}  // namespace

TEST_CASE("tr falls back from Chinese to English to the key, and never crashes", "[i18n]") {
    const std::string dir = write_catalogues(R"({"a.both": "Both", "a.english_only": "Only English", "a.count": {"one": "{n} item", "other": "{n} items"}})",
                                             R"({"a.both": "两者", "a.count": "{n} 项"})");
    std::string error;
    REQUIRE(i18n_load(dir, error));
    REQUIRE(i18n_set_language("zh"));
    CHECK(std::string(tr("a.both")) == "两者");
    CHECK(std::string(tr("a.english_only")) == "Only English");
    CHECK(std::string(tr("a.missing")) == "a.missing");
    CHECK(tr_find("a.missing") == nullptr);
    CHECK(std::string(tr_english("a.both")) == "Both");
    CHECK(std::string(tr(nullptr)).empty());
    CHECK(trn("a.count", 1) == "1 项");            // Chinese has one form
    CHECK(trn("a.missing", 2) == "a.missing");
    CHECK_FALSE(i18n_set_language("fr"));
    CHECK(std::string(i18n_language()) == "zh");   // unchanged by a refused code
    REQUIRE(i18n_set_language("en"));
    CHECK(trn("a.count", 1) == "1 item");
    CHECK(trn("a.count", 12345) == "12,345 items");
    CHECK(std::string(tr("a.count")) == "{n} items");

    // A catalogue that cannot be read: an error, English still used, nothing crashes.
    std::ofstream(dir + "/zh.json") << "{\"a.both\": 5}";
    CHECK_FALSE(i18n_load(dir, error));
    CHECK(error.find("zh.json") != std::string::npos);
    fs::remove(dir + "/zh.json");
    CHECK_FALSE(i18n_load(dir, error));
    CHECK(error.find("cannot be read") != std::string::npos);
    REQUIRE(i18n_set_language("zh"));
    CHECK(std::string(tr("a.both")) == "Both");
    fs::remove_all(dir);
    CHECK_FALSE(i18n_load(dir, error));
    CHECK(std::string(tr("a.both")) == "a.both");   // no catalogue at all: the keys show
    CHECK(format_number(1234) == "1,234");
    use_real("en");
}

TEST_CASE("placeholders are filled by name; unknown ones stay as written", "[i18n]") {
    const std::string dir = write_catalogues(R"({"x": "{who} sent {n} of {total} {unknown} {", "y": "{{n}}"})", "{}");
    std::string error;
    REQUIRE(i18n_load(dir, error));
    REQUIRE(i18n_set_language("en"));
    CHECK(trf("x", {{"who", "Lily"}, {"n", 3}, {"total", 1200}}) == "Lily sent 3 of 1,200 {unknown} {");
    CHECK(trf("y", {{"n", 7}}) == "{7}");
    CHECK(trf("x", {}) == "{who} sent {n} of {total} {unknown} {");
    fs::remove_all(dir);
    use_real("en");
}

TEST_CASE("numbers are grouped by thousands as the language writes them", "[i18n]") {
    use_real("en");
    CHECK(format_number(0) == "0");
    CHECK(format_number(999) == "999");
    CHECK(format_number(1000) == "1,000");
    CHECK(format_number(1234567) == "1,234,567");
    CHECK(format_number(-1234) == "-1,234");
    CHECK(format_number(INT64_MIN) == "-9,223,372,036,854,775,808");
    CHECK(format_decimal(1234.56, 1) == "1,234.6");
    CHECK(format_decimal(-0.04, 1) == "0.0");
    CHECK(format_decimal(-12.5, 0) == "-12");
    use_real("zh");
    CHECK(format_number(100000) == "100,000");   // mainland Chinese groups by thousands too
}

TEST_CASE("tr allocates nothing for a plain key, and its pointer is stable", "[i18n]") {
    use_real("zh");
    const char* first = tr("menu.inbox");
    const long before = g_allocations.load();
    const char* last = nullptr;
    for (int i = 0; i < 1000; ++i) last = tr("folder.heading.marketplaces");
    for (int i = 0; i < 1000; ++i) last = tr("not.a.key.but.a.long.one.past.small.string.size");
    CHECK(g_allocations.load() == before);
    CHECK(first == tr("menu.inbox"));
    CHECK(std::string(first) == "收件箱");
    CHECK(std::string(last) == "not.a.key.but.a.long.one.past.small.string.size");
    use_real("en");
}

TEST_CASE("format.cpp's texts: the English ones as they always were, the Chinese ones from the catalogue", "[i18n]") {
    use_real("en");
    CHECK(format_countdown(deadline(sd::SlaState::OnTrack, 47 * 3600 + 12 * 60), false) == "47h 12m");
    CHECK(format_countdown(deadline(sd::SlaState::DueSoon, 38 * 60), false) == "38m");
    CHECK(format_countdown(deadline(sd::SlaState::DueSoon, 38 * 60 + 5), true) == "38m 05s");
    CHECK(format_countdown(deadline(sd::SlaState::OnTrack, 80 * 3600), false) == "3d 8h");
    CHECK(format_countdown(deadline(sd::SlaState::Overdue, -(3 * 3600 + 60)), false) == "Overdue 3h");
    CHECK(format_countdown(deadline(sd::SlaState::Overdue, -(50 * 3600)), false) == "Overdue 2d");
    CHECK(format_countdown(deadline(sd::SlaState::Overdue, -125), true) == "Overdue 2m 05s");
    CHECK(format_countdown(deadline(sd::SlaState::Answered, 0), false) == "Answered");
    CHECK(format_countdown(deadline(sd::SlaState::AnsweredLate, 0), false) == "Late");
    const sd::Time now = 1764072000;   // 2025-11-25T12:00:00Z
    CHECK(format_relative(now - 30, now) == "just now");
    CHECK(format_relative(now - 3 * 3600, now) == "3h ago");
    CHECK(format_relative(now - 10 * 86400, now) == "Nov 15");
    CHECK(format_local_datetime(now) == "2025-11-25 12:00 UTC");
    CHECK(format_local_date(now) == "2025-11-25");
    CHECK(format_local_datetime(sd::kNoTime) == "—");
    CHECK(std::string(sla_state_label(sd::SlaState::DueSoon)) == "Due soon");
    CHECK(pretty_label("response_needed") == "Response Needed");
    CHECK(pretty_label("return_request") == "Return request");
    CHECK(pretty_label("vip_buyer") == "Vip buyer");
    CHECK(std::string(remark_flag_meaning(sd::RemarkFlag::Red)) == "Red flag");
    CHECK(std::string(remark_kind_meaning(sd::RemarkKind::Refundable)) == "Refundable order");
    CHECK(std::string(marketplace_name(sd::Marketplace::Tmall)) == "Tmall");

    use_real("zh");
    CHECK(format_countdown(deadline(sd::SlaState::OnTrack, 47 * 3600 + 12 * 60), false) == "47小时12分");
    CHECK(format_countdown(deadline(sd::SlaState::Overdue, -(3 * 3600 + 60)), false) == "逾期 3小时");
    CHECK(format_countdown(deadline(sd::SlaState::DueSoon, 38 * 60 + 5), true) == "38分05秒");
    CHECK(format_relative(now - 3 * 3600, now) == "3小时前");
    CHECK(format_relative(now - 10 * 86400, now) == "11月15日");
    // The date stays ISO-like: the thread pane cuts its first ten bytes as the day.
    CHECK(format_local_datetime(now).substr(0, 10) == "2025-11-25");
    CHECK(std::string(sla_state_label(sd::SlaState::Overdue)) == "逾期");
    CHECK(pretty_label("response_needed") == "需要回复");
    CHECK(pretty_label("customer_care") == "客服/售后");
    CHECK(pretty_label("vip_buyer") == "Vip buyer");   // the user's own label, as typed
    CHECK(std::string(remark_flag_meaning(sd::RemarkFlag::None)) == "不插旗");
    CHECK(std::string(remark_kind_meaning(sd::RemarkKind::AfterSaleReturn)) == "售后退换货");
    CHECK(std::string(marketplace_name(sd::Marketplace::Tmall)) == "天猫");
    CHECK(std::string(marketplace_name(sd::Marketplace::Walmart)) == "Walmart");
    use_real("en");
}

TEST_CASE("a time in the agent's zone shows its wall clock and the offset then in force", "[i18n][handover]") {
    auto zone = [](const char* name) {
        sd::TimeZone z;
        std::string err;
        REQUIRE(sd::make_time_zone(name, z, err));
        return z;
    };
    const sd::Time t = 1764072000;   // 2025-11-25T12:00:00Z
    use_real("en");
    CHECK(format_zone_datetime(t, zone("Asia/Shanghai")) == "2025-11-25 20:00 UTC+8");
    CHECK(format_zone_datetime(t + 4 * 3600, zone("Asia/Shanghai")) == "2025-11-26 00:00 UTC+8");   // the next day there
    CHECK(format_zone_datetime(t, zone("America/New_York")) == "2025-11-25 07:00 UTC-5");
    CHECK(format_zone_datetime(t - 120 * 86400, zone("America/New_York")) == "2025-07-28 08:00 UTC-4");   // daylight time
    CHECK(format_zone_datetime(t, zone("IST-5:30")) == "2025-11-25 17:30 UTC+5:30");
    CHECK(format_zone_datetime(t, sd::TimeZone()) == format_local_datetime(t));   // UTC: as every other time
    CHECK(format_zone_datetime(sd::kNoTime, zone("Asia/Shanghai")) == "—");
    use_real("zh");
    CHECK(format_zone_datetime(t, zone("Asia/Shanghai")) == "2025-11-25 20:00 UTC+8");
    use_real("en");
}

TEST_CASE("built-in SLA policy names translate; a name the user edited stays", "[i18n]") {
    for (sd::SlaPreset preset : {sd::SlaPreset::Current, sd::SlaPreset::SellerGuides}) {
        sd::SlaPolicySet set = sd::make_sla_policies(preset);
        for (const sd::SlaPolicy& p : set.policies) {
            INFO(p.id);
            use_real("en");
            // English shows exactly the core's name, so the catalogue must hold it as is.
            CHECK(policy_display_name(p) == p.name);
            REQUIRE(tr_english(("sla.policy." + p.id).c_str()));
            use_real("zh");
            CHECK(policy_display_name(p) != p.name);
        }
    }
    sd::SlaPolicy edited = sd::make_sla_policies(sd::SlaPreset::Current).policies.front();
    edited.name = "Our own rule";
    CHECK(policy_display_name(edited) == "Our own rule");
    use_real("en");
}

TEST_CASE("both catalogues have the same keys, well-formed values and the same placeholders", "[i18n]") {
    const nlohmann::json en = read_json(kCatalogues + "/en.json"), zh = read_json(kCatalogues + "/zh.json");
    REQUIRE(en.is_object());
    REQUIRE(zh.is_object());
    std::set<std::string> en_keys, zh_keys;
    for (const auto& [k, v] : en.items()) en_keys.insert(k);
    for (const auto& [k, v] : zh.items()) zh_keys.insert(k);
    for (const std::string& k : en_keys) {
        INFO("only in en.json: " << k);
        CHECK(zh_keys.count(k));
    }
    for (const std::string& k : zh_keys) {
        INFO("only in zh.json: " << k);
        CHECK(en_keys.count(k));
    }
    std::regex key_shape("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+");
    for (const nlohmann::json* cat : {&en, &zh})
        for (const auto& [k, v] : cat->items()) {
            INFO(k);
            CHECK(std::regex_match(k, key_shape));
            const bool plural = v.is_object() && v.contains("other") && v["other"].is_string() &&
                                (!v.contains("one") || v["one"].is_string()) && v.size() <= 2;
            CHECK((v.is_string() || plural));
            if (cat == &en || !en.contains(k)) continue;
            if (k.rfind("date.", 0) == 0) {
                // Date patterns pick from a fixed set of fields (format.cpp): each language its own.
                const std::set<std::string> fields = {"y", "m", "d", "mm", "dd", "HH", "MM", "mon", "zone"};
                for (const std::string& p : placeholders(v)) CHECK(fields.count(p));
            } else {
                CHECK(placeholders(en[k]) == placeholders(v));
            }
        }
}

TEST_CASE("every key the app uses is in both catalogues", "[i18n]") {
    const nlohmann::json en = read_json(kCatalogues + "/en.json"), zh = read_json(kCatalogues + "/zh.json");
    // Keys passed to the lookup functions, and key-shaped
    // literals under a catalogue namespace (tables of keys such as the shortcut sheet's).
    std::set<std::string> namespaces;
    for (const auto& [k, v] : en.items()) namespaces.insert(k.substr(0, k.find('.')));
    std::regex call("\\b(?:tr|trf|trn|tr_id|tr_find|tr_english)\\(\\s*\"([^\"]*)\"");
    std::regex literal("\"([a-z][a-z0-9_]*)((?:\\.[a-z0-9_]+)+)\"");
    std::regex file_name(".*\\.(h|cpp|json|bin|log|txt|js|damaged)$");
    std::map<std::string, std::string> used;   // key -> the file it is used in
    for (const auto& entry : fs::directory_iterator(SD_SOURCE_DIR "/src/app")) {
        const std::string path = entry.path().string();
        if (!std::regex_match(path, std::regex(".*\\.(cpp|h)$"))) continue;
        std::ifstream in(path);
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string text = ss.str();
        for (auto it = std::sregex_iterator(text.begin(), text.end(), call); it != std::sregex_iterator(); ++it)
            used[(*it)[1]] = path;
        for (auto it = std::sregex_iterator(text.begin(), text.end(), literal); it != std::sregex_iterator(); ++it) {
            const std::string key = std::string((*it)[1]) + std::string((*it)[2]);
            if (namespaces.count((*it)[1]) && !std::regex_match(key, file_name)) used[key] = path;
        }
    }
    // Keys made at run time: month names, well-known labels (format.cpp).
    for (int m = 1; m <= 12; ++m) used["date.mon." + std::to_string(m)] = "format.cpp";
    for (const char* l : {"response_needed", "customer_care", "return_request", "address_change"}) used[std::string("label.") + l] = "format.cpp";
    CHECK(used.size() > 150);
    for (const auto& [key, file] : used) {
        INFO(key << " (used in " << file << ")");
        CHECK(en.contains(key));
        CHECK(zh.contains(key));
    }
}
