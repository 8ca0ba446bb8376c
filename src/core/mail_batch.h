// A batch of mail records as the page's decode workers hand it to the app: a compact binary
// layout read here without JSON (the workers' JSON.stringify and the app's JSON parse were a
// second or more of a 50 MB import, docs/performance.md). web/mail/batch.mjs writes it.
//
//   sd::MailBatch batch;  std::string why;
//   if (!sd::read_mail_batch(bytes, batch, why)) ...   // refused whole, `batch` untouched
//   for (sd::InMessage& m : batch.messages) sd::add_record(job, std::move(m));
//
// Layout (little-endian; a string is a u32 byte length and that many bytes of UTF-8; a list is a
// u32 count and that many strings):
//   "SDMB"  u32 version (1)  u32 record count  string file
//   each record:  string place, message_id, in_reply_to   list references
//                 string from_name, from_address   list to   string subject
//                 f64 date (ms since 1970-01-01 UTC; NaN: the mail has none)   string text
//                 u32 attachment count, each: string name, f64 size (bytes)
// and nothing after the last record. Message-IDs keep or lose their <> as in the JSON record.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "mail_import.h"

namespace sd {

constexpr uint32_t kMailBatchVersion = 1;

struct MailBatch {
    std::string file;                  // the file every record of the batch came from
    std::vector<InMessage> messages;   // with file, place and the mail's fields filled in
};

// False with a specific `error` (which record, which field, what is wrong) for a batch that is
// cut short, has bytes left over, text that is not UTF-8, or a date or size that is not a number
// it can be; `out` is changed only on success.
bool read_mail_batch(std::string_view bytes, MailBatch& out, std::string& error);

}  // namespace sd
