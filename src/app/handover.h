// Shift handover and VIP follow-up in the app (core/handover.h has the rules): the handovers kept
// in handovers.json beside the journal (like the template library), which this profile has
// acknowledged, and the agent's day for the "Follow up today" folder.
//
//   load_handovers(app);                       // at start, after a reload, after another tab saved
//   json r = end_shift(app, "text");           // {ok, id}: written, saved, flushed
//   if (handover_waiting(app)) ...             // the start window: a newer handover to read
//   acknowledge_handover(app);                 // read: not shown at start again
#pragma once
#include <string>
#include <nlohmann/json.hpp>

#include "core/handover.h"

struct AppState;

void load_handovers(AppState& app);
bool save_handovers(AppState& app);
// Writes this profile's handover now ({ok: false, error} during training or the tour, in a
// read-only tab, or for a text over core's limit).
nlohmann::json end_shift(AppState& app, const std::string& text);
// The latest handover, when this profile has not acknowledged it.
const sd::Handover* handover_waiting(const AppState& app);
void acknowledge_handover(AppState& app);
// The agent's day ("YYYY-MM-DD") in the business-hours zone of the SLA settings.
std::string agent_today(const AppState& app);
// state().handover: the latest handover (handover_to_json plus "unseen"), or null.
nlohmann::json handover_state_json(const AppState& app);
// state().handover_windows: which are open and the conversation links drawn in them.
nlohmann::json handover_windows_json(const AppState& app);
// state().customer_vip: the open conversation's customer {customer_id, vip, follow_up, due}, or null.
nlohmann::json customer_vip_json(const AppState& app);
