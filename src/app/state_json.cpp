// state() of the automation bridge (docs/automation.md lists every field).
#include "state_json.h"
#include "team_sync.h"

#include "metrics_cache.h"

#include <algorithm>

#include "app_state.h"
#include "registers_app.h"
#include "composer.h"
#include "format.h"
#include "handover.h"
#include "i18n.h"
#include "import_reasons.h"
#include "language.h"
#include "metrics_view.h"
#include "reading.h"
#include "texts.h"
#include "training.h"
#include "tour.h"
#include "undo.h"
#include "core/store_json.h"
#include "core/time.h"

using nlohmann::json;

namespace {
// rows[].sla: the response deadline only (what a reply meets); a resolution clock is never here.
json sla_json(const AppState& app, const sd::SlaResult& r) {
    const sd::SlaDeadline* d = r.response_deadline();
    if (!d) return {{"state", "none"}, {"text", ""}, {"deadline", nullptr}, {"remaining_s", nullptr}, {"policy", ""}};
    const std::string& policy = d->policy >= 0 ? app.settings.sla.policies[size_t(d->policy)].id : std::string();
    bool open = d->open();
    return {{"state", sd::to_string(d->state)},
            {"text", format_countdown(*d, false)},
            {"deadline", d->deadline == sd::kNoTime ? json(nullptr) : json(sd::format_iso8601(d->deadline))},
            {"remaining_s", open ? json(d->remaining) : json(nullptr)},
            {"policy", policy}};
}

// rows[].team_target: the team's own target beside the marketplace's deadline, or null.
json team_target_json(const AppState& app, const sd::Conversation& c, const sd::SlaResult& r) {
    const sd::TeamDeadline t = sd::team_deadline(app.settings.team_target, c, r, app.now);
    if (t.state == sd::SlaState::None) return nullptr;
    return {{"state", sd::to_string(t.state)}, {"deadline", sd::format_iso8601(t.deadline)}};
}

// rows[].resolution: the resolution deadline (Tmall after-sale), or null. `remaining_s` counts while
// the clock runs (seconds to the deadline) or is paused (clock seconds left); null once closed.
json resolution_json(const sd::SlaResult& r) {
    const sd::SlaDeadline* d = r.resolution_deadline();
    if (!d) return nullptr;
    const bool counting = d->open() || d->state == sd::SlaState::Paused;
    return {{"state", sd::to_string(d->state)},
            {"deadline", d->deadline == sd::kNoTime ? json(nullptr) : json(sd::format_iso8601(d->deadline))},
            {"remaining_s", counting ? json(d->remaining) : json(nullptr)}};
}
// state().import.last: the last report with each list longer than kLastListMax cut to its first
// entries (after a 50 MB mailbox, thousands of IDs and skipped mails made every state() call cost
// 50-110 ms); `lists_cut` gives the full length of each list cut. The top level and `report` are
// cut, nothing deeper (a conflict's values stay whole). import_lists keeps every list.
constexpr size_t kLastListMax = 50;
// state().import.skipped_lines: the report's first skipped entries as its window words them.
constexpr size_t kSkippedLinesMax = 20;

json cut_lists(const json& j, const std::string& path, json& lengths, bool deeper) {
    if (j.is_array() && j.size() > kLastListMax) {
        lengths[path] = j.size();
        return json(j.begin(), j.begin() + kLastListMax);
    }
    if (!j.is_object() || !deeper) return j;
    json out = json::object();
    for (const auto& [k, v] : j.items()) out[k] = cut_lists(v, path.empty() ? k : path + "." + k, lengths, k == "report");
    return out;
}

json last_import_json(const json& report, bool import_lists) {
    if (report.is_null() || import_lists) return report;
    json lengths = json::object();
    json out = cut_lists(report, "", lengths, true);
    if (!lengths.empty()) out["lists_cut"] = lengths;
    return out;
}
}  // namespace

