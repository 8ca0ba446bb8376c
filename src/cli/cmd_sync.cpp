// `sellerdesk export | import | merge`: the JSON export of docs/export-format.md on the command line.
//
//   sellerdesk export [--redact] [--ids a,b] [--data PATH | --demo N [--seed S] [--now ISO]]
//                     [--replica R] [--at ISO] > out.json
//   sellerdesk import --into STORE.json FILE [--allow-redacted] [--dry-run] [--replica R] [--at ISO]
//       (STORE.json is rewritten only when the merge changed something)
//   sellerdesk merge A.json B.json [--replica R] [--at ISO] > C.json
//
// A data source (--data, --into, the files of merge) may be an export file, a store file as
// `sellerdesk demo` prints it, or an inbox folder as the app keeps it (base.json + journal.log).
// `import` validates FILE completely first; a bad file changes nothing, exits 2 and prints
// "pointer (line L, column C): reason" on stderr. Otherwise it writes the merged data back to
// STORE.json (an export file; created when missing) and prints the merge report as JSON.
// Exit codes: 0 ok, 2 bad arguments or input.
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <sys/stat.h>
#include <vector>

#include "args.h"
#include "records.h"
#include "core/demo.h"
#include "core/export_json.h"
#include "core/storage.h"
#include "core/store_json.h"
#include "core/time.h"

