// The template library: the bundled templates (assets/templates.json) merged with the user's
// edits (templates.json beside the journal). The window and the picker that show it are
// template_window.cpp and template_picker.cpp.
#pragma once
#include <string>

struct AppState;

void load_templates(AppState& app);
bool save_user_templates(AppState& app);
// A template library file from the picker or a drop: its templates join the library. Returns what
// happened, for the library window, in the UI language ("Imported 3 templates from x.json.").
std::string import_template_file(AppState& app, const std::string& file_name, const std::string& text);
