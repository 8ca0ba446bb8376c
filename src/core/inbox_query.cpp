#include "inbox_query.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include "handover.h"
#include "text_fold.h"

namespace sd {

// ---- names ------------------------------------------------------------------------------------
namespace {
const char* const kFieldNames[] = {"all", "order_id", "subject", "customer"};
const char* const kSortNames[] = {"urgency", "last_message", "customer", "marketplace", "subject",
                                  "order_id"};
// Longest compacted order ID kept for substring search (longer ones are clipped).
constexpr size_t kMaxOrderIdBytes = 63;
// Bit of a byte in InboxIndex::order_chars_: 0-9 and a-z exact, other bytes hashed into 36..63.
inline uint64_t char_bit(unsigned char c) {
    if (c >= '0' && c <= '9') return uint64_t(1) << (c - '0');
    if (c >= 'a' && c <= 'z') return uint64_t(1) << (10 + c - 'a');
    return uint64_t(1) << (36 + c % 28);
}
uint64_t char_set(std::string_view id) {
    uint64_t set = 0;
    for (unsigned char c : id) set |= char_bit(c);
    return set;
}

// The set of hashed adjacent byte pairs of a compacted ID (see InboxIndex::order_pairs_).
uint64_t pair_set(std::string_view id) {
    uint64_t set = 0;
    for (size_t i = 0; i + 1 < id.size(); ++i) {
        const uint32_t a = static_cast<unsigned char>(id[i]), b = static_cast<unsigned char>(id[i + 1]);
        set |= uint64_t(1) << ((a * 31u + b * 7u) & 63u);
    }
    return set;
}

// Marketplaces sorted by display name: Amazon, eBay, Tmall, Walmart, Wish.
const uint8_t kMarketplaceRank[kMarketplaceCount] = {3, 0, 1, 4, 2};

const char* const kFilterHelp =
    "expected all, unread, response_needed, customer_care, failed, spam, mine, "
    "marketplace:<walmart|amazon|ebay|wish|tmall>, "
    "status:<awaiting_seller|awaiting_customer|closed>, label:<label id>, "
    "wish:unhandled, wish:history, ebay:from_members, ebay:from_ebay, ebay:high_priority, follow_up";

bool fail(std::string* error, std::string msg) {
    if (error) *error = std::move(msg);
    return false;
}

// Change-detection hash of a field, 8 bytes per step (signatures of every message body are
// computed at build time, so this must be cheap).
uint64_t fnv(uint64_t h, std::string_view s) {
    const char* p = s.data();
    size_t n = s.size();
    h = (h ^ (uint64_t(n) * 0x9E3779B97F4A7C15ull)) * 0xff51afd7ed558ccdull;
    while (n >= 8) {
        uint64_t v;
        std::memcpy(&v, p, 8);
        h = (h ^ v) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
        p += 8;
        n -= 8;
    }
    uint64_t v = 0;
    if (n) std::memcpy(&v, p, n);
    h = (h ^ v) * 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 29);
}
constexpr uint64_t kFnvBasis = 1469598103934665603ull;

std::string_view customer_name(const Store& store, const Conversation& c) {
    const Customer* who = store.find_customer(c.customer_id);
    return who ? std::string_view(who->name) : std::string_view();
}

// The first 8 bytes of an ID as a big-endian number, zero-padded: a < b between two keys means
// the IDs compare the same way; equal keys need the whole IDs compared.
uint64_t id_prefix_key(std::string_view id) {
    uint64_t k = 0;
    for (size_t b = 0; b < 8; ++b) k = (k << 8) | (b < id.size() ? uint64_t(static_cast<unsigned char>(id[b])) : 0);
    return k;
}

inline void set_bit(std::vector<uint64_t>& b, size_t i) { b[i >> 6] |= uint64_t(1) << (i & 63); }

// Stable LSD radix sort of (key, value) pairs by key; byte passes where every key has the same
// byte are skipped (timestamps and ranks use only a few). tk/tv are scratch buffers; the vectors
// may be swapped with them.
void radix_sort(std::vector<uint64_t>& keys, std::vector<uint32_t>& vals, std::vector<uint64_t>& tk,
                std::vector<uint32_t>& tv) {
    const size_t n = keys.size();
    if (n < 2) return;
    if (n < 64) {   // insertion sort: stable, no allocation
        for (size_t i = 1; i < n; ++i) {
            const uint64_t k = keys[i];
            const uint32_t v = vals[i];
            size_t j = i;
            for (; j > 0 && keys[j - 1] > k; --j) {
                keys[j] = keys[j - 1];
                vals[j] = vals[j - 1];
            }
            keys[j] = k;
            vals[j] = v;
        }
        return;
    }
    uint32_t hist[8][256] = {};
    for (uint64_t k : keys)
        for (int b = 0; b < 8; ++b) ++hist[b][(k >> (8 * b)) & 0xff];
    tk.resize(n);
    tv.resize(n);
    for (int b = 0; b < 8; ++b) {
        uint32_t* h = hist[b];
        if (h[(keys[0] >> (8 * b)) & 0xff] == n) continue;
        uint32_t sum = 0;
        for (int d = 0; d < 256; ++d) {
            uint32_t c = h[d];
            h[d] = sum;
            sum += c;
        }
        const uint64_t* k = keys.data();
        const uint32_t* v = vals.data();
        uint64_t* ok = tk.data();
        uint32_t* ov = tv.data();
        for (size_t i = 0; i < n; ++i) {
            const uint32_t pos = h[(k[i] >> (8 * b)) & 0xff]++;
            ok[pos] = k[i];
            ov[pos] = v[i];
        }
        keys.swap(tk);
        vals.swap(tv);
    }
}

// Dense ranks of strings: equal strings get equal ranks.
std::vector<uint32_t> dense_ranks(std::vector<std::pair<std::string, uint32_t>>& items, size_t n) {
    std::sort(items.begin(), items.end());
    std::vector<uint32_t> rank(n, 0);
    uint32_t r = 0;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0 && items[i].first != items[i - 1].first) ++r;
        rank[items[i].second] = r;
    }
    return rank;
}
}  // namespace

