// The open inbox: loading it at start-up, reloading it, following another tab's saves, the
// clock, and what the platform reports back (a flush done, the tab's role changed). Everything
// here runs natively too (src/platform/native.cpp), which is how tests/unit/app_*_test.cpp
// drive the app without a browser.
#pragma once
#include <string>

#include "core/model.h"
#include "core/storage.h"

struct AppState;

// App time (real, or the simulated clock) at the real wall-clock reading `real_ms`.
sd::Time app_now(const AppState& app, double real_ms);
// The wall clock, whatever the simulated clock says: the time of what is real data (an export and
// its file name, a remark's or note's stamp, a typed-in message, a saved .eml, a template's last
// use). The SLA engine, replies and closing follow app.now (docs/automation.md, "clock").
sd::Time real_now();
// The simulated clock as this browser keeps it across reloads (a preference, not inbox data):
// saved by the clock command, restored by start_app while it is on.
void save_clock_preference(const AppState& app);
void restore_clock_preference(AppState& app);

// Start-up: loads the inbox from app.data_dir (a new demo when there is none; the URL's
// ?demo=, ?seed=, ?fresh= choose it), the settings and the template library, and builds the
// first rows. Sets app.ready.
void start_app(AppState& app);
// Loads the inbox from data_dir (a new demo from `base` when there is none, or when `fresh`) and
// reports what loading found in load_report. Call refresh_after_load() once settings are known.
// With texts_later, a large snapshot's message texts are read after it (texts.h).
bool open_inbox(AppState& app, const sd::InboxBase& base, bool fresh, std::string& error, bool texts_later = false);
// After the store was replaced: SLA keys at once, the search index in slices. Up to
// `index_budget_ms` of indexing happens now; index_step() does the rest a slice per frame.
void refresh_after_load(AppState& app, double index_budget_ms = 10);
bool index_step(AppState& app, double budget_ms);   // true when the index is complete
// Reloads the inbox from its files (a follower after the writer saved, a tab that just became
// the writer, texts that could not be read).
bool reload_inbox(AppState& app, std::string& error, bool texts_later = true);
// A follower after the writer's save: applies the journal records appended since the last look;
// false when the writer started a new generation (then reload_inbox()).
bool follow_journal(AppState& app);
// Each frame: the message texts of a large inbox, then the search index, in slices of about
// `budget_ms`; true when there is more to do at once.
bool background_step(AppState& app, double budget_ms);
// Every message text in now (what needs them all: export, import, a new snapshot); false, with
// `why`, while the page is still reading the texts file.
bool ensure_texts(AppState& app, std::string& why);

// Several tabs: the message an edit gets in a read-only tab.
std::string read_only_reason(const AppState& app);
// The platform's reports: a flush finished; this tab became the writer; another tab asks to
// take over (this one saves everything, then lets go); the writer tab saved (a follower follows).
void on_persisted(AppState& app, bool ok, const char* message);
void become_writer(AppState& app);
void on_handover_request(AppState& app);
void on_writer_saved(AppState& app);
// The page is being hidden or left: save the open draft and flush.
void flush_now(AppState& app);
