// The guided tour's steps, its demo inbox and its commands (tour.h).
#include "tour.h"

#include <algorithm>

#include "app_state.h"
#include "command_handlers.h"
#include "command_support.h"
#include "edits.h"
#include "inbox.h"
#include "training.h"
#include "core/compose.h"
#include "core/demo.h"
#include "platform/platform.h"

using nlohmann::json;

namespace {

const TourStep kSteps[] = {
    {"filters", "folders", "tour.filters.title", "tour.filters.text"},
    {"sla", "sla_strip", "tour.sla.title", "tour.sla.text"},
    {"template", "composer", "tour.template.title", "tour.template.text"},
    {"checker", "composer", "tour.checker.title", "tour.checker.text"},
    {"export", "menu:inbox", "tour.export.title", "tour.export.text"},
};
constexpr int kStepCount = int(sizeof kSteps / sizeof kSteps[0]);

// The demo conversation the template and checker steps write in: an Amazon one waiting for the seller.
const sd::Conversation* tour_conversation(const AppState& app) {
    for (const sd::Conversation& c : app.store.conversations)
        if (c.marketplace == sd::Marketplace::Amazon && c.status == sd::Status::AwaitingSeller && !c.order_id.empty() &&
            app.store.find_order(c.order_id))
            return &c;
    return app.store.conversations.empty() ? nullptr : &app.store.conversations.front();
}

// A draft from the first Amazon template whose placeholders this conversation fills, preferring
// one of its topic (the core's insertion, without counting a use in the library).
std::string template_draft(const AppState& app, const sd::Conversation& c) {
    const sd::ComposeSettings cs{app.settings.agent_name, app.settings.store_name};
    const auto values = sd::placeholder_values(app.store, c, cs, app.now);
    std::string fallback;
    for (const sd::Template& t : app.templates.lib.templates) {
        if (t.deleted || t.marketplace != "amazon" || !t.bodies.count("en")) continue;
        const sd::Insertion ins = sd::insert_template("", 0, t, "en", values);
        if (!ins.missing.empty()) continue;
        if (t.category == sd::to_string(c.topic)) return ins.text;
        if (fallback.empty()) fallback = ins.text;
    }
    return fallback.empty() ? "Hello,\n\nThank you for your message.\n\nBest regards" : fallback;
}

// What each step shows when it is entered: the screen set up for its caption by the commands'
// own handlers (the tour is part of the command layer, so it does not dispatch). Their edits are
// on the tour's demo inbox, and journal_staged drops them while the tour runs.
void enter_step(AppState& app, int step) {
    const std::string id = kSteps[step].id;
    const sd::Conversation* c = tour_conversation(app);
    app.show_export = false;
    if (id == "filters") {
        cmd_filter(app, {{"type", "filter"}, {"name", "response_needed"}});
    } else if (id == "sla") {
        cmd_filter(app, {{"type", "filter"}, {"name", "all"}});
    } else if ((id == "template" || id == "checker") && c) {
        const std::string cid = c->id;
        cmd_select(app, {{"type", "select"}, {"id", cid}});
        const std::string text = id == "template" ? template_draft(app, *c)
                                                  : "Hello,\n\nPlease write to me at sales@brightnest-home.example and I will sort it out.\n\nBest regards";
        cmd_draft(app, {{"type", "draft"}, {"id", cid}, {"text", text}});
    }
    journal_staged(app);
    platform::request_frames(300);
}

void go_to(AppState& app, int step) {
    app.tour.step = step;
    app.tour.step_started_ms = app.real_ms;
    enter_step(app, step);
}

}  // namespace

int tour_step_count() { return kStepCount; }
const TourStep& tour_step(int i) { return kSteps[std::clamp(i, 0, kStepCount - 1)]; }
bool tour_running(const AppState& app) { return app.tour.running; }

bool tour_allows(const std::string& command) {
    static const char* const kAllowed[] = {
        "select", "filter", "search", "sort", "open", "move", "multi_select", "window", "language", "shortcuts", "find",
        "font_size", "mark_read", "mark_unread", "label", "flag_spam", "set_status", "assign", "draft", "save_draft",
        "add_remark", "add_note", "bulk", "undo", "tour_start", "tour_stop", "tour_next", "tour_back"};
    return std::find(std::begin(kAllowed), std::end(kAllowed), command) != std::end(kAllowed);
}

