#include "metrics.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

#include "time.h"

namespace sd {

namespace {

const char* const kMetricsPresets[] = {"current", "seller_guides"};

// The marketplaces' own metric deadlines, after the episode's start (docs/metrics.md).
constexpr Time kWalmartDeadline = 48 * kHour;
constexpr Time kAmazonDeadline = 24 * kHour;
constexpr Time kWishDeadline = 48 * kHour;
constexpr Time kTmallDeadline = 180;
constexpr Time kTmallOffset = 8 * kHour;   // Tmall's "today" is the day in China (UTC+8)

constexpr double kWalmartBarCurrent = 0.95, kWalmartBarGuides = 0.90;
constexpr double kAmazonLateBar = 0.10;
constexpr double kOdrBar = 0.01;
constexpr double kTmallThreeMinuteBar = 0.90;
constexpr int kOdrDays = 60, kOdrOffsetCurrent = 14;
constexpr int kDays30 = 30;

bool is_answer(const Message& m) {
    return m.direction == Direction::Outbound && m.delivery == Delivery::Sent && !m.auto_reply;
}

Time metric_deadline(Marketplace m, const ResponseEpisode& e) {
    switch (m) {
        case Marketplace::Walmart: return e.start + kWalmartDeadline;
        case Marketplace::Amazon: return e.start + kAmazonDeadline;
        case Marketplace::Wish: return e.start + kWishDeadline;
        case Marketplace::Tmall: return e.start + kTmallDeadline;
        case Marketplace::Ebay: return e.deadline;
    }
    return e.deadline;
}

bool has_episodes(const Conversation& c) {
    return c.spam == SpamReason::None && !(c.marketplace == Marketplace::Amazon && c.has_label(labels::kNoResponseNeeded));
}

// Reply authors to their index in cache.agents; the keys view the store's own strings.
struct AgentIndex {
    std::unordered_map<std::string_view, int32_t> known;
    int32_t get(EpisodeCache& cache, const std::string& name) {
        auto it = known.find(name);
        if (it != known.end()) return it->second;
        int32_t i = 0;
        while (size_t(i) < cache.agents.size() && cache.agents[size_t(i)] != name) ++i;
        if (size_t(i) == cache.agents.size()) cache.agents.push_back(name);
        known.emplace(name, i);
        return i;
    }
};

// The episodes of one conversation as facts, appended to `out`.
void list_facts(const SlaPolicySet& policies, const Conversation& c, uint32_t index, EpisodeCache& cache, AgentIndex& agents,
                std::vector<ResponseEpisode>& scratch, std::vector<EpisodeFact>& out) {
    if (!has_episodes(c)) return;
    response_episodes(policies, c, std::numeric_limits<Time>::max(), scratch);   // every message
    for (const ResponseEpisode& e : scratch) {
        EpisodeFact f;
        f.conversation = index;
        f.marketplace = c.marketplace;
        f.pre_sale = c.kind == ConversationKind::PreSale;
        f.start = e.start;
        f.deadline = metric_deadline(c.marketplace, e);
        if (e.answered) {
            f.reply_at = e.reply_at;
            f.agent = agents.get(cache, c.messages[size_t(e.reply)].author);
        }
        f.closed_unanswered = e.closed;
        f.closed_at = e.closed ? c.closed_at : kNoTime;
        out.push_back(f);
    }
}

bool case_fact(const SlaPolicySet& policies, const Conversation& c, uint32_t index, CaseFact& out) {
    if (c.marketplace != Marketplace::Ebay || c.ebay_case.type == CaseType::None || c.ebay_case.opened_at == kNoTime ||
        c.spam != SpamReason::None)
        return false;
    out = CaseFact{};
    out.conversation = index;
    out.opened = c.ebay_case.opened_at;
    const int p = policies.policy_for(c, SlaMeasure::CaseContact);
    if (p >= 0 && !policies.policies[size_t(p)].exempt) {
        const SlaPolicy& pol = policies.policies[size_t(p)];
        out.deadline = clock_add(pol.clock, out.opened, pol.duration_s);
    }
    for (const Message& m : c.messages)
        if (m.at >= out.opened && is_answer(m)) {
            out.contact_at = m.at;
            break;
        }
    return true;
}

Time first_inbound(const Conversation& c) {
    for (const Message& m : c.messages)
        if (m.direction == Direction::Inbound) return m.at;
    return c.opened_at;
}

// Asks the CPU to fetch the part of each message that response episodes read (time, direction,
// delivery) and the order ID: a hint only, no effect on any result.
void prefetch_messages(const Conversation& c) {
#if defined(__GNUC__) || defined(__clang__)
    for (const Message& m : c.messages) {
        __builtin_prefetch(&m.direction);
        __builtin_prefetch(&m.delivery);
    }
    __builtin_prefetch(c.order_id.data());   // hashed to find the order
#else
    (void)c;
#endif
}

// The same for the fields of the conversation itself that the build reads (it is 696 bytes, the
// fields on five or six cache lines): fetched before the messages, whose place it holds.
void prefetch_conversation(const Conversation& c) {
#if defined(__GNUC__) || defined(__clang__)
    for (const void* p : {(const void*)&c.marketplace, (const void*)&c.customer_id, (const void*)&c.order_id,
                          (const void*)&c.labels, (const void*)&c.spam, (const void*)&c.ebay_case, (const void*)&c.messages})
        __builtin_prefetch(p);
#else
    (void)c;
#endif
}

bool needs_order(const Conversation& c) {
    return (c.marketplace == Marketplace::Tmall || c.marketplace == Marketplace::Amazon) && !c.order_id.empty();
}

// The order lookups of conversations i + 8, i + 4 and i + 2, one step each (Store::prefetch_order).
void prefetch_order_steps(const Store& store, uint32_t i, size_t n) {
    using Step = Store::OrderPrefetch;
    const std::pair<uint32_t, Step> steps[] = {{8, Step::Slot}, {4, Step::Record}, {2, Step::Id}};
    for (const auto& [ahead, step] : steps) {
        if (i + ahead >= n) continue;
        const Conversation& c = store.conversations[i + ahead];
        if (needs_order(c)) store.prefetch_order(c.order_id, step);
    }
}

// What the conversions and the ODR need from the orders, gathered conversation by conversation:
// Tmall customers' purchase times, Tmall pre-sale conversations, Amazon conversations' orders.
struct OrderLinks {
    std::vector<std::pair<std::string_view, Time>> tmall_bought;   // customer, purchase time
    std::vector<PreSaleFact> pre_sale;
    std::vector<uint32_t> amazon_orders;

