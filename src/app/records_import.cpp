// Mail and CSV files into the inbox (records_import.h).
#include "records_import.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include "app_state.h"
#include "edits.h"
#include "import_reasons.h"
#include "inbox.h"
#include "settings.h"
#include "view.h"
#include "training.h"
#include "core/mail_batch.h"
#include "core/mail_export.h"
#include "core/storage.h"
#include "core/time.h"
#include "platform/platform.h"

using nlohmann::json;

namespace {

constexpr double kFrameBudgetMs = 12;   // as the export import: the page keeps drawing
constexpr size_t kCsvSlice = 500;       // rows between clock checks
constexpr size_t kThreadSlice = 25;     // threads built between clock checks
constexpr size_t kReleaseSlice = 500;   // entries of a finished build freed between clock checks

json fail(const std::string& why) { return {{"ok", false}, {"error", why}}; }

void reset_records(ImportState& im) {
    im.records = im.reading = im.finish_due = im.clear_demo = false;
    im.records_job = sd::RecordsJob();
    im.building = false;
    im.records_build = sd::RecordsBuild();
    im.csv_files.clear();
    im.csv_texts.clear();
    im.csv_next_file = 0;
    im.records_built = im.built_all = im.releasing = false;
    im.records_data = sd::SyncData();
    im.read_bytes = im.total_bytes = 0;
    im.reading_file.clear();
}

json plan(AppState& app, const json& req) {
    if (app.import.running) return fail("an import is running");
    FilesPlan p;
    if (!req.contains("files") || !req["files"].is_array()) return fail("\"files\" must be a list");
    p.files = req["files"];
    if (req.contains("csv") && req["csv"].is_object())
        for (const auto& [name, text] : req["csv"].items())
            if (text.is_string()) p.previews.emplace_back(name, sd::csv_preview(name, text.get<std::string>(), 5));
    p.clear_demo = app.mail.demo && !app.store.conversations.empty();
    p.open = true;
    app.mail.plan = std::move(p);
    platform::request_frames(200);
    return {{"ok", true}};
}

json begin(AppState& app, const json& req) {
    ImportState& im = app.import;
    if (app.tab.read_only) return fail(read_only_reason(app));
    if (im.running) return fail("another import is still running");
    std::string why;
    if (!ensure_texts(app, why)) return fail("Not imported: " + why + ".");
    save_open_draft(app);
    reset_records(im);
    sd::RecordsOptions o;
    o.domains = app.mail.domains;
    json domains = json::array();   // for the page: mail naming none of them is skipped undecoded
    for (const auto& list : o.domains.domains)
        for (const std::string& d : list) domains.push_back(d);
    if (req.contains("other_marketplace") && req["other_marketplace"].is_string()) {
        if (!sd::parse(req["other_marketplace"].get<std::string>(), o.other_marketplace))
            return fail("\"other_marketplace\" must be walmart, amazon, ebay, wish or tmall");
        o.other_mail = true;
    }
    o.stamp = next_edit_stamp(app);
    im.clear_demo = req.value("clear_demo", false) == true && app.mail.demo;
    // Cleared first: threads and orders must not be matched against the demo that goes away.
    static const sd::Store kEmpty;
    im.records_job = sd::begin_records(im.clear_demo ? kEmpty : app.store, std::move(o));
    im.records = im.running = im.reading = true;
    im.checking = im.saving = false;
    im.total = 0;
    im.check_ms = im.merge_ms = im.finish_ms = im.save_ms = 0;
    im.total_bytes = req.value("bytes", 0.0);
    im.file_name = req.value("name", std::string("mail"));
    im.started_ms = platform::now_ms();
    im.report = json();
    im.show_report = false;
    app.mail.plan.open = false;
    platform::request_frames(0);
    if (o.other_mail) return {{"ok", true}};
    // The reason such mail is skipped, as the workers must give it: "{sender}" stands for the address.
    return {{"ok", true}, {"mail_domains", domains},
            {"skip_reasons", {{"sender", sd::no_marketplace_reason("{sender}")}, {"unknown", sd::no_marketplace_reason("")}}}};
}

// A skip the page found ({op: "skip", file, reason, code, args}): code and args only when both are given well.
sd::ImportSkip skip_of_request(const json& req) {
    sd::ImportSkip s{req.value("file", std::string("?")), req.value("reason", std::string("unreadable")), "", json::object()};
    const json* code = req.contains("code") ? &req["code"] : nullptr;
    if (code && code->is_string() && req.contains("args") && req["args"].is_object()) {
        s.code = code->get<std::string>();
        s.args = req["args"];
    }
    return s;
}

json add_csv(AppState& app, const json& req) {
    ImportState& im = app.import;
    const std::string name = req.value("name", std::string("file.csv"));
    im.csv_texts.push_back(std::make_unique<std::string>(req.value("text", std::string())));
    sd::CsvFile f = sd::begin_csv(name, *im.csv_texts.back());
    if (!f.ok) sd::skip_file(im.records_job, f.error);
    else im.csv_files.push_back(std::move(f));
    return {{"ok", true}};
}

json add_records(AppState& app, const json& records) {
    ImportState& im = app.import;
    if (!records.is_array()) return fail("\"records\" must be a list");
    const double start = platform::perf_ms();
    size_t n = 0;
    for (const json& r : records) {
        sd::InMessage m;
        std::string why;
        ++n;
        if (sd::in_message_from_json(r, m, why)) sd::add_record(im.records_job, std::move(m));
        else sd::skip_file(im.records_job, sd::bad_record_skip(r.value("file", std::string("?")), r.value("place", "record " + std::to_string(n)), why));
    }
    im.check_ms += platform::perf_ms() - start;
    return {{"ok", true}};
}

// A batch the page wrote into the app's memory (core/mail_batch.h): taken over and freed here, so
// the page never builds one large string on its own thread. A batch that cannot be read adds none
// of its records.
json add_batch(AppState& app, const json& req) {
    char* at = reinterpret_cast<char*>(uintptr_t(req.value("at", 0.0)));
    const size_t size = size_t(req.value("size", 0.0));
    if (!at) return fail("\"at\" must be a block of the app's memory");
    const double start = platform::perf_ms();
    sd::MailBatch batch;
    std::string why;
    const bool read = sd::read_mail_batch(std::string_view(at, size), batch, why);
    std::free(at);
    if (read)
        for (sd::InMessage& m : batch.messages) sd::add_record(app.import.records_job, std::move(m));
    app.import.check_ms += platform::perf_ms() - start;
    return read ? json{{"ok", true}, {"records", batch.messages.size()}} : fail(why);
}

}  // namespace

