// The open inbox (inbox.h): start-up, reloads, following another tab, the clock, and the
// platform's reports about saving and tabs.
#include "inbox.h"


#include <algorithm>
#include <cmath>

#include "app_state.h"
#include "registers_app.h"
#include "edits.h"
#include "handover.h"
#include "language.h"
#include "settings.h"
#include "template_library.h"
#include "texts.h"
#include "view.h"
#include "core/journal.h"
#include "core/ops.h"
#include "platform/platform.h"

using nlohmann::json;

sd::Time app_now(const AppState& app, double real_ms) {
    if (!app.clock.simulated) return sd::Time(std::floor(real_ms / 1000.0));
    return app.clock.sim_at + sd::Time(std::floor((real_ms - app.clock.sim_real_ms) * app.clock.speed / 1000.0));
}

sd::Time real_now() { return sd::Time(std::floor(platform::now_ms() / 1000.0)); }

namespace {
constexpr const char* kClockPreference = "clock";
}

void save_clock_preference(const AppState& app) {
    if (!app.clock.simulated) {
        platform::set_preference(kClockPreference, "");
        return;
    }
    // sim_real_ms is a wall-clock reading, so a reload continues where the clock would be by then.
    platform::set_preference(kClockPreference, json{{"sim_at", app.clock.sim_at},
                                                    {"sim_real_ms", app.clock.sim_real_ms},
                                                    {"speed", app.clock.speed}}.dump());
}

void restore_clock_preference(AppState& app) {
    const std::string saved = platform::preference(kClockPreference);
    if (saved.empty()) return;
    const json j = json::parse(saved, nullptr, false);
    if (!j.is_object() || !j.contains("sim_at") || !j["sim_at"].is_number_integer() || !j.contains("sim_real_ms") ||
        !j["sim_real_ms"].is_number() || !j.contains("speed") || !j["speed"].is_number() || j["speed"].get<double>() < 0)
        return;   // not ours, or damaged: real time
    app.clock.simulated = true;
    app.clock.sim_at = j["sim_at"].get<sd::Time>();
    app.clock.sim_real_ms = j["sim_real_ms"].get<double>();
    app.clock.speed = j["speed"].get<double>();
}

namespace {

// The bundled training packs (assets/scenarios/<marketplace>.json, training.h); a broken one is
// reported in the Training window and the others stay usable.
void load_training_packs(AppState& app) {
    TrainingState& t = app.training;
    for (const char* name : {"walmart", "amazon", "ebay", "wish", "tmall"}) {
        sd::ScenarioPack pack;
        std::vector<std::string> errors;
        if (sd::load_pack_file(app.assets_dir + "/scenarios/" + name + ".json", pack, errors)) t.packs.push_back(std::move(pack));
        else t.load_error += std::string(name) + ".json: " + (errors.empty() ? "unreadable" : errors.front()) + "\n";
    }
    t.loaded = true;
}

int int_param(const char* name, int fallback) {
    std::string v = platform::url_param(name);
    return v.empty() ? fallback : std::atoi(v.c_str());
}

// The demo a browser with no inbox yet starts with (?demo=N conversations, ?seed=N).
sd::InboxBase default_base(const AppState& app) {
    sd::InboxBase base;
    base.seed = uint64_t(int_param("seed", 1));
    base.conversations = std::clamp(int_param("demo", 1200), 10, 100000);
    base.now = app.now;
    return base;
}

// A browser's first visit opens on the demo with a question over it: keep the demo, or start an
// empty inbox of one's own. A URL that asks for a demo (?demo=N, ?fresh=1) has answered it.
void ask_first_visit(AppState& app) {
    app.mail.demo = true;
    app.mail.ask_start = platform::url_param("demo").empty() && platform::url_param("fresh").empty();
    save_settings(app);
}

}  // namespace

void start_app(AppState& app) {
    start_language(app);
    app.single_key_shortcuts = platform::preference("single_key_shortcuts") != "off";   // first: texts made while loading (the template library's errors) are in the user's language
    app.tab.read_only = !platform::is_writer();
    restore_clock_preference(app);   // a simulated clock survives a reload while it is on
    app.now = app_now(app, platform::now_ms());
    std::string error, settings_error;
    double t0 = platform::perf_ms();
    std::string probe;
    const bool first_visit = !sd::read_file(app.data_dir + "/base.json", probe);
    // ?fresh=1 starts over with a new demo (used by the README screenshot).
    // A large inbox's message texts are read after the first frame (texts.cpp); a small one's now.
    if (!open_inbox(app, default_base(app), !platform::url_param("fresh").empty(), error, true))
        app.load_report = "Could not load the inbox: " + error;
    if (app.texts.pending && app.store.conversations.size() <= 20000) {
        std::string why;
        ensure_texts(app, why);   // unless the page is still reading them: then in the first frames
    }
    if (!load_settings(app, settings_error) && app.load_report.empty()) app.load_report = settings_error;   // needs the folder open_inbox made
    if (first_visit && !app.tab.read_only) ask_first_visit(app);
    double t = platform::perf_ms();
    app.startup.read_ms = t - t0;   // read + decode + replay until storage reports them apart
    // A small inbox is fully indexed before the first frame; a large one shows its list first and
    // indexes a slice per frame after it.
    refresh_after_load(app, app.store.conversations.size() <= 20000 ? 250 : 0);
    const double t2 = platform::perf_ms();
    app.startup.index_ms = t2 - t;
    load_templates(app);
    load_registers(app);
    load_handovers(app);   // the start window when a newer handover waits
    load_training_packs(app);
    recover_typed_draft(app);   // a draft typed a moment before the page went away
    rebuild_rows(app);   // the SLA strip's tally was built at app.now with the urgency keys
    app.startup.list_ms = platform::perf_ms() - t2;
    app.hlc_unscanned = true;   // max_hlc(store) costs a scan of every stamp: the first edit does it
    app.ready = true;
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
    while (!(done = app.index.build_step(app.store, 64)) && platform::perf_ms() - start < budget_ms) {
    }
    if (done && !app.view.query.text.empty()) app.view.dirty = true;   // the search can now find things
    return done;
}

