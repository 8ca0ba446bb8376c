// Middle pane: the SLA strip (overdue / due soon per marketplace), the search bar, and the
// conversation list of the current view, clipped so only visible rows are drawn.
#include <cstdio>

#include "app_state.h"
#include "commands.h"
#include "format.h"
#include "panels.h"
#include "texts.h"
#include "theme.h"
#include "core/time.h"
#include "imgui.h"
#include "imgui_stdlib.h"

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

void draw_sla_strip(AppState& app) {
    const sd::SlaTally& s = app.sla_summary;
    int overdue = 0, soon = 0;
    for (int m = 0; m < sd::kMarketplaceCount; ++m) overdue += s.overdue[m], soon += s.due_soon[m];
    char text[64];
    std::string current = app.view.sla_filter.empty() ? "" : "sla:" + app.view.sla_filter +
                          (app.view.query.filter == "all" ? "" : ":" + app.view.query.filter.substr(12));
    std::snprintf(text, sizeof text, "%d overdue", overdue);
    if (strip_chip("##all_overdue", text, sla_color(sd::SlaState::Overdue), current == "sla:overdue"))
        cmd::filter(app, current == "sla:overdue" ? "all" : "sla:overdue");
    ImGui::SameLine();
    std::snprintf(text, sizeof text, "%d due soon", soon);
    if (strip_chip("##all_soon", text, sla_color(sd::SlaState::DueSoon), current == "sla:due_soon"))
        cmd::filter(app, current == "sla:due_soon" ? "all" : "sla:due_soon");
    for (int m = 0; m < sd::kMarketplaceCount; ++m) {
        if (!s.overdue[m] && !s.due_soon[m]) continue;
        auto mk = sd::Marketplace(m);
        ImGui::SameLine(0, 14);
        ImGui::TextColored(marketplace_color(mk), "%s", sd::display_name(mk));
        for (int k = 0; k < 2; ++k) {
            int n = k == 0 ? s.overdue[m] : s.due_soon[m];
            if (!n) continue;
            std::string name = std::string(k == 0 ? "sla:overdue:" : "sla:due_soon:") + sd::to_string(mk);
            std::snprintf(text, sizeof text, "%d", n);
            ImGui::SameLine(0, 4);
            ImGui::PushID(name.c_str());
            if (strip_chip("##chip", text, sla_color(k == 0 ? sd::SlaState::Overdue : sd::SlaState::DueSoon), current == name))
                cmd::filter(app, current == name ? "all" : name);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s: %d %s — click to list them", sd::display_name(mk), n, k == 0 ? "overdue" : "due soon");
            ImGui::PopID();
        }
    }
}

void draw_search_bar(AppState& app) {
    static const char* kFields[] = {"Everything", "Order ID", "Subject", "Customer Name"};
    static const sd::SearchField kFieldValues[] = {sd::SearchField::All, sd::SearchField::OrderId, sd::SearchField::Subject,
                                                   sd::SearchField::Customer};
    int current = 0;
    for (int i = 0; i < 4; ++i)
        if (kFieldValues[i] == app.view.query.field) current = i;
    ImGui::SetNextItemWidth(130);
    if (ImGui::Combo("##field", &current, kFields, 4))
        cmd::search(app, sd::to_string(kFieldValues[current]), app.view.query.text);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    // "/" jumps to the search box (DOM keyCode 191), as in Gmail; not while typing elsewhere.
    if (app.view.focus_search) {   // "/" (keyboard.cpp)
        ImGui::SetKeyboardFocusHere();
        app.view.focus_search = false;
    }
    std::string text = app.view.query.text;
    char hint[64] = "Search…";
    // A large inbox: its message texts arrive first, then they are indexed.
    const bool loading = app.texts.pending;
    const int percent = int((loading ? texts_progress(app) : app.index.build_progress(app.store)) * 100);
    if (!app.index.text_ready())
        std::snprintf(hint, sizeof hint, loading ? "Loading message texts… %d%%" : "Indexing for search… %d%%", percent);
    if (ImGui::InputTextWithHint("##search", hint, &text))
        cmd::search(app, sd::to_string(app.view.query.field), text);
    if (!app.index.text_ready() && !text.empty() && app.view.query.field != sd::SearchField::OrderId)
        ImGui::TextColored(ImVec4(0.6f, 0.45f, 0.05f, 1), "Still %s (%d%%): results appear when the search index is ready.",
                           loading ? "loading message texts" : "indexing for search", percent);
}


