// Seeded demo dataset (see demo.h).
//
// Determinism: every random choice comes from a splitmix64 stream seeded from (options.seed,
// conversation index), with integer arithmetic only (no <random> distributions, no libm), so
// the same options give the same Store natively and in WebAssembly. Conversation i depends only
// on the seed and on conversations 0..i-1 (customer reuse, order-ID uniqueness), so a small
// dataset is a prefix of a larger one with the same seed.
//
// Each conversation is built in four passes:
//   1. what it is about: marketplace, pre/post-sale, scene (finer than Topic), final status;
//   2. its shape: a list of steps (who writes, in which phase of the exchange);
//   3. its clock: gaps between steps, anchored so that the status/SLA situation relative to
//      options.now is the one chosen in pass 1, squeezed into [now - days, now);
//   4. its text and records: the order (dates derived from the first message, eBay cases
//      inside their legal windows), customer, subject, bodies from phrase slots, labels,
//      notes and Tmall remarks.
#include "demo.h"
#include "splitmix.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "demo_text.h"
#include "time.h"

namespace sd {
namespace {

using namespace demo_text;

// ---- random numbers ------------------------------------------------------------------------------
uint64_t splitmix(uint64_t x) { return splitmix64(x); }

class Rng {
public:
    explicit Rng(uint64_t seed) : state_(seed) {}
    uint64_t next() { return splitmix64(state_); }
    uint32_t below(uint32_t n) { return n == 0 ? 0 : uint32_t(next() % n); }
    int64_t range(int64_t lo, int64_t hi) {  // inclusive; hi < lo gives lo
        if (hi <= lo) return lo;
        return lo + int64_t(next() % uint64_t(hi - lo + 1));
    }
    bool chance(int per_mille) { return int(below(1000)) < per_mille; }
    // Roughly log-uniform in [lo, hi]: a random octave, then uniform inside it. Integer only.
    int64_t log_range(int64_t lo, int64_t hi) {
        if (lo < 1) lo = 1;
        if (hi <= lo) return lo;
        int octaves = 0;
        for (int64_t v = lo; v < hi; v *= 2) ++octaves;
        const int k = int(below(uint32_t(octaves)));
        const int64_t a = lo << k;
        const int64_t b = std::min(hi, a * 2);
        return range(a, b);
    }
    template <size_t N>
    int weighted(const int (&w)[N]) {
        int total = 0;
        for (int x : w) total += x;
        int v = int(below(uint32_t(total)));
        for (size_t i = 0; i < N; ++i) {
            if (v < w[i]) return int(i);
            v -= w[i];
        }
        return int(N) - 1;
    }

private:
    uint64_t state_;
};

template <size_t N>
const char* pick(Rng& r, const char* const (&a)[N]) {
    return a[r.below(uint32_t(N))];
}
const char* pick(Rng& r, Pool p) { return p.n ? p.v[r.below(p.n)] : ""; }

uint64_t fnv1a(std::string_view s) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char ch : s) {
        h ^= ch;
        h *= 0x100000001b3ull;
    }
    return h;
}

void append_digits(std::string& out, Rng& r, int n) {
    for (int i = 0; i < n; ++i) out += char('0' + r.below(10));
}
void append_hex(std::string& out, uint64_t v, int n) {
    static const char kHex[] = "0123456789abcdef";
    for (int i = n - 1; i >= 0; --i) out += kHex[(v >> (4 * i)) & 15];
}
void append_upper_alnum(std::string& out, Rng& r, int n) {
    static const char kSet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    for (int i = 0; i < n; ++i) out += kSet[r.below(sizeof kSet - 1)];
}
void append_int(std::string& out, int64_t v) {
    char buf[24];
    int n = 0;
    const bool neg = v < 0;
    uint64_t u = neg ? uint64_t(0) - uint64_t(v) : uint64_t(v);
    do {
        buf[n++] = char('0' + u % 10);
        u /= 10;
    } while (u);
    if (neg) out += '-';
    while (n) out += buf[--n];
}
void append_padded(std::string& out, int64_t v, int width) {  // v >= 0
    char buf[24];
    int n = 0;
    uint64_t u = uint64_t(v);
    do {
        buf[n++] = char('0' + u % 10);
        u /= 10;
    } while (u);
    for (int i = n; i < width; ++i) out += '0';
    while (n) out += buf[--n];
}

// Open-addressing set of 64-bit keys (order-ID uniqueness): no allocation per key.
class KeySet {
public:
    void reserve(size_t n) {
        size_t cap = 16;
        while (cap < n * 2) cap *= 2;
        slots_.assign(cap, 0);
        size_ = 0;
    }
    bool insert(uint64_t key) {  // false when already present
        if (key == 0) key = 1;
        if ((size_ + 1) * 2 > slots_.size()) grow();
        const size_t mask = slots_.size() - 1;
        for (size_t i = size_t(key) & mask;; i = (i + 1) & mask) {
            if (slots_[i] == key) return false;
            if (slots_[i] == 0) {
                slots_[i] = key;
                ++size_;
                return true;
            }
        }
    }

private:
    void grow() {
        std::vector<uint64_t> old;
        old.swap(slots_);
        slots_.assign(std::max<size_t>(16, old.size() * 2), 0);
        size_ = 0;
        for (uint64_t k : old)
            if (k) insert(k);
    }
    std::vector<uint64_t> slots_;
    size_t size_ = 0;
};

// ---- regions -------------------------------------------------------------------------------------
enum Region : uint8_t { kUS, kGB, kDE, kCA, kFR, kCN };
const char* const kRegionCodes[] = {"US", "GB", "DE", "CA", "FR", "CN"};
const char* const kCountryNames[] = {"the US", "the UK", "Germany", "Canada", "France", "China"};
const char* const kCurrencies[] = {"USD", "GBP", "EUR", "CAD", "EUR", "CNY"};

int style_of(Region g) { return g == kGB ? 1 : (g == kDE || g == kFR) ? 2 : 0; }

Pool cities(Region g) {
    switch (g) {
        case kGB: return P(kCitiesGb);
        case kDE: return P(kCitiesDe);
        case kCA: return P(kCitiesCa);
        case kFR: return P(kCitiesFr);
        case kCN: return P(kCitiesCn);
        default: return P(kCitiesUs);
    }
}
Pool streets(Region g) {
    switch (g) {
        case kGB: return P(kStreetsGb);
        case kDE: return P(kStreetsDe);
        case kCA: return P(kStreetsCa);
        case kFR: return P(kStreetsFr);
        default: return P(kStreetsUs);
    }
}

const char* const kPrefixes[] = {"wm", "az", "eb", "wi", "tm"};
const char* const kStores[] = {"BrightNest Direct", "BrightNest Home", "brightnest_outlet", "BrightNest Store",
                               "明巢家居旗舰店"};

// ---- message text context ------------------------------------------------------------------------
struct Ctx {
    std::string first, name, handle, item, short_name, order, carrier, tracking, tracking2, agent, store, city,
        amount, fee, pdate, sdate, edd, dlv, days, parcels, street, country, price, model, mkt, txn, followup,
        company, complaint, reason, issue, itemno;
};

struct Key {
    std::string_view name;
    std::string Ctx::*field;
};
const Key kKeys[] = {
    {"first", &Ctx::first},       {"name", &Ctx::name},         {"short", &Ctx::short_name},
    {"order", &Ctx::order},       {"item", &Ctx::item},         {"tracking", &Ctx::tracking},
    {"carrier", &Ctx::carrier},   {"agent", &Ctx::agent},       {"store", &Ctx::store},
    {"edd", &Ctx::edd},           {"amount", &Ctx::amount},     {"city", &Ctx::city},
    {"pdate", &Ctx::pdate},       {"sdate", &Ctx::sdate},       {"tracking2", &Ctx::tracking2},
    {"handle", &Ctx::handle},     {"fee", &Ctx::fee},           {"dlv", &Ctx::dlv},
    {"days", &Ctx::days},         {"parcels", &Ctx::parcels},   {"street", &Ctx::street},
    {"country", &Ctx::country},   {"price", &Ctx::price},       {"model", &Ctx::model},
    {"mkt", &Ctx::mkt},           {"txn", &Ctx::txn},           {"followup", &Ctx::followup},
    {"company", &Ctx::company},   {"complaint", &Ctx::complaint}, {"reason", &Ctx::reason},
    {"issue", &Ctx::issue},       {"itemno", &Ctx::itemno},
};

// Appends `t` with {placeholders} replaced. Unknown names are copied as they are (the tests
// look for leftover braces).
void fill(std::string& out, const char* t, const Ctx& c) {
    while (*t) {
        const char* b = std::strchr(t, '{');
        if (!b) {
            out += t;
            return;
        }
        out.append(t, size_t(b - t));
        const char* e = std::strchr(b, '}');
        if (!e) {
            out += b;
            return;
        }
        const std::string_view key(b + 1, size_t(e - b - 1));
        if (key.empty()) {
            out.append(b, size_t(e - b + 1));
            t = e + 1;
            continue;
        }
        const std::string* value = nullptr;
        for (const Key& k : kKeys)
            if (key.size() == k.name.size() && key[0] == k.name[0] && key == k.name) {
                value = &(c.*(k.field));
                break;
            }
        if (value) out += *value;
        else out.append(b, size_t(e - b + 1));
        t = e + 1;
    }
}

