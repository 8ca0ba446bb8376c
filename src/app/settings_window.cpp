// SLA settings: pick a preset, or edit each policy (duration, clock, business hours, holidays,
// due-soon threshold). Every change is dispatched at once, saved and applied to the countdowns.
#include <cstdio>
#include <sstream>

#include "app_state.h"
#include "commands.h"
#include "panels.h"
#include "theme.h"
#include "core/time.h"
#include "imgui.h"
#include "imgui_stdlib.h"

namespace {

const char* kDays[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

std::string holidays_text(const sd::BusinessSchedule& s) {
    std::string out;
    for (int64_t d : s.holidays) {
        int y, m, dd;
        sd::civil_from_days(d, y, m, dd);
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, dd);
        if (!out.empty()) out += ", ";
        out += buf;
    }
    return out;
}

bool parse_holidays(const std::string& text, std::vector<int64_t>& out, std::string& error) {
    out.clear();
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        size_t a = item.find_first_not_of(" \t"), b = item.find_last_not_of(" \t");
        if (a == std::string::npos) continue;
        item = item.substr(a, b - a + 1);
        sd::Time t;
        if (item.size() != 10 || !sd::parse_iso8601(item, t)) {
            error = "\"" + item + "\" is not a date like 2026-12-25";
            return false;
        }
        out.push_back(t / sd::kDay);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return true;
}

// Edits one policy in place; returns true when something changed.
bool edit_policy(sd::SlaPolicy& p, std::string& error) {
    bool changed = false;
    changed |= ImGui::Checkbox("Enabled", &p.enabled);
    ImGui::SameLine();
    ImGui::TextDisabled("Source: %s", p.source.c_str());
    if (p.exempt) {
        ImGui::TextDisabled("Exempt: matching conversations have no clock.");
        return changed;
    }
    double hours = double(p.duration_s) / 3600.0;
    ImGui::SetNextItemWidth(120);
    if (ImGui::InputDouble("Window (hours)", &hours, 1, 24, "%.2f") && hours > 0 && hours < 24 * 366) {
        p.duration_s = int64_t(hours * 3600 + 0.5);
        changed = true;
    }
    int clock = int(p.clock.type);
    ImGui::SetNextItemWidth(220);
    if (ImGui::Combo("Clock", &clock, "Calendar (24x7, weekends count)\0Business hours\0")) {
        p.clock.type = sd::ClockType(clock);
        if (p.clock.type == sd::ClockType::BusinessHours && !p.clock.schedule.has_open_time()) {
            sd::TimeZone tz;
            std::string e;
            sd::make_time_zone("America/New_York", tz, e);
            p.clock.schedule = sd::weekday_schedule(tz, 9 * 3600, 18 * 3600);
        }
        changed = true;
    }
    bool auto_soon = p.due_soon_s == sd::kAutoDueSoon;
    if (ImGui::Checkbox("Due soon: automatic (25 % of the window, at most 6 h)", &auto_soon)) {
        p.due_soon_s = auto_soon ? sd::kAutoDueSoon : p.due_soon_threshold();
        changed = true;
    }
    if (!auto_soon) {
        double soon_h = double(p.due_soon_s) / 3600.0;
        ImGui::SetNextItemWidth(120);
        if (ImGui::InputDouble("Due soon when hours left ≤", &soon_h, 0.5, 1, "%.2f") && soon_h >= 0) {
            p.due_soon_s = int64_t(soon_h * 3600 + 0.5);
            changed = true;
        }
    }
    if (p.clock.type != sd::ClockType::BusinessHours) return changed;

    sd::BusinessSchedule& s = p.clock.schedule;
    size_t nz = 0;
    const sd::BuiltinZone* zones = sd::builtin_time_zones(nz);
    ImGui::SetNextItemWidth(220);
    if (ImGui::BeginCombo("Time zone", s.zone.name.c_str())) {
        for (size_t i = 0; i < nz; ++i)
            if (ImGui::Selectable(zones[i].name, s.zone.name == zones[i].name)) {
                std::string e;
                if (sd::make_time_zone(zones[i].name, s.zone, e)) changed = true;
            }
        ImGui::EndCombo();
    }
    // One opening interval per day; a day without one is closed.
    for (int d = 0; d < 7; ++d) {
        ImGui::PushID(d);
        bool open = !s.week[size_t(d)].empty();
        if (ImGui::Checkbox(kDays[d], &open)) {
            if (open) s.week[size_t(d)] = {{9 * 3600, 18 * 3600}};
            else s.week[size_t(d)].clear();
            changed = true;
        }
        if (open) {
            sd::OpenInterval& iv = s.week[size_t(d)][0];
            int from = iv.open / 3600, to = iv.close / 3600;
            ImGui::SameLine(80);
            ImGui::SetNextItemWidth(90);
            if (ImGui::InputInt("from", &from) && from >= 0 && from < to) iv.open = from * 3600, changed = true;
            ImGui::SameLine();
            ImGui::SetNextItemWidth(90);
            if (ImGui::InputInt("to (hour)", &to) && to > from && to <= 24) iv.close = to * 3600, changed = true;
        }
        ImGui::PopID();
    }
    std::string hol = holidays_text(s);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputTextWithHint("##holidays", "Holidays: 2026-12-25, 2027-01-01", &hol, ImGuiInputTextFlags_EnterReturnsTrue)) {
        if (parse_holidays(hol, s.holidays, error)) changed = true;
    }
    ImGui::TextDisabled("Holidays (press Enter to apply): local dates on which the clock does not run.");
    return changed;
}

}  // namespace

