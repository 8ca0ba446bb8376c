// The browser edge, behind a small interface (web.cpp holds every EM_JS; nothing else does).
//
//   platform::init(desc)          WebGL2 context on #canvas, ImGui IO wiring, clipboard
//   platform::begin_frame()       feeds queued input and the canvas size/DPR into ImGui
//   platform::persist()           flushes the IDBFS mount to IndexedDB; the result arrives later
//                                 through desc.on.persisted(ok, message)
//   platform::now_ms()            the real wall clock (the core never reads it; the app passes it in)
//   platform::preference(name)    a per-browser preference such as the UI language (localStorage)
#pragma once
#include <cstdint>
#include <string>

namespace platform {

// What the page reports back, handed in by the app (the platform never names the app's code).
struct Callbacks {
    void (*persisted)(bool ok, const char* message) = nullptr;               // a flush finished
    void (*field_input)(const char* id, const char* text, int caret_utf16) = nullptr;   // typed, pasted, undone…
    // A key the field does not handle itself: "enter", "shift+enter", "ctrl+enter", "escape", "up", "down",
    // "ctrl+/", and "caret" when only the caret moved. True when the app used it.
    bool (*field_key)(const char* id, const char* key, int caret_utf16) = nullptr;
    void (*field_focus)(const char* id) = nullptr;                          // "" when no field has it
    // A key pressed on the page (not in a field), before anything else sees it: true when the app
    // used it as a shortcut. key_code is KeyboardEvent.keyCode; mods 1 ctrl, 2 shift, 4 alt, 8 meta.
    bool (*shortcut)(int key_code, int mods) = nullptr;
    void (*file_picked)(const char* purpose, const char* name, const char* text) = nullptr;
};

struct Desc {
    const char* canvas = "#canvas";
    Callbacks on;
};

bool init(const Desc& desc);
// Applies queued input to ImGui; returns false when no new input arrived since the last frame.
bool begin_frame();
void render_frame();
void upload_fonts();                         // after the font atlas was rebuilt
double now_ms();
double perf_ms();   // a monotonic clock for measuring how long work takes (performance.now)
float device_pixel_ratio();
void persist();                              // async; see Callbacks::persisted
std::string url_param(const char* name);     // "" when absent
void request_frames(double ms);              // keep drawing at full rate for this long
void set_busy_text(const char* text);        // the HTML status line under/over the canvas ("" hides it)
// Small preferences of this browser, not inbox data (neither exported nor journaled): web keeps
// them in localStorage as "sellerdesk.<name>". "" when unset, unless the page gives a default
// (web/sellerdesk.js: "language" from navigator.language).
std::string preference(const char* name);
void set_preference(const char* name, const std::string& value);

// Text fields: a browser <input> or <textarea> laid over each text field the app draws (typing,
// IME composition for Chinese, paste, selection, undo, spell check come from the browser), so
// what is typed goes to the field that has the focus and nowhere else. The app places every
// field it draws each frame; a field not placed in a frame is hidden. Offsets are UTF-16 code
// units, as the browser counts them; -1 = the end.
struct FieldPlacement {
    float x = 0, y = 0, w = 0, h = 0;    // CSS px
    bool multiline = false;
    bool visible = true;                 // false: hidden (covered by a popup, scrolled out)
    bool marks = false;                  // draws the reply checker's marks under the text
    int tab_order = 0;                   // Tab moves through the fields in this order
    float font_px = 14;
    const char* hint = "";               // shown while empty
    const char* label = "";              // its accessible name
};
void field_place(const std::string& id, const FieldPlacement& p);
void fields_end_frame();                                           // hides the fields not placed this frame
void field_set_text(const std::string& id, const std::string& text, int caret_utf16);
void field_set_marks(const std::string& id, const std::string& marks_json);   // [{start, end, severity}]
// Focus the field and select [start, end): now, or as soon as it is placed (keys typed on the
// page meanwhile are kept and typed into it then).
void field_focus(const std::string& id, int start_utf16, int end_utf16);
void field_blur();                                                 // the page (canvas) gets the focus back
void copy_text(const std::string& text);                // to the system clipboard
void download(const std::string& name, const std::string& text, const char* mime);
void pick_file(const char* purpose, const char* accept);  // the file arrives through Callbacks::file_picked
void import_done(const std::string& report_json);         // resolves window.sellerdesk.importJson's promise
// The import dialog of dropped or picked files was answered: the options ({clear_demo,
// other_marketplace}) to read them with, or "" when it was cancelled (web/import_files.js).
void import_files_answer(const std::string& options_json);
// Several tabs (web/sellerdesk.js): whether this tab holds the write lock; a writer's answer to a
// take-over request (release = saved everything, stop writing); a follower's request.
bool is_writer();
// A file IndexedDB holds that the page is still reading (a large texts file, after the first
// frame); it is in the file system when sd_texts_arrived() is called.
bool file_arriving(const std::string& path);
void handover_ready(bool release, const std::string& reason);
void request_takeover();

// The screen-reader mirror (web/a11y.js): the JSON of src/app/a11y_mirror.h, sent when it changed.
void a11y_update(const std::string& mirror_json);
// The mouse pointer over the canvas: an ImGuiMouseCursor value (text over message text, …).
void set_mouse_cursor(int imgui_cursor);

}  // namespace platform
