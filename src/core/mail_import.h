// Real conversations in: messages read from mail (.eml, mbox) or from CSV rows become
// conversations, customers and orders that the import merges like an export (sync.h). The page
// decodes MIME (web/mail/records.mjs, with postal-mime) and hands over one plain record per mail;
// everything after that is here, so it is the same in the page, the CLI and the tests:
//
//   sd::RecordsJob job = sd::begin_records(store, options);   // indexes what the inbox already has
//   sd::InMessage m;  std::string why;
//   if (sd::in_message_from_json(record_json, m, why)) sd::add_record(job, std::move(m));
//   ...                                                        // CSV rows: csv_import.h
//   sd::RecordsResult r = sd::finish_records(std::move(job));  // threads, builds conversations
//   sd::MergeJob merge = sd::begin_merge(std::move(mine), std::move(r.data));
//
// A mail's marketplace is found from its sender's domain (MailDomains, kept in the settings), its
// order ID by the marketplace's pattern in the subject, then the body, the customer's name from the
// display name without the relay's suffix. Threads: In-Reply-To / References first, then the same
// relay address and order ID (or, without an order, the same subject). A message already in the
// inbox (same Message-ID; for CSV the same marketplace, order, time and text) is a duplicate. IDs
// are derived from the content, so the same mail imported on two machines merges into one.
// docs/import.md has the rules and the reasons.
#pragma once
#include <unordered_set>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>

#include "model.h"
#include "sync.h"

