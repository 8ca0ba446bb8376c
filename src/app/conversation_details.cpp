// The open conversation's details, as a strip of tabs between its header and the thread: the
// order (or Wish transaction), the deadlines, remarks (Tmall convention: flagged by meaning,
// stamped with agent and time), notes (e.g. the summary of a phone call) and, on eBay, the case
// windows. The strip is as tall as its content but never more than `max_h`, so the thread keeps
// most of the pane on a laptop screen; it scrolls inside.
#include <algorithm>
#include <cstdio>
#include <cstring>

#include "app_state.h"
#include "i18n.h"
#include "commands.h"
#include "format.h"
#include "panels.h"
#include "text_field.h"
#include "theme.h"
#include "widgets.h"
#include "core/time.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace {

std::string money(int64_t cents, const std::string& currency) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%lld.%02lld %s", (long long)(cents / 100), (long long)(cents % 100), currency.c_str());
    return buf;
}

// One "name value" pair of the order's facts.
struct Pair {
    const char* name;
    std::string value;
    bool copy = false;
};

// The pairs flow like words: as many on a line as fit, each value cut with "…" past a third of
// the pane, so the strip stays a few lines high on a laptop.
void pairs_flow(const std::vector<Pair>& pairs) {
    const float max_value = std::max(120.0f, ImGui::GetContentRegionAvail().x * 0.34f);
    bool first = true;
    for (const Pair& p : pairs) {
        if (p.value.empty()) continue;
        const float value_w = std::min(max_value, ImGui::CalcTextSize(p.value.c_str()).x);
        const float w = ImGui::CalcTextSize(p.name).x + 6 + value_w + (p.copy ? ImGui::GetTextLineHeight() + 4 : 0);
        if (!first) same_line_if_fits(w, 18);
        first = false;
        ImGui::BeginGroup();
        ImGui::TextDisabled("%s", p.name);
        ImGui::SameLine(0, 6);
        text_ellipsis(p.value.c_str(), value_w + 1);
        if (p.copy) copy_button(p.name, p.value);
        ImGui::EndGroup();
    }
}

const char* defect_name(sd::DefectKind k) {
    switch (k) {
        case sd::DefectKind::AtoZClaim: return tr("details.defect.a_to_z");
        case sd::DefectKind::NegativeFeedback: return tr("details.defect.negative_feedback");
        case sd::DefectKind::Chargeback: return tr("details.defect.chargeback");
    }
    return "";
}

