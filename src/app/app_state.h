// AppState: everything the app holds, as plain data. The core Store is the single source of truth
// for domain data; the rest is view state (query, selection, clock), settings and save bookkeeping.
// Panels read it and change it only through dispatch() (commands.h), like the automation bridge.
// The functions that work on it are declared by their modules (inbox.h, edits.h, composer.h…).
#pragma once
#include <cstdio>
#include <cstdint>
#include <array>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>
#include <nlohmann/json.hpp>

#include "core/checker.h"
#include "core/export_json.h"
#include "core/snapshot_bin.h"
#include "core/inbox_query.h"
#include "core/csv_import.h"
#include "core/mail_import.h"
#include "core/metrics.h"
#include "core/scenario.h"
#include "core/scoring.h"
#include "core/model.h"
#include "sync_state.h"
#include "core/sla.h"
#include "core/sla_tally.h"
#include "core/metrics.h"
#include "core/storage.h"
#include "core/sync.h"
#include "core/templates.h"
#include "handover_state.h"
#include "reading_state.h"
#include "registers_state.h"

struct ClockState {
    bool simulated = false;
    sd::Time sim_at = 0;          // simulated time at sim_real_ms
    double sim_real_ms = 0;       // real clock reading when sim_at was set
    double speed = 1.0;           // simulated seconds per real second (0 = paused)
};

struct SaveState {
    uint64_t ops_written = 0;     // changes written to the in-memory files (journal, settings)
    uint64_t ops_synced = 0;      // known to be in IndexedDB
    uint64_t sync_target = 0;     // ops_written when the running sync started
    bool in_flight = false;
    bool again = false;           // changes arrived while a sync ran
    std::string error;            // last failure, empty when fine
    double error_at_ms = 0;       // when it failed: the flush is retried a few seconds later
};

// Which tab saves the inbox (web/sellerdesk.js holds the Web Lock): a follower tab shows the
// inbox read-only, reloads what the writer saved, and can ask to take over.
struct TabState {
    bool read_only = false;
    bool handover = false;        // this writer was asked to step down: saving, then it releases
    std::string note;             // why the last take-over was refused, or "" (shown in the banner)
    uint64_t journal_seen = 0;    // bytes of the current journal already applied (a follower replays the rest)
};

// The browser's storage estimate (navigator.storage): bytes, -1 unknown.
struct StorageEstimate {
    double usage = -1, quota = -1;
    int persisted = -1;           // 1 granted, 0 not granted, -1 unknown
};

// How long each part of loading took (state().startup.app, bench_startup.js).
struct StartupTimes {
    double init_ms = 0;    // main() before loading: ImGui, the WebGL context, the theme
    double read_ms = 0;    // reading + decoding the snapshot, replaying the journal, settings
    double index_ms = 0;   // filters, counts, SLA keys and tally (and the text index of a small inbox)
    double list_ms = 0;    // the template library, then the list's rows (filter and sort)
    double texts_ms = 0;   // page time from the first frame until every message text was in (0: before it)
};

// A large inbox's message texts, read after its first frame (storage.h, texts_later): the file
// is read and checked, then filled in, a slice per frame. Until then a message's text is empty.
struct TextsState {
    bool pending = false;                 // some of the snapshot's messages have no text yet
    std::string file;                     // "texts-7.bin" in data_dir
    sd::TextsLink link;
    std::FILE* reading = nullptr;         // the file while it is read into `bytes`
    std::string bytes;
    size_t size = 0;
    bool checking = false;                // `job` holds the bytes: checking, then filling
    sd::TextsJob job;
    bool snapshot_due = false;            // a new generation was due while texts were missing
    std::string failed;                   // why the file could not be used ("" = fine): inbox.cpp reloads
};

// Settings that persist with the inbox (settings.json next to the journal).
struct AppSettings {
    std::string replica_id;       // this browser profile's ID, part of IDs minted here
    std::string agent_name = "Lily Wang";
    std::vector<std::string> agents = {"Lily Wang", "Chen Jie", "Maria Lopez"};   // the team, for "Assign to"
    std::string store_name = "BrightNest Home";     // {store_name} in templates
    sd::SlaPolicySet sla = sd::make_sla_policies(sd::SlaPreset::Current);
    sd::TeamTarget team_target = sd::default_team_target();   // the team's own reply target (issue 17)
};