const char* to_string(SearchField f) { return kFieldNames[int(f)]; }
const char* to_string(SortKey k) { return kSortNames[int(k)]; }
bool parse(std::string_view s, SearchField& out) { return parse_enum_name(s, kFieldNames, out); }
bool parse(std::string_view s, SortKey& out) { return parse_enum_name(s, kSortNames, out); }

// ---- filters ----------------------------------------------------------------------------------

bool parse_filter(std::string_view name, Filter& out, std::string* error) {
    Filter f;
    using K = Filter::Kind;
    const std::string quoted = "\"" + std::string(name) + "\"";
    if (name == "all") f.kind = K::All;
    else if (name == "unread") f.kind = K::Unread;
    else if (name == "response_needed") f.kind = K::ResponseNeeded;
    else if (name == "customer_care") f.kind = K::CustomerCare;
    else if (name == "failed") f.kind = K::Failed;
    else if (name == "spam") f.kind = K::Spam;
    else if (name == "mine") f.kind = K::Mine;
    else if (name == "follow_up") f.kind = K::FollowUp;
    else {
        const size_t colon = name.find(':');
        if (colon == std::string_view::npos)
            return fail(error, "unknown filter " + quoted + ": " + kFilterHelp);
        const std::string_view group = name.substr(0, colon), rest = name.substr(colon + 1);
        if (group == "marketplace") {
            f.kind = K::Marketplace;
            if (!parse(rest, f.marketplace))
                return fail(error, "unknown marketplace in filter " + quoted +
                                       ": expected walmart, amazon, ebay, wish or tmall");
        } else if (group == "status") {
            f.kind = K::Status;
            if (!parse(rest, f.status))
                return fail(error, "unknown status in filter " + quoted +
                                       ": expected awaiting_seller, awaiting_customer or closed");
        } else if (group == "label") {
            if (rest.empty()) return fail(error, "empty label in filter " + quoted + ": expected label:<label id>");
            if (rest == labels::kResponseNeeded) f.kind = K::ResponseNeeded;
            else if (rest == labels::kCustomerCare) f.kind = K::CustomerCare;
            else {
                f.kind = K::Label;
                f.label = std::string(rest);
            }
        } else if (group == "wish") {
            if (rest == "unhandled") f.kind = K::WishUnhandled;
            else if (rest == "history") f.kind = K::WishHistory;
            else return fail(error, "unknown Wish view in filter " + quoted + ": expected wish:unhandled or wish:history");
        } else if (group == "ebay") {
            f.kind = K::EbayFolder;
            if (!parse(rest, f.folder) || f.folder == EbayFolder::None)
                return fail(error, "unknown eBay folder in filter " + quoted +
                                       ": expected ebay:from_members, ebay:from_ebay or ebay:high_priority");
        } else {
            return fail(error, "unknown filter " + quoted + ": " + kFilterHelp);
        }
    }
    out = std::move(f);
    return true;
}

