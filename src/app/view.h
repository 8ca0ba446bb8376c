// The list as the user sees it: the current view's rows (filter, search, sort, the SLA strip's
// filter) and the SLA strip's counts at app.now.
#pragma once
#include <string>

struct AppState;

void rebuild_rows(AppState& app);
void update_sla_summary(AppState& app);               // brings the strip's counts and the agent's day to app.now
// The filter "projection" follows its list: rebuilt when the projection would be computed afresh
// (the inbox changed, a new second, another preset or a new time, or it was cleared).
void follow_projection(AppState& app);
int row_of(const AppState& app, const std::string& id);   // its place in the view, -1 = not listed
