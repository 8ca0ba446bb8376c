// libFuzzer target for the export reader (scripts/fuzz.sh builds and runs it).
//
// Any input: parse_export must return true or false with a reason, never crash, hang or read out
// of bounds (the build adds AddressSanitizer and UBSan). An input it accepts must survive the
// round trip: export it, read that back, export again: the same bytes; and merging it with
// itself changes nothing.
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string>
#include <string_view>

#include "core/export_json.h"

namespace {
std::string write(const sd::SyncData& d) {
    sd::ExportOptions o;
    o.replica = "fuzz";
    std::string text, err;
    if (!sd::export_text(d, o, text, err)) std::abort();
    return text;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    sd::ImportLimits limits;
    limits.max_bytes = 1 << 20;
    sd::ExportFile file;
    sd::ImportError error;
    if (!sd::parse_export(text, file, error, limits)) {
        if (error.reason.empty()) std::abort();   // every refusal says why
        return 0;
    }
    std::string once = write(file.data);
    sd::ExportFile again;
    if (!sd::parse_export(once, again, error)) {
        std::fprintf(stderr, "own export refused: %s\n", error.message().c_str());
        std::abort();
    }
    if (write(again.data) != once) std::abort();
    if (write(sd::merge(again.data, file.data).data) != once) std::abort();
    return 0;
}