std::string format_filter(const Filter& f) {
    using K = Filter::Kind;
    switch (f.kind) {
        case K::All: return "all";
        case K::Unread: return "unread";
        case K::ResponseNeeded: return "response_needed";
        case K::CustomerCare: return "customer_care";
        case K::Failed: return "failed";
        case K::Spam: return "spam";
        case K::Mine: return "mine";
        case K::Marketplace: return std::string("marketplace:") + to_string(f.marketplace);
        case K::Status: return std::string("status:") + to_string(f.status);
        case K::Label: return "label:" + f.label;
        case K::WishUnhandled: return "wish:unhandled";
        case K::WishHistory: return "wish:history";
        case K::EbayFolder: return std::string("ebay:") + to_string(f.folder);
        case K::FollowUp: return "follow_up";
    }
    return "all";
}

const std::vector<std::string>& standard_filter_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v = {"all", "unread", "response_needed", "customer_care", "failed",
                                      "spam", "mine"};
        for (int m = 0; m < kMarketplaceCount; ++m)
            v.push_back(std::string("marketplace:") + to_string(Marketplace(m)));
        for (int s = 0; s < 3; ++s) v.push_back(std::string("status:") + to_string(Status(s)));
        v.push_back("wish:unhandled");
        v.push_back("wish:history");
        v.push_back("ebay:from_members");
        v.push_back("ebay:from_ebay");
        v.push_back("ebay:high_priority");
        return v;
    }();
    return names;
}

bool has_failed_message(const Conversation& c) {
    for (const Message& m : c.messages)
        if (m.direction == Direction::Outbound && m.delivery == Delivery::Failed) return true;
    return false;
}

bool matches_filter(const Conversation& c, const Filter& f, std::string_view agent) {
    using K = Filter::Kind;
    const bool spam = c.spam != SpamReason::None;
    if (f.kind == K::Spam) return spam;
    if (spam) return false;
    switch (f.kind) {
        case K::All: return true;
        case K::Unread: return c.unread;
        case K::ResponseNeeded: return c.has_label(labels::kResponseNeeded);
        case K::CustomerCare: return c.has_label(labels::kCustomerCare);
        case K::Failed: return has_failed_message(c);
        case K::Spam: return spam;
        case K::Mine: return !agent.empty() && c.assignee == agent;
        case K::Marketplace: return c.marketplace == f.marketplace;
        case K::Status: return c.status == f.status;
        case K::Label: return c.has_label(f.label);
        case K::WishUnhandled:
            return c.marketplace == Marketplace::Wish && c.status == Status::AwaitingSeller;
        case K::WishHistory:
            return c.marketplace == Marketplace::Wish && c.status != Status::AwaitingSeller;
        case K::EbayFolder: return c.marketplace == Marketplace::Ebay && c.folder == f.folder;
        case K::FollowUp: return false;   // needs the customers: run_query
    }
    return false;
}

// ---- counts -----------------------------------------------------------------------------------

uint32_t FilterCounts::count(const Filter& f) const {
    using K = Filter::Kind;
    switch (f.kind) {
        case K::All: return all;
        case K::Unread: return unread;
        case K::ResponseNeeded: return response_needed;
        case K::CustomerCare: return customer_care;
        case K::Failed: return failed;
        case K::Spam: return spam;
        case K::Mine: return mine;
        case K::Marketplace: return marketplace[int(f.marketplace)];
        case K::Status: return status[int(f.status)];
        case K::Label: {
            auto it = std::lower_bound(labels.begin(), labels.end(), f.label,
                                       [](const std::pair<std::string, uint32_t>& p,
                                          const std::string& l) { return p.first < l; });
            return it != labels.end() && it->first == f.label ? it->second : 0;
        }
        case K::WishUnhandled: return wish_unhandled;
        case K::WishHistory: return wish_history;
        case K::FollowUp: return follow_up;
        case K::EbayFolder:
            switch (f.folder) {
                case EbayFolder::FromMembers: return ebay_from_members;
                case EbayFolder::FromEbay: return ebay_from_ebay;
                case EbayFolder::HighPriority: return ebay_high_priority;
                case EbayFolder::None: return 0;
            }
    }
    return 0;
}

bool FilterCounts::operator==(const FilterCounts& o) const {
    return all == o.all && unread == o.unread && response_needed == o.response_needed &&
           customer_care == o.customer_care && failed == o.failed && spam == o.spam &&
           mine == o.mine && std::equal(marketplace, marketplace + kMarketplaceCount, o.marketplace) &&
           std::equal(status, status + 3, o.status) && wish_unhandled == o.wish_unhandled &&
           wish_history == o.wish_history && ebay_from_members == o.ebay_from_members &&
           ebay_from_ebay == o.ebay_from_ebay && ebay_high_priority == o.ebay_high_priority &&
           labels == o.labels && follow_up == o.follow_up;
}

