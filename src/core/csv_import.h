// Conversations from CSV: spreadsheets, ERP exports and chat-record exports (Wish, Tmall and any
// marketplace). RFC 4180 (quoted fields with commas, quotes and line breaks; CRLF or LF), one
// header row naming the columns (docs/import.md lists the names, English and Chinese), UTF-8 text
// (the page converts GB18030 first). Each row is one message; rows of one conversation
// (conversation_id, else marketplace + order_id + customer) form one thread (mail_import.h).
//
//   sd::CsvFile f = sd::begin_csv("orders.csv", text);      // reads the header
//   if (!f.ok) show(f.error.reason);                           // "orders.csv:1:1: …"
//   while (!sd::csv_next(f, 500, job)) {}                      // rows into a RecordsJob, a slice at a time
//   // f.errors: "orders.csv:7:6: \"at\" is not a time: …" (the row is skipped)
//   sd::CsvPreview p = sd::csv_preview("orders.csv", text, 5);   // for the import dialog
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "mail_import.h"

namespace sd {

// One record of RFC 4180 text at a time. `row` counts records from 1 (the header), like a
// spreadsheet's row numbers; a field with line breaks stays one row.
struct CsvReader {
    std::string_view text;
    size_t pos = 0;
    size_t row = 0;
    // The next record's fields; false at the end. `error` is set (and false returned) on a quote
    // that never closes or text after a closing quote (its reason without a place, its code and
    // {"start_row"}).
    bool next(std::vector<std::string>& fields, ImportSkip& error);
};

// The columns SellerDesk reads; -1 = absent.
enum class CsvField { Marketplace, OrderId, Customer, Subject, Direction, At, Body, ConversationId, MessageId, Author, CustomerEmail };
constexpr int kCsvFieldCount = 11;
const char* csv_field_name(CsvField f);   // "marketplace", "order_id", ...

struct CsvColumns {
    int index[kCsvFieldCount];            // column (0-based) of each field, -1 when absent
    std::vector<std::string> ignored;     // header names SellerDesk does not read
    CsvColumns() {
        for (int& i : index) i = -1;
    }
    int operator[](CsvField f) const { return index[int(f)]; }
};
// Maps a header row; false with the reason (no place) when a required column is missing or named twice.
bool map_csv_columns(const std::vector<std::string>& header, CsvColumns& out, ImportSkip& error);

struct CsvFile {
    std::string name;
    std::string_view text;
    CsvReader reader;
    CsvColumns columns;
    bool ok = false;                      // the header was read and mapped
    ImportSkip error;                     // why not: the whole file is refused ("file:1:1: reason")
    size_t rows = 0, accepted = 0;        // data rows read, rows that became messages
    std::vector<ImportSkip> errors;       // "file:row:column: reason", one per skipped row
};
CsvFile begin_csv(const std::string& name, std::string_view text);
// Reads up to `max_rows` more rows into the job; true when the file is done.
bool csv_next(CsvFile& f, size_t max_rows, RecordsJob& job);
// One data row as a message; false with "file:row:column: reason" (code, row, column, field, value).
bool csv_row_message(const CsvFile& f, const std::vector<std::string>& fields, size_t row, InMessage& out, ImportSkip& error);

// A CSV time: ISO 8601 with or without an offset, or "YYYY-MM-DD HH:MM[:SS]" / "YYYY/MM/DD HH:MM[:SS]"
// (spreadsheets); a time without an offset is read as UTC.
bool parse_csv_time(std::string_view s, Time& out);

struct CsvPreview {
    bool ok = false;
    ImportSkip error;
    std::vector<std::string> header;
    std::vector<std::string> mapping;     // per header column: the field it fills, or "" (ignored)
    std::vector<std::vector<std::string>> rows;   // the first data rows
    std::vector<ImportSkip> errors;       // the first row errors
    size_t total_rows = 0, bad_rows = 0;
};
CsvPreview csv_preview(const std::string& name, std::string_view text, size_t max_rows);

}  // namespace sd
