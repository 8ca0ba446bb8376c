// SellerDesk in the browser: loads the inbox from the IDBFS mount (web/sellerdesk.js mounted and
// synced it before main runs), then draws one ImGui frame whenever the scheduler asks.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "a11y_mirror.h"
#include "app_state.h"
#include "commands.h"
#include "composer.h"
#include "edits.h"
#include "i18n.h"
#include "import_export.h"
#include "inbox.h"
#include "language.h"
#include "panels.h"
#include "reading.h"
#include "records_import.h"
#include "state_json.h"
#include "team_sync.h"
#include "template_library.h"
#include "theme.h"
#include "view.h"
#include "core/sla.h"
#include "shortcuts.h"
#include "text_field.h"
#include "text_fields.h"
#include "training.h"
#include "training_save.h"
#include "tour.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "platform/platform.h"

namespace {

constexpr double kSaveRetryMs = 5000;
// While the page's workers decode mail and nothing else is due, the progress bar is redrawn this
// often: on a machine with few cores every frame drawn is time taken from the decoding.
constexpr double kReadingFrameMs = 100;
// After that, an import's next step runs as soon as the page is free (web/sellerdesk.js), not at
// the next display refresh: most steps are short, and waiting for the refresh left it idle.
constexpr double kNextTaskMs = -1;
// Background work per frame while the user is idle: the message texts of a large inbox, then the
// search index (after a large import, a frame with the whole list drawn must stay well under 100 ms).
constexpr double kIdleTextsMs = 40;
constexpr double kIdleIndexMs = 24;
bool g_importing = false;   // the last frame was an import's (the next one after it is light)
double g_import_painted_ms = 0;   // when an import's progress was last drawn

bool waiting_for_mail(const ImportState& im) {
    return im.running && im.reading && !im.finish_due && im.csv_next_file >= im.csv_files.size();
}

AppState g_app;                 // the one app instance; the bridge and frame function reach it
std::string g_bridge_out;       // last string handed to JavaScript
float g_font_dpr = 0;
int g_font_px = 0;              // the text size the fonts were built for (a preference; reading.h)

// Milliseconds until the next frame is needed when the user is idle: when the next visible
// change happens. The list, the menu bar clock and relative times change once a minute; the open
// conversation shows seconds when a deadline is less than an hour away.
double idle_delay_ms(const AppState& app) {
    double speed = app.clock.simulated ? app.clock.speed : 1.0;
    if (speed <= 0) return 60000;   // paused: nothing moves
    sd::Time step = 60;
    if (const sd::Conversation* c = app.store.find_conversation(app.view.selected)) {
        sd::SlaResult r = sd::evaluate_sla(app.settings.sla, *c, app.now);
        for (int k = 0; k < r.count; ++k)
            if (r.deadlines[size_t(k)].open() && std::llabs(r.deadlines[size_t(k)].remaining) < 3600) step = 1;
    }
    // Real milliseconds until app time reaches the next multiple of `step` seconds.
    double frac = app.clock.simulated ? 0.0 : std::fmod(app.real_ms, 1000.0);
    double to_boundary = (double(step - (app.now % step)) * 1000.0 - frac) / speed + 20;
    // Timers may fire a little early: never schedule a frame only milliseconds away.
    return to_boundary < 100 ? to_boundary + 1000.0 * double(step) / speed : to_boundary;
}

// The pane under a click takes the keyboard focus (shortcuts act in the list and the thread).
void track_pane_focus(AppState& app) {
    if (!ImGui::IsMouseClicked(0)) return;
    for (ImGuiWindow* w = ImGui::GetCurrentContext()->HoveredWindow; w; w = w->ParentWindow) {
        // ImGui names a child window "<parent>/<name>_<its ID in hex>": the pane is the last part.
        const std::string name = w->Name;
        const std::string leaf = name.substr(name.rfind('/') == std::string::npos ? 0 : name.rfind('/') + 1);
        for (const char* pane : {"folders", "list", "thread"}) {
            if (leaf.rfind(std::string("##") + pane + "_", 0) == 0) {
                app.view.pane = pane;
                return;
            }
        }
    }
}

// A ring around the pane that has the keyboard focus, while no text field has it.
void draw_focus_ring(const AppState& app, const ImVec2 (&rects)[3][2]) {
    if (!app.fields.focused.empty() || app.ui_takes_keys) return;
    const int i = app.view.pane == "folders" ? 0 : app.view.pane == "thread" ? 2 : 1;
    if (i == 0 && app.view.narrow) return;
    ImGui::GetForegroundDrawList()->AddRect(ImVec2(rects[i][0].x + 1, rects[i][0].y + 1), ImVec2(rects[i][1].x - 1, rects[i][1].y - 1),
                                            IM_COL32(30, 110, 230, 160), 3, 0, 2);
}

// The three panes side by side; a window narrower than about 1100 px has no folder pane (the
// list offers the folders as a menu instead).
void draw_panes(AppState& app) {
    app.view.narrow = ImGui::GetContentRegionAvail().x < 1100;
    const int n = app.view.narrow ? 2 : 3;
    ImVec2 rects[3][2] = {};
    if (!ImGui::BeginTable(app.view.narrow ? "##layout2" : "##layout", n, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV)) return;
    if (!app.view.narrow) ImGui::TableSetupColumn("##folders", ImGuiTableColumnFlags_WidthFixed, 200.0f);
    ImGui::TableSetupColumn("##list", ImGuiTableColumnFlags_WidthStretch, 1.1f);
    ImGui::TableSetupColumn("##thread", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableNextRow();
    int col = 0;
    auto pane = [&](int which, void (*draw)(AppState&)) {
        ImGui::TableSetColumnIndex(col++);
        draw(app);
        rects[which][0] = ImGui::GetItemRectMin();
        rects[which][1] = ImGui::GetItemRectMax();
    };
    app.view.parts.clear();   // each part records where it is drawn this frame
    if (!app.view.narrow) pane(0, draw_folder_pane);
    pane(1, draw_list_pane);
    pane(2, draw_thread_pane);
    ImGui::EndTable();
    const char* names[3] = {"folders", "list", "thread"};
    for (int i = app.view.narrow ? 1 : 0; i < 3; ++i)
        app.view.parts[names[i]] = {rects[i][0].x, rects[i][0].y, rects[i][1].x - rects[i][0].x, rects[i][1].y - rects[i][0].y};
    track_pane_focus(app);
    draw_focus_ring(app, rects);
}

// What the page reports back (platform::Callbacks).
void app_on_persisted(bool ok, const char* message) { on_persisted(g_app, ok, message); }

void app_on_field_input(const char* id, const char* text, int caret_utf16) { fields_on_input(g_app, id, text, caret_utf16); }
bool app_on_field_key(const char* id, const char* key, int caret_utf16) {
    fields_on_key(g_app, id, key, caret_utf16);
    if (g_app.view.dirty) rebuild_rows(g_app);
    platform::request_frames(200);
    return true;
}
void app_on_field_focus(const char* id) { fields_on_focus(g_app, id); }
bool app_on_shortcut(int key_code, int mods) {
    const bool used = handle_shortcut(g_app, key_code, mods);
    if (used && g_app.view.dirty) rebuild_rows(g_app);
    return used;
}

// A training pack picked in the Training window (or dropped): imported through the command, the
// result shown in the window.
void import_training_pack_file(AppState& app, const std::string& text) {
    const nlohmann::json r = dispatch(app, {{"type", "training_import_pack"}, {"text", text}});
    TrainingState& t = app.training;
    t.show_window = true;
    t.notice = r["ok"] == true ? std::string() : r.value("error", std::string());
    t.done_notice = r["ok"] == true ? trn("training.imported", r["scenarios"].get<int64_t>(), {{"pack", r["pack"].get<std::string>()}}) : std::string();
}

// A file from the picker or dropped on the page: a template library, a training pack (an export
// of the whole inbox is handled by the sync import).
void app_on_file_picked(const char* purpose, const char* name, const char* text) {
    AppState& app = g_app;
    std::string what = purpose ? purpose : "", file = name ? name : "file";
    std::string body = text ? text : "";
    if (what == "training_pack" || body.find("\"sellerdesk-scenarios\"") != std::string::npos) {
        import_training_pack_file(app, body);
    } else if (what == "templates" || body.find("\"sellerdesk-templates\"") != std::string::npos) {
        app.templates.notice = import_template_file(app, file, body);
        app.templates.show_window = true;
    } else {
        import_begin(app, std::move(body), file);   // an export; a refusal is shown in the import window
    }
    platform::request_frames(200);
}

}  // namespace

extern "C" {
// One frame. Returns the delay in ms before the next frame is needed (0 = next animation frame,
// less than 0 = as soon as the page is free).
__attribute__((used)) double sd_frame() {
    AppState& app = g_app;
    app.real_ms = platform::now_ms();
    app.now = app_now(app, app.real_ms);
    training_tick(app);   // the running scenario's events due by now arrive
    tour_tick(app);       // kiosk mode: the tour's next step when its time is up
    float dpr = platform::device_pixel_ratio();
    if (dpr != g_font_dpr || app.font_size != g_font_px) {
        load_fonts(dpr, float(app.font_size));
        if (app.font_size != g_font_px) apply_theme(float(app.font_size));
        app.reading.widths = sd::GlyphWidths();   // the old font is gone until the thread draws with the new one
        g_font_dpr = dpr;
        g_font_px = app.font_size;
    }
    double cpu_start = platform::perf_ms();
    if (!app.import.running && app.import.notify_js) {   // the import's last frame (the flush) is over:
        app.import.notify_js = false;                    // its report alone is this frame's work
        platform::import_done(app.import.report.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        app.frame_ms = platform::perf_ms() - cpu_start;
        return 0;
    }
    bool input = platform::begin_frame();
    ++app.frames;
    update_sla_summary(app);
    follow_projection(app);
    // A failed flush (quota, private mode) is retried every few seconds; nothing is dropped.
    if (!app.save.error.empty() && !app.save.in_flight && !app.tab.read_only && app.real_ms - app.save.error_at_ms > kSaveRetryMs)
        persist_if_needed(app);
    // The message texts of a large inbox, then the search index: slices, bigger while the user is idle.
    // The first frame after an import repaints the whole screen and sorts the new list: it does
    // no index work of its own (docs/performance.md, "Mail import").
    const bool after_import = g_importing && !app.import.running;
    g_importing = app.import.running;
    if (after_import) platform::request_frames(0);
    else if (!app.import.running && background_step(app, input ? 8 : app.texts.pending ? kIdleTextsMs : kIdleIndexMs)) platform::request_frames(0);
    sync_tick(app);   // the live sync's slice: changed records found, incoming ones merged (team_sync.h)
    if (app.view.dirty) rebuild_rows(app);
    double ui_start = platform::perf_ms();
    ImGui::NewFrame();
    if (app.import.running) {   // the store is inside the merge: show only its progress
        import_step(app);
        text_fields_end_frame(app);   // no field while the inbox is being merged
        if (!app.import.running && app.import.notify_js) platform::request_frames(0);   // the report goes in a frame of its own
        draw_import_windows(app);
        // While the steps follow each other as tasks, the progress is drawn a few times a second.
        // The import's last step is not drawn: the report's frame and a full repaint follow at once.
        if (app.import.running && app.real_ms - g_import_painted_ms >= kReadingFrameMs) {
            ImGui::Render();
            platform::render_frame();
            g_import_painted_ms = app.real_ms;
        } else {
            ImGui::EndFrame();
        }
        app.frame_ms = platform::perf_ms() - cpu_start;
        return waiting_for_mail(app.import) ? kReadingFrameMs : app.import.running ? kNextTaskMs : 0;
    }
    if (app.view.dirty) rebuild_rows(app);
    if (app.composer.id != app.view.selected) save_open_draft(app);   // the draft of the one left
    if (composer_update(app)) save_open_draft(app);
    training_save_if_due(app);   // a draft typed while training
    draw_menu_bar(app);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                             ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("##main", nullptr, flags);
    ImGui::PopStyleVar();
    draw_status_banner(app);
    draw_panes(app);
    ImGui::End();
    draw_dialogs(app);
    draw_settings_window(app);
    draw_clock_window(app);
    draw_training_window(app);
    draw_handover_windows(app);
    draw_text_size_window(app);
    draw_shortcut_sheet(app);
    draw_template_window(app);
    draw_registers_window(app);
    draw_dashboard_window(app);
    draw_projection_window(app);
    draw_import_windows(app);
    draw_mail_windows(app);
    draw_sync_window(app);
    draw_undo_notice(app);
    draw_tour(app);   // over everything: the highlight, the dimmed rest and the caption
    text_fields_end_frame(app);
    // Shortcuts wait while a menu, a popup or another window has the keys.
    ImGuiWindow* nav = ImGui::GetCurrentContext()->NavWindow;
    app.ui_takes_keys = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel) ||
                        (nav && std::string(nav->RootWindow->Name) != "##main");
    ImGui::Render();
    platform::set_mouse_cursor(ImGui::GetMouseCursor());
    a11y_publish(app);   // the screen-reader mirror, when what it shows changed
    double render_start = platform::perf_ms();
    platform::render_frame();
    double end = platform::perf_ms();
    app.frame_ms = end - cpu_start;
    app.frame_parts[0] = ui_start - cpu_start;      // input, SLA tally, list rebuild
    app.frame_parts[1] = render_start - ui_start;   // the panels (ImGui)
    app.frame_parts[2] = end - render_start;        // WebGL draw calls
    if (input) platform::request_frames(400);
    double next = std::min(idle_delay_ms(app), tour_delay_ms(app));
    return app.save.error.empty() ? next : std::min(next, kSaveRetryMs);
}

// The page is being hidden or left: save the open draft and write everything now.
__attribute__((used)) void sd_flush_now() { flush_now(g_app); }

// The page finished reading a large texts file from IndexedDB into the file system.
__attribute__((used)) void sd_texts_arrived() { platform::request_frames(0); }

__attribute__((used)) void sd_storage_estimate(double usage, double quota, int persisted) {
    g_app.storage = StorageEstimate{usage, quota, persisted};
}

// The lock changed hands: writer = 1 means this tab saves from now on (it reloads what the
// previous writer saved); writer = 0 with a reason means a take-over request was refused.
__attribute__((used)) void sd_set_role(int writer, const char* reason) {
    if (writer) become_writer(g_app);
    else g_app.tab.note = reason ? reason : "";
    platform::request_frames(0);
}

// A follower: the writer saved; the changed files were pulled from IndexedDB.
__attribute__((used)) void sd_follow() { on_writer_saved(g_app); }

// Another tab asks to take over: stop accepting edits, save everything, then let go of the lock
// (on_persisted answers once the save is complete).
__attribute__((used)) void sd_handover_request() { on_handover_request(g_app); }

__attribute__((used)) const char* sd_bridge_state(const char* options_json) {
    nlohmann::json opt = nlohmann::json::parse(options_json ? options_json : "{}", nullptr, false);
    size_t max_rows = SIZE_MAX;
    if (opt.is_object() && opt.contains("max_rows") && opt["max_rows"].is_number_unsigned()) max_rows = opt["max_rows"].get<size_t>();
    g_app.now = app_now(g_app, platform::now_ms());
    update_sla_summary(g_app);
    if (g_app.view.dirty) rebuild_rows(g_app);   // a click's change shows at once, not a frame later
    const bool import_lists = opt.is_object() && opt.contains("import_lists") && opt["import_lists"] == true;
    g_bridge_out = state_json(g_app, max_rows, import_lists).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return g_bridge_out.c_str();
}

// exportJson(options): the export as text, or {"error": ...} as JSON text starting with '!'.
__attribute__((used)) const char* sd_export(const char* options_json) {
    nlohmann::json o = nlohmann::json::parse(options_json ? options_json : "{}", nullptr, false);
    ExportRequest req;
    if (o.is_object()) {
        req.view_only = o.value("filter", std::string("all")) == "current" || o.value("view", false) == true;
        req.redact = o.value("redact", false) == true;
        req.templates = o.value("templates", true) != false;
        req.settings = o.value("settings", true) != false;
        if (o.contains("ids") && o["ids"].is_array())
            for (const auto& id : o["ids"])
                if (id.is_string()) req.ids.push_back(id.get<std::string>());
    }
    std::string error;
    if (!g_app.ready) error = "the inbox is still loading";
    else if (!export_json_text(g_app, req, g_bridge_out, error)) g_bridge_out.clear();
    if (!error.empty()) g_bridge_out = "!" + error;
    return g_bridge_out.c_str();
}

// importJson(text): starts an import of `len` bytes at `text`; the result is JSON: a refusal, or
// {"ok": true, "running": true} and the report arrives later through Module.sdImportDone.
// With owned = 1 the app takes over the malloc'ed buffer (the caller must not free it).
__attribute__((used)) const char* sd_import(char* text, int len, const char* file_name, int owned) {
    nlohmann::json r;
    const std::string name = file_name ? file_name : "importJson";
    if (!g_app.ready) {
        r = {{"ok", false}, {"error", {{"message", "the inbox is still loading"}}}};
        if (owned) std::free(text);
    } else {
        r = owned ? import_begin_owned(g_app, text, size_t(len), name) : import_begin(g_app, std::string(text, size_t(len)), name);
        if (r.value("running", false)) g_app.import.notify_js = true;
    }
    platform::request_frames(0);
    g_bridge_out = r.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return g_bridge_out.c_str();
}

// Mail and CSV files (records_import.h): one request of web/import_files.js, answered as JSON.
__attribute__((used)) const char* sd_records(const char* request_json) {
    nlohmann::json req = nlohmann::json::parse(request_json ? request_json : "", nullptr, false);
    nlohmann::json r = req.is_object() ? records_request(g_app, req) : nlohmann::json{{"ok", false}, {"error", "the request is not valid JSON"}};
    if (!g_app.import.running && g_app.import.notify_js && g_app.import.report.is_object()) {
        g_app.import.notify_js = false;   // an import that ended at once (nothing to read) still reports
        platform::import_done(g_app.import.report.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    if (req.is_object() && req.value("op", std::string()) == "begin" && r.value("ok", false)) g_app.import.notify_js = true;
    platform::request_frames(200);
    g_bridge_out = r.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return g_bridge_out.c_str();
}

__attribute__((used)) const char* sd_bridge_dispatch(const char* command_json) {
    nlohmann::json cmd = nlohmann::json::parse(command_json, nullptr, false);
    nlohmann::json result = cmd.is_discarded() ? nlohmann::json{{"ok", false}, {"error", "the command is not valid JSON"}}
                                               : dispatch(g_app, cmd);
    g_app.now = app_now(g_app, platform::now_ms());
    if (g_app.view.dirty) rebuild_rows(g_app);   // state() right after dispatch sees the new rows
    platform::request_frames(200);
    g_bridge_out = result.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return g_bridge_out.c_str();
}
}

int main() {
    const double t0 = platform::perf_ms();
    start_language(g_app);   // before anything is shown, even the WebGL message below
    ImGui::CreateContext();
    platform::Desc desc;
    desc.on.persisted = app_on_persisted;
    desc.on.field_input = app_on_field_input;
    desc.on.field_key = app_on_field_key;
    desc.on.field_focus = app_on_field_focus;
    desc.on.shortcut = app_on_shortcut;
    desc.on.file_picked = app_on_file_picked;
    if (!platform::init(desc)) {
        platform::set_busy_text(tr("app.needs_webgl"));
        return 1;
    }
    apply_theme();
    g_app.real_ms = platform::now_ms();
    g_app.now = app_now(g_app, g_app.real_ms);
    g_app.startup.init_ms = platform::perf_ms() - t0;
    start_app(g_app);
    load_sync_files(g_app);   // the live sync's settings and checkpoint (team_sync.h)
    restore_training(g_app);   // a scenario left running before a reload, apart from the inbox
    load_font_size(g_app);
    platform::set_busy_text("");
    return 0;   // the runtime stays alive; web/sellerdesk.js drives sd_frame
}
