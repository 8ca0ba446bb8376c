// The text fields' events (text_fields.h).
#include "text_fields.h"

#include <algorithm>

#include "app_state.h"
#include "commands.h"
#include "composer.h"
#include "edits.h"
#include "platform/platform.h"

namespace {

// The reply editor's own keys: Ctrl+Enter marks the reply sent (asking first when the checker
// found errors), Ctrl+/ opens the template picker, Esc saves the draft and leaves the editor.
void composer_key(AppState& app, const std::string& key, int caret_utf16) {
    ComposerState& cs = app.composer;
    if (cs.id.empty()) return;
    cs.caret = utf16_to_byte(cs.text, caret_utf16);
    if (key == "ctrl+enter") {
        nlohmann::json r = dispatch(app, {{"type", "mark_sent"}, {"id", cs.id}, {"override", false}});
        if (r["ok"] != true && r.contains("findings")) cs.confirm_send = true;
        else if (r["ok"] != true) cs.notice = r.value("error", "");
    } else if (key == "ctrl+/") {
        cs.open_picker = true;
    } else if (key == "escape") {
        save_open_draft(app);
        platform::field_blur();
    }
}

}  // namespace

void fields_on_input(AppState& app, const char* id, const char* text, int caret_utf16) {
    const std::string name = id ? id : "", t = text ? text : "";
    app.fields.shown[name] = t;
    if (name == "composer") {
        composer_on_input(app, t.c_str(), caret_utf16);
        return;
    }
    app.fields.typed[name] = FieldInput{t, caret_utf16};
}

void fields_on_key(AppState& app, const char* id, const char* key, int caret_utf16) {
    const std::string name = id ? id : "", k = key ? key : "";
    if (name == "composer") {
        composer_key(app, k, caret_utf16);
        return;
    }
    if (k == "caret") return;
    app.fields.keys.emplace_back(name, k);
}

void fields_on_focus(AppState& app, const char* id) { app.fields.focused = id ? id : ""; }

bool field_take_typed(AppState& app, const std::string& id, std::string& text) {
    auto it = app.fields.typed.find(id);
    if (it == app.fields.typed.end()) return false;
    text = std::move(it->second.text);
    app.fields.typed.erase(it);
    return true;
}

bool field_take_key(AppState& app, const std::string& id, const char* key) {
    auto& keys = app.fields.keys;
    auto it = std::find_if(keys.begin(), keys.end(), [&](const auto& k) { return k.first == id && k.second == key; });
    if (it == keys.end()) return false;
    keys.erase(it);
    return true;
}
