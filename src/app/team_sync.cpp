#include "team_sync.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "app_state.h"
#include "edits.h"
#include "i18n.h"
#include "import_export.h"
#include "training.h"
#include "core/couch_docs.h"
#include "core/storage.h"
#include "core/time.h"
#include "platform/platform.h"

using nlohmann::json;

namespace {

constexpr size_t kScanSlice = 200;           // conversations exported and hashed between clock checks
constexpr double kScanBudgetMs = 6;          // per frame: the page keeps drawing during a first sync
constexpr double kMetaScanEveryMs = 2000;    // templates and settings are few: looked at every 2 s
constexpr double kStateWriteEveryMs = 2000;  // state.json at most this often

AppState* g_sync_app = nullptr;   // the app the page's calls reach (set by load_sync_files)
std::string g_sync_out;           // the last string handed to JavaScript

// A file of the sync's folder, beside the inbox's (not in it: the sync's state is not inbox data).
std::string sync_file(const AppState& app, const char* name) { return app.data_dir.substr(0, app.data_dir.rfind('/')) + "/sync/" + name; }
std::string settings_path(const AppState& app) { return sync_file(app, "settings.json"); }
std::string state_path(const AppState& app) { return sync_file(app, "state.json"); }

std::string hex64(uint64_t h) {
    char b[17];
    std::snprintf(b, sizeof b, "%016llx", static_cast<unsigned long long>(h));
    return b;
}

bool write_sync_file(AppState& app, const std::string& path, const std::string& text) {
    ::mkdir(path.substr(0, path.rfind('/')).c_str(), 0755);
    return write_flushed_file(app, path, path, text);   // edits.h: flushed with the inbox
}

void save_settings_file(AppState& app) {
    const SyncSettings& s = app.sync.settings;
    json j = {{"format", "sellerdesk-sync-settings"}, {"version", 1}, {"url", s.url}, {"db", s.db},
              {"user", s.user}, {"password", s.password}, {"enabled", s.enabled}};
    write_sync_file(app, settings_path(app), j.dump(2) + "\n");
}

void save_state_file(AppState& app) {
    TeamSyncState& st = app.sync;
    json docs = json::object();
    for (const auto& [id, d] : st.docs) docs[id] = {d.rev, hex64(d.hash), d.losing};
    json j = {{"format", "sellerdesk-sync-state"}, {"version", 1}, {"source", st.source}, {"checkpoint", st.checkpoint}, {"docs", docs}};
    if (write_sync_file(app, state_path(app), j.dump() + "\n")) {
        st.state_due = false;
        st.state_written_ms = app.real_ms;
    }
}

bool paused(const AppState& app) {
    return !app.ready || app.tab.read_only || training_active(app) || app.tour.running;
}

// The app's data as the core's SyncData, borrowed: the store is moved in and must be given back.
sd::SyncData borrow(AppState& app, bool templates) {
    sd::SyncData d;
    d.store = std::move(app.store);
    if (templates) {   // with the team's records (few): they travel with the templates and settings
        d.templates = app.templates.lib;
        d.registers = app.registers.data;
        d.handovers = app.handovers.list;
    }
    d.sla = app.settings.sla;
    return d;
}

void compare_hash(TeamSyncState& st, const std::string& id, uint64_t hash) {
    auto it = st.docs.find(id);
    const bool same = it != st.docs.end() && it->second.hash == hash && it->second.losing.empty();
    if (same) st.to_send.erase(id);
    else st.to_send.insert(id);
}

void compare_docs(TeamSyncState& st, const std::vector<sd::CouchDoc>& docs) {
    for (const sd::CouchDoc& doc : docs) compare_hash(st, doc.id, sd::doc_hash(doc.body));
}

// The orders and customers no conversation refers to: found again only when something that may
// change them happened (sync_state.h, OrphanScan), else their kept hashes are compared.
void scan_orphans(AppState& app) {
    TeamSyncState& st = app.sync;
    OrphanScan& o = st.orphans;
    const uint64_t key[4] = {app.store.conversations.size(), app.store.orders.size(), app.store.customers.size(), app.base.generation};
    if (o.due || !std::equal(key, key + 4, o.key)) {
        o.due = false;
        std::copy(key, key + 4, o.key);
        ++o.found;
        std::vector<std::string> orders, customers;
        sd::find_orphans(app.store, orders, customers);
        std::vector<sd::CouchDoc> docs;
        sd::SyncData d = borrow(app, false);
        sd::make_record_docs(d, orders, customers, docs);
        app.store = std::move(d.store);
        o.doc_ids.clear();
        o.hashes.clear();
        for (const sd::CouchDoc& doc : docs) {
            o.doc_ids.insert(doc.id);
            o.hashes.emplace_back(doc.id, sd::doc_hash(doc.body));
        }
        // Referred to by a conversation now (or gone): it travels in that conversation's document.
        for (auto it = st.to_send.begin(); it != st.to_send.end();) {
            const bool record = it->rfind("order:", 0) == 0 || it->rfind("customer:", 0) == 0;
            it = record && !o.doc_ids.count(*it) ? st.to_send.erase(it) : std::next(it);
        }
    }
    for (const auto& [id, hash] : o.hashes) compare_hash(st, id, hash);
}

// One frame's share of finding the documents that differ from what the server has.
void scan_step(AppState& app) {
    TeamSyncState& st = app.sync;
    if (app.store.conversations.size() != st.known_conversations) st.scan_all = true;
    if (st.scan_all) {
        st.scan_all = false;
        st.known_conversations = app.store.conversations.size();
        for (const sd::Conversation& c : app.store.conversations) st.to_scan.insert(c.id);
        st.meta_scanned_ms = 0;
        st.orphans.due = true;
    }
    const double start = platform::perf_ms();
    while (!st.to_scan.empty() && platform::perf_ms() - start < kScanBudgetMs) {
        std::vector<std::string> ids;
        while (!st.to_scan.empty() && ids.size() < kScanSlice) {
            ids.push_back(*st.to_scan.begin());
            st.to_scan.erase(st.to_scan.begin());
        }
        std::vector<sd::CouchDoc> docs;
        sd::SyncData d = borrow(app, false);
        sd::make_docs(d, ids, false, false, docs);
        app.store = std::move(d.store);
        compare_docs(st, docs);
    }
    if (!st.to_scan.empty()) platform::request_frames(0);
    if (app.real_ms - st.meta_scanned_ms >= kMetaScanEveryMs) {
        st.meta_scanned_ms = app.real_ms;
        std::vector<sd::CouchDoc> docs;
        sd::SyncData d = borrow(app, true);
        sd::make_docs(d, {}, true, true, docs);
        sd::make_team_docs(d, docs);
        app.store = std::move(d.store);
        compare_docs(st, docs);
        scan_orphans(app);
    }
}

// A document from the server that cannot be merged: shown until the next configure (sync_report).
void merge_failed(TeamSyncState& st, const std::string& why) {
    st.state = "error";
    st.error_code = "merge";
    st.error = why;
}

// Our import ended: what it met goes into the report, the merged conversations are scanned again
// (the merge may hold more than the server's copy: then it is sent back).
void import_finished(AppState& app) {
    TeamSyncState& st = app.sync;
    st.importing = false;
    const json& r = app.import.report;
    if (r.is_object() && r.value("ok", false)) {
        st.last_report = {{"added", r["added"]}, {"updated", r["updated"]}, {"conflicts", r["conflicts"]}};
        for (const char* k : {"added", "updated"})
            for (const json& id : r["report"].value(k, json::array())) st.to_scan.insert(id.get<std::string>());
        st.meta_scanned_ms = 0;
        st.orphans.due = true;   // orders and customers may have come, or changed
    } else {
        st.incoming.clear();
        merge_failed(st, "a document from the server could not be merged: " +
                             (r.is_object() ? r["error"].value("message", std::string("unknown error")) : std::string("unknown error")));
    }
}

void incoming_step(AppState& app) {
    TeamSyncState& st = app.sync;
    if (st.importing && !app.import.running) import_finished(app);
    if (app.import.running) return;
    if (!st.incoming.empty()) {
        json r = import_begin(app, std::move(st.incoming.front()), "CouchDB");
        st.incoming.pop_front();
        if (r.value("running", false)) {
            app.import.quiet = true;
            st.importing = true;
        } else {
            merge_failed(st, "a document from the server could not be merged: " + r["error"].value("message", std::string()));
        }
        return;
    }
    if (!st.incoming_checkpoint.empty()) {
        st.checkpoint = std::move(st.incoming_checkpoint);
        st.incoming_checkpoint.clear();
        save_state_file(app);   // at once: the server's copy of the checkpoint is written next
    }
}

sd::CouchDoc doc_from_json(const json& j) {
    sd::CouchDoc d;
    d.id = j.value("_id", std::string());
    d.rev = j.value("_rev", std::string());
    d.deleted = j.value("_deleted", false);
    d.body = json::object();
    for (const auto& [k, v] : j.items())
        if (k.empty() || k[0] != '_') d.body[k] = v;
    return d;
}

// A document's leaves as the server listed them, with the bodies fetched; the winner becomes our
// base revision, the other live leaves are deleted with the next push.
void note_leaves(TeamSyncState& st, const std::string& id, const std::vector<std::string>& revs, const std::vector<sd::CouchDoc>& fetched) {
    SyncDocState& known = st.docs[id];
    std::vector<sd::CouchDoc> leaves;
    for (const std::string& rev : revs) {
        auto f = std::find_if(fetched.begin(), fetched.end(), [&](const sd::CouchDoc& d) { return d.id == id && d.rev == rev; });
        if (f != fetched.end()) leaves.push_back(*f);
        else if (rev == known.rev) leaves.push_back({id, rev, false, json()});
    }
    const std::string winner = sd::winning_rev(leaves);
    if (winner.empty()) return;
    std::vector<std::string> losing;
    for (const sd::CouchDoc& l : leaves) {
        if (l.rev == winner) {
            if (!l.body.is_null()) known.hash = l.deleted ? 0 : sd::doc_hash(l.body);
        } else if (!l.deleted) {
            losing.push_back(l.rev);
        }
    }
    known.rev = winner;
    known.losing = std::move(losing);
    if (id.rfind("conv:", 0) == 0) st.to_scan.insert(id.substr(5));
    st.to_send.insert(id);   // the scan after the merge takes it off when nothing differs
    st.meta_scanned_ms = 0;
}

}  // namespace

