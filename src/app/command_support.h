// Shared by the command handlers (cmd_*.cpp): results, argument checks, new IDs. The handlers
// themselves are listed in command_handlers.h and registered in commands.cpp's table. A handler
// that needs another command run after it returns it as {ok: true, then: command}, and dispatch()
// runs it (handlers never call dispatch themselves).
#pragma once
#include <string>
#include <nlohmann/json.hpp>

#include "core/model.h"

struct AppState;

nlohmann::json fail(const std::string& error);
nlohmann::json ok();
// {ok: true, then: command}: `command` runs after this one (see above).
nlohmann::json ok_then(nlohmann::json command);
// The conversation named by the command's "id"; nullptr with `err` set when there is none.
sd::Conversation* find_conversation_arg(AppState& app, const nlohmann::json& cmd, nlohmann::json& err);
// A new ID for an item of conversation c made in this browser: "<c.id>-<kind><n>-<replica>".
std::string mint_id(const AppState& app, const sd::Conversation& c, const char* kind, size_t n);
// A non-blank string of at most max_len bytes.
bool valid_name(const nlohmann::json& v, size_t max_len);
