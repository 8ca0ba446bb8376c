// Export, import and undo in the app (import_export.h).
#include "import_export.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "app_state.h"
#include "registers_app.h"
#include "edits.h"
#include "handover.h"
#include "inbox.h"
#include "metrics_cache.h"
#include "records_import.h"
#include "settings.h"
#include "template_library.h"
#include "training.h"
#include "core/export_json.h"
#include "core/snapshot_bin.h"
#include "core/ops.h"
#include "core/time.h"
#include "platform/platform.h"

using nlohmann::json;

namespace {

// An import works in slices between frames, about kFrameBudgetMs of work per frame, so the page
// keeps drawing (the progress bar moves) while a 100 MB file is checked and merged.
constexpr double kFrameBudgetMs = 12;
constexpr size_t kCheckSlice = size_t(1) << 20;   // bytes of the file read between clock checks
constexpr size_t kMergeSlice = 100;               // conversations merged between clock checks
constexpr size_t kEncodeSlice = 200;              // records written to the new snapshot between clock checks

sd::SyncData take_data(AppState& app) {
    sd::SyncData d;
    d.store = std::move(app.store);
    d.templates = app.templates.lib;
    d.sla = app.settings.sla;
    d.registers = app.registers.data;
    d.handovers = app.handovers.list;
    return d;
}

// Puts merged (or restored) data back into the app and makes it durable as a new snapshot.
// After a new snapshot: the template library and settings that came with the data, and one flush.
void save_adopted(AppState& app) {
    app.tab.journal_seen = 0;
    save_user_templates(app);
    save_registers(app);
    save_handovers(app);
    save_settings(app);   // counts as a write and flushes everything to IndexedDB
}

// Returns how long its parts took: {store, index, snapshot, files} in ms.
void adopt_store(AppState& app, sd::SyncData&& d) {
    app.store = std::move(d.store);
    app.store.reindex();
    app.templates.lib = std::move(d.templates);
    app.settings.sla = std::move(d.sla);
    app.registers.data = std::move(d.registers);
    app.handovers.list = std::move(d.handovers);
    app.hlc = std::max(app.hlc, std::max(sd::max_hlc(app.store), sd::max_hlc(app.registers.data)));
}

// index_budget_ms: how long the search index is built in this frame (it goes on between frames).
void adopt_view(AppState& app, double index_budget_ms = 10) {
    refresh_after_load(app, index_budget_ms);   // the urgency keys and the SLA strip's tally, in one pass
    app.view.dirty = true;
    app.composer = ComposerState();   // reopened on the next frame with the merged draft
}

// With write = false only the store is taken ({store: ms}): the import calls adopt_view() in
// the next frame and writes the snapshot itself (in slices, import_step), then save_adopted().
json adopt(AppState& app, sd::SyncData&& d, bool write = true) {
    double t0 = platform::perf_ms();
    adopt_store(app, std::move(d));
    double t1 = platform::perf_ms();
    if (!write) return {{"store", t1 - t0}};
    adopt_view(app);
    double t2 = platform::perf_ms();
    std::string error;
    if (!sd::write_snapshot(app.data_dir, app.store, app.base, error)) app.save.error = error;
    double t3 = platform::perf_ms();
    save_adopted(app);
    double t4 = platform::perf_ms();
    return {{"store", t1 - t0}, {"index", t2 - t1}, {"snapshot", t3 - t2}, {"files", t4 - t3}};
}

json error_json(const sd::ImportError& e) {
    return {{"message", e.message()}, {"pointer", e.pointer}, {"line", e.line}, {"column", e.column}, {"reason", e.reason}};
}

}  // namespace

std::string export_file_name(const AppState&, bool redacted) {
    sd::CivilTime ct = sd::to_civil(real_now());   // a file name is real data: never the simulated clock
    char name[96];
    std::snprintf(name, sizeof name, "sellerdesk-%s%04d%02d%02d-%02d%02d.json", redacted ? "redacted-" : "", ct.year, ct.month, ct.day,
                  ct.hour, ct.minute);
    return name;
}

