// Export / import / merge benchmark over N demo conversations (default 100,000; aim: import at
// >= 100 MB/s natively).
//
//   sync_bench [--conversations N] [--repeat R]
//
// Builds the demo, stamps edits on a tenth of it (as a second replica would), then measures:
// export (SyncData -> text), import (parse + validate the text), merge of that file into the
// original (the pure merge, copy of the local data included), and the whole import path
// (parse + merge in place) in slices of 500 conversations, as the app would run it, and the undo
// of that merge. Prints the best of R runs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench_common.h"
#include "core/demo.h"
#include "core/export_json.h"
#include "core/ops.h"
#include "core/time.h"


int main(int argc, char** argv) {
    long n = 100000, repeat = 3;
    if (!bench_options("sync_bench", argc, argv, n, repeat)) return 2;

    sd::DemoOptions demo;
    demo.conversations = int(n);
    demo.seed = 11;
    demo.now = 1795000000;
    sd::SyncData mine;
    mine.store = sd::generate_demo(demo);

    // The other replica: the same inbox with stamped edits on every tenth conversation.
    sd::SyncData theirs = mine;
    stamp_every_tenth(theirs.store, demo.now);
    std::string err;

    sd::ExportOptions opt;
    opt.replica = "rb";
    opt.exported_at = demo.now;
    std::string text;
    double best_export = 1e9, best_parse = 1e9, best_merge = 1e9, best_import = 1e9, best_in_place = 1e9, best_undo = 1e9;
    size_t added = 0, updated = 0;
    for (long r = 0; r < repeat; ++r) {
        auto t0 = std::chrono::steady_clock::now();
        sd::export_text(theirs, opt, text, err);
        best_export = std::min(best_export, seconds_since(t0));

        t0 = std::chrono::steady_clock::now();
        sd::ExportFile file;
        sd::ImportError e;
        if (!sd::parse_export(text, file, e)) {
            std::fprintf(stderr, "sync_bench: own export refused: %s\n", e.message().c_str());
            return 1;
        }
        best_parse = std::min(best_parse, seconds_since(t0));

        t0 = std::chrono::steady_clock::now();
        sd::MergeResult m = sd::merge(mine, file.data);
        best_merge = std::min(best_merge, seconds_since(t0));
        added = m.report.conversations_added;
        updated = m.report.conversations_updated;

        // The app's path: parse, then merge in place in slices between frames (undo log, no copy).
        sd::SyncData local = mine;   // not timed: stands for the app's own data
        t0 = std::chrono::steady_clock::now();
        sd::ExportFile f2;
        sd::parse_export(text, f2, e);
        auto t1 = std::chrono::steady_clock::now();
        sd::MergeJob job = sd::begin_merge(std::move(local), std::move(f2.data));
        while (!sd::merge_next(job, 500)) {
        }
        sd::MergeResult m2 = sd::finish_merge(std::move(job));
        best_in_place = std::min(best_in_place, seconds_since(t1));
        best_import = std::min(best_import, seconds_since(t0));
        t0 = std::chrono::steady_clock::now();
        sd::undo_merge(m2.data, std::move(m2.undo));
        best_undo = std::min(best_undo, seconds_since(t0));
    }
    const double mb = double(text.size()) / 1e6;
    std::printf("sync_bench: %ld conversations, export %.1f MB, best of %ld runs\n", n, mb, repeat);
    std::printf("  export                              %8.1f ms  %7.1f MB/s\n", best_export * 1e3, mb / best_export);
    std::printf("  import: parse and validate          %8.1f ms  %7.1f MB/s\n", best_parse * 1e3, mb / best_parse);
    std::printf("  merge, pure (copies the local data)  %8.1f ms  (%zu updated, %zu added)\n", best_merge * 1e3, updated, added);
    std::printf("  merge in place, slices of 500       %8.1f ms\n", best_in_place * 1e3);
    std::printf("  undo of that merge                  %8.1f ms\n", best_undo * 1e3);
    std::printf("  import end to end (parse + merge in place) %8.1f ms  %7.1f MB/s\n", best_import * 1e3, mb / best_import);
    if (n >= 100000)
        std::printf("  aim >= 100 MB/s import at 100,000 conversations: %s\n", mb / best_parse >= 100 ? "met" : "NOT met");
    return 0;
}
