// Shift handover windows (handover.h): the handover waiting at start, Team > Handovers… (the
// history), Team > End shift… (the note), the Team menu's items, and the VIP follow-up row of a
// conversation's details.
#include <algorithm>
#include <cstring>

#include "app_state.h"
#include "commands.h"
#include "format.h"
#include "handover.h"
#include "i18n.h"
#include "metrics_view.h"
#include "panels.h"
#include "text_field.h"
#include "widgets.h"
#include "core/time.h"
#include "imgui.h"

using nlohmann::json;

namespace {

// One conversation of a handover: its subject as a link that opens it, then what it showed.
// Deadlines in the agent's zone (`zone`), the one "today" and the remarks' day are taken in.
void handover_item(AppState& app, const sd::HandoverItem& item, bool with_deadline, const sd::TimeZone& zone) {
    ImGui::PushID(item.conversation_id.c_str());
    const bool exists = app.store.find_conversation(item.conversation_id) != nullptr;
    const std::string label = (item.subject.empty() ? item.conversation_id : item.subject);
    if (ImGui::Selectable(label.c_str(), app.view.selected == item.conversation_id, exists ? 0 : ImGuiSelectableFlags_Disabled,
                          ImVec2(std::max(120.0f, ImGui::GetContentRegionAvail().x * 0.55f), 0)))
        dispatch(app, {{"type", "select"}, {"id", item.conversation_id}});
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    app.handovers.links.push_back({item.conversation_id, {a.x, a.y, b.x - a.x, b.y - a.y}});
    if (!exists && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) tooltip(tr("handover.gone"));
    ImGui::SameLine();
    if (with_deadline) {
        if (item.deadline == sd::kNoTime) ImGui::TextDisabled("%s", tr("handover.no_deadline"));
        else if (item.deadline <= app.now)
            ImGui::TextColored(ImVec4(0.83f, 0.18f, 0.18f, 1), "%s", trf("handover.overdue_since", {{"when", format_zone_datetime(item.deadline, zone)}}).c_str());
        else ImGui::TextDisabled("%s", trf("handover.due", {{"when", format_zone_datetime(item.deadline, zone)}}).c_str());
    } else {
        ImGui::TextDisabled("%s", item.excerpt.c_str());
    }
    ImGui::PopID();
}

void item_section(AppState& app, const char* heading, const std::vector<sd::HandoverItem>& items, bool deadlines) {
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextColored(ImVec4(0.16f, 0.38f, 0.71f, 1), "%s", heading);
    if (items.empty()) ImGui::TextDisabled("    %s", tr("handover.none"));
    const sd::TimeZone& zone = agent_zone(app);
    for (const sd::HandoverItem& i : items) handover_item(app, i, deadlines, zone);
}

// The body of one handover: who and when, the agent's note, then the short lists (drafts,
// remarks) before the long one (what waits, the most urgent first).
void handover_body(AppState& app, const sd::Handover& h) {
    ImGui::TextDisabled("%s", trf("handover.from", {{"agent", h.agent}, {"when", format_zone_datetime(h.at, agent_zone(app))}}).c_str());
    if (!h.text.empty()) {
        ImGui::Spacing();
        ImGui::TextWrapped("%s", h.text.c_str());
    }
    const std::string waiting = h.waiting.size() < h.waiting_total
                                    ? trf("handover.waiting_some", {{"n", h.waiting.size()}, {"total", h.waiting_total}})
                                    : trn("handover.waiting", int64_t(h.waiting_total));
    item_section(app, trn("handover.drafts", int64_t(h.drafts.size())).c_str(), h.drafts, false);
    item_section(app, trn("handover.remarks", int64_t(h.remarks.size())).c_str(), h.remarks, false);
    item_section(app, waiting.c_str(), h.waiting, true);
}

void start_window(AppState& app) {
    HandoverState& hs = app.handovers;
    const sd::Handover* h = handover_waiting(app);
    if (!hs.show_start || !h) return;
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(size.x * 0.5f, size.y * 0.5f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(640.0f, size.x - 40), std::min(520.0f, size.y - 80)), ImGuiCond_Appearing);
    bool open = true;
    if (ImGui::Begin(tr_id("handover.start_title", "handover_start").c_str(), &open, ImGuiWindowFlags_NoCollapse)) {
        ImGui::BeginChild("##body", ImVec2(0, -ImGui::GetFrameHeightWithSpacing() - 4));
        handover_body(app, *h);
        ImGui::EndChild();
        if (ImGui::Button(tr("handover.got_it"))) dispatch(app, {{"type", "handover_seen"}});
        ImGui::SameLine();
        if (ImGui::Button(tr("handover.all"))) hs.show_list = true;
    }
    ImGui::End();
    if (!open) hs.show_start = false;   // closed unread: shown again at the next start
}

void list_window(AppState& app) {
    HandoverState& hs = app.handovers;
    if (!hs.show_list) return;
    ImGui::SetNextWindowSize(ImVec2(820, 520), ImGuiCond_FirstUseEver);
    if (ImGui::Begin(tr_id("handover.list_title", "handovers").c_str(), &hs.show_list)) {
        if (hs.list.empty()) ImGui::TextDisabled("%s", tr("handover.list_empty"));
        const sd::Handover* shown = nullptr;
        for (const sd::Handover& h : hs.list)
            if (h.id == hs.open_id) shown = &h;
        if (!shown) shown = sd::latest_handover(hs.list);
        ImGui::BeginChild("##list", ImVec2(230, 0), true);
        const sd::TimeZone& zone = agent_zone(app);
        for (auto it = hs.list.rbegin(); it != hs.list.rend(); ++it) {   // the newest first
            const std::string row = format_zone_datetime(it->at, zone) + "\n" + it->agent + "###" + it->id;
            if (ImGui::Selectable(row.c_str(), &*it == shown)) hs.open_id = it->id;
        }
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild("##shown", ImVec2(0, 0), false);
        if (shown) handover_body(app, *shown);
        ImGui::EndChild();
    }
    ImGui::End();
}

