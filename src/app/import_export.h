// Export, import and undo in the app (the format and the merge are core/export_json.h and
// core/sync.h). An import checks the whole file first, a slice per frame, and changes nothing when
// it is refused; the merge then runs a slice of conversations per frame behind a progress bar, its
// result becomes the new snapshot (core/storage.h), and it can be undone as a whole.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>

struct AppState;

struct ExportRequest {
    bool view_only = false;               // only the conversations of the current view
    std::vector<std::string> ids;         // only these (overrides view_only)
    bool redact = false, templates = true, settings = true;
};
bool export_json_text(AppState& app, const ExportRequest& req, std::string& out, std::string& error);
// A file name for an export made now: sellerdesk-20261207-0930.json (redacted-… when redacted).
std::string export_file_name(const AppState& app, bool redacted);

// Validates the whole file first; on success the merge runs in slices from import_step().
// Returns {ok: false, error: {message, pointer, line, column}} when refused (nothing changed).
nlohmann::json import_begin(AppState& app, std::string&& text, const std::string& file_name);
// The same with a malloc'ed buffer the app takes over (freed when the check is done): a 100 MB
// file is not copied again.
nlohmann::json import_begin_owned(AppState& app, char* text, size_t size, const std::string& file_name);
void import_step(AppState& app);          // each frame while app.import.running
nlohmann::json import_undo(AppState& app);