    void add(const Store& store, const Conversation& c, uint32_t index) {
        if (c.marketplace == Marketplace::Tmall && c.kind == ConversationKind::PreSale && c.spam == SpamReason::None)
            pre_sale.push_back(PreSaleFact{index, first_inbound(c), kNoTime});
        if (!needs_order(c)) return;
        const Order* o = store.find_order(c.order_id);
        if (!o) return;
        if (c.marketplace == Marketplace::Amazon) amazon_orders.push_back(uint32_t(o - store.orders.data()));
        else if (o->purchased_at != kNoTime) tmall_bought.emplace_back(c.customer_id, o->purchased_at);
    }
    // Each pre-sale conversation's first purchase by its customer at or after its start.
    void finish(const Store& store, std::vector<PreSaleFact>& pre_sale_out, std::vector<uint32_t>& amazon_out) {
        std::sort(tmall_bought.begin(), tmall_bought.end());
        for (PreSaleFact& f : pre_sale) {
            const std::string_view customer = store.conversations[f.conversation].customer_id;
            auto it = std::lower_bound(tmall_bought.begin(), tmall_bought.end(), std::make_pair(customer, f.start));
            if (it != tmall_bought.end() && it->first == customer) f.bought_at = it->second;
        }
        std::sort(amazon_orders.begin(), amazon_orders.end());
        amazon_orders.erase(std::unique(amazon_orders.begin(), amazon_orders.end()), amazon_orders.end());
        pre_sale_out.swap(pre_sale);
        amazon_out.swap(amazon_orders);
    }
};

// Tmall pre-sale conversations with their conversions, and Amazon conversations' orders.
void list_order_links(const Store& store, std::vector<PreSaleFact>& pre_sale, std::vector<uint32_t>& amazon_orders) {
    OrderLinks links;
    for (uint32_t i = 0; i < store.conversations.size(); ++i) links.add(store, store.conversations[i], i);
    links.finish(store, pre_sale, amazon_orders);
}

// Replaces the entry of conversation `index` in a list kept by conversation index.
template <class F>
void replace_entry(std::vector<F>& list, uint32_t index, bool present, const F& fact) {
    auto it = std::lower_bound(list.begin(), list.end(), index, [](const F& f, uint32_t i) { return f.conversation < i; });
    const bool there = it != list.end() && it->conversation == index;
    if (present && there) *it = fact;
    else if (present) list.insert(it, fact);
    else if (there) list.erase(it);
}

}  // namespace

const char* to_string(MetricsPreset p) { return kMetricsPresets[int(p)]; }
bool parse(std::string_view s, MetricsPreset& out) { return parse_enum_name(s, kMetricsPresets, out); }

void build_episode_cache(const SlaPolicySet& policies, const Store& store, Time now, EpisodeCache& out) {
    // Cleared, not replaced: a rebuild reuses the memory of the last one.
    out.episodes.clear();
    out.first_of.clear();
    out.agents.clear();
    out.cases.clear();
    const size_t n = store.conversations.size();
    out.first_of.resize(n + 1);
    out.episodes.reserve(n + n / 2);
    std::vector<ResponseEpisode> scratch;
    AgentIndex agents;
    OrderLinks links;
    // One pass over the conversations; the messages of each are a separate allocation, so those a
    // few conversations ahead are fetched into the cache while this one is read.
    // An order lookup is three dependent loads (index slot, order, its ID's characters): each is
    // fetched a few conversations ahead of the one that needs it.
    constexpr uint32_t kAhead = 4;
    for (uint32_t i = 0; i < n; ++i) {
        if (i + 4 * kAhead < n) prefetch_conversation(store.conversations[i + 4 * kAhead]);
        if (i + 3 * kAhead < n) prefetch_messages(store.conversations[i + 3 * kAhead]);
        prefetch_order_steps(store, i, n);
        out.first_of[i] = uint32_t(out.episodes.size());
        const Conversation& c = store.conversations[i];
        list_facts(policies, c, i, out, agents, scratch, out.episodes);
        CaseFact cf;
        if (case_fact(policies, c, i, cf)) out.cases.push_back(cf);
        links.add(store, c, i);
    }
    out.first_of[n] = uint32_t(out.episodes.size());
    links.finish(store, out.tmall_pre_sale, out.amazon_orders);
    out.built_at = now;
}

void update_episode_cache(const SlaPolicySet& policies, const Store& store, size_t conversation, Time now,
                          EpisodeCache& cache) {
    const size_t listed = cache.first_of.empty() ? 0 : cache.first_of.size() - 1;
    if (conversation >= store.conversations.size() || conversation > listed) {
        build_episode_cache(policies, store, now, cache);   // not one step from what is listed
        return;
    }
    const uint32_t i = uint32_t(conversation);
    const Conversation& c = store.conversations[i];
    const bool added = conversation == listed;
    if (added) cache.first_of.push_back(cache.first_of.back());
    std::vector<ResponseEpisode> scratch;
    std::vector<EpisodeFact> fresh;
    AgentIndex agents;
    list_facts(policies, c, i, cache, agents, scratch, fresh);
    const uint32_t begin = cache.first_of[i], end = cache.first_of[i + 1];
    const long delta = long(fresh.size()) - long(end - begin);
    if (delta == 0) {
        std::copy(fresh.begin(), fresh.end(), cache.episodes.begin() + begin);
    } else {
        cache.episodes.erase(cache.episodes.begin() + begin, cache.episodes.begin() + end);
        cache.episodes.insert(cache.episodes.begin() + begin, fresh.begin(), fresh.end());
        for (size_t k = i + 1; k < cache.first_of.size(); ++k) cache.first_of[k] = uint32_t(long(cache.first_of[k]) + delta);
    }
    CaseFact cf;
    const bool has_case = case_fact(policies, c, i, cf);
    replace_entry(cache.cases, i, has_case, cf);
    // Conversions and Amazon's orders depend on other conversations only through fields that never
    // change (kind, customer, order), so only a new conversation can change them.
    if (added && (c.marketplace == Marketplace::Tmall || c.marketplace == Marketplace::Amazon))
        list_order_links(store, cache.tmall_pre_sale, cache.amazon_orders);
    cache.built_at = now;
}

// ---- computing ----------------------------------------------------------------------------------
namespace {

// How one episode stands at `at`, knowing what had happened by `known` (<= at).
struct Standing {
    bool listed = false;     // happened by `known` and not left out (closed before its deadline)
    bool answered = false;   // a reply before `known`
    bool counts = false;     // answered, or its deadline passed before `at`
    bool in_time = false;    // answered at or before the deadline
};

Standing standing(const EpisodeFact& e, Time at, Time known) {
    Standing s;
    if (e.start > known) return s;
    s.answered = e.reply_at != kNoTime && e.reply_at <= known;
    if (!s.answered && e.closed_unanswered) {
        // Closed while unanswered: out of both counts unless the deadline had already passed (then it
        // was missed before anyone closed it). Unknown closing times count as closed from the start.
        const bool closed_by_known = e.closed_at == kNoTime || e.closed_at <= known;
        if (closed_by_known && (e.closed_at == kNoTime || e.closed_at <= e.deadline)) return s;
    }
    s.listed = true;
    s.counts = s.answered || (e.deadline != kNoTime && e.deadline < at);
    s.in_time = s.answered && e.reply_at <= e.deadline;
    return s;
}

bool in_window(Time t, Time at, int days) { return t >= at - days * kDay && t < at; }

RateMetric rate(int64_t good, int64_t total, int days, double bar) {
    RateMetric r;
    r.good = good;
    r.total = total;
    r.value = total > 0 ? double(good) / double(total) : 0.0;
    r.window_days = days;
    r.bar = bar;
    return r;
}

struct Tally {
    int64_t good = 0, total = 0;
};

// In-time episodes over counted ones of one marketplace whose start is in [from, at).
Tally in_time_tally(const EpisodeCache& cache, Marketplace m, Time from, Time at, Time known) {
    Tally t;
    for (const EpisodeFact& e : cache.episodes) {
        if (e.marketplace != m || e.start < from || e.start >= at) continue;
        const Standing s = standing(e, at, known);
        if (!s.counts) continue;
        ++t.total;
        t.good += s.in_time;
    }
    return t;
}

struct TmallFigures {
    Tally three_minute;
    int64_t answered = 0, response_sum = 0, reception = 0;
};

void add_counted(Tally& t, const Standing& s) {
    if (!s.counts) return;
    ++t.total;
    t.good += s.in_time;
}

// One Tmall episode into a window's figures; `last` is the window's last conversation (reception
// counts conversations, and the episodes of one conversation are contiguous).
void add_tmall(TmallFigures& f, int64_t& last, const EpisodeFact& e, const Standing& s) {
    if (int64_t(e.conversation) != last) {
        ++f.reception;
        last = e.conversation;
    }
    if (s.answered) {
        ++f.answered;
        f.response_sum += e.reply_at - e.start;
    }
    add_counted(f.three_minute, s);
}

Tally conversion(const EpisodeCache& cache, Time from, Time at, Time known) {
    Tally t;
    for (const PreSaleFact& p : cache.tmall_pre_sale) {
        if (p.start < from || p.start >= at || p.start > known) continue;
        ++t.total;
        t.good += p.bought_at != kNoTime && p.bought_at <= known && p.bought_at < at;
    }
    return t;
}

Tally odr_tally(const EpisodeCache& cache, const Store& store, Time from, Time to, Time known) {
    Tally t;
    for (uint32_t k : cache.amazon_orders) {
        if (k >= store.orders.size()) continue;
        const Order& o = store.orders[k];
        if (o.purchased_at == kNoTime || o.purchased_at < from || o.purchased_at >= to || o.purchased_at > known) continue;
        ++t.total;
        for (const Defect& d : o.defects)
            if (d.at <= known) {
                ++t.good;
                break;
            }
    }
    return t;
}

void ebay_figures(const EpisodeCache& cache, Time at, Time known, Metrics& m) {
    Tally t;
    const Time from = at - kDays30 * kDay;
    for (const CaseFact& f : cache.cases) {
        if (f.opened < from || f.opened >= at || f.opened > known) continue;
        ++m.ebay_cases_opened;
        const bool contacted = f.contact_at != kNoTime && f.contact_at <= known;
        if (!contacted && (f.deadline == kNoTime || f.deadline >= at)) continue;
        ++t.total;
        t.good += contacted && (f.deadline == kNoTime || f.contact_at <= f.deadline);
    }
    m.ebay_case_contacted = rate(t.good, t.total, kDays30, 0);
}

int64_t median(std::vector<int64_t>& v) {
    if (v.empty()) return 0;
    const size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + long(mid), v.end());
    const int64_t upper = v[mid];
    if (v.size() % 2) return upper;
    const int64_t lower = *std::max_element(v.begin(), v.begin() + long(mid));
    return lower + (upper - lower) / 2;
}

// The per-agent rows from each agent's first-response times (indexed like cache.agents).
void agent_metrics(const EpisodeCache& cache, std::vector<std::vector<int64_t>>& times, Metrics& m) {
    for (size_t a = 0; a < times.size(); ++a) {
        if (times[a].empty()) continue;
        const int64_t n = int64_t(times[a].size());
        m.agents.push_back(AgentMetric{cache.agents[a], n, median(times[a])});
    }
    std::stable_sort(m.agents.begin(), m.agents.end(), [](const AgentMetric& a, const AgentMetric& b) {
        return a.answered != b.answered ? a.answered > b.answered : a.name < b.name;
    });
}

Time china_day_start(Time at) {
    const Time local = at + kTmallOffset;
    const Time day = local >= 0 ? local / kDay : (local - kDay + 1) / kDay;
    return day * kDay - kTmallOffset;
}

// What one pass over the episodes gathers for compute_metrics_known: every window of every
// episode metric at once (the widest is Amazon's 90 days).
struct EpisodeTallies {
    Tally walmart, wish;
    Tally amazon[3];                     // 7, 30 and 90 days
    TmallFigures tmall_month, tmall_day;
    std::vector<std::vector<int64_t>> agent_times;
};
constexpr int kAmazonLateDays[3] = {7, 30, 90};

void tally_episodes(const EpisodeCache& cache, Time at, Time known, int walmart_days, EpisodeTallies& t) {
    const Time oldest = at - kAmazonLateDays[2] * kDay, month = at - kDays30 * kDay;
    const Time walmart_from = at - walmart_days * kDay, today = china_day_start(at);
    Time amazon_from[3];
    for (int k = 0; k < 3; ++k) amazon_from[k] = at - kAmazonLateDays[k] * kDay;
    int64_t last_month = -1, last_day = -1;
    t.agent_times.assign(cache.agents.size(), {});
    for (const EpisodeFact& e : cache.episodes) {
        if (e.start < oldest || e.start >= at) continue;
        const Standing s = standing(e, at, known);
        if (!s.listed) continue;   // neither counted, answered nor received
        if (e.agent >= 0 && s.answered && e.start >= month) t.agent_times[size_t(e.agent)].push_back(e.reply_at - e.start);
        switch (e.marketplace) {
            case Marketplace::Walmart:
                if (e.start >= walmart_from) add_counted(t.walmart, s);
                break;
            case Marketplace::Amazon:
                for (int k = 0; k < 3; ++k)
                    if (e.start >= amazon_from[k]) add_counted(t.amazon[k], s);
                break;
            case Marketplace::Wish:
                if (e.start >= month) add_counted(t.wish, s);
                break;
            case Marketplace::Tmall:
                if (e.start >= month) add_tmall(t.tmall_month, last_month, e, s);
                if (e.start >= today) add_tmall(t.tmall_day, last_day, e, s);
                break;
            case Marketplace::Ebay: break;   // its cases are counted from cache.cases
        }
    }
}

double average(const TmallFigures& f) { return f.answered ? double(f.response_sum) / double(f.answered) : 0.0; }

void tmall_metrics(const EpisodeCache& cache, const EpisodeTallies& t, Time at, Time known, Metrics& m) {
    const TmallFigures& month = t.tmall_month;
    m.tmall_three_minute = rate(month.three_minute.good, month.three_minute.total, kDays30, kTmallThreeMinuteBar);
    m.tmall_first_response_avg_s = average(month);
    m.tmall_reception = month.reception;
    const Tally conv = conversion(cache, at - kDays30 * kDay, at, known);
    m.tmall_conversion = rate(conv.good, conv.total, kDays30, 0);

    const TmallFigures& day = t.tmall_day;
    m.tmall_three_minute_today = rate(day.three_minute.good, day.three_minute.total, 1, kTmallThreeMinuteBar);
    m.tmall_first_response_avg_s_today = average(day);
    m.tmall_reception_today = day.reception;
    const Tally conv_day = conversion(cache, china_day_start(at), at, known);
    m.tmall_conversion_today = rate(conv_day.good, conv_day.total, 1, 0);
}

}  // namespace

