// The trainer's packs in the app (docs/scenarios.md, "In the app"): importing a pack file beside
// the bundled ones, downloading any pack, and "Make a scenario from this", which turns a real
// conversation into a scenario of the pack "My scenarios". Both kinds are kept in
// training/packs.json (training_save.h) and listed with the bundled packs (training.h).
//
//   dispatch(app, {{"type", "training_import_pack"}, {"text", file_text}});
//   dispatch(app, {{"type", "scenario_from_conversation"}, {"id", conversation_id}, {"title", "Late parcel"}});
//   dispatch(app, {{"type", "training_export_pack"}, {"pack", "my-scenarios"}});
#pragma once
#include <nlohmann/json.hpp>

struct AppState;

nlohmann::json cmd_training_import_pack(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_training_export_pack(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_scenario_from_conversation(AppState& app, const nlohmann::json& cmd);
