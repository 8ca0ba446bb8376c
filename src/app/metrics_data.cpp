// The metrics the dashboard reads, kept fresh, and the conversations behind a card
// (metrics_view.h). Only this file calls the core's metric functions.
#include <algorithm>

#include "app_state.h"
#include "metrics_cache.h"
#include "metrics_view.h"
#include "core/time.h"
#include "platform/platform.h"

// ---- the data, kept fresh ------------------------------------------------------------------------
namespace {

// Moves when anything the metrics see changed (metrics_cache.h's version), with the app's time
// (state().metrics is taken at that very second) and with the preset.
uint64_t data_key(const AppState& app) {
    return (app.metrics.version * 1000003u + uint64_t(app.now)) * 3 + uint64_t(metrics_preset(app));
}

// For what changes by the day (the trend, the histogram, a card's list): the version and the
// preset, and the time by the minute.
uint64_t slow_key(const AppState& app) {
    return (app.metrics.version * 1000003u + uint64_t(app.now / 60)) * 3 + uint64_t(metrics_preset(app));
}

void refresh(AppState& app) {
    DashboardState& d = app.dashboard;
    const uint64_t key = data_key(app);
    if (key == d.key) return;
    d.metrics = sd::compute_metrics(episode_cache(app), app.store, app.now, metrics_preset(app));
    d.key = key;
    d.refreshed_frame = app.frames;
}

}  // namespace

const sd::Metrics& app_metrics(AppState& app) {
    refresh(app);
    return app.dashboard.metrics;
}

const sd::EpisodeCache& app_episodes(AppState& app) { return episode_cache(app); }

namespace {

// Milliseconds of trend days a frame may take; at least one day is computed each frame.
constexpr double kTrendSliceMs = 4.0;

// Computes days of the next trend until the slice is used up; true when it is complete. A frame
// that has computed the metrics already (a full compute, like one day of the trend) leaves the
// trend for the next one, unless no trend is on screen yet.
bool continue_trend(AppState& app, const MetricCard& card) {
    DashboardState& d = app.dashboard;
    if (d.refreshed_frame == app.frames && !d.trend.empty()) return false;
    const double start = platform::now_ms();
    const sd::EpisodeCache& cache = episode_cache(app);
    while (d.next_trend.size() < d.next_trend_ends.size()) {
        d.next_trend.push_back(sd::trend_point(cache, app.store, d.next_trend_ends[d.next_trend.size()], d.metrics.preset, card.id));
        if (platform::now_ms() - start >= kTrendSliceMs) break;
    }
    return d.next_trend.size() == d.next_trend_ends.size();
}

}  // namespace

const std::vector<sd::DailyPoint>& card_trend(AppState& app, const MetricCard& card) {
    refresh(app);
    DashboardState& d = app.dashboard;
    const uint64_t key = slow_key(app);
    if (d.trend_card != card.id) {   // another card: its own trend from scratch
        d.trend.clear();
        d.trend_card = card.id;
        d.trend_key = d.next_trend_key = UINT64_MAX;
    }
    if (d.trend_key == key || !card.rate) {
        if (!card.rate) d.trend.clear();
        d.trend_key = key;
        return d.trend;
    }
    if (d.next_trend_key != key) {
        const int days = std::max(7, std::min(card.window_days > 0 ? card.window_days : 30, 90));
        d.next_trend_ends = sd::trend_day_ends(d.metrics.at, days);
        d.next_trend.clear();
        d.next_trend_key = key;
    }
    if (continue_trend(app, card)) {
        d.trend.swap(d.next_trend);
        d.trend_key = key;
        d.next_trend_key = UINT64_MAX;
    } else {
        platform::request_frames(0);   // the next slice in the next frame
    }
    return d.trend.empty() ? d.next_trend : d.trend;
}

const std::vector<int64_t>& response_times(AppState& app, int market) {
    refresh(app);
    DashboardState& d = app.dashboard;
    if (d.times_key != slow_key(app) || d.times_market != market) {
        d.times = sd::first_response_times(episode_cache(app), d.metrics.at, 30, market < 0, sd::Marketplace(market < 0 ? 0 : market));
        std::sort(d.times.begin(), d.times.end());   // once: the histogram counts its buckets by search, every frame
        d.times_key = slow_key(app);
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

// What one conversation did in the card's window: its episodes (the worst of them), an eBay case,
// or an Amazon order's defects.
MetricRow conversation_row(const AppState& app, const sd::EpisodeCache& cache, const MetricCard& card, uint32_t i, sd::Time at) {
    MetricRow r;
    r.conversation = i;
    const std::string id = card.id;
    if (id == "amazon_odr") {
        const sd::Order* o = app.store.find_order(app.store.conversations[i].order_id);
        if (o && !o->defects.empty()) r.fact = RowFact::Missed;
        return r;
    }
    if (id == "ebay_case_contacted") {
        if (i >= cache.cases.size() || cache.cases[i].opened == sd::kNoTime) return r;
        const sd::CaseFact& c = cache.cases[i];
        const bool contacted = c.contact_at != sd::kNoTime && c.contact_at <= at;
        if (contacted) r.first_response_s = c.contact_at - c.opened;
        const bool late = contacted ? c.deadline != sd::kNoTime && c.contact_at > c.deadline : c.deadline != sd::kNoTime && c.deadline <= at;
        r.fact = late ? RowFact::Missed : contacted ? RowFact::InTime : RowFact::Pending;
        return r;
    }
    if (!card.rate || id == "tmall_conversion" || i + 1 >= cache.first_of.size()) return r;
    const sd::Time from = window_start(card, at);
    int rank = -1;   // Missed beats Pending beats InTime
    for (uint32_t k = cache.first_of[i]; k < cache.first_of[i + 1]; ++k) {
        const sd::EpisodeFact& e = cache.episodes[k];
        if (e.start < from || e.start >= at) continue;
        const RowFact f = episode_fact(e, at, id.rfind("tmall_three_minute", 0) == 0, r.first_response_s);
        const int fr = f == RowFact::Missed ? 2 : f == RowFact::Pending ? 1 : 0;
        if (fr > rank) rank = fr, r.fact = f;
    }
    return r;
}

}  // namespace

const std::vector<MetricRow>& card_rows(AppState& app, const MetricCard& card) {
    refresh(app);
    DashboardState& d = app.dashboard;
    if (d.rows_key == slow_key(app) && d.rows_card == card.id) return d.rows;
    const sd::EpisodeCache& cache = episode_cache(app);
    const std::vector<uint32_t> ids = sd::metric_conversations(cache, app.store, d.metrics.at, d.metrics.preset, card.id);
    d.rows.clear();
    d.rows.reserve(ids.size());
    for (uint32_t i : ids) d.rows.push_back(conversation_row(app, cache, card, i, d.metrics.at));
    // The missed ones first, otherwise as the core listed them.
    std::stable_partition(d.rows.begin(), d.rows.end(), [](const MetricRow& r) { return r.fact == RowFact::Missed; });
    d.rows_key = slow_key(app);
    d.rows_card = card.id;
    return d.rows;
}

sd::Time metric_deadline(AppState& app, uint32_t i) {
    const sd::EpisodeCache& cache = episode_cache(app);
    if (i + 1 >= cache.first_of.size()) return sd::kNoTime;
    for (uint32_t k = cache.first_of[i]; k < cache.first_of[i + 1]; ++k) {
        const sd::EpisodeFact& e = cache.episodes[k];
        if (e.start <= app.now && (e.reply_at == sd::kNoTime || e.reply_at > app.now) && !e.closed_unanswered) return e.deadline;
    }
    return sd::kNoTime;
}
