// SellerDesk domain model: conversations from five marketplaces, their messages, orders and
// customers, held in one in-memory Store with stable string IDs.
//
//   sd::Store store;
//   sd::Conversation& c = store.conversations[i];
//   const sd::Order* o = store.find_order(c.order_id);      // nullptr for pre-sale messages
//   const sd::Customer* who = store.find_customer(c.customer_id);
//
// Times are sd::Time: whole seconds since 1970-01-01T00:00:00Z (UTC). The core never reads a
// clock; callers pass `now` in. Plain structs, no behaviour beyond lookups: the operations that
// change a conversation live in commands.h so the UI, the automation bridge and the journal all
// go through the same path.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "stamp.h"

namespace sd {

using Time = int64_t;                       // seconds since the Unix epoch, UTC
constexpr Time kNoTime = INT64_MIN;         // "not set" (no EDD, no payment yet...)

enum class Marketplace : uint8_t { Walmart, Amazon, Ebay, Wish, Tmall };
constexpr int kMarketplaceCount = 5;

// Who wrote a message. CustomerCare = Walmart Customer Care writing on the customer's behalf;
// Platform = the marketplace itself ("From eBay" cases, Wish support); Agent = the seller's side.
enum class AuthorRole : uint8_t { Customer, CustomerCare, Platform, Agent };
enum class Direction : uint8_t { Inbound, Outbound };
enum class Delivery : uint8_t { Sent, Failed };          // outbound only; inbound is always Sent

enum class ConversationKind : uint8_t { PreSale, PostSale };
enum class Status : uint8_t { AwaitingSeller, AwaitingCustomer, Closed };
enum class SpamReason : uint8_t { None, Spam, Fraud, Inappropriate };
enum class EbayFolder : uint8_t { None, FromMembers, FromEbay, HighPriority };
enum class CaseType : uint8_t { None, ItemNotReceived, NotAsDescribed };  // eBay INR / SNAD
enum class CaseChannel : uint8_t { Ebay, PayPal };
enum class RemarkFlag : uint8_t { Red, Yellow, Green, Blue, Purple, None };
// What a Tmall order remark records (seed 004); each kind has its flag colour (flag_of). Other: a
// remark whose flag was picked by hand, or one written before kinds existed.
enum class RemarkKind : uint8_t { Other, PriceChange, Unshipped, Shipped, SpecialCourier, Refundable, AfterSaleReturn };
constexpr int kRemarkKindCount = 7;
// The seed's colour of a kind: price change none, unshipped purple, shipped blue, special courier
// red, refundable green, after-sale return yellow. Other has no colour of its own (yellow).
RemarkFlag flag_of(RemarkKind k);
// What counts against Amazon's Order Defect Rate (docs/metrics.md).
enum class DefectKind : uint8_t { AtoZClaim, NegativeFeedback, Chargeback };

// What the conversation is about. Drives demo text, Tmall's after-sale vs product-question
// deadlines, and template suggestions.
enum class Topic : uint8_t {
    ProductQuestion,   // pre-sale: size, material, compatibility
    OrderStatus,       // where is my order
    ItemNotReceived,
    NotAsDescribed,
    Damaged,
    ReturnRequest,
    CancelOrder,
    AddressChange,
    Customs,
    UsageQuestion,
    Invoice,
    PriceNegotiation,
    Feedback,          // negative feedback follow-up
    Spammy,            // unsolicited pre-sale message (bulk offer, phishing, abuse)
    Other,
};
constexpr int kTopicCount = 15;

// A file that came with a mail (listed by name and size; its content is not kept).
struct Attachment {
    std::string name;
    int64_t size = 0;               // bytes, decoded
};

struct Message {
    std::string id;                 // stable, unique in the store
    Direction direction = Direction::Inbound;
    AuthorRole role = AuthorRole::Customer;
    std::string author;             // display name ("Maria Lopez", "Walmart Customer Care", "小王")
    Time at = 0;                    // when it was sent or received
    std::string body;
    Delivery delivery = Delivery::Sent;
    bool auto_reply = false;        // auto-replies never count as an answer
    bool override_checks = false;   // sent although the reply checker reported errors
    Edit delivery_edit;             // last change of `delivery` (the rest of a message never changes)
    // Mail (docs/import.md): set once when a message is imported from mail, never edited after.
    std::string mail_id;            // its Message-ID without the angle brackets
    std::vector<Attachment> attachments;
    bool exported = false;          // a reply written to an outbox file (only ever goes false -> true)
};

struct Customer {
    std::string id;
    std::string name;
    std::string email;
    std::string country;            // ISO 3166 alpha-2, e.g. "US", "GB", "DE", "CN"
    // VIP follow-up (handover.h): two stamped registers that merge last-writer-wins.
    bool vip = false;
    std::string follow_up;          // the follow-up date "YYYY-MM-DD" (the agent's day); "" = none
    Edit vip_edit, follow_up_edit;
};

// One order defect as the seller center reported it: which kind and when it came. Defects are
// only ever added (the add_defect op); a merge keeps the union by (kind, at).
struct Defect {
    DefectKind kind = DefectKind::AtoZClaim;
    Time at = 0;
};

struct Order {
    std::string id;                 // marketplace order ID as the seller center shows it
    std::string transaction_id;     // Wish transaction / payment reference
    std::string item;               // product title
    std::string sku;
    int64_t amount_cents = 0;
    std::string currency;           // "USD", "EUR", "GBP", "CNY"
    Time purchased_at = kNoTime;
    Time paid_at = kNoTime;
    Time shipped_at = kNoTime;
    Time estimated_delivery = kNoTime;  // EDD
    std::string region;             // ship-to country, ISO alpha-2 ("US", "GB", "DE", "CN")
    bool gift = false;
    std::string carrier;
    std::string tracking_number;
    std::vector<Defect> defects;    // sorted by (at, kind), no two alike
};

struct EbayCase {
    CaseType type = CaseType::None;
    CaseChannel channel = CaseChannel::Ebay;
    Time opened_at = kNoTime;
};

struct Remark {                     // Tmall-style order remark: stamped, flagged by meaning
    std::string id;
    std::string text;
    std::string agent;
    Time at = 0;
    RemarkFlag flag = RemarkFlag::Yellow;
    Edit edit;                      // added or last edited (text, flag, kind)
    RemarkKind kind = RemarkKind::Other;   // what it records; `flag` follows it unless Other
};

struct Note {                       // free note, e.g. summary of a phone call
    std::string id;
    std::string text;
    std::string agent;
    Time at = 0;
    Edit edit;                      // added or last edited (text)
};

// Sync bookkeeping of a conversation (docs/export-format.md): when each editable field was last
// changed and by which replica, so that two copies merge field by field. All zero for data nobody
// has edited with a stamp (the demo, unstamped ops), which loses to any stamped edit.
struct LabelEdit {                  // the last stamped add or remove of one label (which one: `labels`)
    std::string label;
    Edit edit;
};
struct Tombstone {                  // a deleted remark or note: keeps it from coming back in a merge
    std::string id;
    Stamp stamp;
};
struct ConversationEdits {
    Edit unread, status, spam, assignee, draft;
    // A spam flag that the answered rule overrides: set when a merge brings a flag together with
    // a seller answer (Walmart: an answered message is not spam). `spam` is then None; the flag is
    // kept so merges stay order-independent and comes back if the answer is marked failed.
    SpamReason suppressed_spam = SpamReason::None;
    std::vector<LabelEdit> labels;  // sorted by label
    std::vector<Tombstone> deleted_remarks, deleted_notes;   // sorted by id
};

struct Conversation {
    std::string id;                 // stable, unique in the store
    Marketplace marketplace = Marketplace::Walmart;
    ConversationKind kind = ConversationKind::PostSale;
    Topic topic = Topic::Other;
    std::string subject;
    std::string customer_id;
    std::string order_id;           // empty for pre-sale conversations
    std::vector<std::string> labels;  // label IDs, e.g. "response_needed", "customer_care", "return_request"
    bool unread = true;
    Status status = Status::AwaitingSeller;
    // When the seller last closed it (the set_status op's time); kNoTime while it is open, and for
    // a conversation closed before the field existed. It stops the Tmall resolution clock.
    Time closed_at = kNoTime;
    SpamReason spam = SpamReason::None;
    EbayFolder folder = EbayFolder::None;
    EbayCase ebay_case;
    std::string assignee;           // agent name, empty = unassigned
    std::string draft;              // reply being written, persists per conversation
    Time opened_at = 0;             // ticket open date (first message)
    std::vector<Message> messages;  // oldest first
    std::vector<Remark> remarks;
    std::vector<Note> notes;
    ConversationEdits edits;
    // The buyer's relay address when the conversation came by mail (…@marketplace.amazon.com):
    // where a reply saved as .eml goes. Empty for conversations from elsewhere.
    std::string mail_to;

