// Right pane: the open conversation. From the top: a header (marketplace, subject, status;
// customer, order ID, labels), the actions with the deadlines beside them, the details strip
// (order, deadlines, remarks, notes: conversation_details.cpp, a few lines at most), the
// thread as bubbles (customer on the left, seller on the right; it opens at the newest message),
// and the composer. On a 1366×768 laptop the thread keeps about half of the window's height.
#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "app_state.h"
#include "i18n.h"
#include "commands.h"
#include "format.h"
#include "panels.h"
#include "selectable_text.h"
#include "texts.h"
#include "theme.h"
#include "text_field.h"
#include "widgets.h"
#include "core/mail_export.h"
#include "core/ops.h"
#include "core/time.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace {

const char* status_text(sd::Status s) {
    switch (s) {
        case sd::Status::AwaitingSeller: return tr("folder.awaiting_seller");
        case sd::Status::AwaitingCustomer: return tr("folder.awaiting_customer");
        case sd::Status::Closed: return tr("folder.closed");
    }
    return "";
}

void message_bubble(AppState& app, const sd::Conversation& c, int index, float width) {
    const sd::Message& m = c.messages[size_t(index)];
    const bool out = m.direction == sd::Direction::Outbound;
    const float bubble_w = width * 0.82f;
    const float left = ImGui::GetCursorPosX() + (out ? width - bubble_w : 0);   // window-local x of the bubble
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    ImGui::SetCursorPosX(left);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::BeginGroup();
    ImGui::Dummy(ImVec2(0, 2));
    ImGui::SetCursorPosX(left + 10);
    text_ellipsis(m.author.c_str(), bubble_w * 0.45f, ImVec4(0.25f, 0.28f, 0.36f, 1));
    ImGui::SameLine();
    ImGui::TextDisabled("%s%s%s", format_local_datetime(m.at).c_str(), m.auto_reply ? tr("thread.auto_reply") : "",
                        m.delivery == sd::Delivery::Failed ? tr("thread.not_delivered") : "");
    if (m.delivery == sd::Delivery::Failed) {
        ImGui::SameLine();
        ImGui::PushID(m.id.c_str());
        if (ImGui::SmallButton(tr("thread.mark_sent_again")))
            dispatch(app, {{"type", "set_delivery"}, {"id", c.id}, {"message_id", m.id}, {"delivery", "sent"}});
        ImGui::PopID();
    }
    ImGui::SetCursorPosX(left + 10);
    ImGui::PushTextWrapPos(left + bubble_w - 10);
    if (m.body.empty() && texts_waiting(app, c))   // a large inbox's texts arrive after its first frame
        ImGui::TextDisabled("%s", trf("thread.loading_text", {{"p", int(texts_progress(app) * 100)}}).c_str());
    else
        selectable_text(app, c, index, bubble_w - 20);   // the wrap width ImGui gave the text: 10 px in from each side
    draw_attachments(m);   // mail_windows.cpp
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ImVec2(0, 2));
    ImGui::EndGroup();
    const ImVec2 end = ImVec2(start.x + bubble_w, ImGui::GetItemRectMax().y);
    dl->ChannelsSetCurrent(0);
    const ImU32 bg = m.delivery == sd::Delivery::Failed      ? IM_COL32(253, 228, 228, 255)
                     : out                                  ? IM_COL32(221, 235, 255, 255)
                     : m.role == sd::AuthorRole::Customer   ? IM_COL32(241, 243, 246, 255)
                                                            : IM_COL32(255, 243, 214, 255);   // Customer Care / platform
    dl->AddRectFilled(start, end, bg, 8);
    dl->ChannelsMerge();
    ImGui::Dummy(ImVec2(0, 4));
}