struct ViewState {
    sd::Query query;                      // filter, search, sort (core/inbox_query.h)
    std::string sla_filter;               // "", "overdue", "due_soon": narrows the query's rows
    bool must_answer = false;             // the filter "projection": the projection's must-answer list, in its order
    std::vector<uint32_t> rows;           // conversation indices in screen order
    sd::FilterCounts counts;
    bool dirty = true;
    std::string selected;                 // the open conversation's ID, "" = none
    bool scroll_to_selected = false;      // the cursor moved by keys: scroll if it left the view
    std::string pane = "list";            // which pane has the keyboard focus: folders, list, thread
    // The keyboard cursor (j/k, arrows): the row Enter opens. Follows the open conversation.
    std::string cursor;
    // Multi-selection for bulk actions (ctrl/shift-click, "select all in view"), by conversation ID.
    std::unordered_set<std::string> checked;
    std::string anchor;                   // where a shift-click range starts
    double query_ms = 0;                  // how long the last rebuild_rows() took
    // Where the list and the thread were drawn last frame (CSS px), reported by state().layout so
    // tests can click a row on the real canvas and check that the thread has room.
    int first_visible_row = 0;
    float first_row_y = 0, row_height = 0, list_x = 0, list_w = 0;
    float list_rect[4] = {}, thread_rect[4] = {};          // x, y, w, h
    std::vector<std::pair<std::string, float>> columns;    // the list's columns shown: name, width
    std::vector<std::pair<std::string, std::array<float, 4>>> tabs;   // the details strip's tabs: name, rect
    std::vector<std::pair<std::string, std::array<float, 4>>> menus;  // the menu bar's titles: inbox, view, help
    bool narrow = false;                  // the window is too narrow for the folder pane: a folder menu instead
    bool details_open = true;             // the conversation's details strip (order, remarks, notes) is open
    bool details_chosen = false;          // the user opened or folded it (else it follows the screen's height)
    int details_tab = 0;                  // which of its tabs
    float details_content_h = 0;          // its content's height last frame
    std::string thread_shown;             // the conversation the thread last drew, and how many messages:
    size_t thread_messages = 0;           // a new one (or a new message) scrolls the thread to the newest
    int thread_scroll_frames = 0;         // frames left to keep it at the bottom while its size settles
    // Other parts drawn last frame (x, y, w, h), for the guided tour's highlight: "folders",
    // "list", "thread", "sla_strip", "composer".
    std::map<std::string, std::array<float, 4>> parts;
};

// The text fields (platform::field_*, text_fields.h): what the browser's fields reported since
// the last frame, taken by each field's widget when it is next drawn, and which one has the focus.
struct FieldInput {
    std::string text;
    int caret = -1;                       // UTF-16, -1 = the end
};
struct TextFieldsState {
    std::string focused;                                    // the field with the keyboard focus ("" = none)
    std::map<std::string, FieldInput> typed;                // new text per field, not yet taken
    std::vector<std::pair<std::string, std::string>> keys;  // (field, key) not yet taken
    std::map<std::string, std::string> shown;               // the text each field shows (sent or typed)
    int next_tab = 0;                                       // tab order of the next field placed this frame
    std::map<std::string, std::string> number_drafts;       // a number field's text while it is typed (text_field.h)
};

// What a conversation had before a destructive command: what undo can put back (undo.h).
struct UndoState {
    std::string id;
    sd::Status status = sd::Status::AwaitingSeller;
    sd::Time closed_at = sd::kNoTime;     // a closed conversation's closing time, put back with it
    sd::SpamReason spam = sd::SpamReason::None;
    std::vector<std::string> labels;
    bool unread = false;
    std::string assignee;
};
// The last destructive command's notice and what undo puts back.
struct UndoNotice {
    std::string text;                     // "Closed “Where is my parcel?”"
    std::vector<UndoState> before;        // the conversations it changed, as they were
    double shown_ms = 0;                  // real time the notice appeared
};

// The reply composer of the open conversation. Its text is edited in the browser's textarea
// (the text field "composer"); the draft is saved to the conversation as it is typed.
struct ComposerState {
    std::string id;                       // the conversation it belongs to, "" = none
    std::string text;
    size_t caret = 0;                     // byte offset of the caret in text
    std::vector<sd::Finding> findings;    // the reply checker on text
    bool check_due = true;                // text changed since findings were computed
    bool draft_due = false;               // text differs from the saved draft
    double edited_ms = 0;                 // real time of the last edit
    bool push_text = false;               // the textarea must be given `text`
    int focus_start = -2, focus_end = -2; // focus the textarea with this selection (UTF-16; -2 = no)
    std::string notice;                   // "Copied", "Draft saved", or why an action was refused
    bool confirm_send = false;            // the "send with errors?" dialog is open
    bool open_picker = false;             // open the template picker next frame
    float editor_rect[4] = {};            // where the editor was drawn (x, y, w, h): the picker covers it
    std::string picker_query;
    int picker_index = 0;
};