bool meets_bar(const RateMetric& m, bool lower_is_better, bool strictly_above) {
    if (m.total == 0) return true;
    if (lower_is_better) return m.value < m.bar;
    return strictly_above ? m.value > m.bar : m.value >= m.bar;
}

Metrics compute_metrics_known(const EpisodeCache& cache, const Store& store, Time at, Time known, MetricsPreset preset) {
    if (known > at) known = at;
    Metrics m;
    m.at = at;
    m.preset = preset;
    const bool current = preset == MetricsPreset::Current;
    const int walmart_days = current ? 30 : 14;
    EpisodeTallies t;
    tally_episodes(cache, at, known, walmart_days, t);
    m.walmart_response = rate(t.walmart.good, t.walmart.total, walmart_days, current ? kWalmartBarCurrent : kWalmartBarGuides);
    RateMetric* late[3] = {&m.amazon_late_d7, &m.amazon_late_d30, &m.amazon_late_d90};
    for (int k = 0; k < 3; ++k)
        *late[k] = rate(t.amazon[k].total - t.amazon[k].good, t.amazon[k].total, kAmazonLateDays[k], kAmazonLateBar);
    m.odr_offset_days = current ? kOdrOffsetCurrent : 0;
    const Time odr_end = at - m.odr_offset_days * kDay;
    const Tally odr = odr_tally(cache, store, odr_end - kOdrDays * kDay, odr_end, known);
    m.amazon_odr = rate(odr.good, odr.total, kOdrDays, kOdrBar);
    tmall_metrics(cache, t, at, known, m);
    ebay_figures(cache, at, known, m);
    m.wish_escalated = t.wish.total - t.wish.good;
    m.wish_in_time = rate(t.wish.good, t.wish.total, kDays30, 0);
    agent_metrics(cache, t.agent_times, m);
    return m;
}

