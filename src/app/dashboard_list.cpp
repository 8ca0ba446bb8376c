// The conversations behind the dashboard's open card: the missed ones first, each with what it
// did in the card's window; a click opens it in the main window (the dashboard steps aside).
#include <algorithm>

#include "app_state.h"
#include "commands.h"
#include "format.h"
#include "i18n.h"
#include "metrics_view.h"
#include "panels.h"
#include "theme.h"
#include "widgets.h"
#include "imgui.h"

namespace {

constexpr size_t kShownRows = 200;   // the CSV has them all

ImVec4 fact_color(RowFact f) {
    return f == RowFact::Missed ? sla_color(sd::SlaState::Overdue) : f == RowFact::Pending ? sla_color(sd::SlaState::DueSoon)
           : f == RowFact::InTime ? sla_color(sd::SlaState::OnTrack) : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
}

// One row; true when clicked.
bool draw_row(const AppState& app, const MetricRow& r) {
    const sd::Conversation& c = app.store.conversations[r.conversation];
    const sd::Customer* who = app.store.find_customer(c.customer_id);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(int(r.conversation));
    const bool clicked = ImGui::Selectable("##row", app.view.selected == c.id, ImGuiSelectableFlags_SpanAllColumns);
    ImGui::PopID();
    ImGui::SameLine(0, 0);
    ImGui::TextColored(fact_color(r.fact), "%s", row_fact_word(r.fact));
    ImGui::TableNextColumn();
    ImGui::TextColored(marketplace_color(c.marketplace), "%s", marketplace_name(c.marketplace));
    ImGui::TableNextColumn();
    text_ellipsis(who ? who->name.c_str() : "", ImGui::GetContentRegionAvail().x);
    ImGui::TableNextColumn();
    text_ellipsis(c.subject.c_str(), ImGui::GetContentRegionAvail().x);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.first_response_s >= 0 ? format_duration(r.first_response_s, true).c_str() : tr("date.none"));
    return clicked;
}

}  // namespace

void draw_card_conversations(AppState& app, const MetricCard& card) {
    DashboardState& d = app.dashboard;
    const std::vector<MetricRow>& rows = card_rows(app, card);
    const auto missed = std::count_if(rows.begin(), rows.end(), [](const MetricRow& r) { return r.fact == RowFact::Missed; });
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(trf("metrics.list_title", {{"metric", tr(card.title_key)}, {"n", int64_t(rows.size())}, {"missed", int64_t(missed)}}).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton(tr_id("metrics.export_csv", "rows_csv").c_str())) d.notice = download_csv(app, card.id, rows_table(app, rows));
    remember_item_rect(app, "export_rows");
    d.listed.clear();
    if (rows.empty()) {
        ImGui::TextDisabled("%s", tr("metrics.list_none"));
        return;
    }
    const float h = std::min(ImGui::GetTextLineHeightWithSpacing() * float(std::min<size_t>(rows.size(), 10) + 1) + 8, 300.0f);
    if (!ImGui::BeginTable("##card_rows", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersOuter, ImVec2(0, h))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr("metrics.col.fact"), ImGuiTableColumnFlags_WidthFixed, 110);
    ImGui::TableSetupColumn(tr("metrics.col.marketplace"), ImGuiTableColumnFlags_WidthFixed, 80);
    ImGui::TableSetupColumn(tr("metrics.col.customer"), ImGuiTableColumnFlags_WidthStretch, 1);
    ImGui::TableSetupColumn(tr("metrics.col.subject"), ImGuiTableColumnFlags_WidthStretch, 2);
    ImGui::TableSetupColumn(tr("metrics.col.first_response"), ImGuiTableColumnFlags_WidthFixed, 110);
    ImGui::TableHeadersRow();
    std::string open;
    for (size_t i = 0; i < rows.size() && i < kShownRows; ++i) {
        d.listed.push_back(app.store.conversations[rows[i].conversation].id);
        if (draw_row(app, rows[i])) open = d.listed.back();
    }
    ImGui::EndTable();
    if (rows.size() > kShownRows) ImGui::TextDisabled("%s", trf("metrics.list_more", {{"n", int64_t(rows.size() - kShownRows)}}).c_str());
    if (!open.empty()) {
        cmd::select(app, open);
        d.show = false;   // the main window shows it; View > Performance brings the dashboard back as it was
    }
}
