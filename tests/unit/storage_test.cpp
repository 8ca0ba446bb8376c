// The inbox on disk (core/storage.h), version 2: generations (snapshot, texts and journal files),
// the commit order of write_snapshot, recovery from damaged snapshots, texts files, journals and
// base files, loading with the texts read later, and migration from version 1.
// Every check compares the loaded store with what was acknowledged (applied and appended).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/export_json.h"
#include "core/journal.h"
#include "core/snapshot_bin.h"
#include "core/storage.h"
#include "store_fixtures.h"

using namespace sd;
using fixtures::same_store;
using nlohmann::json;

namespace {

// A fresh folder under /tmp, removed at the end of the test.
struct TempDir {
    std::string root, dir;
    TempDir() {
        char tmpl[] = "/tmp/sd-storage2-XXXXXX";
        REQUIRE(mkdtemp(tmpl));
        root = tmpl;
        dir = root + "/inbox";
    }
    ~TempDir() { std::system(("rm -rf " + root).c_str()); }
    std::string path(const std::string& name) const { return dir + "/" + name; }
    bool has(const std::string& name) const {
        FILE* f = std::fopen(path(name).c_str(), "rb");
        if (f) std::fclose(f);
        return f != nullptr;
    }
    std::string read(const std::string& name) const {
        std::string s;
        REQUIRE(read_file(path(name), s));
        return s;
    }
    void write(const std::string& name, const std::string& data) const { REQUIRE(write_file_atomic(path(name), data)); }
};

InboxBase demo_base(int conversations = 150) {
    InboxBase b;
    b.seed = 5;
    b.conversations = conversations;
    b.now = 1795000000;
    return b;
}

std::string export_of(const Store& s) {
    SyncData d;
    d.store = s;
    ExportOptions o;
    o.templates = o.settings = false;
    std::string text, err;
    REQUIRE(export_text(d, o, text, err));
    return text;
}

// The app's path for one edit: apply, then journal it. Returns the ops it acknowledged.
std::vector<json> edit(const std::string& dir, const InboxBase& base, Store& store, int count, uint64_t seed) {
    std::vector<json> ops = fixtures::busy_ops(store, count, seed, 1795000000 + Time(seed) * 10000);
    std::string err;
    for (const json& op : ops) {
        REQUIRE(apply_op(store, op, err));
        REQUIRE(append_op(dir, base, op, err));
    }
    return ops;
}

LoadedInbox load(const TempDir& t, bool texts_later = false) {
    LoadedInbox in;
    std::string err;
    INFO(err);
    REQUIRE(load_inbox(t.dir, demo_base(), in, err, texts_later));
    if (!texts_later) CHECK_FALSE(in.texts_pending);
    return in;
}

// What generation g starts from, read from its two files.
Store start_of(const TempDir& t, uint64_t g) {
    Store s;
    std::string err;
    TextsLink link;
    INFO(err);
    REQUIRE(decode_snapshot(t.read(snapshot_name(g)), s, err, &link));
    REQUIRE(link.separate);
    REQUIRE(decode_texts(t.read(texts_name(g)), link, s, err));
    return s;
}

void require_same(const Store& loaded, const Store& acknowledged) {
    REQUIRE(same_store(loaded, acknowledged));
    CHECK(export_of(loaded) == export_of(acknowledged));
}

bool contains(const std::vector<std::string>& sentences, const std::string& part) {
    for (const std::string& s : sentences)
        if (s.find(part) != std::string::npos) return true;
    return false;
}

std::string joined(const std::vector<std::string>& sentences) {
    std::string s;
    for (const std::string& x : sentences) s += x + "\n";
    return s;
}

// An inbox at generation 2 (previous 1) with edits in both journals; `memory` is what the app holds.
struct TwoGenerations {
    TempDir t;
    Store memory;
    InboxBase base;
    TwoGenerations() {
        LoadedInbox in = load(t);
        REQUIRE(in.created);
        memory = in.store;
        base = in.base;
        std::string err;
        REQUIRE(write_snapshot(t.dir, memory, base, err));   // generation 1
        edit(t.dir, base, memory, 150, 1);
        REQUIRE(write_snapshot(t.dir, memory, base, err));   // generation 2
        edit(t.dir, base, memory, 150, 2);
        REQUIRE(base.generation == 2);
    }
};

}  // namespace

