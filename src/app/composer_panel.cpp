// The reply composer under the thread: a toolbar (Insert template, Copy reply, Save draft, Mark
// as sent, Mark failed), the editor (the browser's textarea laid over the canvas: the text field
// "composer"), and the reply checker's verdict and findings under it. Marking a reply sent with
// rule errors asks first, and the override is recorded on the message.
#include <algorithm>

#include "app_state.h"
#include "i18n.h"
#include "format.h"
#include "commands.h"
#include "composer.h"
#include "edits.h"
#include "panels.h"
#include "text_field.h"
#include "theme.h"
#include "widgets.h"
#include "core/compose.h"
#include "team_sync.h"
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

bool blank(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](unsigned char ch) { return ch == ' ' || (ch >= 9 && ch <= 13); });
}

void mark_sent(AppState& app, const sd::Conversation& c, bool override_checks) {
    ComposerState& cs = app.composer;
    json r = dispatch(app, {{"type", "mark_sent"}, {"id", c.id}, {"override", override_checks}});
    if (r["ok"] != true && r.contains("findings") && !override_checks) cs.confirm_send = true;
    else if (r["ok"] != true) cs.notice = r.value("error", "");
}

void mark_failed(AppState& app, const sd::Conversation& c) {
    ComposerState& cs = app.composer;
    json r = dispatch(app, {{"type", "reply"}, {"id", c.id}, {"text", cs.text}, {"delivery", "failed"}});
    if (r["ok"] != true) {
        cs.notice = r.value("error", "");
        return;
    }
    dispatch(app, {{"type", "draft"}, {"id", c.id}, {"text", ""}});
    cs.notice = tr("composer.not_delivered");
}

// The toolbar: Insert template, Copy reply, Mark as sent, and Mark failed where it fits; "More"
// holds Save draft (drafts are saved as they are typed) and Mark failed on a narrow pane.
void draw_toolbar(AppState& app, const sd::Conversation& c) {
    ComposerState& cs = app.composer;
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    auto width = [&](const char* label) { return ImGui::CalcTextSize(label).x + 2 * pad.x; };
    if (ImGui::Button(tr("composer.insert_template"))) cs.open_picker = true;
    if (ImGui::IsItemHovered()) tooltip(tr("composer.insert_template_tip"));
    const bool empty = blank(cs.text);
    if (empty) ImGui::BeginDisabled();
    same_line_if_fits(width(tr("composer.copy")));
    if (ImGui::Button(tr("composer.copy"))) {
        platform::copy_text(cs.text);
        cs.notice = trf("composer.copied", {{"market", marketplace_name(c.marketplace)}});
    }
    same_line_if_fits(width(tr("composer.mark_sent")));
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.12f, 0.43f, 0.90f, 1));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.20f, 0.50f, 0.95f, 1));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    const bool send = ImGui::Button(tr("composer.mark_sent"));
    ImGui::PopStyleColor(3);
    if (ImGui::IsItemHovered()) tooltip(tr("composer.mark_sent_tip"));
    const float room = ImGui::GetContentRegionAvail().x - (ImGui::GetItemRectMax().x - ImGui::GetCursorScreenPos().x);
    const bool failed_fits = room > width(tr("composer.mark_failed")) + width(tr("composer.more")) + 24;
    if (failed_fits) {
        ImGui::SameLine();
        if (ImGui::Button(tr("composer.mark_failed"))) mark_failed(app, c);
        if (ImGui::IsItemHovered()) tooltip(tr("composer.mark_failed_tip"));
    }
    if (empty) ImGui::EndDisabled();
    same_line_if_fits(width(tr("composer.more")));
    if (ImGui::Button(tr_id("composer.more", "more").c_str())) ImGui::OpenPopup("##composer_more");
    if (ImGui::BeginPopup("##composer_more")) {
        if (ImGui::MenuItem(tr("composer.save_now"), nullptr, false, !empty)) {
            cs.draft_due = true;
            save_open_draft(app);
            cs.notice = tr("composer.draft_saved_notice");
        }
        if (!failed_fits && ImGui::MenuItem(tr("composer.mark_failed_long"), nullptr, false, !empty)) mark_failed(app, c);
        ImGui::EndPopup();
    }
    if (send) mark_sent(app, c, false);
}

// The checker's verdict, then its findings in text order (a scrolling list of two lines); click
// one to select its text in the editor.
void draw_verdict(AppState& app, const std::vector<sd::Finding>& shown, float findings_h) {
    ComposerState& cs = app.composer;
    const size_t errors = sd::count_severity(shown, sd::Severity::Error), warnings = sd::count_severity(shown, sd::Severity::Warning),
                 hints = sd::count_severity(shown, sd::Severity::Hint);
    if (errors) ImGui::TextColored(severity_color(sd::Severity::Error), "%s", trn("composer.errors", int64_t(errors)).c_str());
    else ImGui::TextColored(ImVec4(0.2f, 0.6f, 0.3f, 1), "%s", tr("composer.no_rule_broken"));
    ImGui::SameLine();
    ImGui::TextDisabled("· %s · %s · %s", trn("composer.warnings", int64_t(warnings)).c_str(), trn("composer.hints", int64_t(hints)).c_str(),
                        tr(cs.draft_due ? "composer.editing" : "composer.draft_saved"));
    if (shown.empty()) return;
    // Errors first, then warnings, then hints, each in text order: the two lines shown are the
    // ones that matter most.
    std::vector<size_t> order(shown.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return int(shown[a].severity) < int(shown[b].severity); });
    ImGui::BeginChild("##findings", ImVec2(ImGui::GetContentRegionAvail().x - 8, findings_h), false);
    for (size_t i : order) {
        const sd::Finding& f = shown[i];
        ImGui::PushID(int(i));
        ImGui::TextColored(severity_color(f.severity), "%s", tr(std::string("composer.severity.") + sd::to_string(f.severity)));
        ImGui::SameLine(70);
        // The rule's short name in the UI language where the catalogue has one; the checker's
        // own explanation (English) is on hover.
        const std::string snip = snippet(cs.text, f);
        const char* rule = tr_find(("checker.rule." + f.rule).c_str());
        const std::string what = std::string(rule && std::string(i18n_language()) != "en" ? rule : f.message.c_str());
        if (ImGui::Selectable(snip.empty() ? what.c_str() : ("\"" + snip + "\"  " + what).c_str(), false)) {
            cs.focus_start = to_utf16(cs.text, f.start);
            cs.focus_end = to_utf16(cs.text, f.end);
        }
        if (ImGui::IsItemHovered()) tooltip(trf("composer.rule_tip", {{"message", f.message}, {"rule", f.rule}, {"source", f.source}}).c_str());
        ImGui::PopID();
    }
    ImGui::EndChild();
}

