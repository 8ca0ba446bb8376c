// What the app keeps of the shift handover and the VIP follow-up between frames (handover.h has
// the functions): the handovers of handovers.json, this profile's acknowledgement, and the view
// state of their windows.
#pragma once
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "core/handover.h"

struct HandoverState {
    std::vector<sd::Handover> list;   // every handover known here, oldest first
    sd::Time seen_at = 0;             // the latest this profile acknowledged (at, id); only in this browser
    std::string seen_id;
    bool show_start = false;          // the window at start: the latest handover, not yet acknowledged
    bool show_list = false;           // Team > Handovers…
    bool show_end = false;            // Team > End shift…
    std::string end_text;             // the note being written there
    std::string end_error;
    std::string open_id;              // the handover the list window shows ("" = the latest)
    std::string vip_date;             // the details pane's follow-up date field
    std::string vip_for;              // whose date the field holds (a customer ID)
    std::string vip_error;
    // The conversation links the start or list window drew last frame (x, y, w, h), for tests.
    std::vector<std::pair<std::string, std::array<float, 4>>> links;
};
