// The app's commands: the one path by which the UI and the automation bridge change anything
// (docs/automation.md lists them). Each command is a handler in one table {name, writes,
// undoable, handler}: dispatch() looks it up, refuses a writing command in a read-only tab, after
// a writing command journals the ops it staged and flushes them (edits.h), and after a
// destructive one offers to undo it (undo.h).
//
//   nlohmann::json r = dispatch(app, {{"type", "select"}, {"id", "wm-000001"}});
//   if (r["ok"] != true) show(r["error"]);
//   cmd::select(app, "wm-000001");   // the same, typed
#pragma once
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

struct AppState;

using CommandHandler = nlohmann::json (*)(AppState& app, const nlohmann::json& command);
struct CommandSpec {
    const char* name;
    bool writes;              // changes what is saved: refused in a read-only tab, journaled and flushed
    bool undoable;            // destructive: shows an undo notice, and {type: "undo"} puts it back (undo.h)
    CommandHandler handler;
};
const std::vector<CommandSpec>& command_table();
const CommandSpec* find_command(const std::string& name);

nlohmann::json dispatch(AppState& app, const nlohmann::json& command);

// Typed helpers for the panels: each builds the command the bridge would send.
namespace cmd {
nlohmann::json select(AppState& app, const std::string& id);   // "" closes the conversation
nlohmann::json filter(AppState& app, const std::string& name);
nlohmann::json search(AppState& app, const std::string& field, const std::string& text);
nlohmann::json sort(AppState& app, const std::string& by, bool descending);
nlohmann::json multi_select_clear(AppState& app);
nlohmann::json window(AppState& app, const char* name, bool open);
nlohmann::json clock(AppState& app, const nlohmann::json& fields);   // {now}, {speed} or both
}  // namespace cmd
