// Real data in, replies out, in the interface: the first-visit question over the demo, the
// import dialog of dropped or picked files (kinds, a CSV's preview and column mapping, whether to
// clear the demo), New conversation, Add buyer message, Clear inbox, the outbox, the thread's
// "Save reply as .eml", attachments under a message, and the DEMO badge.
#include <string>

#include "app_state.h"
#include "commands.h"
#include "i18n.h"
#include "import_reasons.h"
#include "panels.h"
#include "records_import.h"
#include "text_field.h"
#include "theme.h"
#include "widgets.h"
#include "core/mail_export.h"
#include "core/time.h"
#include "imgui.h"
#include "platform/platform.h"

using nlohmann::json;

namespace {

const char* market_name(int m) { return tr(std::string("market.") + sd::to_string(sd::Marketplace(m))); }

void refused(const std::string& why) {
    if (why.empty()) return;
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(sla_color(sd::SlaState::Overdue), "%s", trf("common.refused", {{"reason", why}}).c_str());
    ImGui::PopTextWrapPos();
}

ImVec2 center() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    return ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.42f);
}

// The first visit: a question over the demo, which works meanwhile (the bridge does not wait).
void draw_start_question(AppState& app) {
    if (!app.mail.ask_start || app.tab.read_only) return;
    const std::string title = tr_id("start.title", "start");
    if (!ImGui::IsPopupOpen(title.c_str())) ImGui::OpenPopup(title.c_str());
    ImGui::SetNextWindowPos(center(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(480, 0));
    if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings))
        return;
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(tr("start.intro"));
    ImGui::Spacing();
    ImGui::PopTextWrapPos();
    const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    if (ImGui::Button(tr_id("start.demo", "demo").c_str(), ImVec2(w, 34))) {
        dispatch(app, {{"type", "start"}, {"with", "demo"}});
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(tr_id("start.empty", "empty").c_str(), ImVec2(w, 34))) {
        dispatch(app, {{"type", "start"}, {"with", "empty"}});
        ImGui::CloseCurrentPopup();
    }
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", tr("start.note"));
    ImGui::PopTextWrapPos();
    ImGui::EndPopup();
}

std::string kind_text(const std::string& kind) { return tr(("import.kind." + kind).c_str()); }

// A CSV's first rows under its header, each column named by the field it fills.
void draw_csv_preview(const std::string& name, const sd::CsvPreview& p) {
    ImGui::TextUnformatted(trf("import.preview_of", {{"file", name}}).c_str());
    if (!p.ok) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(sla_color(sd::SlaState::Overdue), "%s", trf("import.preview_refused", {{"reason", skip_reason_text(sd::skip_json(p.error))}}).c_str());
        ImGui::PopTextWrapPos();
        return;
    }
    const int cols = int(p.header.size());
    if (cols > 0 && cols <= 64 &&
        ImGui::BeginTable(("##csv" + name).c_str(), cols, ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit, ImVec2(0, 150))) {
        for (int i = 0; i < cols; ++i) ImGui::TableSetupColumn((p.header[size_t(i)] + "##h" + std::to_string(i)).c_str());
        ImGui::TableHeadersRow();
        ImGui::TableNextRow();
        for (int i = 0; i < cols; ++i) {
            ImGui::TableNextColumn();
            const std::string& f = p.mapping[size_t(i)];
            if (f.empty()) ImGui::TextDisabled("%s", tr("import.ignored_column"));
            else ImGui::TextColored(ImVec4(0.10f, 0.45f, 0.85f, 1), "→ %s", f.c_str());
        }
        for (const std::vector<std::string>& row : p.rows) {
            ImGui::TableNextRow();
            for (int i = 0; i < cols; ++i) {
                ImGui::TableNextColumn();
                std::string cell = size_t(i) < row.size() ? row[size_t(i)] : std::string();
                if (cell.size() > 60) cell = cell.substr(0, 57) + "...";
                for (char& ch : cell)
                    if (ch == '\n' || ch == '\r') ch = ' ';
                ImGui::TextUnformatted(cell.c_str());
            }
        }
        ImGui::EndTable();
    }
    ImGui::TextDisabled("%s", trf("import.rows_summary", {{"rows", p.total_rows}, {"bad", p.bad_rows}}).c_str());
    for (const sd::ImportSkip& e : p.errors) ImGui::TextColored(ImVec4(0.80f, 0.35f, 0.02f, 1), "%s", skip_reason_text(sd::skip_json(e)).c_str());
}