    Time last_message_at() const { return messages.empty() ? opened_at : messages.back().at; }
    bool has_label(std::string_view label) const {
        for (const std::string& l : labels) if (l == label) return true;
        return false;
    }
};

struct Store {
    std::vector<Customer> customers;
    std::vector<Order> orders;
    std::vector<Conversation> conversations;

    // Lookups by ID; call reindex() after adding or removing records.
    void reindex();
    // True when the lookups see every record: reindex() ran since records were last added or
    // removed (told by the lists' lengths then and now). A store built record by record without
    // reindex() is not indexed; callers that may get one search its lists instead.
    bool indexed() const;
    const Customer* find_customer(std::string_view id) const;
    const Order* find_order(std::string_view id) const;
    // Hints that find_order(id) comes soon, in three steps some records apart: `Slot` fetches its
    // slot of the index into the CPU cache; `Record` reads that slot and fetches the order it
    // names; `Id` reads that order and fetches its ID's characters. No effect on any result.
    enum class OrderPrefetch : uint8_t { Slot, Record, Id };
    void prefetch_order(std::string_view id, OrderPrefetch step = OrderPrefetch::Slot) const;
    Conversation* find_conversation(std::string_view id);
    const Conversation* find_conversation(std::string_view id) const;
    int conversation_index(std::string_view id) const;   // -1 when absent

private:
    // Open-addressing hash tables of record positions + 1 (0 = empty slot), keyed by the records'
    // own IDs: no copy of the IDs and no allocation per record, which at 100,000 conversations
    // saves about 15 MB of fresh memory at start-up. When two records share an ID, the later wins.
    std::vector<uint32_t> customer_index_;
    std::vector<uint32_t> order_index_;
    std::vector<uint32_t> conversation_index_;
    size_t indexed_customers_ = 0, indexed_orders_ = 0, indexed_conversations_ = 0;   // the lengths reindex() saw
};

// Names as used in JSON, the automation bridge and the CLI ("walmart", "pre_sale", ...).
const char* to_string(Marketplace m);
const char* display_name(Marketplace m);     // "Walmart", "eBay"
const char* to_string(AuthorRole r);
const char* to_string(Direction d);
const char* to_string(Delivery d);
const char* to_string(ConversationKind k);
const char* to_string(Status s);             // "awaiting_seller", "awaiting_customer", "closed"
const char* to_string(SpamReason s);         // "none", "spam", "fraud", "inappropriate"
const char* to_string(EbayFolder f);         // "none", "from_members", "from_ebay", "high_priority"
const char* to_string(CaseType c);           // "none", "inr", "snad"
const char* to_string(CaseChannel c);        // "ebay", "paypal"
const char* to_string(RemarkFlag f);         // "red", ..., "none"
const char* to_string(RemarkKind k);         // "other", "price_change", "unshipped", ...
const char* to_string(DefectKind k);         // "a_to_z", "negative_feedback", "chargeback"
const char* to_string(Topic t);              // "product_question", ...
bool parse(std::string_view s, Marketplace& out);
bool parse(std::string_view s, AuthorRole& out);
bool parse(std::string_view s, Direction& out);
bool parse(std::string_view s, Delivery& out);
bool parse(std::string_view s, ConversationKind& out);
bool parse(std::string_view s, Status& out);
bool parse(std::string_view s, SpamReason& out);
bool parse(std::string_view s, EbayFolder& out);
bool parse(std::string_view s, CaseType& out);
bool parse(std::string_view s, CaseChannel& out);
bool parse(std::string_view s, RemarkFlag& out);
bool parse(std::string_view s, RemarkKind& out);
bool parse(std::string_view s, DefectKind& out);
bool parse(std::string_view s, Topic& out);

// Looks a name up in a table of names indexed by enum value (the to_string tables); shared by every
// parse() of the core.
template <typename E, size_t N>
bool parse_enum_name(std::string_view s, const char* const (&names)[N], E& out) {
    for (size_t i = 0; i < N; ++i)
        if (s == names[i]) {
            out = E(i);
            return true;
        }
    return false;
}

// Well-known label IDs (Walmart's two plus common user labels).
namespace labels {
constexpr const char* kResponseNeeded = "response_needed";
constexpr const char* kCustomerCare = "customer_care";
constexpr const char* kReturnRequest = "return_request";
constexpr const char* kAddressChange = "address_change";
constexpr const char* kNoResponseNeeded = "no_response_needed";   // Amazon: out of the SLA and the Late Response Rate
constexpr const char* kBbbAgComplaint = "bbb_ag_complaint";       // Walmart: BBB / Attorney General complaint (1 h)
constexpr const char* kItemNotReceived = "item_not_received";
constexpr const char* kCustoms = "customs";
}

// The labels a marketplace itself defines (SPEC.md: Walmart's Response Needed, Customer Care and
// BBB / Attorney General complaint; Amazon's "No response needed"); the others have none. The
// SLA policies of the current preset give them their deadlines (sla.cpp).
const std::vector<const char*>& marketplace_labels(Marketplace m);
// Labels any marketplace's conversation may carry, offered after the marketplace's own.
const std::vector<const char*>& common_labels();

}  // namespace sd
