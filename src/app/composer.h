// The reply composer's state: the open conversation's draft as it is being typed (in the
// browser's textarea: the text field "composer"), the reply checker's findings on it, and when it
// is due to be saved. Drawing it is composer_panel.cpp; saving it is save_open_draft (edits.h).
#pragma once
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

#include "core/checker.h"

struct AppState;

void composer_open(AppState& app);   // after the selection changed: loads its draft
void composer_set_text(AppState& app, const std::string& text, size_t caret, bool from_editor);
// Each frame: the checker, the textarea's text and marks; true when the draft is due to be saved.
bool composer_update(AppState& app);
nlohmann::json composer_json(const AppState& app);
nlohmann::json findings_json_utf16(const std::vector<sd::Finding>& findings, const std::string& text);
size_t utf16_to_byte(const std::string& text, int utf16);
// The browser's textarea changed.
void composer_on_input(AppState& app, const char* text, int caret_utf16);
