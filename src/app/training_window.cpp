// View -> Training…: pick a bundled scenario by marketplace, start it, pause / fast-forward / jump
// to its next event, stop it, follow the live score with each criterion's explanation, and
// download the session report. Everything goes through commands (training.h).
#include <string>

#include "app_state.h"
#include "commands.h"
#include "format.h"
#include "i18n.h"
#include "panels.h"
#include "theme.h"
#include "training.h"
#include "core/time.h"
#include "imgui.h"

namespace {

const std::string& in_ui_language(const sd::Bilingual& b) {
    return std::string(i18n_language()) == "zh" && !b.zh.empty() ? b.zh : b.en;
}

void run(AppState& app, const nlohmann::json& command) {
    const nlohmann::json r = dispatch(app, command);
    app.training.notice = r["ok"] == true ? std::string() : r.value("error", std::string());
}

// The time of the running scenario's next event, or kNoTime when every one has come.
sd::Time next_event_at(const AppState& app) {
    const sd::Scenario* s = find_training_scenario(app, app.training.scenario);
    if (!s) return sd::kNoTime;
    for (const sd::ScenarioEvent& e : s->timeline)
        if (app.training.start + e.after_s > app.training.ticked) return app.training.start + e.after_s;
    return sd::kNoTime;
}

void draw_picker(AppState& app) {
    TrainingState& t = app.training;
    if (!ImGui::BeginTabBar("##training_markets")) return;
    for (const sd::ScenarioPack& p : training_packs(app)) {
        if (p.scenarios.empty()) continue;
        const std::string tab = std::string(marketplace_name(p.scenarios[0].marketplace)) + "###" + p.id;
        if (!ImGui::BeginTabItem(tab.c_str())) continue;
        ImGui::TextDisabled("%s", in_ui_language(p.title).c_str());
        for (const sd::Scenario& s : p.scenarios)
            if (ImGui::Selectable((in_ui_language(s.title) + "##" + s.id).c_str(), t.picked == s.id)) t.picked = s.id;
        ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
    const sd::Scenario* s = find_training_scenario(app, t.picked);
    ImGui::Separator();
    if (!s) {
        ImGui::TextDisabled("%s", tr("training.pick"));
        return;
    }
    ImGui::TextWrapped("%s", in_ui_language(s->brief).c_str());
    if (ImGui::Button(tr_id("training.start", "start").c_str())) run(app, {{"type", "training_start"}, {"scenario", s->id}});
}

void draw_score(const AppState& app) {
    const nlohmann::json tr_state = training_json(app);
    const nlohmann::json& score = tr_state["score"];
    ImGui::TextColored(sla_color(sd::SlaState::DueSoon), "%s",
                       trf("training.score", {{"points", score["total"].get<int>()}, {"max", score["max"].get<int>()}}).c_str());
    if (tr_state["done"] == true) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", tr("training.done"));
    }
    if (!ImGui::BeginTable("##criteria", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) return;
    ImGui::TableSetupColumn("##points", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("00 / 00").x + 8);
    ImGui::TableSetupColumn("##what", ImGuiTableColumnFlags_WidthStretch);
    for (const nlohmann::json& k : score["criteria"]) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%d / %d", k["points"].get<int>(), k["max"].get<int>());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(in_ui_language(sd::criterion_name(k["id"].get<std::string>())).c_str());
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("%s", k["message"].get<std::string>().c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::EndTable();
}

void draw_running(AppState& app) {
    const sd::Scenario* s = find_training_scenario(app, app.training.scenario);
    if (!s) return;
    ImGui::TextUnformatted(trf("training.running", {{"market", marketplace_name(s->marketplace)}, {"title", in_ui_language(s->title)}}).c_str());
    ImGui::TextWrapped("%s", in_ui_language(s->brief).c_str());
    const bool paused = app.clock.speed == 0;
    ImGui::TextUnformatted(trf("training.clock", {{"time", format_local_datetime(app.now)}}).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s", paused ? tr("training.paused") : trf("training.speed", {{"speed", std::to_string(int64_t(app.clock.speed))}}).c_str());
    if (ImGui::Button(paused ? tr_id("training.resume", "pause").c_str() : tr_id("training.pause", "pause").c_str()))
        run(app, {{"type", "clock"}, {"speed", paused ? 1 : 0}});
    ImGui::SameLine();
    if (ImGui::Button(tr_id("training.fast", "fast").c_str())) run(app, {{"type", "clock"}, {"speed", 600}});
    ImGui::SameLine();
    const sd::Time next = next_event_at(app);
    ImGui::BeginDisabled(next == sd::kNoTime);
    if (ImGui::Button(tr_id("training.next_event", "next").c_str())) run(app, {{"type", "clock"}, {"now", sd::format_iso8601(next)}});
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(tr_id("training.stop", "stop").c_str())) run(app, {{"type", "training_stop"}});
    ImGui::Separator();
    draw_score(app);
}

}  // namespace

void draw_training_badge(const AppState& app) {
    if (!training_active(app)) return;
    ImGui::SameLine(0, 12);
    const char* text = tr("menu_bar.training");
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 sz = ImGui::CalcTextSize(text);
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x - 4, p.y), ImVec2(p.x + sz.x + 4, p.y + sz.y + 1), IM_COL32(214, 98, 18, 255), 4);
    ImGui::TextUnformatted(text);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("menu_bar.training_tip"));
}

void draw_training_window(AppState& app) {
    TrainingState& t = app.training;
    if (!t.show_window) return;
    ImGui::SetNextWindowSize(ImVec2(620, 560), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin(tr_id("training.title", "training").c_str(), &t.show_window)) {
        ImGui::End();
        return;
    }
    if (!t.load_error.empty()) ImGui::TextColored(sla_color(sd::SlaState::Overdue), "%s", t.load_error.c_str());
    if (training_active(app)) draw_running(app);
    else draw_picker(app);
    ImGui::Separator();
    const bool any = training_active(app) || !t.finished.empty();
    ImGui::BeginDisabled(!any);
    if (ImGui::Button(tr_id("training.report_json", "report_json").c_str())) run(app, {{"type", "training_report"}, {"format", "json"}});
    ImGui::SameLine();
    if (ImGui::Button(tr_id("training.report_html", "report_html").c_str())) run(app, {{"type", "training_report"}, {"format", "html"}});
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::TextDisabled("%s", trn("training.played", int64_t(t.finished.size())).c_str());
    if (!t.notice.empty()) ImGui::TextColored(sla_color(sd::SlaState::Overdue), "%s", t.notice.c_str());
    ImGui::End();
}
