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

// ---- from a real conversation ---------------------------------------------------------------------
namespace sd {

namespace {

std::string scenario_id_for(const std::string& conversation_id) {
    std::string id = "from-";
    for (char ch : conversation_id) {
        const char c = (ch >= 'A' && ch <= 'Z') ? char(ch - 'A' + 'a') : ch;
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (ok) id += c;
        else if (id.back() != '-') id += '-';
        if (id.size() == 64) break;
    }
    while (id.back() == '-') id.pop_back();
    return id;
}

bool label_name(const std::string& l) {
    if (l.empty() || l.size() > 64) return false;
    for (char ch : l)
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) return false;
    return true;
}

std::vector<ReplyElement> default_elements(Marketplace m) {
    using E = ReplyElement;
    if (m == Marketplace::Amazon) return {E::Greeting, E::Restatement, E::TimeFrame, E::NumberedOptions, E::Signoff};
    if (m == Marketplace::Tmall) return {E::Greeting, E::Restatement, E::Signoff};
    return {E::Greeting, E::Restatement, E::TimeFrame, E::Signoff};
}

// The buyer-side messages before the first seller answer, as events from the first one's time.
void timeline_of(const Conversation& c, Time start, std::vector<ScenarioEvent>& out) {
    for (const Message& m : c.messages) {
        if (m.direction == Direction::Outbound) {
            if (is_answer(m)) break;
            continue;
        }
        if (m.body.empty() || m.at < start) continue;
        ScenarioEvent e;
        e.after_s = m.at - start;
        e.role = m.role == AuthorRole::Agent ? AuthorRole::Customer : m.role;
        e.author = m.author;
        e.text = m.body;
        out.push_back(std::move(e));
    }
    if (c.ebay_case.type == CaseType::None || c.marketplace != Marketplace::Ebay) return;
    ScenarioEvent open;
    open.type = EventType::OpenCase;
    open.role = AuthorRole::Platform;
    open.case_type = c.ebay_case.type;
    open.channel = c.ebay_case.channel;
    open.after_s = c.ebay_case.opened_at == kNoTime ? 0 : std::max<Time>(0, c.ebay_case.opened_at - start);
    auto pos = std::upper_bound(out.begin() + 1, out.end(), open.after_s,
                                [](Time t, const ScenarioEvent& e) { return t < e.after_s; });
    out.insert(pos, open);
}

}  // namespace

bool scenario_from_conversation(const Store& store, const Conversation& c, Scenario& out, std::string& error) {
    const Message* first = nullptr;
    for (const Message& m : c.messages) {
        if (is_answer(m)) break;
        if (m.direction == Direction::Inbound && !m.body.empty()) {
            first = &m;
            break;
        }
    }
    if (!first) {
        error = "conversation " + c.id + " has no message from the buyer's side before the first answer";
        return false;
    }
    Scenario s;
    s.id = scenario_id_for(c.id);
    s.title = {c.subject, c.subject};
    s.marketplace = c.marketplace;
    s.kind = c.kind;
    s.topic = c.topic;
    s.subject = c.subject.empty() ? std::string("(no subject)") : c.subject;
    s.folder = c.marketplace == Marketplace::Ebay && c.folder != EbayFolder::FromEbay ? c.folder : EbayFolder::None;
    if (const Customer* who = store.find_customer(c.customer_id)) s.customer = *who;
    if (s.customer.name.empty()) s.customer.name = first->author.empty() ? std::string("Customer") : first->author;
    if (const Order* o = store.find_order(c.order_id); o && c.kind == ConversationKind::PostSale) {
        s.order = *o;
        for (Time* t : {&s.order->purchased_at, &s.order->paid_at, &s.order->shipped_at, &s.order->estimated_delivery})
            if (*t != kNoTime) *t -= first->at;
    }
    timeline_of(c, first->at, s.timeline);
    for (const std::string& l : c.labels)   // labels a pack can hold ([a-z0-9_]), but the automatic one
        if (label_name(l) && !(c.marketplace == Marketplace::Walmart && l == labels::kResponseNeeded))
            s.expect.labels.push_back(l);
    const SpamReason flag = c.spam != SpamReason::None ? c.spam : c.edits.suppressed_spam;
    if (flag != SpamReason::None && c.kind == ConversationKind::PreSale) {
        s.expect.spam = flag;
        s.expect.reply = false;
    }
    s.scoring.elements = default_elements(c.marketplace);
    out = std::move(s);
    return true;
}

}  // namespace sd
