// CSV into messages (csv_import.h).
#include "csv_import.h"

#include <algorithm>

#include "time.h"

using nlohmann::json;

namespace sd {

bool CsvReader::next(std::vector<std::string>& fields, ImportSkip& error) {
    fields.clear();
    // A byte-order mark is not part of the first header name.
    if (pos == 0 && text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) pos = 3;
    // Blank lines between records carry nothing (spreadsheets leave them at the end).
    while (pos < text.size() && (text[pos] == '\n' || text[pos] == '\r')) {
        if (text[pos] == '\n') ++row;
        ++pos;
    }
    if (pos >= text.size()) return false;
    ++row;
    const size_t start_row = row;
    std::string field;
    for (;;) {
        if (pos < text.size() && text[pos] == '"') {
            ++pos;
            for (;;) {
                if (pos >= text.size()) {
                    error = {"", "a quoted field that starts in row " + std::to_string(start_row) + " never ends (the file is cut short?)",
                             "csv_quote_never_ends", {{"start_row", start_row}}};
                    return false;
                }
                const char ch = text[pos++];
                if (ch == '"') {
                    if (pos < text.size() && text[pos] == '"') {
                        field.push_back('"');
                        ++pos;
                        continue;
                    }
                    break;
                }
                field.push_back(ch);
            }
            if (pos < text.size() && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r') {
                error = {"", "text after a closing quote in row " + std::to_string(start_row) + " (a quote inside a field is written \"\")",
                         "csv_text_after_quote", {{"start_row", start_row}}};
                return false;
            }
        } else {
            while (pos < text.size() && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r') field.push_back(text[pos++]);
        }
        fields.push_back(std::move(field));
        field.clear();
        if (pos >= text.size()) break;
        if (text[pos] == ',') {
            ++pos;
            continue;
        }
        if (text[pos] == '\r') ++pos;
        if (pos < text.size() && text[pos] == '\n') ++pos;
        break;
    }
    // Rows counted by line: a field with line breaks is one spreadsheet row but several lines;
    // keep `row` as the record number (what a spreadsheet shows).
    return true;
}

namespace {

const char* const kFieldNames[kCsvFieldCount] = {"marketplace", "order_id", "customer", "subject", "direction", "at", "body",
                                                 "conversation_id", "message_id", "author", "customer_email"};
const bool kRequired[kCsvFieldCount] = {true, true, true, true, true, true, true, false, false, false, false};

// Other names sellers' exports use for the same columns (English variants and the Chinese of
// Chinese ERP and chat-record exports).
struct Alias {
    const char* name;
    CsvField field;
};
const Alias kAliases[] = {
    {"platform", CsvField::Marketplace},      {"平台", CsvField::Marketplace},     {"店铺平台", CsvField::Marketplace},
    {"order", CsvField::OrderId},             {"order id", CsvField::OrderId},    {"order number", CsvField::OrderId},
    {"订单号", CsvField::OrderId},            {"订单编号", CsvField::OrderId},
    {"buyer", CsvField::Customer},            {"customer name", CsvField::Customer}, {"买家", CsvField::Customer},
    {"客户", CsvField::Customer},             {"买家昵称", CsvField::Customer},
    {"title", CsvField::Subject},             {"主题", CsvField::Subject},         {"标题", CsvField::Subject},
    {"方向", CsvField::Direction},            {"time", CsvField::At},             {"date", CsvField::At},
    {"sent_at", CsvField::At},                {"时间", CsvField::At},             {"发送时间", CsvField::At},
    {"message", CsvField::Body},              {"text", CsvField::Body},           {"content", CsvField::Body},
    {"内容", CsvField::Body},                 {"消息内容", CsvField::Body},
    {"thread_id", CsvField::ConversationId},  {"ticket_id", CsvField::ConversationId}, {"会话id", CsvField::ConversationId},
    {"发送人", CsvField::Author},             {"sender", CsvField::Author},
    {"email", CsvField::CustomerEmail},       {"buyer_email", CsvField::CustomerEmail}, {"买家邮箱", CsvField::CustomerEmail},
};

std::string header_key(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return lower_ascii(s);
}

bool field_of_header(const std::string& key, CsvField& out) {
    for (int f = 0; f < kCsvFieldCount; ++f)
        if (key == kFieldNames[f]) {
            out = CsvField(f);
            return true;
        }
    for (const Alias& a : kAliases)
        if (key == a.name) {
            out = a.field;
            return true;
        }
    return false;
}

// `why` (a reason without a place) at a cell of `file`: "file:row:column: reason", and the
// cell in its args (column counted from 1, as a spreadsheet does).
ImportSkip at_cell(const std::string& file, size_t row, int column, ImportSkip why) {
    why.file = file;
    why.reason = file + ":" + std::to_string(row) + ":" + std::to_string(column + 1) + ": " + why.reason;
    why.args["row"] = row;
    why.args["column"] = column + 1;
    return why;
}

bool parse_direction(std::string_view v, Direction& out) {
    static const char* const kIn[] = {"inbound", "in", "buyer", "customer", "received", "买家", "客户", "收到"};
    static const char* const kOut[] = {"outbound", "out", "seller", "agent", "sent", "reply", "卖家", "客服", "商家", "回复"};
    const std::string k = header_key(v);
    for (const char* x : kIn)
        if (k == x) return out = Direction::Inbound, true;
    for (const char* x : kOut)
        if (k == x) return out = Direction::Outbound, true;
    return false;
}

bool parse_marketplace(std::string_view v, Marketplace& out) {
    const std::string k = header_key(v);
    if (parse(k, out)) return true;
    if (k == "天猫" || k == "淘宝" || k == "taobao") return out = Marketplace::Tmall, true;
    if (k == "亚马逊") return out = Marketplace::Amazon, true;
    if (k == "沃尔玛") return out = Marketplace::Walmart, true;
    if (k == "易贝") return out = Marketplace::Ebay, true;
    return false;
}

}  // namespace

const char* csv_field_name(CsvField f) { return kFieldNames[int(f)]; }

bool map_csv_columns(const std::vector<std::string>& header, CsvColumns& out, ImportSkip& error) {
    CsvColumns c;
    for (size_t i = 0; i < header.size(); ++i) {
        CsvField f;
        if (!field_of_header(header_key(header[i]), f)) {
            c.ignored.push_back(header[i]);
            continue;
        }
        if (c.index[int(f)] >= 0) {
            error = {"", "the columns " + std::to_string(c.index[int(f)] + 1) + " and " + std::to_string(i + 1) + " are both \"" + kFieldNames[int(f)] + "\"",
                     "csv_column_twice", {{"first", c.index[int(f)] + 1}, {"second", i + 1}, {"field", kFieldNames[int(f)]}}};
            return false;
        }
        c.index[int(f)] = int(i);
    }
    std::string missing;
    json columns = json::array();
    for (int f = 0; f < kCsvFieldCount; ++f)
        if (kRequired[f] && c.index[f] < 0) {
            missing += (missing.empty() ? "" : ", ") + std::string(kFieldNames[f]);
            columns.push_back(kFieldNames[f]);
        }
    if (!missing.empty()) {
        error = {"", "the header row lacks the column(s) " + missing + " (a CSV needs marketplace, order_id, customer, subject, direction, at, body; docs/import.md)",
                 "csv_missing_columns", {{"columns", std::move(columns)}}};
        return false;
    }
    out = std::move(c);
    return true;
}

bool parse_csv_time(std::string_view s, Time& out) {
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    if (parse_iso8601(s, out)) return true;
    // Spreadsheets write "2026-11-24 10:15" or "2026/11/24 10:15:30": read as UTC.
    std::string t(s);
    std::replace(t.begin(), t.end(), '/', '-');
    if (t.size() >= 16 && t[10] == ' ') {
        t[10] = 'T';
        if (t.find('Z') == std::string::npos && t.find('+', 10) == std::string::npos && t.find('-', 11) == std::string::npos) t += "Z";
        return parse_iso8601(t, out);
    }
    return false;
}

CsvFile begin_csv(const std::string& name, std::string_view text) {
    CsvFile f;
    f.name = name;
    f.text = text;
    f.reader.text = text;
    std::vector<std::string> header;
    ImportSkip why;
    if (!f.reader.next(header, why)) {
        if (why.code.empty()) why = {"", "the file is empty (a CSV needs a header row)", "csv_empty_file", json::object()};
        f.error = at_cell(name, 1, 0, std::move(why));
        return f;
    }
    if (header.size() < 2) {
        f.error = at_cell(name, 1, 0, {"", "the first row is not a header of comma-separated column names", "csv_no_header", json::object()});
        return f;
    }
    if (!map_csv_columns(header, f.columns, why)) {
        f.error = at_cell(name, 1, 0, std::move(why));
        return f;
    }
    f.ok = true;
    return f;
}

bool csv_row_message(const CsvFile& f, const std::vector<std::string>& fields, size_t row, InMessage& out, ImportSkip& error) {
    const CsvColumns& c = f.columns;
    auto cell = [&](CsvField x) -> std::string {
        const int i = c[x];
        return i >= 0 && size_t(i) < fields.size() ? fields[size_t(i)] : std::string();
    };
    // The cell of `x` is wrong: `why` after its name, with the code and the cell's value.
    auto bad = [&](CsvField x, const std::string& why, const char* code) {
        json args = {{"field", kFieldNames[int(x)]}, {"value", cell(x)}};
        error = at_cell(f.name, row, std::max(c[x], 0), {"", "\"" + std::string(kFieldNames[int(x)]) + "\" " + why, code, std::move(args)});
        return false;
    };
    InMessage m;
    m.csv = true;
    m.file = f.name;
    m.place = "row " + std::to_string(row);
    if (!parse_marketplace(cell(CsvField::Marketplace), m.marketplace))
        return bad(CsvField::Marketplace, "is not a marketplace (walmart, amazon, ebay, wish, tmall): \"" + cell(CsvField::Marketplace) + "\"",
                   "csv_not_marketplace");
    m.has_marketplace = true;
    if (!parse_direction(cell(CsvField::Direction), m.direction))
        return bad(CsvField::Direction, "must be inbound (the buyer's) or outbound (yours): \"" + cell(CsvField::Direction) + "\"",
                   "csv_not_direction");
    m.has_direction = true;
    if (!parse_csv_time(cell(CsvField::At), m.at))
        return bad(CsvField::At, "is not a time (2026-11-24T10:15:00Z, or 2026-11-24 10:15 in UTC): \"" + cell(CsvField::At) + "\"",
                   "csv_not_time");
    m.text = cell(CsvField::Body);
    if (m.text.find_first_not_of(" \t\r\n") == std::string::npos) return bad(CsvField::Body, "is empty", "csv_empty_cell");
    m.customer = cell(CsvField::Customer);
    if (m.customer.find_first_not_of(" \t") == std::string::npos) return bad(CsvField::Customer, "is empty", "csv_empty_cell");
    m.order_id = cell(CsvField::OrderId);
    m.subject = cell(CsvField::Subject);
    m.conversation_id = cell(CsvField::ConversationId);
    m.message_id = cell(CsvField::MessageId);
    m.author = cell(CsvField::Author);
    m.customer_email = cell(CsvField::CustomerEmail);
    out = std::move(m);
    return true;
}

bool csv_next(CsvFile& f, size_t max_rows, RecordsJob& job) {
    if (!f.ok) return true;
    std::vector<std::string> fields;
    for (size_t n = 0; n < max_rows; ++n) {
        ImportSkip why;
        if (!f.reader.next(fields, why)) {
            // The rest of the file cannot be read: it is reported, like a bad row.
            if (!why.code.empty()) {
                f.errors.push_back(at_cell(f.name, f.reader.row, 0, std::move(why)));
                skip_file(job, f.errors.back());
            }
            f.reader.pos = f.text.size();
            return true;
        }
        ++f.rows;
        InMessage m;
        if (!csv_row_message(f, fields, f.reader.row, m, why)) {
            f.errors.push_back(why);
            skip_file(job, std::move(why));
            continue;
        }
        ++f.accepted;
        add_record(job, std::move(m));
    }
    return f.reader.pos >= f.text.size();
}

CsvPreview csv_preview(const std::string& name, std::string_view text, size_t max_rows) {
    CsvPreview p;
    CsvFile f = begin_csv(name, text);
    if (!f.ok) {
        p.error = f.error;
        return p;
    }
    p.ok = true;
    CsvReader header_reader;
    header_reader.text = text;
    ImportSkip why;
    header_reader.next(p.header, why);
    for (size_t i = 0; i < p.header.size(); ++i) {
        std::string used;
        for (int k = 0; k < kCsvFieldCount; ++k)
            if (f.columns.index[k] == int(i)) used = kFieldNames[k];
        p.mapping.push_back(used);
    }
    std::vector<std::string> fields;
    for (;;) {
        why = ImportSkip();
        if (!f.reader.next(fields, why)) {
            if (!why.code.empty()) {
                ++p.bad_rows;
                p.errors.push_back(at_cell(name, f.reader.row, 0, std::move(why)));
            }
            break;
        }
        ++p.total_rows;
        InMessage m;
        if (!csv_row_message(f, fields, f.reader.row, m, why)) {
            ++p.bad_rows;
            if (p.errors.size() < 20) p.errors.push_back(why);
        }
        if (p.rows.size() < max_rows) p.rows.push_back(fields);
    }
    return p;
}

}  // namespace sd
