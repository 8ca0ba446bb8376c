// Tmall registers: the discount authority rule, refusals that change nothing, totals and the
// by-product grouping, the CSV file, and entries travelling through export, import and merge.
#include <catch2/catch.hpp>

#include "core/csv_table.h"
#include "core/demo.h"
#include "core/export_json.h"
#include "core/registers.h"
#include "core/time.h"
#include "store_fixtures.h"

using namespace sd;

namespace {

const Time kNow = 1795000000;

// A store with three Tmall conversations (two about the same product) and one Walmart one.
Store tmall_store() {
    Store s;
    auto order = [&](const char* id, const char* sku, const char* item) {
        Order o;
        o.id = id;
        o.sku = sku;
        o.item = item;
        o.amount_cents = 12900;
        o.currency = "CNY";
        s.orders.push_back(o);
    };
    order("TM-1", "BN-PC15PM-CLR", "手机壳 透明");
    order("TM-2", "BN-PC15PM-CLR", "手机壳 透明");
    order("TM-3", "", "保温杯 500ml");
    order("WM-1", "WM-SKU", "Mug");
    auto conv = [&](const char* id, Marketplace m, const char* order_id) {
        Conversation c;
        c.id = id;
        c.marketplace = m;
        c.order_id = order_id;
        s.conversations.push_back(c);
    };
    conv("tm-1", Marketplace::Tmall, "TM-1");
    conv("tm-2", Marketplace::Tmall, "TM-2");
    conv("tm-3", Marketplace::Tmall, "TM-3");
    conv("tm-pre", Marketplace::Tmall, "");
    conv("wm-1", Marketplace::Walmart, "WM-1");
    s.reindex();
    return s;
}

RegisterAdd entry(const std::string& id, const std::string& conv, int64_t cents, RegisterKind k = RegisterKind::WrongShipment) {
    RegisterAdd a;
    a.id = id;
    a.kind = k;
    a.conversation_id = conv;
    a.amount_cents = cents;
    a.text = "sent the black case, ordered the clear one";
    a.agent = "Lily Wang";
    a.at = kNow;
    return a;
}

Stamp stamp_at(int64_t ms, const char* replica) { return {make_hlc(ms, 0), replica}; }

std::string refusal(Registers& regs, const Store& s, const RegisterAdd& a) {
    std::string before = registers_to_json(regs).dump(), err;
    bool ok = add_register_entry(regs, s, a, stamp_at(1, "ra"), err);
    CHECK_FALSE(ok);
    CHECK(registers_to_json(regs).dump() == before);   // refused: nothing changed
    return err;
}

using fixtures::exported;

}  // namespace

TEST_CASE("an amount over 20 yuan needs a supervisor other than the agent", "[registers]") {
    Store s = tmall_store();
    Registers regs;
    std::string err;
    REQUIRE(add_register_entry(regs, s, entry("e1", "tm-1", 2000), stamp_at(1, "ra"), err));   // exactly 20 yuan: the agent decides
    CHECK(refusal(regs, s, entry("e2", "tm-1", 2001)).find("needs a supervisor's approval") != std::string::npos);
    RegisterAdd self = entry("e2", "tm-1", 3500);
    self.approved_by = "Lily Wang";
    CHECK(refusal(regs, s, self).find("someone other than the agent") != std::string::npos);
    RegisterAdd blank = entry("e2", "tm-1", 3500);
    blank.approved_by = "   ";
    CHECK(refusal(regs, s, blank).find("supervisor") != std::string::npos);
    RegisterAdd approved = entry("e2", "tm-1", 3500);
    approved.approved_by = "Chen Jie";
    REQUIRE(add_register_entry(regs, s, approved, stamp_at(2, "ra"), err));
    REQUIRE(regs.entries.size() == 2);
    CHECK(regs.entries[1].approved_by == "Chen Jie");
    CHECK(regs.entries[1].product == "BN-PC15PM-CLR");
    CHECK(regs.entries[1].order_id == "TM-1");
    CHECK(regs.entries[1].status == RegisterStatus::Open);
}

