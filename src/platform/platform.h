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
    void (*persisted)(bool ok, const char* message) = nullptr;        // a flush finished
    void (*editor_input)(const char* text, int caret_utf16) = nullptr;   // the user typed in the reply editor
    void (*editor_command)(const char* name, int caret_utf16) = nullptr; // "send", "templates", "caret", "leave"
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

// The reply editor: a browser <textarea> laid over the canvas where the composer's box is drawn
// (native wrapping, undo, IME for Chinese, spell check, clipboard). Offsets are UTF-16 code units,
// as the browser counts them; -1 = the end.
void editor_place(float x, float y, float w, float h, bool visible);   // CSS px, every frame
void editor_set_text(const std::string& text, int caret_utf16);
void editor_set_marks(const std::string& marks_json);   // [{start, end, severity}] drawn under the text
void editor_focus(int start_utf16, int end_utf16);      // focus and select [start, end)
void copy_text(const std::string& text);                // to the system clipboard
void download(const std::string& name, const std::string& text, const char* mime);
void pick_file(const char* purpose, const char* accept);  // the file arrives through Callbacks::file_picked
void import_done(const std::string& report_json);         // resolves window.sellerdesk.importJson's promise
// Several tabs (web/sellerdesk.js): whether this tab holds the write lock; a writer's answer to a
// take-over request (release = saved everything, stop writing); a follower's request.
bool is_writer();
// A file IndexedDB holds that the page is still reading (a large texts file, after the first
// frame); it is in the file system when sd_texts_arrived() is called.
bool file_arriving(const std::string& path);
void handover_ready(bool release, const std::string& reason);
void request_takeover();

}  // namespace platform
