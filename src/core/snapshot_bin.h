// The binary snapshot: the whole Store in two compact files that load fast at startup
// (docs/storage-format.md, "snapshot-G.bin" and "texts-G.bin", gives the layout byte by byte):
//   snapshot   everything except the message texts: what the list, the filters, the counts and
//              the SLA clocks need, so a large inbox shows its first frame after reading this
//   texts      the message texts, in the snapshot's order, tied to it by the snapshot's checksum;
//              read after the first frame and filled into the Store a slice at a time
//
//   sd::SnapshotFiles files = sd::encode_snapshot(store);
//   sd::Store back;
//   sd::TextsLink link;
//   std::string why;
//   if (!sd::decode_snapshot(files.snapshot, back, why, &link)) show("snapshot-3.bin: " + why);
//       // why: "checksum mismatch (file damaged)", "truncated at byte 812 of 4096",
//       //      "not a SellerDesk snapshot", "version 9 is newer than this app reads"
//   if (link.separate && !sd::decode_texts(files.texts, link, back, why)) show("texts-3.bin: " + why);
//
// Version 1 snapshots (texts inside the snapshot file, no texts file) and version 2 ones (no
// Conversation::closed_at) are still read.
//
// Why not the export format: parsing ~190 MB of JSON for 100,000 conversations takes seconds in
// the browser; this format is read field by field from a byte buffer with no text parsing.
//
// Every field of every record is written, in declaration order, including the sync bookkeeping
// (edit stamps, tombstones) and the order of records and lists exactly as they are in the Store,
// so decode(encode(s)) is the same Store, not just the same export. Adding a field to a record in
// model.h or stamp.h stops this file from compiling until the field is given a place here.
//
// Decoding checks the fixed header, the file length and a CRC-32 of the whole file before it
// reads a single record, so any truncation and any single flipped bit is refused with a reason.
// A file whose checksum is right but whose content is not (written by a bug, or on purpose) is
// still refused cleanly: every length and count is checked against the bytes that remain, so
// memory use stays proportional to the file size. On failure `out` is left unchanged.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "model.h"

namespace sd {

constexpr uint32_t kSnapshotVersion = 4;   // 1: the texts inside the snapshot file; 2: before closed_at and the mail fields; 3: before VIP follow-up
constexpr uint32_t kTextsVersion = 1;

struct SnapshotFiles {
    std::string snapshot;
    std::string texts;
};
SnapshotFiles encode_snapshot(const Store& store);

// The same in slices, for a page that must keep drawing while 100 MB are written: the store must
// not change until the job is finished (the snapshot would mix two states).
//   sd::EncodeJob job = sd::begin_encode(store);
//   while (!sd::encode_next(job, store, 2000)) { ...a frame... job.done of job.total records... }
//   use(job.files);   // the same bytes encode_snapshot(store) gives
// After the last record, each call also checksums up to 1 MB of the files, so a large inbox
// takes a few calls more than its records (done == total meanwhile).
struct SnapshotEncoder;
struct EncodeJob {
    bool finished = false;
    SnapshotFiles files;           // both files, once finished
    size_t done = 0, total = 0;    // records (customers, orders, conversations)
    std::unique_ptr<SnapshotEncoder> state;
    EncodeJob();
    ~EncodeJob();
    EncodeJob(EncodeJob&&) noexcept;
    EncodeJob& operator=(EncodeJob&&) noexcept;
};
EncodeJob begin_encode(const Store& store);
bool encode_next(EncodeJob& job, const Store& store, size_t max_records);   // true when finished

// What a decoded snapshot needs from its texts file. `separate` is false for a version 1
// snapshot, whose texts were inside it (then there is no texts file to read).
struct TextsLink {
    bool separate = false;
    uint32_t snapshot_crc = 0;      // the snapshot file's checksum, which its texts file repeats
    size_t conversations = 0;       // the snapshot's conversations: the first ones of the Store
    uint64_t messages = 0;
};

// Decodes a snapshot file. Version 2 leaves every message's text empty: decode_texts (or a
// TextsJob) fills them in. Replaces `out` and rebuilds its indexes (Store::reindex) on success;
// on failure `out` is unchanged.
bool decode_snapshot(std::string_view bytes, Store& out, std::string& error, TextsLink* link = nullptr);
// The same, reading the file at `path` a window at a time instead of holding all of it: start-up
// reads a 46 MB snapshot at 100,000 conversations, and on first touch fresh memory costs more
// than decoding (docs/performance.md). Same checks, same errors, same result as decode_snapshot
// on the file's bytes ("cannot be opened" / "cannot be read" besides); `newer` as
// snapshot_is_newer. `window` (bytes) is for tests: records straddling it are handled.
bool decode_snapshot_file(const std::string& path, Store& out, std::string& error, TextsLink* link = nullptr,
                          bool* newer = nullptr, size_t window = size_t(1) << 20);
// True when `bytes` has an intact header of a later version than kSnapshotVersion: the file was
// written by a newer app, it is not damaged, and recovery must leave it alone.
bool snapshot_is_newer(std::string_view bytes);

// Fills the texts of the first link.conversations conversations of `store` (the ones the
// snapshot held, in its order; edits replayed since may have appended conversations and
// messages, which already have their texts). The file is checked whole (length, checksums, the
// link to its snapshot, every count) before a single text is filled in, so a damaged file
// changes nothing; `error` says what is wrong: "checksum mismatch (file damaged)",
// "belongs to another snapshot", "truncated at byte 80 of 4096"...
bool decode_texts(std::string_view bytes, const TextsLink& link, Store& store, std::string& error);

// The same in slices, for a page that keeps drawing: the checksum is verified a slice at a time,
// then the texts are filled a slice at a time. The store may gain conversations and messages
// between slices (edits append them); none may be removed or reordered meanwhile.
//   sd::TextsJob job;
//   if (!sd::begin_texts(std::move(bytes), link, job, why)) ...
//   while (!sd::texts_next(job, store, 4 << 20)) { ...a frame: job.progress()... }
//   if (!job.error.empty()) ...   // damaged: nothing was filled in
struct TextsJob {
    std::string bytes;
    TextsLink link;
    bool finished = false;
    std::string error;             // set when finished unsuccessfully
    size_t checked = 0;            // bytes whose checksum is computed
    uint32_t crc = 0;
    bool verified = false;         // the whole file checked: filling
    size_t at = 0;                 // reading position while filling
    size_t conversation = 0;       // next conversation to fill
    double progress() const;       // 0..1
};
bool begin_texts(std::string bytes, const TextsLink& link, TextsJob& job, std::string& error);
bool texts_next(TextsJob& job, Store& store, size_t max_bytes);   // true when finished
// The conversations the job has filled: [0, filled) of the snapshot's; the rest still wait.
inline size_t texts_filled(const TextsJob& job) { return job.conversation; }

}  // namespace sd
