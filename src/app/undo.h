// Undo of destructive commands (close, status, spam, labels, bulk): before such a command runs,
// the state it can change in the conversations it names is kept; after it, a notice offers to
// put it back ("Closed “Where is my parcel?” · Undo"), for a few seconds. {type: "undo"} restores
// exactly what was there, as new stamped edits (so it merges like any edit).
#pragma once
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

struct AppState;
struct UndoState;

// The conversations `cmd` acts on, as they are now (empty when it names none that exist).
std::vector<UndoState> undo_capture(const AppState& app, const nlohmann::json& cmd);
// After the command succeeded: the notice and what undo restores, if anything changed.
void undo_record(AppState& app, const nlohmann::json& cmd, std::vector<UndoState> before);
// True while the notice is shown (it goes after a few seconds, or when undone).
bool undo_available(const AppState& app);
