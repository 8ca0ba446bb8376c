// One action over many conversations (the multi-selection, or the IDs given): each conversation
// gets its own op; those it would not change are counted, not journaled.
#include "app_state.h"
#include "command_handlers.h"
#include "command_support.h"
#include "edits.h"
#include "core/time.h"

using nlohmann::json;

namespace {

struct BulkAction {
    std::string action;
    std::vector<std::string> add, remove;   // label
    std::string agent;                      // assign
    std::string status;                     // close, set_status
};

// Reads and checks the action's fields; "" or why they are refused.
std::string read_action(const json& cmd, BulkAction& a) {
    a.action = cmd.value("action", std::string());
    if (a.action == "label") {
        for (const char* key : {"add", "remove"}) {
            if (!cmd.contains(key)) continue;
            if (!cmd[key].is_array()) return std::string("\"") + key + "\" must be a list of labels";
            for (const json& l : cmd[key]) {
                if (!valid_name(l, 64)) return std::string("\"") + key + "\" must hold non-empty label names of at most 64 bytes";
                (key[0] == 'a' ? a.add : a.remove).push_back(l.get<std::string>());
            }
        }
        if (a.add.empty() && a.remove.empty()) return "a label action needs \"add\" or \"remove\"";
    } else if (a.action == "assign") {
        if (!cmd.contains("agent") || !cmd["agent"].is_string()) return "\"agent\" must be an agent name (\"\" unassigns)";
        a.agent = cmd["agent"].get<std::string>();
    } else if (a.action == "close") {
        a.status = "closed";
    } else if (a.action == "set_status") {
        sd::Status st;
        if (!cmd.contains("status") || !cmd["status"].is_string() || !sd::parse(cmd["status"].get<std::string>(), st))
            return "\"status\" must be awaiting_seller, awaiting_customer or closed";
        a.status = sd::to_string(st);
    } else if (a.action != "mark_read" && a.action != "mark_unread") {
        return "\"action\" must be mark_read, mark_unread, label, assign, close or set_status";
    }
    return {};
}

// The op that brings c to what the action asks, or null when it is there already.
json op_for(const BulkAction& a, const sd::Conversation& c) {
    if (a.action == "mark_read" || a.action == "mark_unread") {
        bool unread = a.action == "mark_unread";
        return c.unread == unread ? json() : json{{"op", "set_unread"}, {"id", c.id}, {"unread", unread}};
    }
    if (a.action == "label") {
        json add = json::array(), remove = json::array();
        for (const std::string& l : a.add) if (!c.has_label(l)) add.push_back(l);
        for (const std::string& l : a.remove) if (c.has_label(l)) remove.push_back(l);
        return add.empty() && remove.empty() ? json() : json{{"op", "labels"}, {"id", c.id}, {"add", add}, {"remove", remove}};
    }
    if (a.action == "assign") return c.assignee == a.agent ? json() : json{{"op", "assign"}, {"id", c.id}, {"agent", a.agent}};
    return sd::to_string(c.status) == a.status ? json() : json{{"op", "set_status"}, {"id", c.id}, {"status", a.status}};
}

// The IDs the command names, or the multi-selection in screen order (the journal then reads
// like what the user saw).
bool target_ids(const AppState& app, const json& cmd, std::vector<std::string>& ids) {
    if (!cmd.contains("ids")) {
        for (uint32_t i : app.view.rows)
            if (app.view.checked.count(app.store.conversations[i].id)) ids.push_back(app.store.conversations[i].id);
        return true;
    }
    if (!cmd["ids"].is_array()) return false;
    for (const json& id : cmd["ids"]) {
        if (!id.is_string()) return false;
        ids.push_back(id.get<std::string>());
    }
    return true;
}

}  // namespace

json cmd_bulk(AppState& app, const json& cmd) {
    std::vector<std::string> ids;
    if (!target_ids(app, cmd, ids)) return fail("\"ids\" must be a list of conversation IDs");
    if (ids.empty()) return fail("nothing is selected");
    BulkAction a;
    std::string why = read_action(cmd, a);
    if (!why.empty()) return fail(why);
    std::vector<json> ops;
    size_t unchanged = 0;
    for (const std::string& id : ids) {
        const sd::Conversation* c = app.store.find_conversation(id);
        if (!c) return fail("no conversation \"" + id + "\"");
        json op = op_for(a, *c);
        if (op.is_null()) {
            ++unchanged;
            continue;
        }
        if (op["op"] == "set_status") op["at"] = sd::format_iso8601(app.now);   // closing records when (closed_at)
        ops.push_back(std::move(op));
    }
    return stage_edits(app, std::move(ops), unchanged);
}
