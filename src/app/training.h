// Training mode (issue 18, docs/scenarios.md): one scenario of the bundled packs plays on the
// simulated clock in a training store of its own. While it runs, app.store IS the training store
// (so every usual command — draft, mark_sent, label, flag_spam, add_remark… — works on it and the
// scoring sees exactly what the trainee did), the real inbox waits in TrainingState::real_store,
// and journal_staged() drops the staged ops instead of writing them: nothing of the training
// reaches the real inbox's files. training_stop puts the real store, view and clock back.
//
//   dispatch(app, {{"type", "training_start"}, {"scenario", "amazon-inr-follow-up"}});
//   training_tick(app);                 // each frame: the events due since the last tick arrive
//   training_json(app)                  // state().training
//   dispatch(app, {{"type", "training_stop"}});
#pragma once
#include <nlohmann/json.hpp>

#include "core/scenario.h"
#include "core/scoring.h"

struct AppState;

// The bundled packs (assets/scenarios/<marketplace>.json), loaded by start_app (inbox.cpp).
const std::vector<sd::ScenarioPack>& training_packs(const AppState& app);
const sd::Scenario* find_training_scenario(const AppState& app, const std::string& id);

bool training_active(const AppState& app);
// The events of the running scenario due between the last tick and app.now arrive.
void training_tick(AppState& app);
// The running scenario's score now (empty when none runs).
sd::ScenarioScore training_score(const AppState& app);
// The session report: the scenarios stopped so far, then the running one.
sd::SessionReport training_report(const AppState& app);
// A template inserted while training counts for the template criterion.
void training_note_template(AppState& app, const std::string& template_id);
// state().training
nlohmann::json training_json(const AppState& app);

nlohmann::json cmd_training_start(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_training_stop(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_training_report(AppState& app, const nlohmann::json& cmd);
