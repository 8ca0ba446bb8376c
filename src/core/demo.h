// Seeded, deterministic demo dataset: the same options always give the same Store, byte for byte.
//
//   sd::DemoOptions opt;
//   opt.seed = 7; opt.conversations = 1000; opt.now = t;   // timestamps spread over the weeks before `now`
//   sd::Store store = sd::generate_demo(opt);
#pragma once
#include <cstdint>
#include "model.h"

namespace sd {

struct DemoOptions {
    uint64_t seed = 1;
    int conversations = 1000;        // 10 .. 100000 (clamped)
    Time now = 1795000000;           // anchor: the newest message is at most a little before this
    int days = 28;                   // how far back the oldest conversation starts
};

Store generate_demo(const DemoOptions& options);

}  // namespace sd
