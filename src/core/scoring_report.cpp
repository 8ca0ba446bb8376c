// The training session report (scoring.h): JSON for export and a printable HTML page.
#include <cstring>

#include "scoring.h"
#include "time.h"

namespace sd {

using nlohmann::json;

int SessionReport::total() const {
    int n = 0;
    for (const ScenarioScore& s : scores) n += s.total;
    return n;
}

int SessionReport::max() const {
    int n = 0;
    for (const ScenarioScore& s : scores) n += s.max;
    return n;
}

Bilingual criterion_name(const std::string& id) {
    static const struct { const char* id; const char* en; const char* zh; } names[] = {
        {"response_time", "Time to first response", "首次响应时间"},
        {"reply_rules", "Reply rules (checker)", "回复规则(检查器)"},
        {"reply_elements", "Parts of a good reply", "回复要素"},
        {"template", "Template", "模板"},
        {"rounds", "Rounds of replies", "回复轮数"},
        {"spam", "Spam decision", "垃圾信息判断"},
        {"no_reply", "No answer needed", "无需回复"},
        {"labels", "Labels", "标签"},
        {"remark", "Order remark", "订单备注"},
        {"note", "Note", "备注记录"},
        {"status", "Status", "状态"},
    };
    for (const auto& n : names)
        if (id == n.id) return {n.en, n.zh};
    return {id, id};
}

json score_to_json(const ScenarioScore& s) {
    json crit = json::array();
    for (const ScoreCriterion& c : s.criteria)
        crit.push_back({{"id", c.id}, {"points", c.points}, {"max", c.max},
                        {"message", {{"en", c.message.en}, {"zh", c.message.zh}}}});
    return {{"scenario", s.scenario_id}, {"title", {{"en", s.title.en}, {"zh", s.title.zh}}},
            {"marketplace", to_string(s.marketplace)}, {"total", s.total}, {"max", s.max}, {"criteria", crit}};
}

namespace {

bool read_bilingual(const json& j, const std::string& where, Bilingual& out, std::string& error) {
    if (!j.is_object() || !j.contains("en") || !j["en"].is_string() || !j.contains("zh") || !j["zh"].is_string()) {
        error = where + ": must be {en, zh} texts";
        return false;
    }
    out = {j["en"].get<std::string>(), j["zh"].get<std::string>()};
    return true;
}

bool read_int(const json& j, const char* key, const std::string& where, int& out, std::string& error) {
    if (!j.contains(key) || !j[key].is_number_integer()) {
        error = where + key + ": must be an integer";
        return false;
    }
    out = j[key].get<int>();
    return true;
}

bool criterion_from_json(const json& j, const std::string& where, ScoreCriterion& out, std::string& error) {
    if (!j.is_object() || !j.contains("id") || !j["id"].is_string()) {
        error = where + "id: must be a text";
        return false;
    }
    out.id = j["id"].get<std::string>();
    return read_int(j, "points", where, out.points, error) && read_int(j, "max", where, out.max, error) &&
           read_bilingual(j.value("message", json()), where + "message", out.message, error);
}

}  // namespace

bool score_from_json(const json& j, ScenarioScore& out, std::string& error) {
    ScenarioScore s;
    if (!j.is_object() || !j.contains("scenario") || !j["scenario"].is_string()) {
        error = "scenario: must be a scenario ID";
        return false;
    }
    s.scenario_id = j["scenario"].get<std::string>();
    if (!read_bilingual(j.value("title", json()), "title", s.title, error)) return false;
    if (!j.contains("marketplace") || !j["marketplace"].is_string() || !parse(j["marketplace"].get<std::string>(), s.marketplace)) {
        error = "marketplace: must be a marketplace";
        return false;
    }
    if (!read_int(j, "total", "", s.total, error) || !read_int(j, "max", "", s.max, error)) return false;
    if (!j.contains("criteria") || !j["criteria"].is_array()) {
        error = "criteria: must be a list";
        return false;
    }
    for (size_t i = 0; i < j["criteria"].size(); ++i) {
        ScoreCriterion c;
        if (!criterion_from_json(j["criteria"][i], "criteria/" + std::to_string(i) + "/", c, error)) return false;
        s.criteria.push_back(std::move(c));
    }
    out = std::move(s);
    return true;
}

json report_to_json(const SessionReport& r) {
    json scenarios = json::array();
    for (const ScenarioScore& s : r.scores) scenarios.push_back(score_to_json(s));
    return {{"format", "sellerdesk-training-report"}, {"version", 1}, {"pack", r.pack_id},
            {"pack_title", {{"en", r.pack_title.en}, {"zh", r.pack_title.zh}}}, {"trainee", r.trainee},
            {"generated_at", format_iso8601(r.generated_at)}, {"total", r.total()}, {"max", r.max()},
            {"scenarios", scenarios}};
}

// ---- HTML ---------------------------------------------------------------------------------------
namespace {

std::string esc(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string percent(int total, int max) { return max > 0 ? std::to_string(total * 100 / max) + " %" : "–"; }

const char* const kStyle =
    "body{font-family:system-ui,'Noto Sans SC','Microsoft YaHei',sans-serif;margin:2em;color:#111}"
    "h1{font-size:1.5em;margin:0 0 .2em}h2{font-size:1.15em;margin:1.6em 0 .4em}"
    "table{border-collapse:collapse;width:100%;table-layout:fixed}"
    "table.crit th:nth-child(1){width:22%}table.crit th:nth-child(2){width:10%}"
    "table.sum th:nth-child(2){width:14%}table.sum th:nth-child(3),table.sum th:nth-child(4){width:12%}"
    "th,td{border:1px solid #bbb;padding:.35em .5em;"
    "text-align:left;vertical-align:top}th{background:#eee}td.n{text-align:right;white-space:nowrap}"
    ".zh{color:#444}.meta{color:#555}section{page-break-inside:avoid}"
    "@media print{body{margin:1cm}h2{page-break-after:avoid}}";

void scenario_html(const ScenarioScore& s, std::string& out) {
    out += "<section><h2>" + esc(s.title.en) + " · " + esc(s.title.zh) + " <span class=\"meta\">(" +
           esc(display_name(s.marketplace)) + ", " + std::to_string(s.total) + " / " + std::to_string(s.max) +
           ")</span></h2>\n<table class=\"crit\"><tr><th>Criterion · 评分项</th><th>Points · 得分</th><th>Why · 说明</th></tr>\n";
    for (const ScoreCriterion& c : s.criteria) {
        const Bilingual n = criterion_name(c.id);
        out += "<tr><td>" + esc(n.en) + "<br><span class=\"zh\">" + esc(n.zh) + "</span></td><td class=\"n\">" +
               std::to_string(c.points) + " / " + std::to_string(c.max) + "</td><td>" + esc(c.message.en) +
               "<br><span class=\"zh\">" + esc(c.message.zh) + "</span></td></tr>\n";
    }
    out += "</table></section>\n";
}

}  // namespace

std::string report_to_html(const SessionReport& r) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Training report · 培训报告";
    out += "</title><style>" + std::string(kStyle) + "</style></head><body>\n";
    out += "<h1>Training report · 培训报告</h1>\n<p class=\"meta\">" + esc(r.pack_title.en) + " · " + esc(r.pack_title.zh);
    if (!r.trainee.empty()) out += " — " + esc(r.trainee);
    out += " — " + esc(format_iso8601(r.generated_at)) + "</p>\n";
    out += "<h2>Summary · 总览</h2>\n<table class=\"sum\"><tr><th>Scenario · 场景</th><th>Marketplace · 平台</th>"
           "<th>Points · 得分</th><th>Share · 得分率</th></tr>\n";
    for (const ScenarioScore& s : r.scores)
        out += "<tr><td>" + esc(s.title.en) + "<br><span class=\"zh\">" + esc(s.title.zh) + "</span></td><td>" +
               esc(display_name(s.marketplace)) + "</td><td class=\"n\">" + std::to_string(s.total) + " / " +
               std::to_string(s.max) + "</td><td class=\"n\">" + percent(s.total, s.max) + "</td></tr>\n";
    out += "<tr><th>Total · 总分</th><th></th><th class=\"n\">" + std::to_string(r.total()) + " / " +
           std::to_string(r.max()) + "</th><th class=\"n\">" + percent(r.total(), r.max()) + "</th></tr></table>\n";
    for (const ScenarioScore& s : r.scores) scenario_html(s, out);
    out += "</body></html>\n";
    return out;
}

}  // namespace sd
