// Keyboard shortcuts of the inbox (Gmail-like), decided the moment the key is pressed on the page
// (not in a text field: a field keeps its keys), so a key that moves the focus into a field ("/"
// for the search, "r" for the reply) has it there before the next key arrives. Each shortcut
// sends the same command a click would. Single-key shortcuts act only while the list or the thread
// has the focus, no menu or window of the interface takes keys, and the setting allows them.
#pragma once

struct AppState;

// KeyboardEvent.keyCode and modifiers (1 ctrl, 2 shift, 4 alt, 8 meta); true when used.
bool handle_shortcut(AppState& app, int key_code, int mods);
