// The import and export windows: an import's progress (checking, merging, saving), its report
// with the conflicts and Undo, and the export dialog.
#include <algorithm>
#include <cstdio>
#include <string>

#include "app_state.h"
#include "commands.h"
#include "i18n.h"
#include "import_export.h"
#include "import_reasons.h"
#include "panels.h"
#include "theme.h"
#include "imgui.h"
#include "platform/platform.h"

using nlohmann::json;

namespace {

// The report's conflicts: where, which field, the value kept and the other one.
void draw_conflicts(const json& conflicts) {
    if (conflicts.empty() || !ImGui::BeginTable("##conflicts", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp,
                                                ImVec2(0, 220)))
        return;
    ImGui::TableSetupColumn(tr_id("import.col_where", "where").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(tr_id("import.col_field", "field").c_str(), ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn(tr_id("import.col_kept", "kept").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn(tr_id("import.col_other", "other").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.5f);
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

// Why nothing was imported: for mail and CSV, that everything was skipped (the list below says
// why, in the UI language); for an export, the export import's English message.
std::string not_imported_text(const json& r) {
    if (!r.contains("error") || !r["error"].is_object()) return "";
    const json& e = r["error"];
    if (e.value("code", std::string()) == "nothing_imported") return tr("import.nothing_imported");
    return e.value("message", std::string());
}

// Mail and CSV: what was added, what was there already, and every file and row skipped with why.
void draw_records_summary(const json& r) {
    if (!r.contains("added_conversations")) return;
    ImGui::TextUnformatted(trf("import.records_summary", {{"conversations", r.value("added_conversations", 0)},
                                                          {"messages", r.value("added_messages", 0)},
                                                          {"duplicates", r.value("duplicates", 0)}})
                               .c_str());
    if (r.value("seconds", 0.0) > 0)
        ImGui::TextDisabled("%s", trf("import.speed", {{"mb", format_decimal(r.value("bytes", 0.0) / 1048576.0, 1)},
                                                        {"seconds", format_decimal(r.value("seconds", 0.0), 1)},
                                                        {"rate", format_decimal(r.value("mb_per_s", 0.0), 1)}})
                                      .c_str());
    const json& skipped = r["skipped"];
    if (!skipped.is_array() || skipped.empty()) return;
    ImGui::TextUnformatted(tr("import.skipped_title"));
    // One line per file or row, only the visible ones formatted: a mailbox may skip thousands.
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float scrollbar = ImGui::GetStyle().ScrollbarSize;   // the horizontal one must not cover the last line
    ImGui::BeginChild("##skipped", ImVec2(0, std::min(160.0f, line * float(skipped.size()) + 8 + scrollbar)), true,
                      ImGuiWindowFlags_HorizontalScrollbar);
    ImGuiListClipper clipper;
    clipper.Begin(int(skipped.size()), line);
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const std::string text = skip_line(skipped[size_t(i)]);
            ImGui::TextUnformatted(text.c_str());
            if (ImGui::IsItemHovered()) {   // the whole entry, wrapped: a line may be wider than the window
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
                ImGui::TextUnformatted(text.c_str());
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
        }
    ImGui::EndChild();
}

}  // namespace

void draw_import_windows(AppState& app) {
    ImportState& im = app.import;
    ImGuiViewport* vp = ImGui::GetMainViewport();
    const ImVec2 center(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f);
    if (im.running) {
        ImGui::SetNextWindowPos(center, ImGuiCond_Always, ImVec2(0.5f, 0.5f));
        ImGui::SetNextWindowSize(ImVec2(420, 0));
        ImGui::Begin(tr_id("import.progress_title", "importing").c_str(), nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings);
        if (im.reading) {   // mail and CSV: the page decodes the files (records_import.h)
            ImGui::TextUnformatted(trf("import.reading", {{"file", im.reading_file.empty() ? im.file_name : im.reading_file}}).c_str());
            const double total = std::max(im.total_bytes, 1.0);
            const std::string label = trf("import.megabytes_progress", {{"done", format_decimal(im.read_bytes / 1e6, 1)},
                                                                         {"total", format_decimal(total / 1e6, 1)}});
            ImGui::ProgressBar(float(im.read_bytes / total), ImVec2(-1, 0), label.c_str());
            ImGui::TextDisabled("%s", tr("import.reading_explain"));
        } else if (im.saving) {
            ImGui::TextUnformatted(trf("import.saving", {{"file", im.file_name}}).c_str());
            const double total = double(std::max<size_t>(im.encode.total, 1));
            const std::string label = trn("import.records_progress", int64_t(im.encode.total), {{"done", im.encode.done}});
            ImGui::ProgressBar(float(double(im.encode.done) / total), ImVec2(-1, 0), label.c_str());
            ImGui::TextDisabled("%s", tr("import.saving_explain"));
        } else if (im.checking) {
            ImGui::TextUnformatted(trf("import.checking", {{"file", im.file_name}}).c_str());
            const double total = double(std::max<size_t>(im.parse.bytes_total, 1));
            const std::string label = trf("import.megabytes_progress", {{"done", format_decimal(double(im.parse.bytes_done) / 1e6, 1)},
                                                                         {"total", format_decimal(total / 1e6, 1)}});
            ImGui::ProgressBar(float(double(im.parse.bytes_done) / total), ImVec2(-1, 0), label.c_str());
            ImGui::TextDisabled("%s", tr("import.checking_explain"));
        } else {
            ImGui::TextUnformatted(trf("import.merging", {{"file", im.file_name}}).c_str());
            float f = im.total ? float(im.job.next) / float(im.total) : 1.0f;
            const std::string label = trn("import.conversations_progress", int64_t(im.total), {{"done", im.job.next}});
            ImGui::ProgressBar(f, ImVec2(-1, 0), label.c_str());
        }
        ImGui::TextDisabled("%s", tr("import.back_soon"));
        ImGui::End();
        return;
    }
    if (app.show_export) {
        ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
        if (ImGui::Begin(tr_id("export.title", "export").c_str(), &app.show_export, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
            ImGui::TextDisabled("%s", tr("export.explain"));
            int which = app.export_view_only ? 1 : 0;
            ImGui::RadioButton(tr_id("export.everything", "all").c_str(), &which, 0);
            ImGui::RadioButton((trn("export.current_view", int64_t(app.view.rows.size())) + "###view").c_str(), &which, 1);
            app.export_view_only = which == 1;
            ImGui::Checkbox(tr_id("export.redact", "redact").c_str(), &app.export_redact);
            if (ImGui::Button(tr_id("export.button", "go").c_str())) {
                ExportRequest req;
                req.view_only = app.export_view_only;
                req.redact = app.export_redact;
                std::string text, error;
                if (export_json_text(app, req, text, error)) {
                    platform::download(export_file_name(app, app.export_redact), text, "application/json");
                    app.show_export = false;
                } else {
                    app.import_notice = trf("export.failed", {{"error", error}});
                }
            }
        }
        ImGui::End();
    }
    if (!im.show_report || !im.report.is_object()) return;
    ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(640, 0), ImGuiCond_Appearing);
    if (!ImGui::Begin(tr_id("import.report_title", "import").c_str(), &im.show_report, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        return;
    }
    const json& r = im.report;
    ImGui::TextDisabled("%s", r.value("file", std::string()).c_str());
    if (r.value("ok", false) != true) {
        // An export's reason is importJson's error.message, which scripts read: it stays English.
        // Mail and CSV of which nothing could be read say why in the UI language (import_reasons.h).
        ImGui::TextColored(sla_color(sd::SlaState::Overdue), "%s", tr("import.not_imported"));
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(not_imported_text(r).c_str());
        ImGui::PopTextWrapPos();
        draw_records_summary(r);
    } else {
        draw_records_summary(r);
        ImGui::TextUnformatted(
            trf("import.summary", {{"added", r.value("added", 0)}, {"updated", r.value("updated", 0)}, {"unchanged", r.value("unchanged", 0)}}).c_str());
        static const json no_report = json::object();   // not copied: a mailbox's report is large
        const json& full = r.contains("report") && r["report"].is_object() ? r["report"] : no_report;
        ImGui::TextDisabled("%s", trf("import.details", {{"messages", full.value("messages_added", 0)},
                                                          {"resolved", full.value("conflicts_resolved", 0)},
                                                          {"review", full.value("conflicts_to_review", 0)}})
                                      .c_str());
        if (r.value("undone", false)) ImGui::TextColored(ImVec4(0.80f, 0.55f, 0.02f, 1), "%s", tr("import.undone"));
        draw_conflicts(r["conflicts"]);
        if (im.can_undo) {
            if (ImGui::Button(tr_id("import.undo", "undo").c_str())) dispatch(app, {{"type", "undo_import"}});
            ImGui::SameLine();
            ImGui::TextDisabled("%s", tr("import.undo_note"));
        }
    }
    if (ImGui::Button(tr_id("common.close", "close").c_str())) im.show_report = false;
    ImGui::End();
}
