// The resumable JSON reader (core/json_reader.h) against nlohmann's parser: the same documents are
// accepted and give the same values, however the text is sliced; and the sliced export parse gives
// the same result and the same errors as the one-shot parse.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/demo.h"
#include "core/export_json.h"
#include "core/json_reader.h"
#include "core/splitmix.h"

using nlohmann::json;
using namespace sd;

namespace {

// Builds a json value from the reader's events.
struct Builder {
    std::vector<json*> stack;
    json root;
    std::string member;
    size_t error_at = SIZE_MAX;
    std::string reason;

    bool put(json v) {
        if (stack.empty()) {
            root = std::move(v);
            return true;
        }
        json& top = *stack.back();
        if (top.is_array()) top.push_back(std::move(v));
        else top[member] = std::move(v);
        return true;
    }
    json* put_container(json v) {
        if (stack.empty()) {
            root = std::move(v);
            return &root;
        }
        json& top = *stack.back();
        if (top.is_array()) {
            top.push_back(std::move(v));
            return &top.back();
        }
        top[member] = std::move(v);
        return &top[member];
    }
    bool null() { return put(nullptr); }
    bool boolean(bool b) { return put(b); }
    bool number_integer(int64_t i) { return put(i); }
    bool number_unsigned(uint64_t u) { return put(u); }
    bool number_float(double x, const std::string&) { return put(x); }
    bool string(std::string& s) { return put(s); }
    bool key(std::string& k) {
        member = k;
        return true;
    }
    bool start_object(size_t) {
        stack.push_back(put_container(json::object()));
        return true;
    }
    bool start_array(size_t) {
        stack.push_back(put_container(json::array()));
        return true;
    }
    bool end_object() {
        stack.pop_back();
        return true;
    }
    bool end_array() {
        stack.pop_back();
        return true;
    }
    bool syntax_error(size_t at, const std::string& why) {
        error_at = at;
        reason = why;
        return false;
    }
};

bool read_all(const std::string& text, size_t slice, Builder& b) {
    JsonReader r;
    r.text = text;
    for (;;) {
        JsonReader::Result res = r.step(b, slice);
        if (res == JsonReader::Finished) return true;
        if (res == JsonReader::Failed) return false;
    }
}

}  // namespace

TEST_CASE("the JSON reader accepts what nlohmann accepts, with the same values", "[json_reader]") {
    const std::vector<std::string> docs = {
        "{}", "[]", "0", "-0", "12", "-12", "1.5", "-1.5e3", "1E+2", "1e-2", "18446744073709551615",
        "18446744073709551616", "-9223372036854775808", "-9223372036854775809", "true", "false", "null",
        "\"\"", "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", "\"\\u00e9\\u4e2d\\ud83d\\ude00\"", "\"中文 ü 😀\"",
        " { \"a\" : [ 1 , 2 , { \"b\" : null } ] , \"c\" : \"d\" } ", "[[[[[]]]]]", "{\"a\":{\"a\":{\"a\":1}}}",
        // not JSON
        "", " ", "{", "[", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "[,1]", "01", "-", "-a", "1.", "1.e5", "1e",
        "1e+", "+1", ".5", "tru", "nul", "falsey", "[true false]", "{\"a\" 1}", "{a:1}", "'a'", "\"abc", "\"a\nb\"",
        "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\xC0\xAF\"",
        "\"\xED\xA0\x80\"", "\"\xF4\x90\x80\x80\"", "\"\xE4\xB8\"", "\"\xFF\"", "{} {}", "[] x", "{}\n\n", "[1]]",
        "{\"a\":1}}", "[\"\t\"]",
    };
    for (const std::string& d : docs) {
        INFO(d);
        const bool want = json::accept(d);
        for (size_t slice : {size_t(1), size_t(3), size_t(1) << 20}) {
            Builder b;
            bool got = read_all(d, slice, b);
            CHECK(got == want);
            if (got && want) CHECK(b.root == json::parse(d));
            if (!got) CHECK(!b.reason.empty());
        }
    }
}

TEST_CASE("the JSON reader reports where the text stops being JSON", "[json_reader]") {
    auto error_of = [](const std::string& text) {
        Builder b;
        CHECK(!read_all(text, 2, b));
        return std::make_pair(b.error_at, b.reason);
    };
    CHECK(error_of("{\"a\":1,}") == std::make_pair(size_t(7), std::string("expected a member name in double quotes, found '}'")));
    CHECK(error_of("[1 2]").first == 3);
    CHECK(error_of("{\"a\":\"x\ty\"}").second == "a control character inside a string must be escaped");
    CHECK(error_of("[\"ab\xFF\"]") == std::make_pair(size_t(4), std::string("invalid UTF-8 (the file must be UTF-8 text)")));
    CHECK(error_of("{\"a\":[1,2").second == "the file ends too early (truncated?)");
    CHECK(error_of("{} x") == std::make_pair(size_t(3), std::string("unexpected text after the end of the JSON document")));
    CHECK(error_of("[007]").second == "a number cannot have leading zeros");
}

TEST_CASE("an export parsed in slices gives what one pass gives", "[json_reader][sync]") {
    DemoOptions opt;
    opt.conversations = 300;
    opt.seed = 5;
    SyncData d;
    d.store = generate_demo(opt);
    std::string text, err;
    REQUIRE(export_text(d, ExportOptions(), text, err));

    ExportFile whole;
    ImportError e;
    REQUIRE(parse_export(text, whole, e));
    std::string again;
    REQUIRE(export_text(whole.data, ExportOptions(), again, err));

    for (size_t slice : {size_t(1), size_t(97), size_t(4096), size_t(1) << 16}) {
        ParseJob job = begin_parse(text);
        size_t steps = 0, last_done = 0;
        while (!parse_next(job, slice)) {
            ++steps;
            CHECK(job.bytes_done > last_done);   // every slice makes progress
            CHECK(job.bytes_done < job.bytes_total);
            last_done = job.bytes_done;
        }
        REQUIRE(job.ok);
        CHECK(steps * std::max(slice, size_t(64)) >= text.size() / 2);   // it really stopped between slices
        std::string out;
        REQUIRE(export_text(job.file.data, ExportOptions(), out, err));
        CHECK(out == again);
    }

    // A damaged file: the same error whatever the slicing.
    std::string bad = text;
    size_t k = bad.find("\"body\":\"", bad.size() / 2) + 8;
    bad[k + 1] = '\x01';
    ImportError one;
    ExportFile ignored;
    REQUIRE(!parse_export(bad, ignored, one));
    CHECK(one.reason == "a control character inside a string must be escaped");
    CHECK(one.pointer.find("/body") != std::string::npos);
    for (size_t slice : {size_t(1), size_t(1000)}) {
        ParseJob job = begin_parse(bad);
        while (!parse_next(job, slice)) {
        }
        CHECK(!job.ok);
        CHECK(job.error.message() == one.message());
    }
}
