// Text the panels and the bridge show (format.h). Every word comes from the catalogue; the
// numbers are put into its placeholders.
#include "format.h"

#include <cstdio>

#include "i18n.h"
#include "core/time.h"
#include "core/timezone.h"

namespace {

// Two digits, as countdowns write seconds ("3m 05s") and dates write months and hours.
std::string two_digits(int64_t v) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%02lld", (long long)v);
    return buf;
}

// Arguments of the date patterns: {y} {m} {d} (plain numbers), {mm} {dd} {HH} {MM} (two digits),
// {mon} (the month's short name where the language has one).
// {zone}: the zone's name as the pattern shows it ("UTC+8"), when the pattern has one.
std::string civil_text(const char* key, const sd::CivilTime& c, const std::string& zone = std::string()) {
    std::string mon_key = "date.mon." + std::to_string(c.month);   // checked by i18n_test.cpp
    return trf(key, {{"y", std::to_string(c.year)}, {"m", std::to_string(c.month)}, {"d", std::to_string(c.day)},
                     {"mm", two_digits(c.month)}, {"dd", two_digits(c.day)}, {"HH", two_digits(c.hour)},
                     {"MM", two_digits(c.minute)}, {"mon", tr(mon_key)}, {"zone", zone}});
}

std::string date_text(const char* key, sd::Time t) { return civil_text(key, sd::to_civil(t)); }

// "UTC", "UTC+8", "UTC-5", "UTC+5:30", "UTC-9:30": an offset in seconds east of UTC.
std::string utc_offset_text(int32_t east) {
    if (east == 0) return "UTC";
    const int32_t a = east < 0 ? -east : east, minutes = (a / 60) % 60;
    std::string s = std::string("UTC") + (east < 0 ? "-" : "+") + std::to_string(a / 3600);
    return minutes ? s + ":" + two_digits(minutes) : s;
}

}  // namespace

const char* sla_state_label(sd::SlaState s) {
    switch (s) {
        case sd::SlaState::None: return tr("sla.state.none");
        case sd::SlaState::OnTrack: return tr("sla.state.on_track");
        case sd::SlaState::DueSoon: return tr("sla.state.due_soon");
        case sd::SlaState::Overdue: return tr("sla.state.overdue");
        case sd::SlaState::Answered: return tr("sla.state.answered");
        case sd::SlaState::AnsweredLate: return tr("sla.state.answered_late");
        case sd::SlaState::Paused: return tr("sla.state.paused");
        case sd::SlaState::Resolved: return tr("sla.state.resolved");
        case sd::SlaState::ResolvedLate: return tr("sla.state.resolved_late");
    }
    return "";
}

const char* deadline_state_label(const sd::SlaDeadline& d) {
    // A listed deadline in state None is a response clock stopped by closing without a reply.
    return d.state == sd::SlaState::None ? tr("sla.state.closed_unanswered") : sla_state_label(d.state);
}

std::string resolution_tip(const sd::SlaDeadline& d, const std::string& policy) {
    if (d.state == sd::SlaState::Paused)   // no instant is fixed: what is left of the window
        return trf(d.remaining >= 0 ? "list.resolve_paused_tip" : "list.resolve_paused_over_tip",
                   {{"policy", policy}, {"time", format_duration(d.remaining < 0 ? -d.remaining : d.remaining, false)}});
    const std::string when = d.open() ? trf("list.deadline_tip", {{"policy", policy}, {"when", format_local_datetime(d.deadline)}})
                                      : trf("list.resolve_closed_tip", {{"policy", policy}, {"when", format_local_datetime(d.reply_at)}});
    return std::string(deadline_state_label(d)) + "\n" + when;
}

std::string format_countdown(const sd::SlaDeadline& d, bool with_seconds) {
    switch (d.state) {
        case sd::SlaState::OnTrack: case sd::SlaState::DueSoon: case sd::SlaState::Overdue: break;
        case sd::SlaState::None: return tr("countdown.closed");   // listed only when closed without a reply
        case sd::SlaState::Answered: return tr("countdown.answered");
        case sd::SlaState::AnsweredLate: return tr("countdown.late");
        case sd::SlaState::Paused: return tr("countdown.paused");
        case sd::SlaState::Resolved: return tr("countdown.resolved");
        case sd::SlaState::ResolvedLate: return tr("countdown.resolved_late");
    }
    return format_duration(d.remaining, with_seconds);
}

