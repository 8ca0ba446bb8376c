// What the benchmarks share: their two options, a stopwatch (and the best of several runs), and the
// stamped edits a second replica would make.
#pragma once
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/ops.h"
#include "core/stamp.h"

inline double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// The shortest of `repeat` runs of f, in ms.
template <class F>
double best_ms(long repeat, F&& f) {
    double best = 1e300;
    for (long i = 0; i < repeat; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        f();
        best = std::min(best, seconds_since(t0) * 1000);
    }
    return best;
}

// Reads [--conversations N] [--repeat R] into n and repeat (n is then kept within 10..100,000).
// Returns false after printing the usage line when the arguments are wrong.
inline bool bench_options(const char* name, int argc, char** argv, long& n, long& repeat) {
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const char* why = "unknown option";
        if ((a == "--conversations" || a == "--repeat") && i + 1 < argc) {
            char* end = nullptr;
            long v = std::strtol(argv[++i], &end, 10);
            if (!*end && v >= 1) {
                (a == "--conversations" ? n : repeat) = v;
                continue;
            }
            why = "a positive number is needed";
        }
        std::fprintf(stderr, "%s: %s\nusage: %s [--conversations N] [--repeat R]\n", name, why, name);
        return false;
    }
    n = std::max(10L, std::min(n, 100000L));
    return true;
}

// Every tenth conversation read, labelled "vip" and given a draft, each edit stamped by replica
// "rb" as if made after `now`: the sync bookkeeping is then part of what is measured.
inline void stamp_every_tenth(sd::Store& store, sd::Time now) {
    int64_t hlc = 0;
    std::string err;
    for (size_t i = 0; i < store.conversations.size(); i += 10) {
        const std::string& id = store.conversations[i].id;
        sd::Stamp s = sd::next_stamp(hlc, int64_t(now) * 1000 + int64_t(i), "rb");
        hlc = s.hlc;
        nlohmann::json stamp = sd::stamp_to_json(s);
        sd::apply_op(store, {{"op", "set_unread"}, {"id", id}, {"unread", false}, {"stamp", stamp}}, err);
        sd::apply_op(store, {{"op", "labels"}, {"id", id}, {"add", {"vip"}}, {"stamp", stamp}}, err);
        sd::apply_op(store, {{"op", "set_draft"}, {"id", id}, {"text", "Thanks, we are on it."}, {"stamp", stamp}}, err);
    }
}