json state_json(const AppState& app, size_t max_rows, bool import_lists) {
    json s;
    s["ready"] = app.ready;
    const sd::FilterCounts& n = app.view.counts;
    s["conversations"] = app.store.conversations.size();
    s["unread"] = n.unread;
    s["selected"] = app.view.selected.empty() ? json(nullptr) : json(app.view.selected);
    json markets = json::object();
    for (int m = 0; m < sd::kMarketplaceCount; ++m) markets[sd::to_string(sd::Marketplace(m))] = n.marketplace[m];
    s["marketplaces"] = markets;
    s["filter"] = app.view.must_answer ? "projection" : app.view.sla_filter.empty() ? app.view.query.filter
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
    by_filter["follow_up"] = n.follow_up;   // the "Follow up today" folder (handover.h)
    s["filter_counts"] = std::move(by_filter);
    // The open conversation in full (the store's JSON form: messages, remarks, notes, draft...).
    const sd::Conversation* open = app.store.find_conversation(app.view.selected);
    s["conversation"] = open ? sd::conversation_to_json(*open) : json(nullptr);
    // Its order (the store's JSON form, defects included), null for pre-sale conversations.
    const sd::Order* order = open && !open->order_id.empty() ? app.store.find_order(open->order_id) : nullptr;
    s["order"] = order ? sd::order_to_json(*order) : json(nullptr);
    s["metrics"] = metrics_state_json(app);
    s["projection"] = projection_state_json(app);
    s["cursor"] = app.view.cursor.empty() ? json(nullptr) : json(app.view.cursor);
    {
        std::vector<std::string> ids(app.view.checked.begin(), app.view.checked.end());
        std::sort(ids.begin(), ids.end());
        s["multi_selected"] = {{"count", ids.size()}, {"ids", ids}};
    }
    s["language"] = i18n_language();
    {
        const MenuTitles m = menu_titles();
        s["menu_titles"] = {m.inbox, m.view, m.team, m.help};
    }
    s["windows"] = {{"shortcuts", app.show_shortcuts}, {"settings", app.show_settings}, {"clock", app.show_clock}, {"team", app.show_team}, {"templates", app.templates.show_window},
                    {"training", app.training.show_window},
                    {"import_files", app.mail.plan.open}, {"performance", app.dashboard.show}, {"projection", app.dashboard.show_projection}};
    s["dashboard"] = dashboard_json(app);   // metrics_view.h: what the Performance window drew
    const ImportState& im = app.import;
    s["import"] = {{"running", im.running}, {"phase", !im.running ? "idle" : im.reading ? "reading" : im.checking ? "checking" : im.saving ? "saving" : "merging"},
                   {"checked_bytes", im.checking ? im.parse.bytes_done : 0}, {"bytes", im.checking ? im.parse.bytes_total : 0},
                   {"merged", !im.running || im.checking ? size_t(0) : im.saving ? im.total : im.job.next},
                   {"saved_records", im.saving ? im.encode.done : 0},
                   {"total", im.total}, {"can_undo", im.can_undo},
                   {"last", last_import_json(app.import.report, import_lists)},
                   {"skipped_lines", skip_lines_json(app.import.report, kSkippedLinesMax)}};
    s["search_index"] = {{"ready", app.index.text_ready()}, {"progress", app.index.text_ready() ? 1.0 : app.index.build_progress(app.store)}};
    s["message_texts"] = {{"ready", !app.texts.pending}, {"progress", texts_progress(app)}};
    s["perf"] = {{"query_ms", app.view.query_ms}, {"frame_ms", app.frame_ms},
                 {"frame_parts_ms", {{"data", app.frame_parts[0]}, {"panels", app.frame_parts[1]}, {"webgl", app.frame_parts[2]}}}};
    s["now"] = sd::format_iso8601(app.now);
    s["clock"] = {{"simulated", app.clock.simulated}, {"speed", app.clock.simulated ? app.clock.speed : 1.0}};
    s["team_target"] = sd::team_target_to_json(app.settings.team_target);
    s["frames"] = app.frames;
    s["notice"] = app.load_report;   // what loading found (e.g. a repaired journal); "" when nothing
    s["settings"] = {{"agent_name", app.settings.agent_name}, {"sla_preset", app.settings.sla.preset},
                     {"sla_policies", sd::sla_policies_to_json(app.settings.sla)},
                     {"replica_id", app.settings.replica_id}, {"agents", app.settings.agents},
                     {"store_name", app.settings.store_name}, {"mail_domains", sd::mail_domains_to_json(app.mail.domains)},
                     {"mail_from", app.mail.mail_from}};
    s["training"] = training_json(app);         // training.h, docs/scenarios.md
    s["handover"] = handover_state_json(app);   // handover.h: the latest shift handover, or null
    s["handover_windows"] = handover_windows_json(app);
    s["customer_vip"] = customer_vip_json(app);
    s["tour"] = tour_json(app);                 // tour.h
    s["demo"] = app.mail.demo;                   // records_import.h, docs/import.md
    s["start_question"] = app.mail.ask_start && !app.tab.read_only;
    s["composer"] = composer_json(app);
    s["registers"] = registers_state_json(app);   // registers_app.h
    s["windows"]["registers"] = app.registers.show_window;
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
                        {"sla", sla_json(app, r)},
                        {"resolution", resolution_json(r)},
                        {"team_target", team_target_json(app, c, r)}});
    }
    s["rows"] = std::move(rows);
    s["rows_total"] = app.view.rows.size();
    const ViewState& v = app.view;
    auto rect = [](const float (&q)[4]) { return json{{"x", q[0]}, {"y", q[1]}, {"w", q[2]}, {"h", q[3]}}; };
    json columns = json::array();
    for (const auto& [name, w] : v.columns) columns.push_back({{"name", name}, {"w", w}});
    s["layout"] = {{"first_visible_row", v.first_visible_row}, {"first_row_y", v.first_row_y},
                   {"row_height", v.row_height}, {"list_x", v.list_x}, {"list_width", v.list_w},
                   {"list", rect(v.list_rect)}, {"thread", v.selected.empty() ? json(nullptr) : rect(v.thread_rect)},
                   {"columns", columns}, {"narrow", v.narrow}};
    json tabs = json::object();
    for (const auto& [name, q] : v.tabs) tabs[name] = {{"x", q[0]}, {"y", q[1]}, {"w", q[2]}, {"h", q[3]}};
    s["layout"]["tabs"] = v.selected.empty() ? json::object() : tabs;
    s["layout"]["messages"] = messages_layout_json(app);
    json menus = json::object();
    for (const auto& [name, q] : v.menus) menus[name] = {{"x", q[0]}, {"y", q[1]}, {"w", q[2]}, {"h", q[3]}};
    s["layout"]["menus"] = menus;
    s["focus"] = app.fields.focused.empty() ? json(nullptr) : json(app.fields.focused);
    s["pane"] = v.pane;
    s["undo"] = {{"available", undo_available(app)}, {"text", undo_available(app) ? app.undo.text : std::string()}};
    s["shortcuts"] = app.single_key_shortcuts;
    s["find"] = find_json(app);
    s["text_selection"] = selection_json(app);
    s["font_size"] = app.font_size;
    const SaveState& sv = app.save;
    std::string save_state = !sv.error.empty() ? "error" : (sv.ops_synced == sv.ops_written ? "saved" : "saving");
    s["save"] = {{"state", save_state}, {"pending", sv.ops_written - sv.ops_synced}, {"message", sv.error}};
    s["read_only"] = app.tab.read_only;
    s["sync"] = sync_state_json(app);   // team_sync.h: the live sync, never its password
    s["presence"] = presence_json(app);  // team_sync.h: other agents' open conversations
    const StartupTimes& st = app.startup;
    s["startup"] = {{"init_ms", st.init_ms}, {"read_ms", st.read_ms}, {"index_ms", st.index_ms}, {"list_ms", st.list_ms},
                    {"texts_ready_ms", st.texts_ms > 0 ? json(st.texts_ms) : json(nullptr)}};
    return s;
}
