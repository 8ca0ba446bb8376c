// sellerdesk — the command-line tool over the same core as the browser app.
//
//   sellerdesk demo --seed N --conversations K [--now ISO8601]   the demo dataset as JSON
//   sellerdesk sla FILE --now ISO8601 [--preset current|seller_guides]
//   sellerdesk lint --marketplace M --region R FILE
//   sellerdesk export [--redact] [--ids a,b] [--data PATH | --demo N --seed S] > out.json
//   sellerdesk import --into STORE.json FILE        merge an export, print the report
//   sellerdesk merge A.json B.json > C.json
//   sellerdesk metrics FILE --now ISO8601 [--preset current|seller_guides] [--until ISO8601]
//
// Exit codes: 0 ok, 1 the command found problems (lint errors), 2 bad arguments or input.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/demo.h"
#include "core/store_json.h"
#include "core/time.h"

int run_sla_command(int argc, char** argv);
int run_lint_command(int argc, char** argv);
int run_export_command(int argc, char** argv);
int run_import_command(int argc, char** argv);
int run_merge_command(int argc, char** argv);
int run_metrics_command(int argc, char** argv);

namespace {

void usage(FILE* out) {
    std::fputs(
        "usage: sellerdesk <command> [options]\n"
        "  demo --seed N --conversations K [--now ISO8601]   print a generated demo dataset as JSON\n"
        "  sla FILE --now ISO8601 [--preset current|seller_guides]\n"
        "                                                    SLA state of every conversation, one JSON line each\n"
        "  lint --marketplace M --region R FILE              check a reply draft (FILE or - for stdin)\n"
        "  export [--redact] [--ids ID,ID] [--data PATH | --demo N --seed S] [--at ISO8601] > out.json\n"
        "                                                    the JSON export (docs/export-format.md)\n"
        "  import --into STORE.json FILE [--dry-run]         validate FILE, merge it into STORE.json, print the report\n"
        "  merge A.json B.json > C.json                      merge two exports (the order does not matter)\n"
        "  metrics FILE --now ISO8601 [--preset P] [--until ISO8601]\n"
        "                                                    account metrics as one JSON object (docs/metrics.md)\n"
        "  <command> --help                                  the options of one command\n",
        out);
}

bool parse_int(const char* s, long long lo, long long hi, long long& out) {
    char* end = nullptr;
    long long v = std::strtoll(s, &end, 10);
    if (!*s || *end || v < lo || v > hi) return false;
    out = v;
    return true;
}

int run_demo(int argc, char** argv) {
    sd::DemoOptions opt;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (i + 1 >= argc) {
            std::fprintf(stderr, "sellerdesk demo: %s needs a value\n", a.c_str());
            return 2;
        }
        const char* v = argv[++i];
        long long n = 0;
        if (a == "--seed") {
            if (!parse_int(v, 0, 1LL << 62, n)) return std::fprintf(stderr, "sellerdesk demo: --seed must be a non-negative integer\n"), 2;
            opt.seed = uint64_t(n);
        } else if (a == "--conversations") {
            if (!parse_int(v, 10, 100000, n)) return std::fprintf(stderr, "sellerdesk demo: --conversations must be 10..100000\n"), 2;
            opt.conversations = int(n);
        } else if (a == "--now") {
            if (!sd::parse_iso8601(v, opt.now)) return std::fprintf(stderr, "sellerdesk demo: --now is not an ISO 8601 time: %s\n", v), 2;
        } else {
            std::fprintf(stderr, "sellerdesk demo: unknown option %s\n", a.c_str());
            return 2;
        }
    }
    sd::Store store = sd::generate_demo(opt);
    nlohmann::json j = sd::store_to_json(store);
    std::string text = j.dump(1);
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fputc('\n', stdout);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    std::string cmd = argv[1];
    if (cmd == "demo") return run_demo(argc - 1, argv + 1);
    if (cmd == "sla") return run_sla_command(argc - 1, argv + 1);
    if (cmd == "lint") return run_lint_command(argc - 1, argv + 1);
    if (cmd == "export") return run_export_command(argc - 1, argv + 1);
    if (cmd == "import") return run_import_command(argc - 1, argv + 1);
    if (cmd == "merge") return run_merge_command(argc - 1, argv + 1);
    if (cmd == "metrics") return run_metrics_command(argc - 1, argv + 1);
    std::fprintf(stderr, "sellerdesk: unknown command \"%s\"\n", cmd.c_str());
    usage(stderr);
    return 2;
}
