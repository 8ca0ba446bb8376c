// settings.json beside the journal: replica ID, agent name, the team, the store name, SLA
// policies. Written whole to a temp file and renamed, then flushed like any other change.
#pragma once
#include <string>

struct AppState;

bool load_settings(AppState& app, std::string& error);
bool save_settings(AppState& app);