void load_sync_files(AppState& app) {
    g_sync_app = &app;
    TeamSyncState& st = app.sync;
    std::string text;
    if (sd::read_file(settings_path(app), text)) {
        json j = json::parse(text, nullptr, false);
        if (j.is_object()) {
            st.settings = {j.value("url", ""), j.value("db", ""), j.value("user", ""), j.value("password", ""), j.value("enabled", false)};
            st.state = st.settings.enabled ? "connecting" : "off";
        }
    }
    if (sd::read_file(state_path(app), text)) {
        json j = json::parse(text, nullptr, false);
        if (j.is_object() && j["docs"].is_object()) {
            st.source = j.value("source", "");
            st.checkpoint = j.value("checkpoint", "");
            for (const auto& [id, v] : j["docs"].items()) {
                if (!v.is_array() || v.size() != 3) continue;
                st.docs[id] = {v[0].get<std::string>(), std::strtoull(v[1].get<std::string>().c_str(), nullptr, 16), v[2].get<std::vector<std::string>>()};
            }
        }
    }
}

void sync_tick(AppState& app) {
    TeamSyncState& st = app.sync;
    if (paused(app) || !st.settings.enabled) {
        st.orphans.due = true;   // another tab's edits, a training or tour store: not noted meanwhile
        return;
    }
    if (app.import.running && !st.importing) st.other_import = true;
    if (st.other_import && !app.import.running) {
        st.other_import = false;
        st.scan_all = true;
    }
    incoming_step(app);
    if (app.import.running) return;
    scan_step(app);
    if (st.state_due && app.real_ms - st.state_written_ms >= kStateWriteEveryMs) save_state_file(app);
}

