// The app's commands: the one path by which the UI and the automation bridge change anything.
//   {type: "select", id}            open a conversation and mark it read
//   {type: "mark_unread", id} / {type: "mark_read", id}
//   {type: "filter", name}          "all", "unread", "marketplace:walmart", ...
//   {type: "reset_demo", seed, conversations}
// Domain edits become sd ops (core/ops.h): applied, appended to the journal, flushed to IndexedDB.
#include <algorithm>
#include <cmath>

#include "app_state.h"
#include "core/ops.h"
#include "core/time.h"
#include "platform/platform.h"

using nlohmann::json;

namespace {

json fail(const std::string& error) { return {{"ok", false}, {"error", error}}; }
json ok() { return {{"ok", true}}; }

bool visible_in(const sd::Conversation& c, const std::string& filter) {
    if (filter == "spam") return c.spam != sd::SpamReason::None;
    if (c.spam != sd::SpamReason::None) return false;      // spam leaves every other view
    if (filter == "all") return true;
    if (filter == "unread") return c.unread;
    if (filter.rfind("marketplace:", 0) == 0) return filter.compare(12, std::string::npos, sd::to_string(c.marketplace)) == 0;
    return false;
}

bool valid_filter(const std::string& f) {
    if (f == "all" || f == "unread" || f == "spam") return true;
    sd::Marketplace m;
    return f.rfind("marketplace:", 0) == 0 && sd::parse(f.substr(12), m);
}

// Apply an op, journal it and schedule a flush. Refused ops change nothing.
json commit(AppState& app, const json& op) {
    std::string error;
    if (!sd::apply_op(app.store, op, error)) return fail(error);
    if (!sd::append_op(app.data_dir, op, error)) {
        app.save.error = error;
        return {{"ok", true}, {"warning", "changed, but not saved: " + error}};
    }
    ++app.save.ops_written;
    app.view.dirty = true;
    persist_if_needed(app);
    return ok();
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

}  // namespace

sd::Time app_now(const AppState& app, double real_ms) {
    if (!app.clock.simulated) return sd::Time(std::floor(real_ms / 1000.0));
    return app.clock.sim_at + sd::Time(std::floor((real_ms - app.clock.sim_real_ms) * app.clock.speed / 1000.0));
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

void rebuild_rows(AppState& app) {
    ViewState& v = app.view;
    v.rows.clear();
    for (uint32_t i = 0; i < app.store.conversations.size(); ++i)
        if (visible_in(app.store.conversations[i], v.filter)) v.rows.push_back(i);
    const auto& cs = app.store.conversations;
    std::stable_sort(v.rows.begin(), v.rows.end(), [&](uint32_t a, uint32_t b) {
        return cs[a].last_message_at() > cs[b].last_message_at();
    });
    v.dirty = false;
}

json dispatch(AppState& app, const json& cmd) {
    if (!cmd.is_object() || !cmd.contains("type") || !cmd["type"].is_string())
        return fail("a command is an object with a string \"type\"");
    if (!app.ready) return fail("the inbox is still loading");
    const std::string type = cmd["type"].get<std::string>();
    json err;

    if (type == "select") {
        if (cmd.contains("id") && cmd["id"].is_null()) {
            app.view.selected.clear();
            return ok();
        }
        sd::Conversation* c = find(app, cmd, err);
        if (!c) return err;
        app.view.selected = c->id;
        app.view.scroll_to_selected = true;
        if (c->unread) return commit(app, {{"op", "set_unread"}, {"id", c->id}, {"unread", false}});
        return ok();
    }
    if (type == "mark_unread" || type == "mark_read") {
        sd::Conversation* c = find(app, cmd, err);
        if (!c) return err;
        return commit(app, {{"op", "set_unread"}, {"id", c->id}, {"unread", type == "mark_unread"}});
    }
    if (type == "filter") {
        if (!cmd.contains("name") || !cmd["name"].is_string()) return fail("\"name\" must be a filter name");
        std::string name = cmd["name"].get<std::string>();
        if (!valid_filter(name)) return fail("unknown filter \"" + name + "\"");
        app.view.filter = name;
        app.view.dirty = true;
        return ok();
    }
    if (type == "reset_demo") {
        sd::InboxBase b;
        b.seed = cmd.value("seed", uint64_t(1));
        b.conversations = cmd.value("conversations", 1200);
        if (b.conversations < 10 || b.conversations > 100000) return fail("\"conversations\" must be 10..100000");
        b.now = app.now;
        std::string error;
        if (!sd::reset_inbox(app.data_dir, b, error)) return fail(error);
        sd::LoadedInbox in;
        if (!sd::load_inbox(app.data_dir, b, in, error)) return fail(error);
        app.store = std::move(in.store);
        app.base = in.base;
        app.view.selected.clear();
        app.view.dirty = true;
        ++app.save.ops_written;   // the new base must reach IndexedDB too
        persist_if_needed(app);
        return ok();
    }
    return fail("unknown command \"" + type + "\"");
}

json state_json(const AppState& app) {
    json s;
    s["ready"] = app.ready;
    int unread = 0;
    int per_market[sd::kMarketplaceCount] = {};
    for (const sd::Conversation& c : app.store.conversations) {
        if (c.spam != sd::SpamReason::None) continue;
        unread += c.unread ? 1 : 0;
        ++per_market[int(c.marketplace)];
    }
    s["conversations"] = app.store.conversations.size();
    s["unread"] = unread;
    s["selected"] = app.view.selected.empty() ? json(nullptr) : json(app.view.selected);
    json markets = json::object();
    for (int m = 0; m < sd::kMarketplaceCount; ++m) markets[sd::to_string(sd::Marketplace(m))] = per_market[m];
    s["marketplaces"] = markets;
    s["filter"] = app.view.filter;
    s["now"] = sd::format_iso8601(app.now);
    json rows = json::array();
    for (uint32_t i : app.view.rows) {
        const sd::Conversation& c = app.store.conversations[i];
        const sd::Customer* who = app.store.find_customer(c.customer_id);
        rows.push_back({{"id", c.id},
                        {"marketplace", sd::to_string(c.marketplace)},
                        {"customer", who ? who->name : std::string()},
                        {"subject", c.subject},
                        {"order_id", c.order_id},
                        {"unread", c.unread},
                        {"last_message_at", sd::format_iso8601(c.last_message_at())}});
    }
    s["rows"] = std::move(rows);
    const ViewState& v = app.view;
    s["layout"] = {{"first_visible_row", v.first_visible_row}, {"first_row_y", v.first_row_y},
                   {"row_height", v.row_height}, {"list_x", v.list_x}, {"list_width", v.list_w}};
    const SaveState& sv = app.save;
    std::string save_state = !sv.error.empty() ? "error" : (sv.ops_synced == sv.ops_written ? "saved" : "saving");
    s["save"] = {{"state", save_state}, {"pending", sv.ops_written - sv.ops_synced}, {"message", sv.error}};
    return s;
}
