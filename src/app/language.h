// The UI language of this browser: chosen at start-up from the browser's preference, switched
// by the `language` command, and the texts the bridge reports as drawn (the menu titles).
//
//   start_language(app);           // start_app() does it: catalogues loaded, language picked
//   choose_language("zh");         // switch and remember it in this browser
//   menu_titles().view             // "View" / "视图": what menu_bar.cpp draws
#pragma once
#include <string>

struct AppState;

// Loads the catalogues from <app.assets_dir>/i18n (once per folder) and picks the language kept
// as the browser's "language" preference (web: localStorage, with navigator.language as the
// page's default); English when the preference holds anything else.
void start_language(const AppState& app);
// Switches the UI to `code` and keeps the choice as the browser's preference; false for a code
// that is not a UI language (kLanguages in i18n.h).
bool choose_language(const std::string& code);

// The menu bar's titles in the order it draws them. menu_bar.cpp draws exactly these, and
// state().menu_titles reports them, so the two cannot disagree.
struct MenuTitles {
    const char* inbox;
    const char* view;
    const char* team;   // Team: the registers (registers_window.cpp) and what a team shares
    const char* help;
};
MenuTitles menu_titles();
