// splitmix64: the small deterministic generator behind the demo data, the property tests and the
// benchmarks' synthetic mixes. Same seed, same sequence, natively and in WebAssembly.
//
//   uint64_t state = seed;
//   uint64_t r = sd::splitmix64(state);   // advances state
#pragma once
#include <cstdint>

namespace sd {

inline uint64_t splitmix64(uint64_t& state) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

}  // namespace sd
