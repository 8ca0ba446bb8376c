// Text the panels and the bridge show (format.h).
#include "format.h"

#include <cstdio>

#include "core/time.h"

const char* sla_state_label(sd::SlaState s) {
    switch (s) {
        case sd::SlaState::None: return "No deadline";
        case sd::SlaState::OnTrack: return "On track";
        case sd::SlaState::DueSoon: return "Due soon";
        case sd::SlaState::Overdue: return "Overdue";
        case sd::SlaState::Answered: return "Answered in time";
        case sd::SlaState::AnsweredLate: return "Answered late";
    }
    return "";
}

std::string format_countdown(const sd::SlaDeadline& d, bool with_seconds) {
    char buf[48];
    if (!d.open()) return d.state == sd::SlaState::AnsweredLate ? "Late" : (d.state == sd::SlaState::Answered ? "Answered" : "");
    int64_t left = d.remaining < 0 ? -d.remaining : d.remaining;
    int64_t h = left / 3600, m = left / 60 % 60, sec = left % 60;
    if (d.remaining < 0) {
        if (h >= 48) std::snprintf(buf, sizeof buf, "Overdue %lldd", (long long)(h / 24));
        else if (h > 0) std::snprintf(buf, sizeof buf, "Overdue %lldh", (long long)h);
        else if (with_seconds) std::snprintf(buf, sizeof buf, "Overdue %lldm %02llds", (long long)m, (long long)sec);
        else std::snprintf(buf, sizeof buf, "Overdue %lldm", (long long)m);
        return buf;
    }
    if (h >= 72) std::snprintf(buf, sizeof buf, "%lldd %lldh", (long long)(h / 24), (long long)(h % 24));
    else if (h > 0) std::snprintf(buf, sizeof buf, "%lldh %lldm", (long long)h, (long long)m);
    else if (with_seconds) std::snprintf(buf, sizeof buf, "%lldm %02llds", (long long)m, (long long)sec);
    else std::snprintf(buf, sizeof buf, "%lldm", (long long)(m < 1 ? 1 : m));
    return buf;
}

std::string format_relative(sd::Time t, sd::Time now) {
    sd::Time d = now - t;
    char buf[48];
    if (d < 60) return "just now";
    if (d < 3600) std::snprintf(buf, sizeof buf, "%dm ago", int(d / 60));
    else if (d < 86400) std::snprintf(buf, sizeof buf, "%dh ago", int(d / 3600));
    else if (d < 7 * 86400) std::snprintf(buf, sizeof buf, "%dd ago", int(d / 86400));
    else {
        static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        sd::CivilTime c = sd::to_civil(t);
        std::snprintf(buf, sizeof buf, "%s %d", kMonths[c.month - 1], c.day);
    }
    return buf;
}

std::string format_local_datetime(sd::Time t) {
    if (t == sd::kNoTime) return "—";
    sd::CivilTime c = sd::to_civil(t);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d UTC", c.year, c.month, c.day, c.hour, c.minute);
    return buf;
}

std::string pretty_label(const std::string& id) {
    if (id == sd::labels::kResponseNeeded) return "Response Needed";
    if (id == sd::labels::kCustomerCare) return "Customer Care";
    std::string out = id;
    for (char& ch : out)
        if (ch == '_') ch = ' ';
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = char(out[0] - 'a' + 'A');
    return out;
}

const char* remark_flag_meaning(sd::RemarkFlag f) {
    switch (f) {
        case sd::RemarkFlag::Red: return "Refundable order";
        case sd::RemarkFlag::Yellow: return "Unshipped order (reason)";
        case sd::RemarkFlag::Green: return "Shipped order (reason)";
        case sd::RemarkFlag::Blue: return "Special courier";
        case sd::RemarkFlag::Purple: return "Price changed";
    }
    return "";
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
