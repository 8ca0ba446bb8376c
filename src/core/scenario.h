// Training scenarios: scripted conversations that unfold on the simulated clock (docs/scenarios.md).
// A pack holds scenarios; a scenario is one customer, an optional order, a timeline of events
// relative to its start (buyer messages, follow-ups that come only while the trainee has not
// answered, Customer Care and platform messages, an eBay case opening), what the trainee is
// expected to do and how it is scored (scoring.h).
//
//   sd::ScenarioPack pack;
//   std::vector<std::string> errors;
//   if (!sd::load_pack_file("assets/scenarios/amazon.json", pack, errors)) show(errors);
//       // "scenarios/2/timeline/1/after_s: must be 0 or more (got -60)"
//   const sd::Scenario& s = pack.scenarios[0];
//   std::string err;
//   sd::materialise(s, start, now, training_store, err);          // customer, order, conversation
//   // each time the simulated clock moves from t0 to t1:
//   sd::Conversation& c = *training_store.find_conversation(sd::scenario_conversation_id(s));
//   for (const sd::DueEvent& e : sd::due_events(s, start, t0, t1, c)) sd::apply_event(c, e);
//
// Times are a parameter (`start`, `now`, `t0`, `t1`); nothing here reads a clock. Events are due in
// (t0, t1]. A follow-up is resolved when it falls due, against the trainee's conversation as it
// is then: it arrives only if the conversation is waiting for the seller (no seller answer after
// the latest message from the buyer's side).
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>
#include "model.h"

