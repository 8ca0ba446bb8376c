// Text normalisation: folding, ID compaction, the word splitter.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <utility>
#include <vector>
#include "core/text_fold.h"

using sd::fold;
using sd::fold_id;

namespace {
std::vector<std::pair<std::string, bool>> words(const std::string& text) {
    std::vector<std::pair<std::string, bool>> out;
    std::string f = fold(text);
    sd::for_each_word(f, [&](std::string_view w, bool cjk) { out.emplace_back(std::string(w), cjk); });
    return out;
}
}  // namespace

TEST_CASE("fold lower-cases ASCII and keeps the rest", "[fold]") {
    CHECK(fold("Return REQUEST for Order #12") == "return request for order #12");
    CHECK(fold("") == "");
    CHECK(fold("already folded 123") == "already folded 123");
}

TEST_CASE("fold removes accents", "[fold]") {
    CHECK(fold("José Müller") == "jose muller");
    CHECK(fold("ÀÁÂÃÄÅ àáâãäå Ç ç È É Ê Ë Ì Í Î Ï Ñ Ò Ó Ô Õ Ö Ø Ù Ú Û Ü Ý ÿ") ==
          "aaaaaa aaaaaa c c e e e e i i i i n o o o o o o u u u u y y");
    CHECK(fold("Straße STRAẞE") == "strasse strasse");
    CHECK(fold("Æsir œuvre Œ ĳ Þór") == "aesir oeuvre oe ij thor");
    CHECK(fold("Łódź Dvořák Šťastný Żółć Őrség") == "lodz dvorak stastny zolc orseg");
    CHECK(fold("Nguyễn Thị Hương Phạm Đức") == "nguyen thi huong pham duc");
    CHECK(fold("lǜ Ǎ") == "lu a");
    CHECK(fold("Ștefan Țară") == "stefan tara");
    // decomposed accents: e + COMBINING ACUTE ACCENT
    CHECK(fold("Jose\xCC\x81") == "jose");
    CHECK(fold("ﬁle ﬂow") == "file flow");
}

TEST_CASE("fold handles Greek and Cyrillic case", "[fold]") {
    CHECK(fold("ΑΘΗΝΑ Ἀ") == std::string("αθηνα ") + "Ἀ");   // extended Greek is copied as is
    CHECK(fold("Άρης ΌΛΑ") == "αρησ ολα");
    CHECK(fold("МОСКВА Ёлка") == "москва елка");
}

TEST_CASE("fold maps full-width forms and special spaces", "[fold]") {
    CHECK(fold("ＡＢＣ１２３") == "abc123");
    CHECK(fold("ｒｅｔｕｒｎ　ｒｅｑｕｅｓｔ") == "return request");   // U+3000 ideographic space
    CHECK(fold("a\xC2\xA0" "b") == "a b");                           // no-break space
    CHECK(fold("in\xE2\x80\x8Bvisible") == "invisible");             // zero-width space dropped
    CHECK(fold("soft\xC2\xAD" "hyphen") == "softhyphen");
    CHECK(fold("＃１２３－４５") == "#123-45");
}

TEST_CASE("fold keeps CJK text unchanged", "[fold]") {
    CHECK(fold("我想退货。谢谢") == "我想退货。谢谢");
    CHECK(fold("我想退货，谢谢！") == "我想退货,谢谢!");   // full-width punctuation -> ASCII
    CHECK(fold("订单ABC") == "订单abc");
}

TEST_CASE("fold survives malformed UTF-8", "[fold]") {
    CHECK(fold(std::string("a\xFF" "b")) == "a b");
    CHECK(fold(std::string("\xC3")) == " ");                 // truncated sequence
    CHECK(fold(std::string("\xE6\x88")) == "  ");
    CHECK(fold(std::string("\xC0\xAF")) == "  ");            // overlong '/'
    CHECK(fold(std::string("\xED\xA0\x80")) == "   ");       // surrogate
    CHECK(fold(std::string("x\xF0\x9F\x98\x80y")) == "x\xF0\x9F\x98\x80y");   // emoji kept
}

