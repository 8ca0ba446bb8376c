// Why a file, a mail or a CSV row was left out of an import, in the interface's language. The
// reasons are made in the core (core/mail_import.h, core/csv_import.h) and the page
// (web/mail/records.mjs) with a code and the values they name; the English `reason` stays what
// the bridge and the CLI give. Here the code is said through the catalogue (import.reason.<code>,
// import.place.*); a code this file does not know keeps its English text.
//
//   sd::skip_json(skip)      // {file, reason, code, args}: one entry of importFiles' `skipped` (core)
//   skip_line(entry)         // "收件箱.mbox：第 32,774 字节处的邮件：不是来自电商平台的邮件（…）"
#pragma once
#include <string>
#include <nlohmann/json.hpp>

#include "core/mail_import.h"

// Where the entry's args say it is ("第 7 行第 6 列"), "" when they name no place.
std::string skip_place_text(const nlohmann::json& args);
// The entry's reason in the UI language, after its place; the English `reason` for an unknown code.
std::string skip_reason_text(const nlohmann::json& entry);
// "file: reason" in the UI language, as the import report lists a skipped entry.
std::string skip_line(const nlohmann::json& entry);
// The first `max` entries of a report's `skipped` as skip_line gives them (state().import.skipped_lines).
nlohmann::json skip_lines_json(const nlohmann::json& report, size_t max);
