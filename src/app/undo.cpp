// Undo of destructive commands (undo.h).
#include "undo.h"

#include <algorithm>

#include "app_state.h"
#include "command_handlers.h"
#include "command_support.h"
#include "edits.h"
#include "i18n.h"
#include "platform/platform.h"
#include "core/time.h"

using nlohmann::json;

namespace {

constexpr double kNoticeMs = 10000;   // how long the notice (and undo) lasts

UndoState state_of(const sd::Conversation& c) {
    return {c.id, c.status, c.closed_at, c.spam, c.labels, c.unread, c.assignee};
}

// The ops that bring c back to `was`; none when nothing changed.
std::vector<json> restore_ops(const sd::Conversation& c, const UndoState& was) {
    std::vector<json> ops;
    if (c.status != was.status) {
        json op = {{"op", "set_status"}, {"id", c.id}, {"status", sd::to_string(was.status)}};
        if (was.closed_at != sd::kNoTime) op["at"] = sd::format_iso8601(was.closed_at);   // closed when it was
        ops.push_back(std::move(op));
    }
    if (c.spam != was.spam)
        ops.push_back(was.spam == sd::SpamReason::None ? json{{"op", "unflag_spam"}, {"id", c.id}}
                                                       : json{{"op", "flag_spam"}, {"id", c.id}, {"reason", sd::to_string(was.spam)}});
    json add = json::array(), remove = json::array();
    for (const std::string& l : was.labels)
        if (!c.has_label(l)) add.push_back(l);
    for (const std::string& l : c.labels)
        if (std::find(was.labels.begin(), was.labels.end(), l) == was.labels.end()) remove.push_back(l);
    if (!add.empty() || !remove.empty()) ops.push_back({{"op", "labels"}, {"id", c.id}, {"add", add}, {"remove", remove}});
    if (c.unread != was.unread) ops.push_back({{"op", "set_unread"}, {"id", c.id}, {"unread", was.unread}});
    if (c.assignee != was.assignee) ops.push_back({{"op", "assign"}, {"id", c.id}, {"agent", was.assignee}});
    return ops;
}

std::string quoted(const std::string& s) {
    std::string q = s.size() > 48 ? s.substr(0, 45) : s;
    while (!q.empty() && (static_cast<unsigned char>(q.back()) & 0xC0) == 0x80) q.pop_back();   // whole characters only
    if (!q.empty() && static_cast<unsigned char>(q.back()) >= 0xC0) q.pop_back();
    return "\u201C" + q + (q.size() < s.size() ? "\u2026" : "") + "\u201D";
}

// "Closed “Where is my parcel?”", "Labels changed: 3 conversations"… in the UI language.
std::string notice_text(const json& cmd, size_t changed, const std::string& subject) {
    const std::string type = cmd.value("type", ""), action = cmd.value("action", "");
    const std::string status = type == "set_status" ? cmd.value("status", "") : action == "close" ? "closed" : action == "set_status" ? cmd.value("status", "") : "";
    const char* key = status == "closed"                                    ? "undo.closed"
                      : !status.empty()                                    ? "undo.status"
                      : type == "flag_spam"                                ? "undo.spam"
                      : type == "label" || action == "label"               ? "undo.labels"
                      : action == "assign"                                 ? "undo.assign"
                      : action == "mark_read" || action == "mark_unread"   ? "undo.read"
                                                                           : "undo.other";
    const std::string what = changed == 1 ? quoted(subject) : trn("undo.conversations", int64_t(changed));
    return trf(key, {{"what", what}});
}

}  // namespace

std::vector<UndoState> undo_capture(const AppState& app, const json& cmd) {
    std::vector<UndoState> out;
    auto take = [&](const std::string& id) {
        if (const sd::Conversation* c = app.store.find_conversation(id)) out.push_back(state_of(*c));
    };
    if (cmd.contains("id") && cmd["id"].is_string()) take(cmd["id"].get<std::string>());
    if (cmd.contains("ids") && cmd["ids"].is_array())
        for (const json& id : cmd["ids"])
            if (id.is_string()) take(id.get<std::string>());
    if (cmd.value("type", "") == "bulk" && !cmd.contains("ids"))
        for (const std::string& id : app.view.checked) take(id);
    return out;
}

void undo_record(AppState& app, const json& cmd, std::vector<UndoState> before) {
    // Keep only the conversations the command changed.
    std::string subject;
    before.erase(std::remove_if(before.begin(), before.end(),
                                [&](const UndoState& was) {
                                    const sd::Conversation* c = app.store.find_conversation(was.id);
                                    if (!c || restore_ops(*c, was).empty()) return true;
                                    if (subject.empty()) subject = c->subject;
                                    return false;
                                }),
                 before.end());
    if (before.empty()) return;
    app.undo.text = notice_text(cmd, before.size(), subject);
    app.undo.before = std::move(before);
    app.undo.shown_ms = platform::now_ms();
    platform::request_frames(kNoticeMs + 100);
}

bool undo_available(const AppState& app) {
    return !app.undo.before.empty() && platform::now_ms() - app.undo.shown_ms < kNoticeMs;
}

json cmd_undo(AppState& app, const json&) {
    if (!undo_available(app)) return fail("there is nothing to undo");
    std::vector<json> ops;
    for (const UndoState& was : app.undo.before)
        if (const sd::Conversation* c = app.store.find_conversation(was.id))
            for (json& op : restore_ops(*c, was)) ops.push_back(std::move(op));
    app.undo = UndoNotice();
    json r = stage_edits(app, std::move(ops), 0);
    r["undone"] = r["changed"];
    return r;
}
