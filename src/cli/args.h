// Command-line helpers shared by the sellerdesk commands.
#pragma once
#include <string>

// The value after an option ("--now 2026-11-25T12:00:00Z"): moves i onto it. False when the
// option is the last argument.
inline bool option_value(int argc, char** argv, int& i, std::string& out) {
    if (i + 1 >= argc) return false;
    out = argv[++i];
    return true;
}
