// Shift handover and VIP follow-up (seed 004: a day shift and a night shift hand the open work to
// each other; special VIP customers are called back on a date).
//
//   sd::HandoverInput in{store, sla_policies, zone, "Lily Wang", replica, now};
//   sd::Handover h = sd::make_handover(in, "ho-r1-1", "Buyer of tb-2041 calls back at 9");
//   sd::add_handovers(list, {h});                       // a union by ID, like every record
//   const sd::Handover* last = sd::latest_handover(list);
//
//   std::string today = sd::local_date(zone, now);     // "2026-12-07" in the agent's day
//   if (sd::follow_up_due(customer, today)) ...        // the "Follow up today" folder
//
// A handover is written once and never edited, so copies merge as a union by ID; two different
// records under one ID (a bug, or a hand-edited file) keep the one whose JSON text sorts last,
// which every replica picks alike. It lists, at the moment the shift ended:
//   waiting  conversations awaiting the seller (not spam), the most urgent first, with the response
//            deadline they had (at most kHandoverWaitingMax; waiting_total counts them all);
//   drafts   conversations with an unsent draft that this profile wrote last (or nobody stamped);
//   remarks  remarks the agent left since the start of the agent's day (local midnight in `zone`).
// The core never reads a clock: `now` and the zone are parameters.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>

#include "model.h"
#include "sla.h"
#include "timezone.h"

namespace sd {

constexpr size_t kHandoverWaitingMax = 200;
constexpr size_t kHandoverTextMax = 4000;     // bytes of the agent's own text
constexpr size_t kHandoverExcerptMax = 160;   // bytes of a draft or remark quoted in an item

// One conversation in a handover, with what it showed when the shift ended.
struct HandoverItem {
    std::string conversation_id;
    std::string subject;
    Time deadline = kNoTime;   // waiting: its open response deadline; otherwise kNoTime
    std::string excerpt;       // drafts: the draft's start; remarks: the remark's text
};

struct Handover {
    std::string id;
    std::string agent;
    Time at = 0;
    std::string text;          // what the agent typed
    std::vector<HandoverItem> waiting, drafts, remarks;
    size_t waiting_total = 0;  // conversations awaiting the seller then (waiting may hold fewer)
};

struct HandoverInput {
    const Store& store;
    const SlaPolicySet& sla;
    const TimeZone& zone;      // the agent's day
    std::string agent;
    std::string replica;       // this profile: whose drafts count
    Time now = 0;
};

Handover make_handover(const HandoverInput& in, std::string id, std::string text);

// Midnight of `t`'s local day in `zone`, as a UTC time, and that day as "YYYY-MM-DD".
Time local_day_start(const TimeZone& zone, Time t);
std::string local_date(const TimeZone& zone, Time t);
// A real calendar date written "YYYY-MM-DD".
bool valid_date(std::string_view date);

// Adds the handovers of `more` that `into` lacks (by ID); returns how many were added or replaced.
size_t add_handovers(std::vector<Handover>& into, const std::vector<Handover>& more);
// The latest by (at, id); nullptr for an empty list.
const Handover* latest_handover(const std::vector<Handover>& list);
// True when `h` is later by (at, id) than the handover acknowledged as (seen_at, seen_id).
bool handover_unseen(const Handover& h, Time seen_at, std::string_view seen_id);

nlohmann::json handover_to_json(const Handover& h);
// Strict: unknown members, wrong types, bad times and empty IDs are refused, `error` says where.
bool handover_from_json(const nlohmann::json& j, Handover& out, std::string& error);
bool handovers_from_json(const nlohmann::json& list, std::vector<Handover>& out, std::string& error);

// ---- VIP follow-up -----------------------------------------------------------------------------
// Due on its date and every day after, until the follow-up is cleared.
inline bool follow_up_due(const Customer& c, std::string_view today) {
    return !c.follow_up.empty() && std::string_view(c.follow_up) <= today;
}
// Whether any customer of the store is due on `today` (a pass over the customers, no allocation).
bool any_follow_up_due(const Store& store, std::string_view today);
// A date "YYYY-MM-DD" as a day number that sorts like the date: days since 1970-01-01 plus one,
// so 0 stays free for "no date"; 0 for "" and for anything valid_date() refuses. Due means
// 0 < follow_up_day(c.follow_up) <= follow_up_day(today), what the inbox index keeps per conversation.
int32_t follow_up_day(std::string_view date);

}  // namespace sd
