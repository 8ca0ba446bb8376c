// The CSV writer of the metrics tables: Excel must open it with Chinese intact and every field in
// its own cell.
#include <catch2/catch.hpp>

#include "core/csv_table.h"

using sd::CsvTable;

TEST_CASE("a CSV file starts with the UTF-8 byte-order mark and ends lines with CRLF", "[csv]") {
    CsvTable t;
    t.header = {"Metric", "Value"};
    t.rows = {{"ODR", "0.8%"}};
    const std::string s = sd::csv_text(t);
    REQUIRE(s.size() > 3);
    CHECK(static_cast<unsigned char>(s[0]) == 0xEF);
    CHECK(static_cast<unsigned char>(s[1]) == 0xBB);
    CHECK(static_cast<unsigned char>(s[2]) == 0xBF);
    CHECK(s.substr(3) == "Metric,Value\r\nODR,0.8%\r\n");
}

TEST_CASE("fields with commas, quotes, line breaks or edge spaces are quoted, quotes doubled", "[csv]") {
    CHECK(sd::csv_field("plain") == "plain");
    CHECK(sd::csv_field("") == "");
    CHECK(sd::csv_field("Lopez, Maria") == "\"Lopez, Maria\"");
    CHECK(sd::csv_field("the \"blue\" one") == "\"the \"\"blue\"\" one\"");
    CHECK(sd::csv_field("line one\nline two") == "\"line one\nline two\"");
    CHECK(sd::csv_field("cr\rhere") == "\"cr\rhere\"");
    CHECK(sd::csv_field(" padded") == "\" padded\"");
    CHECK(sd::csv_field("\"") == "\"\"\"\"");
}

TEST_CASE("Chinese text passes through byte for byte, quoted only when it must be", "[csv]") {
    CsvTable t;
    t.header = {"指标", "数值"};
    t.rows = {{"天猫 3 分钟回复率", "92.5%"}, {"买家说：“好的，谢谢”", "客服，小王"}, {"陈杰, Chen Jie", "1"}};
    const std::string s = sd::csv_text(t);
    CHECK(s == std::string(sd::kUtf8Bom) + "指标,数值\r\n天猫 3 分钟回复率,92.5%\r\n买家说：“好的，谢谢”,客服，小王\r\n\"陈杰, Chen Jie\",1\r\n");
}

TEST_CASE("short rows are padded to the widest row so every line has the same number of cells", "[csv]") {
    CsvTable t;
    t.header = {"a", "b", "c"};
    t.rows = {{"1"}, {"1", "2", "3", "4"}};
    CHECK(sd::csv_text(t).substr(3) == "a,b,c,\r\n1,,,\r\n1,2,3,4\r\n");
}
