// The UI language of this browser (language.h).
#include "language.h"

#include <cstdio>

#include "app_state.h"
#include "i18n.h"
#include "platform/platform.h"

namespace {
constexpr const char* kPreference = "language";
}  // namespace

void start_language(const AppState& app) {
    const std::string dir = app.assets_dir + "/i18n";
    if (!i18n_loaded_from(dir)) {
        std::string error;
        // Nothing to tell the user in a dialog: a missing catalogue is a broken build, and tr()
        // still shows every text (English, or the key) meanwhile.
        if (!i18n_load(dir, error)) std::fprintf(stderr, "i18n: %s\n", error.c_str());
    }
    if (!i18n_set_language(platform::preference(kPreference))) i18n_set_language("en");
}

bool choose_language(const std::string& code) {
    if (!i18n_set_language(code)) return false;
    platform::set_preference(kPreference, code);
    return true;
}

MenuTitles menu_titles() { return {tr("menu.inbox"), tr("menu.view"), tr("menu.team"), tr("menu.help")}; }
