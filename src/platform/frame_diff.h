// What changed on screen between two frames of ImGui draw data, so a renderer can skip a frame
// that looks the same as the last one and redraw only the changed part of one that does not.
//
//   frame_diff::History history;                       // one per canvas
//   frame_diff::Damage d = frame_diff::compare(draw_data, history);   // also remembers draw_data
//   if (d.nothing()) ...                                // the screen would not change: draw nothing
//   else if (d.full) ...                                // redraw everything
//   else ...                                            // redraw what touches d.rects[0 .. d.count)
//   frame_diff::forget(history);                        // the canvas was cleared or resized: next is full
//
// Each draw list is compared as a sequence of triangles in drawing order (a triangle = its three
// vertices, its command's clip rectangle and texture). The triangles the old and the new list
// share at the start and at the end are left alone; the bounding box of the others, old and new,
// clipped to their clip rectangles, is that list's damage. A pixel outside every list's damage is
// covered by the same triangles in the same order in both frames, so it keeps its colour.
#pragma once
#include <vector>

#include "imgui.h"

namespace frame_diff {

constexpr int kMaxRects = 8;

struct Rect {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

struct Damage {
    bool full = true;      // redraw everything (first frame, new size or scale, large change)
    int count = 0;         // when not full: the rectangles to redraw, in display coordinates
    Rect rects[kMaxRects];
    bool nothing() const { return !full && count == 0; }
};

struct CmdCopy {
    ImVec4 clip;
    ImTextureID texture = nullptr;
    unsigned vtx_offset = 0, idx_offset = 0, elem_count = 0;
    bool callback = false;
};

struct ListCopy {
    std::vector<ImDrawVert> vtx;
    std::vector<ImDrawIdx> idx;
    std::vector<CmdCopy> cmds;
    unsigned triangles = 0;
};

struct History {
    bool valid = false;
    ImVec2 display_pos, display_size, scale;
    std::vector<ListCopy> lists;
    ListCopy scratch;   // the new frame's copy of one list, reused between frames
};

Damage compare(const ImDrawData* draw_data, History& history);
void forget(History& history);

}  // namespace frame_diff
