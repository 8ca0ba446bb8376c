// Middle pane: the SLA strip (overdue / due soon per marketplace, wrapping on a narrow pane), the
// search bar, the bulk bar while conversations are selected, and the conversation list of the
// current view, clipped so only visible rows are drawn. Columns give way by priority when the
// pane is narrow (order ID, then the resolution deadline, then last message); cut texts end in "…"
// and show in full on hover.
// A click selects a row without scrolling the list; the keys scroll only when the cursor leaves
// the view.
#include <algorithm>
#include <cstdio>

#include "app_state.h"
#include "i18n.h"
#include "commands.h"
#include "format.h"
#include "panels.h"
#include "text_field.h"
#include "texts.h"
#include "theme.h"
#include "view.h"
#include "widgets.h"
#include "core/time.h"
#include "team_sync.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace {

// One clickable chip of the strip; returns true when clicked.
bool strip_chip(const char* id, const char* text, const ImVec4& color, bool active) {
    ImVec2 sz = ImGui::CalcTextSize(text);
    ImVec2 p = ImGui::GetCursorScreenPos();
    bool clicked = ImGui::InvisibleButton(id, ImVec2(sz.x + 14, sz.y + 6));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec4 bg = color;
    bg.w = active ? 0.30f : (ImGui::IsItemHovered() ? 0.18f : 0.10f);
    dl->AddRectFilled(p, ImVec2(p.x + sz.x + 14, p.y + sz.y + 6), ImGui::GetColorU32(bg), 10);
    dl->AddText(ImVec2(p.x + 7, p.y + 3), ImGui::GetColorU32(color), text);
    return clicked;
}

float chip_width(const char* text) { return ImGui::CalcTextSize(text).x + 14; }

std::string current_sla_filter(const AppState& app) {
    if (app.view.sla_filter.empty()) return "";
    return "sla:" + app.view.sla_filter + (app.view.query.filter == "all" ? "" : ":" + app.view.query.filter.substr(12));
}

// The strip: totals, then each marketplace with something overdue or due soon; a group that no
// longer fits goes to the next line.
void draw_sla_strip(AppState& app) {
    const sd::SlaTally& s = app.sla_summary;
    int overdue = 0, soon = 0;
    for (int m = 0; m < sd::kMarketplaceCount; ++m) overdue += s.overdue[m], soon += s.due_soon[m];
    const std::string current = current_sla_filter(app);
    if (app.view.must_answer) {   // the projection's must-answer list (projection_window.cpp); a click shows everything again
        const std::string chip_text = trf("list.must_answer_chip", {{"n", app.view.rows.size()}});
        if (strip_chip("##must_answer", chip_text.c_str(), ImVec4(0.12f, 0.35f, 0.75f, 1), true)) cmd::filter(app, "all");
        same_line_if_fits(chip_width(trf("list.overdue", {{"n", overdue}}).c_str()));
    }
    std::string text = trf("list.overdue", {{"n", overdue}});
    if (strip_chip("##all_overdue", text.c_str(), sla_color(sd::SlaState::Overdue), current == "sla:overdue"))
        cmd::filter(app, current == "sla:overdue" ? "all" : "sla:overdue");
    text = trf("list.due_soon", {{"n", soon}});
    same_line_if_fits(chip_width(text.c_str()));
    if (strip_chip("##all_soon", text.c_str(), sla_color(sd::SlaState::DueSoon), current == "sla:due_soon"))
        cmd::filter(app, current == "sla:due_soon" ? "all" : "sla:due_soon");
    for (int m = 0; m < sd::kMarketplaceCount; ++m) {
        if (!s.overdue[m] && !s.due_soon[m]) continue;
        const auto mk = sd::Marketplace(m);
        char a[16] = "", b[16] = "";
        if (s.overdue[m]) std::snprintf(a, sizeof a, "%d", s.overdue[m]);
        if (s.due_soon[m]) std::snprintf(b, sizeof b, "%d", s.due_soon[m]);
        const float group = ImGui::CalcTextSize(marketplace_name(mk)).x + (*a ? chip_width(a) + 4 : 0) + (*b ? chip_width(b) + 4 : 0);
        same_line_if_fits(group, 14);
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(marketplace_color(mk), "%s", marketplace_name(mk));
        for (int k = 0; k < 2; ++k) {
            const char* n = k == 0 ? a : b;
            if (!*n) continue;
            const std::string name = std::string(k == 0 ? "sla:overdue:" : "sla:due_soon:") + sd::to_string(mk);
            ImGui::SameLine(0, 4);
            ImGui::PushID(name.c_str());
            if (strip_chip("##chip", n, sla_color(k == 0 ? sd::SlaState::Overdue : sd::SlaState::DueSoon), current == name))
                cmd::filter(app, current == name ? "all" : name);
            if (ImGui::IsItemHovered())
                tooltip(trf(k == 0 ? "list.strip_tip_overdue" : "list.strip_tip_due_soon", {{"market", marketplace_name(mk)}, {"n", n}}).c_str());
            ImGui::PopID();
        }
    }
}

