#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "core/export_json.h"
#include "core/journal.h"
#include "core/ops.h"
#include "core/storage.h"
#include "core/time.h"

using namespace sd;
using nlohmann::json;

TEST_CASE("crc32 matches the standard check value", "[journal]") {
    CHECK(crc32("123456789") == 0xCBF43926u);
    CHECK(crc32("") == 0u);
}

TEST_CASE("journal records round trip and a torn tail is cut cleanly", "[journal]") {
    std::string text;
    for (int i = 0; i < 5; ++i) text += encode_journal_record({{"op", "set_unread"}, {"id", "c" + std::to_string(i)}, {"unread", false}});
    JournalScan all = scan_journal(text);
    REQUIRE(all.records.size() == 5);
    CHECK(all.problem.empty());
    CHECK(all.valid_bytes == text.size());
    CHECK(all.records[3]["id"] == "c3");

    SECTION("truncated anywhere inside the last record") {
        size_t last_start = text.rfind("J ", text.size() - 2);
        for (size_t cut = last_start + 1; cut < text.size(); ++cut) {
            JournalScan s = scan_journal(std::string_view(text).substr(0, cut));
            REQUIRE(s.records.size() == 4);
            REQUIRE(s.valid_bytes == last_start);
            REQUIRE_FALSE(s.problem.empty());
        }
    }
    SECTION("a flipped bit in a payload fails its checksum and stops there") {
        std::string bad = text;
        size_t second = bad.find("J ", 1);
        bad[second + 30] ^= 0x04;
        JournalScan s = scan_journal(bad);
        CHECK(s.records.size() == 1);
        CHECK(s.problem.find("record 2") != std::string::npos);
        CHECK(s.dropped_bytes == bad.size() - second);
    }
    SECTION("newlines and Chinese text inside a payload are escaped, not framing") {
        std::string one = encode_journal_record({{"op", "add_note"}, {"text", "已联系物流\n第二行"}});
        CHECK(one.find('\n') == one.size() - 1);
        JournalScan s = scan_journal(one);
        REQUIRE(s.records.size() == 1);
        CHECK(s.records[0]["text"] == "已联系物流\n第二行");
    }
}