const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
void format_date(std::string& out, Time t, int style, bool zh) {
    out.clear();
    const CivilTime c = to_civil(t);
    if (zh) {
        append_int(out, c.month);
        out += "月";
        append_int(out, c.day);
        out += "日";
    } else if (style == 0) {
        out += kMonths[c.month - 1];
        out += ' ';
        append_int(out, c.day);
    } else {
        append_int(out, c.day);
        out += ' ';
        out += kMonths[c.month - 1];
    }
}
void format_money(std::string& out, int64_t cents, const char* currency, bool zh) {
    out.clear();
    const int64_t whole = cents / 100, frac = cents % 100;
    if (zh) {
        append_int(out, whole);
        if (frac) {
            out += '.';
            append_padded(out, frac, 2);
        }
        out += "元";
        return;
    }
    const char* sym = "$";
    if (!std::strcmp(currency, "GBP")) sym = "£";
    else if (!std::strcmp(currency, "EUR")) sym = "€";
    else if (!std::strcmp(currency, "CAD")) sym = "C$";
    else if (!std::strcmp(currency, "CNY")) sym = "¥";
    out += sym;
    append_int(out, whole);
    out += '.';
    append_padded(out, frac, 2);
}

// Lower-case ASCII slug of a name ("Müller" -> "mueller") for handles and e-mail addresses.
void append_slug(std::string& out, std::string_view s) {
    for (size_t i = 0; i < s.size(); ++i) {
        const unsigned char ch = static_cast<unsigned char>(s[i]);
        if (ch < 0x80) {
            if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) out += char(ch);
            else if (ch >= 'A' && ch <= 'Z') out += char(ch - 'A' + 'a');
            continue;
        }
        if (ch == 0xC3 && i + 1 < s.size()) {  // Latin-1 supplement
            const unsigned char n = static_cast<unsigned char>(s[++i]);
            switch (n) {
                case 0xBC: case 0x9C: out += "ue"; break;
                case 0xB6: case 0x96: out += "oe"; break;
                case 0xA4: case 0x84: out += "ae"; break;
                case 0x9F: out += "ss"; break;
                case 0xA9: case 0xA8: case 0xAA: case 0x89: out += 'e'; break;
                case 0xAF: case 0xAE: out += 'i'; break;
                case 0xB4: out += 'o'; break;
                case 0xA7: out += 'c'; break;
                default: break;
            }
        }
    }
}

// Occasional human slips in an English buyer message (ASCII only, never inside placeholders:
// they are already filled).
bool is_alpha(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }
void replace_first(std::string& s, std::string_view from, std::string_view to) {
    const size_t p = s.find(from);
    if (p != std::string::npos) s.replace(p, from.size(), to);
}
void add_typos(std::string& s, Rng& r) {
    if (s.size() < 8) return;
    switch (r.below(5)) {
        case 0:  // all lower case, no final full stop
            for (char& ch : s)
                if (ch >= 'A' && ch <= 'Z') ch = char(ch - 'A' + 'a');
            if (!s.empty() && s.back() == '.') s.pop_back();
            break;
        case 1:  // dropped apostrophes
            replace_first(s, "I'm", "im");
            replace_first(s, "don't", "dont");
            replace_first(s, "haven't", "havent");
            replace_first(s, "It's", "its");
            replace_first(s, "didn't", "didnt");
            replace_first(s, "can't", "cant");
            replace_first(s, "I'll", "ill");
            break;
        case 2: {  // two letters swapped
            for (int tries = 0; tries < 8; ++tries) {
                const size_t p = size_t(r.below(uint32_t(s.size() - 3))) + 1;
                if (is_alpha(s[p - 1]) && is_alpha(s[p]) && is_alpha(s[p + 1]) && is_alpha(s[p + 2]) &&
                    s[p] != s[p + 1]) {
                    std::swap(s[p], s[p + 1]);
                    break;
                }
            }
            break;
        }
        case 3: {  // a doubled letter
            for (int tries = 0; tries < 8; ++tries) {
                const size_t p = size_t(r.below(uint32_t(s.size() - 2))) + 1;
                if (is_alpha(s[p - 1]) && is_alpha(s[p]) && is_alpha(s[p + 1])) {
                    s.insert(p, 1, s[p]);
                    break;
                }
            }
            break;
        }
        default:  // excited punctuation, missing comma
            replace_first(s, ", ", " ");
            while (!s.empty() && (s.back() == '.' || s.back() == ' ')) s.pop_back();
            s += r.chance(500) ? "!!" : "??";
            break;
    }
}

// ---- thread shape ----------------------------------------------------------------------------------
enum Phase : uint8_t {
    kPhOpen,        // first inbound message
    kPhNudge,       // buyer writes again before an answer
    kPhFollow,      // buyer answers the agent
    kPhThanks,      // buyer closes the exchange
    kPhReply1,      // first real answer
    kPhReplyN,      // later answers
    kPhAck,         // Tmall quick "one moment" before the answer
    kPhAuto,        // auto-reply (never an answer)
    kPhProactive,   // seller writes first
    kPhCaseOpen,    // eBay / PayPal case notice
    kPhCaseClosed,  // eBay case closed notice
    kPhEscalation,  // Wish support took over the ticket
    kPhAccount,     // eBay account / performance notice
};

struct Step {
    Direction dir = Direction::Inbound;
    AuthorRole role = AuthorRole::Customer;
    Phase phase = kPhOpen;
    bool failed = false;   // outbound that could not be delivered
    bool resend = false;   // same text again after a failure
    Time rel = 0;
    Time at = 0;
};

enum Mood : uint8_t { kPolite, kNeutral, kImpatient };

struct Plan {
    Marketplace m = Marketplace::Walmart;
    Scene scene = kScOther;
    Status status = Status::AwaitingSeller;
    bool presale = false, spam = false, cc = false, ebay_case = false, account = false, proactive = false;
    bool generic_question = false;   // pre-sale question not tied to the item's category
    CaseType case_type = CaseType::None;
    CaseChannel channel = CaseChannel::Ebay;
    Region region = kUS;
    int item = 0;                    // into kItems or kZhItems
    Mood mood = kPolite;
    int account_kind = 0;
    int spam_kind = 0;
    int generic_question_index = 0;  // into kPresaleGeneric / kZhPresaleGeneric
};

Topic topic_of(Scene s) {
    switch (s) {
        case kScProductQuestion: return Topic::ProductQuestion;
        case kScPrice: return Topic::PriceNegotiation;
        case kScSpam: return Topic::Spammy;
        case kScOrderStatus: case kScWishSplit: return Topic::OrderStatus;
        case kScInr: case kScInrDelivered: case kScWishPostOffice: case kScWishReturned: case kScWishLost:
            return Topic::ItemNotReceived;
        case kScNad: return Topic::NotAsDescribed;
        case kScDamaged: case kScWishDamaged: return Topic::Damaged;
        case kScReturn: return Topic::ReturnRequest;
        case kScCancelUnshipped: case kScCancelShipped: return Topic::CancelOrder;
        case kScAddressUnshipped: case kScAddressShipped: case kScWishAddress: return Topic::AddressChange;
        case kScCustoms: return Topic::Customs;
        case kScUsage: return Topic::UsageQuestion;
        case kScInvoice: return Topic::Invoice;
        case kScFeedback: return Topic::Feedback;
        default: return Topic::Other;
    }
}

// Wish ticket label: why the ticket was opened.
const char* wish_label(Scene s) {
    switch (s) {
        case kScWishAddress: return "address_change";
        case kScWishPostOffice: case kScWishReturned: case kScWishLost: return "item_not_received";
        case kScWishSplit: return "missing_items";
        case kScCustoms: return "customs";
        case kScWishDamaged: return "damaged_item";
        case kScReturn: return "return_request";
        case kScCancelUnshipped: case kScCancelShipped: return "cancel_order";
        default: return "other";
    }
}

enum NoteGroup { kNgShipping, kNgBroken, kNgReturn, kNgAddress, kNgGeneral };
NoteGroup note_group(Scene s) {
    switch (s) {
        case kScOrderStatus: case kScInr: case kScInrDelivered: case kScWishPostOffice: case kScWishSplit:
        case kScWishLost: return kNgShipping;
        case kScNad: case kScDamaged: case kScWishDamaged: case kScFeedback: return kNgBroken;
        case kScReturn: case kScCancelShipped: return kNgReturn;
        case kScAddressShipped: case kScAddressUnshipped: case kScWishAddress: case kScWishReturned:
            return kNgAddress;
        default: return kNgGeneral;
    }
}

bool needs_shipping(Scene s) { return s != kScCancelUnshipped && s != kScAddressUnshipped; }

// ---- the generator -------------------------------------------------------------------------------
class Generator {
public:
    Generator(const DemoOptions& o, int days)
        : seed_(o.seed), now_(o.now), window_(Time(days) * kDay), start_(o.now - Time(days) * kDay) {
        order_keys_.reserve(size_t(std::clamp(o.conversations, 10, 100000)));
        buf_.reserve(4096);
    }

    void make(int index, Store& store);

private:
    void plan(Rng& r, Plan& p);
    void shape(Rng& r, const Plan& p);
    void clock(Rng& r, const Plan& p);
    Time pending_age(Rng& r, const Plan& p);
    Time agent_gap(Rng& r, const Plan& p);
    uint32_t customer_for(Rng& r, Plan& p, Store& store);
    void build_order(Rng& r, const Plan& p, Order& o, Time first);
    void order_id(Rng& r, const Plan& p, Order& o);
    void tracking_number(Rng& r, const std::string& carrier, Time shipped, std::string& out);
    void compose(Rng& r, const Plan& p, const Step& s, int k, std::string& out);
    void buyer_open_en(Rng& r, const Plan& p, std::string& out);
    void agent_reply_en(Rng& r, const Plan& p, bool first, std::string& out);
    void subject(Rng& r, const Plan& p, std::string& out);
    void set_context(Rng& r, const Plan& p, const Customer& who);
    void set_order_context(Rng& r, const Plan& p, const Order* o, Time opened);
    void write_messages(Rng& r, const Plan& p, Conversation& c, const Customer& who);
    void set_flags(Rng& r, const Plan& p, Conversation& c, bool agent_wrote);
    void add_notes(Rng& r, const Plan& p, Conversation& c, int last_out);
    void add_remarks(Rng& r, const Plan& p, Conversation& c, int last_out);
    void add_defects(int index, const Plan& p, Order& o, Time opened);
    // The buyer's next follow-up: mostly about the scene the first time, more often a short generic
    // answer later; never the same line twice in a row.
    const Pair* choose_pair(Rng& r, Pairs scene, Pairs generic) {
        const bool use_scene = scene.n && r.chance(follows_++ == 0 ? 780 : 300);
        const Pairs from = use_scene ? scene : generic;
        const Pair* chosen = &from.v[r.below(from.n)];
        for (int tries = 0; tries < 3 && chosen == pair_; ++tries) chosen = &from.v[r.below(from.n)];
        return chosen;
    }

