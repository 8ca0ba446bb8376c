// Reading the open thread: selecting and copying message text, finding text in the thread, and
// the interface's text size. The view state is AppState::reading (reading_state.h); the thread's
// drawing (selectable_text.h) and the keyboard (shortcuts.cpp) change it through these functions,
// the find and font_size commands (cmd_reading.cpp) too. No ImGui here: the keys that move by
// line use the layout the last frame drew, so all of it runs natively in the tests.
//
//   select_text(app, {0, 6}, {0, 25});          // message 0, bytes 6..25
//   copy_selection(app);                         // platform::copy_text(selected_text(app))
//   find_set_text(app, "parcel");                // the matches, the first one current
//   find_move(app, 1);                           // the next one (wraps around)
#pragma once
#include <string>
#include <nlohmann/json.hpp>

#include "reading_state.h"

struct AppState;
namespace sd { struct Conversation; }

constexpr int kMinFontPx = 13, kMaxFontPx = 20, kDefaultFontPx = 15;

// ---- the text selection (positions in the open thread) ----------------------------------------
// The caret is in the open thread (a click on its text put it there).
bool text_caret(const AppState& app);
// Something is selected in the open thread.
bool text_selected(const AppState& app);
// What Ctrl+C copies: the selected text; across messages their texts joined by a blank line.
std::string selected_text(const AppState& app);
void select_text(AppState& app, TextPos anchor, TextPos caret);
void clear_text_selection(AppState& app);
// Ctrl+A: the whole text of one message.
void select_message(AppState& app, int message);
// To the clipboard; false when nothing is selected.
bool copy_selection(AppState& app);
// Shift+arrows (DOM key codes 37 left, 38 up, 39 right, 40 down, 36 Home, 35 End) move the
// caret and keep the anchor; by_word (Ctrl) moves by word. False when the key does not apply.
bool extend_selection(AppState& app, int key_code, bool by_word);
// The selection's place under the mouse is inside it (a right-click keeps it).
bool selection_contains(const AppState& app, TextPos p);

// ---- find in the thread -----------------------------------------------------------------------
// Brings the matches up to date with the open thread and the text (cheap when nothing changed).
void find_refresh(AppState& app);
void find_set_text(AppState& app, const std::string& text);
void find_move(AppState& app, int by);
void find_close(AppState& app);
// The matches `text` has in conversation `c`, in thread order.
std::vector<FindMatch> find_in(const sd::Conversation& c, const std::string& text);

// ---- text size --------------------------------------------------------------------------------
// The size kept in this browser's preferences (kDefaultFontPx when none or out of range).
void load_font_size(AppState& app);
void set_font_size(AppState& app, int px);

// state(): {open, text, matches, current} and the selection ({text, message} or null).
nlohmann::json find_json(const AppState& app);
nlohmann::json selection_json(const AppState& app);
// state().layout.messages: where each message's text was drawn last frame (CSS px) and its
// wrapped lines as [begin, end) UTF-16 offsets, so tests can point at a character's line.
nlohmann::json messages_layout_json(const AppState& app);