TEST_CASE("the inbox reloads its base and replays the journal", "[journal][storage]") {
    char tmpl[] = "/tmp/sd-storage-XXXXXX";
    REQUIRE(mkdtemp(tmpl));
    std::string dir = std::string(tmpl) + "/inbox";
    InboxBase base;
    base.seed = 3;
    base.conversations = 60;
    REQUIRE(parse_iso8601("2026-11-20T12:00:00Z", base.now));
    std::string err;
    LoadedInbox first;
    REQUIRE(load_inbox(dir, base, first, err));
    CHECK(first.created);
    REQUIRE(first.store.conversations.size() == 60);
    const std::string id = first.store.conversations[5].id;
    bool was_unread = first.store.conversations[5].unread;
    size_t notes_before = first.store.conversations[5].notes.size();
    json op = {{"op", "set_unread"}, {"id", id}, {"unread", !was_unread}};
    REQUIRE(apply_op(first.store, op, err));
    REQUIRE(append_op(dir, first.base, op, err));
    json note = {{"op", "add_note"}, {"id", id}, {"note_id", "n-1"}, {"text", "客户来电，已说明退货流程"}, {"agent", "小王"},
                 {"at", "2026-11-20T13:00:00Z"}};
    REQUIRE(apply_op(first.store, note, err));
    REQUIRE(append_op(dir, first.base, note, err));

    InboxBase other = base;
    other.seed = 99;   // ignored: the stored base wins
    LoadedInbox second;
    REQUIRE(load_inbox(dir, other, second, err));
    CHECK_FALSE(second.created);
    CHECK(second.base.seed == 3);
    CHECK(second.ops_applied == 2);
    const Conversation* c = second.store.find_conversation(id);
    REQUIRE(c);
    CHECK(c->unread == !was_unread);
    REQUIRE(c->notes.size() == notes_before + 1);
    CHECK(c->notes.back().agent == "小王");
    CHECK(c->notes.back().id == "n-1");

    SECTION("a torn tail is set aside and the valid prefix survives") {
        FILE* f = std::fopen((dir + "/journal.log").c_str(), "ab");
        std::fputs("J 80 0000abcd {\"op\":\"set_un", f);
        std::fclose(f);
        LoadedInbox third;
        REQUIRE(load_inbox(dir, base, third, err));
        CHECK(third.ops_applied == 2);
        CHECK_FALSE(third.journal_problem.empty());
        std::string damaged, journal;
        REQUIRE(read_file(dir + "/journal.damaged", damaged));
        CHECK(damaged.find("set_un") != std::string::npos);
        REQUIRE(read_file(dir + "/journal.log", journal));
        CHECK(scan_journal(journal).problem.empty());
        // New records after the repair are readable.
        REQUIRE(append_op(dir, third.base, {{"op", "set_unread"}, {"id", id}, {"unread", was_unread}}, err));
        LoadedInbox fourth;
        REQUIRE(load_inbox(dir, base, fourth, err));
        CHECK(fourth.ops_applied == 3);
        CHECK(fourth.journal_problem.empty());
        CHECK(fourth.store.find_conversation(id)->unread == was_unread);
    }
    SECTION("a version 1 snapshot replaces the demo as the start; only later records are replayed") {
        // What version 1's write_snapshot left: the store as an export in snapshot.json, and
        // base.json naming it with the journal length it already holds.
        InboxBase b = second.base;
        // A conversation the demo never had (as an import would add) must come back from the snapshot.
        Conversation extra = second.store.conversations[0];
        extra.id = "imported-1";
        second.store.conversations.push_back(extra);
        second.store.reindex();
        SyncData data;
        data.store = second.store;
        ExportOptions xo;
        xo.templates = xo.settings = false;
        std::string text;
        REQUIRE(export_text(data, xo, text, err));
        REQUIRE(write_file_atomic(dir + "/snapshot.json", text));
        std::string journal_so_far;
        REQUIRE(read_file(dir + "/journal.log", journal_so_far));
        b.snapshot = "snapshot.json";
        b.journal_from = journal_so_far.size();
        REQUIRE(write_file_atomic(dir + "/base.json",
                                  json{{"format", "sellerdesk-base"}, {"version", 1},
                                       {"snapshot", {{"file", "snapshot.json"}, {"journal_from", b.journal_from}}}}.dump()));
        CHECK(b.journal_from > 0);
        json later = {{"op", "set_unread"}, {"id", "imported-1"}, {"unread", false}};
        REQUIRE(apply_op(second.store, later, err));
        REQUIRE(append_op(dir, b, later, err));
        LoadedInbox fifth;
        REQUIRE(load_inbox(dir, base, fifth, err));
        CHECK(fifth.base.snapshot == "snapshot.json");
        CHECK(fifth.ops_applied == 1);   // the two before the snapshot are in it
        CHECK(fifth.needs_snapshot);     // version 1: the app migrates by writing a generation
        REQUIRE(fifth.store.conversations.size() == 61);
        CHECK(fifth.store.find_conversation("imported-1")->unread == false);
        CHECK(fifth.store.find_conversation(id)->notes.back().id == "n-1");
        // A torn tail after the snapshot is still cut at the right place.
        FILE* f = std::fopen((dir + "/journal.log").c_str(), "ab");
        std::fputs("J 80 0000abcd {\"op", f);
        std::fclose(f);
        LoadedInbox sixth;
        REQUIRE(load_inbox(dir, base, sixth, err));
        CHECK(sixth.ops_applied == 1);
        CHECK_FALSE(sixth.journal_problem.empty());
        std::string journal;
        REQUIRE(read_file(dir + "/journal.log", journal));
        CHECK(journal.size() == b.journal_from + encode_journal_record(later).size());
        // A damaged snapshot is an error that names the file, not a silent demo.
        REQUIRE(write_file_atomic(dir + "/snapshot.json", "{\"format\": \"sellerdesk-export\""));
        LoadedInbox seventh;
        CHECK_FALSE(load_inbox(dir, base, seventh, err));
        CHECK(err.find("snapshot.json") != std::string::npos);
    }
    std::string cmd = std::string("rm -rf ") + tmpl;
    CHECK(std::system(cmd.c_str()) == 0);
}
