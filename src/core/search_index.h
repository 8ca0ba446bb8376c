// Full-text index over conversations: word-prefix search of folded text, CJK by character bigrams,
// incremental re-indexing of single conversations.
//
//   sd::SearchIndex ix;
//   ix.build(store);                                   // ~2 s native, ~3 s wasm at 100k (95 MB text)
//   std::vector<uint64_t> bits;                        // one bit per conversation index
//   if (ix.match(sd::TextField::All, "ret req", bits)) { ...bit i set = conversation i matches }
//   store.conversations[7].messages.push_back(m);
//   ix.update(store, 7);                               // re-index one conversation, no rebuild
//
// What is indexed per conversation (field tags keep fields apart in one dictionary):
//   All      = subject + customer name + order ID + every message body
//   Subject  = subject
//   Customer = customer name (store.find_customer(c.customer_id); the Store must be reindex()ed)
// Text is folded (text_fold.h) and split into words; a word is a term. A CJK run "我想退货"
// yields its bigrams "我想" "想退" "退货" plus its last character "货" as terms, so every CJK
// character starts at least one term.
//
// Matching (identical to a brute-force scan, see docs/search.md): the query is folded and split
// the same way; every query word must match (AND, any order):
//   * a non-CJK word matches when it is a prefix of some word of the field ("ret" ~ "return");
//   * a CJK run matches when it occurs in the field's folded text: 1-2 characters are one prefix
//     lookup; longer runs intersect their bigrams, then the candidates are verified against a
//     compact copy of each conversation's folded CJK runs kept by the index (no store access).
//
// Layout: a sorted base segment (term bytes, offsets, varint-delta posting lists of conversation
// indices) plus a small delta segment holding re-indexed conversations; a conversation in the
// delta is masked out of the base by a "stale" bitset. When the delta grows past its threshold it
// is merged into a new base in O(index size) without re-reading the store (compact()).
//
// Not thread-safe; no exceptions beyond std::bad_alloc.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>
#include "model.h"

namespace sd {

enum class TextField : uint8_t { All = 1, Subject = 2, Customer = 3 };

struct SearchIndexStats {
    size_t conversations = 0;        // indexed conversations (base + appended)
    size_t base_conversations = 0;
    size_t terms = 0;                // distinct terms in the base (all fields)
    size_t postings = 0;             // (term, conversation) pairs in the base
    size_t base_bytes = 0;           // term bytes + offsets + encoded postings + stale bitset
    size_t delta_conversations = 0;  // re-indexed since the last compaction
    size_t delta_terms = 0;
    size_t delta_bytes = 0;          // estimate, including container overhead
    size_t cjk_bytes = 0;            // folded CJK text kept to verify CJK runs of 3+ characters
    size_t bytes() const { return base_bytes + delta_bytes + cjk_bytes; }
};

class SearchIndex {
public:
    SearchIndex();
    ~SearchIndex();
    SearchIndex(SearchIndex&&) noexcept;
    SearchIndex& operator=(SearchIndex&&) noexcept;

    // Indexes every conversation of the store from scratch (the delta is dropped).
    void build(const Store& store);
    // The same in slices, for a UI that must keep drawing frames: build_begin(), then
    // build_step() once per frame until it returns true. Meanwhile match() finds nothing
    // (building() is true) and update() is remembered and applied at the end; conversations
    // appended to the store meanwhile are included.
    void build_begin(const Store& store);
    bool build_step(const Store& store, size_t max_conversations);
    bool building() const { return builder_ != nullptr; }
    double build_progress(const Store& store) const;   // 0..1
    // Re-indexes conversation `conv` after its text changed (new message, edited subject...), or
    // indexes it when it was appended to the store (conversations between the old size and `conv`
    // are indexed too). Removing or reordering conversations needs build().
    void update(const Store& store, size_t conv);
    // Merges the delta into the base. update() calls it when the delta holds more than
    // compact_threshold() conversations.
    void compact();
    void clear();

    size_t size() const { return n_; }
    // 0 (default) = automatic: max(256, size() / 16).
    void set_compact_threshold(size_t conversations) { threshold_ = conversations; }
    size_t compact_threshold() const;

    // Sets `out` to a bitset over conversation indices [0, size()): bit i is set when every word of
    // `query` matches in `field` of conversation i. Returns false, leaving `out` untouched, when
    // the query has no words (empty or only punctuation): the caller should not filter then.
    bool match(TextField field, std::string_view query, std::vector<uint64_t>& out) const;

    SearchIndexStats stats() const;

    // Every term with its (sorted) conversations as a query would see them: base minus stale
    // plus delta. For tests: an incrementally updated index dumps the same as a rebuilt one.
    std::vector<std::pair<std::string, std::vector<uint32_t>>> dump() const;

private:
    using DeltaMap = std::map<std::string, std::vector<uint32_t>, std::less<>>;
    struct Builder;

    void reindex_one(const Store& store, uint32_t conv);
    void remove_from_delta(uint32_t conv);
    // Calls f(term, sorted conversations) for every live term in term order.
    template <class F>
    void merged_terms(F&& f) const;
    std::string_view term(size_t k) const {
        return std::string_view(terms_.data() + term_off_[k], term_off_[k + 1] - term_off_[k]);
    }
    std::pair<size_t, size_t> base_range(std::string_view prefix) const;
    void lookup(std::string_view prefix, std::vector<uint64_t>& bits) const;

    // base segment
    std::string terms_;                 // sorted terms, concatenated (first byte = field tag)
    std::vector<uint32_t> term_off_;    // term k = terms_[term_off_[k], term_off_[k+1])
    std::vector<uint32_t> post_off_;    // postings of term k = postings_[post_off_[k], post_off_[k+1])
    std::vector<uint8_t> postings_;     // LEB128 gaps, first gap from -1
    size_t base_postings_ = 0;
    uint32_t base_n_ = 0;               // conversations [0, base_n_) are in the base
    std::vector<uint64_t> stale_;       // bit i: conversation i's base postings are outdated
    // folded CJK runs of every conversation (see conversation_terms), to verify runs of 3+ chars
    std::string cjk_;
    std::vector<uint32_t> cjk_at_, cjk_len_;
    size_t cjk_garbage_ = 0;
    // delta segment
    DeltaMap delta_;
    std::unordered_map<uint32_t, std::vector<DeltaMap::iterator>> delta_conv_;
    size_t delta_postings_ = 0;

    uint32_t n_ = 0;
    size_t threshold_ = 0;
    std::unique_ptr<Builder> builder_;
};

// Bitset helpers for the match() output.
inline size_t bitset_words(size_t n) { return (n + 63) / 64; }
inline bool bitset_test(const std::vector<uint64_t>& b, size_t i) {
    return (b[i >> 6] >> (i & 63)) & 1u;
}

}  // namespace sd
