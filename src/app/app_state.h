// AppState: everything the browser app holds. The core Store is the single source of truth for
// domain data; the rest is view state (filter, selection, clock) and save bookkeeping.
// Panels read it and change it only through dispatch() (commands.cpp), like the automation bridge.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

#include "core/model.h"
#include "core/storage.h"

struct ClockState {
    bool simulated = false;
    sd::Time sim_at = 0;          // simulated time at sim_real_ms
    double sim_real_ms = 0;       // real clock reading when sim_at was set
    double speed = 1.0;           // simulated seconds per real second
};

struct SaveState {
    uint64_t ops_written = 0;     // appended to the journal file (MEMFS)
    uint64_t ops_synced = 0;      // known to be in IndexedDB
    uint64_t sync_target = 0;     // ops_written when the running sync started
    bool in_flight = false;
    bool again = false;           // changes arrived while a sync ran
    std::string error;            // last failure, empty when fine
};

struct ViewState {
    std::string filter = "all";           // "all", "unread", "marketplace:<name>"
    std::vector<uint32_t> rows;           // conversation indices in screen order
    bool dirty = true;
    std::string selected;                 // conversation ID, "" = none
    bool scroll_to_selected = false;
    // Where the list was drawn last frame (CSS px), reported by state().layout so tests can click
    // a row on the real canvas.
    int first_visible_row = 0;
    float first_row_y = 0, row_height = 0, list_x = 0, list_w = 0;
};

struct AppState {
    sd::Store store;
    std::string data_dir = "/data/inbox";
    sd::InboxBase base;
    bool ready = false;
    std::string load_report;              // shown once after loading, e.g. a repaired journal
    std::string agent_name = "Lily Wang";
    uint64_t next_local_id = 1;           // for message/remark IDs minted here
    std::string replica_id;               // this browser profile's ID, part of minted IDs

    double real_ms = 0;                   // wall clock at the start of the frame
    sd::Time now = 0;                     // app time (real or simulated) at the start of the frame
    ClockState clock;
    SaveState save;
    ViewState view;
    bool show_about = false;
    bool show_reset = false;
    int reset_size = 1200;
    int reset_seed = 1;
};

// commands.cpp
nlohmann::json dispatch(AppState& app, const nlohmann::json& command);
sd::Time app_now(const AppState& app, double real_ms);
void rebuild_rows(AppState& app);
nlohmann::json state_json(const AppState& app);
void persist_if_needed(AppState& app);

// panels (one file each)
void draw_menu_bar(AppState& app);
void draw_folder_pane(AppState& app);
void draw_list_pane(AppState& app);
void draw_thread_pane(AppState& app);
void draw_dialogs(AppState& app);

// theme.cpp
void load_fonts(float dpr);
void apply_theme();
struct ImVec4;
const ImVec4& marketplace_color(sd::Marketplace m);
std::string format_relative(sd::Time t, sd::Time now);
std::string format_local_datetime(sd::Time t);
