// The template library window: browse and search the templates (titles in the UI language, the
// other on hover), create, edit, duplicate, delete, import and export them.
#include <algorithm>
#include <cstdio>

#include "app_state.h"
#include "commands.h"
#include "format.h"
#include "i18n.h"
#include "panels.h"
#include "text_field.h"
#include "widgets.h"
#include "core/compose.h"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "platform/platform.h"

using nlohmann::json;

namespace {

// The template file format's marketplace names: "any" and the five.
const char* kMarketNames[] = {"any", "walmart", "amazon", "ebay", "wish", "tmall"};

// What a new template starts as: content, not interface text (the reply is English for buyers;
// the title is a placeholder in Chinese for the agent).
json new_template(int market) {
    static const char* kBody = "Hello {customer_name},\n\n\n\nBest regards,\n{agent_name}";
    return {{"id", "my-template"}, {"marketplace", market >= 0 ? kMarketNames[market + 1] : "any"}, {"category", "general"},
            {"title_zh", "\u65B0\u6A21\u677F"}, {"title_en", ""}, {"guidance_zh", ""}, {"body", {{"en", kBody}}}};
}

// Search, marketplace, New, Import…, Export.
void draw_toolbar(AppState& app) {
    TemplateState& ts = app.templates;
    TextFieldOptions search;
    search.hint = tr("templates.search_hint");
    search.width = 220;
    text_field(app, "tpl_search", ts.query, search);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(130);
    const char* markets[] = {tr("templates.all_markets"), marketplace_name(sd::Marketplace::Walmart), marketplace_name(sd::Marketplace::Amazon),
                             marketplace_name(sd::Marketplace::Ebay), marketplace_name(sd::Marketplace::Wish), marketplace_name(sd::Marketplace::Tmall)};
    int m = ts.market + 1;
    if (ImGui::Combo("##m", &m, markets, 6)) ts.market = m - 1;
    ImGui::SameLine();
    if (ImGui::Button(tr("templates.new"))) {
        ts.selected.clear();
        ts.edit = new_template(ts.market);
        ts.edit_errors.clear();
    }
    ImGui::SameLine();
    if (ImGui::Button(tr("templates.import"))) platform::pick_file("templates", ".json,application/json");
    ImGui::SameLine();
    if (ImGui::Button(tr("templates.export")))
        platform::download("sellerdesk-templates.json", sd::library_to_json(ts.lib).dump(2) + "\n", "application/json");
    if (!ts.notice.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", ts.notice.c_str());
    }
    if (!ts.load_error.empty()) ImGui::TextColored(ImVec4(0.85f, 0.19f, 0.15f, 1), "%s", ts.load_error.c_str());
}

// The templates that match, with how often and when each was used; a click opens it for editing.
void draw_list(AppState& app) {
    TemplateState& ts = app.templates;
    sd::TemplateQuery q;
    q.text = ts.query;
    if (ts.market >= 0) q.marketplace = sd::Marketplace(ts.market);
    const std::vector<size_t> hits = sd::search_templates(ts.lib, q);
    ImGui::BeginChild("##list", ImVec2(420, 0), true);
    if (ImGui::BeginTable("##t", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(tr("templates.col.title"), ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn(tr("templates.col.used"), ImGuiTableColumnFlags_WidthFixed, 56);
        ImGui::TableSetupColumn(tr("templates.col.last_used"), ImGuiTableColumnFlags_WidthFixed, 80);
        ImGui::TableHeadersRow();
        for (size_t i : hits) {
            const sd::Template& t = ts.lib.templates[i];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (ImGui::Selectable((template_title(t) + "##" + t.id).c_str(), ts.selected == t.id, ImGuiSelectableFlags_SpanAllColumns)) {
                ts.selected = t.id;
                ts.edit = sd::template_to_json(t);
                ts.edit_errors.clear();
            }
            if (ImGui::IsItemHovered() && !template_other_title(t).empty()) tooltip(template_other_title(t).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(format_number(t.usage_count).c_str());
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", t.last_used == sd::kNoTime ? "—" : format_relative(t.last_used, app.now).c_str());
        }
        ImGui::EndTable();
    }
    ImGui::TextDisabled("%s", trn("templates.count", int64_t(hits.size())).c_str());
    ImGui::EndChild();
}

// One field of the edit form, named, bound to `key` of the template's JSON.
void edit_field(AppState& app, const char* label_key, const char* key, bool multiline, float lines) {
    TemplateState& ts = app.templates;
    std::string v = ts.edit.value(key, std::string());
    ImGui::TextDisabled("%s", tr(label_key));
    TextFieldOptions o;
    o.label = tr(label_key);
    o.multiline = multiline;
    if (multiline) o.height = ImGui::GetTextLineHeightWithSpacing() * lines + 12;
    if (text_field(app, (std::string("tpl_") + key).c_str(), v, o).changed) ts.edit[key] = v;
}

// The reply's text in each of its languages, and a field to add a language.
void draw_bodies(AppState& app) {
    TemplateState& ts = app.templates;
    if (!ts.edit.contains("body") || !ts.edit["body"].is_object()) ts.edit["body"] = json::object();
    ImGui::TextDisabled("%s", tr("templates.field.body_in"));
    for (auto& [lang, _] : ts.edit["body"].items()) {
        ImGui::SameLine();
        if (ImGui::RadioButton(lang.c_str(), ts.edit_lang == lang)) ts.edit_lang = lang;
    }
    ImGui::SameLine();
    TextFieldOptions lang;
    lang.hint = "de";
    lang.label = tr("templates.field.add_lang");
    lang.width = 50;
    if (text_field(app, "tpl_lang", ts.new_lang, lang).enter && !ts.new_lang.empty()) {
        ts.edit["body"][ts.new_lang] = "";
        ts.edit_lang = ts.new_lang;
        ts.new_lang.clear();
    }
    if (!ts.edit["body"].contains(ts.edit_lang)) ts.edit_lang = ts.edit["body"].empty() ? "en" : ts.edit["body"].begin().key();
    std::string body = ts.edit["body"].value(ts.edit_lang, std::string());
    TextFieldOptions body_field;
    body_field.label = tr("templates.field.body");
    body_field.multiline = true;
    body_field.height = ImGui::GetTextLineHeightWithSpacing() * 9 + 12;
    if (text_field(app, ("tpl_body_" + ts.edit_lang).c_str(), body, body_field).changed) ts.edit["body"][ts.edit_lang] = body;
    std::string names;
    for (const sd::PlaceholderInfo& p : sd::known_placeholders()) names += std::string(names.empty() ? "" : " ") + "{" + p.name + "}";
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", trf("templates.placeholders", {{"names", names}}).c_str());
    ImGui::PopTextWrapPos();
}

// Save (validated by the template_save command), Duplicate, Delete, and what was refused.
void draw_edit_actions(AppState& app) {
    TemplateState& ts = app.templates;
    if (ImGui::Button(tr("templates.save"))) {
        json r = dispatch(app, {{"type", "template_save"}, {"template", ts.edit}});
        ts.edit_errors = r["ok"] == true ? std::vector<std::string>{} : r.value("errors", std::vector<std::string>{r.value("error", "")});
        if (r["ok"] == true) {
            ts.selected = ts.edit.value("id", "");
            ts.notice = tr("templates.saved");
        }
    }
    ImGui::SameLine();
    if (ImGui::Button(tr("templates.duplicate"))) {
        ts.edit["id"] = ts.edit.value("id", std::string("template")) + "-copy";
        ts.edit["title_zh"] = ts.edit.value("title_zh", std::string()) + "\uFF08\u526F\u672C\uFF09";   // "（副本）", data
        ts.selected.clear();
        ts.notice = tr("templates.copy_notice");
    }
    ImGui::SameLine();
    if (!ts.selected.empty() && ImGui::Button(tr("templates.delete"))) {
        json r = dispatch(app, {{"type", "template_delete"}, {"template", ts.selected}});
        if (r["ok"] == true) {
            ts.notice = trf("templates.deleted", {{"id", ts.selected}});
            ts.selected.clear();
            ts.edit = nullptr;
        }
    }
    for (const std::string& e : ts.edit_errors) ImGui::TextColored(ImVec4(0.85f, 0.19f, 0.15f, 1), "%s", e.c_str());
}

void draw_editor(AppState& app) {
    TemplateState& ts = app.templates;
    if (!ts.edit.is_object()) {
        ImGui::TextDisabled("%s", tr("templates.pick"));
        return;
    }
    edit_field(app, "templates.field.id", "id", false, 1);
    int mi = 0;
    for (int k = 0; k < 6; ++k)
        if (ts.edit.value("marketplace", std::string()) == kMarketNames[k]) mi = k;
    ImGui::TextDisabled("%s", tr("templates.field.marketplace"));
    ImGui::SetNextItemWidth(160);
    const char* shown[] = {tr("templates.any_market"), marketplace_name(sd::Marketplace::Walmart), marketplace_name(sd::Marketplace::Amazon),
                           marketplace_name(sd::Marketplace::Ebay), marketplace_name(sd::Marketplace::Wish), marketplace_name(sd::Marketplace::Tmall)};
    if (ImGui::Combo("##market", &mi, shown, 6)) ts.edit["marketplace"] = kMarketNames[mi];
    edit_field(app, "templates.field.category", "category", false, 1);
    edit_field(app, "templates.field.title_zh", "title_zh", false, 1);
    edit_field(app, "templates.field.title_en", "title_en", false, 1);
    edit_field(app, "templates.field.guidance", "guidance_zh", true, 2.5f);
    draw_bodies(app);
    draw_edit_actions(app);
}

}  // namespace

void draw_template_window(AppState& app) {
    TemplateState& ts = app.templates;
    if (!ts.show_window) return;
    ImGui::SetNextWindowSize(ImVec2(980, 600), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin(tr_id("templates.title", "templates").c_str(), &ts.show_window, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        return;
    }
    draw_toolbar(app);
    draw_list(app);
    ImGui::SameLine();
    ImGui::BeginChild("##edit", ImVec2(0, 0), false);
    draw_editor(app);
    ImGui::EndChild();
    ImGui::End();
}