TEST_CASE("a new inbox, edits, snapshots and more edits load back exactly", "[storage]") {
    TempDir t;
    LoadedInbox in = load(t);
    CHECK(in.created);
    CHECK(in.needs_snapshot);
    CHECK(in.base.generation == 0);
    Store memory = in.store;
    InboxBase base = in.base;
    std::string err;

    edit(t.dir, base, memory, 100, 1);   // journal.log, over the demo
    require_same(load(t).store, memory);

    REQUIRE(write_snapshot(t.dir, memory, base, err));
    CHECK(base.generation == 1);
    CHECK(base.has_previous);            // generation 0: the demo and journal.log
    CHECK(t.has("snapshot-1.bin"));
    CHECK(t.has("texts-1.bin"));
    CHECK(t.read("journal-1.log").empty());
    CHECK(same_store(start_of(t, 1), memory));
    CHECK(t.has("journal.log"));
    json b = json::parse(t.read("base.json"));
    CHECK(b["version"] == 2);
    CHECK(b["generation"] == 1);
    CHECK(b["snapshot"] == "snapshot-1.bin");
    CHECK(b["journal"] == "journal-1.log");
    CHECK(b["previous"]["generation"] == 0);
    CHECK(b["previous"]["demo"]["seed"] == 5);

    const size_t second_batch = edit(t.dir, base, memory, 100, 2).size();
    CHECK(journal_size(t.dir, base) == t.read("journal-1.log").size());
    CHECK(journal_size(t.dir, base) > 1000);
    LoadedInbox again = load(t);
    CHECK_FALSE(again.created);
    CHECK_FALSE(again.needs_snapshot);
    CHECK(again.recovery.empty());
    CHECK(again.ops_applied == second_batch);
    require_same(again.store, memory);

    for (int g = 2; g <= 4; ++g) {
        REQUIRE(write_snapshot(t.dir, memory, base, err));
        edit(t.dir, base, memory, 50, uint64_t(g) + 2);
        CHECK(base.generation == uint64_t(g));
        require_same(load(t).store, memory);
    }
    // Only the current generation and the one before it are kept.
    CHECK(t.has("snapshot-4.bin"));
    CHECK(t.has("texts-4.bin"));
    CHECK(t.has("journal-4.log"));
    CHECK(t.has("snapshot-3.bin"));
    CHECK(t.has("texts-3.bin"));
    CHECK(t.has("journal-3.log"));
    CHECK_FALSE(t.has("snapshot-2.bin"));
    CHECK_FALSE(t.has("texts-2.bin"));
    CHECK_FALSE(t.has("journal-2.log"));
    CHECK_FALSE(t.has("journal.log"));
    b = json::parse(t.read("base.json"));
    CHECK(b["previous"] == json{{"generation", 3}, {"snapshot", "snapshot-3.bin"}, {"journal", "journal-3.log"}});
}

TEST_CASE("a stop after any step of write_snapshot leaves every acknowledged edit loadable", "[storage]") {
    for (int step = 1; step <= 3; ++step) {
        TwoGenerations s;
        std::string err;
        InboxBase attempt = s.base;
        INFO("stopped after step " << step);
        CHECK_FALSE(write_snapshot(s.t.dir, s.memory, attempt, err, step));
        CHECK(err.find("stopped after step") != std::string::npos);
        CHECK(attempt.generation == 2);   // not updated: the caller keeps appending to generation 2
        CHECK(s.t.has("snapshot-3.bin"));  // both files of generation 3 were written in step 1
        CHECK(s.t.has("texts-3.bin"));
        CHECK(s.t.has("journal-3.log") == (step >= 2));

        // The app restarts.
        LoadedInbox in = load(s.t);
        require_same(in.store, s.memory);
        CHECK(in.recovery.empty());
        CHECK(in.base.generation == (step == 3 ? 3u : 2u));
        if (step < 3) {
            // The uncommitted generation 3 was cleared away, so it is never taken for the current one.
            CHECK_FALSE(s.t.has("snapshot-3.bin"));
            CHECK_FALSE(s.t.has("texts-3.bin"));
            CHECK_FALSE(s.t.has("journal-3.log"));
        } else {
            CHECK_FALSE(s.t.has("snapshot-1.bin"));   // the clean-up the stop skipped
            CHECK_FALSE(s.t.has("texts-1.bin"));
            CHECK(s.t.has("snapshot-2.bin"));
            CHECK(s.t.has("texts-2.bin"));
        }
        // Editing and snapshotting go on normally from what was loaded.
        InboxBase base = in.base;
        edit(s.t.dir, base, s.memory, 40, 9);
        REQUIRE(write_snapshot(s.t.dir, s.memory, base, err));
        edit(s.t.dir, base, s.memory, 40, 10);
        require_same(load(s.t).store, s.memory);
    }
    SECTION("a half-written temporary file is ignored and removed") {
        TwoGenerations s;
        s.t.write("snapshot-3.bin.tmp.tmp", "x");   // written through a .tmp of its own; the name ends in .tmp
        REQUIRE(std::rename(s.t.path("snapshot-3.bin.tmp.tmp").c_str(), s.t.path("snapshot-3.bin.tmp").c_str()) == 0);
        require_same(load(s.t).store, s.memory);
        CHECK_FALSE(s.t.has("snapshot-3.bin.tmp"));
    }
}

