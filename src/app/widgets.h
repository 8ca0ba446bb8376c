// Small pieces the panels share: chips, text cut to a width with an ellipsis (the whole text on
// hover), copy buttons, and items that wrap to the next line when the line is full.
#pragma once
#include <string>

struct ImVec4;

// A rounded label in `bg` with `fg` text; returns true when clicked.
bool chip(const char* id, const char* text, unsigned bg, unsigned fg);
// `text` in `color`, cut to `max_w` px with "…"; hovering a cut text shows all of it.
void text_ellipsis(const char* text, float max_w, const ImVec4& color);
void text_ellipsis(const char* text, float max_w);
// A small "copy" button after the last item: puts `value` on the clipboard; true when clicked.
bool copy_button(const char* id, const std::string& value);
// SameLine() when an item `w` px wide still fits on the current line, else a new line.
void same_line_if_fits(float w, float spacing = -1);
// A small button that moves to the next line when the line is full (a row of actions that wraps).
bool flow_small_button(const char* label);
// A coloured badge in the menu bar after the last item (DEMO, TRAINING), its tip on hover.
void menu_badge(const char* text, const char* tip, unsigned color);
// A tooltip that never lies under a text field: shown above or below the mouse, away from the
// fields' rectangles (the browser draws the fields over the canvas).
void tooltip(const char* text);
