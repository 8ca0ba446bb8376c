// Bilingual reply templates: English (or other language) bodies for the buyer, a Chinese title and
// guidance for the agent, {placeholders} filled from the conversation.
//
//   sd::TemplateLibrary bundled, user;
//   std::vector<std::string> errors;
//   sd::load_library_file("assets/templates.json", bundled, errors);    // errors: "templates/3/body/en: empty"
//   sd::TemplateLibrary lib = sd::merge_libraries(bundled, user);       // user edits win
//   for (size_t i : sd::search_templates(lib, {"未收到", sd::Marketplace::Amazon})) ...
//   sd::FillResult r = sd::fill_template(*t.body("en"), {{"customer_name", "Maria"}});
//   // r.missing lists placeholders without a value; they stay in r.text as "{name}" so the reply
//   // checker (checker.h) reports them as errors until the agent fills them in.
//   sd::record_use(lib, t.id, now);
//
// Placeholders are {name} with name in [a-z0-9_]; braces are reserved for them (no escapes).
// The known names are known_placeholders(); saving a template with any other name is an error.
#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>
#include "model.h"

namespace sd {

// ---- placeholders ----------------------------------------------------------------------------
struct PlaceholderInfo {
    const char* name;            // "tracking_number"
    const char* description;     // English, for the agent
    const char* description_zh;  // Chinese, for the agent
    const char* example;         // a realistic value (docs, previews, tests)
};
const std::vector<PlaceholderInfo>& known_placeholders();
bool is_known_placeholder(std::string_view name);

struct PlaceholderRef {
    std::string name;            // as written between the braces
    size_t start = 0, end = 0;   // byte span of "{name}" including the braces
};
// Every well-formed {name} in the text, in order (known or not).
std::vector<PlaceholderRef> scan_placeholders(std::string_view text);
// Unique names in order of first use.
std::vector<std::string> placeholder_names(std::string_view text);

struct FillResult {
    std::string text;                                   // the filled text
    std::vector<std::string> missing;                   // names without a (non-empty) value, unique
    std::vector<std::pair<size_t, size_t>> missing_spans;   // byte spans of the "{name}" left in `text`
};
FillResult fill_template(std::string_view body, const std::map<std::string, std::string>& values);

// ---- templates -------------------------------------------------------------------------------
struct Template {
    std::string id;              // stable, [a-z0-9-], e.g. "wish-address-problem"
    std::string marketplace;     // "walmart", "amazon", "ebay", "wish", "tmall" or "any"
    std::string category;        // scenario, [a-z0-9_], e.g. "item_not_received"
    std::string title_zh;        // Chinese title (required)
    std::string title_en;        // English title (optional)
    std::string guidance_zh;     // Chinese guidance: when to use it, what to check first
    std::map<std::string, std::string> bodies;   // language ("en", "zh", "de"...) -> body
    int usage_count = 0;
    Time last_used = kNoTime;
    bool edited = false;         // changed by the user: kept over newer bundled text
    bool deleted = false;        // removed by the user: a tombstone that hides the bundled one
    Stamp stamp;                 // last save or delete (stamp.h); zero = not stamped

    bool applies_to(Marketplace m) const;
    // The body in `lang`, else English, else any; nullptr when there is none.
    const std::string* body(std::string_view lang) const;
};

struct TemplateLibrary {
    std::vector<Template> templates;
    const Template* find(std::string_view id) const;
    Template* find(std::string_view id);
};

// Problems with one template, each "field: message" ("body/en: unknown placeholder {trackingno}",
// "title_zh: empty"). Tombstones (deleted) only need an id. Empty = valid.
std::vector<std::string> validate_template(const Template& t);

// Validates `t`, marks it edited and inserts it or replaces the one with the same id. On failure
// the library is unchanged and `errors` says why.
bool save_template(TemplateLibrary& lib, Template t, std::vector<std::string>& errors);
// Marks a template deleted (kept as a tombstone so a bundled one does not come back). False if absent.
// A non-zero `stamp` is recorded for merging (sync.h); save_template keeps the stamp `t` carries.
bool delete_template(TemplateLibrary& lib, std::string_view id, const Stamp& stamp = Stamp());
// Counts one use of a template at `now`. False if absent.
bool record_use(TemplateLibrary& lib, std::string_view id, Time now);

// ---- search ----------------------------------------------------------------------------------
struct TemplateQuery {
    std::string text;                          // words, all must match (case-insensitive, Chinese too)
    std::optional<Marketplace> marketplace;    // only templates for it (and "any")
    std::string category;                      // exact category, "" = all
};
// Indices into lib.templates, best first (title matches, then usage), deleted ones left out.
std::vector<size_t> search_templates(const TemplateLibrary& lib, const TemplateQuery& query);

// ---- JSON ------------------------------------------------------------------------------------
// {"format": "sellerdesk-templates", "version": 1, "templates": [ {...}, ... ]}; see docs/templates.md.
nlohmann::json template_to_json(const Template& t);
nlohmann::json library_to_json(const TemplateLibrary& lib);
// Validates everything before touching `out`; on failure `out` is unchanged and `errors` lists
// each problem with its place ("templates/3/body/en: empty"), at most 50.
bool library_from_json(const nlohmann::json& j, TemplateLibrary& out, std::vector<std::string>& errors);
bool library_from_text(std::string_view text, TemplateLibrary& out, std::vector<std::string>& errors);
bool load_library_file(const std::string& path, TemplateLibrary& out, std::vector<std::string>& errors);

// Bundled library + the user's library: for each bundled template the user's copy wins when it is
// edited or deleted; otherwise the bundled text is used with the user's usage count and last use.
// Templates only the user has come after the bundled ones, in the user's order.
TemplateLibrary merge_libraries(const TemplateLibrary& bundled, const TemplateLibrary& user);

}  // namespace sd
