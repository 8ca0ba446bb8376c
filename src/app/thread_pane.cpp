// Right pane: the selected conversation — header, order/transaction panel, eBay case, remarks,
// notes, and the thread as bubbles (customer on the left, seller on the right).
#include <algorithm>
#include <cstdio>

#include "app_state.h"
#include "commands.h"
#include "format.h"
#include "panels.h"
#include "texts.h"
#include "theme.h"
#include "core/ops.h"
#include "core/time.h"
#include "imgui.h"
#include "imgui_stdlib.h"

namespace {


const char* status_text(sd::Status s) {
    switch (s) {
        case sd::Status::AwaitingSeller: return "Awaiting you";
        case sd::Status::AwaitingCustomer: return "Awaiting customer";
        case sd::Status::Closed: return "Closed";
    }
    return "";
}

void chip(const char* text, ImU32 bg, ImU32 fg) {
    ImVec2 sz = ImGui::CalcTextSize(text);
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + sz.x + 12, p.y + sz.y + 4), bg, 9);
    dl->AddText(ImVec2(p.x + 6, p.y + 2), fg, text);
    ImGui::Dummy(ImVec2(sz.x + 12, sz.y + 4));
}

void field(const char* name, const std::string& value) {
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", name);
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", value.empty() ? "—" : value.c_str());
}

std::string money(int64_t cents, const std::string& currency) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%lld.%02lld %s", (long long)(cents / 100), (long long)(cents % 100), currency.c_str());
    return buf;
}

