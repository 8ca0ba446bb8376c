// View -> Training…: pick a scenario (bundled by marketplace, imported, My scenarios), start it,
// pause / fast-forward / jump to its next event, stop it, follow the live score with each
// criterion's explanation; import and export packs, make a scenario from the open conversation,
// and download the session report. Everything goes through commands (training.h, training_packs.h).
#include <string>

#include "app_state.h"
#include "commands.h"
#include "format.h"
#include "i18n.h"
#include "panels.h"
#include "text_field.h"
#include "theme.h"
#include "training.h"
#include "core/time.h"
#include "widgets.h"
#include "imgui.h"
#include "platform/platform.h"

namespace {

const std::string& in_ui_language(const sd::Bilingual& b) {
    return std::string(i18n_language()) == "zh" && !b.zh.empty() ? b.zh : b.en;
}

void run(AppState& app, const nlohmann::json& command) {
    const nlohmann::json r = dispatch(app, command);
    app.training.notice = r["ok"] == true ? std::string() : r.value("error", std::string());
    app.training.done_notice.clear();
}

// The time of the running scenario's next event, or kNoTime when every one has come.
sd::Time next_event_at(const AppState& app) {
    const sd::Scenario* s = find_training_scenario(app, app.training.scenario);
    if (!s) return sd::kNoTime;
    for (const sd::ScenarioEvent& e : s->timeline)
        if (app.training.start + e.after_s > app.training.ticked) return app.training.start + e.after_s;
    return sd::kNoTime;
}

// A bundled pack's tab is its marketplace; an imported pack and My scenarios show their title.
std::string pack_tab(const TrainingPack& p) {
    const std::string name = std::string(p.source) == "bundled" ? std::string(marketplace_name(p.pack->scenarios[0].marketplace))
                                                                : in_ui_language(p.pack->title);
    return name + "###" + p.pack->id;
}

void draw_picker(AppState& app) {
    TrainingState& t = app.training;
    if (!ImGui::BeginTabBar("##training_markets", ImGuiTabBarFlags_FittingPolicyScroll)) return;
    for (const TrainingPack& p : training_packs(app)) {
        if (p.pack->scenarios.empty() || !ImGui::BeginTabItem(pack_tab(p).c_str())) continue;
        ImGui::TextDisabled("%s", in_ui_language(p.pack->title).c_str());
        for (const sd::Scenario& s : p.pack->scenarios)
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
    ImGui::SameLine();
    if (ImGui::Button(tr_id("training.export_pack", "export_pack").c_str()))
        run(app, {{"type", "training_export_pack"}, {"pack", training_pack_of(app, s->id)->id}});
}

// "Make a scenario from this": the real inbox's open conversation, named by the trainer.
void draw_make_scenario(AppState& app) {
    TrainingState& t = app.training;
    ImGui::TextUnformatted(tr("training.make_title"));
    const sd::Conversation* c = app.store.find_conversation(app.view.selected);
    if (!c) {
        ImGui::TextDisabled("%s", tr("training.make_none"));
        return;
    }
    ImGui::TextDisabled("%s", trf("training.make_from", {{"subject", c->subject}}).c_str());
    TextFieldOptions o;
    o.hint = tr("training.make_hint");
    o.width = -ImGui::CalcTextSize(tr("training.make")).x - 3 * ImGui::GetStyle().ItemSpacing.x;
    const bool enter = text_field(app, "training_title", t.new_title, o).enter;
    ImGui::SameLine();
    if (ImGui::Button(tr_id("training.make", "make").c_str()) || enter) {
        nlohmann::json cmd = {{"type", "scenario_from_conversation"}, {"id", c->id}};
        if (!t.new_title.empty()) cmd["title"] = t.new_title;
        run(app, cmd);
        if (t.notice.empty()) {
            t.done_notice = trf("training.made", {{"title", in_ui_language(find_training_scenario(app, t.picked)->title)}});
            t.new_title.clear();
        }
    }
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", tr("training.make_redact"));
    ImGui::PopTextWrapPos();
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

// Packs in, results out.
void draw_files_row(AppState& app) {
    TrainingState& t = app.training;
    ImGui::BeginDisabled(training_active(app));
    if (ImGui::Button(tr_id("training.import_pack", "import_pack").c_str())) platform::pick_file("training_pack", ".json,application/json");
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!training_active(app) && t.finished.empty());
    if (ImGui::Button(tr_id("training.report_json", "report_json").c_str())) run(app, {{"type", "training_report"}, {"format", "json"}});
    ImGui::SameLine();
    if (ImGui::Button(tr_id("training.report_html", "report_html").c_str())) run(app, {{"type", "training_report"}, {"format", "html"}});
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::TextDisabled("%s", trn("training.played", int64_t(t.finished.size())).c_str());
}

}  // namespace

void draw_training_badge(const AppState& app) {
    if (!training_active(app)) return;
    menu_badge(tr("menu_bar.training"), tr("menu_bar.training_tip"), IM_COL32(214, 98, 18, 255));
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
    if (training_active(app)) {
        draw_running(app);
    } else {
        draw_picker(app);
        ImGui::Separator();
        draw_make_scenario(app);
    }
    ImGui::Separator();
    draw_files_row(app);
    if (!t.notice.empty()) ImGui::TextColored(sla_color(sd::SlaState::Overdue), "%s", t.notice.c_str());
    else if (!t.done_notice.empty()) ImGui::TextDisabled("%s", t.done_notice.c_str());
    ImGui::End();
}