namespace {

const char* const kExportUsage =
    "usage: sellerdesk export [--redact] [--ids ID,ID...] [--data PATH | --demo N [--seed S] [--now ISO8601]]\n"
    "                         [--replica R] [--at ISO8601] > out.json\n"
    "  --data PATH   an export file, a store file (sellerdesk demo) or an inbox folder (base.json + journal.log)\n"
    "  --demo N      a generated demo dataset of N conversations (default source: --demo 200 --seed 1)\n"
    "  --ids         only these conversations (and their customers and orders), e.g. the current filter\n"
    "  --redact      replace customer names, e-mails, addresses and phone numbers (demos and training)\n"
    "  --replica R   the exporting replica's ID written in the header (default: the source's, else \"cli\")\n"
    "  --at TIME     exported_at (default: now); pass it for byte-identical output\n";
const char* const kImportUsage =
    "usage: sellerdesk import --into STORE.json FILE [--allow-redacted] [--dry-run] [--replica R] [--at ISO8601]\n"
    "  Validates FILE, merges it into STORE.json (an export file, created when missing) and prints the\n"
    "  report as JSON. A bad FILE changes nothing (exit 2, the place and reason on stderr).\n"
    "  --dry-run          print the report, write nothing\n"
    "  --allow-redacted   accept a redacted export (made-up names) into a store that has real ones\n"
    "  FILE may also be a records file of mail and CSV (node scripts/sellerdesk-import.js; docs/import.md):\n"
    "  --other-marketplace M   import mail from no marketplace under M instead of skipping it\n";
const char* const kMergeUsage =
    "usage: sellerdesk merge A.json B.json [--replica R] [--at ISO8601] > C.json\n"
    "  The merge of two exports (or store files, or inbox folders): the same output in either order.\n";

struct Common {
    std::string replica;
    bool have_at = false;
    sd::Time at = 0;
};

bool is_dir(const std::string& path) {
    struct stat st;
    return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Loads any data source. `replica` gets the export header's replica when there is one.
bool load_source(const std::string& path, sd::SyncData& out, std::string& replica, std::string& error) {
    if (is_dir(path)) {
        std::string probe;
        if (!sd::read_file(path + "/base.json", probe)) {
            error = path + ": not an inbox folder (no base.json)";
            return false;
        }
        sd::LoadedInbox in;
        if (!sd::load_inbox(path, sd::InboxBase(), in, error)) return false;
        out = sd::SyncData();
        out.store = std::move(in.store);
        return true;
    }
    std::string text;
    if (!sd::read_file(path, text)) {
        error = path + ": cannot read";
        return false;
    }
    // An export starts with its header ({"header": ...); anything else is read as a store file.
    const char* ws = " \t\r\n\xEF\xBB\xBF";
    size_t k = text.find_first_not_of(ws);
    if (k != std::string::npos && text[k] == '{') k = text.find_first_not_of(ws, k + 1);
    if (k != std::string::npos && text.compare(k, 8, "\"header\"") == 0) {
        sd::ExportFile file;
        sd::ImportError e;
        if (!sd::parse_export(text, file, e)) {
            error = path + ": " + e.message();
            return false;
        }
        out = std::move(file.data);
        replica = file.header.replica;
        return true;
    }
    out = sd::SyncData();
    if (!sd::store_from_text(text, out.store, error)) {
        error = path + ": " + error;
        return false;
    }
    return true;
}

// Handles --replica and --at; false when `a` is neither.
bool common_option(const std::string& a, int& i, int argc, char** argv, Common& c, std::string& error) {
    if (a != "--replica" && a != "--at") return false;
    if (i + 1 >= argc) {
        error = a + " needs a value";
        return true;
    }
    std::string v = argv[++i];
    if (a == "--replica") c.replica = v;
    else if (!sd::parse_iso8601(v, c.at)) error = "--at is not an ISO 8601 time: " + v;
    else c.have_at = true;
    return true;
}

std::string write_export(const sd::SyncData& data, const Common& c, const std::string& fallback_replica) {
    sd::ExportOptions opt;
    opt.replica = !c.replica.empty() ? c.replica : !fallback_replica.empty() ? fallback_replica : "cli";
    opt.exported_at = c.have_at ? c.at : sd::Time(std::time(nullptr));
    std::string text, err;
    sd::export_text(data, opt, text, err);
    return text;
}

}  // namespace

// Any data file (an export, a store JSON or an inbox folder), for `sellerdesk metrics` too.
bool load_data_file(const std::string& path, sd::SyncData& out, std::string& error) {
    std::string replica;
    return load_source(path, out, replica, error);
}

int run_export_command(int argc, char** argv) {
    Common c;
    std::string data_path, ids, err;
    bool redact = false, have_demo = false, have_seed = false, have_now = false;
    sd::DemoOptions demo;
    demo.conversations = 200;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&](std::string& out) { return option_value(argc, argv, i, out); };
        std::string v;
        if (a == "-h" || a == "--help") {
            std::fputs(kExportUsage, stdout);
            return 0;
        } else if (common_option(a, i, argc, argv, c, err)) {
            if (!err.empty()) return usage_error("export", err, kExportUsage);
        } else if (a == "--redact") {
            redact = true;
        } else if (a == "--ids") {
            if (!value(ids)) return usage_error("export", "--ids needs a value", kExportUsage);
        } else if (a == "--data") {
            if (!value(data_path)) return usage_error("export", "--data needs a value", kExportUsage);
        } else if (a == "--demo" || a == "--seed") {
            if (!value(v)) return usage_error("export", a + " needs a value", kExportUsage);
            char* end = nullptr;
            long long n = std::strtoll(v.c_str(), &end, 10);
            if (v.empty() || *end || n < 0 || (a == "--demo" && (n < 10 || n > 100000)))
                return usage_error("export", a == "--demo" ? "--demo must be 10..100000" : "--seed must be a non-negative integer", kExportUsage);
            if (a == "--demo") {
                demo.conversations = int(n);
                have_demo = true;
            } else {
                demo.seed = uint64_t(n);
                have_seed = true;
            }
        } else if (a == "--now") {
            if (!value(v) || !sd::parse_iso8601(v, demo.now)) return usage_error("export", "--now needs an ISO 8601 time", kExportUsage);
            have_now = true;
        } else {
            return usage_error("export", "unknown option '" + a + "'", kExportUsage);
        }
    }
    if (!data_path.empty() && (have_demo || have_seed || have_now))
        return usage_error("export", "give either --data or --demo/--seed/--now, not both", kExportUsage);
    sd::SyncData data;
    std::string source_replica;
    if (!data_path.empty()) {
        if (!load_source(data_path, data, source_replica, err)) {
            std::fprintf(stderr, "sellerdesk export: %s\n", err.c_str());
            return 2;
        }
    } else {
        data.store = sd::generate_demo(demo);
    }
    sd::ExportOptions opt;
    opt.replica = !c.replica.empty() ? c.replica : !source_replica.empty() ? source_replica : "cli";
    opt.exported_at = c.have_at ? c.at : sd::Time(std::time(nullptr));
    opt.redact = redact;
    if (!ids.empty()) {
        opt.subset = true;
        size_t start = 0;
        while (start <= ids.size()) {
            size_t comma = ids.find(',', start);
            std::string id = ids.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            if (!id.empty()) opt.conversation_ids.push_back(id);
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    }
    std::string text;
    if (!sd::export_text(data, opt, text, err)) {
        std::fprintf(stderr, "sellerdesk export: %s\n", err.c_str());
        return 2;
    }
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
}

