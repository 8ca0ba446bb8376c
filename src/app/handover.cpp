// Shift handovers kept beside the journal (handover.h).
#include "handover.h"

#include "app_state.h"
#include "edits.h"
#include "metrics_view.h"
#include "core/storage.h"
#include "core/time.h"

using nlohmann::json;

namespace {

std::string handovers_path(const AppState& app) { return app.data_dir + "/handovers.json"; }

}  // namespace

void load_handovers(AppState& app) {
    HandoverState& h = app.handovers;
    std::string text, error;
    h.list.clear();
    h.seen_at = 0;
    h.seen_id.clear();
    if (!sd::read_file(handovers_path(app), text)) return;   // none written yet
    const json j = json::parse(text, nullptr, false);
    std::vector<sd::Handover> list;
    if (j.is_discarded() || !j.is_object() || !sd::handovers_from_json(j.value("handovers", json::array()), list, error)) {
        // Kept aside, never deleted; the load report says so.
        sd::write_file_atomic(handovers_path(app) + ".damaged", text);
        app.load_report += (app.load_report.empty() ? "" : "\n") + std::string("handovers.json was damaged (") +
                           (error.empty() ? "not JSON" : error) + "); it was set aside as handovers.json.damaged.";
        return;
    }
    sd::add_handovers(h.list, list);
    const json seen = j.value("seen", json::object());
    if (seen.is_object() && seen.value("at", "") != "" && sd::parse_iso8601(seen.value("at", ""), h.seen_at))
        h.seen_id = seen.value("id", "");
    h.show_start = handover_waiting(app) != nullptr;
}

bool save_handovers(AppState& app) {
    const HandoverState& h = app.handovers;
    json list = json::array();
    for (const sd::Handover& x : h.list) list.push_back(sd::handover_to_json(x));
    json file = {{"format", "sellerdesk-handovers"}, {"version", 1}, {"handovers", std::move(list)}};
    if (!h.seen_id.empty()) file["seen"] = {{"at", sd::format_iso8601(h.seen_at)}, {"id", h.seen_id}};
    return save_inbox_file(app, "handovers.json", file.dump(1) + "\n");
}

json end_shift(AppState& app, const std::string& text) {
    if (!app.training.scenario.empty() || app.tour.running)
        return {{"ok", false}, {"error", "a shift cannot end in training or during the tour: their inbox is not the team's"}};
    if (text.size() > sd::kHandoverTextMax)
        return {{"ok", false}, {"error", "\"text\" is longer than " + std::to_string(sd::kHandoverTextMax) + " bytes"}};
    const sd::TimeZone& zone = agent_zone(app);
    const sd::HandoverInput in{app.store, app.settings.sla, zone, app.settings.agent_name, app.settings.replica_id, app.now};
    // Unique across profiles: the replica ID, and this profile's clock reading.
    const std::string id = "ho-" + app.settings.replica_id + "-" + sd::hlc_to_string(next_edit_stamp(app).hlc);
    sd::add_handovers(app.handovers.list, {sd::make_handover(in, id, text)});
    if (!save_handovers(app)) return {{"ok", false}, {"error", app.save.error.empty() ? "the handover could not be saved" : app.save.error}};
    return {{"ok", true}, {"id", id}};
}

const sd::Handover* handover_waiting(const AppState& app) {
    const sd::Handover* last = sd::latest_handover(app.handovers.list);
    return last && sd::handover_unseen(*last, app.handovers.seen_at, app.handovers.seen_id) ? last : nullptr;
}

void acknowledge_handover(AppState& app) {
    HandoverState& h = app.handovers;
    h.show_start = false;
    const sd::Handover* last = sd::latest_handover(h.list);
    if (!last || !sd::handover_unseen(*last, h.seen_at, h.seen_id)) return;
    h.seen_at = last->at;
    h.seen_id = last->id;
    save_handovers(app);
}

std::string agent_today(const AppState& app) { return sd::local_date(agent_zone(app), app.now); }

json handover_state_json(const AppState& app) {
    const sd::Handover* last = sd::latest_handover(app.handovers.list);
    if (!last) return nullptr;
    json j = sd::handover_to_json(*last);
    j["unseen"] = handover_waiting(app) != nullptr;
    j["count"] = app.handovers.list.size();
    return j;
}

json handover_windows_json(const AppState& app) {
    const HandoverState& h = app.handovers;
    json links = json::array();
    for (const auto& [id, r] : h.links) links.push_back({{"conversation_id", id}, {"x", r[0]}, {"y", r[1]}, {"w", r[2]}, {"h", r[3]}});
    return {{"start", h.show_start}, {"list", h.show_list}, {"end_shift", h.show_end}, {"links", std::move(links)}};
}

json customer_vip_json(const AppState& app) {
    const sd::Conversation* c = app.store.find_conversation(app.view.selected);
    const sd::Customer* who = c ? app.store.find_customer(c->customer_id) : nullptr;
    if (!who) return nullptr;
    return {{"customer_id", who->id}, {"vip", who->vip}, {"follow_up", who->follow_up.empty() ? json(nullptr) : json(who->follow_up)},
            {"due", sd::follow_up_due(*who, agent_today(app))}};
}
