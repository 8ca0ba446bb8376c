// Team > Registers…: one tab per Tmall register (the entries with their totals, complaints about
// one product counted together, status changes, the CSV download), and the thread's "Add to
// register…" popup. Every change goes through the register_* commands (cmd_registers.cpp).
#include <algorithm>
#include <string>

#include "app_state.h"
#include "registers_app.h"
#include "commands.h"
#include "format.h"
#include "i18n.h"
#include "inbox.h"
#include "panels.h"
#include "text_field.h"
#include "theme.h"
#include "core/registers.h"
#include "imgui.h"

namespace {

std::string kind_key(sd::RegisterKind k) { return std::string("registers.kind.") + sd::to_string(k); }
std::string status_key(sd::RegisterStatus s) { return std::string("registers.status.") + sd::to_string(s); }

// Where the last item was drawn, for state().registers.layout.
void note_rect(AppState& app, const std::string& name) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    app.registers.rects[name] = {a.x, a.y, b.x - a.x, b.y - a.y};
}

void draw_totals(AppState& app, sd::RegisterKind kind, const sd::RegisterTotals& t) {
    ImGui::TextUnformatted(trn("registers.summary", int64_t(t.count), {{"yuan", sd::format_yuan(t.total_cents)}}).c_str());
    std::string statuses;
    for (int s = 0; s < sd::kRegisterStatusCount; ++s)
        statuses += (s ? "  ·  " : "") + trf("registers.status_count", {{"status", tr(status_key(sd::RegisterStatus(s)))},
                                                                         {"n", int64_t(t.by_status[s])}});
    ImGui::TextDisabled("%s", statuses.c_str());
    if (ImGui::Button(tr_id("registers.export_csv", (std::string("csv_") + sd::to_string(kind)).c_str()).c_str())) {
        app.registers.notice = download_register_csv(app, kind, real_now());
    }
    note_rect(app, std::string("export_") + sd::to_string(kind));
    if (!app.registers.notice.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", app.registers.notice.c_str());
    }
}

// Quality complaints about the same product, counted together across conversations.
void draw_by_product(const sd::RegisterTotals& t) {
    ImGui::Spacing();
    ImGui::TextUnformatted(tr("registers.by_product"));
    if (t.by_product.empty()) ImGui::TextDisabled("%s", tr("registers.none_yet"));
    for (const sd::ProductCount& p : t.by_product) {
        const std::string line = trn("registers.product_line", int64_t(p.count),
                                     {{"product", p.product}, {"conversations", int64_t(p.conversations)}, {"yuan", sd::format_yuan(p.cents)}});
        if (p.count > 1) ImGui::TextColored(sla_color(sd::SlaState::DueSoon), "%s", line.c_str());
        else ImGui::TextUnformatted(line.c_str());
    }
}

void draw_status_combo(AppState& app, const sd::RegisterEntry& e, size_t row) {
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##status", tr(status_key(e.status)))) {
        for (int s = 0; s < sd::kRegisterStatusCount; ++s)
            if (ImGui::Selectable(tr(status_key(sd::RegisterStatus(s))), int(e.status) == s)) {
                nlohmann::json r = dispatch(app, {{"type", "register_set_status"}, {"entry_id", e.id}, {"status", sd::to_string(sd::RegisterStatus(s))}});
                if (r["ok"] != true) app.registers.notice = trf("common.refused", {{"reason", r.value("error", "")}});
            }
        ImGui::EndCombo();
    }
    if (row == 0) note_rect(app, "status_0");
}

void draw_entry_row(AppState& app, const sd::RegisterEntry& e, size_t row) {
    ImGui::PushID(e.id.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_local_datetime(e.at).c_str());
    ImGui::TableNextColumn();
    if (ImGui::SmallButton(e.order_id.c_str())) dispatch(app, {{"type", "select"}, {"id", e.conversation_id}});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", trf("registers.open_conversation", {{"id", e.conversation_id}}).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(e.product.c_str());
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", e.text.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(sd::format_yuan(e.amount_cents).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(e.agent.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(e.approved_by.c_str());
    ImGui::TableNextColumn();
    draw_status_combo(app, e, row);
    ImGui::PopID();
}

void draw_entries(AppState& app, sd::RegisterKind kind) {
    const std::vector<const sd::RegisterEntry*> entries = sd::register_entries(app.registers.data, kind);
    ImGui::Spacing();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##entries", 8, flags, ImVec2(0, std::max(120.0f, ImGui::GetContentRegionAvail().y)))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr("registers.col.date"), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 9);
    ImGui::TableSetupColumn(tr("registers.col.order"), ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("0000000000000000000").x + ImGui::GetStyle().FramePadding.x * 2 + 4);
    ImGui::TableSetupColumn(tr("registers.col.product"), 0, 1.2f);
    ImGui::TableSetupColumn(tr("registers.col.what"), 0, 2.5f);
    ImGui::TableSetupColumn(tr("registers.col.amount"), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 4.5f);
    ImGui::TableSetupColumn(tr("registers.col.agent"), 0, 1);
    ImGui::TableSetupColumn(tr("registers.col.approved_by"), 0, 1);
    ImGui::TableSetupColumn(tr("registers.col.status"), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 7);
    ImGui::TableHeadersRow();
    for (size_t i = entries.size(); i-- > 0;) draw_entry_row(app, *entries[i], entries.size() - 1 - i);   // newest first
    ImGui::EndTable();
}

}  // namespace

