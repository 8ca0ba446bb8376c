// Training mode: the bundled scenarios on the simulated clock in a store of their own (training.h).
#include "training.h"

#include <algorithm>

#include "app_state.h"
#include "command_support.h"
#include "edits.h"
#include "i18n.h"
#include "inbox.h"
#include "view.h"
#include "core/time.h"
#include "platform/platform.h"

using nlohmann::json;

namespace {

sd::Conversation* training_conversation(AppState& app) {
    const sd::Scenario* s = find_training_scenario(app, app.training.scenario);
    return s ? app.store.find_conversation(sd::scenario_conversation_id(*s)) : nullptr;
}

// The view of the training store: every conversation, the scenario's open.
void show_training_view(AppState& app, const std::string& conversation_id) {
    ViewState v;
    v.query.filter = "all";
    v.selected = conversation_id;
    v.cursor = conversation_id;
    v.details_open = app.view.details_open;
    v.details_chosen = app.view.details_chosen;
    app.view = std::move(v);
    app.composer = ComposerState();
    app.undo = UndoNotice();
    app.action_error.clear();
}

}  // namespace

const std::vector<sd::ScenarioPack>& training_packs(const AppState& app) { return app.training.packs; }

const sd::Scenario* find_training_scenario(const AppState& app, const std::string& id) {
    for (const sd::ScenarioPack& p : app.training.packs)
        if (const sd::Scenario* s = p.find(id)) return s;
    return nullptr;
}

bool training_active(const AppState& app) { return !app.training.scenario.empty(); }

void training_tick(AppState& app) {
    TrainingState& t = app.training;
    if (!training_active(app) || app.now <= t.ticked) return;
    const sd::Scenario* s = find_training_scenario(app, t.scenario);
    sd::Conversation* c = training_conversation(app);
    if (!s || !c) return;
    const std::vector<sd::DueEvent> due = sd::due_events(*s, t.start, t.ticked, app.now, *c);
    t.ticked = app.now;
    if (due.empty()) return;
    for (const sd::DueEvent& e : due) sd::apply_event(*c, e);
    refresh_conversation(app, app.store.conversation_index(c->id));
    platform::request_frames(0);
}

sd::ScenarioScore training_score(const AppState& app) {
    const TrainingState& t = app.training;
    const sd::Scenario* s = find_training_scenario(app, t.scenario);
    const sd::Conversation* c = s ? app.store.find_conversation(sd::scenario_conversation_id(*s)) : nullptr;
    if (!c) return {};
    sd::ScoringOptions opt;
    opt.now = app.now;
    opt.policies = &app.settings.sla;
    opt.templates = &app.templates.lib;
    opt.fingerprints = &t.prints;
    opt.templates_used = t.templates_used;
    return sd::score_scenario(*s, *c, opt);
}

sd::SessionReport training_report(const AppState& app) {
    sd::SessionReport r;
    r.pack_id = "bundled";
    r.pack_title = {"SellerDesk training", "SellerDesk 培训"};
    r.trainee = app.settings.agent_name;
    r.generated_at = app.now;
    r.scores = app.training.finished;
    if (training_active(app)) r.scores.push_back(training_score(app));
    return r;
}

void training_note_template(AppState& app, const std::string& template_id) {
    if (training_active(app)) app.training.templates_used.push_back(template_id);
}

