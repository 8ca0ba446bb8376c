// The app's commands: the one path by which the UI and the automation bridge change anything
// (docs/automation.md lists them). Domain edits become sd ops (core/ops.h): applied, appended to
// the journal, flushed to IndexedDB. View commands (filter, search, sort, clock) change view state.
#include <algorithm>
#include <climits>
#include <cmath>

#include "app_state.h"
#include "core/compose.h"
#include "core/journal.h"
#include "core/ops.h"
#include "core/store_json.h"
#include "core/time.h"
#include "platform/platform.h"

using nlohmann::json;

namespace {

json fail(const std::string& error) { return {{"ok", false}, {"error", error}}; }
json ok() { return {{"ok", true}}; }

void refresh_conversation(AppState& app, int i) {
    if (i < 0) return;
    app.index.update(app.store, size_t(i));
    if (app.urgency.size() == app.store.conversations.size())
        app.urgency[size_t(i)] = sd::sla_urgency_key(sd::evaluate_sla(app.settings.sla, app.store.conversations[size_t(i)], app.now));
    app.view.dirty = true;
    sd::sla_tally_update(app.sla_summary, app.settings.sla, app.store.conversations, size_t(i), app.now);
}

}  // namespace

void refresh_all_sla(AppState& app) {
    // One evaluation of every conversation gives the list's urgency keys and the SLA strip's counts.
    sd::sla_tally_build(app.sla_summary, app.settings.sla, app.store.conversations, app.now, &app.urgency);
    app.view.dirty = true;
}

