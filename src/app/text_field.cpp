// Text fields (text_field.h): ImGui's part. The browser's field lies over the frame drawn here;
// while a popup, menu, tooltip or another window covers the frame, the browser's field is hidden
// and the text is drawn here instead, so ImGui's windows are never drawn under a field.
#include "text_field.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "app_state.h"
#include "composer.h"
#include "text_fields.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "platform/platform.h"

namespace {

std::vector<ImRect> g_shown_now, g_shown_last;   // the fields shown this frame and the last one

// Something drawn above the current window overlaps r: a window shown after this one's root
// (popups, menus, tooltips, other windows), or a modal this window is not part of.
bool covered(const ImRect& r) {
    ImGuiContext& g = *GImGui;
    ImGuiWindow* root = g.CurrentWindow->RootWindow;
    if (ImGuiWindow* modal = ImGui::GetTopMostPopupModal())
        if (modal != root && modal->WasActive) return true;
    bool above = false;
    for (ImGuiWindow* w : g.Windows) {
        if (w == root) {
            above = true;
            continue;
        }
        if (!above || w->RootWindow != w || w == root || w->IsFallbackWindow) continue;   // not the implicit "Debug" window
        if ((w->WasActive || w->Active) && !w->Hidden && w->Rect().Overlaps(r)) return true;
    }
    return false;
}

ImRect reserve(const TextFieldOptions& o) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float avail = ImGui::GetContentRegionAvail().x;
    const float w = o.width > 0 ? o.width : std::max(20.0f, avail + o.width);
    const float h = o.height > 0 ? o.height : ImGui::GetFrameHeight();
    const ImRect r(p, ImVec2(p.x + w, p.y + h));
    ImGui::ItemSize(r, ImGui::GetStyle().FramePadding.y);
    ImGui::ItemAdd(r, 0);
    return r;
}

// Places the browser's field over r, or draws the frame and the text here when it cannot be shown.
void place(AppState& app, const char* id, const ImRect& r, const std::string& text, const TextFieldOptions& o) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const bool focused = app.fields.focused == id;
    const bool inside = window->ClipRect.Contains(r);   // scrolled partly out of view: drawn here
    const bool visible = inside && (focused || !covered(r));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImGuiStyle& st = ImGui::GetStyle();
    dl->AddRectFilled(r.Min, r.Max, ImGui::GetColorU32(ImGuiCol_FrameBg), st.FrameRounding);
    dl->AddRect(r.Min, r.Max, ImGui::GetColorU32(ImGuiCol_Border), st.FrameRounding);
    if (!visible) {
        const bool empty = text.empty();
        const ImVec2 at(r.Min.x + st.FramePadding.x, r.Min.y + st.FramePadding.y);
        ImVec4 clip(r.Min.x, r.Min.y, r.Max.x - st.FramePadding.x, r.Max.y);
        const std::string masked = o.password ? std::string(text.size(), '*') : std::string();
        dl->AddText(nullptr, 0, at, ImGui::GetColorU32(empty ? ImGuiCol_TextDisabled : ImGuiCol_Text), empty ? o.hint : o.password ? masked.c_str() : text.c_str(),
                    nullptr, o.multiline ? r.GetWidth() - 2 * st.FramePadding.x : 0, &clip);
    }
    if (visible) g_shown_now.push_back(r);
    platform::FieldPlacement p;
    p.x = r.Min.x;
    p.y = r.Min.y;
    p.w = r.GetWidth();
    p.h = r.GetHeight();
    p.multiline = o.multiline;
    p.visible = visible;
    p.marks = o.marks;
    p.tab_order = ++app.fields.next_tab;
    p.font_px = ImGui::GetFontSize();
    p.hint = o.hint;
    p.label = *o.label ? o.label : o.hint;
    platform::field_place(id, p);
}

}  // namespace

TextFieldEvents text_field(AppState& app, const char* id, std::string& text, const TextFieldOptions& o) {
    TextFieldEvents e;
    e.changed = field_take_typed(app, id, text);
    // Text the app changed (cleared after Enter, filled by a command) goes to the browser's field.
    auto shown = app.fields.shown.find(id);
    if (shown == app.fields.shown.end() || shown->second != text) {
        platform::field_set_text(id, text, -1);
        app.fields.shown[id] = text;
    }
    e.ctrl_enter = field_take_key(app, id, "ctrl+enter");
    e.shift_enter = field_take_key(app, id, "shift+enter");
    e.enter = field_take_key(app, id, "enter") || e.shift_enter;   // a field that does not tell them apart takes both
    e.escape = field_take_key(app, id, "escape");
    e.up = field_take_key(app, id, "up");
    e.down = field_take_key(app, id, "down");
    e.focused = app.fields.focused == id;
    place(app, id, reserve(o), text, o);
    if (e.escape) platform::field_blur();
    return e;
}

bool number_field(AppState& app, const char* id, double& value, double min, double max, int decimals, float width, const char* label) {
    auto& drafts = app.fields.number_drafts;
    auto draft = drafts.find(id);
    char shown[64];
    std::snprintf(shown, sizeof shown, "%.*f", decimals, value);
    std::string text = draft != drafts.end() ? draft->second : shown;
    TextFieldOptions o;
    o.width = width;
    o.label = label;
    const TextFieldEvents e = text_field(app, id, text, o);
    if (e.changed) drafts[id] = text;
    draft = drafts.find(id);
    if (draft == drafts.end() || !(e.enter || !e.focused)) return false;
    // Typed with a comma as the decimal mark (common on Chinese and European keyboards) too.
    std::string typed = draft->second;
    drafts.erase(draft);
    std::replace(typed.begin(), typed.end(), ',', '.');
    char* end = nullptr;
    const double v = std::strtod(typed.c_str(), &end);
    const bool valid = end && end != typed.c_str() && *end == '\0' && v >= min && v <= max;
    if (!valid || v == value) return false;
    value = v;
    return true;
}

void text_field_place(AppState& app, const char* id, const std::string& text, const TextFieldOptions& o) {
    place(app, id, reserve(o), text, o);
}

void focus_field(AppState&, const char* id) { platform::field_focus(id, -1, -1); }

const std::vector<ImRect>& visible_field_rects() { return g_shown_last; }

void text_fields_end_frame(AppState& app) {
    platform::fields_end_frame();
    g_shown_last.swap(g_shown_now);
    g_shown_now.clear();
    app.fields.next_tab = 0;
    app.fields.keys.clear();   // keys for fields that were not drawn are dropped, not kept for later
}
