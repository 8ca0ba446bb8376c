// The guided tour on screen (tour.h): the rest of the screen dimmed around the current step's
// part, a ring around it, and a caption window beside it with Back / Next / Stop (or the kiosk
// loop's progress). Drawn last, over every window; the caption window is brought to the front.
#include <algorithm>
#include <array>

#include "app_state.h"
#include "commands.h"
#include "i18n.h"
#include "panels.h"
#include "tour.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace {

// The screen outside `r` dimmed, in four bands, and a ring around `r`.
void dim_around(ImDrawList* dl, const ImRect& screen, const ImRect& r) {
    const ImU32 dim = IM_COL32(10, 14, 24, 150);
    dl->AddRectFilled(screen.Min, ImVec2(screen.Max.x, r.Min.y), dim);
    dl->AddRectFilled(ImVec2(screen.Min.x, r.Max.y), screen.Max, dim);
    dl->AddRectFilled(ImVec2(screen.Min.x, r.Min.y), ImVec2(r.Min.x, r.Max.y), dim);
    dl->AddRectFilled(ImVec2(r.Max.x, r.Min.y), ImVec2(screen.Max.x, r.Max.y), dim);
    dl->AddRect(ImVec2(r.Min.x - 2, r.Min.y - 2), ImVec2(r.Max.x + 2, r.Max.y + 2), IM_COL32(255, 176, 32, 255), 4, 0, 3);
}

// The dimming layer: a window over the whole screen that takes no input.
void draw_dim_layer(const ImRect& screen, const ImRect& target) {
    ImGui::SetNextWindowPos(screen.Min);
    ImGui::SetNextWindowSize(screen.GetSize());
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoBackground |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav;
    ImGui::Begin("##tour_dim", nullptr, flags);
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
    dim_around(ImGui::GetWindowDrawList(), screen, target);
    ImGui::End();
}

// Where the caption goes: below the part if there is room, else above it, else inside its top.
ImVec2 caption_pos(const ImRect& screen, const ImRect& r, const ImVec2& size) {
    float x = std::clamp(r.Min.x, screen.Min.x + 8, screen.Max.x - size.x - 8);
    if (r.Max.y + 12 + size.y < screen.Max.y) return ImVec2(x, r.Max.y + 12);
    if (r.Min.y - 12 - size.y > screen.Min.y) return ImVec2(x, r.Min.y - 12 - size.y);
    return ImVec2(x, r.Min.y + 12);
}

void draw_caption_buttons(AppState& app) {
    const TourState& t = app.tour;
    if (!t.kiosk) {
        ImGui::BeginDisabled(t.step == 0);
        if (ImGui::Button(tr_id("tour.back", "back").c_str())) dispatch(app, {{"type", "tour_back"}});
        ImGui::EndDisabled();
        ImGui::SameLine();
        const bool last = t.step + 1 == tour_step_count();
        if (ImGui::Button(tr_id(last ? "tour.finish" : "tour.next", "next").c_str()))
            dispatch(app, last ? nlohmann::json{{"type", "tour_stop"}} : nlohmann::json{{"type", "tour_next"}});
        ImGui::SameLine();
    }
    if (app.tour.running && ImGui::Button(tr_id("tour.stop", "stop").c_str())) dispatch(app, {{"type", "tour_stop"}});
}

}  // namespace

void draw_tour(AppState& app) {
    if (!tour_running(app)) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const ImRect screen(vp->Pos, ImVec2(vp->Pos.x + vp->Size.x, vp->Pos.y + vp->Size.y));
    const std::array<float, 4> r = tour_rect(app);
    const ImRect target(ImVec2(r[0], r[1]), ImVec2(r[0] + r[2], r[1] + r[3]));
    draw_dim_layer(screen, target);
    const float width = std::min(420.0f, screen.GetWidth() - 16);
    const ImVec2 guess(width, ImGui::GetTextLineHeightWithSpacing() * 6);
    ImGui::SetNextWindowPos(caption_pos(screen, target, guess));
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing;
    ImGui::Begin("##tour_caption", nullptr, flags);
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
    const TourStep& step = tour_step(app.tour.step);
    ImGui::TextDisabled("%s", trf("tour.progress", {{"step", app.tour.step + 1}, {"steps", tour_step_count()}}).c_str());
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(tr(step.title));
    ImGui::TextDisabled("%s", tr(step.text));
    if (app.tour.kiosk) ImGui::TextDisabled("%s", tr("tour.kiosk_note"));
    ImGui::PopTextWrapPos();
    draw_caption_buttons(app);
    ImGui::End();
}
