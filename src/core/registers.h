// Tmall registers kept by the shift (SPEC seed 004): the wrong-shipment register (wrong, missing or
// short items sent: 错发/漏发登记) and the lost-parcel compensation register (丢件赔付登记). Each
// entry is tied to a Tmall conversation and its order, records what happened, the amount paid or
// refunded in fen, who handled it and when, and moves from open to reshipped, compensated or
// closed. docs/registers.md has the rules and the CSV columns.
//
//   sd::RegisterAdd add;
//   add.kind = sd::RegisterKind::LostParcel;  add.conversation_id = "tm-000012";
//   add.amount_cents = 3500;  add.text = "parcel lost by the courier";  add.agent = "Lily Wang";
//   add.approved_by = "Chen Jie";             // over 20 yuan: a supervisor's name is required
//   add.id = "tm-000012-reg1-r1";  add.at = now;
//   std::string err;
//   if (!sd::add_register_entry(regs, store, add, stamp, err)) show(err);   // nothing changed
//   sd::RegisterTotals t = sd::register_totals(regs, sd::RegisterKind::LostParcel);
//   std::string csv = sd::register_csv(regs, sd::RegisterKind::LostParcel);   // UTF-8 with BOM
//
// Entries are records with IDs: copies merge as a union by ID; the status is a last-writer-wins
// register with its edit stamp; the rest of an entry never changes after it is added.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>

#include "model.h"

namespace sd {

enum class RegisterKind : uint8_t { WrongShipment, LostParcel };
constexpr int kRegisterKindCount = 2;
// Open: being handled; Reshipped: the missing or right item sent again; Compensated: money paid
// (refund, or the courier's compensation passed on); Closed: settled otherwise (buyer withdrew...).
enum class RegisterStatus : uint8_t { Open, Reshipped, Compensated, Closed };
constexpr int kRegisterStatusCount = 4;

// Seed 004: an agent may decide a discount of up to 20 yuan; above that a supervisor decides.
constexpr int64_t kSelfApprovedCents = 2000;
// More than 10,000 yuan for one entry is a typing slip (an order on Tmall here is a few hundred).
constexpr int64_t kMaxRegisterCents = 1000000;
constexpr size_t kMaxRegisterText = 2000;     // bytes of "what"
constexpr size_t kMaxRegisterName = 100;      // bytes of the agent's and the supervisor's names

struct RegisterEntry {
    std::string id;
    RegisterKind kind = RegisterKind::WrongShipment;
    std::string conversation_id;
    std::string order_id;
    std::string product;          // the order's SKU, or its title when it has none
    std::string text;             // what was wrong or lost
    int64_t amount_cents = 0;     // fen paid back or compensated (0: reshipped only)
    std::string agent;            // who registered it
    Time at = 0;
    std::string approved_by;      // the supervisor who approved an amount over 20 yuan
    RegisterStatus status = RegisterStatus::Open;
    Edit status_edit;             // the entry's creation, then each status change
};

struct Registers {
    std::vector<RegisterEntry> entries;   // in the order added or merged

    const RegisterEntry* find(std::string_view id) const;
};

struct RegisterAdd {
    std::string id;               // new, unique
    RegisterKind kind = RegisterKind::WrongShipment;
    std::string conversation_id;
    int64_t amount_cents = 0;
    std::string text, agent, approved_by;
    Time at = 0;
};

// The product an entry for `order` names: its SKU, or its title when it has none.
std::string register_product(const Order& order);
// Adds an entry for a Tmall conversation with an order. Refused (registers unchanged, `error`
// says why): an unknown or non-Tmall conversation, one without an order, a duplicate ID, a blank
// or too long text or name, an amount below 0 or above kMaxRegisterCents, and an amount over
// kSelfApprovedCents without a supervisor other than the agent.
bool add_register_entry(Registers& regs, const Store& store, const RegisterAdd& add, const Stamp& stamp, std::string& error);
// Sets an entry's status (a no-op when it has it already). Refused for an unknown entry.
bool set_register_status(Registers& regs, std::string_view entry_id, RegisterStatus status, const Stamp& stamp, std::string& error);

// The rules an entry must follow wherever it comes from (add, a file): "" or the reason.
std::string register_entry_problem(const RegisterEntry& e);

struct ProductCount {
    std::string product;
    size_t count = 0;             // entries about it
    size_t conversations = 0;     // distinct conversations among them
    int64_t cents = 0;
};
struct RegisterTotals {
    size_t count = 0;
    int64_t total_cents = 0;
    size_t by_status[kRegisterStatusCount] = {};
    int64_t cents_by_status[kRegisterStatusCount] = {};
    std::vector<ProductCount> by_product;   // most entries first, then by product
};
RegisterTotals register_totals(const Registers& regs, RegisterKind kind);
// One register's entries, oldest first (then by ID).
std::vector<const RegisterEntry*> register_entries(const Registers& regs, RegisterKind kind);

// "25.00" for 2500 fen; "-" never appears since amounts are not negative.
std::string format_yuan(int64_t cents);
// Parses what a person types as yuan ("25", "25.5", "25.50") into fen; false for anything else.
bool parse_yuan(std::string_view text, int64_t& cents);

// The register as a spreadsheet (csv_table.h: UTF-8 with BOM, CRLF, RFC 4180 quoting). Columns:
// entry_id, date (UTC, ISO 8601), conversation_id, order_id, product, what, amount_yuan, agent,
// approved_by, status; oldest first.
std::string register_csv(const Registers& regs, RegisterKind kind);
// "sellerdesk-lost_parcel-20261207.csv" for a download made at `now`.
std::string register_csv_name(RegisterKind kind, Time now);

// JSON: an entry as the export, the registers file and the automation bridge write it.
nlohmann::json register_entry_to_json(const RegisterEntry& e);
// Reads a list of entries (the export's "registers", the registers file's "entries"). On failure
// `pointer` names the place relative to the list ("3/amount_cents") and `reason` says why;
// `out` is unchanged.
bool registers_from_json(const nlohmann::json& list, Registers& out, std::string& pointer, std::string& reason);
// Every entry, sorted by ID (what exports write).
nlohmann::json registers_to_json(const Registers& regs);

// Merges `from` into `into`: union by ID, status by the later stamp (equal stamps: the later
// status in enum order), and for the fields that never change, the copy with the larger content
// hash when two disagree under one ID. A join: commutative, idempotent, associative.
struct RegisterMergeCount {
    size_t added = 0, updated = 0;
};
RegisterMergeCount merge_registers(Registers& into, const Registers& from);
int64_t max_hlc(const Registers& regs);

const char* to_string(RegisterKind k);     // "wrong_shipment", "lost_parcel"
const char* to_string(RegisterStatus s);   // "open", "reshipped", "compensated", "closed"
bool parse(std::string_view s, RegisterKind& out);
bool parse(std::string_view s, RegisterStatus& out);

}  // namespace sd
