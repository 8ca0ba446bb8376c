#include "sla.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdio>

namespace sd {

namespace {

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

constexpr int64_t kSearchLimit = 3660 * kDay;   // clock_add gives up after ~10 years

// Calls f(a, b) for every open range [a, b) of real time (UTC) inside [from, limit), in order,
// until f returns false. Within a stretch of constant UTC offset the local wall clock is
// utc + offset, so each local day's intervals map to one UTC range each; a DST change ends the
// stretch and the walk resumes with the new offset from the change instant.
template <typename F>
void walk_open(const BusinessSchedule& s, Time from, Time limit, F&& f) {
    Time t = from;
    while (t < limit) {
        const int32_t off = utc_offset(s.zone, t);
        Time seg_end = s.zone.has_dst ? next_transition(s.zone, t) : limit;
        if (seg_end == kNoTime || seg_end > limit) seg_end = limit;
        int64_t day = floor_div(t + off, kDay);
        int wd = weekday_from_days(day);
        for (;; ++day, wd = (wd + 1) % 7) {
            const Time day0 = day * kDay - off;   // this local midnight as a UTC instant
            if (day0 >= seg_end) break;
            const std::vector<OpenInterval>& iv = s.week[size_t(wd)];
            if (iv.empty() || s.is_holiday(day)) continue;
            for (const OpenInterval& o : iv) {
                Time a = day0 + o.open, b = day0 + o.close;
                if (a < t) a = t;
                if (b > seg_end) b = seg_end;
                if (a < b && !f(a, b)) return;
            }
        }
        t = seg_end;
    }
}

}  // namespace

// ---- clocks -------------------------------------------------------------------------------------
bool BusinessSchedule::is_holiday(int64_t local_day) const {
    return !holidays.empty() && std::binary_search(holidays.begin(), holidays.end(), local_day);
}

bool BusinessSchedule::has_open_time() const {
    for (const auto& day : week)
        for (const OpenInterval& o : day)
            if (o.close > o.open) return true;
    return false;
}

BusinessSchedule weekday_schedule(const TimeZone& zone, int32_t open, int32_t close) {
    BusinessSchedule s;
    s.zone = zone;
    for (int d = 1; d <= 5; ++d) s.week[size_t(d)].push_back(OpenInterval{open, close});
    return s;
}

Time business_add(const BusinessSchedule& s, Time start, int64_t seconds) {
    if (start == kNoTime) return kNoTime;
    if (seconds <= 0) return start;
    if (!s.has_open_time()) return kNoTime;
    int64_t left = seconds;
    Time result = kNoTime;
    walk_open(s, start, start + kSearchLimit, [&](Time a, Time b) {
        if (b - a >= left) {
            result = a + left;
            return false;
        }
        left -= b - a;
        return true;
    });
    return result;
}

int64_t business_seconds_between(const BusinessSchedule& s, Time from, Time to) {
    if (to < from) return -business_seconds_between(s, to, from);
    int64_t total = 0;
    walk_open(s, from, to, [&](Time a, Time b) {
        total += b - a;
        return true;
    });
    return total;
}

Time clock_add(const SlaClock& clock, Time start, int64_t seconds) {
    if (start == kNoTime) return kNoTime;
    if (clock.type == ClockType::Calendar) return start + (seconds > 0 ? seconds : 0);
    return business_add(clock.schedule, start, seconds);
}

int64_t clock_between(const SlaClock& clock, Time from, Time to) {
    if (clock.type == ClockType::Calendar) return to - from;
    return business_seconds_between(clock.schedule, from, to);
}

// ---- policies -----------------------------------------------------------------------------------
int64_t SlaPolicy::due_soon_threshold() const {
    if (due_soon_s >= 0) return due_soon_s;
    const int64_t quarter = duration_s / 4;
    return quarter < 6 * kHour ? quarter : 6 * kHour;
}

bool SlaPolicy::applies_to(const Conversation& c) const {
    if (c.marketplace != marketplace) return false;
    if (kind && c.kind != *kind) return false;
    if (topics != 0 && (topics & topic_bit(c.topic)) == 0) return false;
    if (folder && c.folder != *folder) return false;
    if (case_type && c.ebay_case.type != *case_type) return false;
    if (!label.empty() && !c.has_label(label)) return false;
    return true;
}

int SlaPolicySet::find(std::string_view id) const {
    for (size_t i = 0; i < policies.size(); ++i)
        if (policies[i].id == id) return int(i);
    return -1;
}

namespace {
// First enabled applicable policy per measure, in one pass.
void match_policies(const SlaPolicySet& set, const Conversation& c, int (&idx)[kSlaMeasureCount]) {
    for (int& i : idx) i = -1;
    int found = 0;
    for (size_t i = 0; i < set.policies.size() && found < kSlaMeasureCount; ++i) {
        const SlaPolicy& p = set.policies[i];
        if (!p.enabled || p.marketplace != c.marketplace) continue;
        int& slot = idx[int(p.measure)];
        if (slot >= 0 || !p.applies_to(c)) continue;
        slot = int(i);
        ++found;
    }
}
}  // namespace

int SlaPolicySet::policy_for(const Conversation& c, SlaMeasure m) const {
    int idx[kSlaMeasureCount];
    match_policies(*this, c, idx);
    return idx[int(m)];
}

// ---- presets ------------------------------------------------------------------------------------
namespace {

TimeZone zone_or_utc(const char* name) {
    TimeZone tz;
    std::string err;
    make_time_zone(name, tz, err);   // built-in names; tested
    return tz;
}

SlaPolicy policy(const char* id, const char* name, const char* source, Marketplace m, SlaMeasure measure,
                 int64_t duration) {
    SlaPolicy p;
    p.id = id;
    p.name = name;
    p.source = source;
    p.marketplace = m;
    p.measure = measure;
    p.duration_s = duration;
    return p;
}

uint32_t tmall_after_sale_topics() {
    return topic_bit(Topic::OrderStatus) | topic_bit(Topic::ItemNotReceived) | topic_bit(Topic::NotAsDescribed) |
           topic_bit(Topic::Damaged) | topic_bit(Topic::ReturnRequest) | topic_bit(Topic::CancelOrder) |
           topic_bit(Topic::AddressChange) | topic_bit(Topic::Customs) | topic_bit(Topic::Feedback);
}

// Monday-Friday, whole days, US Pacific, US federal holidays 2026-2027 (observed dates).
SlaClock ebay_business_days() {
    SlaClock c;
    c.type = ClockType::BusinessHours;
    c.schedule = weekday_schedule(zone_or_utc("America/Los_Angeles"), 0, 24 * 3600);
    const int hol[][3] = {{2026, 1, 1},  {2026, 1, 19}, {2026, 2, 16}, {2026, 5, 25}, {2026, 6, 19}, {2026, 7, 3},
                          {2026, 9, 7},  {2026, 10, 12}, {2026, 11, 11}, {2026, 11, 26}, {2026, 12, 25},
                          {2027, 1, 1},  {2027, 1, 18}, {2027, 2, 15}, {2027, 5, 31}, {2027, 6, 18}, {2027, 7, 5},
                          {2027, 9, 6},  {2027, 10, 11}, {2027, 11, 11}, {2027, 11, 25}, {2027, 12, 24},
                          {2027, 12, 31}};
    for (const auto& h : hol) c.schedule.holidays.push_back(days_from_civil(h[0], h[1], h[2]));
    return c;
}

}  // namespace

TeamTarget default_team_target() {
    TeamTarget t;
    TimeZone shanghai;
    std::string error;
    make_time_zone("Asia/Shanghai", shanghai, error);   // in the built-in table: cannot fail
    set_team_schedule(t, shanghai);
    return t;
}

void set_team_schedule(TeamTarget& t, const TimeZone& zone) { t.schedule = weekday_schedule(zone, t.open, t.close); }

namespace {
std::string hhmm(int32_t s) {
    char b[16];
    std::snprintf(b, sizeof b, "%02d:%02d", s / 3600, s / 60 % 60);
    return b;
}
// "09:00" -> 32400; "24:00" allowed for a closing time.
bool parse_hhmm(const nlohmann::json& v, int32_t& out) {
    if (!v.is_string()) return false;
    const std::string& s = v.get_ref<const std::string&>();
    if (s.size() != 5 || s[2] != ':' || !isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) ||
        !isdigit((unsigned char)s[3]) || !isdigit((unsigned char)s[4]))
        return false;
    const int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0)) return false;
    out = h * 3600 + m * 60;
    return true;
}
}  // namespace

