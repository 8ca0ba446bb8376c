// libFuzzer target for the binary snapshot reader (core/snapshot_bin.h).
//
// A random input almost never passes the CRC-32, so besides decoding the input as it is, the
// target also wraps it in a valid header and checksums (the layout of docs/storage-format.md):
// that reaches the record reader with arbitrary content. Either way decode_snapshot must accept
// or refuse with a reason, never crash or read out of bounds (the build adds AddressSanitizer and
// UBSan), and memory stays bounded (-rss_limit_mb). An accepted store must encode back to the
// exact bytes it was read from.
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

void check(std::string_view bytes) {
    sd::Store store;
    std::string error;
    if (!sd::decode_snapshot(bytes, store, error)) {
        if (error.empty()) std::abort();   // every refusal says why
        return;
    }
    if (sd::encode_snapshot(store) != bytes) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    check(input);
    // The first three bytes choose small record counts; the rest is the body.
    if (size < 3) return 0;
    std::string f("SDSNAP\r\n", 8);
    put_le(f, sd::kSnapshotVersion, 4);
    put_le(f, 44 + (size - 3) + 4, 8);
    put_le(f, data[0] % 4, 4);
    put_le(f, data[1] % 4, 4);
    put_le(f, data[2] % 4, 4);
    // The message count is not known up front: try the body with 0..3.
    for (uint64_t messages = 0; messages < 4; ++messages) {
        std::string sealed = f;
        put_le(sealed, messages, 8);
        put_le(sealed, sd::crc32(sealed), 4);
        sealed.append(input.substr(3));
        put_le(sealed, sd::crc32(sealed), 4);
        check(sealed);
    }
    return 0;
}