TEST_CASE("a stop between writing the texts file and the snapshot file leaves every acknowledged edit loadable", "[storage][texts]") {
    {
        // Step 1 writes texts-3.bin first: a crash before snapshot-3.bin leaves it alone.
        TwoGenerations s;
        s.t.write("texts-3.bin", encode_snapshot(s.memory).texts);
        s.t.write("texts-3.bin.tmp.tmp", "x");
        REQUIRE(std::rename(s.t.path("texts-3.bin.tmp.tmp").c_str(), s.t.path("texts-3.bin.tmp").c_str()) == 0);
        LoadedInbox in = load(s.t);
        require_same(in.store, s.memory);
        CHECK(in.recovery.empty());
        CHECK(in.base.generation == 2);
        CHECK_FALSE(s.t.has("texts-3.bin"));
        CHECK_FALSE(s.t.has("texts-3.bin.tmp"));
    }
}

TEST_CASE("write_snapshot_files stopped after step 1 leaves the old generation, and the next load clears the new files", "[storage][texts]") {
    TwoGenerations s;
    // Encoded in slices, as the page does.
    EncodeJob job = begin_encode(s.memory);
    while (!encode_next(job, s.memory, 7)) {
    }
    const SnapshotFiles files = job.files;
    std::string err;
    InboxBase attempt = s.base;
    CHECK_FALSE(write_snapshot_files(s.t.dir, files, attempt, err, 1));
    CHECK(err == "write_snapshot stopped after step 1 (as a crash would)");
    CHECK(attempt.generation == 2);
    CHECK(s.t.read("texts-3.bin") == files.texts);
    CHECK(s.t.read("snapshot-3.bin") == files.snapshot);
    CHECK_FALSE(s.t.has("journal-3.log"));

    LoadedInbox in = load(s.t);
    require_same(in.store, s.memory);
    CHECK(in.recovery.empty());
    CHECK(in.base.generation == 2);
    CHECK_FALSE(s.t.has("texts-3.bin"));   // uncommitted: deleted
    CHECK_FALSE(s.t.has("snapshot-3.bin"));
    CHECK(s.t.has("texts-2.bin"));
    CHECK(s.t.has("texts-1.bin"));

    // The same files, written through, make generation 3.
    InboxBase base = in.base;
    REQUIRE(write_snapshot_files(s.t.dir, files, base, err));
    CHECK(base.generation == 3);
    CHECK(s.t.read("texts-3.bin") == files.texts);
    CHECK_FALSE(s.t.has("texts-1.bin"));
    CHECK_FALSE(s.t.has("snapshot-1.bin"));
    LoadedInbox after = load(s.t);
    CHECK(after.recovery.empty());
    require_same(after.store, s.memory);
}

TEST_CASE("a damaged snapshot is rebuilt from the previous one and both journals", "[storage]") {
    TwoGenerations s;
    const std::string good = s.t.read("snapshot-2.bin");
    auto check_recovered = [&](const std::string& damage) {
        LoadedInbox in = load(s.t);
        INFO(joined(in.recovery));
        require_same(in.store, s.memory);
        CHECK(in.needs_snapshot);
        CHECK(in.files_changed);
        REQUIRE(in.recovery.size() == 1);
        CHECK(in.recovery[0] == "snapshot-2.bin was damaged (" + damage +
                                    "). The inbox was rebuilt from snapshot-1.bin and both journals: nothing was lost. "
                                    "The damaged file was set aside as snapshot-2.bin.damaged.");
        CHECK(s.t.has("snapshot-2.bin.damaged"));
        CHECK_FALSE(s.t.has("snapshot-2.bin"));
        // The app then writes a new generation; the next load is clean again.
        std::string err;
        InboxBase base = in.base;
        REQUIRE(write_snapshot(s.t.dir, in.store, base, err));
        CHECK_FALSE(base.has_previous);   // snapshot-2.bin is gone: no fallback to name
        LoadedInbox after = load(s.t);
        CHECK(after.recovery.empty());
        require_same(after.store, s.memory);
        CHECK(s.t.has("snapshot-2.bin.damaged"));   // kept for inspection
    };
    SECTION("cut short") {
        s.t.write("snapshot-2.bin", good.substr(0, good.size() / 2));
        check_recovered("truncated at byte " + std::to_string(good.size() / 2) + " of " + std::to_string(good.size()));
    }
    SECTION("one bit flipped") {
        std::string bad = good;
        bad[bad.size() / 3] ^= 0x10;
        s.t.write("snapshot-2.bin", bad);
        check_recovered("checksum mismatch");
    }
    SECTION("missing") {
        REQUIRE(std::remove(s.t.path("snapshot-2.bin").c_str()) == 0);
        LoadedInbox in = load(s.t);
        require_same(in.store, s.memory);
        REQUIRE(in.recovery.size() == 1);
        CHECK(in.recovery[0] == "snapshot-2.bin is missing. The inbox was rebuilt from snapshot-1.bin and both journals: nothing was lost.");
    }
    SECTION("sampled truncations and bit flips all recover everything") {
        fixtures::Rng rng{77};
        for (int i = 0; i < 12; ++i) {
            std::string bad = good;
            if (i % 2) bad.resize(rng.below(bad.size()));
            else bad[rng.below(bad.size())] ^= char(1 << rng.below(8));
            s.t.write("snapshot-2.bin", bad);
            LoadedInbox in = load(s.t);
            require_same(in.store, s.memory);
            REQUIRE(std::rename(s.t.path("snapshot-2.bin.damaged").c_str(), s.t.path("snapshot-2.bin").c_str()) == 0);
        }
    }
    SECTION("both snapshots damaged: nothing is deleted, and a new demo can start beside the files") {
        std::string bad = good;
        bad[100] ^= 1;
        s.t.write("snapshot-2.bin", bad);
        s.t.write("snapshot-1.bin", "garbage");
        LoadedInbox in;
        std::string err;
        CHECK_FALSE(load_inbox(s.t.dir, demo_base(), in, err));
        CHECK(err.find("snapshot-2.bin: checksum mismatch (file damaged)") != std::string::npos);
        CHECK(err.find("snapshot-1.bin: not a SellerDesk snapshot") != std::string::npos);
        CHECK(err.find("nothing was deleted") != std::string::npos);
        for (const char* name : {"base.json", "snapshot-1.bin", "snapshot-2.bin", "texts-1.bin", "texts-2.bin", "journal-1.log",
                                 "journal-2.log"}) {
            CHECK(s.t.has(std::string(name) + ".damaged"));
            CHECK_FALSE(s.t.has(name));
        }
        // The app starts over; the evidence stays.
        REQUIRE(reset_inbox(s.t.dir, demo_base(), err));
        LoadedInbox fresh = load(s.t);
        CHECK(fresh.base.generation == 0);
        CHECK(s.t.read("journal-2.log.damaged").size() > 1000);
        CHECK(s.t.has("snapshot-2.bin.damaged"));
    }
}

