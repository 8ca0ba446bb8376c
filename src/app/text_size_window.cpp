// View > Text size: makes the interface's text smaller or larger (13 to 20 CSS px, 15 by
// default). The size is a preference of this browser, kept across reloads, not inbox data; the
// fonts are rebuilt at the new size and the panels, measured from the font, follow.
#include "app_state.h"
#include "i18n.h"
#include "commands.h"
#include "panels.h"
#include "reading.h"
#include "widgets.h"
#include "imgui.h"

void draw_text_size_window(AppState& app) {
    bool& open = app.reading.show_text_size;
    if (!open) return;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.3f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;
    if (!ImGui::Begin(tr_id("text_size.title", "text_size").c_str(), &open, flags)) {
        ImGui::End();
        return;
    }
    auto set = [&](int px) { dispatch(app, {{"type", "font_size"}, {"px", px}}); };
    const float button = ImGui::GetFrameHeight() * 1.6f;
    ImGui::BeginDisabled(app.font_size <= kMinFontPx);
    if (ImGui::Button(tr("text_size.smaller_button"), ImVec2(button, 0))) set(app.font_size - 1);
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) tooltip(tr("text_size.smaller"));
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(trf("text_size.px", {{"n", app.font_size}}).c_str());
    ImGui::SameLine();
    ImGui::BeginDisabled(app.font_size >= kMaxFontPx);
    if (ImGui::Button(tr("text_size.larger_button"), ImVec2(button, 0))) set(app.font_size + 1);
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) tooltip(tr("text_size.larger"));
    ImGui::SameLine();
    ImGui::BeginDisabled(app.font_size == kDefaultFontPx);
    if (ImGui::Button(tr("text_size.reset"))) set(kDefaultFontPx);
    ImGui::EndDisabled();
    ImGui::TextDisabled("%s", tr("text_size.help"));
    ImGui::End();
}
