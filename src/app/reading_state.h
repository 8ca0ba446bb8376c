// View state for reading: the text selection in the open thread's messages, the thread's find
// bar, the last frame's layout of the message texts, the screen-reader mirror's bookkeeping and
// the text size window. Plain data held by AppState (app_state.h); reading.h has the functions.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/text_layout.h"

// A place in the thread's text: message index and byte offset in its body.
struct TextPos {
    int message = -1;
    size_t at = 0;
    bool operator==(const TextPos& o) const { return message == o.message && at == o.at; }
    bool operator!=(const TextPos& o) const { return !(*this == o); }
    bool operator<(const TextPos& o) const { return message != o.message ? message < o.message : at < o.at; }
};

struct TextSelection {
    std::string conversation;      // the thread it is in ("" = none)
    TextPos anchor, caret;         // it runs between them, in either order; equal = nothing selected
    bool dragging = false;         // the mouse button is held since a press on message text
    int unit = 1;                  // what a drag extends by: 1 character, 2 word, 3 paragraph
    TextPos unit_begin, unit_end;  // the word or paragraph the double / triple click took
    bool open_menu = false;        // right-clicked: open the context menu next
    int menu_message = -1;         // the message it was opened on
};

struct FindMatch {
    int message = 0;
    size_t begin = 0, end = 0;     // bytes of the message body
};

struct FindState {
    bool open = false;
    std::string text;              // what is searched for, as typed
    std::vector<FindMatch> matches;
    int current = -1;              // index into matches, -1 = none
    bool scroll = false;           // bring the current match into view when the thread is next drawn
    std::string key;               // what the matches were found in (thread, text, messages)
};

// How one message's text was laid out last frame, where, and with which font: reused while
// nothing changed, and read by the keys that move by line.
struct MessageLayout {
    std::vector<sd::TextLine> lines;
    float wrap = -1, font_px = 0;  // what it was laid out for
    size_t bytes = 0;
    const void* font = nullptr;
    float x = 0, y = 0;            // where the text was drawn (screen px; its first line's top left)
    bool shown = false;            // drawn last frame (texts still loading are not)
};

// The screen-reader mirror (a11y_mirror.h): what it was last built from and sent.
struct MirrorState {
    std::string key;
    uint64_t sent_hash = 0;
    int updates = 0;               // times the page's mirror was updated
};

struct ReadingState {
    TextSelection selection;
    FindState find;
    std::string layout_of;         // the conversation `layout` belongs to
    std::vector<MessageLayout> layout;
    sd::GlyphWidths widths;        // the glyph widths of `font` (set while drawing)
    const void* font = nullptr;    // the font the thread's text is drawn with, its size in px
    float font_px = 0, font_scale = 1;
    MirrorState mirror;
    bool show_text_size = false;   // View > Text size window
};