// The dropped or picked files before anything is read into the inbox.
void draw_plan(AppState& app) {
    FilesPlan& p = app.mail.plan;
    if (!p.open) return;
    ImGui::SetNextWindowPos(center(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(720, 0), ImGuiCond_Appearing);
    bool open = true;
    if (!ImGui::Begin(tr_id("import.files_title", "import_files").c_str(), &open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        return;
    }
    bool mail = false;
    for (const json& f : p.files) {
        const std::string kind = f.value("kind", std::string("unknown"));
        mail = mail || kind == "mbox" || kind == "eml";
        ImGui::BulletText("%s  ·  %s  ·  %s", f.value("name", std::string()).c_str(), kind_text(kind).c_str(),
                          trf("import.size_mb", {{"mb", format_decimal(f.value("size", 0.0) / 1e6, 2)}}).c_str());
        if (f.contains("error") && f["error"].is_string()) {   // why the file cannot be read, said by its code, wrapped under it
            const json why = {{"reason", f["error"]}, {"code", f.contains("code") ? f["code"] : json()}};
            ImGui::Indent();
            ImGui::PushTextWrapPos(0);
            ImGui::TextColored(sla_color(sd::SlaState::Overdue), "%s", skip_reason_text(why).c_str());
            ImGui::PopTextWrapPos();
            ImGui::Unindent();
        }
    }
    for (const auto& [name, preview] : p.previews) {
        ImGui::Separator();
        draw_csv_preview(name, preview);
    }
    ImGui::Separator();
    if (app.mail.demo && !app.store.conversations.empty()) ImGui::Checkbox(tr_id("import.clear_demo", "clear_demo").c_str(), &p.clear_demo);
    if (mail) {
        std::string items = std::string(tr("import.other_skip")) + '\0';
        for (int m = 0; m < sd::kMarketplaceCount; ++m) items += trf("import.other_as", {{"marketplace", market_name(m)}}) + '\0';
        ImGui::SetNextItemWidth(300);
        ImGui::Combo(tr_id("import.other_mail", "other_mail").c_str(), &p.other_mail, items.c_str());
    }
    if (ImGui::Button(tr_id("import.start", "start").c_str())) {
        json o = {{"clear_demo", p.clear_demo}};
        if (p.other_mail > 0) o["other_marketplace"] = sd::to_string(sd::Marketplace(p.other_mail - 1));
        platform::import_files_answer(o.dump());
        p.open = false;
    }
    ImGui::SameLine();
    if (ImGui::Button(tr_id("common.cancel", "cancel").c_str())) open = false;
    ImGui::End();
    if (!open) {
        p.open = false;
        platform::import_files_answer("");
    }
}

void draw_new_conversation(AppState& app) {
    MailState& m = app.mail;
    if (!m.show_new) return;
    ImGui::SetNextWindowPos(center(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(520, 0), ImGuiCond_Appearing);
    if (!ImGui::Begin(tr_id("new_conv.title", "new_conversation").c_str(), &m.show_new, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        return;
    }
    std::string items;
    for (int i = 0; i < sd::kMarketplaceCount; ++i) items += std::string(market_name(i)) + '\0';
    ImGui::SetNextItemWidth(200);
    ImGui::Combo(tr_id("new_conv.marketplace", "marketplace").c_str(), &m.new_market, items.c_str());
    auto field = [&](const char* id, const char* hint, std::string& text, bool multiline = false) {
        TextFieldOptions o;
        o.hint = hint;
        o.multiline = multiline;
        o.height = multiline ? 110 : 0;
        text_field(app, id, text, o);
    };
    field("new_customer", tr("new_conv.customer"), m.new_customer);
    field("new_order", tr("new_conv.order"), m.new_order);
    field("new_subject", tr("new_conv.subject"), m.new_subject);
    field("new_text", tr("new_conv.text"), m.new_text, true);
    field("new_at", tr("new_conv.at"), m.new_at);
    if (ImGui::Button(tr_id("new_conv.create", "create").c_str())) {
        json cmd = {{"type", "new_conversation"}, {"marketplace", sd::to_string(sd::Marketplace(m.new_market))}, {"customer", m.new_customer},
                    {"order_id", m.new_order}, {"subject", m.new_subject}, {"text", m.new_text}};
        sd::Time t;
        if (!m.new_at.empty()) cmd["at"] = sd::parse_csv_time(m.new_at, t) ? json(sd::format_iso8601(t)) : json(m.new_at);
        json r = dispatch(app, cmd);
        m.dialog_error = r["ok"] == true ? "" : r.value("error", "");
        if (r["ok"] == true) {
            m.show_new = false;
            m.new_customer.clear(), m.new_order.clear(), m.new_subject.clear(), m.new_text.clear(), m.new_at.clear();
        }
    }
    refused(m.dialog_error);
    ImGui::End();
}

void draw_add_message(AppState& app) {
    MailState& m = app.mail;
    if (!m.show_add) return;
    if (!app.store.find_conversation(app.view.selected)) {
        m.show_add = false;
        return;
    }
    ImGui::SetNextWindowPos(center(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(480, 0), ImGuiCond_Appearing);
    if (!ImGui::Begin(tr_id("add_msg.title", "add_message").c_str(), &m.show_add, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        return;
    }
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", tr("add_msg.explain"));
    ImGui::PopTextWrapPos();
    TextFieldOptions big;
    big.hint = tr("add_msg.text");
    big.multiline = true;
    big.height = 110;
    text_field(app, "add_text", m.add_text, big);
    TextFieldOptions when;
    when.hint = tr("new_conv.at");
    text_field(app, "add_at", m.add_at, when);
    if (ImGui::Button(tr_id("add_msg.add", "add").c_str())) {
        json cmd = {{"type", "add_message"}, {"id", app.view.selected}, {"text", m.add_text}};
        sd::Time t;
        if (!m.add_at.empty()) cmd["at"] = sd::parse_csv_time(m.add_at, t) ? json(sd::format_iso8601(t)) : json(m.add_at);
        json r = dispatch(app, cmd);
        m.dialog_error = r["ok"] == true ? "" : r.value("error", "");
        if (r["ok"] == true) {
            m.show_add = false;
            m.add_text.clear(), m.add_at.clear();
        }
    }
    refused(m.dialog_error);
    ImGui::End();
}

void draw_clear(AppState& app) {
    MailState& m = app.mail;
    if (!m.show_clear) return;
    ImGui::SetNextWindowPos(center(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(460, 0), ImGuiCond_Appearing);
    if (!ImGui::Begin(tr_id("clear.title", "clear").c_str(), &m.show_clear, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        return;
    }
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(trn("clear.question", int64_t(app.store.conversations.size())).c_str());
    ImGui::TextDisabled("%s", tr("clear.keeps"));
    ImGui::PopTextWrapPos();
    if (ImGui::Button(tr_id("clear.export_first", "export").c_str())) app.show_export = true;
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.80f, 0.20f, 0.16f, 1));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    if (ImGui::Button(tr_id("clear.confirm", "clear").c_str())) {
        json r = dispatch(app, {{"type", "clear_inbox"}});
        m.dialog_error = r["ok"] == true ? "" : r.value("error", "");
        if (r["ok"] == true) m.show_clear = false;
    }
    ImGui::PopStyleColor(2);
    ImGui::SameLine();
    if (ImGui::Button(tr_id("common.cancel", "cancel").c_str())) m.show_clear = false;
    refused(m.dialog_error);
    ImGui::End();
}

}  // namespace

void draw_mail_windows(AppState& app) {
    draw_start_question(app);
    draw_plan(app);
    draw_new_conversation(app);
    draw_add_message(app);
    draw_clear(app);
}

void draw_mail_menu_items(AppState& app) {
    if (ImGui::MenuItem(tr("menu.inbox.new_conversation"))) {
        app.mail.dialog_error.clear();
        app.mail.show_new = true;
    }
    size_t waiting = 0;
    for (const sd::Conversation& c : app.store.conversations) {
        if (!sd::reply_eml_refusal(c).empty()) continue;
        for (const sd::Message& m : c.messages)
            waiting += m.direction == sd::Direction::Outbound && m.delivery == sd::Delivery::Sent && !m.auto_reply && !m.exported;
    }
    if (ImGui::MenuItem(trn("menu.inbox.outbox", int64_t(waiting)).c_str(), nullptr, false, waiting > 0)) {
        json r = dispatch(app, {{"type", "outbox"}});
        if (r["ok"] == true && r.value("count", 0) > 0) platform::download("sellerdesk-outbox.mbox", r["mbox"].get<std::string>(), "application/mbox");
    }
    if (ImGui::MenuItem(tr("menu.inbox.clear"))) {
        app.mail.dialog_error.clear();
        app.mail.show_clear = true;
    }
}

void draw_demo_badge(const AppState& app) {
    if (!app.mail.demo) return;
    menu_badge(tr("menu_bar.demo"), tr("menu_bar.demo_tip"), IM_COL32(124, 77, 255, 255));
}

void draw_add_buyer_message(AppState& app) {
    if (ImGui::SmallButton(tr("thread.add_buyer_message"))) {
        app.mail.dialog_error.clear();
        app.mail.show_add = true;
    }
    if (ImGui::IsItemHovered()) tooltip(tr("thread.add_buyer_message_tip"));
}

void save_reply_eml(AppState& app, const sd::Conversation& c) {
    json r = reply_eml_json(app, c.id);
    if (r["ok"] == true) platform::download(r["name"].get<std::string>(), r["eml"].get<std::string>(), "message/rfc822");
    else app.action_error = r.value("error", "");
}

void draw_attachments(const sd::Message& m) {
    for (const sd::Attachment& a : m.attachments)
        ImGui::TextDisabled("%s", trf("thread.attachment", {{"name", a.name}, {"size", format_decimal(double(a.size) / 1024.0, 1)}}).c_str());
}
