// The Tmall registers' part of AppState (registers_app.h has what works on it): the entries and
// the view state of the Registers window and of the thread's "Add to register…" form.
#pragma once
#include <array>
#include <map>
#include <string>

#include "core/registers.h"

struct RegistersState {
    sd::Registers data;
    bool show_window = false;
    int tab = 0;                         // sd::RegisterKind shown in the window
    std::string notice;                  // what the window's last action did, or why it was refused
    // The "Add to register…" form of the open conversation (view state; the entry is made by
    // register_add).
    int form_kind = 0;
    std::string form_amount, form_text, form_supervisor, form_error;
    // Where some widgets were drawn last frame, for state().registers.layout (browser tests click them).
    std::map<std::string, std::array<float, 4>> rects;
};