TEST_CASE("fold_id keeps only letters and digits", "[fold]") {
    CHECK(fold_id("112-1234567-8901234") == "11212345678901234");
    CHECK(fold_id(" 112 1234567 ") == "1121234567");
    CHECK(fold_id("１１２－１２３") == "112123");
    CHECK(fold_id("AB-cd_12/34.5#") == "abcd12345");
    CHECK(fold_id("---") == "");
    CHECK(fold_id("订单-123") == "订单123");
}

TEST_CASE("for_each_word splits words, CJK runs and separators", "[fold]") {
    using W = std::vector<std::pair<std::string, bool>>;
    CHECK(words("Return request: order #112-123") ==
          W{{"return", false}, {"request", false}, {"order", false}, {"112", false}, {"123", false}});
    CHECK(words("我想退货 please 谢谢iPhone手机") ==
          W{{"我想退货", true}, {"please", false}, {"谢谢", true}, {"iphone", false}, {"手机", true}});
    CHECK(words("don't") == W{{"don", false}, {"t", false}});
    CHECK(words("Müller—café…ok") == W{{"muller", false}, {"cafe", false}, {"ok", false}});
    CHECK(words("カタカナ・ひらがな") == W{{"カタカナ", true}, {"ひらがな", true}});
    CHECK(words("москва") == W{{"москва", false}});
    CHECK(words("  ,,, ").empty());
    CHECK(words("").empty());
}

TEST_CASE("long words are clipped at a code point boundary", "[fold]") {
    std::string longword(40, 'a');
    auto w = words(longword);
    REQUIRE(w.size() == 1);
    CHECK(w[0].first == std::string(sd::kMaxWordBytes, 'a'));
    // 31 ASCII letters + a two-byte letter: clipping must not cut the letter in half
    std::string mixed = std::string(31, 'b') + "ж" + "zz";
    auto m = words(mixed);
    REQUIRE(m.size() == 1);
    CHECK(m[0].first == std::string(31, 'b'));
}

TEST_CASE("SubstringFinder finds every occurrence", "[fold]") {
    const std::string hay = "abcabcabd 我想退货 abd";
    sd::SubstringFinder abd("abd");
    CHECK(abd.find(hay) == 6);
    CHECK(abd.find(hay, 7) == hay.size() - 3);
    CHECK(abd.find(hay, hay.size() - 2) == std::string_view::npos);
    CHECK(sd::SubstringFinder("想退").find(hay) == hay.find("想退"));
    CHECK_FALSE(sd::SubstringFinder("退想").in(hay));
    CHECK_FALSE(sd::SubstringFinder("longer than the haystack").in("short"));
    CHECK(sd::SubstringFinder("").find("xyz", 1) == 1);
    CHECK(sd::SubstringFinder("aaa").find("aaaa", 1) == 1);
    // agrees with std::string::find on every needle of a text
    const std::string text = "mississippi river 112-1234567-8901234";
    for (size_t a = 0; a < text.size(); ++a)
        for (size_t len = 1; a + len <= text.size() && len < 8; ++len) {
            const std::string needle = text.substr(a, len);
            sd::SubstringFinder f(needle);
            for (size_t from = 0; from <= text.size(); from += 3) REQUIRE(f.find(text, from) == text.find(needle, from));
        }
}

TEST_CASE("folding never lengthens text and keeps it valid UTF-8", "[fold]") {
    // every code point on its own
    for (uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        std::string s;
        sd::append_utf8(cp, s);
        std::string f = fold(s);
        REQUIRE(f.size() <= s.size());
        for (size_t i = 0; i < f.size();) {
            uint32_t out = 0;
            size_t len = sd::decode_utf8(f, i, out);
            REQUIRE((out != 0xFFFD || cp == 0xFFFD));
            i += len;
        }
    }
    // random bytes
    std::mt19937 rng(3);
    for (int k = 0; k < 20000; ++k) {
        std::string s(rng() % 24, '\0');
        for (char& ch : s) ch = char(rng() % 4 == 0 ? rng() % 128 : 0x80 + rng() % 128);
        std::string f = fold(s);
        REQUIRE(f.size() <= s.size());
        REQUIRE(fold(f) == f);   // folding is idempotent
    }
}
