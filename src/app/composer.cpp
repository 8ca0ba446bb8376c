// The reply composer under the thread: the editor (a browser textarea laid over the canvas), the
// reply checker's findings under it, and the actions: Insert template, Copy reply, Save draft,
// Mark as sent (asks for an explicit override when the checker found errors), Mark failed.
//
// The checker costs ~0.14 ms for 10,000 characters, so it runs on every keystroke; the draft is
// saved to the conversation (a set_draft op, journaled like any edit) 800 ms after typing stops,
// when another conversation is opened, and before the page is hidden.
#include <algorithm>

#include "app_state.h"
#include "core/compose.h"
#include "imgui.h"
#include "platform/platform.h"

using nlohmann::json;

namespace {

constexpr double kDraftDelayMs = 800;

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

size_t utf16_to_byte(const std::string& text, int utf16) {
    if (utf16 < 0) return text.size();
    size_t i = 0;
    int u = 0;
    while (i < text.size() && u < utf16) {
        unsigned char b = static_cast<unsigned char>(text[i]);
        size_t len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        u += len == 4 ? 2 : 1;
        i = std::min(text.size(), i + len);
    }
    return i;
}

json findings_json_utf16(const std::vector<sd::Finding>& findings, const std::string& text) {
    json out = json::array();
    for (const sd::Finding& f : findings)
        out.push_back({{"rule", f.rule}, {"severity", sd::to_string(f.severity)}, {"start", to_utf16(text, f.start)},
                       {"end", to_utf16(text, f.end)}, {"message", f.message}, {"start_byte", f.start}, {"end_byte", f.end},
                       {"source", f.source}});
    return out;
}

json composer_json(const AppState& app) {
    const ComposerState& cs = app.composer;
    if (cs.id.empty()) return {{"id", nullptr}, {"text", ""}, {"findings", json::array()}};
    // Findings are recomputed here when typing has not reached a frame yet: state() is never stale.
    std::vector<sd::Finding> fresh;
    const std::vector<sd::Finding>* f = &cs.findings;
    if (cs.check_due)
        if (const sd::Conversation* c = app.store.find_conversation(cs.id)) {
            fresh = sd::check_draft(app.store, *c, cs.text);
            f = &fresh;
        }
    return {{"id", cs.id}, {"text", cs.text}, {"findings", findings_json_utf16(*f, cs.text)}, {"caret", to_utf16(cs.text, cs.caret)},
            {"draft_saved", !cs.draft_due}};
}

void composer_save_draft(AppState& app) {
    ComposerState& cs = app.composer;
    if (!cs.draft_due || cs.id.empty()) return;
    const sd::Conversation* c = app.store.find_conversation(cs.id);
    cs.draft_due = false;
    if (!c || c->draft == cs.text) return;
    dispatch(app, {{"type", "save_draft"}, {"id", cs.id}, {"text", cs.text}});
}

void composer_open(AppState& app) {
    ComposerState& cs = app.composer;
    if (cs.id == app.view.selected) return;
    composer_save_draft(app);
    const sd::Conversation* c = app.store.find_conversation(app.view.selected);
    cs = ComposerState();
    if (!c) {
        platform::editor_set_text("", 0);
        return;
    }
    cs.id = c->id;
    cs.text = c->draft;
    cs.caret = cs.text.size();
    cs.push_text = true;
}

void composer_set_text(AppState& app, const std::string& text, size_t caret, bool from_editor) {
    ComposerState& cs = app.composer;
    if (cs.id.empty()) return;
    if (text != cs.text) {
        cs.text = text;
        cs.check_due = true;
        cs.draft_due = true;
        cs.edited_ms = app.real_ms;
        cs.notice.clear();
    }
    cs.caret = std::min(caret, cs.text.size());
    if (!from_editor) cs.push_text = true;
}

void composer_update(AppState& app) {
    ComposerState& cs = app.composer;
    if (cs.id != app.view.selected) composer_open(app);
    if (cs.id.empty()) {
        platform::editor_place(0, 0, 0, 0, false);
        return;
    }
    const sd::Conversation* c = app.store.find_conversation(cs.id);
    if (!c) return;
    if (cs.push_text) {
        platform::editor_set_text(cs.text, to_utf16(cs.text, cs.caret));
        cs.push_text = false;
        cs.check_due = true;
    }
    if (cs.check_due) {
        cs.findings = sd::check_draft(app.store, *c, cs.text);
        cs.check_due = false;
        json marks = json::array();
        for (const sd::Finding& f : cs.findings)
            if (f.end > f.start)
                marks.push_back({{"start", to_utf16(cs.text, f.start)}, {"end", to_utf16(cs.text, f.end)}, {"severity", sd::to_string(f.severity)}});
        platform::editor_set_marks(marks.dump());
    }
    if (cs.draft_due) {
        if (app.real_ms - cs.edited_ms >= kDraftDelayMs) composer_save_draft(app);
        else platform::request_frames(kDraftDelayMs);   // come back when it is due
    }
    if (cs.focus_start != -2) {
        platform::editor_focus(cs.focus_start, cs.focus_end);
        cs.focus_start = cs.focus_end = -2;
    }
}

// Called by the platform when the user typed in the textarea.
void app_on_editor_input_impl(AppState& app, const char* text, int caret_utf16) {
    std::string t = text ? text : "";
    composer_set_text(app, t, utf16_to_byte(t, caret_utf16), true);
}

void app_on_editor_command_impl(AppState& app, const std::string& name, int caret_utf16) {
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
        composer_save_draft(app);
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
        composer_save_draft(app);
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