Metrics compute_metrics(const EpisodeCache& cache, const Store& store, Time at, MetricsPreset preset) {
    return compute_metrics_known(cache, store, at, at, preset);
}

// ---- JSON ---------------------------------------------------------------------------------------
namespace {

using nlohmann::json;

json rate_json(const RateMetric& r, const char* good_name, bool with_window, bool with_bar) {
    json j = json::object();
    j["value"] = r.value;
    j[good_name] = r.good;
    j["total"] = r.total;
    if (with_window) j["window_days"] = r.window_days;
    if (with_bar) j["bar"] = r.bar;
    return j;
}

}  // namespace

json metrics_to_json(const Metrics& m) {
    json j = json::object();
    j["walmart"] = {{"response_rate", rate_json(m.walmart_response, "in_time", true, true)}};
    json odr = json::object();
    odr["value"] = m.amazon_odr.value;
    odr["defective_orders"] = m.amazon_odr.good;
    odr["orders"] = m.amazon_odr.total;
    odr["window_days"] = m.amazon_odr.window_days;
    odr["offset_days"] = m.odr_offset_days;
    odr["bar"] = m.amazon_odr.bar;
    j["amazon"] = {{"late_response_rate",
                    {{"d7", rate_json(m.amazon_late_d7, "late", false, true)},
                     {"d30", rate_json(m.amazon_late_d30, "late", false, true)},
                     {"d90", rate_json(m.amazon_late_d90, "late", false, true)}}},
                   {"odr", odr}};
    json today = {{"three_minute_rate", rate_json(m.tmall_three_minute_today, "in_time", false, true)},
                  {"first_response_avg_s", m.tmall_first_response_avg_s_today},
                  {"reception", m.tmall_reception_today},
                  {"conversion", m.tmall_conversion_today.value},
                  {"pre_sale", m.tmall_conversion_today.total},
                  {"converted", m.tmall_conversion_today.good}};
    j["tmall"] = {{"three_minute_rate", rate_json(m.tmall_three_minute, "in_time", false, true)},
                  {"first_response_avg_s", m.tmall_first_response_avg_s},
                  {"reception", m.tmall_reception},
                  {"conversion", m.tmall_conversion.value},
                  {"pre_sale", m.tmall_conversion.total},
                  {"converted", m.tmall_conversion.good},
                  {"window_days", kDays30},
                  {"today", today}};
    j["ebay"] = {{"cases_opened", m.ebay_cases_opened},
                 {"contacted_by_deadline", rate_json(m.ebay_case_contacted, "in_time", false, false)},
                 {"window_days", kDays30}};
    j["wish"] = {{"escalated", m.wish_escalated},
                 {"answered_in_time", rate_json(m.wish_in_time, "in_time", false, false)},
                 {"window_days", kDays30}};
    json agents = json::array();
    for (const AgentMetric& a : m.agents)
        agents.push_back({{"name", a.name}, {"answered", a.answered}, {"median_first_response_s", a.median_first_response_s}});
    j["agents"] = agents;
    return j;
}