// The open deadlines as chips ("Respond 3h 12m", "Resolve 47h"); every detail is in the
// Deadlines tab. Returns their total width when `draw` is false.
float deadline_chips(AppState& app, const sd::Conversation& c, bool draw) {
    const sd::SlaResult r = sd::evaluate_sla(app.settings.sla, c, app.now);
    float total = 0;
    int drawn = 0;   // chips after the first move to the next line when the line is full
    for (int k = 0; k < r.count; ++k) {
        const sd::SlaDeadline& d = r.deadlines[size_t(k)];
        if (!d.open()) continue;
        const char* what = d.measure == sd::SlaMeasure::Response     ? "thread.chip.respond"
                           : d.measure == sd::SlaMeasure::Resolution ? "thread.chip.resolve"
                                                                     : "thread.chip.contact";
        const std::string text = trf(what, {{"time", format_countdown(d, true)}});
        const float w = ImGui::CalcTextSize(text.c_str()).x + 12;
        total += w + 6;
        if (!draw) continue;
        ImVec4 bg = sla_color(d.state);
        bg.w = 0.14f;
        if (drawn++) same_line_if_fits(w, 6);
        ImGui::PushID(k);
        chip("##deadline", text.c_str(), ImGui::GetColorU32(bg), ImGui::GetColorU32(sla_color(d.state)));
        ImGui::PopID();
        if (ImGui::IsItemHovered())
            tooltip(trf("thread.chip_tip", {{"policy", policy_display_name(app.settings.sla.policies[size_t(d.policy)])},
                                            {"when", format_local_datetime(d.deadline)}})
                        .c_str());
    }
    // The team's own target, beside the marketplace's.
    const sd::TeamDeadline t = sd::team_deadline(app.settings.team_target, c, r, app.now);
    if (t.state == sd::SlaState::OnTrack || t.state == sd::SlaState::DueSoon || t.state == sd::SlaState::Overdue) {
        const std::string text = trf("thread.chip.team", {{"time", format_duration(t.remaining, true)}});
        const float w = ImGui::CalcTextSize(text.c_str()).x + 12;
        total += w + 6;
        if (draw) {
            ImVec4 bg = sla_color(t.state);
            bg.w = 0.08f;
            if (drawn++) same_line_if_fits(w, 6);
            chip("##team", text.c_str(), ImGui::GetColorU32(bg), ImGui::GetColorU32(sla_color(t.state)));
            if (ImGui::IsItemHovered()) tooltip(team_target_tip(app.settings.team_target, t).c_str());
        }
    }
    return total;
}