int run_import_command(int argc, char** argv) {
    Common c;
    std::string into, file, err, other;
    bool allow_redacted = false, dry_run = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "-h" || a == "--help") {
            std::fputs(kImportUsage, stdout);
            return 0;
        } else if (common_option(a, i, argc, argv, c, err)) {
            if (!err.empty()) return usage_error("import", err, kImportUsage);
        } else if (a == "--into") {
            if (i + 1 >= argc) return usage_error("import", "--into needs a value", kImportUsage);
            into = argv[++i];
        } else if (a == "--allow-redacted") {
            allow_redacted = true;
        } else if (a == "--dry-run") {
            dry_run = true;
        } else if (a == "--other-marketplace") {
            if (!option_value(argc, argv, i, other)) return usage_error("import", "--other-marketplace needs a value", kImportUsage);
        } else if (a.size() > 1 && a[0] == '-') {
            return usage_error("import", "unknown option '" + a + "'", kImportUsage);
        } else {
            if (!file.empty()) return usage_error("import", "only one FILE may be given", kImportUsage);
            file = a;
        }
    }
    if (into.empty()) return usage_error("import", "--into STORE.json is required", kImportUsage);
    if (file.empty()) return usage_error("import", "FILE is required", kImportUsage);
    if (is_dir(into)) return usage_error("import", "--into must be a file (an inbox folder is written by the app)", kImportUsage);

    sd::SyncData local;
    std::string replica;
    std::string probe;
    if (sd::read_file(into, probe) && !load_source(into, local, replica, err)) {
        std::fprintf(stderr, "sellerdesk import: %s\n", err.c_str());
        return 2;
    }
    std::string text;
    if (!sd::read_file(file, text)) {
        std::fprintf(stderr, "sellerdesk import: %s: cannot read\n", file.c_str());
        return 2;
    }
    sd::ImportOptions opt;
    opt.allow_redacted = allow_redacted || local.store.conversations.empty();
    sd::MergeResult r;
    sd::ImportError e;
    nlohmann::json records_report;
    if (is_records_file(text)) {   // mail and CSV read by scripts/sellerdesk-import.js
        sd::SyncData incoming;
        if (!records_to_merge(text, local.store, other, incoming, records_report, err)) {
            std::fprintf(stderr, "sellerdesk import: %s: %s\n", file.c_str(), err.c_str());
            return 2;
        }
        incoming.sla = local.sla;
        incoming.sla_edit = local.sla_edit;
        r = sd::merge(std::move(local), incoming);
    } else if (!sd::import_export(local, text, opt, r, e)) {
        std::fprintf(stderr, "sellerdesk import: %s: %s\n", file.c_str(), e.message().c_str());
        return 2;
    }
    const sd::MergeReport& k = r.report;
    const bool changed = k.conversations_added + k.conversations_updated + k.customers_added + k.customers_updated +
                             k.orders_added + k.orders_updated + k.templates_added + k.templates_updated > 0 ||
                         k.settings_updated || probe.empty();
    if (!dry_run && changed && !sd::write_file_atomic(into, write_export(r.data, c, replica))) {
        std::fprintf(stderr, "sellerdesk import: %s: cannot write\n", into.c_str());
        return 2;
    }
    nlohmann::json full = sd::report_to_json(r.report);
    for (auto& [key, v] : records_report.items()) full[key] = v;
    std::string report = full.dump(1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::printf("%s\n", report.c_str());
    return 0;
}

int run_merge_command(int argc, char** argv) {
    Common c;
    std::vector<std::string> files;
    std::string err;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "-h" || a == "--help") {
            std::fputs(kMergeUsage, stdout);
            return 0;
        } else if (common_option(a, i, argc, argv, c, err)) {
            if (!err.empty()) return usage_error("merge", err, kMergeUsage);
        } else if (a.size() > 1 && a[0] == '-') {
            return usage_error("merge", "unknown option '" + a + "'", kMergeUsage);
        } else {
            files.push_back(a);
        }
    }
    if (files.size() != 2) return usage_error("merge", "give exactly two files", kMergeUsage);
    sd::SyncData a, b;
    std::string ra, rb;
    if (!load_source(files[0], a, ra, err) || !load_source(files[1], b, rb, err)) {
        std::fprintf(stderr, "sellerdesk merge: %s\n", err.c_str());
        return 2;
    }
    sd::MergeResult r = sd::merge(std::move(a), b);
    std::string text = write_export(r.data, c, "merge");
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
}
