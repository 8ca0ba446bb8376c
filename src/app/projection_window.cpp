// The projection panel: pick a time (next Monday 09:00 in the agent's time zone, N hours on, or
// typed), see every metric then as if nothing more were answered, and the shortest list of
// conversations to answer to stay on the right side of every bar; one click filters the inbox to
// that list. The projection itself is the `projection` command's (core/metrics.h).
#include <algorithm>

#include "app_state.h"
#include "commands.h"
#include "format.h"
#include "i18n.h"
#include "metrics_view.h"
#include "panels.h"
#include "text_field.h"
#include "theme.h"
#include "widgets.h"
#include "core/projection_time.h"
#include "core/sla.h"
#include "imgui.h"

namespace {

ImVec4 status_vec(MetricStatus s) {
    return s == MetricStatus::Good ? sla_color(sd::SlaState::OnTrack) : s == MetricStatus::Near ? sla_color(sd::SlaState::DueSoon)
           : s == MetricStatus::Past ? sla_color(sd::SlaState::Overdue) : ImGui::GetStyleColorVec4(ImGuiCol_Text);
}

void project(AppState& app, sd::Time until) {
    const nlohmann::json r = dispatch(app, {{"type", "projection"}, {"until", sd::format_iso8601(until)}});
    app.dashboard.error = r["ok"] == true ? "" : r.value("error", "");
}

// The three ways to pick the time.
void draw_time_pickers(AppState& app) {
    DashboardState& d = app.dashboard;
    const sd::TimeZone& zone = agent_zone(app);
    if (ImGui::Button(trf("projection.monday", {{"zone", zone.name}}).c_str())) project(app, sd::next_local_time(zone, app.now, 1, 9 * 3600));
    remember_item_rect(app, "projection_monday");
    ImGui::SameLine(0, 16);
    number_field(app, "projection_hours", d.plus_hours, 1, 24 * 90, 0, 64, tr("projection.hours_label"));
    ImGui::SameLine();
    if (ImGui::Button(tr_id("projection.plus_hours", "plus").c_str())) project(app, app.now + sd::Time(d.plus_hours) * 3600);
    TextFieldOptions o;
    o.width = 240;
    o.hint = tr("projection.until_hint");
    o.label = tr("projection.until_label");
    const bool enter = text_field(app, "projection_until", d.until_text, o).enter;
    ImGui::SameLine();
    if (ImGui::Button(tr_id("projection.apply", "apply").c_str()) || enter) {
        sd::Time t = sd::kNoTime;
        std::string why;
        if (sd::parse_local_time(d.until_text, zone, t, why)) project(app, t);
        else d.error = why;
    }
    if (!d.error.empty()) ImGui::TextColored(sla_color(sd::SlaState::Overdue), "%s", d.error.c_str());
}

void draw_comparison(AppState& app, const sd::Projection& p) {
    const std::vector<MetricCard> now = metric_cards(app_metrics(app)), then = metric_cards(p.metrics);
    if (!ImGui::BeginTable("##projected", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn(tr("projection.col.metric"), ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn(tr("projection.col.now"), ImGuiTableColumnFlags_WidthStretch, 1);
    ImGui::TableSetupColumn(tr("projection.col.then"), ImGuiTableColumnFlags_WidthStretch, 1);
    ImGui::TableSetupColumn(tr("projection.col.status"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < then.size() && i < now.size(); ++i) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(tr(then[i].title_key));
        ImGui::TableNextColumn();
        ImGui::TextColored(status_vec(now[i].status), "%s", now[i].value_text.c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(status_vec(then[i].status), "%s", then[i].value_text.c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(status_vec(then[i].status), "%s", status_word(then[i].status));
    }
    ImGui::EndTable();
}

void draw_must_answer(AppState& app, const sd::Projection& p) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(trn("projection.must_answer", int64_t(p.must_answer.size())).c_str());
    if (p.must_answer.empty()) return;
    ImGui::SameLine();
    const bool filtered = app.view.must_answer;
    if (ImGui::SmallButton(filtered ? tr_id("projection.unfilter", "filter").c_str() : tr_id("projection.filter", "filter").c_str()))
        cmd::filter(app, filtered ? "all" : "projection");
    remember_item_rect(app, "projection_filter");
    ImGui::SameLine();
    if (ImGui::SmallButton(tr_id("metrics.export_csv", "must_csv").c_str())) app.dashboard.notice = download_csv(app, "must-answer", must_answer_table(app, p));
    remember_item_rect(app, "export_must_answer");
    if (!ImGui::BeginTable("##must", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersOuter, ImVec2(0, 220))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr("projection.col.deadline"), ImGuiTableColumnFlags_WidthFixed, 150);
    ImGui::TableSetupColumn(tr("metrics.col.marketplace"), ImGuiTableColumnFlags_WidthFixed, 80);
    ImGui::TableSetupColumn(tr("metrics.col.customer"), ImGuiTableColumnFlags_WidthStretch, 1);
    ImGui::TableSetupColumn(tr("metrics.col.subject"), ImGuiTableColumnFlags_WidthStretch, 2);
    ImGui::TableHeadersRow();
    for (const std::string& id : p.must_answer) {
        const sd::Conversation* c = app.store.find_conversation(id);
        if (!c) continue;
        const sd::Time due = metric_deadline(app, uint32_t(app.store.conversation_index(id)));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (ImGui::Selectable(("##" + id).c_str(), app.view.selected == id, ImGuiSelectableFlags_SpanAllColumns)) cmd::select(app, id);
        ImGui::SameLine(0, 0);
        const bool late = due != sd::kNoTime && due <= app.now;
        ImGui::TextColored(sla_color(late ? sd::SlaState::Overdue : sd::SlaState::DueSoon), "%s", format_local_datetime(due).c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(marketplace_color(c->marketplace), "%s", marketplace_name(c->marketplace));
        ImGui::TableNextColumn();
        const sd::Customer* who = app.store.find_customer(c->customer_id);
        text_ellipsis(who ? who->name.c_str() : "", ImGui::GetContentRegionAvail().x);
        ImGui::TableNextColumn();
        text_ellipsis(c->subject.c_str(), ImGui::GetContentRegionAvail().x);
    }
    ImGui::EndTable();
}

}  // namespace

void draw_projection_window(AppState& app) {
    DashboardState& d = app.dashboard;
    if (!d.show_projection) {
        for (const char* name : {"projection_monday", "projection_filter", "export_must_answer"}) d.rects.erase(name);
        return;
    }
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowSize(ImVec2(std::min(720.0f, screen.x - 40), std::min(700.0f, screen.y - 60)), ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImVec2(screen.x - 20, 40), ImGuiCond_Appearing, ImVec2(1, 0));
    if (!ImGui::Begin(tr_id("projection.title", "projection").c_str(), &d.show_projection, ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    ImGui::TextWrapped("%s", tr("projection.intro"));
    draw_time_pickers(app);
    ImGui::Separator();
    if (const sd::Projection* p = app_projection(app)) {
        ImGui::TextUnformatted(trf("projection.at", {{"time", format_local_datetime(p->until)}}).c_str());
        draw_comparison(app, *p);
        ImGui::Spacing();
        draw_must_answer(app, *p);
    } else {
        ImGui::TextDisabled("%s", tr("projection.none"));
    }
    ImGui::End();
}
