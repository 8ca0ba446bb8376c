// The Tmall registers in the app (core/registers.h): the entries, kept in registers.json beside
// the inbox (written whole after each change, like templates.json) and carried by exports; the
// Registers window (Team > Registers…) and the "Add to register…" form of a Tmall conversation.
//
//   load_registers(app);                              // at start, after a reload, following another tab
//   dispatch(app, {{"type", "register_add"}, ...});  // cmd_registers.cpp; saves on success
//   s["registers"] = registers_state_json(app);      // state().registers (docs/automation.md)
#pragma once
#include <string>
#include <nlohmann/json.hpp>

#include "core/registers.h"
#include "registers_state.h"

struct AppState;


void load_registers(AppState& app);
bool save_registers(AppState& app);
nlohmann::json registers_state_json(const AppState& app);
// Hands the register's CSV (the same as register_export's) to the browser as a download named
// for `now` (the real time: a file name is real data); returns what to tell the user.
std::string download_register_csv(const AppState& app, sd::RegisterKind kind, sd::Time now);