json records_request(AppState& app, const json& req) {
    if (!app.ready) return fail("the inbox is still loading");
    if (training_active(app)) return fail("a training scenario is running: stop it before importing");
    if (app.tour.running) return fail("the guided tour is running: stop it before importing");
    const std::string op = req.value("op", std::string());
    ImportState& im = app.import;
    if (op == "plan") return plan(app, req);
    if (op == "begin") return begin(app, req);
    if (op == "reply_eml") return reply_eml_json(app, req.value("id", std::string()));
    if (op == "export_clear_demo") {   // the next export import empties the demo once its file is found valid
        if (im.running) return fail("an import is running");
        im.clear_demo = app.mail.demo;
        return {{"ok", true}};
    }
    if (!im.records || !im.reading) return fail("no mail or CSV import is being read");
    if (op == "csv") return add_csv(app, req);
    if (op == "records") return add_records(app, req.contains("records") ? req["records"] : json());
    if (op == "batch_at") return add_batch(app, req);
    if (op == "skip") {
        sd::skip_file(im.records_job, skip_of_request(req));
        return {{"ok", true}};
    }
    if (op == "progress") {
        im.read_bytes = req.value("done", 0.0);
        im.total_bytes = std::max(im.total_bytes, req.value("total", 0.0));
        im.reading_file = req.value("file", std::string());
        return {{"ok", true}};
    }
    if (op == "finish") {
        im.finish_due = true;
        platform::request_frames(0);
        return {{"ok", true}};
    }
    if (op == "cancel") {
        reset_records(im);
        im.running = false;
        im.notify_js = false;   // the page gave up on this import; no report is waited for
        return {{"ok", true}};
    }
    return fail("unknown request \"" + op + "\"");
}