namespace {

// A long journal makes the next start replay it all: past a few MB, start a new generation
// (a snapshot of the store as it is now, core/storage.h). The journal just written is in it.
void compact_if_needed(AppState& app) {
    constexpr uint64_t kCompactBytes = uint64_t(4) << 20;
    if (app.tab.read_only) return;
    if (app.texts.pending) return;   // a snapshot now would lose the texts not read yet: write_due_snapshot
    if (sd::journal_size(app.data_dir, app.base) < kCompactBytes) return;
    std::string error;
    if (!sd::write_snapshot(app.data_dir, app.store, app.base, error)) app.save.error = error;
}

// Apply an op, journal it and schedule a flush. Refused ops change nothing. Every op is stamped
// (sync.cpp) so it merges field by field with edits made on other machines.
json commit(AppState& app, json op) {
    if (app.tab.read_only) return fail(read_only_reason(app));
    if (!op.contains("stamp")) op["stamp"] = stamp_for_edit(app);
    std::string error;
    if (!sd::apply_op(app.store, op, error)) return fail(error);
    refresh_conversation(app, app.store.conversation_index(op["id"].get<std::string>()));
    if (!sd::append_op(app.data_dir, app.base, op, error)) {
        app.save.error = error;
        return {{"ok", true}, {"warning", "changed, but not saved: " + error}};
    }
    ++app.save.ops_written;
    compact_if_needed(app);
    persist_if_needed(app);
    return ok();
}

// A bulk action: every op is applied on its own (a refused one changes nothing and is reported
// with its conversation), the applied ones reach the journal in one write.
json commit_many(AppState& app, std::vector<json> ops, size_t unchanged) {
    if (app.tab.read_only) return fail(read_only_reason(app));
    std::vector<json> applied;
    json refused = json::array();
    std::string error;
    for (json& op : ops) {
        if (!op.contains("stamp")) op["stamp"] = stamp_for_edit(app);
        if (!sd::apply_op(app.store, op, error)) {
            refused.push_back({{"id", op["id"]}, {"error", error}});
            continue;
        }
        refresh_conversation(app, app.store.conversation_index(op["id"].get<std::string>()));
        applied.push_back(op);
    }
    json r = {{"ok", true}, {"changed", applied.size()}, {"unchanged", unchanged}, {"refused", refused}};
    if (applied.empty()) return r;
    if (!sd::append_ops(app.data_dir, app.base, applied, error)) {
        app.save.error = error;
        r["warning"] = "changed, but not saved: " + error;
        return r;
    }
    ++app.save.ops_written;
    compact_if_needed(app);
    persist_if_needed(app);
    return r;
}

sd::Conversation* find(AppState& app, const json& cmd, json& err) {
    if (!cmd.contains("id") || !cmd["id"].is_string()) {
        err = fail("\"id\" must be a conversation ID string");
        return nullptr;
    }
    sd::Conversation* c = app.store.find_conversation(cmd["id"].get<std::string>());
    if (!c) err = fail("no conversation \"" + cmd["id"].get<std::string>() + "\"");
    return c;
}

std::string mint_id(const AppState& app, const sd::Conversation& c, const char* kind, size_t n) {
    return c.id + "-" + kind + std::to_string(n) + "-" + app.settings.replica_id;
}

// "sla:overdue", "sla:due_soon", optionally ":<marketplace>".
bool parse_sla_filter(const std::string& name, std::string& state, std::string& market_filter) {
    if (name.rfind("sla:", 0) != 0) return false;
    std::string rest = name.substr(4);
    size_t colon = rest.find(':');
    state = rest.substr(0, colon);
    if (state != "overdue" && state != "due_soon") return false;
    market_filter = "all";
    if (colon != std::string::npos) {
        sd::Marketplace m;
        if (!sd::parse(rest.substr(colon + 1), m)) return false;
        market_filter = std::string("marketplace:") + sd::to_string(m);
    }
    return true;
}

json set_clock(AppState& app, const json& cmd) {
    double speed = app.clock.simulated ? app.clock.speed : 1.0;
    if (cmd.contains("speed")) {
        if (!cmd["speed"].is_number() || cmd["speed"].get<double>() < 0 || cmd["speed"].get<double>() > 1e6)
            return fail("\"speed\" must be a number from 0 (paused) to 1000000");
        speed = cmd["speed"].get<double>();
    }
    double real = platform::now_ms();
    sd::Time at = app_now(app, real);
    bool simulated = true;
    if (cmd.contains("now")) {
        if (cmd["now"].is_null()) {
            simulated = false;
        } else if (!cmd["now"].is_string() || !sd::parse_iso8601(cmd["now"].get<std::string>(), at)) {
            return fail("\"now\" must be an ISO 8601 time or null (real time)");
        }
    }
    if (!simulated && (!cmd.contains("speed") || speed == 1.0)) {
        app.clock = ClockState();
    } else {
        app.clock.simulated = true;
        app.clock.sim_at = simulated ? at : sd::Time(std::floor(real / 1000.0));
        app.clock.sim_real_ms = real;
        app.clock.speed = speed;
    }
    app.now = app_now(app, real);
    refresh_all_sla(app);
    return ok();
}


// Where `id` is in the current view, -1 when it is not listed.
int row_of(const AppState& app, const std::string& id) {
    int i = app.store.conversation_index(id);
    if (i < 0) return -1;
    const auto& rows = app.view.rows;
    auto it = std::find(rows.begin(), rows.end(), uint32_t(i));
    return it == rows.end() ? -1 : int(it - rows.begin());
}

bool valid_name(const json& v, size_t max_len) {
    if (!v.is_string()) return false;
    const std::string& s = v.get_ref<const std::string&>();
    return s.find_first_not_of(" \t") != std::string::npos && s.size() <= max_len;
}

// The ops of one bulk action over `ids`; conversations it would not change are counted, not journaled.
json bulk(AppState& app, const json& cmd, const std::vector<std::string>& ids) {
    const std::string action = cmd.value("action", std::string());
    std::vector<std::string> add, remove;
    std::string agent, status;
    if (action == "label") {
        for (const char* key : {"add", "remove"}) {
            if (!cmd.contains(key)) continue;
            if (!cmd[key].is_array()) return fail(std::string("\"") + key + "\" must be a list of labels");
            for (const json& l : cmd[key]) {
                if (!valid_name(l, 64)) return fail(std::string("\"") + key + "\" must hold non-empty label names of at most 64 bytes");
                (key[0] == 'a' ? add : remove).push_back(l.get<std::string>());
            }
        }
        if (add.empty() && remove.empty()) return fail("a label action needs \"add\" or \"remove\"");
    } else if (action == "assign") {
        if (!cmd.contains("agent") || !cmd["agent"].is_string()) return fail("\"agent\" must be an agent name (\"\" unassigns)");
        agent = cmd["agent"].get<std::string>();
    } else if (action == "close") {
        status = "closed";
    } else if (action == "set_status") {
        sd::Status st;
        if (!cmd.contains("status") || !cmd["status"].is_string() || !sd::parse(cmd["status"].get<std::string>(), st))
            return fail("\"status\" must be awaiting_seller, awaiting_customer or closed");
        status = sd::to_string(st);
    } else if (action != "mark_read" && action != "mark_unread") {
        return fail("\"action\" must be mark_read, mark_unread, label, assign, close or set_status");
    }
    std::vector<json> ops;
    size_t unchanged = 0;
    for (const std::string& id : ids) {
        const sd::Conversation* c = app.store.find_conversation(id);
        if (!c) return fail("no conversation \"" + id + "\"");
        json op;
        if (action == "mark_read" || action == "mark_unread") {
            bool unread = action == "mark_unread";
            if (c->unread != unread) op = {{"op", "set_unread"}, {"id", id}, {"unread", unread}};
        } else if (action == "label") {
            json a = json::array(), r = json::array();
            for (const std::string& l : add) if (!c->has_label(l)) a.push_back(l);
            for (const std::string& l : remove) if (c->has_label(l)) r.push_back(l);
            if (!a.empty() || !r.empty()) op = {{"op", "labels"}, {"id", id}, {"add", a}, {"remove", r}};
        } else if (action == "assign") {
            if (c->assignee != agent) op = {{"op", "assign"}, {"id", id}, {"agent", agent}};
        } else if (sd::to_string(c->status) != status) {
            op = {{"op", "set_status"}, {"id", id}, {"status", status}};
        }
        if (op.is_null()) ++unchanged;
        else ops.push_back(std::move(op));
    }
    return commit_many(app, ops, unchanged);
}

}  // namespace

sd::Time app_now(const AppState& app, double real_ms) {
    if (!app.clock.simulated) return sd::Time(std::floor(real_ms / 1000.0));
    return app.clock.sim_at + sd::Time(std::floor((real_ms - app.clock.sim_real_ms) * app.clock.speed / 1000.0));
}

std::string read_only_reason(const AppState& app) {
    if (app.tab.handover) return "this tab is handing the inbox over to another tab; edit there";
    return "this inbox is open for editing in another tab: edit there, or choose \"Take over here\"";
}

void persist_if_needed(AppState& app) {
    SaveState& s = app.save;
    if (s.ops_synced == s.ops_written) return;
    if (s.in_flight) {
        s.again = true;
        return;
    }
    s.in_flight = true;
    s.again = false;
    s.sync_target = s.ops_written;
    platform::persist();
}

void write_due_snapshot(AppState& app) {
    if (!app.texts.snapshot_due) {
        const uint64_t g = app.base.generation;
        compact_if_needed(app);   // edits made while the texts were read may have filled the journal
        if (app.base.generation != g) {
            ++app.save.ops_written;
            persist_if_needed(app);
        }
        return;
    }
    app.texts.snapshot_due = false;
    if (app.tab.read_only) return;
    std::string error;
    if (!sd::write_snapshot(app.data_dir, app.store, app.base, error)) app.save.error = error;
    ++app.save.ops_written;
    persist_if_needed(app);
}

