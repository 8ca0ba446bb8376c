// View > Performance: one card per metric (value, bar gauge, status colour), the open card's
// daily trend with its bar, a histogram of first-response times, the per-agent table, and the
// conversations behind the open card (the missed ones first; a click opens one in the main
// window). Everything scrolls inside the window, so it fits 1280x720. The figures come from
// metrics_view.h; this file only draws them.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app_state.h"
#include "commands.h"
#include "format.h"
#include "i18n.h"
#include "metrics_view.h"
#include "panels.h"
#include "theme.h"
#include "widgets.h"
#include "imgui.h"

namespace {

// A card's size follows the text size (View > Text size): 15.7 and 7.9 lines of text, room for the
// title, the value, the gauge, a detail that wraps onto a second line, and the bar.
float card_w() { return std::round(ImGui::GetFontSize() * 15.7f); }
float card_h() { return std::round(ImGui::GetFontSize() * 7.9f); }
constexpr double kBucketEdges[] = {0, 180, 900, 3600, 4 * 3600, 12 * 3600, 24 * 3600, 48 * 3600};
constexpr int kBuckets = 8;

ImU32 status_color(MetricStatus s, float alpha = 1) {
    ImVec4 c = s == MetricStatus::Good   ? sla_color(sd::SlaState::OnTrack)
               : s == MetricStatus::Near ? sla_color(sd::SlaState::DueSoon)
               : s == MetricStatus::Past ? sla_color(sd::SlaState::Overdue)
                                         : ImVec4(0.38f, 0.45f, 0.58f, 1);
    c.w = alpha;
    return ImGui::GetColorU32(c);
}

// A card's gauge: 0..100 % with the value filled in the status colour and the bar as a tick.
void draw_gauge(ImDrawList* dl, ImVec2 a, ImVec2 b, const MetricCard& c) {
    dl->AddRectFilled(a, b, IM_COL32(226, 230, 236, 255), 3);
    if (c.has_data) {
        const float x = a.x + (b.x - a.x) * float(std::clamp(c.value, 0.0, 1.0));
        dl->AddRectFilled(a, ImVec2(std::max(x, a.x + 2), b.y), status_color(c.status), 3);
    }
    if (c.has_bar && c.rate) {
        const float x = a.x + (b.x - a.x) * float(c.bar);
        dl->AddLine(ImVec2(x, a.y - 3), ImVec2(x, b.y + 3), IM_COL32(30, 34, 44, 255), 2);
    }
}

// One card; true when clicked.
bool draw_card(const MetricCard& c, bool open) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::PushID(c.id);
    const float cw = card_w(), ch = card_h();
    const bool clicked = ImGui::InvisibleButton("##card", ImVec2(cw, ch));
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 q(p.x + cw, p.y + ch);
    dl->AddRectFilled(p, q, open ? IM_COL32(232, 240, 253, 255) : hovered ? IM_COL32(244, 246, 250, 255) : IM_COL32(255, 255, 255, 255), 6);
    dl->AddRect(p, q, open ? IM_COL32(30, 110, 230, 255) : IM_COL32(214, 218, 226, 255), 6, 0, open ? 2.0f : 1.0f);
    dl->AddRectFilled(p, ImVec2(p.x + 5, q.y), status_color(c.status), 6, ImDrawFlags_RoundCornersLeft);
    const float fs = ImGui::GetFontSize(), x = p.x + 14, w = cw - 24;
    dl->PushClipRect(p, q, true);
    dl->AddText(ImVec2(x, p.y + 6), ImGui::GetColorU32(ImGuiCol_Text), tr(c.title_key));
    dl->AddText(ImGui::GetFont(), fs * 1.6f, ImVec2(x, p.y + fs + 10), status_color(c.status), c.value_text.c_str());
    const char* word = status_word(c.status);
    const float ww = ImGui::CalcTextSize(word).x;
    dl->AddText(ImVec2(q.x - 10 - ww, p.y + fs * 1.5f + 10), status_color(c.status), word);
    const float gy = p.y + fs * 2.9f + 12;
    if (c.rate) draw_gauge(dl, ImVec2(x, gy), ImVec2(x + w, gy + 6), c);
    const ImU32 dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    dl->AddText(ImGui::GetFont(), fs, ImVec2(x, gy + 10), dim, c.detail_text.c_str(), nullptr, w);   // wraps at the card's edge
    const float detail_h = ImGui::CalcTextSize(c.detail_text.c_str(), nullptr, false, w).y;
    if (!c.bar_text.empty()) dl->AddText(ImVec2(x, gy + 12 + detail_h), dim, c.bar_text.c_str());
    dl->PopClipRect();
    if (hovered) tooltip((std::string(tr(c.title_key)) + "\n" + c.detail_text + (c.bar_text.empty() ? "" : "\n" + c.bar_text) + "\n" +
                          tr("metrics.card_tip")).c_str());
    return clicked;
}

