// Account metrics: Walmart's Seller Response Rate, Amazon's Late Response Rate and Order Defect
// Rate, Tmall's 3-minute rate and first-response time, eBay case contact, Wish escalations, and
// per-agent figures; each at a time `at` (its window ending there) and projected to a later time
// as if nothing more were answered. Pure: `now` / `at` are parameters. docs/metrics.md has the
// definitions with their sources and a worked example.
//
//   sd::EpisodeCache cache;
//   sd::build_episode_cache(policies, store, now, cache);       // once: every response episode
//   sd::update_episode_cache(policies, store, index, now, cache); // after conversation `index` changed
//   sd::Metrics m = sd::compute_metrics(cache, store, now, sd::MetricsPreset::Current);
//   nlohmann::json j = sd::metrics_to_json(m);                  // state().metrics, `sellerdesk metrics`
//   sd::Projection p = sd::project_metrics(cache, store, now, until, preset);
//
// Definitions (the words; docs/metrics.md):
// - An episode is the SLA engine's response episode (response_episodes): from the oldest unanswered
//   inbound message to the first later outbound reply that is sent and not automatic. Spam-flagged
//   conversations and Amazon's "No response needed" have none. An episode COUNTS once it is answered
//   or its deadline has passed; a pending one that can still be saved does not count yet. A window of
//   N days at `at` selects episodes by their start in [at - N days, at).
// - A metric "at T" uses only what had happened by T (at T included, as the SLA engine's `now`): a
//   reply after T is not an answer yet. Windows still leave out an episode that starts at T.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>
#include "model.h"
#include "sla.h"
#include "time.h"