void draw_settings_window(AppState& app) {
    if (!app.show_settings) return;
    ImGui::SetNextWindowSize(ImVec2(720, 560), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowPos(ImVec2(ImGui::GetIO().DisplaySize.x * 0.5f, ImGui::GetIO().DisplaySize.y * 0.5f), ImGuiCond_FirstUseEver,
                            ImVec2(0.5f, 0.5f));
    if (!ImGui::Begin("SLA settings", &app.show_settings, ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    ImGui::TextWrapped("Each marketplace's response deadlines. The defaults are the marketplaces' current published rules; "
                       "\"As described in the seller guides\" restores the older values from the guides. Hover a policy's "
                       "source to see where its number comes from.");
    ImGui::Text("Preset: %s", app.settings.sla.preset.c_str());
    ImGui::SameLine();
    if (ImGui::Button("Current published rules")) dispatch(app, {{"type", "sla_preset"}, {"preset", "current"}});
    ImGui::SameLine();
    if (ImGui::Button("As described in the seller guides")) dispatch(app, {{"type", "sla_preset"}, {"preset", "seller_guides"}});
    if (!app.settings_error.empty()) ImGui::TextColored(sla_color(sd::SlaState::Overdue), "%s", app.settings_error.c_str());
    ImGui::Separator();
    ImGui::BeginChild("##policies");
    sd::SlaPolicySet edit = app.settings.sla;
    bool changed = false;
    for (size_t i = 0; i < edit.policies.size(); ++i) {
        sd::SlaPolicy& p = edit.policies[i];
        ImGui::PushID(int(i));
        char head[256];
        std::snprintf(head, sizeof head, "%s  ·  %s%s###p", sd::display_name(p.marketplace), p.name.c_str(), p.enabled ? "" : "  (off)");
        if (ImGui::CollapsingHeader(head)) {
            ImGui::Indent(12);
            std::string error;
            changed |= edit_policy(p, error);
            if (!error.empty()) app.settings_error = error;
            ImGui::Unindent(12);
        }
        ImGui::PopID();
    }
    ImGui::EndChild();
    if (changed) {
        edit.preset = "custom";
        nlohmann::json r = dispatch(app, {{"type", "sla_policies"}, {"policies", sd::sla_policies_to_json(edit)}});
        app.settings_error = r["ok"] == true ? "" : r.value("error", "");
    }
    ImGui::End();
}
