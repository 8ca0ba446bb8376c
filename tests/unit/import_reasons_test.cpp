// Why a mail, a file or a CSV row is left out: the core gives every reason a code and the values
// it names, next to the English reason (which stays as it was: the bridge's scripts read it), and
// the interface says it in its language from the code (src/app/import_reasons.h).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "app/i18n.h"
#include "app/import_reasons.h"
#include "core/csv_import.h"
#include "core/mail_import.h"
#include "core/time.h"

using namespace sd;
using nlohmann::json;

namespace {

InMessage mail_at(const std::string& place, const std::string& from, const std::string& date, const std::string& text) {
    InMessage m;
    m.file = "收件箱 export.mbox";
    m.place = place;
    m.mail_id = place + "@x";
    m.from_address = from;
    m.subject = "Hello";
    if (!date.empty()) REQUIRE(parse_iso8601(date, m.at));
    m.text = text;
    return m;
}

std::vector<ImportSkip> skips_of(std::vector<InMessage> ms) {
    RecordsJob job = begin_records(Store(), RecordsOptions());
    for (InMessage& m : ms) add_record(job, std::move(m));
    return finish_records(std::move(job), Store()).skipped;
}

// The skips of a CSV file: the file's refusal, or its rows'.
std::vector<ImportSkip> csv_skips(const std::string& text) {
    RecordsJob job = begin_records(Store(), RecordsOptions());
    CsvFile f = begin_csv("orders.csv", text);
    if (!f.ok) return {f.error};
    while (!csv_next(f, 100, job)) {
    }
    return job.skipped;
}

void use_language(const char* lang) {
    const std::string dir = SD_SOURCE_DIR "/assets/i18n";
    std::string error;
    if (!i18n_loaded_from(dir)) REQUIRE(i18n_load(dir, error));
    REQUIRE(i18n_set_language(lang));
}

const std::string kHeader = "marketplace,order_id,customer,subject,direction,at,body\n";

}  // namespace

TEST_CASE("a skipped mail carries a code, its values and its place next to the English reason", "[import_reasons]") {
    std::vector<InMessage> ms;
    ms.push_back(mail_at("mail at byte 32774", "n19@news.example", "2026-11-24T09:00:00Z", "Sale!"));
    ms.push_back(mail_at("mail at byte 40000", "", "2026-11-24T09:00:00Z", "Hi"));
    ms.push_back(mail_at("mail at byte 50000", "buyer@marketplace.amazon.com", "", "Where is it?"));
    ms.push_back(mail_at("", "buyer@marketplace.amazon.com", "2026-11-24T09:00:00Z", " \n"));
    const std::vector<ImportSkip> s = skips_of(std::move(ms));
    REQUIRE(s.size() == 4);
    CHECK(s[0].file == "收件箱 export.mbox");
    CHECK(s[0].reason == "mail at byte 32774: " + no_marketplace_reason("n19@news.example"));
    CHECK(s[0].code == "no_marketplace");
    CHECK(s[0].args == json{{"byte", 32774}, {"sender", "n19@news.example"}});
    CHECK(s[1].reason == "mail at byte 40000: " + no_marketplace_reason(""));
    CHECK(s[1].code == "no_marketplace_unknown");
    CHECK(s[1].args == json{{"byte", 40000}});
    CHECK(s[2].reason == "mail at byte 50000: no date: the mail has no Date header, so its time is unknown");
    CHECK(s[2].code == "no_date");
    CHECK(s[2].args == json{{"byte", 50000}});
    CHECK(s[3].reason == "no text: the message is empty");   // an .eml: no place
    CHECK(s[3].code == "no_text");
    CHECK(s[3].args == json::object());
}

