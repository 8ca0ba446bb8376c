// The reply composer's state (composer.h). The checker is cheap enough to run on every
// keystroke (docs/performance.md); the draft is saved to the conversation (a set_draft op,
// journaled like any edit) a moment after typing stops, when another conversation is opened,
// and before the page is hidden.
#include "composer.h"

#include <algorithm>

#include "app_state.h"
#include "edits.h"
#include "core/compose.h"
#include "platform/platform.h"

using nlohmann::json;

namespace {

constexpr double kDraftDelayMs = 800;

int to_utf16(const std::string& text, size_t byte) { return int(sd::utf16_offset(text, byte)); }

}  // namespace

size_t utf16_to_byte(const std::string& text, int utf16) {
    if (utf16 < 0) return text.size();
    size_t i = 0;
    int u = 0;
    while (i < text.size() && u < utf16) {
        unsigned char b = static_cast<unsigned char>(text[i]);
        size_t len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        u += len == 4 ? 2 : 1;
        i = std::min(text.size(), i + len);
    }
    return i;
}

json findings_json_utf16(const std::vector<sd::Finding>& findings, const std::string& text) {
    json out = json::array();
    for (const sd::Finding& f : findings)
        out.push_back({{"rule", f.rule}, {"severity", sd::to_string(f.severity)}, {"start", to_utf16(text, f.start)},
                       {"end", to_utf16(text, f.end)}, {"message", f.message}, {"start_byte", f.start}, {"end_byte", f.end},
                       {"source", f.source}});
    return out;
}

json composer_json(const AppState& app) {
    const ComposerState& cs = app.composer;
    if (cs.id.empty()) return {{"id", nullptr}, {"text", ""}, {"findings", json::array()}};
    // Findings are recomputed here when typing has not reached a frame yet: state() is never stale.
    std::vector<sd::Finding> fresh;
    const std::vector<sd::Finding>* f = &cs.findings;
    if (cs.check_due)
        if (const sd::Conversation* c = app.store.find_conversation(cs.id)) {
            fresh = sd::check_draft(app.store, *c, cs.text);
            f = &fresh;
        }
    return {{"id", cs.id}, {"text", cs.text}, {"findings", findings_json_utf16(*f, cs.text)}, {"caret", to_utf16(cs.text, cs.caret)},
            {"draft_saved", !cs.draft_due}};
}

void composer_open(AppState& app) {
    ComposerState& cs = app.composer;
    if (cs.id == app.view.selected) return;
    const sd::Conversation* c = app.store.find_conversation(app.view.selected);
    cs = ComposerState();
    if (!c) {
        platform::field_set_text("composer", "", 0);
        return;
    }
    cs.id = c->id;
    cs.text = c->draft;
    cs.caret = cs.text.size();
    cs.push_text = true;
}

void composer_set_text(AppState& app, const std::string& text, size_t caret, bool from_editor) {
    ComposerState& cs = app.composer;
    if (cs.id.empty()) return;
    if (text != cs.text) {
        cs.text = text;
        cs.check_due = true;
        cs.draft_due = true;
        cs.edited_ms = app.real_ms;
        cs.notice.clear();
    }
    cs.caret = std::min(caret, cs.text.size());
    if (!from_editor) cs.push_text = true;
}

bool composer_update(AppState& app) {
    ComposerState& cs = app.composer;
    if (cs.id != app.view.selected) composer_open(app);
    if (cs.id.empty()) return false;
    const sd::Conversation* c = app.store.find_conversation(cs.id);
    if (!c) return false;
    if (cs.push_text) {
        platform::field_set_text("composer", cs.text, to_utf16(cs.text, cs.caret));
        cs.push_text = false;
        cs.check_due = true;
    }
    if (cs.check_due) {
        cs.findings = sd::check_draft(app.store, *c, cs.text);
        cs.check_due = false;
        json marks = json::array();
        for (const sd::Finding& f : cs.findings)
            if (f.end > f.start)
                marks.push_back({{"start", to_utf16(cs.text, f.start)}, {"end", to_utf16(cs.text, f.end)}, {"severity", sd::to_string(f.severity)}});
        platform::field_set_marks("composer", marks.dump());
    }
    if (cs.focus_start != -2) {
        platform::field_focus("composer", cs.focus_start, cs.focus_end);
        cs.focus_start = cs.focus_end = -2;
    }
    if (!cs.draft_due) return false;
    if (app.real_ms - cs.edited_ms >= kDraftDelayMs) return true;
    platform::request_frames(kDraftDelayMs);   // come back when it is due
    return false;
}

void composer_on_input(AppState& app, const char* text, int caret_utf16) {
    std::string t = text ? text : "";
    const bool changed = t != app.composer.text;
    composer_set_text(app, t, utf16_to_byte(t, caret_utf16), true);
    if (changed) keep_typed_draft(app);   // safe before the next frame, whatever happens to the page
}