// Line 1: marketplace, subject, the open deadlines, status; when the chips would leave the subject
// less than 40 % of the line, they take a line of their own under it. Then: customer, order ID
// (with copy), labels, assignee.
void draw_header(AppState& app, const sd::Conversation& c) {
    const float right = ImGui::GetContentRegionAvail().x;
    const char* status = status_text(c.status);
    const float tail = ImGui::CalcTextSize(status).x + 16 + deadline_chips(app, c, false);
    ImGui::TextColored(marketplace_color(c.marketplace), "%s", marketplace_name(c.marketplace));
    ImGui::SameLine();
    const float subject_x = ImGui::GetCursorPosX();
    const bool own_line = right - subject_x - tail - 4 < right * 0.4f;
    text_ellipsis(c.subject.c_str(), own_line ? right - subject_x : right - subject_x - tail - 4);
    if (!own_line) ImGui::SameLine(right - tail + 10);
    if (deadline_chips(app, c, true) > 0) same_line_if_fits(ImGui::CalcTextSize(status).x + 12, 6);
    chip("##status", status, IM_COL32(232, 240, 254, 255), IM_COL32(25, 80, 170, 255));
    const sd::Customer* who = app.store.find_customer(c.customer_id);
    std::string line = who ? who->name + (who->country.empty() ? "" : "  ·  " + who->country) : std::string("—");
    if (c.kind == sd::ConversationKind::PreSale) line += std::string("  ·  ") + tr("list.pre_sale");
    const float line_w = std::min(ImGui::CalcTextSize(line.c_str()).x, right * 0.45f);
    if (own_line) same_line_if_fits(line_w, 12);   // the chips' line has room for the customer too
    text_ellipsis(line.c_str(), line_w, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    if (!c.order_id.empty()) {
        const std::string order = "·  " + c.order_id;
        same_line_if_fits(ImGui::CalcTextSize(order.c_str()).x + ImGui::GetFrameHeight());
        ImGui::TextDisabled("%s", order.c_str());
        copy_button("copy_order", c.order_id);
    }
    for (const std::string& l : c.labels) {
        const std::string name = pretty_label(l);
        same_line_if_fits(ImGui::CalcTextSize(name.c_str()).x + 12);
        ImGui::PushID(l.c_str());
        chip("##label", name.c_str(), IM_COL32(238, 238, 242, 255), IM_COL32(70, 70, 90, 255));
        ImGui::PopID();
    }
    if (!c.assignee.empty()) {
        const std::string a = trf("thread.assigned", {{"agent", c.assignee}});
        same_line_if_fits(ImGui::CalcTextSize(a.c_str()).x);
        ImGui::TextDisabled("%s", a.c_str());
    }
}

namespace {

// What a marketplace label does to the response deadline, from the SLA policy that gives it one:
// "1 h", "no SLA"; "" when no policy names it. The policy's source is the tooltip.
std::string label_deadline(const AppState& app, const sd::Conversation& c, const char* label, std::string& source) {
    for (const sd::SlaPolicy& p : app.settings.sla.policies) {
        if (!p.enabled || p.label != label || p.marketplace != c.marketplace || p.measure != sd::SlaMeasure::Response) continue;
        source = p.source;
        if (p.exempt) return tr("labels.no_sla");
        if (p.duration_s % sd::kHour == 0) return trf("labels.hours", {{"n", p.duration_s / sd::kHour}});
        return trf("labels.minutes", {{"n", p.duration_s / 60}});
    }
    return "";
}

}  // namespace

// The marketplace's own labels first (with what they do to the deadline), then the common ones,
// then the conversation's other labels, then a field for a new one.
void labels_menu(AppState& app, const sd::Conversation& c, const std::function<void(const nlohmann::json&)>& run) {
    const auto toggle = [&](const char* l, const char* note) {
        const bool on = c.has_label(l);
        if (ImGui::MenuItem(pretty_label(l).c_str(), note, on)) run({{"type", "label"}, {"id", c.id}, {on ? "remove" : "add", {l}}});
    };
    const auto& own = sd::marketplace_labels(c.marketplace);
    if (!own.empty()) {
        ImGui::TextDisabled("%s", trf("labels.of_marketplace", {{"marketplace", marketplace_name(c.marketplace)}}).c_str());
        for (const char* l : own) {
            std::string source;
            const std::string note = label_deadline(app, c, l, source);
            toggle(l, note.empty() ? nullptr : note.c_str());
            if (!source.empty() && ImGui::IsItemHovered()) tooltip(source.c_str());
        }
        ImGui::Separator();
    }
    for (const char* l : sd::common_labels()) toggle(l, nullptr);
    for (const std::string& l : c.labels) {
        bool listed = false;
        for (const char* k : own) listed |= l == k;
        for (const char* k : sd::common_labels()) listed |= l == k;
        if (!listed && ImGui::MenuItem(pretty_label(l).c_str(), nullptr, true)) run({{"type", "label"}, {"id", c.id}, {"remove", {l}}});
    }
    TextFieldOptions o;
    o.hint = tr("list.new_label_hint");
    o.width = 180;
    if (text_field(app, "label", app.new_label, o).enter && !app.new_label.empty()) {
        run({{"type", "label"}, {"id", c.id}, {"add", {label_id(app.new_label)}}});
        app.new_label.clear();
    }
}

void spam_menu(const sd::Conversation& c, const std::function<void(const nlohmann::json&)>& run) {
    const std::string why = sd::spam_refusal(c);
    if (!why.empty()) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 22);
        ImGui::TextColored(sla_color(sd::SlaState::Overdue), "%s", trf("thread.cant_flag", {{"why", why}}).c_str());
        ImGui::PopTextWrapPos();
        return;
    }
    ImGui::TextDisabled("%s", tr("thread.pick_reason"));
    for (const char* reason : {"spam", "fraud", "inappropriate"})
        if (ImGui::MenuItem(tr(std::string("thread.spam.") + reason))) run({{"type", "flag_spam"}, {"id", c.id}, {"reason", reason}});
}

// The thread's action buttons, by what they do; a narrow pane shows them as one "Actions…" menu.
enum class Action { None, Unread, Status, Labels, Assign, Spam, MessageBuyer, SaveEml, Register };
struct ActionButton {
    Action action;
    std::string label;
};

std::vector<ActionButton> thread_action_buttons(const sd::Conversation& c) {
    std::vector<ActionButton> b = {{Action::Unread, tr("thread.mark_unread")},
                                   {Action::Status, tr_id("thread.status", "status")},
                                   {Action::Labels, tr_id("thread.labels", "labels")},
                                   {Action::Assign, tr_id("thread.assign", "assign")}};
    if (c.spam == sd::SpamReason::None) b.push_back({Action::Spam, tr_id("thread.flag_spam", "flag_spam")});
    if (c.marketplace == sd::Marketplace::Walmart && !c.order_id.empty()) b.push_back({Action::MessageBuyer, tr_id("thread.message_buyer", "message_buyer")});
    if (sd::reply_eml_refusal(c).empty()) b.push_back({Action::SaveEml, tr_id("thread.save_eml", "save_eml")});
    if (offers_register(c)) b.push_back({Action::Register, tr_id("registers.add_action", "register")});   // registers_window.cpp
    return b;
}

const char* action_tip(Action a) {
    return a == Action::MessageBuyer ? tr("thread.message_buyer_tip") : a == Action::SaveEml ? tr("thread.save_eml_tip") : nullptr;
}

