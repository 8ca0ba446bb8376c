// The find bar at the top of the thread (Ctrl+F): a text field ("find"), "2 of 7", previous /
// next and close. Typing finds as you type (case, accents and width do not matter, as in the
// search box); Enter and ↓ go to the next match, Shift+Enter and ↑ to the previous one, Esc
// closes it. Each change is the find command, like the automation bridge sends it.
#include <cstdio>

#include "app_state.h"
#include "i18n.h"
#include "commands.h"
#include "panels.h"
#include "reading.h"
#include "text_field.h"
#include "widgets.h"
#include "imgui.h"

namespace {

void find_command(AppState& app, nlohmann::json fields) {
    fields["type"] = "find";
    dispatch(app, fields);   // a refusal (no match to move to) changes nothing and needs no message
}

}  // namespace

void draw_find_bar(AppState& app) {
    FindState& f = app.reading.find;
    find_refresh(app);
    std::string count;
    if (!f.matches.empty()) count = trf("find.count", {{"n", f.current + 1}, {"total", f.matches.size()}});
    else if (!f.text.empty()) count = tr("find.none");
    const ImGuiStyle& st = ImGui::GetStyle();
    const float button = ImGui::GetFrameHeight();
    const float tail = ImGui::CalcTextSize(tr("find.none")).x + 3 * (button + st.ItemSpacing.x) + st.ItemSpacing.x + 10;
    ImGui::Dummy(ImVec2(0, 2));
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + 10);
    TextFieldOptions o;
    o.hint = tr("find.hint");
    o.label = tr("find.hint");
    o.width = -tail;
    std::string text = f.text;
    const TextFieldEvents e = text_field(app, "find", text, o);
    if (e.changed) find_command(app, {{"text", text}});
    if (e.shift_enter || e.up) find_command(app, {{"move", -1}});
    else if (e.enter || e.down) find_command(app, {{"move", 1}});
    if (e.escape) {
        find_command(app, {{"open", false}});
        return;
    }
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", count.c_str());
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 3 * (button + st.ItemSpacing.x) - 2);
    const bool none = f.matches.empty();
    if (none) ImGui::BeginDisabled();
    if (ImGui::Button(tr_id("find.prev_button", "find_prev").c_str(), ImVec2(button, 0))) find_command(app, {{"move", -1}});
    if (ImGui::IsItemHovered()) tooltip(tr("find.previous"));
    ImGui::SameLine();
    if (ImGui::Button(tr_id("find.next_button", "find_next").c_str(), ImVec2(button, 0))) find_command(app, {{"move", 1}});
    if (ImGui::IsItemHovered()) tooltip(tr("find.next"));
    if (none) ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(tr_id("find.close_button", "find_close").c_str(), ImVec2(button, 0))) find_command(app, {{"open", false}});
    if (ImGui::IsItemHovered()) tooltip(tr("find.close"));
}
