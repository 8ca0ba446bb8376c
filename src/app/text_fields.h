// The text fields' events (platform::field_*): the browser's field reports typing, keys and focus
// between frames; these functions take them in. Each field's widget (text_field.h) picks up what
// is new for it when it is next drawn. The reply composer's field ("composer") goes straight to
// the composer (composer.h), which keeps its draft saved as it is typed.
#pragma once
#include <string>

struct AppState;

void fields_on_input(AppState& app, const char* id, const char* text, int caret_utf16);
void fields_on_key(AppState& app, const char* id, const char* key, int caret_utf16);
void fields_on_focus(AppState& app, const char* id);

// For a field's widget: the text typed since it was last drawn (true when there is some), and
// whether `key` was pressed in it since then (each taken once).
bool field_take_typed(AppState& app, const std::string& id, std::string& text);
bool field_take_key(AppState& app, const std::string& id, const char* key);
