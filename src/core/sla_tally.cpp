#include "sla_tally.h"

#include <algorithm>
#include <functional>

namespace sd {

namespace {
using WakeEntry = std::pair<Time, uint32_t>;
constexpr auto kLater = std::greater<WakeEntry>();   // makes the std heap functions a min-heap
constexpr Time kNever = INT64_MAX;

uint8_t tally_state(const SlaPolicySet& policies, const Conversation& c, const SlaResult& r, Time now, Time& wake) {
    wake = kNever;
    // Only the response deadline of a conversation that needs a reply is counted, so only its
    // changes by time alone matter (which deadline that is does not change with time).
    const SlaDeadline* d = needs_reply(c) ? r.response_deadline() : nullptr;
    if (d && d->state == SlaState::DueSoon) {
        wake = std::max(d->deadline, now + 1);
    } else if (d && d->state == SlaState::OnTrack) {
        int64_t to_soon = d->clock_remaining - policies.policies[size_t(d->policy)].due_soon_threshold();
        wake = now + std::max<int64_t>(1, to_soon);
    }
    // After the clock was set back, messages can lie in the future: each one changes the state
    // when its time comes.
    if (!c.messages.empty() && c.messages.back().at > now)
        for (const Message& m : c.messages)
            if (m.at > now) {
                wake = std::min(wake, m.at);
                break;
            }
    const SlaState state = needs_reply_state(c, r);
    return state == SlaState::Overdue ? 1 : state == SlaState::DueSoon ? 2 : 0;
}

void count(SlaTally& t, Marketplace m, uint8_t state, int delta) {
    if (state == 1) t.overdue[int(m)] += delta;
    else if (state == 2) t.due_soon[int(m)] += delta;
}

void reevaluate(SlaTally& t, const SlaPolicySet& policies, const Conversation& c, size_t i, const SlaResult& r, Time now) {
    count(t, c.marketplace, t.counted[i], -1);
    t.counted[i] = tally_state(policies, c, r, now, t.wake[i]);
    count(t, c.marketplace, t.counted[i], 1);
    if (t.wake[i] != kNever) {
        t.queue.emplace_back(t.wake[i], uint32_t(i));
        std::push_heap(t.queue.begin(), t.queue.end(), kLater);
    }
}

bool same_counts(const int (&a)[kMarketplaceCount], const int (&b)[kMarketplaceCount]) {
    return std::equal(std::begin(a), std::end(a), std::begin(b));
}
}  // namespace

void sla_tally_build(SlaTally& t, const SlaPolicySet& policies, const std::vector<Conversation>& cs, Time now,
                     std::vector<int64_t>* urgency) {
    SlaTally s;
    s.counted.assign(cs.size(), 0);
    s.wake.assign(cs.size(), kNever);
    if (urgency) urgency->resize(cs.size());
    for_each_sla(policies, cs, now, [&](size_t i, const SlaResult& r) {
        s.counted[i] = tally_state(policies, cs[i], r, now, s.wake[i]);
        count(s, cs[i].marketplace, s.counted[i], 1);
        if (s.wake[i] != kNever) s.queue.emplace_back(s.wake[i], uint32_t(i));
        if (urgency) (*urgency)[i] = sla_urgency_key(cs[i], r);
    });
    std::make_heap(s.queue.begin(), s.queue.end(), kLater);
    s.at = now;
    t = std::move(s);
}

bool sla_tally_advance(SlaTally& t, const SlaPolicySet& policies, const std::vector<Conversation>& cs, Time now) {
    int overdue[kMarketplaceCount], due_soon[kMarketplaceCount];
    std::copy(std::begin(t.overdue), std::end(t.overdue), overdue);
    std::copy(std::begin(t.due_soon), std::end(t.due_soon), due_soon);
    if (t.at == kNoTime || now < t.at || t.counted.size() != cs.size()) {
        sla_tally_build(t, policies, cs, now);
    } else {
        SlaResult r;
        while (!t.queue.empty() && t.queue.front().first <= now) {
            std::pop_heap(t.queue.begin(), t.queue.end(), kLater);
            WakeEntry e = t.queue.back();
            t.queue.pop_back();
            if (t.wake[e.second] != e.first) continue;   // superseded by an edit
            evaluate_sla(policies, cs[e.second], now, r);
            reevaluate(t, policies, cs[e.second], e.second, r, now);
        }
        t.at = now;
    }
    return !same_counts(overdue, t.overdue) || !same_counts(due_soon, t.due_soon);
}

void sla_tally_update(SlaTally& t, const SlaPolicySet& policies, const std::vector<Conversation>& cs, size_t i, Time now) {
    if (t.at == kNoTime || t.counted.size() != cs.size() || i >= cs.size()) {
        t.at = kNoTime;
        return;
    }
    SlaResult r;
    evaluate_sla(policies, cs[i], now, r);
    reevaluate(t, policies, cs[i], i, r, now);
    // Edits arrive one at a time; drop superseded entries before the queue grows without bound.
    if (t.queue.size() > 4 * t.counted.size() + 1024) {
        t.queue.erase(std::remove_if(t.queue.begin(), t.queue.end(), [&](const WakeEntry& e) { return t.wake[e.second] != e.first; }),
                      t.queue.end());
        std::make_heap(t.queue.begin(), t.queue.end(), kLater);
    }
}

}  // namespace sd
