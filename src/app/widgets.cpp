// Shared widgets (widgets.h).
#include "widgets.h"

#include <algorithm>

#include "text_field.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "platform/platform.h"

bool chip(const char* id, const char* text, unsigned bg, unsigned fg) {
    const ImVec2 sz = ImGui::CalcTextSize(text);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton(id, ImVec2(sz.x + 12, sz.y + 4));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + sz.x + 12, p.y + sz.y + 4), bg, 9);
    dl->AddText(ImVec2(p.x + 6, p.y + 2), fg, text);
    return clicked;
}

void text_ellipsis(const char* text, float max_w, const ImVec4& color) {
    const ImVec2 full = ImGui::CalcTextSize(text);
    if (full.x <= max_w || max_w <= 0) {
        ImGui::TextColored(color, "%s", text);
        return;
    }
    ImFont* font = ImGui::GetFont();
    const float dots = ImGui::CalcTextSize("…").x;
    const char* end = text;
    // The longest prefix that fits with the ellipsis, cut at a character boundary.
    const char* remaining = nullptr;
    font->CalcTextSizeA(ImGui::GetFontSize(), std::max(0.0f, max_w - dots), 0, text, nullptr, &remaining);
    end = remaining ? remaining : text;
    std::string cut(text, size_t(end - text));
    cut += "…";
    ImGui::TextColored(color, "%s", cut.c_str());
    if (ImGui::IsItemHovered()) tooltip(text);
}

void text_ellipsis(const char* text, float max_w) { text_ellipsis(text, max_w, ImGui::GetStyleColorVec4(ImGuiCol_Text)); }

bool copy_button(const char* id, const std::string& value) {
    ImGui::SameLine(0, 4);
    ImGui::PushID(id);
    // Two overlapping sheets, drawn (the cut-down fonts have no icon glyphs).
    const float s = ImGui::GetTextLineHeight();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton("##copy", ImVec2(s, s));
    const bool hot = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 col = ImGui::GetColorU32(hot ? ImGuiCol_ButtonActive : ImGuiCol_TextDisabled);
    if (hot) dl->AddRectFilled(p, ImVec2(p.x + s, p.y + s), ImGui::GetColorU32(ImGuiCol_ButtonHovered), 3);
    const float a = s * 0.22f, b = s * 0.62f;
    dl->AddRect(ImVec2(p.x + a, p.y + a), ImVec2(p.x + b, p.y + b), col, 1.5f, 0, 1.2f);
    dl->AddRectFilled(ImVec2(p.x + s - b, p.y + s - b), ImVec2(p.x + s - a, p.y + s - a), ImGui::GetColorU32(ImGuiCol_ChildBg), 1.5f);
    dl->AddRect(ImVec2(p.x + s - b, p.y + s - b), ImVec2(p.x + s - a, p.y + s - a), col, 1.5f, 0, 1.2f);
    if (clicked) platform::copy_text(value);
    ImGui::PopID();
    return clicked;
}

void same_line_if_fits(float w, float spacing) {
    const float sp = spacing < 0 ? ImGui::GetStyle().ItemSpacing.x : spacing;
    const float x = ImGui::GetItemRectMax().x + sp;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (x + w <= right) ImGui::SameLine(0, sp);
}

bool flow_small_button(const char* label) {
    same_line_if_fits(ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2);
    return ImGui::SmallButton(label);
}

void menu_badge(const char* text, const char* tip, unsigned color) {
    ImGui::SameLine(0, 12);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 sz = ImGui::CalcTextSize(text);
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x - 4, p.y), ImVec2(p.x + sz.x + 4, p.y + sz.y + 1), color, 4);
    ImGui::TextUnformatted(text);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
}

void tooltip(const char* text) {
    // Below the mouse, or above it when that would lie under a browser field (they are drawn
    // over the canvas) or off the screen.
    const ImVec2 m = ImGui::GetIO().MousePos;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const ImVec2 sz = ImGui::CalcTextSize(text, nullptr, false, ImGui::GetFontSize() * 32);
    const ImVec2 pad = ImGui::GetStyle().WindowPadding;
    const float w = sz.x + 2 * pad.x, h = sz.y + 2 * pad.y;
    const float x = std::min(m.x + 12, std::max(0.0f, display.x - w));
    auto clear = [&](float top) {
        if (top < 0 || top + h > display.y) return false;
        for (const ImRect& r : visible_field_rects())
            if (r.Overlaps(ImRect(x, top, x + w, top + h))) return false;
        return true;
    };
    const float below = m.y + 20, above = m.y - 12 - h;
    ImGui::SetNextWindowPos(ImVec2(x, clear(below) || !clear(above) ? below : above), ImGuiCond_Always);
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}