namespace {

json skipped_json(const std::vector<sd::ImportSkip>& skipped) {
    json out = json::array();
    for (const sd::ImportSkip& s : skipped) out.push_back(sd::skip_json(s));
    return out;
}

// Nothing to add: the import ends here with its report, and nothing changed.
void end_without_merge(AppState& app, sd::RecordsResult& r) {
    ImportState& im = app.import;
    json skipped = skipped_json(r.skipped);
    const bool nothing_read = r.duplicates == 0 && !skipped.empty();
    im.report = {{"ok", !nothing_read},
                 {"file", im.file_name},
                 {"added_conversations", 0},
                 {"added_messages", 0},
                 {"duplicates", r.duplicates},
                 {"skipped", skipped},
                 {"added", 0},
                 {"updated", 0},
                 {"unchanged", 0},
                 {"conflicts", json::array()},
                 {"report", {{"messages_added", 0}, {"conflicts_resolved", 0}, {"conflicts_to_review", 0}}},
                 {"error", nothing_read ? json{{"message", "nothing could be imported: " + skipped[0]["reason"].get<std::string>()}, {"code", "nothing_imported"}}
                                        : json(nullptr)}};
    reset_records(im);
    im.running = false;
    im.show_report = true;
}

}  // namespace

bool records_step(AppState& app, sd::SyncData& ready) {
    ImportState& im = app.import;
    const double start = platform::perf_ms();
    while (im.csv_next_file < im.csv_files.size() && platform::perf_ms() - start < kFrameBudgetMs)
        if (sd::csv_next(im.csv_files[im.csv_next_file], kCsvSlice, im.records_job)) ++im.csv_next_file;
    im.check_ms += platform::perf_ms() - start;
    if (im.csv_next_file < im.csv_files.size() || !im.finish_due) {
        if (im.csv_next_file < im.csv_files.size()) platform::request_frames(0);
        return false;
    }
    if (im.releasing) {   // the build's leftovers (tens of thousands of keys) freed within the budget
        const double t = platform::perf_ms();
        while (!sd::release_next(im.records_build, kReleaseSlice))
            if (platform::perf_ms() - t >= kFrameBudgetMs) {
                platform::request_frames(0);
                return false;
            }
        im.releasing = false;
        platform::request_frames(0);
        return false;
    }
    if (im.records_built) {   // built and freed: the merge starts now, in a frame of its own
        if (im.clear_demo) {
            std::string error;
            if (!clear_store(app, error)) app.save.error = error;
        }
        im.reading = false;
        im.records_built = false;
        ready = std::move(im.records_data);
        im.records_data = sd::SyncData();
        platform::request_frames(0);
        return true;
    }
    static const sd::Store kEmpty;
    const double t = platform::perf_ms();
    if (!im.building) {   // the messages grouped into threads, in a frame of its own
        im.records_build = sd::begin_build(std::move(im.records_job));
        im.building = true;
        im.finish_ms += platform::perf_ms() - t;
        platform::request_frames(0);
        return false;
    }
    bool built = im.built_all;
    while (!built && !(built = sd::build_next(im.records_build, im.clear_demo ? kEmpty : app.store, kThreadSlice)) &&
           platform::perf_ms() - t < kFrameBudgetMs) {
    }
    im.finish_ms += platform::perf_ms() - t;
    if (!built) {
        platform::request_frames(0);
        return false;
    }
    if (!im.built_all) {   // the last threads built: the build ends in a frame of its own
        im.built_all = true;
        platform::request_frames(0);
        return false;
    }
    sd::RecordsResult r = sd::end_build(std::move(im.records_build));
    im.building = im.built_all = false;
    im.releasing = true;
    im.records_report = {{"added_conversations", r.conversations_added},
                         {"added_messages", r.messages},
                         {"duplicates", r.duplicates},
                         {"skipped", skipped_json(r.skipped)}};
    if (r.messages == 0) {
        end_without_merge(app, r);
        return false;
    }
    im.total = r.data.store.conversations.size();
    im.records_data = std::move(r.data);
    im.records_built = true;
    platform::request_frames(0);
    return false;
}