std::string format_duration(int64_t remaining, bool with_seconds) {
    int64_t left = remaining < 0 ? -remaining : remaining;
    int64_t h = left / 3600, m = left / 60 % 60, sec = left % 60;
    // Plain digits here, not format_number: "1,234h" would read as a list in a countdown.
    auto num = [](int64_t v) { return std::to_string(v); };
    if (remaining < 0) {
        if (h >= 48) return trf("countdown.overdue_days", {{"d", num(h / 24)}});
        if (h > 0) return trf("countdown.overdue_hours", {{"h", num(h)}});
        if (with_seconds) return trf("countdown.overdue_minutes_seconds", {{"m", num(m)}, {"s", two_digits(sec)}});
        return trf("countdown.overdue_minutes", {{"m", num(m)}});
    }
    if (h >= 72) return trf("countdown.days_hours", {{"d", num(h / 24)}, {"h", num(h % 24)}});
    if (h > 0) return trf("countdown.hours_minutes", {{"h", num(h)}, {"m", num(m)}});
    if (with_seconds) return trf("countdown.minutes_seconds", {{"m", num(m)}, {"s", two_digits(sec)}});
    return trf("countdown.minutes", {{"m", num(m < 1 ? 1 : m)}});
}

std::string format_countdown_short(int64_t remaining) {
    if (remaining >= 0) return format_duration(remaining, false);
    const int64_t left = -remaining, h = left / 3600;
    if (h >= 48) return trf("countdown.past_days", {{"d", std::to_string(h / 24)}});
    if (h > 0) return trf("countdown.past_hours", {{"h", std::to_string(h)}});
    return trf("countdown.past_minutes", {{"m", std::to_string(std::max<int64_t>(1, left / 60))}});
}

std::string format_relative(sd::Time t, sd::Time now) {
    sd::Time d = now - t;
    if (d < 60) return tr("relative.just_now");
    if (d < 3600) return trf("relative.minutes_ago", {{"n", std::to_string(d / 60)}});
    if (d < 86400) return trf("relative.hours_ago", {{"n", std::to_string(d / 3600)}});
    if (d < 7 * 86400) return trf("relative.days_ago", {{"n", std::to_string(d / 86400)}});
    return date_text("date.month_day", t);
}

std::string format_local_datetime(sd::Time t) {
    if (t == sd::kNoTime) return tr("date.none");
    return date_text("date.datetime", t);
}

std::string format_zone_datetime(sd::Time t, const sd::TimeZone& zone) {
    if (t == sd::kNoTime) return tr("date.none");
    return civil_text("date.datetime_zone", sd::to_local(zone, t), utc_offset_text(sd::utc_offset(zone, t)));
}

std::string format_local_date(sd::Time t) {
    if (t == sd::kNoTime) return tr("date.none");
    return date_text("date.date", t);
}

std::string pretty_label(const std::string& id) {
    // The well-known labels (Walmart's two, the demo's and Wish's reasons) have catalogue names;
    // a label the user made up is shown as typed.
    if (const char* known = tr_find(("label." + id).c_str())) return known;
    std::string out = id;
    for (char& ch : out)
        if (ch == '_') ch = ' ';
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = char(out[0] - 'a' + 'A');
    return out;
}

const char* remark_flag_meaning(sd::RemarkFlag f) {
    switch (f) {
        case sd::RemarkFlag::Red: return tr("remark.flag.red");
        case sd::RemarkFlag::Yellow: return tr("remark.flag.yellow");
        case sd::RemarkFlag::Green: return tr("remark.flag.green");
        case sd::RemarkFlag::Blue: return tr("remark.flag.blue");
        case sd::RemarkFlag::Purple: return tr("remark.flag.purple");
        case sd::RemarkFlag::None: return tr("remark.flag.none");
    }
    return "";
}

