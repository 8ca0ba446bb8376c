// Keyboard shortcuts (shortcuts.h). The sheet that lists them is keyboard.cpp.
#include "shortcuts.h"

#include "app_state.h"
#include "commands.h"
#include "reading.h"
#include "platform/platform.h"

using nlohmann::json;

namespace {

enum Key : int {
    kTab = 9, kEnter = 13, kEscape = 27, kEnd = 35, kHome = 36, kLeft = 37, kUp = 38, kRight = 39, kDown = 40, kA = 65, kC = 67,
    kE = 69, kF = 70, kJ = 74, kK = 75, kL = 76, kP = 80, kR = 82, kT = 84, kU = 85, kX = 88, kZ = 90,
    kSlash = 191,   // "/" and, with Shift, "?"
};
constexpr int kCtrl = 1, kShift = 2, kAlt = 4, kMeta = 8;

// What u / l / e act on when nothing is multi-selected: the open conversation, else the cursor's.
std::string single_target(const AppState& app) { return !app.view.selected.empty() ? app.view.selected : app.view.cursor; }

// u: like a mail client, if any selected conversation is read the key marks them all unread.
void toggle_unread(AppState& app) {
    if (!app.view.checked.empty()) {
        bool any_read = false;
        for (const std::string& id : app.view.checked)
            if (const sd::Conversation* c = app.store.find_conversation(id)) any_read |= !c->unread;
        dispatch(app, {{"type", "bulk"}, {"action", any_read ? "mark_unread" : "mark_read"}});
    } else if (const sd::Conversation* c = app.store.find_conversation(single_target(app))) {
        dispatch(app, {{"type", c->unread ? "mark_read" : "mark_unread"}, {"id", c->id}});
    }
}

void close_conversations(AppState& app) {
    json r = !app.view.checked.empty() ? dispatch(app, {{"type", "bulk"}, {"action", "close"}})
                                       : dispatch(app, {{"type", "set_status"}, {"id", single_target(app)}, {"status", "closed"}});
    app.action_error = r["ok"] == true ? "" : r.value("error", "");
}

// Tab moves the focus between the panes: folders, list, thread, the reply editor.
void cycle_pane(AppState& app, bool back) {
    static const char* kPanes[] = {"folders", "list", "thread"};
    int at = 1;
    for (int i = 0; i < 3; ++i)
        if (app.view.pane == kPanes[i]) at = i;
    const int next = at + (back ? -1 : 1);
    if (next >= 3 && !app.composer.id.empty() && !app.tab.read_only) {
        platform::field_focus("composer", -1, -1);
        return;
    }
    app.view.pane = kPanes[(next + 3) % 3];
}

// Keys that act whatever the setting: moving, opening, Escape, Tab.
bool navigation_key(AppState& app, int key, int mods) {
    if (mods & (kCtrl | kAlt | kMeta)) return false;
    if (key == kTab) {
        cycle_pane(app, mods & kShift);
        return true;
    }
    if (mods & kShift) return false;
    if (key == kDown) return dispatch(app, {{"type", "move"}, {"by", 1}}), true;
    if (key == kUp) return dispatch(app, {{"type", "move"}, {"by", -1}}), true;
    if (key == kEnter) return dispatch(app, {{"type", "open"}}), true;
    if (key == kEscape) {
        if (app.show_shortcuts) app.show_shortcuts = false;
        else if (!app.view.checked.empty()) cmd::multi_select_clear(app);
        else return false;
        return true;
    }
    return false;
}

bool single_key(AppState& app, int key, int mods) {
    if (mods & (kCtrl | kAlt | kMeta)) return false;
    if (mods & kShift) {
        if (key == kP) return cmd::window(app, "performance", !app.dashboard.show), true;
        if (key != kSlash) return false;
        cmd::window(app, "shortcuts", !app.show_shortcuts);
        return true;
    }
    switch (key) {
        case kSlash: platform::field_focus("search", 0, -1); return true;
        case kJ: dispatch(app, {{"type", "move"}, {"by", 1}}); return true;
        case kK: dispatch(app, {{"type", "move"}, {"by", -1}}); return true;
        case kX:
            if (app.view.cursor.empty()) return false;
            dispatch(app, {{"type", "multi_select"}, {"toggle", app.view.cursor}});
            return true;
        case kU: toggle_unread(app); return true;
        case kE: close_conversations(app); return true;
        case kZ: dispatch(app, {{"type", "undo"}}); return true;
        case kL:
            app.open_label_popup = true;
            platform::field_focus(app.view.checked.empty() ? "label" : "bulk_label", -1, -1);
            return true;
        case kR:
            if (app.composer.id.empty()) return false;
            platform::field_focus("composer", -1, -1);
            return true;
        case kT:
            if (app.composer.id.empty()) return false;
            app.composer.open_picker = true;
            platform::field_focus("picker", -1, -1);
            return true;
        default: return false;
    }
}

// Reading the thread: Ctrl+F finds in it from any pane (the browser's own find only when no
// conversation is open); Esc closes the find bar; with the caret in a message's text (a click put
// it there) Ctrl+C copies the selection, Ctrl+A selects the message, Shift+arrows extend.
bool reading_key(AppState& app, int key, int mods) {
    const bool ctrl = mods & (kCtrl | kMeta), shift = mods & kShift, alt = mods & kAlt;
    if (key == kF && ctrl && !shift && !alt) {
        if (dispatch(app, {{"type", "find"}, {"open", true}})["ok"] != true) return false;
        platform::field_focus("find", 0, -1);
        return true;
    }
    if (key == kEscape && !mods && app.reading.find.open && !app.show_shortcuts) {
        dispatch(app, {{"type", "find"}, {"open", false}});
        return true;
    }
    if (app.view.pane != "thread" || !text_caret(app) || alt) return false;
    if (ctrl && !shift && key == kC) return copy_selection(app);
    if (ctrl && !shift && key == kA) {
        select_message(app, app.reading.selection.caret.message);
        return true;
    }
    const bool arrow = key == kLeft || key == kRight || key == kUp || key == kDown || key == kHome || key == kEnd;
    if (shift && arrow) return extend_selection(app, key, ctrl);
    if (key == kEscape && !mods && text_selected(app)) {
        clear_text_selection(app);
        return true;
    }
    return false;
}

}  // namespace

bool handle_shortcut(AppState& app, int key_code, int mods) {
    if (!app.ready || app.import.running || app.ui_takes_keys) return false;
    if (reading_key(app, key_code, mods)) return true;
    if (app.view.pane != "list" && app.view.pane != "thread") {
        if (key_code == kTab && !(mods & (kCtrl | kAlt | kMeta))) return cycle_pane(app, mods & kShift), true;
        return false;
    }
    if (navigation_key(app, key_code, mods)) return true;
    return app.single_key_shortcuts && single_key(app, key_code, mods);
}