// Errors: sending needs an explicit override, which is recorded on the message.
void draw_send_dialog(AppState& app, const sd::Conversation& c) {
    ComposerState& cs = app.composer;
    const std::string title = tr_id("composer.send_errors_title", "send_errors");
    if (cs.confirm_send) {
        ImGui::OpenPopup(title.c_str());
        cs.confirm_send = false;
    }
    if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    const size_t errors = sd::count_severity(cs.findings, sd::Severity::Error);
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 34);
    ImGui::TextWrapped("%s", trn("composer.send_errors_text", int64_t(errors), {{"market", marketplace_name(c.marketplace)}}).c_str());
    for (const sd::Finding& f : cs.findings)
        if (f.severity == sd::Severity::Error) ImGui::BulletText("%s", f.message.c_str());
    ImGui::TextDisabled("%s", tr("composer.send_errors_recorded"));
    ImGui::PopTextWrapPos();
    if (ImGui::Button(tr("composer.go_back"))) ImGui::CloseCurrentPopup();
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.85f, 0.19f, 0.15f, 1));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    if (ImGui::Button(tr("composer.send_anyway"))) {
        mark_sent(app, c, true);
        ImGui::CloseCurrentPopup();
    }
    ImGui::PopStyleColor(2);
    ImGui::EndPopup();
}

}  // namespace

float composer_height(const AppState& app, float pane_h) {
    const float line = ImGui::GetTextLineHeightWithSpacing();
    if (app.tab.read_only) return line * 3;
    const float chrome = ImGui::GetFrameHeightWithSpacing() + line + 18;   // toolbar, verdict, padding
    const float findings = std::min<float>(float(app.composer.findings.size()), ImGui::GetIO().DisplaySize.y < 600 ? 1.0f : 2.0f) * line;
    const float editor = std::clamp(pane_h * 0.15f, line * 2 + 16, line * 8 + 16);
    return chrome + findings + editor + (app.composer.notice.empty() ? 0 : line);
}

void draw_composer(AppState& app, const sd::Conversation& c) {
    ComposerState& cs = app.composer;
    const float pad = 8;
    const ImVec2 top = ImGui::GetCursorScreenPos(), room = ImGui::GetContentRegionAvail();
    app.view.parts["composer"] = {top.x, top.y, room.x, room.y};   // the tour's highlight: to the pane's bottom
    ImGui::Separator();
    ImGui::Dummy(ImVec2(0, 2));
    ImGui::Indent(pad);
    if (app.tab.read_only) {   // another tab saves the inbox: nothing typed here could be kept
        ImGui::TextDisabled("%s", tr("composer.read_only"));
        if (!c.draft.empty()) ImGui::TextWrapped("%s", trf("composer.draft_prefix", {{"text", c.draft}}).c_str());
        ImGui::Unindent(pad);
        return;
    }
    const std::string here = presence_text(app, c.id);   // team_sync.h: another agent has it open
    if (!here.empty()) ImGui::TextColored(ImVec4(0.80f, 0.40f, 0.0f, 1), "%s", here.c_str());
    draw_toolbar(app, c);
    // An empty draft is only an error when someone tries to send it.
    const bool empty = blank(cs.text);
    static const std::vector<sd::Finding> kNone;
    const std::vector<sd::Finding>& shown = empty ? kNone : cs.findings;
    const float line = ImGui::GetTextLineHeightWithSpacing();
    // Two lines of findings (one on a low screen); they scroll.
    const float findings_h = std::min<float>(float(shown.size()), ImGui::GetIO().DisplaySize.y < 600 ? 1.0f : 2.0f) * line;
    const float below = (empty ? 0 : line + findings_h) + (cs.notice.empty() ? 0 : line) + 4;
    TextFieldOptions o;
    o.multiline = true;
    o.marks = true;
    o.width = -pad;
    o.height = std::max(line * 2 + 16, ImGui::GetContentRegionAvail().y - below);
    o.hint = tr("composer.hint");
    o.label = tr("composer.label");
    const ImVec2 at = ImGui::GetCursorScreenPos();
    cs.editor_rect[0] = at.x, cs.editor_rect[1] = at.y, cs.editor_rect[2] = ImGui::GetContentRegionAvail().x - pad, cs.editor_rect[3] = o.height;
    text_field_place(app, "composer", cs.text, o);
    if (!empty) draw_verdict(app, shown, findings_h);
    if (!cs.notice.empty()) ImGui::TextColored(ImVec4(0.25f, 0.30f, 0.42f, 1), "%s", cs.notice.c_str());
    ImGui::Unindent(pad);
    draw_send_dialog(app, c);
    draw_template_picker(app, c);
}
