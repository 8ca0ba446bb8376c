// SLA engine: response deadlines as data (policies with their sources), calendar and business-hours
// clocks, countdown states per conversation, response episodes for metrics, eBay case windows.
// Deterministic: `now` is always a parameter. docs/sla.md has the rules and the policy tables.
//
//   sd::SlaPolicySet policies = sd::make_sla_policies(sd::SlaPreset::Current);
//   sd::SlaResult r;
//   sd::evaluate_sla(policies, conversation, now, r);          // no allocation
//   if (const sd::SlaDeadline* d = r.response_deadline())      // what a reply must meet
//       show(sd::to_string(d->state), d->remaining, policies.policies[d->policy].name);
//   if (const sd::SlaDeadline* d = r.resolution_deadline())    // Tmall's 48 h, on its own
//       show_resolution(d->state, d->deadline);
//   std::vector<int64_t> keys;
//   sd::sla_urgency_keys(policies, store, now, keys);           // for run_query's Urgency sort
//   sd::for_each_sla(policies, store.conversations, now,        // any other whole-inbox pass
//                    [&](size_t i, const sd::SlaResult& r) { ... });
//
//   nlohmann::json j = sd::sla_policies_to_json(policies);      // settings, exports
//   std::string err;
//   if (!sd::sla_policies_from_json(j, policies, err)) show(err);  // "policies/2/duration_s: ..."
//
// When a response clock runs: it starts at the oldest inbound message (customer, Customer Care or
// platform) not yet answered; the first later outbound message with delivery Sent that is not an
// auto-reply answers it. Failed deliveries and auto-replies do not stop it. A new inbound message
// after an answer starts a new clock. Messages later than `now` have not happened yet and are
// ignored. Spam-flagged conversations have no deadline at all. Closed conversations have no
// running clock: they keep the last answered state; one closed while a message was unanswered
// reads "closed" (state None), never "answered".
//
// Two kinds of deadline, kept apart: the RESPONSE deadline is what a reply meets (the Response
// measure, and an eBay case's CaseContact, which the seller's answer meets too); the RESOLUTION
// deadline (Tmall after-sale, 48 h) counts only the time the seller owes work: from an inbound
// message to the seller's next answer, summed over the thread. It is paused while the
// conversation waits for the customer and stops at closed_at. docs/sla.md has worked examples.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>
#include "model.h"
#include "time.h"
#include "timezone.h"

namespace sd {

// ---- clocks -------------------------------------------------------------------------------------
enum class ClockType : uint8_t { Calendar, BusinessHours };

struct OpenInterval {            // local wall-clock seconds after midnight, [open, close)
    int32_t open = 0;
    int32_t close = 0;           // up to 86400 (24:00)
};

// A weekly schedule in a time zone. A business second is a real (UTC) second during which the
// local wall clock reads a time inside an open interval of a day that is not a holiday. So a
// 01:00-05:00 interval lasts 3 real hours on a spring-forward day and 5 on a fall-back day, and
// adding or counting business seconds is exact across DST changes.
struct BusinessSchedule {
    TimeZone zone;                                   // default UTC
    std::array<std::vector<OpenInterval>, 7> week;   // index 0 = Sunday .. 6 = Saturday; sorted, disjoint
    std::vector<int64_t> holidays;                   // closed local dates (days since 1970-01-01), sorted