namespace sd {

constexpr const char* kScenarioFormat = "sellerdesk-scenarios";
constexpr int kScenarioVersion = 1;

struct Bilingual {
    std::string en, zh;
};

enum class EventType : uint8_t {
    Message,    // always arrives
    FollowUp,   // arrives only while the conversation waits for the seller
    OpenCase,   // eBay: the buyer opens an INR or SNAD case
};
const char* to_string(EventType t);   // "message", "follow_up", "open_case"
bool parse(std::string_view s, EventType& out);

struct ScenarioEvent {
    int64_t after_s = 0;                  // seconds after the scenario's start, >= 0, never decreasing
    EventType type = EventType::Message;
    AuthorRole role = AuthorRole::Customer;   // customer, customer_care or platform (never agent)
    std::string author;                   // display name; "" = the customer's name
    std::string text;                     // Message / FollowUp (an OpenCase may carry eBay's notice)
    CaseType case_type = CaseType::None;  // OpenCase
    CaseChannel channel = CaseChannel::Ebay;
};

// The parts of a good reply (the Amazon structure the checker's hints look for, plus the habits
// the seller guides ask for everywhere).
enum class ReplyElement : uint8_t { Greeting, Restatement, TimeFrame, NumberedOptions, Signoff };
constexpr int kReplyElementCount = 5;
const char* to_string(ReplyElement e);   // "greeting", "restatement", "time_frame", "numbered_options", "signoff"
bool parse(std::string_view s, ReplyElement& out);

struct ExpectedRemark {                   // a Tmall-style order remark with a flag by meaning
    RemarkFlag flag = RemarkFlag::Yellow;
    std::vector<std::string> keywords;    // one of them must be in the text; empty = any text
};
struct ExpectedNote {                     // e.g. the summary of a phone call
    std::vector<std::string> keywords;    // one of them must be in the text; empty = any text
};

struct ScenarioExpect {
    bool reply = true;                    // false: the right move is not to answer (spam)
    std::vector<std::string> labels;      // the conversation should carry each
    std::optional<SpamReason> spam;       // scored when set; SpamReason::None = must not be flagged
    std::string template_family;          // a template category (templates.h); "" = not scored
    std::optional<ExpectedRemark> remark;
    std::optional<ExpectedNote> note;
    std::optional<Status> status;         // what the trainee should leave it at
};

struct ScenarioScoring {
    int64_t deadline_s = 0;               // > 0 overrides the marketplace's SLA policy
    int max_rounds = 0;                   // > 0: seller replies allowed; 0 = eBay's 3, no limit elsewhere
    std::vector<ReplyElement> elements;   // required in the replies (any reply may carry each)
    std::vector<std::string> restate_keywords;   // words that show the buyer's problem was restated
};

struct Scenario {
    std::string id;                       // [a-z0-9-], unique in the pack
    Bilingual title, brief;               // brief: what the trainee is told (optional)
    Marketplace marketplace = Marketplace::Amazon;
    ConversationKind kind = ConversationKind::PostSale;
    Topic topic = Topic::Other;
    std::string subject;
    std::vector<std::string> labels;      // at the start (e.g. "customer_care", "bbb_ag_complaint")
    EbayFolder folder = EbayFolder::None;
    Customer customer;
    // The export's order shape, with every time an offset in seconds from the start (negative =
    // before it) and kNoTime for null. Absent for pre-sale scenarios.
    std::optional<Order> order;
    std::vector<ScenarioEvent> timeline;  // sorted by after_s; the first is a Message
    ScenarioExpect expect;
    ScenarioScoring scoring;
};

struct ScenarioPack {
    std::string id;
    Bilingual title;
    std::vector<Scenario> scenarios;
    const Scenario* find(std::string_view scenario_id) const;
};

// ---- JSON ---------------------------------------------------------------------------------------
// Validates everything before touching `out`; on failure `out` is unchanged and `errors` lists
// each problem with its place ("scenarios/3/marketplace: 'amazon.de' is not one of ..."), at most 50.
// Unknown members are errors (typos).
bool pack_from_json(const nlohmann::json& j, ScenarioPack& out, std::vector<std::string>& errors);
bool pack_from_text(std::string_view text, ScenarioPack& out, std::vector<std::string>& errors);
bool load_pack_file(const std::string& path, ScenarioPack& out, std::vector<std::string>& errors);
nlohmann::json scenario_to_json(const Scenario& s);
nlohmann::json pack_to_json(const ScenarioPack& p);

// ---- on the clock -------------------------------------------------------------------------------
// IDs the scenario's records get in the training store: "training-<id>" for the conversation,
// "training-<id>-customer" for the customer; the order keeps the scenario's order ID.
std::string scenario_conversation_id(const Scenario& s);
std::string scenario_customer_id(const Scenario& s);

// When the last event of the timeline falls (start + its after_s).
Time scenario_last_event_at(const Scenario& s, Time start);

struct DueEvent {
    size_t index = 0;                     // into Scenario::timeline
    Time at = 0;
    const ScenarioEvent* event = nullptr; // points into the scenario: keep it alive
    std::string conversation_id;
    Message message;                      // Message / FollowUp; OpenCase with a notice text
    bool has_message = false;
};

// The events due in (t0, t1], oldest first, with follow-ups resolved against `state` (the
// trainee's conversation) and the events before them in the same batch.
std::vector<DueEvent> due_events(const Scenario& s, Time start, Time t0, Time t1, const Conversation& state);

// Applies a due event as an arriving buyer-side message does (ops.h add_message): the message in
// time order, unread, awaiting the seller when it is the newest, Walmart's Response Needed label;
// an OpenCase sets the eBay case and moves the conversation to From eBay.
void apply_event(Conversation& c, const DueEvent& e);

// Adds the scenario's customer, order and conversation to `store` with every event due up to
// `now` (from start - 1 on, so an event at after_s 0 arrives at `start`). False, with `error`
// and `store` unchanged, when one of the IDs is already taken or `now` is before the start.
bool materialise(const Scenario& s, Time start, Time now, Store& store, std::string& error);

// ---- from a real conversation ("Make a scenario from this") ------------------------------------
// A scenario that replays conversation `c` of `store`: its buyer-side messages up to the first seller
// answer become the timeline (after_s from the first of them), an eBay case opening becomes an
// open_case event, the order's times become offsets; labels (but Walmart's automatic Response
// Needed) and a spam flag become the expectations; the reply elements default by marketplace. The
// customer's name, e-mail and country are copied: redact them before sharing the pack. The ID is
// "from-" + the conversation's ID reduced to [a-z0-9-]. False, with `error`, when the conversation
// has no buyer-side message before the first answer.
bool scenario_from_conversation(const Store& store, const Conversation& c, Scenario& out, std::string& error);

}  // namespace sd