TEST_CASE("a damaged journal keeps every record before the damage", "[storage]") {
    TwoGenerations s;
    // What generation 2 started from, and the records after it.
    const Store start = start_of(s.t, 2);
    const std::string journal = s.t.read("journal-2.log");
    JournalScan all = scan_journal(journal);
    REQUIRE(all.problem.empty());
    REQUIRE(all.records.size() > 100);
    // The byte where each record ends.
    std::vector<size_t> ends;
    for (size_t p = 0, k = 0; k < all.records.size(); ++k) ends.push_back(p += encode_journal_record(all.records[k]).size());
    REQUIRE(ends.back() == journal.size());

    auto expected_after = [&](size_t records) {
        Store e = start;
        std::string why;
        for (size_t k = 0; k < records; ++k) apply_op(e, all.records[k], why);
        return e;
    };
    fixtures::Rng rng{3};
    for (int i = 0; i < 16; ++i) {
        std::string bad = journal;
        size_t damage_at;
        if (i % 2) {   // cut at a random byte (a torn write)
            bad.resize(rng.below(journal.size()));
            damage_at = bad.size();
        } else {       // a flipped bit
            damage_at = rng.below(journal.size());
            bad[damage_at] ^= char(1 << rng.below(8));
        }
        const size_t kept = size_t(std::upper_bound(ends.begin(), ends.end(), damage_at) - ends.begin());
        s.t.write("journal-2.log", bad);
        LoadedInbox in = load(s.t);
        INFO("damage at " << damage_at << ": " << joined(in.recovery));
        require_same(in.store, expected_after(kept));
        const size_t valid = kept ? ends[kept - 1] : 0;
        if (valid == bad.size()) {   // cut exactly between two records: nothing is damaged
            CHECK(in.recovery.empty());
            continue;
        }
        REQUIRE(in.recovery.size() == 1);
        const std::string& said = in.recovery[0];
        CHECK(said.find("journal-2.log had a damaged tail (") == 0);
        CHECK(said.find(std::to_string(kept) + (kept == 1 ? " saved change was recovered" : " saved changes were recovered")) != std::string::npos);
        CHECK(said.find("set aside in journal-2.log.damaged.") != std::string::npos);
        CHECK(in.journal_dropped_bytes == bad.size() - valid);
        CHECK(s.t.read("journal-2.log").size() == valid);
        CHECK(s.t.has("journal-2.log.damaged"));
        std::remove(s.t.path("journal-2.log.damaged").c_str());
    }
    SECTION("the exact sentence") {
        s.t.write("journal-2.log", journal + "J 80 0000abcd {\"op\":\"set_un");
        LoadedInbox in = load(s.t);
        REQUIRE(in.recovery.size() == 1);
        CHECK(in.recovery[0] == "journal-2.log had a damaged tail (record " + std::to_string(all.records.size() + 1) +
                                    ": torn record (file ends inside it)): " + std::to_string(all.records.size()) +
                                    " saved changes were recovered; 27 bytes that could not be read were set aside in "
                                    "journal-2.log.damaged.");
        require_same(in.store, s.memory);
        // Appending after the repair continues a valid journal.
        Store memory = s.memory;
        edit(s.t.dir, in.base, memory, 5, 30);
        LoadedInbox after = load(s.t);
        CHECK(after.recovery.empty());
        require_same(after.store, memory);
    }
}