TEST_CASE("bad register entries are refused with a reason and change nothing", "[registers]") {
    Store s = tmall_store();
    Registers regs;
    std::string err;
    REQUIRE(add_register_entry(regs, s, entry("e1", "tm-1", 500), stamp_at(1, "ra"), err));
    CHECK(refusal(regs, s, entry("e2", "tm-1", -1)) == "the amount cannot be negative");
    CHECK(refusal(regs, s, entry("e2", "tm-1", kMaxRegisterCents + 1)).find("is above 10000.00 yuan") != std::string::npos);
    CHECK(refusal(regs, s, entry("e2", "nope", 100)) == "no conversation \"nope\"");
    CHECK(refusal(regs, s, entry("e2", "wm-1", 100)).find("Walmart conversation") != std::string::npos);
    CHECK(refusal(regs, s, entry("e2", "tm-pre", 100)).find("has no order") != std::string::npos);
    CHECK(refusal(regs, s, entry("e1", "tm-2", 100)).find("exists already") != std::string::npos);
    RegisterAdd empty = entry("e2", "tm-1", 100);
    empty.text = " ";
    CHECK(refusal(regs, s, empty).find("text is empty") != std::string::npos);
    CHECK_FALSE(set_register_status(regs, "nope", RegisterStatus::Closed, stamp_at(3, "ra"), err));
    CHECK(err == "no register entry \"nope\"");
    RegisterKind k;
    CHECK_FALSE(parse("refunds", k));
}

TEST_CASE("totals per register and status; complaints about one product counted together", "[registers]") {
    Store s = tmall_store();
    Registers regs;
    std::string err;
    RegisterAdd big = entry("e3", "tm-2", 4550);
    big.approved_by = "Chen Jie";
    for (const RegisterAdd& a : {entry("e1", "tm-1", 1000), entry("e2", "tm-1", 0), big, entry("e4", "tm-3", 1200),
                                 entry("e5", "tm-3", 800, RegisterKind::LostParcel)})
        REQUIRE(add_register_entry(regs, s, a, stamp_at(1, "ra"), err));
    REQUIRE(set_register_status(regs, "e2", RegisterStatus::Reshipped, stamp_at(2, "ra"), err));
    REQUIRE(set_register_status(regs, "e3", RegisterStatus::Compensated, stamp_at(3, "ra"), err));
    RegisterTotals t = register_totals(regs, RegisterKind::WrongShipment);
    CHECK(t.count == 4);
    CHECK(t.total_cents == 1000 + 0 + 4550 + 1200);
    CHECK(t.by_status[int(RegisterStatus::Open)] == 2);
    CHECK(t.by_status[int(RegisterStatus::Reshipped)] == 1);
    CHECK(t.cents_by_status[int(RegisterStatus::Compensated)] == 4550);
    REQUIRE(t.by_product.size() == 2);
    CHECK(t.by_product[0].product == "BN-PC15PM-CLR");
    CHECK(t.by_product[0].count == 3);
    CHECK(t.by_product[0].conversations == 2);
    CHECK(t.by_product[1].product == "保温杯 500ml");   // no SKU: the title stands for the product
    CHECK(t.by_product[1].count == 1);
    RegisterTotals lost = register_totals(regs, RegisterKind::LostParcel);
    CHECK(lost.count == 1);
    CHECK(lost.total_cents == 800);
}

TEST_CASE("yuan are written with two decimals and read as typed", "[registers]") {
    CHECK(format_yuan(2500) == "25.00");
    CHECK(format_yuan(5) == "0.05");
    CHECK(format_yuan(123456) == "1234.56");
    int64_t c = -1;
    CHECK((parse_yuan("25", c) && c == 2500));
    CHECK((parse_yuan("25.5", c) && c == 2550));
    CHECK((parse_yuan(" 0.05 ", c) && c == 5));
    for (const char* bad : {"", "-3", "2,5", "25.", "1.234", "abc", "1e3"}) CHECK_FALSE(parse_yuan(bad, c));
}

