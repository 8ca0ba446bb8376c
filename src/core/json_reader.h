// A strict JSON reader (RFC 8259) that can stop between any two tokens and carry on later, so an
// import of a 100 MB export is read a slice per frame instead of blocking the page for seconds.
//
// It hands the same events as nlohmann's SAX interface to a handler (null, boolean,
// number_integer, number_unsigned, number_float, string, key, start_object, end_object,
// start_array, end_array), each returning false to stop; and syntax_error(offset, reason) when
// the text is not JSON. The whole text stays in memory: only the reader's position and its
// stack of open containers are kept between slices, so a token is never split.
//
//   sd::JsonReader r{text};
//   while (r.step(handler, 1 << 20) == sd::JsonReader::More) { ...draw a frame... }
//
// What it checks: the grammar (no trailing commas, no leading zeros, no text after the root
// value), escapes (\uXXXX with surrogate pairs, no lone surrogates), raw control characters in
// strings, and well-formed UTF-8 (no overlong forms, no encoded surrogates, nothing above
// U+10FFFF). Numbers are reported as nlohmann does: a non-negative integer that fits uint64 is
// unsigned, a negative one that fits int64 is an integer, anything else is a float.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "text_fold.h"

namespace sd {

struct JsonReader {
    enum Result { More, Finished, Failed };

    std::string_view text;
    size_t pos = 0;

    template <class Handler>
    Result step(Handler& h, size_t max_bytes);

private:
    enum class Expect : uint8_t { Value, FirstValueOrEnd, FirstKeyOrEnd, Key, Colon, CommaOrEnd, End };
    std::vector<char> open_;   // '{' or '[' for each open container
    Expect expect_ = Expect::Value;
    std::string scratch_;      // the current string, key or number text

    void after_value() { expect_ = open_.empty() ? Expect::End : Expect::CommaOrEnd; }

