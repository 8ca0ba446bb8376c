// Keeping the trainer's and trainee's work across reloads, apart from the real inbox: a folder of
// its own beside the inbox's (/data/training, so its own IndexedDB records, flushed with the
// inbox's files but never read by the inbox or its export) holding
//   session.json   the running scenario (its training store, clocks, what the trainee did) and
//                  the finished scenarios' scores (training.h training_session_json)
//   packs.json     the imported packs and "My scenarios" (docs/scenarios.md, "In the app")
//
//   start_app(app);  restore_training(app);    // after the real inbox is loaded
//   app.training.save_due = true;  training_save_if_due(app);   // after a change
#pragma once
#include <string>

struct AppState;

std::string training_dir(const AppState& app);
// Reads packs.json then session.json; a damaged file is kept aside as <name>.damaged and said in
// the Training window, the rest stays usable. A read-only tab reads the packs only.
void restore_training(AppState& app);
void training_save_if_due(AppState& app);
// Writes packs.json now; false with `error` when it cannot be written.
bool save_training_packs(AppState& app, std::string& error);
