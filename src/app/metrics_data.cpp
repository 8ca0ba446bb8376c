// The metrics the dashboard reads, kept fresh, and the conversations behind a card
// (metrics_view.h). Only this file calls the core's metric functions.
#include <algorithm>

#include "app_state.h"
#include "metrics_view.h"
#include "core/time.h"

// ---- the data, kept fresh ------------------------------------------------------------------------
namespace {

sd::MetricsPreset app_preset(const AppState& app) {
    sd::MetricsPreset p = sd::MetricsPreset::Current;
    sd::parse(app.settings.sla.preset, p);
    return p;
}

// Moves when the inbox changed (every change is a journaled op; an import or reset writes too) or
// app time reached a new minute.
uint64_t data_key(const AppState& app) {
    uint64_t k = app.save.ops_written * 1000003u ^ uint64_t(app.store.conversations.size()) * 7919u ^ uint64_t(app.hlc);
    k = k * 31 + uint64_t(app.now / 60);
    return k * 3 + uint64_t(app_preset(app));
}

void refresh(AppState& app) {
    DashboardState& d = app.dashboard;
    const uint64_t key = data_key(app);
    if (key == d.key) return;
    sd::build_episode_cache(app.settings.sla, app.store, app.now, d.episodes);
    d.metrics = sd::compute_metrics(d.episodes, app.store, app.now, app_preset(app));
    d.key = key;
}

}  // namespace

const sd::Metrics& app_metrics(AppState& app) {
    refresh(app);
    return app.dashboard.metrics;
}

const sd::EpisodeCache& app_episodes(AppState& app) {
    refresh(app);
    return app.dashboard.episodes;
}

const std::vector<sd::DailyPoint>& card_trend(AppState& app, const MetricCard& card) {
    refresh(app);
    DashboardState& d = app.dashboard;
    if (d.trend_key != d.key || d.trend_card != card.id) {
        const int days = std::max(7, std::min(card.window_days > 0 ? card.window_days : 30, 90));
        d.trend = card.rate ? sd::metric_trend(d.episodes, app.store, d.metrics.at, d.metrics.preset, card.id, days) : std::vector<sd::DailyPoint>();
        d.trend_card = card.id;
        d.trend_key = d.key;
    }
    return d.trend;
}

const std::vector<int64_t>& response_times(AppState& app, int market) {
    refresh(app);
    DashboardState& d = app.dashboard;
    if (d.times_key != d.key || d.times_market != market) {
        d.times = sd::first_response_times(d.episodes, d.metrics.at, 30, market < 0, sd::Marketplace(market < 0 ? 0 : market));
        d.times_key = d.key;
        d.times_market = market;
    }
    return d.times;
}

// ---- the conversations behind a card --------------------------------------------------------------
namespace {

// The window a card counts episodes in, ending at `at`.
sd::Time window_start(const MetricCard& card, sd::Time at) {
    if (std::string(card.id) == "tmall_three_minute_today") {
        const sd::Time china = 8 * sd::kHour;   // Tmall's day is China's
        return (at + china) / sd::kDay * sd::kDay - china;
    }
    return at - sd::Time(card.window_days > 0 ? card.window_days : 30) * sd::kDay;
}

RowFact episode_fact(const sd::EpisodeFact& e, sd::Time at, bool three_minutes, int64_t& first_s) {
    const sd::Time limit = three_minutes ? e.start + 180 : e.deadline;
    const bool answered = e.reply_at != sd::kNoTime && e.reply_at <= at;
    if (answered) {
        first_s = first_s < 0 ? e.reply_at - e.start : std::min<int64_t>(first_s, e.reply_at - e.start);
        return limit != sd::kNoTime && e.reply_at > limit ? RowFact::Missed : RowFact::InTime;
    }
    return limit != sd::kNoTime && limit <= at ? RowFact::Missed : RowFact::Pending;
}

}  // namespace

std::vector<MetricRow> card_rows(AppState& app, const MetricCard& card) {
    refresh(app);
    const DashboardState& d = app.dashboard;
    const std::vector<uint32_t> ids = sd::metric_conversations(d.episodes, app.store, d.metrics.at, d.metrics.preset, card.id);
    const bool episodes = card.rate && std::string(card.id) != "amazon_odr" && std::string(card.id) != "tmall_conversion";
    const bool three = std::string(card.id).rfind("tmall_three_minute", 0) == 0;
    const sd::Time at = d.metrics.at, from = window_start(card, at);
    std::vector<MetricRow> rows;
    rows.reserve(ids.size());
    for (uint32_t i : ids) {
        MetricRow r;
        r.conversation = i;
        if (episodes && i + 1 < d.episodes.first_of.size()) {
            int rank = -1;   // Missed beats Pending beats InTime
            for (uint32_t k = d.episodes.first_of[i]; k < d.episodes.first_of[i + 1]; ++k) {
                const sd::EpisodeFact& e = d.episodes.episodes[k];
                if (e.closed_unanswered || e.start < from || e.start >= at) continue;
                const RowFact f = episode_fact(e, at, three, r.first_response_s);
                const int fr = f == RowFact::Missed ? 2 : f == RowFact::Pending ? 1 : 0;
                if (fr > rank) rank = fr, r.fact = f;
            }
        }
        rows.push_back(r);
    }
    // The missed ones first, as the core listed them otherwise.
    std::stable_partition(rows.begin(), rows.end(), [](const MetricRow& r) { return r.fact == RowFact::Missed; });
    return rows;
}