// One row of buttons when it fits the pane, else one "Actions…" button at the end of the header
// with the same actions as a menu (a 150 % zoom keeps its thread). The clicked one, if any.
Action draw_action_buttons(AppState& app, const sd::Conversation& c, const std::string& spam_text) {
    const std::vector<ActionButton> buttons = thread_action_buttons(c);
    const ImGuiStyle& st = ImGui::GetStyle();
    float total = spam_text.empty() ? 0 : ImGui::CalcTextSize(spam_text.c_str()).x;
    for (const ActionButton& b : buttons) total += ImGui::CalcTextSize(b.label.c_str(), nullptr, true).x + st.FramePadding.x * 2 + st.ItemSpacing.x;
    Action clicked = Action::None;
    if (total <= ImGui::GetContentRegionAvail().x) {
        for (size_t i = 0; i < buttons.size(); ++i) {
            if (i == 0 ? ImGui::SmallButton(buttons[i].label.c_str()) : flow_small_button(buttons[i].label.c_str())) clicked = buttons[i].action;
            if (buttons[i].action == Action::Register) register_action_drawn(app);   // registers_window.cpp: for state()
            if (const char* tip = action_tip(buttons[i].action); tip && ImGui::IsItemHovered()) tooltip(tip);
        }
        if (!spam_text.empty()) {
            same_line_if_fits(ImGui::CalcTextSize(spam_text.c_str()).x);
            ImGui::TextColored(sla_color(sd::SlaState::Overdue), "%s", spam_text.c_str());
        }
        return clicked;
    }
    const std::string menu = tr_id("thread.actions", "actions");
    same_line_if_fits(ImGui::CalcTextSize(menu.c_str(), nullptr, true).x + st.FramePadding.x * 2, 12);
    if (ImGui::SmallButton(menu.c_str())) ImGui::OpenPopup("##actions");
    if (ImGui::BeginPopup("##actions")) {
        for (const ActionButton& b : buttons) {
            if (ImGui::MenuItem(b.label.c_str())) clicked = b.action;
            if (b.action == Action::Register) register_action_drawn(app);
            if (const char* tip = action_tip(b.action); tip && ImGui::IsItemHovered()) tooltip(tip);
        }
        if (!spam_text.empty()) ImGui::TextColored(sla_color(sd::SlaState::Overdue), "%s", spam_text.c_str());
        ImGui::EndPopup();
    }
    return clicked;
}

// The popups behind the buttons: status, labels, assignee, spam flag (Walmart's rule; a refusal
// says why).
void draw_action_popups(AppState& app, const sd::Conversation& c, const std::function<void(const nlohmann::json&)>& run) {
    static const char* kStatus[] = {"awaiting_seller", "awaiting_customer", "closed"};
    if (ImGui::BeginPopup("##status")) {
        for (int i = 0; i < 3; ++i)
            if (ImGui::MenuItem(status_text(sd::Status(i)), nullptr, int(c.status) == i)) run({{"type", "set_status"}, {"id", c.id}, {"status", kStatus[i]}});
        ImGui::EndPopup();
    }
    if (ImGui::BeginPopup("##labels")) {
        labels_menu(app, c, run);
        ImGui::EndPopup();
    }
    if (ImGui::BeginPopup("##assign")) {
        for (const std::string& a : app.settings.agents) {
            const std::string text = a == app.settings.agent_name ? trf("thread.me", {{"name", a}}) : a;
            if (ImGui::MenuItem(text.c_str(), nullptr, c.assignee == a)) run({{"type", "assign"}, {"id", c.id}, {"agent", a}});
        }
        ImGui::Separator();
        if (ImGui::MenuItem(tr("list.unassign"), nullptr, false, !c.assignee.empty())) run({{"type", "assign"}, {"id", c.id}, {"agent", ""}});
        ImGui::TextDisabled("%s", tr("thread.agent_names"));
        ImGui::EndPopup();
    }
    if (ImGui::BeginPopup("##spam")) {
        spam_menu(c, run);
        ImGui::EndPopup();
    }
}

