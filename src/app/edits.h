// Changing the inbox: every domain change is an sd op (core/ops.h) that is applied to the store
// at once, staged, and written to the journal when the command that made it is done (dispatch()
// in commands.cpp does that, reading the command table's `writes`). The journal then reaches
// IndexedDB through one flush (persist_if_needed), coalesced with any flush already running.
//
//   nlohmann::json r = stage_edit(app, {{"op", "set_unread"}, {"id", id}, {"unread", false}});
//   // r = {ok: true} or {ok: false, error}; nothing is on disk until journal_staged() runs
#pragma once
#include <cstddef>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

#include "core/stamp.h"

struct AppState;

// Applies one op (stamped for merging if it has no stamp yet) and stages it for the journal.
// A refused op changes nothing: {ok: false, error}.
nlohmann::json stage_edit(AppState& app, nlohmann::json op);
// A bulk action: each op applied on its own (a refused one is reported with its conversation),
// the applied ones staged together. Returns {ok, changed, unchanged, refused: [{id, error}]}.
nlohmann::json stage_edits(AppState& app, std::vector<nlohmann::json> ops, size_t unchanged);
// Writes every staged op to the journal in one append, in the order they were applied, and
// schedules a flush; "" or the reason they could not be written (they stay applied; the save
// state shows the error). A command run inside another (select -> mark_read) journals what the
// outer one staged before it, so the journal replays in the order the store changed.
std::string journal_staged(AppState& app);
// The open draft, saved now if it changed (a set_draft op, journaled and flushed at once).
void save_open_draft(AppState& app);
// The draft as it is being typed, kept at once in draft.json beside the journal (a small file,
// rewritten on each change and flushed), so a reload a moment after typing loses nothing; the
// journal gets the set_draft op when typing pauses. recover_typed_draft() at start-up replays
// draft.json when it is newer than the conversation's saved draft.
void keep_typed_draft(AppState& app);
void recover_typed_draft(AppState& app);

// The next edit's stamp (hybrid logical clock + this browser's replica ID), and the same as JSON.
sd::Stamp next_edit_stamp(AppState& app);
nlohmann::json stamp_for_edit(AppState& app);

// After conversation i changed: its search entry, urgency key and the SLA strip's tally.
void refresh_conversation(AppState& app, int i);
// After `op` (applied, so its "op" and "id" are strings) changed the store: the conversation it
// names, or for set_vip the follow-up day of every conversation of the customer it names.
void refresh_after_op(AppState& app, const nlohmann::json& op);
void refresh_all_sla(AppState& app);   // after the SLA policies changed, or the store wholesale
// After the clock moved: the SLA figures again, but the metrics' episode cache is kept (it lists
// every message whatever the time; metrics_cache.h): rebuilding it would cost a 100,000-conversation
// inbox 200 ms in the browser for nothing.
void refresh_sla_for_clock(AppState& app);
// Starts a flush of everything written so far unless one is running (then one more follows it).
void persist_if_needed(AppState& app);
// Writes a file beside the inbox whole (`name` in the data folder: templates.json, registers.json,
// handovers.json) and flushes it with the inbox. False, with app.save.error saying why, when it
// cannot be written; false without an error in a tab that does not save (another tab does).
bool save_inbox_file(AppState& app, const std::string& name, const std::string& text);
// Writes the file at `path` whole and flushes it with the inbox, in any tab. False, with
// app.save.error "<shown>: cannot write", when it cannot be written.
bool write_flushed_file(AppState& app, const std::string& path, const std::string& shown, const std::string& text);
// Past a few MB of journal, start a new generation (a snapshot of the store as it is now).
void compact_if_needed(AppState& app);
// A new snapshot that waited for a large inbox's message texts (texts.h), once they are in.
void write_due_snapshot(AppState& app);
