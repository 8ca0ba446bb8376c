// The inbox query: filter + field search + sort into a list of rows, and the counts shown next to
// every filter. Built for 100,000 conversations: one InboxIndex per Store, refreshed per change.
//
//   sd::InboxIndex index;
//   index.build(store);                                    // once after loading / importing
//   sd::Query q;
//   q.filter = "wish:unhandled";                           // names: see parse_filter()
//   q.field = sd::SearchField::All; q.text = "ret";        // "Everything", word-prefix match
//   q.sort = sd::SortKey::Urgency;                         // smaller urgency key = more urgent
//   sd::QueryResult r = sd::run_query(store, index, q, &urgency_keys);
//   if (!r.ok) show(r.error);
//   for (uint32_t i : r.rows) draw(store.conversations[i]);   // r.counts.unread for the badge
//   ... after changing conversation i (new message, label, status, unread, spam...):
//   index.update(store, i);
//
// Filters. A spam-flagged conversation (spam != None) is only ever listed under "spam"; it leaves
// All, Unread and every other filter. Names usable by the automation API:
//   all, unread, response_needed, customer_care, failed, spam, mine,
//   marketplace:<walmart|amazon|ebay|wish|tmall>, status:<awaiting_seller|awaiting_customer|closed>,
//   label:<any label id>, wish:unhandled, wish:history,
//   ebay:from_members, ebay:from_ebay, ebay:high_priority
//   failed         = has an outbound message whose delivery failed
//   wish:unhandled = Wish and status awaiting_seller; wish:history = the other Wish conversations
//   ebay:<folder>  = eBay conversations in that folder
//   mine           = assignee == Query::agent (an empty agent matches nothing)
//   follow_up      = the customer's follow-up date is Query::today or earlier (handover.h; the
//                    "Follow up today" folder). The index keeps each conversation's customer's
//                    follow-up day, so after a customer's follow-up changes call
//                    InboxIndex::customer_changed(); the day itself is the query's, so the folder
//                    moves on at midnight with no refresh. matches_filter, which sees one
//                    conversation and no customer, never matches it; not in standard_filter_names().
//
// Search fields (docs/search.md): order_id = substring of the order ID with dashes, spaces and
// punctuation ignored on both sides; subject / customer = every query word is a word prefix of the
// field (CJK: substring); all ("Everything") = the same over subject, customer name, order ID and
// every message body, plus order-ID substring hits when the query contains a digit.
// Matching is case-, accent- and width-insensitive (text_fold.h).
//
// Sorting is stable: ties are broken by conversation ID, ascending, in both directions.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>
#include "model.h"
#include "search_index.h"

namespace sd {

enum class SearchField : uint8_t { All, OrderId, Subject, Customer };
enum class SortKey : uint8_t { Urgency, LastMessage, Customer, Marketplace, Subject, OrderId };
const char* to_string(SearchField f);   // "all", "order_id", "subject", "customer"
const char* to_string(SortKey k);       // "urgency", "last_message", "customer", "marketplace", "subject", "order_id"
bool parse(std::string_view s, SearchField& out);
bool parse(std::string_view s, SortKey& out);

struct Filter {
    enum class Kind : uint8_t {
        All, Unread, ResponseNeeded, CustomerCare, Failed, Spam, Mine,
        Marketplace, Status, Label, WishUnhandled, WishHistory, EbayFolder,
        FollowUp,
    };
    Kind kind = Kind::All;
    Marketplace marketplace = Marketplace::Walmart;   // Kind::Marketplace
    Status status = Status::AwaitingSeller;           // Kind::Status
    EbayFolder folder = EbayFolder::FromMembers;      // Kind::EbayFolder
    std::string label;                                // Kind::Label
};

// Parses a filter name. "label:response_needed" and "label:customer_care" are the same filters as
// "response_needed" and "customer_care". On failure returns false and, when `error` is given,
// explains what was wrong and lists the accepted names.
bool parse_filter(std::string_view name, Filter& out, std::string* error = nullptr);
std::string format_filter(const Filter& f);          // inverse of parse_filter
// Every filter name except the open-ended label:<id> ones, in the order a UI lists them.
const std::vector<std::string>& standard_filter_names();

bool has_failed_message(const Conversation& c);
// Direct evaluation of one conversation (no index), with the spam rule applied.
bool matches_filter(const Conversation& c, const Filter& f, std::string_view agent);

struct FilterCounts {
    uint32_t all = 0, unread = 0, response_needed = 0, customer_care = 0, failed = 0, spam = 0;
    uint32_t mine = 0;
    uint32_t marketplace[kMarketplaceCount] = {};
    uint32_t status[3] = {};                          // indexed by Status
    uint32_t wish_unhandled = 0, wish_history = 0;
    uint32_t ebay_from_members = 0, ebay_from_ebay = 0, ebay_high_priority = 0;
    // Every label on a non-spam conversation with its count, sorted by label ID.
    std::vector<std::pair<std::string, uint32_t>> labels;
    uint32_t follow_up = 0;                           // filled by run_query (it needs Query::today)