std::string team_target_tip(const sd::TeamTarget& target, const sd::TeamDeadline& d) {
    char hours[16];
    std::snprintf(hours, sizeof hours, "%g", double(target.duration_s) / 3600.0);
    const nlohmann::json j = sd::team_target_to_json(target);
    return trf("team_target.tip", {{"hours", hours}, {"open", j["open"].get<std::string>()}, {"close", j["close"].get<std::string>()},
                                   {"zone", target.schedule.zone.name}, {"when", format_local_datetime(d.deadline)}});
}

const char* remark_kind_meaning(sd::RemarkKind k) {
    switch (k) {
        case sd::RemarkKind::PriceChange: return tr("remark.kind.price_change");
        case sd::RemarkKind::Unshipped: return tr("remark.kind.unshipped");
        case sd::RemarkKind::Shipped: return tr("remark.kind.shipped");
        case sd::RemarkKind::SpecialCourier: return tr("remark.kind.special_courier");
        case sd::RemarkKind::Refundable: return tr("remark.kind.refundable");
        case sd::RemarkKind::AfterSaleReturn: return tr("remark.kind.after_sale_return");
        case sd::RemarkKind::Other: return tr("remark.kind.other");
    }
    return "";
}

const char* marketplace_name(sd::Marketplace m) {
    switch (m) {
        case sd::Marketplace::Walmart: return tr("market.walmart");
        case sd::Marketplace::Amazon: return tr("market.amazon");
        case sd::Marketplace::Ebay: return tr("market.ebay");
        case sd::Marketplace::Wish: return tr("market.wish");
        case sd::Marketplace::Tmall: return tr("market.tmall");
    }
    return sd::display_name(m);
}

std::string policy_display_name(const sd::SlaPolicy& p) {
    // Only a name that is still the built-in English one is translated: an edited name is the
    // user's own text.
    const std::string key = "sla.policy." + p.id;
    const char* english = tr_english(key.c_str());
    if (!english || p.name != english) return p.name;
    return tr(key);
}

std::string label_id(const std::string& typed) {
    std::string id;
    for (char ch : typed) {
        if (ch == ' ' || ch == '-') {
            if (!id.empty() && id.back() != '_') id += '_';
        } else {
            id += (ch >= 'A' && ch <= 'Z') ? char(ch - 'A' + 'a') : ch;
        }
    }
    while (!id.empty() && id.back() == '_') id.pop_back();
    return id;
}

std::string folder_name(const std::string& filter) {
    const size_t colon = filter.find(':');
    const std::string kind = filter.substr(0, colon), rest = colon == std::string::npos ? "" : filter.substr(colon + 1);
    sd::Marketplace m;
    if (kind == "marketplace" && sd::parse(rest, m)) return marketplace_name(m);
    if (kind == "label") return pretty_label(rest);
    if (kind == "sla") {
        const size_t c2 = rest.find(':');
        const std::string state = rest.substr(0, c2);
        std::string name = sla_state_label(state == "overdue" ? sd::SlaState::Overdue : sd::SlaState::DueSoon);
        if (c2 != std::string::npos && sd::parse(rest.substr(c2 + 1), m)) name += std::string(" · ") + marketplace_name(m);
        return name;
    }
    // status:closed -> folder.closed, wish:unhandled -> folder.wish_unhandled, all -> folder.all…
    std::string key = "folder." + (kind == "status" ? rest : colon == std::string::npos ? filter : kind + "_" + rest);
    const char* name = tr_find(key.c_str());
    return name ? name : filter;
}

std::string template_title(const sd::Template& t) {
    const bool zh = std::string(i18n_language()) == "zh";
    const std::string& first = zh ? t.title_zh : t.title_en;
    return first.empty() ? (zh ? t.title_en : t.title_zh) : first;
}

std::string template_other_title(const sd::Template& t) {
    const std::string shown = template_title(t);
    const std::string& other = shown == t.title_zh ? t.title_en : t.title_zh;
    return other == shown ? std::string() : other;
}