    uint64_t seed_;
    Time now_, window_, start_;
    std::vector<Step> steps_;
    Ctx ctx_;
    std::string buf_;
    KeySet order_keys_;
    std::vector<uint32_t> customers_by_market_[kMarketplaceCount];
    std::string main_agent_, other_agent_;
    const Pair* pair_ = nullptr;   // the buyer's last follow-up, answered by the next reply
    int follows_ = 0;
    int amazon_orders_ = 0;        // Amazon orders made so far (every hundredth gets a defect)
};

// Pass 1: what the conversation is about.
void Generator::plan(Rng& r, Plan& p) {
    static const int kMarketWeights[] = {25, 30, 20, 12, 13};  // Walmart Amazon eBay Wish Tmall
    p.m = Marketplace(r.weighted(kMarketWeights));
    const bool zh = p.m == Marketplace::Tmall;

    p.spam = !zh && r.chance(23);  // about 2 % of all conversations
    static const int kPresale[] = {180, 180, 200, 40, 300};
    p.presale = p.spam || r.chance(kPresale[int(p.m)]);

    // Region of the buyer.
    switch (p.m) {
        case Marketplace::Walmart: p.region = kUS; break;
        case Marketplace::Amazon: {
            static const int w[] = {66, 12, 10, 7, 5};
            p.region = Region(r.weighted(w));
            break;
        }
        case Marketplace::Ebay: {
            static const int w[] = {55, 22, 15, 4, 4};
            p.region = Region(r.weighted(w));
            break;
        }
        case Marketplace::Wish: {
            static const int w[] = {55, 12, 10, 11, 12};
            p.region = Region(r.weighted(w));
            break;
        }
        case Marketplace::Tmall: p.region = kCN; break;
    }
    p.item = int(r.below(zh ? uint32_t(std::size(kZhItems)) : uint32_t(std::size(kItems))));
    static const int kMoods[] = {50, 35, 15};
    p.mood = Mood(r.weighted(kMoods));

    if (p.spam) {
        p.scene = kScSpam;
        p.spam_kind = r.weighted({50, 32, 18});  // bulk offer, fraud, rude
    } else if (p.presale) {
        p.scene = r.chance(zh ? 250 : 150) ? kScPrice : kScProductQuestion;
        p.generic_question = r.chance(350);
        p.generic_question_index =
            int(r.below(zh ? uint32_t(std::size(kZhPresaleGeneric)) : uint32_t(std::size(kPresaleGeneric))));
    } else {
        switch (p.m) {
            case Marketplace::Amazon: {
                static const Scene s[] = {kScOrderStatus, kScInr, kScInrDelivered, kScUsage, kScReturn,
                                          kScCancelUnshipped, kScCancelShipped, kScDamaged, kScNad,
                                          kScAddressUnshipped, kScAddressShipped, kScInvoice, kScFeedback,
                                          kScCustoms, kScOther};
                static const int w[] = {13, 15, 4, 12, 14, 5, 6, 9, 8, 3, 2, 4, 3, 2, 3};
                p.scene = s[r.weighted(w)];
                break;
            }
            case Marketplace::Walmart: {
                static const Scene s[] = {kScOrderStatus, kScInr, kScInrDelivered, kScReturn, kScCancelUnshipped,
                                          kScCancelShipped, kScDamaged, kScNad, kScAddressUnshipped,
                                          kScAddressShipped, kScUsage, kScOther, kScInvoice};
                static const int w[] = {17, 14, 4, 14, 6, 6, 10, 8, 5, 3, 7, 5, 1};
                p.scene = s[r.weighted(w)];
                p.cc = r.chance(190);  // ~15 % of all Walmart conversations
                break;
            }
            case Marketplace::Ebay: {
                if (r.chance(40)) {
                    p.account = true;
                    p.scene = kScOther;
                    p.account_kind = int(r.below(uint32_t(std::size(kAccount))));
                } else if (r.chance(190)) {
                    p.ebay_case = true;
                    p.case_type = r.chance(650) ? CaseType::ItemNotReceived : CaseType::NotAsDescribed;
                    p.channel = r.chance(200) ? CaseChannel::PayPal : CaseChannel::Ebay;
                    p.scene = p.case_type == CaseType::ItemNotReceived ? kScInr : kScNad;
                    if (p.region == kCA || p.region == kFR) p.region = r.chance(500) ? kUS : kGB;
                } else {
                    static const Scene s[] = {kScOrderStatus, kScInr, kScInrDelivered, kScNad, kScDamaged,
                                              kScReturn, kScCancelUnshipped, kScCancelShipped,
                                              kScAddressUnshipped, kScAddressShipped, kScCustoms, kScUsage,
                                              kScFeedback, kScOther};
                    static const int w[] = {14, 18, 3, 10, 8, 12, 3, 3, 3, 2, 6, 6, 5, 4};
                    p.scene = s[r.weighted(w)];
                }
                break;
            }
            case Marketplace::Wish: {
                static const Scene s[] = {kScWishAddress, kScWishPostOffice, kScWishSplit, kScCustoms,
                                          kScWishReturned, kScWishLost, kScWishDamaged, kScOther, kScReturn,
                                          kScCancelUnshipped, kScCancelShipped};
                static const int w[] = {14, 12, 10, 10, 8, 12, 10, 6, 12, 3, 3};
                p.scene = s[r.weighted(w)];
                break;
            }
            case Marketplace::Tmall: {
                static const Scene s[] = {kScReturn, kScOrderStatus, kScInr, kScDamaged, kScNad,
                                          kScAddressUnshipped, kScAddressShipped, kScInvoice, kScUsage,
                                          kScCancelUnshipped, kScCancelShipped, kScOther};
                static const int w[] = {22, 18, 8, 10, 10, 5, 3, 8, 8, 4, 2, 2};
                p.scene = s[r.weighted(w)];
                break;
            }
        }
        p.proactive = (p.scene == kScOrderStatus && p.m != Marketplace::Wish && p.m != Marketplace::Tmall &&
                       !p.cc && r.chance(150)) ||
                      (p.scene == kScFeedback && p.m == Marketplace::Ebay);
    }

    if (p.spam) p.status = Status::AwaitingSeller;
    else if (p.account) p.status = r.chance(550) ? Status::AwaitingSeller : Status::Closed;
    else p.status = Status(r.weighted({35, 45, 20}));
}

// Pass 2: the steps of the thread.
void Generator::shape(Rng& r, const Plan& p) {
    steps_.clear();
    const bool zh = p.m == Marketplace::Tmall;
    const AuthorRole in_role = p.cc ? AuthorRole::CustomerCare : AuthorRole::Customer;
    auto in = [&](Phase ph, AuthorRole role) {
        Step s;
        s.dir = Direction::Inbound;
        s.role = role;
        s.phase = ph;
        steps_.push_back(s);
    };
    auto out = [&](Phase ph) {
        Step s;
        s.dir = Direction::Outbound;
        s.role = AuthorRole::Agent;
        s.phase = ph;
        steps_.push_back(s);
    };

    if (p.spam) {
        in(kPhOpen, AuthorRole::Customer);
        if (r.chance(150)) in(kPhNudge, AuthorRole::Customer);
        return;
    }
    if (p.account) {
        in(kPhAccount, AuthorRole::Platform);
        return;
    }

    // Target length before the status fix-up: most threads 1-6 messages.
    int n;
    if (p.presale) {
        static const int w[] = {25, 35, 20, 15, 5};
        n = 1 + r.weighted(w);
    } else if (zh) {
        static const int w[] = {60, 160, 180, 180, 140, 100, 70, 50, 30, 20, 10};
        n = 1 + r.weighted(w);
    } else {
        static const int w[] = {120, 220, 180, 160, 110, 80, 50, 40, 20, 10, 6, 4};
        n = 1 + r.weighted(w);
    }

    if (p.ebay_case) {
        in(kPhCaseOpen, AuthorRole::Platform);
        if (n > 1 && r.chance(550)) in(kPhOpen, AuthorRole::Customer);
    } else if (p.proactive) {
        out(kPhProactive);
    } else {
        in(kPhOpen, in_role);
    }
    bool replied = p.proactive;
    int nudges = 0;
    while (int(steps_.size()) < n) {
        if (steps_.back().dir == Direction::Inbound) {
            if (nudges == 0 && r.chance(p.mood == kImpatient ? 250 : 70)) {
                in(kPhNudge, in_role);
                ++nudges;
            } else {
                out(replied ? kPhReplyN : kPhReply1);
                replied = true;
            }
        } else {
            in(kPhFollow, in_role);
        }
    }

    // Make the thread agree with the chosen status.
    const Direction last = steps_.back().dir;
    if (p.status == Status::AwaitingSeller) {
        if (last == Direction::Outbound) {
            if (steps_.size() >= 3 && r.chance(500)) {
                steps_.pop_back();
            } else {
                in(kPhFollow, in_role);
            }
        }
    } else if (p.status == Status::AwaitingCustomer) {
        if (last == Direction::Inbound) out(replied ? kPhReplyN : kPhReply1);
    } else {  // Closed
        if (last == Direction::Inbound) {
            if (steps_.size() >= 3 && steps_.back().phase == kPhFollow && r.chance(500)) {
                steps_.back().phase = kPhThanks;
            } else {
                out(replied ? kPhReplyN : kPhReply1);
            }
        } else if (r.chance(350)) {
            in(kPhThanks, in_role);
        }
        if (p.ebay_case && r.chance(700)) in(kPhCaseClosed, AuthorRole::Platform);
    }
    // Decorations. Tmall agents often send a quick "one moment" before the answer.
    if (zh) {
        for (size_t i = 1; i < steps_.size(); ++i)
            if (steps_[i].phase == kPhReply1) {
                if (r.chance(350)) {
                    Step a = steps_[i];
                    a.phase = kPhAck;
                    steps_.insert(steps_.begin() + long(i), a);
                }
                break;
            }
    }
    // Auto-replies right after the first inbound message (they never count as an answer).
    if ((p.m == Marketplace::Walmart && r.chance(100)) || (p.m == Marketplace::Amazon && r.chance(50))) {
        if (steps_[0].dir == Direction::Inbound) {
            Step a;
            a.dir = Direction::Outbound;
            a.role = AuthorRole::Agent;
            a.phase = kPhAuto;
            steps_.insert(steps_.begin() + 1, a);
        }
    }
    // An outbound message that could not be delivered, sent again later.
    static const int kFailRate[] = {50, 20, 5, 0, 0};
    if (r.chance(kFailRate[int(p.m)])) {
        int candidates[32], nc = 0;
        for (size_t i = 0; i < steps_.size() && nc < 32; ++i)
            if (steps_[i].dir == Direction::Outbound && steps_[i].phase != kPhAuto && steps_[i].phase != kPhAck)
                candidates[nc++] = int(i);
        if (nc > 0) {
            const int i = candidates[r.below(uint32_t(nc))];
            steps_[size_t(i)].failed = true;
            Step again = steps_[size_t(i)];
            again.failed = false;
            again.resend = true;
            steps_.insert(steps_.begin() + i + 1, again);
        }
    }
}