nlohmann::json team_target_to_json(const TeamTarget& t) {
    return {{"enabled", t.enabled}, {"hours", double(t.duration_s) / double(kHour)}, {"zone", t.schedule.zone.name},
            {"open", hhmm(t.open)}, {"close", hhmm(t.close)}};
}

bool team_target_from_json(const nlohmann::json& j, const TeamTarget& base, TeamTarget& out, std::string& error) {
    if (!j.is_object()) return error = "the team target must be an object {enabled, hours, zone, open, close}", false;
    TeamTarget t = base;
    if (j.contains("enabled")) {
        if (!j["enabled"].is_boolean()) return error = "\"enabled\" must be true or false", false;
        t.enabled = j["enabled"].get<bool>();
    }
    if (j.contains("hours")) {
        const nlohmann::json& h = j["hours"];
        if (!h.is_number() || h.get<double>() < 0.25 || h.get<double>() > 168)
            return error = "\"hours\" must be a number of working hours from 0.25 to 168", false;
        t.duration_s = int64_t(h.get<double>() * double(kHour) + 0.5);
    }
    if ((j.contains("open") && !parse_hhmm(j["open"], t.open)) || (j.contains("close") && !parse_hhmm(j["close"], t.close)))
        return error = "\"open\" and \"close\" must be times of day like \"09:00\" and \"18:00\"", false;
    if (t.open >= t.close) return error = "the working day must open before it closes (\"open\" < \"close\")", false;
    TimeZone zone = base.schedule.zone;
    if (j.contains("zone")) {
        std::string why;
        if (!j["zone"].is_string() || !make_time_zone(j["zone"].get<std::string>(), zone, why))
            return error = "\"zone\" must be a time zone such as \"Asia/Shanghai\"" + (why.empty() ? "" : ": " + why), false;
    }
    set_team_schedule(t, zone);
    out = std::move(t);
    return true;
}

TeamDeadline team_deadline(const TeamTarget& t, const Conversation& c, const SlaResult& r, Time now) {
    TeamDeadline out;
    const SlaDeadline* d = r.response_deadline();
    if (!t.enabled || !d || d->measure != SlaMeasure::Response || d->start == kNoTime) return out;
    const bool answered = d->state == SlaState::Answered || d->state == SlaState::AnsweredLate;
    if (!d->open() && !answered) return out;
    out.deadline = business_add(t.schedule, d->start, t.duration_s);
    if (out.deadline == kNoTime) return out;
    if (answered) {
        const Time at = d->reply >= 0 && size_t(d->reply) < c.messages.size() ? c.messages[size_t(d->reply)].at : now;
        out.state = at <= out.deadline ? SlaState::Answered : SlaState::AnsweredLate;
        return out;
    }
    out.remaining = out.deadline - now;
    const int64_t soon = std::min<int64_t>(t.duration_s / 4, kHour);
    out.state = now >= out.deadline                                                      ? SlaState::Overdue
                : business_seconds_between(t.schedule, now, out.deadline) <= soon ? SlaState::DueSoon
                                                                                     : SlaState::OnTrack;
    return out;
}