json sync_configure(AppState& app, const std::string& url, const std::string& db, const std::string& user, const std::string& password) {
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
        return {{"ok", false}, {"error", "the server URL must start with http:// or https://"}};
    if (db.empty() || db[0] < 'a' || db[0] > 'z' || db.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_$()+-/") != std::string::npos)
        return {{"ok", false}, {"error", "a database name starts with a lowercase letter and has only a-z, 0-9 and _$()+-/"}};
    if (user.empty() != password.empty()) return {{"ok", false}, {"error", "give both a user and a password, or neither"}};
    TeamSyncState& st = app.sync;
    std::string base = url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    const std::string source = base + "/" + db;
    if (source != st.source) {   // another database: nothing it holds is known yet
        sync_reset(app);
        st.source = source;
    }
    st.settings = {base, db, user, password, true};
    st.scan_all = true;   // edits made while the sync was off were not noted
    st.state = "connecting";
    st.error.clear();
    st.error_code.clear();
    ++st.generation;
    save_settings_file(app);
    save_state_file(app);
    platform::request_frames(0);
    return {{"ok", true}};
}

json sync_stop(AppState& app) {
    TeamSyncState& st = app.sync;
    st.settings.enabled = false;
    st.state = "off";
    st.error.clear();
    st.error_code.clear();
    ++st.generation;
    save_settings_file(app);
    return {{"ok", true}};
}

size_t sync_pending(const AppState& app) {
    return app.sync.to_send.size() + app.sync.to_scan.size();
}

json sync_state_json(const AppState& app) {
    const TeamSyncState& st = app.sync;
    return {{"state", st.state},
            {"pending", sync_pending(app)},
            {"last_synced", st.last_synced_ms > 0 ? json(sd::format_iso8601(sd::Time(st.last_synced_ms / 1000))) : json()},
            {"error", st.error.empty() ? json() : json(st.error)},
            {"url", st.settings.url},
            {"db", st.settings.db},
            {"user", st.settings.user},
            {"received", st.received},
            {"sent", st.sent},
            {"report", st.last_report}};
}

namespace {
// What this agent's presence document says: the open conversation, and "replying" while the
// reply editor has the focus. null when none is open.
json own_presence(const AppState& app) {
    if (app.view.selected.empty()) return nullptr;
    const std::string agent = app.settings.agent_name.empty() ? app.settings.replica_id : app.settings.agent_name;
    return {{"agent", agent}, {"conversation_id", app.view.selected}, {"action", app.fields.focused == "composer" ? "replying" : "viewing"}};
}
}  // namespace

json sync_config_for_page(const AppState& app) {
    const TeamSyncState& st = app.sync;
    const bool busy = st.importing || !st.incoming.empty() || !st.incoming_checkpoint.empty() || app.import.running;
    return {{"enabled", st.settings.enabled && !paused(app)},
            {"generation", st.generation},
            {"url", st.settings.url},
            {"db", st.settings.db},
            {"user", st.settings.user},
            {"password", st.settings.password},
            {"replica", app.settings.replica_id},
            {"checkpoint", st.checkpoint},
            {"busy", busy},
            {"scanning", !st.to_scan.empty()},
            {"pending", sync_pending(app)},
            {"state", st.state},
            {"presence", own_presence(app)}};
}

namespace {
// Documents on the send list that no longer exist here (a cleared inbox, a template gone): nothing to send.
void drop_vanished(TeamSyncState& st, const std::vector<std::string>& convs, bool meta, const std::vector<sd::CouchDoc>& docs) {
    std::set<std::string> made;
    for (const sd::CouchDoc& doc : docs) made.insert(doc.id);
    for (const std::string& c : convs)
        if (!made.count("conv:" + c)) st.to_send.erase("conv:" + c);
    if (!meta) return;
    for (auto it = st.to_send.begin(); it != st.to_send.end();)
        it = it->rfind("conv:", 0) != 0 && !made.count(*it) ? st.to_send.erase(it) : std::next(it);
}
}  // namespace

json sync_outgoing(AppState& app, size_t max_docs, bool first) {
    TeamSyncState& st = app.sync;
    if (first) st.in_flight.clear();
    json out = json::array();
    std::vector<std::string> convs;
    bool meta = false;
    for (const std::string& id : st.to_send) {
        if (convs.size() + (meta ? 1 : 0) >= max_docs) break;
        if (st.in_flight.count(id)) continue;   // in this request already (an earlier slice)
        if (id.rfind("conv:", 0) == 0) convs.push_back(id.substr(5));
        else meta = true;
    }
    std::vector<sd::CouchDoc> docs;
    sd::SyncData d = borrow(app, meta);
    sd::make_docs(d, convs, meta, meta, docs);
    if (meta) {   // of the orders and customers no conversation refers to, those waiting to go
        std::vector<std::string> orders, customers;
        for (const std::string& id : st.orphans.doc_ids) {
            if (!st.to_send.count(id)) continue;
            if (id.rfind("order:", 0) == 0) orders.push_back(id.substr(6));
            else customers.push_back(id.substr(9));
        }
        sd::make_record_docs(d, orders, customers, docs);
        sd::make_team_docs(d, docs);
    }
    app.store = std::move(d.store);
    drop_vanished(st, convs, meta, docs);
    for (sd::CouchDoc& doc : docs) {
        if (!st.to_send.count(doc.id) || st.in_flight.count(doc.id)) continue;   // unchanged, or in this request already
        if (doc.id.rfind("conv:", 0) == 0) st.touched.erase(doc.id.substr(5));
        SyncDocState& known = st.docs[doc.id];
        st.in_flight[doc.id] = sd::doc_hash(doc.body);
        json j = std::move(doc.body);
        j["_id"] = doc.id;
        if (!known.rev.empty()) j["_rev"] = known.rev;
        out.push_back(std::move(j));
        for (const std::string& rev : known.losing) out.push_back({{"_id", doc.id}, {"_rev", rev}, {"_deleted", true}});
    }
    return {{"docs", out}, {"pending", sync_pending(app)}};
}

// The server's answers to a _bulk_docs, each with what was sent: [{id, sent_rev, deleted, ok, rev, error}].
void sync_pushed(AppState& app, const json& results) {
    TeamSyncState& st = app.sync;
    for (const json& r : results) {
        const std::string id = r.value("id", std::string());
        SyncDocState& known = st.docs[id];
        if (!r.value("ok", false)) {
            if (r.value("error", std::string()) != "conflict") st.error = "the server refused " + id + ": " + r.value("reason", r.value("error", std::string()));
            continue;   // a conflict: the next pull brings the other revision, then it is sent again
        }
        if (r.value("deleted", false)) {
            auto& l = known.losing;
            l.erase(std::remove(l.begin(), l.end(), r.value("sent_rev", std::string())), l.end());
            continue;
        }
        known.rev = r.value("rev", std::string());
        known.hash = st.in_flight[id];
        st.in_flight.erase(id);
        ++st.sent;
        if (id.rfind("conv:", 0) == 0 && st.touched.count(id.substr(5))) st.to_scan.insert(id.substr(5));   // edited on its way
    }
    for (const json& r : results) {   // sent, and no conflicting leaf left: off the list
        auto it = st.docs.find(r.value("id", std::string()));
        if (r.value("ok", false) && it != st.docs.end() && it->second.losing.empty() && !st.in_flight.count(it->first)) st.to_send.erase(it->first);
    }
    st.state_due = true;
}

// Rows of _changes?style=all_docs: the revisions to fetch (every leaf we do not hold already).
json sync_wanted(const AppState& app, const json& changes) {
    json want = json::array();
    for (const json& row : changes) {
        const std::string id = row.value("id", std::string());
        if (!sd::doc_kind_of(id)) continue;
        auto known = app.sync.docs.find(id);
        for (const json& c : row.value("changes", json::array())) {
            const std::string rev = c.value("rev", std::string());
            if (known == app.sync.docs.end() || known->second.rev != rev) want.push_back({{"id", id}, {"rev", rev}});
        }
    }
    return want;
}

json sync_incoming(AppState& app, const json& payload, const std::string& last_seq) {
    TeamSyncState& st = app.sync;
    std::vector<sd::CouchDoc> docs;
    for (const json& j : payload.value("docs", json::array())) docs.push_back(doc_from_json(j));
    std::vector<std::string> texts;
    std::string error;
    if (!sd::docs_to_export_texts(docs, sd::Time(app.real_ms / 1000), texts, error)) {
        merge_failed(st, error);
        return {{"ok", false}, {"error", error}};
    }
    for (const json& row : payload.value("changes", json::array())) {
        const std::string id = row.value("id", std::string());
        if (!sd::doc_kind_of(id)) continue;
        std::vector<std::string> revs;
        for (const json& c : row.value("changes", json::array())) revs.push_back(c.value("rev", std::string()));
        note_leaves(st, id, revs, docs);
    }
    st.received += docs.size();
    for (std::string& t : texts) st.incoming.push_back(std::move(t));
    st.incoming_checkpoint = last_seq.empty() ? st.checkpoint : last_seq;
    platform::request_frames(0);
    return {{"ok", true}, {"rounds", texts.size()}};
}

namespace {
std::string error_text(const std::string& code, const std::string& detail, const std::string& url) {
    if (code == "unauthorized") return "the server refused the user name or password (HTTP 401)";
    if (code == "forbidden") return "this user may not use the database (HTTP 403): it needs a member role in the database's _security";
    if (code == "unreachable") return "the server does not answer at " + url + "; local changes are kept and sent when it is back";
    if (code == "http") return "the server answered " + detail;
    return detail;
}
}  // namespace

// The page's state of the protocol: {state, code, detail}.
void sync_report(AppState& app, const json& status) {
    TeamSyncState& st = app.sync;
    const std::string state = status.value("state", st.state);
    if (st.error_code == "merge") return;   // a document that cannot be merged stays shown until the next configure
    const double now = platform::now_ms();
    const bool all_done = state == "idle" && sync_pending(app) == 0;
    const bool synced_minute = all_done && int64_t(now / 60000) != int64_t(st.last_synced_ms / 60000);
    if (all_done) st.last_synced_ms = now;
    const std::string code = status.value("code", std::string());
    if (state == st.state && code == st.error_code && !synced_minute) return;   // polling: nothing new to draw
    st.state = state;
    st.error_code = code;
    st.error = error_text(st.error_code, status.value("detail", std::string()), st.settings.url);
    platform::request_frames(0);
}

void sync_reset(AppState& app) {
    TeamSyncState& st = app.sync;
    st.checkpoint.clear();
    st.incoming_checkpoint.clear();
    st.docs.clear();
    st.in_flight.clear();
    st.to_send.clear();
    st.scan_all = true;
    st.state_due = true;
}

// ---- the page's calls (web/couch_sync.js) ----------------------------------------------------
namespace {
const char* out(const json& j) {
    g_sync_out = j.dump(-1, ' ', false, json::error_handler_t::replace);
    return g_sync_out.c_str();
}
json parse_arg(const char* text) { return json::parse(text ? text : "null", nullptr, false); }
}  // namespace

extern "C" {
__attribute__((used)) const char* sd_sync_config() { return g_sync_app ? out(sync_config_for_page(*g_sync_app)) : "{}"; }
__attribute__((used)) const char* sd_sync_outgoing(int max_docs, int first) {
    return out(sync_outgoing(*g_sync_app, size_t(std::max(1, max_docs)), first != 0));
}
__attribute__((used)) void sd_sync_pushed(const char* results) {
    json r = parse_arg(results);
    if (r.is_array()) sync_pushed(*g_sync_app, r);
}
__attribute__((used)) const char* sd_sync_wanted(const char* changes) {
    json c = parse_arg(changes);
    return out(c.is_array() ? sync_wanted(*g_sync_app, c) : json::array());
}
__attribute__((used)) const char* sd_sync_incoming(const char* payload, const char* last_seq) {
    json p = parse_arg(payload);
    return out(p.is_object() ? sync_incoming(*g_sync_app, p, last_seq ? last_seq : "") : json{{"ok", false}, {"error", "not JSON"}});
}
__attribute__((used)) void sd_sync_report(const char* status) {
    json s = parse_arg(status);
    if (s.is_object()) sync_report(*g_sync_app, s);
}
__attribute__((used)) void sd_sync_reset() { sync_reset(*g_sync_app); }
__attribute__((used)) void sd_sync_presence(const char* docs) {
    json d = parse_arg(docs);
    if (d.is_array()) sync_presence(*g_sync_app, d);
}
}

// ---- presence --------------------------------------------------------------------------------
void sync_presence(AppState& app, const json& docs) {
    std::vector<PresenceSeen>& seen = app.sync.presence;
    for (const json& d : docs) {
        const std::string id = d.value("_id", std::string());
        if (id.rfind("presence:", 0) != 0 || !d.value("agent", json()).is_string()) continue;
        PresenceSeen p{id.substr(9), d["agent"].get<std::string>(), d.value("conversation_id", std::string()), d.value("action", std::string("viewing")), 0};
        if (p.replica == app.settings.replica_id) continue;
        sd::Time at = 0;
        if (!sd::parse_iso8601(d.value("at", std::string()), at)) continue;
        p.at_ms = double(at) * 1000;
        auto it = std::find_if(seen.begin(), seen.end(), [&](const PresenceSeen& q) { return q.replica == p.replica; });
        if (it == seen.end()) seen.push_back(std::move(p));
        else *it = std::move(p);
    }
    platform::request_frames(0);
}

namespace {
template <typename F>
void for_fresh_presence(const AppState& app, F&& f) {
    if (!app.sync.settings.enabled || app.sync.presence.empty()) return;   // per list row and frame: no clock asked
    const double now = platform::now_ms();
    for (const PresenceSeen& p : app.sync.presence)
        if (!p.conversation_id.empty() && now - p.at_ms < kPresenceStaleMs) f(p);
}
}  // namespace

json presence_json(const AppState& app) {
    json out = json::object();
    for_fresh_presence(app, [&](const PresenceSeen& p) { out[p.conversation_id].push_back({{"agent", p.agent}, {"action", p.action}}); });
    return out;
}

std::string presence_text(const AppState& app, const std::string& id) {
    std::string out;
    for_fresh_presence(app, [&](const PresenceSeen& p) {
        if (p.conversation_id != id) return;
        if (!out.empty()) out += ", ";
        out += trf(p.action == "replying" ? "presence.replying" : "presence.viewing", {{"agent", p.agent}});
    });
    return out;
}
