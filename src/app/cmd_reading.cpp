// Reading commands: find in the open thread, and the interface's text size. Neither changes saved
// inbox data: the find bar is view state, the text size a preference of this browser.
#include <cmath>
#include <cstdlib>

#include "app_state.h"
#include "command_handlers.h"
#include "command_support.h"
#include "reading.h"

using nlohmann::json;

namespace {

json find_result(const AppState& app) {
    const FindState& f = app.reading.find;
    return {{"ok", true}, {"matches", f.open ? f.matches.size() : 0}, {"current", f.open ? f.current + 1 : 0}};
}

}  // namespace

// {type: "find", open, text, move}: opens (the default) or closes the find bar, sets what it
// looks for, and moves to the next (1) or previous (-1) match. Refused as a whole, before
// anything changes, when a field is wrong or there is no match to move to.
json cmd_find(AppState& app, const json& cmd) {
    const sd::Conversation* c = app.store.find_conversation(app.view.selected);
    if (app.view.selected.empty() || !c) return fail("open a conversation first: find looks in the open thread");
    if (cmd.contains("open") && !cmd["open"].is_boolean()) return fail("\"open\" must be true or false");
    if (cmd.contains("text") && !cmd["text"].is_string()) return fail("\"text\" must be a string");
    int move = 0;
    if (cmd.contains("move")) {
        if (!cmd["move"].is_number_integer() || std::abs(cmd["move"].get<int>()) != 1)
            return fail("\"move\" must be 1 (the next match) or -1 (the previous one)");
        move = cmd["move"].get<int>();
    }
    const bool open = cmd.value("open", true);
    if (!open) {
        if (cmd.contains("text") || move) return fail("a closed find bar has no text to set and no match to move to");
        find_close(app);
        return find_result(app);
    }
    const std::string text = cmd.contains("text") ? cmd["text"].get<std::string>() : app.reading.find.text;
    if (move && find_in(*c, text).empty())
        return fail(text.empty() ? "type what to find first" : "no match for \"" + text + "\" in this conversation");
    find_set_text(app, text);
    if (move) find_move(app, move);
    return find_result(app);
}

// {type: "font_size", px}: the size of the interface's text in CSS px, kept in this browser.
json cmd_font_size(AppState& app, const json& cmd) {
    if (!cmd.contains("px") || !cmd["px"].is_number())
        return fail("\"px\" must be the text size in CSS pixels, a whole number from 13 to 20");
    const double px = cmd["px"].get<double>();
    if (px != std::floor(px) || px < kMinFontPx || px > kMaxFontPx)
        return fail("the text size must be a whole number of CSS pixels from 13 to 20, not " + cmd["px"].dump());
    set_font_size(app, int(px));
    return {{"ok", true}, {"font_size", app.font_size}};
}
