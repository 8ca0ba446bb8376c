// Browser platform: the renderer (WebGL 2, or Canvas 2D where WebGL is software or missing),
// input queue for Dear ImGui 1.86, clipboard, IDBFS flushes, frame pacing. Every EM_JS of the app
// is in this file. The event listeners and the frame scheduler live in web/sellerdesk.js and
// call the sd_input_* / sd_frame exports below; the Canvas 2D renderer is web/render2d.js.
#include "platform.h"

#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "frame_diff.h"
#include "gl_renderer.h"
#include "imgui.h"

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
// Per-browser preferences (localStorage; it may throw when storage is blocked: then nothing is
// kept and the page's default applies).
EM_JS(char*, js_preference, (const char* name), {
    const key = UTF8ToString(name);
    let v = null;
    try { v = localStorage.getItem('sellerdesk.' + key); } catch (e) {}
    if (v === null) v = (Module.sdPreferenceDefaults && Module.sdPreferenceDefaults[key]) || "";
    const n = lengthBytesUTF8(v) + 1, p = _malloc(n);
    stringToUTF8(v, p, n);
    return p;
});
EM_JS(void, js_set_preference, (const char* name, const char* value), {
    try { localStorage.setItem('sellerdesk.' + UTF8ToString(name), UTF8ToString(value)); } catch (e) {}
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
EM_JS(void, js_import_files_answer, (const char* options), {
    if (Module.sdImportAnswer) Module.sdImportAnswer(UTF8ToString(options));
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
// The renderer: web/render2d.js picks it (?renderer=webgl|canvas2d forces one; 2 = WebGL that
// renders in software) and draws with Canvas 2D; state().renderer reports the one in use.
EM_JS(int, js_choose_renderer, (), {
    const pick = typeof SellerDeskRender2D === 'object' ? SellerDeskRender2D.choose(location.search)
                                                        : { name: 'webgl', reason: 'render2d.js did not load' };
    Module.sdRendererChoice = pick;
    return pick.name === 'canvas2d' ? 1 : pick.software ? 2 : 0;
});
EM_JS(int, js_render2d_init, (), {
    if (typeof SellerDeskRender2D !== 'object') return 0;
    const r = SellerDeskRender2D.create(Module.canvas);
    if (!r) return 0;
    Module.sdRender2d = r;
    // A 2D canvas the browser discarded (a long-hidden tab) comes back blank: draw it whole.
    Module.canvas.addEventListener('contextrestored', function () {
        Module._sd_render_invalidate();
        if (Module.sdWake) Module.sdWake(0);
    });
    return 1;
});
EM_JS(void, js_render2d_atlas, (const unsigned char* pixels, int w, int h), {
    Module.sdRender2d.setAtlas(HEAPU8.slice(pixels, pixels + w * h), w, h);
});
EM_JS(void, js_render2d_frame, (const uint32_t* words), {
    Module.sdRender2d.render({ u32: HEAPU32, f32: HEAPF32, u16: HEAPU16 }, words);
});
EM_JS(void, js_set_renderer, (const char* name, int fell_back), {
    Module.sdRendererName = UTF8ToString(name);
    if (fell_back && Module.sdRendererChoice) Module.sdRendererChoice.reason += '; no WebGL 2 context could be created';
});
// Counts for the benchmarks (tests/browser/bench_input.js): frames drawn whole, in part, or not at
// all because nothing on screen changed, and the size of the last frame drawn.
EM_JS(void, js_note_render, (int kind, int vertices, int indices, int commands), {
    const s = Module.sdRenderStats || (Module.sdRenderStats = { full: 0, partial: 0, skipped: 0 });
    if (kind === 0) s.skipped++; else if (kind === 1) s.partial++; else s.full++;
    if (kind !== 0) { s.vertices = vertices; s.indices = indices; s.commands = commands; }
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

enum class Renderer { WebGL, Canvas2D };

struct PlatformState {
    platform::Callbacks on;
    std::vector<InputEvent> queue;
    std::string clipboard;
    float dpr = 1.0f;
    Renderer renderer = Renderer::WebGL;
    bool gl_partial = false;            // WebGL keeps its drawing buffer and redraws only what changed
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
    frame_diff::History drawn;          // what the canvas shows
    std::vector<uint32_t> frame_words;  // the Canvas 2D renderer's frame description
    std::string cursor;      // the CSS cursor the canvas shows
    double last_frame_ms = 0;   // performance.now() at the last frame (ImGui's DeltaTime)
};
PlatformState g_platform;

// Background of the canvas where no window covers it.
constexpr float kClear[3] = {0.96f, 0.97f, 0.98f};

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

bool init_webgl(const char* canvas) {
    EmscriptenWebGLContextAttributes attr;
    emscripten_webgl_init_context_attributes(&attr);
    attr.majorVersion = 2;
    attr.minorVersion = 0;
    attr.alpha = false;
    attr.antialias = false;
    attr.depth = false;
    attr.stencil = false;
    // Software WebGL (only when ?renderer=webgl forces it) rasterises every pixel it is asked to
    // on the CPU: keep the drawing buffer and redraw only the changed region. A GPU redraws the
    // whole frame faster than the browser would copy a kept buffer.
    attr.preserveDrawingBuffer = g_platform.gl_partial;
    g_platform.gl = emscripten_webgl_create_context(canvas, &attr);
    if (g_platform.gl <= 0) return false;
    emscripten_webgl_make_context_current(g_platform.gl);
    return gl_renderer::init();
}

void push_float(std::vector<uint32_t>& w, float f) {
    uint32_t u;
    std::memcpy(&u, &f, sizeof u);
    w.push_back(u);
}

// Describes the frame for web/render2d.js, which reads the vertices and indices straight from
// the heap: a header, the damaged rectangles (none = draw everything), then per draw list its
// buffers and per command its clip rectangle and index range. The layout is render2d.js's
// HEADER_WORDS, RECT_WORDS, LIST_WORDS and CMD_WORDS.
void render_canvas2d(const ImDrawData* dd, const frame_diff::Damage& damage) {
    static_assert(sizeof(ImDrawVert) == 20 && sizeof(ImDrawIdx) == 2, "render2d.js reads 20-byte vertices and 16-bit indices");
    std::vector<uint32_t>& w = g_platform.frame_words;
    w.clear();
    w.push_back(uint32_t(dd->DisplaySize.x * dd->FramebufferScale.x + 0.5f));
    w.push_back(uint32_t(dd->DisplaySize.y * dd->FramebufferScale.y + 0.5f));
    push_float(w, dd->FramebufferScale.x);
    push_float(w, dd->FramebufferScale.y);
    push_float(w, dd->DisplayPos.x);
    push_float(w, dd->DisplayPos.y);
    w.push_back(ImGui::ColorConvertFloat4ToU32(ImVec4(kClear[0], kClear[1], kClear[2], 1.0f)));
    w.push_back(damage.full ? 0u : uint32_t(damage.count));
    w.push_back(uint32_t(dd->CmdListsCount));
    if (!damage.full) {
        for (int i = 0; i < damage.count; ++i) {
            push_float(w, damage.rects[i].x0);
            push_float(w, damage.rects[i].y0);
            push_float(w, damage.rects[i].x1);
            push_float(w, damage.rects[i].y1);
        }
    }
    for (int n = 0; n < dd->CmdListsCount; ++n) {
        const ImDrawList* list = dd->CmdLists[n];
        w.push_back(uint32_t(uintptr_t(list->VtxBuffer.Data)));
        w.push_back(uint32_t(uintptr_t(list->IdxBuffer.Data)));
        w.push_back(uint32_t(list->CmdBuffer.Size));
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            push_float(w, cmd.ClipRect.x);
            push_float(w, cmd.ClipRect.y);
            push_float(w, cmd.ClipRect.z);
            push_float(w, cmd.ClipRect.w);
            w.push_back(cmd.IdxOffset);
            w.push_back(cmd.ElemCount);
            w.push_back(cmd.VtxOffset);
            w.push_back(cmd.UserCallback ? 1u : 0u);
        }
    }
    js_render2d_frame(w.data());
}

}  // namespace

extern "C" {
// Input events received but not yet given to ImGui (it takes one button change a frame).
EMSCRIPTEN_KEEPALIVE int sd_input_pending() { return int(g_platform.queue.size()); }
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
// The canvas lost what it showed: the next frame is drawn whole.
EMSCRIPTEN_KEEPALIVE void sd_render_invalidate() { frame_diff::forget(g_platform.drawn); }
}

namespace platform {

bool init(const Desc& desc) {
    g_platform.on = desc.on;
    // WebGL where the GPU draws; Canvas 2D where WebGL is software or missing, or WebGL fails.
    const int choice = js_choose_renderer();
    g_platform.renderer = choice == 1 ? Renderer::Canvas2D : Renderer::WebGL;
    g_platform.gl_partial = choice == 2;
    bool fell_back = false;
    if (g_platform.renderer == Renderer::WebGL && !init_webgl(desc.canvas)) {
        if (g_platform.gl > 0) return false;   // the canvas is taken by a WebGL context that does not work
        g_platform.renderer = Renderer::Canvas2D;
        fell_back = true;
    }
    if (g_platform.renderer == Renderer::Canvas2D) {
        if (!js_render2d_init()) return false;
        // The canvas smooths path edges itself; ImGui's fringes would only add triangles to fill.
        ImGuiStyle& style = ImGui::GetStyle();
        style.AntiAliasedLines = false;
        style.AntiAliasedLinesUseTex = false;
        style.AntiAliasedFill = false;
        ImGui::GetIO().BackendRendererName = "sellerdesk_canvas2d";
        ImGui::GetIO().BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    }
    js_set_renderer(g_platform.renderer == Renderer::Canvas2D ? "canvas2d" : "webgl", fell_back ? 1 : 0);

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
    // ImGui's clock (double-clicks, tooltips' delay) runs on real time: frames come at any pace
    // here, from 60 a second while the user works to one a minute when idle.
    const double now = js_perf_ms();
    if (g_platform.last_frame_ms > 0) io.DeltaTime = float(std::min(1.0, std::max(0.0005, (now - g_platform.last_frame_ms) / 1000.0)));
    g_platform.last_frame_ms = now;

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

// Draws the frame, or nothing when it would look exactly like the one on screen (the frame
// function also runs for input that changes nothing, and the scheduler keeps it running for a
// moment after input). Canvas 2D redraws only the changed part, and so does software WebGL
// (one rectangle around the changes); WebGL on a GPU redraws a changed frame whole (its drawing
// buffer is not kept between frames).
void render_frame() {
    const ImDrawData* dd = ImGui::GetDrawData();
    if (!dd) return;
    const frame_diff::Damage damage = frame_diff::compare(dd, g_platform.drawn);
    if (damage.nothing()) {
        js_note_render(0, 0, 0, 0);
        return;
    }
    int commands = 0;
    for (int n = 0; n < dd->CmdListsCount; ++n) commands += dd->CmdLists[n]->CmdBuffer.Size;
    const bool in_part = !damage.full && (g_platform.renderer == Renderer::Canvas2D || g_platform.gl_partial);
    js_note_render(in_part ? 1 : 2, dd->TotalVtxCount, dd->TotalIdxCount, commands);
    if (g_platform.renderer == Renderer::Canvas2D) {
        render_canvas2d(dd, damage);
    } else if (g_platform.gl_partial && !damage.full) {
        ImVec4 box(damage.rects[0].x0, damage.rects[0].y0, damage.rects[0].x1, damage.rects[0].y1);
        for (int i = 1; i < damage.count; ++i) {
            const frame_diff::Rect& r = damage.rects[i];
            box = ImVec4(std::min(box.x, r.x0), std::min(box.y, r.y0), std::max(box.z, r.x1), std::max(box.w, r.y1));
        }
        gl_renderer::render(dd, kClear, &box);
    } else {
        gl_renderer::render(dd, kClear, nullptr);
    }
}

void upload_fonts() {
    frame_diff::forget(g_platform.drawn);
    if (g_platform.renderer == Renderer::WebGL) {
        gl_renderer::upload_fonts();
        return;
    }
    // Canvas 2D tints glyphs from the coverage bytes (web/render2d.js keeps a copy).
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
    js_render2d_atlas(pixels, w, h);
    io.Fonts->SetTexID((ImTextureID)(intptr_t)1);
    io.Fonts->ClearTexData();
}

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
std::string preference(const char* name) {
    char* p = js_preference(name);
    std::string s = p;
    free(p);
    return s;
}
void set_preference(const char* name, const std::string& value) { js_set_preference(name, value.c_str()); }
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
void import_files_answer(const std::string& options_json) { js_import_files_answer(options_json.c_str()); }
void set_busy_text(const char* text) { js_set_busy_text(text); }
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