    static std::string describe(std::string_view t, size_t at) {
        if (at >= t.size()) return "the end of the file";
        unsigned char c = uint8_t(t[at]);
        if (c >= 0x21 && c < 0x7F) return std::string("'") + char(c) + "'";
        static const char hex[] = "0123456789ABCDEF";
        return std::string("byte 0x") + hex[c >> 4] + hex[c & 15];
    }
    template <class Handler>
    Result fail(Handler& h, size_t at, const std::string& reason) {
        h.syntax_error(at, at >= text.size() ? std::string("the file ends too early (truncated?)") : reason);
        return Failed;
    }
    // Length of the UTF-8 sequence starting at `at`, 0 when it is not well-formed (text_fold.h's
    // decoder reads a malformed byte as U+FFFD of length 1).
    size_t utf8_length(size_t at) const {
        uint32_t cp = 0;
        const size_t len = decode_utf8(text, at, cp);
        return cp == 0xFFFD && len == 1 ? 0 : len;
    }
    static int hex_value(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
    // Reads four hex digits at `at`; -1 with `bad` set to the offending offset.
    long read_hex4(size_t at, size_t& bad) const {
        long v = 0;
        for (size_t k = 0; k < 4; ++k) {
            if (at + k >= text.size()) { bad = text.size(); return -1; }
            int d = hex_value(text[at + k]);
            if (d < 0) { bad = at + k; return -1; }
            v = v * 16 + d;
        }
        return v;
    }
    // The string whose opening quote is at pos, unescaped into scratch_; pos ends after it.
    template <class Handler>
    bool read_string(Handler& h) {
        const size_t n = text.size();
        const char* d = text.data();
        size_t i = pos + 1;
        scratch_.clear();
        for (;;) {
            size_t run = i;
            while (i < n) {
                uint8_t c = uint8_t(d[i]);
                if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
                ++i;
            }
            scratch_.append(d + run, i - run);
            if (i >= n) return fail(h, n, ""), false;
            uint8_t c = uint8_t(d[i]);
            if (c == '"') {
                pos = i + 1;
                return true;
            }
            if (c < 0x20) return fail(h, i, "a control character inside a string must be escaped"), false;
            if (c >= 0x80) {
                size_t len = utf8_length(i);
                if (len == 0) return fail(h, i, "invalid UTF-8 (the file must be UTF-8 text)"), false;
                scratch_.append(d + i, len);
                i += len;
                continue;
            }
            // a backslash
            if (i + 1 >= n) return fail(h, n, ""), false;
            char e = d[i + 1];
            switch (e) {
                case '"': scratch_ += '"'; break;
                case '\\': scratch_ += '\\'; break;
                case '/': scratch_ += '/'; break;
                case 'b': scratch_ += '\b'; break;
                case 'f': scratch_ += '\f'; break;
                case 'n': scratch_ += '\n'; break;
                case 'r': scratch_ += '\r'; break;
                case 't': scratch_ += '\t'; break;
                case 'u': {
                    size_t bad = 0;
                    long cp = read_hex4(i + 2, bad);
                    if (cp < 0) return fail(h, bad, "\\u must be followed by four hex digits"), false;
                    size_t next = i + 6;
                    if (cp >= 0xDC00 && cp <= 0xDFFF) return fail(h, i, "a \\u escape holds half a surrogate pair"), false;
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        if (next + 1 >= n) return fail(h, n, ""), false;
                        if (d[next] != '\\' || d[next + 1] != 'u') return fail(h, i, "a \\u escape holds half a surrogate pair"), false;
                        long lo = read_hex4(next + 2, bad);
                        if (lo < 0) return fail(h, bad, "\\u must be followed by four hex digits"), false;
                        if (lo < 0xDC00 || lo > 0xDFFF) return fail(h, i, "a \\u escape holds half a surrogate pair"), false;
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        next += 6;
                    }
                    append_utf8(uint32_t(cp), scratch_);
                    i = next;
                    continue;
                }
                default: return fail(h, i + 1, "unknown escape \\" + describe(text, i + 1) + " in a string"), false;
            }
            i += 2;
        }
    }
    template <class Handler>
    bool read_number(Handler& h) {
        const size_t n = text.size();
        const char* d = text.data();
        size_t i = pos;
        bool negative = false, overflow = false, fraction = false;
        if (d[i] == '-') {
            negative = true;
            ++i;
        }
        if (i >= n) return fail(h, n, ""), false;
        uint64_t mag = 0;
        if (d[i] == '0') {
            ++i;
            if (i < n && d[i] >= '0' && d[i] <= '9') return fail(h, i, "a number cannot have leading zeros"), false;
        } else if (d[i] >= '1' && d[i] <= '9') {
            while (i < n && d[i] >= '0' && d[i] <= '9') {
                uint64_t digit = uint64_t(d[i] - '0');
                if (mag > (UINT64_MAX - digit) / 10) overflow = true;
                else mag = mag * 10 + digit;
                ++i;
            }
        } else {
            return fail(h, i, "a digit must follow '-'"), false;
        }
        if (i < n && d[i] == '.') {
            fraction = true;
            ++i;
            if (i >= n || d[i] < '0' || d[i] > '9') return fail(h, i, "a digit must follow the decimal point"), false;
            while (i < n && d[i] >= '0' && d[i] <= '9') ++i;
        }
        if (i < n && (d[i] == 'e' || d[i] == 'E')) {
            fraction = true;
            ++i;
            if (i < n && (d[i] == '+' || d[i] == '-')) ++i;
            if (i >= n || d[i] < '0' || d[i] > '9') return fail(h, i, "a digit must follow the exponent"), false;
            while (i < n && d[i] >= '0' && d[i] <= '9') ++i;
        }
        const size_t start = pos;
        pos = i;
        if (!fraction && !overflow) {
            if (!negative) return h.number_unsigned(mag);
            if (mag <= uint64_t(INT64_MAX)) return h.number_integer(-int64_t(mag));
            if (mag == uint64_t(INT64_MAX) + 1) return h.number_integer(INT64_MIN);
        }
        scratch_.assign(d + start, i - start);
        double x = std::strtod(scratch_.c_str(), nullptr);
        return h.number_float(x, scratch_);
    }
    template <class Handler>
    bool read_literal(Handler& h) {
        static const std::string_view words[] = {"true", "false", "null"};
        for (std::string_view w : words) {
            if (text[pos] != w[0]) continue;
            for (size_t k = 1; k < w.size(); ++k) {
                if (pos + k >= text.size()) return fail(h, text.size(), ""), false;
                if (text[pos + k] != w[k]) return fail(h, pos, "unexpected " + describe(text, pos) + " (not a JSON value)"), false;
            }
            pos += w.size();
            if (w[0] == 'n') return h.null();
            return h.boolean(w[0] == 't');
        }
        return fail(h, pos, "unexpected " + describe(text, pos) + " where a value should be"), false;
    }
};

template <class Handler>
JsonReader::Result JsonReader::step(Handler& h, size_t max_bytes) {
    const size_t n = text.size();
    const size_t stop = max_bytes >= n - pos ? n : pos + max_bytes;
    for (;;) {
        while (pos < n && (text[pos] == ' ' || text[pos] == '\n' || text[pos] == '\r' || text[pos] == '\t')) ++pos;
        if (expect_ == Expect::End) {
            if (pos == n) return Finished;
            return fail(h, pos, "unexpected text after the end of the JSON document");
        }
        if (pos >= n) return fail(h, n, "");
        if (pos >= stop) return More;
        const char c = text[pos];
        switch (expect_) {
            case Expect::FirstValueOrEnd:
                if (c == ']') {
                    ++pos;
                    open_.pop_back();
                    if (!h.end_array()) return Failed;
                    after_value();
                    continue;
                }
                [[fallthrough]];
            case Expect::Value:
                if (c == '{') {
                    ++pos;
                    open_.push_back('{');
                    expect_ = Expect::FirstKeyOrEnd;
                    if (!h.start_object(size_t(-1))) return Failed;
                    continue;
                }
                if (c == '[') {
                    ++pos;
                    open_.push_back('[');
                    expect_ = Expect::FirstValueOrEnd;
                    if (!h.start_array(size_t(-1))) return Failed;
                    continue;
                }
                if (c == '"') {
                    if (!read_string(h) || !h.string(scratch_)) return Failed;
                } else if (c == '-' || (c >= '0' && c <= '9')) {
                    if (!read_number(h)) return Failed;
                } else if (!read_literal(h)) {
                    return Failed;
                }
                after_value();
                continue;
            case Expect::FirstKeyOrEnd:
                if (c == '}') {
                    ++pos;
                    open_.pop_back();
                    if (!h.end_object()) return Failed;
                    after_value();
                    continue;
                }
                [[fallthrough]];
            case Expect::Key:
                if (c != '"') return fail(h, pos, "expected a member name in double quotes, found " + describe(text, pos));
                if (!read_string(h) || !h.key(scratch_)) return Failed;
                expect_ = Expect::Colon;
                continue;
            case Expect::Colon:
                if (c != ':') return fail(h, pos, "expected ':' after a member name, found " + describe(text, pos));
                ++pos;
                expect_ = Expect::Value;
                continue;
            case Expect::CommaOrEnd: {
                const bool object = open_.back() == '{';
                if (c == ',') {
                    ++pos;
                    expect_ = object ? Expect::Key : Expect::Value;
                    continue;
                }
                if (c == (object ? '}' : ']')) {
                    ++pos;
                    open_.pop_back();
                    if (!(object ? h.end_object() : h.end_array())) return Failed;
                    after_value();
                    continue;
                }
                return fail(h, pos, std::string("expected ',' or '") + (object ? '}' : ']') + "' " +
                                        (object ? "after an object member" : "after an array element") + ", found " + describe(text, pos));
            }
            case Expect::End: break;
        }
    }
}

}  // namespace sd