    uint32_t count(const Filter& f) const;            // the number shown next to filter f
    bool operator==(const FilterCounts& o) const;
    bool operator!=(const FilterCounts& o) const { return !(*this == o); }
};

class InboxIndex;
// One pass over the store; needs no index. ~10 ms native at 100k (it reads every message).
FilterCounts count_filters(const Store& store, const std::string& agent);
// From the index's per-conversation facts (kept current by update()); < 1 ms native at 100k,
// and free when nothing changed since the last call with the same agent (the result is cached).
FilterCounts count_filters(const InboxIndex& index, const std::string& agent);

struct Query {
    std::string filter = "all";
    SearchField field = SearchField::All;
    std::string text;                                 // empty = no search
    std::string agent;                                // for "mine"
    std::string today;                                // for "follow_up": the agent's day, "YYYY-MM-DD" ("" = nobody due)
    SortKey sort = SortKey::Urgency;
    bool descending = false;
    bool with_counts = true;                          // also fill QueryResult::counts
};

struct QueryResult {
    bool ok = true;
    std::string error;                                // when !ok: unknown filter, stale index
    std::vector<uint32_t> rows;                       // conversation indices in display order
    FilterCounts counts;
};

// Search, cached facts and sort keys for one Store. Call build() after loading or after
// conversations were removed or reordered, update(store, i) after conversation i changed or was
// appended (sync() indexes everything appended at once). Not thread-safe (sort keys are
// computed lazily inside run_query).
class InboxIndex {
public:
    void build(const Store& store);
    // Sliced build for a UI that must keep drawing: build_begin() computes the facts at once
    // (filters, counts, order-ID search and sorting work right away), build_step() indexes up to
    // `max_conversations` more conversations' text per call and returns true when done. Until then
    // text searches (subject, customer, all) fail with an "index is being built" error.
    void build_begin(const Store& store);
    bool build_step(const Store& store, size_t max_conversations);
    bool text_ready() const { return !text_.building(); }
    double build_progress(const Store& store) const { return text_.build_progress(store); }

    void update(const Store& store, size_t conv);
    void sync(const Store& store);
    // After customer `customer_id`'s follow-up date changed (op set_vip, or a journal replay of
    // one): refreshes the follow-up day of that customer's conversations, one pass over the
    // conversations' customer IDs. Returns how many conversations' day changed.
    size_t customer_changed(const Store& store, std::string_view customer_id);
    // How many conversations are in the "Follow up today" folder on `today` (follow_up_day()).
    uint32_t count_follow_up(int32_t today) const;
    size_t size() const { return facts_.size(); }
    bool in_sync(const Store& store) const { return facts_.size() == store.conversations.size(); }

    // Bitset over conversation indices of the conversations whose `field` matches `text`.
    // Returns false (out untouched) when `text` has nothing to search for. While the text index
    // is being built (text_ready() false) subject/customer/all searches find nothing.
    bool match_text(SearchField field, std::string_view text, std::vector<uint64_t>& out) const;

    SearchIndex& text_index() { return text_; }
    const SearchIndex& text_index() const { return text_; }