json training_json(const AppState& app) {
    const TrainingState& t = app.training;
    json ids = json::array();
    for (const sd::ScenarioPack& p : t.packs)
        for (const sd::Scenario& s : p.scenarios) ids.push_back(s.id);
    json score = {{"total", 0}, {"max", 0}, {"criteria", json::array()}};
    bool done = false;
    if (training_active(app)) {
        const sd::ScenarioScore sc = training_score(app);
        const bool zh = std::string(i18n_language()) == "zh";
        score = {{"total", sc.total}, {"max", sc.max}, {"criteria", json::array()}};
        for (const sd::ScoreCriterion& k : sc.criteria)
            score["criteria"].push_back({{"id", k.id}, {"points", k.points}, {"max", k.max}, {"message", zh ? k.message.zh : k.message.en}});
        const sd::Scenario* s = find_training_scenario(app, t.scenario);
        const sd::Conversation* c = s ? app.store.find_conversation(sd::scenario_conversation_id(*s)) : nullptr;
        done = c && app.now >= sd::scenario_last_event_at(*s, t.start) &&
               (c->status != sd::Status::AwaitingSeller || c->spam != sd::SpamReason::None);
    }
    const bool active = training_active(app);
    return {{"scenario", active ? json(t.scenario) : json(nullptr)},
            {"running", active && app.clock.simulated && app.clock.speed > 0},
            {"clock", active ? json(sd::format_iso8601(app.now)) : json(nullptr)},
            {"score", score},
            {"done", done},
            {"scenarios", ids}};
}

// ---- commands ------------------------------------------------------------------------------------
json cmd_training_start(AppState& app, const json& cmd) {
    if (!cmd.contains("scenario") || !cmd["scenario"].is_string()) return fail("\"scenario\" must be a scenario ID (state().training.scenarios)");
    const std::string id = cmd["scenario"].get<std::string>();
    const sd::Scenario* s = find_training_scenario(app, id);
    if (!s) return fail("no scenario \"" + id + "\" in the bundled packs (state().training.scenarios lists them)");
    if (app.tab.read_only) return fail(read_only_reason(app));
    if (training_active(app)) return fail("scenario \"" + app.training.scenario + "\" is running: training_stop first");
    if (app.texts.pending) return fail("the inbox's message texts are still loading; try again in a moment");
    sd::Store store;
    std::string error;
    if (!sd::materialise(*s, app.now, app.now, store, error)) return fail("cannot start \"" + id + "\": " + error);
    save_open_draft(app);   // the real inbox's draft, saved before it steps aside
    TrainingState& t = app.training;
    t.scenario = id;
    t.start = app.now;
    t.ticked = app.now;
    t.templates_used.clear();
    t.prints = sd::fingerprint_templates(app.templates.lib);
    t.real_store = std::move(app.store);
    t.real_view = std::move(app.view);
    t.real_clock = app.clock;
    app.store = std::move(store);
    // The scenario plays on the simulated clock: a real clock becomes a simulated one at speed 1.
    if (!app.clock.simulated) app.clock = {true, app.now, platform::now_ms(), 1.0};
    show_training_view(app, sd::scenario_conversation_id(*s));
    refresh_after_load(app);
    platform::request_frames(0);
    return ok();
}

json cmd_training_stop(AppState& app, const json&) {
    if (!training_active(app)) return fail("no scenario is running");
    TrainingState& t = app.training;
    t.finished.push_back(training_score(app));
    t.scenario.clear();
    t.templates_used.clear();
    app.store = std::move(t.real_store);
    t.real_store = sd::Store();
    app.view = std::move(t.real_view);
    app.view.dirty = true;
    app.clock = t.real_clock;
    app.now = app_now(app, platform::now_ms());
    app.composer = ComposerState();
    app.undo = UndoNotice();
    app.action_error.clear();
    refresh_after_load(app);
    platform::request_frames(0);
    return ok();
}

json cmd_training_report(AppState& app, const json& cmd) {
    const std::string format = cmd.value("format", std::string("json"));
    if (format != "json" && format != "html") return fail("\"format\" must be \"json\" or \"html\"");
    const sd::SessionReport r = training_report(app);
    if (r.scores.empty()) return fail("no scenario was played yet: start one first");
    if (format == "json") platform::download("sellerdesk-training-report.json", sd::report_to_json(r).dump(2) + "\n", "application/json");
    else platform::download("sellerdesk-training-report.html", sd::report_to_html(r), "text/html");
    return ok();
}
