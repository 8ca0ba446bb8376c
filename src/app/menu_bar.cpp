// The menu bar: app menus on the left; unread badge, clock and save state on the right.
#include <cstdio>

#include "app_state.h"
#include "commands.h"
#include "edits.h"
#include "panels.h"
#include "theme.h"
#include "core/time.h"
#include "imgui.h"
#include "platform/platform.h"

void draw_menu_bar(AppState& app) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.95f, 0.96f, 0.98f, 1));
    ImGui::PushStyleColor(ImGuiCol_PopupBg, ImVec4(1, 1, 1, 1));
    if (!ImGui::BeginMainMenuBar()) {
        ImGui::PopStyleColor(2);
        return;
    }
    ImGui::TextColored(ImVec4(1.0f, 0.78f, 0.30f, 1), "SellerDesk");
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.13f, 0.15f, 0.20f, 1));
    bool inbox_open = false, help_open = false;
    ImGui::PopStyleColor();
    inbox_open = ImGui::BeginMenu("Inbox");
    if (inbox_open) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.13f, 0.15f, 0.20f, 1));
        if (ImGui::MenuItem("Export…")) app.show_export = true;
        if (ImGui::MenuItem("Import…")) platform::pick_file("import", ".json,application/json");
        if (ImGui::MenuItem("Undo last import", nullptr, false, app.import.can_undo)) dispatch(app, {{"type", "undo_import"}});
        ImGui::Separator();
        if (ImGui::MenuItem("New demo dataset…")) app.show_reset = true;
        ImGui::PopStyleColor();
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.13f, 0.15f, 0.20f, 1));
        ImGui::MenuItem("SLA settings…", nullptr, &app.show_settings);
        ImGui::MenuItem("Simulated clock…", nullptr, &app.show_clock);
        ImGui::MenuItem("Team & agent…", nullptr, &app.show_team);
        ImGui::MenuItem("Template library…", nullptr, &app.templates.show_window);
        ImGui::MenuItem("Text size…", nullptr, &app.reading.show_text_size);
        ImGui::PopStyleColor();
        ImGui::EndMenu();
    }
    help_open = ImGui::BeginMenu("Help");
    if (help_open) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.13f, 0.15f, 0.20f, 1));
        if (ImGui::MenuItem("Keyboard shortcuts", "?")) app.show_shortcuts = true;
        if (ImGui::MenuItem("About SellerDesk")) app.show_about = true;
        ImGui::PopStyleColor();
        ImGui::EndMenu();
    }

    // Right-hand status: unread count, clock, save state.
    int unread = int(app.view.counts.unread);
    char unread_text[32];
    std::snprintf(unread_text, sizeof unread_text, " %d unread ", unread);
    const SaveState& s = app.save;
    const char* save_text = app.tab.read_only ? "Read-only: another tab edits"
                            : !s.error.empty()  ? "Not saved"
                                                : (s.ops_synced == s.ops_written ? "All changes saved" : "Saving…");
    sd::CivilTime ct = sd::to_civil(app.now);
    char clock[80];
    char sim[32] = "";
    if (app.clock.simulated) {
        if (app.clock.speed == 0) std::snprintf(sim, sizeof sim, "SIMULATED (paused) ");
        else std::snprintf(sim, sizeof sim, "SIMULATED x%g ", app.clock.speed);
    }
    std::snprintf(clock, sizeof clock, "%s%04d-%02d-%02d %02d:%02d UTC", sim, ct.year, ct.month, ct.day, ct.hour, ct.minute);
    float w = ImGui::CalcTextSize(unread_text).x + ImGui::CalcTextSize(save_text).x + ImGui::CalcTextSize(clock).x + 60;
    ImGui::SameLine(ImGui::GetWindowWidth() - w);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImVec2 sz = ImGui::CalcTextSize(unread_text);
    dl->AddRectFilled(ImVec2(p.x - 2, p.y), ImVec2(p.x + sz.x + 2, p.y + sz.y + 1), IM_COL32(229, 57, 53, 255), 8);
    ImGui::TextUnformatted(unread_text);
    ImGui::SameLine(0, 18);
    ImGui::TextColored(app.clock.simulated ? ImVec4(1.0f, 0.78f, 0.30f, 1) : ImVec4(0.75f, 0.79f, 0.86f, 1), "%s", clock);
    if (ImGui::IsItemClicked()) app.show_clock = true;
    ImGui::SameLine(0, 18);
    ImVec4 save_color = !s.error.empty() ? ImVec4(1, 0.45f, 0.4f, 1) : ImVec4(0.55f, 0.85f, 0.6f, 1);
    ImGui::TextColored(save_color, "%s", save_text);
    if (!s.error.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.error.c_str());
    ImGui::EndMainMenuBar();
    ImGui::PopStyleColor(2);
}

// A strip above the three panes when something needs the user: changes that could not be saved
// (with the reason and a way to keep a copy), or a tab that is read-only because another tab
// edits. It pushes the panes down rather than covering them.
void draw_status_banner(AppState& app) {
    const SaveState& s = app.save;
    const bool save_failed = !s.error.empty() && !app.tab.read_only;
    if (!save_failed && !app.tab.read_only) return;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, save_failed ? ImVec4(0.99f, 0.90f, 0.88f, 1) : ImVec4(0.88f, 0.93f, 0.99f, 1));
    ImGui::BeginChild("##banner", ImVec2(0, ImGui::GetFrameHeightWithSpacing() + 8), false, ImGuiWindowFlags_NoScrollbar);
    ImGui::SetCursorPos(ImVec2(10, 4));
    ImGui::AlignTextToFramePadding();
    if (save_failed) {
        ImGui::TextColored(ImVec4(0.7f, 0.1f, 0.05f, 1), "Not saved: %s", s.error.c_str());
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Your changes are kept in this tab and saved as soon as the browser accepts them\n"
                              "(retried every few seconds). Export a copy before closing the tab.");
        ImGui::SameLine();
        if (ImGui::SmallButton("Export a copy…")) app.show_export = true;
        ImGui::SameLine();
        if (ImGui::SmallButton("Try again now")) persist_if_needed(app);
    } else if (app.tab.handover) {
        ImGui::TextUnformatted("Handing this inbox over to the other tab…");
    } else {
        ImGui::TextUnformatted("This inbox is open for editing in another tab; this tab shows its changes as they are saved.");
        ImGui::SameLine();
        if (ImGui::SmallButton("Take over here")) dispatch(app, {{"type", "take_over"}});
        if (!app.tab.note.empty()) {
            ImGui::SameLine();
            ImGui::TextColored(ImVec4(0.7f, 0.1f, 0.05f, 1), "Refused: %s", app.tab.note.c_str());
        }
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
}
