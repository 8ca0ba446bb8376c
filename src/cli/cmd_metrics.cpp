// `sellerdesk metrics`: the account metrics of an export (or store) file at a given instant, as one
// JSON object (docs/metrics.md, the same object as the app's state().metrics).
//
//   sellerdesk metrics export.json --now 2026-11-25T09:00:00Z
//   sellerdesk metrics export.json --now 2026-11-25T09:00:00Z --preset seller_guides
//   sellerdesk metrics export.json --now 2026-11-25T09:00:00Z --until 2026-11-27T09:00:00Z
//
// With --until the object is the metrics at that time as the projection sees them (nothing more
// answered after --now), with "must_answer": the conversation IDs to answer, earliest deadline first.
// The SLA policies are the preset's (they decide which conversations have response episodes).
// Exit status: 0, or 2 on bad arguments or a file that cannot be read or is invalid.
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "args.h"
#include "core/metrics.h"
#include "core/sync.h"
#include "core/time.h"

bool load_data_file(const std::string& path, sd::SyncData& out, std::string& error);   // cmd_sync.cpp

namespace {

const char* const kMetricsUsage =
    "usage: sellerdesk metrics FILE --now ISO8601 [--preset current|seller_guides] [--until ISO8601]\n"
    "  FILE      a SellerDesk export (or store) file\n"
    "  --now     the instant the metrics are taken at, e.g. 2026-11-25T09:00:00Z\n"
    "  --preset  current (the marketplaces' published rules, default) or seller_guides (the seeds')\n"
    "  --until   project to this later instant as if nothing more is answered; adds \"must_answer\"\n";

struct MetricsArgs {
    std::string file, preset = "current";
    sd::Time now = 0, until = 0;
    bool have_now = false, have_until = false;
};

// "" when the arguments are good, else why not.
std::string read_args(int argc, char** argv, MetricsArgs& a, bool& help) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        std::string v;
        if (arg == "-h" || arg == "--help") {
            help = true;
            return "";
        }
        if (arg == "--now" || arg == "--until" || arg == "--preset") {
            if (!option_value(argc, argv, i, v)) return arg + " needs a value";
            if (arg == "--preset") {
                a.preset = v;
                continue;
            }
            sd::Time& t = arg == "--now" ? a.now : a.until;
            if (const std::string why = instant_option(arg, v, t); !why.empty()) return why;
            (arg == "--now" ? a.have_now : a.have_until) = true;
        } else if (arg.size() > 1 && arg[0] == '-') {
            return "unknown option '" + arg + "'";
        } else if (!a.file.empty()) {
            return "only one FILE may be given";
        } else {
            a.file = arg;
        }
    }
    if (a.file.empty()) return "FILE is required";
    if (!a.have_now) return "--now is required (the metrics never read the clock)";
    if (a.have_until && a.until <= a.now) return "--until must be after --now";
    return "";
}

}  // namespace

int run_metrics_command(int argc, char** argv) {
    MetricsArgs a;
    bool help = false;
    const std::string why = read_args(argc, argv, a, help);
    if (help) {
        std::fputs(kMetricsUsage, stdout);
        return 0;
    }
    if (!why.empty()) return usage_error("metrics", why, kMetricsUsage);
    sd::MetricsPreset preset;
    if (!sd::parse(a.preset, preset)) return usage_error("metrics", "unknown preset '" + a.preset + "' (current or seller_guides)", kMetricsUsage);
    sd::SyncData data;
    std::string err;
    if (!load_data_file(a.file, data, err)) {
        std::fprintf(stderr, "sellerdesk metrics: %s\n", err.c_str());
        return 2;
    }
    data.store.reindex();
    const sd::SlaPolicySet policies =
        sd::make_sla_policies(preset == sd::MetricsPreset::SellerGuides ? sd::SlaPreset::SellerGuides : sd::SlaPreset::Current);
    sd::EpisodeCache cache;
    sd::build_episode_cache(policies, data.store, a.now, cache);
    nlohmann::json out;
    if (a.have_until) {
        const sd::Projection p = sd::project_metrics(cache, data.store, a.now, a.until, preset);
        out = sd::metrics_to_json(p.metrics);
        out["must_answer"] = p.must_answer;
    } else {
        out = sd::metrics_to_json(sd::compute_metrics(cache, data.store, a.now, preset));
    }
    std::printf("%s\n", out.dump().c_str());
    return 0;
}
