// Shared by the command handlers (command_support.h).
#include "command_support.h"

#include "app_state.h"

using nlohmann::json;

json fail(const std::string& error) { return {{"ok", false}, {"error", error}}; }
json ok() { return {{"ok", true}}; }
json ok_then(json command) { return {{"ok", true}, {"then", std::move(command)}}; }

sd::Conversation* find_conversation_arg(AppState& app, const json& cmd, json& err) {
    if (!cmd.contains("id") || !cmd["id"].is_string()) {
        err = fail("\"id\" must be a conversation ID string");
        return nullptr;
    }
    sd::Conversation* c = app.store.find_conversation(cmd["id"].get<std::string>());
    if (!c) err = fail("no conversation \"" + cmd["id"].get<std::string>() + "\"");
    return c;
}

std::string mint_id(const AppState& app, const sd::Conversation& c, const char* kind, size_t n) {
    return c.id + "-" + kind + std::to_string(n) + "-" + app.settings.replica_id;
}

bool valid_name(const json& v, size_t max_len) {
    if (!v.is_string()) return false;
    const std::string& s = v.get_ref<const std::string&>();
    return s.find_first_not_of(" \t") != std::string::npos && s.size() <= max_len;
}

