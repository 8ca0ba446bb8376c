// Text normalisation for search and sorting: case-, accent- and width-insensitive folding of
// UTF-8, ID compaction, and the word splitter shared by the full-text index and the query parser.
//
//   sd::fold("Ｊosé MÜLLER")      == "jose muller"
//   sd::fold("Straße")            == "strasse"
//   sd::fold_id("112-1234567 89")  == "112123456789"
//   sd::for_each_word(sd::fold("Return request 我想退货"), [](std::string_view w, bool cjk) {...});
//       -> ("return", false) ("request", false) ("我想退货", true)
//
// Rules (docs/search.md has the full list):
//  * ASCII A-Z -> a-z; Latin-1, Latin Extended-A, common Latin Extended-B and Latin Extended
//    Additional (Vietnamese) letters lose their accents (é -> e, ł -> l, ơ -> o); ß/ẞ -> ss,
//    æ -> ae, œ -> oe, ĳ -> ij, þ -> th; ligatures ﬁ/ﬂ/ﬀ... -> fi/fl/ff...
//  * Greek and Cyrillic capitals -> small letters; Greek tonos/dialytika and ё are dropped.
//  * Combining marks U+0300-U+036F, soft hyphen and zero-width characters are removed.
//  * Full-width ASCII U+FF01-U+FF5E -> ASCII (then lower-cased); U+3000 (ideographic space),
//    no-break space and the U+2000 spaces -> ' '.
//  * Malformed UTF-8 bytes become ' ' (never a crash, never a throw). Everything else is copied.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace sd {

// Appends the folded form of `text` to `out`. Returns true when a character was removed (soft
// hyphen, combining mark, zero-width character), i.e. when folding may have joined neighbours.
bool fold_append(std::string_view text, std::string& out);
std::string fold(std::string_view text);

// Folds, then keeps only letters and digits (ASCII alphanumerics, other letters, CJK): dashes,
// spaces and punctuation are dropped. Used for order-ID substring search.
void fold_id_append(std::string_view text, std::string& out);
std::string fold_id(std::string_view text);

// Decodes the code point starting at byte i (i < s.size()) and returns its length in bytes.
// Malformed, overlong or surrogate sequences give cp = 0xFFFD and length 1.
size_t decode_utf8(std::string_view s, size_t i, uint32_t& cp);
void append_utf8(uint32_t cp, std::string& out);

// Character classes of *folded* text.
enum class CharClass : uint8_t { Separator, Word, Cjk };
// Han, kana, Hangul, bopomofo (and the iteration marks 々〆〇): scripts written without spaces.
bool is_cjk(uint32_t cp);
CharClass char_class(uint32_t cp);

// Longest non-CJK word kept by the splitter; longer words are clipped (at a code point boundary)
// both when indexing and when querying, so matching stays consistent.
constexpr size_t kMaxWordBytes = 32;
std::string_view clip_word(std::string_view word);

namespace detail {
// 1 for ASCII letters and digits, 0 for every other ASCII byte.
extern const uint8_t kAsciiWord[128];
}

// Splits folded text into words and calls f(std::string_view word, bool cjk) for each:
//  * a word is a maximal run of Word characters (ASCII letters/digits, other non-CJK letters),
//    clipped to kMaxWordBytes;
//  * a CJK run is a maximal run of CJK characters, passed whole (the caller decides how to cut it:
//    the index uses character bigrams);
//  * everything else (spaces, punctuation, symbols, emoji) separates words.
template <class F>
void for_each_word(std::string_view t, F&& f) {
    const size_t n = t.size();
    size_t start = 0;
    CharClass cur = CharClass::Separator;
    size_t i = 0;
    while (i < n) {
        const unsigned char b = static_cast<unsigned char>(t[i]);
        CharClass cls;
        size_t len = 1;
        if (b < 0x80) {
            cls = detail::kAsciiWord[b] ? CharClass::Word : CharClass::Separator;
        } else {
            uint32_t cp = 0;
            len = decode_utf8(t, i, cp);
            cls = char_class(cp);
        }
        if (cls != cur) {
            if (cur == CharClass::Word) f(clip_word(t.substr(start, i - start)), false);
            else if (cur == CharClass::Cjk) f(t.substr(start, i - start), true);
            start = i;
            cur = cls;
        }
        i += len;
    }
    if (cur == CharClass::Word) f(clip_word(t.substr(start, n - start)), false);
    else if (cur == CharClass::Cjk) f(t.substr(start, n - start), true);
}

// Repeated search for one needle (Boyer-Moore-Horspool): build once per query, run over many
// texts. The needle's bytes must outlive the finder; an empty needle is found at `from`.
class SubstringFinder {
public:
    explicit SubstringFinder(std::string_view needle) : needle_(needle) {
        const size_t m = needle.size();
        for (uint32_t& s : skip_) s = uint32_t(m);
        for (size_t i = 0; i + 1 < m; ++i) skip_[static_cast<unsigned char>(needle[i])] = uint32_t(m - 1 - i);
    }
    // Position of the first occurrence in hay at or after `from`, or std::string_view::npos.
    size_t find(std::string_view hay, size_t from = 0) const {
        const size_t m = needle_.size();
        if (m == 0) return from <= hay.size() ? from : std::string_view::npos;
        if (m == 1) {
            if (from >= hay.size()) return std::string_view::npos;
            const void* p = std::memchr(hay.data() + from, needle_[0], hay.size() - from);
            return p ? size_t(static_cast<const char*>(p) - hay.data()) : std::string_view::npos;
        }
        const unsigned char last = static_cast<unsigned char>(needle_[m - 1]);
        const char* h = hay.data();
        const size_t n = hay.size();
        for (size_t i = from; i + m <= n;) {
            const unsigned char c = static_cast<unsigned char>(h[i + m - 1]);
            if (c == last && std::memcmp(h + i, needle_.data(), m - 1) == 0) return i;
            i += skip_[c];
        }
        return std::string_view::npos;
    }
    bool in(std::string_view hay) const { return find(hay) != std::string_view::npos; }

private:
    std::string_view needle_;
    uint32_t skip_[256];
};

}  // namespace sd
