// What the live sync's scan costs at inbox size (docs/team-sync.md, src/app/team_sync.cpp): the
// pieces it runs while synced, on the demo inbox with the bundled templates.
//
//   couch_scan_bench [--conversations N] [--repeat R]        (N defaults to 100,000)
//
// Timed, best of R runs:
//   - the "meta" documents (every template and the settings), made every 2 s while synced;
//   - the orders and customers no conversation refers to (make_orphan_docs): walks every
//     conversation, so the app looks for them only when records were added or changed and
//     otherwise compares the hashes it kept;
//   - the register entries and handovers (make_team_docs);
//   - one slice of the conversation scan: the documents of 200 conversations, hashed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_common.h"
#include "core/couch_docs.h"
#include "core/demo.h"
#include "core/templates.h"

#ifndef SD_BENCH_ASSETS
#define SD_BENCH_ASSETS "assets"
#endif

int main(int argc, char** argv) {
    long n = 100000, repeat = 5;
    if (!bench_options("couch_scan_bench", argc, argv, n, repeat)) return 2;
    sd::DemoOptions demo;
    demo.conversations = int(n);
    sd::SyncData data;
    data.store = sd::generate_demo(demo);
    std::vector<std::string> errors;
    sd::load_library_file(std::string(SD_BENCH_ASSETS) + "/templates.json", data.templates, errors);

    std::vector<sd::CouchDoc> docs;
    uint64_t sink = 0;
    const double meta_ms = best_ms(repeat, [&] {
        docs.clear();
        sd::make_docs(data, {}, true, true, docs);
    });
    const size_t meta_docs = docs.size();
    const double orphan_ms = best_ms(repeat, [&] {
        docs.clear();
        sd::make_orphan_docs(data, docs);
    });
    const size_t orphan_docs = docs.size();
    const double team_ms = best_ms(repeat, [&] {
        docs.clear();
        sd::make_team_docs(data, docs);
    });
    std::vector<std::string> slice;
    for (size_t i = 0; i < data.store.conversations.size() && slice.size() < 200; i += 7) slice.push_back(data.store.conversations[i].id);
    const double slice_ms = best_ms(repeat, [&] {
        docs.clear();
        sd::make_docs(data, slice, false, false, docs);
        for (const sd::CouchDoc& d : docs) sink ^= sd::doc_hash(d.body);
    });

    std::printf("couch_scan_bench: %ld conversations, %zu orders, %zu customers, best of %ld runs\n", n,
                data.store.orders.size(), data.store.customers.size(), repeat);
    std::printf("  templates and settings (%zu docs)        %8.2f ms\n", meta_docs, meta_ms);
    std::printf("  orders and customers without a conversation (%zu docs) %8.2f ms\n", orphan_docs, orphan_ms);
    std::printf("  register entries and handovers           %8.2f ms\n", team_ms);
    std::printf("  200 conversations' documents, hashed     %8.2f ms  (%016llx)\n", slice_ms, static_cast<unsigned long long>(sink));
    std::printf("  scan every 2 s, orphans looked for        %8.2f ms\n", meta_ms + orphan_ms + team_ms);
    std::printf("  scan every 2 s, orphans kept (no change that may move them) %8.2f ms\n", meta_ms + team_ms);
    return 0;
}