// ---- projection ---------------------------------------------------------------------------------
namespace {

// A metric with a bar that answers can move: which episodes it takes and how to test the bar.
struct BarMetric {
    Marketplace marketplace;
    int days;
    double bar;
    bool late;       // counts late ones (lower is better)
    bool strictly;   // the value must be strictly above the bar
};

std::vector<BarMetric> bar_metrics(MetricsPreset preset) {
    const bool current = preset == MetricsPreset::Current;
    return {{Marketplace::Amazon, 7, kAmazonLateBar, true, false},
            {Marketplace::Amazon, 30, kAmazonLateBar, true, false},
            {Marketplace::Amazon, 90, kAmazonLateBar, true, false},
            {Marketplace::Walmart, current ? 30 : 14, current ? kWalmartBarCurrent : kWalmartBarGuides, false, current},
            {Marketplace::Tmall, kDays30, kTmallThreeMinuteBar, false, false}};
}

bool bar_ok(const BarMetric& b, const Tally& t) {
    RateMetric r = rate(b.late ? t.total - t.good : t.good, t.total, b.days, b.bar);
    return meets_bar(r, b.late, b.strictly);
}

// Picks, in deadline order, the fewest of the metric's savable episodes that put it on the right
// side of its bar at `until`, counting those already picked for another metric.
void pick_for(const EpisodeCache& cache, const BarMetric& b, Time now, Time until, const std::vector<uint32_t>& savable,
              std::vector<char>& picked) {
    Tally t = in_time_tally(cache, b.marketplace, until - b.days * kDay, until, now);
    auto answer = [&](const EpisodeFact& e) {   // answered now, in time
        if (e.deadline >= until) ++t.total;     // did not count yet
        ++t.good;
    };
    std::vector<uint32_t> mine;
    for (uint32_t k : savable) {
        const EpisodeFact& e = cache.episodes[k];
        if (e.marketplace != b.marketplace || !in_window(e.start, until, b.days)) continue;
        if (picked[k]) answer(e);
        else mine.push_back(k);
    }
    for (size_t n = 0; n < mine.size() && !bar_ok(b, t); ++n) {
        picked[mine[n]] = 1;
        answer(cache.episodes[mine[n]]);
    }
}

}  // namespace