TEST_CASE("a damaged or missing base.json is replaced by scanning for the newest generation", "[storage]") {
    TwoGenerations s;
    SECTION("damaged") {
        s.t.write("base.json", "{\"format\": \"sellerdesk-base\", \"vers");
        LoadedInbox in = load(s.t);
        require_same(in.store, s.memory);
        CHECK(in.base.generation == 2);
        CHECK(in.base.has_previous);
        REQUIRE_FALSE(in.recovery.empty());
        CHECK(in.recovery[0] ==
              "base.json was damaged (not a SellerDesk base file); the inbox was found by its files and loaded from "
              "generation 2 (snapshot-2.bin and journal-2.log). The damaged base.json was set aside as base.json.damaged.");
        CHECK(s.t.has("base.json.damaged"));
        // A new base.json was written: the next load is clean.
        LoadedInbox again = load(s.t);
        CHECK(again.recovery.empty());
        require_same(again.store, s.memory);
    }
    SECTION("missing, and the newest snapshot damaged too") {
        REQUIRE(std::remove(s.t.path("base.json").c_str()) == 0);
        std::string bad = s.t.read("snapshot-2.bin");
        bad[60] ^= 4;
        s.t.write("snapshot-2.bin", bad);
        LoadedInbox in = load(s.t);
        INFO(joined(in.recovery));
        require_same(in.store, s.memory);
        CHECK(contains(in.recovery, "base.json is missing"));
        CHECK(contains(in.recovery, "rebuilt from snapshot-1.bin and both journals: nothing was lost"));
    }
    SECTION("from a newer app: refused, nothing touched") {
        s.t.write("base.json", json{{"format", "sellerdesk-base"}, {"version", 3}}.dump());
        LoadedInbox in;
        std::string err;
        CHECK_FALSE(load_inbox(s.t.dir, demo_base(), in, err));
        CHECK(err.find("base.json: version 3 is newer than this app reads") != std::string::npos);
        CHECK(s.t.has("snapshot-2.bin"));
        CHECK(s.t.has("base.json"));
    }
}

TEST_CASE("a version 1 inbox loads as before and migrates on the next snapshot", "[storage]") {
    TempDir t;
    // Version 1 as it was written: a demo description and journal.log.
    std::string err0;
    REQUIRE(reset_inbox(t.dir, demo_base(), err0));
    LoadedInbox in = load(t);
    Store memory = in.store;
    CHECK(in.base.generation == 0);
    edit(t.dir, in.base, memory, 120, 1);
    LoadedInbox v1 = load(t);
    CHECK(v1.needs_snapshot);
    CHECK_FALSE(v1.created);
    require_same(v1.store, memory);

    InboxBase base = v1.base;
    std::string err;
    REQUIRE(write_snapshot(t.dir, v1.store, base, err));
    edit(t.dir, base, memory, 60, 2);
    LoadedInbox v2 = load(t);
    CHECK_FALSE(v2.needs_snapshot);
    require_same(v2.store, memory);

    SECTION("snapshot-1.bin damaged: the demo, journal.log and journal-1.log give everything back") {
        std::string bad = t.read("snapshot-1.bin");
        bad.resize(bad.size() - 1);
        t.write("snapshot-1.bin", bad);
        LoadedInbox r = load(t);
        INFO(joined(r.recovery));
        require_same(r.store, memory);
        CHECK(contains(r.recovery, "rebuilt from the demo description and both journals: nothing was lost"));
    }
    SECTION("the next generation drops the version 1 files") {
        REQUIRE(write_snapshot(t.dir, v2.store, base, err));
        CHECK_FALSE(t.has("journal.log"));
        require_same(load(t).store, memory);
    }
    SECTION("a version 1 snapshot.json with journal_from migrates too") {
        // Version 1 after an import: the export in snapshot.json holds the first bytes of journal.log.
        TempDir u;
        REQUIRE(reset_inbox(u.dir, demo_base(), err));
        Store m = load(u).store;
        InboxBase b0 = load(u).base;
        edit(u.dir, b0, m, 30, 3);
        SyncData d;
        d.store = m;
        d.store.conversations.push_back(d.store.conversations[0]);
        d.store.conversations.back().id = "imported-1";
        d.store.reindex();
        m = d.store;
        ExportOptions o;
        o.templates = o.settings = false;
        std::string text;
        REQUIRE(export_text(d, o, text, err));
        u.write("snapshot.json", text);
        const size_t from = u.read("journal.log").size();
        u.write("base.json", json{{"format", "sellerdesk-base"}, {"version", 1},
                                  {"snapshot", {{"file", "snapshot.json"}, {"journal_from", from}}}}.dump());
        LoadedInbox l = load(u);
        b0 = l.base;
        CHECK(l.needs_snapshot);
        CHECK(l.ops_applied == 0);
        edit(u.dir, b0, m, 20, 4);
        l = load(u);
        // The export sorts records, the snapshot keeps the store's order: compare what both carry.
        CHECK(export_of(l.store) == export_of(m));
        InboxBase b = l.base;
        REQUIRE(write_snapshot(u.dir, l.store, b, err));
        json base_json = json::parse(u.read("base.json"));
        CHECK(base_json["previous"]["snapshot"] == "snapshot.json");
        CHECK(base_json["previous"]["journal_from"] == from);
        Store expect = l.store;
        edit(u.dir, b, expect, 20, 5);
        std::string bad = u.read("snapshot-1.bin");
        bad[50] ^= 2;
        u.write("snapshot-1.bin", bad);
        LoadedInbox r = load(u);
        CHECK(export_of(r.store) == export_of(expect));
        CHECK(contains(r.recovery, "rebuilt from snapshot.json and both journals: nothing was lost"));
    }
}