void draw_cards(AppState& app, const std::vector<MetricCard>& cards) {
    DashboardState& d = app.dashboard;
    d.drawn.clear();
    const float avail = ImGui::GetContentRegionAvail().x, gap = 8;
    const int per_row = std::max(1, int((avail + gap) / (card_w() + gap)));
    for (size_t i = 0; i < cards.size(); ++i) {
        if (i % size_t(per_row)) ImGui::SameLine(0, gap);
        const bool clicked = draw_card(cards[i], d.list_open && d.card == cards[i].id);
        remember_item_rect(app, std::string("card:") + cards[i].id);
        if (clicked) {
            d.list_open = !(d.list_open && d.card == cards[i].id);
            d.scroll_to_list = d.list_open;
            d.card = cards[i].id;
        }
        d.drawn.emplace_back(cards[i].id, cards[i].value_text);
    }
}

// The value axis of a trend: 0..100 %, zoomed to the top or bottom when every point and the bar
// sit near one end (a 96 % rate would be a flat line on a 0..100 scale).
void trend_range(const std::vector<sd::DailyPoint>& pts, const MetricCard& c, double& lo, double& hi) {
    lo = c.has_bar ? c.bar : 1, hi = c.has_bar ? c.bar : 0;
    for (const sd::DailyPoint& p : pts)
        if (p.total > 0) lo = std::min(lo, p.value), hi = std::max(hi, p.value);
    if (lo > hi) lo = 0, hi = 1;
    const double pad = std::max(0.01, (hi - lo) * 0.15);
    lo = std::max(0.0, std::floor((lo - pad) * 100) / 100);
    hi = std::min(1.0, std::ceil((hi + pad) * 100) / 100);
    if (hi - lo < 0.02) hi = std::min(1.0, lo + 0.02), lo = hi - 0.02;
}

void trend_hover(ImDrawList* dl, const std::vector<sd::DailyPoint>& pts, ImVec2 a, ImVec2 b, float step) {
    if (!ImGui::IsItemHovered() || pts.empty()) return;
    const float mx = ImGui::GetIO().MousePos.x;
    const size_t i = size_t(std::clamp(int(std::lround((mx - a.x) / step)), 0, int(pts.size()) - 1));
    const float x = a.x + step * float(i);
    dl->AddLine(ImVec2(x, a.y), ImVec2(x, b.y), IM_COL32(30, 110, 230, 160), 1);
    const sd::DailyPoint& p = pts[i];
    const std::string day = format_local_date(p.day_end - 1);
    tooltip(p.total > 0 ? trf("metrics.trend_tip", {{"day", day}, {"value", format_decimal(p.value * 100, 1) + "%"}, {"good", p.good}, {"total", p.total}}).c_str()
                        : trf("metrics.trend_tip_none", {{"day", day}}).c_str());
}

