// The live sync's state in AppState (team_sync.h does the work; docs/team-sync.md). Header only,
// so the app's state and the journal's hook can name it without depending on the sync's code.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

#include "core/model.h"

struct SyncSettings {
    std::string url, db, user, password;
    bool enabled = false;
};

struct SyncDocState {
    std::string rev;          // the server's winning revision as last seen
    uint64_t hash = 0;        // content hash of that revision's body (couch_docs.h)
    std::vector<std::string> losing;   // conflicting leaves to delete with the next push
};

// Another agent's presence document (presence:<replica>): who has which conversation open.
struct PresenceSeen {
    std::string replica, agent, conversation_id, action;   // action: "viewing" | "replying"
    double at_ms = 0;                                       // when it was written (wall clock)
};

// The orders and customers no conversation refers to (documents order:<id>, customer:<id>).
// Finding them walks every conversation, so it is done only when something that may change them
// happened: records added or removed, a new snapshot (an import, a cleared inbox), an order's
// defect or a customer's follow-up edited, the sync (re)started. In between, the scan compares
// the hashes kept here.
struct OrphanScan {
    bool due = true;
    uint64_t key[4] = {};               // conversations, orders, customers, snapshot generation when found
    std::set<std::string> doc_ids;      // "order:<id>", "customer:<id>"
    std::vector<std::pair<std::string, uint64_t>> hashes;   // their documents' IDs and content hashes
    uint64_t found = 0;                 // how often they were found (the tests check a plain edit does not)
};

struct TeamSyncState {
    SyncSettings settings;
    int generation = 0;                 // bumped by sync_configure / sync_stop: the page restarts its loop
    std::string state = "off";          // off | connecting | syncing | idle | offline | error
    std::string error;                  // in English, for state().sync and the report
    std::string error_code;             // unauthorized | forbidden | unreachable | http | merge: the window's text
    double last_synced_ms = 0;          // wall clock of the last time everything was sent and received
    // Kept in state.json:
    std::string source;                 // url + database the state below belongs to
    std::string checkpoint;             // the server's last_seq applied here ("" = from the start)
    std::map<std::string, SyncDocState> docs;
    std::map<std::string, uint64_t> in_flight;   // sent, waiting for the answer: the hash sent
    // The scan: conversations to look at again, templates and settings, then the send list.
    bool scan_all = true;
    std::set<std::string> to_scan;      // conversation IDs
    std::set<std::string> to_send;      // document IDs whose content differs from the server's
    std::set<std::string> touched;      // conversations edited since they were last sent (an answer may be stale)
    size_t known_conversations = 0;     // the store's size at the last scan (a reset or import changes it)
    double meta_scanned_ms = 0;
    OrphanScan orphans;
    // Incoming documents waiting for the import, one export text per round.
    std::deque<std::string> incoming;
    std::string incoming_checkpoint;    // becomes `checkpoint` once they are merged
    bool importing = false;             // the import running is ours
    bool other_import = false;          // the user's import runs: everything is looked at again after it
    size_t received = 0, sent = 0;      // documents, this session
    nlohmann::json last_report;         // what the last merge of incoming documents met
    std::vector<PresenceSeen> presence; // other agents' presence documents as last read (stale ones too)
    bool state_due = false;             // state.json to be written
    double state_written_ms = 0;
    // The Team > Sync… window.
    bool show_window = false;
    std::string url_edit, db_edit, user_edit, password_edit;
    std::string notice;                 // why Connect was refused
};

// The ops just journaled: the conversations they touched are looked at again by the scan (an
// add_defect op names an order: its conversations). Called by journal_staged (edits.cpp).
inline void sync_note_ops(TeamSyncState& st, const sd::Store& store, const std::vector<nlohmann::json>& ops) {
    if (!st.settings.enabled) return;
    for (const nlohmann::json& op : ops) {
        if (!op.contains("id") || !op["id"].is_string()) continue;
        const std::string& id = op["id"].get_ref<const std::string&>();
        const std::string kind = op.value("op", std::string());
        if (kind == "new_conversation") st.orphans.due = true;   // may be about an order no conversation had
        if (kind != "add_defect" && kind != "set_vip") {
            st.to_scan.insert(id);
            st.touched.insert(id);
            continue;
        }
        st.orphans.due = true;   // the order or customer may be one no conversation refers to
        // An order's defect or a customer's VIP follow-up travels in its conversations' documents.
        for (const sd::Conversation& c : store.conversations)
            if ((kind == "add_defect" ? c.order_id : c.customer_id) == id) st.to_scan.insert(c.id), st.touched.insert(c.id);
    }
}
