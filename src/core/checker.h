// Reply checker: lints a draft reply against the marketplace's reply rules before it is sent.
//
//   sd::CheckContext ctx;
//   ctx.marketplace = sd::Marketplace::Amazon;
//   ctx.region = "US";                     // order's ship-to country; "" = unknown
//   ctx.rounds = 2;                        // outbound replies already in the conversation
//   ctx.unfilled = fill_result.missing;    // placeholders the template filler had no value for
//   std::vector<sd::Finding> f = sd::check_reply(draft, ctx);
//   if (sd::has_errors(f)) ...             // the composer asks for an explicit override
//   nlohmann::json j = sd::findings_to_json(f, draft);
//
// Offsets: Finding::start / Finding::end are BYTE offsets into the UTF-8 draft, half-open
// [start, end), always on code-point boundaries. JavaScript strings index UTF-16 code units:
// convert with utf16_offset(); findings_to_json() adds both.
//
// Every rule has a stable snake_case id, a severity per marketplace and a source (the rule's
// origin). The full table is rule_table(); docs/templates.md lists it for people.
// The checker is a set of small hand-written scanners over the text (no std::regex, no
// exceptions); a 10,000-character draft is checked in well under a millisecond natively.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>
#include "model.h"

namespace sd {

enum class Severity : uint8_t { Error, Warning, Hint };
const char* to_string(Severity s);           // "error", "warning", "hint"
bool parse(std::string_view s, Severity& out);

struct Finding {
    std::string rule;        // stable id, e.g. "email_address"
    Severity severity = Severity::Error;
    size_t start = 0;        // byte offset into the UTF-8 text (inclusive)
    size_t end = 0;          // byte offset into the UTF-8 text (exclusive)
    std::string message;     // English, says what is wrong and what to do instead
    std::string source;      // where the rule comes from, e.g. "Walmart reply rules"
};

struct CheckContext {
    Marketplace marketplace = Marketplace::Amazon;
    std::string region;                  // ISO alpha-2 of the order ("US", "DE", "CN"); "" = unknown
    int rounds = 0;                      // outbound replies already sent in this conversation
    std::vector<std::string> unfilled;   // placeholder names that could not be filled
};

// Checks `text` (UTF-8; invalid bytes are tolerated) and returns the findings sorted by start
// offset. An empty result means nothing to report.
std::vector<Finding> check_reply(std::string_view text, const CheckContext& ctx);

bool has_errors(const std::vector<Finding>& findings);
size_t count_severity(const std::vector<Finding>& findings, Severity s);

// UTF-16 code-unit offset of `byte_offset` in the UTF-8 `text` (what JavaScript's
// String.prototype.slice expects). A code point above U+FFFF counts 2; an invalid byte counts 1.
// Offsets past the end are clamped to the text's UTF-16 length.
size_t utf16_offset(std::string_view text, size_t byte_offset);

// [{rule, severity, start, end, start_utf16, end_utf16, message, source}, ...]
nlohmann::json findings_to_json(const std::vector<Finding>& findings, std::string_view text);

// ---- the rule table -------------------------------------------------------------------------
struct RuleInfo {
    const char* id;
    const char* summary;                          // one line for people
    bool enabled[kMarketplaceCount];              // indexed by int(Marketplace)
    Severity severity[kMarketplaceCount];
    const char* source[kMarketplaceCount];
};
const std::vector<RuleInfo>& rule_table();
const RuleInfo* find_rule(std::string_view id);

// The marketplace's own domains (links to them and their subdomains are allowed).
const std::vector<std::string_view>& own_domains(Marketplace m);

}  // namespace sd
