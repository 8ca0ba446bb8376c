// How long state() takes after a big mail import (issue 16): 25,000 mails in 8,800 threads read
// through the app's import path, then state({max_rows: 0}) and its larger parts timed. Hidden
// ([.bench]): run with ./build/sellerdesk_tests "[.bench]" -s; docs/performance.md keeps the figures.
#include "app_fixture.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "app/metrics_cache.h"
#include "app/metrics_view.h"
#include "app/records_import.h"
#include "app/state_json.h"
#include "app/import_export.h"

using app_test::TestApp;
using nlohmann::json;

namespace {

double median_ms(const std::function<void()>& work, int runs = 15) {
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto t = std::chrono::steady_clock::now();
        work();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

// An order's mails: three from one relay address, an hour apart, in November 2025.
json bench_record(size_t thread, int k) {
    char order[32], from[64], date[32], id[48];
    std::snprintf(order, sizeof order, "114-%07zu-%07zu", thread, thread * 7 % 9999999);
    std::snprintf(from, sizeof from, "b%zu@marketplace.amazon.com", thread);
    std::snprintf(date, sizeof date, "2025-11-%02zuT%02d:%02zu:00Z", 1 + thread % 28, 8 + k, thread % 60);
    std::snprintf(id, sizeof id, "<m%zu.%d@amazon>", thread, k);
    return {{"file", "bench.mbox"}, {"place", "mail"}, {"message_id", id},
            {"from", {{"name", "Buyer " + std::to_string(thread) + " - Amazon Marketplace"}, {"address", from}}},
            {"to", {"shop@brightnest.example"}}, {"subject", std::string(k ? "Re: " : "") + "Order " + order},
            {"date", date}, {"text", "Where is my parcel? It was due last week."}};
}

}  // namespace

TEST_CASE("state() after 25,000 imported mails", "[.bench]") {
    TestApp t;
    t.ok({{"type", "clear_inbox"}});
    REQUIRE(records_request(t.app, {{"op", "begin"}, {"bytes", 50 << 20}, {"name", "bench.mbox"}})["ok"] == true);
    const size_t threads = 8800;
    json batch = json::array();
    for (size_t th = 0; th < threads; ++th)
        for (int k = 0; k < 3; ++k) {
            batch.push_back(bench_record(th, k));
            if (batch.size() == 100) {
                records_request(t.app, {{"op", "records"}, {"records", batch}});
                batch = json::array();
            }
        }
    records_request(t.app, {{"op", "records"}, {"records", batch}});
    records_request(t.app, {{"op", "finish"}});
    for (int i = 0; i < 100000 && t.app.import.running; ++i) {
        import_step(t.app);
        t.ack_flushes();
    }
    REQUIRE_FALSE(t.app.import.running);
    if (t.app.view.dirty) rebuild_rows(t.app);
    REQUIRE(t.app.store.conversations.size() == threads);
    AppState& app = t.app;
    std::printf("import's longest step of each phase (ms): %s\n", app.import.report["timing_ms"].dump().c_str());
    std::printf("state() with %zu conversations, median of 15 (ms):\n", app.store.conversations.size());
    std::printf("  whole state({max_rows: 0})   %.2f\n", median_ms([&] { state_json(app, 0, false); }));
    std::printf("  whole, dumped as text        %.2f\n", median_ms([&] { state_json(app, 0, false).dump(); }));
    std::printf("  whole, next second           %.2f\n", median_ms([&] { app.now += 1; state_json(app, 0, false); }));
    std::printf("  metrics (next second)        %.2f\n", median_ms([&] { app.now += 1; metrics_state_json(app); }));
    std::printf("  projection (next second)     %.2f\n", median_ms([&] { app.now += 1; projection_state_json(app); }));
    std::printf("  dashboard                    %.2f\n", median_ms([&] { dashboard_json(app); }));
    std::printf("  import.last                  %.2f\n", median_ms([&] { json j = app.import.report; }));
    std::printf("  50 rows                      %.2f\n", median_ms([&] { state_json(app, 50, false); }));
    // The search index rebuilt after the import: its slices of 64 conversations, and the last step
    // (terms sorted, postings laid out), which runs in one frame.
    double slices = 0, last = 0, longest_slice = 0;
    app.index.build_begin(app.store);
    for (bool done = false; !done;) {
        const auto t0 = std::chrono::steady_clock::now();
        const bool final_step = app.index.build_progress(app.store) >= 1.0;
        done = app.index.build_step(app.store, 64);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        if (final_step || (done && ms > 2 * longest_slice + 1)) last = ms;
        else { slices += ms; longest_slice = std::max(longest_slice, ms); }
    }
    std::printf("  search index: slices %.1f (longest %.2f), last step %.2f\n", slices, longest_slice, last);
}
