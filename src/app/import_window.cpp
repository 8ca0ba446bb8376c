// The import and export windows: an import's progress (checking, merging, saving), its report
// with the conflicts and Undo, and the export dialog.
#include <algorithm>
#include <cstdio>

#include "app_state.h"
#include "commands.h"
#include "import_export.h"
#include "panels.h"
#include "theme.h"
#include "imgui.h"
#include "platform/platform.h"

using nlohmann::json;

void draw_import_windows(AppState& app) {
    ImportState& im = app.import;
    ImGuiViewport* vp = ImGui::GetMainViewport();
    const ImVec2 center(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f);
    if (im.running) {
        ImGui::SetNextWindowPos(center, ImGuiCond_Always, ImVec2(0.5f, 0.5f));
        ImGui::SetNextWindowSize(ImVec2(420, 0));
        ImGui::Begin("Importing", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings);
        if (im.saving) {
            ImGui::Text("Saving %s", im.file_name.c_str());
            const double total = double(std::max<size_t>(im.encode.total, 1));
            char label[64];
            std::snprintf(label, sizeof label, "%zu / %zu records", im.encode.done, im.encode.total);
            ImGui::ProgressBar(float(double(im.encode.done) / total), ImVec2(-1, 0), label);
            ImGui::TextDisabled("Writing the merged inbox as a new snapshot.");
        } else if (im.checking) {
            ImGui::Text("Checking %s", im.file_name.c_str());
            const double total = double(std::max<size_t>(im.parse.bytes_total, 1));
            char label[64];
            std::snprintf(label, sizeof label, "%.1f / %.1f MB", double(im.parse.bytes_done) / 1e6, total / 1e6);
            ImGui::ProgressBar(float(double(im.parse.bytes_done) / total), ImVec2(-1, 0), label);
            ImGui::TextDisabled("Nothing in your inbox changes until the whole file is checked.");
        } else {
            ImGui::Text("Merging %s", im.file_name.c_str());
            float f = im.total ? float(im.job.next) / float(im.total) : 1.0f;
            char label[64];
            std::snprintf(label, sizeof label, "%zu / %zu conversations", im.job.next, im.total);
            ImGui::ProgressBar(f, ImVec2(-1, 0), label);
        }
        ImGui::TextDisabled("Your inbox is back as soon as this is done.");
        ImGui::End();
        return;
    }
    if (app.show_export) {
        ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
        if (ImGui::Begin("Export", &app.show_export, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
            ImGui::TextDisabled("A JSON file another SellerDesk can import and merge (docs/export-format.md).");
            int which = app.export_view_only ? 1 : 0;
            ImGui::RadioButton("Everything", &which, 0);
            char view[64];
            std::snprintf(view, sizeof view, "The current view (%zu conversations)", app.view.rows.size());
            ImGui::RadioButton(view, &which, 1);
            app.export_view_only = which == 1;
            ImGui::Checkbox("Redact personal data (names, e-mails, addresses, phone numbers) for demos and training", &app.export_redact);
            if (ImGui::Button("Export")) {
                ExportRequest req;
                req.view_only = app.export_view_only;
                req.redact = app.export_redact;
                std::string text, error;
                if (export_json_text(app, req, text, error)) {
                    platform::download(export_file_name(app, app.export_redact), text, "application/json");
                    app.show_export = false;
                } else {
                    app.import_notice = "Export failed: " + error;
                }
            }
        }
        ImGui::End();
    }
    if (!im.show_report || !im.report.is_object()) return;
    ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(640, 0), ImGuiCond_Appearing);
    if (!ImGui::Begin("Import", &im.show_report, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        return;
    }
    const json& r = im.report;
    ImGui::TextDisabled("%s", r.value("file", std::string("file")).c_str());
    if (r.value("ok", false) != true) {
        const json& e = r["error"];
        ImGui::TextColored(sla_color(sd::SlaState::Overdue), "Not imported: nothing in your inbox was changed.");
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(e.value("message", std::string()).c_str());
        ImGui::PopTextWrapPos();
    } else {
        ImGui::Text("%d added, %d updated, %d unchanged conversations", r.value("added", 0), r.value("updated", 0), r.value("unchanged", 0));
        const json& full = r["report"];
        ImGui::TextDisabled("%d messages added; %d conflicts resolved, %d to review", full.value("messages_added", 0),
                            full.value("conflicts_resolved", 0), full.value("conflicts_to_review", 0));
        if (r.value("undone", false)) ImGui::TextColored(ImVec4(0.80f, 0.55f, 0.02f, 1), "This import was undone.");
        const json& conflicts = r["conflicts"];
        if (!conflicts.empty() && ImGui::BeginTable("##conflicts", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp,
                                                    ImVec2(0, 220))) {
            ImGui::TableSetupColumn("Where", ImGuiTableColumnFlags_WidthStretch, 1.2f);
            ImGui::TableSetupColumn("Field", ImGuiTableColumnFlags_WidthStretch, 0.8f);
            ImGui::TableSetupColumn("Kept", ImGuiTableColumnFlags_WidthStretch, 1.5f);
            ImGui::TableSetupColumn("Other value", ImGuiTableColumnFlags_WidthStretch, 1.5f);
            ImGui::TableHeadersRow();
            for (const json& c : conflicts) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                std::string where = c.value("conversation", c.value("id", std::string()));
                if (c.value("review", false)) ImGui::TextColored(ImVec4(0.80f, 0.55f, 0.02f, 1), "%s", where.c_str());
                else ImGui::TextUnformatted(where.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(c.value("field", std::string()).c_str());
                ImGui::TableNextColumn();
                ImGui::TextWrapped("%s", c["kept"].dump().c_str());
                ImGui::TableNextColumn();
                ImGui::TextWrapped("%s", c["other"].dump().c_str());
            }
            ImGui::EndTable();
        }
        if (im.can_undo) {
            if (ImGui::Button("Undo this import")) dispatch(app, {{"type", "undo_import"}});
            ImGui::SameLine();
            ImGui::TextDisabled("(also undoes what you changed in those conversations since)");
        }
    }
    if (ImGui::Button("Close")) im.show_report = false;
    ImGui::End();
}
