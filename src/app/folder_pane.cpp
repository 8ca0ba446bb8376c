// Left pane: folders, marketplaces and marketplace-specific views with their counts (always
// current: they come from the same query run that builds the list). Clicking one filters the list.
#include <string>

#include "app_state.h"
#include "commands.h"
#include "format.h"
#include "i18n.h"
#include "panels.h"
#include "theme.h"
#include "imgui.h"

namespace {

void folder_item(AppState& app, const char* label, const char* filter, const ImVec4* dot) {
    sd::Filter f;
    if (!sd::parse_filter(filter, f)) return;
    int count = int(app.view.counts.count(f));
    bool selected = app.view.sla_filter.empty() && !app.view.must_answer && app.view.query.filter == filter;
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
    const std::string n = format_number(count);
    float nw = ImGui::CalcTextSize(n.c_str()).x;
    float right = pos.x + ImGui::GetContentRegionAvail().x - 8;
    dl->AddText(ImVec2(right - nw, y), ImGui::GetColorU32(ImGuiCol_TextDisabled), n.c_str());
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
    // Walmart's Message Center filters, then the rest, named as each marketplace names them.
    heading(tr("folder.heading.folders"));
    folder_item(app, tr("folder.all"), "all", nullptr);
    folder_item(app, tr("folder.unread"), "unread", nullptr);
    folder_item(app, tr("folder.response_needed"), "response_needed", nullptr);
    folder_item(app, tr("folder.customer_care"), "customer_care", nullptr);
    folder_item(app, tr("folder.failed"), "failed", nullptr);
    folder_item(app, tr("folder.spam"), "spam", nullptr);
    folder_item(app, tr("folder.mine"), "mine", nullptr);
    folder_item(app, tr("folder.follow_up"), "follow_up", nullptr);   // customers due a VIP follow-up (handover.h)
    heading(tr("folder.heading.marketplaces"));
    for (int m = 0; m < sd::kMarketplaceCount; ++m) {
        auto mk = sd::Marketplace(m);
        std::string filter = std::string("marketplace:") + sd::to_string(mk);
        folder_item(app, marketplace_name(mk), filter.c_str(), &marketplace_color(mk));
    }
    heading(tr("folder.heading.status"));
    folder_item(app, tr("folder.awaiting_seller"), "status:awaiting_seller", nullptr);
    folder_item(app, tr("folder.awaiting_customer"), "status:awaiting_customer", nullptr);
    folder_item(app, tr("folder.closed"), "status:closed", nullptr);
    heading(tr("folder.heading.wish"));
    folder_item(app, tr("folder.wish_unhandled"), "wish:unhandled", nullptr);
    folder_item(app, tr("folder.wish_history"), "wish:history", nullptr);
    heading(tr("folder.heading.ebay"));
    folder_item(app, tr("folder.ebay_from_members"), "ebay:from_members", nullptr);
    folder_item(app, tr("folder.ebay_from_ebay"), "ebay:from_ebay", nullptr);
    folder_item(app, tr("folder.ebay_high_priority"), "ebay:high_priority", nullptr);
    // User labels (the two Walmart ones are folders above), with their counts.
    bool any = false;
    for (const auto& [label, count] : app.view.counts.labels) {
        if (label == sd::labels::kResponseNeeded || label == sd::labels::kCustomerCare) continue;
        if (!any) heading(tr("folder.heading.labels"));
        any = true;
        std::string filter = "label:" + label;
        folder_item(app, pretty_label(label).c_str(), filter.c_str(), nullptr);
    }
    ImGui::EndChild();
}
