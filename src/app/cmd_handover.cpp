// Commands of the shift handover and the VIP follow-up (handover.h, docs/automation.md).
#include "app_state.h"
#include "command_handlers.h"
#include "command_support.h"
#include "edits.h"
#include "handover.h"

using nlohmann::json;

// {type: "end_shift", [text]}: writes this profile's handover -> {ok, id}.
json cmd_end_shift(AppState& app, const json& cmd) {
    std::string text;
    if (cmd.contains("text") && !cmd["text"].is_null()) {
        if (!cmd["text"].is_string()) return fail("\"text\" must be a string");
        text = cmd["text"].get<std::string>();
    }
    json r = end_shift(app, text);
    if (r["ok"] == true) {
        app.handovers.show_end = false;
        app.handovers.end_text.clear();
    }
    return r;
}

// {type: "handover_seen"}: the latest handover is read; the start window closes and stays closed.
json cmd_handover_seen(AppState& app, const json&) {
    if (app.handovers.list.empty()) return fail("there is no handover to acknowledge");
    acknowledge_handover(app);
    return {{"ok", true}, {"id", app.handovers.seen_id}};
}

namespace {

// The customer named by "customer_id", or by the conversation "id"; nullptr with `err` set.
const sd::Customer* vip_customer(const AppState& app, const json& cmd, json& err) {
    if (cmd.contains("customer_id")) {
        if (!cmd["customer_id"].is_string()) return err = fail("\"customer_id\" must be a string"), nullptr;
        const std::string id = cmd["customer_id"].get<std::string>();
        const sd::Customer* c = app.store.find_customer(id);
        if (!c) err = fail("no customer \"" + id + "\"");
        return c;
    }
    if (!cmd.contains("id") || !cmd["id"].is_string()) return err = fail("give \"customer_id\", or the conversation's \"id\""), nullptr;
    const std::string id = cmd["id"].get<std::string>();
    const sd::Conversation* conv = app.store.find_conversation(id);
    if (!conv) return err = fail("no conversation \"" + id + "\""), nullptr;
    const sd::Customer* c = app.store.find_customer(conv->customer_id);
    if (!c) err = fail("conversation \"" + id + "\" has no customer record");
    return c;
}

}  // namespace

// {type: "customer_vip", customer_id | id, [vip], [follow_up]}: follow_up "YYYY-MM-DD", or ""/null
// to clear it (the follow-up is done).
json cmd_customer_vip(AppState& app, const json& cmd) {
    json err;
    const sd::Customer* who = vip_customer(app, cmd, err);
    if (!who) return err;
    json op = {{"op", "set_vip"}, {"id", who->id}};
    if (cmd.contains("vip")) {
        if (!cmd["vip"].is_boolean()) return fail("\"vip\" must be true or false");
        op["vip"] = cmd["vip"];
    }
    if (cmd.contains("follow_up")) {
        const json& d = cmd["follow_up"];
        if (!d.is_null() && !d.is_string()) return fail("\"follow_up\" must be a date YYYY-MM-DD, or \"\" to clear it");
        const std::string day = d.is_null() ? std::string() : d.get<std::string>();
        if (!day.empty() && !sd::valid_date(day)) return fail("\"follow_up\": \"" + day + "\" is not a date YYYY-MM-DD");
        op["follow_up"] = day;
    }
    if (!op.contains("vip") && !op.contains("follow_up")) return fail("give \"vip\" (true or false) and/or \"follow_up\" (a date, or \"\" to clear it)");
    const std::string customer = who->id;
    json r = stage_edit(app, std::move(op));
    if (r["ok"] != true) return r;
    return {{"ok", true}, {"customer_id", customer}};
}
