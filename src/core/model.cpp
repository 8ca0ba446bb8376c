#include "model.h"

namespace sd {

namespace {

uint64_t id_hash(std::string_view id) {   // FNV-1a, then mixed so the low bits pick the slot well
    uint64_t h = 1469598103934665603ull;
    for (unsigned char ch : id) h = (h ^ ch) * 1099511628211ull;
    return h ^ (h >> 29);
}

template <class Record>
void build_index(std::vector<uint32_t>& slots, const std::vector<Record>& records) {
    size_t n = 16;
    while (n < records.size() * 2) n *= 2;   // at most half full
    slots.assign(n, 0);
    const size_t mask = n - 1;
    for (uint32_t i = 0; i < records.size(); ++i) {
        for (size_t k = size_t(id_hash(records[i].id)) & mask;; k = (k + 1) & mask) {
            if (slots[k] == 0 || records[slots[k] - 1].id == records[i].id) {
                slots[k] = i + 1;   // a later record with the same ID replaces the earlier one
                break;
            }
        }
    }
}

template <class Record>
int find_in(const std::vector<uint32_t>& slots, const std::vector<Record>& records, std::string_view id) {
    if (slots.empty()) return -1;
    const size_t mask = slots.size() - 1;
    for (size_t k = size_t(id_hash(id)) & mask; slots[k] != 0; k = (k + 1) & mask) {
        const uint32_t i = slots[k] - 1;
        if (i < records.size() && records[i].id == id) return int(i);
    }
    return -1;
}

}  // namespace

void Store::reindex() {
    build_index(customer_index_, customers);
    build_index(order_index_, orders);
    build_index(conversation_index_, conversations);
    indexed_customers_ = customers.size();
    indexed_orders_ = orders.size();
    indexed_conversations_ = conversations.size();
}

bool Store::indexed() const {
    return indexed_customers_ == customers.size() && indexed_orders_ == orders.size() && indexed_conversations_ == conversations.size();
}

const Customer* Store::find_customer(std::string_view id) const {
    int i = find_in(customer_index_, customers, id);
    return i < 0 ? nullptr : &customers[size_t(i)];
}

const Order* Store::find_order(std::string_view id) const {
    if (id.empty()) return nullptr;
    int i = find_in(order_index_, orders, id);
    return i < 0 ? nullptr : &orders[size_t(i)];
}

void Store::prefetch_order(std::string_view id, OrderPrefetch step) const {
#if defined(__GNUC__) || defined(__clang__)
    if (order_index_.empty()) return;
    const uint32_t* slot = &order_index_[size_t(id_hash(id)) & (order_index_.size() - 1)];
    if (step == OrderPrefetch::Slot) return __builtin_prefetch(slot);
    if (*slot == 0 || *slot > orders.size()) return;
    const Order& o = orders[*slot - 1];
    if (step == OrderPrefetch::Record) return __builtin_prefetch(&o.id);
    __builtin_prefetch(o.id.data());
#else
    (void)id;
    (void)step;
#endif
}

int Store::conversation_index(std::string_view id) const { return find_in(conversation_index_, conversations, id); }

Conversation* Store::find_conversation(std::string_view id) {
    int i = conversation_index(id);
    return i < 0 ? nullptr : &conversations[size_t(i)];
}

const Conversation* Store::find_conversation(std::string_view id) const {
    int i = conversation_index(id);
    return i < 0 ? nullptr : &conversations[size_t(i)];
}

// ---- names ---------------------------------------------------------------------------------
namespace {
const char* const kMarketplaces[] = {"walmart", "amazon", "ebay", "wish", "tmall"};
const char* const kMarketplaceNames[] = {"Walmart", "Amazon", "eBay", "Wish", "Tmall"};
const char* const kRoles[] = {"customer", "customer_care", "platform", "agent"};
const char* const kDirections[] = {"inbound", "outbound"};
const char* const kDeliveries[] = {"sent", "failed"};
const char* const kKinds[] = {"pre_sale", "post_sale"};
const char* const kStatuses[] = {"awaiting_seller", "awaiting_customer", "closed"};
const char* const kSpam[] = {"none", "spam", "fraud", "inappropriate"};
const char* const kFolders[] = {"none", "from_members", "from_ebay", "high_priority"};
const char* const kCases[] = {"none", "inr", "snad"};
const char* const kChannels[] = {"ebay", "paypal"};
const char* const kFlags[] = {"red", "yellow", "green", "blue", "purple", "none"};
const char* const kRemarkKinds[] = {"other",      "price_change", "unshipped",        "shipped",
                                    "special_courier", "refundable", "after_sale_return"};
static_assert(sizeof(kRemarkKinds) / sizeof(kRemarkKinds[0]) == kRemarkKindCount, "remark kind names");
const char* const kDefectKinds[] = {"a_to_z", "negative_feedback", "chargeback"};
const char* const kTopics[] = {"product_question", "order_status", "item_not_received", "not_as_described",
                               "damaged", "return_request", "cancel_order", "address_change", "customs",
                               "usage_question", "invoice", "price_negotiation", "feedback", "spammy",
                               "other"};
static_assert(sizeof(kTopics) / sizeof(kTopics[0]) == kTopicCount, "topic names");
}  // namespace

const char* to_string(Marketplace m) { return kMarketplaces[int(m)]; }
const char* display_name(Marketplace m) { return kMarketplaceNames[int(m)]; }
const char* to_string(AuthorRole r) { return kRoles[int(r)]; }
const char* to_string(Direction d) { return kDirections[int(d)]; }
const char* to_string(Delivery d) { return kDeliveries[int(d)]; }
const char* to_string(ConversationKind k) { return kKinds[int(k)]; }
const char* to_string(Status s) { return kStatuses[int(s)]; }
const char* to_string(SpamReason s) { return kSpam[int(s)]; }
const char* to_string(EbayFolder f) { return kFolders[int(f)]; }
const char* to_string(CaseType c) { return kCases[int(c)]; }
const char* to_string(CaseChannel c) { return kChannels[int(c)]; }
const char* to_string(RemarkFlag f) { return kFlags[int(f)]; }
const char* to_string(RemarkKind k) { return kRemarkKinds[int(k)]; }
const char* to_string(DefectKind k) { return kDefectKinds[int(k)]; }
const char* to_string(Topic t) { return kTopics[int(t)]; }
bool parse(std::string_view s, Marketplace& o) { return parse_enum_name(s, kMarketplaces, o); }
bool parse(std::string_view s, AuthorRole& o) { return parse_enum_name(s, kRoles, o); }
bool parse(std::string_view s, Direction& o) { return parse_enum_name(s, kDirections, o); }
bool parse(std::string_view s, Delivery& o) { return parse_enum_name(s, kDeliveries, o); }
bool parse(std::string_view s, ConversationKind& o) { return parse_enum_name(s, kKinds, o); }
bool parse(std::string_view s, Status& o) { return parse_enum_name(s, kStatuses, o); }
bool parse(std::string_view s, SpamReason& o) { return parse_enum_name(s, kSpam, o); }
bool parse(std::string_view s, EbayFolder& o) { return parse_enum_name(s, kFolders, o); }
bool parse(std::string_view s, CaseType& o) { return parse_enum_name(s, kCases, o); }
bool parse(std::string_view s, CaseChannel& o) { return parse_enum_name(s, kChannels, o); }
bool parse(std::string_view s, RemarkFlag& o) { return parse_enum_name(s, kFlags, o); }
bool parse(std::string_view s, RemarkKind& o) { return parse_enum_name(s, kRemarkKinds, o); }
bool parse(std::string_view s, DefectKind& o) { return parse_enum_name(s, kDefectKinds, o); }
bool parse(std::string_view s, Topic& o) { return parse_enum_name(s, kTopics, o); }

const std::vector<const char*>& marketplace_labels(Marketplace m) {
    static const std::vector<const char*> walmart = {labels::kResponseNeeded, labels::kCustomerCare, labels::kBbbAgComplaint};
    static const std::vector<const char*> amazon = {labels::kNoResponseNeeded};
    static const std::vector<const char*> none;
    return m == Marketplace::Walmart ? walmart : m == Marketplace::Amazon ? amazon : none;
}

const std::vector<const char*>& common_labels() {
    static const std::vector<const char*> common = {labels::kReturnRequest, labels::kAddressChange, labels::kItemNotReceived,
                                                    labels::kCustoms};
    return common;
}

RemarkFlag flag_of(RemarkKind k) {
    switch (k) {
        case RemarkKind::PriceChange: return RemarkFlag::None;
        case RemarkKind::Unshipped: return RemarkFlag::Purple;
        case RemarkKind::Shipped: return RemarkFlag::Blue;
        case RemarkKind::SpecialCourier: return RemarkFlag::Red;
        case RemarkKind::Refundable: return RemarkFlag::Green;
        case RemarkKind::AfterSaleReturn: return RemarkFlag::Yellow;
        case RemarkKind::Other: break;
    }
    return RemarkFlag::Yellow;
}

}  // namespace sd
