// Applying, staging and journaling edits (edits.h). Every op is stamped so it merges field by
// field with edits made on other machines (core/sync.h).
#include "edits.h"

#include <algorithm>

#include "app_state.h"
#include "metrics_cache.h"
#include "core/journal.h"
#include "core/ops.h"
#include "core/storage.h"
#include "platform/platform.h"

using nlohmann::json;

void refresh_conversation(AppState& app, int i) {
    if (i < 0) return;
    app.index.update(app.store, size_t(i));
    if (app.urgency.size() == app.store.conversations.size()) {
        const sd::Conversation& c = app.store.conversations[size_t(i)];
        app.urgency[size_t(i)] = sd::sla_urgency_key(c, sd::evaluate_sla(app.settings.sla, c, app.now));
    }
    app.view.dirty = true;
    sd::sla_tally_update(app.sla_summary, app.settings.sla, app.store.conversations, size_t(i), app.now);
    metrics_conversation_changed(app, size_t(i));
}

void refresh_after_op(AppState& app, const json& op) {
    const std::string& id = op["id"].get_ref<const std::string&>();
    if (op["op"] == "set_vip") {   // a customer's follow-up: every conversation of theirs
        app.index.customer_changed(app.store, id);
        app.view.dirty = true;      // the "Follow up today" folder and its count
        return;
    }
    refresh_conversation(app, app.store.conversation_index(id));
}

void refresh_all_sla(AppState& app) {
    // One evaluation of every conversation gives the list's urgency keys and the SLA strip's counts.
    sd::sla_tally_build(app.sla_summary, app.settings.sla, app.store.conversations, app.now, &app.urgency);
    metrics_invalidate(app);   // rebuilt when next asked for
    app.view.dirty = true;
}

void refresh_sla_for_clock(AppState& app) {
    sd::sla_tally_build(app.sla_summary, app.settings.sla, app.store.conversations, app.now, &app.urgency);
    app.view.dirty = true;
}

sd::Stamp next_edit_stamp(AppState& app) {
    if (app.hlc_unscanned) {   // start-up leaves the scan of every stamp to the first edit
        app.hlc = std::max(app.hlc, sd::max_hlc(app.store));
        app.hlc_unscanned = false;
    }
    sd::Stamp s = sd::next_stamp(app.hlc, int64_t(platform::now_ms()), app.settings.replica_id);
    app.hlc = s.hlc;
    return s;
}

json stamp_for_edit(AppState& app) { return sd::stamp_to_json(next_edit_stamp(app)); }

json stage_edit(AppState& app, json op) {
    if (!op.contains("stamp")) op["stamp"] = stamp_for_edit(app);
    std::string error;
    const size_t before = app.store.conversations.size();
    if (!sd::apply_op(app.store, op, error)) return {{"ok", false}, {"error", error}};
    if (app.store.conversations.size() != before) {   // a new conversation: the index and keys grow
        app.index.sync(app.store);
        app.urgency.resize(app.store.conversations.size(), INT64_MAX);
    }
    refresh_after_op(app, op);
    app.staged_ops.push_back(std::move(op));
    return {{"ok", true}};
}

json stage_edits(AppState& app, std::vector<json> ops, size_t unchanged) {
    size_t changed = 0;
    json refused = json::array();
    for (json& op : ops) {
        json id = op["id"];
        json r = stage_edit(app, std::move(op));
        if (r["ok"] == true) ++changed;
        else refused.push_back({{"id", id}, {"error", r["error"]}});
    }
    return {{"ok", true}, {"changed", changed}, {"unchanged", unchanged}, {"refused", refused}};
}

std::string journal_staged(AppState& app) {
    std::vector<json> ops = std::move(app.staged_ops);
    app.staged_ops.clear();
    if (ops.empty()) return {};
    if (app.tour.running) return {};   // the tour's demo inbox is never saved (tour.h)
    if (!app.training.scenario.empty()) {   // a training store is never journaled: its session is saved apart (training_save.h)
        app.training.save_due = true;
        return {};
    }
    sync_note_ops(app.sync, app.store, ops);   // the live sync looks at these conversations again (sync_state.h)
    std::string error;
    if (!sd::append_ops(app.data_dir, app.base, ops, error)) {
        app.save.error = error;
        return error;
    }
    ++app.save.ops_written;
    compact_if_needed(app);
    persist_if_needed(app);
    return {};
}

void save_open_draft(AppState& app) {
    ComposerState& cs = app.composer;
    if (!cs.draft_due || cs.id.empty()) return;
    cs.draft_due = false;
    const sd::Conversation* c = app.store.find_conversation(cs.id);
    if (!c || c->draft == cs.text || app.tab.read_only) return;
    stage_edit(app, {{"op", "set_draft"}, {"id", cs.id}, {"text", cs.text}});
    journal_staged(app);
}

namespace {
std::string typed_draft_path(const AppState& app) { return app.data_dir + "/draft.json"; }
}  // namespace

void keep_typed_draft(AppState& app) {
    const ComposerState& cs = app.composer;
    if (cs.id.empty() || app.tab.read_only || !app.training.scenario.empty() || app.tour.running) return;
    // Stamped now: the draft as typed wins over the saved one only if nothing changed it since.
    const json record = {{"format", "sellerdesk-draft"}, {"id", cs.id}, {"text", cs.text}, {"stamp", stamp_for_edit(app)}};
    if (!sd::write_file_atomic(typed_draft_path(app), record.dump())) {
        app.save.error = "draft.json: cannot write";
        return;
    }
    ++app.save.ops_written;
    persist_if_needed(app);
}

void recover_typed_draft(AppState& app) {
    std::string text;
    if (app.tab.read_only || !sd::read_file(typed_draft_path(app), text)) return;
    const json j = json::parse(text, nullptr, false);
    sd::Stamp stamp;
    std::string why;
    if (!j.is_object() || !j.contains("id") || !j["id"].is_string() || !j.contains("text") || !j["text"].is_string() ||
        !j.contains("stamp") || !sd::stamp_from_json(j["stamp"], stamp, why))
        return;   // a torn or foreign file: the journal's draft stands
    const sd::Conversation* c = app.store.find_conversation(j["id"].get<std::string>());
    if (!c || c->draft == j["text"].get<std::string>() || sd::compare(stamp, c->edits.draft.stamp) <= 0) return;
    stage_edit(app, {{"op", "set_draft"}, {"id", c->id}, {"text", j["text"]}, {"stamp", j["stamp"]}});
    journal_staged(app);
}

bool save_inbox_file(AppState& app, const std::string& name, const std::string& text) {
    if (app.tab.read_only) return false;   // another tab saves the inbox
    return write_flushed_file(app, app.data_dir + "/" + name, name, text);
}

bool write_flushed_file(AppState& app, const std::string& path, const std::string& shown, const std::string& text) {
    if (!sd::write_file_atomic(path, text)) {
        app.save.error = shown + ": cannot write";
        return false;
    }
    ++app.save.ops_written;
    persist_if_needed(app);
    return true;
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

void compact_if_needed(AppState& app) {
    constexpr uint64_t kCompactBytes = uint64_t(4) << 20;
    if (app.tab.read_only) return;
    if (app.texts.pending) return;   // a snapshot now would lose the texts not read yet: write_due_snapshot
    if (sd::journal_size(app.data_dir, app.base) < kCompactBytes) return;
    std::string error;
    if (!sd::write_snapshot(app.data_dir, app.store, app.base, error)) app.save.error = error;
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
