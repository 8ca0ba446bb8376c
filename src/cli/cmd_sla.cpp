// `sellerdesk sla`: SLA states of every conversation in a store file at a given instant.
//
//   sellerdesk sla inbox.json --now 2026-11-25T09:00:00Z
//   sellerdesk sla inbox.json --now 2026-11-25T17:00:00+08:00 --preset seller_guides
//   sellerdesk sla inbox.json --now 2026-11-25T09:00:00Z --policies my_policies.json
//
// One JSON line per conversation, in store order:
//   {"id","marketplace","state","policy","deadline","remaining_s","started_by","resolution","deadlines":[...]}
// state/policy/deadline/remaining_s/started_by describe the response deadline (what a reply meets:
// the first open response or eBay case-contact deadline, else the answered one); policy, deadline
// and started_by are null without one, remaining_s is null unless a clock is running, started_by is
// null for a clock started by an eBay case opening. "resolution" is the resolution deadline (Tmall
// after-sale) as {"state","deadline","remaining_s"}, or null: the same as the app's rows[].resolution.
// Each entry of "deadlines": {"measure","policy","policy_name","state","start","deadline",
// "remaining_s","clock_remaining_s","started_by","reply","reply_at","in_time"}; a paused resolution
// clock gives its clock seconds left as both remaining_s and clock_remaining_s, and in_time is null
// until the deadline is met or missed.
// Exit status: 0, or 2 on bad arguments or a file that cannot be read or is invalid.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

#include "args.h"
#include "core/model.h"
#include "core/sla.h"
#include "core/store_json.h"
#include "core/time.h"

namespace {

const char* const kSlaUsage =
    "usage: sellerdesk sla FILE --now ISO8601 [--preset current|seller_guides] [--policies POLICIES.json]\n"
    "  FILE       a SellerDesk store (JSON)\n"
    "  --now      the instant to evaluate at, e.g. 2026-11-25T09:00:00Z or 2026-11-25T17:00:00+08:00\n"
    "  --preset   built-in policies: current (marketplaces' published rules, default) or seller_guides\n"
    "  --policies a policy set exported from the settings (replaces --preset)\n";

nlohmann::ordered_json time_or_null(sd::Time t) {
    return t == sd::kNoTime ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(sd::format_iso8601(t));
}

nlohmann::ordered_json message_or_null(const sd::Conversation& c, int32_t index) {
    const std::string& id = sd::sla_message_id(c, index);
    return index < 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(id);
}

// A clock with time left to show: running, or a resolution clock paused while the customer answers.
bool counting(const sd::SlaDeadline& d) { return d.open() || d.state == sd::SlaState::Paused; }

// Met or missed for good: answered (in time or late), or a resolution clock stopped by closing.
bool decided(const sd::SlaDeadline& d) {
    return d.state == sd::SlaState::Answered || d.state == sd::SlaState::AnsweredLate || d.state == sd::SlaState::Resolved ||
           d.state == sd::SlaState::ResolvedLate;
}

nlohmann::ordered_json deadline_json(const sd::SlaPolicySet& set, const sd::Conversation& c, const sd::SlaDeadline& d) {
    const sd::SlaPolicy& p = set.policies[size_t(d.policy)];
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    j["measure"] = sd::to_string(d.measure);
    j["policy"] = p.id;
    j["policy_name"] = p.name;
    j["state"] = sd::to_string(d.state);
    j["start"] = time_or_null(d.start);
    j["deadline"] = time_or_null(d.deadline);
    j["remaining_s"] = counting(d) ? nlohmann::ordered_json(d.remaining) : nlohmann::ordered_json(nullptr);
    j["clock_remaining_s"] = counting(d) ? nlohmann::ordered_json(d.clock_remaining) : nlohmann::ordered_json(nullptr);
    j["started_by"] = message_or_null(c, d.started_by);
    j["reply"] = message_or_null(c, d.reply);
    j["reply_at"] = time_or_null(d.reply_at);
    j["in_time"] = decided(d) ? nlohmann::ordered_json(d.in_time) : nlohmann::ordered_json(nullptr);
    return j;
}

}  // namespace