Projection project_metrics(const EpisodeCache& cache, const Store& store, Time now, Time until, MetricsPreset preset) {
    Projection p;
    p.now = now;
    p.until = until;
    p.metrics = compute_metrics_known(cache, store, until, now, preset);
    // Savable: unanswered at `now`, still open, deadline not yet passed; earliest deadline first.
    std::vector<uint32_t> savable;
    for (uint32_t k = 0; k < cache.episodes.size(); ++k) {
        const EpisodeFact& e = cache.episodes[k];
        const Standing s = standing(e, now, now);
        if (!s.listed || s.answered || e.deadline == kNoTime || e.deadline < now) continue;
        if (e.closed_unanswered && (e.closed_at == kNoTime || e.closed_at < now)) continue;
        savable.push_back(k);
    }
    std::stable_sort(savable.begin(), savable.end(),
                     [&](uint32_t a, uint32_t b) { return cache.episodes[a].deadline < cache.episodes[b].deadline; });
    std::vector<char> picked(cache.episodes.size(), 0);
    for (const BarMetric& b : bar_metrics(preset)) pick_for(cache, b, now, until, savable, picked);
    for (uint32_t k : savable) {
        if (!picked[k]) continue;
        const uint32_t ci = cache.episodes[k].conversation;
        if (ci < store.conversations.size()) p.must_answer.push_back(store.conversations[ci].id);
    }
    p.must_answer.erase(std::unique(p.must_answer.begin(), p.must_answer.end()), p.must_answer.end());
    return p;
}

