// Mail and CSV files into the inbox, in the app (the rules are core/mail_import.h and
// core/csv_import.h). The page (web/import_files.js) recognises each file by its content, decodes
// mail with postal-mime in workers and CSV to UTF-8, and talks to the app through one entry
// point with these requests (JSON):
//
//   {op: "plan", files: [{name, kind, size, error, code}], csv: {name: text}}   the import dialog (dropped / picked files)
//   {op: "begin", clear_demo, other_marketplace, bytes}   an import starts: the inbox waits for it; the answer
//                                                         lists mail_domains (every marketplace's) unless
//                                                         other_marketplace is given: mail naming none is
//                                                         skipped by the page without being decoded
//   {op: "csv", name, text}                             a CSV file's text (read a slice of rows per frame)
//   {op: "records", records: [...]}                     a batch of mail records (mail_import.h)
//   {op: "batch_at", at, size}                          a binary batch (core/mail_batch.h) in a malloc'ed block the app frees
//   {op: "skip", file, reason, code, args}              a file or mail left out (code and args: import_reasons.h)
//   {op: "progress", file, done, total}                 bytes read so far, for the progress bar
//   {op: "finish"}                                      everything is handed over: thread, merge, save
//   {op: "cancel"}                                      nothing is changed
//   {op: "reply_eml", id}                               the reply as RFC 5322 text (replyEml)
//
// After "finish" the import runs like an export's: merged a slice per frame, written as the new
// snapshot, undoable; its report (platform::import_done) adds added_conversations,
// added_messages, duplicates and skipped to the merge report.
#pragma once
#include <string>
#include <nlohmann/json.hpp>

#include "core/sync.h"

struct AppState;

nlohmann::json records_request(AppState& app, const nlohmann::json& request);
// Each frame while app.import.reading: a slice of CSV rows, then, once the page has handed over
// everything, the threads are built. True when `ready` holds what to merge (the caller merges it
// like an export); an import with nothing to add ends here with its report.
bool records_step(AppState& app, sd::SyncData& ready);
// The merge is done: the records' part of the report.
void records_report(AppState& app, nlohmann::json& report);
// The open draft, else the last sent reply, of conversation `id` as .eml text; {ok, eml, name} or {ok: false, error}.
nlohmann::json reply_eml_json(AppState& app, const std::string& id);
// Replies marked sent and not yet in an outbox, as one mbox: {ok, count, mbox, message_ids: {conversation: [ids]}}.
nlohmann::json outbox_json(AppState& app);
// The inbox emptied of conversations, customers and orders (templates and settings stay), as a
// new generation; false with `error` when it cannot be written.
bool clear_store(AppState& app, std::string& error);
