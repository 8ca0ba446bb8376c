// Browser platform: WebGL2 context, input queue for Dear ImGui 1.86, clipboard, IDBFS flushes,
// frame pacing. Every EM_JS of the app is in this file. The event listeners and the frame
// scheduler live in web/sellerdesk.js and call the sd_input_* / sd_frame exports below.
#include "platform.h"

#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "imgui.h"
#include "gl_renderer.h"

// ---- JavaScript side -------------------------------------------------------------------------
EM_JS(void, js_canvas_metrics, (float* css_w, float* css_h, float* dpr), {
    const c = Module.canvas;
    const r = window.devicePixelRatio || 1;
    const w = c.clientWidth || window.innerWidth, h = c.clientHeight || window.innerHeight;
    const pw = Math.max(1, Math.round(w * r)), ph = Math.max(1, Math.round(h * r));
    if (c.width !== pw || c.height !== ph) { c.width = pw; c.height = ph; }
    HEAPF32[css_w >> 2] = w; HEAPF32[css_h >> 2] = h; HEAPF32[dpr >> 2] = r;
});
EM_JS(double, js_now_ms, (), { return Date.now(); });
EM_JS(double, js_perf_ms, (), { return performance.now(); });
EM_JS(void, js_persist, (), {
    if (Module.sdPersist) Module.sdPersist();
});
EM_JS(void, js_set_clipboard, (const char* text), {
    const s = UTF8ToString(text);
    Module.sdClipboard = s;
    try { if (navigator.clipboard) navigator.clipboard.writeText(s).catch(() => {}); } catch (e) {}
});
EM_JS(char*, js_url_param, (const char* name), {
    const v = new URLSearchParams(location.search).get(UTF8ToString(name)) || "";
    const n = lengthBytesUTF8(v) + 1, p = _malloc(n);
    stringToUTF8(v, p, n);
    return p;
});
EM_JS(void, js_field_place, (const char* id, float x, float y, float w, float h, int flags, int tab, float font_px, const char* hint,
                             const char* label), {
    if (Module.sdFields)
        Module.sdFields.place(UTF8ToString(id), x, y, w, h, (flags & 1) !== 0, (flags & 2) !== 0, (flags & 4) !== 0, tab, font_px,
                              UTF8ToString(hint), UTF8ToString(label));
});
EM_JS(void, js_fields_end_frame, (), { if (Module.sdFields) Module.sdFields.endFrame(); });
EM_JS(void, js_field_set_text, (const char* id, const char* text, int caret), {
    if (Module.sdFields) Module.sdFields.setText(UTF8ToString(id), UTF8ToString(text), caret);
});
EM_JS(void, js_field_set_marks, (const char* id, const char* json), {
    if (Module.sdFields) Module.sdFields.setMarks(UTF8ToString(id), JSON.parse(UTF8ToString(json)));
});
EM_JS(void, js_field_focus, (const char* id, int start, int end), {
    if (Module.sdFields) Module.sdFields.focus(UTF8ToString(id), start, end);
});
EM_JS(void, js_field_blur, (), { if (Module.sdFields) Module.sdFields.blur(); });
EM_JS(void, js_download, (const char* name, const char* bytes, int len, const char* mime), {
    // The bytes go into the Blob as they are: no decoding to a JS string and back.
    const blob = new Blob([HEAPU8.slice(bytes, bytes + len)], { type: UTF8ToString(mime) });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = UTF8ToString(name);
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
});
EM_JS(void, js_pick_file, (const char* purpose, const char* accept), {
    if (Module.sdPickFile) Module.sdPickFile(UTF8ToString(purpose), UTF8ToString(accept));
});
EM_JS(void, js_import_done, (const char* report), {
    if (Module.sdImportDone) Module.sdImportDone(UTF8ToString(report));
});
EM_JS(int, js_is_writer, (), { return !Module.sdRole || Module.sdRole() === 'writer' ? 1 : 0; });
EM_JS(int, js_file_arriving, (const char* path), { return Module.sdArriving && Module.sdArriving(UTF8ToString(path)) ? 1 : 0; });
EM_JS(void, js_handover_ready, (int release, const char* reason), {
    if (Module.sdHandoverReady) Module.sdHandoverReady(release !== 0, UTF8ToString(reason));
});
EM_JS(void, js_request_takeover, (), { if (Module.sdTakeover) Module.sdTakeover(); });
EM_JS(void, js_request_frames, (double ms), { if (Module.sdWake) Module.sdWake(ms); });
// Preferences live in localStorage under "sellerdesk." + name; a browser that refuses storage
// (private mode, blocked) simply keeps the defaults.
EM_JS(char*, js_preference, (const char* name), {
    let v = "";
    try { v = localStorage.getItem("sellerdesk." + UTF8ToString(name)) || ""; } catch (e) {}
    const n = lengthBytesUTF8(v) + 1, p = _malloc(n);
    stringToUTF8(v, p, n);
    return p;
});
EM_JS(void, js_set_preference, (const char* name, const char* value), {
    try { localStorage.setItem("sellerdesk." + UTF8ToString(name), UTF8ToString(value)); } catch (e) {}
});
EM_JS(void, js_a11y_update, (const char* json), {
    if (window.SellerDeskA11y) window.SellerDeskA11y.update(UTF8ToString(json));
});
EM_JS(void, js_set_cursor, (const char* css), { Module.canvas.style.cursor = UTF8ToString(css); });
EM_JS(void, js_set_busy_text, (const char* text), {
    const el = document.getElementById('status');
    if (!el) return;
    const s = UTF8ToString(text);
    el.textContent = s;
    el.style.display = s ? 'block' : 'none';
});

