// Left pane: folders and marketplaces with their counts. Clicking one filters the list.
#include <cstdio>

#include "app_state.h"
#include "imgui.h"

namespace {

void folder_item(AppState& app, const char* label, const char* filter, int count, const ImVec4* dot) {
    bool selected = app.view.filter == filter;
    char id[96];
    std::snprintf(id, sizeof id, "##%s", filter);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    if (ImGui::Selectable(id, selected, 0, ImVec2(0, ImGui::GetTextLineHeight() + 6)))
        dispatch(app, {{"type", "filter"}, {"name", filter}});
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float x = pos.x + 8, y = pos.y + 3;
    if (dot) {
        dl->AddCircleFilled(ImVec2(x + 4, y + ImGui::GetTextLineHeight() * 0.5f), 4.5f, ImGui::GetColorU32(*dot));
        x += 16;
    }
    dl->AddText(ImVec2(x, y), ImGui::GetColorU32(ImGuiCol_Text), label);
    char n[16];
    std::snprintf(n, sizeof n, "%d", count);
    float nw = ImGui::CalcTextSize(n).x;
    float right = pos.x + ImGui::GetContentRegionAvail().x - 8;
    dl->AddText(ImVec2(right - nw, y), ImGui::GetColorU32(ImGuiCol_TextDisabled), n);
}

}  // namespace

void draw_folder_pane(AppState& app) {
    ImGui::BeginChild("##folders", ImVec2(0, 0), false);
    ImGui::Dummy(ImVec2(0, 4));
    int all = 0, unread = 0, spam = 0, per_market[sd::kMarketplaceCount] = {};
    for (const sd::Conversation& c : app.store.conversations) {
        if (c.spam != sd::SpamReason::None) {
            ++spam;
            continue;
        }
        ++all;
        unread += c.unread;
        ++per_market[int(c.marketplace)];
    }
    ImGui::Indent(8);
    ImGui::TextDisabled("FOLDERS");
    ImGui::Unindent(8);
    folder_item(app, "All messages", "all", all, nullptr);
    folder_item(app, "Unread", "unread", unread, nullptr);
    folder_item(app, "Spam", "spam", spam, nullptr);
    ImGui::Dummy(ImVec2(0, 8));
    ImGui::Indent(8);
    ImGui::TextDisabled("MARKETPLACES");
    ImGui::Unindent(8);
    for (int m = 0; m < sd::kMarketplaceCount; ++m) {
        auto mk = sd::Marketplace(m);
        std::string filter = std::string("marketplace:") + sd::to_string(mk);
        folder_item(app, sd::display_name(mk), filter.c_str(), per_market[m], &marketplace_color(mk));
    }
    ImGui::EndChild();
}