    struct Stats {
        size_t conversations = 0;
        size_t facts_bytes = 0;       // per-conversation facts, labels, signatures
        size_t order_id_bytes = 0;    // compacted order IDs
        size_t sort_bytes = 0;        // lazily computed sort ranks
        SearchIndexStats text;
        size_t bytes() const { return facts_bytes + order_id_bytes + sort_bytes + text.bytes(); }
    };
    Stats stats() const;

private:
    struct Facts {
        Time last_at = 0;
        uint32_t labels_at = 0;       // into label_pool_
        uint16_t labels_n = 0;
        uint16_t assignee = 0;        // 0 = none, else 1 + index into agents_
        uint8_t marketplace = 0, status = 0, spam = 0, folder = 0, flags = 0;
    };
    enum : uint8_t { kUnread = 1, kFailed = 2, kResponseNeeded = 4, kCustomerCare = 8 };
    enum : uint8_t { kDirtyId = 1, kDirtySubject = 2, kDirtyCustomer = 4, kDirtyOrder = 8, kDirtyAll = 15 };

    void refresh(const Store& store, uint32_t i, bool appended);
    uint32_t intern(std::vector<std::string>& names, std::unordered_map<std::string, uint32_t>& ids,
                    const std::string& s);
    int find_label(std::string_view label) const;
    int find_agent(std::string_view agent) const;   // 1 + index, 0 = unknown/empty
    bool passes(const Facts& f, const Filter& flt, int label, int agent) const;
    void ensure_sort(const Store& store, SortKey key) const;
    void set_order_id(uint32_t i, std::string_view compact);

    std::vector<Facts> facts_;
    // per conversation: its customer's follow_up_day() (handover.h), 0 when it has none or the
    // conversation is spam (spam leaves every folder but "spam"); due = 0 < day <= today's
    std::vector<int32_t> follow_up_;
    std::vector<uint32_t> label_pool_;
    size_t label_garbage_ = 0;
    std::vector<std::string> labels_;
    std::unordered_map<std::string, uint32_t> label_ids_;
    std::vector<std::string> agents_;
    std::unordered_map<std::string, uint32_t> agent_ids_;
    // fold_id(order_id) of conversation i in slot [i * width, (i + 1) * width), '\0'-padded: one
    // substring scan over the whole string finds every match, slot = position / width.
    std::string order_ids_;
    size_t order_width_ = 8;
    // per conversation: 64-bit sets of the characters (exact for 0-9 a-z) and of hashed adjacent
    // pairs of its compacted order ID: a query whose characters or pairs are missing cannot
    // match, so most slots are never scanned
    std::vector<uint64_t> order_chars_, order_pairs_;
    std::string scratch_id_;                 // refresh(): the compacted order ID being stored
    std::vector<uint64_t> text_sig_;         // hash of the indexed text: skip re-indexing when equal
    std::vector<uint64_t> sort_sig_;         // hash of id, subject, customer name, order ID
    SearchIndex text_;

    mutable uint8_t dirty_ = kDirtyAll;
    mutable std::vector<uint32_t> by_id_;    // conversation indices in conversation-ID order
    mutable std::vector<uint32_t> rank_subject_, rank_customer_, rank_order_;
    // count_filters(index, agent) result, reused while no conversation changed (version_)
    uint64_t version_ = 0;
    mutable uint64_t counts_version_ = ~uint64_t(0);
    mutable std::string counts_agent_;
    mutable FilterCounts counts_;
    // run_query's working memory, kept between calls (no page faults per keystroke)
    mutable std::vector<uint64_t> scratch_bits_, scratch_keys_, scratch_keys2_;
    mutable std::vector<uint32_t> scratch_rows2_;

    friend void run_query(const Store&, const InboxIndex&, const Query&, const std::vector<int64_t>*,
                          QueryResult&);
    friend FilterCounts count_filters(const InboxIndex&, const std::string&);
};

// Filters, searches and sorts. `urgency` (may be nullptr) holds one key per conversation index,
// smaller = more urgent (the SLA engine's); missing entries count as least urgent, so with nullptr
// the Urgency sort is conversation-ID order. Fails (ok = false) on an unknown filter name or an
// index that is not in sync with the store.
QueryResult run_query(const Store& store, const InboxIndex& index, const Query& query,
                      const std::vector<int64_t>* urgency);
// The same, reusing `out`'s memory (call it with the same QueryResult on every keystroke).
void run_query(const Store& store, const InboxIndex& index, const Query& query,
               const std::vector<int64_t>* urgency, QueryResult& out);

}  // namespace sd
