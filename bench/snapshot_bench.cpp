// Binary snapshot benchmark over N demo conversations (default 2,000; the app's startup path at
// 100,000 should decode well under a second natively, as the browser is slower).
//
//   snapshot_bench [--conversations N] [--repeat R]
//
// Builds the demo, stamps edits on a tenth of it, then measures the two files of the binary
// snapshot (core/snapshot_bin.h): encoding both, decoding the snapshot file alone (what start-up
// waits for before the list shows), decoding the texts file into that store at once and in
// 4 MB slices (a TextsJob, as the page does after its first frame). For comparison, the export
// text (core/export_json.h) that version 1 stored as snapshot.json: its size, writing it, and
// parsing it back. Prints the best of R runs, one line per measurement.
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

namespace {

constexpr size_t kSlice = 4 << 20;   // the page's slice (snapshot_bin.h)

void print_time(const char* what, double seconds, double mb, const char* note) {
    std::printf("  %-22s %9.1f ms %8.1f MB/s%s%s\n", what, seconds * 1e3, mb / seconds, *note ? "   " : "", note);
}

}  // namespace

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
    sd::SnapshotFiles files;
    std::string text;
    size_t slices = 0;
    double best_encode = 1e9, best_snapshot = 1e9, best_texts = 1e9, best_sliced = 1e9, best_export = 1e9, best_parse = 1e9;
    for (long r = 0; r < repeat; ++r) {
        auto t0 = std::chrono::steady_clock::now();
        files = sd::encode_snapshot(data.store);
        best_encode = std::min(best_encode, seconds_since(t0));

        // The snapshot file alone: every record, no message text.
        t0 = std::chrono::steady_clock::now();
        sd::Store back;
        sd::TextsLink link;
        if (!sd::decode_snapshot(files.snapshot, back, err, &link)) {
            std::fprintf(stderr, "snapshot_bench: own snapshot refused: %s\n", err.c_str());
            return 1;
        }
        best_snapshot = std::min(best_snapshot, seconds_since(t0));
        sd::Store back_sliced = back;   // not timed: the same starting point for the sliced texts

        // Its texts, at once.
        t0 = std::chrono::steady_clock::now();
        if (!sd::decode_texts(files.texts, link, back, err)) {
            std::fprintf(stderr, "snapshot_bench: own texts file refused: %s\n", err.c_str());
            return 1;
        }
        best_texts = std::min(best_texts, seconds_since(t0));

        // Its texts in slices (the copy into the job is part of it, as on the page).
        t0 = std::chrono::steady_clock::now();
        sd::TextsJob job;
        if (!sd::begin_texts(files.texts, link, job, err)) {
            std::fprintf(stderr, "snapshot_bench: own texts file refused: %s\n", err.c_str());
            return 1;
        }
        slices = 1;
        while (!sd::texts_next(job, back_sliced, kSlice)) ++slices;
        if (!job.error.empty()) {
            std::fprintf(stderr, "snapshot_bench: own texts file refused in slices: %s\n", job.error.c_str());
            return 1;
        }
        best_sliced = std::min(best_sliced, seconds_since(t0));
        if (r == 0) {   // both ways give the store that was encoded (checked once, not timed)
            const sd::SnapshotFiles again = sd::encode_snapshot(back), again_sliced = sd::encode_snapshot(back_sliced);
            if (again.snapshot != files.snapshot || again.texts != files.texts || again_sliced.texts != files.texts) {
                std::fprintf(stderr, "snapshot_bench: decoding did not give back the encoded store\n");
                return 1;
            }
        }

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
    const double snap_mb = double(files.snapshot.size()) / 1e6, texts_mb = double(files.texts.size()) / 1e6,
                 both_mb = snap_mb + texts_mb, json_mb = double(text.size()) / 1e6;
    char slice_note[64];
    std::snprintf(slice_note, sizeof slice_note, "%zu slices of %zu MB", slices, kSlice >> 20);
    std::printf("snapshot_bench: %ld conversations, best of %ld runs\n", n, repeat);
    std::printf("  snapshot file          %9.1f MB   everything but the message texts\n", snap_mb);
    std::printf("  texts file             %9.1f MB   the message texts\n", texts_mb);
    std::printf("  JSON export            %9.1f MB   for comparison (version 1's snapshot.json)\n", json_mb);
    print_time("encode both files", best_encode, both_mb, "");
    print_time("decode snapshot file", best_snapshot, snap_mb, "the list can show");
    print_time("decode texts file", best_texts, texts_mb, "at once");
    print_time("decode texts file", best_sliced, texts_mb, slice_note);
    print_time("write JSON export", best_export, json_mb, "");
    print_time("parse JSON export", best_parse, json_mb, "");
    std::printf("  binary vs JSON: %.2fx the size; snapshot file decodes %.1fx faster than the parse, both files %.1fx\n",
                both_mb / json_mb, best_parse / best_snapshot, best_parse / (best_snapshot + best_texts));
    return 0;
}
