// The open thread's message texts as selectable text, drawn with ImGui's draw lists: wrapped as
// ImGui wraps (CJK anywhere, Latin at blanks; core/text_layout.h), with the selection and the
// find bar's matches highlighted under the glyphs. Drag to select (across messages too),
// double-click a word, triple-click a paragraph, Shift+click extends; right-click opens a menu
// (Copy, Copy message, Search for this, Find). The keys are in shortcuts.cpp; the state is
// AppState::reading (reading.h).
//
//   thread_text_begin(app, c);                       // once, inside the thread's scrolling child
//   for (int i = 0; i < n; ++i) selectable_text(app, c, i, wrap_w);   // in each bubble
//   thread_text_end(app, c);                         // the drag across messages, the menu
#pragma once

struct AppState;
namespace sd { struct Conversation; }

void thread_text_begin(AppState& app, const sd::Conversation& c);
// Message `index`'s body at the cursor, `wrap_w` px wide, in the current text colour.
void selectable_text(AppState& app, const sd::Conversation& c, int index, float wrap_w);
void thread_text_end(AppState& app, const sd::Conversation& c);
