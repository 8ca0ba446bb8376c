// The guided tour for sales demos (Help -> Guided tour; docs/automation.md "tour_start"): a few
// scripted steps through the main features (filters, the SLA strip, a template, the reply checker
// catching an e-mail address, export), each highlighting its part of the screen with a caption.
// Like training, the tour puts the real inbox aside and runs on a demo inbox of its own that is
// never journaled or saved; only view commands and edits of that demo run meanwhile. In kiosk
// mode the steps advance by themselves on a timer and loop until tour_stop.
//
//   dispatch(app, {{"type", "tour_start"}, {"kiosk", true}});
//   tour_tick(app);          // each frame: kiosk mode moves to the next step when its time is up
//   tour_json(app)           // state().tour: {running, step, steps, kiosk, id, part, rect}
//   dispatch(app, {{"type", "tour_stop"}});
#pragma once
#include <array>
#include <string>
#include <nlohmann/json.hpp>

struct AppState;

struct TourStep {
    const char* id;          // "filters", "sla", "template", "checker", "export"
    const char* part;        // the part of the screen it highlights: a key of ViewState::parts or "menu:<title>"
    const char* title;       // i18n keys of its caption's title and text
    const char* text;
};
int tour_step_count();
const TourStep& tour_step(int i);

bool tour_running(const AppState& app);
// Whether a command may run while the tour shows its demo inbox (the others wait for tour_stop).
bool tour_allows(const std::string& command);
void tour_tick(AppState& app);
// Real milliseconds until kiosk mode's next step (a large number when there is none).
double tour_delay_ms(const AppState& app);
// Where the current step's part was drawn last frame (x, y, w, h; zeros when not drawn).
std::array<float, 4> tour_rect(const AppState& app);
nlohmann::json tour_json(const AppState& app);

nlohmann::json cmd_tour_start(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_tour_stop(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_tour_next(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_tour_back(AppState& app, const nlohmann::json& cmd);
