// The menu bar: app menus on the left; unread badge, clock and save state on the right.
#include <cstdio>
#include <string>

#include "app_state.h"
#include "commands.h"
#include "edits.h"
#include "format.h"
#include "i18n.h"
#include "language.h"
#include "panels.h"
#include "theme.h"
#include "training.h"
#include "imgui.h"
#include "platform/platform.h"

namespace {

// View -> Language: each language under its own name, so anyone can find theirs.
void language_menu(AppState& app) {
    if (!ImGui::BeginMenu(tr("menu.view.language"))) return;
    for (const Language& l : kLanguages)
        if (ImGui::MenuItem(tr(l.name_key), nullptr, std::string(i18n_language()) == l.code))
            dispatch(app, {{"type", "language"}, {"lang", l.code}});
    ImGui::EndMenu();
}

// The clock as the menu bar shows it, with the simulated clock's state in front.
std::string clock_text(const AppState& app) {
    std::string time = format_local_datetime(app.now);
    if (!app.clock.simulated) return time;
    if (app.clock.speed == 0) return trf("menu_bar.clock_paused", {{"time", time}});
    char speed[32];
    std::snprintf(speed, sizeof speed, "%g", app.clock.speed);   // "3600", "0.5": a factor, not a count
    return trf("menu_bar.clock_simulated", {{"speed", speed}, {"time", time}});
}

// A menu's title in the dark bar. Open or hovered it sits on a darker blue, so its white text stays
// readable (on the default light highlight the open menu's title disappeared); its items keep the
// light colours.
bool menu_title(const char* title) {
    ImGui::PushStyleColor(ImGuiCol_Header, ImVec4(0.24f, 0.33f, 0.50f, 1));
    ImGui::PushStyleColor(ImGuiCol_HeaderHovered, ImVec4(0.30f, 0.40f, 0.58f, 1));
    const bool open = ImGui::BeginMenu(title);
    ImGui::PopStyleColor(2);
    return open;
}

}  // namespace