// ---- input queue ------------------------------------------------------------------------------
// Dear ImGui 1.86 samples key and button state once per frame, so a press and release that land
// between two frames would be lost. Events are queued and a frame takes them only until one would
// change a key or button that already changed in this frame; the rest wait for the next frame.
namespace {

enum class EventType { MousePos, MouseButton, Wheel, Key, Text, Focus };
struct InputEvent {
    EventType type;
    int a = 0, b = 0;        // button/key code, down flag
    float x = 0, y = 0;
    int mods = 0;            // 1 ctrl, 2 shift, 4 alt, 8 meta
    std::string text;
};

struct PlatformState {
    platform::Callbacks on;
    std::vector<InputEvent> queue;
    std::string clipboard;
    float dpr = 1.0f;
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
    std::string cursor;      // the CSS cursor the canvas shows
};
PlatformState g_platform;

const char* get_clipboard(void*) { return g_platform.clipboard.c_str(); }
void set_clipboard_fn(void*, const char* text) {
    g_platform.clipboard = text;
    js_set_clipboard(text);
}

void apply_mods(ImGuiIO& io, int mods) {
    io.KeyCtrl = mods & 1;
    io.KeyShift = mods & 2;
    io.KeyAlt = mods & 4;
    io.KeySuper = mods & 8;
}

}  // namespace

