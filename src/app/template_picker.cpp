// The template picker: a popup over the composer, keyboard first (type to search, arrows, Enter
// inserts, Esc closes), with each template's guidance and a preview filled from the conversation.
#include <algorithm>

#include "app_state.h"
#include "widgets.h"
#include "i18n.h"
#include "format.h"
#include "commands.h"
#include "panels.h"
#include "text_field.h"
#include "core/compose.h"
#include "imgui.h"
#include "imgui_stdlib.h"

using nlohmann::json;

// Lists the conversation's marketplace's templates and the general ones.
bool draw_template_picker(AppState& app, const sd::Conversation& c) {
    ComposerState& cs = app.composer;
    if (cs.open_picker) {
        ImGui::OpenPopup("##template_picker");
        cs.open_picker = false;
        cs.picker_query.clear();
        cs.picker_index = 0;
    }
    // Over the composer, its bottom on the editor's: what is typed goes to its search field.
    const float* r = cs.editor_rect;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const ImVec2 size(std::min(560.0f, display.x - 16), std::min(380.0f, display.y - 40));
    ImGui::SetNextWindowSize(size, ImGuiCond_Always);
    ImGui::SetNextWindowPos(ImVec2(std::clamp(r[0], 8.0f, display.x - size.x - 8), std::clamp(r[1] + r[3], size.y + 30, display.y - 8)),
                            ImGuiCond_Always, ImVec2(0, 1));
    if (!ImGui::BeginPopup("##template_picker")) return false;
    ImGui::TextDisabled("%s", trf("picker.title", {{"market", marketplace_name(c.marketplace)}}).c_str());
    if (ImGui::IsWindowAppearing()) focus_field(app, "picker");
    TextFieldOptions o;
    o.hint = tr("picker.hint");
    o.label = tr("picker.label");
    const TextFieldEvents keys = text_field(app, "picker", cs.picker_query, o);
    if (keys.changed) cs.picker_index = 0;
    sd::TemplateQuery q;
    q.text = cs.picker_query;
    q.marketplace = c.marketplace;
    std::vector<size_t> hits = sd::search_templates(app.templates.lib, q);
    // Keys come from the search field (arrows and Enter) or, when it does not have the focus, from ImGui.
    const bool down = keys.down || ImGui::IsKeyPressed(40), up = keys.up || ImGui::IsKeyPressed(38);
    if (down) cs.picker_index = std::min(cs.picker_index + 1, int(hits.size()) - 1);
    if (up) cs.picker_index = std::max(cs.picker_index - 1, 0);
    const bool enter = keys.enter || ImGui::IsKeyPressed(13, false);
    if (keys.escape) ImGui::CloseCurrentPopup();
    cs.picker_index = std::clamp(cs.picker_index, 0, std::max(0, int(hits.size()) - 1));
    std::string chosen;
    ImGui::BeginChild("##list", ImVec2(250, 0), true);
    for (int i = 0; i < int(hits.size()); ++i) {
        const sd::Template& t = app.templates.lib.templates[hits[size_t(i)]];
        bool sel = i == cs.picker_index;
        // The title in the UI language, the other one on hover.
        if (ImGui::Selectable((template_title(t) + "##" + t.id).c_str(), sel, ImGuiSelectableFlags_AllowDoubleClick)) {
            cs.picker_index = i;
            if (ImGui::IsMouseDoubleClicked(0)) chosen = t.id;
        }
        if (ImGui::IsItemHovered() && !template_other_title(t).empty()) tooltip(template_other_title(t).c_str());
        if (sel && (down || up)) ImGui::SetScrollHereY();
    }
    if (hits.empty()) ImGui::TextDisabled("%s", tr("picker.none"));
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##preview", ImVec2(0, 0), false);
    if (!hits.empty()) {
        const sd::Template& t = app.templates.lib.templates[hits[size_t(cs.picker_index)]];
        if (!template_other_title(t).empty()) ImGui::TextColored(ImVec4(0.12f, 0.35f, 0.75f, 1), "%s", template_other_title(t).c_str());
        ImGui::TextDisabled("%s", trf("picker.meta", {{"market", t.marketplace}, {"category", t.category}, {"n", t.usage_count}}).c_str());
        if (!t.guidance_zh.empty()) {
            ImGui::PushTextWrapPos(0);
            ImGui::TextColored(ImVec4(0.55f, 0.40f, 0.05f, 1), "%s", t.guidance_zh.c_str());
            ImGui::PopTextWrapPos();
        }
        ImGui::Separator();
        sd::ComposeSettings set{app.settings.agent_name, app.settings.store_name};
        const std::string* body = t.body("en");
        sd::FillResult f = sd::fill_template(body ? *body : "", sd::placeholder_values(app.store, c, set, app.now));
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(f.text.c_str());
        ImGui::PopTextWrapPos();
        if (!f.missing.empty()) {
            std::string names;
            for (const std::string& m : f.missing) names += (names.empty() ? "{" : ", {") + m + "}";
            ImGui::TextColored(ImVec4(0.85f, 0.19f, 0.15f, 1), "%s", trf("picker.fill_by_hand", {{"names", names}}).c_str());
        }
        if (ImGui::Button(tr("picker.insert")) || enter) chosen = t.id;
    }
    ImGui::EndChild();
    if (!chosen.empty()) {
        json result = dispatch(app, {{"type", "insert_template"}, {"id", c.id}, {"template", chosen}});
        if (result["ok"] != true) cs.notice = result.value("error", "");
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
    return true;
}

