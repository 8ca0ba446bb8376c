// `sellerdesk lint`: runs the reply checker on a draft file and prints one JSON line per finding.
//
//   sellerdesk lint --marketplace amazon --region US draft.txt
//   echo "WhatsApp me" | sellerdesk lint --marketplace walmart -
//
// Options: --marketplace NAME (required: walmart, amazon, ebay, wish, tmall), --region CC
// (ISO alpha-2, default: unknown, Walmart assumes US), --rounds N (outbound replies already sent),
// --unfilled a,b (placeholders that had no value). Output lines: {"rule","severity","start","end",
// "message"}, offsets in bytes of the UTF-8 file. Exit status: 1 when any finding is an error,
// 0 otherwise, 2 on bad arguments or an unreadable file.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "args.h"
#include "core/checker.h"

namespace {

const char* const kLintUsage =
    "usage: sellerdesk lint --marketplace walmart|amazon|ebay|wish|tmall [--region CC] [--rounds N]\n"
    "                       [--unfilled name1,name2] FILE      (FILE \"-\" reads standard input)\n";

// C stdio: no exceptions (a directory or an unreadable file is just a read error).
bool read_all(const std::string& path, std::string& out) {
    std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
    if (!f) return false;
    char buf[65536];
    size_t got;
    while ((got = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, got);
    bool ok = !std::ferror(f);
    if (f != stdin) std::fclose(f);
    return ok;
}

}  // namespace

int run_lint_command(int argc, char** argv) {
    sd::CheckContext ctx;
    bool have_marketplace = false;
    std::string file;
    bool have_file = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&](std::string& out) { return option_value(argc, argv, i, out); };
        if (a == "-h" || a == "--help") {
            std::fputs(kLintUsage, stdout);
            return 0;
        } else if (a == "--marketplace") {
            std::string v;
            if (!value(v)) return usage_error("lint", "--marketplace needs a value", kLintUsage);
            if (!sd::parse(v, ctx.marketplace))
                return usage_error("lint", "unknown marketplace '" + v + "' (walmart, amazon, ebay, wish, tmall)", kLintUsage);
            have_marketplace = true;
        } else if (a == "--region") {
            std::string v;
            if (!value(v)) return usage_error("lint", "--region needs a value", kLintUsage);
            bool ok = v.size() == 2;
            for (char& c : v) {
                if (c >= 'a' && c <= 'z') c = char(c - 32);
                ok = ok && c >= 'A' && c <= 'Z';
            }
            if (!ok) return usage_error("lint", "--region wants a two-letter country code such as US, got '" + v + "'", kLintUsage);
            ctx.region = v;
        } else if (a == "--rounds") {
            std::string v;
            if (!value(v)) return usage_error("lint", "--rounds needs a value", kLintUsage);
            char* end = nullptr;
            long n = std::strtol(v.c_str(), &end, 10);
            if (v.empty() || *end != '\0' || n < 0 || n > 1000)
                return usage_error("lint", "--rounds wants a whole number from 0 to 1000, got '" + v + "'", kLintUsage);
            ctx.rounds = int(n);
        } else if (a == "--unfilled") {
            std::string v;
            if (!value(v)) return usage_error("lint", "--unfilled needs a value", kLintUsage);
            std::string cur;
            for (char c : v + ",") {
                if (c == ',') {
                    if (!cur.empty()) ctx.unfilled.push_back(cur);
                    cur.clear();
                } else if (c != ' ') {
                    cur += c;
                }
            }
        } else if (a.size() > 1 && a[0] == '-' && a != "-") {
            return usage_error("lint", "unknown option '" + a + "'", kLintUsage);
        } else {
            if (have_file) return usage_error("lint", "only one FILE may be given", kLintUsage);
            file = a;
            have_file = true;
        }
    }
    if (!have_marketplace) return usage_error("lint", "--marketplace is required", kLintUsage);
    if (!have_file) return usage_error("lint", "FILE is required (use - for standard input)", kLintUsage);

    std::string text;
    if (!read_all(file, text)) {
        std::fprintf(stderr, "sellerdesk lint: cannot read '%s'\n", file.c_str());
        return 2;
    }
    std::vector<sd::Finding> findings = sd::check_reply(text, ctx);
    for (const sd::Finding& f : findings) {
        nlohmann::ordered_json line = {{"rule", f.rule},
                               {"severity", sd::to_string(f.severity)},
                               {"start", f.start},
                               {"end", f.end},
                               {"message", f.message}};
        std::string out = line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        std::fputs((out + "\n").c_str(), stdout);
    }
    return sd::has_errors(findings) ? 1 : 0;
}
