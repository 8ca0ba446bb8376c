// The native platform (native.h): everything platform.h promises, without a browser. perf_ms()
// is the process's steady clock, so the app's own timings stay real; now_ms() is the test's.
#include "native.h"

#include <chrono>

#include "platform.h"

namespace platform {

namespace native {
State& state() {
    static State s;
    return s;
}
void reset() { state() = State(); }
void set_now_ms(double ms) { state().now_ms = ms; }
void advance_ms(double ms) { state().now_ms += ms; }
}  // namespace native

bool init(const Desc&) { return true; }
bool begin_frame() { return false; }
void render_frame() {}
void upload_fonts() {}
double now_ms() { return native::state().now_ms; }
double perf_ms() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}
float device_pixel_ratio() { return 1.0f; }
void persist() { ++native::state().persist_requests; }
std::string url_param(const char* name) {
    auto it = native::state().url.find(name);
    return it == native::state().url.end() ? std::string() : it->second;
}
std::string preference(const char* name) {
    auto it = native::state().preferences.find(name);
    return it == native::state().preferences.end() ? std::string() : it->second;
}
void set_preference(const char* name, const std::string& value) { native::state().preferences[name] = value; }
void request_frames(double) {}
void set_busy_text(const char* text) { native::state().busy_text = text ? text : ""; }
void field_place(const std::string& id, const FieldPlacement& p) { native::state().placed[id] = p.visible; }
void fields_end_frame() { native::state().placed.clear(); }
void field_set_text(const std::string& id, const std::string& text, int) { native::state().field_text[id] = text; }
void field_set_marks(const std::string&, const std::string&) {}
void field_focus(const std::string& id, int, int) { native::state().focus_request = id; }
void field_blur() { native::state().focus_request.clear(); }
void copy_text(const std::string& text) { native::state().clipboard = text; }
void download(const std::string& name, const std::string& text, const char* mime) {
    native::state().downloads.push_back({name, text, mime ? mime : ""});
}
void pick_file(const char* purpose, const char*) { native::state().picked.push_back(purpose ? purpose : ""); }
void import_done(const std::string&) {}
void import_files_answer(const std::string& options_json) { native::state().import_answers.push_back(options_json); }
bool is_writer() { return native::state().writer; }
bool file_arriving(const std::string&) { return false; }
void handover_ready(bool release, const std::string&) { ++(release ? native::state().handovers_ready : native::state().handovers_refused); }
void request_takeover() { ++native::state().takeover_requests; }
void a11y_update(const std::string& mirror_json) {
    native::state().a11y_json = mirror_json;
    ++native::state().a11y_updates;
}
void set_mouse_cursor(int) {}

}  // namespace platform