// Thread actions: read state, status, labels, assignee, spam flag, on a Walmart order a message to
// the buyer, on mail a reply saved as .eml. False when the conversation changed under it (a new
// one was opened).
bool draw_actions(AppState& app, const sd::Conversation& c) {
    auto run = [&](const nlohmann::json& cmd) {
        nlohmann::json r = dispatch(app, cmd);
        app.action_error = r["ok"] == true ? "" : r.value("error", "");
    };
    const std::string spam_text =
        c.spam == sd::SpamReason::None ? "" : trf("thread.spam_flagged", {{"reason", tr(std::string("thread.spam_reason.") + sd::to_string(c.spam))}});
    const Action a = draw_action_buttons(app, c, spam_text);
    if (a == Action::Unread) run({{"type", "mark_unread"}, {"id", c.id}});
    if (a == Action::Status) ImGui::OpenPopup("##status");
    if (a == Action::Labels || (app.open_label_popup && app.view.checked.empty())) {
        ImGui::OpenPopup("##labels");
        app.open_label_popup = false;
    }
    if (a == Action::Assign) ImGui::OpenPopup("##assign");
    if (a == Action::Spam) ImGui::OpenPopup("##spam");
    if (a == Action::SaveEml) save_reply_eml(app, c);   // mail_windows.cpp
    draw_action_popups(app, c, run);
    if (a == Action::Register) ImGui::OpenPopup("##register");
    draw_register_popup(app, c);   // registers_window.cpp
    if (a == Action::MessageBuyer) {
        run({{"type", "new_message"}, {"id", c.id}});
        return false;   // the new conversation is open; draw it next frame
    }
    return true;
}

// The thread, scrolled to the newest message when the conversation is opened or a message
// arrives (for a few frames, while wrapped text settles its height).
void draw_messages(AppState& app, const sd::Conversation& c, float height) {
    ViewState& v = app.view;
    if (v.thread_shown != c.id || v.thread_messages != c.messages.size()) {
        v.thread_shown = c.id;
        v.thread_messages = c.messages.size();
        v.thread_scroll_frames = 3;
    }
    if (app.reading.find.open) {   // the find bar takes its height from the thread
        const float top = ImGui::GetCursorPosY();
        draw_find_bar(app);
        height = std::max(ImGui::GetTextLineHeightWithSpacing() * 2, height - (ImGui::GetCursorPosY() - top));
    }
    ImGui::BeginChild("##messages", ImVec2(0, height), false);
    const ImVec2 p = ImGui::GetWindowPos(), sz = ImGui::GetWindowSize();
    v.thread_rect[0] = p.x, v.thread_rect[1] = p.y, v.thread_rect[2] = sz.x, v.thread_rect[3] = sz.y;
    const float width = ImGui::GetContentRegionAvail().x - 10;
    ImGui::Indent(6);
    thread_text_begin(app, c);
    for (size_t i = 0; i < c.messages.size(); ++i) message_bubble(app, c, int(i), width);
    thread_text_end(app, c);
    draw_add_buyer_message(app);   // under the last message, where the buyer's would go
    ImGui::Unindent(6);
    if (v.thread_scroll_frames > 0) {
        --v.thread_scroll_frames;
        ImGui::SetScrollHereY(1.0f);
    }
    ImGui::EndChild();
}

}  // namespace

void draw_thread_pane(AppState& app) {
    ImGui::BeginChild("##thread", ImVec2(0, 0), false);
    const sd::Conversation* c = app.store.find_conversation(app.view.selected);
    if (!c) {
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        const char* hint = tr("thread.select_hint");
        ImGui::SetCursorPos(ImVec2((avail.x - ImGui::CalcTextSize(hint).x) * 0.5f, avail.y * 0.45f));
        ImGui::TextDisabled("%s", hint);
        for (float& f : app.view.thread_rect) f = 0;
        ImGui::EndChild();
        return;
    }
    const float pane_h = ImGui::GetContentRegionAvail().y;
    ImGui::Indent(10);
    ImGui::Dummy(ImVec2(0, 2));
    draw_header(app, *c);
    if (!draw_actions(app, *c)) {
        ImGui::Unindent(10);
        ImGui::EndChild();
        return;
    }
    if (!app.action_error.empty()) ImGui::TextColored(sla_color(sd::SlaState::Overdue), "%s", app.action_error.c_str());
    ImGui::Unindent(10);
    // Four lines of details where the pane is tall enough for the thread to keep half of it;
    // on a low screen (a small laptop at 150 % zoom) the strip starts folded.
    draw_conversation_details(app, *c, ImGui::GetTextLineHeightWithSpacing() * (pane_h > 680 ? 4.2f : 3.2f), pane_h > 560);
    ImGui::Separator();
    const float reply_h = composer_height(app, pane_h);
    draw_messages(app, *c, std::max(ImGui::GetTextLineHeightWithSpacing() * 3, ImGui::GetContentRegionAvail().y - reply_h));
    draw_composer(app, *c);
    ImGui::EndChild();
}
