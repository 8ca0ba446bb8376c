// The export file (docs/export-format.md, docs/export.schema.json): writing it, and reading it
// back with full validation before anything is merged.
//
//   sd::ExportOptions opt;
//   opt.replica = settings.replica_id;  opt.exported_at = now;
//   opt.conversation_ids = visible_ids;  opt.subset = true;      // the current filter; omit for all
//   opt.redact = true;                                           // demos and training (redact.h)
//   std::string text, err;
//   if (!sd::export_text(data, opt, text, err)) show(err);       // err: an unknown conversation ID
//
//   sd::ImportError e;
//   sd::ExportFile file;
//   if (!sd::parse_export(text, file, e)) show(e.message());
//       // "conversations/12/messages/3/at (line 15, column 212): not an ISO 8601 time"
//   sd::MergeResult r;
//   if (!sd::import_export(mine, text, {}, r, e)) show(e.message());   // parse + merge (sync.h)
//
// The same data always gives the same bytes: records sorted by ID, lists in canonical order, no
// clock read (exported_at is a parameter). So export -> import into an empty store -> export is
// byte-identical.
//
// Reading is strict and bounded (ImportLimits): the file size, nesting depth, string length and
// record counts are checked while parsing, unknown fields are errors (they are usually typos), a
// duplicate key or ID is an error, invalid UTF-8 and anything after the closing brace are
// errors. A UTF-8 byte-order mark at the very start is skipped; UTF-16/32 is refused. Every error
// names the JSON pointer of the place, its line and column (1-based; the column counts
// characters), and the reason.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sync.h"

namespace sd {

constexpr const char* kExportFormat = "sellerdesk-export";
constexpr int kExportVersion = 2;        // written; version 1 (no closed_at) is read too
constexpr int kOldestExportVersion = 1;

struct ExportOptions {
    std::string replica;                         // the exporting replica's ID
    Time exported_at = 0;
    std::string app_version = SD_VERSION;
    bool subset = false;                         // only conversation_ids (and their customers, orders)
    std::vector<std::string> conversation_ids;
    std::vector<std::string> order_ids, customer_ids;   // a subset's records no listed conversation refers to (couch_docs.h)
    bool redact = false;                         // replace customers' personal data (redact.h)
    bool templates = true;                       // include the template library
    bool settings = true;                        // include the settings that travel (SLA policies)
    bool registers = true;                       // include the Tmall registers' entries (of the subset's conversations)
};

// False only when a requested conversation ID does not exist (`error` names it).
bool export_text(const SyncData& data, const ExportOptions& options, std::string& out, std::string& error);

struct ExportHeader {
    std::string format = kExportFormat;
    int version = kExportVersion;
    Time exported_at = 0;
    std::string replica;
    std::string app_version;
    bool redacted = false;
    bool subset = false;
};

struct ExportFile {
    ExportHeader header;
    SyncData data;
    bool has_templates = false, has_settings = false;   // absent sections merge as "nothing"
};

struct ImportLimits {
    size_t max_bytes = size_t(256) << 20;        // 256 MB
    int max_depth = 32;                          // objects and arrays nested
    size_t max_string_bytes = size_t(1) << 20;   // 1 MB for any one string (message bodies included)
    size_t max_conversations = 2000000;
    size_t max_messages = 20000000;              // in the whole file
    size_t max_customers = 2000000;
    size_t max_orders = 2000000;
    size_t max_templates = 100000;
    size_t max_items_per_conversation = 100000;  // messages, labels, remarks, notes, tombstones each
};

struct ImportError {
    std::string pointer;       // JSON pointer without the leading "/", "" = the whole document
    size_t line = 0, column = 0;   // 1-based; 0 when the error is not about a place (file too large)
    std::string reason;
    // "conversations/12/messages/3/at (line 15, column 212): not an ISO 8601 time"
    std::string message() const;
};

// Parses and validates a whole export. On failure `out` is unchanged.
bool parse_export(std::string_view text, ExportFile& out, ImportError& error, const ImportLimits& limits = ImportLimits());

// The same in slices, for a page that must keep drawing frames while a 100 MB file is checked:
//   sd::ParseJob job = sd::begin_parse(text);          // `text` must outlive the job
//   while (!sd::parse_next(job, 4 << 20)) { ...a frame; job.bytes_done / job.bytes_total... }
//   if (job.ok) use(job.file); else show(job.error);
// Nothing is changed anywhere until the caller takes job.file.
struct ExportParse;   // the reader's state (import_json.cpp)
struct ParseJob {
    bool finished = false, ok = false;
    ExportFile file;       // when ok
    ImportError error;     // when finished and not ok
    size_t bytes_done = 0, bytes_total = 0;
    std::unique_ptr<ExportParse> state;
    ParseJob();
    ~ParseJob();
    ParseJob(ParseJob&&) noexcept;
    ParseJob& operator=(ParseJob&&) noexcept;
};
ParseJob begin_parse(std::string_view text, const ImportLimits& limits = ImportLimits());
// Reads about `max_bytes` more of the text (the checks that need the whole file run in the last
// call). Returns true when the job is finished.
bool parse_next(ParseJob& job, size_t max_bytes);

struct ImportOptions {
    bool allow_redacted = false;   // a redacted file would overwrite real names with made-up ones
    ImportLimits limits;
};
// parse_export + merge(local, file). On failure `out` is untouched and nothing was merged.
bool import_export(const SyncData& local, std::string_view text, const ImportOptions& options, MergeResult& out,
                   ImportError& error);

// The line and column (1-based, characters) of a byte offset, and the byte offset of the value at
// a JSON pointer ("conversations/3/id") in a JSON text; for a member that is missing, the offset
// of the nearest enclosing value that exists.
void line_column(std::string_view text, size_t offset, size_t& line, size_t& column);
size_t locate_pointer(std::string_view text, std::string_view pointer);

}  // namespace sd
