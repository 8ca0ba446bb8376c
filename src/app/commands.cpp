// The command table and dispatch(). docs/automation.md documents every command of the table
// (tests/unit/app_commands_test.cpp checks that both lists are the same).
#include "commands.h"

#include <algorithm>

#include "app_state.h"
#include "command_handlers.h"
#include "edits.h"
#include "inbox.h"
#include "training.h"
#include "training_packs.h"
#include "training_save.h"
#include "tour.h"
#include "undo.h"

using nlohmann::json;

const std::vector<CommandSpec>& command_table() {
    static const std::vector<CommandSpec> kTable = {
        // name                writes  undoable handler
        {"select",             false,  false,  cmd_select},   // marks read through mark_read
        {"filter",             false,  false,  cmd_filter},
        {"search",             false,  false,  cmd_search},
        {"sort",               false,  false,  cmd_sort},
        {"clock",              false,  false,  cmd_clock},
        {"move",               false,  false,  cmd_move},
        {"open",               false,  false,  cmd_open},
        {"multi_select",       false,  false,  cmd_multi_select},
        {"window",             false,  false,  cmd_window},
        {"language",           false,  false,  cmd_language},   // kept in this browser, so a read-only tab may switch
        {"shortcuts",          false,  false,  cmd_shortcuts},  // the same
        {"mark_read",          true,   false,  cmd_mark_read},
        {"mark_unread",        true,   false,  cmd_mark_unread},
        {"reply",              true,   false,  cmd_reply},
        {"set_delivery",       true,   false,  cmd_set_delivery},
        {"label",              true,   true,   cmd_label},
        {"flag_spam",          true,   true,   cmd_flag_spam},
        {"set_status",         true,   true,   cmd_set_status},
        {"assign",             true,   false,  cmd_assign},
        {"add_remark",         true,   false,  cmd_add_remark},
        {"add_note",           true,   false,  cmd_add_note},
        {"new_message",        true,   false,  cmd_new_message},
        {"add_defect",         true,   false,  cmd_add_defect},
        {"projection",         false,  false,  cmd_projection},
        {"bulk",               true,   true,   cmd_bulk},
        {"draft",              true,   false,  cmd_draft},
        {"save_draft",         true,   false,  cmd_save_draft},
        {"insert_template",    true,   false,  cmd_insert_template},
        {"mark_sent",          true,   false,  cmd_mark_sent},
        {"settings",           true,   false,  cmd_settings},
        {"sla_preset",         true,   false,  cmd_sla_preset},
        {"team_target",        true,   false,  cmd_team_target},
        {"sla_policies",       true,   false,  cmd_sla_policies},
        {"template_save",      true,   false,  cmd_template_save},
        {"template_delete",    true,   false,  cmd_template_delete},
        {"undo_import",        true,   false,  cmd_undo_import},
        {"reset_demo",         true,   false,  cmd_reset_demo},
        {"start",              true,   false,  cmd_start},
        {"clear_inbox",        true,   false,  cmd_clear_inbox},
        {"new_conversation",   true,   false,  cmd_new_conversation},
        {"add_message",        true,   false,  cmd_add_message},
        {"outbox",             true,   false,  cmd_outbox},
        {"undo",               true,   false,  cmd_undo},
        {"take_over",          false,  false,  cmd_take_over},   // asked by a read-only tab
        {"find",               false,  false,  cmd_find},
        {"font_size",          false,  false,  cmd_font_size},   // a preference of this browser, not inbox data
        // Training swaps in a store of its own that is never saved (training.h).
        {"training_start",     false,  false,  cmd_training_start},
        {"training_stop",      false,  false,  cmd_training_stop},
        {"training_report",    false,  false,  cmd_training_report},
        // The trainer's packs, kept apart from the inbox (training_packs.h); a read-only tab does not save them.
        {"training_import_pack", true, false,  cmd_training_import_pack},
        {"training_export_pack", false, false, cmd_training_export_pack},
        {"scenario_from_conversation", true, false, cmd_scenario_from_conversation},
        // The guided tour runs on a demo inbox of its own that is never saved (tour.h).
        {"tour_start",         false,  false,  cmd_tour_start},
        {"tour_stop",          false,  false,  cmd_tour_stop},
        {"tour_next",          false,  false,  cmd_tour_next},
        {"tour_back",          false,  false,  cmd_tour_back},
        // The Tmall registers, kept beside the inbox in registers.json (registers_app.h).
        {"register_add",       true,   false,  cmd_register_add},
        {"register_set_status", true,  false,  cmd_register_set_status},
        {"register_export",    false,  false,  cmd_register_export},
        // Team work (handover.h): shift handovers (handovers.json) and a customer's VIP follow-up.
        {"end_shift",          true,   false,  cmd_end_shift},
        {"handover_seen",      true,   false,  cmd_handover_seen},
        {"customer_vip",       true,   false,  cmd_customer_vip},
        // The live sync with a CouchDB database (team_sync.h): settings kept in this browser only.
        {"sync_configure",     true,   false,  cmd_sync_configure},
        {"sync_stop",          true,   false,  cmd_sync_stop},
    };
    return kTable;
}

