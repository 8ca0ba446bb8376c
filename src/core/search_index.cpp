#include "search_index.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <numeric>
#include "text_fold.h"

namespace sd {

namespace {

constexpr char kTagAll = char(TextField::All);
constexpr char kTagSubject = char(TextField::Subject);
constexpr char kTagCustomer = char(TextField::Customer);
constexpr char kCjkFieldEnd = '\x01';

// The part of a conversation's CJK text (see conversation_terms) that belongs to `field`.
std::string_view cjk_field(std::string_view all, TextField field) {
    if (field == TextField::All || all.empty()) return all;
    const size_t a = all.find(kCjkFieldEnd);
    const size_t b = all.find(kCjkFieldEnd, a + 1);
    if (field == TextField::Subject) return all.substr(0, a);
    return all.substr(a + 1, b - a - 1);
}

inline size_t utf8_len(unsigned char lead) {
    return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

// Calls f(term) for the terms of a CJK run: each bigram, then the last character.
template <class F>
void cjk_terms(std::string_view run, F&& f) {
    size_t a = 0;
    size_t la = utf8_len(static_cast<unsigned char>(run[0]));
    while (a + la < run.size()) {
        size_t lb = utf8_len(static_cast<unsigned char>(run[a + la]));
        f(run.substr(a, la + lb));
        a += la;
        la = lb;
    }
    f(run.substr(a, la));
}

size_t cjk_chars(std::string_view run) {
    size_t k = 0;
    for (unsigned char b : run) k += (b & 0xC0) != 0x80;
    return k;
}

// Calls emit(key) with key = tag + term for every term occurrence of a conversation (with
// duplicates; the caller de-duplicates), and sets `cjk` to the conversation's folded CJK runs:
//   subject runs '\x01' customer-name runs '\x01' order-ID and message runs
// each run followed by '\n' (empty when the conversation has no CJK text at all).
template <class Emit>
void conversation_terms(const Store& store, const Conversation& c, std::string& buf, std::string& cjk,
                        Emit&& emit) {
    char key[1 + kMaxWordBytes + 8];        // tag + a clipped word, or tag + a CJK bigram (<= 8 bytes)
    auto put = [&](char tag, std::string_view t) {
        key[0] = tag;
        std::memcpy(key + 1, t.data(), t.size());
        emit(std::string_view(key, 1 + t.size()));
    };
    bool any_cjk = false;
    cjk.clear();
    auto add = [&](std::string_view raw, char extra) {
        buf.clear();
        fold_append(raw, buf);
        for_each_word(buf, [&](std::string_view w, bool is_cjk) {
            if (!is_cjk) {
                put(kTagAll, w);
                if (extra) put(extra, w);
            } else {
                cjk_terms(w, [&](std::string_view t) {
                    put(kTagAll, t);
                    if (extra) put(extra, t);
                });
                cjk.append(w.data(), w.size());
                cjk.push_back('\n');
                any_cjk = true;
            }
        });
    };
    add(c.subject, kTagSubject);
    cjk.push_back(kCjkFieldEnd);
    if (const Customer* who = store.find_customer(c.customer_id)) add(who->name, kTagCustomer);
    cjk.push_back(kCjkFieldEnd);
    add(c.order_id, 0);
    for (const Message& m : c.messages) add(m.body, 0);
    if (!any_cjk) cjk.clear();
}

void put_varint(std::vector<uint8_t>& out, uint32_t v) {
    while (v >= 0x80) {
        out.push_back(uint8_t(v | 0x80));
        v >>= 7;
    }
    out.push_back(uint8_t(v));
}

// Decodes one posting list and calls f(conversation) in increasing order.
template <class F>
inline void decode_postings(const uint8_t* p, const uint8_t* end, F&& f) {
    uint32_t cur = UINT32_MAX;
    while (p < end) {
        uint32_t v = *p++;
        if (v >= 0x80) {
            v &= 0x7F;
            int shift = 7;
            uint32_t b;
            do {
                b = *p++;
                v |= (b & 0x7F) << shift;
                shift += 7;
            } while (b >= 0x80);
        }
        cur += v;
        f(cur);
    }
}

uint64_t hash_bytes(std::string_view s) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char ch : s) {
        h ^= ch;
        h *= 1099511628211ull;
    }
    return h ^ (h >> 29);
}

// Build-time dictionary: open addressing over an arena of term bytes. A slot holds
// (upper 32 bits of the hash << 32) | (id + 1), so most mismatches never touch the arena.
class TermTable {
public:
    TermTable() : slots_(1u << 16, 0) { off_.push_back(0); }
    uint32_t id(std::string_view key) {
        if ((count_ + 1) * 2 > slots_.size()) grow();
        const size_t mask = slots_.size() - 1;
        const uint64_t h = hash_bytes(key);
        const uint64_t tag = h >> 32 << 32;
        size_t s = size_t(h) & mask;
        while (true) {
            const uint64_t v = slots_[s];
            if (v == 0) {
                arena_.append(key.data(), key.size());
                off_.push_back(uint32_t(arena_.size()));
                slots_[s] = tag | uint64_t(++count_);
                return uint32_t(count_ - 1);
            }
            if ((v >> 32 << 32) == tag) {
                const uint32_t id = uint32_t(v) - 1;
                if (get(id) == key) return id;
            }
            s = (s + 1) & mask;
        }
    }
    size_t size() const { return count_; }
    std::string_view get(size_t k) const {
        return std::string_view(arena_.data() + off_[k], off_[k + 1] - off_[k]);
    }

private:
    void grow() {
        std::vector<uint64_t> old(slots_.size() * 2, 0);
        old.swap(slots_);
        const size_t mask = slots_.size() - 1;
        for (uint64_t v : old) {
            if (!v) continue;
            size_t s = size_t(hash_bytes(get(uint32_t(v) - 1))) & mask;
            while (slots_[s]) s = (s + 1) & mask;
            slots_[s] = v;
        }
    }
    std::string arena_;
    std::vector<uint32_t> off_;
    std::vector<uint64_t> slots_;
    size_t count_ = 0;
};

// Build-time posting lists: per term a chain of 16-byte chunks (12 payload bytes + next index)
// in one pool, so appending never reallocates per term.
class PostingPool {
public:
    static constexpr uint32_t kPayload = 12;
    struct Term {
        uint32_t head = 0, tail = 0;   // chunk indices (0 = none yet)
        uint32_t last = UINT32_MAX;    // last conversation appended
        uint32_t used = 0;             // bytes used in the tail chunk
        uint32_t bytes = 0;            // total encoded bytes
    };
    PostingPool() { chunks_.emplace_back(); }   // chunk 0 = "none"
    void ensure(size_t terms) {
        if (terms_.size() < terms) terms_.resize(terms);
    }
    // Appends conversation `conv` to term `id` unless it is already its last entry.
    bool add(uint32_t id, uint32_t conv) {
        Term& t = terms_[id];
        if (t.last == conv) return false;
        uint32_t v = conv - t.last;   // first gap from -1 (wraps to conv + 1)
        t.last = conv;
        while (true) {
            uint8_t b = uint8_t(v & 0x7F);
            v >>= 7;
            if (v) b |= 0x80;
            put(t, b);
            if (!v) break;
        }
        return true;
    }
    // Writes the encoded postings of term `id` at dst (bytes(id) bytes).
    void copy(uint32_t id, uint8_t* dst) const {
        const Term& t = terms_[id];
        uint32_t left = t.bytes;
        for (uint32_t c = t.head; left; c = chunks_[c].next) {
            uint32_t n = std::min(left, kPayload);
            std::memcpy(dst, chunks_[c].data, n);
            dst += n;
            left -= n;
        }
    }
    uint32_t bytes(uint32_t id) const { return terms_[id].bytes; }

private:
    struct Chunk {
        uint8_t data[kPayload];
        uint32_t next = 0;
    };
    void put(Term& t, uint8_t b) {
        if (t.tail == 0 || t.used == kPayload) {
            uint32_t c = uint32_t(chunks_.size());
            chunks_.emplace_back();
            if (t.tail) chunks_[t.tail].next = c;
            else t.head = c;
            t.tail = c;
            t.used = 0;
        }
        chunks_[t.tail].data[t.used++] = b;
        ++t.bytes;
    }
    std::vector<Term> terms_;
    std::vector<Chunk> chunks_;
};

inline bool starts_with(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

}  // namespace

// ---- build ------------------------------------------------------------------------------------

void SearchIndex::clear() {
    builder_.reset();
    terms_.clear();
    term_off_.assign(1, 0);
    post_off_.assign(1, 0);
    postings_.clear();
    base_postings_ = 0;
    base_n_ = 0;
    stale_.clear();
    cjk_.clear();
    cjk_at_.clear();
    cjk_len_.clear();
    cjk_garbage_ = 0;
    delta_.clear();
    delta_conv_.clear();
    delta_postings_ = 0;
    n_ = 0;
}

struct SearchIndex::Builder {
    TermTable table;
    PostingPool pool;
    std::string buf, cjk;
    size_t pairs = 0;
    uint32_t next = 0;                 // next conversation to index
    std::vector<uint32_t> pending;     // conversations updated after they were indexed
};

SearchIndex::SearchIndex() { clear(); }
SearchIndex::~SearchIndex() = default;
SearchIndex::SearchIndex(SearchIndex&&) noexcept = default;
SearchIndex& SearchIndex::operator=(SearchIndex&&) noexcept = default;

void SearchIndex::build(const Store& store) {
    build_begin(store);
    build_step(store, SIZE_MAX);
}

void SearchIndex::build_begin(const Store& store) {
    clear();
    builder_.reset(new Builder);
    cjk_at_.reserve(store.conversations.size());
    cjk_len_.reserve(store.conversations.size());
}

double SearchIndex::build_progress(const Store& store) const {
    if (!builder_) return 1.0;
    const size_t n = store.conversations.size();
    return n ? std::min(1.0, double(builder_->next) / double(n)) : 1.0;
}

bool SearchIndex::build_step(const Store& store, size_t max_conversations) {
    if (!builder_) return true;
    Builder& b = *builder_;
    const size_t n = store.conversations.size();   // conversations appended meanwhile included
    for (size_t k = 0; k < max_conversations && b.next < n; ++k, ++b.next) {
        const uint32_t conv = b.next;
        conversation_terms(store, store.conversations[conv], b.buf, b.cjk, [&](std::string_view key) {
            const uint32_t id = b.table.id(key);
            b.pool.ensure(size_t(id) + 1);
            b.pairs += b.pool.add(id, conv);
        });
        cjk_at_.push_back(uint32_t(cjk_.size()));
        cjk_len_.push_back(uint32_t(b.cjk.size()));
        cjk_ += b.cjk;
    }
    if (b.next < n) return false;

    // finish: terms in byte order, posting lists concatenated in the same order
    cjk_.shrink_to_fit();
    const TermTable& table = b.table;
    // Sort by the first 8 bytes packed big-endian (terms never contain '\0', so zero padding
    // keeps byte order), then by the whole term within equal prefixes: integer compares and
    // sequential memory instead of a string compare per step.
    std::vector<std::pair<uint64_t, uint32_t>> keyed(table.size());
    for (uint32_t id = 0; id < table.size(); ++id) {
        const std::string_view t = table.get(id);
        uint64_t k = 0;
        for (size_t i = 0; i < 8; ++i)
            k = (k << 8) | (i < t.size() ? static_cast<unsigned char>(t[i]) : 0u);
        keyed[id] = {k, id};
    }
    std::sort(keyed.begin(), keyed.end());
    for (size_t i = 0; i < keyed.size();) {
        size_t j = i + 1;
        while (j < keyed.size() && keyed[j].first == keyed[i].first) ++j;
        if (j - i > 1)
            std::sort(keyed.begin() + long(i), keyed.begin() + long(j),
                      [&](const std::pair<uint64_t, uint32_t>& x, const std::pair<uint64_t, uint32_t>& y) {
                          return table.get(x.second) < table.get(y.second);
                      });
        i = j;
    }
    std::vector<uint32_t> order(keyed.size());
    for (size_t i = 0; i < keyed.size(); ++i) order[i] = keyed[i].second;
    std::vector<std::pair<uint64_t, uint32_t>>().swap(keyed);
    size_t term_bytes = 0, post_bytes = 0;
    for (uint32_t id : order) {
        term_bytes += table.get(id).size();
        post_bytes += b.pool.bytes(id);
    }
    terms_.resize(term_bytes);
    postings_.resize(post_bytes);
    term_off_.resize(order.size() + 1);
    post_off_.resize(order.size() + 1);
    size_t at_t = 0, at_p = 0;
    for (size_t k = 0; k < order.size(); ++k) {
        const std::string_view t = table.get(order[k]);
        std::memcpy(&terms_[at_t], t.data(), t.size());
        b.pool.copy(order[k], postings_.data() + at_p);
        at_t += t.size();
        at_p += b.pool.bytes(order[k]);
        term_off_[k + 1] = uint32_t(at_t);
        post_off_[k + 1] = uint32_t(at_p);
    }
    base_postings_ = b.pairs;
    base_n_ = n_ = uint32_t(n);
    stale_.assign(bitset_words(n), 0);
    std::vector<uint32_t> pending;
    pending.swap(b.pending);
    builder_.reset();
    std::sort(pending.begin(), pending.end());
    pending.erase(std::unique(pending.begin(), pending.end()), pending.end());
    for (uint32_t conv : pending) update(store, conv);
    return true;
}

// ---- incremental update -------------------------------------------------------------------

size_t SearchIndex::compact_threshold() const {
    return threshold_ ? threshold_ : std::max<size_t>(256, n_ / 16);
}

void SearchIndex::remove_from_delta(uint32_t conv) {
    auto it = delta_conv_.find(conv);
    if (it == delta_conv_.end()) return;
    for (DeltaMap::iterator t : it->second) {
        std::vector<uint32_t>& v = t->second;
        auto pos = std::find(v.begin(), v.end(), conv);
        if (pos != v.end()) {
            *pos = v.back();
            v.pop_back();
            --delta_postings_;
        }
        if (v.empty()) delta_.erase(t);
    }
    delta_conv_.erase(it);
}

void SearchIndex::reindex_one(const Store& store, uint32_t conv) {
    if (conv >= n_) n_ = conv + 1;
    remove_from_delta(conv);
    if (conv < base_n_) stale_[conv >> 6] |= uint64_t(1) << (conv & 63);
    std::vector<std::string> keys;
    std::string buf, cjk;
    conversation_terms(store, store.conversations[conv], buf, cjk,
                       [&](std::string_view key) { keys.emplace_back(key); });
    if (cjk_at_.size() <= conv) {
        cjk_at_.resize(conv + 1, 0);
        cjk_len_.resize(conv + 1, 0);
    }
    if (cjk.size() <= cjk_len_[conv]) {          // fits in place
        cjk_garbage_ += cjk_len_[conv] - cjk.size();
    } else {
        cjk_garbage_ += cjk_len_[conv];
        cjk_at_[conv] = uint32_t(cjk_.size());
        cjk_.append(cjk.size(), '\0');
    }
    std::copy(cjk.begin(), cjk.end(), cjk_.begin() + cjk_at_[conv]);
    cjk_len_[conv] = uint32_t(cjk.size());
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    std::vector<DeltaMap::iterator> its;
    its.reserve(keys.size());
    for (std::string& k : keys) {
        auto t = delta_.try_emplace(std::move(k)).first;
        t->second.push_back(conv);
        its.push_back(t);
    }
    delta_postings_ += its.size();
    delta_conv_[conv] = std::move(its);
}

void SearchIndex::update(const Store& store, size_t conv) {
    if (conv >= store.conversations.size()) return;
    if (builder_) {   // being built: conversations not reached yet will be read fresh
        if (conv < builder_->next) builder_->pending.push_back(uint32_t(conv));
        return;
    }
    while (n_ < conv) reindex_one(store, n_);     // appended conversations skipped over
    reindex_one(store, uint32_t(conv));
    if (delta_conv_.size() > compact_threshold()) compact();
}

template <class F>
void SearchIndex::merged_terms(F&& f) const {
    const size_t nbase = term_off_.size() - 1;
    size_t k = 0;
    auto d = delta_.begin();
    std::vector<uint32_t> a, b, out;
    while (k < nbase || d != delta_.end()) {
        std::string_view t;
        a.clear();
        b.clear();
        bool take_base = false, take_delta = false;
        if (k < nbase && d != delta_.end()) {
            int cmp = term(k).compare(d->first);
            take_base = cmp <= 0;
            take_delta = cmp >= 0;
        } else {
            take_base = k < nbase;
            take_delta = !take_base;
        }
        if (take_base) {
            t = term(k);
            decode_postings(postings_.data() + post_off_[k], postings_.data() + post_off_[k + 1],
                            [&](uint32_t c) {
                                if (!((stale_[c >> 6] >> (c & 63)) & 1u)) a.push_back(c);
                            });
            ++k;
        }
        if (take_delta) {
            t = d->first;
            b = d->second;
            std::sort(b.begin(), b.end());
            ++d;
        }
        if (a.empty() && b.empty()) continue;
        out.clear();
        std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
        f(t, out);
    }
}

void SearchIndex::compact() {
    if (delta_conv_.empty() && base_n_ == n_) return;
    std::string terms;
    std::vector<uint32_t> term_off(1, 0), post_off(1, 0);
    std::vector<uint8_t> postings;
    terms.reserve(terms_.size() + terms_.size() / 8);
    postings.reserve(postings_.size() + postings_.size() / 8);
    size_t pairs = 0;
    auto append = [&](std::string_view t, const std::vector<uint32_t>& convs) {
        terms.append(t.data(), t.size());
        term_off.push_back(uint32_t(terms.size()));
        uint32_t prev = UINT32_MAX;
        for (uint32_t c : convs) {
            put_varint(postings, c - prev);
            prev = c;
        }
        post_off.push_back(uint32_t(postings.size()));
        pairs += convs.size();
    };
    // Fast path: a base term without delta postings whose list has no stale conversation keeps
    // its encoded bytes as they are.
    const size_t nbase = term_off_.size() - 1;
    size_t k = 0;
    auto d = delta_.begin();
    std::vector<uint32_t> a, b, merged;
    while (k < nbase || d != delta_.end()) {
        const int cmp = k == nbase ? 1 : d == delta_.end() ? -1 : term(k).compare(d->first);
        a.clear();
        b.clear();
        std::string_view t;
        if (cmp <= 0) {
            t = term(k);
            const uint8_t* p = postings_.data() + post_off_[k];
            const uint8_t* e = postings_.data() + post_off_[k + 1];
            bool stale = false;
            decode_postings(p, e, [&](uint32_t c) {
                if ((stale_[c >> 6] >> (c & 63)) & 1u) stale = true;
                else a.push_back(c);
            });
            ++k;
            if (cmp < 0 && !stale) {
                terms.append(t.data(), t.size());
                term_off.push_back(uint32_t(terms.size()));
                postings.insert(postings.end(), p, e);
                post_off.push_back(uint32_t(postings.size()));
                pairs += a.size();
                continue;
            }
        }
        if (cmp >= 0) {
            t = d->first;
            b = d->second;
            std::sort(b.begin(), b.end());
            ++d;
        }
        if (a.empty() && b.empty()) continue;
        merged.clear();
        std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(merged));
        append(t, merged);
    }
    terms.shrink_to_fit();
    postings.shrink_to_fit();
    terms_.swap(terms);
    term_off_.swap(term_off);
    post_off_.swap(post_off);
    postings_.swap(postings);
    base_postings_ = pairs;
    base_n_ = n_;
    stale_.assign(bitset_words(n_), 0);
    delta_.clear();
    delta_conv_.clear();
    delta_postings_ = 0;
    if (cjk_garbage_ > 0) {
        std::string blob;
        blob.reserve(cjk_.size() - cjk_garbage_);
        for (size_t i = 0; i < cjk_at_.size(); ++i) {
            const uint32_t at = uint32_t(blob.size());
            blob.append(cjk_, cjk_at_[i], cjk_len_[i]);
            cjk_at_[i] = at;
        }
        cjk_.swap(blob);
        cjk_garbage_ = 0;
    }
}

