// Commands of real data in and replies out: the first-visit question, clearing the inbox,
// conversations and buyer messages typed in by hand, and the outbox of replies to send by mail.
#include "app_state.h"
#include "command_handlers.h"
#include "command_support.h"
#include "inbox.h"
#include "edits.h"
#include "records_import.h"
#include "settings.h"
#include "core/mail_import.h"
#include "core/time.h"

using nlohmann::json;

namespace {

// "at": ISO 8601, or left out for now. The message's time starts its SLA clock.
bool read_time(const json& cmd, sd::Time& out, json& err) {
    out = real_now();   // a typed-in message is real data: the wall clock, not the simulated one
    if (!cmd.contains("at") || cmd["at"].is_null()) return true;
    if (!cmd["at"].is_string() || !sd::parse_iso8601(cmd["at"].get<std::string>(), out)) {
        err = fail("\"at\" must be an ISO 8601 time (2026-11-24T09:30:00Z) or left out for now");
        return false;
    }
    return true;
}

bool read_text(const json& cmd, const char* key, std::string& out, size_t max, json& err, bool required = true) {
    if (!cmd.contains(key) && !required) return true;
    if (!cmd.contains(key) || !cmd[key].is_string()) {
        err = fail(std::string("\"") + key + "\" must be a string");
        return false;
    }
    out = cmd[key].get<std::string>();
    if (out.size() > max) {
        err = fail(std::string("\"") + key + "\" is longer than " + std::to_string(max) + " bytes");
        return false;
    }
    return true;
}

}  // namespace

json cmd_start(AppState& app, const json& cmd) {
    const std::string with = cmd.value("with", std::string());
    if (with != "demo" && with != "empty") return fail("\"with\" must be \"demo\" (try it with demo data) or \"empty\" (start my own inbox)");
    if (!app.mail.ask_start) return fail("the first-visit question was answered already; use reset_demo or clear_inbox");
    app.mail.ask_start = false;
    if (with == "empty") {
        std::string error;
        if (!clear_store(app, error)) return fail(error);
    } else {
        save_settings(app);
    }
    return ok();
}

json cmd_clear_inbox(AppState& app, const json&) {
    if (app.import.running) return fail("an import is running");
    std::string error;
    if (!clear_store(app, error)) return fail(error);
    app.mail.ask_start = false;
    save_settings(app);
    return ok();
}

json cmd_new_conversation(AppState& app, const json& cmd) {
    json err;
    std::string market, customer, order, subject, text, email;
    sd::Marketplace m;
    sd::Time at = 0;
    if (!read_text(cmd, "marketplace", market, 20, err) || !read_text(cmd, "customer", customer, 200, err) ||
        !read_text(cmd, "order_id", order, 100, err, false) || !read_text(cmd, "subject", subject, 1000, err) ||
        !read_text(cmd, "text", text, 100000, err) || !read_text(cmd, "customer_email", email, 200, err, false) || !read_time(cmd, at, err))
        return err;
    if (!sd::parse(market, m)) return fail("\"marketplace\" must be walmart, amazon, ebay, wish or tmall");
    if (at > real_now() + 60) return fail("\"at\" is in the future: a buyer's message has arrived already");
    // The same buyer name on one marketplace is one customer, whoever typed it in.
    const std::string customer_id = "cu-hand-" + sd::hash_hex(std::string(market) + '\x1f' + sd::lower_ascii(customer));
    std::string id;
    for (size_t n = app.store.conversations.size() + 1; id.empty() || app.store.find_conversation(id); ++n)
        id = "hand-" + app.settings.replica_id + "-" + std::to_string(n);
    json r = stage_edit(app, {{"op", "new_conversation"}, {"id", id}, {"marketplace", market}, {"order_id", order},
                              {"customer_id", customer_id}, {"customer_name", customer}, {"customer_email", email},
                              {"subject", subject}, {"message_id", id + "-in1"}, {"text", text}, {"at", sd::format_iso8601(at)}});
    if (r["ok"] != true) return r;
    r = ok_then({{"type", "select"}, {"id", id}});
    r["id"] = id;
    return r;
}

json cmd_add_message(AppState& app, const json& cmd) {
    json err;
    sd::Conversation* c = find_conversation_arg(app, cmd, err);
    if (!c) return err;
    std::string text;
    sd::Time at = 0;
    if (!read_text(cmd, "text", text, 100000, err) || !read_time(cmd, at, err)) return err;
    if (at > real_now() + 60) return fail("\"at\" is in the future: a buyer's message has arrived already");
    const sd::Customer* who = app.store.find_customer(c->customer_id);
    json r = stage_edit(app, {{"op", "add_message"}, {"id", c->id}, {"message_id", mint_id(app, *c, "in", c->messages.size() + 1)},
                              {"text", text}, {"author", who ? who->name : std::string()}, {"at", sd::format_iso8601(at)}});
    return r;
}

json cmd_outbox(AppState& app, const json&) {
    json box = outbox_json(app);
    for (auto& [id, ids] : box["message_ids"].items()) stage_edit(app, {{"op", "mark_exported"}, {"id", id}, {"message_ids", ids}});
    box.erase("message_ids");
    return box;
}