// The template library (bundled + the user's edits) and the library window's state.
struct TemplateState {
    sd::TemplateLibrary bundled;          // assets/templates.json
    sd::TemplateLibrary lib;              // what the user sees: bundled merged with user edits
    std::string load_error;
    bool show_window = false;
    std::string query;                    // the window's search
    int market = -1;                      // -1 = every marketplace
    std::string selected;                 // template ID being edited
    nlohmann::json edit;                  // the edit form (a template's JSON), null = none
    std::string edit_lang = "en";
    std::string new_lang;                 // the "add a language" field
    std::vector<std::string> edit_errors;
    std::string notice;
};

// An import in progress (merged a slice per frame) and the last import's report and undo.
struct ImportState {
    bool running = false;                 // checking or merging: the inbox waits
    bool checking = false;                // reading and validating the file, a slice per frame
    std::string file_name;
    std::string text;                     // the file while it is checked (a copy)...
    struct Free { void operator()(char* p) const { std::free(p); } };
    std::unique_ptr<char, Free> owned_text;   // ...or the page's own buffer, taken over without a copy
    sd::ParseJob parse;
    sd::MergeJob job;
    double check_ms = 0, merge_ms = 0;    // CPU time spent on each phase (the report's timing)
    double finish_ms = 0, save_ms = 0;
    bool saving = false;                  // merged; writing the new snapshot a slice per frame
    bool snapshot_written = false;        // its file is written; the flush comes next frame
    sd::EncodeJob encode;
    nlohmann::json save_parts, merge_report;
    nlohmann::json longest_steps;         // {phase: ms}: the longest single frame's share of each phase
    size_t counts[3] = {};                // added, updated, unchanged
    size_t total = 0;                     // conversations in the file
    double started_ms = 0;
    nlohmann::json report;                // the last import's report (null = none yet)
    bool show_report = false;
    bool can_undo = false;
    sd::MergeUndo undo;
    bool notify_js = false;               // an importJson() promise waits for the report
    bool quiet = false;                   // the live sync's import (team_sync.h): no report window, no undo
    // An import of mail and CSV files (records_import.h): the page reads the files and hands over
    // their messages (`reading`), then the result merges like an export.
    bool records = false;
    bool reading = false;
    bool finish_due = false;              // the page has handed over everything
    bool clear_demo = false;              // empty the demo inbox first (once something can be added)
    sd::RecordsJob records_job;
    std::vector<std::unique_ptr<std::string>> csv_texts;   // owned: the CsvFiles read from them
    std::vector<sd::CsvFile> csv_files;
    size_t csv_next_file = 0;
    double read_bytes = 0, total_bytes = 0;   // of the files being read (the page says how far)
    std::string reading_file;
    nlohmann::json records_report;        // added_conversations, added_messages, duplicates, skipped
    bool building = false;                // the threads are being built, a slice per frame
    sd::RecordsBuild records_build;
    bool records_built = false;           // the threads are built, the merge starts the next frame
    bool built_all = false;               // every thread built; the build ends the next frame
    bool releasing = false;               // what the build leaves is freed a slice per frame first
    bool refresh_due = false;             // merged: the list's keys and the search index next frame
    bool metrics_due = false;             // then the account metrics' episodes, in a frame of their own
    sd::SyncData records_data;
};

// The files dropped or picked, shown in the import dialog before anything is read into the inbox
// (records_import.h): their kinds, a CSV's first rows and column mapping, and the choices.
struct FilesPlan {
    bool open = false;
    nlohmann::json files = nlohmann::json::array();   // [{name, kind, size, error}] as the page found them
    std::vector<std::pair<std::string, sd::CsvPreview>> previews;
    bool clear_demo = false;
    int other_mail = 0;                   // mail from no marketplace: 0 skip, 1 + marketplace to import it under
};

// Real data in: whether the inbox is the demo, the first-visit question, the mail settings, and
// the dialogs that add conversations by hand (mail_windows.cpp).
struct MailState {
    bool demo = true;                     // the inbox holds the generated demo (state().demo)
    bool ask_start = false;               // the first-visit question is open
    sd::MailDomains domains = sd::default_mail_domains();
    std::string mail_from;                // the seller's address on replies saved as .eml ("" = left to the mail client)
    FilesPlan plan;
    bool show_new = false, show_add = false, show_clear = false;
    int new_market = 1;                   // sd::Marketplace of the New conversation dialog
    std::string new_customer, new_order, new_subject, new_text, new_at, add_text, add_at;
    std::string dialog_error;
};

