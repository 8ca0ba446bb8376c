// Scoring a training scenario (scenario.h) from what the trainee left in the training store, and
// the session report over several scenarios (docs/scenarios.md has every criterion and the JSON).
//
//   sd::ScoringOptions opt;
//   opt.now = clock_now;                          // the simulated clock
//   opt.policies = &app_policies;                 // the SLA policies in force (sla.h)
//   opt.templates = &template_library;            // to recognise template families in replies
//   opt.fingerprints = &prints;                   // sd::fingerprint_templates(library), made once
//   opt.templates_used = {"amazon-item-not-received"};   // template IDs the trainee inserted, if known
//   sd::ScenarioScore s = sd::score_scenario(scenario, *store.find_conversation(id), opt);
//   s.total, s.max, s.criteria[i].message.zh
//
//   sd::SessionReport report;  report.scores.push_back(s);  ...
//   nlohmann::json j = sd::report_to_json(report);
//   std::string page = sd::report_to_html(report);   // printable, self-contained
//
// Criteria (id: max points), each present only when the scenario calls for it:
//   response_time 20   first answer within the marketplace's deadline; linear loss over one more
//                      deadline length when late; none when not answered
//   reply_rules 20     the reply checker on every sent reply: -10 per error, -4 per warning
//   reply_elements 4 each   greeting, restated problem, concrete time frame, numbered options, sign-off
//   template 10        a template of the expected family was used (recorded, or recognised in a reply)
//   rounds 10          seller replies within the limit (eBay: 3)
//   spam 20            the spam flag and its reason as expected (including "not spam")
//   no_reply 10        no answer where none is wanted (spam: an answer would lift the flag)
//   labels 10          share of the expected labels carried
//   remark 10          a remark with the expected flag (5 with another flag)
//   note 10            a note (the phone call's summary) with an expected keyword
//   status 5           the status the trainee should leave the conversation in
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>
#include "scenario.h"
#include "sla.h"
#include "templates.h"

namespace sd {

struct ScoreCriterion {
    std::string id;
    int points = 0, max = 0;
    Bilingual message;            // what was seen and why it earned these points
};

struct ScenarioScore {
    std::string scenario_id;
    Bilingual title;
    Marketplace marketplace = Marketplace::Amazon;
    int total = 0, max = 0;
    std::vector<ScoreCriterion> criteria;
};

// Each template body's fixed text (placeholders left out) as hashed word triples. Points into the
// library: make it again after the library changes.
struct TemplateFingerprints {
    struct Body {
        const Template* tmpl = nullptr;
        std::vector<uint64_t> grams;   // sorted, unique
    };
    std::vector<Body> bodies;
};
TemplateFingerprints fingerprint_templates(const TemplateLibrary& lib);

struct ScoringOptions {
    Time now = 0;                                 // the simulated clock
    const SlaPolicySet* policies = nullptr;       // nullptr: make_sla_policies(SlaPreset::Current)
    const TemplateLibrary* templates = nullptr;   // nullptr: only templates_used can show a family
    // The library's fingerprints, made once (fingerprint_templates); nullptr: made per call.
    const TemplateFingerprints* fingerprints = nullptr;
    std::vector<std::string> templates_used;      // template IDs the trainee inserted
};

ScenarioScore score_scenario(const Scenario& s, const Conversation& c, const ScoringOptions& options);

// Which template a reply was written from: the one of the marketplace (or "any") whose fixed text
// is most present in the reply, if at least half of it is; nullptr otherwise. Exposed for the
// app's hint and for tests.
const Template* recognise_template(const TemplateFingerprints& f, Marketplace m, std::string_view reply);
const Template* recognise_template(const TemplateLibrary& lib, Marketplace m, std::string_view reply);

// The reply elements a text carries (English: the reply checker's structure hints; Chinese: the
// same parts in Chinese); `restate_keywords` also count as a restated problem.
std::vector<ReplyElement> reply_elements(std::string_view reply, const std::vector<std::string>& restate_keywords);

// ---- the session report --------------------------------------------------------------------------
struct SessionReport {
    std::string pack_id;
    Bilingual pack_title;
    std::string trainee;                          // may be empty
    Time generated_at = 0;
    std::vector<ScenarioScore> scores;

    int total() const;
    int max() const;
};

Bilingual criterion_name(const std::string& id);   // "Time to first response" / "首次响应时间"
nlohmann::json score_to_json(const ScenarioScore& s);
// Reads score_to_json's shape back (a saved training session); false, with `error` naming the
// place ("criteria/2/points: must be an integer") and `out` unchanged, when it is not that shape.
bool score_from_json(const nlohmann::json& j, ScenarioScore& out, std::string& error);
// {format: "sellerdesk-training-report", version: 1, pack, pack_title, trainee, generated_at,
//  total, max, scenarios: [score_to_json...]}
nlohmann::json report_to_json(const SessionReport& r);
// A printable page (HTML5, inline style, every text escaped), headings in English and Chinese.
std::string report_to_html(const SessionReport& r);

}  // namespace sd