std::vector<std::pair<std::string, std::vector<uint32_t>>> SearchIndex::dump() const {
    std::vector<std::pair<std::string, std::vector<uint32_t>>> out;
    merged_terms([&](std::string_view t, const std::vector<uint32_t>& convs) {
        out.emplace_back(std::string(t), convs);
    });
    return out;
}

// ---- query ------------------------------------------------------------------------------------

std::pair<size_t, size_t> SearchIndex::base_range(std::string_view prefix) const {
    const size_t nbase = term_off_.size() - 1;
    size_t lo = 0, hi = nbase;
    while (lo < hi) {                       // first term >= prefix
        size_t mid = (lo + hi) / 2;
        if (term(mid) < prefix) lo = mid + 1;
        else hi = mid;
    }
    size_t first = lo;
    hi = nbase;
    while (lo < hi) {                       // first term not starting with prefix
        size_t mid = (lo + hi) / 2;
        if (starts_with(term(mid), prefix)) lo = mid + 1;
        else hi = mid;
    }
    return {first, lo};
}

void SearchIndex::lookup(std::string_view prefix, std::vector<uint64_t>& bits) const {
    std::fill(bits.begin(), bits.end(), 0);
    auto r = base_range(prefix);
    uint64_t* w = bits.data();
    const uint8_t* base = postings_.data();
    for (size_t k = r.first; k < r.second; ++k)
        decode_postings(base + post_off_[k], base + post_off_[k + 1],
                        [w](uint32_t c) { w[c >> 6] |= uint64_t(1) << (c & 63); });
    if (!delta_conv_.empty()) {
        for (size_t i = 0; i < stale_.size(); ++i) w[i] &= ~stale_[i];
        for (auto it = delta_.lower_bound(prefix); it != delta_.end() && starts_with(it->first, prefix);
             ++it)
            for (uint32_t c : it->second) w[c >> 6] |= uint64_t(1) << (c & 63);
    }
}

