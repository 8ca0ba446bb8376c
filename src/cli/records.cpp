// Records files into data to merge (records.h).
#include "records.h"

#include "core/csv_import.h"
#include "core/mail_import.h"

using nlohmann::json;

bool is_records_file(std::string_view text) {
    const size_t head = text.find("\"format\"");
    return head != std::string_view::npos && head < 64 && text.find("\"sellerdesk-records\"") < 128;
}

bool records_to_merge(std::string_view text, const sd::Store& local, const std::string& other_marketplace, sd::SyncData& out,
                      json& report, std::string& error) {
    const json j = json::parse(text, nullptr, false);
    if (!j.is_object() || j.value("format", std::string()) != "sellerdesk-records") {
        error = "not a records file (scripts/sellerdesk-import.js writes them)";
        return false;
    }
    if (j.value("version", 0) != 1) {
        error = "records file version " + std::to_string(j.value("version", 0)) + " is not supported (this build reads version 1)";
        return false;
    }
    sd::RecordsOptions o;
    if (!other_marketplace.empty()) {
        if (!sd::parse(other_marketplace, o.other_marketplace)) {
            error = "--other-marketplace must be walmart, amazon, ebay, wish or tmall";
            return false;
        }
        o.other_mail = true;
    }
    sd::RecordsJob job = sd::begin_records(local, o);
    if (j.contains("skipped") && j["skipped"].is_array())
        for (const json& s : j["skipped"]) {
            sd::ImportSkip skip{s.value("file", std::string("?")), s.value("reason", std::string("?")), s.value("code", std::string()), json::object()};
            if (s.contains("args") && s["args"].is_object()) skip.args = s["args"];
            sd::skip_file(job, std::move(skip));
        }
    if (j.contains("csv") && j["csv"].is_array())
        for (const json& c : j["csv"]) {
            const std::string name = c.value("name", std::string("file.csv")), body = c.value("text", std::string());
            sd::CsvFile f = sd::begin_csv(name, body);
            if (!f.ok) sd::skip_file(job, f.error);
            while (f.ok && !sd::csv_next(f, 1000, job)) {
            }
        }
    size_t n = 0;
    if (j.contains("records") && j["records"].is_array())
        for (const json& r : j["records"]) {
            sd::InMessage m;
            std::string why;
            ++n;
            if (sd::in_message_from_json(r, m, why)) sd::add_record(job, std::move(m));
            else sd::skip_file(job, sd::bad_record_skip(r.value("file", std::string("?")), "record " + std::to_string(n), why));
        }
    sd::RecordsResult r = sd::finish_records(std::move(job), local);
    json skipped = json::array();
    for (const sd::ImportSkip& s : r.skipped) skipped.push_back(sd::skip_json(s));
    report = {{"added_conversations", r.conversations_added}, {"added_messages", r.messages}, {"duplicates", r.duplicates}, {"skipped", skipped}};
    out = std::move(r.data);
    out.templates = sd::TemplateLibrary();
    return true;
}