SlaPolicySet make_sla_policies(SlaPreset preset) {
    const bool cur = preset == SlaPreset::Current;
    SlaPolicySet set;
    set.preset = to_string(preset);
    std::vector<SlaPolicy>& v = set.policies;
    using M = Marketplace;
    using S = SlaMeasure;

    // Walmart
    if (cur) {
        SlaPolicy p = policy("walmart_bbb_ag_complaint", "Walmart: BBB / Attorney General complaint",
                             "Walmart Seller Help (read 2026-11): complaints routed from the Better Business "
                             "Bureau or an Attorney General need an answer within 1 hour",
                             M::Walmart, S::Response, 1 * kHour);
        p.label = labels::kBbbAgComplaint;
        v.push_back(p);
    }
    const char* walmart_src = cur ? "Walmart Seller Help (read 2026-11): 48 h, weekends and holidays included; "
                                    "auto-replies do not count"
                                  : "seed article 000 (Walmart Message Center guide): 48 h, weekends, days off "
                                    "and outages included";
    {
        SlaPolicy p = policy("walmart_response_needed", "Walmart: Response Needed", walmart_src, M::Walmart,
                             S::Response, 48 * kHour);
        p.label = labels::kResponseNeeded;
        v.push_back(p);
        p = policy("walmart_customer_care", "Walmart: Customer Care", walmart_src, M::Walmart, S::Response,
                   48 * kHour);
        p.label = labels::kCustomerCare;
        v.push_back(p);
        v.push_back(policy("walmart_messages", "Walmart: customer messages", walmart_src, M::Walmart, S::Response,
                           48 * kHour));
    }

    // Amazon
    if (cur) {
        SlaPolicy p = policy("amazon_no_response_needed", "Amazon: marked \"No response needed\"",
                             "Amazon Seller Central help (read 2026-11): a message marked \"No response needed\" "
                             "leaves the 24 h SLA and the Late Response Rate",
                             M::Amazon, S::Response, 24 * kHour);
        p.label = labels::kNoResponseNeeded;
        p.exempt = true;
        v.push_back(p);
    }
    v.push_back(policy("amazon_buyer_messages", "Amazon: buyer messages",
                       cur ? "Amazon Seller Central help (read 2026-11): 24 h, weekends and holidays included; "
                             "auto-responders do not count"
                           : "seed article 002 (Amazon buyer messages): answer within 24 hours",
                       M::Amazon, S::Response, 24 * kHour));

    // eBay
    {
        SlaPolicy inr = policy("ebay_inr_contact", "eBay: item-not-received case, contact the buyer",
                               cur ? "eBay help (read 2026-11): 3 business days after an item-not-received request "
                                     "before eBay can be asked to step in (business days: Mon-Fri, US Pacific, "
                                     "US federal holidays; edit to match your site)"
                                   : "seed article 003 (eBay messages and cases): contact the buyer within 6 days "
                                     "of a case opening",
                               M::Ebay, S::CaseContact, cur ? 3 * kDay : 6 * kDay);
        inr.case_type = CaseType::ItemNotReceived;
        if (cur) inr.clock = ebay_business_days();
        v.push_back(inr);
        SlaPolicy snad = policy("ebay_snad_contact", "eBay: not-as-described case, contact the buyer",
                                cur ? "eBay help (read 2026-11): returns and not-as-described requests, the seller "
                                      "has 3 business days to respond (Mon-Fri, US Pacific, US federal holidays; "
                                      "edit to match your site)"
                                    : "seed article 003 (eBay messages and cases): contact the buyer within 6 days "
                                      "of a case opening",
                                M::Ebay, S::CaseContact, cur ? 3 * kDay : 6 * kDay);
        snad.case_type = CaseType::NotAsDescribed;
        if (cur) snad.clock = ebay_business_days();
        v.push_back(snad);
    }
    v.push_back(policy("ebay_member_messages", "eBay: member messages (target)",
                       cur ? "SellerDesk target, configurable: eBay publishes no hard deadline for member "
                             "messages (read 2026-11); answer quickly"
                           : "SellerDesk target, configurable: seed article 003 sets no hard 24 h rule but asks "
                             "for quick answers",
                       M::Ebay, S::Response, 24 * kHour));

    // Wish
    v.push_back(policy("wish_tickets", "Wish: customer tickets",
                       cur ? "Wish Merchant help (read 2026-11): a ticket not answered within 48 h (UTC, weekends "
                             "included) goes to Wish support"
                           : "seed article 001 (Wish tickets) gives no number: SellerDesk default 48 h, "
                             "configurable",
                       M::Wish, S::Response, 48 * kHour));

    // Tmall
    {
        const char* first_src =
            cur ? "seed article 004 (Tmall store service): after-sale first response within 5 minutes; "
                  "third-party pages (2026-11) cite a 3-minute manual response-rate target of at least 90 %, a "
                  "rate KPI rather than a per-message deadline"
                : "seed article 004 (Tmall store service): after-sale first response within 5 minutes";
        SlaPolicy p = policy("tmall_after_sale_first_response", "Tmall: after-sale first response", first_src,
                             M::Tmall, S::Response, 5 * kMinute);
        p.topics = tmall_after_sale_topics();
        v.push_back(p);
        p = policy("tmall_after_sale_resolution", "Tmall: after-sale resolution",
                   "seed article 004 (Tmall store service): after-sale problems resolved within 48 hours "
                   "(no official current figure published)",
                   M::Tmall, S::Resolution, 48 * kHour);
        p.topics = tmall_after_sale_topics();
        v.push_back(p);
        v.push_back(policy("tmall_questions", "Tmall: product-detail and other questions",
                           "seed article 004 (Tmall store service): questions that need checking answered within "
                           "24 hours, telling the customer when the answer will come",
                           M::Tmall, S::Response, 24 * kHour));
    }
    return set;
}

