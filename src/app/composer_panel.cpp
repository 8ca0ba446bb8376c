// The reply composer under the thread: the editor (a browser textarea laid over the canvas), the
// reply checker's findings under it, and the actions: Insert template, Copy reply, Save draft,
// Mark as sent (asks for an explicit override when the checker found errors), Mark failed.
#include <algorithm>

#include "app_state.h"
#include "commands.h"
#include "composer.h"
#include "edits.h"
#include "panels.h"
#include "theme.h"
#include "core/compose.h"
#include "imgui.h"
#include "platform/platform.h"

using nlohmann::json;

namespace {

int to_utf16(const std::string& text, size_t byte) { return int(sd::utf16_offset(text, byte)); }

ImVec4 severity_color(sd::Severity s) {
    switch (s) {
        case sd::Severity::Error: return ImVec4(0.85f, 0.19f, 0.15f, 1);
        case sd::Severity::Warning: return ImVec4(0.80f, 0.55f, 0.02f, 1);
        case sd::Severity::Hint: return ImVec4(0.12f, 0.43f, 0.90f, 1);
    }
    return ImVec4(0, 0, 0, 1);
}

// The snippet a finding points at, on one line, shortened.
std::string snippet(const std::string& text, const sd::Finding& f) {
    std::string s = text.substr(f.start, std::min<size_t>(f.end - f.start, 60));
    for (char& ch : s)
        if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
    if (f.end - f.start > 60) {
        while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
        if (!s.empty() && static_cast<unsigned char>(s.back()) >= 0xC0) s.pop_back();
        s += "…";
    }
    return s;
}

}  // namespace

void composer_on_command(AppState& app, const std::string& name, int caret_utf16) {
    ComposerState& cs = app.composer;
    if (cs.id.empty()) return;
    cs.caret = utf16_to_byte(cs.text, caret_utf16);
    if (name == "send") {
        json r = dispatch(app, {{"type", "mark_sent"}, {"id", cs.id}, {"override", false}});
        if (r["ok"] != true && r.contains("findings")) cs.confirm_send = true;
        else if (r["ok"] != true) cs.notice = r.value("error", "");
    } else if (name == "templates") {
        cs.open_picker = true;
    } else if (name == "leave") {
        save_open_draft(app);
    }
}


