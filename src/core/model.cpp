#include "model.h"

namespace sd {

void Store::reindex() {
    customer_index_.clear();
    order_index_.clear();
    conversation_index_.clear();
    customer_index_.reserve(customers.size());
    order_index_.reserve(orders.size());
    conversation_index_.reserve(conversations.size());
    for (uint32_t i = 0; i < customers.size(); ++i) customer_index_[customers[i].id] = i;
    for (uint32_t i = 0; i < orders.size(); ++i) order_index_[orders[i].id] = i;
    for (uint32_t i = 0; i < conversations.size(); ++i) conversation_index_[conversations[i].id] = i;
}

const Customer* Store::find_customer(std::string_view id) const {
    auto it = customer_index_.find(std::string(id));
    return it == customer_index_.end() ? nullptr : &customers[it->second];
}

const Order* Store::find_order(std::string_view id) const {
    if (id.empty()) return nullptr;
    auto it = order_index_.find(std::string(id));
    return it == order_index_.end() ? nullptr : &orders[it->second];
}

int Store::conversation_index(std::string_view id) const {
    auto it = conversation_index_.find(std::string(id));
    return it == conversation_index_.end() ? -1 : int(it->second);
}

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
const char* const kFlags[] = {"red", "yellow", "green", "blue", "purple"};
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
bool parse(std::string_view s, Topic& o) { return parse_enum_name(s, kTopics, o); }

}  // namespace sd
