// `sellerdesk import` of mail and CSV: the second step of the command-line import (docs/import.md).
// scripts/sellerdesk-import.js reads .eml, mbox and CSV files with the page's own reader
// (web/mail/records.mjs + postal-mime) and writes a records file; this turns it into data to merge
// with the rules of core/mail_import.h, exactly as the page does.
//
//   {"format": "sellerdesk-records", "version": 1,
//    "records": [ <mail records, mail_import.h> ], "csv": [{"name", "text"}], "skipped": [{"file", "reason"}]}
#pragma once
#include <string>
#include <string_view>
#include <nlohmann/json.hpp>

#include "core/sync.h"

// True when `text` is a records file (its first member names the format).
bool is_records_file(std::string_view text);
// The records of `text` against `local`, as data to merge; `report` gets added_conversations,
// added_messages, duplicates and skipped. False with `error` when the file is not a records file.
// `other_marketplace` ("" = skip) is where mail from no marketplace goes.
bool records_to_merge(std::string_view text, const sd::Store& local, const std::string& other_marketplace, sd::SyncData& out,
                      nlohmann::json& report, std::string& error);
