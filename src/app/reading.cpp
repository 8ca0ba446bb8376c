// Reading the open thread: selection, find, text size (reading.h).
#include "reading.h"

#include <algorithm>
#include <cstdlib>

#include "app_state.h"
#include "core/checker.h"
#include "core/text_fold.h"
#include "platform/platform.h"

using nlohmann::json;

namespace {

constexpr int kLeft = 37, kUp = 38, kRight = 39, kDown = 40, kHome = 36, kEnd = 35;

const sd::Conversation* open_thread(const AppState& app) {
    return app.view.selected.empty() ? nullptr : app.store.find_conversation(app.view.selected);
}
bool in_thread(const sd::Conversation& c, TextPos p) { return p.message >= 0 && size_t(p.message) < c.messages.size(); }
const std::string& body(const sd::Conversation& c, int message) { return c.messages[size_t(message)].body; }
TextPos clamped(const sd::Conversation& c, TextPos p) {
    p.at = std::min(p.at, body(c, p.message).size());
    return p;
}

// The layout message `m` was drawn with last frame, when it still matches its text.
const MessageLayout* drawn(const AppState& app, const sd::Conversation& c, int m) {
    const ReadingState& r = app.reading;
    if (!r.widths.advance || r.layout_of != c.id || m < 0 || size_t(m) >= r.layout.size()) return nullptr;
    const MessageLayout& l = r.layout[size_t(m)];
    return l.shown && !l.lines.empty() && l.bytes == body(c, m).size() ? &l : nullptr;
}

// The caret one wrapped line up (dir < 0) or down, at the same distance from the text's left edge;
// into the message above or below when it is on the first or last line.
TextPos line_step(const AppState& app, const sd::Conversation& c, TextPos p, int dir) {
    const MessageLayout* l = drawn(app, c, p.message);
    const size_t size = body(c, p.message).size();
    if (!l) return {p.message, dir < 0 ? 0 : size};
    const sd::GlyphWidths& w = app.reading.widths;
    const size_t line = sd::line_of(l->lines, p.at);
    const sd::TextLine& from = l->lines[line];
    const float x = sd::text_width(body(c, p.message), from.begin, std::min(p.at, from.end), w);
    int m = p.message;
    size_t target = line;
    const MessageLayout* to = l;
    if (dir < 0 && line > 0) {
        target = line - 1;
    } else if (dir > 0 && line + 1 < l->lines.size()) {
        target = line + 1;
    } else {
        to = nullptr;
        for (int j = p.message + dir; j >= 0 && size_t(j) < c.messages.size() && !to; j += dir)
            if ((to = drawn(app, c, j))) m = j;
        if (!to) return {p.message, dir < 0 ? 0 : size};
        target = dir < 0 ? to->lines.size() - 1 : 0;
    }
    return {m, sd::offset_at_x(body(c, m), to->lines[target], x, w)};
}

TextPos char_step(const sd::Conversation& c, TextPos p, int dir, bool by_word) {
    const std::string& t = body(c, p.message);
    if (dir < 0) {
        if (p.at == 0) return p.message > 0 ? TextPos{p.message - 1, body(c, p.message - 1).size()} : p;
        return {p.message, by_word ? sd::prev_word_start(t, p.at) : sd::prev_char(t, p.at)};
    }
    if (p.at >= t.size()) return size_t(p.message) + 1 < c.messages.size() ? TextPos{p.message + 1, 0} : p;
    return {p.message, by_word ? sd::next_word_end(t, p.at) : sd::next_char(t, p.at)};
}

// Home / End: the start or end of the caret's wrapped line (of its paragraph when not drawn).
TextPos line_edge(const AppState& app, const sd::Conversation& c, TextPos p, bool end) {
    if (const MessageLayout* l = drawn(app, c, p.message)) {
        const sd::TextLine& line = l->lines[sd::line_of(l->lines, p.at)];
        return {p.message, end ? line.end : line.begin};
    }
    const sd::TextRange para = sd::paragraph_at(body(c, p.message), p.at);
    return {p.message, end ? para.end : para.begin};
}

std::string find_key(const AppState& app) {
    const sd::Conversation* c = open_thread(app);
    if (!c || !app.reading.find.open) return "";
    return c->id + '\x1f' + app.reading.find.text + '\x1f' + std::to_string(c->messages.size()) + (app.texts.pending ? "\x1fpending" : "");
}

// After the matches changed: the first one at or after the one that was current (typing one more
// letter keeps the same place), else the first.
int pick_current(const std::vector<FindMatch>& old, int old_current, const std::vector<FindMatch>& fresh) {
    if (fresh.empty()) return -1;
    if (old_current < 0 || size_t(old_current) >= old.size()) return 0;
    const FindMatch& was = old[size_t(old_current)];
    for (size_t i = 0; i < fresh.size(); ++i)
        if (fresh[i].message > was.message || (fresh[i].message == was.message && fresh[i].begin >= was.begin)) return int(i);
    return 0;
}

}  // namespace