// Age of the oldest unanswered inbound message for a conversation awaiting the seller: spread
// so that on-track, due-soon and overdue all occur for 24 h, 48 h and Tmall's 5-minute clocks.
Time Generator::pending_age(Rng& r, const Plan& p) {
    Time a;
    if (p.m == Marketplace::Tmall) {
        switch (r.weighted({12, 10, 18, 20, 10, 18, 8})) {
            case 0: a = r.range(30, 3 * kMinute); break;
            case 1: a = r.range(3 * kMinute, 5 * kMinute); break;
            case 2: a = r.range(5 * kMinute, kHour); break;
            case 3: a = r.range(kHour, 20 * kHour); break;
            case 4: a = r.range(20 * kHour, 24 * kHour); break;
            case 5: a = r.range(24 * kHour, 47 * kHour); break;
            default: a = r.range(47 * kHour, std::min<Time>(6 * kDay, window_)); break;
        }
    } else {
        switch (r.weighted({12, 28, 13, 9, 12, 8, 9, 6})) {
            case 0: a = r.range(kMinute, 30 * kMinute); break;
            case 1: a = r.range(30 * kMinute, 12 * kHour); break;
            case 2: a = r.range(12 * kHour, 20 * kHour); break;
            case 3: a = r.range(20 * kHour, 24 * kHour); break;
            case 4: a = r.range(24 * kHour, 40 * kHour); break;
            case 5: a = r.range(40 * kHour, 48 * kHour); break;
            case 6: a = r.range(48 * kHour, 72 * kHour); break;
            default: a = r.range(72 * kHour, std::min<Time>(8 * kDay, window_)); break;  // a few forgotten ones
        }
    }
    return a;
}

// How long the seller takes to answer an inbound message: mostly inside the marketplace's
// window, sometimes late.
Time Generator::agent_gap(Rng& r, const Plan& p) {
    const bool late = r.chance(120);
    switch (p.m) {
        case Marketplace::Amazon:
            return late ? r.range(25 * kHour, 72 * kHour) : r.log_range(10 * kMinute, 22 * kHour);
        case Marketplace::Walmart:
            return late ? r.range(49 * kHour, 96 * kHour) : r.log_range(20 * kMinute, 44 * kHour);
        case Marketplace::Ebay:
            return late ? r.range(2 * kDay, 4 * kDay) : r.log_range(30 * kMinute, 30 * kHour);
        case Marketplace::Wish:
            return late ? r.range(49 * kHour, 4 * kDay) : r.log_range(30 * kMinute, 44 * kHour);
        case Marketplace::Tmall:
            if (p.presale) return late ? r.range(2 * kHour, 30 * kHour) : r.log_range(20, 20 * kMinute);
            return late ? r.log_range(6 * kMinute, 3 * kHour) : r.log_range(15, 4 * kMinute);
    }
    return kHour;
}

// Pass 3: timestamps.
void Generator::clock(Rng& r, const Plan& p) {
    const bool zh = p.m == Marketplace::Tmall;
    const size_t n = steps_.size();
    steps_[0].rel = 0;
    for (size_t k = 1; k < n; ++k) {
        const Step& prev = steps_[k - 1];
        const Step& cur = steps_[k];
        Time gap;
        if (cur.phase == kPhAuto) gap = r.range(5, 90);
        else if (cur.resend) gap = zh ? r.range(60, 10 * kMinute) : r.log_range(5 * kMinute, 8 * kHour);
        else if (cur.phase == kPhCaseClosed) gap = r.range(kDay, 6 * kDay);
        else if (cur.dir == Direction::Outbound && prev.dir == Direction::Outbound && prev.phase != kPhAuto)
            gap = zh ? r.range(60, 8 * kMinute) : r.log_range(10 * kMinute, 3 * kHour);
        else if (cur.dir == Direction::Outbound) gap = agent_gap(r, p);
        else if (prev.phase == kPhCaseOpen) gap = r.log_range(kMinute, kDay);
        else if (prev.dir == Direction::Inbound)  // nudge
            gap = zh ? r.log_range(kMinute, 30 * kMinute) : r.range(6 * kHour, 3 * kDay);
        else if (cur.role == AuthorRole::CustomerCare) gap = r.log_range(4 * kHour, 2 * kDay);
        else gap = zh ? (r.chance(700) ? r.log_range(20, 30 * kMinute) : r.log_range(kHour, 2 * kDay))
                      : r.log_range(10 * kMinute, 3 * kDay);
        steps_[k].rel = prev.rel + gap;
    }

    // Anchor: the first message of the unanswered run (awaiting seller) or the last message.
    const Time cap = std::max<Time>(window_ - 2 * kHour, kHour);
    size_t anchor = n - 1;
    Time target;
    if (p.status == Status::AwaitingSeller) {
        while (anchor > 0 && (steps_[anchor - 1].dir == Direction::Inbound || steps_[anchor - 1].phase == kPhAuto))
            --anchor;
        while (anchor + 1 < n && steps_[anchor].dir != Direction::Inbound) ++anchor;
        target = now_ - std::min(pending_age(r, p), cap);
    } else {
        Time age;
        if (p.status == Status::AwaitingCustomer)
            age = r.chance(500) ? r.log_range(2 * kMinute, 2 * kDay) : r.range(2 * kDay, cap);
        else
            age = r.range(kHour, cap);
        target = now_ - std::min(age, cap);
    }
    for (size_t k = 0; k < n; ++k) steps_[k].at = target + (steps_[k].rel - steps_[anchor].rel);

    // Wish: a ticket left unanswered for 48 hours is taken over by Wish support.
    if (p.m == Marketplace::Wish && p.status == Status::AwaitingSeller && !p.presale &&
        steps_[anchor].at + 49 * kHour < now_ && r.chance(600)) {
        steps_.resize(anchor + 1);
        Step e;
        e.dir = Direction::Inbound;
        e.role = AuthorRole::Platform;
        e.phase = kPhEscalation;
        e.at = steps_[anchor].at + 48 * kHour + r.range(10 * kMinute, 2 * kHour);
        e.at = std::min(e.at, now_ - kMinute);
        steps_.push_back(e);
    }
    const size_t count = steps_.size();

    // Messages after the anchor must stay before now: squeeze them in if needed.
    if (steps_.back().at >= now_ - 1) {
        const Time span = (now_ - 1) - steps_[anchor].at;
        const Time parts = Time(count - anchor);
        for (size_t k = anchor + 1; k < count; ++k)
            steps_[k].at = steps_[anchor].at + span * Time(k - anchor) / parts;
    }
    // Messages before the anchor must stay inside the window: compress them if needed.
    const Time lo = start_ + kMinute;
    if (anchor > 0 && steps_[0].at < lo) {
        const Time a = steps_[anchor].at, first = steps_[0].at;
        for (size_t k = 0; k < anchor; ++k) steps_[k].at = a - (a - steps_[k].at) * (a - lo) / (a - first);
    }
    for (size_t k = 1; k < count; ++k)
        if (steps_[k].at <= steps_[k - 1].at) steps_[k].at = steps_[k - 1].at + 1;
    if (steps_.back().at >= now_) {
        steps_.back().at = now_ - 1;
        for (size_t k = count - 1; k > 0; --k)
            if (steps_[k - 1].at >= steps_[k].at) steps_[k - 1].at = steps_[k].at - 1;
    }
}