// One conversation behind a dashboard card (metrics_view.h): whether it missed (late, unanswered past its deadline,
// defective), and its first response time in the card's window.
enum class RowFact : uint8_t { Missed, InTime, Pending, Counted };
struct MetricRow {
    uint32_t conversation = 0;
    RowFact fact = RowFact::Counted;
    int64_t first_response_s = -1;   // -1 = none in the window
};

// The Performance dashboard, the metric strip and the projection panel (metrics_view.h): view
// state, what they drew last frame (state().dashboard), and what they computed to draw it.
struct DashboardState {
    bool show = false;                    // View > Performance
    bool show_projection = false;         // the projection panel
    std::string card = "walmart_response";   // the card whose trend and conversations are shown
    bool list_open = false;               // its conversations are listed (a click on the card)
    bool scroll_to_list = false;          // the list was just opened: scroll it into view
    int histogram_market = -1;            // the histogram's marketplace, -1 = every one
    std::string until_text;               // the projection panel's typed time
    double plus_hours = 24;               // the "+N hours" choice
    std::string error;                    // why the last projection or download was refused
    std::string notice;                   // what the last download saved
    std::vector<std::pair<std::string, std::string>> drawn;   // card id, value text: as drawn last frame
    std::vector<std::string> listed;      // the open card's conversations as listed last frame
    std::map<std::string, std::array<float, 4>> rects;   // where its buttons and cards were drawn (x, y, w, h), for tests
    // The metrics the panels read (from the episode cache of metrics_cache.h), recomputed when
    // `key` (the cache's version, the app's time, the preset) moves.
    uint64_t key = UINT64_MAX;
    sd::Metrics metrics;
    std::string trend_card;               // what `trend` is for, and at which key
    uint64_t trend_key = UINT64_MAX;
    std::vector<sd::DailyPoint> trend;
    // The next trend, computed a few days a frame (a day is a full compute: 30 of them at 100,000
    // conversations take 200 ms in Chromium); `trend` is shown until it is complete.
    uint64_t next_trend_key = UINT64_MAX;
    std::vector<sd::Time> next_trend_ends;
    std::vector<sd::DailyPoint> next_trend;
    uint64_t refreshed_frame = UINT64_MAX;   // the frame `metrics` was last computed in
    std::string rows_card;                // the open card's conversations (metrics_view.h MetricRow)
    uint64_t rows_key = UINT64_MAX;
    std::vector<MetricRow> rows;
    int times_market = -2;
    uint64_t times_key = UINT64_MAX;
    std::vector<int64_t> times;
};

// The account metrics' episode cache and what was last computed from it (metrics_cache.h). Filled
// lazily from state() and the dashboard, so it is `mutable` in AppState.
struct MetricsState {
    sd::EpisodeCache cache;
    bool valid = false;                   // false: rebuilt on next use
    uint64_t version = 0;                 // bumped by every change the metrics may see
    nlohmann::json json;                  // state().metrics, for (json_version, json_at, json_preset)
    uint64_t json_version = UINT64_MAX;
    sd::Time json_at = 0;
    sd::MetricsPreset json_preset = sd::MetricsPreset::Current;
    bool has_projection = false;          // set by the projection command
    sd::Time projection_until = 0;
    sd::Projection projection;            // for (projection_version, projection_at, projection_preset)
    uint64_t projection_version = UINT64_MAX;
    sd::Time projection_at = 0;
    sd::MetricsPreset projection_preset = sd::MetricsPreset::Current;
};

// Training mode (training.h): while a scenario runs, app.store is its training store and the real
// inbox, its view and its clock wait here; nothing the trainee does is written to the inbox's files.
struct TrainingState {
    bool loaded = false;                  // the bundled packs were read (packs, load_error)
    std::vector<sd::ScenarioPack> packs;  // bundled (assets/scenarios)
    std::vector<sd::ScenarioPack> imported;   // imported by the trainer (training_import_pack), kept in training/packs.json
    sd::ScenarioPack own;                 // "My scenarios": made from conversations (scenario_from_conversation)
    std::string load_error;
    std::string scenario;                 // the running scenario's ID, "" = none
    sd::Time start = 0;                   // the simulated time it started at
    sd::Time ticked = 0;                  // events are due after this time
    std::vector<std::string> templates_used;
    sd::TemplateFingerprints prints;      // of the template library, made at the start
    sd::Store real_store;                 // the real inbox while training
    ViewState real_view;
    ClockState real_clock;
    std::vector<sd::ScenarioScore> finished;   // stopped scenarios: the session report
    bool show_window = false;
    std::string picked;                   // the scenario chosen in the window
    std::string notice;                   // why the last action of the window was refused
    std::string done_notice;              // what the last import or new scenario did
    std::string new_title;                // the title field of "Make a scenario from this"
    // The session (training/session.json beside the inbox, training_save.h) is written again when
    // this is set: after a command while training, and when a draft typed in training is kept.
    bool save_due = false;
};

