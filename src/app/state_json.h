// state() of the automation bridge (docs/automation.md): a snapshot of what the app shows.
#pragma once
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>

struct AppState;

// Rows beyond max_rows are left out (rows_total still counts them); import.last's long lists are
// cut to their first entries unless import_lists.
nlohmann::json state_json(const AppState& app, size_t max_rows = SIZE_MAX, bool import_lists = false);
