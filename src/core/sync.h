// Merging two copies of an inbox: what an import does, and what a live sync to a server would do.
//
//   sd::SyncData mine = ...;                          // the app's store, templates and SLA settings
//   sd::ExportFile file;  sd::ImportError err;
//   if (!sd::parse_export(file_text, file, err)) show(err.message());   // export_json.h
//   sd::MergeResult r = sd::merge(mine, file.data);   // pure: `mine` is untouched (undo = keep it)
//   show(sd::report_to_json(r.report));  mine = std::move(r.data);
//
// In slices (a large file in the browser, a few hundred conversations per frame):
//   sd::MergeJob job = sd::begin_merge(mine, std::move(theirs));   // customers, orders, templates, settings
//   while (!sd::merge_next(job, 500)) draw_progress(job.next, job.incoming.store.conversations.size());
//   sd::MergeResult r = sd::finish_merge(std::move(job));
// With begin_merge(std::move(mine), ...) the merge works in place, without a copy of the inbox;
// then undo with sd::undo_merge(data, std::move(r.undo)) instead of keeping the old data.
//
// The merge is a join in the lattice sense: merge(A, B) and merge(B, A) hold the same data,
// merge(A, A) is A, and merge(merge(A, B), C) is merge(A, merge(B, C)) ("the same data" = the same
// export, which lists records in a canonical order). So importing a file twice changes nothing,
// and replicas that have seen the same files agree whatever the order. The rules, per kind of
// field (docs/export-format.md has the full list and the reasons):
// - records (conversations, messages, customers, orders, remarks, notes, templates) are a union by ID;
// - editable fields are last-writer-wins registers: the later stamp (stamp.h) wins; equal stamps
//   are ordered by value so the result never depends on the order of the merge;
// - labels: one register per label, so concurrent changes of different labels all survive;
// - deleted remarks and notes leave tombstones; a tombstone always wins over the record;
// - fields that never change (message text, order data...) that disagree under one ID: the copy
//   with the larger content hash is kept, and the disagreement is reported;
// - Walmart's spam rule is derived after the merge: an answered conversation is never spam.
#pragma once
#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>
#include <nlohmann/json.hpp>

#include "handover.h"
#include "model.h"
#include "registers.h"
#include "sla.h"
#include "templates.h"

namespace sd {

// Everything an export carries and an import merges.
struct SyncData {
    Store store;
    TemplateLibrary templates;                 // the user's library: own, edited and deleted templates
    SlaPolicySet sla = make_sla_policies(SlaPreset::Current);
    Edit sla_edit;                             // last stamped change of the SLA policies (one register)
    Registers registers;                       // Tmall registers' entries (registers.h): a union by ID
    std::vector<Handover> handovers;           // shift handovers (handover.h): a union by ID
};

// Two values met and one was kept. Listed when both sides had edited the field and the winner's
// author had not seen the loser's value (a concurrent edit), when unstamped values disagree, and
// when fields that never change disagree under one ID.
struct MergeConflict {
    std::string conversation;  // conversation ID, "" for customers, orders, templates, settings
    std::string record;        // "conversation", "message", "remark", "note", "customer", "order", "template", "settings"
    std::string id;            // the record's ID
    std::string field;         // "draft", "status", "labels/return_request", "delivery", "content"...
    std::string kept, other;   // the two values as JSON text; `kept` is in the result
    Stamp kept_stamp, other_stamp;
    bool review = false;       // a person should look at it (drafts, status, spam, assignee, texts, content)
};

// What a merge did, seen from the first argument (the local store).
struct MergeReport {
    size_t conversations_added = 0, conversations_updated = 0, conversations_unchanged = 0;
    size_t messages_added = 0;
    size_t customers_added = 0, customers_updated = 0;
    size_t orders_added = 0, orders_updated = 0;
    size_t templates_added = 0, templates_updated = 0;
    bool settings_updated = false;
    size_t register_entries_added = 0, register_entries_updated = 0;
    size_t handovers_added = 0;
    std::vector<std::string> added, updated;   // conversation IDs, in the order merged
    std::vector<MergeConflict> conflicts;
};
nlohmann::json report_to_json(const MergeReport& r);

// What a merge changed, so the whole import can be undone without keeping a copy of the inbox:
// the records it replaced (as they were) and how many of each kind there were before.
struct MergeUndo {
    size_t customers = 0, orders = 0, conversations = 0;       // counts before: later records were added
    std::vector<std::pair<size_t, Customer>> customers_before;  // (index, record before the merge)
    std::vector<std::pair<size_t, Order>> orders_before;
    std::vector<std::pair<size_t, Conversation>> conversations_before;
    TemplateLibrary templates;
    SlaPolicySet sla;
    Edit sla_edit;
    Registers registers;
    std::vector<Handover> handovers;
};

struct MergeResult {
    SyncData data;
    MergeReport report;
    MergeUndo undo;
};

// Merges `incoming` into a copy of `local` (pass an rvalue to skip the copy).
MergeResult merge(SyncData local, const SyncData& incoming);

struct MergeJob {
    SyncData result;               // the local data, merged into step by step
    SyncData incoming;             // the validated file
    size_t next = 0;               // next incoming conversation to merge
    MergeReport report;
    MergeUndo undo;
};
// Pass the app's data by std::move to merge in place (no copy): `undo` can put it back.
MergeJob begin_merge(SyncData local, SyncData incoming);
// Merges up to `max_conversations` more conversations; true when every one is merged.
bool merge_next(MergeJob& job, size_t max_conversations);
MergeResult finish_merge(MergeJob&& job);

// Puts `data` back as it was before the merge that produced `undo`. Meant right after the import:
// conversations edited since then go back to their state before the import, edits included.
void undo_merge(SyncData& data, MergeUndo&& undo);

// Puts the lists whose order carries no meaning in canonical order: labels and their edits by
// name, messages by (time, inbound first, ID), remarks and notes by (time, ID), tombstones by ID.
// Exports do this on the fly; tests and merges use it to compare.
void canonicalize(Conversation& c);

// The HLC reading for the next edit must exceed every stamp in the data (stamp.h).
int64_t max_hlc(const SyncData& d);

}  // namespace sd
