// Composing a reply to one conversation: the values that fill template placeholders, the reply
// checker's context, and inserting a template into a draft. Shared by the app's composer, the
// automation bridge and the tests; no clock is read (`now` comes in).
//
//   sd::ComposeSettings s{"Lily Wang", "BrightNest Home"};
//   auto values = sd::placeholder_values(store, c, s, now);   // {"customer_name": "Maria", ...}
//   sd::Insertion ins = sd::insert_template(draft, caret, *tpl, "en", values);
//   std::vector<sd::Finding> f = sd::check_draft(store, c, ins.text);
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>
#include "checker.h"
#include "model.h"
#include "templates.h"

namespace sd {

struct ComposeSettings {
    std::string agent_name;
    std::string store_name;
};

// Every placeholder the conversation, its order and the settings can fill. Names with no value
// (no tracking number yet, no EDD, pre-sale without an order) are left out, so fill_template()
// reports them as missing. Dates read like "November 14"; customer_name is the first name of a
// Latin-script name ("Maria" for "Maria Lopez"), the whole name otherwise ("王静").
std::map<std::string, std::string> placeholder_values(const Store& store, const Conversation& c, const ComposeSettings& s, Time now);

// The checker's context for a draft to this conversation: marketplace, the order's ship-to region
// (else the customer's country), rounds = seller replies already in the thread, and the known
// placeholders still written as {name} in the draft (unfilled).
CheckContext check_context(const Store& store, const Conversation& c, std::string_view draft);
std::vector<Finding> check_draft(const Store& store, const Conversation& c, std::string_view draft);

struct Insertion {
    std::string text;                  // the draft with the template inserted
    size_t caret = 0;                  // byte offset just after the inserted text
    std::vector<std::string> missing;  // placeholders the template uses that had no value
};
// Inserts the template's body (in `lang`, else English) at byte offset `at` of the draft (clamped
// to the end, moved back to a code-point boundary). An empty draft becomes the body; otherwise the
// body goes in as its own paragraph (blank lines around it as needed).
Insertion insert_template(std::string_view draft, size_t at, const Template& t, std::string_view lang,
                          const std::map<std::string, std::string>& values);

}  // namespace sd
