// Keyboard shortcuts of the inbox (Gmail-like) and the "?" sheet that lists them. Keys act only
// while no text field has the focus; each one sends the same command a mouse click would.
//
// Key codes are the browser's (KeyboardEvent.keyCode): the platform layer feeds them to ImGui 1.86
// as raw key indices.
#include "app_state.h"
#include "commands.h"
#include "i18n.h"
#include "panels.h"
#include "imgui.h"

namespace {

enum Key : int {
    kEnter = 13, kEscape = 27, kUp = 38, kDown = 40, kE = 69, kJ = 74, kK = 75, kL = 76, kR = 82, kT = 84, kU = 85, kX = 88,
    kSlash = 191,   // "/" and, with Shift, "?"
};

// The sheet's rows: the keys as written in the UI language ("j  or  ↓") and what they do.
struct Shortcut {
    const char* keys_key;
    const char* what_key;
};
const Shortcut kShortcuts[] = {
    {"shortcuts.keys.next", "shortcuts.next"},
    {"shortcuts.keys.previous", "shortcuts.previous"},
    {"shortcuts.keys.open", "shortcuts.open"},
    {"shortcuts.keys.select", "shortcuts.select"},
    {"shortcuts.keys.click", "shortcuts.click"},
    {"shortcuts.keys.unread", "shortcuts.unread"},
    {"shortcuts.keys.labels", "shortcuts.labels"},
    {"shortcuts.keys.close", "shortcuts.close"},
    {"shortcuts.keys.reply", "shortcuts.reply"},
    {"shortcuts.keys.template", "shortcuts.template"},
    {"shortcuts.keys.send", "shortcuts.send"},
    {"shortcuts.keys.editor_template", "shortcuts.editor_template"},
    {"shortcuts.keys.search", "shortcuts.search"},
    {"shortcuts.keys.escape", "shortcuts.escape"},
    {"shortcuts.keys.sheet", "shortcuts.sheet"},
};

// What u / l / e act on: the multi-selection when there is one, else the open conversation,
// else the row under the cursor.
std::string single_target(const AppState& app) {
    return !app.view.selected.empty() ? app.view.selected : app.view.cursor;
}

}  // namespace

void handle_keyboard(AppState& app) {
    ImGuiIO& io = ImGui::GetIO();
    ViewState& v = app.view;
    // After "/", keys typed before the search box has the focus are held and replayed into it, so
    // "/refund" typed fast loses no letter and moves no cursor.
    if (v.search_focus_wait > 0) {
        if (io.WantTextInput) {
            // What was typed first goes first, before this frame's characters.
            ImVector<ImWchar> now_typed = io.InputQueueCharacters;
            io.InputQueueCharacters.resize(0);
            for (unsigned short ch : v.typed_ahead) io.InputQueueCharacters.push_back(ImWchar(ch));
            for (ImWchar ch : now_typed) io.InputQueueCharacters.push_back(ch);
            v.typed_ahead.clear();
            v.search_focus_wait = 0;
        } else {
            for (ImWchar ch : io.InputQueueCharacters) v.typed_ahead.push_back(ch);
            io.InputQueueCharacters.resize(0);
            if (--v.search_focus_wait == 0) v.typed_ahead.clear();
            return;
        }
    }
    if (io.WantTextInput || io.KeyCtrl || io.KeyAlt || io.KeySuper) return;
    if (!io.KeyShift && ImGui::IsKeyPressed(kSlash, false)) {
        v.focus_search = true;
        v.search_focus_wait = 8;
        io.InputQueueCharacters.resize(0);   // the "/" itself is not part of the search
        return;
    }
    auto pressed = [](int key) { return ImGui::IsKeyPressed(key, true); };
    if (io.KeyShift && ImGui::IsKeyPressed(kSlash, false)) {
        cmd::window(app, "shortcuts", !app.show_shortcuts);
        return;
    }
    if (io.KeyShift) return;
    if (pressed(kJ) || pressed(kDown)) dispatch(app, {{"type", "move"}, {"by", 1}});
    if (pressed(kK) || pressed(kUp)) dispatch(app, {{"type", "move"}, {"by", -1}});
    if (ImGui::IsKeyPressed(kEnter, false)) dispatch(app, {{"type", "open"}});
    if (ImGui::IsKeyPressed(kX, false) && !app.view.cursor.empty()) dispatch(app, {{"type", "multi_select"}, {"toggle", app.view.cursor}});
    if (ImGui::IsKeyPressed(kEscape, false)) {
        if (app.show_shortcuts) app.show_shortcuts = false;
        else if (!app.view.checked.empty()) cmd::multi_select_clear(app);
    }
    bool bulk = !app.view.checked.empty();
    if (ImGui::IsKeyPressed(kU, false)) {
        if (bulk) {
            // Like a mail client: if any selected conversation is read, the key marks them all unread.
            bool any_read = false;
            for (const std::string& id : app.view.checked)
                if (const sd::Conversation* c = app.store.find_conversation(id)) any_read |= !c->unread;
            dispatch(app, {{"type", "bulk"}, {"action", any_read ? "mark_unread" : "mark_read"}});
        } else if (const sd::Conversation* c = app.store.find_conversation(single_target(app))) {
            dispatch(app, {{"type", c->unread ? "mark_read" : "mark_unread"}, {"id", c->id}});
        }
    }
    if (ImGui::IsKeyPressed(kE, false)) {
        nlohmann::json r = bulk ? dispatch(app, {{"type", "bulk"}, {"action", "close"}})
                                : dispatch(app, {{"type", "set_status"}, {"id", single_target(app)}, {"status", "closed"}});
        if (!bulk) app.action_error = r["ok"] == true ? "" : r.value("error", "");
    }
    if (ImGui::IsKeyPressed(kL, false)) app.open_label_popup = true;
    if (!app.composer.id.empty() && ImGui::IsKeyPressed(kT, false)) app.composer.open_picker = true;
    if (!app.composer.id.empty() && ImGui::IsKeyPressed(kR, false)) app.composer.focus_start = app.composer.focus_end = -1;
}

void draw_shortcut_sheet(AppState& app) {
    if (!app.show_shortcuts) return;
    ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    if (ImGui::Begin(tr_id("shortcuts.title", "shortcuts").c_str(), &app.show_shortcuts,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
            for (const Shortcut& s : kShortcuts) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextColored(ImVec4(0.12f, 0.35f, 0.75f, 1), "%s", tr(s.keys_key));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(tr(s.what_key));
            }
            ImGui::EndTable();
        }
        ImGui::TextDisabled("%s", tr("shortcuts.footer"));
    }
    ImGui::End();
}
