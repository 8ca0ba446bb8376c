// SLA settings: pick a preset, or edit each policy (duration, clock, business hours, holidays,
// due-soon threshold). Every change is dispatched at once, saved and applied to the countdowns.
#include <cstdio>
#include <sstream>

#include "app_state.h"
#include "text_field.h"
#include "commands.h"
#include "format.h"
#include "i18n.h"
#include "panels.h"
#include "theme.h"
#include "core/time.h"
#include "imgui.h"
#include "imgui_stdlib.h"

namespace {

const char* const kDayKeys[7] = {"day.sun", "day.mon", "day.tue", "day.wed", "day.thu", "day.fri", "day.sat"};

// The preset as the settings window names it.
const char* preset_name(const std::string& preset) {
    if (preset == "current") return tr("sla_settings.preset_current");
    if (preset == "seller_guides") return tr("sla_settings.preset_seller_guides");
    return tr("sla_settings.preset_custom");
}

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
            error = trf("sla_settings.bad_holiday", {{"text", item}});
            return false;
        }
        out.push_back(t / sd::kDay);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return true;
}

// A field's ID for policy `index`: "sla_3_window".
std::string field_id(size_t index, const char* what) { return "sla_" + std::to_string(index) + "_" + what; }

// Edits one policy in place; returns true when something changed.
bool edit_policy(AppState& app, sd::SlaPolicy& p, size_t index, std::string& error) {
    bool changed = false;
    changed |= ImGui::Checkbox(tr_id("sla_settings.enabled", "enabled").c_str(), &p.enabled);
    ImGui::SameLine();
    // The source is data (where the number was read, often an English help page): kept as written.
    ImGui::TextDisabled("%s", trf("sla_settings.source", {{"source", p.source}}).c_str());
    if (p.exempt) {
        ImGui::TextDisabled("%s", tr("sla_settings.exempt"));
        return changed;
    }
    double hours = double(p.duration_s) / 3600.0;
    if (number_field(app, field_id(index, "window").c_str(), hours, 0.01, 24 * 366, 2, 120, tr("sla_settings.window_hours"))) {
        p.duration_s = int64_t(hours * 3600 + 0.5);
        changed = true;
    }
    ImGui::SameLine();
    ImGui::TextUnformatted(tr("sla_settings.window_hours"));
    int clock = int(p.clock.type);
    ImGui::SetNextItemWidth(220);
    // Combo items are one string of zero-separated names (std::string adds the closing zero).
    const std::string clock_items = std::string(tr("sla_settings.clock_calendar")) + '\0' + tr("sla_settings.clock_business") + '\0';
    if (ImGui::Combo(tr_id("sla_settings.clock", "clock").c_str(), &clock, clock_items.c_str())) {
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
    if (ImGui::Checkbox(tr_id("sla_settings.due_soon_auto", "auto_soon").c_str(), &auto_soon)) {
        p.due_soon_s = auto_soon ? sd::kAutoDueSoon : p.due_soon_threshold();
        changed = true;
    }
    if (!auto_soon) {
        double soon_h = double(p.due_soon_s) / 3600.0;
        if (number_field(app, field_id(index, "soon").c_str(), soon_h, 0, 24 * 366, 2, 120, tr("sla_settings.due_soon_hours"))) {
            p.due_soon_s = int64_t(soon_h * 3600 + 0.5);
            changed = true;
        }
        ImGui::SameLine();
        ImGui::TextUnformatted(tr("sla_settings.due_soon_hours"));
    }
    if (p.clock.type != sd::ClockType::BusinessHours) return changed;

    sd::BusinessSchedule& s = p.clock.schedule;
    size_t nz = 0;
    const sd::BuiltinZone* zones = sd::builtin_time_zones(nz);
    ImGui::SetNextItemWidth(220);
    if (ImGui::BeginCombo(tr_id("sla_settings.time_zone", "zone").c_str(), s.zone.name.c_str())) {
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
        if (ImGui::Checkbox(tr_id(kDayKeys[d], "day").c_str(), &open)) {
            if (open) s.week[size_t(d)] = {{9 * 3600, 18 * 3600}};
            else s.week[size_t(d)].clear();
            changed = true;
        }
        if (open) {
            sd::OpenInterval& iv = s.week[size_t(d)][0];
            double from = iv.open / 3600, to = iv.close / 3600;
            const std::string day = "d" + std::to_string(d);
            ImGui::SameLine(80);
            if (number_field(app, field_id(index, (day + "_from").c_str()).c_str(), from, 0, to - 1, 0, 50, tr("sla_settings.from_hour")))
                iv.open = int32_t(from) * 3600, changed = true;
            ImGui::SameLine();
            ImGui::TextUnformatted(tr("sla_settings.from_hour"));
            ImGui::SameLine();
            if (number_field(app, field_id(index, (day + "_to").c_str()).c_str(), to, from + 1, 24, 0, 50, tr("sla_settings.to_hour")))
                iv.close = int32_t(to) * 3600, changed = true;
            ImGui::SameLine();
            ImGui::TextUnformatted(tr("sla_settings.to_hour"));
        }
        ImGui::PopID();
    }
    // The holidays are applied on Enter; what is typed meanwhile is kept in the field's draft.
    const std::string id = field_id(index, "holidays");
    auto& drafts = app.fields.number_drafts;
    std::string hol = drafts.count(id) ? drafts[id] : holidays_text(s);
    TextFieldOptions o;
    o.hint = tr("sla_settings.holidays_hint");
    const TextFieldEvents e = text_field(app, id.c_str(), hol, o);
    if (e.changed) drafts[id] = hol;
    if (e.enter) {
        drafts.erase(id);
        if (parse_holidays(hol, s.holidays, error)) changed = true;
    }
    ImGui::TextDisabled("%s", tr("sla_settings.holidays_help"));
    return changed;
}

// The team's own target (issue 17): on/off, working hours, the working day and its time zone.
// Every change goes through the team_target command.
void team_target_section(AppState& app) {
    const sd::TeamTarget& t = app.settings.team_target;
    nlohmann::json change = nlohmann::json::object();
    bool on = t.enabled;
    if (ImGui::Checkbox(tr_id("team_target.enabled", "team_on").c_str(), &on)) change["enabled"] = on;
    if (t.enabled) {
        ImGui::SameLine();
        double hours = double(t.duration_s) / 3600.0;
        if (number_field(app, "team_hours", hours, 0.25, 168, 2, 60, tr("team_target.hours"))) change["hours"] = hours;
        ImGui::SameLine();
        ImGui::TextUnformatted(tr("team_target.hours"));
        double from = t.open / 3600, to = t.close / 3600;
        ImGui::SameLine();
        if (number_field(app, "team_open", from, 0, to - 1, 0, 40, tr("sla_settings.from_hour")))
            change["open"] = sd::team_target_to_json(sd::TeamTarget{true, 0, int32_t(from) * 3600, t.close, {}})["open"];
        ImGui::SameLine();
        ImGui::TextUnformatted(tr("sla_settings.from_hour"));
        ImGui::SameLine();
        if (number_field(app, "team_close", to, from + 1, 24, 0, 40, tr("sla_settings.to_hour")))
            change["close"] = sd::team_target_to_json(sd::TeamTarget{true, 0, t.open, int32_t(to) * 3600, {}})["close"];
        ImGui::SameLine();
        ImGui::TextUnformatted(tr("team_target.weekdays"));
        size_t nz = 0;
        const sd::BuiltinZone* zones = sd::builtin_time_zones(nz);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(170);
        if (ImGui::BeginCombo("##team_zone", t.schedule.zone.name.c_str())) {
            for (size_t i = 0; i < nz; ++i)
                if (ImGui::Selectable(zones[i].name, t.schedule.zone.name == zones[i].name)) change["zone"] = zones[i].name;
            ImGui::EndCombo();
        }
    }
    ImGui::TextDisabled("%s", tr("team_target.help"));
    if (change.empty()) return;
    change["type"] = "team_target";
    nlohmann::json r = dispatch(app, change);
    app.settings_error = r["ok"] == true ? "" : r.value("error", "");
}

}  // namespace

