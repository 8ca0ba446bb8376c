#include "text_fold.h"

namespace sd {

namespace detail {
const uint8_t kAsciiWord[128] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0x00
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0x10
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 0x20  !"#$%&'()*+,-./
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,  // 0x30  0-9
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  // 0x40  A-O
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,  // 0x50  P-Z
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  // 0x60  a-o
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,  // 0x70  p-z
};
}  // namespace detail

namespace {

// Folding tables: one byte per code point. A small letter is the folded form; capital
// placeholders expand to two letters; '?' keeps the code point unchanged.
//   A -> "ae", O -> "oe", I -> "ij", S -> "ss", T -> "th"
const char kLatin1[] =  // U+00C0..U+00FF
    "aaaaaaAc" "eeeeiiii" "dnooooo?" "ouuuuyTS"
    "aaaaaaAc" "eeeeiiii" "dnooooo?" "ouuuuyTy";
static_assert(sizeof(kLatin1) == 64 + 1, "Latin-1 table");

const char kLatinExtA[] =  // U+0100..U+017F
    "aaaaaaccccccccdd" "ddeeeeeeeeeegggg" "gggghhhhiiiiiiii" "iiIIjjkkklllllll"
    "lllnnnnnnnnnoooo" "ooOOrrrrrrssssss" "sstttttt" "uuuuuuuu" "uuuuwwyyyzzzzzzs";
static_assert(sizeof(kLatinExtA) == 128 + 1, "Latin Extended-A table");

const char kLatinExtAdditional[] =  // U+1E00..U+1E9F
    "aabbbbbbccdddddd" "ddddeeeeeeeeeeff" "gghhhhhhhhhhiiii" "kkkkkkllllllllmm"
    "mmmmnnnnnnnnoooo" "oooopppprrrrrrrr" "sssssssssstttttt" "ttuuuuuuuuuuvvvv"
    "wwwwwwwwwwxxxxyy" "zzzzzzhtwyasssSd";
static_assert(sizeof(kLatinExtAdditional) == 160 + 1, "Latin Extended Additional table");

const char kVietnamese[] =  // U+1EA0..U+1EFF
    "aaaaaaaaaaaaaaaa" "aaaaaaaaeeeeeeee" "eeeeeeeeiiiioooo" "oooooooooooooooo"
    "oooouuuuuuuuuuuu" "uuyyyyyyyyllvvyy";
static_assert(sizeof(kVietnamese) == 96 + 1, "Vietnamese table");

const char kPinyin[] = "aaiioouuuuuuuuuu";  // U+01CD..U+01DC (Ǎǎ Ǐǐ Ǒǒ Ǔǔ Ǖǖ Ǘǘ Ǚǚ Ǜǜ)
static_assert(sizeof(kPinyin) == 16 + 1, "pinyin table");

char kLower[128];
struct LowerInit {
    LowerInit() {
        for (int i = 0; i < 128; ++i) kLower[i] = char(i >= 'A' && i <= 'Z' ? i + 32 : i);
    }
} lower_init;

// Folded output is never longer than its input (see fold_append), so it is written through a
// raw pointer into space reserved up front.
inline char* put_utf8(uint32_t cp, char* w) {
    if (cp < 0x80) {
        *w++ = char(cp);
    } else if (cp < 0x800) {
        *w++ = char(0xC0 | (cp >> 6));
        *w++ = char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *w++ = char(0xE0 | (cp >> 12));
        *w++ = char(0x80 | ((cp >> 6) & 0x3F));
        *w++ = char(0x80 | (cp & 0x3F));
    } else {
        *w++ = char(0xF0 | (cp >> 18));
        *w++ = char(0x80 | ((cp >> 12) & 0x3F));
        *w++ = char(0x80 | ((cp >> 6) & 0x3F));
        *w++ = char(0x80 | (cp & 0x3F));
    }
    return w;
}

inline char* put2(const char* two, char* w) {
    *w++ = two[0];
    *w++ = two[1];
    return w;
}

inline char* put_code(char code, uint32_t cp, char* w) {
    switch (code) {
        case 'A': return put2("ae", w);
        case 'O': return put2("oe", w);
        case 'I': return put2("ij", w);
        case 'S': return put2("ss", w);
        case 'T': return put2("th", w);
        case '?': return put_utf8(cp, w);
        default: *w++ = code; return w;
    }
}

char latin_ext_b(uint32_t cp) {
    if (cp >= 0x01CD && cp <= 0x01DC) return kPinyin[cp - 0x01CD];
    switch (cp) {
        case 0x0180: case 0x0181: case 0x0183: return 'b';
        case 0x0187: case 0x0188: return 'c';
        case 0x0189: case 0x018A: case 0x018B: case 0x018C: return 'd';
        case 0x0191: case 0x0192: return 'f';
        case 0x0193: return 'g';
        case 0x0197: return 'i';
        case 0x0198: case 0x0199: return 'k';
        case 0x019A: return 'l';
        case 0x019D: case 0x019E: return 'n';
        case 0x019F: case 0x01A0: case 0x01A1: return 'o';
        case 0x01A4: case 0x01A5: return 'p';
        case 0x01AB: case 0x01AC: case 0x01AD: case 0x01AE: return 't';
        case 0x01AF: case 0x01B0: return 'u';
        case 0x01B2: return 'v';
        case 0x01B3: case 0x01B4: return 'y';
        case 0x01B5: case 0x01B6: return 'z';
        case 0x01DE: case 0x01DF: case 0x01E0: case 0x01E1: return 'a';
        case 0x01E2: case 0x01E3: case 0x01FC: case 0x01FD: return 'A';
        case 0x01E4: case 0x01E5: case 0x01E6: case 0x01E7: case 0x01F4: case 0x01F5: return 'g';
        case 0x01E8: case 0x01E9: return 'k';
        case 0x01EA: case 0x01EB: case 0x01EC: case 0x01ED: return 'o';
        case 0x01F0: return 'j';
        case 0x01F8: case 0x01F9: return 'n';
        case 0x01FA: case 0x01FB: return 'a';
        case 0x01FE: case 0x01FF: return 'o';
        case 0x0200: case 0x0201: case 0x0202: case 0x0203: return 'a';
        case 0x0204: case 0x0205: case 0x0206: case 0x0207: return 'e';
        case 0x0208: case 0x0209: case 0x020A: case 0x020B: return 'i';
        case 0x020C: case 0x020D: case 0x020E: case 0x020F: return 'o';
        case 0x0210: case 0x0211: case 0x0212: case 0x0213: return 'r';
        case 0x0214: case 0x0215: case 0x0216: case 0x0217: return 'u';
        case 0x0218: case 0x0219: return 's';
        case 0x021A: case 0x021B: return 't';
        case 0x021E: case 0x021F: return 'h';
        case 0x0226: case 0x0227: return 'a';
        case 0x0228: case 0x0229: return 'e';
        case 0x022A: case 0x022B: case 0x022C: case 0x022D: case 0x022E: case 0x022F: case 0x0230:
        case 0x0231: return 'o';
        case 0x0232: case 0x0233: return 'y';
        default: return '?';
    }
}

uint32_t greek(uint32_t cp) {
    if (cp >= 0x0391 && cp <= 0x03A9 && cp != 0x03A2) return cp + 0x20;
    switch (cp) {
        case 0x0386: case 0x03AC: return 0x03B1;  // α
        case 0x0388: case 0x03AD: return 0x03B5;  // ε
        case 0x0389: case 0x03AE: return 0x03B7;  // η
        case 0x038A: case 0x03AF: case 0x0390: case 0x03AA: case 0x03CA: return 0x03B9;  // ι
        case 0x038C: case 0x03CC: return 0x03BF;  // ο
        case 0x038E: case 0x03CD: case 0x03B0: case 0x03AB: case 0x03CB: return 0x03C5;  // υ
        case 0x038F: case 0x03CE: return 0x03C9;  // ω
        case 0x03C2: return 0x03C3;               // final sigma -> σ
        default: return cp;
    }
}

// Writes the folded form of cp (a non-ASCII code point) at w and returns the new end; sets
// `removed` when cp is dropped. Never writes more bytes than cp's UTF-8 length.
char* fold_cp(uint32_t cp, char* w, bool& removed) {
    if (cp < 0x0100) {
        if (cp >= 0xC0) return put_code(kLatin1[cp - 0xC0], cp, w);
        if (cp == 0xA0) { *w++ = ' '; return w; }    // no-break space
        if (cp == 0xAD) { removed = true; return w; } // soft hyphen
        return put_utf8(cp, w);
    }
    if (cp < 0x0180) return put_code(kLatinExtA[cp - 0x0100], cp, w);
    if (cp < 0x0250) return put_code(latin_ext_b(cp), cp, w);
    if (cp >= 0x0300 && cp <= 0x036F) { removed = true; return w; }   // combining marks
    if (cp >= 0x0386 && cp <= 0x03CE) return put_utf8(greek(cp), w);
    if (cp >= 0x0400 && cp <= 0x045F) {
        uint32_t c = cp;
        if (c < 0x0410) c += 0x50;                    // Ѐ..Џ -> ѐ..џ
        else if (c < 0x0430) c += 0x20;               // А..Я -> а..я
        if (c == 0x0451) c = 0x0435;                  // ё -> е
        return put_utf8(c, w);
    }
    if (cp >= 0x1E00 && cp <= 0x1EFF)
        return put_code(cp < 0x1EA0 ? kLatinExtAdditional[cp - 0x1E00] : kVietnamese[cp - 0x1EA0], cp, w);
    if ((cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000) {
        *w++ = ' ';
        return w;
    }
    if ((cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF) {   // zero-width
        removed = true;
        return w;
    }
    if (cp >= 0xFB00 && cp <= 0xFB06) {
        static const char* const kLig[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
        for (const char* l = kLig[cp - 0xFB00]; *l; ++l) *w++ = *l;
        return w;
    }
    if (cp >= 0xFF01 && cp <= 0xFF5E) {               // full-width ASCII
        *w++ = kLower[cp - 0xFEE0];
        return w;
    }
    if (cp == 0xFFFD) {                               // malformed input
        *w++ = ' ';
        return w;
    }
    return put_utf8(cp, w);
}

}  // namespace

size_t decode_utf8(std::string_view s, size_t i, uint32_t& cp) {
    const size_t n = s.size();
    const unsigned char b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    auto cont = [&](size_t k) -> int {
        if (i + k >= n) return -1;
        unsigned char b = static_cast<unsigned char>(s[i + k]);
        return (b & 0xC0) == 0x80 ? int(b & 0x3F) : -1;
    };
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        int c1 = cont(1);
        if (c1 >= 0) {
            cp = (uint32_t(b0 & 0x1F) << 6) | uint32_t(c1);
            return 2;
        }
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        int c1 = cont(1), c2 = cont(2);
        if (c1 >= 0 && c2 >= 0) {
            uint32_t v = (uint32_t(b0 & 0x0F) << 12) | (uint32_t(c1) << 6) | uint32_t(c2);
            if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) {
                cp = v;
                return 3;
            }
        }
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        int c1 = cont(1), c2 = cont(2), c3 = cont(3);
        if (c1 >= 0 && c2 >= 0 && c3 >= 0) {
            uint32_t v = (uint32_t(b0 & 0x07) << 18) | (uint32_t(c1) << 12) | (uint32_t(c2) << 6) |
                         uint32_t(c3);
            if (v >= 0x10000 && v <= 0x10FFFF) {
                cp = v;
                return 4;
            }
        }
    }
    cp = 0xFFFD;
    return 1;
}

void append_utf8(uint32_t cp, std::string& out) {
    char buf[4];
    out.append(buf, size_t(put_utf8(cp, buf) - buf));
}

bool fold_append(std::string_view s, std::string& out) {
    const size_t base = out.size();
    out.resize(base + s.size());                      // folding never lengthens text
    char* const start = &out[0] + base;
    char* w = start;
    const size_t n = s.size();
    const unsigned char* in = reinterpret_cast<const unsigned char*>(s.data());
    size_t i = 0;
    bool removed = false;
    while (i < n) {
        const unsigned char b = in[i];
        if (b < 0x80) {
            *w++ = kLower[b];
            ++i;
            continue;
        }
        uint32_t cp = 0;
        i += decode_utf8(s, i, cp);
        w = fold_cp(cp, w, removed);
    }
    out.resize(base + size_t(w - start));
    return removed;
}

std::string fold(std::string_view text) {
    std::string out;
    fold_append(text, out);
    return out;
}

void fold_id_append(std::string_view text, std::string& out) {
    std::string folded;
    fold_append(text, folded);
    const size_t n = folded.size();
    size_t i = 0;
    while (i < n) {
        const unsigned char b = static_cast<unsigned char>(folded[i]);
        if (b < 0x80) {
            if (detail::kAsciiWord[b]) out.push_back(char(b));
            ++i;
            continue;
        }
        uint32_t cp = 0;
        size_t len = decode_utf8(folded, i, cp);
        if (char_class(cp) != CharClass::Separator) out.append(folded, i, len);
        i += len;
    }
}

std::string fold_id(std::string_view text) {
    std::string out;
    fold_id_append(text, out);
    return out;
}

bool is_cjk(uint32_t cp) {
    if (cp < 0x2E80) return false;
    return (cp >= 0x4E00 && cp <= 0x9FFF) ||    // CJK unified ideographs
           (cp >= 0x3400 && cp <= 0x4DBF) ||    // extension A
           (cp >= 0x3040 && cp <= 0x30FF && cp != 0x30FB) ||  // hiragana, katakana (not ・)
           (cp >= 0xAC00 && cp <= 0xD7AF) ||    // Hangul syllables
           (cp >= 0x2E80 && cp <= 0x2FDF) ||    // radicals
           (cp >= 0x3005 && cp <= 0x3007) ||    // 々 〆 〇
           (cp >= 0x3100 && cp <= 0x31FF) ||    // bopomofo, Hangul jamo, katakana ext.
           (cp >= 0xF900 && cp <= 0xFAFF) ||    // compatibility ideographs
           (cp >= 0xFF66 && cp <= 0xFF9F) ||    // half-width katakana
           (cp >= 0x20000 && cp <= 0x3FFFF);    // extensions B..
}

CharClass char_class(uint32_t cp) {
    if (cp < 0x80) return detail::kAsciiWord[cp] ? CharClass::Word : CharClass::Separator;
    if (is_cjk(cp)) return CharClass::Cjk;
    if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7) return CharClass::Separator;  // Latin-1 symbols
    if (cp >= 0x2000 && cp <= 0x2BFF) return CharClass::Separator;   // punctuation, symbols, arrows
    if (cp >= 0x2E00 && cp <= 0x2E7F) return CharClass::Separator;   // supplemental punctuation
    if (cp >= 0x3000 && cp <= 0x303F) return CharClass::Separator;   // CJK symbols and punctuation
    if (cp == 0x30FB) return CharClass::Separator;                   // katakana middle dot
    if (cp >= 0xFE00 && cp <= 0xFE0F) return CharClass::Separator;   // variation selectors
    if (cp >= 0xFE10 && cp <= 0xFE6F) return CharClass::Separator;   // vertical / small forms
    if (cp >= 0xFF00 && cp <= 0xFF65) return CharClass::Separator;   // remaining full-width punct.
    if (cp >= 0xFFE0 && cp <= 0xFFFF) return CharClass::Separator;   // full-width signs, specials
    if (cp >= 0x1F000 && cp <= 0x1FAFF) return CharClass::Separator; // emoji, pictographs
    if (cp >= 0xE0000 && cp <= 0xE007F) return CharClass::Separator; // tags
    return CharClass::Word;
}

std::string_view clip_word(std::string_view w) {
    if (w.size() <= kMaxWordBytes) return w;
    size_t cut = kMaxWordBytes;
    while (cut > 0 && (static_cast<unsigned char>(w[cut]) & 0xC0) == 0x80) --cut;
    return w.substr(0, cut);
}

}  // namespace sd