void records_report(AppState& app, json& report) {
    ImportState& im = app.import;
    for (auto& [k, v] : im.records_report.items()) report[k] = v;
    report["bytes"] = im.total_bytes;
    const double s = report.value("seconds", 0.0);
    report["mb_per_s"] = s > 0 ? im.total_bytes / 1048576.0 / s : 0.0;
    reset_records(im);
}

json reply_eml_json(AppState& app, const std::string& id) {
    const sd::Conversation* c = app.store.find_conversation(id);
    if (!c) return fail("no conversation \"" + id + "\"");
    const std::string refusal = sd::reply_eml_refusal(*c);   // first: it is the answer whatever was written
    if (!refusal.empty()) return fail(refusal);
    std::string body = app.composer.id == id ? app.composer.text : c->draft;
    if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
        body.clear();
        for (const sd::Message& m : c->messages)
            if (m.direction == sd::Direction::Outbound && m.delivery == sd::Delivery::Sent && !m.auto_reply) body = m.body;
    }
    if (body.empty()) return fail("there is no reply to save: write one first");
    sd::EmlOptions o;
    o.date = real_now();   // the mail's Date: real, whatever the simulated clock says
    o.from_name = app.settings.store_name;
    o.from_address = app.mail.mail_from;
    std::string eml, why;
    if (!sd::reply_eml(*c, body, o, eml, why)) return fail(why);
    return {{"ok", true}, {"eml", eml}, {"name", "reply-" + (c->order_id.empty() ? c->id : c->order_id) + ".eml"}};
}

json outbox_json(AppState& app) {
    std::vector<std::pair<std::string, sd::Time>> mails;
    json ids = json::object();
    for (const sd::Conversation& c : app.store.conversations) {
        if (!sd::reply_eml_refusal(c).empty()) continue;
        for (const sd::Message& m : c.messages) {
            if (m.direction != sd::Direction::Outbound || m.delivery != sd::Delivery::Sent || m.auto_reply || m.exported) continue;
            sd::EmlOptions o;
            o.date = m.at;
            o.from_name = app.settings.store_name;
            o.from_address = app.mail.mail_from;
            o.message_id = "sd-" + sd::hash_hex(m.id) + "@" +
                           (o.from_address.find('@') != std::string::npos ? o.from_address.substr(o.from_address.find('@') + 1) : "sellerdesk.invalid");
            // In answer to the buyer's mail before this reply, as it was when the reply was written.
            sd::Conversation upto = c;
            upto.messages.clear();
            for (const sd::Message& x : c.messages)
                if (x.at <= m.at && x.id != m.id) upto.messages.push_back(x);
            std::string eml, why;
            if (!sd::reply_eml(upto, m.body, o, eml, why)) continue;
            mails.emplace_back(std::move(eml), m.at);
            ids[c.id].push_back(m.id);
        }
    }
    return {{"ok", true}, {"count", mails.size()}, {"mbox", sd::mbox_of(mails)}, {"message_ids", ids}};
}

bool clear_store(AppState& app, std::string& error) {
    if (!ensure_texts(app, error)) return false;
    save_open_draft(app);
    app.store = sd::Store();
    if (!sd::write_snapshot(app.data_dir, app.store, app.base, error)) return false;
    app.tab.journal_seen = 0;
    refresh_after_load(app);
    app.view.selected.clear();
    app.view.cursor.clear();
    app.view.checked.clear();
    app.view.anchor.clear();
    app.view.dirty = true;
    app.composer = ComposerState();
    app.undo = UndoNotice();
    app.import.can_undo = false;   // its record names conversations that are gone
    app.import.undo = sd::MergeUndo();
    app.mail.demo = false;
    save_settings(app);            // the demo flag, and one flush of the new generation with it
    return true;
}
