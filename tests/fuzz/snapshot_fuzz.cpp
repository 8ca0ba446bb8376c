// libFuzzer target for the binary snapshot readers (core/snapshot_bin.h): the snapshot file and
// the texts file.
//
// The first input byte chooses what the rest is fed to:
//   0  decode_snapshot, the bytes as they are
//   1  decode_snapshot, the bytes wrapped in a valid header and checksums (version 1 or 2, the
//      layout of docs/storage-format.md): a random input almost never passes the CRC-32, so this
//      is what reaches the record reader with arbitrary content
//   2  decode_texts and a TextsJob, the bytes as they are, against a small fixed snapshot
//   3  the same, the bytes wrapped in a valid texts header tied to that snapshot, so the walk over
//      the texts sees arbitrary content
// Every decoder must accept or refuse with a reason, never crash or read out of bounds (the build
// adds AddressSanitizer and UBSan), and memory stays bounded (-rss_limit_mb). An accepted version 2
// snapshot must encode back to the exact bytes it was read from; a version 1 one must give the
// same store through the two files it is written as now. A refused texts file must leave the
// store unchanged, and a TextsJob in slices must reach the same result as decode_texts.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/journal.h"
#include "core/snapshot_bin.h"

namespace {

void put_le(std::string& s, uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) s.push_back(char(uint8_t(v >> (8 * i))));
}

bool same_files(const sd::SnapshotFiles& a, const sd::SnapshotFiles& b) { return a.snapshot == b.snapshot && a.texts == b.texts; }

void check_snapshot(std::string_view bytes) {
    sd::Store store;
    std::string error;
    sd::TextsLink link;
    if (!sd::decode_snapshot(bytes, store, error, &link)) {
        if (error.empty()) std::abort();   // every refusal says why
        return;
    }
    const sd::SnapshotFiles files = sd::encode_snapshot(store);
    const uint32_t version = uint32_t(uint8_t(bytes[8])) | uint32_t(uint8_t(bytes[9])) << 8 |
                             uint32_t(uint8_t(bytes[10])) << 16 | uint32_t(uint8_t(bytes[11])) << 24;
    if (link.separate && version == sd::kSnapshotVersion) {   // the current version: the same bytes back
        if (files.snapshot != bytes) std::abort();
        return;
    }
    // An older version is written as the current one: read back, the store gives the same files.
    // Version 1 also moves its texts into the texts file.
    sd::Store back;
    sd::TextsLink back_link;
    if (!sd::decode_snapshot(files.snapshot, back, error, &back_link) || !back_link.separate ||
        !sd::decode_texts(files.texts, back_link, back, error))
        std::abort();
    if (!same_files(sd::encode_snapshot(back), files)) std::abort();
}

// The snapshot the texts inputs are read against: three conversations, one without messages.
struct Fixed {
    sd::Store list;            // decoded from the snapshot file: every text empty
    sd::TextsLink link;
    sd::SnapshotFiles empty;   // the encoding of `list`, to see that a refusal changed nothing
    Fixed() {
        sd::Store s;
        const char* texts[3][3] = {{"hello", "", "a longer text, with more words in it"}, {"", nullptr, nullptr}, {nullptr, nullptr, nullptr}};
        for (int c = 0; c < 3; ++c) {
            sd::Conversation conv;
            conv.id = "c" + std::to_string(c);
            for (int m = 0; m < 3 && texts[c][m]; ++m) {
                sd::Message msg;
                msg.id = conv.id + "-m" + std::to_string(m);
                msg.body = texts[c][m];
                conv.messages.push_back(msg);
            }
            s.conversations.push_back(conv);
        }
        const sd::SnapshotFiles files = sd::encode_snapshot(s);
        std::string error;
        if (!sd::decode_snapshot(files.snapshot, list, error, &link)) std::abort();
        empty = sd::encode_snapshot(list);
    }
};
const Fixed& fixed_snapshot() {
    static const Fixed fixed;
    return fixed;
}

void check_texts(std::string_view bytes, size_t slice) {
    const Fixed& fixed = fixed_snapshot();
    sd::Store whole = fixed.list;
    std::string error;
    const bool ok = sd::decode_texts(bytes, fixed.link, whole, error);
    if (ok != error.empty()) std::abort();
    if (!ok && !same_files(sd::encode_snapshot(whole), fixed.empty)) std::abort();   // refused: nothing filled

    sd::Store sliced = fixed.list;
    sd::TextsJob job;
    std::string job_error;
    if (sd::begin_texts(std::string(bytes), fixed.link, job, job_error)) {
        for (int guard = 0; !sd::texts_next(job, sliced, slice); ++guard)
            if (guard > 1000000) std::abort();
        job_error = job.error;
    } else if (job_error.empty()) {
        std::abort();
    }
    if (ok != job_error.empty()) std::abort();
    if (!same_files(sd::encode_snapshot(sliced), sd::encode_snapshot(whole))) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    const int mode = data[0] % 4;
    std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    if (mode == 0) {
        check_snapshot(input);
    } else if (mode == 1) {
        // The next three bytes choose small record counts, and the version; the rest is the body.
        if (input.size() < 3) return 0;
        const uint32_t version = (data[0] >> 2) % 2 + 1;
        std::string f("SDSNAP\r\n", 8);
        put_le(f, version, 4);
        put_le(f, 44 + (input.size() - 3) + 4, 8);
        put_le(f, uint8_t(input[0]) % 4, 4);
        put_le(f, uint8_t(input[1]) % 4, 4);
        put_le(f, uint8_t(input[2]) % 4, 4);
        // The message count is not known up front: try the body with 0..3.
        for (uint64_t messages = 0; messages < 4; ++messages) {
            std::string sealed = f;
            put_le(sealed, messages, 8);
            put_le(sealed, sd::crc32(sealed), 4);
            sealed.append(input.substr(3));
            put_le(sealed, sd::crc32(sealed), 4);
            check_snapshot(sealed);
        }
    } else {
        // The slice size for the TextsJob: 1 to 64 bytes, or all at once.
        const size_t slice = data[0] >= 252 ? SIZE_MAX : size_t(data[0] >> 2) + 1;
        if (mode == 2) {
            check_texts(input, slice);
        } else {
            const Fixed& fixed = fixed_snapshot();
            std::string f("SDTEXT\r\n", 8);
            put_le(f, sd::kTextsVersion, 4);
            put_le(f, 40 + input.size() + 4, 8);
            put_le(f, fixed.link.snapshot_crc, 4);
            put_le(f, fixed.link.conversations, 4);
            put_le(f, fixed.link.messages, 8);
            put_le(f, sd::crc32(f), 4);
            f.append(input);
            put_le(f, sd::crc32(f), 4);
            check_texts(f, slice);
        }
    }
    return 0;
}