// ---- evaluation ---------------------------------------------------------------------------------
namespace {

bool is_answer(const Message& m) {
    return m.direction == Direction::Outbound && m.delivery == Delivery::Sent && !m.auto_reply;
}

bool fill_answered(const SlaPolicy& p, Time start, const Message& reply, int32_t reply_index, Time now,
                   SlaDeadline& d) {
    d.start = start;
    d.deadline = clock_add(p.clock, start, p.duration_s);
    if (d.deadline == kNoTime) return false;
    d.remaining = d.deadline - now;
    d.clock_remaining = d.remaining;
    d.reply = reply_index;
    d.reply_at = reply.at;
    d.in_time = reply.at <= d.deadline;
    d.state = d.in_time ? SlaState::Answered : SlaState::AnsweredLate;
    return true;
}

// The state of a running clock whose deadline is known. False when the deadline never comes.
bool fill_running(const SlaPolicy& p, Time deadline, Time now, SlaDeadline& d) {
    d.deadline = deadline;
    if (deadline == kNoTime) return false;
    d.remaining = deadline - now;
    if (now > deadline) {
        d.state = SlaState::Overdue;
        d.clock_remaining = d.remaining;
        return true;
    }
    d.clock_remaining = p.clock.type == ClockType::Calendar ? d.remaining : clock_between(p.clock, now, deadline);
    d.state = d.clock_remaining <= p.due_soon_threshold() ? SlaState::DueSoon : SlaState::OnTrack;
    return true;
}

// Fills deadline/remaining/state of a clock running since `start`. False when the deadline never comes.
bool fill_open(const SlaPolicy& p, Time start, Time now, SlaDeadline& d) {
    d.start = start;
    return fill_running(p, clock_add(p.clock, start, p.duration_s), now, d);
}

// A response clock that was running when the conversation was closed: it reads "closed" (None),
// with the deadline it had, never as an answer.
bool fill_closed(const SlaPolicy& p, Time start, SlaDeadline& d) {
    d.start = start;
    d.deadline = clock_add(p.clock, start, p.duration_s);
    d.state = SlaState::None;
    return d.deadline != kNoTime;
}

// Response: the newest episode, from its oldest unanswered inbound message to the next answer.
bool eval_response(const SlaPolicy& p, const Conversation& c, Time now, SlaDeadline& d) {
    const std::vector<Message>& msgs = c.messages;
    // Walk back from the newest message that has happened: only the last episode matters, and
    // this touches a few messages instead of the whole thread (the loop is memory-bound).
    int32_t end = int32_t(msgs.size());
    while (end > 0 && msgs[size_t(end - 1)].at > now) --end;
    int32_t i = end - 1, open_start = -1, last_start = -1, last_reply = -1;
    for (; i >= 0 && !is_answer(msgs[size_t(i)]); --i)
        if (msgs[size_t(i)].direction == Direction::Inbound) open_start = i;
    if (open_start >= 0) {
        d.started_by = open_start;
        if (c.status == Status::Closed) return fill_closed(p, msgs[size_t(open_start)].at, d);
        return fill_open(p, msgs[size_t(open_start)].at, now, d);
    }
    // The last answered episode: the newest answer with an inbound message between it and the
    // answer before it (an answer with none was a proactive message).
    while (i >= 0 && last_reply < 0) {
        const int32_t reply = i;
        for (--i; i >= 0 && !is_answer(msgs[size_t(i)]); --i)
            if (msgs[size_t(i)].direction == Direction::Inbound) last_start = i;
        if (last_start >= 0) last_reply = reply;
    }
    if (last_reply < 0) return false;
    d.started_by = last_start;
    return fill_answered(p, msgs[size_t(last_start)].at, msgs[size_t(last_reply)], last_reply, now, d);
}

// Resolution: clock seconds are counted only while the seller owes work, from an inbound message
// to the seller's next answer; waiting for the customer pauses the clock, a buyer message resumes
// it, and nothing after closed_at counts. A conversation closed before closed_at existed has no
// known stop, so it shows no resolution clock (as before the field).
struct OwedTime {
    const SlaPolicy& p;
    int64_t used = 0;          // clock seconds owed in the stretches settled so far
    Time crossed = kNoTime;    // the instant `used` went past the window, if it did

    void settle(Time from, Time to) {
        const int64_t n = clock_between(p.clock, from, to);
        if (crossed == kNoTime && used + n > p.duration_s) crossed = clock_add(p.clock, from, p.duration_s - used);
        used += n;
    }
};

bool eval_resolution(const SlaPolicy& p, const Conversation& c, Time now, SlaDeadline& d) {
    const bool closed = c.status == Status::Closed;
    if (closed && c.closed_at == kNoTime) return false;
    const Time stop = closed && c.closed_at < now ? c.closed_at : now;
    const std::vector<Message>& msgs = c.messages;
    OwedTime owed{p};
    Time owing = kNoTime;   // start of the stretch owed now
    int32_t first = -1;
    for (int32_t i = 0; i < int32_t(msgs.size()) && msgs[size_t(i)].at <= stop; ++i) {
        const Message& m = msgs[size_t(i)];
        if (m.direction == Direction::Inbound) {
            if (first < 0) first = i;
            if (owing == kNoTime) owing = m.at;
        } else if (owing != kNoTime && is_answer(m)) {
            owed.settle(owing, m.at);
            owing = kNoTime;
        }
    }
    if (first < 0) return false;
    d.started_by = first;
    d.start = msgs[size_t(first)].at;
    if (!closed && owing != kNoTime) {
        const Time due = owed.crossed != kNoTime ? owed.crossed : clock_add(p.clock, owing, p.duration_s - owed.used);
        return fill_running(p, due, now, d);
    }
    if (owing != kNoTime) owed.settle(owing, stop);
    d.deadline = owed.crossed;
    d.clock_remaining = d.remaining = p.duration_s - owed.used;
    d.in_time = owed.used <= p.duration_s;
    if (!closed) {
        d.state = SlaState::Paused;
        return true;
    }
    d.reply_at = c.closed_at;
    d.state = d.in_time ? SlaState::Resolved : SlaState::ResolvedLate;
    return true;
}

// Case contact: from the case opening to the first answer at or after it.
bool eval_case_contact(const SlaPolicy& p, const Conversation& c, Time now, SlaDeadline& d) {
    const Time opened = c.ebay_case.opened_at;
    if (c.ebay_case.type == CaseType::None || opened == kNoTime || opened > now) return false;
    const std::vector<Message>& msgs = c.messages;
    d.started_by = -1;
    for (int32_t i = 0; i < int32_t(msgs.size()) && msgs[size_t(i)].at <= now; ++i)
        if (msgs[size_t(i)].at >= opened && is_answer(msgs[size_t(i)]))
            return fill_answered(p, opened, msgs[size_t(i)], i, now, d);
    return c.status != Status::Closed && fill_open(p, opened, now, d);
}

// The response deadline among those listed: the open reply-type one that comes first; else the
// first reply-type one listed (measure order puts Response before CaseContact).
int8_t pick_response(const SlaResult& r) {
    int8_t best = -1, first = -1;
    for (int k = 0; k < r.count; ++k) {
        const SlaDeadline& d = r.deadlines[size_t(k)];
        if (d.measure == SlaMeasure::Resolution) continue;
        if (first < 0) first = int8_t(k);
        if (d.open() && (best < 0 || d.deadline < r.deadlines[size_t(best)].deadline)) best = int8_t(k);
    }
    return best >= 0 ? best : first;
}

}  // namespace