bool reload_inbox(AppState& app, std::string& error, bool texts_later) {
    save_open_draft(app);
    std::string selected = app.view.selected;
    if (!open_inbox(app, default_base(app), false, error, texts_later)) return false;
    std::string settings_error;
    load_settings(app, settings_error);
    refresh_after_load(app);
    load_templates(app);
    load_registers(app);
    load_handovers(app);
    app.hlc = std::max(app.hlc, sd::max_hlc(app.store));
    app.composer = ComposerState();
    app.view.selected = app.store.find_conversation(selected) ? selected : std::string();
    app.view.dirty = true;
    platform::request_frames(0);
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
    std::vector<const json*> applied;
    for (const json& op : scan.records) {
        std::string why;
        if (sd::apply_op(app.store, op, why)) applied.push_back(&op);   // the writer applied it; same code, same result
    }
    app.tab.journal_seen += scan.valid_bytes;
    if (app.store.conversations.size() != before) {
        app.store.reindex();
        refresh_after_load(app);
    } else {
        for (const json* op : applied) refresh_after_op(app, *op);
    }
    app.hlc = std::max(app.hlc, sd::max_hlc(app.store));
    return true;
}

namespace {

// The texts file could not be used: load the inbox again reading everything, which recovers the
// texts from the previous generation (or says what was lost) in the load report.
void recover_texts(AppState& app) {
    const std::string failure = app.texts.failed;
    std::string error;
    if (!reload_inbox(app, error, false)) app.load_report = "Could not reload the inbox: " + error;
    else if (app.load_report.empty()) app.load_report = "The message texts could not be read (" + failure + ").";
}

}  // namespace

bool background_step(AppState& app, double budget_ms) {
    if (app.texts.pending) {
        const double start = platform::perf_ms();
        bool worked = false;
        while (app.texts.pending && app.texts.failed.empty() && (worked = texts_step_once(app)) && platform::perf_ms() - start < budget_ms) {
        }
        if (!app.texts.failed.empty()) recover_texts(app);
        return app.texts.pending && worked;
    }
    return !index_step(app, budget_ms);
}

bool ensure_texts(AppState& app, std::string& why) {
    while (app.texts.pending && app.texts.failed.empty() && texts_step_once(app)) {   // stops only while the page still reads the file
    }
    if (!app.texts.failed.empty()) recover_texts(app);
    if (app.texts.pending) {
        why = "the message texts are still being read from this browser's storage; try again in a moment";
        return false;
    }
    return true;
}

std::string read_only_reason(const AppState& app) {
    if (app.tab.handover) return "this tab is handing the inbox over to another tab; edit there";
    return "this inbox is open for editing in another tab: edit there, or choose \"Take over here\"";
}

void on_persisted(AppState& app, bool ok, const char* message) {
    SaveState& s = app.save;
    s.in_flight = false;
    if (ok) {
        s.ops_synced = s.sync_target;
        s.error.clear();
    } else {
        s.error = message && *message ? message : "IndexedDB refused the write";
        s.error_at_ms = platform::now_ms();
    }
    if (s.again || (ok && s.ops_synced != s.ops_written)) persist_if_needed(app);
    if (app.tab.handover) {
        if (!ok) {   // cannot hand over what is not saved: stay the writer
            app.tab.handover = false;
            app.tab.read_only = false;
            platform::handover_ready(false, "the other tab could not take over because this tab's changes are not saved: " + s.error);
        } else if (!s.in_flight && s.ops_synced == s.ops_written) {
            app.tab.handover = false;   // stays read-only: the other tab edits now
            platform::handover_ready(true, "");
        }
    }
    platform::request_frames(0);   // one frame, to show the new save state
}

void become_writer(AppState& app) {
    app.tab.read_only = false;
    app.tab.handover = false;
    app.tab.note.clear();
    std::string error;
    if (!reload_inbox(app, error)) app.load_report = "Could not reload the inbox: " + error;
}

void on_handover_request(AppState& app) {
    if (!app.ready || app.tab.read_only) return;
    if (app.import.running) {
        platform::handover_ready(false, "an import is running in the other tab; try again when it is done");
        return;
    }
    save_open_draft(app);
    app.tab.handover = true;
    app.tab.read_only = true;
    if (app.save.ops_synced == app.save.ops_written && !app.save.in_flight) {
        app.tab.handover = false;
        platform::handover_ready(true, "");
    } else {
        persist_if_needed(app);
    }
    platform::request_frames(0);
}

void on_writer_saved(AppState& app) {
    if (!app.ready || !app.tab.read_only || app.import.running) return;
    std::string error, settings_error;
    if (follow_journal(app)) {
        load_settings(app, settings_error);   // small files: the writer may have changed them too
        load_templates(app);
        load_registers(app);
        load_handovers(app);
        refresh_all_sla(app);
    } else if (!reload_inbox(app, error)) {
        app.load_report = "Could not follow the other tab's changes: " + error;
    }
    platform::request_frames(0);
}

void flush_now(AppState& app) {
    if (!app.ready || app.tab.read_only) return;
    save_open_draft(app);
    persist_if_needed(app);
}
