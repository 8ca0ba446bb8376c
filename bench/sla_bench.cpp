// SLA engine benchmark: states for N synthetic conversations (default 100,000; target < 20 ms).
//
//   sla_bench [--conversations N] [--preset current|seller_guides] [--repeat R]
//
// The conversations are built here (a seeded mix of the five marketplaces, labels, eBay cases on
// business-hours clocks, Tmall after-sale topics, failed and automatic replies, spam, closed
// ones), so the bench does not depend on the demo generator. Prints the best and median of R runs.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <time.h>   // clock_gettime (POSIX; the bench is native only)

#include "core/model.h"
#include "core/sla.h"
#include "core/splitmix.h"
#include "core/time.h"

namespace {

struct Rng {   // splitmix64: deterministic, good enough for a synthetic mix
    uint64_t s;
    uint64_t next() { return sd::splitmix64(s); }
    int below(int n) { return int(next() % uint64_t(n)); }
    bool chance(int percent) { return below(100) < percent; }
};

sd::Store synthetic_store(int n, sd::Time now) {
    sd::Store store;
    store.conversations.reserve(size_t(n));
    Rng rng{42};
    for (int i = 0; i < n; ++i) {
        sd::Conversation c;
        c.id = "c" + std::to_string(i);
        c.marketplace = sd::Marketplace(rng.below(sd::kMarketplaceCount));
        c.topic = sd::Topic(rng.below(sd::kTopicCount));
        c.kind = c.topic == sd::Topic::ProductQuestion || c.topic == sd::Topic::Spammy ? sd::ConversationKind::PreSale
                                                                                       : sd::ConversationKind::PostSale;
        if (c.marketplace == sd::Marketplace::Walmart) {
            if (rng.chance(40)) c.labels.push_back(sd::labels::kResponseNeeded);
            if (rng.chance(15)) c.labels.push_back(sd::labels::kCustomerCare);
        }
        if (rng.chance(10)) c.labels.push_back(sd::labels::kReturnRequest);
        if (c.topic == sd::Topic::Spammy && rng.chance(60)) c.spam = sd::SpamReason::Spam;
        if (rng.chance(20)) c.status = sd::Status::Closed;
        sd::Time t = now - sd::Time(rng.below(28 * 24 * 3600));
        c.opened_at = t;
        if (c.marketplace == sd::Marketplace::Ebay) {
            c.folder = sd::EbayFolder(1 + rng.below(3));
            if (rng.chance(25)) {
                c.ebay_case.type = rng.chance(50) ? sd::CaseType::ItemNotReceived : sd::CaseType::NotAsDescribed;
                c.ebay_case.opened_at = t + rng.below(3 * 24 * 3600);
            }
        }
        const int messages = 1 + rng.below(8);
        for (int m = 0; m < messages; ++m) {
            sd::Message msg;
            msg.id = c.id + "m" + std::to_string(m);
            msg.at = t;
            const bool out = m % 2 == 1 && rng.chance(85);
            msg.direction = out ? sd::Direction::Outbound : sd::Direction::Inbound;
            msg.role = out ? sd::AuthorRole::Agent : sd::AuthorRole::Customer;
            if (out && rng.chance(5)) msg.delivery = sd::Delivery::Failed;
            if (out && rng.chance(5)) msg.auto_reply = true;
            c.messages.push_back(std::move(msg));
            t += rng.below(c.marketplace == sd::Marketplace::Tmall ? 1800 : 60 * 3600);
            if (t > now) t = now;
        }
        if (c.status == sd::Status::Closed) c.closed_at = c.messages.back().at;   // closed after the last message
        store.conversations.push_back(std::move(c));
    }
    store.reindex();
    return store;
}

double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

struct Timing {
    double wall_best = 0, wall_median = 0, cpu_best = 0, cpu_median = 0;
};

// Runs `fn` `repeat` times; wall time shows what a user waits, thread CPU time leaves out the
// time the thread was not running (the machine may be shared).
template <typename F>
Timing measure(long repeat, F&& fn) {
    std::vector<double> wall, cpu;
    for (long rep = 0; rep < repeat; ++rep) {
        const double c0 = thread_cpu_ms();
        const auto t0 = std::chrono::steady_clock::now();
        fn();
        const auto t1 = std::chrono::steady_clock::now();
        cpu.push_back(thread_cpu_ms() - c0);
        wall.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    return Timing{wall.front(), wall[wall.size() / 2], cpu.front(), cpu[cpu.size() / 2]};
}

void report(const char* what, const Timing& t, long n) {
    std::printf("  %-30s wall %7.2f / %7.2f ms   cpu %7.2f / %7.2f ms   (%.0f ns/conversation, median cpu)\n", what,
                t.wall_best, t.wall_median, t.cpu_best, t.cpu_median, t.cpu_median * 1e6 / double(n));
}

int usage(const char* why) {
    std::fprintf(stderr, "sla_bench: %s\nusage: sla_bench [--conversations N] [--preset current|seller_guides] "
                 "[--repeat R]\n", why);
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    long n = 100000, repeat = 15;
    sd::SlaPreset preset = sd::SlaPreset::Current;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if ((a == "--conversations" || a == "--repeat" || a == "--preset") && i + 1 >= argc)
            return usage((a + " needs a value").c_str());
        if (a == "--conversations" || a == "--repeat") {
            char* end = nullptr;
            const long v = std::strtol(argv[++i], &end, 10);
            if (*end != '\0' || v < 1 || v > 10000000) return usage((a + " wants a number from 1 to 10000000").c_str());
            (a == "--repeat" ? repeat : n) = v;
        } else if (a == "--preset") {
            if (!sd::parse(argv[++i], preset)) return usage("--preset wants current or seller_guides");
        } else {
            return usage(("unknown argument '" + a + "'").c_str());
        }
    }

    const sd::Time now = 1795000000;   // 2026-11-18T...Z
    const sd::Store store = synthetic_store(int(n), now);
    const sd::SlaPolicySet policies = sd::make_sla_policies(preset);

    int64_t checksum = 0;
    int states[sd::kSlaStateCount] = {};
    int resolution[sd::kSlaStateCount] = {};
    sd::SlaResult r;
    for (const sd::Conversation& c : store.conversations) {
        sd::evaluate_sla(policies, c, now, r);
        ++states[int(r.state())];
        if (const sd::SlaDeadline* d = r.resolution_deadline()) ++resolution[int(d->state)];
    }

    // The loop the inbox runs before sorting: one evaluation per conversation, prefetching ahead.
    const Timing eval = measure(repeat, [&] {
        sd::for_each_sla(policies, store.conversations, now,
                         [&](size_t i, const sd::SlaResult& res) {
                             checksum += sd::sla_urgency_key(store.conversations[i], res) & 0xffff;
                         });
    });
    const Timing plain = measure(repeat, [&] {
        for (const sd::Conversation& c : store.conversations) {
            sd::evaluate_sla(policies, c, now, r);
            checksum += sd::sla_urgency_key(c, r) & 0xffff;
        }
    });
    std::vector<int64_t> keys;
    const Timing key_pass = measure(repeat, [&] {
        sd::sla_urgency_keys(policies, store, now, keys);
        checksum += keys.back() & 0xff;
    });
    // Memory floor: the same pass reading only a conversation's flags and its newest message, to
    // tell the engine's own cost from the cost of streaming 100,000 conversations through the cache.
    const Timing floor_pass = measure(repeat, [&] {
        for (const sd::Conversation& c : store.conversations) {
            checksum += int(c.spam) + int(c.status) + int(c.marketplace);
            if (!c.messages.empty()) checksum += (c.messages.back().at & 0xff) + int(c.messages.back().direction);
        }
    });

    std::printf("sla_bench: %ld conversations, preset %s, %ld runs (wall / thread CPU time, best and median)\n", n,
                sd::to_string(preset), repeat);
    report("for_each_sla (prefetching)", eval, n);
    report("evaluate_sla loop, no prefetch", plain, n);
    report("sla_urgency_keys", key_pass, n);
    report("memory floor", floor_pass, n);
    std::printf("  response states: none %d, on_track %d, due_soon %d, overdue %d, answered %d, answered_late %d\n",
                states[0], states[1], states[2], states[3], states[4], states[5]);
    std::printf("  resolution states: on_track %d, due_soon %d, overdue %d, paused %d, resolved %d, resolved_late %d\n",
                resolution[1], resolution[2], resolution[3], resolution[6], resolution[7], resolution[8]);
    std::printf("  checksum %lld\n", (long long)checksum);
    if (n == 100000)
        std::printf("  target < 20 ms for 100,000 (median CPU time of for_each_sla): %s\n",
                    eval.cpu_median < 20.0 ? "met" : "MISSED");
    return 0;
}