namespace {
// Shared tally of one non-spam conversation.
inline void tally(FilterCounts& r, Marketplace mk, Status st, EbayFolder folder, bool unread,
                  bool failed, bool mine) {
    ++r.all;
    r.unread += unread;
    r.failed += failed;
    r.mine += mine;
    ++r.marketplace[int(mk)];
    ++r.status[int(st)];
    if (mk == Marketplace::Wish) {
        if (st == Status::AwaitingSeller) ++r.wish_unhandled;
        else ++r.wish_history;
    } else if (mk == Marketplace::Ebay) {
        r.ebay_from_members += folder == EbayFolder::FromMembers;
        r.ebay_from_ebay += folder == EbayFolder::FromEbay;
        r.ebay_high_priority += folder == EbayFolder::HighPriority;
    }
}

void finish_labels(FilterCounts& r) {
    std::sort(r.labels.begin(), r.labels.end());
    for (const auto& kv : r.labels) {
        if (kv.first == labels::kResponseNeeded) r.response_needed = kv.second;
        if (kv.first == labels::kCustomerCare) r.customer_care = kv.second;
    }
}
}  // namespace

FilterCounts count_filters(const Store& store, const std::string& agent) {
    FilterCounts r;
    std::unordered_map<std::string_view, uint32_t> labels;
    for (const Conversation& c : store.conversations) {
        if (c.spam != SpamReason::None) {
            ++r.spam;
            continue;
        }
        tally(r, c.marketplace, c.status, c.folder, c.unread, has_failed_message(c),
              !agent.empty() && c.assignee == agent);
        for (size_t j = 0; j < c.labels.size(); ++j) {
            bool dup = false;
            for (size_t k = 0; k < j && !dup; ++k) dup = c.labels[k] == c.labels[j];
            if (!dup) ++labels[c.labels[j]];
        }
    }
    r.labels.reserve(labels.size());
    for (const auto& kv : labels) r.labels.emplace_back(std::string(kv.first), kv.second);
    finish_labels(r);
    return r;
}

FilterCounts count_filters(const InboxIndex& ix, const std::string& agent) {
    if (ix.counts_version_ == ix.version_ && ix.counts_agent_ == agent) return ix.counts_;
    FilterCounts r;
    const int me = ix.find_agent(agent);
    std::vector<uint32_t> per_label(ix.labels_.size(), 0);
    const uint32_t* pool = ix.label_pool_.data();
    for (const InboxIndex::Facts& f : ix.facts_) {
        if (f.spam) {
            ++r.spam;
            continue;
        }
        tally(r, Marketplace(f.marketplace), Status(f.status), EbayFolder(f.folder),
              f.flags & InboxIndex::kUnread, f.flags & InboxIndex::kFailed,
              me && f.assignee == me);
        for (uint32_t k = 0; k < f.labels_n; ++k) ++per_label[pool[f.labels_at + k]];
    }
    for (size_t i = 0; i < per_label.size(); ++i)
        if (per_label[i]) r.labels.emplace_back(ix.labels_[i], per_label[i]);
    finish_labels(r);
    ix.counts_ = r;
    ix.counts_agent_ = agent;
    ix.counts_version_ = ix.version_;
    return r;
}

// ---- InboxIndex -------------------------------------------------------------------------------

uint32_t InboxIndex::intern(std::vector<std::string>& names,
                            std::unordered_map<std::string, uint32_t>& ids, const std::string& s) {
    auto it = ids.find(s);
    if (it != ids.end()) return it->second;
    uint32_t id = uint32_t(names.size());
    names.push_back(s);
    ids.emplace(s, id);
    return id;
}

int InboxIndex::find_label(std::string_view label) const {
    auto it = label_ids_.find(std::string(label));
    return it == label_ids_.end() ? -1 : int(it->second);
}

int InboxIndex::find_agent(std::string_view agent) const {
    if (agent.empty()) return 0;
    auto it = agent_ids_.find(std::string(agent));
    return it == agent_ids_.end() ? 0 : int(it->second) + 1;
}