void evaluate_sla(const SlaPolicySet& set, const Conversation& c, Time now, SlaResult& out) {
    out.count = 0;
    out.response = out.resolution = -1;
    if (c.spam != SpamReason::None) return;
    int idx[kSlaMeasureCount];
    match_policies(set, c, idx);
    using Eval = bool (*)(const SlaPolicy&, const Conversation&, Time, SlaDeadline&);
    const Eval evals[kSlaMeasureCount] = {eval_response, eval_resolution, eval_case_contact};
    for (int m = 0; m < kSlaMeasureCount; ++m) {
        const int pi = idx[m];
        if (pi < 0 || set.policies[size_t(pi)].exempt) continue;
        SlaDeadline& d = out.deadlines[out.count];
        d = SlaDeadline{};
        d.measure = SlaMeasure(m);
        d.policy = int16_t(pi);
        if (!evals[m](set.policies[size_t(pi)], c, now, d)) continue;
        if (d.measure == SlaMeasure::Resolution) out.resolution = int8_t(out.count);
        ++out.count;
    }
    out.response = pick_response(out);
}

SlaResult evaluate_sla(const SlaPolicySet& policies, const Conversation& c, Time now) {
    SlaResult r;
    evaluate_sla(policies, c, now, r);
    return r;
}

namespace {
// The group in the top bits, then a time (earliest first, or with `newest_first` latest first):
// compared as signed numbers, keys order by group, then by that time. Times are clamped to
// +-2^59 s, far beyond any date a conversation carries, so each group keeps to its own range.
int64_t grouped_key(int group, Time t, bool newest_first = false) {
    constexpr int64_t kSpan = int64_t(1) << 60, kHalf = int64_t(1) << 59;
    int64_t v = t < -kHalf + 1 ? -kHalf + 1 : t >= kHalf ? kHalf - 1 : t;
    if (newest_first) v = -v;
    return INT64_MIN + group * kSpan + (v + kHalf);
}
}  // namespace

int64_t sla_urgency_key(const Conversation& c, const SlaResult& r) {
    const Time last = c.last_message_at();
    if (needs_reply(c)) {
        const SlaDeadline* d = r.response_deadline();
        return d && d->open() ? grouped_key(0, d->deadline) : grouped_key(1, last);
    }
    if (c.spam == SpamReason::None && c.status == Status::AwaitingCustomer) return grouped_key(2, last, true);
    return grouped_key(c.spam == SpamReason::None ? 3 : 4, last, true);
}

void sla_urgency_keys(const SlaPolicySet& policies, const Store& store, Time now, std::vector<int64_t>& out) {
    out.resize(store.conversations.size());
    for_each_sla(policies, store.conversations, now,
                 [&](size_t i, const SlaResult& r) { out[i] = sla_urgency_key(store.conversations[i], r); });
}

const std::string& sla_message_id(const Conversation& c, int32_t index) {
    static const std::string kEmpty;
    if (index < 0 || size_t(index) >= c.messages.size()) return kEmpty;
    return c.messages[size_t(index)].id;
}

// ---- response episodes --------------------------------------------------------------------------
void response_episodes(const SlaPolicySet& set, const Conversation& c, Time now, std::vector<ResponseEpisode>& out) {
    out.clear();
    if (c.spam != SpamReason::None) return;
    const int rp = set.policy_for(c, SlaMeasure::Response);
    if (rp < 0 || set.policies[size_t(rp)].exempt) return;
    const SlaPolicy& p = set.policies[size_t(rp)];
    const bool closed = c.status == Status::Closed;
    const int32_t n = int32_t(c.messages.size());
    ResponseEpisode cur;
    bool open = false;
    for (int32_t i = 0; i < n; ++i) {
        const Message& m = c.messages[size_t(i)];
        if (m.at > now) break;
        if (m.direction == Direction::Inbound) {
            if (!open) {
                cur = ResponseEpisode{};
                cur.policy = int16_t(rp);
                cur.first_message = i;
                cur.start = m.at;
                cur.deadline = clock_add(p.clock, m.at, p.duration_s);
                open = true;
            }
            cur.last_message = i;
        } else if (open && is_answer(m)) {
            cur.reply = i;
            cur.reply_at = m.at;
            cur.answered = true;
            cur.in_time = cur.deadline != kNoTime && m.at <= cur.deadline;
            cur.state = cur.in_time ? SlaState::Answered : SlaState::AnsweredLate;
            out.push_back(cur);
            open = false;
        }
    }
    if (open) {
        if (!closed) {
            SlaDeadline d;
            if (fill_open(p, cur.start, now, d)) cur.state = d.state;
        }
        cur.closed = closed;
        out.push_back(cur);
    }
}

int episode_of_message(const std::vector<ResponseEpisode>& episodes, int32_t message_index) {
    for (size_t i = 0; i < episodes.size(); ++i)
        if (message_index >= episodes[i].first_message && message_index <= episodes[i].last_message) return int(i);
    return -1;
}