// A narrow window has no folder pane: this button opens the folders as a menu.
void draw_folder_button(AppState& app) {
    const std::string label = trf("list.folder_button", {{"name", folder_name(app.view.sla_filter.empty() ? app.view.query.filter : current_sla_filter(app))}}) + "###folder_button";
    if (ImGui::Button(label.c_str())) ImGui::OpenPopup("##folders_menu");
    ImGui::SetNextWindowSize(ImVec2(240, ImGui::GetIO().DisplaySize.y * 0.7f));
    if (ImGui::BeginPopup("##folders_menu")) {
        const std::string before = app.view.query.filter + app.view.sla_filter;
        draw_folder_pane(app);
        if (app.view.query.filter + app.view.sla_filter != before) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

void draw_search_bar(AppState& app) {
    const char* kFields[] = {tr("list.field.all"), tr("list.field.order_id"), tr("list.field.subject"), tr("list.field.customer")};
    static const sd::SearchField kFieldValues[] = {sd::SearchField::All, sd::SearchField::OrderId, sd::SearchField::Subject,
                                                   sd::SearchField::Customer};
    int current = 0;
    for (int i = 0; i < 4; ++i)
        if (kFieldValues[i] == app.view.query.field) current = i;
    ImGui::SetNextItemWidth(std::min(130.0f, ImGui::GetContentRegionAvail().x * 0.35f));
    if (ImGui::Combo("##field", &current, kFields, 4)) cmd::search(app, sd::to_string(kFieldValues[current]), app.view.query.text);
    ImGui::SameLine();
    // A large inbox: its message texts arrive first, then they are indexed.
    const bool loading = app.texts.pending;
    const int percent = int((loading ? texts_progress(app) : app.index.build_progress(app.store)) * 100);
    const std::string hint = app.index.text_ready() ? tr("list.search_hint") : trf(loading ? "list.loading_texts" : "list.indexing", {{"p", percent}});
    std::string text = app.view.query.text;
    TextFieldOptions o;
    o.hint = hint.c_str();
    o.label = tr("list.search_label");
    o.width = -8;
    if (text_field(app, "search", text, o).changed) cmd::search(app, sd::to_string(app.view.query.field), text);
    if (!app.index.text_ready() && !text.empty() && app.view.query.field != sd::SearchField::OrderId) {
        const std::string still = trf(loading ? "list.still_loading" : "list.still_indexing", {{"p", percent}});
        ImGui::TextColored(ImVec4(0.6f, 0.45f, 0.05f, 1), "%s", still.c_str());
    }
}

// Shown while conversations are multi-selected: the bulk actions, each one command over them all.
void draw_bulk_bar(AppState& app) {
    ViewState& v = app.view;
    auto run = [&](const nlohmann::json& cmd) {
        nlohmann::json r = dispatch(app, cmd);
        if (r["ok"] != true) app.bulk_error = r.value("error", "");
        else if (!r["refused"].empty())
            app.bulk_error = trf("list.refused", {{"n", r["refused"].size()}, {"error", r["refused"][0].value("error", "")}});
        else app.bulk_error.clear();
    };
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    auto width = [&](const char* label) { return ImGui::CalcTextSize(label).x + 2 * pad.x; };
    ImGui::TextColored(ImVec4(0.12f, 0.35f, 0.75f, 1), "%s", trf("list.selected", {{"n", v.checked.size()}}).c_str());
    same_line_if_fits(width(tr("list.mark_read")));
    if (ImGui::SmallButton(tr("list.mark_read"))) run({{"type", "bulk"}, {"action", "mark_read"}});
    same_line_if_fits(width(tr("list.mark_unread")));
    if (ImGui::SmallButton(tr("list.mark_unread"))) run({{"type", "bulk"}, {"action", "mark_unread"}});
    same_line_if_fits(width(tr("list.label")));
    if (ImGui::SmallButton(tr_id("list.label", "bulk_label").c_str()) || (app.open_label_popup && !v.checked.empty())) {
        ImGui::OpenPopup("##bulk_labels");
        app.open_label_popup = false;
    }
    if (ImGui::BeginPopup("##bulk_labels")) {
        ImGui::TextDisabled("%s", tr("list.bulk_label_help"));
        // The own labels of the selection's marketplaces, then the common ones, then the view's others.
        std::vector<std::string> offered;
        bool markets[sd::kMarketplaceCount] = {};
        for (const std::string& id : v.checked)
            if (const sd::Conversation* c = app.store.find_conversation(id)) markets[int(c->marketplace)] = true;
        for (int m = 0; m < sd::kMarketplaceCount; ++m)
            if (markets[m])
                for (const char* l : sd::marketplace_labels(sd::Marketplace(m))) offered.push_back(l);
        for (const char* l : sd::common_labels()) offered.push_back(l);
        const bool shift = ImGui::GetIO().KeyShift;
        for (const std::string& l : offered)
            if (ImGui::MenuItem(pretty_label(l).c_str())) run({{"type", "bulk"}, {"action", "label"}, {shift ? "remove" : "add", {l}}});
        for (const auto& [l, n] : v.counts.labels) {
            bool common = false;
            for (const std::string& k : offered) common |= l == k;
            if (!common && ImGui::MenuItem(pretty_label(l).c_str())) run({{"type", "bulk"}, {"action", "label"}, {shift ? "remove" : "add", {l}}});
        }
        TextFieldOptions o;
        o.hint = tr("list.new_label_hint");
        o.width = 180;
        if (text_field(app, "bulk_label", app.bulk_label, o).enter && !app.bulk_label.empty()) {
            run({{"type", "bulk"}, {"action", "label"}, {"add", {label_id(app.bulk_label)}}});
            app.bulk_label.clear();
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    same_line_if_fits(width(tr("list.assign")));
    if (ImGui::SmallButton(tr_id("list.assign", "bulk_assign").c_str())) ImGui::OpenPopup("##bulk_assign");
    if (ImGui::BeginPopup("##bulk_assign")) {
        for (const std::string& a : app.settings.agents)
            if (ImGui::MenuItem(a.c_str())) run({{"type", "bulk"}, {"action", "assign"}, {"agent", a}});
        ImGui::Separator();
        if (ImGui::MenuItem(tr("list.unassign"))) run({{"type", "bulk"}, {"action", "assign"}, {"agent", ""}});
        ImGui::EndPopup();
    }
    same_line_if_fits(width(tr("list.close")));
    if (ImGui::SmallButton(tr_id("list.close", "bulk_close").c_str())) run({{"type", "bulk"}, {"action", "close"}});
    same_line_if_fits(width(tr("list.clear_selection")));
    if (ImGui::SmallButton(tr("list.clear_selection"))) cmd::multi_select_clear(app);
    if (!app.bulk_error.empty()) ImGui::TextColored(sla_color(sd::SlaState::Overdue), "%s", app.bulk_error.c_str());
}

// The marketplace as a coloured chip with a short name (the full one on hover).
void marketplace_chip(sd::Marketplace m) {
    ImVec4 c = marketplace_color(m);
    ImVec4 bg = c;
    bg.w = 0.14f;
    const char* text = tr(std::string("market.short.") + sd::to_string(m));
    const ImVec2 sz = ImGui::CalcTextSize(text);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y - 1), ImVec2(p.x + sz.x + 10, p.y + sz.y + 1), ImGui::GetColorU32(bg), 4);
    ImGui::GetWindowDrawList()->AddText(ImVec2(p.x + 5, p.y), ImGui::GetColorU32(c), text);
    ImGui::Dummy(ImVec2(sz.x + 10, sz.y));
    if (ImGui::IsItemHovered()) tooltip(marketplace_name(m));
}

enum Column { kDot, kMarket, kCustomer, kSubject, kOrder, kLast, kRespond, kResolve, kColumns };

// Which columns fit a list `w` px wide: the order ID goes first, then the resolution deadline (only
// Tmall after-sale rows have one), then the last message's time. A 1366-px laptop keeps the
// resolution column; the response deadline and the subject always stay.
// The response column has room for the team's countdown too ("Overdue 2d · −6d"); a table keeps the
// widths of its first frame, so the room is there whether or not the team's target is on.
void setup_columns(float w, bool team) {
    const ImGuiTableColumnFlags off = ImGuiTableColumnFlags_Disabled;
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_NoResize, 10.0f);
    ImGui::TableSetupColumn(tr("list.col.market"), ImGuiTableColumnFlags_WidthFixed, 60.0f, int(sd::SortKey::Marketplace));
    ImGui::TableSetupColumn(tr("list.col.customer"), ImGuiTableColumnFlags_WidthStretch, 1.0f, int(sd::SortKey::Customer));
    ImGui::TableSetupColumn(tr("list.col.subject"), ImGuiTableColumnFlags_WidthStretch, 1.7f, int(sd::SortKey::Subject));
    ImGui::TableSetupColumn(tr("list.col.order"), ImGuiTableColumnFlags_WidthStretch | (w < 640 ? off : 0), 1.0f, int(sd::SortKey::OrderId));
    ImGui::TableSetupColumn(tr("list.col.last"), ImGuiTableColumnFlags_WidthFixed | (w < 600 ? off : 0), 82.0f, int(sd::SortKey::LastMessage));
    const float team_w = ImGui::CalcTextSize(("· " + format_duration(10 * 3600 + 55 * 60, false)).c_str()).x + 4;   // the widest running one
    ImGui::TableSetupColumn(tr(team ? "list.col.respond_team" : "list.col.respond"), ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_DefaultSort,
                            92.0f + team_w, int(sd::SortKey::Urgency));
    ImGui::TableSetupColumn(tr("list.col.resolve"), ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort | (w < 580 ? off : 0), 88.0f);
}

// Header clicks sort; the first frame reports the default (urgency) and changes nothing.
void sort_from_headers(AppState& app) {
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (!specs) return;
    if (specs->SpecsDirty && specs->SpecsCount > 0) {
        auto key = sd::SortKey(specs->Specs[0].ColumnUserID);
        bool desc = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
        if (key == sd::SortKey::LastMessage) desc = !desc;   // newest first on the first click
        if (key != app.view.query.sort || desc != app.view.query.descending) cmd::sort(app, sd::to_string(key), desc);
    }
    specs->SpecsDirty = false;
}

// The keys moved the cursor: scroll just enough to show its row (a click never scrolls).
void keep_cursor_in_view(AppState& app, float row_h) {
    if (!app.view.scroll_to_selected) return;
    app.view.scroll_to_selected = false;
    const int r = row_of(app, app.view.cursor);
    if (r < 0 || row_h <= 0) return;
    const float header = ImGui::GetFrameHeight();
    const float top = float(r) * row_h, view = ImGui::GetWindowHeight() - header, y = ImGui::GetScrollY();
    if (top < y) ImGui::SetScrollY(top);
    else if (top + row_h > y + view) ImGui::SetScrollY(top + row_h - view);
}

// The resolution deadline (Tmall after-sale): running, paused while the customer answers, or
// resolved; empty for a conversation without one.
void resolve_cell(const AppState& app, const sd::SlaResult& sla) {
    const sd::SlaDeadline* d = sla.resolution_deadline();
    if (!d || !ImGui::TableSetColumnIndex(kResolve)) return;
    ImGui::TextColored(sla_color(d->state), "%s", format_countdown(*d, false).c_str());
    if (ImGui::IsItemHovered()) tooltip(resolution_tip(*d, policy_display_name(app.settings.sla.policies[size_t(d->policy)])).c_str());
}

// The team's own target beside the marketplace's countdown, while it runs: "· 2h 05m", or "· −6d"
// once past it (the colour says which), the details in its tooltip.
void team_cell(const AppState& app, const sd::Conversation& c, const sd::SlaResult& sla) {
    const sd::TeamDeadline t = sd::team_deadline(app.settings.team_target, c, sla, app.now);
    if (t.state != sd::SlaState::OnTrack && t.state != sd::SlaState::DueSoon && t.state != sd::SlaState::Overdue) return;
    const std::string text = "· " + format_countdown_short(t.remaining);
    const float w = ImGui::CalcTextSize(text.c_str()).x;
    ImGui::SameLine(0, 4);
    if (ImGui::GetContentRegionAvail().x < w) return;
    ImVec4 col = sla_color(t.state);
    col.w = 0.75f;
    ImGui::TextColored(col, "%s", text.c_str());
    if (ImGui::IsItemHovered()) tooltip(team_target_tip(app.settings.team_target, t).c_str());
}

void row_cells(AppState& app, const sd::Conversation& c, sd::SlaResult& sla) {
    const sd::Customer* who = app.store.find_customer(c.customer_id);
    const ImVec4 text = c.unread ? ImVec4(0.05f, 0.07f, 0.12f, 1) : ImVec4(0.30f, 0.33f, 0.40f, 1);
    ImGui::TableSetColumnIndex(kMarket);
    marketplace_chip(c.marketplace);
    ImGui::TableSetColumnIndex(kCustomer);
    text_ellipsis(who ? who->name.c_str() : "—", ImGui::GetContentRegionAvail().x, text);
    ImGui::TableSetColumnIndex(kSubject);
    const std::string here = presence_text(app, c.id);   // team_sync.h: "Lily is viewing"
    if (here.empty()) {
        text_ellipsis(c.subject.c_str(), ImGui::GetContentRegionAvail().x, text);
    } else {
        const float avail = ImGui::GetContentRegionAvail().x, note = std::min(avail * 0.6f, ImGui::CalcTextSize(here.c_str()).x);
        text_ellipsis(c.subject.c_str(), avail - note - 8, text);
        ImGui::SameLine(0, 8);
        text_ellipsis(here.c_str(), note, ImVec4(0.80f, 0.40f, 0.0f, 1));
    }
    if (ImGui::TableSetColumnIndex(kOrder)) {
        if (c.order_id.empty()) ImGui::TextDisabled("%s", tr("list.pre_sale"));
        else text_ellipsis(c.order_id.c_str(), ImGui::GetContentRegionAvail().x, ImVec4(0.35f, 0.38f, 0.45f, 1));
    }
    if (ImGui::TableSetColumnIndex(kLast))
        ImGui::TextColored(ImVec4(0.40f, 0.43f, 0.50f, 1), "%s", format_relative(c.last_message_at(), app.now).c_str());
    ImGui::TableSetColumnIndex(kRespond);
    sd::evaluate_sla(app.settings.sla, c, app.now, sla);
    if (const sd::SlaDeadline* d = sla.response_deadline()) {
        ImGui::TextColored(sla_color(d->state), "%s", format_countdown(*d, false).c_str());
        if (ImGui::IsItemHovered()) {
            const sd::SlaPolicy& pol = app.settings.sla.policies[size_t(d->policy)];
            const bool walmart = c.marketplace == sd::Marketplace::Walmart && d->open() && d->remaining > 0;
            tooltip((std::string(walmart ? tr("list.walmart_hours") : "") + deadline_state_label(*d) + "\n" +
                     trf("list.deadline_tip", {{"policy", policy_display_name(pol)}, {"when", format_local_datetime(d->deadline)}}))
                        .c_str());
        }
        team_cell(app, c, sla);
    }
    resolve_cell(app, sla);
}

// The row's marks in the first column: the keyboard cursor, the multi-selection's tick, unread.
void row_marks(const AppState& app, const sd::Conversation& c, bool checked, ImVec2 p, float h) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (c.id == app.view.cursor) dl->AddRectFilled(p, ImVec2(p.x + 2.5f, p.y + h), IM_COL32(30, 110, 230, 255));
    const float line = ImGui::GetTextLineHeight(), y = p.y + 2;
    if (checked) {   // a check mark, drawn (the cut-down fonts have no ✓ glyph)
        ImVec2 tick[3] = {ImVec2(p.x + 2, y + line * 0.55f), ImVec2(p.x + 4.5f, y + line * 0.8f), ImVec2(p.x + 9, y + line * 0.25f)};
        dl->AddPolyline(tick, 3, IM_COL32(30, 110, 230, 255), 0, 2.0f);
    } else if (c.unread) {
        dl->AddCircleFilled(ImVec2(p.x + 5, p.y + line * 0.5f + 2), 3.5f, IM_COL32(30, 110, 230, 255));
    }
}