// Shown while conversations are multi-selected: the bulk actions, each one command over them all.
void draw_bulk_bar(AppState& app) {
    ViewState& v = app.view;
    auto run = [&](const nlohmann::json& cmd) {
        nlohmann::json r = dispatch(app, cmd);
        if (r["ok"] != true) app.bulk_error = r.value("error", "");
        else if (!r["refused"].empty())
            app.bulk_error = std::to_string(r["refused"].size()) + " refused: " + r["refused"][0].value("error", "");
        else app.bulk_error.clear();
    };
    ImGui::TextColored(ImVec4(0.12f, 0.35f, 0.75f, 1), "%zu selected", v.checked.size());
    ImGui::SameLine();
    if (ImGui::SmallButton("Mark read")) run({{"type", "bulk"}, {"action", "mark_read"}});
    ImGui::SameLine();
    if (ImGui::SmallButton("Mark unread")) run({{"type", "bulk"}, {"action", "mark_unread"}});
    ImGui::SameLine();
    if (ImGui::SmallButton("Label…") || (app.open_label_popup && !v.checked.empty())) {
        ImGui::OpenPopup("##bulk_labels");
        app.open_label_popup = false;
    }
    if (ImGui::BeginPopup("##bulk_labels")) {
        ImGui::TextDisabled("Add to all selected (Shift: remove)");
        static const char* kCommon[] = {"response_needed", "customer_care", "return_request", "address_change"};
        bool shift = ImGui::GetIO().KeyShift;
        for (const char* l : kCommon)
            if (ImGui::MenuItem(pretty_label(l).c_str())) run({{"type", "bulk"}, {"action", "label"}, {shift ? "remove" : "add", {l}}});
        for (const auto& [l, n] : v.counts.labels) {
            bool common = false;
            for (const char* k : kCommon) common |= l == k;
            if (!common && ImGui::MenuItem(pretty_label(l).c_str())) run({{"type", "bulk"}, {"action", "label"}, {shift ? "remove" : "add", {l}}});
        }
        ImGui::SetNextItemWidth(180);
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        if (ImGui::InputTextWithHint("##new", "new label, Enter", &app.bulk_label, ImGuiInputTextFlags_EnterReturnsTrue) &&
            !app.bulk_label.empty()) {
            run({{"type", "bulk"}, {"action", "label"}, {"add", {label_id(app.bulk_label)}}});
            app.bulk_label.clear();
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Assign…")) ImGui::OpenPopup("##bulk_assign");
    if (ImGui::BeginPopup("##bulk_assign")) {
        for (const std::string& a : app.settings.agents)
            if (ImGui::MenuItem(a.c_str())) run({{"type", "bulk"}, {"action", "assign"}, {"agent", a}});
        ImGui::Separator();
        if (ImGui::MenuItem("Unassign")) run({{"type", "bulk"}, {"action", "assign"}, {"agent", ""}});
        ImGui::EndPopup();
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Close")) run({{"type", "bulk"}, {"action", "close"}});
    ImGui::SameLine();
    if (ImGui::SmallButton("Clear selection")) cmd::multi_select_clear(app);
    if (!app.bulk_error.empty()) ImGui::TextColored(sla_color(sd::SlaState::Overdue), "%s", app.bulk_error.c_str());
}

}  // namespace

void draw_list_pane(AppState& app) {
    ImGui::BeginChild("##list", ImVec2(0, 0), false);
    ImGui::Dummy(ImVec2(0, 2));
    ImGui::Indent(8);
    draw_sla_strip(app);
    draw_search_bar(app);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%zu conversations", app.view.rows.size());
    if (!app.view.rows.empty() && app.view.checked.size() < app.view.rows.size()) {
        ImGui::SameLine();
        if (ImGui::SmallButton("Select all")) dispatch(app, {{"type", "multi_select"}, {"ids", "all"}});
    }
    if (!app.view.checked.empty()) draw_bulk_bar(app);
    else if (!app.bulk_error.empty()) app.bulk_error.clear();
    ImGui::Unindent(8);
    ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                            ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Sortable;
    if (ImGui::BeginTable("##conversations", 7, flags)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort, 10.0f);
        ImGui::TableSetupColumn("Marketplace", ImGuiTableColumnFlags_WidthFixed, 84.0f, int(sd::SortKey::Marketplace));
        ImGui::TableSetupColumn("Customer", ImGuiTableColumnFlags_WidthStretch, 1.0f, int(sd::SortKey::Customer));
        ImGui::TableSetupColumn("Subject", ImGuiTableColumnFlags_WidthStretch, 1.7f, int(sd::SortKey::Subject));
        ImGui::TableSetupColumn("Order ID", ImGuiTableColumnFlags_WidthStretch, 1.0f, int(sd::SortKey::OrderId));
        ImGui::TableSetupColumn("Last message", ImGuiTableColumnFlags_WidthFixed, 86.0f, int(sd::SortKey::LastMessage));
        ImGui::TableSetupColumn("Respond in", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_DefaultSort, 96.0f,
                                int(sd::SortKey::Urgency));
        ImGui::TableHeadersRow();
        // Header clicks sort; the first frame reports the default (urgency) and changes nothing.
        if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
            if (specs->SpecsDirty && specs->SpecsCount > 0) {
                auto key = sd::SortKey(specs->Specs[0].ColumnUserID);
                bool desc = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
                if (key == sd::SortKey::LastMessage) desc = !desc;   // newest first on the first click
                if (key != app.view.query.sort || desc != app.view.query.descending)
                    cmd::sort(app, sd::to_string(key), desc);
            }
            specs->SpecsDirty = false;
        }

        const auto& rows = app.view.rows;
        sd::SlaResult sla;
        ImGuiListClipper clipper;
        clipper.Begin(int(rows.size()));
        while (clipper.Step()) {
            for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
                const sd::Conversation& c = app.store.conversations[rows[size_t(r)]];
                const sd::Customer* who = app.store.find_customer(c.customer_id);
                bool checked = !app.view.checked.empty() && app.view.checked.count(c.id);
                bool selected = c.id == app.view.selected || checked;
                ImGui::TableNextRow(0, ImGui::GetTextLineHeight() + 8);
                ImGui::TableSetColumnIndex(0);
                ImGui::PushID(r);
                // One selectable spanning the row: a click opens the conversation, Ctrl+click adds
                // it to the multi-selection, Shift+click selects the range from the last one.
                if (ImGui::Selectable("##row", selected, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                                      ImVec2(0, ImGui::GetTextLineHeight() + 4))) {
                    const ImGuiIO& io = ImGui::GetIO();
                    if (io.KeyCtrl || io.KeySuper) dispatch(app, {{"type", "multi_select"}, {"toggle", c.id}});
                    else if (io.KeyShift) dispatch(app, {{"type", "multi_select"}, {"range_to", c.id}});
                    else {
                        if (!app.view.checked.empty()) cmd::multi_select_clear(app);
                        cmd::select(app, c.id);
                    }
                }
                if (selected && app.view.scroll_to_selected) {
                    ImGui::SetScrollHereY(0.4f);
                    app.view.scroll_to_selected = false;
                }
                ImGui::PopID();
                ImVec2 p = ImGui::GetItemRectMin();
                if (r == clipper.DisplayStart && clipper.DisplayEnd - clipper.DisplayStart > 1) {
                    app.view.first_visible_row = r;
                    app.view.first_row_y = p.y;
                    app.view.row_height = ImGui::GetItemRectSize().y;
                    app.view.list_x = p.x;
                    app.view.list_w = ImGui::GetItemRectSize().x;
                }
                if (c.id == app.view.cursor)   // the keyboard cursor: a bar at the row's left edge
                    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + 2.5f, p.y + ImGui::GetItemRectSize().y), IM_COL32(30, 110, 230, 255));
                if (checked) {   // a check mark, drawn (the cut-down fonts have no ✓ glyph)
                    float h = ImGui::GetTextLineHeight(), y = p.y + 2;
                    ImVec2 tick[3] = {ImVec2(p.x + 2, y + h * 0.55f), ImVec2(p.x + 4.5f, y + h * 0.8f), ImVec2(p.x + 9, y + h * 0.25f)};
                    ImGui::GetWindowDrawList()->AddPolyline(tick, 3, IM_COL32(30, 110, 230, 255), 0, 2.0f);
                }
                else if (c.unread)
                    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + 5, p.y + ImGui::GetTextLineHeight() * 0.5f + 2),
                                                                3.5f, IM_COL32(30, 110, 230, 255));
                ImGui::TableSetColumnIndex(1);
                ImGui::TextColored(marketplace_color(c.marketplace), "%s", sd::display_name(c.marketplace));
                ImGui::TableSetColumnIndex(2);
                ImVec4 text = c.unread ? ImVec4(0.05f, 0.07f, 0.12f, 1) : ImVec4(0.30f, 0.33f, 0.40f, 1);
                ImGui::TextColored(text, "%s", who ? who->name.c_str() : "—");
                ImGui::TableSetColumnIndex(3);
                ImGui::TextColored(text, "%s", c.subject.c_str());
                ImGui::TableSetColumnIndex(4);
                if (c.order_id.empty()) ImGui::TextDisabled("pre-sale");
                else ImGui::TextColored(ImVec4(0.35f, 0.38f, 0.45f, 1), "%s", c.order_id.c_str());
                ImGui::TableSetColumnIndex(5);
                ImGui::TextColored(ImVec4(0.40f, 0.43f, 0.50f, 1), "%s", format_relative(c.last_message_at(), app.now).c_str());
                ImGui::TableSetColumnIndex(6);
                sd::evaluate_sla(app.settings.sla, c, app.now, sla);
                if (const sd::SlaDeadline* d = sla.primary_deadline()) {
                    std::string label = format_countdown(*d, false);
                    ImGui::TextColored(sla_color(d->state), "%s", label.c_str());
                    if (ImGui::IsItemHovered()) {
                        const sd::SlaPolicy& pol = app.settings.sla.policies[size_t(d->policy)];
                        bool walmart = c.marketplace == sd::Marketplace::Walmart && d->open() && d->remaining > 0;
                        ImGui::SetTooltip("%s%s\n%s — deadline %s", walmart ? "Hours left to respond · " : "", sla_state_label(d->state),
                                          pol.name.c_str(), format_local_datetime(d->deadline).c_str());
                    }
                }
            }
        }
        ImGui::EndTable();
    }
    ImGui::EndChild();
}
