// Commands of the account metrics: an order defect (Amazon's ODR) and the projection's time.
#include "app_state.h"
#include "command_handlers.h"
#include "command_support.h"
#include "edits.h"
#include "metrics_cache.h"
#include "core/time.h"

using nlohmann::json;

namespace {

// A string member, or "" with `error` set when it is there but not a string.
bool optional_string(const json& cmd, const char* key, std::string& out, json& error) {
    if (!cmd.contains(key) || cmd[key].is_null()) return true;
    if (!cmd[key].is_string()) {
        error = fail(std::string("\"") + key + "\" must be a string");
        return false;
    }
    out = cmd[key].get<std::string>();
    return true;
}

}  // namespace

// {type: "add_defect", order_id, kind, [at]}: at defaults to the app's time.
json cmd_add_defect(AppState& app, const json& cmd) {
    json err;
    std::string order_id, kind, at_text;
    if (!optional_string(cmd, "order_id", order_id, err) || !optional_string(cmd, "kind", kind, err) ||
        !optional_string(cmd, "at", at_text, err))
        return err;
    if (order_id.empty()) return fail("\"order_id\" must name an order");
    if (!app.store.find_order(order_id)) return fail("no order \"" + order_id + "\"");
    sd::DefectKind k;
    if (!sd::parse(kind, k)) return fail("\"kind\" must be a_to_z, negative_feedback or chargeback, got \"" + kind + "\"");
    sd::Time at = app.now;
    if (!at_text.empty() && !sd::parse_iso8601(at_text, at))
        return fail("\"at\" must be an ISO 8601 time such as 2026-11-25T09:00:00Z, got \"" + at_text + "\"");
    json r = stage_edit(app, {{"op", "add_defect"}, {"id", order_id}, {"kind", kind}, {"at", sd::format_iso8601(at)}});
    if (r["ok"] == true) metrics_data_changed(app);
    return r;
}

// {type: "projection", until} (ISO 8601, after the app's time) or {hours: N}; {until: null} clears it.
json cmd_projection(AppState& app, const json& cmd) {
    MetricsState& m = app.metrics;
    const bool has_until = cmd.contains("until"), has_hours = cmd.contains("hours");
    if (has_until == has_hours) return fail("give either \"until\" (an ISO 8601 time) or \"hours\" (a number of hours ahead)");
    if (has_until && cmd["until"].is_null()) {
        m.has_projection = false;
        if (app.view.must_answer) app.view.dirty = true;   // the filter "projection" now lists nothing
        return {{"ok", true}};
    }
    sd::Time until = 0;
    if (has_hours) {
        if (!cmd["hours"].is_number() || cmd["hours"].get<double>() <= 0 || cmd["hours"].get<double>() > 24 * 366)
            return fail("\"hours\" must be a number of hours from 0 to 8784 (a year), more than 0");
        until = app.now + sd::Time(cmd["hours"].get<double>() * 3600.0);
    } else {
        if (!cmd["until"].is_string() || !sd::parse_iso8601(cmd["until"].get<std::string>(), until))
            return fail("\"until\" must be an ISO 8601 time such as 2026-11-30T09:00:00+08:00");
        if (until <= app.now) return fail("\"until\" must be after the app's time (" + sd::format_iso8601(app.now) + ")");
    }
    m.has_projection = true;
    m.projection_until = until;
    m.projection_version = UINT64_MAX;   // computed for state() when next asked
    if (app.view.must_answer) app.view.dirty = true;   // the filter "projection" follows the new list
    return {{"ok", true}, {"until", sd::format_iso8601(until)}};
}
