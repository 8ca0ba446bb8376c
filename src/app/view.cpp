// The current view's rows and the SLA strip's counts (view.h).
#include "view.h"

#include <algorithm>

#include "app_state.h"
#include "handover.h"
#include "metrics_cache.h"
#include "metrics_view.h"
#include "platform/platform.h"

namespace {

// The filter "projection": the projection's must-answer list, in its order (earliest deadline
// first), as far as the search leaves it; nothing when there is no projection.
void keep_must_answer(const AppState& app, std::vector<uint32_t>& rows) {
    std::vector<bool> shown(app.store.conversations.size(), false);
    for (uint32_t i : rows) shown[i] = true;
    rows.clear();
    const sd::Projection* p = app_projection(app);
    if (!p) return;
    for (const std::string& id : p->must_answer) {
        const int i = app.store.conversation_index(id);
        if (i >= 0 && shown[size_t(i)]) rows.push_back(uint32_t(i));
    }
}

}  // namespace

void rebuild_rows(AppState& app) {
    double t0 = platform::perf_ms();
    ViewState& v = app.view;
    if (!app.index.in_sync(app.store)) app.index.build(app.store);   // should not happen; never show stale rows
    v.query.agent = app.settings.agent_name;                          // for "mine"
    v.query.today = agent_today(app);                                 // for "follow_up" (handover.h)
    sd::QueryResult r = sd::run_query(app.store, app.index, v.query, &app.urgency);
    v.counts = r.counts;
    v.rows = std::move(r.rows);
    if (!v.sla_filter.empty()) {
        sd::SlaState want = v.sla_filter == "overdue" ? sd::SlaState::Overdue : sd::SlaState::DueSoon;
        sd::SlaResult res;
        v.rows.erase(std::remove_if(v.rows.begin(), v.rows.end(),
                                    [&](uint32_t i) {   // what the strip counts (sla_tally.h)
                                        const sd::Conversation& c = app.store.conversations[i];
                                        sd::evaluate_sla(app.settings.sla, c, app.now, res);
                                        return sd::needs_reply_state(c, res) != want;
                                    }),
                     v.rows.end());
    }
    if (v.must_answer) keep_must_answer(app, v.rows);
    // A bulk action only ever touches what the user can see: drop checked rows that left the view.
    if (!v.checked.empty()) {
        std::vector<bool> shown(app.store.conversations.size(), false);
        for (uint32_t i : v.rows) shown[i] = true;
        for (auto it = v.checked.begin(); it != v.checked.end();) {
            int i = app.store.conversation_index(*it);
            it = (i < 0 || !shown[size_t(i)]) ? v.checked.erase(it) : std::next(it);
        }
    }
    v.dirty = false;
    v.query_ms = platform::perf_ms() - t0;
}

void update_sla_summary(AppState& app) {
    // A state change (on track -> due soon -> overdue) reorders nothing (keys are deadlines) but an
    // SLA filter must be re-evaluated.
    if (sd::sla_tally_advance(app.sla_summary, app.settings.sla, app.store.conversations, app.now) && !app.view.sla_filter.empty())
        app.view.dirty = true;
    // Midnight in the agent's zone: the "Follow up today" folder and its count take the new day.
    if (app.view.query.today != agent_today(app)) app.view.dirty = true;
}

void follow_projection(AppState& app) {
    const MetricsState& m = app.metrics;
    if (app.view.must_answer && m.has_projection &&
        (m.projection_version != m.version || m.projection_at != app.now || m.projection_preset != metrics_preset(app)))
        app.view.dirty = true;
}

int row_of(const AppState& app, const std::string& id) {
    int i = app.store.conversation_index(id);
    if (i < 0) return -1;
    const auto& rows = app.view.rows;
    auto it = std::find(rows.begin(), rows.end(), uint32_t(i));
    return it == rows.end() ? -1 : int(it - rows.begin());
}