// ---- the text selection -------------------------------------------------------------------------

bool text_caret(const AppState& app) {
    const TextSelection& s = app.reading.selection;
    const sd::Conversation* c = open_thread(app);
    return c && s.conversation == c->id && in_thread(*c, s.anchor) && in_thread(*c, s.caret);
}

bool text_selected(const AppState& app) {
    if (!text_caret(app)) return false;
    const sd::Conversation& c = *open_thread(app);
    return clamped(c, app.reading.selection.anchor) != clamped(c, app.reading.selection.caret);
}

std::string selected_text(const AppState& app) {
    if (!text_selected(app)) return "";
    const sd::Conversation& c = *open_thread(app);
    TextPos a = clamped(c, app.reading.selection.anchor), b = clamped(c, app.reading.selection.caret);
    if (b < a) std::swap(a, b);
    if (a.message == b.message) return body(c, a.message).substr(a.at, b.at - a.at);
    std::string out = body(c, a.message).substr(a.at);
    for (int m = a.message + 1; m < b.message; ++m) out += "\n\n" + body(c, m);
    out += "\n\n" + body(c, b.message).substr(0, b.at);
    return out;
}

void select_text(AppState& app, TextPos anchor, TextPos caret) {
    TextSelection& s = app.reading.selection;
    s.conversation = app.view.selected;
    s.anchor = anchor;
    s.caret = caret;
    s.unit = 1;
}

void clear_text_selection(AppState& app) {
    TextSelection& s = app.reading.selection;
    s.conversation.clear();
    s.anchor = s.caret = TextPos();
    s.dragging = false;
}

void select_message(AppState& app, int message) {
    const sd::Conversation* c = open_thread(app);
    if (!c || !in_thread(*c, {message, 0})) return;
    select_text(app, {message, 0}, {message, body(*c, message).size()});
}

bool copy_selection(AppState& app) {
    if (!text_selected(app)) return false;
    platform::copy_text(selected_text(app));
    return true;
}

bool extend_selection(AppState& app, int key_code, bool by_word) {
    if (!text_caret(app)) return false;
    const sd::Conversation& c = *open_thread(app);
    TextSelection& s = app.reading.selection;
    const TextPos p = clamped(c, s.caret);
    switch (key_code) {
        case kLeft: s.caret = char_step(c, p, -1, by_word); break;
        case kRight: s.caret = char_step(c, p, 1, by_word); break;
        case kUp: s.caret = line_step(app, c, p, -1); break;
        case kDown: s.caret = line_step(app, c, p, 1); break;
        case kHome: s.caret = line_edge(app, c, p, false); break;
        case kEnd: s.caret = line_edge(app, c, p, true); break;
        default: return false;
    }
    s.anchor = clamped(c, s.anchor);
    s.unit = 1;
    return true;
}

bool selection_contains(const AppState& app, TextPos p) {
    if (!text_selected(app)) return false;
    TextPos a = app.reading.selection.anchor, b = app.reading.selection.caret;
    if (b < a) std::swap(a, b);
    return !(p < a) && p < b;
}