    bool is_holiday(int64_t local_day) const;
    bool has_open_time() const;                      // false when every weekday is closed
};
// Mon-Fri [open, close) in `zone` (e.g. 9*3600, 18*3600), weekends closed.
BusinessSchedule weekday_schedule(const TimeZone& zone, int32_t open, int32_t close);

struct SlaClock {
    ClockType type = ClockType::Calendar;
    BusinessSchedule schedule;                       // BusinessHours only
};

// The instant at which `seconds` (>= 0) clock seconds have run since `start`; `start` itself for 0.
// Business clocks: when the last second ends exactly at a closing time, that closing instant.
// kNoTime when it never happens (a schedule with no open time, or more than ~10 years away).
Time clock_add(const SlaClock& clock, Time start, int64_t seconds);
// Clock seconds in [from, to); negative when to < from.
int64_t clock_between(const SlaClock& clock, Time from, Time to);
Time business_add(const BusinessSchedule& s, Time start, int64_t seconds);
int64_t business_seconds_between(const BusinessSchedule& s, Time from, Time to);

// ---- policies -----------------------------------------------------------------------------------
// What a policy measures. Response: per episode, from the oldest unanswered inbound message to the
// seller's answer. Resolution: the clock seconds the seller owes work (each inbound message until
// the seller's next answer), summed until the conversation is closed (closed_at). CaseContact:
// from the eBay case's opening to the seller's first answer after it.
enum class SlaMeasure : uint8_t { Response, Resolution, CaseContact };
constexpr int kSlaMeasureCount = 3;
// Paused, Resolved and ResolvedLate are the resolution clock's own: waiting for the customer, and
// closed within / after the window. None on a listed response deadline: closed without a reply.
enum class SlaState : uint8_t { None, OnTrack, DueSoon, Overdue, Answered, AnsweredLate, Paused, Resolved, ResolvedLate };
constexpr int kSlaStateCount = 9;
enum class SlaPreset : uint8_t { Current, SellerGuides };

constexpr int64_t kAutoDueSoon = -1;   // due-soon threshold: min(25 % of the window, 6 h)

struct SlaPolicy {
    std::string id;                    // stable, unique in the set: "walmart_response_needed"
    std::string name;                  // shown in settings and tooltips
    std::string source;                // where the number comes from
    Marketplace marketplace = Marketplace::Walmart;
    SlaMeasure measure = SlaMeasure::Response;
    // What it applies to; every field that is set must match (unset = any).
    std::optional<ConversationKind> kind;
    std::string label;                 // the conversation carries this label; "" = any
    uint32_t topics = 0;               // bit (1 << Topic) per accepted topic; 0 = any
    std::optional<EbayFolder> folder;
    std::optional<CaseType> case_type; // CaseType::None = "no case open"
    bool exempt = false;               // matching conversations have no clock for this measure
    int64_t duration_s = 48 * kHour;   // clock seconds (business seconds on a business clock)
    SlaClock clock;
    int64_t due_soon_s = kAutoDueSoon; // due soon when at most this many clock seconds are left
    bool enabled = true;

    int64_t due_soon_threshold() const;
    bool applies_to(const Conversation& c) const;   // scope only (ignores enabled / spam / status)
};
constexpr uint32_t topic_bit(Topic t) { return uint32_t(1) << unsigned(t); }

// For each measure the FIRST enabled policy in list order that applies wins, so specific policies
// go before general ones (a label's policy before the marketplace's catch-all).
struct SlaPolicySet {
    std::string preset = "current";    // what it was started from: "current", "seller_guides", "custom"
    std::vector<SlaPolicy> policies;

    int find(std::string_view id) const;                                  // index or -1
    int policy_for(const Conversation& c, SlaMeasure m) const;            // winning index or -1 (may be exempt)
};

SlaPolicySet make_sla_policies(SlaPreset preset);   // Current is the default

// ---- evaluation ---------------------------------------------------------------------------------
struct SlaDeadline {
    SlaMeasure measure = SlaMeasure::Response;
    SlaState state = SlaState::None;
    int16_t policy = -1;               // index into SlaPolicySet::policies
    int32_t started_by = -1;           // message index that started the clock; -1 = the case opening
    int32_t reply = -1;                // message index of the answer, -1 when unanswered
    Time start = kNoTime;              // when the clock started
    Time deadline = kNoTime;           // resolution: kNoTime while paused or closed before it came
    Time reply_at = kNoTime;           // resolution: closed_at once closed
    int64_t remaining = 0;             // deadline - now in real seconds (negative when overdue);
                                       // paused or closed resolution: clock seconds left (negative
                                       // once the window was used up), as no instant is fixed
    int64_t clock_remaining = 0;       // clock seconds left (business seconds on a business clock);
                                       // equals `remaining` once overdue or answered
    bool in_time = false;              // answered (resolution: closed) at or before the deadline

    bool open() const {
        return state == SlaState::OnTrack || state == SlaState::DueSoon || state == SlaState::Overdue;
    }
};

constexpr int kMaxSlaDeadlines = kSlaMeasureCount;   // at most one per measure

struct SlaResult {
    std::array<SlaDeadline, kMaxSlaDeadlines> deadlines{};   // [0, count), in measure order
    uint8_t count = 0;
    // The response deadline: the open Response or CaseContact deadline that comes first; with none
    // open, the Response one (answered, or closed without a reply), else the case's answer.
    int8_t response = -1;
    int8_t resolution = -1;            // the Resolution deadline; -1 = none