uint32_t Generator::customer_for(Rng& r, Plan& p, Store& store) {
    std::vector<uint32_t>& pool = customers_by_market_[int(p.m)];
    if (!p.spam && !pool.empty() && r.chance(120)) {
        const uint32_t idx = pool[r.below(uint32_t(pool.size()))];
        const std::string& country = store.customers[idx].country;
        if (country == kRegionCodes[p.region] || (!p.ebay_case && !p.presale)) {
            for (int g = 0; g <= kCN; ++g)
                if (country == kRegionCodes[g]) p.region = Region(g);
            return idx;
        }
    }
    Customer c;
    const uint32_t idx = uint32_t(store.customers.size());
    c.id = "cu-";
    append_padded(c.id, idx + 1, 6);
    c.country = kRegionCodes[p.region];
    const char* first;
    const char* last;
    switch (p.region) {
        case kGB: first = pick(r, kFirstGb); last = pick(r, kLastGb); break;
        case kDE: first = pick(r, kFirstDe); last = pick(r, kLastDe); break;
        case kCA:
            first = r.chance(500) ? pick(r, kFirstCa) : pick(r, kFirstUs);
            last = r.chance(500) ? pick(r, kLastCa) : pick(r, kLastUs);
            break;
        case kFR: first = pick(r, kFirstFr); last = pick(r, kLastFr); break;
        case kCN: first = pick(r, kGivenZh); last = pick(r, kSurnameZh); break;
        default: first = pick(r, kFirstUs); last = pick(r, kLastUs); break;
    }
    if (p.region == kCN) {
        c.name = last;
        c.name += first;
    } else {
        c.name = first;
        c.name += ' ';
        c.name += last;
    }
    switch (p.m) {
        case Marketplace::Amazon: {
            static const char kSet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
            for (int i = 0; i < 14; ++i) c.email += kSet[r.below(sizeof kSet - 1)];
            static const char* const kTld[] = {"com", "co.uk", "de", "ca", "fr", "cn"};
            c.email += "@marketplace.amazon.";
            c.email += kTld[p.region];
            break;
        }
        case Marketplace::Walmart:
            append_hex(c.email, r.next(), 16);
            c.email += "@relay.walmart.com";
            break;
        case Marketplace::Ebay:
            append_slug(c.email, first);
            c.email += r.chance(500) ? "_" : ".";
            append_slug(c.email, std::string_view(last).substr(0, r.chance(500) ? 1 : 20));
            append_int(c.email, r.range(1, 99));
            c.email += "@members.ebay.com";
            break;
        case Marketplace::Wish:
            append_slug(c.email, first);
            c.email += '.';
            append_slug(c.email, last);
            append_int(c.email, r.range(10, 99));
            c.email += "@example.com";
            break;
        case Marketplace::Tmall: break;
    }
    store.customers.push_back(std::move(c));
    if (!p.spam) pool.push_back(idx);
    return idx;
}

void Generator::order_id(Rng& r, const Plan& p, Order& o) {
    for (int attempt = 0; attempt < 64; ++attempt) {
        std::string& id = o.id;
        id.clear();
        switch (p.m) {
            case Marketplace::Amazon: {
                static const char* const kUs[] = {"111", "112", "113", "114"};
                static const char* const kCa[] = {"701", "702"};
                static const char* const kGb[] = {"202", "203", "204", "205", "206"};
                static const char* const kDe[] = {"302", "303", "304", "305", "306"};
                static const char* const kFr[] = {"402", "403", "404", "405", "407"};
                switch (p.region) {
                    case kCA: id += pick(r, kCa); break;
                    case kGB: id += pick(r, kGb); break;
                    case kDE: id += pick(r, kDe); break;
                    case kFR: id += pick(r, kFr); break;
                    default: id += pick(r, kUs); break;
                }
                id += '-';
                append_digits(id, r, 7);
                id += '-';
                append_digits(id, r, 7);
                break;
            }
            case Marketplace::Walmart:
                if (r.chance(600)) {  // purchase order number, 13 digits
                    id += '1';
                    append_digits(id, r, 12);
                } else {  // customer order number, 15 digits
                    id += "2000";
                    append_digits(id, r, 11);
                }
                break;
            case Marketplace::Ebay:
                append_int(id, r.range(10, 27));
                id += '-';
                append_digits(id, r, 5);
                id += '-';
                append_digits(id, r, 5);
                break;
            case Marketplace::Wish:  // object-ID style: purchase time, then random bits
                append_hex(id, uint64_t(o.purchased_at) & 0xffffffffull, 8);
                append_hex(id, r.next(), 16);
                break;
            case Marketplace::Tmall:
                if (r.chance(600)) {
                    id += char('1' + r.below(4));
                    append_digits(id, r, 18);
                } else {
                    id += char('1' + r.below(9));
                    append_digits(id, r, 17);
                }
                break;
        }
        if (order_keys_.insert(fnv1a(id))) return;
    }
}

void Generator::tracking_number(Rng& r, const std::string& carrier, Time shipped, std::string& out) {
    out.clear();
    if (carrier == "YunExpress") {
        const CivilTime c = to_civil(shipped);
        out = "YT";
        append_padded(out, c.year % 100, 2);
        append_padded(out, c.month, 2);
        append_digits(out, r, 12);
    } else if (carrier == "4PX") {
        out = "4PX3";
        append_digits(out, r, 12);
        out += "CN";
    } else if (carrier == "China Post") {
        out = "LX";
        append_digits(out, r, 9);
        out += "CN";
    } else if (carrier == "Yanwen") {
        out = "UG";
        append_digits(out, r, 9);
        out += "YP";
    } else if (carrier == "USPS") {
        out = "9400";
        append_digits(out, r, 18);
    } else if (carrier == "UPS") {
        out = "1Z";
        append_upper_alnum(out, r, 6);
        out += "03";
        append_digits(out, r, 8);
    } else if (carrier == "Royal Mail") {
        static const char* const kPre[] = {"RB", "RC", "RE", "RF", "RH"};
        out = pick(r, kPre);
        append_digits(out, r, 9);
        out += "GB";
    } else if (carrier == "DHL") {
        out = "00340434";
        append_digits(out, r, 12);
    } else if (carrier == "Canada Post") {
        append_digits(out, r, 16);
    } else if (carrier == "Colissimo") {
        out = "6A";
        append_digits(out, r, 11);
    } else if (carrier == "SF Express") {
        out = "SF";
        append_digits(out, r, 13);
    } else if (carrier == "中通快递") {
        out = "7";
        append_digits(out, r, 13);
    } else if (carrier == "圆通速递") {
        out = "YT";
        append_digits(out, r, 13);
    } else {  // 韵达快递
        out = "43";
        append_digits(out, r, 13);
    }
}

// Order dates are derived backwards from the first message so they always make sense:
// purchase before the first message, EDD passed for "not received", and eBay cases opened
// inside their legal windows.
void Generator::build_order(Rng& r, const Plan& p, Order& o, Time first) {
    const bool zh = p.m == Marketplace::Tmall;
    Time e;  // EDD - purchase
    if (zh) e = r.range(2 * kDay, 5 * kDay);
    else if (p.m == Marketplace::Walmart) e = r.range(5 * kDay, 12 * kDay);
    else e = r.range(7 * kDay, 20 * kDay);
    const bool shipped = needs_shipping(p.scene);

    Time d = 0;  // first message - purchase
    Time paid_delay = zh || p.m == Marketplace::Wish ? r.range(0, 120) : r.range(30, 600);
    Time purchase;
    if (p.ebay_case) {
        if (p.case_type == CaseType::ItemNotReceived && p.channel == CaseChannel::Ebay &&
            (p.region == kUS || p.region == kGB)) {
            d = e + r.range(kDay + kHour, 30 * kDay - kHour);      // EDD+1 .. EDD+30
            purchase = first - d;
        } else {
            const Time lo = std::min(std::max(kDay + kHour, e + (p.case_type == CaseType::ItemNotReceived
                                                                   ? kDay : -2 * kDay)),
                                     44 * kDay);
            const Time since_paid = r.range(lo, 45 * kDay - kHour);  // payment+1 .. payment+45
            purchase = first - since_paid - paid_delay;
        }
    } else {
        switch (p.scene) {
            case kScCancelUnshipped: case kScAddressUnshipped: d = r.log_range(15 * kMinute, 20 * kHour); break;
            case kScCancelShipped: d = r.range(36 * kHour, 4 * kDay); break;
            case kScAddressShipped: d = r.range(36 * kHour, 6 * kDay); break;
            case kScOrderStatus: d = r.range(2 * kDay, e + 3 * kDay); break;
            case kScInr: case kScInrDelivered: d = e + r.range(kDay, 20 * kDay); break;
            case kScCustoms: d = r.range(e / 2, e); break;
            case kScInvoice: d = r.range(2 * kDay, 25 * kDay); break;
            case kScOther: d = r.range(kDay, 15 * kDay); break;
            case kScWishAddress: d = r.range(e - 3 * kDay, e + 5 * kDay); break;
            case kScWishPostOffice: d = e + r.range(0, 10 * kDay); break;
            case kScWishSplit: d = r.range(e - 2 * kDay, e + 8 * kDay); break;
            case kScWishReturned: d = e + r.range(5 * kDay, 30 * kDay); break;
            case kScWishLost: d = e + r.range(5 * kDay, 25 * kDay); break;
            default: d = r.range(e - 2 * kDay, e + 12 * kDay); break;  // delivered: damaged, return, usage...
        }
        if (shipped) d = std::max(d, 3 * kHour);
        purchase = first - d;
    }
    o.purchased_at = purchase;
    o.paid_at = purchase + paid_delay;
    o.estimated_delivery = purchase + e;
    if (shipped) {
        Time s = zh ? r.range(2 * kHour, 36 * kHour) : r.range(8 * kHour, 3 * kDay);
        s = std::max<Time>(std::min(s, first - purchase - kHour), paid_delay + kMinute);
        o.shipped_at = purchase + s;
    }
    o.region = kRegionCodes[p.region];
    order_id(r, p, o);

    // Product, amount, currency.
    if (zh) {
        const ZhItem& it = kZhItems[p.item];
        o.item = it.title;
        o.sku = it.sku;
        o.amount_cents = it.cny_cents;
        if (r.chance(250)) o.amount_cents *= 2;
        o.currency = "CNY";
    } else {
        const Item& it = kItems[p.item];
        o.item = it.title;
        o.sku = it.sku;
        int64_t cents = it.usd_cents;
        const bool local = p.m == Marketplace::Amazon || p.m == Marketplace::Ebay;
        const Region cur = local ? p.region : kUS;
        if (cur == kGB) cents = cents * 79 / 100;
        else if (cur == kDE || cur == kFR) cents = cents * 92 / 100;
        else if (cur == kCA) cents = cents * 137 / 100;
        cents += r.range(-150, 150);
        cents = std::max<int64_t>(cents / 100, 5) * 100 + 99;
        if (r.chance(150)) cents = cents * 2 - 100;  // two of them, a small bundle discount
        o.amount_cents = cents;
        o.currency = kCurrencies[cur];
    }
    static const int kGift[] = {30, 50, 20, 100, 30};
    o.gift = r.chance(kGift[int(p.m)]);

    // Carrier and tracking.
    if (shipped) {
        static const char* const kUsC[] = {"YunExpress", "4PX", "USPS", "China Post", "UPS", "Yanwen"};
        static const int kUsW[] = {28, 18, 25, 10, 12, 7};
        static const char* const kGbC[] = {"Royal Mail", "YunExpress", "4PX", "Yanwen"};
        static const int kGbW[] = {45, 30, 15, 10};
        static const char* const kDeC[] = {"DHL", "YunExpress", "4PX", "China Post"};
        static const int kDeW[] = {45, 30, 15, 10};
        static const char* const kCaC[] = {"Canada Post", "YunExpress", "4PX"};
        static const char* const kFrC[] = {"Colissimo", "YunExpress", "4PX"};
        static const int kThreeW[] = {45, 35, 20};
        static const char* const kCnC[] = {"SF Express", "中通快递", "圆通速递", "韵达快递"};
        static const int kCnW[] = {25, 35, 25, 15};
        switch (p.region) {
            case kGB: o.carrier = kGbC[r.weighted(kGbW)]; break;
            case kDE: o.carrier = kDeC[r.weighted(kDeW)]; break;
            case kCA: o.carrier = kCaC[r.weighted(kThreeW)]; break;
            case kFR: o.carrier = kFrC[r.weighted(kThreeW)]; break;
            case kCN: o.carrier = kCnC[r.weighted(kCnW)]; break;
            default: o.carrier = kUsC[r.weighted(kUsW)]; break;
        }
        tracking_number(r, o.carrier, o.shipped_at, o.tracking_number);
    }
    if (p.m == Marketplace::Wish) {
        append_hex(o.transaction_id, uint64_t(o.paid_at) & 0xffffffffull, 8);
        append_hex(o.transaction_id, r.next(), 16);
    } else if (p.ebay_case && p.channel == CaseChannel::PayPal) {
        append_digits(o.transaction_id, r, 1);
        append_upper_alnum(o.transaction_id, r, 16);
    }
}

