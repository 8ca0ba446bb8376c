// Selectable text's maths (core/text_layout.h) with made-up glyph widths: wrapping as Dear ImGui
// wrapped the thread before (plus CJK breaks), hit testing, word and paragraph bounds, caret steps
// and folded find with positions in the original text.
#include <catch2/catch.hpp>

#include <string>

#include "core/text_fold.h"
#include "core/text_layout.h"

namespace {

// Every character 10 px wide, CJK characters 20 px: easy sums.
float ten(const void*, uint32_t cp) { return sd::is_cjk(cp) ? 20.0f : 10.0f; }
const sd::GlyphWidths kMono{ten, nullptr};

std::vector<std::string> shown(const std::string& text, float width) {
    std::vector<std::string> out;
    for (const sd::TextLine& l : sd::wrap_text(text, width, kMono)) out.push_back(text.substr(l.begin, l.end - l.begin));
    return out;
}

std::string range(const std::string& text, sd::TextRange r) { return text.substr(r.begin, r.end - r.begin); }

}  // namespace

TEST_CASE("wrapping breaks Latin text at blanks and drops the blanks at the break", "[text_layout]") {
    CHECK(shown("Where is my parcel?", 100) == std::vector<std::string>{"Where is", "my parcel?"});
    CHECK(shown("Where is my parcel?", 1000) == std::vector<std::string>{"Where is my parcel?"});
    // Blanks at the end of a line take no room: "Where is " is 90 px but "Where is" fits 80.
    CHECK(shown("Where is   my", 80) == std::vector<std::string>{"Where is", "my"});
    // Line breaks are kept; a text ending in one has no empty last line; an empty text has one line.
    CHECK(shown("Hi,\n\nthanks\n", 1000) == std::vector<std::string>{"Hi,", "", "thanks"});
    CHECK(shown("", 100) == std::vector<std::string>{""});
    CHECK(sd::wrap_text("", 100, kMono).size() == 1);
}

TEST_CASE("wrapping cuts a word wider than the line, and breaks after punctuation", "[text_layout]") {
    // As Dear ImGui: a word moves down while it could still fit a line; past that it is cut.
    CHECK(shown("ab 1Z999AA10123456784", 100) == std::vector<std::string>{"ab", "1Z999AA101", "23456784"});
    CHECK(shown("1Z999AA10123456784", 100) == std::vector<std::string>{"1Z999AA101", "23456784"});
    CHECK(shown("Thanks.Refund", 100) == std::vector<std::string>{"Thanks.", "Refund"});
    // A word that fits on a line of its own moves down whole.
    CHECK(shown("ab 12345678", 100) == std::vector<std::string>{"ab", "12345678"});
}

TEST_CASE("wrapping breaks CJK text between any two characters, never before its punctuation", "[text_layout]") {
    const std::string zh = "我想退货请问怎么办";   // nine characters, 20 px each
    CHECK(shown(zh, 100) == std::vector<std::string>{"我想退货请", "问怎么办"});
    // "，" is not a CJK letter: it stays with the character before it.
    const std::string comma = "我想退货，请问";
    const auto lines = shown(comma, 85);
    CHECK(lines.at(0) == "我想退");
    CHECK(lines.at(1) == "货，请问");
    // Mixed: Latin words keep together, CJK breaks before the Latin word.
    CHECK(shown("订单 order 112-88", 100) == std::vector<std::string>{"订单 order", "112-88"});
}

TEST_CASE("hit testing finds the nearest caret position on a line", "[text_layout]") {
    const std::string t = "Where is my parcel?";
    const auto lines = sd::wrap_text(t, 100, kMono);
    REQUIRE(lines.size() == 2);
    CHECK(sd::offset_at_x(t, lines[0], 0, kMono) == 0);
    CHECK(sd::offset_at_x(t, lines[0], 14, kMono) == 1);    // past the middle of "W"
    CHECK(sd::offset_at_x(t, lines[0], 4, kMono) == 0);
    CHECK(sd::offset_at_x(t, lines[0], 500, kMono) == lines[0].end);
    CHECK(sd::offset_at_x(t, lines[1], 26, kMono) == lines[1].begin + 3);
    CHECK(sd::text_width(t, lines[1].begin, lines[1].end, kMono) == 100);
    // The gap after a line (the skipped blank) belongs to that line.
    CHECK(sd::line_of(lines, 8) == 0);
    CHECK(sd::line_of(lines, 9) == 1);
    CHECK(sd::line_of(lines, t.size()) == 1);
    const std::string zh = "我想退货";
    const sd::TextLine whole{0, zh.size()};
    CHECK(sd::offset_at_x(zh, whole, 25, kMono) == 3);   // middle of the second character rounds to after the first
    CHECK(sd::offset_at_x(zh, whole, 31, kMono) == 6);
}