namespace sd {

enum class MetricsPreset : uint8_t { Current, SellerGuides };
const char* to_string(MetricsPreset p);          // "current", "seller_guides"
bool parse(std::string_view s, MetricsPreset& out);

// One response episode, flattened for fast windows. Episodes of one conversation are contiguous.
// `deadline` is the METRIC's deadline, a fixed time after the start (the marketplaces define their
// rates that way, whatever SLA policy set is chosen): Walmart 48 h, Amazon 24 h, Wish 48 h, Tmall
// 180 s (the 3-minute rate); eBay member messages keep their response policy's deadline.
struct EpisodeFact {
    uint32_t conversation = 0;       // store.conversations index
    Marketplace marketplace = Marketplace::Walmart;
    bool pre_sale = false;           // no order (Tmall conversion)
    Time start = kNoTime;            // oldest unanswered inbound message
    Time deadline = kNoTime;         // the metric's deadline for it (above)
    Time reply_at = kNoTime;         // the answering reply, kNoTime while unanswered
    int32_t agent = -1;              // index into EpisodeCache::agents of the reply's author, -1 = none
    bool closed_unanswered = false;  // the conversation was closed while this episode was unanswered
    Time closed_at = kNoTime;        // ... at this time (kNoTime: unknown, closed before closed_at existed)
};

// An eBay case (the SLA engine's CaseContact measure): opened, its contact deadline, the first answer.
struct CaseFact {
    uint32_t conversation = 0;
    Time opened = kNoTime;
    Time deadline = kNoTime;         // the case-contact policy's deadline (kNoTime: no policy applies)
    Time contact_at = kNoTime;       // the first seller answer at or after the opening
};

// A Tmall pre-sale conversation (not spam): when it began and the first order its customer bought
// at or after that (any conversation of the same customer with an order), for the conversion.
struct PreSaleFact {
    uint32_t conversation = 0;
    Time start = kNoTime;
    Time bought_at = kNoTime;
};

struct EpisodeCache {
    std::vector<EpisodeFact> episodes;           // grouped by conversation, oldest first within one
    std::vector<uint32_t> first_of;              // conversation index -> first episode (size n + 1)
    std::vector<std::string> agents;             // reply authors seen, in first-seen order
    std::vector<CaseFact> cases;                 // by conversation index
    std::vector<PreSaleFact> tmall_pre_sale;     // by conversation index
    std::vector<uint32_t> amazon_orders;         // store.orders indices of Amazon conversations' orders, sorted
    Time built_at = kNoTime;                     // the `now` of the last build or update (informative)
};
// Lists every message of the store, whatever `now` is: a metric at T then leaves out what happened
// at or after T, so the cache stays right when the clock moves and needs no rebuild for it.
void build_episode_cache(const SlaPolicySet& policies, const Store& store, Time now, EpisodeCache& out);
// Re-lists the episodes of one conversation (an edit, a new message; a conversation index one past
// the last listed is a new conversation); other entries are kept. Equals a full rebuild.
void update_episode_cache(const SlaPolicySet& policies, const Store& store, size_t conversation, Time now,
                          EpisodeCache& cache);

struct RateMetric {                  // value = good / total; 0 when total is 0 (then `has_data` false)
    double value = 0;
    int64_t good = 0;                // in_time (Walmart, Tmall) or late (Amazon)
    int64_t total = 0;
    int window_days = 0;
    double bar = 0;                  // a fraction; meaning per metric (above for rates, below for late/ODR)
    bool has_data() const { return total > 0; }
};

struct AgentMetric {
    std::string name;
    int64_t answered = 0;
    int64_t median_first_response_s = 0;
};

struct Metrics {
    Time at = kNoTime;
    MetricsPreset preset = MetricsPreset::Current;
    RateMetric walmart_response;                 // 30 d > 95 % (current), 14 d 90 % (seller_guides)
    RateMetric amazon_late_d7, amazon_late_d30, amazon_late_d90;   // bar 0.10: under 10 % late (check; docs)
    RateMetric amazon_odr;                       // defective orders / orders, 60 d, bar 0.01
    RateMetric tmall_three_minute;               // 30 d
    RateMetric tmall_three_minute_today;         // the day of `at` (UTC+8)
    double tmall_first_response_avg_s = 0;
    int64_t tmall_reception = 0;                 // conversations with a buyer message, 30 d
    RateMetric tmall_conversion;                 // pre-sale conversations that bought / pre-sale ones
    double tmall_first_response_avg_s_today = 0;
    int64_t tmall_reception_today = 0;
    RateMetric tmall_conversion_today;
    int odr_offset_days = 0;                     // the ODR window ends this many days before `at`
    int64_t ebay_cases_opened = 0;               // in 30 d
    RateMetric ebay_case_contacted;              // contacted by the case deadline / counted cases
    int64_t wish_escalated = 0;                  // tickets past 48 h unanswered (escalated), 30 d
    RateMetric wish_in_time;                     // answered within 48 h / counted
    std::vector<AgentMetric> agents;             // by answered, descending; 30 d
};

Metrics compute_metrics(const EpisodeCache& cache, const Store& store, Time at, MetricsPreset preset);
// The same with what was known at `known` (<= at): replies, messages and defects after `known` are
// left out. compute_metrics(c, s, at, p) is compute_metrics_known(c, s, at, at, p).
Metrics compute_metrics_known(const EpisodeCache& cache, const Store& store, Time at, Time known, MetricsPreset preset);
// Whether a metric is on the right side of its bar (true with no data).
bool meets_bar(const RateMetric& m, bool lower_is_better, bool strictly_above);
// The object documented in docs/automation.md (state().metrics) and printed by `sellerdesk metrics`.
nlohmann::json metrics_to_json(const Metrics& m);

// The metrics at `until` as if nothing more is answered after `now`, and the shortest list of
// conversations to answer (earliest deadline first) that keeps each metric on the right side of its
// bar at `until`; `must_answer` holds conversation IDs.
struct Projection {
    Time now = kNoTime, until = kNoTime;
    Metrics metrics;
    std::vector<std::string> must_answer;
};
Projection project_metrics(const EpisodeCache& cache, const Store& store, Time now, Time until, MetricsPreset preset);

// A day-by-day series for the dashboard's trend line: the metric's value for windows ending at the
// end of each of the last `days` days before `at` (UTC days). `which` names a card:
// "walmart_response", "amazon_late_d30", "amazon_odr", "tmall_three_minute", ...
struct DailyPoint {
    Time day_end = kNoTime;
    double value = 0;
    int64_t good = 0, total = 0;
};
std::vector<DailyPoint> metric_trend(const EpisodeCache& cache, const Store& store, Time at, MetricsPreset preset,
                                     const std::string& which, int days);
// The same a day at a time, for a caller that spreads the work over frames: the ends of the
// `days` days (oldest first; the last is `at`), and the point for one of them.
std::vector<Time> trend_day_ends(Time at, int days);
DailyPoint trend_point(const EpisodeCache& cache, const Store& store, Time end, MetricsPreset preset, const std::string& which);
// First-response times (seconds) of the episodes answered in the window [at - days, at), for a
// histogram; per marketplace, or every marketplace with `all`.
std::vector<int64_t> first_response_times(const EpisodeCache& cache, Time at, int days, bool all, Marketplace m);
// The conversations behind a card, the missed ones (late, unanswered past the deadline, defective)
// first, then the rest; store indices.
std::vector<uint32_t> metric_conversations(const EpisodeCache& cache, const Store& store, Time at,
                                           MetricsPreset preset, const std::string& which);

}  // namespace sd
