// The template library window: browse, search, create, edit, duplicate, delete, import, export.
#include <algorithm>
#include <cstdio>

#include "app_state.h"
#include "commands.h"
#include "format.h"
#include "panels.h"
#include "text_field.h"
#include "core/compose.h"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "platform/platform.h"

using nlohmann::json;

namespace {

const char* kMarketNames[] = {"any", "walmart", "amazon", "ebay", "wish", "tmall"};

std::string title_of(const sd::Template& t) {
    return t.title_en.empty() ? t.title_zh : t.title_zh + "  ·  " + t.title_en;
}

}  // namespace

void draw_template_window(AppState& app) {
    TemplateState& ts = app.templates;
    if (!ts.show_window) return;
    ImGui::SetNextWindowSize(ImVec2(980, 600), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Template library", &ts.show_window, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        return;
    }
    // Toolbar: search, marketplace, new, import, export.
    TextFieldOptions search;
    search.hint = "Search titles, text, 中文…";
    search.width = 220;
    text_field(app, "tpl_search", ts.query, search);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(120);
    const char* markets[] = {"All marketplaces", "Walmart", "Amazon", "eBay", "Wish", "Tmall"};
    int m = ts.market + 1;
    if (ImGui::Combo("##m", &m, markets, 6)) ts.market = m - 1;
    ImGui::SameLine();
    if (ImGui::Button("New")) {
        ts.selected.clear();
        ts.edit = {{"id", "my-template"}, {"marketplace", ts.market >= 0 ? kMarketNames[ts.market + 1] : "any"}, {"category", "general"},
                   {"title_zh", "新模板"}, {"title_en", ""}, {"guidance_zh", ""}, {"body", {{"en", "Hello {customer_name},\n\n\n\nBest regards,\n{agent_name}"}}}};
        ts.edit_errors.clear();
    }
    ImGui::SameLine();
    if (ImGui::Button("Import…")) platform::pick_file("templates", ".json,application/json");
    ImGui::SameLine();
    if (ImGui::Button("Export")) platform::download("sellerdesk-templates.json", sd::library_to_json(ts.lib).dump(2) + "\n", "application/json");
    if (!ts.notice.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", ts.notice.c_str());
    }
    if (!ts.load_error.empty()) ImGui::TextColored(ImVec4(0.85f, 0.19f, 0.15f, 1), "%s", ts.load_error.c_str());

    sd::TemplateQuery q;
    q.text = ts.query;
    if (ts.market >= 0) q.marketplace = sd::Marketplace(ts.market);
    std::vector<size_t> hits = sd::search_templates(ts.lib, q);
    ImGui::BeginChild("##list", ImVec2(420, 0), true);
    if (ImGui::BeginTable("##t", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("Title", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Used", ImGuiTableColumnFlags_WidthFixed, 40);
        ImGui::TableSetupColumn("Last used", ImGuiTableColumnFlags_WidthFixed, 80);
        ImGui::TableHeadersRow();
        for (size_t i : hits) {
            const sd::Template& t = ts.lib.templates[i];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (ImGui::Selectable((title_of(t) + "##" + t.id).c_str(), ts.selected == t.id, ImGuiSelectableFlags_SpanAllColumns)) {
                ts.selected = t.id;
                ts.edit = sd::template_to_json(t);
                ts.edit_errors.clear();
            }
            ImGui::TableNextColumn();
            ImGui::Text("%d", t.usage_count);
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", t.last_used == sd::kNoTime ? "—" : format_relative(t.last_used, app.now).c_str());
        }
        ImGui::EndTable();
    }
    ImGui::TextDisabled("%zu templates", hits.size());
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##edit", ImVec2(0, 0), false);
    if (ts.edit.is_object()) {
        auto edit_field = [&](const char* label, const char* key, bool multiline, float lines) {
            std::string v = ts.edit.value(key, std::string());
            ImGui::TextDisabled("%s", label);
            TextFieldOptions o;
            o.label = label;
            o.multiline = multiline;
            if (multiline) o.height = ImGui::GetTextLineHeightWithSpacing() * lines + 12;
            if (text_field(app, (std::string("tpl_") + key).c_str(), v, o).changed) ts.edit[key] = v;
        };
        edit_field("ID (letters, digits, dashes)", "id", false, 1);
        int mi = 0;
        for (int k = 0; k < 6; ++k)
            if (ts.edit.value("marketplace", std::string()) == kMarketNames[k]) mi = k;
        ImGui::TextDisabled("Marketplace");
        ImGui::SetNextItemWidth(160);
        if (ImGui::Combo("##market", &mi, kMarketNames, 6)) ts.edit["marketplace"] = kMarketNames[mi];
        edit_field("Category (scenario)", "category", false, 1);
        edit_field("标题 (Chinese title)", "title_zh", false, 1);
        edit_field("English title", "title_en", false, 1);
        edit_field("使用说明 (Chinese guidance: when to use it, what to check first)", "guidance_zh", true, 2.5f);
        // Bodies by language.
        if (!ts.edit.contains("body") || !ts.edit["body"].is_object()) ts.edit["body"] = json::object();
        ImGui::TextDisabled("Reply text in");
        for (auto& [lang, _] : ts.edit["body"].items()) {
            ImGui::SameLine();
            if (ImGui::RadioButton(lang.c_str(), ts.edit_lang == lang)) ts.edit_lang = lang;
        }
        ImGui::SameLine();
        TextFieldOptions lang;
        lang.hint = "de";
        lang.label = "Add a language";
        lang.width = 50;
        if (text_field(app, "tpl_lang", ts.new_lang, lang).enter && !ts.new_lang.empty()) {
            ts.edit["body"][ts.new_lang] = "";
            ts.edit_lang = ts.new_lang;
            ts.new_lang.clear();
        }
        if (!ts.edit["body"].contains(ts.edit_lang)) ts.edit_lang = ts.edit["body"].empty() ? "en" : ts.edit["body"].begin().key();
        std::string body = ts.edit["body"].value(ts.edit_lang, std::string());
        TextFieldOptions body_field;
        body_field.label = "Reply text";
        body_field.multiline = true;
        body_field.height = ImGui::GetTextLineHeightWithSpacing() * 9 + 12;
        if (text_field(app, ("tpl_body_" + ts.edit_lang).c_str(), body, body_field).changed) ts.edit["body"][ts.edit_lang] = body;
        std::string names;
        for (const sd::PlaceholderInfo& p : sd::known_placeholders()) names += std::string(names.empty() ? "" : " ") + "{" + p.name + "}";
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("Placeholders: %s", names.c_str());
        ImGui::PopTextWrapPos();
        if (ImGui::Button("Save")) {
            json r = dispatch(app, {{"type", "template_save"}, {"template", ts.edit}});
            ts.edit_errors = r["ok"] == true ? std::vector<std::string>{} : r.value("errors", std::vector<std::string>{r.value("error", "")});
            if (r["ok"] == true) {
                ts.selected = ts.edit.value("id", "");
                ts.notice = "Saved.";
            }
        }
        ImGui::SameLine();
        if (ImGui::Button("Duplicate")) {
            ts.edit["id"] = ts.edit.value("id", std::string("template")) + "-copy";
            ts.edit["title_zh"] = ts.edit.value("title_zh", std::string()) + "（副本）";
            ts.selected.clear();
            ts.notice = "A copy: change it and Save.";
        }
        ImGui::SameLine();
        if (!ts.selected.empty() && ImGui::Button("Delete")) {
            json r = dispatch(app, {{"type", "template_delete"}, {"template", ts.selected}});
            if (r["ok"] == true) {
                ts.notice = "Deleted " + ts.selected + ".";
                ts.selected.clear();
                ts.edit = nullptr;
            }
        }
        for (const std::string& e : ts.edit_errors) ImGui::TextColored(ImVec4(0.85f, 0.19f, 0.15f, 1), "%s", e.c_str());
    } else {
        ImGui::TextDisabled("Pick a template to edit it, or make a new one.");
    }
    ImGui::EndChild();
    ImGui::End();
}
