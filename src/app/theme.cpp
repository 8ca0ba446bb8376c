// Fonts and colours of the interface (theme.h).
#include "theme.h"

#include "imgui.h"
#include "platform/platform.h"

namespace {
const ImVec4 kMarketColors[sd::kMarketplaceCount] = {
    ImVec4(0.00f, 0.44f, 0.81f, 1.0f),   // Walmart blue
    ImVec4(0.93f, 0.55f, 0.00f, 1.0f),   // Amazon orange
    ImVec4(0.90f, 0.20f, 0.22f, 1.0f),   // eBay red
    ImVec4(0.18f, 0.65f, 0.85f, 1.0f),   // Wish sky blue
    ImVec4(0.75f, 0.05f, 0.25f, 1.0f),   // Tmall crimson
};
}  // namespace

const ImVec4& marketplace_color(sd::Marketplace m) { return kMarketColors[int(m)]; }

const ImVec4& sla_color(sd::SlaState s) {
    static const ImVec4 kColors[] = {
        ImVec4(0.55f, 0.57f, 0.62f, 1),   // none
        ImVec4(0.13f, 0.55f, 0.27f, 1),   // on track
        ImVec4(0.85f, 0.50f, 0.00f, 1),   // due soon
        ImVec4(0.82f, 0.12f, 0.12f, 1),   // overdue
        ImVec4(0.45f, 0.48f, 0.55f, 1),   // answered
        ImVec4(0.70f, 0.35f, 0.20f, 1),   // answered late
        ImVec4(0.35f, 0.45f, 0.62f, 1),   // paused (resolution, waiting for the customer)
        ImVec4(0.45f, 0.48f, 0.55f, 1),   // resolved
        ImVec4(0.70f, 0.35f, 0.20f, 1),   // resolved late
    };
    static_assert(sizeof kColors / sizeof kColors[0] == sd::kSlaStateCount);   // one colour per state
    return kColors[int(s)];
}



// Fonts are rasterised at the device pixel ratio and scaled back, so text is crisp on HiDPI.
void load_fonts(float dpr, float px) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    const float size = px * dpr;
    ImFontConfig ui;
    ui.OversampleH = 2;
    ui.OversampleV = 1;
    // Mathematical operators too: the catalogues use "≤" (scripts/check_fonts.py checks that these
    // ranges cover every character of assets/i18n/*.json).
    static const ImWchar latin[] = {0x0020, 0x017F, 0x2000, 0x206F, 0x20AC, 0x20AC, 0x2122, 0x2122, 0x2190, 0x21FF, 0x2200, 0x22FF, 0};
    ImFont* font = io.Fonts->AddFontFromFileTTF("/assets/fonts/ui.otf", size, &ui, latin);
    ImFontConfig cjk;
    cjk.MergeMode = true;
    cjk.OversampleH = 1;
    cjk.OversampleV = 1;
    cjk.GlyphOffset = ImVec2(0, 1.0f * dpr);
    // The CJK file is already cut down to the characters SellerDesk needs (scripts/make_fonts.py);
    // asking for whole blocks rasterises exactly the glyphs it holds.
    static const ImWchar cjk_ranges[] = {0x2E80, 0x2FFF, 0x3000, 0x30FF, 0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xFF00, 0xFFEF, 0};
    io.Fonts->AddFontFromFileTTF("/assets/fonts/cjk.ttf", size * 1.02f, &cjk, cjk_ranges);
    if (!font) io.Fonts->AddFontDefault();
    io.FontGlobalScale = 1.0f / dpr;
    io.Fonts->Build();
    platform::upload_fonts();
}

void apply_theme(float px) {
    ImGuiStyle& s = ImGui::GetStyle();
    // Sizes from scratch: a new text size scales them once, not on top of the last one. The
    // renderer's anti-aliasing choice (platform::init) is not the theme's and is kept.
    const bool aa_lines = s.AntiAliasedLines, aa_tex = s.AntiAliasedLinesUseTex, aa_fill = s.AntiAliasedFill;
    s = ImGuiStyle();
    s.AntiAliasedLines = aa_lines;
    s.AntiAliasedLinesUseTex = aa_tex;
    s.AntiAliasedFill = aa_fill;
    ImGui::StyleColorsLight();
    s.WindowRounding = 6;
    s.ChildRounding = 4;
    s.FrameRounding = 4;
    s.PopupRounding = 4;
    s.GrabRounding = 4;
    s.TabRounding = 4;
    s.FramePadding = ImVec2(8, 4);
    s.ItemSpacing = ImVec2(8, 6);
    s.CellPadding = ImVec2(6, 4);
    s.ScrollbarSize = 12;
    s.WindowBorderSize = 0;
    ImVec4* c = s.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.98f, 1);
    c[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_MenuBarBg] = ImVec4(0.14f, 0.17f, 0.24f, 1);
    c[ImGuiCol_Header] = ImVec4(0.83f, 0.89f, 0.98f, 1);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.90f, 0.93f, 0.98f, 1);
    c[ImGuiCol_HeaderActive] = ImVec4(0.76f, 0.84f, 0.97f, 1);
    c[ImGuiCol_Button] = ImVec4(0.90f, 0.92f, 0.95f, 1);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.82f, 0.87f, 0.95f, 1);
    c[ImGuiCol_ButtonActive] = ImVec4(0.72f, 0.80f, 0.94f, 1);
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.94f, 0.95f, 0.97f, 1);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(0.98f, 0.98f, 0.99f, 1);
    c[ImGuiCol_Text] = ImVec4(0.13f, 0.15f, 0.20f, 1);
    c[ImGuiCol_TextDisabled] = ImVec4(0.45f, 0.48f, 0.55f, 1);
    c[ImGuiCol_Border] = ImVec4(0.86f, 0.88f, 0.91f, 1);
    c[ImGuiCol_FrameBg] = ImVec4(0.95f, 0.96f, 0.98f, 1);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.92f, 0.94f, 0.98f, 1);
    c[ImGuiCol_FrameBgActive] = ImVec4(0.89f, 0.92f, 0.98f, 1);
    s.FrameBorderSize = 1;
    if (px != 15.0f) s.ScaleAllSizes(px / 15.0f);
}




const ImVec4& remark_flag_color(sd::RemarkFlag f) {
    static const ImVec4 kColors[] = {ImVec4(0.85f, 0.20f, 0.20f, 1), ImVec4(0.90f, 0.68f, 0.05f, 1), ImVec4(0.20f, 0.62f, 0.30f, 1),
                                     ImVec4(0.20f, 0.45f, 0.85f, 1), ImVec4(0.55f, 0.30f, 0.75f, 1),
                                     ImVec4(0.55f, 0.57f, 0.60f, 1)};
    return kColors[int(f) % 6];
}


void remark_flag_swatch(sd::RemarkFlag f) {
    float h = ImGui::GetTextLineHeight();
    ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 a(p.x, p.y + h * 0.2f), b(p.x + h * 0.6f, p.y + h * 0.8f);
    if (f == sd::RemarkFlag::None)   // no flag: an empty outline
        ImGui::GetWindowDrawList()->AddRect(a, b, ImGui::GetColorU32(remark_flag_color(f)), 2);
    else
        ImGui::GetWindowDrawList()->AddRectFilled(a, b, ImGui::GetColorU32(remark_flag_color(f)), 2);
    ImGui::Dummy(ImVec2(h * 0.6f, h));
}