// ---- the dashboard's series and lists -----------------------------------------------------------
namespace {

// The card's rate, or for the plain counts a rate of them over 1.
RateMetric card(const Metrics& m, const std::string& which) {
    if (which == "walmart_response") return m.walmart_response;
    if (which == "amazon_late_d7") return m.amazon_late_d7;
    if (which == "amazon_late_d30") return m.amazon_late_d30;
    if (which == "amazon_late_d90") return m.amazon_late_d90;
    if (which == "amazon_odr") return m.amazon_odr;
    if (which == "tmall_three_minute") return m.tmall_three_minute;
    if (which == "tmall_conversion") return m.tmall_conversion;
    if (which == "ebay_case_contacted") return m.ebay_case_contacted;
    if (which == "wish_in_time") return m.wish_in_time;
    if (which == "wish_escalated") return rate(m.wish_escalated, m.wish_in_time.total, kDays30, 0);
    return RateMetric{};
}

Marketplace card_marketplace(const std::string& which) {
    if (which.rfind("walmart", 0) == 0) return Marketplace::Walmart;
    if (which.rfind("amazon", 0) == 0) return Marketplace::Amazon;
    if (which.rfind("tmall", 0) == 0) return Marketplace::Tmall;
    if (which.rfind("ebay", 0) == 0) return Marketplace::Ebay;
    return Marketplace::Wish;
}

}  // namespace