void InboxIndex::refresh(const Store& store, uint32_t i, bool appended) {
    const Conversation& c = store.conversations[i];
    ++version_;
    if (appended) {
        facts_.emplace_back();
        follow_up_.push_back(0);
        text_sig_.push_back(0);
        sort_sig_.push_back(0);
    }
    Facts& f = facts_[i];
    f.last_at = c.last_message_at();
    f.marketplace = uint8_t(c.marketplace);
    f.status = uint8_t(c.status);
    f.spam = uint8_t(c.spam);
    f.folder = uint8_t(c.folder);
    f.flags = uint8_t((c.unread ? kUnread : 0) | (has_failed_message(c) ? kFailed : 0) |
                      (c.has_label(labels::kResponseNeeded) ? kResponseNeeded : 0) |
                      (c.has_label(labels::kCustomerCare) ? kCustomerCare : 0));
    f.assignee = c.assignee.empty() ? 0 : uint16_t(1 + intern(agents_, agent_ids_, c.assignee));

    // labels: unique interned IDs in the pool
    uint32_t ids[16];
    std::vector<uint32_t> many;
    uint32_t* lab = ids;
    size_t nl = 0;
    if (c.labels.size() > 16) {
        many.resize(c.labels.size());
        lab = many.data();
    }
    for (const std::string& l : c.labels) {
        uint32_t id = intern(labels_, label_ids_, l);
        if (std::find(lab, lab + nl, id) == lab + nl) lab[nl++] = id;
    }
    nl = std::min<size_t>(nl, 0xffff);
    const bool same = !appended && f.labels_n == nl &&
                      std::equal(lab, lab + nl, label_pool_.begin() + f.labels_at);
    if (!same) {
        if (!appended && nl <= f.labels_n) {
            label_garbage_ += f.labels_n - nl;
        } else {
            if (!appended) label_garbage_ += f.labels_n;
            f.labels_at = uint32_t(label_pool_.size());
            label_pool_.resize(label_pool_.size() + nl);
        }
        std::copy(lab, lab + nl, label_pool_.begin() + f.labels_at);
        f.labels_n = uint16_t(nl);
    }
    if (label_garbage_ > 4096 && label_garbage_ * 2 > label_pool_.size()) {
        std::vector<uint32_t> pool;
        pool.reserve(label_pool_.size() - label_garbage_);
        for (Facts& g : facts_) {
            uint32_t at = uint32_t(pool.size());
            pool.insert(pool.end(), label_pool_.begin() + g.labels_at,
                        label_pool_.begin() + g.labels_at + g.labels_n);
            g.labels_at = at;
        }
        label_pool_.swap(pool);
        label_garbage_ = 0;
    }

    // compacted order ID
    std::string& id = scratch_id_;   // reused: no allocation per conversation
    id.clear();
    fold_id_append(c.order_id, id);
    if (id.size() > kMaxOrderIdBytes) {   // clip at a code point boundary
        size_t cut = kMaxOrderIdBytes;
        while (cut > 0 && (static_cast<unsigned char>(id[cut]) & 0xC0) == 0x80) --cut;
        id.resize(cut);
    }
    if (appended) order_ids_.append(order_width_, '\0');
    set_order_id(i, id);

    // the customer's follow-up day, and the change signatures
    const Customer* who = store.find_customer(c.customer_id);
    follow_up_[i] = who && !f.spam ? follow_up_day(who->follow_up) : 0;
    const std::string_view name = who ? std::string_view(who->name) : std::string_view();
    uint64_t s = fnv(fnv(fnv(fnv(kFnvBasis, c.id), c.subject), name), c.order_id);
    sort_sig_[i] = s;
    uint64_t t = fnv(fnv(fnv(kFnvBasis, c.subject), name), c.order_id);
    for (const Message& m : c.messages) t = fnv(t, m.body);
    text_sig_[i] = t;
}

void InboxIndex::set_order_id(uint32_t i, std::string_view id) {
    if (id.size() >= order_width_) {         // widen every slot (geometrically: rare)
        const size_t w = std::min(kMaxOrderIdBytes + 1, std::max(id.size() + 1, order_width_ + order_width_ / 2));
        const size_t slots = order_ids_.size() / order_width_;
        std::string wide(slots * w, '\0');
        for (size_t k = 0; k < slots; ++k)
            std::memcpy(&wide[k * w], order_ids_.data() + k * order_width_, order_width_);
        order_ids_.swap(wide);
        order_width_ = w;
    }
    char* slot = &order_ids_[size_t(i) * order_width_];
    std::memset(slot, 0, order_width_);
    std::memcpy(slot, id.data(), id.size());
    if (order_pairs_.size() <= i) {
        order_pairs_.resize(size_t(i) + 1, 0);
        order_chars_.resize(size_t(i) + 1, 0);
    }
    order_pairs_[i] = pair_set(id);
    order_chars_[i] = char_set(id);
}

void InboxIndex::build(const Store& store) {
    build_begin(store);
    build_step(store, SIZE_MAX);
}

bool InboxIndex::build_step(const Store& store, size_t max_conversations) {
    if (facts_.size() < store.conversations.size()) update(store, store.conversations.size() - 1);
    return text_.build_step(store, max_conversations);
}

