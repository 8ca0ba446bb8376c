// Training mode: the bundled scenarios on the simulated clock in a store of their own (training.h).
#include "training.h"

#include <algorithm>

#include "app_state.h"
#include "command_support.h"
#include "edits.h"
#include "i18n.h"
#include "inbox.h"
#include "view.h"
#include "core/store_json.h"
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

std::vector<TrainingPack> training_packs(const AppState& app) {
    std::vector<TrainingPack> out;
    for (const sd::ScenarioPack& p : app.training.packs) out.push_back({&p, "bundled"});
    for (const sd::ScenarioPack& p : app.training.imported) out.push_back({&p, "imported"});
    if (!app.training.own.scenarios.empty()) out.push_back({&app.training.own, "own"});
    return out;
}

const sd::ScenarioPack* training_pack_of(const AppState& app, const std::string& scenario_id) {
    for (const TrainingPack& p : training_packs(app))
        if (p.pack->find(scenario_id)) return p.pack;
    return nullptr;
}

const sd::Scenario* find_training_scenario(const AppState& app, const std::string& id) {
    const sd::ScenarioPack* p = training_pack_of(app, id);
    return p ? p->find(id) : nullptr;
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
    json ids = json::array(), packs = json::array();
    for (const TrainingPack& p : training_packs(app)) {
        json pack_ids = json::array();
        for (const sd::Scenario& s : p.pack->scenarios) pack_ids.push_back(s.id);
        ids.insert(ids.end(), pack_ids.begin(), pack_ids.end());
        packs.push_back({{"id", p.pack->id}, {"source", p.source}, {"scenarios", pack_ids}});
    }
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
            {"scenarios", ids},
            {"packs", packs},
            {"finished", int64_t(t.finished.size())}};
}

// ---- the saved session ---------------------------------------------------------------------------
namespace {

bool set_error(std::string& error, std::string why) {
    error = std::move(why);
    return false;
}

json clock_json(const ClockState& c) {
    return {{"simulated", c.simulated}, {"sim_at", c.sim_at}, {"sim_real_ms", c.sim_real_ms}, {"speed", c.speed}};
}

bool clock_from_json(const json& j, ClockState& out) {
    if (!j.is_object() || !j.contains("simulated") || !j["simulated"].is_boolean() || !j.contains("sim_at") ||
        !j["sim_at"].is_number_integer() || !j.contains("sim_real_ms") || !j["sim_real_ms"].is_number() ||
        !j.contains("speed") || !j["speed"].is_number() || j["speed"].get<double>() < 0)
        return false;
    out = {j["simulated"].get<bool>(), j["sim_at"].get<sd::Time>(), j["sim_real_ms"].get<double>(), j["speed"].get<double>()};
    return true;
}

bool finished_from_json(const json& j, std::vector<sd::ScenarioScore>& out, std::string& error) {
    if (!j.is_array()) {
        error = "finished: must be a list";
        return false;
    }
    for (size_t i = 0; i < j.size(); ++i) {
        sd::ScenarioScore s;
        if (!sd::score_from_json(j[i], s, error)) {
            error = "finished/" + std::to_string(i) + "/" + error;
            return false;
        }
        out.push_back(std::move(s));
    }
    return true;
}

// The running part of a session: its scenario, store, clocks and times; nothing is applied yet.
struct SavedRun {
    const sd::Scenario* scenario = nullptr;
    sd::Store store;
    ClockState clock, real_clock;
    sd::Time start = 0, ticked = 0;
    std::vector<std::string> templates_used;
};

bool run_from_json(const AppState& app, const json& j, SavedRun& out, std::string& error) {
    const std::string id = j["scenario"].get<std::string>();
    out.scenario = find_training_scenario(app, id);
    if (!out.scenario) return set_error(error, "scenario \"" + id + "\" is in no pack any more");
    if (!j.contains("store") || !sd::store_from_json(j["store"], out.store, error)) return set_error(error, "store: " + error);
    if (!out.store.find_conversation(sd::scenario_conversation_id(*out.scenario))) return set_error(error, "store: the scenario's conversation is missing");
    if (!clock_from_json(j.value("clock", json()), out.clock) || !clock_from_json(j.value("real_clock", json()), out.real_clock))
        return set_error(error, "clock: not a clock");
    if (!j.contains("start") || !j["start"].is_number_integer() || !j.contains("ticked") || !j["ticked"].is_number_integer())
        return set_error(error, "start, ticked: must be times");
    out.start = j["start"].get<sd::Time>();
    out.ticked = j["ticked"].get<sd::Time>();
    for (const json& u : j.value("templates_used", json::array()))
        if (u.is_string()) out.templates_used.push_back(u.get<std::string>());
    return true;
}

}  // namespace

json training_session_json(const AppState& app) {
    const TrainingState& t = app.training;
    json finished = json::array();
    for (const sd::ScenarioScore& s : t.finished) finished.push_back(sd::score_to_json(s));
    json j = {{"format", "sellerdesk-training-session"}, {"version", 1}, {"finished", finished}, {"scenario", nullptr}};
    if (!training_active(app)) return j;
    j["scenario"] = t.scenario;
    j["start"] = t.start;
    j["ticked"] = t.ticked;
    j["templates_used"] = t.templates_used;
    j["clock"] = clock_json(app.clock);
    j["real_clock"] = clock_json(t.real_clock);
    j["store"] = sd::store_to_json(app.store);
    return j;
}

bool training_resume(AppState& app, const json& j, std::string& error) {
    if (!j.is_object() || j.value("format", std::string()) != "sellerdesk-training-session")
        return set_error(error, "not a training session");
    std::vector<sd::ScenarioScore> finished;
    if (!finished_from_json(j.value("finished", json()), finished, error)) return false;
    SavedRun run;
    const bool running = j.contains("scenario") && j["scenario"].is_string();
    if (running && !run_from_json(app, j, run, error)) return false;
    TrainingState& t = app.training;
    t.finished = std::move(finished);
    if (!running) return true;
    t.scenario = run.scenario->id;
    t.start = run.start;
    t.ticked = run.ticked;
    t.templates_used = std::move(run.templates_used);
    t.prints = sd::fingerprint_templates(app.templates.lib);
    t.real_store = std::move(app.store);
    t.real_view = std::move(app.view);
    t.real_clock = run.real_clock;
    app.store = std::move(run.store);
    app.clock = run.clock;
    app.now = app_now(app, platform::now_ms());
    show_training_view(app, sd::scenario_conversation_id(*run.scenario));
    refresh_after_load(app);
    return true;
}

// ---- commands ------------------------------------------------------------------------------------
json cmd_training_start(AppState& app, const json& cmd) {
    if (!cmd.contains("scenario") || !cmd["scenario"].is_string()) return fail("\"scenario\" must be a scenario ID (state().training.scenarios)");
    const std::string id = cmd["scenario"].get<std::string>();
    const sd::Scenario* s = find_training_scenario(app, id);
    if (!s) return fail("no scenario \"" + id + "\" in the packs (state().training.scenarios lists them)");
    if (app.tab.read_only) return fail(read_only_reason(app));
    if (training_active(app)) return fail("scenario \"" + app.training.scenario + "\" is running: training_stop first");
    if (app.tour.running) return fail("the guided tour is running: tour_stop first");
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
    t.save_due = true;
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
    t.save_due = true;
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
