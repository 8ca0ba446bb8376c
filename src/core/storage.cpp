#include "storage.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sys/stat.h>

#include "export_json.h"
#include "journal.h"
#include "ops.h"
#include "time.h"

namespace sd {

using nlohmann::json;

bool read_file(const std::string& path, std::string& out) {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return false;
    out.clear();
    char buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    bool ok = !std::ferror(f);
    std::fclose(f);
    return ok;
}

bool write_file_atomic(const std::string& path, const std::string& data) {
    std::string tmp = path + ".tmp";
    FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) return false;
    bool ok = std::fwrite(data.data(), 1, data.size(), f) == data.size();
    ok = (std::fflush(f) == 0) && ok;
    ok = (std::fclose(f) == 0) && ok;
    if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::remove(tmp.c_str());
        return false;
    }
    return true;
}

namespace {

bool ensure_dir(const std::string& dir, std::string& error) {
    struct stat st;
    if (stat(dir.c_str(), &st) == 0) return true;
    if (mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
        error = dir + ": cannot create folder (" + std::strerror(errno) + ")";
        return false;
    }
    return true;
}

json base_to_json(const InboxBase& b) {
    if (!b.snapshot.empty())
        return {{"format", "sellerdesk-base"}, {"version", 1}, {"snapshot", {{"file", b.snapshot}, {"journal_from", b.journal_from}}}};
    return {{"format", "sellerdesk-base"},
            {"version", 1},
            {"demo", {{"seed", b.seed}, {"conversations", b.conversations}, {"now", format_iso8601(b.now)}}}};
}

bool base_from_json(const std::string& text, InboxBase& b, std::string& error) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.value("format", "") != "sellerdesk-base") {
        error = "base.json: not a SellerDesk base file";
        return false;
    }
    if (!j.contains("version") || !j["version"].is_number_integer() || j["version"].get<int>() != 1) {
        error = "base.json: unsupported version";
        return false;
    }
    if (j.contains("snapshot")) {
        const json& sn = j["snapshot"];
        if (!sn.is_object() || !sn.contains("file") || !sn["file"].is_string() || !sn.contains("journal_from") ||
            !sn["journal_from"].is_number_unsigned()) {
            error = "base.json: snapshot description incomplete";
            return false;
        }
        b.snapshot = sn["file"].get<std::string>();
        b.journal_from = sn["journal_from"].get<uint64_t>();
        if (b.snapshot.empty() || b.snapshot.find('/') != std::string::npos) {
            error = "base.json: bad snapshot file name";
            return false;
        }
        return true;
    }
    const json& d = j.contains("demo") ? j["demo"] : json();
    if (!d.is_object() || !d.contains("seed") || !d["seed"].is_number_unsigned() || !d.contains("conversations") ||
        !d["conversations"].is_number_integer() || !d.contains("now") || !d["now"].is_string() ||
        !parse_iso8601(d["now"].get<std::string>(), b.now)) {
        error = "base.json: demo description incomplete";
        return false;
    }
    b.seed = d["seed"].get<uint64_t>();
    b.conversations = d["conversations"].get<int>();
    return true;
}

}  // namespace

bool reset_inbox(const std::string& dir, const InboxBase& base, std::string& error) {
    if (!ensure_dir(dir, error)) return false;
    std::remove((dir + "/journal.log").c_str());
    if (!write_file_atomic(dir + "/base.json", base_to_json(base).dump(2) + "\n")) {
        error = dir + "/base.json: cannot write";
        return false;
    }
    return true;
}

bool load_inbox(const std::string& dir, const InboxBase& default_base, LoadedInbox& out, std::string& error) {
    if (!ensure_dir(dir, error)) return false;
    std::string text;
    out = LoadedInbox();
    if (read_file(dir + "/base.json", text)) {
        if (!base_from_json(text, out.base, error)) return false;
    } else {
        out.base = default_base;
        out.created = true;
        if (!reset_inbox(dir, out.base, error)) return false;
    }
    if (!out.base.snapshot.empty()) {
        std::string snap;
        ExportFile file;
        ImportError why;
        if (!read_file(dir + "/" + out.base.snapshot, snap)) {
            error = dir + "/" + out.base.snapshot + ": missing";
            return false;
        }
        if (!parse_export(snap, file, why)) {
            error = dir + "/" + out.base.snapshot + ": " + why.message();
            return false;
        }
        out.store = std::move(file.data.store);
    } else {
        DemoOptions opt;
        opt.seed = out.base.seed;
        opt.conversations = out.base.conversations;
        opt.now = out.base.now;
        out.store = generate_demo(opt);
    }

    std::string journal;
    if (!read_file(dir + "/journal.log", journal)) return true;   // nothing edited yet
    // Records before journal_from are already in the snapshot.
    const size_t skip = size_t(std::min<uint64_t>(out.base.journal_from, journal.size()));
    JournalScan scan = scan_journal(std::string_view(journal).substr(skip));
    scan.valid_bytes += skip;
    for (const json& op : scan.records) {
        std::string why;
        if (apply_op(out.store, op, why)) ++out.ops_applied;
        else ++out.ops_refused;
    }
    if (!scan.problem.empty()) {
        // Keep the damaged tail aside for inspection, then cut the journal back to its valid part so
        // new records are not appended after garbage.
        out.journal_problem = scan.problem;
        out.journal_dropped_bytes = scan.dropped_bytes;
        write_file_atomic(dir + "/journal.damaged", journal.substr(scan.valid_bytes));
        if (!write_file_atomic(dir + "/journal.log", journal.substr(0, scan.valid_bytes))) {
            error = dir + "/journal.log: cannot repair";
            return false;
        }
    }
    return true;
}

bool write_snapshot(const std::string& dir, const Store& store, InboxBase& base, std::string& error) {
    SyncData data;
    data.store = store;
    ExportOptions opt;
    opt.templates = false;
    opt.settings = false;
    std::string text;
    if (!export_text(data, opt, text, error)) return false;
    if (!write_file_atomic(dir + "/snapshot.json", text)) {
        error = dir + "/snapshot.json: cannot write";
        return false;
    }
    struct stat st;
    InboxBase next = base;
    next.snapshot = "snapshot.json";
    next.journal_from = stat((dir + "/journal.log").c_str(), &st) == 0 ? uint64_t(st.st_size) : 0;
    if (!write_file_atomic(dir + "/base.json", base_to_json(next).dump(2) + "\n")) {
        error = dir + "/base.json: cannot write";
        return false;
    }
    base = next;
    return true;
}

bool append_ops(const std::string& dir, const std::vector<json>& ops, std::string& error) {
    if (ops.empty()) return true;
    std::string recs;
    for (const json& op : ops) recs += encode_journal_record(op);
    std::string path = dir + "/journal.log";
    FILE* f = std::fopen(path.c_str(), "ab");
    if (!f) {
        error = path + ": cannot open for writing (" + std::strerror(errno) + ")";
        return false;
    }
    bool ok = std::fwrite(recs.data(), 1, recs.size(), f) == recs.size();
    ok = (std::fflush(f) == 0) && ok;
    ok = (std::fclose(f) == 0) && ok;
    if (!ok) error = path + ": write failed";
    return ok;
}

bool append_op(const std::string& dir, const json& op, std::string& error) {
    return append_ops(dir, std::vector<json>{op}, error);
}

}  // namespace sd