void row_clicked(AppState& app, const sd::Conversation& c) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl || io.KeySuper) {
        dispatch(app, {{"type", "multi_select"}, {"toggle", c.id}});
    } else if (io.KeyShift) {
        dispatch(app, {{"type", "multi_select"}, {"range_to", c.id}});
    } else {
        if (!app.view.checked.empty()) cmd::multi_select_clear(app);
        cmd::select(app, c.id);
    }
}

void draw_rows(AppState& app) {
    const auto& rows = app.view.rows;
    keep_cursor_in_view(app, app.view.row_height);
    sd::SlaResult sla;
    ImGuiListClipper clipper;
    clipper.Begin(int(rows.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const sd::Conversation& c = app.store.conversations[rows[size_t(r)]];
            const bool checked = !app.view.checked.empty() && app.view.checked.count(c.id);
            ImGui::TableNextRow(0, ImGui::GetTextLineHeight() + 8);
            ImGui::TableSetColumnIndex(kDot);
            ImGui::PushID(r);
            // One selectable spanning the row: a click opens the conversation, Ctrl+click adds
            // it to the multi-selection, Shift+click selects the range from the last one.
            if (ImGui::Selectable("##row", c.id == app.view.selected || checked,
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                                  ImVec2(0, ImGui::GetTextLineHeight() + 4)))
                row_clicked(app, c);
            ImGui::PopID();
            const ImVec2 p = ImGui::GetItemRectMin();
            if (r == clipper.DisplayStart && clipper.DisplayEnd - clipper.DisplayStart > 1) {
                app.view.first_visible_row = r;
                app.view.first_row_y = p.y;
                app.view.row_height = ImGui::GetItemRectSize().y;   // the selectable spans the row: its height is the pitch
                app.view.list_x = p.x;
                app.view.list_w = ImGui::GetItemRectSize().x;
            }
            row_marks(app, c, checked, p, ImGui::GetItemRectSize().y);
            row_cells(app, c, sla);
        }
    }
}

