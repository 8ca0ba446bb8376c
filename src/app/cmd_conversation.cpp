// Commands on one conversation: read state, replies recorded by hand, labels, spam, status,
// assignee, remarks and notes, and a proactive message about an order (Walmart).
#include "app_state.h"
#include "command_handlers.h"
#include "command_support.h"
#include "inbox.h"
#include "edits.h"
#include "core/time.h"

using nlohmann::json;

namespace {

json set_unread(AppState& app, const json& cmd, bool unread) {
    json err;
    sd::Conversation* c = find_conversation_arg(app, cmd, err);
    if (!c) return err;
    return stage_edit(app, {{"op", "set_unread"}, {"id", c->id}, {"unread", unread}});
}

}  // namespace

json cmd_mark_read(AppState& app, const json& cmd) { return set_unread(app, cmd, false); }
json cmd_mark_unread(AppState& app, const json& cmd) { return set_unread(app, cmd, true); }

json cmd_reply(AppState& app, const json& cmd) {
    json err;
    sd::Conversation* c = find_conversation_arg(app, cmd, err);
    if (!c) return err;
    if (!cmd.contains("text") || !cmd["text"].is_string()) return fail("\"text\" must be the reply text");
    std::string delivery = cmd.value("delivery", std::string("sent"));
    json op = {{"op", "reply"},
               {"id", c->id},
               {"message_id", mint_id(app, *c, "out", c->messages.size() + 1)},
               {"text", cmd["text"].get<std::string>()},
               {"author", app.settings.agent_name},
               {"at", sd::format_iso8601(app.now)},
               {"delivery", delivery}};
    if (cmd.value("auto_reply", false)) op["auto_reply"] = true;
    return stage_edit(app, op);
}

json cmd_set_delivery(AppState& app, const json& cmd) {
    json err;
    sd::Conversation* c = find_conversation_arg(app, cmd, err);
    if (!c) return err;
    return stage_edit(app, {{"op", "set_delivery"}, {"id", c->id}, {"message_id", cmd.value("message_id", std::string())},
                            {"delivery", cmd.value("delivery", std::string())}});
}

json cmd_label(AppState& app, const json& cmd) {
    json err;
    sd::Conversation* c = find_conversation_arg(app, cmd, err);
    if (!c) return err;
    json op = {{"op", "labels"}, {"id", c->id}};
    if (cmd.contains("add")) op["add"] = cmd["add"];
    if (cmd.contains("remove")) op["remove"] = cmd["remove"];
    return stage_edit(app, op);
}

json cmd_flag_spam(AppState& app, const json& cmd) {
    json err;
    sd::Conversation* c = find_conversation_arg(app, cmd, err);
    if (!c) return err;
    return stage_edit(app, {{"op", "flag_spam"}, {"id", c->id}, {"reason", cmd.value("reason", std::string())}});
}

json cmd_set_status(AppState& app, const json& cmd) {
    json err;
    sd::Conversation* c = find_conversation_arg(app, cmd, err);
    if (!c) return err;
    // The op carries the app's time: closing records when it happened (closed_at).
    return stage_edit(app, {{"op", "set_status"}, {"id", c->id}, {"status", cmd.value("status", std::string())},
                            {"at", sd::format_iso8601(app.now)}});
}

json cmd_assign(AppState& app, const json& cmd) {
    json err;
    sd::Conversation* c = find_conversation_arg(app, cmd, err);
    if (!c) return err;
    if (!cmd.contains("agent") || !cmd["agent"].is_string()) return fail("\"agent\" must be an agent name (\"\" unassigns)");
    return stage_edit(app, {{"op", "assign"}, {"id", c->id}, {"agent", cmd["agent"].get<std::string>()}});
}

namespace {

// A remark's kind and flag: the flag follows the kind (seed 004); a flag alone still works, and
// neither means yellow. The op refuses a flag that contradicts the kind.
bool remark_flag(const json& cmd, json& op, json& err) {
    for (const char* key : {"kind", "flag"})
        if (cmd.contains(key) && !cmd[key].is_string()) {
            err = fail(std::string("\"") + key + "\" must be a string");
            return false;
        }
    std::string flag = cmd.value("flag", std::string());
    if (cmd.contains("kind")) {
        const std::string kind = cmd["kind"].get<std::string>();
        sd::RemarkKind k;
        if (flag.empty() && sd::parse(kind, k) && k != sd::RemarkKind::Other) flag = sd::to_string(sd::flag_of(k));
        op["kind"] = kind;
    }
    op["flag"] = flag.empty() ? std::string("yellow") : flag;
    return true;
}

// A remark or a note, stamped with the agent's name and the app time.
json add_item(AppState& app, const json& cmd, bool remark) {
    json err;
    sd::Conversation* c = find_conversation_arg(app, cmd, err);
    if (!c) return err;
    if (!cmd.contains("text") || !cmd["text"].is_string()) return fail(std::string("\"text\" must be the text of the ") + (remark ? "remark" : "note"));
    json op = {{"op", remark ? "add_remark" : "add_note"}, {"id", c->id},
               {remark ? "remark_id" : "note_id", mint_id(app, *c, remark ? "rm" : "nt", (remark ? c->remarks.size() : c->notes.size()) + 1)},
               {"text", cmd["text"].get<std::string>()}, {"agent", app.settings.agent_name}, {"at", sd::format_iso8601(real_now())}};
    if (remark && !remark_flag(cmd, op, err)) return err;
    return stage_edit(app, op);
}

}  // namespace

json cmd_add_remark(AppState& app, const json& cmd) { return add_item(app, cmd, true); }
json cmd_add_note(AppState& app, const json& cmd) { return add_item(app, cmd, false); }

json cmd_new_message(AppState& app, const json& cmd) {
    json err;
    sd::Conversation* c = find_conversation_arg(app, cmd, err);
    if (!c) return err;
    if (c->order_id.empty() || !app.store.find_order(c->order_id)) return fail("a new message needs an order; this conversation has none");
    if (c->marketplace != sd::Marketplace::Walmart)
        return fail(std::string("only Walmart lets a seller start a conversation about an order; on ") + sd::display_name(c->marketplace) +
                    " reply in the buyer's conversation");
    if (cmd.contains("subject") && !cmd["subject"].is_string()) return fail("\"subject\" must be a string");
    std::string subject = cmd.value("subject", "About your order " + c->order_id);
    std::string id = c->id + "-new" + std::to_string(app.store.conversations.size()) + "-" + app.settings.replica_id;
    json r = stage_edit(app, {{"op", "new_conversation"}, {"id", id}, {"marketplace", sd::to_string(c->marketplace)},
                              {"order_id", c->order_id}, {"customer_id", c->customer_id}, {"subject", subject},
                              {"at", sd::format_iso8601(app.now)}});
    if (r["ok"] != true) return r;
    r = ok_then({{"type", "select"}, {"id", id}});
    r["id"] = id;
    return r;
}