// ---- eBay case windows --------------------------------------------------------------------------
EbayCaseWindow ebay_case_window(CaseType type, CaseChannel channel, std::string_view region, Time edd,
                                Time paid_at) {
    EbayCaseWindow w;
    if (type == CaseType::None) return w;
    const bool de = region.size() == 2 && (region[0] == 'D' || region[0] == 'd') && (region[1] == 'E' || region[1] == 'e');
    if (channel == CaseChannel::Ebay && type == CaseType::ItemNotReceived && !de) {
        w.base = EbayWindowBase::EstimatedDelivery;
        w.base_time = edd;
        w.min_days = 1;
        w.max_days = 30;
    } else {
        w.base = EbayWindowBase::Payment;
        w.base_time = paid_at;
        w.min_days = 1;
        w.max_days = 45;
    }
    if (w.base_time == kNoTime) return w;
    w.known = true;
    w.earliest = w.base_time + w.min_days * kDay;
    w.latest = w.base_time + w.max_days * kDay;
    return w;
}

EbayCaseWindow ebay_case_window(const Order& o, CaseType type, CaseChannel channel) {
    return ebay_case_window(type, channel, o.region, o.estimated_delivery, o.paid_at);
}

WindowPosition window_position(const EbayCaseWindow& w, Time t) {
    if (!w.known || t == kNoTime) return WindowPosition::Unknown;
    if (t < w.earliest) return WindowPosition::NotYetOpen;
    if (t > w.latest) return WindowPosition::Closed;
    return WindowPosition::Open;
}

