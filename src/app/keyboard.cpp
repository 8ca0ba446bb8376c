// The "?" sheet that lists the keyboard shortcuts (shortcuts.cpp handles the keys).
#include "app_state.h"
#include "commands.h"
#include "i18n.h"
#include "panels.h"
#include "imgui.h"

namespace {

// The sheet's rows: the keys as written in the UI language ("j  or  ↓") and what they do.
struct Shortcut {
    const char* keys_key;
    const char* what_key;
};
const Shortcut kShortcuts[] = {
    {"shortcuts.keys.next", "shortcuts.next"},
    {"shortcuts.keys.previous", "shortcuts.previous"},
    {"shortcuts.keys.open", "shortcuts.open"},
    {"shortcuts.keys.select", "shortcuts.select"},
    {"shortcuts.keys.click", "shortcuts.click"},
    {"shortcuts.keys.unread", "shortcuts.unread"},
    {"shortcuts.keys.labels", "shortcuts.labels"},
    {"shortcuts.keys.close", "shortcuts.close"},
    {"shortcuts.keys.undo", "shortcuts.undo"},
    {"shortcuts.keys.reply", "shortcuts.reply"},
    {"shortcuts.keys.template", "shortcuts.template"},
    {"shortcuts.keys.send", "shortcuts.send"},
    {"shortcuts.keys.editor_template", "shortcuts.editor_template"},
    {"shortcuts.keys.search", "shortcuts.search"},
    {"shortcuts.keys.escape", "shortcuts.escape"},
    {"shortcuts.keys.tab", "shortcuts.tab"},
    {"shortcuts.keys.performance", "shortcuts.performance"},
    {"shortcuts.keys.sheet", "shortcuts.sheet"},
};

}  // namespace

void draw_shortcut_sheet(AppState& app) {
    if (!app.show_shortcuts) return;
    ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    if (ImGui::Begin(tr_id("shortcuts.title", "shortcuts").c_str(), &app.show_shortcuts,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav)) {
        if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
            for (const Shortcut& s : kShortcuts) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextColored(ImVec4(0.12f, 0.35f, 0.75f, 1), "%s", tr(s.keys_key));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(tr(s.what_key));
            }
            ImGui::EndTable();
        }
        ImGui::TextDisabled("%s", tr("shortcuts.footer"));
    }
    ImGui::End();
}
