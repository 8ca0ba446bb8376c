// The simulated clock for demos and training: pause, set a time, fast-forward, back to real time.
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

void draw_clock_window(AppState& app) {
    if (!app.show_clock) return;
    ImGui::SetNextWindowSize(ImVec2(420, 0), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin(tr_id("clock.title", "clock").c_str(), &app.show_clock, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::End();
        return;
    }
    ImGui::TextUnformatted(trf("clock.app_time", {{"time", format_local_datetime(app.now)}}).c_str());
    const bool paused = app.clock.simulated && app.clock.speed == 0;
    if (app.clock.simulated)
        ImGui::TextColored(sla_color(sd::SlaState::DueSoon), "%s",
                           paused ? tr("clock.simulated_paused")
                                  : trf("clock.simulated_speed", {{"speed", std::to_string(int64_t(app.clock.speed))}}).c_str());
    else
        ImGui::TextDisabled("%s", tr("clock.real_time"));
    if (ImGui::Button(paused ? tr_id("clock.resume", "pause").c_str() : tr_id("clock.pause", "pause").c_str()))
        cmd::clock(app, {{"speed", paused ? 1.0 : 0.0}});
    ImGui::SameLine();
    if (ImGui::Button(tr_id("clock.speed_minute", "x60").c_str())) cmd::clock(app, {{"speed", 60}});
    ImGui::SameLine();
    if (ImGui::Button(tr_id("clock.speed_hour", "x3600").c_str())) cmd::clock(app, {{"speed", 3600}});
    ImGui::SameLine();
    if (ImGui::Button(tr_id("clock.plus_hour", "hour").c_str())) cmd::clock(app, {{"now", sd::format_iso8601(app.now + sd::kHour)}});
    ImGui::SameLine();
    if (ImGui::Button(tr_id("clock.plus_day", "day").c_str())) cmd::clock(app, {{"now", sd::format_iso8601(app.now + sd::kDay)}});
    TextFieldOptions at;
    at.width = 220;
    at.hint = tr("clock.time_hint");
    const bool enter = text_field(app, "clock_time", app.clock_text, at).enter;
    ImGui::SameLine();
    if (ImGui::Button(tr_id("clock.set_time", "set").c_str()) || enter) {
        nlohmann::json r = cmd::clock(app, {{"now", app.clock_text}});
        if (r["ok"] != true) app.settings_error = r.value("error", "");
    }
    if (ImGui::Button(tr_id("clock.real_time_button", "real").c_str())) cmd::clock(app, {{"now", nullptr}, {"speed", 1}});
    ImGui::End();
}
