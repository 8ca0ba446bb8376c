// The register commands in the app: entries made through dispatch() like the bridge makes them,
// refusals that leave registers.json alone, the file surviving a reload, exports carrying the
// entries, and an import merging another agent's.
#include "app_fixture.h"

#include "app/import_export.h"
#include "app/state_json.h"
#include "core/csv_table.h"
#include "core/storage.h"

using app_test::TestApp;
using nlohmann::json;

namespace {

std::string tmall_with_order(const TestApp& t, const std::string& other_than = "") {
    return t.find_id([&](const sd::Conversation& c) {
        return c.marketplace == sd::Marketplace::Tmall && !c.order_id.empty() && c.id != other_than;
    });
}

json add(const std::string& id, int64_t cents, const char* approved_by = nullptr) {
    json cmd = {{"type", "register_add"}, {"register", "wrong_shipment"}, {"id", id}, {"amount_cents", cents}, {"text", "发错颜色"}};
    if (approved_by) cmd["approved_by"] = approved_by;
    return cmd;
}

std::string registers_text(const TestApp& t) { return sd::registers_to_json(t.app.registers.data).dump(); }

}  // namespace

TEST_CASE("register_add and register_set_status change the registers and survive a reload", "[app][registers][cmd:register_add][cmd:register_set_status][cmd:register_export]") {
    TestApp t;
    const std::string id = tmall_with_order(t);
    std::string entry;
    {
        const std::string before = registers_text(t);
        t.refused(add(id, 2500), "needs a supervisor's approval");
        t.refused(add(id, -1), "cannot be negative");
        t.refused(add("nope", 100), "no conversation \"nope\"");
        json bad = add(id, 100);
        bad["register"] = "refunds";
        t.refused(bad, "\"register\" must be");
        CHECK(registers_text(t) == before);
    }
    json r = t.ok(add(id, 2500, "Chen Jie"));
    entry = r["entry_id"].get<std::string>();
    CHECK(entry.rfind(id + "-reg1-", 0) == 0);
    t.ok({{"type", "register_set_status"}, {"entry_id", entry}, {"status", "reshipped"}});
    t.refused({{"type", "register_set_status"}, {"entry_id", "nope"}, {"status", "closed"}}, "no register entry \"nope\"");
    t.refused({{"type", "register_set_status"}, {"entry_id", entry}, {"status", "paid"}}, "\"status\" must be");
    json csv = t.ok({{"type", "register_export"}, {"register", "wrong_shipment"}});
    CHECK(csv["csv"].get<std::string>().rfind(std::string(sd::kUtf8Bom), 0) == 0);
    CHECK(csv["rows"] == 1);
    t.refused({{"type", "register_export"}, {"register", "all"}}, "\"register\" must be");
    json s = state_json(t.app, 0)["registers"];
    CHECK(s["wrong_shipment"]["count"] == 1);
    CHECK(s["wrong_shipment"]["total_cents"] == 2500);
    CHECK(s["wrong_shipment"]["by_status"]["reshipped"] == 1);
    CHECK(s["lost_parcel"]["count"] == 0);

    TestApp again(t.dir);
    REQUIRE(again.app.registers.data.entries.size() == 1);
    const sd::RegisterEntry& e = again.app.registers.data.entries[0];
    CHECK(e.id == entry);
    CHECK(e.status == sd::RegisterStatus::Reshipped);
    CHECK(e.approved_by == "Chen Jie");
    CHECK(e.status_edit.stamp.replica == t.app.settings.replica_id);
}

TEST_CASE("registers travel in the export; an import merges them, undo takes them back", "[app][registers]") {
    TestApp a;
    const std::string id = tmall_with_order(a);
    const std::string theirs = a.ok(add(id, 800))["entry_id"].get<std::string>();
    std::string file, error;
    ExportRequest req;
    REQUIRE(export_json_text(a.app, req, file, error));
    REQUIRE(file.find(theirs) != std::string::npos);
    // Another agent's inbox (another replica) with an entry of its own takes a's file in.
    TestApp b;
    const std::string mine = b.ok(add(tmall_with_order(b, id), 300))["entry_id"].get<std::string>();
    b.ack_flushes();
    REQUIRE(import_begin(b.app, std::move(file), "a.json")["ok"] == true);
    for (int i = 0; i < 10000 && b.app.import.running; ++i) import_step(b.app);
    REQUIRE(b.app.import.report["ok"] == true);
    CHECK(b.app.registers.data.entries.size() == 2);
    CHECK(b.app.registers.data.find(theirs));
    CHECK(b.app.registers.data.find(mine));
    b.ack_flushes();
    {
        TestApp again(b.dir);
        CHECK(again.app.registers.data.entries.size() == 2);
    }
    b.ok({{"type", "undo_import"}});
    REQUIRE(b.app.registers.data.entries.size() == 1);
    CHECK(b.app.registers.data.entries[0].id == mine);
}

TEST_CASE("a damaged registers.json adds to the load report instead of replacing it", "[app][registers]") {
    TestApp t;
    t.ok(add(tmall_with_order(t), 500));
    t.ack_flushes();
    // Settings are read before the registers, handovers after them: all three must be reported.
    REQUIRE(sd::write_file_atomic(t.dir + "/inbox/settings.json", "{not json"));
    REQUIRE(sd::write_file_atomic(t.dir + "/inbox/registers.json", "{\"format\": \"sellerdesk-registers\", \"entries\": 7}"));
    REQUIRE(sd::write_file_atomic(t.dir + "/inbox/handovers.json", "[1, 2"));
    AppState again;   // started as the page starts it (TestApp requires an empty load report)
    again.data_dir = t.dir + "/inbox";
    again.assets_dir = SD_SOURCE_DIR "/assets";
    again.real_ms = platform::now_ms();
    again.now = app_now(again, again.real_ms);
    start_app(again);
    REQUIRE(again.ready);
    const std::string& report = again.load_report;
    CHECK(report.find("settings.json is not valid JSON") != std::string::npos);
    CHECK(report.find("registers.json could not be read") != std::string::npos);
    CHECK(report.find("handovers.json was damaged") != std::string::npos);
    CHECK(again.registers.data.entries.empty());
    std::string kept;
    CHECK(sd::read_file(t.dir + "/inbox/registers.json.damaged", kept));
    CHECK(kept.find("\"entries\": 7") != std::string::npos);
}
