// The undo notice: after a destructive command ("Closed “Where is my parcel?”"), a note at the
// bottom of the list for a few seconds with an Undo button (or z). It takes no keys and covers
// no text field.
#include "app_state.h"
#include "i18n.h"
#include "commands.h"
#include "panels.h"
#include "undo.h"
#include "imgui.h"

void draw_undo_notice(AppState& app) {
    if (!undo_available(app)) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float x = app.view.list_x > 0 ? app.view.list_x + 8 : vp->WorkPos.x + 220;
    ImGui::SetNextWindowPos(ImVec2(x, vp->WorkPos.y + vp->WorkSize.y - 12), ImGuiCond_Always, ImVec2(0, 1));
    ImGui::SetNextWindowBgAlpha(1.0f);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.14f, 0.17f, 0.24f, 1));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.95f, 0.96f, 0.98f, 1));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove;
    if (ImGui::Begin("##undo_notice", nullptr, flags)) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(app.undo.text.c_str());
        ImGui::SameLine(0, 16);
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.26f, 0.32f, 0.45f, 1));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.32f, 0.40f, 0.56f, 1));
        if (ImGui::Button(tr("undo.button"))) dispatch(app, {{"type", "undo"}});
        ImGui::PopStyleColor(2);
    }
    ImGui::End();
    ImGui::PopStyleColor(2);
}
