// The native platform (native.cpp): platform.h without a browser, for the app layer's tests.
// The clock is set by hand, flushes wait until the test acknowledges them, and what the app asks
// of the page (the editor's text, downloads, the clipboard, a take-over) is recorded to be read back.
//
//   platform::native::reset();
//   platform::native::set_now_ms(1764000000000);
//   start_app(app);                                   // inbox.h
//   platform::native::state().persist_requests;       // flushes asked for
#pragma once
#include <map>
#include <string>
#include <vector>

namespace platform::native {

struct Download {
    std::string name, text, mime;
};

struct State {
    double now_ms = 1764072000000;            // 2025-11-25T12:00:00Z
    bool writer = true;                       // is_writer()
    std::map<std::string, std::string> url;   // url_param()
    std::map<std::string, std::string> preferences;   // preference() / set_preference()
    int persist_requests = 0;                 // persist() calls
    std::map<std::string, std::string> field_text;   // the last field_set_text() per field
    std::map<std::string, bool> placed;       // fields placed this frame, and whether shown
    std::string focus_request;                // the last field_focus(), "" after field_blur()
    std::string clipboard;
    std::vector<Download> downloads;
    std::vector<std::string> picked;          // pick_file() purposes
    std::vector<std::string> import_answers;  // import_files_answer() options ("" = cancelled)
    int takeover_requests = 0;
    int handovers_ready = 0, handovers_refused = 0;
    std::string busy_text;
    std::string a11y_json;                    // the last a11y_update()
    int a11y_updates = 0;
};

State& state();
void reset();
void set_now_ms(double ms);
void advance_ms(double ms);

}  // namespace platform::native