TEST_CASE("places the page and the CSV reader write become args", "[import_reasons]") {
    CHECK(place_args("mail at byte 0") == json{{"byte", 0}});
    CHECK(place_args("row 7") == json{{"row", 7}});
    CHECK(place_args("record 3") == json{{"record", 3}});
    CHECK(place_args("mail at byte 12x") == json{{"place", "mail at byte 12x"}});
    CHECK(place_args("mail at byte ") == json{{"place", "mail at byte "}});
    CHECK(place_args("") == json::object());
    const ImportSkip b = bad_record_skip("a.mbox", "record 4", "\"date\" must be a string");
    CHECK(b.reason == "record 4: \"date\" must be a string");
    CHECK(b.code == "bad_record");
    CHECK(b.args == json{{"record", 4}, {"detail", "\"date\" must be a string"}});
}

TEST_CASE("a bad CSV row carries its code, cell and value; the reason is as before", "[import_reasons]") {
    const std::vector<ImportSkip> s = csv_skips(kHeader +
                                                "etsy,1,Bob,Hi,inbound,2026-11-24T10:00:00Z,Hello\n"
                                                "wish,2,Ann,Hi,sideways,2026-11-24T10:00:00Z,Hello\n"
                                                "wish,3,Ann,Hi,inbound,2026-13-01 10:00,Hello\n"
                                                "wish,4,Ann,Hi,inbound,2026-11-24T10:00:00Z,\"  \"\n"
                                                "wish,5,,Hi,inbound,2026-11-24T10:00:00Z,Hello\n"
                                                "wish,6,Ann,Hi,inbound,2026-11-24T10:00:00Z,\"cut\n");
    REQUIRE(s.size() == 6);
    CHECK(s[0].reason == "orders.csv:2:1: \"marketplace\" is not a marketplace (walmart, amazon, ebay, wish, tmall): \"etsy\"");
    CHECK(s[0].code == "csv_not_marketplace");
    CHECK(s[0].args == json{{"row", 2}, {"column", 1}, {"field", "marketplace"}, {"value", "etsy"}});
    CHECK(s[1].reason == "orders.csv:3:5: \"direction\" must be inbound (the buyer's) or outbound (yours): \"sideways\"");
    CHECK(s[1].code == "csv_not_direction");
    CHECK(s[1].args == json{{"row", 3}, {"column", 5}, {"field", "direction"}, {"value", "sideways"}});
    CHECK(s[2].code == "csv_not_time");
    CHECK(s[2].args == json{{"row", 4}, {"column", 6}, {"field", "at"}, {"value", "2026-13-01 10:00"}});
    CHECK(s[3].reason == "orders.csv:5:7: \"body\" is empty");
    CHECK(s[3].code == "csv_empty_cell");
    CHECK(s[3].args == json{{"row", 5}, {"column", 7}, {"field", "body"}, {"value", "  "}});
    CHECK(s[4].code == "csv_empty_cell");
    CHECK(s[4].args["field"] == "customer");
    // The rest of the file cannot be read: reported as well (it used to be dropped unsaid).
    CHECK(s[5].reason == "orders.csv:7:1: a quoted field that starts in row 7 never ends (the file is cut short?)");
    CHECK(s[5].code == "csv_quote_never_ends");
    CHECK(s[5].args == json{{"start_row", 7}, {"row", 7}, {"column", 1}});
    for (const ImportSkip& x : s) CHECK(x.file == "orders.csv");
}

