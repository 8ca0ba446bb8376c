// The account metrics in the app: the episode cache (core/metrics.h) kept beside the store, built
// lazily and updated per conversation as commands change it, and the JSON that state().metrics and
// state().projection show. docs/metrics.md has the definitions; docs/automation.md the shapes.
//
//   const sd::EpisodeCache& cache = episode_cache(app);   // built on first use
//   sd::Metrics m = sd::compute_metrics(cache, app.store, app.now, metrics_preset(app));
//   nlohmann::json j = metrics_state_json(app);           // the same, cached for this second
#pragma once
#include <cstddef>
#include <nlohmann/json.hpp>

#include "core/metrics.h"

struct AppState;

// settings.sla.preset "seller_guides" -> SellerGuides; anything else -> Current.
sd::MetricsPreset metrics_preset(const AppState& app);
const sd::EpisodeCache& episode_cache(const AppState& app);
// After conversation i changed (refresh_conversation); after the store or the policies changed
// wholesale (refresh_all_sla); after an order's defects changed.
void metrics_conversation_changed(AppState& app, size_t i);
void metrics_invalidate(AppState& app);
void metrics_data_changed(AppState& app);
// state().metrics at app.now, and state().projection ({until, metrics, must_answer} or null).
nlohmann::json metrics_state_json(const AppState& app);
nlohmann::json projection_state_json(const AppState& app);
