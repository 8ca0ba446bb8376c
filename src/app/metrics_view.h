// What the Performance dashboard, the metric strip and the projection panel show, without ImGui:
// one card per metric with its value, bar and status, the conversations behind a card, and the
// CSV tables of each (docs/metrics.md, "The dashboard"). The metrics themselves are the core's
// (core/metrics.h); this only reads and words them.
//
//   std::vector<MetricCard> cards = metric_cards(app_metrics(app));
//   int worst = worst_card(cards);                       // the metric strip's card, -1 = none
//   platform::download(name, sd::csv_text(cards_table(cards)), "text/csv");
//
// Status: green on the right side of the bar with room to spare; amber ("near") once more than
// three quarters of what the bar allows is used (Walmart > 95 %: under 96.25 %; Amazon late
// < 10 %: from 7.5 %; ODR < 1 %: from 0.75 %); red on the wrong side. No bar: no colour.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

#include "core/csv_table.h"
#include "core/metrics.h"
#include "core/timezone.h"

#include "app_state.h"   // MetricRow


enum class MetricStatus : uint8_t { NoData, Info, Good, Near, Past };
constexpr double kNearShare = 0.75;   // amber once this share of the bar's allowance is used

struct MetricCard {
    const char* id = "";          // "walmart_response": the core's name (metric_trend, metric_conversations)
    const char* title_key = "";   // its title in the catalogue
    std::string value_text;       // "96.2%", "4m 10s", "312"
    std::string detail_text;      // "1,203 of 1,250 in time · 30 days"
    std::string bar_text;         // "bar > 95%", "" without a bar
    double value = 0, bar = 0;    // fractions for rates
    bool rate = true;             // value is a share (drawn as a bar gauge and a trend)
    bool lower_is_better = false;
    bool has_bar = false, has_data = false;
    int window_days = 0;
    int64_t good = 0, total = 0;
    MetricStatus status = MetricStatus::NoData;
    double used = 0;              // share of the bar's allowance used: 1 = on the bar, > 1 past it
};

// `used`: the share of the bar's allowance used; `inclusive`: the bar's value itself passes.
MetricStatus metric_status(double value, double bar, bool lower_is_better, bool inclusive, double* used = nullptr);
std::vector<MetricCard> metric_cards(const sd::Metrics& m);
const MetricCard* find_card(const std::vector<MetricCard>& cards, const std::string& id);
// The card with the worst status, the most of its allowance used among equals; -1 when no card has a bar and data.
int worst_card(const std::vector<MetricCard>& cards);
const char* status_word(MetricStatus s);   // "On track", "Near the bar", "Past the bar", "No data"

const std::vector<MetricRow>& card_rows(AppState& app, const MetricCard& card);   // cached by the minute
const char* row_fact_word(RowFact f);

// The metric's deadline of conversation i's oldest episode unanswered at app time (Tmall's 3
// minutes, Amazon's 24 h...), kNoTime when none: the order the must-answer list is in.
sd::Time metric_deadline(AppState& app, uint32_t i);
// The data, kept fresh: rebuilt when the inbox changed or app time moved on a minute.
const sd::Metrics& app_metrics(AppState& app);
const sd::EpisodeCache& app_episodes(AppState& app);
const std::vector<sd::DailyPoint>& card_trend(AppState& app, const MetricCard& card);
const std::vector<int64_t>& response_times(AppState& app, int market);   // -1 = every marketplace, 30 days; sorted
// The projection the `projection` command set, or nullptr.
const sd::Projection* app_projection(const AppState& app);
// The agent's time zone: where "Monday 09:00" is (the first business-hours policy's zone, else UTC).
// A reference into the settings (or to a constant UTC): valid until the settings change.
const sd::TimeZone& agent_zone(const AppState& app);

// The tables of the dashboard as CSV (header in the UI language).
sd::CsvTable cards_table(const std::vector<MetricCard>& cards);
sd::CsvTable agents_table(const sd::Metrics& m);
sd::CsvTable rows_table(const AppState& app, const std::vector<MetricRow>& rows);
sd::CsvTable must_answer_table(const AppState& app, const sd::Projection& p);
// "sellerdesk-metrics-cards-20261207-0930.csv", stamped with the real time (never the simulated clock).
std::string metrics_csv_name(const AppState& app, const char* table);
// Downloads the table; returns the file name.
std::string download_csv(const AppState& app, const char* table, const sd::CsvTable& t);

// state().dashboard: the cards as the window drew them last frame, the open card, its rows.
nlohmann::json dashboard_json(const AppState& app);
