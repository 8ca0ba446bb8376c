// The screen-reader mirror's data (a11y_mirror.h). The names are written to be read out: whole
// words ("overdue 6 days", not "Overdue 6d"), numbers with thousands separators.
#include "a11y_mirror.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "app_state.h"
#include "format.h"
#include "i18n.h"
#include "platform/platform.h"

using nlohmann::json;

namespace {

// The left pane's folders, in its order and with its names (folder_pane.cpp), by group.
// Names come from the catalogue (format.h folder_name), groups from a11y.group.*.
struct Folder {
    const char* filter;
    const char* group_key;
};
const Folder kFolders[] = {
    {"all", "a11y.group.folders"},
    {"unread", "a11y.group.folders"},
    {"response_needed", "a11y.group.folders"},
    {"customer_care", "a11y.group.folders"},
    {"failed", "a11y.group.folders"},
    {"spam", "a11y.group.folders"},
    {"mine", "a11y.group.folders"},
    {"status:awaiting_seller", "a11y.group.status"},
    {"status:awaiting_customer", "a11y.group.status"},
    {"status:closed", "a11y.group.status"},
    {"wish:unhandled", "a11y.group.wish"},
    {"wish:history", "a11y.group.wish"},
    {"ebay:from_members", "a11y.group.ebay"},
    {"ebay:from_ebay", "a11y.group.ebay"},
    {"ebay:high_priority", "a11y.group.ebay"},
};
constexpr size_t kMaxRows = 60;   // more rows than any screen shows

const char* status_words(sd::Status s) { return tr(std::string("a11y.status.") + sd::to_string(s)); }

const char* role_words(const sd::Message& m) {
    if (m.direction == sd::Direction::Outbound) return tr("a11y.role.you");
    return tr(std::string("a11y.role.") + sd::to_string(m.role));
}

// The name of the folder (or SLA strip filter) the list shows.
std::string folder_name(const AppState& app) {
    const ViewState& v = app.view;
    const std::string& f = v.query.filter;
    std::string name = f.rfind("label:", 0) == 0 ? trf("a11y.label", {{"label", pretty_label(f.substr(6))}}) : ::folder_name(f);
    if (!v.sla_filter.empty()) {
        const std::string state = tr(v.sla_filter == "overdue" ? "a11y.overdue" : "a11y.due_soon");
        name = f == "all" ? state : trf("a11y.state_in", {{"state", state}, {"folder", name}});
    }
    return name;
}

json folders_json(const AppState& app) {
    json out = json::array();
    const std::string current = app.view.sla_filter.empty() ? app.view.query.filter : "";
    auto add = [&](const std::string& filter, const std::string& name, const char* group_key) {
        sd::Filter f;
        if (!sd::parse_filter(filter, f)) return;
        const unsigned n = app.view.counts.count(f);
        out.push_back({{"filter", filter}, {"name", name + ", " + format_number(n)}, {"group", tr(group_key)}, {"current", filter == current}});
    };
    for (size_t i = 0; i < 7; ++i) add(kFolders[i].filter, ::folder_name(kFolders[i].filter), kFolders[i].group_key);
    for (int m = 0; m < sd::kMarketplaceCount; ++m)
        add(std::string("marketplace:") + sd::to_string(sd::Marketplace(m)), marketplace_name(sd::Marketplace(m)), "a11y.group.marketplaces");
    for (size_t i = 7; i < sizeof kFolders / sizeof kFolders[0]; ++i) add(kFolders[i].filter, ::folder_name(kFolders[i].filter), kFolders[i].group_key);
    for (const auto& [label, count] : app.view.counts.labels) {
        if (label == sd::labels::kResponseNeeded || label == sd::labels::kCustomerCare) continue;
        add("label:" + label, pretty_label(label), "a11y.group.labels");
    }
    return out;
}

// The rows the list drew last frame (a screen's worth, never the whole inbox). The list reports
// the first row its clipper drew after measuring one, so at the top row 0 lies above it: the rows
// that still fit between it and the table's top (under the header) are on screen too.
void visible_rows(const AppState& app, size_t& first, size_t& count) {
    const ViewState& v = app.view;
    const size_t total = v.rows.size();
    first = std::min(size_t(std::max(0, v.first_visible_row)), total);
    if (v.row_height > 0) {
        const float above = std::floor((v.first_row_y - v.list_rect[1]) / v.row_height - 0.5f);
        first -= std::min(first, size_t(std::max(0.0f, above)));
    }
    count = v.row_height > 0 ? size_t(std::ceil(v.list_rect[3] / v.row_height)) + 1 : 30;
    count = std::min({count, kMaxRows, total - first});
}

json row_json(const AppState& app, size_t index, sd::SlaResult& sla) {
    const sd::Conversation& c = app.store.conversations[app.view.rows[index]];
    const sd::Customer* who = app.store.find_customer(c.customer_id);
    sd::evaluate_sla(app.settings.sla, c, app.now, sla);
    const sd::SlaDeadline* d = sla.response_deadline();
    const std::string deadline = d ? spoken_deadline(*d) : "";
    const std::string customer = who ? who->name : tr("a11y.unknown_customer");
    const std::string sep = tr("a11y.sep");
    std::string name = std::string(marketplace_name(c.marketplace)) + sep + customer + sep + c.subject;
    if (!deadline.empty()) name += sep + deadline;
    if (c.unread) name += sep + tr("a11y.unread");
    json cells = {marketplace_name(c.marketplace), customer, c.subject, c.order_id.empty() ? tr("list.pre_sale") : c.order_id, deadline,
                  c.unread ? tr("a11y.unread") : ""};
    return {{"id", c.id}, {"index", index + 1}, {"name", name}, {"cells", cells}, {"selected", c.id == app.view.selected}};
}

json list_json(const AppState& app) {
    size_t first = 0, count = 0;
    visible_rows(app, first, count);
    json rows = json::array();
    sd::SlaResult sla;
    for (size_t i = first; i < first + count; ++i) rows.push_back(row_json(app, i, sla));
    return {{"label", trf("a11y.list_label", {{"folder", folder_name(app)}})}, {"total", app.view.rows.size()}, {"rows", rows}};
}

json thread_json(const AppState& app) {
    const sd::Conversation* c = app.view.selected.empty() ? nullptr : app.store.find_conversation(app.view.selected);
    if (!c) return nullptr;
    std::vector<std::string> facts = {marketplace_name(c->marketplace), status_words(c->status)};
    if (const sd::Customer* who = app.store.find_customer(c->customer_id))
        facts.push_back(trf("a11y.fact.customer", {{"name", who->name + (who->country.empty() ? "" : ", " + who->country)}}));
    facts.push_back(c->order_id.empty() ? tr("a11y.fact.no_order") : trf("a11y.fact.order", {{"id", c->order_id}}));
    if (!c->labels.empty()) {
        std::string l;
        for (size_t i = 0; i < c->labels.size(); ++i) l += (i ? tr("a11y.sep") : "") + pretty_label(c->labels[i]);
        facts.push_back(trf("a11y.fact.labels", {{"labels", l}}));
    }
    if (!c->assignee.empty()) facts.push_back(trf("thread.assigned", {{"agent", c->assignee}}));
    if (c->spam != sd::SpamReason::None) facts.push_back(trf("a11y.fact.spam", {{"reason", tr(std::string("thread.spam_reason.") + sd::to_string(c->spam))}}));
    const sd::SlaResult sla = sd::evaluate_sla(app.settings.sla, *c, app.now);
    for (int k = 0; k < sla.count; ++k) {
        const sd::SlaDeadline& d = sla.deadlines[size_t(k)];
        if (d.open()) facts.push_back(trf(d.measure == sd::SlaMeasure::Resolution ? "a11y.fact.resolve" : "a11y.fact.respond", {{"when", spoken_deadline(d)}}));
    }
    json messages = json::array();
    for (const sd::Message& m : c->messages) {
        std::string flags = m.delivery == sd::Delivery::Failed ? tr("a11y.not_delivered") : m.auto_reply ? tr("a11y.auto_reply") : "";
        messages.push_back({{"id", m.id}, {"author", m.author}, {"role", role_words(m)}, {"at", format_local_datetime(m.at)},
                            {"text", m.body.empty() && app.texts.pending ? tr("a11y.loading_text") : m.body}, {"flags", flags}});
    }
    return {{"id", c->id}, {"subject", c->subject}, {"facts", facts}, {"messages", messages}};
}

std::string save_words(const AppState& app) {
    const SaveState& s = app.save;
    if (app.tab.read_only) return tr("a11y.read_only");
    if (!s.error.empty()) return trf("a11y.not_saved", {{"error", s.error}});
    return tr(s.ops_synced == s.ops_written ? "a11y.saved" : "a11y.saving");
}

std::string counts_words(const AppState& app) {
    std::string out = trn("a11y.count", int64_t(app.view.rows.size()));
    if (app.view.query.filter != "all" || !app.view.sla_filter.empty()) out += trf("a11y.in_folder", {{"folder", folder_name(app)}});
    if (!app.view.query.text.empty()) out += trf("a11y.matching", {{"text", app.view.query.text}});
    return out + trf("a11y.unread_count", {{"n", app.view.counts.unread}});
}

// Everything the mirror is built from, in a few dozen bytes: compared every frame.
std::string mirror_key(const AppState& app) {
    const ViewState& v = app.view;
    const SaveState& s = app.save;
    size_t first = 0, count = 0;
    visible_rows(app, first, count);
    const sd::Conversation* c = v.selected.empty() ? nullptr : app.store.find_conversation(v.selected);
    char head[256];
    std::snprintf(head, sizeof head, "%llu %d %d %llu %d %d %zu %zu %zu %lld %u %u %d %zu %d|", (unsigned long long)s.ops_written,
                  s.ops_synced == s.ops_written, app.tab.read_only, (unsigned long long)app.tab.journal_seen, app.import.running,
                  app.texts.pending, first, count, v.rows.size(), (long long)(app.now / 60), v.counts.unread, v.counts.all,
                  int(v.query.sort) * 2 + v.query.descending, c ? c->messages.size() : 0, int(v.query.field));
    std::string key = head;
    key += s.error + '|' + v.query.filter + '|' + v.sla_filter + '|' + v.query.text + '|' + v.selected + '|';
    key.append(reinterpret_cast<const char*>(v.rows.data() + first), count * sizeof(uint32_t));
    return key;
}

uint64_t fnv1a(const std::string& s) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char ch : s) h = (h ^ ch) * 1099511628211ull;
    return h;
}

}  // namespace