void tour_tick(AppState& app) {
    TourState& t = app.tour;
    if (!t.running || !t.kiosk || app.real_ms - t.step_started_ms < t.step_ms) return;
    go_to(app, (t.step + 1) % kStepCount);
}

double tour_delay_ms(const AppState& app) {
    const TourState& t = app.tour;
    if (!t.running || !t.kiosk) return 1e9;
    return std::max(20.0, t.step_started_ms + t.step_ms - app.real_ms);
}

std::array<float, 4> tour_rect(const AppState& app) {
    const std::string part = tour_step(app.tour.step).part;
    if (part.rfind("menu:", 0) == 0) {
        for (const auto& [name, r] : app.view.menus)
            if (name == part.substr(5)) return r;
        return {};
    }
    auto it = app.view.parts.find(part);
    return it == app.view.parts.end() ? std::array<float, 4>{} : it->second;
}

json tour_json(const AppState& app) {
    const TourState& t = app.tour;
    const std::array<float, 4> r = tour_rect(app);
    return {{"running", t.running}, {"step", t.step}, {"steps", kStepCount}, {"kiosk", t.running && t.kiosk},
            {"id", t.running ? json(kSteps[t.step].id) : json(nullptr)}, {"part", t.running ? json(kSteps[t.step].part) : json(nullptr)},
            {"rect", t.running ? json({r[0], r[1], r[2], r[3]}) : json(nullptr)}};
}

// ---- commands ------------------------------------------------------------------------------------
json cmd_tour_start(AppState& app, const json& cmd) {
    if (cmd.contains("kiosk") && !cmd["kiosk"].is_boolean()) return fail("\"kiosk\" must be true or false");
    if (cmd.contains("step_s") && (!cmd["step_s"].is_number() || cmd["step_s"].get<double>() < 0.2 || cmd["step_s"].get<double>() > 600))
        return fail("\"step_s\" must be a number of seconds from 0.2 to 600");
    if (app.tour.running) return fail("the tour is running: tour_stop first");
    if (training_active(app)) return fail("a training scenario is running: training_stop first");
    if (app.tab.read_only) return fail(read_only_reason(app));
    if (app.texts.pending) return fail("the inbox's message texts are still loading; try again in a moment");
    sd::DemoOptions opt;
    opt.seed = 7;
    opt.conversations = 120;
    opt.now = app.now;
    TourState& t = app.tour;
    t.real_store = std::move(app.store);
    t.real_view = std::move(app.view);
    app.store = sd::generate_demo(opt);
    app.view = ViewState();
    app.view.details_open = t.real_view.details_open;
    app.composer = ComposerState();
    t.running = true;
    t.kiosk = cmd.value("kiosk", false);
    t.step_ms = cmd.value("step_s", 7.0) * 1000.0;
    refresh_after_load(app);
    go_to(app, 0);
    return ok();
}

json cmd_tour_stop(AppState& app, const json&) {
    TourState& t = app.tour;
    if (!t.running) return fail("no tour is running");
    t.running = false;
    app.store = std::move(t.real_store);
    t.real_store = sd::Store();
    app.view = std::move(t.real_view);
    app.view.dirty = true;
    app.composer = ComposerState();
    app.show_export = false;
    refresh_after_load(app);
    platform::request_frames(0);
    return ok();
}

json cmd_tour_next(AppState& app, const json&) {
    TourState& t = app.tour;
    if (!t.running) return fail("no tour is running");
    if (t.step + 1 >= kStepCount && !t.kiosk) return fail("this is the tour's last step: tour_stop ends it");
    go_to(app, (t.step + 1) % kStepCount);
    return ok();
}

json cmd_tour_back(AppState& app, const json&) {
    TourState& t = app.tour;
    if (!t.running) return fail("no tour is running");
    if (t.step == 0) return fail("this is the tour's first step");
    go_to(app, t.step - 1);
    return ok();
}
