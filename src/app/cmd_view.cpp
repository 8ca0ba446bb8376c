// View commands: which conversation is open, the list's filter, search, sort and cursor, the
// multi-selection, windows and the simulated clock. None of them changes saved data (select
// marks a conversation read through the mark_read command).
#include <algorithm>
#include <cmath>
#include <iterator>
#include <unordered_set>

#include "app_state.h"
#include "command_handlers.h"
#include "command_support.h"
#include "composer.h"
#include "edits.h"
#include "inbox.h"
#include "language.h"
#include "metrics_view.h"
#include "view.h"
#include "training.h"
#include "core/time.h"
#include "platform/platform.h"

using nlohmann::json;

namespace {

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

}  // namespace

json cmd_select(AppState& app, const json& cmd) {
    json err;
    if (cmd.contains("id") && cmd["id"].is_null()) {
        save_open_draft(app);
        app.view.selected.clear();
        composer_open(app);
        return ok();
    }
    sd::Conversation* c = find_conversation_arg(app, cmd, err);
    if (!c) return err;
    if (app.view.selected != c->id) {
        app.action_error.clear();
        save_open_draft(app);
    }
    app.view.selected = c->id;
    composer_open(app);
    app.view.cursor = c->id;   // a click never scrolls the list; only keys do (move)
    app.view.anchor = c->id;
    if (c->unread && !app.tab.read_only) return ok_then({{"type", "mark_read"}, {"id", c->id}});
    return ok();
}

json cmd_filter(AppState& app, const json& cmd) {
    if (!cmd.contains("name") || !cmd["name"].is_string()) return fail("\"name\" must be a filter name");
    std::string name = cmd["name"].get<std::string>(), sla_state, market;
    if (name == "projection") {   // the projection's must-answer list (metrics_view.h)
        if (!app_projection(app)) return fail("there is no projection yet: dispatch {type: \"projection\", until} first");
        app.view.query.filter = "all";
        app.view.sla_filter.clear();
        app.view.must_answer = true;
        app.view.dirty = true;
        return ok();
    }
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
    app.view.must_answer = false;
    app.view.dirty = true;
    return ok();
}

json cmd_search(AppState& app, const json& cmd) {
    sd::SearchField field = app.view.query.field;
    if (cmd.contains("field") && (!cmd["field"].is_string() || !sd::parse(cmd["field"].get<std::string>(), field)))
        return fail("\"field\" must be order_id, subject, customer or all");
    if (cmd.contains("text") && !cmd["text"].is_string()) return fail("\"text\" must be a string");
    app.view.query.field = field;
    app.view.query.text = cmd.value("text", std::string());
    app.view.dirty = true;
    return ok();
}

json cmd_sort(AppState& app, const json& cmd) {
    sd::SortKey key;
    if (!cmd.contains("by") || !cmd["by"].is_string() || !sd::parse(cmd["by"].get<std::string>(), key))
        return fail("\"by\" must be urgency, last_message, customer, marketplace, subject or order_id");
    if (cmd.contains("descending") && !cmd["descending"].is_boolean()) return fail("\"descending\" must be true or false");
    app.view.query.sort = key;
    app.view.query.descending = cmd.value("descending", key == sd::SortKey::LastMessage);
    app.view.dirty = true;
    return ok();
}

json cmd_clock(AppState& app, const json& cmd) {
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
    training_tick(app);   // a clock moved forward brings the scenario's events due by then
    if (!training_active(app)) save_clock_preference(app);   // a scenario's clock is not the inbox's
    refresh_sla_for_clock(app);   // the events training_tick brought updated the metrics themselves
    return ok();
}

json cmd_move(AppState& app, const json& cmd) {
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

json cmd_open(AppState& app, const json&) {
    if (app.view.cursor.empty() || row_of(app, app.view.cursor) < 0) return fail("no conversation under the cursor");
    return ok_then({{"type", "select"}, {"id", app.view.cursor}});
}

namespace {

json multi_select_ids(AppState& app, const json& list) {
    std::unordered_set<std::string> ids;
    for (const json& id : list) {
        if (!id.is_string() || row_of(app, id.get<std::string>()) < 0)
            return fail("\"ids\" must list conversations in the current list; " + id.dump() + " is not one");
        ids.insert(id.get<std::string>());
    }
    app.view.checked = std::move(ids);
    return ok();
}

json multi_select_range(AppState& app, const json& to_id) {
    ViewState& v = app.view;
    int to = to_id.is_string() ? row_of(app, to_id.get<std::string>()) : -1;
    if (to < 0) return fail("\"range_to\" must be the ID of a conversation in the list");
    int from = row_of(app, v.anchor);
    if (from < 0) from = to;
    v.checked.clear();
    for (int r = std::min(from, to); r <= std::max(from, to); ++r) v.checked.insert(app.store.conversations[v.rows[size_t(r)]].id);
    v.cursor = app.store.conversations[v.rows[size_t(to)]].id;
    return ok();
}

}  // namespace

json cmd_multi_select(AppState& app, const json& cmd) {
    ViewState& v = app.view;
    json r;
    if (cmd.contains("toggle")) {
        if (!cmd["toggle"].is_string() || row_of(app, cmd["toggle"].get<std::string>()) < 0)
            return fail("\"toggle\" must be the ID of a conversation in the list");
        // The selection starts empty: the first Ctrl+click selects just that row, whatever is open.
        std::string id = cmd["toggle"].get<std::string>();
        if (!v.checked.erase(id)) v.checked.insert(id);
        v.anchor = v.cursor = id;
        r = ok();
    } else if (cmd.contains("range_to")) {
        r = multi_select_range(app, cmd["range_to"]);
    } else if (cmd.contains("ids") && cmd["ids"] == "all") {
        for (uint32_t i : v.rows) v.checked.insert(app.store.conversations[i].id);
        r = ok();
    } else if (cmd.contains("ids") && cmd["ids"].is_array()) {
        r = multi_select_ids(app, cmd["ids"]);
    } else {
        return fail("multi_select needs \"ids\" (a list, or \"all\" for the whole view), \"toggle\" or \"range_to\"");
    }
    if (r["ok"] == true) r["count"] = v.checked.size();
    return r;
}

json cmd_window(AppState& app, const json& cmd) {
    static const char* kNames[] = {"shortcuts", "settings", "clock", "team", "templates", "training", "performance", "projection", "registers"};
    bool* flags[] = {&app.show_shortcuts, &app.show_settings, &app.show_clock, &app.show_team, &app.templates.show_window,
                     &app.training.show_window, &app.dashboard.show, &app.dashboard.show_projection, &app.registers.show_window};
    std::string name = cmd.value("name", std::string());
    if (cmd.contains("open") && !cmd["open"].is_boolean()) return fail("\"open\" must be true or false");
    for (size_t i = 0; i < std::size(kNames); ++i)
        if (name == kNames[i]) {
            *flags[i] = cmd.value("open", !*flags[i]);
            return ok();
        }
    return fail("\"name\" must be shortcuts, settings, clock, team, templates, training, performance or projection or registers");
}

// The UI language. It is this browser's preference (localStorage), not inbox data: nothing is
// journaled, and a read-only tab may switch too. Its errors stay English, like every command's.
// The next frame draws every text in it; the rows and counts do not depend on it.
json cmd_language(AppState&, const json& cmd) {
    if (!cmd.contains("lang") || !cmd["lang"].is_string() || !choose_language(cmd["lang"].get<std::string>()))
        return fail("\"lang\" must be \"en\" (English) or \"zh\" (Simplified Chinese)");
    return ok();
}