void Generator::subject(Rng& r, const Plan& p, std::string& out) {
    out.clear();
    const bool zh = p.m == Marketplace::Tmall;
    const char* t;
    if (zh) {
        t = pick(r, kZhScenes[p.scene].subject);
    } else if (p.account) {
        t = kAccountSubject[p.account_kind];
    } else if (p.ebay_case) {
        if (p.channel == CaseChannel::PayPal) t = "PayPal dispute opened (order {order})";
        else if (p.case_type == CaseType::ItemNotReceived) t = "Request opened: item not received (order {order})";
        else t = "Return request: item not as described (order {order})";
    } else if (p.proactive) {
        t = p.scene == kScFeedback ? pick(r, kSubjProactiveFeedback) : pick(r, kSubjProactiveDelay);
    } else if (p.cc) {
        t = pick(r, kSubjCustomerCare);
    } else if (p.m == Marketplace::Amazon && !p.spam && r.chance(350)) {
        t = p.presale ? "Product question from Amazon customer {first}"
                      : "Inquiry from Amazon customer {first} (Order: {order})";
    } else if (p.m == Marketplace::Ebay && !p.spam && r.chance(350)) {
        t = p.presale ? "{handle} has a question about item #{itemno}"
                      : "{handle} sent a message about {short} #{itemno}";
    } else {
        t = pick(r, kScenes[p.scene].subject);
        if (p.m == Marketplace::Walmart && !p.presale && r.chance(250)) {
            fill(out, t, ctx_);
            fill(out, " - order #{order}", ctx_);
            return;
        }
    }
    fill(out, t, ctx_);
}

void Generator::buyer_open_en(Rng& r, const Plan& p, std::string& out) {
    const int style = style_of(p.region);
    const SceneText& st = kScenes[p.scene];
    const char* greet = pick(r, kGreetBuyer[style]);
    if (*greet) {
        fill(out, greet, ctx_);
        out += r.chance(500) ? "\n\n" : " ";
    }
    const Category cat = kItems[p.item].cat;
    switch (p.scene) {
        case kScUsage:
            if (r.chance(300)) fill(out, "I received the {short} today. ", ctx_);
            fill(out, kUsageQ[cat][r.below(2)], ctx_);
            break;
        case kScProductQuestion:
            if (p.generic_question) fill(out, kPresaleGeneric[p.generic_question_index].buyer, ctx_);
            else fill(out, kPresaleQ[cat][r.below(2)], ctx_);
            break;
        case kScNad:
            fill(out, pick(r, st.open), ctx_);
            out += ' ';
            out += kNadComplaint[cat];
            break;
        default: fill(out, pick(r, st.open), ctx_); break;
    }
    if (st.detail.n && r.chance(700)) {
        const char* d = pick(r, st.detail);
        if (*d) {
            out += ' ';
            fill(out, d, ctx_);
        }
    }
    if (r.chance(120)) add_typos(out, r);  // slips in the buyer's own text, not in the signature
    // Nobody is impatient before buying: pre-sale questions close politely or neutrally.
    const Mood mood = p.presale && p.mood == kImpatient ? kNeutral : p.mood;
    const char* close = mood == kPolite    ? pick(r, kClosePolite[style])
                        : mood == kNeutral ? pick(r, kCloseNeutral)
                                           : pick(r, kCloseImpatient);
    out += r.chance(600) ? "\n\n" : " ";
    fill(out, close, ctx_);
    const char* sign = pick(r, kSignBuyer);
    if (!*sign && out.back() == ',') sign = "\n{first}";
    fill(out, sign, ctx_);
}

void Generator::agent_reply_en(Rng& r, const Plan& p, bool first, std::string& out) {
    const SceneText& st = kScenes[p.scene];
    const Category cat = kItems[p.item].cat;
    if (!first) {
        // In a Customer Care thread the follow-ups answer Walmart's agents, not the buyer.
        fill(out, p.cc ? pick(r, kGreetCustomerCare) : pick(r, kGreetAgentShort), ctx_);
        out += "\n\n";
        const Pair* answer = pair_ ? pair_ : &kPairGeneric[r.below(uint32_t(std::size(kPairGeneric)))];
        fill(out, answer->agent, ctx_);
        if (r.chance(500)) {
            out += ' ';
            fill(out, p.presale ? pick(r, kCloseAgentFriendly) : pick(r, kCloseAgentShort), ctx_);
        }
        out += "\n\n";
        fill(out, pick(r, kSignAgent), ctx_);
        return;
    }
    fill(out, pick(r, kGreetAgent), ctx_);
    out += "\n\n";
    fill(out, pick(r, st.restate), ctx_);
    out += r.chance(500) ? "\n\n" : " ";
    switch (p.scene) {
        case kScUsage:
            fill(out, "Here is how to do it:\n", ctx_);
            fill(out, kUsageA[cat], ctx_);
            break;
        case kScProductQuestion:
            fill(out, p.generic_question ? kPresaleGeneric[p.generic_question_index].agent : kPresaleA[cat], ctx_);
            break;
        default: fill(out, pick(r, st.solution), ctx_); break;
    }
    out += "\n\n";
    const bool friendly = p.presale || p.scene == kScUsage || p.scene == kScInvoice || p.scene == kScOther;
    fill(out, friendly ? pick(r, kCloseAgentFriendly) : pick(r, kCloseAgent), ctx_);
    out += "\n\n";
    fill(out, pick(r, kSignAgent), ctx_);
}