void end_shift_window(AppState& app) {
    HandoverState& hs = app.handovers;
    if (!hs.show_end) return;
    ImGui::SetNextWindowSize(ImVec2(520, 0), ImGuiCond_FirstUseEver);
    if (ImGui::Begin(tr_id("handover.end_title", "end_shift").c_str(), &hs.show_end, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::PushTextWrapPos(500);
        ImGui::TextWrapped("%s", tr("handover.end_explain"));
        ImGui::PopTextWrapPos();
        TextFieldOptions o;
        o.hint = tr("handover.end_hint");
        o.label = tr("handover.end_label");
        o.multiline = true;
        o.width = 500;
        o.height = ImGui::GetTextLineHeightWithSpacing() * 5 + 8;
        text_field(app, "handover_text", hs.end_text, o);
        if (ImGui::Button(tr("handover.end_button"))) {
            json r = dispatch(app, {{"type", "end_shift"}, {"text", hs.end_text}});
            hs.end_error = r["ok"] == true ? "" : r.value("error", "");
        }
        ImGui::SameLine();
        if (ImGui::Button(tr("common.cancel"))) hs.show_end = false;
        if (!hs.end_error.empty()) ImGui::TextColored(ImVec4(0.83f, 0.18f, 0.18f, 1), "%s", trf("common.refused", {{"reason", hs.end_error}}).c_str());
    }
    ImGui::End();
}

}  // namespace

void draw_handover_windows(AppState& app) {
    app.handovers.links.clear();
    start_window(app);
    list_window(app);
    end_shift_window(app);
}

void draw_handover_menu_items(AppState& app) {
    if (ImGui::MenuItem(tr("menu.team.end_shift"))) app.handovers.show_end = true;
    ImGui::MenuItem(tr("menu.team.handovers"), nullptr, &app.handovers.show_list);
}

namespace {

// "YYYY-MM-DD" `days` after `date` (a valid date).
std::string date_after(const std::string& date, int days) {
    const int64_t d = sd::days_from_civil(std::stoi(date.substr(0, 4)), std::stoi(date.substr(5, 2)), std::stoi(date.substr(8, 2))) + days;
    return sd::format_iso8601(d * sd::kDay).substr(0, 10);
}

void set_follow_up(AppState& app, const sd::Conversation& c, const json& fields) {
    json cmd = fields;
    cmd["type"] = "customer_vip";
    cmd["id"] = c.id;
    json r = dispatch(app, cmd);
    app.handovers.vip_error = r["ok"] == true ? "" : r.value("error", "");
}

}  // namespace

// The details' VIP follow-up row: the VIP mark, the follow-up date, and "done" to clear it.
void draw_vip_row(AppState& app, const sd::Conversation& c) {
    const sd::Customer* who = app.store.find_customer(c.customer_id);
    if (!who) return;
    HandoverState& hs = app.handovers;
    if (hs.vip_for != who->id) {   // another customer: the field starts from their date
        hs.vip_for = who->id;
        hs.vip_date = who->follow_up;
        hs.vip_error.clear();
    }
    ImGui::PushID("vip");
    bool vip = who->vip;
    if (ImGui::Checkbox(tr("vip.mark"), &vip)) set_follow_up(app, c, {{"vip", vip}});
    ImGui::SameLine(0, 16);
    const std::string today = agent_today(app);
    if (!who->follow_up.empty()) {
        const bool due = sd::follow_up_due(*who, today);
        const std::string text = trf(due ? "vip.due_on" : "vip.follow_up_on", {{"date", who->follow_up}});
        if (due) ImGui::TextColored(ImVec4(0.85f, 0.45f, 0.05f, 1), "%s", text.c_str());
        else ImGui::TextUnformatted(text.c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton(tr("vip.done"))) {
            set_follow_up(app, c, {{"follow_up", ""}});
            hs.vip_date.clear();
        }
        if (ImGui::IsItemHovered()) tooltip(tr("vip.done_tip"));
    } else {
        ImGui::TextDisabled("%s", tr("vip.follow_up"));
        ImGui::SameLine();
        TextFieldOptions o;
        o.hint = tr("vip.date_hint");
        o.label = tr("vip.date_label");
        o.width = 110;
        const bool enter = text_field(app, "follow_up", hs.vip_date, o).enter;
        ImGui::SameLine();
        if (ImGui::SmallButton(tr("vip.set")) || enter) set_follow_up(app, c, {{"vip", true}, {"follow_up", hs.vip_date}});
        ImGui::SameLine();
        if (ImGui::SmallButton(tr("vip.in_a_week"))) set_follow_up(app, c, {{"vip", true}, {"follow_up", date_after(today, 7)}});
        ImGui::SameLine();
        if (ImGui::SmallButton(tr("vip.in_a_month"))) set_follow_up(app, c, {{"vip", true}, {"follow_up", date_after(today, 30)}});
    }
    if (!hs.vip_error.empty()) ImGui::TextColored(ImVec4(0.83f, 0.18f, 0.18f, 1), "%s", trf("common.refused", {{"reason", hs.vip_error}}).c_str());
    ImGui::PopID();
}