void InboxIndex::build_begin(const Store& store) {
    const size_t n = store.conversations.size();
    ++version_;
    facts_.clear();
    follow_up_.clear();
    label_pool_.clear();
    label_garbage_ = 0;
    labels_.clear();
    label_ids_.clear();
    agents_.clear();
    agent_ids_.clear();
    order_ids_.clear();
    order_width_ = 8;
    order_pairs_.clear();
    order_chars_.clear();
    text_sig_.clear();
    sort_sig_.clear();
    facts_.reserve(n);
    follow_up_.reserve(n);
    order_ids_.reserve(n * 16);
    order_pairs_.reserve(n);
    order_chars_.reserve(n);
    text_sig_.reserve(n);
    sort_sig_.reserve(n);
    for (size_t i = 0; i < n; ++i) refresh(store, uint32_t(i), true);
    text_.build_begin(store);
    dirty_ = kDirtyAll;
}

void InboxIndex::update(const Store& store, size_t conv) {
    const size_t n = store.conversations.size();
    if (conv >= n) return;
    if (conv >= facts_.size()) {
        for (size_t j = facts_.size(); j <= conv; ++j) {
            refresh(store, uint32_t(j), true);
            text_.update(store, j);
        }
        dirty_ = kDirtyAll;
        return;
    }
    const uint64_t text_before = text_sig_[conv], sort_before = sort_sig_[conv];
    refresh(store, uint32_t(conv), false);
    if (text_sig_[conv] != text_before) text_.update(store, conv);
    if (sort_sig_[conv] != sort_before) dirty_ = kDirtyAll;
}

void InboxIndex::sync(const Store& store) {
    if (store.conversations.size() < facts_.size()) build(store);
    else if (store.conversations.size() > facts_.size()) update(store, store.conversations.size() - 1);
}

// No version_ bump: count_filters(index, agent) does not count the follow-up folder.
size_t InboxIndex::customer_changed(const Store& store, std::string_view customer_id) {
    const Customer* who = store.find_customer(customer_id);
    const int32_t day = who ? follow_up_day(who->follow_up) : 0;
    const size_t n = std::min(facts_.size(), store.conversations.size());
    size_t changed = 0;
    for (size_t i = 0; i < n; ++i) {
        if (store.conversations[i].customer_id != customer_id) continue;
        const int32_t d = facts_[i].spam ? 0 : day;
        changed += follow_up_[i] != d;
        follow_up_[i] = d;
    }
    return changed;
}

uint32_t InboxIndex::count_follow_up(int32_t today) const {
    uint32_t n = 0;   // 0 < day <= today as one unsigned comparison (day 0 wraps to the top)
    for (int32_t day : follow_up_) n += uint32_t(day - 1) < uint32_t(today);
    return n;
}

