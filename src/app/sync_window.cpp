// Team > Sync…: the CouchDB server, database, user and password of the live sync (team_sync.h),
// Connect and Stop, the state, the last error and what the last merge met. The fields are edit
// buffers of this window; the settings change only through sync_configure / sync_stop.
#include <cstdio>
#include <string>

#include "app_state.h"
#include "commands.h"
#include "i18n.h"
#include "panels.h"
#include "team_sync.h"
#include "text_field.h"
#include "widgets.h"
#include "core/time.h"
#include "imgui.h"

namespace {

// The state as the window and the menu bar show it.
const char* state_text(const std::string& state) {
    if (state == "connecting") return tr("sync.state.connecting");
    if (state == "syncing") return tr("sync.state.syncing");
    if (state == "idle") return tr("sync.state.idle");
    if (state == "offline") return tr("sync.state.offline");
    if (state == "error") return tr("sync.state.error");
    return tr("sync.state.off");
}

std::string error_shown(const TeamSyncState& st) {
    if (st.error_code == "unauthorized") return tr("sync.error.unauthorized");
    if (st.error_code == "forbidden") return tr("sync.error.forbidden");
    if (st.error_code == "unreachable") return trf("sync.error.unreachable", {{"url", st.settings.url}});
    return trf("sync.error.other", {{"detail", st.error}});
}

// "14:32" (UTC, as the app's dates) of the wall clock: the sync's times are real, even while the
// app's clock is simulated.
std::string hour_minute(double ms) {
    const sd::CivilTime c = sd::to_civil(sd::Time(ms / 1000));
    char b[8];
    std::snprintf(b, sizeof b, "%02d:%02d", c.hour, c.minute);
    return b;
}

void field_row(AppState& app, const char* label_key, const char* id, std::string& text, const char* hint, bool password) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(label_key));
    ImGui::SameLine(ImGui::GetFontSize() * 8);
    TextFieldOptions o;
    o.hint = hint;
    o.label = tr(label_key);
    o.width = ImGui::GetFontSize() * 22;
    o.password = password;
    text_field(app, id, text, o);
}

void draw_status(const AppState& app) {
    const TeamSyncState& st = app.sync;
    ImGui::TextUnformatted(trf("sync.window.state", {{"state", state_text(st.state)}}).c_str());
    ImGui::TextUnformatted(trn("sync.status.to_send", int64_t(sync_pending(app))).c_str());
    if (st.last_synced_ms > 0) ImGui::TextUnformatted(trf("sync.status.synced", {{"time", hour_minute(st.last_synced_ms)}}).c_str());
    if (!st.error.empty()) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
        ImGui::TextColored(ImVec4(0.75f, 0.12f, 0.08f, 1), "%s", error_shown(st).c_str());
        ImGui::PopTextWrapPos();
    }
    if (st.last_report.is_object())
        ImGui::TextDisabled("%s", trf("sync.window.last_merge", {{"added", st.last_report.value("added", 0)},
                                                                  {"updated", st.last_report.value("updated", 0)},
                                                                  {"conflicts", int64_t(st.last_report.value("conflicts", nlohmann::json::array()).size())}})
                                      .c_str());
}

}  // namespace

void draw_sync_window(AppState& app) {
    TeamSyncState& st = app.sync;
    if (!st.show_window) return;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.35f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;
    if (!ImGui::Begin(tr_id("sync.title", "sync").c_str(), &st.show_window, flags)) {
        ImGui::End();
        return;
    }
    if (ImGui::IsWindowAppearing()) {
        st.url_edit = st.settings.url;
        st.db_edit = st.settings.db;
        st.user_edit = st.settings.user;
        st.password_edit = st.settings.password;
    }
    ImGui::TextDisabled("%s", tr("sync.window.help"));
    field_row(app, "sync.window.url", "sync_url", st.url_edit, "https://couch.example.com", false);
    field_row(app, "sync.window.db", "sync_db", st.db_edit, "team_support", false);
    field_row(app, "sync.window.user", "sync_user", st.user_edit, "", false);
    field_row(app, "sync.window.password", "sync_password", st.password_edit, "", true);
    if (ImGui::Button(tr("sync.window.connect"))) {
        nlohmann::json r = dispatch(app, {{"type", "sync_configure"}, {"url", st.url_edit}, {"db", st.db_edit}, {"user", st.user_edit}, {"password", st.password_edit}});
        st.notice = r.value("ok", false) ? std::string() : r.value("error", std::string());
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(!st.settings.enabled);
    if (ImGui::Button(tr("sync.window.stop"))) dispatch(app, {{"type", "sync_stop"}});
    ImGui::EndDisabled();
    if (!st.notice.empty()) ImGui::TextColored(ImVec4(0.75f, 0.12f, 0.08f, 1), "%s", trf("sync.window.refused", {{"reason", st.notice}}).c_str());
    ImGui::Separator();
    draw_status(app);
    ImGui::TextDisabled("%s", tr("sync.window.stored_here"));
    ImGui::End();
}

// The menu bar's note: "Synced 14:32 · 3 to send", or the state while it is not idle. "" when off.
std::string sync_status_text(const AppState& app) {
    const TeamSyncState& st = app.sync;
    if (!st.settings.enabled) return {};
    const size_t pending = sync_pending(app);
    std::string head = st.state == "idle" && st.last_synced_ms > 0 ? trf("sync.status.synced", {{"time", hour_minute(st.last_synced_ms)}})
                                                                  : std::string(state_text(st.state));
    return pending ? head + " · " + trn("sync.status.to_send", int64_t(pending)) : head;
}
