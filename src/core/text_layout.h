// Plain text laid out for reading and selecting, without a UI library: word wrapping, hit
// testing, word and paragraph bounds, caret steps, and finding a folded needle with positions in
// the original text. The thread's selectable message text (src/app/selectable_text.cpp) draws
// what these compute; glyph widths come from the caller, so the maths is tested natively with
// made-up widths. Offsets are UTF-8 byte offsets into the text, always at a character boundary.
//
//   sd::GlyphWidths mono{[](const void*, uint32_t) { return 7.0f; }, nullptr};
//   std::vector<sd::TextLine> lines = sd::wrap_text(body, 300, mono);
//   size_t at = sd::offset_at_x(body, lines[1], 42.0f, mono);     // under the mouse
//   sd::TextRange word = sd::word_at(body, at);                    // double-click
//   std::vector<sd::TextRange> hits = sd::find_folded(body, sd::fold("PARCEL"));
//
// Wrapping follows Dear ImGui's own (what the thread drew before): a line breaks after blanks and
// after . , ; ! ? " ; blanks at the end of a line take no room and are skipped at the start of
// the next; a word wider than the line is cut where it no longer fits. CJK text, written without
// spaces, may also break before any CJK character and after one (never before the punctuation
// that follows it, such as "，" or "。").
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace sd {

// The advance of one character in px; `ctx` is the caller's font.
struct GlyphWidths {
    float (*advance)(const void* ctx, uint32_t cp) = nullptr;
    const void* ctx = nullptr;
    float operator()(uint32_t cp) const { return advance ? advance(ctx, cp) : 0.0f; }
};

struct TextRange {
    size_t begin = 0, end = 0;
    bool empty() const { return end <= begin; }
    bool operator==(const TextRange& o) const { return begin == o.begin && end == o.end; }
};

// One drawn line: the bytes [begin, end) it shows. Line breaks and the blanks a wrap skipped lie
// between one line's end and the next one's begin.
struct TextLine {
    size_t begin = 0, end = 0;
};

// At least one line, also for an empty text. A text ending in a line break has no empty last line
// (as Dear ImGui measures it).
std::vector<TextLine> wrap_text(std::string_view text, float width, const GlyphWidths& w);
// Width of text[begin, end) on one line.
float text_width(std::string_view text, size_t begin, size_t end, const GlyphWidths& w);
// The caret position nearest to x (px from the line's left edge) on `line`.
size_t offset_at_x(std::string_view text, const TextLine& line, float x, const GlyphWidths& w);
// The line showing `offset`; an offset in the gap after a line belongs to that line.
size_t line_of(const std::vector<TextLine>& lines, size_t offset);

// What a double-click selects: a word (letters and digits, with - _ . @ / ' joining two of them,
// so "112-1234567-8901234" and "anna@shop.com" are one word), a run of CJK characters, a run of
// blanks, or one other character. Empty at a line break or at the end of an empty text.
TextRange word_at(std::string_view text, size_t offset);
// What a triple-click selects: the paragraph between line breaks (without them).
TextRange paragraph_at(std::string_view text, size_t offset);

// One character forward / back (clamped to the text).
size_t next_char(std::string_view text, size_t at);
size_t prev_char(std::string_view text, size_t at);
// Ctrl+arrows: the end of the next word / the start of the previous one.
size_t next_word_end(std::string_view text, size_t at);
size_t prev_word_start(std::string_view text, size_t at);

// Every occurrence of `folded_needle` (already folded with sd::fold) in the folded form of
// `text`, as ranges of the original text, in order and without overlaps: case, accents and
// full-width forms do not matter, as in the app's search. An empty needle finds nothing.
std::vector<TextRange> find_folded(std::string_view text, std::string_view folded_needle);

}  // namespace sd