void refresh_after_load(AppState& app, double index_budget_ms) {
    app.index.build_begin(app.store);   // filters, counts and sorting work at once
    index_step(app, index_budget_ms);
    refresh_all_sla(app);
}

bool index_step(AppState& app, double budget_ms) {
    if (app.index.text_ready()) return true;
    if (app.texts.pending) return false;   // the index is built from the texts: after them (texts.cpp)
    const double start = platform::perf_ms();
    bool done = false;
    while (!(done = app.index.build_step(app.store, 250)) && platform::perf_ms() - start < budget_ms) {
    }
    if (done && !app.view.query.text.empty()) app.view.dirty = true;   // the search can now find things
    return done;
}

bool open_inbox(AppState& app, const sd::InboxBase& base, bool fresh, std::string& error, bool texts_later) {
    if (fresh && !sd::reset_inbox(app.data_dir, base, error)) return false;
    sd::LoadedInbox in;
    if (!sd::load_inbox(app.data_dir, base, in, error, texts_later)) return false;
    app.store = std::move(in.store);
    app.base = in.base;
    texts_adopt(app, in);
    app.tab.journal_seen = sd::journal_size(app.data_dir, app.base);
    app.load_report.clear();
    for (const std::string& s : in.recovery) app.load_report += (app.load_report.empty() ? "" : "\n") + s;
    // A new demo, a version 1 inbox or one rebuilt after damage gets a fresh generation now, so
    // the next start reads one binary snapshot.
    if (app.tab.read_only) return true;   // another tab saves this inbox: write nothing here
    if (in.needs_snapshot && app.texts.pending) {
        app.texts.snapshot_due = true;   // written once the texts are in (texts.cpp)
    } else if (in.needs_snapshot && !sd::write_snapshot(app.data_dir, app.store, app.base, error)) {
        app.save.error = error;
        error.clear();
    }
    if (fresh || in.created || in.needs_snapshot || in.files_changed) {
        ++app.save.ops_written;   // the new base file must reach IndexedDB
        persist_if_needed(app);
    }
    return true;
}

bool follow_journal(AppState& app) {
    const sd::InboxBase& b = app.base;
    if (b.generation == 0) return false;   // a version 1 inbox: the writer is about to migrate it
    std::string text;
    if (!sd::read_file(app.data_dir + "/base.json", text)) return false;
    json base = json::parse(text, nullptr, false);
    if (!base.is_object() || !base.contains("generation") || base["generation"] != b.generation) return false;   // compacted or imported
    std::string journal;
    if (!sd::read_file(app.data_dir + "/" + sd::journal_name(b.generation), journal) || journal.size() < app.tab.journal_seen) return false;
    sd::JournalScan scan = sd::scan_journal(std::string_view(journal).substr(app.tab.journal_seen));
    const size_t before = app.store.conversations.size();
    std::vector<int> touched;
    for (const json& op : scan.records) {
        std::string why;
        if (!sd::apply_op(app.store, op, why)) continue;   // the writer applied it; same code, same result
        if (op.contains("id") && op["id"].is_string()) touched.push_back(app.store.conversation_index(op["id"].get<std::string>()));
    }
    app.tab.journal_seen += scan.valid_bytes;
    if (app.store.conversations.size() != before) {
        app.store.reindex();
        refresh_after_load(app);
    } else {
        for (int i : touched) refresh_conversation(app, i);
    }
    app.hlc = std::max(app.hlc, sd::max_hlc(app.store));
    return true;
}

void rebuild_rows(AppState& app) {
    double t0 = platform::perf_ms();
    ViewState& v = app.view;
    if (!app.index.in_sync(app.store)) app.index.build(app.store);   // should not happen; never show stale rows
    v.query.agent = app.settings.agent_name;                          // for "mine"
    sd::QueryResult r = sd::run_query(app.store, app.index, v.query, &app.urgency);
    v.counts = r.counts;
    v.rows = std::move(r.rows);
    if (!v.sla_filter.empty()) {
        sd::SlaState want = v.sla_filter == "overdue" ? sd::SlaState::Overdue : sd::SlaState::DueSoon;
        sd::SlaResult res;
        v.rows.erase(std::remove_if(v.rows.begin(), v.rows.end(),
                                    [&](uint32_t i) {
                                        sd::evaluate_sla(app.settings.sla, app.store.conversations[i], app.now, res);
                                        return res.state() != want;
                                    }),
                     v.rows.end());
    }
    // A bulk action only ever touches what the user can see: drop checked rows that left the view.
    if (!v.checked.empty()) {
        std::vector<bool> shown(app.store.conversations.size(), false);
        for (uint32_t i : v.rows) shown[i] = true;
        for (auto it = v.checked.begin(); it != v.checked.end();) {
            int i = app.store.conversation_index(*it);
            it = (i < 0 || !shown[size_t(i)]) ? v.checked.erase(it) : std::next(it);
        }
    }
    v.dirty = false;
    v.query_ms = platform::perf_ms() - t0;
}

void update_sla_summary(AppState& app) {
    // A state change (on track -> due soon -> overdue) reorders nothing (keys are deadlines) but an
    // SLA filter must be re-evaluated.
    if (sd::sla_tally_advance(app.sla_summary, app.settings.sla, app.store.conversations, app.now) && !app.view.sla_filter.empty())
        app.view.dirty = true;
}

