// The binary snapshot: the whole Store in one compact file that loads fast at startup
// (docs/storage-format.md, "snapshot-G.bin", describes the layout byte by byte).
//
//   std::string bytes = sd::encode_snapshot(store);
//   sd::Store back;
//   std::string why;
//   if (!sd::decode_snapshot(bytes, back, why)) show("snapshot-3.bin: " + why);
//       // why: "checksum mismatch (file damaged)", "truncated at byte 812 of 4096",
//       //      "not a SellerDesk snapshot", "version 9 is newer than this app reads"
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

constexpr uint32_t kSnapshotVersion = 1;

std::string encode_snapshot(const Store& store);

// The same in slices, for a page that must keep drawing while 100 MB are written: the store must
// not change until the job is finished (the snapshot would mix two states).
//   sd::EncodeJob job = sd::begin_encode(store);
//   while (!sd::encode_next(job, store, 2000)) { ...a frame... job.done of job.total records... }
//   use(job.bytes);   // the same bytes encode_snapshot(store) gives
struct SnapshotEncoder;
struct EncodeJob {
    bool finished = false;
    std::string bytes;             // the whole file, once finished
    size_t done = 0, total = 0;    // records (customers, orders, conversations)
    std::unique_ptr<SnapshotEncoder> state;
    EncodeJob();
    ~EncodeJob();
    EncodeJob(EncodeJob&&) noexcept;
    EncodeJob& operator=(EncodeJob&&) noexcept;
};
EncodeJob begin_encode(const Store& store);
bool encode_next(EncodeJob& job, const Store& store, size_t max_records);   // true when finished
// Replaces `out` and rebuilds its indexes (Store::reindex) on success.
bool decode_snapshot(std::string_view bytes, Store& out, std::string& error);
// True when `bytes` has an intact header of a later version than kSnapshotVersion: the file was
// written by a newer app, it is not damaged, and recovery must leave it alone.
bool snapshot_is_newer(std::string_view bytes);

}  // namespace sd