// ---- names --------------------------------------------------------------------------------------
namespace {
const char* const kClockTypes[] = {"calendar", "business"};
const char* const kMeasures[] = {"response", "resolution", "case_contact"};
const char* const kStates[] = {"none", "on_track", "due_soon", "overdue", "answered", "answered_late", "paused", "resolved",
                                "resolved_late"};
const char* const kPresets[] = {"current", "seller_guides"};
const char* const kBases[] = {"edd", "payment"};
const char* const kPositions[] = {"unknown", "not_yet_open", "open", "closed"};
const char* const kWeekdays[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

}  // namespace

const char* to_string(ClockType t) { return kClockTypes[int(t)]; }
const char* to_string(SlaMeasure m) { return kMeasures[int(m)]; }
const char* to_string(SlaState s) { return kStates[int(s)]; }
const char* to_string(SlaPreset p) { return kPresets[int(p)]; }
const char* to_string(EbayWindowBase b) { return kBases[int(b)]; }
const char* to_string(WindowPosition p) { return kPositions[int(p)]; }
bool parse(std::string_view s, ClockType& out) { return parse_enum_name(s, kClockTypes, out); }
bool parse(std::string_view s, SlaMeasure& out) { return parse_enum_name(s, kMeasures, out); }
bool parse(std::string_view s, SlaState& out) { return parse_enum_name(s, kStates, out); }
bool parse(std::string_view s, SlaPreset& out) { return parse_enum_name(s, kPresets, out); }

// ---- JSON ---------------------------------------------------------------------------------------
namespace {

using nlohmann::json;

std::string format_clock_time(int32_t s) {
    char buf[16];
    if (s % 60 != 0)
        std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%02d:%02d", s / 3600, s / 60 % 60);
    return buf;
}

std::string format_date(int64_t days) {
    int y, m, d;
    civil_from_days(days, y, m, d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

json schedule_to_json(const BusinessSchedule& s) {
    json week = json::object();
    for (int d = 0; d < 7; ++d) {
        json day = json::array();
        for (const OpenInterval& o : s.week[size_t(d)])
            day.push_back(json::array({format_clock_time(o.open), format_clock_time(o.close)}));
        week[kWeekdays[d]] = day;
    }
    json hol = json::array();
    for (int64_t h : s.holidays) hol.push_back(format_date(h));
    return json{{"time_zone", s.zone.name}, {"week", week}, {"holidays", hol}};
}

}  // namespace

json sla_policy_to_json(const SlaPolicy& p) {
    json applies = json::object();
    applies["kind"] = p.kind ? json(to_string(*p.kind)) : json(nullptr);
    applies["label"] = p.label.empty() ? json(nullptr) : json(p.label);
    json topics = json::array();
    for (int t = 0; t < kTopicCount; ++t)
        if (p.topics & topic_bit(Topic(t))) topics.push_back(to_string(Topic(t)));
    applies["topics"] = topics;
    applies["folder"] = p.folder ? json(to_string(*p.folder)) : json(nullptr);
    applies["case"] = p.case_type ? json(to_string(*p.case_type)) : json(nullptr);

    json clock = json::object();
    clock["type"] = to_string(p.clock.type);
    if (p.clock.type == ClockType::BusinessHours) clock.update(schedule_to_json(p.clock.schedule));

    json j = json::object();
    j["id"] = p.id;
    j["name"] = p.name;
    j["source"] = p.source;
    j["marketplace"] = to_string(p.marketplace);
    j["measure"] = to_string(p.measure);
    j["applies_to"] = applies;
    j["exempt"] = p.exempt;
    j["duration_s"] = p.duration_s;
    j["clock"] = clock;
    j["due_soon_s"] = p.due_soon_s >= 0 ? json(p.due_soon_s) : json(nullptr);
    j["enabled"] = p.enabled;
    return j;
}

json sla_policies_to_json(const SlaPolicySet& set) {
    json arr = json::array();
    for (const SlaPolicy& p : set.policies) arr.push_back(sla_policy_to_json(p));
    return json{{"version", 1}, {"preset", set.preset}, {"policies", arr}};
}

namespace {

struct Reader {
    std::string& error;
    bool fail(const std::string& path, const std::string& msg) {
        error = path + ": " + msg;
        return false;
    }
    // Every key of `j` must be in `allowed`.
    bool only_keys(const json& j, const std::string& path, std::initializer_list<const char*> allowed) {
        for (auto it = j.begin(); it != j.end(); ++it) {
            bool ok = false;
            for (const char* k : allowed) ok = ok || it.key() == k;
            if (!ok) {
                std::string list;
                for (const char* k : allowed) list += (list.empty() ? "" : ", ") + std::string(k);
                return fail(path + "/" + it.key(), "unknown field (expected one of: " + list + ")");
            }
        }
        return true;
    }
    bool string(const json& j, const std::string& path, std::string& out) {
        if (!j.is_string()) return fail(path, "must be a string");
        out = j.get_ref<const std::string&>();
        return true;
    }
    bool integer(const json& j, const std::string& path, int64_t lo, int64_t hi, int64_t& out) {
        if (!j.is_number_integer()) return fail(path, "must be a whole number");
        const int64_t v = j.is_number_unsigned() && j.get<uint64_t>() > uint64_t(INT64_MAX) ? INT64_MAX : j.get<int64_t>();
        if (v < lo || v > hi)
            return fail(path, "must be from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got " +
                                  std::to_string(v));
        out = v;
        return true;
    }
    bool boolean(const json& j, const std::string& path, bool& out) {
        if (!j.is_boolean()) return fail(path, "must be true or false");
        out = j.get<bool>();
        return true;
    }
    template <typename E>
    bool name(const json& j, const std::string& path, const char* choices, E& out) {
        if (!j.is_string()) return fail(path, std::string("must be a string: ") + choices);
        const std::string& s = j.get_ref<const std::string&>();
        if (!parse(s, out)) return fail(path, "unknown value '" + s + "' (expected " + choices + ")");
        return true;
    }
    // "HH:MM" or "HH:MM:SS"; 24:00 only where allow_24.
    bool clock_time(const json& j, const std::string& path, bool allow_24, int32_t& out) {
        if (!j.is_string()) return fail(path, "must be a time \"HH:MM\"");
        const std::string& s = j.get_ref<const std::string&>();
        auto dig = [&](size_t p) { return p < s.size() && s[p] >= '0' && s[p] <= '9'; };
        bool ok = (s.size() == 5 || s.size() == 8) && dig(0) && dig(1) && s[2] == ':' && dig(3) && dig(4) &&
                  (s.size() == 5 || (s[5] == ':' && dig(6) && dig(7)));
        int h = 0, m = 0, sec = 0;
        if (ok) {
            h = (s[0] - '0') * 10 + (s[1] - '0');
            m = (s[3] - '0') * 10 + (s[4] - '0');
            if (s.size() == 8) sec = (s[6] - '0') * 10 + (s[7] - '0');
            ok = m < 60 && sec < 60 && (h < 24 || (allow_24 && h == 24 && m == 0 && sec == 0));
        }
        if (!ok)
            return fail(path, "bad time '" + s + "' (want HH:MM or HH:MM:SS, 00:00 to " +
                                  (allow_24 ? "24:00" : "23:59:59") + ")");
        out = h * 3600 + m * 60 + sec;
        return true;
    }

    bool schedule(const json& j, const std::string& path, BusinessSchedule& out) {
        if (j.contains("time_zone")) {
            std::string zone, err;
            if (!string(j["time_zone"], path + "/time_zone", zone)) return false;
            if (!make_time_zone(zone, out.zone, err)) return fail(path + "/time_zone", err);
        }
        if (j.contains("week")) {
            const json& w = j["week"];
            const std::string wp = path + "/week";
            if (!w.is_object()) return fail(wp, "must be an object with keys sun, mon, tue, wed, thu, fri, sat");
            if (!only_keys(w, wp, {"sun", "mon", "tue", "wed", "thu", "fri", "sat"})) return false;
            for (int d = 0; d < 7; ++d) {
                out.week[size_t(d)].clear();
                if (!w.contains(kWeekdays[d])) continue;
                const json& day = w[kWeekdays[d]];
                const std::string dp = wp + "/" + kWeekdays[d];
                if (!day.is_array()) return fail(dp, "must be a list of [\"HH:MM\", \"HH:MM\"] pairs");
                for (size_t k = 0; k < day.size(); ++k) {
                    const std::string ip = dp + "/" + std::to_string(k);
                    const json& iv = day[k];
                    if (!iv.is_array() || iv.size() != 2) return fail(ip, "must be a pair [\"HH:MM\", \"HH:MM\"]");
                    OpenInterval o;
                    if (!clock_time(iv[0], ip + "/0", false, o.open)) return false;
                    if (!clock_time(iv[1], ip + "/1", true, o.close)) return false;
                    if (o.close <= o.open) return fail(ip, "closes before it opens");
                    if (!out.week[size_t(d)].empty() && out.week[size_t(d)].back().close > o.open)
                        return fail(ip, "overlaps or comes before the previous interval (list them in order)");
                    out.week[size_t(d)].push_back(o);
                }
            }
        }
        if (j.contains("holidays")) {
            const json& h = j["holidays"];
            const std::string hp = path + "/holidays";
            if (!h.is_array()) return fail(hp, "must be a list of dates \"YYYY-MM-DD\"");
            out.holidays.clear();
            for (size_t k = 0; k < h.size(); ++k) {
                const std::string ip = hp + "/" + std::to_string(k);
                std::string s;
                Time t = 0;
                if (!string(h[k], ip, s)) return false;
                if (s.size() != 10 || !parse_iso8601(s, t)) return fail(ip, "bad date '" + s + "' (want YYYY-MM-DD)");
                out.holidays.push_back(floor_div(t, kDay));
            }
            std::sort(out.holidays.begin(), out.holidays.end());
            out.holidays.erase(std::unique(out.holidays.begin(), out.holidays.end()), out.holidays.end());
        }
        return true;
    }

    bool policy(const json& j, const std::string& path, SlaPolicy& p) {
        if (!j.is_object()) return fail(path, "must be an object");
        if (!only_keys(j, path, {"id", "name", "source", "marketplace", "measure", "applies_to", "exempt",
                                 "duration_s", "clock", "due_soon_s", "enabled"}))
            return false;
        if (!j.contains("id")) return fail(path + "/id", "missing");
        if (!string(j["id"], path + "/id", p.id)) return false;
        if (p.id.empty()) return fail(path + "/id", "must not be empty");
        for (char ch : p.id)
            if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '.'))
                return fail(path + "/id", "'" + p.id + "' may only use a-z, 0-9, '_', '-', '.'");
        if (j.contains("name") && !string(j["name"], path + "/name", p.name)) return false;
        if (p.name.empty()) p.name = p.id;
        if (j.contains("source") && !string(j["source"], path + "/source", p.source)) return false;
        if (!j.contains("marketplace")) return fail(path + "/marketplace", "missing");
        if (!name(j["marketplace"], path + "/marketplace", "walmart, amazon, ebay, wish, tmall", p.marketplace))
            return false;
        if (!j.contains("measure")) return fail(path + "/measure", "missing");
        if (!name(j["measure"], path + "/measure", "response, resolution, case_contact", p.measure)) return false;
        if (j.contains("exempt") && !boolean(j["exempt"], path + "/exempt", p.exempt)) return false;
        if (j.contains("enabled") && !boolean(j["enabled"], path + "/enabled", p.enabled)) return false;
        if (j.contains("duration_s")) {
            if (!integer(j["duration_s"], path + "/duration_s", 1, 366 * kDay, p.duration_s)) return false;
        } else if (!p.exempt) {
            return fail(path + "/duration_s", "missing (seconds, e.g. 172800 for 48 h)");
        }
        if (j.contains("due_soon_s") && !j["due_soon_s"].is_null()) {
            if (!integer(j["due_soon_s"], path + "/due_soon_s", 0, p.duration_s, p.due_soon_s)) return false;
        } else {
            p.due_soon_s = kAutoDueSoon;
        }
        if (j.contains("applies_to")) {
            const json& a = j["applies_to"];
            const std::string ap = path + "/applies_to";
            if (!a.is_object()) return fail(ap, "must be an object");
            if (!only_keys(a, ap, {"kind", "label", "topics", "folder", "case"})) return false;
            if (a.contains("kind") && !a["kind"].is_null()) {
                ConversationKind k;
                if (!name(a["kind"], ap + "/kind", "pre_sale, post_sale or null", k)) return false;
                p.kind = k;
            }
            if (a.contains("label") && !a["label"].is_null() && !string(a["label"], ap + "/label", p.label))
                return false;
            if (a.contains("topics") && !a["topics"].is_null()) {
                const json& t = a["topics"];
                if (!t.is_array()) return fail(ap + "/topics", "must be a list of topic names ([] = any)");
                for (size_t k = 0; k < t.size(); ++k) {
                    Topic topic;
                    if (!name(t[k], ap + "/topics/" + std::to_string(k), "a topic such as return_request", topic))
                        return false;
                    p.topics |= topic_bit(topic);
                }
            }
            if (a.contains("folder") && !a["folder"].is_null()) {
                EbayFolder f;
                if (!name(a["folder"], ap + "/folder", "none, from_members, from_ebay, high_priority or null", f))
                    return false;
                p.folder = f;
            }
            if (a.contains("case") && !a["case"].is_null()) {
                CaseType c;
                if (!name(a["case"], ap + "/case", "none, inr, snad or null", c)) return false;
                p.case_type = c;
            }
        }
        if (j.contains("clock")) {
            const json& c = j["clock"];
            const std::string cp = path + "/clock";
            if (!c.is_object()) return fail(cp, "must be an object such as {\"type\": \"calendar\"}");
            if (!only_keys(c, cp, {"type", "time_zone", "week", "holidays"})) return false;
            if (!c.contains("type")) return fail(cp + "/type", "missing (calendar or business)");
            if (!name(c["type"], cp + "/type", "calendar, business", p.clock.type)) return false;
            if (!schedule(c, cp, p.clock.schedule)) return false;
            if (p.clock.type == ClockType::BusinessHours && !p.clock.schedule.has_open_time())
                return fail(cp + "/week", "a business clock needs at least one open interval");
        }
        return true;
    }
};

}  // namespace

bool sla_policies_from_json(const json& j, SlaPolicySet& out, std::string& error) {
    Reader r{error};
    if (!j.is_object()) return r.fail("(root)", "must be an object {\"version\": 1, \"policies\": [...]}");
    if (!r.only_keys(j, "", {"version", "preset", "policies"})) {
        error.erase(0, 1);   // "version" rather than "/version"
        return false;
    }
    if (j.contains("version")) {
        int64_t v = 0;
        if (!r.integer(j["version"], "version", 1, 1, v)) return false;
    }
    SlaPolicySet set;
    set.preset = "custom";
    if (j.contains("preset") && !j["preset"].is_null()) {
        if (!r.string(j["preset"], "preset", set.preset)) return false;
        if (set.preset != "current" && set.preset != "seller_guides" && set.preset != "custom")
            return r.fail("preset", "unknown value '" + set.preset + "' (expected current, seller_guides, custom)");
    }
    if (!j.contains("policies")) return r.fail("policies", "missing");
    const json& arr = j["policies"];
    if (!arr.is_array()) return r.fail("policies", "must be a list");
    if (arr.size() > 32000) return r.fail("policies", "too many policies (at most 32000)");   // indices are int16
    set.policies.reserve(arr.size());
    for (size_t i = 0; i < arr.size(); ++i) {
        const std::string path = "policies/" + std::to_string(i);
        SlaPolicy p;
        if (!r.policy(arr[i], path, p)) return false;
        const int dup = set.find(p.id);
        if (dup >= 0) return r.fail(path + "/id", "duplicate id '" + p.id + "' (also policies/" + std::to_string(dup) + ")");
        set.policies.push_back(std::move(p));
    }
    out = std::move(set);
    return true;
}

}  // namespace sd