bool InboxIndex::match_text(SearchField field, std::string_view text,
                            std::vector<uint64_t>& out) const {
    const size_t n = facts_.size();
    auto scan_ids = [&](const std::string& q) {   // q has no '\0': a match never crosses slots
        const SubstringFinder finder(q);
        const size_t w = order_width_;
        const uint64_t need_pairs = pair_set(q), need_chars = char_set(q);
        const uint64_t* pairs = order_pairs_.data();
        const uint64_t* chars = order_chars_.data();
        const unsigned char c0 = static_cast<unsigned char>(q[0]);
        if (q.size() == 1 && ((c0 >= '0' && c0 <= '9') || (c0 >= 'a' && c0 <= 'z'))) {
            for (size_t i = 0; i < n; ++i)                 // exact: no need to look at the ID
                if (chars[i] & need_chars) set_bit(out, i);
            return;
        }
        for (size_t i = 0; i < n; ++i)
            if ((pairs[i] & need_pairs) == need_pairs && (chars[i] & need_chars) == need_chars &&
                finder.in(std::string_view(order_ids_.data() + i * w, w)))
                set_bit(out, i);
    };
    switch (field) {
        case SearchField::OrderId: {
            const std::string q = fold_id(text);
            if (q.empty()) return false;
            out.assign(bitset_words(n), 0);
            scan_ids(q);
            return true;
        }
        case SearchField::Subject:
        case SearchField::Customer:
        case SearchField::All: break;
    }
    const TextField tf = field == SearchField::Subject    ? TextField::Subject
                         : field == SearchField::Customer ? TextField::Customer
                                                          : TextField::All;
    if (!text_.match(tf, text, out)) return false;
    if (text_.building()) {   // nothing indexed yet
        out.assign(bitset_words(n), 0);
        return true;
    }
    out.resize(bitset_words(n), 0);   // (same size unless update() was skipped)
    if (field == SearchField::All) {
        const std::string q = fold_id(text);
        if (std::any_of(q.begin(), q.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) scan_ids(q);
    }
    return true;
}

void InboxIndex::ensure_sort(const Store& store, SortKey key) const {
    const size_t n = facts_.size();
    if (dirty_ & kDirtyId) {
        // Radix sort on the IDs' first 8 bytes (big-endian, zero-padded: the same order as
        // comparing those bytes), then only runs sharing a prefix are compared whole: at 100,000
        // in Chromium 13-22 ms instead of 103-122 ms comparing strings throughout.
        std::vector<uint64_t>& keys = scratch_keys_;
        by_id_.resize(n);
        keys.resize(n);
        std::iota(by_id_.begin(), by_id_.end(), 0u);
        for (size_t i = 0; i < n; ++i) keys[i] = id_prefix_key(store.conversations[i].id);
        radix_sort(keys, by_id_, scratch_keys2_, scratch_rows2_);   // stable: ties stay in index order
        auto whole = [&](uint32_t a, uint32_t b) {
            const std::string& x = store.conversations[a].id;
            const std::string& y = store.conversations[b].id;
            return x != y ? x < y : a < b;
        };
        for (size_t i = 0; i < n;) {
            size_t j = i + 1;
            while (j < n && keys[j] == keys[i]) ++j;
            if (j - i > 1) std::sort(by_id_.begin() + long(i), by_id_.begin() + long(j), whole);
            i = j;
        }
        dirty_ &= uint8_t(~kDirtyId);
    }
    std::vector<std::pair<std::string, uint32_t>> items;
    auto ranks = [&](auto&& text_of) {
        items.clear();
        items.reserve(n);
        for (size_t i = 0; i < n; ++i) items.emplace_back(fold(text_of(store.conversations[i])), uint32_t(i));
        return dense_ranks(items, n);
    };
    if (key == SortKey::Subject && (dirty_ & kDirtySubject)) {
        rank_subject_ = ranks([](const Conversation& c) { return std::string_view(c.subject); });
        dirty_ &= uint8_t(~kDirtySubject);
    } else if (key == SortKey::Customer && (dirty_ & kDirtyCustomer)) {
        rank_customer_ = ranks([&](const Conversation& c) { return customer_name(store, c); });
        dirty_ &= uint8_t(~kDirtyCustomer);
    } else if (key == SortKey::OrderId && (dirty_ & kDirtyOrder)) {
        rank_order_ = ranks([](const Conversation& c) { return std::string_view(c.order_id); });
        dirty_ &= uint8_t(~kDirtyOrder);
    }
}

bool InboxIndex::passes(const Facts& f, const Filter& flt, int label, int agent) const {
    using K = Filter::Kind;
    if (flt.kind == K::Spam) return f.spam != 0;
    if (f.spam) return false;
    switch (flt.kind) {
        case K::All: return true;
        case K::Unread: return f.flags & kUnread;
        case K::ResponseNeeded: return f.flags & kResponseNeeded;
        case K::CustomerCare: return f.flags & kCustomerCare;
        case K::Failed: return f.flags & kFailed;
        case K::Spam: return f.spam != 0;
        case K::Mine: return agent && f.assignee == agent;
        case K::Marketplace: return f.marketplace == uint8_t(flt.marketplace);
        case K::Status: return f.status == uint8_t(flt.status);
        case K::Label: {
            if (label < 0) return false;
            const uint32_t* p = label_pool_.data() + f.labels_at;
            return std::find(p, p + f.labels_n, uint32_t(label)) != p + f.labels_n;
        }
        case K::WishUnhandled:
            return f.marketplace == uint8_t(Marketplace::Wish) && f.status == uint8_t(Status::AwaitingSeller);
        case K::WishHistory:
            return f.marketplace == uint8_t(Marketplace::Wish) && f.status != uint8_t(Status::AwaitingSeller);
        case K::EbayFolder:
            return f.marketplace == uint8_t(Marketplace::Ebay) && f.folder == uint8_t(flt.folder);
        case K::FollowUp: return false;   // needs the customers: run_query
    }
    return false;
}

InboxIndex::Stats InboxIndex::stats() const {
    Stats s;
    s.conversations = facts_.size();
    s.facts_bytes = facts_.capacity() * sizeof(Facts) + (follow_up_.capacity() + label_pool_.capacity()) * 4 +
                    (text_sig_.capacity() + sort_sig_.capacity()) * 8;
    s.order_id_bytes = order_ids_.capacity() + (order_pairs_.capacity() + order_chars_.capacity()) * 8;
    s.sort_bytes = (by_id_.capacity() + rank_subject_.capacity() + rank_customer_.capacity() +
                    rank_order_.capacity()) * 4;
    s.text = text_.stats();
    return s;
}

// ---- the query --------------------------------------------------------------------------------

void run_query(const Store& store, const InboxIndex& index, const Query& q,
               const std::vector<int64_t>* urgency, QueryResult& r) {
    r.ok = true;
    r.error.clear();
    r.rows.clear();
    Filter filter;
    if (!parse_filter(q.filter, filter, &r.error)) {
        r.ok = false;
        r.counts = FilterCounts();
        return;
    }
    const int32_t today = follow_up_day(q.today);
    if (!q.today.empty() && today == 0) {
        r.ok = false;
        r.error = "today \"" + q.today + "\" is not a date YYYY-MM-DD";
        r.counts = FilterCounts();
        return;
    }
    if (!index.in_sync(store)) {
        r.ok = false;
        r.error = "inbox index out of date: it holds " + std::to_string(index.size()) +
                  " conversations, the store " + std::to_string(store.conversations.size()) +
                  " (call InboxIndex::sync or build)";
        r.counts = FilterCounts();
        return;
    }
    std::vector<uint64_t>& bits = index.scratch_bits_;
    const bool searching = index.match_text(q.field, q.text, bits);
    if (searching && q.field != SearchField::OrderId && !index.text_ready()) {
        r.ok = false;
        r.error = "the search index is being built (" +
                  std::to_string(int(index.build_progress(store) * 100)) + "% done): try again shortly";
        r.counts = FilterCounts();
        return;
    }
    index.ensure_sort(store, q.sort);

    const int label = filter.kind == Filter::Kind::Label ? index.find_label(filter.label) : -1;
    const int agent = index.find_agent(q.agent);
    const std::vector<InboxIndex::Facts>& facts = index.facts_;
    const std::vector<int32_t>& days = index.follow_up_;   // 0 < day <= today: due (spam is 0)
    auto follow_up = [&](uint32_t i) { return uint32_t(days[i] - 1) < uint32_t(today); };
    const bool follow_up_filter = filter.kind == Filter::Kind::FollowUp;
    std::vector<uint32_t>& rows = r.rows;
    rows.reserve(searching ? 256 : facts.size());
    for (uint32_t i : index.by_id_) {
        if (searching && !bitset_test(bits, i)) continue;
        if (follow_up_filter ? !follow_up(i) : !index.passes(facts[i], filter, label, agent)) continue;
        rows.push_back(i);
    }

    std::vector<uint64_t>& keys = index.scratch_keys_;
    keys.resize(rows.size());
    constexpr uint64_t kSign = uint64_t(1) << 63;
    const uint64_t flip = q.descending ? ~uint64_t(0) : 0;
    auto fill = [&](auto&& key_of) {
        for (size_t k = 0; k < rows.size(); ++k) keys[k] = key_of(rows[k]) ^ flip;
    };
    switch (q.sort) {
        case SortKey::Urgency:
            if (urgency) {
                const std::vector<int64_t>& u = *urgency;
                fill([&](uint32_t i) { return i < u.size() ? uint64_t(u[i]) ^ kSign : UINT64_MAX; });
            } else {
                fill([](uint32_t) { return UINT64_MAX; });
            }
            break;
        case SortKey::LastMessage: fill([&](uint32_t i) { return uint64_t(facts[i].last_at) ^ kSign; }); break;
        case SortKey::Customer: fill([&](uint32_t i) { return uint64_t(index.rank_customer_[i]); }); break;
        case SortKey::Marketplace:
            fill([&](uint32_t i) { return uint64_t(kMarketplaceRank[facts[i].marketplace]); });
            break;
        case SortKey::Subject: fill([&](uint32_t i) { return uint64_t(index.rank_subject_[i]); }); break;
        case SortKey::OrderId: fill([&](uint32_t i) { return uint64_t(index.rank_order_[i]); }); break;
    }
    radix_sort(keys, rows, index.scratch_keys2_, index.scratch_rows2_);
    if (q.with_counts) {
        r.counts = count_filters(index, q.agent);
        if (follow_up_filter && !searching) r.counts.follow_up = uint32_t(rows.size());   // the rows are the folder
        else r.counts.follow_up = index.count_follow_up(today);
    }
}

QueryResult run_query(const Store& store, const InboxIndex& index, const Query& q,
                      const std::vector<int64_t>* urgency) {
    QueryResult r;
    run_query(store, index, q, urgency, r);
    return r;
}

}  // namespace sd
