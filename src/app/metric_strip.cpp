// The worst metric in the menu bar, in its status colour ("Walmart response 93.1%"): the one an
// agent must not lose sight of. A click opens the dashboard on that card. It sits left of the
// unread count and takes no room from the panes; when the menus leave no room it shows only the value.
#include <string>

#include "app_state.h"
#include "i18n.h"
#include "metrics_view.h"
#include "panels.h"
#include "theme.h"
#include "widgets.h"
#include "imgui.h"

void draw_metric_strip(AppState& app, float right_x) {
    if (!app.ready) return;
    const std::vector<MetricCard> cards = metric_cards(app_metrics(app));
    const int worst = worst_card(cards);
    if (worst < 0) return;
    const MetricCard& c = cards[size_t(worst)];
    const std::string full = std::string(tr(std::string("metrics.short.") + c.id)) + " " + c.value_text;
    const float room = right_x - ImGui::GetCursorPosX() - 16;
    const float pad = 8;
    const std::string& text = ImGui::CalcTextSize(full.c_str()).x + 2 * pad <= room ? full : c.value_text;
    const float w = ImGui::CalcTextSize(text.c_str()).x + 2 * pad;
    if (w > room) return;
    ImGui::SameLine(right_x - w);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight() + 2;
    if (ImGui::InvisibleButton("##metric_strip", ImVec2(w, h))) {
        app.dashboard.show = true;
        app.dashboard.card = c.id;
    }
    const ImVec4 col = c.status == MetricStatus::Past ? sla_color(sd::SlaState::Overdue)
                       : c.status == MetricStatus::Near ? sla_color(sd::SlaState::DueSoon) : sla_color(sd::SlaState::OnTrack);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), ImGui::GetColorU32(col), 8);
    dl->AddText(ImVec2(p.x + pad, p.y + 1), IM_COL32(255, 255, 255, 255), text.c_str());
    if (ImGui::IsItemHovered())
        tooltip((std::string(tr(c.title_key)) + ": " + c.value_text + " (" + status_word(c.status) + ")\n" + c.detail_text + "\n" + c.bar_text +
                 "\n" + tr("metrics.strip_tip")).c_str());
}