extern "C" {
EMSCRIPTEN_KEEPALIVE void sd_input_mouse_pos(float x, float y) {
    g_platform.queue.push_back({EventType::MousePos, 0, 0, x, y, 0, {}});
}
EMSCRIPTEN_KEEPALIVE void sd_input_mouse_button(int button, int down) {
    g_platform.queue.push_back({EventType::MouseButton, button, down, 0, 0, 0, {}});
}
EMSCRIPTEN_KEEPALIVE void sd_input_wheel(float dx, float dy) {
    g_platform.queue.push_back({EventType::Wheel, 0, 0, dx, dy, 0, {}});
}
EMSCRIPTEN_KEEPALIVE void sd_input_key(int key_code, int down, int mods) {
    g_platform.queue.push_back({EventType::Key, key_code, down, 0, 0, mods, {}});
}
EMSCRIPTEN_KEEPALIVE void sd_input_text(const char* utf8) {
    g_platform.queue.push_back({EventType::Text, 0, 0, 0, 0, 0, utf8});
}
EMSCRIPTEN_KEEPALIVE void sd_input_focus(int focused) {
    g_platform.queue.push_back({EventType::Focus, 0, focused, 0, 0, 0, {}});
}
// A paste from the browser: make it the clipboard, then press Ctrl+V for ImGui.
EMSCRIPTEN_KEEPALIVE void sd_input_paste(const char* utf8) {
    g_platform.clipboard = utf8;
    g_platform.queue.push_back({EventType::Key, 86, 1, 0, 0, 1, {}});
    g_platform.queue.push_back({EventType::Key, 86, 0, 0, 0, 0, {}});
}
EMSCRIPTEN_KEEPALIVE void sd_platform_persisted(int ok, const char* message) {
    if (g_platform.on.persisted) g_platform.on.persisted(ok != 0, message);
}
EMSCRIPTEN_KEEPALIVE void sd_field_input(const char* id, const char* text, int caret) {
    if (g_platform.on.field_input) g_platform.on.field_input(id, text, caret);
}
EMSCRIPTEN_KEEPALIVE void sd_field_key(const char* id, const char* key, int caret) {
    if (g_platform.on.field_key) g_platform.on.field_key(id, key, caret);
}
EMSCRIPTEN_KEEPALIVE void sd_field_focus(const char* id) {
    if (g_platform.on.field_focus) g_platform.on.field_focus(id);
}
EMSCRIPTEN_KEEPALIVE int sd_shortcut(int key_code, int mods) {
    return g_platform.on.shortcut && g_platform.on.shortcut(key_code, mods) ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE void sd_file_picked(const char* purpose, const char* name, const char* text) {
    if (g_platform.on.file_picked) g_platform.on.file_picked(purpose, name, text);
}
}

namespace platform {

bool init(const Desc& desc) {
    g_platform.on = desc.on;
    EmscriptenWebGLContextAttributes attr;
    emscripten_webgl_init_context_attributes(&attr);
    attr.majorVersion = 2;
    attr.minorVersion = 0;
    attr.alpha = false;
    attr.antialias = false;
    attr.depth = false;
    attr.stencil = false;
    g_platform.gl = emscripten_webgl_create_context(desc.canvas, &attr);
    if (g_platform.gl <= 0) return false;
    emscripten_webgl_make_context_current(g_platform.gl);

    ImGuiIO& io = ImGui::GetIO();
    io.BackendPlatformName = "sellerdesk_web";
    io.IniFilename = nullptr;    // layout is fixed; nothing to keep in localStorage
    io.SetClipboardTextFn = set_clipboard_fn;
    io.GetClipboardTextFn = get_clipboard;
    // DOM keyCode values index io.KeysDown.
    io.KeyMap[ImGuiKey_Tab] = 9;
    io.KeyMap[ImGuiKey_LeftArrow] = 37;
    io.KeyMap[ImGuiKey_RightArrow] = 39;
    io.KeyMap[ImGuiKey_UpArrow] = 38;
    io.KeyMap[ImGuiKey_DownArrow] = 40;
    io.KeyMap[ImGuiKey_PageUp] = 33;
    io.KeyMap[ImGuiKey_PageDown] = 34;
    io.KeyMap[ImGuiKey_Home] = 36;
    io.KeyMap[ImGuiKey_End] = 35;
    io.KeyMap[ImGuiKey_Insert] = 45;
    io.KeyMap[ImGuiKey_Delete] = 46;
    io.KeyMap[ImGuiKey_Backspace] = 8;
    io.KeyMap[ImGuiKey_Space] = 32;
    io.KeyMap[ImGuiKey_Enter] = 13;
    io.KeyMap[ImGuiKey_Escape] = 27;
    io.KeyMap[ImGuiKey_KeyPadEnter] = 13;
    io.KeyMap[ImGuiKey_A] = 65;
    io.KeyMap[ImGuiKey_C] = 67;
    io.KeyMap[ImGuiKey_V] = 86;
    io.KeyMap[ImGuiKey_X] = 88;
    io.KeyMap[ImGuiKey_Y] = 89;
    io.KeyMap[ImGuiKey_Z] = 90;
    if (!gl_renderer::init()) return false;
    float w, h;
    js_canvas_metrics(&w, &h, &g_platform.dpr);
    return true;
}

bool begin_frame() {
    ImGuiIO& io = ImGui::GetIO();
    float w, h, dpr;
    js_canvas_metrics(&w, &h, &dpr);
    g_platform.dpr = dpr;
    io.DisplaySize = ImVec2(w, h);
    io.DisplayFramebufferScale = ImVec2(dpr, dpr);

    bool had_input = !g_platform.queue.empty();
    bool buttons_changed[5] = {}, keys_changed[512] = {};
    bool button_changed_any = false, moved = false;
    size_t used = 0;
    for (; used < g_platform.queue.size(); ++used) {
        const InputEvent& e = g_platform.queue[used];
        if (e.type == EventType::MouseButton) {
            if (e.a < 0 || e.a >= 5) continue;
            // A press right after the pointer jumped waits one frame, so ImGui has hovered the
            // item under it first (overlapping items such as table rows need the previous
            // frame's hover to take a click).
            if (buttons_changed[e.a] || (moved && e.b)) break;
            buttons_changed[e.a] = true;
            button_changed_any = true;
            io.MouseDown[e.a] = e.b != 0;
        } else if (e.type == EventType::MousePos) {
            if (button_changed_any) break;    // a click is seen where it happened
            if (io.MousePos.x != e.x || io.MousePos.y != e.y) moved = true;
            io.MousePos = ImVec2(e.x, e.y);
        } else if (e.type == EventType::Wheel) {
            io.MouseWheelH += e.x;
            io.MouseWheel += e.y;
        } else if (e.type == EventType::Key) {
            if (e.a < 0 || e.a >= 512) continue;
            // A key after a click waits a frame: releasing Shift right after a Shift+click must
            // not hide the Shift from the widget that sees the click.
            if (keys_changed[e.a] || button_changed_any) break;
            keys_changed[e.a] = true;
            io.KeysDown[e.a] = e.b != 0;
            apply_mods(io, e.mods);
        } else if (e.type == EventType::Text) {
            io.AddInputCharactersUTF8(e.text.c_str());
        } else if (e.type == EventType::Focus) {
            io.AddFocusEvent(e.b != 0);
            if (!e.b) {
                for (bool& k : io.KeysDown) k = false;
                apply_mods(io, 0);
            }
        }
    }
    g_platform.queue.erase(g_platform.queue.begin(), g_platform.queue.begin() + long(used));
    if (!g_platform.queue.empty()) js_request_frames(50);   // more input to apply next frame
    return had_input;
}

void render_frame() { gl_renderer::render(ImGui::GetDrawData(), 0.96f, 0.97f, 0.98f); }
void upload_fonts() { gl_renderer::upload_fonts(); }

double now_ms() { return js_now_ms(); }
double perf_ms() { return js_perf_ms(); }
float device_pixel_ratio() { return g_platform.dpr; }
void persist() { js_persist(); }
bool is_writer() { return js_is_writer() != 0; }
bool file_arriving(const std::string& path) { return js_file_arriving(path.c_str()) != 0; }
void handover_ready(bool release, const std::string& reason) { js_handover_ready(release ? 1 : 0, reason.c_str()); }
void request_takeover() { js_request_takeover(); }
std::string url_param(const char* name) {
    char* p = js_url_param(name);
    std::string s = p;
    free(p);
    return s;
}
void request_frames(double ms) { js_request_frames(ms); }
void field_place(const std::string& id, const FieldPlacement& p) {
    js_field_place(id.c_str(), p.x, p.y, p.w, p.h, (p.multiline ? 1 : 0) | (p.visible ? 2 : 0) | (p.marks ? 4 : 0), p.tab_order, p.font_px,
                   p.hint, p.label);
}
void fields_end_frame() { js_fields_end_frame(); }
void field_set_text(const std::string& id, const std::string& text, int caret_utf16) { js_field_set_text(id.c_str(), text.c_str(), caret_utf16); }
void field_set_marks(const std::string& id, const std::string& marks_json) { js_field_set_marks(id.c_str(), marks_json.c_str()); }
void field_focus(const std::string& id, int start_utf16, int end_utf16) { js_field_focus(id.c_str(), start_utf16, end_utf16); }
void field_blur() { js_field_blur(); }
void copy_text(const std::string& text) { js_set_clipboard(text.c_str()); }
void download(const std::string& name, const std::string& text, const char* mime) {
    js_download(name.c_str(), text.data(), int(text.size()), mime);
}
void pick_file(const char* purpose, const char* accept) { js_pick_file(purpose, accept); }
void import_done(const std::string& report_json) { js_import_done(report_json.c_str()); }
void set_busy_text(const char* text) { js_set_busy_text(text); }
std::string preference(const char* name) {
    char* p = js_preference(name);
    std::string s = p;
    free(p);
    return s;
}
void set_preference(const char* name, const std::string& value) { js_set_preference(name, value.c_str()); }
void a11y_update(const std::string& mirror_json) { js_a11y_update(mirror_json.c_str()); }
void set_mouse_cursor(int cursor) {
    // Only changes reach the page: a style write per frame would be wasted.
    static const char* const kCss[] = {"", "text", "move", "ns-resize", "ew-resize", "nesw-resize", "nwse-resize", "pointer", "not-allowed"};
    const char* css = cursor >= 0 && cursor < int(sizeof kCss / sizeof kCss[0]) ? kCss[cursor] : "";
    if (g_platform.cursor == css) return;
    g_platform.cursor = css;
    js_set_cursor(css);
}

}  // namespace platform