TEST_CASE("a CSV refused whole carries its code", "[import_reasons]") {
    struct Case {
        std::string text, reason, code;
        json args;
    };
    const Case cases[] = {
        {"", "orders.csv:1:1: the file is empty (a CSV needs a header row)", "csv_empty_file", {{"row", 1}, {"column", 1}}},
        {"just one column\n", "orders.csv:1:1: the first row is not a header of comma-separated column names", "csv_no_header",
         {{"row", 1}, {"column", 1}}},
        {"marketplace,order_id,customer,subject,direction,at,body,platform\n", "orders.csv:1:1: the columns 1 and 8 are both \"marketplace\"",
         "csv_column_twice", {{"first", 1}, {"second", 8}, {"field", "marketplace"}, {"row", 1}, {"column", 1}}},
        {"marketplace,customer\n",
         "orders.csv:1:1: the header row lacks the column(s) order_id, subject, direction, at, body (a CSV needs marketplace, order_id, "
         "customer, subject, direction, at, body; docs/import.md)",
         "csv_missing_columns",
         {{"columns", {"order_id", "subject", "direction", "at", "body"}}, {"row", 1}, {"column", 1}}},
        {"a,\"b\"x\n", "orders.csv:1:1: text after a closing quote in row 1 (a quote inside a field is written \"\")", "csv_text_after_quote",
         {{"start_row", 1}, {"row", 1}, {"column", 1}}},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        const std::vector<ImportSkip> s = csv_skips(c.text);
        REQUIRE(s.size() == 1);
        CHECK(s[0].file == "orders.csv");
        CHECK(s[0].reason == c.reason);
        CHECK(s[0].code == c.code);
        CHECK(s[0].args == c.args);
    }
    const CsvPreview p = csv_preview("orders.csv", "marketplace,customer\n", 5);
    CHECK(p.error.code == "csv_missing_columns");
    use_language("zh");   // the list joined as Chinese joins one
    CHECK(skip_reason_text(skip_json(p.error)) ==
          "第 1 行第 1 列：表头缺少以下列：order_id、subject、direction、at、body（CSV 需要 marketplace、order_id、customer、subject、direction、at、"
          "body 这几列；见 docs/import.md）");
    use_language("en");
    CHECK(skip_reason_text(skip_json(p.error)) ==
          "row 1, column 1: the header row lacks the column(s) order_id, subject, direction, at, body (a CSV needs marketplace, order_id, "
          "customer, subject, direction, at, body; docs/import.md)");
}

TEST_CASE("the report says each skip in the UI language; the bridge's entry keeps the English reason", "[import_reasons]") {
    std::vector<InMessage> ms;
    ms.push_back(mail_at("mail at byte 32774", "n19@news.example", "2026-11-24T09:00:00Z", "Sale!"));
    const json mail = skip_json(skips_of(std::move(ms)).at(0));
    const json row = skip_json(csv_skips(kHeader + "wish,3,Ann,Hi,inbound,2026-13-01 10:00,Hello\n").at(0));
    CHECK(mail["reason"] == "mail at byte 32774: " + no_marketplace_reason("n19@news.example"));
    CHECK(mail["code"] == "no_marketplace");

    use_language("zh");
    CHECK(skip_line(mail) == "收件箱 export.mbox：第 32,774 字节处的邮件：不是电商平台发来的邮件（发件人 n19@news.example；各平台的邮件域名可在导入设置中查看）");
    CHECK(skip_line(row) ==
          "orders.csv：第 2 行第 6 列：“at”列不是有效时间（如 2026-11-24T10:15:00Z，或按 UTC 计的 2026-11-24 10:15）：“2026-13-01 10:00”");
    // A code the interface does not know, or none: the English reason as given.
    CHECK(skip_line({{"file", "x.eml"}, {"reason", "something new"}, {"code", "from_the_future"}, {"args", json::object()}}) ==
          "x.eml：something new");
    CHECK(skip_line({{"file", "x.eml"}, {"reason", "refused"}}) == "x.eml：refused");
    // Codes made by the page (web/mail/records.mjs): sniffed files and mail postal-mime cannot read.
    CHECK(skip_reason_text({{"reason", "the file is empty"}, {"code", "empty_file"}, {"args", json::object()}}) == "文件是空的");
    CHECK(skip_reason_text({{"reason", "?"}, {"code", "mail_unreadable"}, {"args", {{"byte", 7}, {"detail", "bad MIME"}}}}) ==
          "第 7 字节处的邮件：无法解析这封邮件（bad MIME）");
    json lines = skip_lines_json({{"skipped", {mail, row, mail}}}, 2);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == skip_line(mail));

    use_language("en");
    CHECK(skip_line(mail) == "收件箱 export.mbox: mail at byte 32,774: " + no_marketplace_reason("n19@news.example"));
    CHECK(skip_line(row) ==
          "orders.csv: row 2, column 6: \"at\" is not a time (2026-11-24T10:15:00Z, or 2026-11-24 10:15 in UTC): \"2026-13-01 10:00\"");
}
