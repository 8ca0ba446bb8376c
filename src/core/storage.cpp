#include "storage.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <sys/stat.h>

#include "export_json.h"
#include "journal.h"
#include "ops.h"
#include "snapshot_bin.h"
#include "time.h"

namespace sd {

using nlohmann::json;

bool read_file(const std::string& path, std::string& out) {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return false;
    out.clear();
    // One read of the known size: snapshots are tens of MB and this is the startup path.
    struct stat st;
    size_t n = 0;
    if (fstat(fileno(f), &st) == 0 && st.st_size > 0) {
        out.resize(size_t(st.st_size));
        n = std::fread(&out[0], 1, out.size(), f);
        out.resize(n);
    }
    char buf[65536];   // whatever the size did not say (a file that grew, or no size)
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

std::string snapshot_name(uint64_t generation) { return "snapshot-" + std::to_string(generation) + ".bin"; }
std::string texts_name(uint64_t generation) { return "texts-" + std::to_string(generation) + ".bin"; }
std::string journal_name(uint64_t generation) {
    return generation == 0 ? "journal.log" : "journal-" + std::to_string(generation) + ".log";
}

bool ensure_dir(const std::string& dir, std::string& error) {
    struct stat st;
    if (stat(dir.c_str(), &st) == 0) return true;
    if (mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
        error = dir + ": cannot create folder (" + std::strerror(errno) + ")";
        return false;
    }
    return true;
}

namespace {

const char* const kBaseFile = "base.json";

bool file_exists(const std::string& path) {
    struct stat st;
    return stat(path.c_str(), &st) == 0;
}

// 1234567 -> "1,234,567": the recovery sentences are read by people.
std::string with_commas(uint64_t n) {
    std::string digits = std::to_string(n), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string plural(uint64_t n, const char* one, const char* many) { return with_commas(n) + " " + (n == 1 ? one : many); }

// Renames <dir>/<name> to <name>.damaged (or .damaged-2, -3... when that exists: earlier evidence
// is kept too). Returns the new name, or "" when there was nothing to rename.
std::string set_aside(const std::string& dir, const std::string& name) {
    if (!file_exists(dir + "/" + name)) return "";
    std::string aside = name + ".damaged";
    for (int k = 2; file_exists(dir + "/" + aside); ++k) aside = name + ".damaged-" + std::to_string(k);
    return std::rename((dir + "/" + name).c_str(), (dir + "/" + aside).c_str()) == 0 ? aside : "";
}

// "snapshot-12.bin" -> 12; false for any other name (including "snapshot-12.bin.damaged").
bool generation_of(const std::string& name, const char* prefix, const char* suffix, uint64_t& g) {
    const size_t np = std::strlen(prefix), ns = std::strlen(suffix);
    if (name.size() <= np + ns || name.compare(0, np, prefix) != 0 || name.compare(name.size() - ns, ns, suffix) != 0)
        return false;
    const std::string digits = name.substr(np, name.size() - np - ns);
    if (digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string::npos) return false;
    g = std::stoull(digits);
    return g > 0;
}

std::vector<std::string> list_dir(const std::string& dir) {
    std::vector<std::string> names;
    if (DIR* d = opendir(dir.c_str())) {
        while (dirent* e = readdir(d)) names.push_back(e->d_name);
        closedir(d);
    }
    std::sort(names.begin(), names.end());
    return names;
}

// Whether generation g's files are all there: its snapshot, and its texts file unless the
// snapshot is a version 1 one (which holds its texts). Only such a generation may be named as
// the previous one in base.json.
bool generation_files_exist(const std::string& dir, uint64_t g) {
    const std::string snap = dir + "/" + snapshot_name(g);
    if (!file_exists(snap)) return false;
    if (file_exists(dir + "/" + texts_name(g))) return true;
    char head[12] = {};
    FILE* f = std::fopen(snap.c_str(), "rb");
    const bool read = f && std::fread(head, 1, sizeof head, f) == sizeof head;
    if (f) std::fclose(f);
    return read && uint8_t(head[8]) == 1 && head[9] == 0 && head[10] == 0 && head[11] == 0;   // version 1, little-endian
}

// The files that make up an inbox (not settings.json, templates.json or anything set aside).
bool is_inbox_file(const std::string& name) {
    uint64_t g;
    return name == kBaseFile || name == "journal.log" || name == "snapshot.json" ||
           generation_of(name, "snapshot-", ".bin", g) || generation_of(name, "texts-", ".bin", g) ||
           generation_of(name, "journal-", ".log", g);
}

// ---- base.json -----------------------------------------------------------------------------------

json demo_json(const InboxBase& b) {
    return {{"seed", b.seed}, {"conversations", b.conversations}, {"now", format_iso8601(b.now)}};
}

// Generation 0 as a "previous" entry of a version 2 base: everything version 1 said about it.
json generation0_json(const InboxBase& b) {
    json j = {{"generation", 0}, {"journal", journal_name(0)}, {"journal_from", b.journal_from}};
    if (b.snapshot.empty()) j["demo"] = demo_json(b);
    else j["snapshot"] = b.snapshot;
    return j;
}

json base_to_json(const InboxBase& b) {
    if (b.generation == 0) {
        if (!b.snapshot.empty())
            return {{"format", "sellerdesk-base"}, {"version", 1}, {"snapshot", {{"file", b.snapshot}, {"journal_from", b.journal_from}}}};
        return {{"format", "sellerdesk-base"}, {"version", 1}, {"demo", demo_json(b)}};
    }
    json j = {{"format", "sellerdesk-base"},
              {"version", 2},
              {"generation", b.generation},
              {"snapshot", snapshot_name(b.generation)},
              {"journal", journal_name(b.generation)}};
    if (b.has_previous) {
        const uint64_t p = b.generation - 1;
        j["previous"] = p == 0 ? generation0_json(b)
                               : json{{"generation", p}, {"snapshot", snapshot_name(p)}, {"journal", journal_name(p)}};
    }
    return j;
}

bool demo_from_json(const json& d, InboxBase& b) {
    if (!d.is_object() || !d.contains("seed") || !d["seed"].is_number_unsigned() || !d.contains("conversations") ||
        !d["conversations"].is_number_integer() || !d.contains("now") || !d["now"].is_string() ||
        !parse_iso8601(d["now"].get<std::string>(), b.now))
        return false;
    b.seed = d["seed"].get<uint64_t>();
    b.conversations = d["conversations"].get<int>();
    return true;
}

bool plain_file_name(const json& j) {
    if (!j.is_string()) return false;
    const std::string& s = j.get_ref<const std::string&>();
    return !s.empty() && s.find('/') == std::string::npos && s != "." && s != "..";
}

bool v1_from_json(const json& j, InboxBase& b, std::string& error) {
    if (j.contains("snapshot")) {
        const json& sn = j["snapshot"];
        if (!sn.is_object() || !sn.contains("file") || !plain_file_name(sn["file"]) || !sn.contains("journal_from") ||
            !sn["journal_from"].is_number_unsigned()) {
            error = "snapshot description incomplete";
            return false;
        }
        b.snapshot = sn["file"].get<std::string>();
        b.journal_from = sn["journal_from"].get<uint64_t>();
        return true;
    }
    if (!j.contains("demo") || !demo_from_json(j["demo"], b)) {
        error = "demo description incomplete";
        return false;
    }
    return true;
}

bool names_match(const json& j, uint64_t g) {
    return j.value("snapshot", "") == snapshot_name(g) && j.value("journal", "") == journal_name(g);
}

bool v2_from_json(const json& j, InboxBase& b, std::string& error) {
    if (!j.contains("generation") || !j["generation"].is_number_unsigned() || j["generation"].get<uint64_t>() == 0) {
        error = "no generation number";
        return false;
    }
    b.generation = j["generation"].get<uint64_t>();
    if (!names_match(j, b.generation)) {
        error = "the file names do not match generation " + std::to_string(b.generation);
        return false;
    }
    if (!j.contains("previous")) return true;
    const json& p = j["previous"];
    const uint64_t want = b.generation - 1;
    if (!p.is_object() || !p.contains("generation") || !p["generation"].is_number_unsigned() ||
        p["generation"].get<uint64_t>() != want) {
        error = "the previous generation is not " + std::to_string(want);
        return false;
    }
    if (want > 0) {
        if (!names_match(p, want)) {
            error = "the previous generation's file names do not match";
            return false;
        }
    } else {
        // Generation 0: a version 1 start.
        if (p.value("journal", "") != journal_name(0) || !p.contains("journal_from") || !p["journal_from"].is_number_unsigned()) {
            error = "the previous generation's journal is not described";
            return false;
        }
        b.journal_from = p["journal_from"].get<uint64_t>();
        if (p.contains("snapshot")) {
            if (!plain_file_name(p["snapshot"])) {
                error = "bad previous snapshot file name";
                return false;
            }
            b.snapshot = p["snapshot"].get<std::string>();
        } else if (!p.contains("demo") || !demo_from_json(p["demo"], b)) {
            error = "the previous generation's demo description is incomplete";
            return false;
        }
    }
    b.has_previous = true;
    return true;
}

enum class Readable { Yes, Damaged, Newer };

Readable base_from_json(const std::string& text, InboxBase& b, std::string& error) {
    b = InboxBase();
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.value("format", "") != "sellerdesk-base") {
        error = "not a SellerDesk base file";
        return Readable::Damaged;
    }
    if (!j.contains("version") || !j["version"].is_number_unsigned()) {
        error = "no version";
        return Readable::Damaged;
    }
    const uint64_t version = j["version"].get<uint64_t>();
    if (version > 2) {
        error = "version " + std::to_string(version) + " is newer than this app reads";
        return Readable::Newer;
    }
    bool ok = version == 1 ? v1_from_json(j, b, error) : version == 2 ? v2_from_json(j, b, error) : (error = "unsupported version 0", false);
    return ok ? Readable::Yes : Readable::Damaged;
}

bool write_base(const std::string& dir, const InboxBase& b, std::string& error) {
    if (write_file_atomic(dir + "/" + kBaseFile, base_to_json(b).dump(2) + "\n")) return true;
    error = dir + "/base.json: cannot write";
    return false;
}

// ---- loading -------------------------------------------------------------------------------------

// The name of generation g's starting point, as the user reads it.
std::string start_name(const InboxBase& b, uint64_t g) {
    if (g > 0) return snapshot_name(g);
    return b.snapshot.empty() ? "the demo description" : b.snapshot;
}

// Reads the store generation g starts from: snapshot-g.bin and texts-g.bin, or for generation 0 the
// demo or the version 1 export. `why` names the file and the reason when it is not Yes, and
// `file` is that file; Damaged also covers a missing file (`missing` tells them apart). With
// `texts_later` (given) a version 2 snapshot's texts are not read: `texts_later` says which file
// holds them and how it is tied to the snapshot.
Readable load_start(const std::string& dir, const InboxBase& b, uint64_t g, Store& out, std::string& why, std::string& file,
                    bool& missing, LoadedInbox* texts_later = nullptr) {
    missing = false;
    std::string bytes;
    if (g == 0 && b.snapshot.empty()) {
        DemoOptions opt;
        opt.seed = b.seed;
        opt.conversations = b.conversations;
        opt.now = b.now;
        out = generate_demo(opt);
        return Readable::Yes;
    }
    file = g == 0 ? b.snapshot : snapshot_name(g);
    if (!file_exists(dir + "/" + file) || (g == 0 && !read_file(dir + "/" + file, bytes))) {
        why = file + " is missing";
        missing = true;
        return Readable::Damaged;
    }
    if (g == 0) {
        ExportFile export_file;
        ImportError e;
        if (!parse_export(bytes, export_file, e)) {
            why = file + ": " + e.message();
            return Readable::Damaged;
        }
        out = std::move(export_file.data.store);
        return Readable::Yes;
    }
    // Read a window at a time: the whole file in fresh memory would cost more than decoding it.
    std::string reason;
    TextsLink link;
    bool newer = false;
    if (!decode_snapshot_file(dir + "/" + file, out, reason, &link, &newer)) {
        why = file + ": " + reason;
        return newer ? Readable::Newer : Readable::Damaged;
    }
    if (!link.separate) return Readable::Yes;   // a version 1 snapshot holds its texts
    const std::string texts = texts_name(g);
    if (texts_later) {
        texts_later->texts_pending = true;
        texts_later->texts_file = texts;
        texts_later->texts_link = link;
        return Readable::Yes;
    }
    file = texts;
    if (!read_file(dir + "/" + texts, bytes)) {
        why = texts + " is missing";
        missing = true;
        return Readable::Damaged;
    }
    if (!decode_texts(bytes, link, out, reason)) {
        why = texts + ": " + reason;
        return Readable::Damaged;
    }
    return Readable::Yes;
}

// Replays generation g's journal over `store`. A damaged tail is cut off (new records must not
// follow garbage) and kept beside it; the recovery sentence says so. False only when the repair
// cannot be written.
bool replay_journal(const std::string& dir, const InboxBase& b, uint64_t g, Store& store, LoadedInbox& out, std::string& error) {
    const std::string name = journal_name(g);
    std::string journal;
    if (!read_file(dir + "/" + name, journal)) {
        // Generation 0 has no journal until the first edit; a later one gets an empty journal
        // before it is committed, so its absence means edits may be gone.
        if (g > 0) {
            out.recovery.push_back(name + " is missing: changes made after " + snapshot_name(g) +
                                   " could not be replayed, if there were any.");
            out.needs_snapshot = true;
        }
        return true;
    }
    // Under version 1, a snapshot already holds the journal's first `journal_from` bytes.
    const size_t skip = g == 0 ? size_t(std::min<uint64_t>(b.journal_from, journal.size())) : 0;
    JournalScan scan = scan_journal(std::string_view(journal).substr(skip));
    scan.valid_bytes += skip;
    for (const json& op : scan.records) {
        std::string why;
        if (apply_op(store, op, why)) ++out.ops_applied;
        else ++out.ops_refused;
    }
    if (scan.problem.empty()) return true;

    out.journal_problem = scan.problem;
    out.journal_dropped_bytes = scan.dropped_bytes;
    const std::string kept = g == 0 ? "journal.damaged" : name + ".damaged";
    std::string aside = kept;
    for (int k = 2; file_exists(dir + "/" + aside); ++k) aside = kept + "-" + std::to_string(k);
    write_file_atomic(dir + "/" + aside, journal.substr(scan.valid_bytes));
    if (!write_file_atomic(dir + "/" + name, journal.substr(0, scan.valid_bytes))) {
        error = dir + "/" + name + ": cannot repair";
        return false;
    }
    out.files_changed = true;
    out.recovery.push_back(name + " had a damaged tail (" + scan.problem + "): " +
                           plural(scan.records.size(), "saved change was", "saved changes were") + " recovered; " +
                           plural(scan.dropped_bytes, "byte", "bytes") + " that could not be read " +
                           (scan.dropped_bytes == 1 ? "was" : "were") + " set aside in " + aside + ".");
    return true;
}

// Loads generation b.generation (>= 1): its snapshot and journal, or when the snapshot cannot be
// read, the previous snapshot and both journals. `newer`: the snapshot is from a newer app.
bool load_generation(const std::string& dir, const InboxBase& b, LoadedInbox& out, std::string& error, bool& newer,
                     bool texts_later = false) {
    const uint64_t g = b.generation;
    std::string why, file;
    bool missing = false;
    Readable r = load_start(dir, b, g, out.store, why, file, missing, texts_later ? &out : nullptr);
    newer = r == Readable::Newer;
    if (r == Readable::Yes) return replay_journal(dir, b, g, out.store, out, error);
    if (newer || !b.has_previous) {
        error = dir + "/" + why + (r == Readable::Newer ? "" : "; there is no previous generation to rebuild it from");
        return false;
    }
    const uint64_t p = g - 1;
    std::string why_prev, prev_file;
    bool prev_missing = false;
    if (load_start(dir, b, p, out.store, why_prev, prev_file, prev_missing) != Readable::Yes) {
        error = dir + "/" + why + "; the previous generation cannot be read either (" + why_prev + ")";
        return false;
    }
    const size_t damaged_before = out.recovery.size();
    if (!replay_journal(dir, b, p, out.store, out, error) || !replay_journal(dir, b, g, out.store, out, error)) return false;
    const bool all_there = out.recovery.size() == damaged_before;

    // "snapshot-7.bin: checksum mismatch (file damaged)" -> "snapshot-7.bin was damaged (checksum mismatch)."
    std::string reason = why.substr(std::min(why.size(), file.size() + 2));
    const std::string said_twice = " (file damaged)";
    if (reason.size() > said_twice.size() && reason.compare(reason.size() - said_twice.size(), said_twice.size(), said_twice) == 0)
        reason.resize(reason.size() - said_twice.size());
    std::string s = missing ? why + "." : file + " was damaged (" + reason + ").";
    s += " The inbox was rebuilt from " + start_name(b, p) + " and both journals";
    s += all_there ? ": nothing was lost." : ", except what the journals could not give back (below).";
    if (!missing) {
        std::string aside = set_aside(dir, file);
        if (!aside.empty()) s += " The damaged file was set aside as " + aside + ".";
    }
    out.recovery.insert(out.recovery.begin() + long(damaged_before), s);
    out.needs_snapshot = true;   // a good snapshot again, so the next damage has a fallback too
    out.files_changed = true;
    return true;
}

// Deletes what no generation in use needs: uncommitted files of a later generation (a
// write_snapshot that stopped before its commit), generations older than the previous one (a stop
// before its clean-up) and leftover temporary files. Never a ".damaged" file.
void tidy(const std::string& dir, const InboxBase& b) {
    const uint64_t keep_from = b.has_previous ? b.generation - 1 : b.generation;
    for (const std::string& name : list_dir(dir)) {
        uint64_t g = 0;
        bool stale = false;
        if (generation_of(name, "snapshot-", ".bin", g) || generation_of(name, "texts-", ".bin", g) ||
            generation_of(name, "journal-", ".log", g))
            stale = g > b.generation || g < keep_from;
        else if (name == "journal.log" || name == "snapshot.json" || (!b.snapshot.empty() && name == b.snapshot))
            stale = keep_from > 0;
        else if (name.size() > 4 && name.compare(name.size() - 4, 4, ".tmp") == 0)
            stale = is_inbox_file(name.substr(0, name.size() - 4));
        if (stale) std::remove((dir + "/" + name).c_str());
    }
}

// Nothing could be loaded: rename every inbox file to "<name>.damaged", so that starting a new
// demo in this folder deletes nothing that might still be rescued by hand.
void set_aside_inbox(const std::string& dir, std::string& error) {
    int n = 0;
    for (const std::string& name : list_dir(dir))
        if (is_inbox_file(name) && !set_aside(dir, name).empty()) ++n;
    if (n > 0) error += ". The inbox files were renamed to *.damaged; nothing was deleted.";
}

bool new_inbox(const std::string& dir, const InboxBase& default_base, LoadedInbox& out, std::string& error) {
    out.base = InboxBase();
    out.base.seed = default_base.seed;
    out.base.conversations = default_base.conversations;
    out.base.now = default_base.now;
    if (!reset_inbox(dir, out.base, error)) return false;
    bool missing = false;
    std::string why, file;
    load_start(dir, out.base, 0, out.store, why, file, missing);   // the demo: always readable
    out.created = true;
    out.needs_snapshot = true;
    return true;
}

// base.json is missing or damaged: find the newest generation whose files load.
bool load_by_scanning(const std::string& dir, const std::string& base_problem, LoadedInbox& out, std::string& error) {
    std::vector<uint64_t> found;
    for (const std::string& name : list_dir(dir)) {
        uint64_t g;
        if (generation_of(name, "snapshot-", ".bin", g)) found.push_back(g);
    }
    std::sort(found.rbegin(), found.rend());
    std::string tried;
    for (uint64_t g : found) {
        LoadedInbox attempt;
        attempt.base.generation = g;
        attempt.base.has_previous = g > 1 && generation_files_exist(dir, g - 1);
        std::string why;
        bool newer = false;
        if (!load_generation(dir, attempt.base, attempt, why, newer)) {
            tried += "; " + why;
            continue;
        }
        out = std::move(attempt);
        std::string aside = set_aside(dir, kBaseFile);
        std::string s = "base.json " + base_problem + "; the inbox was found by its files and loaded from generation " +
                        std::to_string(g) + " (" + snapshot_name(g) + " and " + journal_name(g) + ").";
        if (!aside.empty()) s += " The damaged base.json was set aside as " + aside + ".";
        out.recovery.insert(out.recovery.begin(), s);
        out.needs_snapshot = true;
        out.files_changed = true;
        return write_base(dir, out.base, error);
    }
    error = dir + "/base.json " + base_problem + " and no snapshot could be loaded" + tried;
    return false;
}

}  // namespace

bool reset_inbox(const std::string& dir, const InboxBase& base, std::string& error) {
    if (!ensure_dir(dir, error)) return false;
    InboxBase fresh;
    fresh.seed = base.seed;
    fresh.conversations = base.conversations;
    fresh.now = base.now;
    // The old journal goes first: the new base must never be replayed over with old edits.
    std::remove((dir + "/journal.log").c_str());
    if (!write_base(dir, fresh, error)) return false;
    for (const std::string& name : list_dir(dir))
        if (name != kBaseFile && is_inbox_file(name)) std::remove((dir + "/" + name).c_str());
    tidy(dir, fresh);
    return true;
}

bool load_inbox(const std::string& dir, const InboxBase& default_base, LoadedInbox& out, std::string& error, bool texts_later) {
    out = LoadedInbox();
    if (!ensure_dir(dir, error)) return false;
    std::string text, problem;
    if (read_file(dir + "/" + kBaseFile, text)) {
        switch (base_from_json(text, out.base, problem)) {
        case Readable::Newer:
            error = dir + "/base.json: " + problem;
            return false;
        case Readable::Damaged:
            problem = "was damaged (" + problem + ")";
            break;
        case Readable::Yes: {
            bool ok, newer = false;
            if (out.base.generation == 0) {
                // Version 1: the demo or snapshot.json, then journal.log. Migrates on the next snapshot.
                std::string why, file;
                bool missing = false;
                ok = load_start(dir, out.base, 0, out.store, why, file, missing) == Readable::Yes;
                if (!ok) error = dir + "/" + why;
                ok = ok && replay_journal(dir, out.base, 0, out.store, out, error);
                out.needs_snapshot = true;
            } else {
                ok = load_generation(dir, out.base, out, error, newer, texts_later);
            }
            if (!ok) {
                out = LoadedInbox();
                if (!newer) set_aside_inbox(dir, error);   // a newer app's files are not damaged
                return false;
            }
            tidy(dir, out.base);
            return true;
        }
        }
    } else {
        bool any = false;
        for (const std::string& name : list_dir(dir)) any = any || is_inbox_file(name);
        if (!any) return new_inbox(dir, default_base, out, error);
        problem = "is missing";
    }
    if (load_by_scanning(dir, problem, out, error)) return true;
    out = LoadedInbox();
    set_aside_inbox(dir, error);
    return false;
}

bool write_snapshot(const std::string& dir, const Store& store, InboxBase& base, std::string& error, int stop_after_step) {
    return write_snapshot_files(dir, encode_snapshot(store), base, error, stop_after_step);
}

bool write_snapshot_files(const std::string& dir, const SnapshotFiles& files, InboxBase& base, std::string& error,
                          int stop_after_step) {
    const uint64_t g = base.generation, next_g = g + 1;
    const std::string snap = dir + "/" + snapshot_name(next_g), texts = dir + "/" + texts_name(next_g),
                      journal = dir + "/" + journal_name(next_g);
    auto undo = [&](const std::string& why) {
        // Not committed: the new files must not be mistaken for a generation later.
        std::remove(snap.c_str());
        std::remove(texts.c_str());
        std::remove(journal.c_str());
        error = why;
        return false;
    };
    auto stopped = [&](int step) {
        error = "write_snapshot stopped after step " + std::to_string(step) + " (as a crash would)";
        return false;
    };
    if (!write_file_atomic(texts, files.texts)) return undo(texts + ": cannot write");
    if (!write_file_atomic(snap, files.snapshot)) return undo(snap + ": cannot write");
    if (stop_after_step == 1) return stopped(1);
    if (!write_file_atomic(journal, "")) return undo(journal + ": cannot write");
    if (stop_after_step == 2) return stopped(2);

    InboxBase next = base;
    next.generation = next_g;
    // The current generation becomes the fallback, if its start can still be read.
    next.has_previous = g == 0 ? (base.snapshot.empty() || file_exists(dir + "/" + base.snapshot))
                               : generation_files_exist(dir, g);
    if (g > 0) {   // generation 0's description is needed only while it is the previous one
        next.snapshot.clear();
        next.journal_from = 0;
    }
    std::string why;
    if (!write_base(dir, next, why)) return undo(why);
    if (stop_after_step == 3) return stopped(3);

    if (g >= 2) {
        std::remove((dir + "/" + snapshot_name(g - 1)).c_str());
        std::remove((dir + "/" + texts_name(g - 1)).c_str());
        std::remove((dir + "/" + journal_name(g - 1)).c_str());
    } else if (g == 1 && base.has_previous) {   // generation 0: the version 1 files
        std::remove((dir + "/" + journal_name(0)).c_str());
        if (!base.snapshot.empty()) std::remove((dir + "/" + base.snapshot).c_str());
    }
    base = next;
    return true;
}

bool append_ops(const std::string& dir, const InboxBase& base, const std::vector<json>& ops, std::string& error) {
    if (ops.empty()) return true;
    std::string recs;
    for (const json& op : ops) recs += encode_journal_record(op);
    std::string path = dir + "/" + journal_name(base.generation);
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

bool append_op(const std::string& dir, const InboxBase& base, const json& op, std::string& error) {
    return append_ops(dir, base, std::vector<json>{op}, error);
}

uint64_t journal_size(const std::string& dir, const InboxBase& base) {
    struct stat st;
    if (stat((dir + "/" + journal_name(base.generation)).c_str(), &st) != 0) return 0;
    const uint64_t size = uint64_t(st.st_size);
    return base.generation == 0 ? size - std::min(size, base.journal_from) : size;
}

}  // namespace sd
