// Text layout for reading and selecting (text_layout.h).
#include "text_layout.h"

#include <algorithm>

#include "text_fold.h"

namespace sd {

namespace {

constexpr size_t kNone = size_t(-1);

uint32_t char_at(std::string_view text, size_t at, size_t& len) {
    uint32_t cp = 0;
    len = decode_utf8(text, at, cp);
    return cp;
}
uint32_t char_at(std::string_view text, size_t at) {
    size_t len = 0;
    return char_at(text, at, len);
}

// What Dear ImGui counts as blank, and the punctuation it lets a line break after.
bool is_blank(uint32_t cp) { return cp == ' ' || cp == '\t' || cp == 0x3000; }
bool breaks_after(uint32_t cp) { return cp == '.' || cp == ',' || cp == ';' || cp == '!' || cp == '?' || cp == '"'; }

enum class Kind { Blank, Word, Cjk, Break, Other };
Kind kind_of(uint32_t cp) {
    if (cp == '\n') return Kind::Break;
    if (is_blank(cp)) return Kind::Blank;
    switch (char_class(cp)) {
        case CharClass::Word: return Kind::Word;
        case CharClass::Cjk: return Kind::Cjk;
        default: return Kind::Other;
    }
}
// Characters that keep a word together when letters or digits stand on both sides: order IDs,
// tracking numbers, e-mail addresses, "don't".
bool joins_words(uint32_t cp) { return cp == '-' || cp == '_' || cp == '.' || cp == '@' || cp == '/' || cp == '\'' || cp == 0x2019; }

bool word_char_at(std::string_view text, size_t at) { return at < text.size() && kind_of(char_at(text, at)) == Kind::Word; }

// From a word character at `at`, the whole word with its joiners.
TextRange word_around(std::string_view text, size_t at) {
    size_t b = at, e = at;
    while (e < text.size()) {
        size_t len = 0;
        const uint32_t cp = char_at(text, e, len);
        if (kind_of(cp) == Kind::Word) e += len;
        else if (joins_words(cp) && word_char_at(text, e + len)) e += len;
        else break;
    }
    while (b > 0) {
        const size_t p = prev_char(text, b);
        const uint32_t cp = char_at(text, p);
        if (kind_of(cp) == Kind::Word) b = p;
        else if (joins_words(cp) && p > 0 && word_char_at(text, prev_char(text, p))) b = p;
        else break;
    }
    return {b, e};
}

// The run of characters of kind `k` around `at`.
TextRange run_around(std::string_view text, size_t at, Kind k) {
    size_t b = at, e = at;
    while (e < text.size()) {
        size_t len = 0;
        if (kind_of(char_at(text, e, len)) != k) break;
        e += len;
    }
    while (b > 0) {
        const size_t p = prev_char(text, b);
        if (kind_of(char_at(text, p)) != k) break;
        b = p;
    }
    return {b, e};
}

}  // namespace

size_t next_char(std::string_view text, size_t at) {
    if (at >= text.size()) return text.size();
    size_t len = 0;
    char_at(text, at, len);
    return at + len;
}

size_t prev_char(std::string_view text, size_t at) {
    if (at == 0) return 0;
    at = std::min(at, text.size()) - 1;
    while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
    return at;
}

float text_width(std::string_view text, size_t begin, size_t end, const GlyphWidths& w) {
    float x = 0;
    end = std::min(end, text.size());
    for (size_t i = begin; i < end;) {
        size_t len = 0;
        const uint32_t cp = char_at(text, i, len);
        if (cp != '\r' && cp != '\n') x += w(cp);
        i += len;
    }
    return x;
}

std::vector<TextLine> wrap_text(std::string_view text, float width, const GlyphWidths& w) {
    std::vector<TextLine> lines;
    const size_t n = text.size();
    size_t begin = 0, i = 0;
    float x = 0;                                 // width of text[begin, i)
    size_t brk_end = kNone, brk_next = kNone;    // the last place this line may end, and where the next one would begin
    float x_next = 0;                            // width of text[begin, brk_next)
    float word_first = 0;                        // advance of the character at brk_next
    bool prev_blank = false, prev_cjk = false, prev_punct = false;
    auto start_line = [&](size_t at, float carried) {
        begin = at;
        x = carried;
        brk_end = brk_next = kNone;
    };
    while (i < n) {
        size_t len = 0;
        const uint32_t cp = char_at(text, i, len);
        if (cp == '\n') {
            lines.push_back({begin, i});
            start_line(i + len, 0);
            i += len;
            prev_blank = prev_cjk = prev_punct = false;
            continue;
        }
        const float adv = cp == '\r' ? 0.0f : w(cp);
        if (is_blank(cp)) {
            // Blanks never wrap a line: the line may end before them, the next begins after them.
            if (!prev_blank && i > begin) brk_end = i;
            x += adv;
            brk_next = i + len;
            x_next = x;
            i += len;
            prev_blank = true;
            prev_cjk = prev_punct = false;
            continue;
        }
        const bool cjk = is_cjk(cp);
        // Before a CJK character, after one (but not before the punctuation that closes it), and
        // after the punctuation Dear ImGui breaks after.
        const bool after_cjk = prev_cjk && kind_of(cp) == Kind::Word;
        if (i > begin && !prev_blank && (cjk || after_cjk || prev_punct)) {
            brk_end = brk_next = i;
            x_next = x;
        }
        if (i == brk_next) word_first = adv;
        if (x + adv > width && i > begin) {
            // The word so far moves down when it could still fit a line; past that it is cut here.
            // (ImGui leaves the word's first character out of that measure; so does this.)
            const bool fits = brk_next != kNone && brk_end != kNone && brk_end > begin && x - x_next + adv - word_first < width;
            if (fits) {
                lines.push_back({begin, brk_end});
                start_line(brk_next, x - x_next);
            } else {
                lines.push_back({begin, i});
                start_line(i, 0);
            }
        }
        x += adv;
        i += len;
        prev_blank = false;
        prev_cjk = cjk;
        prev_punct = breaks_after(cp);
    }
    if (lines.empty() || begin < n || text[n - 1] != '\n') lines.push_back({begin, n});
    return lines;
}

size_t offset_at_x(std::string_view text, const TextLine& line, float x, const GlyphWidths& w) {
    float at = 0;
    for (size_t i = line.begin; i < line.end;) {
        size_t len = 0;
        const uint32_t cp = char_at(text, i, len);
        const float adv = cp == '\r' ? 0.0f : w(cp);
        if (x < at + adv * 0.5f) return i;
        at += adv;
        i += len;
    }
    return line.end;
}

size_t line_of(const std::vector<TextLine>& lines, size_t offset) {
    auto it = std::upper_bound(lines.begin(), lines.end(), offset, [](size_t o, const TextLine& l) { return o < l.begin; });
    return it == lines.begin() ? 0 : size_t(it - lines.begin()) - 1;
}

TextRange word_at(std::string_view text, size_t offset) {
    const size_t n = text.size();
    if (n == 0) return {0, 0};
    size_t at = std::min(offset, n);
    // Past the end of a line: the word before it.
    if ((at == n || text[at] == '\n') && at > 0 && text[prev_char(text, at)] != '\n') at = prev_char(text, at);
    if (at >= n || text[at] == '\n') return {offset, offset};
    size_t len = 0;
    const uint32_t cp = char_at(text, at, len);
    switch (kind_of(cp)) {
        case Kind::Word: return word_around(text, at);
        case Kind::Cjk: return run_around(text, at, Kind::Cjk);
        case Kind::Blank: return run_around(text, at, Kind::Blank);
        default: break;
    }
    if (joins_words(cp) && at > 0 && word_char_at(text, prev_char(text, at)) && word_char_at(text, at + len))
        return word_around(text, prev_char(text, at));
    return {at, at + len};
}

TextRange paragraph_at(std::string_view text, size_t offset) {
    offset = std::min(offset, text.size());
    const size_t before = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
    const size_t b = before == std::string_view::npos ? 0 : before + 1;
    const size_t after = text.find('\n', offset);
    return {b, after == std::string_view::npos ? text.size() : after};
}

size_t next_word_end(std::string_view text, size_t at) {
    at = std::min(at, text.size());
    while (at < text.size()) {
        const Kind k = kind_of(char_at(text, at));
        if (k == Kind::Word) return word_around(text, at).end;
        if (k == Kind::Cjk) return run_around(text, at, Kind::Cjk).end;
        at = next_char(text, at);
    }
    return at;
}

size_t prev_word_start(std::string_view text, size_t at) {
    at = std::min(at, text.size());
    while (at > 0) {
        const size_t p = prev_char(text, at);
        const Kind k = kind_of(char_at(text, p));
        if (k == Kind::Word) return word_around(text, p).begin;
        if (k == Kind::Cjk) return run_around(text, p, Kind::Cjk).begin;
        at = p;
    }
    return 0;
}

std::vector<TextRange> find_folded(std::string_view text, std::string_view folded_needle) {
    std::vector<TextRange> out;
    if (folded_needle.empty()) return out;
    // The folded text, and for each of its bytes the character of `text` it came from.
    std::string folded;
    std::vector<uint32_t> from_begin, from_end;
    folded.reserve(text.size());
    from_begin.reserve(text.size());
    from_end.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        size_t len = 0;
        char_at(text, i, len);
        const size_t before = folded.size();
        fold_append(text.substr(i, len), folded);
        for (size_t k = before; k < folded.size(); ++k) {
            from_begin.push_back(uint32_t(i));
            from_end.push_back(uint32_t(i + len));
        }
        // A character folding drops (a combining accent) goes with the one before it.
        if (folded.size() == before)
            for (size_t k = from_end.size(); k > 0 && from_end[k - 1] == i; --k) from_end[k - 1] = uint32_t(i + len);
        i += len;
    }
    const SubstringFinder finder(folded_needle);
    const size_t m = folded_needle.size();
    for (size_t p = finder.find(folded); p != std::string_view::npos; p = finder.find(folded, p + m)) {
        const TextRange r{from_begin[p], from_end[p + m - 1]};
        if (out.empty() || r.begin >= out.back().end) out.push_back(r);
    }
    return out;
}

}  // namespace sd