// ---- texts files ----------------------------------------------------------------------------------

TEST_CASE("loading with the texts later leaves them empty until the texts file is read", "[storage][texts]") {
    TwoGenerations s;
    const LoadedInbox full = load(s.t);
    require_same(full.store, s.memory);
    CHECK_FALSE(full.texts_pending);

    LoadedInbox later = load(s.t, true);
    CHECK(later.recovery.empty());
    CHECK_FALSE(later.needs_snapshot);
    CHECK_FALSE(later.files_changed);
    CHECK(later.base.generation == 2);
    REQUIRE(later.texts_pending);
    CHECK(later.texts_file == "texts-2.bin");
    CHECK(later.ops_applied == full.ops_applied);
    // The link is the one the snapshot file gives.
    Store list;
    TextsLink link;
    std::string err;
    REQUIRE(decode_snapshot(s.t.read("snapshot-2.bin"), list, err, &link));
    CHECK(later.texts_link.separate);
    CHECK(later.texts_link.snapshot_crc == link.snapshot_crc);
    CHECK(later.texts_link.conversations == link.conversations);
    CHECK(later.texts_link.messages == link.messages);
    // Exactly the snapshot without its texts, with journal-2.log replayed over it: the replies
    // made since have their texts, every message of the snapshot has none yet.
    Store expect = list;
    for (const json& op : scan_journal(s.t.read("journal-2.log")).records) apply_op(expect, op, err);
    CHECK(same_store(later.store, expect));
    CHECK(fixtures::message_count(later.store) > link.messages);   // replies in journal-2.log
    size_t empty = 0, filled = 0;
    for (size_t i = 0; i < later.store.conversations.size(); ++i) {
        const std::vector<Message>& messages = later.store.conversations[i].messages;
        for (size_t k = 0; k < messages.size(); ++k) {
            const bool from_snapshot = i < link.conversations && k < list.conversations[i].messages.size();
            (messages[k].body.empty() ? empty : filled) += 1;
            if (from_snapshot) REQUIRE(messages[k].body.empty());
            else REQUIRE_FALSE(messages[k].body.empty());
        }
    }
    CHECK(empty == link.messages);
    CHECK(filled > 0);

    SECTION("decode_texts then gives exactly what a full load gives") {
        REQUIRE(decode_texts(s.t.read(later.texts_file), later.texts_link, later.store, err));
        require_same(later.store, full.store);
        require_same(later.store, s.memory);
    }
    SECTION("so does a TextsJob in slices") {
        TextsJob job;
        REQUIRE(begin_texts(s.t.read(later.texts_file), later.texts_link, job, err));
        while (!texts_next(job, later.store, 1000)) {
        }
        CHECK(job.error.empty());
        require_same(later.store, s.memory);
    }
    SECTION("a damaged texts file is refused, and a full load then recovers") {
        std::string bad = s.t.read("texts-2.bin");
        bad[bad.size() / 2] ^= 0x04;
        s.t.write("texts-2.bin", bad);
        LoadedInbox again = load(s.t, true);   // the snapshot is fine: the texts wait
        CHECK(again.recovery.empty());
        REQUIRE(again.texts_pending);
        const Store before = again.store;
        CHECK_FALSE(decode_texts(s.t.read(again.texts_file), again.texts_link, again.store, err));
        CHECK(err == "checksum mismatch (file damaged)");
        CHECK(same_store(again.store, before));
        LoadedInbox recovered = load(s.t);
        require_same(recovered.store, s.memory);
        REQUIRE(recovered.recovery.size() == 1);
        CHECK(recovered.recovery[0].find("texts-2.bin was damaged (checksum mismatch)") == 0);
    }
    SECTION("a damaged snapshot with the texts later: rebuilt from the previous generation, texts and all") {
        std::string bad = s.t.read("snapshot-2.bin");
        bad[bad.size() / 2] ^= 0x04;
        s.t.write("snapshot-2.bin", bad);
        LoadedInbox r = load(s.t, true);
        CHECK_FALSE(r.texts_pending);
        require_same(r.store, s.memory);
        REQUIRE(r.recovery.size() == 1);
        CHECK(r.recovery[0].find("snapshot-2.bin was damaged (checksum mismatch)") == 0);
    }
    SECTION("nothing is pending for generation 0") {
        TempDir u;
        LoadedInbox fresh = load(u, true);
        CHECK(fresh.created);
        CHECK_FALSE(fresh.texts_pending);
        CHECK_FALSE(fixtures::no_texts(fresh.store));
        CHECK(load(u, true).texts_file.empty());
    }
}