// The guided tour (tour.h): while it runs, app.store is a demo inbox of its own and the real
// inbox, its view and its composer wait here; nothing of the tour is saved.
struct TourState {
    bool running = false;
    bool kiosk = false;                   // steps advance by themselves and loop
    int step = 0;
    double step_ms = 7000;                // kiosk: real time each step is shown
    double step_started_ms = 0;
    sd::Store real_store;
    ViewState real_view;
};

struct AppState {
    sd::Store store;
    sd::InboxIndex index;
    std::vector<int64_t> urgency;         // SLA urgency key per conversation index
    std::string data_dir = "/data/inbox";
    std::string assets_dir = "/assets";   // bundled data (the page preloads it there)
    sd::InboxBase base;
    AppSettings settings;
    bool ready = false;
    std::string load_report;              // shown once after loading, e.g. a repaired journal
    TabState tab;
    StorageEstimate storage;
    StartupTimes startup;
    TextsState texts;

    double real_ms = 0;                   // wall clock at the start of the frame
    sd::Time now = 0;                     // app time (real or simulated) at the start of the frame
    uint64_t frames = 0;                  // frames drawn (idle pacing is observable through state())
    ClockState clock;
    SaveState save;
    ViewState view;
    sd::SlaTally sla_summary;             // the SLA strip's counts (core/sla_tally.h)
    mutable MetricsState metrics;         // the account metrics (metrics_cache.h)

    // open windows and their edit buffers (view state only)
    bool show_about = false, show_reset = false, show_settings = false, show_clock = false;
    bool show_shortcuts = false;          // the "?" sheet
    bool show_team = false;               // agent name and the team's names
    std::string team_agent, team_new;     // edit buffers of the team window
    bool open_label_popup = false;        // "l": open the thread's Labels menu next frame
    bool ui_takes_keys = false;           // a menu, popup or window of the interface has the keys (last frame)
    bool single_key_shortcuts = true;     // the setting: j, k, e, u… act as shortcuts
    int font_size = 15;                   // CSS px of the interface's text (a preference of this browser)
    ReadingState reading;                 // text selection and find in the thread, the screen-reader mirror
    DashboardState dashboard;             // View > Performance, the metric strip, the projection panel
    int reset_size = 1200, reset_seed = 1;
    ComposerState composer;
    TextFieldsState fields;
    UndoNotice undo;
    ImportState import;
    MailState mail;
    int64_t hlc = 0;                      // the last edit's hybrid logical clock (core/stamp.h)
    bool hlc_unscanned = false;           // the store's stamps not looked at yet (next_edit_stamp does)
    // Ops applied by the running command and not yet journaled: dispatch() writes them to the
    // journal in one append when the command is done (edits.h).
    std::vector<nlohmann::json> staged_ops;
    bool show_export = false;
    bool export_view_only = false, export_redact = false;
    TemplateState templates;
    RegistersState registers;             // the Tmall registers (registers_app.h)
    TrainingState training;
    TourState tour;
    HandoverState handovers;              // shift handovers and the VIP follow-up field (handover.h)
    std::string import_notice;            // what the last dropped / picked file did
    std::string clock_text;               // "set time" field of the clock window
    std::string settings_error;
    std::string action_error;             // why the last thread action was refused (shown under its buttons)
    std::string new_label;                // the label field of the Labels menu
    std::string remark_text, note_text;   // the add-remark / add-note fields of the thread
    int remark_kind = 6;                  // sd::RemarkKind of the next remark (after-sale return)
    int defect_kind = 0;                  // sd::DefectKind of the order tab's "Add defect"
    std::string bulk_label;               // the label field of the bulk bar
    std::string bulk_error;               // why the last bulk action was partly refused
    double frame_ms = 0;                  // CPU time of the last frame (sd_frame), for state().perf
    double frame_parts[3] = {};           // of which: input + data, panels, WebGL
    TeamSyncState sync;                   // live sync with a CouchDB database (team_sync.h)
};