void draw_trend(AppState& app, const MetricCard& c, float w, float h) {
    const std::vector<sd::DailyPoint>& pts = card_trend(app, c);
    ImGui::TextUnformatted(trf("metrics.trend_title", {{"metric", tr(c.title_key)}, {"n", int64_t(pts.size())}}).c_str());
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##trend", ImVec2(w, h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float left = ImGui::CalcTextSize("100%").x + 8;
    const ImVec2 a(p.x + left, p.y + 6), b(p.x + w - 8, p.y + h - ImGui::GetFontSize() - 6);
    dl->AddRectFilled(a, b, IM_COL32(250, 251, 253, 255));
    if (!c.rate || pts.size() < 2) {
        dl->AddText(ImVec2(a.x + 10, a.y + 10), ImGui::GetColorU32(ImGuiCol_TextDisabled), tr("metrics.trend_none"));
        return;
    }
    double lo, hi;
    trend_range(pts, c, lo, hi);
    auto y_of = [&](double v) { return b.y - float((v - lo) / (hi - lo)) * (b.y - a.y); };
    for (double v : {lo, (lo + hi) / 2, hi}) {   // three gridlines with their percentages
        const std::string label = format_decimal(v * 100, hi - lo < 0.1 ? 1 : 0) + "%";
        dl->AddLine(ImVec2(a.x, y_of(v)), ImVec2(b.x, y_of(v)), IM_COL32(226, 230, 236, 255));
        dl->AddText(ImVec2(p.x, y_of(v) - ImGui::GetFontSize() / 2), ImGui::GetColorU32(ImGuiCol_TextDisabled), label.c_str());
    }
    if (c.has_bar) {   // the bar, dashed, in the colour of "past it"
        const float y = y_of(c.bar);
        for (float x = a.x; x < b.x; x += 10) dl->AddLine(ImVec2(x, y), ImVec2(std::min(x + 6, b.x), y), status_color(MetricStatus::Past), 2);
    }
    const float step = (b.x - a.x) / float(pts.size() - 1);
    ImVec2 prev;
    bool have = false;
    for (size_t i = 0; i < pts.size(); ++i) {
        if (pts[i].total == 0) { have = false; continue; }
        const ImVec2 pt(a.x + step * float(i), y_of(pts[i].value));
        const bool wrong = metric_status(pts[i].value, c.bar, c.lower_is_better, true) == MetricStatus::Past && c.has_bar;
        if (have) dl->AddLine(prev, pt, IM_COL32(30, 90, 200, 255), 2.5f);
        dl->AddCircleFilled(pt, 3, wrong ? status_color(MetricStatus::Past) : IM_COL32(30, 90, 200, 255));
        prev = pt, have = true;
    }
    const std::string first = format_local_date(pts.front().day_end - 1), last = format_local_date(pts.back().day_end - 1);
    dl->AddText(ImVec2(a.x, b.y + 3), ImGui::GetColorU32(ImGuiCol_TextDisabled), first.c_str());
    dl->AddText(ImVec2(b.x - ImGui::CalcTextSize(last.c_str()).x, b.y + 3), ImGui::GetColorU32(ImGuiCol_TextDisabled), last.c_str());
    trend_hover(dl, pts, a, b, step);
}

void histogram_market_combo(AppState& app) {
    int& m = app.dashboard.histogram_market;
    ImGui::SetNextItemWidth(150);
    const char* shown = m < 0 ? tr("metrics.all_marketplaces") : marketplace_name(sd::Marketplace(m));
    if (!ImGui::BeginCombo("##hist_market", shown)) return;
    if (ImGui::Selectable(tr("metrics.all_marketplaces"), m < 0)) m = -1;
    for (int k = 0; k < sd::kMarketplaceCount; ++k)
        if (ImGui::Selectable(marketplace_name(sd::Marketplace(k)), m == k)) m = k;
    ImGui::EndCombo();
}

void draw_histogram(AppState& app, float w, float h) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("metrics.histogram_title"));
    ImGui::SameLine();
    histogram_market_combo(app);
    const std::vector<int64_t>& times = response_times(app, app.dashboard.histogram_market);
    int64_t counts[kBuckets] = {}, most = 1;   // the times are sorted: each bucket is a range
    for (int k = 0; k < kBuckets; ++k) {
        const auto from = k == 0 ? times.begin() : std::lower_bound(times.begin(), times.end(), int64_t(kBucketEdges[k]));
        const auto to = k + 1 == kBuckets ? times.end() : std::lower_bound(times.begin(), times.end(), int64_t(kBucketEdges[k + 1]));
        counts[k] = to - from;
        most = std::max(most, counts[k]);
    }
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##hist", ImVec2(w, h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fs = ImGui::GetFontSize(), slot = (w - 8) / kBuckets;
    // Labels wider than their slot (Chinese on a narrow window) alternate between two lines.
    bool stagger = false;
    for (int k = 0; k < kBuckets; ++k) stagger |= ImGui::CalcTextSize(tr(std::string("metrics.bucket.") + std::to_string(k))).x > slot - 4;
    const float base = p.y + h - fs * (stagger ? 2 : 1) - 6;
    const float top = p.y + fs + 6;
    for (int k = 0; k < kBuckets; ++k) {
        const float x0 = p.x + slot * float(k) + 4, x1 = x0 + slot - 8;
        const float y = base - float(double(counts[k]) / double(most)) * (base - top);
        // Green within three minutes and within the day, amber to 48 h, red after.
        const MetricStatus s = k == 0 ? MetricStatus::Good : k < 6 ? MetricStatus::Info : k == 6 ? MetricStatus::Near : MetricStatus::Past;
        dl->AddRectFilled(ImVec2(x0, y), ImVec2(x1, base), status_color(s, 0.85f), 2);
        const std::string n = format_number(counts[k]);
        dl->AddText(ImVec2((x0 + x1 - ImGui::CalcTextSize(n.c_str()).x) / 2, y - fs - 1), ImGui::GetColorU32(ImGuiCol_Text), n.c_str());
        const char* label = tr(std::string("metrics.bucket.") + std::to_string(k));
        const float ly = base + 3 + (stagger && k % 2 ? fs : 0);
        dl->AddText(ImVec2((x0 + x1 - ImGui::CalcTextSize(label).x) / 2, ly), ImGui::GetColorU32(ImGuiCol_TextDisabled), label);
        if (ImGui::IsItemHovered() && ImGui::GetIO().MousePos.x >= x0 - 4 && ImGui::GetIO().MousePos.x < x1 + 4)
            tooltip(trf("metrics.bucket_tip", {{"n", counts[k]}, {"range", label}, {"total", int64_t(times.size())}}).c_str());
    }
}

