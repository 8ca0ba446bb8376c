// Selectable message text (selectable_text.h).
#include "selectable_text.h"

#include <algorithm>

#include "app_state.h"
#include "i18n.h"
#include "commands.h"
#include "reading.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "platform/platform.h"

namespace {

const ImU32 kSelectionBg = IM_COL32(30, 110, 230, 72);
const ImU32 kMatchBg = IM_COL32(255, 208, 0, 115);
const ImU32 kCurrentMatchBg = IM_COL32(255, 140, 0, 185);

// ImGui's own advance for a character (as its text functions measure it), in px of the thread's
// font size. ImGui draws characters past U+FFFF as the replacement character.
float glyph_advance(const void* ctx, uint32_t cp) {
    const ReadingState& r = *static_cast<const ReadingState*>(ctx);
    const ImFont& f = *static_cast<const ImFont*>(r.font);
    if (cp > 0xFFFF) cp = 0xFFFD;
    return (int(cp) < f.IndexAdvanceX.Size ? f.IndexAdvanceX[int(cp)] : f.FallbackAdvanceX) * r.font_scale;
}

const std::string& body(const sd::Conversation& c, int m) { return c.messages[size_t(m)].body; }

// The part of message `m` the selection covers.
bool selection_in(const AppState& app, int m, size_t size, sd::TextRange& out) {
    if (!text_selected(app)) return false;
    TextPos a = app.reading.selection.anchor, b = app.reading.selection.caret;
    if (b < a) std::swap(a, b);
    if (m < a.message || m > b.message) return false;
    out.begin = m == a.message ? std::min(a.at, size) : 0;
    out.end = m == b.message ? std::min(b.at, size) : size;
    return true;
}

// A highlight under part of one line; `through_break` also marks the line's end when the range
// goes on past it, so a selected line break shows.
void highlight(ImDrawList* dl, const AppState& app, const std::string& text, const sd::TextLine& line, sd::TextRange r, ImVec2 at,
               ImU32 color, bool through_break) {
    const size_t b = std::max(r.begin, line.begin), e = std::min(r.end, line.end);
    if (b > e) return;
    const bool past = through_break && r.end > line.end;
    if (b == e && !past) return;
    const sd::GlyphWidths& w = app.reading.widths;
    const float x0 = sd::text_width(text, line.begin, b, w);
    const float x1 = sd::text_width(text, line.begin, e, w) + (past ? app.reading.font_px * 0.3f : 0.0f);
    dl->AddRectFilled(ImVec2(at.x + x0, at.y), ImVec2(at.x + x1, at.y + app.reading.font_px), color);
}

// The caret position under the mouse in a message drawn at `l`.
size_t hit(const AppState& app, const MessageLayout& l, const std::string& text, ImVec2 mouse) {
    if (mouse.y < l.y) return 0;
    const size_t k = size_t((mouse.y - l.y) / app.reading.font_px);
    if (k >= l.lines.size()) return text.size();
    return sd::offset_at_x(text, l.lines[k], mouse.x - l.x, app.reading.widths);
}

// A left press on the text: place the caret, or take the word / paragraph (double / triple
// click), or extend the selection (Shift); dragging goes on from here.
void press(AppState& app, const std::string& text, TextPos at) {
    TextSelection& s = app.reading.selection;
    app.view.pane = "thread";
    s.dragging = true;
    if (ImGui::GetIO().KeyShift && text_caret(app)) {
        s.caret = at;
        s.unit = 1;
        return;
    }
    const int clicks = ImGui::GetMouseClickedCount(ImGuiMouseButton_Left);
    const int unit = clicks >= 3 ? 3 : clicks == 2 ? 2 : 1;
    const sd::TextRange r = unit == 2 ? sd::word_at(text, at.at) : unit == 3 ? sd::paragraph_at(text, at.at) : sd::TextRange{at.at, at.at};
    select_text(app, {at.message, r.begin}, {at.message, r.end});
    s.unit = unit;
    s.unit_begin = s.anchor;
    s.unit_end = s.caret;
    s.dragging = true;
}

// While the button is held: the caret follows the mouse over every message drawn, by the unit
// the press took; above or below the thread it scrolls.
void drag(AppState& app, const sd::Conversation& c) {
    ReadingState& r = app.reading;
    TextSelection& s = r.selection;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    int m = -1;
    for (size_t j = 0; j < r.layout.size() && j < c.messages.size(); ++j)
        if (r.layout[j].shown && (m < 0 || r.layout[j].y <= mouse.y)) m = int(j);
    if (m < 0) return;
    const std::string& text = body(c, m);
    const TextPos p{m, hit(app, r.layout[size_t(m)], text, mouse)};
    if (s.unit == 1) {
        s.caret = p;
    } else {
        const sd::TextRange u = s.unit == 2 ? sd::word_at(text, p.at) : sd::paragraph_at(text, p.at);
        const bool back = p < s.unit_begin;
        s.anchor = back ? s.unit_end : s.unit_begin;
        s.caret = {m, back ? std::min(u.begin, p.at) : std::max(u.end, p.at)};
    }
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    const float step = r.font_px;
    if (mouse.y < w->InnerRect.Min.y || mouse.y > w->InnerRect.Max.y) {
        ImGui::SetScrollY(ImGui::GetScrollY() + (mouse.y < w->InnerRect.Min.y ? -step : step));
        app.view.thread_scroll_frames = 0;
        platform::request_frames(100);   // keep scrolling while the mouse holds still
    }
}

// What "Search for this" searches: the selection on one line, cut to a search box's length.
std::string search_words(const std::string& text) {
    std::string out;
    for (char ch : text) {
        const bool blank = ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t';
        if (blank && (out.empty() || out.back() == ' ')) continue;
        out += blank ? ' ' : ch;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (out.size() > 120) {
        size_t cut = 120;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
        out.resize(cut);
    }
    return out;
}

void context_menu(AppState& app, const sd::Conversation& c) {
    TextSelection& s = app.reading.selection;
    if (s.open_menu) {
        s.open_menu = false;
        ImGui::OpenPopup("##text_menu");
    }
    if (!ImGui::BeginPopup("##text_menu")) return;
    const int m = std::clamp(s.menu_message, 0, int(c.messages.size()) - 1);
    const bool any = text_selected(app);
    if (ImGui::MenuItem(tr("reading.copy"), tr("reading.copy_keys"))) platform::copy_text(any ? selected_text(app) : body(c, m));
    if (ImGui::MenuItem(tr("reading.copy_message"))) platform::copy_text(body(c, m));
    if (ImGui::MenuItem(tr("reading.search_for_this"), nullptr, false, any)) cmd::search(app, "all", search_words(selected_text(app)));
    ImGui::Separator();
    if (ImGui::MenuItem(tr("reading.find"), tr("reading.find_keys")) && dispatch(app, {{"type", "find"}, {"open", true}})["ok"] == true)
        platform::field_focus("find", 0, -1);
    ImGui::EndPopup();
}

}  // namespace

void thread_text_begin(AppState& app, const sd::Conversation& c) {
    ReadingState& r = app.reading;
    r.font = ImGui::GetFont();
    r.font_px = ImGui::GetFontSize();
    r.font_scale = r.font_px / ImGui::GetFont()->FontSize;
    r.widths = sd::GlyphWidths{glyph_advance, &r};
    if (r.layout_of != c.id) {
        r.layout_of = c.id;
        r.layout.clear();
    }
    r.layout.resize(c.messages.size());
    for (MessageLayout& l : r.layout) l.shown = false;
    find_refresh(app);
}

void selectable_text(AppState& app, const sd::Conversation& c, int index, float wrap_w) {
    ReadingState& r = app.reading;
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const std::string& text = body(c, index);
    MessageLayout& l = r.layout[size_t(index)];
    if (l.wrap != wrap_w || l.font != r.font || l.font_px != r.font_px || l.bytes != text.size() || l.lines.empty()) {
        l.lines = sd::wrap_text(text, wrap_w, r.widths);
        l.wrap = wrap_w;
        l.font = r.font;
        l.font_px = r.font_px;
        l.bytes = text.size();
    }
    const ImVec2 pos = window->DC.CursorPos;
    l.x = pos.x;
    l.y = pos.y;
    l.shown = true;
    const float line_h = r.font_px;
    const ImRect bb(pos, ImVec2(pos.x + wrap_w, pos.y + line_h * float(l.lines.size())));
    ImGui::ItemSize(bb.GetSize(), 0.0f);
    // The find bar's current match asked to be shown: scroll the thread to its line.
    FindState& f = r.find;
    if (f.scroll && f.current >= 0 && f.matches[size_t(f.current)].message == index) {
        const size_t k = sd::line_of(l.lines, f.matches[size_t(f.current)].begin);
        ImGui::SetScrollFromPosY(pos.y + line_h * float(k) - window->Pos.y, 0.4f);
        f.scroll = false;
        app.view.thread_scroll_frames = 0;
    }
    const ImGuiID id = window->GetID(index);
    if (!ImGui::ItemAdd(bb, id)) return;   // scrolled out of view: laid out for a drag, not drawn
    bool hovered = false, held = false;
    if (ImGui::ButtonBehavior(bb, id, &hovered, &held, ImGuiButtonFlags_PressedOnClick))
        press(app, text, {index, hit(app, l, text, ImGui::GetIO().MousePos)});
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
    if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Right)) {
        const TextPos at{index, hit(app, l, text, ImGui::GetIO().MousePos)};
        if (!selection_contains(app, at)) select_text(app, at, at);   // a right-click inside the selection keeps it
        r.selection.menu_message = index;
        r.selection.open_menu = true;
        app.view.pane = "thread";
    }
    // Highlights under the glyphs (matches, then the selection over them), then the text.
    ImDrawList* dl = window->DrawList;
    const ImU32 color = ImGui::GetColorU32(ImGuiCol_Text);
    sd::TextRange sel;
    const bool selected = selection_in(app, index, text.size(), sel);
    const auto first_match = std::lower_bound(f.matches.begin(), f.matches.end(), index,
                                              [](const FindMatch& m, int i) { return m.message < i; });
    for (size_t k = 0; k < l.lines.size(); ++k) {
        const ImVec2 at(pos.x, pos.y + line_h * float(k));
        if (at.y + line_h < window->ClipRect.Min.y || at.y > window->ClipRect.Max.y) continue;
        const sd::TextLine& line = l.lines[k];
        for (auto m = first_match; m != f.matches.end() && m->message == index; ++m) {
            const bool current = f.current >= 0 && &*m == &f.matches[size_t(f.current)];
            highlight(dl, app, text, line, {m->begin, m->end}, at, current ? kCurrentMatchBg : kMatchBg, false);
        }
        if (selected) highlight(dl, app, text, line, sel, at, kSelectionBg, true);
        dl->AddText(static_cast<const ImFont*>(r.font), r.font_px, at, color, text.data() + line.begin, text.data() + line.end);
    }
}

void thread_text_end(AppState& app, const sd::Conversation& c) {
    TextSelection& s = app.reading.selection;
    // A click in the thread that is not on message text lets go of the selection.
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && ImGui::IsWindowHovered() && !s.dragging) clear_text_selection(app);
    if (s.dragging) {
        if (!ImGui::IsMouseDown(ImGuiMouseButton_Left) || s.conversation != c.id) s.dragging = false;
        else drag(app, c);
    }
    context_menu(app, c);
}