namespace {
json run_command(AppState& app, const json& cmd) {
    if (!cmd.is_object() || !cmd.contains("type") || !cmd["type"].is_string())
        return fail("a command is an object with a string \"type\"");
    if (!app.ready) return fail("the inbox is still loading");
    if (app.import.running) return fail("an import is running; commands wait until it is merged");
    const std::string type = cmd["type"].get<std::string>();
    json err;

    if (type == "select") {
        if (cmd.contains("id") && cmd["id"].is_null()) {
            app.view.selected.clear();
            composer_open(app);
            return ok();
        }
        sd::Conversation* c = find(app, cmd, err);
        if (!c) return err;
        if (app.view.selected != c->id) app.action_error.clear();
        app.view.selected = c->id;
        composer_open(app);
        app.view.cursor = c->id;
        app.view.anchor = c->id;
        app.view.scroll_to_selected = true;
        if (c->unread && !app.tab.read_only) return commit(app, {{"op", "set_unread"}, {"id", c->id}, {"unread", false}});
        return ok();
    }
    if (type == "mark_unread" || type == "mark_read") {
        sd::Conversation* c = find(app, cmd, err);
        if (!c) return err;
        return commit(app, {{"op", "set_unread"}, {"id", c->id}, {"unread", type == "mark_unread"}});
    }
    if (type == "filter") {
        if (!cmd.contains("name") || !cmd["name"].is_string()) return fail("\"name\" must be a filter name");
        std::string name = cmd["name"].get<std::string>(), sla_state, market;
        if (parse_sla_filter(name, sla_state, market)) {
            app.view.query.filter = market;
            app.view.sla_filter = sla_state;
        } else {
            sd::Filter f;
            std::string why;
            if (!sd::parse_filter(name, f, &why)) return fail(why.empty() ? "unknown filter \"" + name + "\"" : why);
            app.view.query.filter = name;
            app.view.sla_filter.clear();
        }
        app.view.dirty = true;
        return ok();
    }
    if (type == "search") {
        sd::SearchField field = app.view.query.field;
        if (cmd.contains("field") && (!cmd["field"].is_string() || !sd::parse(cmd["field"].get<std::string>(), field)))
            return fail("\"field\" must be order_id, subject, customer or all");
        if (cmd.contains("text") && !cmd["text"].is_string()) return fail("\"text\" must be a string");
        app.view.query.field = field;
        app.view.query.text = cmd.value("text", std::string());
        app.view.dirty = true;
        return ok();
    }
    if (type == "sort") {
        sd::SortKey key;
        if (!cmd.contains("by") || !cmd["by"].is_string() || !sd::parse(cmd["by"].get<std::string>(), key))
            return fail("\"by\" must be urgency, last_message, customer, marketplace, subject or order_id");
        app.view.query.sort = key;
        app.view.query.descending = cmd.value("descending", key == sd::SortKey::LastMessage);
        app.view.dirty = true;
        return ok();
    }
    if (type == "clock") return set_clock(app, cmd);
    if (type == "reply") {
        sd::Conversation* c = find(app, cmd, err);
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
        json r = commit(app, op);
        return r;
    }
    if (type == "set_delivery") {
        sd::Conversation* c = find(app, cmd, err);
        if (!c) return err;
        return commit(app, {{"op", "set_delivery"}, {"id", c->id}, {"message_id", cmd.value("message_id", std::string())},
                            {"delivery", cmd.value("delivery", std::string())}});
    }
    if (type == "label") {
        sd::Conversation* c = find(app, cmd, err);
        if (!c) return err;
        json op = {{"op", "labels"}, {"id", c->id}};
        if (cmd.contains("add")) op["add"] = cmd["add"];
        if (cmd.contains("remove")) op["remove"] = cmd["remove"];
        return commit(app, op);
    }
    if (type == "flag_spam") {
        sd::Conversation* c = find(app, cmd, err);
        if (!c) return err;
        return commit(app, {{"op", "flag_spam"}, {"id", c->id}, {"reason", cmd.value("reason", std::string())}});
    }
    if (type == "set_status") {
        sd::Conversation* c = find(app, cmd, err);
        if (!c) return err;
        return commit(app, {{"op", "set_status"}, {"id", c->id}, {"status", cmd.value("status", std::string())}});
    }
    if (type == "assign") {
        sd::Conversation* c = find(app, cmd, err);
        if (!c) return err;
        if (!cmd.contains("agent") || !cmd["agent"].is_string()) return fail("\"agent\" must be an agent name (\"\" unassigns)");
        return commit(app, {{"op", "assign"}, {"id", c->id}, {"agent", cmd["agent"].get<std::string>()}});
    }
    if (type == "add_remark" || type == "add_note") {
        sd::Conversation* c = find(app, cmd, err);
        if (!c) return err;
        if (!cmd.contains("text") || !cmd["text"].is_string()) return fail("\"text\" must be the text of the " + type.substr(4));
        bool remark = type == "add_remark";
        json op = {{"op", type}, {"id", c->id},
                   {remark ? "remark_id" : "note_id", mint_id(app, *c, remark ? "rm" : "nt", (remark ? c->remarks.size() : c->notes.size()) + 1)},
                   {"text", cmd["text"].get<std::string>()}, {"agent", app.settings.agent_name}, {"at", sd::format_iso8601(app.now)}};
        if (remark) op["flag"] = cmd.value("flag", std::string("yellow"));
        return commit(app, op);
    }
    if (type == "move") {
        if (!cmd.contains("by") || !cmd["by"].is_number_integer()) return fail("\"by\" must be a whole number of rows (1 = down, -1 = up)");
        const auto& rows = app.view.rows;
        if (rows.empty()) return fail("the list is empty");
        int by = cmd["by"].get<int>();
        int at = row_of(app, app.view.cursor);
        int to = at < 0 ? (by >= 0 ? 0 : int(rows.size()) - 1) : std::clamp(at + by, 0, int(rows.size()) - 1);
        app.view.cursor = app.store.conversations[rows[size_t(to)]].id;
        app.view.anchor = app.view.cursor;
        app.view.scroll_to_selected = true;
        return {{"ok", true}, {"cursor", app.view.cursor}};
    }
    if (type == "open") {
        if (app.view.cursor.empty() || row_of(app, app.view.cursor) < 0) return fail("no conversation under the cursor");
        return run_command(app, {{"type", "select"}, {"id", app.view.cursor}});
    }
    if (type == "multi_select") {
        ViewState& v = app.view;
        if (cmd.contains("toggle")) {
            if (!cmd["toggle"].is_string() || row_of(app, cmd["toggle"].get<std::string>()) < 0)
                return fail("\"toggle\" must be the ID of a conversation in the list");
            std::string id = cmd["toggle"].get<std::string>();
            // The first ctrl-click also takes the open conversation along, as in a mail client.
            if (v.checked.empty() && !v.selected.empty() && v.selected != id && row_of(app, v.selected) >= 0) v.checked.insert(v.selected);
            if (!v.checked.erase(id)) v.checked.insert(id);
            v.anchor = v.cursor = id;
        } else if (cmd.contains("range_to")) {
            int to = cmd["range_to"].is_string() ? row_of(app, cmd["range_to"].get<std::string>()) : -1;
            if (to < 0) return fail("\"range_to\" must be the ID of a conversation in the list");
            int from = row_of(app, v.anchor);
            if (from < 0) from = to;
            v.checked.clear();
            for (int r = std::min(from, to); r <= std::max(from, to); ++r) v.checked.insert(app.store.conversations[v.rows[size_t(r)]].id);
            v.cursor = app.store.conversations[v.rows[size_t(to)]].id;
        } else if (cmd.contains("ids") && cmd["ids"] == "all") {
            for (uint32_t i : v.rows) v.checked.insert(app.store.conversations[i].id);
        } else if (cmd.contains("ids") && cmd["ids"].is_array()) {
            std::unordered_set<std::string> ids;
            for (const json& id : cmd["ids"]) {
                if (!id.is_string() || row_of(app, id.get<std::string>()) < 0)
                    return fail("\"ids\" must list conversations in the current list; " + id.dump() + " is not one");
                ids.insert(id.get<std::string>());
            }
            v.checked = std::move(ids);
        } else {
            return fail("multi_select needs \"ids\" (a list, or \"all\" for the whole view), \"toggle\" or \"range_to\"");
        }
        return {{"ok", true}, {"count", v.checked.size()}};
    }
    if (type == "bulk") {
        std::vector<std::string> ids;
        if (cmd.contains("ids")) {
            if (!cmd["ids"].is_array()) return fail("\"ids\" must be a list of conversation IDs");
            for (const json& id : cmd["ids"]) {
                if (!id.is_string()) return fail("\"ids\" must be a list of conversation IDs");
                ids.push_back(id.get<std::string>());
            }
        } else {
            // In screen order, so the journal reads like what the user saw.
            for (uint32_t i : app.view.rows)
                if (app.view.checked.count(app.store.conversations[i].id)) ids.push_back(app.store.conversations[i].id);
        }
        if (ids.empty()) return fail("nothing is selected");
        return bulk(app, cmd, ids);
    }
    if (type == "settings") {
        AppSettings next = app.settings;
        if (cmd.contains("agent_name")) {
            if (!valid_name(cmd["agent_name"], 80)) return fail("\"agent_name\" must be a name of 1 to 80 bytes");
            next.agent_name = cmd["agent_name"].get<std::string>();
        }
        if (cmd.contains("agents")) {
            if (!cmd["agents"].is_array()) return fail("\"agents\" must be a list of agent names");
            next.agents.clear();
            for (const json& a : cmd["agents"]) {
                if (!valid_name(a, 80)) return fail("\"agents\" must hold names of 1 to 80 bytes");
                if (std::find(next.agents.begin(), next.agents.end(), a.get<std::string>()) == next.agents.end())
                    next.agents.push_back(a.get<std::string>());
            }
        }
        if (cmd.contains("store_name")) {
            if (!valid_name(cmd["store_name"], 80)) return fail("\"store_name\" must be a name of 1 to 80 bytes");
            next.store_name = cmd["store_name"].get<std::string>();
        }
        if (std::find(next.agents.begin(), next.agents.end(), next.agent_name) == next.agents.end())
            next.agents.insert(next.agents.begin(), next.agent_name);
        app.settings.agent_name = next.agent_name;
        app.settings.agents = next.agents;
        app.settings.store_name = next.store_name;
        save_settings(app);
        app.view.dirty = true;   // "mine" follows the agent name
        return ok();
    }
    if (type == "window") {
        static const char* kNames[] = {"shortcuts", "settings", "clock", "team", "templates"};
        bool* flags[] = {&app.show_shortcuts, &app.show_settings, &app.show_clock, &app.show_team, &app.templates.show_window};
        std::string name = cmd.value("name", std::string());
        for (int i = 0; i < 5; ++i)
            if (name == kNames[i]) {
                *flags[i] = cmd.value("open", !*flags[i]);
                return ok();
            }
        return fail("\"name\" must be shortcuts, settings, clock, team or templates");
    }
    if (type == "draft" || type == "save_draft") {
        sd::Conversation* c = find(app, cmd, err);
        if (!c) return err;
        if (!cmd.contains("text") || !cmd["text"].is_string()) return fail("\"text\" must be the draft text");
        std::string text = cmd["text"].get<std::string>();
        if (text.size() > 100000) return fail("a draft is limited to 100,000 bytes");
        if (type == "draft" && app.composer.id == c->id) {
            composer_set_text(app, text, text.size(), false);
            app.composer.draft_due = false;
        }
        if (c->draft == text) return ok();
        return commit(app, {{"op", "set_draft"}, {"id", c->id}, {"text", text}});
    }
    if (type == "insert_template") {
        sd::Conversation* c = find(app, cmd, err);
        if (!c) return err;
        if (!cmd.contains("template") || !cmd["template"].is_string()) return fail("\"template\" must be a template ID");
        const sd::Template* t = app.templates.lib.find(cmd["template"].get<std::string>());
        if (!t || t->deleted) return fail("no template \"" + cmd["template"].get<std::string>() + "\"");
        std::string lang = cmd.value("lang", std::string("en"));
        bool open = app.composer.id == c->id;
        std::string base = open ? app.composer.text : c->draft;
        size_t at = open ? app.composer.caret : base.size();
        sd::ComposeSettings cs{app.settings.agent_name, app.settings.store_name};
        sd::Insertion ins = sd::insert_template(base, at, *t, lang, sd::placeholder_values(app.store, *c, cs, app.now));
        sd::record_use(app.templates.lib, t->id, app.now);
        save_user_templates(app);
        if (open) {
            composer_set_text(app, ins.text, ins.caret, false);
            app.composer.draft_due = false;
            app.composer.focus_start = app.composer.focus_end = int(sd::utf16_offset(ins.text, ins.caret));
        }
        json r = ins.text == c->draft ? ok() : commit(app, {{"op", "set_draft"}, {"id", c->id}, {"text", ins.text}});
        r["missing"] = ins.missing;
        return r;
    }
    if (type == "mark_sent") {
        sd::Conversation* c = find(app, cmd, err);
        if (!c) return err;
        if (cmd.contains("override") && !cmd["override"].is_boolean()) return fail("\"override\" must be true or false");
        bool override_checks = cmd.value("override", false);
        bool open = app.composer.id == c->id;
        std::string text = open ? app.composer.text : c->draft;
        if (text.find_first_not_of(" \t\r\n") == std::string::npos) return fail("the reply is empty");
        std::vector<sd::Finding> findings = sd::check_draft(app.store, *c, text);
        bool errors = sd::has_errors(findings);
        if (errors && !override_checks) {
            std::string rules;
            for (const sd::Finding& f : findings)
                if (f.severity == sd::Severity::Error && rules.find(f.rule) == std::string::npos) rules += (rules.empty() ? "" : ", ") + f.rule;
            json r = fail("the reply breaks " + std::to_string(sd::count_severity(findings, sd::Severity::Error)) +
                          " rule(s): " + rules + "; fix it, or mark it sent with override: true (recorded on the message)");
            r["findings"] = findings_json_utf16(findings, text);
            return r;
        }
        json op = {{"op", "reply"}, {"id", c->id}, {"message_id", mint_id(app, *c, "out", c->messages.size() + 1)}, {"text", text},
                   {"author", app.settings.agent_name}, {"at", sd::format_iso8601(app.now)}, {"delivery", "sent"}};
        if (errors) op["override_checks"] = true;
        json r = commit(app, op);
        if (r["ok"] != true) return r;
        commit(app, {{"op", "set_draft"}, {"id", c->id}, {"text", ""}});
        if (open) {
            composer_set_text(app, "", 0, false);
            app.composer.draft_due = false;
            app.composer.notice = errors ? "Marked as sent, with the rule errors overridden (recorded)." : "Marked as sent.";
        }
        r["message_id"] = op["message_id"];
        r["override_checks"] = errors;
        return r;
    }
    if (type == "new_message") {
        sd::Conversation* c = find(app, cmd, err);
        if (!c) return err;
        if (c->order_id.empty() || !app.store.find_order(c->order_id)) return fail("a new message needs an order; this conversation has none");
        if (c->marketplace != sd::Marketplace::Walmart)
            return fail(std::string("only Walmart lets a seller start a conversation about an order; on ") + sd::display_name(c->marketplace) +
                        " reply in the buyer's conversation");
        std::string subject = cmd.value("subject", "About your order " + c->order_id);
        std::string id = c->id + "-new" + std::to_string(app.store.conversations.size()) + "-" + app.settings.replica_id;
        json op = {{"op", "new_conversation"}, {"id", id}, {"marketplace", sd::to_string(c->marketplace)}, {"order_id", c->order_id},
                   {"customer_id", c->customer_id}, {"subject", subject}, {"at", sd::format_iso8601(app.now)},
                   {"stamp", stamp_for_edit(app)}};
        std::string error;
        if (!sd::apply_op(app.store, op, error)) return fail(error);
        app.index.sync(app.store);
        app.urgency.resize(app.store.conversations.size(), INT64_MAX);
        refresh_conversation(app, int(app.store.conversations.size()) - 1);
        if (!sd::append_op(app.data_dir, app.base, op, error)) app.save.error = error;
        else ++app.save.ops_written, persist_if_needed(app);
        json r = run_command(app, {{"type", "select"}, {"id", id}});
        r["id"] = id;
        return r;
    }
    if (type == "template_save") {
        if (!cmd.contains("template") || !cmd["template"].is_object()) return fail("\"template\" must be a template object (docs/templates.md)");
        sd::TemplateLibrary one;
        std::vector<std::string> errors;
        if (!sd::library_from_json({{"format", "sellerdesk-templates"}, {"version", 1}, {"templates", json::array({cmd["template"]})}}, one, errors) ||
            one.templates.size() != 1 ||
            (one.templates[0].stamp = next_edit_stamp(app),
             !sd::save_template(app.templates.lib, one.templates[0], errors))) {
            std::string msg;
            for (const std::string& e : errors) msg += (msg.empty() ? "" : "; ") + e;
            json r = fail(msg.empty() ? "the template is not valid" : msg);
            r["errors"] = errors;
            return r;
        }
        save_user_templates(app);
        return ok();
    }
    if (type == "template_delete") {
        if (!cmd.contains("template") || !cmd["template"].is_string()) return fail("\"template\" must be a template ID");
        const sd::Template* t = app.templates.lib.find(cmd["template"].get<std::string>());
        if (!t || t->deleted ||
            !sd::delete_template(app.templates.lib, cmd["template"].get<std::string>(), next_edit_stamp(app)))
            return fail("no template \"" + cmd["template"].get<std::string>() + "\"");
        save_user_templates(app);
        return ok();
    }
    if (type == "undo_import") return import_undo(app);
    if (type == "sla_preset") {
        sd::SlaPreset p;
        if (!cmd.contains("preset") || !cmd["preset"].is_string() || !sd::parse(cmd["preset"].get<std::string>(), p))
            return fail("\"preset\" must be current or seller_guides");
        app.settings.sla = sd::make_sla_policies(p);
        save_settings(app);
        refresh_all_sla(app);
        return ok();
    }
    if (type == "sla_policies") {
        sd::SlaPolicySet set;
        std::string why;
        if (!cmd.contains("policies") || !sd::sla_policies_from_json(cmd["policies"], set, why)) return fail(why.empty() ? "\"policies\" missing" : why);
        app.settings.sla = std::move(set);
        save_settings(app);
        refresh_all_sla(app);
        return ok();
    }
    if (type == "reset_demo") {
        sd::InboxBase b;
        b.seed = cmd.value("seed", uint64_t(1));
        b.conversations = cmd.value("conversations", 1200);
        if (b.conversations < 10 || b.conversations > 100000) return fail("\"conversations\" must be 10..100000");
        b.now = app.now;
        std::string error;
        if (!open_inbox(app, b, true, error)) return fail(error);
        refresh_after_load(app);
        app.view.selected.clear();
        return ok();
    }
    return fail("unknown command \"" + type + "\"");
}
}  // namespace