void Generator::compose(Rng& r, const Plan& p, const Step& s, int k, std::string& out) {
    out.clear();
    const bool zh = p.m == Marketplace::Tmall;
    format_date(ctx_.followup, s.at + 5 * kDay, style_of(p.region), zh);
    ctx_.agent = s.dir == Direction::Outbound && k % 7 == 6 ? other_agent_ : main_agent_;
    const bool buyer_en = !zh && s.role == AuthorRole::Customer;

    switch (s.phase) {
        case kPhAuto: fill(out, pick(r, kAutoReply), ctx_); return;
        case kPhAck: fill(out, pick(r, kZhAck), ctx_); return;
        case kPhEscalation: fill(out, pick(r, kEscalation), ctx_); return;
        case kPhAccount: fill(out, kAccount[p.account_kind], ctx_); return;
        case kPhCaseClosed: fill(out, pick(r, kCaseClosed), ctx_); return;
        case kPhCaseOpen:
            if (p.channel == CaseChannel::PayPal) fill(out, pick(r, kCasePaypal), ctx_);
            else if (p.case_type == CaseType::ItemNotReceived) fill(out, pick(r, kCaseInr), ctx_);
            else fill(out, pick(r, kCaseSnad), ctx_);
            return;
        case kPhProactive:
            fill(out, p.scene == kScFeedback ? pick(r, kProactiveFeedback) : pick(r, kProactiveDelay), ctx_);
            return;
        default: break;
    }

    if (s.role == AuthorRole::CustomerCare) {
        switch (s.phase) {
            case kPhOpen: {
                const char* issue;
                switch (p.scene) {
                    case kScOrderStatus: case kScInr: case kScInrDelivered: issue = pick(r, kCcIssueShipping); break;
                    case kScDamaged: issue = kCcIssueBroken[0]; break;
                    case kScNad: issue = kCcIssueBroken[1]; break;
                    case kScReturn: issue = pick(r, kCcIssueReturn); break;
                    case kScCancelShipped: case kScCancelUnshipped: issue = kCcIssueOrderChange[0]; break;
                    case kScAddressShipped: case kScAddressUnshipped: issue = kCcIssueOrderChange[1]; break;
                    default: issue = pick(r, kCcIssueOther); break;
                }
                ctx_.issue.clear();
                fill(ctx_.issue, issue, ctx_);
                fill(out, pick(r, kCcOpen), ctx_);
                break;
            }
            case kPhThanks: fill(out, pick(r, kCcThanks), ctx_); break;
            default:
                pair_ = choose_pair(r, PP(kPairCc), PP(kPairCc));
                fill(out, pair_->buyer, ctx_);
                break;
        }
        return;
    }

    if (zh) {
        const SceneText& st = kZhScenes[p.scene];
        const ZhItem& it = kZhItems[p.item];
        switch (s.phase) {
            case kPhOpen:
                if (r.chance(300)) out += "在吗？";
                if (p.scene == kScUsage) out += it.usage_q;
                else if (p.scene == kScProductQuestion)
                    fill(out, p.generic_question ? kZhPresaleGeneric[p.generic_question_index].buyer : it.presale_q,
                         ctx_);
                else fill(out, pick(r, st.open), ctx_);
                break;
            case kPhNudge: out += pick(r, kZhNudge); break;
            case kPhFollow:
                pair_ = choose_pair(r, st.follow, PP(kZhPairGeneric));
                fill(out, pair_->buyer, ctx_);
                break;
            case kPhThanks: out += pick(r, kZhThanks); break;
            case kPhReply1: {
                const bool acked = k > 0 && steps_[size_t(k) - 1].phase == kPhAck;
                const char* sol;
                if (p.scene == kScUsage) sol = it.usage_a;
                else if (p.scene == kScProductQuestion)
                    sol = p.generic_question ? kZhPresaleGeneric[p.generic_question_index].agent : it.presale_a;
                else sol = pick(r, st.solution);
                // Most answers already open with "亲，"; greet only when they do not.
                if (!acked && std::strncmp(sol, "亲", std::strlen("亲")) != 0) fill(out, pick(r, kZhGreet), ctx_);
                fill(out, sol, ctx_);
                const char* close = pick(r, kZhClose);
                if (*close) fill(out, close, ctx_);
                break;
            }
            default: {
                const Pair* answer = pair_ ? pair_ : &kZhPairGeneric[r.below(uint32_t(std::size(kZhPairGeneric)))];
                fill(out, answer->agent, ctx_);
                break;
            }
        }
        return;
    }

    const SceneText& st = kScenes[p.scene];
    switch (s.phase) {
        case kPhOpen:
            if (p.spam) {
                const Pool pools[] = {P(kSpamBulk), P(kSpamFraud), P(kSpamRude)};
                fill(out, pick(r, pools[p.spam_kind]), ctx_);
                return;
            }
            buyer_open_en(r, p, out);
            break;
        case kPhNudge:
            if (p.spam) {
                const Pool pools[] = {P(kSpamBulk), P(kSpamFraud), P(kSpamRude)};
                fill(out, pick(r, pools[p.spam_kind]), ctx_);
                return;
            }
            fill(out, pick(r, kNudge), ctx_);
            break;
        case kPhFollow:
            pair_ = choose_pair(r, st.follow, PP(kPairGeneric));
            fill(out, pair_->buyer, ctx_);
            break;
        case kPhThanks: fill(out, pick(r, kThanks), ctx_); break;
        case kPhReply1: agent_reply_en(r, p, true, out); break;
        default: agent_reply_en(r, p, false, out); break;
    }
    if (buyer_en && s.phase != kPhOpen && r.chance(120)) add_typos(out, r);
}

// Text context shared by every message of the conversation.
void Generator::set_context(Rng& r, const Plan& p, const Customer& who) {
    const bool zh = p.m == Marketplace::Tmall;
    Ctx& x = ctx_;
    if (zh) {
        main_agent_ = pick(r, kAgentsZh);
        other_agent_ = pick(r, kAgentsZh);
    } else {
        main_agent_ = pick(r, kAgentsEn);
        other_agent_ = pick(r, kAgentsEn);
    }
    x.name = who.name;
    x.first = zh ? who.name : who.name.substr(0, who.name.find(' '));
    x.handle.clear();
    if (p.m == Marketplace::Ebay) {
        x.handle.assign(who.email, 0, who.email.find('@'));
    } else {
        append_slug(x.handle, x.first);
        append_int(x.handle, r.range(1, 99));
    }
    x.store = kStores[int(p.m)];
    x.mkt = display_name(p.m);
    x.city = pick(r, cities(p.region));
    x.street = p.region == kCN ? "" : pick(r, streets(p.region));
    x.country = kCountryNames[p.region];
    x.model = pick(r, kPhoneModels);
    x.company = pick(r, kCompanies);
    x.parcels = r.chance(700) ? "2" : "3";
    x.itemno.clear();
    x.itemno += char('1' + r.below(4));
    append_digits(x.itemno, r, 11);
    x.reason = p.case_type == CaseType::NotAsDescribed ? "item significantly not as described" : "item not received";
    if (zh) {
        x.item = kZhItems[p.item].title;
        x.short_name = kZhItems[p.item].short_name;
        x.complaint.clear();
    } else {
        x.item = kItems[p.item].title;
        x.short_name = kItems[p.item].short_name;
        x.complaint = kNadComplaint[kItems[p.item].cat];
    }
}

// Order-dependent part of the context; `o` is null for pre-sale conversations.
void Generator::set_order_context(Rng& r, const Plan& p, const Order* o, Time opened) {
    const bool zh = p.m == Marketplace::Tmall;
    const int style = style_of(p.region);
    Ctx& x = ctx_;
    if (!o) {
        x.order.clear();
        x.carrier = "the carrier";
        x.tracking.clear();
        x.tracking2.clear();
        const int64_t list = zh ? kZhItems[p.item].cny_cents : kItems[p.item].usd_cents;
        const char* cur = zh ? "CNY" : kCurrencies[p.region];
        format_money(x.amount, list, cur, zh);
        format_money(x.fee, list / 5, cur, zh);
        format_money(x.price, list * 75 / 100 / 100 * 100, cur, zh);
        x.pdate.clear();
        x.sdate.clear();
        x.edd.clear();
        x.dlv.clear();
        x.days = "0";
        x.txn.clear();
        return;
    }
    x.order = o->id;
    x.carrier = o->carrier.empty() ? (zh ? "中通快递" : "the carrier") : o->carrier;
    x.tracking = o->tracking_number;
    // A second tracking number for reshipments and split parcels.
    tracking_number(r, o->carrier.empty() ? std::string(zh ? "中通快递" : "YunExpress") : o->carrier, opened,
                    x.tracking2);
    format_money(x.amount, o->amount_cents, o->currency.c_str(), zh);
    // Import duty plus the carrier's handling charge.
    format_money(x.fee, o->amount_cents * r.range(10, 25) / 100 + r.range(300, 900), o->currency.c_str(), zh);
    format_money(x.price, o->amount_cents * 80 / 100, o->currency.c_str(), zh);
    format_date(x.pdate, o->purchased_at, style, zh);
    format_date(x.sdate, o->shipped_at == kNoTime ? o->purchased_at + kDay : o->shipped_at, style, zh);
    format_date(x.edd, o->estimated_delivery, style, zh);
    format_date(x.dlv, std::min(o->estimated_delivery - r.range(0, 2 * kDay), opened - kDay), style, zh);
    x.days.clear();
    append_int(x.days, (opened - o->purchased_at) / kDay);
    x.txn = o->transaction_id;
}

void Generator::write_messages(Rng& r, const Plan& p, Conversation& c, const Customer& who) {
    pair_ = nullptr;
    follows_ = 0;
    c.messages.reserve(steps_.size());  // keeps references to earlier messages valid below
    for (size_t k = 0; k < steps_.size(); ++k) {
        const Step& s = steps_[k];
        c.messages.emplace_back();
        Message& m = c.messages.back();
        m.id = c.id;
        m.id += "-m";
        append_int(m.id, int64_t(k) + 1);
        m.direction = s.dir;
        m.role = s.role;
        m.at = s.at;
        m.delivery = s.failed ? Delivery::Failed : Delivery::Sent;
        m.auto_reply = s.phase == kPhAuto;
        if (s.resend && k > 0) {  // the same reply, sent again after the failure
            m.body = c.messages[k - 1].body;
            m.author = c.messages[k - 1].author;
            continue;
        }
        compose(r, p, s, int(k), buf_);
        m.body = buf_;
        switch (s.role) {
            case AuthorRole::Customer: m.author = who.name; break;
            case AuthorRole::CustomerCare: m.author = "Walmart Customer Care"; break;
            case AuthorRole::Platform:
                m.author = p.m == Marketplace::Ebay ? "eBay" : p.m == Marketplace::Wish ? "Wish Support"
                                                                                        : display_name(p.m);
                break;
            case AuthorRole::Agent: m.author = s.phase == kPhAuto ? ctx_.store : ctx_.agent; break;
        }
    }
}