std::vector<Time> trend_day_ends(Time at, int days) {
    std::vector<Time> out;
    const Time today_end = (at >= 0 ? at / kDay : (at - kDay + 1) / kDay) * kDay;   // midnight UTC at or before `at`
    for (int d = days - 1; d >= 0; --d) out.push_back(d == 0 ? at : today_end - (d - 1) * kDay);
    return out;
}

DailyPoint trend_point(const EpisodeCache& cache, const Store& store, Time end, MetricsPreset preset, const std::string& which) {
    const RateMetric r = card(compute_metrics(cache, store, end, preset), which);
    return DailyPoint{end, r.value, r.good, r.total};
}

std::vector<DailyPoint> metric_trend(const EpisodeCache& cache, const Store& store, Time at, MetricsPreset preset,
                                     const std::string& which, int days) {
    std::vector<DailyPoint> out;
    for (Time end : trend_day_ends(at, days)) out.push_back(trend_point(cache, store, end, preset, which));
    return out;
}

std::vector<int64_t> first_response_times(const EpisodeCache& cache, Time at, int days, bool all, Marketplace m) {
    std::vector<int64_t> out;
    for (const EpisodeFact& e : cache.episodes) {
        if ((!all && e.marketplace != m) || !in_window(e.start, at, days)) continue;
        if (standing(e, at, at).answered) out.push_back(e.reply_at - e.start);
    }
    return out;
}

std::vector<uint32_t> metric_conversations(const EpisodeCache& cache, const Store& store, Time at, MetricsPreset preset,
                                           const std::string& which) {
    std::vector<uint32_t> missed, rest;
    const Metrics m = compute_metrics(cache, store, at, preset);
    if (which == "amazon_odr") {
        const Time end = at - m.odr_offset_days * kDay;
        std::vector<char> bad(store.orders.size(), 0), in(store.orders.size(), 0);
        for (uint32_t k : cache.amazon_orders) {
            if (k >= store.orders.size()) continue;
            const Order& o = store.orders[k];
            in[k] = o.purchased_at != kNoTime && o.purchased_at >= end - kOdrDays * kDay && o.purchased_at < end;
            for (const Defect& d : o.defects) bad[k] = bad[k] || d.at < at;
        }
        for (uint32_t i = 0; i < store.conversations.size(); ++i) {
            const Conversation& c = store.conversations[i];
            if (c.marketplace != Marketplace::Amazon || c.order_id.empty()) continue;
            const Order* o = store.find_order(c.order_id);
            if (!o || !in[size_t(o - store.orders.data())]) continue;
            (bad[size_t(o - store.orders.data())] ? missed : rest).push_back(i);
        }
    } else if (which == "ebay_case_contacted") {
        for (const CaseFact& f : cache.cases) {
            if (!in_window(f.opened, at, kDays30)) continue;
            const bool ok = f.contact_at != kNoTime && f.contact_at < at && (f.deadline == kNoTime || f.contact_at <= f.deadline);
            (ok ? rest : missed).push_back(f.conversation);
        }
    } else {
        const Marketplace mk = card_marketplace(which);
        const int days = card(m, which).window_days > 0 ? card(m, which).window_days : kDays30;
        int64_t last_missed = -1, last_rest = -1;
        for (const EpisodeFact& e : cache.episodes) {
            if (e.marketplace != mk || !in_window(e.start, at, days)) continue;
            const Standing s = standing(e, at, at);
            if (!s.listed) continue;
            const bool miss = s.counts && !s.in_time;
            if (miss && int64_t(e.conversation) != last_missed) missed.push_back(last_missed = e.conversation);
            else if (!miss && int64_t(e.conversation) != last_rest) rest.push_back(last_rest = e.conversation);
        }
        // A conversation with a missed episode is listed once, with the missed ones.
        std::vector<char> seen(store.conversations.size() + 1, 0);
        for (uint32_t i : missed) seen[i] = 1;
        rest.erase(std::remove_if(rest.begin(), rest.end(), [&](uint32_t i) { return seen[i] != 0; }), rest.end());
    }
    missed.insert(missed.end(), rest.begin(), rest.end());
    return missed;
}

}  // namespace sd