json dispatch(AppState& app, const json& cmd) {
    if (cmd.is_object() && cmd.value("type", "") == "take_over") {   // a follower asks the writer tab to step down
        if (!app.tab.read_only) return fail("this tab already edits the inbox");
        if (app.tab.handover) return fail("this tab is handing the inbox over; it cannot take it back until that is done");
        app.tab.note.clear();
        platform::request_takeover();
        return {{"ok", true}, {"requested", true}};
    }
    // A read-only tab (another tab saves the inbox) refuses everything that would write a file.
    static const char* kWrites[] = {"settings", "template_save", "template_delete", "undo_import", "reset_demo", "sla_preset", "sla_policies"};
    if (app.tab.read_only && cmd.is_object() && cmd.contains("type") && cmd["type"].is_string())
        for (const char* t : kWrites)
            if (cmd["type"] == t) return fail(read_only_reason(app));
    // A field of the wrong type (e.g. "reason": 5) is refused before anything changes: every
    // command reads its fields before it applies its op.
    try {
        return run_command(app, cmd);
    } catch (const nlohmann::json::exception& e) {
        std::string what = e.what();
        size_t cut = what.find("] ");
        return fail("a field has the wrong type: " + (cut == std::string::npos ? what : what.substr(cut + 2)));
    }
}