TEST_CASE("a damaged or missing texts file is rebuilt from the previous generation and both journals", "[storage][texts]") {
    TwoGenerations s;
    const std::string good = s.t.read("texts-2.bin");
    auto check_recovered = [&](const std::string& damage) {
        LoadedInbox in = load(s.t);
        INFO(joined(in.recovery));
        require_same(in.store, s.memory);
        CHECK(in.needs_snapshot);
        CHECK(in.files_changed);
        REQUIRE(in.recovery.size() == 1);
        CHECK(in.recovery[0] == "texts-2.bin was damaged (" + damage +
                                    "). The inbox was rebuilt from snapshot-1.bin and both journals: nothing was lost. "
                                    "The damaged file was set aside as texts-2.bin.damaged.");
        CHECK(s.t.has("texts-2.bin.damaged"));
        CHECK_FALSE(s.t.has("texts-2.bin"));
        CHECK(s.t.has("snapshot-2.bin"));      // intact, left where it is
        CHECK(s.t.has("snapshot-1.bin"));
        CHECK(s.t.has("texts-1.bin"));
        // The app then writes a new generation; the next load is clean again.
        std::string err;
        InboxBase base = in.base;
        REQUIRE(write_snapshot(s.t.dir, in.store, base, err));
        LoadedInbox after = load(s.t);
        CHECK(after.recovery.empty());
        require_same(after.store, s.memory);
        CHECK(s.t.has("texts-2.bin.damaged"));   // kept for inspection
    };
    SECTION("one bit flipped") {
        std::string bad = good;
        bad[bad.size() / 3] ^= 0x10;
        s.t.write("texts-2.bin", bad);
        check_recovered("checksum mismatch");
    }
    SECTION("a bit flipped in its header") {
        std::string bad = good;
        bad[30] ^= 0x01;
        s.t.write("texts-2.bin", bad);
        check_recovered("checksum mismatch");
    }
    SECTION("cut short") {
        s.t.write("texts-2.bin", good.substr(0, good.size() / 2));
        check_recovered("truncated at byte " + std::to_string(good.size() / 2) + " of " + std::to_string(good.size()));
    }
    SECTION("the texts of another generation") {
        s.t.write("texts-2.bin", s.t.read("texts-1.bin"));
        check_recovered("belongs to another snapshot (the snapshot's checksum differs)");
    }
    SECTION("missing") {
        REQUIRE(std::remove(s.t.path("texts-2.bin").c_str()) == 0);
        LoadedInbox in = load(s.t);
        require_same(in.store, s.memory);
        CHECK(in.needs_snapshot);
        REQUIRE(in.recovery.size() == 1);
        CHECK(in.recovery[0] == "texts-2.bin is missing. The inbox was rebuilt from snapshot-1.bin and both journals: nothing was lost.");
        CHECK_FALSE(s.t.has("texts-2.bin.damaged"));
        std::string err;
        InboxBase base = in.base;
        REQUIRE(write_snapshot(s.t.dir, in.store, base, err));
        LoadedInbox after = load(s.t);
        CHECK(after.recovery.empty());
        require_same(after.store, s.memory);
    }
    SECTION("sampled truncations and bit flips all recover everything") {
        fixtures::Rng rng{78};
        for (int i = 0; i < 12; ++i) {
            std::string bad = good;
            if (i % 2) bad.resize(rng.below(bad.size()));
            else bad[rng.below(bad.size())] ^= char(1 << rng.below(8));
            s.t.write("texts-2.bin", bad);
            LoadedInbox in = load(s.t);
            INFO(joined(in.recovery));
            require_same(in.store, s.memory);
            CHECK(contains(in.recovery, "texts-2.bin was damaged ("));
            REQUIRE(std::rename(s.t.path("texts-2.bin.damaged").c_str(), s.t.path("texts-2.bin").c_str()) == 0);
        }
    }
    SECTION("the previous generation's texts damaged too: nothing is deleted") {
        std::string bad = good;
        bad[100] ^= 1;
        s.t.write("texts-2.bin", bad);
        std::string bad1 = s.t.read("texts-1.bin");
        bad1.resize(bad1.size() - 3);
        s.t.write("texts-1.bin", bad1);
        LoadedInbox in;
        std::string err;
        CHECK_FALSE(load_inbox(s.t.dir, demo_base(), in, err));
        CHECK(err.find("texts-2.bin: checksum mismatch (file damaged)") != std::string::npos);
        CHECK(err.find("texts-1.bin: truncated at byte") != std::string::npos);
        CHECK(err.find("nothing was deleted") != std::string::npos);
        for (const char* name : {"base.json", "snapshot-1.bin", "snapshot-2.bin", "texts-1.bin", "texts-2.bin"}) {
            CHECK(s.t.has(std::string(name) + ".damaged"));
            CHECK_FALSE(s.t.has(name));
        }
    }
    SECTION("base.json missing as well: found by scanning, then rebuilt") {
        REQUIRE(std::remove(s.t.path("base.json").c_str()) == 0);
        std::string bad = good;
        bad[good.size() - 2] ^= 0x40;
        s.t.write("texts-2.bin", bad);
        LoadedInbox in = load(s.t);
        INFO(joined(in.recovery));
        require_same(in.store, s.memory);
        CHECK(contains(in.recovery, "base.json is missing"));
        CHECK(contains(in.recovery, "texts-2.bin was damaged (checksum mismatch). The inbox was rebuilt from snapshot-1.bin and "
                                    "both journals: nothing was lost."));
    }
}