void draw_composer(AppState& app, const sd::Conversation& c) {
    ComposerState& cs = app.composer;
    const float pad = 8;
    ImGui::Separator();
    ImGui::Dummy(ImVec2(0, 2));
    ImGui::Indent(pad);
    if (app.tab.read_only) {   // another tab saves the inbox: nothing typed here could be kept
        platform::editor_place(0, 0, 0, 0, false);
        ImGui::TextDisabled("Replies are written in the tab that is editing this inbox (see the banner above).");
        if (!c.draft.empty()) ImGui::TextWrapped("Draft: %s", c.draft.c_str());
        ImGui::Unindent(pad);
        return;
    }
    // Toolbar.
    if (ImGui::Button("Insert template…")) cs.open_picker = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Ctrl+/ in the editor, or t in the list");
    ImGui::SameLine();
    bool empty = cs.text.find_first_not_of(" \t\r\n") == std::string::npos;
    if (empty) ImGui::BeginDisabled();
    if (ImGui::Button("Copy reply")) {
        platform::copy_text(cs.text);
        cs.notice = "Copied: paste it into the " + std::string(sd::display_name(c.marketplace)) + " seller center, then mark it sent.";
    }
    ImGui::SameLine();
    if (ImGui::Button("Save draft")) {
        cs.draft_due = true;
        save_open_draft(app);
        cs.notice = "Draft saved.";
    }
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.12f, 0.43f, 0.90f, 1));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.20f, 0.50f, 0.95f, 1));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    bool send = ImGui::Button("Mark as sent");
    ImGui::PopStyleColor(3);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Records the reply you sent in the seller center and stops the clock (Ctrl+Enter)");
    ImGui::SameLine();
    if (ImGui::Button("Mark failed")) {
        json r = dispatch(app, {{"type", "reply"}, {"id", c.id}, {"text", cs.text}, {"delivery", "failed"}});
        if (r["ok"] == true) {
            dispatch(app, {{"type", "draft"}, {"id", c.id}, {"text", ""}});
            cs.notice = "Recorded as not delivered: it is listed under Failed messages.";
        } else {
            cs.notice = r.value("error", "");
        }
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Records a reply that could not be delivered");
    if (empty) ImGui::EndDisabled();
    if (send) {
        json r = dispatch(app, {{"type", "mark_sent"}, {"id", c.id}, {"override", false}});
        if (r["ok"] != true && r.contains("findings")) cs.confirm_send = true;
        else if (r["ok"] != true) cs.notice = r.value("error", "");
    }
    // An empty draft is only an error when someone tries to send it.
    static const std::vector<sd::Finding> kNone;
    const std::vector<sd::Finding>& shown = empty ? kNone : cs.findings;
    size_t errors = sd::count_severity(shown, sd::Severity::Error), warnings = sd::count_severity(shown, sd::Severity::Warning),
           hints = sd::count_severity(shown, sd::Severity::Hint);
    // The editor's box: the textarea is laid over it (hidden while a popup or window covers it).
    float findings_h = (shown.empty() ? 0 : std::min<float>(float(shown.size()), 4.0f) * ImGui::GetTextLineHeightWithSpacing() + 6) +
                       (empty ? 0 : ImGui::GetTextLineHeightWithSpacing());
    float notice_h = cs.notice.empty() ? 0 : ImGui::GetTextLineHeightWithSpacing();
    ImVec2 avail = ImGui::GetContentRegionAvail();
    float box_h = std::max(60.0f, avail.y - findings_h - notice_h - 8);
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(avail.x - pad, box_h));
    bool covered = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) || app.show_settings || app.show_clock || app.show_team ||
                   app.show_shortcuts || app.templates.show_window || app.show_export || app.import.show_report;
    if (covered) {   // draw the text ourselves where the textarea would be
        ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + avail.x - pad, p.y + box_h), IM_COL32(255, 255, 255, 255), 6);
        ImGui::GetWindowDrawList()->AddText(nullptr, 0, ImVec2(p.x + 10, p.y + 8), IM_COL32(40, 44, 56, 255), cs.text.c_str(), nullptr,
                                            avail.x - pad - 20);
    }
    platform::editor_place(p.x, p.y, avail.x - pad, box_h, !covered);

    // The checker's verdict, then its findings in text order; click one to select its text.
    if (!empty) {
        if (errors) ImGui::TextColored(severity_color(sd::Severity::Error), "%zu error%s", errors, errors == 1 ? "" : "s");
        else ImGui::TextColored(ImVec4(0.2f, 0.6f, 0.3f, 1), "No rule broken");
        ImGui::SameLine();
        ImGui::TextDisabled("· %zu warning%s · %zu hint%s · %s", warnings, warnings == 1 ? "" : "s", hints, hints == 1 ? "" : "s",
                            cs.draft_due ? "editing" : "draft saved");
    }
    if (!shown.empty()) {
        ImGui::BeginChild("##findings", ImVec2(avail.x - pad, findings_h - ImGui::GetTextLineHeightWithSpacing()), false);
        for (size_t i = 0; i < shown.size(); ++i) {
            const sd::Finding& f = shown[i];
            ImGui::PushID(int(i));
            ImGui::TextColored(severity_color(f.severity), "%s", sd::to_string(f.severity));
            ImGui::SameLine(70);
            std::string snip = snippet(cs.text, f);
            if (ImGui::Selectable(snip.empty() ? f.message.c_str() : ("\"" + snip + "\"  " + f.message).c_str(), false)) {
                cs.focus_start = to_utf16(cs.text, f.start);
                cs.focus_end = to_utf16(cs.text, f.end);
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\nRule: %s — %s", f.message.c_str(), f.rule.c_str(), f.source.c_str());
            ImGui::PopID();
        }
        ImGui::EndChild();
    }
    if (!cs.notice.empty()) ImGui::TextColored(ImVec4(0.25f, 0.30f, 0.42f, 1), "%s", cs.notice.c_str());
    ImGui::Unindent(pad);

    // Errors: sending needs an explicit override, which is recorded on the message.
    if (cs.confirm_send) {
        ImGui::OpenPopup("Send with rule errors?");
        cs.confirm_send = false;
    }
    if (ImGui::BeginPopupModal("Send with rule errors?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 34);
        ImGui::TextWrapped("This reply breaks %zu %s rule%s. A reply that breaks them can cost the seller's account.", errors,
                           sd::display_name(c.marketplace), errors == 1 ? "" : "s");
        for (const sd::Finding& f : cs.findings)
            if (f.severity == sd::Severity::Error) ImGui::BulletText("%s", f.message.c_str());
        ImGui::TextDisabled("Marking it sent anyway is recorded on the message.");
        ImGui::PopTextWrapPos();
        if (ImGui::Button("Go back and fix it")) ImGui::CloseCurrentPopup();
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.85f, 0.19f, 0.15f, 1));
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
        if (ImGui::Button("Mark as sent anyway")) {
            json r = dispatch(app, {{"type", "mark_sent"}, {"id", c.id}, {"override", true}});
            if (r["ok"] != true) cs.notice = r.value("error", "");
            ImGui::CloseCurrentPopup();
        }
        ImGui::PopStyleColor(2);
        ImGui::EndPopup();
    }
    draw_template_picker(app, c);
}