bool export_json_text(AppState& app, const ExportRequest& req, std::string& out, std::string& error) {
    if (app.import.running) {
        error = "an import is running";
        return false;
    }
    if (!ensure_texts(app, error)) return false;
    save_open_draft(app);
    sd::ExportOptions opt;
    opt.replica = app.settings.replica_id;
    opt.exported_at = real_now();
    opt.redact = req.redact;
    opt.templates = req.templates;
    opt.settings = req.settings;
    if (!req.ids.empty() || req.view_only) {
        opt.subset = true;
        if (!req.ids.empty()) opt.conversation_ids = req.ids;
        else
            for (uint32_t i : app.view.rows) opt.conversation_ids.push_back(app.store.conversations[i].id);
    }
    // The store moves into the export's input and back: no copy of a large inbox.
    sd::SyncData d = take_data(app);
    bool ok = sd::export_text(d, opt, out, error);
    app.store = std::move(d.store);
    return ok;
}

namespace {
json import_start(AppState& app, std::string_view text, const std::string& file_name);
void save_step(AppState& app);
}  // namespace

json import_begin(AppState& app, std::string&& text, const std::string& file_name) {
    ImportState& im = app.import;
    if (im.running) return {{"ok", false}, {"error", {{"message", "another import is still running"}}}};
    im.text = std::move(text);
    return import_start(app, std::string_view(im.text), file_name);
}

json import_begin_owned(AppState& app, char* text, size_t size, const std::string& file_name) {
    ImportState& im = app.import;
    if (im.running) {
        std::free(text);
        return {{"ok", false}, {"error", {{"message", "another import is still running"}}}};
    }
    im.owned_text.reset(text);
    return import_start(app, std::string_view(text, size), file_name);
}

namespace {

json import_start(AppState& app, std::string_view text, const std::string& file_name) {
    ImportState& im = app.import;
    std::string why;
    if (training_active(app) || app.tour.running) {   // the store is the training or tour one: an import waits for the real inbox
        im.owned_text.reset();
        im.text = std::string();
        const char* what = app.tour.running ? "the guided tour is running" : "a training scenario is running";
        return {{"ok", false}, {"error", {{"message", std::string("Not imported: ") + what + "; stop it first."}}}};
    }
    if (!ensure_texts(app, why)) {   // the merge and the new snapshot need every text
        im.owned_text.reset();
        im.text = std::string();
        return {{"ok", false}, {"error", {{"message", "Not imported: " + why + "."}}}};
    }
    im.file_name = file_name;
    im.parse = sd::begin_parse(text);
    im.running = true;
    im.checking = true;
    im.total = 0;
    im.check_ms = im.merge_ms = im.finish_ms = im.save_ms = 0;
    im.saving = false;
    im.started_ms = platform::now_ms();
    platform::request_frames(0);
    return {{"ok", true}, {"running", true}, {"bytes", text.size()}};
}

void refuse(ImportState& im, json error) {
    im.clear_demo = false;
    im.running = false;
    im.checking = false;
    im.parse = sd::ParseJob();
    std::string().swap(im.text);
    im.owned_text.reset();
    im.report = {{"ok", false}, {"error", std::move(error)}, {"file", im.file_name}};
    im.show_report = !im.quiet;
    im.quiet = false;
}

// One frame's share of checking the file: slices of the text until the frame's budget is spent.
void check_step(AppState& app) {
    ImportState& im = app.import;
    const double start = platform::perf_ms();
    bool done = false;
    while (!(done = sd::parse_next(im.parse, kCheckSlice)) && platform::perf_ms() - start < kFrameBudgetMs) {
    }
    im.check_ms += platform::perf_ms() - start;
    if (!done) {
        platform::request_frames(0);
        return;
    }
    if (!im.parse.ok) {
        refuse(im, error_json(im.parse.error));
        return;
    }
    sd::ExportFile file = std::move(im.parse.file);
    if (file.header.redacted) {
        refuse(im, {{"message", "this file is redacted (made for demos and training): importing it would put made-up names into "
                                "your inbox; open it in a fresh browser profile instead"},
                    {"pointer", "header/redacted"}, {"line", 0}, {"column", 0}});
        return;
    }
    im.parse = sd::ParseJob();
    std::string().swap(im.text);   // the file is no longer needed: its data is in `file`
    im.owned_text.reset();
    im.checking = false;
    if (im.clear_demo) {   // asked for by the import dialog (records_import.h): the file is valid, so now
        im.clear_demo = false;
        std::string error;
        if (!clear_store(app, error)) app.save.error = error;
    }
    if (!file.has_settings) {   // no settings in the file: ours stay as they are
        file.data.sla = app.settings.sla;
    }
    save_open_draft(app);
    im.total = file.data.store.conversations.size();
    im.job = sd::begin_merge(take_data(app), std::move(file.data));
    im.can_undo = false;
    platform::request_frames(0);
}



// One frame's share of writing the merged inbox as the new snapshot; the last one commits it.
void save_step(AppState& app);

}  // namespace

