#include "handover.h"

#include <algorithm>
#include <cstdio>
#include <tuple>
#include <unordered_set>

#include "time.h"

namespace sd {

using nlohmann::json;

namespace {

// The first `max` bytes of `s`, cut at a character boundary, with "…" when something was cut.
std::string excerpt_of(const std::string& s, size_t max = kHandoverExcerptMax) {
    if (s.size() <= max) return s;
    size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n) + "\xE2\x80\xA6";
}

bool drafted_here(const Conversation& c, const std::string& replica) {
    if (c.draft.empty()) return false;
    const Stamp& s = c.edits.draft.stamp;
    return s.zero() || s.replica == replica;
}

void collect_waiting(const HandoverInput& in, Handover& h) {
    struct Waiting {
        Time deadline;
        Time last;
        const Conversation* c;
    };
    std::vector<Waiting> all;
    SlaResult r;
    for (const Conversation& c : in.store.conversations) {
        if (!needs_reply(c)) continue;
        evaluate_sla(in.sla, c, in.now, r);
        const SlaDeadline* d = r.response_deadline();
        all.push_back({d ? d->deadline : kNoTime, c.last_message_at(), &c});
    }
    // An open deadline first, the soonest first; then the longest waiting; then by ID.
    std::sort(all.begin(), all.end(), [](const Waiting& a, const Waiting& b) {
        auto key = [](const Waiting& w) {
            return std::make_tuple(w.deadline == kNoTime, w.deadline, w.last, std::cref(w.c->id));
        };
        return key(a) < key(b);
    });
    h.waiting_total = all.size();
    for (size_t i = 0; i < all.size() && i < kHandoverWaitingMax; ++i)
        h.waiting.push_back({all[i].c->id, all[i].c->subject, all[i].deadline, ""});
}

void collect_drafts_and_remarks(const HandoverInput& in, Handover& h) {
    const Time day_start = local_day_start(in.zone, in.now);
    for (const Conversation& c : in.store.conversations) {
        if (drafted_here(c, in.replica)) h.drafts.push_back({c.id, c.subject, kNoTime, excerpt_of(c.draft)});
        for (const Remark& r : c.remarks)
            if (r.agent == in.agent && r.at >= day_start && r.at <= in.now)
                h.remarks.push_back({c.id, c.subject, kNoTime, excerpt_of(r.text)});
    }
    auto by_id = [](const HandoverItem& a, const HandoverItem& b) { return a.conversation_id < b.conversation_id; };
    std::stable_sort(h.drafts.begin(), h.drafts.end(), by_id);
    std::stable_sort(h.remarks.begin(), h.remarks.end(), by_id);
}

}  // namespace

Handover make_handover(const HandoverInput& in, std::string id, std::string text) {
    Handover h;
    h.id = std::move(id);
    h.agent = in.agent;
    h.at = in.now;
    h.text = std::move(text);
    collect_waiting(in, h);
    collect_drafts_and_remarks(in, h);
    return h;
}

Time local_day_start(const TimeZone& zone, Time t) {
    CivilTime wall = to_local(zone, t);
    wall.hour = wall.minute = wall.second = 0;
    return from_local(zone, wall);
}

std::string local_date(const TimeZone& zone, Time t) {
    const CivilTime wall = to_local(zone, t);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", wall.year, wall.month, wall.day);
    return buf;
}