bool SearchIndex::match(TextField field, std::string_view query,
                        std::vector<uint64_t>& out) const {
    const char tag = char(field);
    std::string folded = fold(query);
    std::vector<std::string> keys;          // prefix lookups (tag + term)
    std::vector<std::string> verify;        // CJK runs of 3+ characters, checked against the text
    for_each_word(folded, [&](std::string_view w, bool cjk) {
        auto add = [&](std::string_view t) {
            std::string k(1, tag);
            k.append(t.data(), t.size());
            keys.push_back(std::move(k));
        };
        if (!cjk || cjk_chars(w) <= 2) {
            add(w);
        } else {
            size_t a = 0;
            size_t la = utf8_len(static_cast<unsigned char>(w[0]));
            while (a + la < w.size()) {
                size_t lb = utf8_len(static_cast<unsigned char>(w[a + la]));
                add(w.substr(a, la + lb));
                a += la;
                la = lb;
            }
            verify.emplace_back(w);
        }
    });
    if (keys.empty()) return false;
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    // A key that is a prefix of another key is implied by it: drop it ("re return" == "return").
    std::vector<std::string> needed;
    for (size_t i = 0; i < keys.size(); ++i)
        if (i + 1 == keys.size() || !starts_with(keys[i + 1], keys[i])) needed.push_back(keys[i]);
    // Cheapest (fewest encoded posting bytes) first: the intersection empties early.
    std::vector<std::pair<size_t, size_t>> cost;   // (bytes, key index)
    for (size_t i = 0; i < needed.size(); ++i) {
        auto r = base_range(needed[i]);
        cost.emplace_back(size_t(post_off_[r.second] - post_off_[r.first]), i);
    }
    std::sort(cost.begin(), cost.end());

    const size_t words = bitset_words(n_);
    out.assign(words, 0);
    std::vector<uint64_t> tmp;
    for (size_t j = 0; j < cost.size(); ++j) {
        const std::string& key = needed[cost[j].second];
        if (j == 0) {
            lookup(key, out);
            continue;
        }
        tmp.resize(words);
        lookup(key, tmp);
        uint64_t any = 0;
        for (size_t i = 0; i < words; ++i) any |= (out[i] &= tmp[i]);
        if (!any) return true;
    }
    if (!verify.empty()) {
        std::vector<SubstringFinder> finders;
        finders.reserve(verify.size());
        for (const std::string& run : verify) finders.emplace_back(run);
        for (size_t wi = 0; wi < words; ++wi) {
            uint64_t m = out[wi];
            while (m) {
                const int bit = __builtin_ctzll(m);
                m &= m - 1;
                const size_t ci = wi * 64 + size_t(bit);
                const std::string_view text =
                    cjk_field(std::string_view(cjk_.data() + cjk_at_[ci], cjk_len_[ci]), field);
                bool all = true;
                for (const SubstringFinder& f : finders)
                    if (!f.in(text)) {
                        all = false;
                        break;
                    }
                if (!all) out[wi] &= ~(uint64_t(1) << bit);
            }
        }
    }
    return true;
}

SearchIndexStats SearchIndex::stats() const {
    SearchIndexStats s;
    s.conversations = n_;
    s.base_conversations = base_n_;
    s.terms = term_off_.size() - 1;
    s.postings = base_postings_;
    s.base_bytes = terms_.capacity() + (term_off_.capacity() + post_off_.capacity()) * 4 +
                   postings_.capacity() + stale_.capacity() * 8;
    s.cjk_bytes = cjk_.capacity() + (cjk_at_.capacity() + cjk_len_.capacity()) * 4;
    s.delta_conversations = delta_conv_.size();
    s.delta_terms = delta_.size();
    size_t d = 0;
    for (const auto& kv : delta_) d += 64 + kv.first.capacity() + kv.second.capacity() * 4;
    for (const auto& kv : delta_conv_) d += 48 + kv.second.capacity() * sizeof(void*);
    s.delta_bytes = d;
    return s;
}

}  // namespace sd
