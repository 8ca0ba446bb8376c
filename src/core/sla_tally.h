// The SLA strip's tally: how many conversations that need a reply (sla.h needs_reply: awaiting the
// seller, not spam) have their response deadline overdue / due soon, per marketplace, kept current
// as time passes without a full pass over the inbox each second. Resolution deadlines are not
// counted: no reply meets them, and the strip is the list of what to answer.
//
//   sd::SlaTally t;
//   sd::sla_tally_advance(t, policies, store.conversations, now);   // every frame: cheap; a full
//                                                                   // pass only the first time,
//                                                                   // after a clock jump back or
//                                                                   // when conversations were added
//   sd::sla_tally_update(t, policies, store.conversations, i, now); // after conversation i changed
//   sd::sla_tally_build(t, policies, store.conversations, now, &keys);  // a full pass now, with the
//                                                                   // urgency keys of every one
//   t.overdue[int(sd::Marketplace::Tmall)]
//
// Each conversation is queued for the earliest time its state can change by time alone: a "due
// soon" deadline at the deadline, an "on track" one when its clock seconds left reach the due-soon
// threshold (clock seconds never pass faster than real seconds, so this is never late; on a business
// clock it may be early, and the conversation is simply queued again), and a message dated after
// `now` (the simulated clock was set back) at its time. Call sla_tally_build() after a policy change.
#pragma once
#include <cstdint>
#include <utility>
#include <vector>
#include "model.h"
#include "sla.h"

namespace sd {

struct SlaTally {
    int overdue[kMarketplaceCount] = {};
    int due_soon[kMarketplaceCount] = {};
    Time at = kNoTime;                        // the time the counts are for; kNoTime = not built
    std::vector<uint8_t> counted;             // per conversation: 0 not counted, 1 overdue, 2 due soon
    std::vector<Time> wake;                   // per conversation: when its state can next change
    std::vector<std::pair<Time, uint32_t>> queue;   // min-heap of (wake, conversation); stale
                                                    // entries (time != wake[i]) are skipped
};

// Builds the tally at `now` with one evaluation of every conversation; with `urgency`, fills it
// with their urgency keys in the same pass (what sla_urgency_keys gives: a start-up computes both).
void sla_tally_build(SlaTally& t, const SlaPolicySet& policies, const std::vector<Conversation>& conversations, Time now,
                     std::vector<int64_t>* urgency = nullptr);
// Brings the tally to `now`. Returns true when any count changed.
bool sla_tally_advance(SlaTally& t, const SlaPolicySet& policies, const std::vector<Conversation>& conversations, Time now);
// Re-evaluates conversation i (edited) at `now`; a tally that was never built stays unbuilt.
void sla_tally_update(SlaTally& t, const SlaPolicySet& policies, const std::vector<Conversation>& conversations, size_t i, Time now);

}  // namespace sd
