// Live sync with a CouchDB database (docs/team-sync.md): the app's half. The page (web/couch_sync.js)
// speaks the protocol over fetch; this side knows the inbox: which documents changed since the
// server last had them, what to send, and how incoming documents merge (through the ordinary
// import: checked, then merged field by field a slice per frame, then saved as a new snapshot).
//
//   sync_tick(app);                        // each frame: scans changed records, applies what came in
//   json out = sync_outgoing(app, 50, true);   // a _bulk_docs is gathered in a few such slices...
//   sync_pushed(app, results);             // ...and hands the server's answers back
//
// Files (IndexedDB, beside the inbox, never in an export, the journal or the snapshot):
//   /data/sync/settings.json   server URL, database, user and password: the only place the password is
//   /data/sync/state.json      the checkpoint and, per document, the server's revision and content hash
#pragma once
#include <cstddef>
#include <string>
#include <nlohmann/json.hpp>

#include "sync_state.h"

struct AppState;

void load_sync_files(AppState& app);
void sync_tick(AppState& app);

nlohmann::json sync_configure(AppState& app, const std::string& url, const std::string& db, const std::string& user,
                              const std::string& password);
nlohmann::json sync_stop(AppState& app);
nlohmann::json sync_state_json(const AppState& app);   // state().sync: never the password
size_t sync_pending(const AppState& app);

// The page's side of the protocol (exported to JavaScript in team_sync.cpp).
nlohmann::json sync_config_for_page(const AppState& app);
// Up to `max_docs` documents to send that are not in this request already; `first` starts a new
// request (what an unanswered one held is forgotten: it failed, and is sent again).
nlohmann::json sync_outgoing(AppState& app, size_t max_docs, bool first);
void sync_pushed(AppState& app, const nlohmann::json& results);
nlohmann::json sync_wanted(const AppState& app, const nlohmann::json& changes);
nlohmann::json sync_incoming(AppState& app, const nlohmann::json& docs, const std::string& last_seq);
void sync_report(AppState& app, const nlohmann::json& status);
void sync_reset(AppState& app);         // the server lost our checkpoint: send everything again

// Presence (one small document per agent, renewed every 20 s, ignored after 60 s; never in an export).
constexpr double kPresenceStaleMs = 60000;
void sync_presence(AppState& app, const nlohmann::json& docs);   // presence documents read from the server
nlohmann::json presence_json(const AppState& app);              // state().presence: {conversation_id: [{agent, action}]}
// The other agents with conversation `id` open, fresh ones only: "Lily is viewing", "" when none.
std::string presence_text(const AppState& app, const std::string& id);