void draw_agents(AppState& app, const sd::Metrics& m) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("metrics.agents_title"));
    ImGui::SameLine();
    if (ImGui::SmallButton(tr_id("metrics.export_csv", "agents_csv").c_str())) app.dashboard.notice = download_csv(app, "agents", agents_table(m));
    remember_item_rect(app, "export_agents");
    if (m.agents.empty()) {
        ImGui::TextDisabled("%s", tr("metrics.agents_none"));
        return;
    }
    if (!ImGui::BeginTable("##agents", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn(tr("metrics.col.agent"), ImGuiTableColumnFlags_WidthStretch, 2);
    ImGui::TableSetupColumn(tr("metrics.col.answered"), ImGuiTableColumnFlags_WidthStretch, 1);
    ImGui::TableSetupColumn(tr("metrics.col.median"), ImGuiTableColumnFlags_WidthStretch, 1);
    ImGui::TableHeadersRow();
    for (const sd::AgentMetric& a : m.agents) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(a.name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_number(a.answered).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_duration(a.median_first_response_s, true).c_str());
    }
    ImGui::EndTable();
}

}  // namespace

void remember_item_rect(AppState& app, const std::string& name) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    app.dashboard.rects[name] = {a.x, a.y, b.x - a.x, b.y - a.y};
}

void draw_dashboard_window(AppState& app) {
    DashboardState& d = app.dashboard;
    if (!d.show) {
        d.drawn.clear();
        d.listed.clear();
        d.rects.clear();
        return;
    }
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowSize(ImVec2(std::min(1240.0f, screen.x - 40), std::min(900.0f, screen.y - 60)), ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImVec2(screen.x / 2, screen.y / 2 + 12), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(360, 240), ImVec2(screen.x, screen.y - 24));
    if (!ImGui::Begin(tr_id("metrics.title", "performance").c_str(), &d.show, ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    const sd::Metrics& m = app_metrics(app);
    const std::vector<MetricCard> cards = metric_cards(m);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(trf("metrics.heading", {{"time", format_local_datetime(m.at)}, {"preset", tr(std::string("metrics.preset.") + sd::to_string(m.preset))}}).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton(tr_id("metrics.open_projection", "projection").c_str())) d.show_projection = true;
    ImGui::SameLine();
    if (ImGui::SmallButton(tr_id("metrics.export_cards", "cards_csv").c_str())) d.notice = download_csv(app, "cards", cards_table(cards));
    remember_item_rect(app, "export_cards");
    if (!d.notice.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", trf("metrics.saved", {{"file", d.notice}}).c_str());
    }
    ImGui::BeginChild("##dashboard_body", ImVec2(0, 0), false);
    draw_cards(app, cards);
    const MetricCard* open = find_card(cards, d.card);
    if (!open) open = &cards.front();
    ImGui::Spacing();
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool side = avail >= 760;
    const float chart_w = side ? avail * 0.58f : avail, chart_h = 190;
    ImGui::BeginGroup();
    draw_trend(app, *open, chart_w, chart_h);
    ImGui::EndGroup();
    if (side) ImGui::SameLine(0, 16);
    ImGui::BeginGroup();
    draw_histogram(app, side ? avail - chart_w - 16 : avail, chart_h);
    ImGui::EndGroup();
    ImGui::Spacing();
    if (d.list_open) draw_card_conversations(app, *open);
    else d.listed.clear();
    ImGui::Spacing();
    draw_agents(app, m);
    ImGui::EndChild();
    ImGui::End();
}