namespace {

// The year, month and day of "YYYY-MM-DD" when it is one (from 1970 on); false otherwise.
bool date_parts(std::string_view d, int& year, int& month, int& day) {
    if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (d[i] < '0' || d[i] > '9') return false;
    auto number = [&](size_t at, size_t n) {
        int v = 0;
        for (size_t k = at; k < at + n; ++k) v = v * 10 + (d[k] - '0');
        return v;
    };
    year = number(0, 4);
    month = number(5, 2);
    day = number(8, 2);
    return year >= 1970 && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

}  // namespace

bool valid_date(std::string_view d) {
    int year, month, day;
    return date_parts(d, year, month, day);
}

int32_t follow_up_day(std::string_view d) {
    int year, month, day;
    return date_parts(d, year, month, day) ? int32_t(days_from_civil(year, month, day) + 1) : 0;
}

size_t add_handovers(std::vector<Handover>& into, const std::vector<Handover>& more) {
    size_t changed = 0;
    for (const Handover& h : more) {
        auto it = std::find_if(into.begin(), into.end(), [&](const Handover& x) { return x.id == h.id; });
        if (it == into.end()) {
            into.push_back(h);
            ++changed;
            continue;
        }
        // Written once: two different records under one ID keep the one every replica keeps.
        const std::string mine = handover_to_json(*it).dump(), theirs = handover_to_json(h).dump();
        if (theirs > mine) {
            *it = h;
            ++changed;
        }
    }
    std::sort(into.begin(), into.end(), [](const Handover& a, const Handover& b) { return std::tie(a.at, a.id) < std::tie(b.at, b.id); });
    return changed;
}

const Handover* latest_handover(const std::vector<Handover>& list) {
    const Handover* best = nullptr;
    for (const Handover& h : list)
        if (!best || std::tie(h.at, h.id) > std::tie(best->at, best->id)) best = &h;
    return best;
}

bool handover_unseen(const Handover& h, Time seen_at, std::string_view seen_id) {
    return std::make_tuple(h.at, std::string_view(h.id)) > std::make_tuple(seen_at, seen_id);
}

bool any_follow_up_due(const Store& store, std::string_view today) {
    return std::any_of(store.customers.begin(), store.customers.end(), [&](const Customer& c) { return follow_up_due(c, today); });
}

// ---- JSON (docs/export-format.md, "handovers") -------------------------------------------------
namespace {

json item_to_json(const HandoverItem& i) {
    json j = {{"conversation_id", i.conversation_id}, {"subject", i.subject}};
    if (i.deadline != kNoTime) j["deadline"] = format_iso8601(i.deadline);
    if (!i.excerpt.empty()) j["excerpt"] = i.excerpt;
    return j;
}

bool text_member(const json& j, const char* name, std::string& out, bool required, std::string& error) {
    auto it = j.find(name);
    if (it == j.end()) {
        if (required) error = std::string(name) + ": missing";
        return !required;
    }
    if (!it->is_string()) return error = std::string(name) + ": not a string", false;
    out = it->get<std::string>();
    return true;
}

bool time_member(const json& j, const char* name, Time& out, bool required, std::string& error) {
    std::string text;
    if (!text_member(j, name, text, required, error)) return false;
    if (!j.contains(name)) return true;
    if (!parse_iso8601(text, out)) return error = std::string(name) + ": not an ISO 8601 time", false;
    return true;
}

bool only_members(const json& j, std::initializer_list<const char*> names, std::string& error) {
    for (auto it = j.begin(); it != j.end(); ++it)
        if (std::none_of(names.begin(), names.end(), [&](const char* n) { return it.key() == n; }))
            return error = it.key() + ": unknown member", false;
    return true;
}

bool item_from_json(const json& j, HandoverItem& out, std::string& error) {
    if (!j.is_object()) return error = "not an object", false;
    if (!only_members(j, {"conversation_id", "subject", "deadline", "excerpt"}, error) ||
        !text_member(j, "conversation_id", out.conversation_id, true, error) ||
        !text_member(j, "subject", out.subject, false, error) || !time_member(j, "deadline", out.deadline, false, error) ||
        !text_member(j, "excerpt", out.excerpt, false, error))
        return false;
    if (out.conversation_id.empty()) return error = "conversation_id: empty", false;
    return true;
}

bool items_from_json(const json& j, const char* name, std::vector<HandoverItem>& out, std::string& error) {
    auto it = j.find(name);
    if (it == j.end()) return true;
    if (!it->is_array()) return error = std::string(name) + ": not an array", false;
    out.resize(it->size());
    for (size_t k = 0; k < out.size(); ++k)
        if (!item_from_json((*it)[k], out[k], error)) return error = std::string(name) + "/" + std::to_string(k) + "/" + error, false;
    return true;
}

}  // namespace

json handover_to_json(const Handover& h) {
    json j = {{"id", h.id}, {"agent", h.agent}, {"at", format_iso8601(h.at)}, {"text", h.text}, {"waiting_total", h.waiting_total}};
    auto items = [](const std::vector<HandoverItem>& list) {
        json a = json::array();
        for (const HandoverItem& i : list) a.push_back(item_to_json(i));
        return a;
    };
    j["waiting"] = items(h.waiting);
    j["drafts"] = items(h.drafts);
    j["remarks"] = items(h.remarks);
    return j;
}

bool handover_from_json(const json& j, Handover& out, std::string& error) {
    if (!j.is_object()) return error = "not an object", false;
    Handover h;
    if (!only_members(j, {"id", "agent", "at", "text", "waiting_total", "waiting", "drafts", "remarks"}, error) ||
        !text_member(j, "id", h.id, true, error) || !text_member(j, "agent", h.agent, true, error) ||
        !time_member(j, "at", h.at, true, error) || !text_member(j, "text", h.text, false, error) ||
        !items_from_json(j, "waiting", h.waiting, error) || !items_from_json(j, "drafts", h.drafts, error) ||
        !items_from_json(j, "remarks", h.remarks, error))
        return false;
    if (h.id.empty()) return error = "id: empty", false;
    if (h.text.size() > kHandoverTextMax) return error = "text: longer than " + std::to_string(kHandoverTextMax) + " bytes", false;
    h.waiting_total = h.waiting.size();
    if (auto it = j.find("waiting_total"); it != j.end()) {
        if (!it->is_number_unsigned() || it->get<uint64_t>() < h.waiting.size())
            return error = "waiting_total: not a count of at least the waiting listed", false;
        h.waiting_total = it->get<size_t>();
    }
    out = std::move(h);
    return true;
}

bool handovers_from_json(const json& list, std::vector<Handover>& out, std::string& error) {
    if (!list.is_array()) return error = "not an array", false;
    std::vector<Handover> all(list.size());
    for (size_t k = 0; k < all.size(); ++k)
        if (!handover_from_json(list[k], all[k], error)) return error = std::to_string(k) + "/" + error, false;
    std::unordered_set<std::string_view> ids;
    for (size_t k = 0; k < all.size(); ++k)
        if (!ids.insert(all[k].id).second) return error = std::to_string(k) + "/id: \"" + all[k].id + "\" is listed twice", false;
    out = std::move(all);
    return true;
}

}  // namespace sd
