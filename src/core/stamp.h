// Edit stamps: a hybrid logical clock (HLC) reading plus the ID of the replica that made the edit.
// Every editable field carries one, so two copies of an inbox can be merged field by field: the
// later edit wins, and equal clock readings are ordered by replica ID, so every replica picks the
// same winner (docs/export-format.md, "Merging").
//
//   int64_t last = sd::max_hlc(store);                    // after loading or importing
//   sd::Stamp s = sd::next_stamp(last, now_ms, replica);  // for the next edit; last = s.hlc
//   op["stamp"] = sd::stamp_to_json(s);                   // apply_op records it on what it changes
//
// The HLC is one 64-bit number: Unix milliseconds in the high 48 bits and a counter in the low 16.
// It never goes backwards on a replica, even when the wall clock does, and it is always later than
// every stamp the replica has seen (pass the largest one seen as `prev_hlc`), so an edit made after
// importing a file wins over the edits in that file. The core never reads a clock: `now_ms` is a
// parameter. A zero stamp means "never edited": it loses to every edit.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace sd {

struct Stamp {
    int64_t hlc = 0;          // 0 = never edited
    std::string replica;      // who edited; "" only with hlc 0

    bool zero() const { return hlc == 0 && replica.empty(); }
};

// Total order: HLC first, then replica ID (byte order).
inline int compare(const Stamp& a, const Stamp& b) {
    if (a.hlc != b.hlc) return a.hlc < b.hlc ? -1 : 1;
    int c = a.replica.compare(b.replica);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
}
inline bool operator<(const Stamp& a, const Stamp& b) { return compare(a, b) < 0; }
inline bool operator==(const Stamp& a, const Stamp& b) { return a.hlc == b.hlc && a.replica == b.replica; }
inline bool operator!=(const Stamp& a, const Stamp& b) { return !(a == b); }

constexpr int kHlcCounterBits = 16;
constexpr int64_t kHlcCounterMask = (int64_t(1) << kHlcCounterBits) - 1;
inline int64_t hlc_millis(int64_t hlc) { return hlc >> kHlcCounterBits; }
inline int64_t make_hlc(int64_t millis, int64_t counter) { return (millis << kHlcCounterBits) | (counter & kHlcCounterMask); }

// The HLC reading for a new edit: later than `prev_hlc` (the largest reading this replica has made
// or seen) and, when the wall clock is ahead, equal to the wall clock with counter 0.
int64_t next_hlc(int64_t prev_hlc, int64_t now_ms);
Stamp next_stamp(int64_t prev_hlc, int64_t now_ms, std::string replica);

// Edit: when a field was last set (stamp) and the HLC reading of the value that edit replaced
// (`replaced`). A merge uses `replaced` only for the report: when the winning edit replaced a
// reading at least as late as the losing edit, its author had seen a value at least that new, so
// the loser is not reported as a conflict for a person to look at.
struct Edit {
    Stamp stamp;
    int64_t replaced = 0;

    bool zero() const { return stamp.zero() && replaced == 0; }
};
inline bool operator==(const Edit& a, const Edit& b) { return a.stamp == b.stamp && a.replaced == b.replaced; }
inline bool operator!=(const Edit& a, const Edit& b) { return !(a == b); }
// Records `s` as the new edit of a field (no-op for a zero stamp: unstamped edits keep the old one).
inline void record_edit(Edit& e, const Stamp& s) {
    if (s.zero()) return;
    e.replaced = e.stamp.hlc;
    e.stamp = s;
}

// Two copies of what never changes (a record's fixed fields as one canonical text) disagree: true
// when `b` should replace `a` (the larger FNV-1a hash, then the larger text). Symmetric, so every
// replica keeps the same copy whichever side it came from.
bool content_wins(const std::string& a, const std::string& b);

// HLC readings as text: a decimal string (a JSON number would lose digits in JavaScript).
std::string hlc_to_string(int64_t hlc);
bool parse_hlc(std::string_view text, int64_t& out);   // 1..19 digits, 0 .. INT64_MAX

}  // namespace sd