namespace sd {

// Sender domains per marketplace. An address belongs to a marketplace when its domain is one of
// these or ends in "." + one of them.
struct MailDomains {
    std::vector<std::string> domains[kMarketplaceCount];
};
MailDomains default_mail_domains();
// {"amazon": ["marketplace.amazon.com", ...], "walmart": [...], ...}
nlohmann::json mail_domains_to_json(const MailDomains& d);
bool mail_domains_from_json(const nlohmann::json& j, MailDomains& out, std::string& error);
bool marketplace_of_address(const MailDomains& d, std::string_view address, Marketplace& out);

// The first order ID of the marketplace's form in `text` ("" when none): Amazon 114-3941689-8772232;
// Walmart a 15-digit customer order number, else a 13-digit purchase order; eBay an order number
// 12-34567-89012, else the 12-digit item number; Wish 24 hex digits; Tmall 16 to 19 digits.
std::string find_order_id(Marketplace m, std::string_view text);
// "Maria Lopez - Amazon Marketplace" -> "Maria Lopez" (the relays' suffixes, quotes, spaces).
std::string clean_customer_name(std::string_view display);
// The buyer's user ID an eBay subject names ("... from jdoe_77", "jdoe_77 sent a message ..."); "" if none.
std::string ebay_buyer_from_subject(std::string_view subject);
// A subject without its "Re:", "Fwd:", "回复：" prefixes.
std::string thread_subject(std::string_view subject);
// Lower-case ASCII (addresses compare without case).
std::string lower_ascii(std::string_view s);

// One message, as the page's mail reader or the CSV reader hands it over.
struct InMessage {
    std::string file;                     // where it came from, for the report
    std::string place;                    // "mail 12", "row 7"
    // Read from mail (CSV rows fill what their columns give).
    std::string mail_id;                  // Message-ID without <>
    std::string in_reply_to;
    std::vector<std::string> references;
    std::string from_name, from_address;
    std::vector<std::string> to;          // To and Cc addresses
    std::string subject;
    Time at = kNoTime;
    std::string text;
    std::vector<Attachment> attachments;
    // Given by a CSV row; they win over what would be derived from mail.
    bool csv = false;
    bool has_marketplace = false;
    Marketplace marketplace = Marketplace::Walmart;
    bool has_direction = false;
    Direction direction = Direction::Inbound;
    std::string order_id, customer, customer_email, conversation_id, message_id, author;
};
// The page's record: {file, place, message_id, in_reply_to, references: [], from: {name, address},
// to: [addresses], subject, date (ISO 8601), text, attachments: [{name, size}]}.
bool in_message_from_json(const nlohmann::json& j, InMessage& out, std::string& error);

// A file, mail or row left out, and why. `reason` is the English text the bridge and the CLI
// give (scripts read it, so it stays as it is); `code` and `args` say the same for the interface
// to put in its language (docs/import.md lists the codes): the values the reason names, and
// where it is ("byte" of a mail in an mbox, "row" and "column" of a CSV cell, "record", else
// "place" as written). An empty code: the text is all there is.
struct ImportSkip {
    std::string file, reason;
    std::string code;
    nlohmann::json args = nlohmann::json::object();
};
// One skipped entry as the bridge, the CLI and the report give it: {file, reason}, with {code, args}
// when it has a code.
nlohmann::json skip_json(const ImportSkip& s);
// The args naming a record's place: "mail at byte 32774" -> {"byte": 32774}, "row 7" -> {"row": 7},
// "record 3" -> {"record": 3}, any other text -> {"place": text}, "" -> {}.
nlohmann::json place_args(const std::string& place);

struct RecordsOptions {
    MailDomains domains = default_mail_domains();
    // Mail from no marketplace: skipped with a reason, or (the user's choice) imported under this one.
    bool other_mail = false;
    Marketplace other_marketplace = Marketplace::Walmart;
    // Stamp of the edits made to conversations already in the inbox that get a new buyer message
    // (unread again, awaiting the seller): they must win over the local values in the merge.
    Stamp stamp;
};

struct RecordsIndex;   // what the inbox already has (mail_import.cpp)
struct RecordsJob {
    RecordsOptions options;
    std::vector<InMessage> messages;      // accepted so far, each with what add_record derived
    struct Derived {
        Marketplace marketplace = Marketplace::Walmart;
        Direction direction = Direction::Inbound;
        AuthorRole role = AuthorRole::Customer;
        std::string relay;                // the buyer's relay address (lower case), "" when none
        std::string order_id, customer, customer_key, message_id, thread_key;
        int existing = -1;                // conversation index in the inbox it joins, -1 = none yet
    };
    std::vector<Derived> derived;
    size_t duplicates = 0;
    std::vector<ImportSkip> skipped;
    std::unique_ptr<RecordsIndex> index;
    RecordsJob();
    ~RecordsJob();
    RecordsJob(RecordsJob&&) noexcept;
    RecordsJob& operator=(RecordsJob&&) noexcept;
};
// `existing` must stay unchanged until finish_records (its conversations are copied there).
RecordsJob begin_records(const Store& existing, RecordsOptions options);
// Classifies one message at once (marketplace, direction, order, duplicate); a message that
// cannot be placed is listed in job.skipped with the reason.
void add_record(RecordsJob& job, InMessage&& m);
void skip_file(RecordsJob& job, ImportSkip skip);

struct RecordsResult {
    SyncData data;                        // the conversations, customers and orders to merge
    size_t conversations_added = 0;       // new conversations (the rest add to existing ones)
    size_t messages = 0, duplicates = 0;
    std::vector<ImportSkip> skipped;
};
RecordsResult finish_records(RecordsJob&& job, const Store& existing);
// The same in slices, for a page that must keep drawing while 20,000 mails become threads
// (`existing` unchanged meanwhile):
//   sd::RecordsBuild b = sd::begin_build(std::move(job));        // the messages grouped into threads
//   while (!sd::build_next(b, existing, 200)) { ...a frame... }  // up to 200 threads each
//   sd::RecordsResult r = sd::end_build(std::move(b));           // what finish_records gives
struct RecordsBuild {
    RecordsJob job;
    std::vector<std::vector<size_t>> threads;   // message indexes of each thread
    size_t next = 0;                            // next thread to build
    RecordsResult out;
    std::unordered_set<std::string> customers_added, orders_added;
};
RecordsBuild begin_build(RecordsJob&& job);
bool build_next(RecordsBuild& b, const Store& existing, size_t max_threads);   // true when every thread is built
RecordsResult end_build(RecordsBuild&& b);
// What end_build left of a big import (25,000 messages, their keys and indexes: 30-60 ms to free
// at once) freed up to `max_items` entries at a time; true when nothing is left.
bool release_next(RecordsBuild& b, size_t max_items);

// Why a mail from no marketplace is skipped, naming its sender ("" = unknown). The page's mail
// workers skip such mail before decoding it and are given this text by the app, so both agree;
// its code is "no_marketplace" with {"sender"}, or "no_marketplace_unknown" without a sender.
std::string no_marketplace_reason(const std::string& sender);
// A record the page handed over that cannot be read: code "bad_record", {"detail": why} and its place.
ImportSkip bad_record_skip(const std::string& file, const std::string& place, const std::string& why);

// FNV-1a 64, as 16 hex digits: the content-derived IDs.
std::string hash_hex(std::string_view text);

}  // namespace sd