    const SlaDeadline* response_deadline() const { return response < 0 ? nullptr : &deadlines[size_t(response)]; }
    const SlaDeadline* resolution_deadline() const { return resolution < 0 ? nullptr : &deadlines[size_t(resolution)]; }
    SlaState state() const { return response < 0 ? SlaState::None : deadlines[size_t(response)].state; }
};

// Deadlines listed: the open ones, the answered ones, a paused or finished resolution clock, and a
// response deadline closed without a reply (state None); a measure with nothing to show is left out.
void evaluate_sla(const SlaPolicySet& policies, const Conversation& c, Time now, SlaResult& out);
SlaResult evaluate_sla(const SlaPolicySet& policies, const Conversation& c, Time now);

// Waiting for the seller's reply: status awaiting_seller and not spam-flagged. Only these count in
// the SLA strip and lead the urgency order.
inline bool needs_reply(const Conversation& c) {
    return c.status == Status::AwaitingSeller && c.spam == SpamReason::None;
}
// The response state the SLA strip counts: r.state() for a conversation that needs a reply, else None.
inline SlaState needs_reply_state(const Conversation& c, const SlaResult& r) {
    return needs_reply(c) ? r.state() : SlaState::None;
}

// Sort key of the default order, smaller = more urgent. Groups, in order:
//   1. needs a reply, with an open response deadline: by that deadline (most overdue first);
//   2. needs a reply, no open response deadline: the last message oldest first (waited longest);
//   3. awaiting the customer: the last message newest first;
//   4. closed, then spam-flagged: the last message newest first.
// Ties are broken by the caller (run_query: conversation ID). Resolution deadlines do not take part:
// they are not what a reply meets. Depends on time only through messages dated after `now`.
int64_t sla_urgency_key(const Conversation& c, const SlaResult& r);
// Evaluates every conversation in order and calls f(index, const SlaResult&) for each, with no
// allocation. Use it for whole-inbox passes: the pass is bound by memory latency, so it prefetches
// the conversation records and their newest messages a few conversations ahead (written inline
// here: GCC drops calls to a separate prefetch-only function as side-effect free).
template <typename F>
void for_each_sla(const SlaPolicySet& policies, const std::vector<Conversation>& conversations, Time now, F&& f) {
    constexpr size_t kFar = 24, kNear = 12;   // measured with bench/sla_bench (beat 8/4, 16/8; 3 messages beat 2)
    const size_t n = conversations.size();
    SlaResult r;
    for (size_t i = 0; i < n; ++i) {
#if defined(__GNUC__) || defined(__clang__)
        if (i + kFar < n) {   // the record: taking a member's address reads nothing
            const Conversation& c = conversations[i + kFar];
            __builtin_prefetch(&c.marketplace);
            __builtin_prefetch(&c.spam);
            __builtin_prefetch(&c.messages);
        }
        if (i + kNear < n) {  // by now the record is cached: its labels and three newest messages
            const Conversation& c = conversations[i + kNear];
            if (!c.labels.empty()) __builtin_prefetch(c.labels.data());
            const size_t m = c.messages.size();
            for (size_t k = m > 3 ? m - 3 : 0; k < m; ++k) {
                __builtin_prefetch(&c.messages[k].direction);
                __builtin_prefetch(&c.messages[k].delivery);
            }
        }
#endif
        evaluate_sla(policies, conversations[i], now, r);
        f(i, static_cast<const SlaResult&>(r));
    }
}
// One key per store.conversations index, for run_query's Urgency sort (uses for_each_sla).
void sla_urgency_keys(const SlaPolicySet& policies, const Store& store, Time now, std::vector<int64_t>& out);

// "" when index is -1 or out of range.
const std::string& sla_message_id(const Conversation& c, int32_t index);

// ---- the team's own target (issue 17) ------------------------------------------------------------
// Beside the marketplace's deadline, the team's: answer within `duration_s` working seconds on
// `schedule` (default 4 working hours, Mon-Fri 09:00-18:00 Asia/Shanghai), counted from the same
// start as the open response deadline. Off when `enabled` is false.
struct TeamTarget {
    bool enabled = true;
    int64_t duration_s = 4 * kHour;
    int32_t open = 9 * 3600, close = 18 * 3600;   // local seconds after midnight, Mon-Fri
    BusinessSchedule schedule;                    // weekday_schedule(zone, open, close)
};
TeamTarget default_team_target();
// Rebuilds t.schedule after a change of zone, open or close.
void set_team_schedule(TeamTarget& t, const TimeZone& zone);
struct TeamDeadline {
    SlaState state = SlaState::None;   // OnTrack, DueSoon (the last quarter, at most 1 h), Overdue;
                                       // Answered / AnsweredLate once replied; None: no target
    Time deadline = kNoTime;
    int64_t remaining = 0;             // deadline - now in real seconds while open
};
// {enabled, hours, zone, open: "09:00", close: "18:00"}: the settings file, state() and the
// team_target command. Reading applies the members given to `base` (the others stay); false with
// a specific error, `out` untouched, when one is wrong.
nlohmann::json team_target_to_json(const TeamTarget& t);
bool team_target_from_json(const nlohmann::json& j, const TeamTarget& base, TeamTarget& out, std::string& error);
// The team's deadline of the response deadline `r` shows (the open one, or the one answered).
TeamDeadline team_deadline(const TeamTarget& t, const Conversation& c, const SlaResult& r, Time now);

// ---- response episodes (metrics: "was message X answered within the window?") ------------------
struct ResponseEpisode {
    int16_t policy = -1;
    int32_t first_message = -1;        // the inbound message that started the clock
    int32_t last_message = -1;         // the last inbound message answered by the same reply
    int32_t reply = -1;                // -1 when not (yet) answered
    Time start = kNoTime;
    Time deadline = kNoTime;
    Time reply_at = kNoTime;
    bool answered = false;
    bool in_time = false;              // answered at or before the deadline
    // Closed while unanswered (the last episode of a closed conversation): neither answered nor
    // late, so a response rate leaves it out of both counts.
    bool closed = false;
    SlaState state = SlaState::None;   // Answered/AnsweredLate, or the running state; None when closed
};
// Clears `out` and lists every response episode up to `now`, oldest first. Empty for spam-flagged
// conversations and when no response policy applies (or it is exempt). Every inbound message of
// an episode shares its deadline (the clock starts at the oldest unanswered message).
void response_episodes(const SlaPolicySet& policies, const Conversation& c, Time now,
                       std::vector<ResponseEpisode>& out);
// Index of the episode that message `message_index` belongs to, or -1 (outbound, spam, no policy).
int episode_of_message(const std::vector<ResponseEpisode>& episodes, int32_t message_index);

// ---- eBay case windows --------------------------------------------------------------------------
// When the buyer may open a case. Both ends are inclusive instants: a case opened at t is inside the
// window iff earliest <= t <= latest, with earliest = base + min_days * 86400 s and
// latest = base + max_days * 86400 s (base = the EDD or payment instant, to the second).
//   INR via eBay, region other than DE: EDD + 1 .. EDD + 30 days
//   INR via eBay, region DE:            payment + 1 .. payment + 45 days
//   SNAD via eBay:                      payment + 1 .. payment + 45 days
//   INR or SNAD via PayPal:             payment + 1 .. payment + 45 days
enum class EbayWindowBase : uint8_t { EstimatedDelivery, Payment };
enum class WindowPosition : uint8_t { Unknown, NotYetOpen, Open, Closed };

struct EbayCaseWindow {
    bool known = false;                // false when the base date is missing or type is None
    EbayWindowBase base = EbayWindowBase::Payment;
    Time base_time = kNoTime;
    int min_days = 1, max_days = 30;
    Time earliest = kNoTime, latest = kNoTime;
};
// `region` is the order's ship-to country (ISO alpha-2, case-insensitive; "DE" selects the German rule).
EbayCaseWindow ebay_case_window(CaseType type, CaseChannel channel, std::string_view region,
                                Time estimated_delivery, Time paid_at);
EbayCaseWindow ebay_case_window(const Order& order, CaseType type, CaseChannel channel);
WindowPosition window_position(const EbayCaseWindow& w, Time t);

// ---- names and settings JSON --------------------------------------------------------------------
const char* to_string(ClockType t);        // "calendar", "business"
const char* to_string(SlaMeasure m);       // "response", "resolution", "case_contact"
const char* to_string(SlaState s);         // "none", "on_track", "due_soon", "overdue", "answered", "answered_late",
                                           // "paused", "resolved", "resolved_late"
const char* to_string(SlaPreset p);        // "current", "seller_guides"
const char* to_string(EbayWindowBase b);   // "edd", "payment"
const char* to_string(WindowPosition p);   // "unknown", "not_yet_open", "open", "closed"
bool parse(std::string_view s, ClockType& out);
bool parse(std::string_view s, SlaMeasure& out);
bool parse(std::string_view s, SlaState& out);
bool parse(std::string_view s, SlaPreset& out);

// {"version": 1, "preset": "...", "policies": [{...}]}; see docs/sla.md for every field.
nlohmann::json sla_policies_to_json(const SlaPolicySet& set);
nlohmann::json sla_policy_to_json(const SlaPolicy& p);
// Validates everything first; on failure `out` is unchanged and `error` names the field
// ("policies/3/clock/week/mon/0: ..."). Unknown fields are errors (catches typos).
bool sla_policies_from_json(const nlohmann::json& j, SlaPolicySet& out, std::string& error);

}  // namespace sd