// The order's defects (Amazon's Order Defect Rate), and a small form to record one now.
void defects_row(AppState& app, const sd::Order& o) {
    for (const sd::Defect& d : o.defects)
        ImGui::TextColored(ImVec4(0.85f, 0.3f, 0.25f, 1), "%s", trf("details.defect_at", {{"kind", defect_name(d.kind)}, {"when", format_local_datetime(d.at)}}).c_str());
    ImGui::PushID("defect");
    const auto kind = sd::DefectKind(std::clamp(app.defect_kind, 0, 2));
    ImGui::SetNextItemWidth(180);
    if (ImGui::BeginCombo("##kind", defect_name(kind))) {
        for (int k = 0; k < 3; ++k)
            if (ImGui::Selectable(defect_name(sd::DefectKind(k)), k == app.defect_kind)) app.defect_kind = k;
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (ImGui::Button(tr("details.add_defect"))) {
        nlohmann::json r = dispatch(app, {{"type", "add_defect"}, {"order_id", o.id}, {"kind", sd::to_string(kind)}});
        app.action_error = r["ok"] == true ? "" : r.value("error", "");
    }
    if (ImGui::IsItemHovered()) tooltip(tr("details.add_defect_tip"));
    ImGui::PopID();
}

void order_tab(AppState& app, const sd::Conversation& c) {
    draw_vip_row(app, c);   // handover_window.cpp: the customer's VIP follow-up
    const sd::Order* o = app.store.find_order(c.order_id);
    if (!o) {
        ImGui::TextDisabled("%s", tr("details.pre_sale_no_order"));
        return;
    }
    // What an agent looks for first comes first: the strip may show only its first lines.
    std::vector<Pair> pairs = {{tr("details.order_id"), o->id, true}, {tr("details.item"), o->item},
                               {tr("details.tracking"), o->tracking_number, true}, {tr("details.carrier"), o->carrier},
                               {tr("details.edd"), format_local_datetime(o->estimated_delivery)}};
    if (c.marketplace == sd::Marketplace::Wish || !o->transaction_id.empty()) pairs.push_back({tr("details.transaction"), o->transaction_id, true});
    if (o->gift) pairs.push_back({tr("details.gift"), tr("details.yes")});
    pairs.push_back({tr("details.purchased"), format_local_datetime(o->purchased_at)});
    if (o->purchased_at != sd::kNoTime) pairs.push_back({tr("details.since"), trn("details.days", (app.now - o->purchased_at) / sd::kDay)});
    pairs.push_back({tr("details.paid"), o->paid_at / 60 == o->purchased_at / 60 ? std::string() : format_local_datetime(o->paid_at)});
    pairs.push_back({tr("details.amount"), money(o->amount_cents, o->currency)});
    pairs.push_back({tr("details.ship_to"), o->region});
    pairs_flow(pairs);
    if (c.marketplace == sd::Marketplace::Amazon || !o->defects.empty()) defects_row(app, *o);
}

const char* measure_name(sd::SlaMeasure m) {
    switch (m) {
        case sd::SlaMeasure::Response: return tr("details.measure.response");
        case sd::SlaMeasure::Resolution: return tr("details.measure.resolution");
        case sd::SlaMeasure::CaseContact: return tr("details.measure.case_contact");
    }
    return "";
}

// A deadline's state with its countdown (seconds under an hour); a paused resolution clock with
// what is left of its window.
std::string deadline_status(const sd::SlaDeadline& d) {
    if (d.state == sd::SlaState::Overdue) return format_countdown(d, true);
    if (d.open()) return trf("details.left", {{"state", sla_state_label(d.state)}, {"time", format_countdown(d, true)}});
    if (d.state == sd::SlaState::Paused)
        return trf(d.remaining >= 0 ? "details.paused_left" : "details.paused_over",
                   {{"time", format_duration(d.remaining < 0 ? -d.remaining : d.remaining, true)}});
    return deadline_state_label(d);
}

// When it is or was due; a resolution clock stopped by closing says when it was closed, and one
// that never reached its deadline has no instant to show.
std::string deadline_when(const sd::SlaDeadline& d) {
    if (d.state == sd::SlaState::Resolved || d.state == sd::SlaState::ResolvedLate)
        return trf("details.closed_at", {{"when", format_local_datetime(d.reply_at)}});
    if (d.deadline == sd::kNoTime) return "";
    return trf(d.open() ? "details.due" : "details.was_due", {{"when", format_local_datetime(d.deadline)}});
}

// Every deadline that applies: policy, state, countdown (seconds under an hour), the instant.
void deadlines_tab(AppState& app, const sd::Conversation& c) {
    sd::SlaResult r = sd::evaluate_sla(app.settings.sla, c, app.now);
    if (r.count == 0) {
        ImGui::TextDisabled("%s", tr(c.spam != sd::SpamReason::None ? "details.spam_no_deadline" : "details.no_deadline"));
        return;
    }
    if (!ImGui::BeginTable("##deadlines", 4, ImGuiTableFlags_SizingStretchProp)) return;
    for (int k = 0; k < r.count; ++k) {
        const sd::SlaDeadline& d = r.deadlines[size_t(k)];
        const sd::SlaPolicy& p = app.settings.sla.policies[size_t(d.policy)];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", measure_name(d.measure));
        ImGui::TableNextColumn();
        ImGui::TextColored(sla_color(d.state), "%s", deadline_status(d).c_str());
        if (c.marketplace == sd::Marketplace::Walmart && d.open() && d.remaining > 0) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", trn("details.walmart_hours", d.remaining / 3600).c_str());
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(deadline_when(d).c_str());
        ImGui::TableNextColumn();
        text_ellipsis(policy_display_name(p).c_str(), ImGui::GetContentRegionAvail().x, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        if (ImGui::IsItemHovered()) tooltip(p.source.c_str());
    }
    ImGui::EndTable();
}

void ebay_tab(AppState& app, const sd::Conversation& c) {
    const sd::Order* o = app.store.find_order(c.order_id);
    if (c.ebay_case.type != sd::CaseType::None) {
        const char* type_key = c.ebay_case.type == sd::CaseType::ItemNotReceived ? "details.case.inr" : "details.case.snad";
        const char* channel = c.ebay_case.channel == sd::CaseChannel::PayPal ? "PayPal" : marketplace_name(sd::Marketplace::Ebay);
        const std::string text = trf("details.case", {{"type", tr(type_key)}, {"channel", channel}, {"when", format_local_datetime(c.ebay_case.opened_at)}});
        ImGui::TextUnformatted(text.c_str());
    }
    if (!o) {
        ImGui::TextDisabled("%s", tr("details.no_order_windows"));
        return;
    }
    struct Row { const char* name; sd::CaseType type; sd::CaseChannel channel; };
    const Row rows[] = {{tr("details.window.inr_ebay"), sd::CaseType::ItemNotReceived, sd::CaseChannel::Ebay},
                        {tr("details.window.snad_ebay"), sd::CaseType::NotAsDescribed, sd::CaseChannel::Ebay},
                        {tr("details.window.paypal"), sd::CaseType::ItemNotReceived, sd::CaseChannel::PayPal}};
    if (!ImGui::BeginTable("##windows", 3, ImGuiTableFlags_SizingStretchProp)) return;
    for (const Row& row : rows) {
        sd::EbayCaseWindow w = sd::ebay_case_window(*o, row.type, row.channel);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", row.name);
        ImGui::TableNextColumn();
        if (!w.known) {
            ImGui::TextDisabled("%s", tr(w.base == sd::EbayWindowBase::EstimatedDelivery ? "details.window.unknown_edd" : "details.window.unknown_payment"));
            continue;
        }
        ImGui::Text("%s .. %s", format_local_date(w.earliest).c_str(), format_local_date(w.latest).c_str());
        ImGui::TableNextColumn();
        sd::WindowPosition pos = sd::window_position(w, app.now);
        ImGui::TextColored(pos == sd::WindowPosition::Open ? sla_color(sd::SlaState::DueSoon) : sla_color(sd::SlaState::None), "%s",
                           tr(pos == sd::WindowPosition::Open         ? "details.window.open"
                              : pos == sd::WindowPosition::NotYetOpen ? "details.window.not_yet"
                                                                      : "details.window.closed"));
    }
    ImGui::EndTable();
}

// The add form first (always in view at the top of the strip), then the remarks, newest first.
void remarks_tab(AppState& app, const sd::Conversation& c) {
    ImGui::PushID("remark");
    // The kind is picked (seed 004's list, each with its flag); the colour follows.
    const auto kind = sd::RemarkKind(std::clamp(app.remark_kind, 1, sd::kRemarkKindCount - 1));
    remark_flag_swatch(sd::flag_of(kind));
    ImGui::SameLine();
    float widest = 0;   // the combo is as wide as its longest kind, up to 45 % of the strip
    for (int k = 1; k < sd::kRemarkKindCount; ++k) widest = std::max(widest, ImGui::CalcTextSize(remark_kind_meaning(sd::RemarkKind(k))).x);
    ImGui::SetNextItemWidth(std::min(widest + ImGui::GetFrameHeight() + ImGui::GetStyle().FramePadding.x * 2 + 4, ImGui::GetContentRegionAvail().x * 0.45f));
    if (ImGui::BeginCombo("##kind", remark_kind_meaning(kind))) {
        for (int k = 1; k < sd::kRemarkKindCount; ++k) {
            ImGui::PushID(k);
            remark_flag_swatch(sd::flag_of(sd::RemarkKind(k)));
            ImGui::SameLine();
            if (ImGui::Selectable(remark_kind_meaning(sd::RemarkKind(k)), k == int(kind))) app.remark_kind = k;
            if (ImGui::IsItemHovered()) tooltip(remark_flag_meaning(sd::flag_of(sd::RemarkKind(k))));
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    TextFieldOptions o;
    o.hint = tr("details.remark_hint");
    o.label = tr("details.remark_label");
    o.width = -110;
    const bool enter = text_field(app, "remark", app.remark_text, o).enter;
    ImGui::SameLine();
    if ((ImGui::Button(tr("details.add_remark")) || enter) && !app.remark_text.empty()) {
        nlohmann::json r = dispatch(app, {{"type", "add_remark"}, {"id", c.id}, {"text", app.remark_text}, {"kind", sd::to_string(kind)}});
        app.action_error = r["ok"] == true ? "" : r.value("error", "");
        if (r["ok"] == true) app.remark_text.clear();
    }
    ImGui::PopID();
    for (auto it = c.remarks.rbegin(); it != c.remarks.rend(); ++it) {
        remark_flag_swatch(it->flag);
        if (ImGui::IsItemHovered()) {
            std::string tip = remark_flag_meaning(it->flag);
            if (it->kind != sd::RemarkKind::Other) tip = remark_kind_meaning(it->kind) + (" · " + tip);
            tooltip(tip.c_str());
        }
        ImGui::SameLine();
        ImGui::TextWrapped("%s", it->text.c_str());
        ImGui::TextDisabled("    %s, %s", it->agent.c_str(), format_local_datetime(it->at).c_str());
    }
}

// The add form first, then the notes, newest first. Ctrl+Enter in the field adds the note.
void notes_tab(AppState& app, const sd::Conversation& c) {
    ImGui::PushID("note");
    TextFieldOptions o;
    o.hint = tr("details.note_hint");
    o.label = tr("details.note_label");
    o.multiline = true;
    o.width = -110;
    o.height = ImGui::GetTextLineHeightWithSpacing() * 2 + 6;
    const bool ctrl_enter = text_field(app, "note", app.note_text, o).ctrl_enter;
    ImGui::SameLine();
    if ((ImGui::Button(tr("details.add_note")) || ctrl_enter) && !app.note_text.empty()) {
        nlohmann::json r = dispatch(app, {{"type", "add_note"}, {"id", c.id}, {"text", app.note_text}});
        app.action_error = r["ok"] == true ? "" : r.value("error", "");
        if (r["ok"] == true) app.note_text.clear();
    }
    ImGui::PopID();
    for (auto it = c.notes.rbegin(); it != c.notes.rend(); ++it) {
        ImGui::TextWrapped("%s", it->text.c_str());
        ImGui::TextDisabled("%s", trf("details.note_by", {{"agent", it->agent}, {"when", format_local_datetime(it->at)}}).c_str());
    }
}

}  // namespace

void draw_conversation_details(AppState& app, const sd::Conversation& c, float max_h, bool open_by_default) {
    ViewState& v = app.view;
    if (!v.details_chosen) v.details_open = open_by_default;   // until the user opens or folds it
    const std::string remarks = trf("details.tab.remarks", {{"n", c.remarks.size()}}) + "###remarks";
    const std::string notes = trf("details.tab.notes", {{"n", c.notes.size()}}) + "###notes";
    if (!ImGui::BeginTabBar("##details", ImGuiTabBarFlags_FittingPolicyScroll)) return;
    v.tabs.clear();
    auto tab = [&](const char* label, int index) {
        ImGuiTabItemFlags f = 0;
        const bool open = ImGui::BeginTabItem(label, nullptr, f);
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        v.tabs.emplace_back(std::strchr(label, '#') ? std::strrchr(label, '#') + 1 : label, std::array<float, 4>{a.x, a.y, b.x - a.x, b.y - a.y});
        if (ImGui::IsItemClicked()) {
            v.details_open = !(v.details_open && v.details_tab == index);   // clicking the open tab folds the strip
            v.details_tab = index;
            v.details_chosen = true;
        }
        if (open) ImGui::EndTabItem();
        return open;
    };
    int shown = -1;
    if (tab(tr_id(c.order_id.empty() ? "details.tab.pre_sale" : "details.tab.order", "order").c_str(), 0)) shown = 0;
    if (tab(tr_id("details.tab.deadlines", "deadlines").c_str(), 1)) shown = 1;
    if (tab(remarks.c_str(), 2)) shown = 2;
    if (tab(notes.c_str(), 3)) shown = 3;
    if (c.marketplace == sd::Marketplace::Ebay && tab(tr_id("details.tab.ebay", "ebay").c_str(), 4)) shown = 4;
    ImGui::EndTabBar();
    if (!v.details_open) return;
    const float h = std::min(max_h, v.details_content_h + ImGui::GetStyle().ItemSpacing.y);
    ImGui::BeginChild("##details_body", ImVec2(0, std::max(h, ImGui::GetTextLineHeightWithSpacing())), false);
    switch (shown) {
        case 0: order_tab(app, c); break;
        case 1: deadlines_tab(app, c); break;
        case 2: remarks_tab(app, c); break;
        case 3: notes_tab(app, c); break;
        case 4: ebay_tab(app, c); break;
        default: break;
    }
    v.details_content_h = ImGui::GetCursorPosY() + ImGui::GetScrollY() - ImGui::GetStyle().ItemSpacing.y;
    ImGui::EndChild();
}
