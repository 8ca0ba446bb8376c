// What the export/import and snapshot benchmarks share: their two options and a stopwatch.
#pragma once
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

inline double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
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