// Folder, labels, unread flag and assignee.
void Generator::set_flags(Rng& r, const Plan& p, Conversation& c, bool agent_wrote) {
    if (p.m == Marketplace::Ebay) {
        c.folder = p.account     ? EbayFolder::HighPriority
                   : p.ebay_case ? EbayFolder::FromEbay
                                 : EbayFolder::FromMembers;
    }
    if (p.m == Marketplace::Wish && !p.presale) c.labels.emplace_back(wish_label(p.scene));
    if (p.cc) c.labels.emplace_back(labels::kCustomerCare);
    if (p.m == Marketplace::Walmart && p.status == Status::AwaitingSeller)
        c.labels.emplace_back(labels::kResponseNeeded);
    if (c.topic == Topic::ReturnRequest && !c.has_label(labels::kReturnRequest) && r.chance(600))
        c.labels.emplace_back(labels::kReturnRequest);
    if (c.topic == Topic::AddressChange && !c.has_label(labels::kAddressChange) && r.chance(600))
        c.labels.emplace_back(labels::kAddressChange);
    if (!p.presale && r.chance(40)) c.labels.emplace_back("follow_up");

    c.unread = p.status == Status::AwaitingSeller ? r.chance(900) : r.chance(40);
    if (!p.spam && r.chance(agent_wrote ? 520 : 350)) c.assignee = main_agent_;
}

// Internal notes, in Chinese (the agents' own language), written while handling the thread.
void Generator::add_notes(Rng& r, const Plan& p, Conversation& c, int last_out) {
    if (p.account && p.status == Status::Closed) {  // a handled account notice keeps a record
        Note nt;
        nt.id = c.id + "-n1";
        nt.text = p.account_kind == 1 ? "已检查延迟发货订单，已上传单号" : "已处理，已在后台提交资料，等待eBay审核";
        nt.agent = main_agent_;
        nt.at = std::min(c.opened_at + r.range(30 * kMinute, kDay), now_ - 1);
        c.notes.push_back(std::move(nt));
        return;
    }
    if (last_out < 0 || p.presale || !r.chance(p.m == Marketplace::Tmall ? 120 : 250)) return;
    Pool pool = P(kNoteGeneral);
    switch (note_group(p.scene)) {
        case kNgShipping: pool = P(kNoteShipping); break;
        case kNgBroken: pool = P(kNoteBroken); break;
        case kNgReturn: pool = P(kNoteReturn); break;
        case kNgAddress: pool = p.scene == kScAddressUnshipped ? P(kNoteAddress) : P(kNoteAddressShipped); break;
        default: break;
    }
    const int notes = r.chance(150) ? 2 : 1;
    const Time base = c.messages[r.below(uint32_t(last_out + 1))].at;
    for (int k = 0; k < notes; ++k) {
        Note nt;
        nt.id = c.id + "-n" + std::to_string(k + 1);
        buf_.clear();
        fill(buf_, pick(r, k == 0 ? pool : P(kNoteGeneral)), ctx_);
        nt.text = buf_;
        nt.agent = main_agent_;
        nt.at = std::min(base + r.range(kMinute, 90 * kMinute) + Time(k) * kHour, now_ - 1);
        c.notes.push_back(std::move(nt));
    }
    std::sort(c.notes.begin(), c.notes.end(), [](const Note& a, const Note& b) { return a.at < b.at; });
}

// Tmall order remarks, by kind; the flag colour follows the kind (seed 004: purple not shipped
// yet, blue shipped, red special courier, green refundable, yellow after-sale return).
void Generator::add_remarks(Rng& r, const Plan& p, Conversation& c, int last_out) {
    if (p.m != Marketplace::Tmall || p.presale || !r.chance(450)) return;
    const int remarks = r.chance(200) ? 2 : 1;
    const Time after = last_out >= 0 ? c.messages[size_t(last_out)].at : c.opened_at;
    for (int k = 0; k < remarks; ++k) {
        Remark rm;
        rm.id = c.id + "-r" + std::to_string(k + 1);
        Pool pool;
        if (k == 1 || r.chance(100)) {
            pool = P(kRemarkCourier);
            rm.kind = RemarkKind::SpecialCourier;
        } else {
            switch (p.scene) {
                case kScCancelUnshipped: case kScAddressUnshipped:
                    pool = P(kRemarkUnshipped);
                    rm.kind = RemarkKind::Unshipped;
                    break;
                case kScAddressShipped: case kScOrderStatus: case kScInr: case kScDamaged:
                    pool = P(kRemarkShipped);
                    rm.kind = RemarkKind::Shipped;
                    break;
                case kScReturn: case kScCancelShipped:
                    pool = P(kRemarkRefund);
                    rm.kind = RemarkKind::Refundable;
                    break;
                default:
                    pool = P(kRemarkAfterSale);
                    rm.kind = RemarkKind::AfterSaleReturn;
                    break;
            }
        }
        rm.flag = flag_of(rm.kind);
        buf_.clear();
        fill(buf_, pick(r, pool), ctx_);
        rm.text = buf_;
        rm.agent = k == 0 ? main_agent_ : other_agent_;
        rm.at = std::min(after + r.range(kMinute, 30 * kMinute) + Time(k) * kHour, now_ - 1);
        c.remarks.push_back(std::move(rm));
    }
}

// One Amazon order in a hundred gets a defect, so the Order Defect Rate card has a real value near
// its 1 % bar (a stride: the default 1,200 conversations get their two or three too). Kinds and
// times come from a stream of their own (seed, index), so the rest of the demo is as without them. The kind follows the conversation: a missing parcel ends in an A-to-z claim,
// a broken or wrong item in negative feedback, anything else in one of the three; one such order in
// five gets a second defect of another kind (an order still counts once). Times are after the
// buyer's first message (a chargeback a few weeks after payment) and before `now`.
void Generator::add_defects(int index, const Plan& p, Order& o, Time opened) {
    if (p.m != Marketplace::Amazon) return;
    if (amazon_orders_++ % 100 != 37) return;   // a stride, not a draw: the share holds at any size
    uint64_t h = splitmix(seed_ ^ splitmix(uint64_t(index) + 0xDEFEC7ull));
    DefectKind kind = DefectKind(h % 3);
    if (p.scene == kScInr || p.scene == kScInrDelivered) kind = DefectKind::AtoZClaim;
    else if (p.scene == kScDamaged || p.scene == kScNad) kind = DefectKind::NegativeFeedback;
    const int count = (h >> 8) % 5 == 0 ? 2 : 1;
    for (int k = 0; k < count; ++k, kind = DefectKind((int(kind) + 1) % 3)) {
        h = splitmix(h);
        Time at;
        switch (kind) {
            case DefectKind::AtoZClaim: at = opened + 2 * kDay + Time(h % uint64_t(8 * kDay)); break;
            case DefectKind::NegativeFeedback: at = opened + kHour + Time(h % uint64_t(3 * kDay)); break;
            case DefectKind::Chargeback: at = o.paid_at + 20 * kDay + Time(h % uint64_t(40 * kDay)); break;
        }
        at = std::max(std::min(at, now_ - kHour - Time(h % uint64_t(kDay))), o.purchased_at + kHour);
        o.defects.push_back(Defect{kind, at});
    }
    std::sort(o.defects.begin(), o.defects.end(),
              [](const Defect& a, const Defect& b) { return a.at != b.at ? a.at < b.at : a.kind < b.kind; });
}

void Generator::make(int index, Store& store) {
    Rng r(splitmix(seed_ ^ splitmix(uint64_t(index) + 0x51ED2701ull)));
    Plan p;
    plan(r, p);
    shape(r, p);
    clock(r, p);

    Conversation c;
    c.id = kPrefixes[int(p.m)];
    c.id += '-';
    append_padded(c.id, index + 1, 6);
    c.marketplace = p.m;
    c.kind = p.presale ? ConversationKind::PreSale : ConversationKind::PostSale;
    c.topic = topic_of(p.scene);
    c.status = p.status;
    c.opened_at = steps_[0].at;

    const Customer& who = store.customers[customer_for(r, p, store)];
    c.customer_id = who.id;
    set_context(r, p, who);
    if (p.presale) {
        set_order_context(r, p, nullptr, c.opened_at);
    } else {
        Order o;
        build_order(r, p, o, c.opened_at);
        add_defects(index, p, o, c.opened_at);
        c.order_id = o.id;
        if (p.ebay_case) {
            c.ebay_case.type = p.case_type;
            c.ebay_case.channel = p.channel;
            c.ebay_case.opened_at = c.opened_at;
        }
        store.orders.push_back(std::move(o));
        set_order_context(r, p, &store.orders.back(), c.opened_at);
    }
    subject(r, p, c.subject);
    write_messages(r, p, c, who);
    // Closed when its last message came (a thanks, the answer, eBay's notice); no random draw, so
    // the rest of the demo stays as it was.
    if (c.status == Status::Closed && !c.messages.empty()) c.closed_at = c.messages.back().at;

    int last_out = -1;  // last real answer from the seller
    for (size_t k = 0; k < c.messages.size(); ++k)
        if (c.messages[k].direction == Direction::Outbound && !c.messages[k].auto_reply) last_out = int(k);
    set_flags(r, p, c, last_out >= 0);
    add_notes(r, p, c, last_out);
    add_remarks(r, p, c, last_out);
    store.conversations.push_back(std::move(c));
}

}  // namespace

Store generate_demo(const DemoOptions& options) {
    const int count = std::clamp(options.conversations, 10, 100000);
    const int days = std::clamp(options.days, 1, 3650);
    Store store;
    store.conversations.reserve(size_t(count));
    store.orders.reserve(size_t(count));
    store.customers.reserve(size_t(count));
    Generator g(options, days);
    for (int i = 0; i < count; ++i) g.make(i, store);
    store.reindex();
    return store;
}

}  // namespace sd
