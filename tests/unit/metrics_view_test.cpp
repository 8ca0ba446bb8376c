// The dashboard's cards (src/app/metrics_view.h): status colours against each bar, the worst card
// for the menu bar's strip, and the cards' CSV in Chinese.
#include <catch2/catch.hpp>

#include "app/i18n.h"
#include "app/metrics_view.h"

namespace {

void language(const char* lang) {
    std::string error;
    const std::string dir = SD_SOURCE_DIR "/assets/i18n";
    if (!i18n_loaded_from(dir)) REQUIRE(i18n_load(dir, error));
    REQUIRE(i18n_set_language(lang));
}

sd::RateMetric rate(int64_t good, int64_t total, int days, double bar) {
    sd::RateMetric r;
    r.good = good;
    r.total = total;
    r.value = total ? double(good) / double(total) : 0;
    r.window_days = days;
    r.bar = bar;
    return r;
}

const MetricCard& card(const std::vector<MetricCard>& cards, const char* id) {
    const MetricCard* c = find_card(cards, id);
    REQUIRE(c);
    return *c;
}

}  // namespace

TEST_CASE("status: green with room, amber past three quarters of the allowance, red past the bar", "[metrics_view]") {
    double used = 0;
    // Walmart above 95 %: the allowance is 5 points; amber under 96.25 %.
    CHECK(metric_status(0.97, 0.95, false, false, &used) == MetricStatus::Good);
    CHECK(used == Approx(0.6));
    CHECK(metric_status(0.962, 0.95, false, false) == MetricStatus::Near);
    CHECK(metric_status(0.95, 0.95, false, false) == MetricStatus::Past);   // strictly above
    CHECK(metric_status(0.95, 0.95, false, true) == MetricStatus::Near);    // "at least"
    CHECK(metric_status(0.90, 0.95, false, false, &used) == MetricStatus::Past);
    CHECK(used == Approx(2.0));
    // ODR under 1 %: amber from 0.75 %, red at 1 %.
    CHECK(metric_status(0.005, 0.01, true, false) == MetricStatus::Good);
    CHECK(metric_status(0.008, 0.01, true, false) == MetricStatus::Near);
    CHECK(metric_status(0.01, 0.01, true, false) == MetricStatus::Past);
    CHECK(metric_status(0.0, 0.10, true, false) == MetricStatus::Good);
}

TEST_CASE("cards carry the core's numbers, their bar and status; no data is grey", "[metrics_view]") {
    language("en");
    sd::Metrics m;
    m.walmart_response = rate(188, 197, 30, 0.95);   // 95.4 %: near
    m.amazon_late_d30 = rate(30, 200, 30, 0.10);     // 15 %: past
    m.amazon_odr = rate(1, 400, 60, 0.01);           // 0.25 %: good
    m.wish_escalated = 0;
    const std::vector<MetricCard> cards = metric_cards(m);
    CHECK(cards.size() == 13);
    const MetricCard& w = card(cards, "walmart_response");
    CHECK(w.value_text == "95.4%");
    CHECK(w.status == MetricStatus::Near);
    CHECK(w.detail_text == "188 of 197 in time · 30 days");
    CHECK(w.bar_text == "Bar: above 95.0%");
    CHECK(card(cards, "amazon_late_d30").status == MetricStatus::Past);
    CHECK(card(cards, "amazon_odr").status == MetricStatus::Good);
    CHECK(card(cards, "amazon_late_d7").status == MetricStatus::NoData);
    CHECK(card(cards, "amazon_late_d7").value_text == "—");
    CHECK(card(cards, "wish_escalated").status == MetricStatus::Good);
    // The strip shows the worst: Amazon's late rate, past its bar.
    CHECK(std::string(cards[size_t(worst_card(cards))].id) == "amazon_late_d30");
    m.amazon_late_d30 = rate(5, 200, 30, 0.10);
    m.wish_escalated = 3;
    const std::vector<MetricCard> later = metric_cards(m);
    CHECK(std::string(later[size_t(worst_card(later))].id) == "wish_escalated");
}

TEST_CASE("the worst card among equals is the one that used most of its allowance; none without data", "[metrics_view]") {
    language("en");
    sd::Metrics empty;
    std::vector<MetricCard> cards = metric_cards(empty);
    // Only Wish escalations (0: on track) has a bar and data.
    CHECK(std::string(cards[size_t(worst_card(cards))].id) == "wish_escalated");
    sd::Metrics m;
    m.walmart_response = rate(96, 100, 30, 0.95);    // used 80 %
    m.amazon_odr = rate(9, 1000, 60, 0.01);          // used 90 %
    cards = metric_cards(m);
    CHECK(std::string(cards[size_t(worst_card(cards))].id) == "amazon_odr");
}

TEST_CASE("the cards' CSV is in the UI language with the BOM", "[metrics_view]") {
    language("zh");
    sd::Metrics m;
    m.walmart_response = rate(188, 197, 30, 0.95);
    const std::string csv = sd::csv_text(cards_table(metric_cards(m)));
    CHECK(csv.rfind(std::string(sd::kUtf8Bom) + "指标,数值,标准,状态,", 0) == 0);
    CHECK(csv.find("\r\n沃尔玛回复率,95.4%,标准：高于 95.0%,接近标准线,188,197,30,") != std::string::npos);
    language("en");
}
