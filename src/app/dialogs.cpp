// Modal dialogs: a new demo dataset, about.
#include "app_state.h"
#include "imgui.h"

void draw_dialogs(AppState& app) {
    // What loading found (a repaired journal, unreadable settings): said once, plainly.
    if (!app.load_report.empty() && !ImGui::IsPopupOpen("Your inbox was recovered")) ImGui::OpenPopup("Your inbox was recovered");
    if (ImGui::BeginPopupModal("Your inbox was recovered", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
        ImGui::TextUnformatted(app.load_report.c_str());
        ImGui::PopTextWrapPos();
        if (ImGui::Button("OK")) {
            app.load_report.clear();
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    if (app.show_reset) {
        ImGui::OpenPopup("New demo dataset");
        app.show_reset = false;
    }
    if (ImGui::BeginPopupModal("New demo dataset", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextWrapped("Replaces the inbox in this browser with a freshly generated dataset.\nEvery change made so far is discarded.");
        ImGui::SetNextItemWidth(160);
        ImGui::InputInt("Conversations", &app.reset_size, 100, 1000);
        ImGui::SetNextItemWidth(160);
        ImGui::InputInt("Seed", &app.reset_seed);
        if (app.reset_size < 10) app.reset_size = 10;
        if (app.reset_size > 100000) app.reset_size = 100000;
        if (ImGui::Button("Generate")) {
            dispatch(app, {{"type", "reset_demo"}, {"seed", app.reset_seed < 0 ? 0 : app.reset_seed}, {"conversations", app.reset_size}});
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (app.show_about) {
        ImGui::OpenPopup("About SellerDesk");
        app.show_about = false;
    }
    if (ImGui::BeginPopupModal("About SellerDesk", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::Text("SellerDesk %s", SD_VERSION);
        ImGui::TextWrapped("An offline-first customer-service inbox for Walmart, Amazon, eBay, Wish and Tmall sellers.\n"
                           "Your data stays in this browser (IndexedDB).");
        if (ImGui::Button("Close")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}