TEST_CASE("a register's CSV: BOM, CRLF, quoting, oldest first", "[registers]") {
    Store s = tmall_store();
    Registers regs;
    std::string err;
    RegisterAdd quoted = entry("e2", "tm-1", 1999);
    quoted.text = "说 \"透明\", 发了黑色\n第二行";
    quoted.at = kNow - 60;
    REQUIRE(add_register_entry(regs, s, entry("e1", "tm-2", 1500), stamp_at(1, "ra"), err));
    REQUIRE(add_register_entry(regs, s, quoted, stamp_at(2, "ra"), err));
    REQUIRE(add_register_entry(regs, s, entry("e3", "tm-3", 100, RegisterKind::LostParcel), stamp_at(3, "ra"), err));
    std::string csv = register_csv(regs, RegisterKind::WrongShipment);
    REQUIRE(csv.rfind(std::string(kUtf8Bom), 0) == 0);
    const std::string header = "entry_id,date,conversation_id,order_id,product,what,amount_yuan,agent,approved_by,status\r\n";
    CHECK(csv.substr(3, header.size()) == header);
    const std::string first = "e2," + format_iso8601(kNow - 60) + ",tm-1,TM-1,BN-PC15PM-CLR,\"说 \"\"透明\"\", 发了黑色\n第二行\",19.99,Lily Wang,,open\r\n";
    CHECK(csv.substr(3 + header.size(), first.size()) == first);
    CHECK(csv.find("e1,") > csv.find("e2,"));
    CHECK(csv.find("e3") == std::string::npos);   // the other register's entry
    CHECK(register_csv_name(RegisterKind::LostParcel, kNow).rfind("sellerdesk-lost_parcel-", 0) == 0);
}

TEST_CASE("register entries travel through export and import, and merge as a join", "[registers][sync]") {
    SyncData a, b;
    a.store = tmall_store();
    b.store = tmall_store();
    std::string err;
    RegisterAdd big = entry("e1", "tm-1", 3000, RegisterKind::LostParcel);
    big.approved_by = "Chen Jie";
    REQUIRE(add_register_entry(a.registers, a.store, big, stamp_at(1000, "ra"), err));
    b.registers = a.registers;
    REQUIRE(add_register_entry(b.registers, b.store, entry("e2", "tm-2", 500), stamp_at(1100, "rb"), err));
    // Both change e1's status; b's stamp is later, so it wins on both sides.
    REQUIRE(set_register_status(a.registers, "e1", RegisterStatus::Reshipped, stamp_at(2000, "ra"), err));
    REQUIRE(set_register_status(b.registers, "e1", RegisterStatus::Compensated, stamp_at(2001, "rb"), err));
    MergeResult ab = merge(a, b), ba = merge(b, a);
    CHECK(exported(ab.data) == exported(ba.data));
    CHECK(ab.report.register_entries_added == 1);
    CHECK(ab.report.register_entries_updated == 1);
    REQUIRE(ab.data.registers.find("e1"));
    CHECK(ab.data.registers.find("e1")->status == RegisterStatus::Compensated);
    CHECK(ab.data.registers.entries.size() == 2);
    CHECK(exported(merge(ab.data, ab.data).data) == exported(ab.data));
    CHECK(max_hlc(ab.data) == make_hlc(2001, 0));
    // Round trip through the file.
    const std::string text = exported(ab.data);
    CHECK(text.find("\"registers\":[") != std::string::npos);
    ExportFile f;
    ImportError e;
    REQUIRE(parse_export(text, f, e));
    CHECK(f.data.registers.entries.size() == 2);
    CHECK(exported(f.data) == text);
    // No entries: no section, so older exports stay as they were.
    CHECK(exported(SyncData{tmall_store()}).find("\"registers\"") == std::string::npos);
}

TEST_CASE("a file with a bad register entry is refused with its place", "[registers][validation]") {
    SyncData a;
    a.store = tmall_store();
    std::string err;
    REQUIRE(add_register_entry(a.registers, a.store, entry("e1", "tm-1", 1500), stamp_at(1000, "ra"), err));
    const std::string good = exported(a);
    auto error_of = [](std::string text) {
        ExportFile f;
        ImportError e;
        CHECK_FALSE(parse_export(text, f, e));
        return e;
    };
    std::string over = good;
    over.replace(over.find("\"amount_cents\":1500"), 19, "\"amount_cents\":9900");
    ImportError e = error_of(over);
    CHECK(e.pointer == "registers/0");
    CHECK(e.reason.find("supervisor") != std::string::npos);
    std::string kind = good;
    kind.replace(kind.find("\"wrong_shipment\""), 16, "\"refunds\"");
    CHECK(error_of(kind).pointer == "registers/0/register");
    std::string status = good;
    status.replace(status.find("\"status\":\"open\""), 15, "\"status\":\"lost\"");
    CHECK(error_of(status).reason == "unknown status \"lost\"");
}
