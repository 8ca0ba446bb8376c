// Command-line helpers shared by the sellerdesk commands.
#pragma once
#include <cstdio>
#include <string>

#include "core/time.h"

// The value after an option ("--now 2026-11-25T12:00:00Z"): moves i onto it. False when the
// option is the last argument.
inline bool option_value(int argc, char** argv, int& i, std::string& out) {
    if (i + 1 >= argc) return false;
    out = argv[++i];
    return true;
}

// "sellerdesk CMD: why" and the command's usage on stderr; returns 2, the exit code of a usage error.
inline int usage_error(const char* cmd, const std::string& why, const char* usage) {
    std::fprintf(stderr, "sellerdesk %s: %s\n%s", cmd, why.c_str(), usage);
    return 2;
}

// An option's ISO 8601 instant ("--now 2026-11-25T09:00:00Z"): "" when `text` is one, else why not.
inline std::string instant_option(const std::string& option, const std::string& text, sd::Time& out) {
    if (sd::parse_iso8601(text, out)) return "";
    return option + " wants an ISO 8601 instant with a zone, such as 2026-11-25T09:00:00Z, got '" + text + "'";
}