// state().layout: the list's rectangle and its columns as drawn.
void report_layout(AppState& app, const ImRect& r) {
    ViewState& v = app.view;
    v.list_rect[0] = r.Min.x, v.list_rect[1] = r.Min.y, v.list_rect[2] = r.GetWidth(), v.list_rect[3] = r.GetHeight();
    v.columns.clear();
    ImGuiTable* t = ImGui::GetCurrentTable();
    static const char* kNames[] = {"", "marketplace", "customer", "subject", "order_id", "last_message", "respond_in", "resolve_in"};
    for (int i = 1; i < kColumns; ++i)
        if (t->Columns[i].IsEnabled) v.columns.emplace_back(kNames[i], t->Columns[i].WidthGiven);
}

}  // namespace

void draw_list_pane(AppState& app) {
    ImGui::BeginChild("##list", ImVec2(0, 0), false);
    ImGui::Dummy(ImVec2(0, 2));
    ImGui::Indent(8);
    if (app.view.narrow) draw_folder_button(app);
    ImGui::BeginGroup();
    draw_sla_strip(app);
    ImGui::EndGroup();
    const ImVec2 strip_min = ImGui::GetItemRectMin(), strip_max = ImGui::GetItemRectMax();
    app.view.parts["sla_strip"] = {strip_min.x, strip_min.y, strip_max.x - strip_min.x, strip_max.y - strip_min.y};
    draw_search_bar(app);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", trn("list.count", int64_t(app.view.rows.size())).c_str());
    if (!app.view.rows.empty() && app.view.checked.size() < app.view.rows.size()) {
        same_line_if_fits(ImGui::CalcTextSize(tr("list.select_all")).x + 8);
        if (ImGui::SmallButton(tr("list.select_all"))) dispatch(app, {{"type", "multi_select"}, {"ids", "all"}});
    }
    if (!app.view.checked.empty()) draw_bulk_bar(app);
    else if (!app.bulk_error.empty()) app.bulk_error.clear();
    ImGui::Unindent(8);
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Sortable;
    const float w = ImGui::GetContentRegionAvail().x;
    const ImVec2 at = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
    if (ImGui::BeginTable("##conversations", kColumns, flags)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        setup_columns(w, app.settings.team_target.enabled);
        ImGui::TableHeadersRow();
        sort_from_headers(app);
        draw_rows(app);
        report_layout(app, ImRect(at, ImVec2(at.x + avail.x, at.y + avail.y)));
        ImGui::EndTable();
    }
    ImGui::EndChild();
}