// ---- find in the thread ---------------------------------------------------------------------------

std::vector<FindMatch> find_in(const sd::Conversation& c, const std::string& text) {
    std::vector<FindMatch> out;
    const std::string needle = sd::fold(text);
    if (needle.find_first_not_of(' ') == std::string::npos) return out;   // nothing but blanks: nothing to look for
    for (size_t m = 0; m < c.messages.size(); ++m)
        for (const sd::TextRange& r : sd::find_folded(c.messages[m].body, needle)) out.push_back({int(m), r.begin, r.end});
    return out;
}

void find_refresh(AppState& app) {
    FindState& f = app.reading.find;
    const std::string key = find_key(app);
    if (key == f.key) return;
    f.key = key;
    const sd::Conversation* c = open_thread(app);
    std::vector<FindMatch> fresh = key.empty() || !c ? std::vector<FindMatch>() : find_in(*c, f.text);
    f.current = pick_current(f.matches, f.current, fresh);
    f.matches = std::move(fresh);
    f.scroll = f.current >= 0;
}

void find_set_text(AppState& app, const std::string& text) {
    FindState& f = app.reading.find;
    f.open = true;
    if (f.text == text && !f.key.empty()) return;
    f.text = text;
    f.key.clear();
    find_refresh(app);
}

void find_move(AppState& app, int by) {
    find_refresh(app);
    FindState& f = app.reading.find;
    const int n = int(f.matches.size());
    if (n == 0) return;
    const int from = f.current < 0 ? (by > 0 ? -1 : 0) : f.current;
    f.current = ((from + by) % n + n) % n;
    f.scroll = true;
}

void find_close(AppState& app) {
    FindState& f = app.reading.find;
    f.open = false;
    f.matches.clear();
    f.current = -1;
    f.key.clear();
    f.scroll = false;
}

json find_json(const AppState& app) {
    const FindState& f = app.reading.find;
    size_t count = f.matches.size();
    int current = f.current;
    // A command changed the thread since the last frame: count what the next frame will show.
    const std::string key = find_key(app);
    if (key != f.key) {
        const sd::Conversation* c = open_thread(app);
        const std::vector<FindMatch> fresh = key.empty() || !c ? std::vector<FindMatch>() : find_in(*c, f.text);
        current = pick_current(f.matches, f.current, fresh);
        count = fresh.size();
    }
    return {{"open", f.open}, {"text", f.text}, {"matches", f.open ? count : 0}, {"current", f.open ? current + 1 : 0}};
}

json selection_json(const AppState& app) {
    if (!text_selected(app)) return nullptr;
    const sd::Conversation& c = *open_thread(app);
    return {{"text", selected_text(app)}, {"message", c.messages[size_t(app.reading.selection.caret.message)].id}};
}

json messages_layout_json(const AppState& app) {
    json out = json::array();
    const sd::Conversation* c = open_thread(app);
    if (!c) return out;
    for (size_t m = 0; m < c->messages.size(); ++m) {
        const MessageLayout* l = drawn(app, *c, int(m));
        if (!l) continue;
        const std::string& t = c->messages[m].body;
        json lines = json::array();
        for (const sd::TextLine& line : l->lines) lines.push_back({sd::utf16_offset(t, line.begin), sd::utf16_offset(t, line.end)});
        out.push_back({{"id", c->messages[m].id}, {"x", l->x}, {"y", l->y}, {"width", l->wrap}, {"line_height", app.reading.font_px},
                       {"lines", lines}});
    }
    return out;
}

// ---- text size ------------------------------------------------------------------------------------

void load_font_size(AppState& app) {
    const int px = std::atoi(platform::preference("font_size").c_str());
    app.font_size = px >= kMinFontPx && px <= kMaxFontPx ? px : kDefaultFontPx;
}

void set_font_size(AppState& app, int px) {
    app.font_size = px;
    platform::set_preference("font_size", std::to_string(px));
}