std::string with_commas(size_t n) {
    std::string digits = std::to_string(n), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string spoken_deadline(const sd::SlaDeadline& d) {
    if (!d.open()) return d.state == sd::SlaState::Answered ? tr("a11y.answered") : d.state == sd::SlaState::AnsweredLate ? tr("a11y.answered_late") : "";
    const int64_t left = std::llabs(d.remaining), h = left / 3600, m = std::max<int64_t>(left / 60 % 60, 1);
    auto unit = [](int64_t n, const char* key) { return trn(key, n); };
    if (d.remaining < 0)
        return trf("a11y.overdue_by", {{"time", h >= 48 ? unit(h / 24, "a11y.unit.day") : h > 0 ? unit(h, "a11y.unit.hour") : unit(m, "a11y.unit.minute")}});
    std::string t;
    if (h >= 72) t = unit(h / 24, "a11y.unit.day") + (h % 24 ? " " + unit(h % 24, "a11y.unit.hour") : "");
    else if (h > 0) t = unit(h, "a11y.unit.hour") + (left / 60 % 60 ? " " + unit(left / 60 % 60, "a11y.unit.minute") : "");
    else t = unit(m, "a11y.unit.minute");
    return trf(d.state == sd::SlaState::DueSoon ? "a11y.due_soon_left" : "a11y.left", {{"time", t}});
}

json a11y_mirror_json(const AppState& app) {
    return {{"status", {{"counts", counts_words(app)}, {"save", save_words(app)}}},
            {"folders", folders_json(app)},
            {"list", list_json(app)},
            {"thread", thread_json(app)}};
}

void a11y_publish(AppState& app) {
    MirrorState& m = app.reading.mirror;
    std::string key = mirror_key(app);
    if (key == m.key) return;
    m.key = std::move(key);
    const std::string text = a11y_mirror_json(app).dump(-1, ' ', false, json::error_handler_t::replace);
    const uint64_t h = fnv1a(text);
    if (h == m.sent_hash) return;
    m.sent_hash = h;
    ++m.updates;
    platform::a11y_update(text);
}
