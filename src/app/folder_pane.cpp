// Left pane: folders, marketplaces and marketplace-specific views with their counts (always
// current: they come from the same query run that builds the list). Clicking one filters the list.
#include <cstdio>

#include "app_state.h"
#include "commands.h"
#include "format.h"
#include "panels.h"
#include "theme.h"
#include "imgui.h"

namespace {

void folder_item(AppState& app, const char* label, const char* filter, const ImVec4* dot) {
    sd::Filter f;
    if (!sd::parse_filter(filter, f)) return;
    int count = int(app.view.counts.count(f));
    bool selected = app.view.sla_filter.empty() && app.view.query.filter == filter;
    ImGui::PushID(filter);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    if (ImGui::Selectable("##f", selected, 0, ImVec2(0, ImGui::GetTextLineHeight() + 4)))
        cmd::filter(app, filter);
    ImGui::PopID();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float x = pos.x + 8, y = pos.y + 2;
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

void heading(const char* text) {
    ImGui::Dummy(ImVec2(0, 6));
    ImGui::Indent(8);
    ImGui::TextDisabled("%s", text);
    ImGui::Unindent(8);
}

}  // namespace

void draw_folder_pane(AppState& app) {
    ImGui::BeginChild("##folders", ImVec2(0, 0), false);
    heading("FOLDERS");
    folder_item(app, "All messages", "all", nullptr);
    folder_item(app, "Unread", "unread", nullptr);
    folder_item(app, "Response Needed", "response_needed", nullptr);
    folder_item(app, "Customer Care", "customer_care", nullptr);
    folder_item(app, "Failed messages", "failed", nullptr);
    folder_item(app, "Spam", "spam", nullptr);
    folder_item(app, "Assigned to me", "mine", nullptr);
    heading("MARKETPLACES");
    for (int m = 0; m < sd::kMarketplaceCount; ++m) {
        auto mk = sd::Marketplace(m);
        std::string filter = std::string("marketplace:") + sd::to_string(mk);
        folder_item(app, sd::display_name(mk), filter.c_str(), &marketplace_color(mk));
    }
    heading("STATUS");
    folder_item(app, "Awaiting you", "status:awaiting_seller", nullptr);
    folder_item(app, "Awaiting customer", "status:awaiting_customer", nullptr);
    folder_item(app, "Closed", "status:closed", nullptr);
    heading("WISH TICKETS");
    folder_item(app, "Unhandled", "wish:unhandled", nullptr);
    folder_item(app, "History", "wish:history", nullptr);
    heading("EBAY");
    folder_item(app, "From members", "ebay:from_members", nullptr);
    folder_item(app, "From eBay", "ebay:from_ebay", nullptr);
    folder_item(app, "High priority", "ebay:high_priority", nullptr);
    // User labels (the two Walmart ones are folders above), with their counts.
    bool any = false;
    for (const auto& [label, count] : app.view.counts.labels) {
        if (label == sd::labels::kResponseNeeded || label == sd::labels::kCustomerCare) continue;
        if (!any) heading("LABELS");
        any = true;
        std::string filter = "label:" + label;
        folder_item(app, pretty_label(label).c_str(), filter.c_str(), nullptr);
    }
    ImGui::EndChild();
}
