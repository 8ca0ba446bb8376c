// Middle pane: the conversation list of the current view, clipped so only visible rows are drawn.
#include <cstdio>

#include "app_state.h"
#include "imgui.h"

void draw_list_pane(AppState& app) {
    ImGui::BeginChild("##list", ImVec2(0, 0), false);
    ImGui::Dummy(ImVec2(0, 2));
    ImGui::Indent(8);
    ImGui::Text("%zu conversations", app.view.rows.size());
    ImGui::Unindent(8);
    ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                            ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("##conversations", 6, flags)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 10.0f);
        ImGui::TableSetupColumn("Marketplace", ImGuiTableColumnFlags_WidthFixed, 84.0f);
        ImGui::TableSetupColumn("Customer", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("Subject", ImGuiTableColumnFlags_WidthStretch, 1.8f);
        ImGui::TableSetupColumn("Order ID", ImGuiTableColumnFlags_WidthStretch, 1.1f);
        ImGui::TableSetupColumn("Last message", ImGuiTableColumnFlags_WidthFixed, 86.0f);
        ImGui::TableHeadersRow();

        const auto& rows = app.view.rows;
        ImGuiListClipper clipper;
        clipper.Begin(int(rows.size()));
        while (clipper.Step()) {
            for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
                const sd::Conversation& c = app.store.conversations[rows[size_t(r)]];
                const sd::Customer* who = app.store.find_customer(c.customer_id);
                bool selected = c.id == app.view.selected;
                ImGui::TableNextRow(0, ImGui::GetTextLineHeight() + 8);
                ImGui::TableSetColumnIndex(0);
                ImGui::PushID(r);
                // One selectable spanning the row: a click anywhere opens the conversation.
                if (ImGui::Selectable("##row", selected, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                                      ImVec2(0, ImGui::GetTextLineHeight() + 4)))
                    dispatch(app, {{"type", "select"}, {"id", c.id}});
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
                if (c.unread)
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
            }
        }
        ImGui::EndTable();
    }
    ImGui::EndChild();
}