TEST_CASE("a double-click selects a word, an ID, a CJK run or the blanks", "[text_layout]") {
    const std::string t = "Order 112-1234567-8901234, track 1Z999AA10123456784. Mail anna@shop.com don't";
    CHECK(range(t, sd::word_at(t, 2)) == "Order");
    CHECK(range(t, sd::word_at(t, 10)) == "112-1234567-8901234");
    CHECK(range(t, sd::word_at(t, 9)) == "112-1234567-8901234");   // on the dash itself
    CHECK(range(t, sd::word_at(t, t.find("1Z9") + 4)) == "1Z999AA10123456784");
    CHECK(range(t, sd::word_at(t, t.find("shop"))) == "anna@shop.com");
    CHECK(range(t, sd::word_at(t, t.size())) == "don't");         // past the end: the word before
    CHECK(range(t, sd::word_at(t, t.find(','))) == ",");
    const std::string gap = "a   b";
    CHECK(range(gap, sd::word_at(gap, 2)) == "   ");
    const std::string zh = "订单号 我想退货，谢谢";
    CHECK(range(zh, sd::word_at(zh, zh.find("退"))) == "我想退货");
    CHECK(range(zh, sd::word_at(zh, 0)) == "订单号");
    const std::string accents = "Hello José Müller!";
    CHECK(range(accents, sd::word_at(accents, accents.find("Mü") + 1)) == "Müller");
    CHECK(sd::word_at("", 0).empty());
    const std::string lines = "one\n\ntwo";
    CHECK(range(lines, sd::word_at(lines, 3)) == "one");          // the end of a line: its last word
    CHECK(sd::word_at(lines, 4).empty());                          // an empty line
}

TEST_CASE("a triple-click selects the paragraph between line breaks", "[text_layout]") {
    const std::string t = "Hi Jessica,\nyour refund is on its way.\n\nLily";
    CHECK(range(t, sd::paragraph_at(t, 0)) == "Hi Jessica,");
    CHECK(range(t, sd::paragraph_at(t, 15)) == "your refund is on its way.");
    CHECK(range(t, sd::paragraph_at(t, t.size())) == "Lily");
    CHECK(sd::paragraph_at(t, t.find("\n\n") + 1).empty());
}

TEST_CASE("caret steps move by character and by word", "[text_layout]") {
    const std::string t = "Müller 订单 ok";
    CHECK(sd::next_char(t, 1) == 3);   // ü is two bytes
    CHECK(sd::prev_char(t, 3) == 1);
    CHECK(sd::prev_char(t, 0) == 0);
    CHECK(sd::next_char(t, t.size()) == t.size());
    CHECK(sd::next_word_end(t, 0) == 7);
    CHECK(sd::next_word_end(t, 7) == t.find(" ok"));
    CHECK(sd::prev_word_start(t, t.size()) == t.size() - 2);
    CHECK(sd::prev_word_start(t, t.find(" ok")) == t.find("订"));
    CHECK(sd::prev_word_start(t, 3) == 0);
}

TEST_CASE("find matches folded text and reports ranges of the original", "[text_layout]") {
    const std::string t = "PARCEL lost? The parcel — ＰＡＲＣＥＬ — arrived at José's.";
    const auto hits = sd::find_folded(t, sd::fold("parcel"));
    REQUIRE(hits.size() == 3);
    CHECK(range(t, hits[0]) == "PARCEL");
    CHECK(range(t, hits[1]) == "parcel");
    CHECK(range(t, hits[2]) == "ＰＡＲＣＥＬ");
    const auto jose = sd::find_folded(t, sd::fold("JOSE"));
    REQUIRE(jose.size() == 1);
    CHECK(range(t, jose[0]) == "José");
    CHECK(sd::find_folded(t, "").empty());
    CHECK(sd::find_folded(t, sd::fold("refund")).empty());
    const std::string zh = "我想退货。退货地址？";
    CHECK(sd::find_folded(zh, sd::fold("退货")).size() == 2);
    // Overlapping occurrences are counted once each, left to right.
    CHECK(sd::find_folded("aaaa", "aa").size() == 2);
    // A combining accent goes with its letter.
    const std::string combining = "Jose\xCC\x81!";
    CHECK(range(combining, sd::find_folded(combining, "jose").at(0)) == "Jose\xCC\x81");
}
