// A text field of the interface: ImGui reserves its place and draws its frame, the browser's
// <input>/<textarea> laid over it does the editing (platform::field_*). Every text field of the
// panels is one of these, so typing, IME composition, paste, selection and undo work the same
// everywhere and go to the focused field only.
//
//   TextFieldEvents e = text_field(app, "note", app.note_text, options);   // options.hint, .multiline…
//   if (e.enter) add_the_note();
#pragma once
#include <string>
#include <vector>

struct AppState;

struct TextFieldOptions {
    const char* hint = "";      // shown while empty
    const char* label = "";     // the accessible name (the hint when empty)
    float width = -1;           // px; <= 0: up to the right edge minus -width
    float height = 0;           // px; 0 = one line
    bool multiline = false;
    bool marks = false;         // the reply checker's marks (the composer)
    bool password = false;      // shown as dots; the browser's field is type=password when its ID ends in "password"
};

struct TextFieldEvents {
    bool changed = false;       // the text was edited since the last frame
    bool enter = false, ctrl_enter = false, escape = false, up = false, down = false;
    bool shift_enter = false;   // one-line fields; `enter` is set too
    bool focused = false;       // it has the keyboard focus
};

TextFieldEvents text_field(AppState& app, const char* id, std::string& text, const TextFieldOptions& o = TextFieldOptions());
// A number typed in a text field: shown with `decimals` decimals, applied to `value` when Enter is
// pressed or the field is left, if it parses and lies in [min, max] (else the field goes back to
// the value). True when `value` changed.
bool number_field(AppState& app, const char* id, double& value, double min, double max, int decimals, float width,
                  const char* label = "");
// Placement only, for a field whose text is managed elsewhere (the composer): draws the frame and
// places the browser's field over the rectangle the next `height` px of the window give it.
void text_field_place(AppState& app, const char* id, const std::string& text, const TextFieldOptions& o);
// Ask for the keyboard focus for a field (now if the page has it, else when it is next drawn).
void focus_field(AppState& app, const char* id);
// Once per frame, after every panel: hides the fields no panel drew.
void text_fields_end_frame(AppState& app);
// Where the browser's fields were shown last frame (tooltips keep clear of them).
struct ImRect;
const std::vector<ImRect>& visible_field_rects();
