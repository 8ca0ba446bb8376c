// Training scenarios on the clock: names, IDs, the events due between two instants, applying
// them, and putting a scenario into a training store. The pack's JSON is in scenario_json.cpp.
#include "scenario.h"

#include <algorithm>

namespace sd {

namespace {
const char* const kEventNames[] = {"message", "follow_up", "open_case"};
const char* const kElementNames[] = {"greeting", "restatement", "time_frame", "numbered_options", "signoff"};

bool is_answer(const Message& m) {
    return m.direction == Direction::Outbound && m.delivery == Delivery::Sent && !m.auto_reply;
}

// Waiting for the seller at `t`: the latest buyer-side message at or before t has no seller
// answer after it (up to t). A conversation with no buyer-side message yet is not waiting.
bool waiting_for_seller(const Conversation& c, Time t) {
    bool waiting = false;
    for (const Message& m : c.messages) {
        if (m.at > t) break;
        if (m.direction == Direction::Inbound) waiting = true;
        else if (is_answer(m)) waiting = false;
    }
    return waiting;
}

Message event_message(const Scenario& s, const ScenarioEvent& e, size_t index, Time at) {
    Message m;
    m.id = scenario_conversation_id(s) + "-e" + std::to_string(index + 1);
    m.direction = Direction::Inbound;
    m.role = e.role;
    m.author = e.author.empty() ? s.customer.name : e.author;
    m.at = at;
    m.body = e.text;
    return m;
}

// The order with its offsets turned into times (kNoTime stays unset).
Order placed_order(const Order& o, Time start) {
    Order out = o;
    for (Time* t : {&out.purchased_at, &out.paid_at, &out.shipped_at, &out.estimated_delivery})
        if (*t != kNoTime) *t += start;
    return out;
}
}  // namespace

const char* to_string(EventType t) { return kEventNames[size_t(t)]; }
bool parse(std::string_view s, EventType& out) { return parse_enum_name(s, kEventNames, out); }
const char* to_string(ReplyElement e) { return kElementNames[size_t(e)]; }
bool parse(std::string_view s, ReplyElement& out) { return parse_enum_name(s, kElementNames, out); }

const Scenario* ScenarioPack::find(std::string_view scenario_id) const {
    for (const Scenario& s : scenarios)
        if (s.id == scenario_id) return &s;
    return nullptr;
}

std::string scenario_conversation_id(const Scenario& s) { return "training-" + s.id; }
std::string scenario_customer_id(const Scenario& s) { return "training-" + s.id + "-customer"; }

Time scenario_last_event_at(const Scenario& s, Time start) {
    return s.timeline.empty() ? start : start + s.timeline.back().after_s;
}

std::vector<DueEvent> due_events(const Scenario& s, Time start, Time t0, Time t1, const Conversation& state) {
    std::vector<DueEvent> out;
    if (t1 <= t0) return out;
    Conversation sim;          // the trainee's messages plus this batch's, to resolve follow-ups
    sim.messages = state.messages;
    for (size_t i = 0; i < s.timeline.size(); ++i) {
        const ScenarioEvent& e = s.timeline[i];
        const Time at = start + e.after_s;
        if (at <= t0 || at > t1) continue;
        if (e.type == EventType::FollowUp && !waiting_for_seller(sim, at)) continue;
        DueEvent d;
        d.index = i;
        d.at = at;
        d.event = &e;
        d.conversation_id = scenario_conversation_id(s);
        d.has_message = !e.text.empty();
        if (d.has_message) {
            d.message = event_message(s, e, i, at);
            auto pos = std::upper_bound(sim.messages.begin(), sim.messages.end(), at,
                                        [](Time t, const Message& m) { return t < m.at; });
            sim.messages.insert(pos, d.message);
        }
        out.push_back(std::move(d));
    }
    return out;
}

void apply_event(Conversation& c, const DueEvent& e) {
    if (e.event && e.event->type == EventType::OpenCase) {
        c.ebay_case.type = e.event->case_type;
        c.ebay_case.channel = e.event->channel;
        c.ebay_case.opened_at = e.at;
        c.folder = EbayFolder::FromEbay;
    }
    if (!e.has_message) return;
    for (const Message& m : c.messages)
        if (m.id == e.message.id) return;   // applied already
    auto pos = std::upper_bound(c.messages.begin(), c.messages.end(), e.message.at,
                                [](Time t, const Message& m) { return t < m.at; });
    const bool newest = pos == c.messages.end();
    c.messages.insert(pos, e.message);
    c.unread = true;
    if (newest && c.status != Status::AwaitingSeller) c.status = Status::AwaitingSeller;
    if (newest && c.marketplace == Marketplace::Walmart && !c.has_label(labels::kResponseNeeded))
        c.labels.emplace_back(labels::kResponseNeeded);
}

bool materialise(const Scenario& s, Time start, Time now, Store& store, std::string& error) {
    const std::string cid = scenario_conversation_id(s), customer_id = scenario_customer_id(s);
    if (now < start) {
        error = "the clock (now) is before the scenario's start";
        return false;
    }
    if (store.find_conversation(cid) || store.find_customer(customer_id) ||
        (s.order && store.find_order(s.order->id))) {
        error = "scenario '" + s.id + "' is already in this store (conversation " + cid + ")";
        return false;
    }
    Customer who = s.customer;
    who.id = customer_id;
    Conversation c;
    c.id = cid;
    c.marketplace = s.marketplace;
    c.kind = s.kind;
    c.topic = s.topic;
    c.subject = s.subject;
    c.customer_id = customer_id;
    c.labels = s.labels;
    c.folder = s.folder;
    c.opened_at = s.timeline.empty() ? start : start + s.timeline.front().after_s;
    if (s.order) c.order_id = s.order->id;
    for (const DueEvent& e : due_events(s, start, start - 1, now, c)) apply_event(c, e);
    store.customers.push_back(std::move(who));
    if (s.order) store.orders.push_back(placed_order(*s.order, start));
    store.conversations.push_back(std::move(c));
    store.reindex();
    return true;
}

}  // namespace sd
