// Dialogs: what loading found, a new demo dataset, about, and the team window (who I am, who
// conversations can be assigned to; local settings).
#include "app_state.h"
#include "commands.h"
#include "panels.h"
#include "theme.h"
#include "imgui.h"
#include "imgui_stdlib.h"

namespace {
void draw_team_window(AppState& app) {
    if (!app.show_team) return;
    ImGui::SetNextWindowSize(ImVec2(360, 0), ImGuiCond_Appearing);
    if (!ImGui::Begin("Team & agent", &app.show_team, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        return;
    }
    if (ImGui::IsWindowAppearing()) app.team_agent = app.settings.agent_name;
    ImGui::TextDisabled("Your name: stamped on replies, remarks and notes; \"Assigned to me\" lists what is assigned to it.");
    ImGui::SetNextItemWidth(220);
    ImGui::InputText("##me", &app.team_agent);
    ImGui::SameLine();
    if (ImGui::Button("Save name")) {
        nlohmann::json r = dispatch(app, {{"type", "settings"}, {"agent_name", app.team_agent}});
        app.settings_error = r["ok"] == true ? "" : r.value("error", "");
    }
    ImGui::Separator();
    ImGui::TextDisabled("The team (names offered by \"Assign…\")");
    std::string remove;
    for (const std::string& a : app.settings.agents) {
        ImGui::PushID(a.c_str());
        ImGui::BulletText("%s%s", a.c_str(), a == app.settings.agent_name ? "  (me)" : "");
        if (a != app.settings.agent_name) {
            ImGui::SameLine();
            if (ImGui::SmallButton("Remove")) remove = a;
        }
        ImGui::PopID();
    }
    ImGui::SetNextItemWidth(220);
    bool enter = ImGui::InputTextWithHint("##new", "Add a name, Enter", &app.team_new, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button("Add") || enter) && !app.team_new.empty()) {
        nlohmann::json agents = app.settings.agents;
        agents.push_back(app.team_new);
        nlohmann::json r = dispatch(app, {{"type", "settings"}, {"agents", agents}});
        app.settings_error = r["ok"] == true ? "" : r.value("error", "");
        if (r["ok"] == true) app.team_new.clear();
    }
    if (!remove.empty()) {
        nlohmann::json agents = nlohmann::json::array();
        for (const std::string& a : app.settings.agents)
            if (a != remove) agents.push_back(a);
        dispatch(app, {{"type", "settings"}, {"agents", agents}});
    }
    if (!app.settings_error.empty()) ImGui::TextColored(sla_color(sd::SlaState::Overdue), "%s", app.settings_error.c_str());
    ImGui::Separator();
    // Where the inbox is kept (docs/storage.md): usage against the browser's quota for this site.
    const StorageEstimate& st = app.storage;
    if (st.usage >= 0 && st.quota > 0)
        ImGui::Text("Storage: %.1f MB used of %.0f MB (%.1f%%)", st.usage / 1048576.0, st.quota / 1048576.0, 100.0 * st.usage / st.quota);
    else
        ImGui::TextDisabled("Storage: this browser does not report usage");
    ImGui::TextDisabled("%s", st.persisted == 1   ? "Persistent storage granted: the browser will not evict the inbox."
                              : st.persisted == 0 ? "Persistent storage not granted: under storage pressure the browser may evict it; export regularly."
                                                  : "Persistent storage: unknown.");
    ImGui::End();
}
}  // namespace

void draw_dialogs(AppState& app) {
    draw_team_window(app);
    // What loading found (a repaired journal, unreadable settings): said once, plainly.
    if (!app.load_report.empty() && !ImGui::IsPopupOpen("Your inbox was recovered")) ImGui::OpenPopup("Your inbox was recovered");
    if (ImGui::BeginPopupModal("Your inbox was recovered", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
        ImGui::TextUnformatted(app.load_report.c_str());
        ImGui::PopTextWrapPos();
        if (ImGui::Button("OK")) {
            app.load_report.clear();
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    if (app.show_reset) {
        ImGui::OpenPopup("New demo dataset");
        app.show_reset = false;
    }
    if (ImGui::BeginPopupModal("New demo dataset", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextWrapped("Replaces the inbox in this browser with a freshly generated dataset.\nEvery change made so far is discarded.");
        ImGui::SetNextItemWidth(160);
        ImGui::InputInt("Conversations", &app.reset_size, 100, 1000);
        ImGui::SetNextItemWidth(160);
        ImGui::InputInt("Seed", &app.reset_seed);
        if (app.reset_size < 10) app.reset_size = 10;
        if (app.reset_size > 100000) app.reset_size = 100000;
        if (ImGui::Button("Generate")) {
            dispatch(app, {{"type", "reset_demo"}, {"seed", app.reset_seed < 0 ? 0 : app.reset_seed}, {"conversations", app.reset_size}});
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (app.show_about) {
        ImGui::OpenPopup("About SellerDesk");
        app.show_about = false;
    }
    if (ImGui::BeginPopupModal("About SellerDesk", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::Text("SellerDesk %s", SD_VERSION);
        ImGui::TextWrapped("An offline-first customer-service inbox for Walmart, Amazon, eBay, Wish and Tmall sellers.\n"
                           "Your data stays in this browser (IndexedDB).");
        if (ImGui::Button("Close")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}