bool offers_register(const sd::Conversation& c) { return c.marketplace == sd::Marketplace::Tmall && !c.order_id.empty(); }

void draw_registers_window(AppState& app) {
    RegistersState& rs = app.registers;
    if (!rs.show_window) return;
    ImGui::SetNextWindowSize(ImVec2(980, 520), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin(tr_id("registers.title", "registers").c_str(), &rs.show_window, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        return;
    }
    ImGui::TextDisabled("%s", tr("registers.intro"));
    if (ImGui::BeginTabBar("##registers_tabs")) {
        for (int k = 0; k < sd::kRegisterKindCount; ++k) {
            const sd::RegisterKind kind = sd::RegisterKind(k);
            const bool open = ImGui::BeginTabItem(tr_id(kind_key(kind).c_str(), sd::to_string(kind)).c_str());
            note_rect(app, std::string("tab_") + sd::to_string(kind));
            if (!open) continue;
            rs.tab = k;
            const sd::RegisterTotals t = sd::register_totals(rs.data, kind);
            draw_totals(app, kind, t);
            draw_by_product(t);
            draw_entries(app, kind);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::End();
}

namespace {

// The form's own checks, in the user's language; the command checks everything again.
bool form_ready(RegistersState& rs, int64_t& cents) {
    rs.form_error.clear();
    if (!sd::parse_yuan(rs.form_amount, cents)) rs.form_error = tr("registers.bad_amount");
    else if (rs.form_text.find_first_not_of(" \t") == std::string::npos) rs.form_error = tr("registers.needs_text");
    else if (cents > sd::kSelfApprovedCents && rs.form_supervisor.find_first_not_of(" \t") == std::string::npos)
        rs.form_error = tr("registers.needs_supervisor_error");
    return rs.form_error.empty();
}

void submit_form(AppState& app, const sd::Conversation& c) {
    RegistersState& rs = app.registers;
    int64_t cents = 0;
    if (!form_ready(rs, cents)) return;
    const sd::RegisterKind kind = sd::RegisterKind(rs.form_kind);
    nlohmann::json cmd = {{"type", "register_add"}, {"register", sd::to_string(kind)}, {"id", c.id},
                          {"amount_cents", cents}, {"text", rs.form_text}};
    if (cents > sd::kSelfApprovedCents) cmd["approved_by"] = rs.form_supervisor;
    nlohmann::json r = dispatch(app, cmd);
    if (r["ok"] != true) {
        rs.form_error = trf("common.refused", {{"reason", r.value("error", "")}});
        return;
    }
    rs.notice = trf("registers.added", {{"register", tr(kind_key(kind))}, {"order", c.order_id}});
    app.action_error = rs.notice;
    rs.form_amount.clear();
    rs.form_text.clear();
    rs.form_supervisor.clear();
    ImGui::CloseCurrentPopup();
}

}  // namespace

void draw_register_popup(AppState& app, const sd::Conversation& c) {
    if (!ImGui::BeginPopup("##register")) return;
    RegistersState& rs = app.registers;
    const sd::Order* o = app.store.find_order(c.order_id);
    const std::string product = o ? sd::register_product(*o) : std::string();   // what the entry will name
    ImGui::TextUnformatted(trf("registers.form_title", {{"order", c.order_id}, {"product", product}}).c_str());
    for (int k = 0; k < sd::kRegisterKindCount; ++k) {
        if (ImGui::RadioButton(tr_id(kind_key(sd::RegisterKind(k)).c_str(), (std::string("form_") + sd::to_string(sd::RegisterKind(k))).c_str()).c_str(), rs.form_kind == k))
            rs.form_kind = k;
        note_rect(app, std::string("form_") + sd::to_string(sd::RegisterKind(k)));
    }
    TextFieldOptions amount;
    amount.width = ImGui::GetFontSize() * 10;
    amount.hint = tr("registers.amount_hint");
    text_field(app, "register_amount", rs.form_amount, amount);
    TextFieldOptions what;
    what.width = ImGui::GetFontSize() * 26;
    what.hint = tr("registers.text_hint");
    text_field(app, "register_text", rs.form_text, what);
    int64_t cents = 0;
    if (sd::parse_yuan(rs.form_amount, cents) && cents > sd::kSelfApprovedCents) {   // seed 004: above 20 yuan, ask the supervisor
        ImGui::TextColored(sla_color(sd::SlaState::DueSoon), "%s", tr("registers.needs_supervisor"));
        TextFieldOptions sup;
        sup.width = ImGui::GetFontSize() * 18;
        sup.hint = tr("registers.supervisor_hint");
        text_field(app, "register_supervisor", rs.form_supervisor, sup);
    }
    if (ImGui::Button(tr_id("registers.add", "register_add").c_str())) submit_form(app, c);
    note_rect(app, "form_add");
    ImGui::SameLine();
    if (ImGui::Button(tr_id("common.cancel", "register_cancel").c_str())) {
        rs.form_error.clear();
        ImGui::CloseCurrentPopup();
    }
    if (!rs.form_error.empty()) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26);
        ImGui::TextColored(sla_color(sd::SlaState::Overdue), "%s", rs.form_error.c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::EndPopup();
}

void register_action_drawn(AppState& app) { note_rect(app, "add_action"); }