int run_sla_command(int argc, char** argv) {
    std::string file, now_text, preset_text, policies_file;
    bool have_file = false, have_now = false, have_preset = false, have_policies = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&](std::string& out) { return option_value(argc, argv, i, out); };
        if (a == "-h" || a == "--help") {
            std::fputs(kSlaUsage, stdout);
            return 0;
        } else if (a == "--now") {
            if (!value(now_text)) return usage_error("sla", "--now needs a value", kSlaUsage);
            have_now = true;
        } else if (a == "--preset") {
            if (!value(preset_text)) return usage_error("sla", "--preset needs a value", kSlaUsage);
            have_preset = true;
        } else if (a == "--policies") {
            if (!value(policies_file)) return usage_error("sla", "--policies needs a value", kSlaUsage);
            have_policies = true;
        } else if (a.size() > 1 && a[0] == '-') {
            return usage_error("sla", "unknown option '" + a + "'", kSlaUsage);
        } else {
            if (have_file) return usage_error("sla", "only one FILE may be given", kSlaUsage);
            file = a;
            have_file = true;
        }
    }
    if (!have_file) return usage_error("sla", "FILE is required", kSlaUsage);
    if (!have_now) return usage_error("sla", "--now is required (the SLA engine never reads the clock)", kSlaUsage);
    sd::Time now = 0;
    if (const std::string why = instant_option("--now", now_text, now); !why.empty()) return usage_error("sla", why, kSlaUsage);
    if (have_preset && have_policies) return usage_error("sla", "give either --preset or --policies, not both", kSlaUsage);

    sd::SlaPolicySet policies = sd::make_sla_policies(sd::SlaPreset::Current);
    if (have_preset) {
        sd::SlaPreset preset;
        if (!sd::parse(preset_text, preset))
            return usage_error("sla", "unknown preset '" + preset_text + "' (current or seller_guides)", kSlaUsage);
        policies = sd::make_sla_policies(preset);
    }
    if (have_policies) {
        std::ifstream in(policies_file, std::ios::binary);
        if (!in) return usage_error("sla", "cannot read '" + policies_file + "'", kSlaUsage);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
        if (j.is_discarded()) return usage_error("sla", "'" + policies_file + "' is not valid JSON", kSlaUsage);
        std::string err;
        if (!sd::sla_policies_from_json(j, policies, err))
            return usage_error("sla", "'" + policies_file + "': " + err, kSlaUsage);
    }

    sd::Store store;
    std::string err;
    if (!sd::load_store_file(file, store, err)) {
        std::fprintf(stderr, "sellerdesk sla: cannot load '%s': %s\n", file.c_str(), err.c_str());
        return 2;
    }

    sd::SlaResult r;
    for (const sd::Conversation& c : store.conversations) {
        sd::evaluate_sla(policies, c, now, r);
        const sd::SlaDeadline* primary = r.response_deadline();
        const sd::SlaDeadline* res = r.resolution_deadline();
        nlohmann::ordered_json line = nlohmann::ordered_json::object();
        line["id"] = c.id;
        line["marketplace"] = sd::to_string(c.marketplace);
        line["state"] = sd::to_string(r.state());
        line["policy"] = primary ? nlohmann::ordered_json(policies.policies[size_t(primary->policy)].id) : nlohmann::ordered_json(nullptr);
        line["deadline"] = primary ? time_or_null(primary->deadline) : nlohmann::ordered_json(nullptr);
        line["remaining_s"] = primary && primary->open() ? nlohmann::ordered_json(primary->remaining) : nlohmann::ordered_json(nullptr);
        line["started_by"] = primary ? message_or_null(c, primary->started_by) : nlohmann::ordered_json(nullptr);
        line["resolution"] = res ? nlohmann::ordered_json{{"state", sd::to_string(res->state)},
                                                          {"deadline", time_or_null(res->deadline)},
                                                          {"remaining_s", counting(*res) ? nlohmann::ordered_json(res->remaining)
                                                                                         : nlohmann::ordered_json(nullptr)}}
                                 : nlohmann::ordered_json(nullptr);
        nlohmann::ordered_json all = nlohmann::ordered_json::array();
        for (int i = 0; i < r.count; ++i) all.push_back(deadline_json(policies, c, r.deadlines[size_t(i)]));
        line["deadlines"] = all;
        std::fputs((line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n").c_str(), stdout);
    }
    return 0;
}
