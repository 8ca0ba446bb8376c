// Commands of the Tmall registers (registers_app.h, docs/automation.md): add an entry for a
// conversation, change an entry's status, a register as CSV. They change registers.json, not the
// journal: an entry is team data of its own, like a template.
#include "app_state.h"
#include "command_handlers.h"
#include "command_support.h"
#include "edits.h"
#include "inbox.h"
#include "registers_app.h"
#include "training.h"

using nlohmann::json;

namespace {

// Registers belong to the real inbox: not while a training or the tour shows a store of its own.
std::string elsewhere(const AppState& app) {
    if (training_active(app)) return "registers are kept for the real inbox: stop the training first (training_stop)";
    if (app.tour.running) return "registers wait while the guided tour shows its demo inbox: tour_stop first";
    return "";
}

bool register_arg(const json& cmd, sd::RegisterKind& kind, json& err) {
    if (cmd.contains("register") && cmd["register"].is_string() && sd::parse(cmd["register"].get<std::string>(), kind)) return true;
    err = fail("\"register\" must be \"wrong_shipment\" or \"lost_parcel\"");
    return false;
}

// "<conversation>-reg<n>-<replica>", the first n not taken.
std::string new_entry_id(const AppState& app, const sd::Conversation& c) {
    for (size_t n = app.registers.data.entries.size() + 1;; ++n) {
        std::string id = mint_id(app, c, "reg", n);
        if (!app.registers.data.find(id)) return id;
    }
}

}  // namespace

json cmd_register_add(AppState& app, const json& cmd) {
    if (std::string why = elsewhere(app); !why.empty()) return fail(why);
    sd::RegisterKind kind;
    json err;
    if (!register_arg(cmd, kind, err)) return err;
    if (!cmd.contains("id") || !cmd["id"].is_string()) return fail("\"id\" must be the conversation's ID");
    if (!cmd.contains("amount_cents") || !cmd["amount_cents"].is_number_integer())
        return fail("\"amount_cents\" must be a whole number of fen (2000 = 20.00 yuan)");
    if (!cmd.contains("text") || !cmd["text"].is_string()) return fail("\"text\" must say what was wrong or lost");
    if (cmd.contains("approved_by") && !cmd["approved_by"].is_string()) return fail("\"approved_by\" must be the supervisor's name");
    const sd::Conversation* c = app.store.find_conversation(cmd["id"].get<std::string>());
    if (!c) return fail("no conversation \"" + cmd["id"].get<std::string>() + "\"");
    sd::RegisterAdd add;
    add.id = new_entry_id(app, *c);
    add.kind = kind;
    add.conversation_id = c->id;
    add.amount_cents = cmd["amount_cents"].get<int64_t>();
    add.text = cmd["text"].get<std::string>();
    add.approved_by = cmd.value("approved_by", std::string());
    add.agent = app.settings.agent_name;
    add.at = app.now;
    std::string error;
    // A refused entry changes nothing (core/registers.h): no copy of the registers to fall back on.
    if (!sd::add_register_entry(app.registers.data, app.store, add, next_edit_stamp(app), error)) return fail(error);
    json r = ok();
    r["entry_id"] = add.id;
    if (!save_registers(app)) r["warning"] = "added, but not saved: " + app.save.error;
    return r;
}

json cmd_register_set_status(AppState& app, const json& cmd) {
    if (std::string why = elsewhere(app); !why.empty()) return fail(why);
    if (!cmd.contains("entry_id") || !cmd["entry_id"].is_string()) return fail("\"entry_id\" must be a register entry's ID");
    sd::RegisterStatus status;
    if (!cmd.contains("status") || !cmd["status"].is_string() || !sd::parse(cmd["status"].get<std::string>(), status))
        return fail("\"status\" must be open, reshipped, compensated or closed");
    const std::string id = cmd["entry_id"].get<std::string>();
    const sd::RegisterEntry* e = app.registers.data.find(id);
    if (!e) return fail("no register entry \"" + id + "\"");
    if (e->status == status) return ok();
    std::string error;
    if (!sd::set_register_status(app.registers.data, id, status, next_edit_stamp(app), error)) return fail(error);
    json r = ok();
    if (!save_registers(app)) r["warning"] = "changed, but not saved: " + app.save.error;
    return r;
}

json cmd_register_export(AppState& app, const json& cmd) {
    sd::RegisterKind kind;
    json err;
    if (!register_arg(cmd, kind, err)) return err;
    json r = ok();
    r["name"] = sd::register_csv_name(kind, real_now());   // a file name is real data: never the simulated clock
    r["csv"] = sd::register_csv(app.registers.data, kind);
    r["rows"] = sd::register_totals(app.registers.data, kind).count;
    return r;
}
