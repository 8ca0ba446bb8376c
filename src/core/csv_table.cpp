// CSV for spreadsheets (csv_table.h).
#include "csv_table.h"

namespace sd {

namespace {

bool needs_quotes(std::string_view s) {
    if (s.empty()) return false;
    if (s.front() == ' ' || s.back() == ' ' || s.front() == '\t' || s.back() == '\t') return true;
    return s.find_first_of(",\"\r\n") != std::string_view::npos;
}

void append_line(std::string& out, const std::vector<std::string>& fields, size_t width) {
    for (size_t i = 0; i < width; ++i) {
        if (i) out += ',';
        if (i < fields.size()) out += csv_field(fields[i]);
    }
    out += "\r\n";
}

}  // namespace

std::string csv_field(std::string_view text) {
    if (!needs_quotes(text)) return std::string(text);
    std::string out = "\"";
    for (char ch : text) {
        if (ch == '"') out += '"';
        out += ch;
    }
    out += '"';
    return out;
}

std::string csv_text(const CsvTable& table) {
    size_t width = table.header.size();
    for (const auto& row : table.rows) width = row.size() > width ? row.size() : width;
    std::string out(kUtf8Bom);
    append_line(out, table.header, width);
    for (const auto& row : table.rows) append_line(out, row, width);
    return out;
}

}  // namespace sd
