// Dialogs: what loading found, a new demo dataset, about, and the team window (who I am, who
// conversations can be assigned to; local settings).
// Window and popup titles come from tr_id (i18n.h), so they stay the same windows in either language.
#include <string>

#include "app_state.h"
#include "text_field.h"
#include "commands.h"
#include "i18n.h"
#include "panels.h"
#include "theme.h"
#include "imgui.h"
#include "imgui_stdlib.h"

namespace {

void draw_storage(const AppState& app) {
    // Where the inbox is kept (docs/storage.md): usage against the browser's quota for this site.
    const StorageEstimate& st = app.storage;
    if (st.usage >= 0 && st.quota > 0)
        ImGui::TextUnformatted(trf("team.storage_used", {{"used", format_decimal(st.usage / 1048576.0, 1)},
                                                         {"quota", format_decimal(st.quota / 1048576.0, 0)},
                                                         {"percent", format_decimal(100.0 * st.usage / st.quota, 1)}})
                                   .c_str());
    else
        ImGui::TextDisabled("%s", tr("team.storage_unknown"));
    ImGui::TextDisabled("%s", st.persisted == 1   ? tr("team.persisted")
                              : st.persisted == 0 ? tr("team.not_persisted")
                                                  : tr("team.persisted_unknown"));
}

void draw_team_window(AppState& app) {
    if (!app.show_team) return;
    ImGui::SetNextWindowSize(ImVec2(360, 0), ImGuiCond_Appearing);
    if (!ImGui::Begin(tr_id("team.title", "team").c_str(), &app.show_team, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        return;
    }
    if (ImGui::IsWindowAppearing()) app.team_agent = app.settings.agent_name;
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", tr("team.your_name"));
    ImGui::PopTextWrapPos();
    TextFieldOptions me;
    me.width = 220;
    me.label = tr("team.your_name");
    const bool save = text_field(app, "team_agent", app.team_agent, me).enter;
    ImGui::SameLine();
    if (ImGui::Button(tr_id("team.save_name", "save_name").c_str()) || save) {
        nlohmann::json r = dispatch(app, {{"type", "settings"}, {"agent_name", app.team_agent}});
        app.settings_error = r["ok"] == true ? "" : r.value("error", "");
    }
    ImGui::Separator();
    ImGui::TextDisabled("%s", tr("team.members"));
    std::string remove;
    for (const std::string& a : app.settings.agents) {
        ImGui::PushID(a.c_str());
        if (a == app.settings.agent_name) ImGui::BulletText("%s", trf("team.me", {{"name", a}}).c_str());
        else ImGui::BulletText("%s", a.c_str());
        if (a != app.settings.agent_name) {
            ImGui::SameLine();
            if (ImGui::SmallButton(tr_id("team.remove", "remove").c_str())) remove = a;
        }
        ImGui::PopID();
    }
    TextFieldOptions add;
    add.width = 220;
    add.hint = tr("team.add_hint");
    const bool enter = text_field(app, "team_new", app.team_new, add).enter;
    ImGui::SameLine();
    if ((ImGui::Button(tr_id("team.add", "add").c_str()) || enter) && !app.team_new.empty()) {
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
    // A command's refusal stays English (docs/automation.md), under a heading in the UI language.
    if (!app.settings_error.empty())
        ImGui::TextColored(sla_color(sd::SlaState::Overdue), "%s", trf("common.refused", {{"reason", app.settings_error}}).c_str());
    ImGui::Separator();
    ImGui::PushTextWrapPos(0);   // the window keeps its width; long lines wrap inside it
    draw_storage(app);
    ImGui::PopTextWrapPos();
    ImGui::End();
}

}  // namespace

void draw_dialogs(AppState& app) {
    draw_team_window(app);
    // What loading found (a repaired journal, unreadable settings): said once, plainly. The
    // report itself comes from the storage layer in English (it is also state().notice).
    if (!app.load_report.empty() && !ImGui::IsPopupOpen("###recovered")) ImGui::OpenPopup("###recovered");
    if (ImGui::BeginPopupModal(tr_id("recovered.title", "recovered").c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
        ImGui::TextUnformatted(app.load_report.c_str());
        ImGui::PopTextWrapPos();
        if (ImGui::Button(tr_id("common.ok", "ok").c_str())) {
            app.load_report.clear();
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    if (app.show_reset) {
        ImGui::OpenPopup("###new_demo");
        app.show_reset = false;
    }
    if (ImGui::BeginPopupModal(tr_id("demo.title", "new_demo").c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
        ImGui::TextUnformatted(tr("demo.explain"));
        ImGui::PopTextWrapPos();
        double size = app.reset_size;
        if (number_field(app, "demo_size", size, 10, 100000, 0, 160, tr("demo.conversations"))) app.reset_size = int(size);
        ImGui::SameLine();
        ImGui::TextUnformatted(tr("demo.conversations"));
        double seed = app.reset_seed;
        if (number_field(app, "demo_seed", seed, 0, 2147483647.0, 0, 160, tr("demo.seed"))) app.reset_seed = int(seed);
        ImGui::SameLine();
        ImGui::TextUnformatted(tr("demo.seed"));
        if (app.reset_size < 10) app.reset_size = 10;
        if (app.reset_size > 100000) app.reset_size = 100000;
        if (ImGui::Button(tr_id("demo.generate", "generate").c_str())) {
            dispatch(app, {{"type", "reset_demo"}, {"seed", app.reset_seed < 0 ? 0 : app.reset_seed}, {"conversations", app.reset_size}});
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button(tr_id("common.cancel", "cancel").c_str())) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (app.show_about) {
        ImGui::OpenPopup("###about");
        app.show_about = false;
    }
    if (ImGui::BeginPopupModal(tr_id("about.title", "about").c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted(trf("about.version", {{"version", SD_VERSION}}).c_str());
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
        ImGui::TextUnformatted(tr("about.text"));
        ImGui::PopTextWrapPos();
        if (ImGui::Button(tr_id("common.close", "close").c_str())) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}