namespace {

// The phase an import step is about to work on, named for the report's longest_steps.
const char* step_phase(const ImportState& im) {
    if (im.reading && im.finish_due)
        return im.releasing ? "release" : im.records_built ? "merge_start" : im.built_all ? "threads_end" : im.building ? "threads" : "thread_groups";
    if (im.reading) return "records";
    if (im.checking) return "check";
    if (im.saving) return im.refresh_due ? "list" : im.metrics_due ? "metrics" : im.encode.finished ? (im.snapshot_written ? "flush" : "write") : "encode";
    return "merge";
}

void import_step_once(AppState& app);

}  // namespace

void import_step(AppState& app) {
    ImportState& im = app.import;
    if (!im.running) return;
    if (!im.longest_steps.is_object()) im.longest_steps = json::object();
    const char* phase = step_phase(im);
    const double start = platform::perf_ms();
    import_step_once(app);
    const double ms = platform::perf_ms() - start;
    if (ms > im.longest_steps.value(phase, 0.0)) im.longest_steps[phase] = ms;
    if (!im.running) {
        if (im.report.is_object() && im.report.contains("timing_ms")) im.report["timing_ms"]["longest_steps"] = im.longest_steps;
        im.longest_steps = json();
    }
}

namespace {

void import_step_once(AppState& app) {
    ImportState& im = app.import;
    if (im.reading) {   // mail and CSV: the page is still handing the files over
        sd::SyncData incoming;
        if (records_step(app, incoming)) {
            save_open_draft(app);
            im.job = sd::begin_merge(take_data(app), std::move(incoming));
            im.can_undo = false;
        }
        return;
    }
    if (im.checking) {
        check_step(app);
        return;
    }
    if (im.saving) {
        save_step(app);
        return;
    }
    const double start = platform::perf_ms();
    bool done = false;
    while (!(done = sd::merge_next(im.job, kMergeSlice)) && platform::perf_ms() - start < kFrameBudgetMs) {
    }
    im.merge_ms += platform::perf_ms() - start;
    // The end of the merge (the store's indexes, the list's keys, the search index begun) is a
    // frame of its own, not added to a frame's share of merging.
    if (!done || platform::perf_ms() - start > kFrameBudgetMs / 4) {
        platform::request_frames(0);
        return;
    }
    sd::MergeResult r = sd::finish_merge(std::move(im.job));
    im.job = sd::MergeJob();
    im.undo = std::move(r.undo);
    im.finish_ms += platform::perf_ms() - start;
    const double adopt_start = platform::perf_ms();
    im.save_parts = adopt(app, std::move(r.data), false);
    im.save_ms = platform::perf_ms() - adopt_start;
    im.refresh_due = true;
    im.metrics_due = true;
    im.merge_report = sd::report_to_json(r.report);
    im.counts[0] = r.report.conversations_added;
    im.counts[1] = r.report.conversations_updated;
    im.counts[2] = r.report.conversations_unchanged;
    // The merged inbox becomes the new snapshot, encoded a slice per frame (nothing may change it
    // meanwhile: the import is still running, so commands wait).
    im.saving = true;
    im.encode = sd::begin_encode(app.store);
    platform::request_frames(0);
}

void save_step(AppState& app) {
    ImportState& im = app.import;
    const double start = platform::perf_ms();
    // A step that is a frame of its own: its time goes into the report's save figures as `part`.
    auto own_frame = [&](const char* part) {
        const double ms = platform::perf_ms() - start;
        im.save_ms += ms;
        im.save_parts[part] = ms;
        platform::request_frames(0);
    };
    if (im.refresh_due) {   // the list and the search index of the merged inbox
        adopt_view(app, 0);   // the index only begun: the frames after the import build it
        im.refresh_due = false;
        return own_frame("index");
    }
    if (im.metrics_due) {   // the metrics' episodes of the merged inbox, which the menu bar's strip needs:
        episode_cache(app);   // built here rather than in the first frame after the import
        im.metrics_due = false;
        return own_frame("metrics");
    }
    bool done = false;
    while (!(done = sd::encode_next(im.encode, app.store, kEncodeSlice)) && platform::perf_ms() - start < kFrameBudgetMs) {
    }
    im.save_ms += platform::perf_ms() - start;
    if (!done) {
        platform::request_frames(0);
        return;
    }
    // Writing the files and handing them to IndexedDB each copy the whole snapshot: one frame each.
    double t = platform::perf_ms();
    if (!im.snapshot_written) {
        std::string error;
        if (!sd::write_snapshot_files(app.data_dir, im.encode.files, app.base, error)) app.save.error = error;
        im.encode.files = sd::SnapshotFiles();
        im.snapshot_written = true;
        const double write_ms = platform::perf_ms() - t;
        im.save_ms += write_ms;
        im.save_parts["write"] = write_ms;
        platform::request_frames(0);
        return;
    }
    im.encode = sd::EncodeJob();
    im.snapshot_written = false;
    save_adopted(app);
    const double flush_ms = platform::perf_ms() - t;
    im.save_ms += flush_ms;
    im.save_parts["flush"] = flush_ms;
    im.saving = false;
    im.running = false;
    im.can_undo = !im.quiet;
    json& full = im.merge_report;
    im.report = {{"ok", true},
                 {"file", im.file_name},
                 {"added", im.counts[0]},
                 {"updated", im.counts[1]},
                 {"unchanged", im.counts[2]},
                 {"conflicts", full["conflicts"]},
                 {"error", nullptr},
                 {"report", full},
                 {"seconds", (platform::now_ms() - im.started_ms) / 1000.0},
                 {"timing_ms", {{"check", im.check_ms}, {"merge", im.merge_ms}, {"finish", im.finish_ms}, {"save", im.save_ms}, {"save_parts", im.save_parts}}}};
    im.merge_report = json();
    if (im.records) records_report(app, im.report);
    im.show_report = !im.quiet;
    im.quiet = false;
}

}  // namespace

json import_undo(AppState& app) {
    ImportState& im = app.import;
    if (im.running) return {{"ok", false}, {"error", "an import is running"}};
    if (!im.can_undo) return {{"ok", false}, {"error", "there is no import to undo"}};
    save_open_draft(app);
    sd::SyncData d = take_data(app);
    sd::undo_merge(d, std::move(im.undo));
    im.undo = sd::MergeUndo();
    im.can_undo = false;
    adopt(app, std::move(d));
    if (im.report.is_object()) im.report["undone"] = true;
    return {{"ok", true}};
}