void draw_menu_bar(AppState& app) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.95f, 0.96f, 0.98f, 1));
    ImGui::PushStyleColor(ImGuiCol_PopupBg, ImVec4(1, 1, 1, 1));
    if (!ImGui::BeginMainMenuBar()) {
        ImGui::PopStyleColor(2);
        return;
    }
    ImGui::TextColored(ImVec4(1.0f, 0.78f, 0.30f, 1), "%s", tr("app.name"));
    if (training_active(app)) draw_training_badge(app);   // the training store is shown, not the demo
    else draw_demo_badge(app);
    // The titles state().menu_titles reports (language.h): drawn from the same list.
    const MenuTitles titles = menu_titles();
    app.view.menus.clear();
    // Where a title was drawn, for state().layout.menus (the item just submitted: the title).
    auto drawn = [&](const char* name) {
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        app.view.menus.push_back({name, {a.x, a.y, b.x - a.x, b.y - a.y}});
    };
    const bool inbox_open = menu_title(titles.inbox);
    drawn("inbox");
    if (inbox_open) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.13f, 0.15f, 0.20f, 1));
        if (ImGui::MenuItem(tr("menu.inbox.export"))) app.show_export = true;
        if (ImGui::MenuItem(tr("menu.inbox.import"))) platform::pick_file("import", ".json,.eml,.mbox,.mbx,.csv,.txt,application/json,message/rfc822,text/csv");
        if (ImGui::MenuItem(tr("menu.inbox.undo_import"), nullptr, false, app.import.can_undo)) dispatch(app, {{"type", "undo_import"}});
        draw_mail_menu_items(app);   // mail_windows.cpp: new conversation, outbox, clear inbox
        ImGui::Separator();
        if (ImGui::MenuItem(tr("menu.inbox.new_demo"))) app.show_reset = true;
        ImGui::PopStyleColor();
        ImGui::EndMenu();
    }
    const bool view_open = menu_title(titles.view);
    drawn("view");
    if (view_open) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.13f, 0.15f, 0.20f, 1));
        ImGui::MenuItem(tr("menu.view.sla_settings"), nullptr, &app.show_settings);
        ImGui::MenuItem(tr("menu.view.clock"), nullptr, &app.show_clock);
        ImGui::MenuItem(tr("menu.view.training"), nullptr, &app.training.show_window);
        ImGui::MenuItem(tr("menu.view.team"), nullptr, &app.show_team);
        ImGui::MenuItem(tr("menu.view.templates"), nullptr, &app.templates.show_window);
        ImGui::MenuItem(tr("menu.view.text_size"), nullptr, &app.reading.show_text_size);
        ImGui::MenuItem(tr("menu.view.performance"), tr("shortcuts.keys.performance"), &app.dashboard.show);
        ImGui::MenuItem(tr("menu.view.projection"), nullptr, &app.dashboard.show_projection);
        ImGui::Separator();
        language_menu(app);
        ImGui::PopStyleColor();
        ImGui::EndMenu();
    }
    // Team: what a team of agents keeps together: the Tmall registers (registers_window.cpp),
    // the shift handovers (handover_window.cpp) and the live sync (sync_window.cpp).
    const bool team_open = menu_title(titles.team);
    drawn("team");
    if (team_open) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.13f, 0.15f, 0.20f, 1));
        ImGui::MenuItem(tr("menu.team.registers"), nullptr, &app.registers.show_window);
        ImGui::Separator();
        draw_handover_menu_items(app);   // handover_window.cpp: End shift…, Handovers…
        ImGui::Separator();
        ImGui::MenuItem(tr("menu.team.sync"), nullptr, &app.sync.show_window);   // the live sync (team_sync.h)
        ImGui::PopStyleColor();
        ImGui::EndMenu();
    }
    const bool help_open = menu_title(titles.help);
    drawn("help");
    if (help_open) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.13f, 0.15f, 0.20f, 1));
        if (ImGui::MenuItem(tr("menu.help.shortcuts"), "?")) app.show_shortcuts = true;
        if (ImGui::MenuItem(tr("menu.help.single_key"), nullptr, app.single_key_shortcuts))
            dispatch(app, {{"type", "shortcuts"}, {"single_key", !app.single_key_shortcuts}});
        ImGui::Separator();
        if (ImGui::MenuItem(tr("menu.help.tour"), nullptr, app.tour.running && !app.tour.kiosk))
            dispatch(app, app.tour.running ? nlohmann::json{{"type", "tour_stop"}} : nlohmann::json{{"type", "tour_start"}, {"kiosk", false}});
        if (ImGui::MenuItem(tr("menu.help.tour_kiosk"), nullptr, app.tour.running && app.tour.kiosk))
            dispatch(app, app.tour.running ? nlohmann::json{{"type", "tour_stop"}} : nlohmann::json{{"type", "tour_start"}, {"kiosk", true}});
        ImGui::Separator();
        if (ImGui::MenuItem(tr("menu.help.about"))) app.show_about = true;
        ImGui::PopStyleColor();
        ImGui::EndMenu();
    }

    // Right-hand status: unread count, clock, save state.
    const std::string unread_text = " " + trn("menu_bar.unread", int64_t(app.view.counts.unread)) + " ";
    const SaveState& s = app.save;
    const char* save_text = app.tab.read_only ? tr("menu_bar.read_only")
                            : !s.error.empty()  ? tr("menu_bar.not_saved")
                                                : (s.ops_synced == s.ops_written ? tr("menu_bar.saved") : tr("menu_bar.saving"));
    const std::string clock = clock_text(app);
    const std::string sync_text = sync_status_text(app);   // sync_window.cpp: "" while the sync is off
    float w = ImGui::CalcTextSize(unread_text.c_str()).x + ImGui::CalcTextSize(save_text).x + ImGui::CalcTextSize(clock.c_str()).x + 60;
    if (!sync_text.empty()) w += ImGui::CalcTextSize(sync_text.c_str()).x + 18;
    draw_metric_strip(app, ImGui::GetWindowWidth() - w - 14);   // metric_strip.cpp: the worst metric
    ImGui::SameLine(ImGui::GetWindowWidth() - w);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImVec2 sz = ImGui::CalcTextSize(unread_text.c_str());
    dl->AddRectFilled(ImVec2(p.x - 2, p.y), ImVec2(p.x + sz.x + 2, p.y + sz.y + 1), IM_COL32(229, 57, 53, 255), 8);
    ImGui::TextUnformatted(unread_text.c_str());
    ImGui::SameLine(0, 18);
    ImGui::TextColored(app.clock.simulated ? ImVec4(1.0f, 0.78f, 0.30f, 1) : ImVec4(0.75f, 0.79f, 0.86f, 1), "%s", clock.c_str());
    if (ImGui::IsItemClicked()) app.show_clock = true;
    ImGui::SameLine(0, 18);
    ImVec4 save_color = !s.error.empty() ? ImVec4(1, 0.45f, 0.4f, 1) : ImVec4(0.55f, 0.85f, 0.6f, 1);
    ImGui::TextColored(save_color, "%s", save_text);
    if (!s.error.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.error.c_str());
    if (!sync_text.empty()) {
        ImGui::SameLine(0, 18);
        const bool bad = app.sync.state == "error" || app.sync.state == "offline";
        ImGui::TextColored(bad ? ImVec4(1, 0.72f, 0.45f, 1) : ImVec4(0.75f, 0.79f, 0.86f, 1), "%s", sync_text.c_str());
        if (ImGui::IsItemClicked()) app.sync.show_window = true;
    }
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
        ImGui::TextColored(ImVec4(0.7f, 0.1f, 0.05f, 1), "%s", trf("banner.not_saved", {{"error", s.error}}).c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("banner.not_saved_tip"));
        ImGui::SameLine();
        if (ImGui::SmallButton(tr("banner.export_copy"))) app.show_export = true;
        ImGui::SameLine();
        if (ImGui::SmallButton(tr("banner.try_again"))) persist_if_needed(app);
    } else if (app.tab.handover) {
        ImGui::TextUnformatted(tr("banner.handing_over"));
    } else {
        ImGui::TextUnformatted(tr("banner.read_only"));
        ImGui::SameLine();
        if (ImGui::SmallButton(tr("banner.take_over"))) dispatch(app, {{"type", "take_over"}});
        if (!app.tab.note.empty()) {
            ImGui::SameLine();
            ImGui::TextColored(ImVec4(0.7f, 0.1f, 0.05f, 1), "%s", trf("banner.refused", {{"reason", app.tab.note}}).c_str());
        }
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
}
