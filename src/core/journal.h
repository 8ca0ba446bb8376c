// The journal: an append-only file of operations, one record per line, each framed with its
// length and a CRC-32 so that a torn or damaged tail is recognised and cut off cleanly.
//
//   record := "J " <payload length, decimal> " " <crc32 of payload, 8 hex digits> " " <payload> "\n"
//   payload := one JSON operation (see ops.h), UTF-8, no newline inside (JSON escapes them)
//
//   std::string line = sd::encode_journal_record(op);
//   sd::JournalScan scan = sd::scan_journal(file_text);    // scan.records, scan.valid_bytes, scan.problem
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>

namespace sd {

uint32_t crc32(std::string_view data);
// The same over data that arrives in pieces: crc32(a + b) == crc32_continue(crc32(a), b).
uint32_t crc32_continue(uint32_t crc_so_far, std::string_view more);

std::string encode_journal_record(const nlohmann::json& op);

struct JournalScan {
    std::vector<nlohmann::json> records;  // every valid record, in order
    size_t valid_bytes = 0;               // length of the prefix made of valid records
    size_t dropped_bytes = 0;             // what follows the first bad record
    std::string problem;                  // empty, or why scanning stopped ("record 12: checksum mismatch")
};

// Reads records until the end or the first record that is torn or fails its checksum.
JournalScan scan_journal(std::string_view text);

}  // namespace sd
