// The simulated clock for demos and training: pause, set a time, fast-forward, back to real time.
#include "app_state.h"
#include "commands.h"
#include "format.h"
#include "panels.h"
#include "theme.h"
#include "core/time.h"
#include "imgui.h"
#include "imgui_stdlib.h"

void draw_clock_window(AppState& app) {
    if (!app.show_clock) return;
    ImGui::SetNextWindowSize(ImVec2(420, 0), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Simulated clock", &app.show_clock, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::End();
        return;
    }
    ImGui::Text("App time: %s", format_local_datetime(app.now).c_str());
    if (app.clock.simulated)
        ImGui::TextColored(sla_color(sd::SlaState::DueSoon), "Simulated, %s", app.clock.speed == 0 ? "paused" : ("x" + std::to_string(int64_t(app.clock.speed))).c_str());
    else
        ImGui::TextDisabled("Real time");
    if (ImGui::Button(app.clock.simulated && app.clock.speed == 0 ? "Resume" : "Pause"))
        cmd::clock(app, {{"speed", app.clock.simulated && app.clock.speed == 0 ? 1.0 : 0.0}});
    ImGui::SameLine();
    if (ImGui::Button("x60")) cmd::clock(app, {{"speed", 60}});
    ImGui::SameLine();
    if (ImGui::Button("x3600")) cmd::clock(app, {{"speed", 3600}});
    ImGui::SameLine();
    if (ImGui::Button("+1 hour")) cmd::clock(app, {{"now", sd::format_iso8601(app.now + sd::kHour)}});
    ImGui::SameLine();
    if (ImGui::Button("+1 day")) cmd::clock(app, {{"now", sd::format_iso8601(app.now + sd::kDay)}});
    ImGui::SetNextItemWidth(220);
    ImGui::InputTextWithHint("##at", "2026-11-25T09:00:00Z", &app.clock_text);
    ImGui::SameLine();
    if (ImGui::Button("Set time")) {
        nlohmann::json r = cmd::clock(app, {{"now", app.clock_text}});
        if (r["ok"] != true) app.settings_error = r.value("error", "");
    }
    if (ImGui::Button("Back to real time")) cmd::clock(app, {{"now", nullptr}, {"speed", 1}});
    ImGui::End();
}
