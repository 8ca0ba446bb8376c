// Binary snapshot benchmark over N demo conversations (default 2,000; the app's startup path at
// 100,000 should decode well under a second natively, as the browser is slower).
//
//   snapshot_bench [--conversations N] [--repeat R]
//
// Builds the demo, stamps edits on a tenth of it, then measures encode and decode of the binary
// snapshot (core/snapshot_bin.h), and for comparison the export text (core/export_json.h) that
// version 1 stored as snapshot.json: its size, writing it, and parsing it back. Prints the best of
// R runs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench_common.h"
#include "core/demo.h"
#include "core/export_json.h"
#include "core/ops.h"
#include "core/snapshot_bin.h"


int main(int argc, char** argv) {
    long n = 2000, repeat = 3;
    if (!bench_options("snapshot_bench", argc, argv, n, repeat)) return 2;

    sd::DemoOptions demo;
    demo.conversations = int(n);
    demo.seed = 11;
    demo.now = 1795000000;
    sd::SyncData data;
    data.store = sd::generate_demo(demo);
    // Stamped edits, so the sync bookkeeping is part of what is measured.
    stamp_every_tenth(data.store, demo.now);
    std::string err;

    sd::ExportOptions opt;
    opt.templates = opt.settings = false;
    std::string bytes, text;
    double best_encode = 1e9, best_decode = 1e9, best_export = 1e9, best_parse = 1e9;
    for (long r = 0; r < repeat; ++r) {
        auto t0 = std::chrono::steady_clock::now();
        bytes = sd::encode_snapshot(data.store);
        best_encode = std::min(best_encode, seconds_since(t0));

        t0 = std::chrono::steady_clock::now();
        sd::Store back;
        if (!sd::decode_snapshot(bytes, back, err)) {
            std::fprintf(stderr, "snapshot_bench: own snapshot refused: %s\n", err.c_str());
            return 1;
        }
        best_decode = std::min(best_decode, seconds_since(t0));

        t0 = std::chrono::steady_clock::now();
        sd::export_text(data, opt, text, err);
        best_export = std::min(best_export, seconds_since(t0));

        t0 = std::chrono::steady_clock::now();
        sd::ExportFile file;
        sd::ImportError e;
        if (!sd::parse_export(text, file, e)) {
            std::fprintf(stderr, "snapshot_bench: own export refused: %s\n", e.message().c_str());
            return 1;
        }
        best_parse = std::min(best_parse, seconds_since(t0));
    }
    const double mb = double(bytes.size()) / 1e6, json_mb = double(text.size()) / 1e6;
    std::printf("snapshot_bench: %ld conversations, best of %ld runs\n", n, repeat);
    std::printf("  binary snapshot  %8.1f MB   encode %8.1f ms %7.1f MB/s   decode %8.1f ms %7.1f MB/s\n", mb,
                best_encode * 1e3, mb / best_encode, best_decode * 1e3, mb / best_decode);
    std::printf("  JSON export      %8.1f MB   write  %8.1f ms %7.1f MB/s   parse  %8.1f ms %7.1f MB/s\n", json_mb,
                best_export * 1e3, json_mb / best_export, best_parse * 1e3, json_mb / best_parse);
    std::printf("  binary vs JSON: %.2fx the size, decode %.1fx faster than parse\n", mb / json_mb, best_parse / best_decode);
    return 0;
}