void order_panel(const AppState& app, const sd::Conversation& c) {
    const sd::Order* o = app.store.find_order(c.order_id);
    if (!o) {
        ImGui::TextDisabled("Pre-sale message: no order yet.");
        return;
    }
    if (!ImGui::BeginTable("##order", 4, ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("k1", ImGuiTableColumnFlags_WidthFixed, 110);
    ImGui::TableSetupColumn("v1", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("k2", ImGuiTableColumnFlags_WidthFixed, 110);
    ImGui::TableSetupColumn("v2", ImGuiTableColumnFlags_WidthStretch);
    field("Order ID", o->id);
    field("Item", o->item);
    field("Purchased", format_local_datetime(o->purchased_at));
    field("Paid", format_local_datetime(o->paid_at));
    if (o->purchased_at != sd::kNoTime) {
        char since[32];
        std::snprintf(since, sizeof since, "%lld days", (long long)((app.now - o->purchased_at) / sd::kDay));
        field("Since purchase", since);
    }
    field("Amount", money(o->amount_cents, o->currency));
    field("Ship to", o->region);
    field("Est. delivery", format_local_datetime(o->estimated_delivery));
    field("Carrier", o->carrier);
    field("Tracking", o->tracking_number);
    if (c.marketplace == sd::Marketplace::Wish || !o->transaction_id.empty()) field("Transaction", o->transaction_id);
    field("Gift", o->gift ? "Yes" : "No");
    ImGui::EndTable();
}

void message_bubble(AppState& app, const sd::Conversation& c, const sd::Message& m, float width) {
    bool out = m.direction == sd::Direction::Outbound;
    float bubble_w = width * 0.82f;
    float left = ImGui::GetCursorPosX() + (out ? width - bubble_w : 0);   // window-local x of the bubble
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    ImGui::SetCursorPosX(left);
    ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::BeginGroup();
    ImGui::Dummy(ImVec2(0, 2));
    ImGui::SetCursorPosX(left + 10);
    ImGui::TextColored(ImVec4(0.25f, 0.28f, 0.36f, 1), "%s", m.author.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s%s%s", format_local_datetime(m.at).c_str(), m.auto_reply ? "  · auto-reply" : "",
                        m.delivery == sd::Delivery::Failed ? "  · NOT DELIVERED" : "");
    if (m.delivery == sd::Delivery::Failed) {
        ImGui::SameLine();
        ImGui::PushID(m.id.c_str());
        if (ImGui::SmallButton("Mark sent again"))
            dispatch(app, {{"type", "set_delivery"}, {"id", c.id}, {"message_id", m.id}, {"delivery", "sent"}});
        ImGui::PopID();
    }
    ImGui::SetCursorPosX(left + 10);
    ImGui::PushTextWrapPos(left + bubble_w - 10);
    if (m.body.empty() && texts_waiting(app, c))   // a large inbox's texts arrive after its first frame
        ImGui::TextDisabled("Loading message text… %d%%", int(texts_progress(app) * 100));
    else
        ImGui::TextUnformatted(m.body.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ImVec2(0, 2));
    ImGui::EndGroup();
    ImVec2 end = ImVec2(start.x + bubble_w, ImGui::GetItemRectMax().y);
    dl->ChannelsSetCurrent(0);
    ImU32 bg = m.delivery == sd::Delivery::Failed ? IM_COL32(253, 228, 228, 255)
               : out                             ? IM_COL32(221, 235, 255, 255)
               : m.role == sd::AuthorRole::Customer ? IM_COL32(241, 243, 246, 255)
                                                    : IM_COL32(255, 243, 214, 255);   // Customer Care / platform
    dl->AddRectFilled(start, end, bg, 8);
    dl->ChannelsMerge();
    ImGui::Dummy(ImVec2(0, 4));
}

const char* measure_name(sd::SlaMeasure m) {
    switch (m) {
        case sd::SlaMeasure::Response: return "Response";
        case sd::SlaMeasure::Resolution: return "Resolution";
        case sd::SlaMeasure::CaseContact: return "Case contact";
    }
    return "";
}

// Every deadline that applies: policy, state, countdown (seconds under an hour), the instant.
void draw_deadlines(AppState& app, const sd::Conversation& c) {
    sd::SlaResult r = sd::evaluate_sla(app.settings.sla, c, app.now);
    if (r.count == 0) {
        ImGui::TextDisabled(c.spam != sd::SpamReason::None ? "Flagged as spam: no response deadline." : "No response deadline applies.");
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
        std::string cd = format_countdown(d, true);
        if (d.state == sd::SlaState::Overdue) ImGui::TextColored(sla_color(d.state), "%s", cd.c_str());
        else if (d.open()) ImGui::TextColored(sla_color(d.state), "%s  %s left", sla_state_label(d.state), cd.c_str());
        else ImGui::TextColored(sla_color(d.state), "%s", sla_state_label(d.state));
        if (c.marketplace == sd::Marketplace::Walmart && d.open() && d.remaining > 0) {
            ImGui::SameLine();
            ImGui::TextDisabled("(%lld hours left to respond)", (long long)(d.remaining / 3600));
        }
        ImGui::TableNextColumn();
        ImGui::Text("%s %s", d.open() ? "due" : "was due", format_local_datetime(d.deadline).c_str());
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", p.name.c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", p.source.c_str());
    }
    ImGui::EndTable();
}

void draw_ebay_case(AppState& app, const sd::Conversation& c) {
    const sd::Order* o = app.store.find_order(c.order_id);
    if (c.ebay_case.type != sd::CaseType::None)
        ImGui::Text("%s case via %s, opened %s", c.ebay_case.type == sd::CaseType::ItemNotReceived ? "Item not received (INR)" : "Not as described (SNAD)",
                    c.ebay_case.channel == sd::CaseChannel::PayPal ? "PayPal" : "eBay", format_local_datetime(c.ebay_case.opened_at).c_str());
    if (!o) {
        ImGui::TextDisabled("No order: no case windows.");
        return;
    }
    struct Row { const char* name; sd::CaseType type; sd::CaseChannel channel; };
    const Row rows[] = {{"INR via eBay", sd::CaseType::ItemNotReceived, sd::CaseChannel::Ebay},
                        {"SNAD via eBay", sd::CaseType::NotAsDescribed, sd::CaseChannel::Ebay},
                        {"INR / SNAD via PayPal", sd::CaseType::ItemNotReceived, sd::CaseChannel::PayPal}};
    if (!ImGui::BeginTable("##windows", 3, ImGuiTableFlags_SizingStretchProp)) return;
    for (const Row& row : rows) {
        sd::EbayCaseWindow w = sd::ebay_case_window(*o, row.type, row.channel);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", row.name);
        ImGui::TableNextColumn();
        if (!w.known) {
            ImGui::TextDisabled("unknown (no %s)", w.base == sd::EbayWindowBase::EstimatedDelivery ? "EDD" : "payment date");
            continue;
        }
        ImGui::Text("%s .. %s", format_local_datetime(w.earliest).substr(0, 10).c_str(), format_local_datetime(w.latest).substr(0, 10).c_str());
        ImGui::TableNextColumn();
        sd::WindowPosition pos = sd::window_position(w, app.now);
        ImGui::TextColored(pos == sd::WindowPosition::Open ? sla_color(sd::SlaState::DueSoon) : sla_color(sd::SlaState::None), "%s",
                           pos == sd::WindowPosition::Open ? "buyer can open now" : pos == sd::WindowPosition::NotYetOpen ? "not yet open" : "closed");
    }
    ImGui::EndTable();
}

// Thread actions: read state, status, labels, spam flag (Walmart's rule; a refusal says why).
void draw_actions(AppState& app, const sd::Conversation& c) {
    auto run = [&](const nlohmann::json& cmd) {
        nlohmann::json r = dispatch(app, cmd);
        app.action_error = r["ok"] == true ? "" : r.value("error", "");
    };
    if (ImGui::SmallButton("Mark unread")) run({{"type", "mark_unread"}, {"id", c.id}});
    ImGui::SameLine();
    static const char* kStatus[] = {"awaiting_seller", "awaiting_customer", "closed"};
    static const char* kStatusText[] = {"Awaiting you", "Awaiting customer", "Closed"};
    if (ImGui::SmallButton("Status…")) ImGui::OpenPopup("##status");
    if (ImGui::BeginPopup("##status")) {
        for (int i = 0; i < 3; ++i)
            if (ImGui::MenuItem(kStatusText[i], nullptr, int(c.status) == i)) run({{"type", "set_status"}, {"id", c.id}, {"status", kStatus[i]}});
        ImGui::EndPopup();
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Labels…") || (app.open_label_popup && app.view.checked.empty())) {
        ImGui::OpenPopup("##labels");
        app.open_label_popup = false;
    }
    if (ImGui::BeginPopup("##labels")) {
        static const char* kCommon[] = {"response_needed", "customer_care", "return_request", "address_change", "item_not_received", "customs"};
        for (const char* l : kCommon) {
            bool on = c.has_label(l);
            if (ImGui::MenuItem(pretty_label(l).c_str(), nullptr, on)) run({{"type", "label"}, {"id", c.id}, {on ? "remove" : "add", {l}}});
        }
        for (const std::string& l : c.labels) {
            bool common = false;
            for (const char* k : kCommon) common |= l == k;
            if (!common && ImGui::MenuItem(pretty_label(l).c_str(), nullptr, true)) run({{"type", "label"}, {"id", c.id}, {"remove", {l}}});
        }
        ImGui::SetNextItemWidth(160);
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        if (ImGui::InputTextWithHint("##new", "new label, Enter", &app.new_label, ImGuiInputTextFlags_EnterReturnsTrue) &&
            !app.new_label.empty()) {
            run({{"type", "label"}, {"id", c.id}, {"add", {label_id(app.new_label)}}});
            app.new_label.clear();
        }
        ImGui::EndPopup();
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Assign…")) ImGui::OpenPopup("##assign");
    if (ImGui::BeginPopup("##assign")) {
        for (const std::string& a : app.settings.agents) {
            std::string text = a == app.settings.agent_name ? a + " (me)" : a;
            if (ImGui::MenuItem(text.c_str(), nullptr, c.assignee == a)) run({{"type", "assign"}, {"id", c.id}, {"agent", a}});
        }
        ImGui::Separator();
        if (ImGui::MenuItem("Unassign", nullptr, false, !c.assignee.empty())) run({{"type", "assign"}, {"id", c.id}, {"agent", ""}});
        ImGui::TextDisabled("Agent names: View > Team & agent…");
        ImGui::EndPopup();
    }
    ImGui::SameLine();
    if (c.spam != sd::SpamReason::None) {
        ImGui::TextColored(sla_color(sd::SlaState::Overdue), "Spam: %s", sd::to_string(c.spam));
        ImGui::SameLine();
        ImGui::TextDisabled("(answer it to return it to All)");
    } else {
        if (ImGui::SmallButton("Flag as spam…")) ImGui::OpenPopup("##spam");
        if (ImGui::BeginPopup("##spam")) {
            std::string why = sd::spam_refusal(c);
            if (!why.empty()) {
                ImGui::PushTextWrapPos(ImGui::GetFontSize() * 22);
                ImGui::TextColored(sla_color(sd::SlaState::Overdue), "Can't flag: %s", why.c_str());
                ImGui::PopTextWrapPos();
            } else {
                ImGui::TextDisabled("Pick the reason:");
                if (ImGui::MenuItem("Spam — unsolicited bulk message")) run({{"type", "flag_spam"}, {"id", c.id}, {"reason", "spam"}});
                if (ImGui::MenuItem("Fraud — deception for gain")) run({{"type", "flag_spam"}, {"id", c.id}, {"reason", "fraud"}});
                if (ImGui::MenuItem("Inappropriate — vulgar, obscene, defamatory")) run({{"type", "flag_spam"}, {"id", c.id}, {"reason", "inappropriate"}});
            }
            ImGui::EndPopup();
        }
    }
    if (!app.action_error.empty()) ImGui::TextColored(sla_color(sd::SlaState::Overdue), "%s", app.action_error.c_str());
}


std::string remarks_header(const sd::Conversation& c) {
    return "Remarks (" + std::to_string(c.remarks.size()) + ") and notes (" + std::to_string(c.notes.size()) + ")###remarks";
}

// Remarks (Tmall convention: flagged by meaning, stamped with agent and time) and free notes
// (e.g. the summary of a phone call), each with its add form.
void draw_remarks_and_notes(AppState& app, const sd::Conversation& c) {
    for (const sd::Remark& r : c.remarks) {
        remark_flag_swatch(r.flag);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", remark_flag_meaning(r.flag));
        ImGui::SameLine();
        ImGui::TextWrapped("%s", r.text.c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("— %s, %s", r.agent.c_str(), format_local_datetime(r.at).c_str());
    }
    ImGui::PushID("remark");
    ImGui::SetNextItemWidth(150);
    auto flag = sd::RemarkFlag(std::clamp(app.remark_flag, 0, 4));
    if (ImGui::BeginCombo("##flag", remark_flag_meaning(flag))) {
        for (int f = 0; f < 5; ++f) {
            ImGui::PushID(f);
            remark_flag_swatch(sd::RemarkFlag(f));
            ImGui::SameLine();
            if (ImGui::Selectable(remark_flag_meaning(sd::RemarkFlag(f)), f == app.remark_flag)) app.remark_flag = f;
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    remark_flag_swatch(flag);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - 110);
    bool enter = ImGui::InputTextWithHint("##text", "Remark on this order…", &app.remark_text, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button("Add remark") || enter) && !app.remark_text.empty()) {
        nlohmann::json r = dispatch(app, {{"type", "add_remark"}, {"id", c.id}, {"text", app.remark_text}, {"flag", sd::to_string(flag)}});
        app.action_error = r["ok"] == true ? "" : r.value("error", "");
        if (r["ok"] == true) app.remark_text.clear();
    }
    ImGui::PopID();
    ImGui::Dummy(ImVec2(0, 2));
    for (const sd::Note& n : c.notes) {
        ImGui::TextWrapped("%s", n.text.c_str());
        ImGui::TextDisabled("   note by %s, %s", n.agent.c_str(), format_local_datetime(n.at).c_str());
    }
    ImGui::PushID("note");
    ImGui::InputTextMultiline("##text", &app.note_text, ImVec2(ImGui::GetContentRegionAvail().x - 110, ImGui::GetTextLineHeightWithSpacing() * 2.2f));
    ImGui::SameLine();
    if (ImGui::Button("Add note") && !app.note_text.empty()) {
        nlohmann::json r = dispatch(app, {{"type", "add_note"}, {"id", c.id}, {"text", app.note_text}});
        app.action_error = r["ok"] == true ? "" : r.value("error", "");
        if (r["ok"] == true) app.note_text.clear();
    }
    ImGui::PopID();
}

}  // namespace

void draw_thread_pane(AppState& app) {
    ImGui::BeginChild("##thread", ImVec2(0, 0), false);
    const sd::Conversation* c = app.store.find_conversation(app.view.selected);
    if (!c) {
        ImVec2 avail = ImGui::GetContentRegionAvail();
        const char* hint = "Select a conversation to read it.";
        ImGui::SetCursorPos(ImVec2((avail.x - ImGui::CalcTextSize(hint).x) * 0.5f, avail.y * 0.45f));
        ImGui::TextDisabled("%s", hint);
        ImGui::EndChild();
        return;
    }
    ImGui::Indent(10);
    ImGui::Dummy(ImVec2(0, 4));
    const sd::Customer* who = app.store.find_customer(c->customer_id);
    ImGui::TextColored(marketplace_color(c->marketplace), "%s", sd::display_name(c->marketplace));
    ImGui::SameLine();
    ImGui::TextDisabled("%s · %s", c->kind == sd::ConversationKind::PreSale ? "pre-sale" : "post-sale", c->id.c_str());
    ImGui::SetWindowFontScale(1.2f);
    ImGui::TextWrapped("%s", c->subject.c_str());
    ImGui::SetWindowFontScale(1.0f);
    if (who) ImGui::Text("%s  ·  %s", who->name.c_str(), who->country.c_str());
    chip(status_text(c->status), IM_COL32(232, 240, 254, 255), IM_COL32(25, 80, 170, 255));
    for (const std::string& l : c->labels) {
        ImGui::SameLine();
        chip(pretty_label(l).c_str(), IM_COL32(238, 238, 242, 255), IM_COL32(70, 70, 90, 255));
    }
    if (!c->assignee.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("assigned to %s", c->assignee.c_str());
    }
    draw_actions(app, *c);
    ImGui::Separator();
    draw_deadlines(app, *c);
    if (ImGui::CollapsingHeader("Order / transaction", ImGuiTreeNodeFlags_DefaultOpen)) {
        order_panel(app, *c);
        if (c->marketplace == sd::Marketplace::Walmart && !c->order_id.empty()) {
            ImGui::Indent(10);
            if (ImGui::SmallButton("New message about this order…")) {
                nlohmann::json r = dispatch(app, {{"type", "new_message"}, {"id", c->id}});
                app.action_error = r["ok"] == true ? "" : r.value("error", "");
                ImGui::Unindent(10);
                ImGui::EndChild();
                return;   // the new conversation is open; draw it next frame
            }
            ImGui::SameLine();
            ImGui::TextDisabled("Walmart lets sellers write first about an order");
            ImGui::Unindent(10);
        }
    }
    if (c->marketplace == sd::Marketplace::Ebay && ImGui::CollapsingHeader("eBay case windows", ImGuiTreeNodeFlags_DefaultOpen))
        draw_ebay_case(app, *c);
    if (ImGui::CollapsingHeader(remarks_header(*c).c_str(), c->remarks.empty() && c->notes.empty() ? 0 : ImGuiTreeNodeFlags_DefaultOpen))
        draw_remarks_and_notes(app, *c);
    ImGui::Separator();
    ImGui::Unindent(10);
    // A read-only tab has no composer, only a line saying where replies are written.
    const float reply_h = app.tab.read_only ? ImGui::GetTextLineHeightWithSpacing() * 3
                                            : std::max(230.0f, ImGui::GetContentRegionAvail().y * 0.42f);
    ImGui::BeginChild("##messages", ImVec2(0, -reply_h), false);
    float width = ImGui::GetContentRegionAvail().x - 10;
    ImGui::Indent(6);
    for (const sd::Message& m : c->messages) message_bubble(app, *c, m, width);
    ImGui::Unindent(6);
    ImGui::EndChild();
    draw_composer(app, *c);
    ImGui::EndChild();
}