void draw_settings_window(AppState& app) {
    if (!app.show_settings) return;
    ImGui::SetNextWindowSize(ImVec2(720, 560), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowPos(ImVec2(ImGui::GetIO().DisplaySize.x * 0.5f, ImGui::GetIO().DisplaySize.y * 0.5f), ImGuiCond_FirstUseEver,
                            ImVec2(0.5f, 0.5f));
    if (!ImGui::Begin(tr_id("sla_settings.title", "sla_settings").c_str(), &app.show_settings, ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    ImGui::TextWrapped("%s", tr("sla_settings.explain"));
    ImGui::TextUnformatted(trf("sla_settings.preset", {{"preset", preset_name(app.settings.sla.preset)}}).c_str());
    ImGui::SameLine();
    if (ImGui::Button(tr_id("sla_settings.preset_current", "current").c_str())) dispatch(app, {{"type", "sla_preset"}, {"preset", "current"}});
    ImGui::SameLine();
    if (ImGui::Button(tr_id("sla_settings.preset_seller_guides", "guides").c_str()))
        dispatch(app, {{"type", "sla_preset"}, {"preset", "seller_guides"}});
    // A command's refusal stays English (docs/automation.md); the holiday check above is ours.
    if (!app.settings_error.empty())
        ImGui::TextColored(sla_color(sd::SlaState::Overdue), "%s", trf("common.refused", {{"reason", app.settings_error}}).c_str());
    ImGui::Separator();
    team_target_section(app);
    ImGui::Separator();
    ImGui::BeginChild("##policies");
    sd::SlaPolicySet edit = app.settings.sla;
    bool changed = false;
    for (size_t i = 0; i < edit.policies.size(); ++i) {
        sd::SlaPolicy& p = edit.policies[i];
        ImGui::PushID(int(i));
        const std::string head = trf(p.enabled ? "sla_settings.policy_head" : "sla_settings.policy_head_off",
                                     {{"marketplace", marketplace_name(p.marketplace)}, {"policy", policy_display_name(p)}}) +
                                 "###p";
        if (ImGui::CollapsingHeader(head.c_str())) {
            ImGui::Indent(12);
            std::string error;
            changed |= edit_policy(app, p, i, error);
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