TEST_CASE("a generation written by the previous app (a version 1 snapshot, no texts file) loads with its texts", "[storage][texts]") {
    TwoGenerations s;
    // The previous app had no closed_at: its conversations were closed at an unknown time (the
    // journal's set_status ops carry no `at` either).
    s.memory = fixtures::without_closed_at(s.memory);
    const Store start = fixtures::without_closed_at(start_of(s.t, 2));
    s.t.write("snapshot-2.bin", fixtures::legacy_snapshot(start, 1));
    REQUIRE(std::remove(s.t.path("texts-2.bin").c_str()) == 0);
    LoadedInbox in = load(s.t);
    CHECK(in.recovery.empty());
    CHECK_FALSE(in.needs_snapshot);
    require_same(in.store, s.memory);
    // Its texts are in the snapshot: nothing to read later.
    LoadedInbox later = load(s.t, true);
    CHECK_FALSE(later.texts_pending);
    require_same(later.store, s.memory);
    // The next generation is written in two files.
    std::string err;
    InboxBase base = in.base;
    REQUIRE(write_snapshot(s.t.dir, in.store, base, err));
    CHECK(s.t.has("texts-3.bin"));
    CHECK(same_store(start_of(s.t, 3), s.memory));
    require_same(load(s.t).store, s.memory);
    // And it is still a fallback: generation 3's snapshot damaged is rebuilt from it.
    std::string bad = s.t.read("snapshot-3.bin");
    bad[70] ^= 0x08;
    s.t.write("snapshot-3.bin", bad);
    LoadedInbox r = load(s.t);
    INFO(joined(r.recovery));
    require_same(r.store, s.memory);
    CHECK(contains(r.recovery, "rebuilt from snapshot-2.bin and both journals: nothing was lost"));
}

// ---- regressions: a reply replayed among the snapshot's messages, a set-aside texts file ------------

TEST_CASE("texts read later land in the right messages after a replayed reply older than the thread's end", "[storage]") {
    // ops.cpp inserts a reply in time order, so a journaled reply can sit among the snapshot's
    // messages. The snapshot's k-th text belongs to the k-th message still without one (once it
    // went to the k-th message: the reply took another's text and the last one stayed empty).
    TwoGenerations s;
    Conversation& c = s.memory.conversations[0];
    REQUIRE(c.messages.size() >= 2);
    const json op = {{"op", "reply"}, {"id", c.id}, {"message_id", "early"}, {"text", "An early reply"}, {"author", "Lily"},
                     {"at", format_iso8601(c.messages.front().at + 1)}};
    std::string err;
    REQUIRE(apply_op(s.memory, op, err));
    REQUIRE(append_op(s.t.dir, s.base, op, err));
    require_same(load(s.t).store, s.memory);
    LoadedInbox later = load(s.t, true);
    REQUIRE(later.texts_pending);
    REQUIRE(decode_texts(s.t.read(later.texts_file), later.texts_link, later.store, err));
    require_same(later.store, s.memory);
}

TEST_CASE("after a texts file was set aside, the next generation names no previous generation it cannot load", "[storage]") {
    // As with a damaged snapshot (whose test checks has_previous is false): a generation whose
    // texts file was set aside is no fallback (write_snapshot_files once looked only for
    // snapshot-G.bin).
    TwoGenerations s;
    std::string bad = s.t.read("texts-2.bin");
    bad[bad.size() / 3] ^= 0x10;
    s.t.write("texts-2.bin", bad);
    LoadedInbox in = load(s.t);
    require_same(in.store, s.memory);
    REQUIRE_FALSE(s.t.has("texts-2.bin"));
    std::string err;
    InboxBase base = in.base;
    REQUIRE(write_snapshot(s.t.dir, in.store, base, err));
    CHECK_FALSE(base.has_previous);   // texts-2.bin is gone: generation 2 cannot be loaded
}
