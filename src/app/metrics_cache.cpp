#include "metrics_cache.h"

#include "app_state.h"
#include "core/time.h"

using nlohmann::json;

sd::MetricsPreset metrics_preset(const AppState& app) {
    return app.settings.sla.preset == "seller_guides" ? sd::MetricsPreset::SellerGuides : sd::MetricsPreset::Current;
}

const sd::EpisodeCache& episode_cache(const AppState& app) {
    MetricsState& m = app.metrics;
    // A store replaced without a refresh (it never should be) still gets a fresh cache.
    if (!m.valid || m.cache.first_of.size() != app.store.conversations.size() + 1) {
        sd::build_episode_cache(app.settings.sla, app.store, app.now, m.cache);
        m.valid = true;
        ++m.version;
    }
    return m.cache;
}

void metrics_conversation_changed(AppState& app, size_t i) {
    MetricsState& m = app.metrics;
    ++m.version;
    if (m.valid) sd::update_episode_cache(app.settings.sla, app.store, i, app.now, m.cache);
}

void metrics_invalidate(AppState& app) {
    app.metrics.valid = false;
    ++app.metrics.version;
}

void metrics_data_changed(AppState& app) { ++app.metrics.version; }

json metrics_state_json(const AppState& app) {
    MetricsState& m = app.metrics;
    const sd::EpisodeCache& cache = episode_cache(app);
    const sd::MetricsPreset preset = metrics_preset(app);
    if (m.json_version != m.version || m.json_at != app.now || m.json_preset != preset) {
        m.json = sd::metrics_to_json(sd::compute_metrics(cache, app.store, app.now, preset));
        m.json_version = m.version;
        m.json_at = app.now;
        m.json_preset = preset;
    }
    return m.json;
}

json projection_state_json(const AppState& app) {
    MetricsState& m = app.metrics;
    if (!m.has_projection) return nullptr;
    const sd::EpisodeCache& cache = episode_cache(app);
    const sd::MetricsPreset preset = metrics_preset(app);
    if (m.projection_version != m.version || m.projection_at != app.now || m.projection_preset != preset) {
        const sd::Time until = m.projection_until > app.now ? m.projection_until : app.now;
        m.projection = sd::project_metrics(cache, app.store, app.now, until, preset);
        m.projection_version = m.version;
        m.projection_at = app.now;
        m.projection_preset = preset;
    }
    return {{"until", sd::format_iso8601(m.projection_until)},
            {"metrics", sd::metrics_to_json(m.projection.metrics)},
            {"must_answer", m.projection.must_answer}};
}
