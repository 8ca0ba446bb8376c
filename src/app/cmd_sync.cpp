// The live sync's commands (team_sync.h): connect to a CouchDB database, stop. Both keep the
// settings in /data/sync/settings.json only; the answer never repeats the password.
#include "app_state.h"
#include "command_handlers.h"
#include "command_support.h"
#include "team_sync.h"

using nlohmann::json;

json cmd_sync_configure(AppState& app, const json& cmd) {
    for (const char* k : {"url", "db", "user", "password"})
        if (cmd.contains(k) && !cmd[k].is_string()) return fail(std::string("\"") + k + "\" must be a string");
    for (const char* k : {"url", "db"})
        if (!cmd.contains(k)) return fail(std::string("sync_configure needs \"") + k + "\"");
    return sync_configure(app, cmd["url"].get<std::string>(), cmd["db"].get<std::string>(), cmd.value("user", std::string()),
                          cmd.value("password", std::string()));
}

json cmd_sync_stop(AppState& app, const json&) { return sync_stop(app); }
