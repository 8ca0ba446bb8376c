// The "?" sheet that lists the keyboard shortcuts (shortcuts.cpp handles the keys).
#include "app_state.h"
#include "commands.h"
#include "panels.h"
#include "imgui.h"

namespace {

struct Shortcut {
    const char* keys;
    const char* what;
};
const Shortcut kShortcuts[] = {
    {"j  or  ↓", "Next conversation"},
    {"k  or  ↑", "Previous conversation"},
    {"Enter", "Open the conversation under the cursor"},
    {"x", "Select / unselect the conversation under the cursor"},
    {"Ctrl+click, Shift+click", "Add to the selection, select a range"},
    {"u", "Toggle unread (the selection, or the open conversation)"},
    {"l", "Labels (the selection, or the open conversation)"},
    {"e", "Close (the selection, or the open conversation)"},
    {"r", "Write the reply (focus the editor)"},
    {"t", "Insert a template into the reply"},
    {"Ctrl+Enter", "In the editor: mark the reply as sent"},
    {"Ctrl+/", "In the editor: insert a template"},
    {"/", "Search"},
    {"Esc", "Clear the selection, leave the search box"},
    {"?", "This sheet"},
};

}  // namespace

void draw_shortcut_sheet(AppState& app) {
    if (!app.show_shortcuts) return;
    ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    if (ImGui::Begin("Keyboard shortcuts", &app.show_shortcuts,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav)) {
        if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
            for (const Shortcut& s : kShortcuts) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextColored(ImVec4(0.12f, 0.35f, 0.75f, 1), "%s", s.keys);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.what);
            }
            ImGui::EndTable();
        }
        ImGui::TextDisabled("Every action is also on the buttons and menus. Esc closes this sheet.");
    }
    ImGui::End();
}