const CommandSpec* find_command(const std::string& name) {
    const auto& t = command_table();
    auto it = std::find_if(t.begin(), t.end(), [&](const CommandSpec& s) { return name == s.name; });
    return it == t.end() ? nullptr : &*it;
}

namespace {

json fail(const std::string& error) { return {{"ok", false}, {"error", error}}; }

// Commands that replace or empty the whole inbox: they wait until the training stops.
bool refused_in_training(const std::string& type) {
    return type == "reset_demo" || type == "start" || type == "clear_inbox" || type == "undo_import";
}

json run(AppState& app, const CommandSpec& spec, const json& cmd) {
    // A field of the wrong type (e.g. "reason": 5) is refused before anything changes: every
    // handler reads its fields before it applies its ops.
    try {
        return spec.handler(app, cmd);
    } catch (const json::exception& e) {
        std::string what = e.what();
        size_t cut = what.find("] ");
        return fail("a field has the wrong type: " + (cut == std::string::npos ? what : what.substr(cut + 2)));
    }
}

}  // namespace

json dispatch(AppState& app, const json& cmd) {
    if (!cmd.is_object() || !cmd.contains("type") || !cmd["type"].is_string())
        return fail("a command is an object with a string \"type\"");
    const std::string& type = cmd["type"].get_ref<const std::string&>();
    const CommandSpec* spec = find_command(type);
    if (spec && spec->writes && app.tab.read_only) return fail(read_only_reason(app));
    if (!app.ready) return fail("the inbox is still loading");
    if (app.import.running) return fail("an import is running; commands wait until it is merged");
    if (!spec) return fail("unknown command \"" + type + "\"");
    if (training_active(app) && refused_in_training(type))
        return fail("\"" + type + "\" works on the real inbox: stop the training first (training_stop)");
    if (app.tour.running && !tour_allows(type))
        return fail("\"" + type + "\" waits while the guided tour shows its demo inbox: tour_stop first");
    std::vector<UndoState> before;
    if (spec->undoable) before = undo_capture(app, cmd);
    const size_t mark = app.staged_ops.size();
    json r = run(app, *spec, cmd);
    if (spec->undoable && r["ok"] == true) undo_record(app, cmd, std::move(before));
    if (app.staged_ops.size() > mark) {
        // Staged ops are applied already: they reach the journal whatever the result says.
        std::string error = journal_staged(app);
        if (!error.empty()) r["warning"] = "changed, but not saved: " + error;
        // The table is wrong about this command (app_commands_test.cpp looks for this).
        if (!spec->writes) r["warning"] = std::string("internal: \"") + type + "\" changed saved data but the command table says it does not write";
    }
    // A handler that needs another command done after it (select -> mark_read) names it in
    // "then" instead of calling dispatch itself: the follow-up goes through the table like any
    // command (its own read-only check and journal) and its result is the answer, plus what the
    // first one added (new_message's "id").
    // The training session is kept apart from the inbox after anything done while training.
    if (r["ok"] == true && (training_active(app) || type == "training_stop")) app.training.save_due = true;
    training_save_if_due(app);
    if (r.contains("then")) {
        json then = std::move(r["then"]);
        r.erase("then");
        if (r["ok"] == true) {
            json next = dispatch(app, then);
            for (auto& [key, value] : r.items())
                if (!next.contains(key)) next[key] = value;
            r = std::move(next);
        }
    }
    return r;
}

// ---- typed helpers ---------------------------------------------------------------------------
namespace cmd {
json select(AppState& app, const std::string& id) {
    return dispatch(app, {{"type", "select"}, {"id", id.empty() ? json(nullptr) : json(id)}});
}
json filter(AppState& app, const std::string& name) { return dispatch(app, {{"type", "filter"}, {"name", name}}); }
json search(AppState& app, const std::string& field, const std::string& text) {
    return dispatch(app, {{"type", "search"}, {"field", field}, {"text", text}});
}
json sort(AppState& app, const std::string& by, bool descending) {
    return dispatch(app, {{"type", "sort"}, {"by", by}, {"descending", descending}});
}
json multi_select_clear(AppState& app) { return dispatch(app, {{"type", "multi_select"}, {"ids", json::array()}}); }
json window(AppState& app, const char* name, bool open) { return dispatch(app, {{"type", "window"}, {"name", name}, {"open", open}}); }
json clock(AppState& app, const json& fields) {
    json c = fields;
    c["type"] = "clock";
    return dispatch(app, c);
}
}  // namespace cmd