namespace {
json sla_json(const AppState& app, const sd::Conversation& c, const sd::SlaResult& r) {
    (void)c;
    const sd::SlaDeadline* d = r.primary_deadline();
    if (!d) return {{"state", "none"}, {"text", ""}, {"deadline", nullptr}, {"remaining_s", nullptr}, {"policy", ""}};
    const std::string& policy = d->policy >= 0 ? app.settings.sla.policies[size_t(d->policy)].id : std::string();
    bool open = d->open();
    return {{"state", sd::to_string(d->state)},
            {"text", format_countdown(*d, false)},
            {"deadline", d->deadline == sd::kNoTime ? json(nullptr) : json(sd::format_iso8601(d->deadline))},
            {"remaining_s", open ? json(d->remaining) : json(nullptr)},
            {"policy", policy}};
}
}  // namespace

json state_json(const AppState& app, size_t max_rows) {
    json s;
    s["ready"] = app.ready;
    const sd::FilterCounts& n = app.view.counts;
    s["conversations"] = app.store.conversations.size();
    s["unread"] = n.unread;
    s["selected"] = app.view.selected.empty() ? json(nullptr) : json(app.view.selected);
    json markets = json::object();
    for (int m = 0; m < sd::kMarketplaceCount; ++m) markets[sd::to_string(sd::Marketplace(m))] = n.marketplace[m];
    s["marketplaces"] = markets;
    s["filter"] = app.view.sla_filter.empty() ? app.view.query.filter
                  : "sla:" + app.view.sla_filter + (app.view.query.filter == "all" ? "" : ":" + app.view.query.filter.substr(12));
    s["search"] = {{"field", sd::to_string(app.view.query.field)}, {"text", app.view.query.text}};
    s["sort"] = {{"by", sd::to_string(app.view.query.sort)}, {"descending", app.view.query.descending}};
    s["counts"] = {{"all", n.all}, {"unread", n.unread}, {"response_needed", n.response_needed},
                   {"customer_care", n.customer_care}, {"failed", n.failed}, {"spam", n.spam}};
    // The number next to every filter of the left pane, by filter name (labels included).
    json by_filter = json::object();
    sd::Filter f;
    for (const std::string& name : sd::standard_filter_names())
        if (sd::parse_filter(name, f)) by_filter[name] = n.count(f);
    for (const auto& [label, count] : n.labels) by_filter["label:" + label] = count;
    s["filter_counts"] = std::move(by_filter);
    // The open conversation in full (the store's JSON form: messages, remarks, notes, draft...).
    const sd::Conversation* open = app.store.find_conversation(app.view.selected);
    s["conversation"] = open ? sd::conversation_to_json(*open) : json(nullptr);
    s["cursor"] = app.view.cursor.empty() ? json(nullptr) : json(app.view.cursor);
    {
        std::vector<std::string> ids(app.view.checked.begin(), app.view.checked.end());
        std::sort(ids.begin(), ids.end());
        s["multi_selected"] = {{"count", ids.size()}, {"ids", ids}};
    }
    s["windows"] = {{"shortcuts", app.show_shortcuts}, {"settings", app.show_settings}, {"clock", app.show_clock}, {"team", app.show_team}, {"templates", app.templates.show_window}};
    const ImportState& im = app.import;
    s["import"] = {{"running", im.running}, {"phase", !im.running ? "idle" : im.checking ? "checking" : im.saving ? "saving" : "merging"},
                   {"checked_bytes", im.checking ? im.parse.bytes_done : 0}, {"bytes", im.checking ? im.parse.bytes_total : 0},
                   {"merged", !im.running || im.checking ? size_t(0) : im.saving ? im.total : im.job.next},
                   {"saved_records", im.saving ? im.encode.done : 0},
                   {"total", im.total}, {"can_undo", im.can_undo},
                   {"last", app.import.report.is_null() ? json(nullptr) : app.import.report}};
    s["search_index"] = {{"ready", app.index.text_ready()}, {"progress", app.index.text_ready() ? 1.0 : app.index.build_progress(app.store)}};
    s["message_texts"] = {{"ready", !app.texts.pending}, {"progress", texts_progress(app)}};
    s["perf"] = {{"query_ms", app.view.query_ms}, {"frame_ms", app.frame_ms},
                 {"frame_parts_ms", {{"data", app.frame_parts[0]}, {"panels", app.frame_parts[1]}, {"webgl", app.frame_parts[2]}}}};
    s["now"] = sd::format_iso8601(app.now);
    s["clock"] = {{"simulated", app.clock.simulated}, {"speed", app.clock.simulated ? app.clock.speed : 1.0}};
    s["frames"] = app.frames;
    s["notice"] = app.load_report;   // what loading found (e.g. a repaired journal); "" when nothing
    s["settings"] = {{"agent_name", app.settings.agent_name}, {"sla_preset", app.settings.sla.preset},
                     {"sla_policies", sd::sla_policies_to_json(app.settings.sla)},
                     {"replica_id", app.settings.replica_id}, {"agents", app.settings.agents},
                     {"store_name", app.settings.store_name}};
    s["composer"] = composer_json(app);
    {
        size_t live = 0;
        for (const sd::Template& t : app.templates.lib.templates) live += t.deleted ? 0 : 1;
        s["templates"] = {{"count", live}};
    }
    json sla_counts = json::object();
    for (int m = 0; m < sd::kMarketplaceCount; ++m)
        sla_counts[sd::to_string(sd::Marketplace(m))] = {{"overdue", app.sla_summary.overdue[m]}, {"due_soon", app.sla_summary.due_soon[m]}};
    s["sla_counts"] = sla_counts;
    json rows = json::array();
    sd::SlaResult r;
    for (uint32_t i : app.view.rows) {
        if (rows.size() >= max_rows) break;
        const sd::Conversation& c = app.store.conversations[i];
        const sd::Customer* who = app.store.find_customer(c.customer_id);
        sd::evaluate_sla(app.settings.sla, c, app.now, r);
        rows.push_back({{"id", c.id},
                        {"marketplace", sd::to_string(c.marketplace)},
                        {"customer", who ? who->name : std::string()},
                        {"subject", c.subject},
                        {"order_id", c.order_id},
                        {"unread", c.unread},
                        {"last_message_at", sd::format_iso8601(c.last_message_at())},
                        {"labels", c.labels},
                        {"status", sd::to_string(c.status)},
                        {"spam", c.spam == sd::SpamReason::None ? json(nullptr) : json(sd::to_string(c.spam))},
                        {"kind", sd::to_string(c.kind)},
                        {"assignee", c.assignee},
                        {"sla", sla_json(app, c, r)}});
    }
    s["rows"] = std::move(rows);
    s["rows_total"] = app.view.rows.size();
    const ViewState& v = app.view;
    s["layout"] = {{"first_visible_row", v.first_visible_row}, {"first_row_y", v.first_row_y},
                   {"row_height", v.row_height}, {"list_x", v.list_x}, {"list_width", v.list_w}};
    const SaveState& sv = app.save;
    std::string save_state = !sv.error.empty() ? "error" : (sv.ops_synced == sv.ops_written ? "saved" : "saving");
    s["save"] = {{"state", save_state}, {"pending", sv.ops_written - sv.ops_synced}, {"message", sv.error}};
    s["read_only"] = app.tab.read_only;
    const StartupTimes& st = app.startup;
    s["startup"] = {{"init_ms", st.init_ms}, {"read_ms", st.read_ms}, {"index_ms", st.index_ms}, {"list_ms", st.list_ms},
                    {"texts_ready_ms", st.texts_ms > 0 ? json(st.texts_ms) : json(nullptr)}};
    return s;
}
