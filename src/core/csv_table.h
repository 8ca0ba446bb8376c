// A table written as CSV for spreadsheets: UTF-8 with a byte-order mark (Excel reads a file
// without one in the system's code page and garbles Chinese), fields separated by commas, lines
// ended by CRLF (RFC 4180), and a field quoted when it holds a comma, a quote, a line break or
// leading/trailing spaces (quotes inside doubled).
//
//   sd::CsvTable t;
//   t.header = {"Metric", "Value"};
//   t.rows.push_back({"Walmart response rate", "96.2%"});
//   std::string file = sd::csv_text(t);        // "\xEF\xBB\xBFMetric,Value\r\nWalmart response rate,96.2%\r\n"
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sd {

struct CsvTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;   // a short row is padded with empty fields
};

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// One field as CSV writes it: as is, or in quotes with its quotes doubled.
std::string csv_field(std::string_view text);
// The whole file: the BOM, the header line, then one line per row.
std::string csv_text(const CsvTable& table);

}  // namespace sd
