// Frame-to-frame comparison of ImGui draw data (frame_diff.h says what it guarantees).
#include "frame_diff.h"

#include <algorithm>
#include <cstring>

namespace frame_diff {
namespace {

// One draw list as the comparison reads it: the live list of this frame or the copy of the last.
struct View {
    const ImDrawVert* vtx = nullptr;
    const ImDrawIdx* idx = nullptr;
    const CmdCopy* cmds = nullptr;
    int cmd_count = 0;
    unsigned triangles = 0;
    size_t vtx_count = 0, idx_count = 0;
};

View view_of(const ListCopy& l) {
    return View{l.vtx.data(), l.idx.data(), l.cmds.data(), int(l.cmds.size()), l.triangles, l.vtx.size(), l.idx.size()};
}

// Position of a triangle: command `cmd`, its first index at `elem` within the command.
struct Cursor {
    int cmd = 0;
    unsigned elem = 0;
};

// Forward: skips commands that have no triangles left; false past the end.
bool settle_forward(const View& v, Cursor& c) {
    while (c.cmd < v.cmd_count && c.elem + 3 > v.cmds[c.cmd].elem_count) {
        ++c.cmd;
        c.elem = 0;
    }
    return c.cmd < v.cmd_count;
}

// Backward: `elem` is one past the triangle's last index; false before the start.
bool settle_backward(const View& v, Cursor& c) {
    while (c.cmd >= 0 && c.elem < 3) {
        --c.cmd;
        c.elem = c.cmd >= 0 ? v.cmds[c.cmd].elem_count : 0;
    }
    return c.cmd >= 0;
}

const ImDrawVert& vertex(const View& v, const CmdCopy& c, unsigned elem) { return v.vtx[c.vtx_offset + v.idx[c.idx_offset + elem]]; }

bool same_triangle(const View& a, const Cursor& ca, const View& b, const Cursor& cb, unsigned back) {
    const CmdCopy& x = a.cmds[ca.cmd];
    const CmdCopy& y = b.cmds[cb.cmd];
    if (x.texture != y.texture || std::memcmp(&x.clip, &y.clip, sizeof x.clip) != 0) return false;
    const unsigned ea = ca.elem - back, eb = cb.elem - back;
    for (unsigned k = 0; k < 3; ++k)
        if (std::memcmp(&vertex(a, x, ea + k), &vertex(b, y, eb + k), sizeof(ImDrawVert)) != 0) return false;
    return true;
}

void include(Rect& box, bool& any, float x0, float y0, float x1, float y1) {
    if (x1 <= x0 || y1 <= y0) return;
    if (!any) box = Rect{x0, y0, x1, y1};
    else box = Rect{std::min(box.x0, x0), std::min(box.y0, y0), std::max(box.x1, x1), std::max(box.y1, y1)};
    any = true;
}

// Adds the clipped bounding boxes of `n` triangles from `c` on.
void add_triangles(const View& v, Cursor c, unsigned n, Rect& box, bool& any) {
    for (; n > 0 && settle_forward(v, c); --n, c.elem += 3) {
        const CmdCopy& cmd = v.cmds[c.cmd];
        const ImVec2& p = vertex(v, cmd, c.elem).pos;
        const ImVec2& q = vertex(v, cmd, c.elem + 1).pos;
        const ImVec2& r = vertex(v, cmd, c.elem + 2).pos;
        include(box, any, std::max(std::min({p.x, q.x, r.x}), cmd.clip.x), std::max(std::min({p.y, q.y, r.y}), cmd.clip.y),
                std::min(std::max({p.x, q.x, r.x}), cmd.clip.z), std::min(std::max({p.y, q.y, r.y}), cmd.clip.w));
    }
}

// The damage of one list: the triangles between the common start and the common end.
void diff_list(const View& old_list, const View& new_list, Rect& box, bool& any) {
    Cursor a, b;
    unsigned front = 0;
    while (settle_forward(old_list, a) && settle_forward(new_list, b) && same_triangle(old_list, a, new_list, b, 0)) {
        a.elem += 3;
        b.elem += 3;
        ++front;
    }
    const unsigned limit = std::min(old_list.triangles, new_list.triangles) - front;
    Cursor ra{old_list.cmd_count - 1, old_list.cmd_count ? old_list.cmds[old_list.cmd_count - 1].elem_count : 0};
    Cursor rb{new_list.cmd_count - 1, new_list.cmd_count ? new_list.cmds[new_list.cmd_count - 1].elem_count : 0};
    unsigned back = 0;
    while (back < limit && settle_backward(old_list, ra) && settle_backward(new_list, rb) && same_triangle(old_list, ra, new_list, rb, 3)) {
        ra.elem -= 3;
        rb.elem -= 3;
        ++back;
    }
    add_triangles(old_list, a, old_list.triangles - front - back, box, any);
    add_triangles(new_list, b, new_list.triangles - front - back, box, any);
}

bool identical(const View& a, const View& b) {
    if (a.vtx_count != b.vtx_count || a.idx_count != b.idx_count || a.cmd_count != b.cmd_count) return false;
    for (int i = 0; i < a.cmd_count; ++i) {
        const CmdCopy& x = a.cmds[i];
        const CmdCopy& y = b.cmds[i];
        if (x.texture != y.texture || x.vtx_offset != y.vtx_offset || x.idx_offset != y.idx_offset || x.elem_count != y.elem_count ||
            std::memcmp(&x.clip, &y.clip, sizeof x.clip) != 0)
            return false;
    }
    return (a.vtx_count == 0 || std::memcmp(a.vtx, b.vtx, a.vtx_count * sizeof(ImDrawVert)) == 0) &&
           (a.idx_count == 0 || std::memcmp(a.idx, b.idx, a.idx_count * sizeof(ImDrawIdx)) == 0);
}

// The live list's commands in the comparable form; true when one is a callback (which draws
// something this comparison cannot see).
bool copy_commands(const ImDrawList* list, ListCopy& out) {
    out.cmds.resize(size_t(list->CmdBuffer.Size));
    out.triangles = 0;
    bool callback = false;
    for (int i = 0; i < list->CmdBuffer.Size; ++i) {
        const ImDrawCmd& c = list->CmdBuffer[i];
        CmdCopy& o = out.cmds[size_t(i)];
        o.clip = c.ClipRect;
        o.texture = c.GetTexID();
        o.vtx_offset = c.VtxOffset;
        o.idx_offset = c.IdxOffset;
        o.callback = c.UserCallback != nullptr;
        o.elem_count = o.callback ? 0 : c.ElemCount - c.ElemCount % 3;
        callback = callback || o.callback;
        out.triangles += o.elem_count / 3;
    }
    return callback;
}

void keep(const ImDrawList* list, ListCopy& scratch, ListCopy& slot) {
    slot.vtx.assign(list->VtxBuffer.Data, list->VtxBuffer.Data + list->VtxBuffer.Size);
    slot.idx.assign(list->IdxBuffer.Data, list->IdxBuffer.Data + list->IdxBuffer.Size);
    slot.cmds.swap(scratch.cmds);
    slot.triangles = scratch.triangles;
}

}  // namespace

Damage compare(const ImDrawData* dd, History& h) {
    Damage d;
    const bool same_frame = h.valid && h.display_pos.x == dd->DisplayPos.x && h.display_pos.y == dd->DisplayPos.y &&
                            h.display_size.x == dd->DisplaySize.x && h.display_size.y == dd->DisplaySize.y &&
                            h.scale.x == dd->FramebufferScale.x && h.scale.y == dd->FramebufferScale.y;
    const size_t count = size_t(std::max(dd->CmdListsCount, 0));
    const size_t old_count = h.lists.size();
    bool full = !same_frame, any_callback = false;
    Rect list_boxes[64];
    int boxes = 0;
    h.lists.resize(std::max(count, old_count));
    for (size_t i = 0; i < std::max(count, old_count); ++i) {
        ListCopy& old_copy = h.lists[i];
        const View old_view = i < old_count ? view_of(old_copy) : View{};
        View new_view;
        const ImDrawList* list = i < count ? dd->CmdLists[i] : nullptr;
        if (list) {
            any_callback = copy_commands(list, h.scratch) || any_callback;
            new_view = View{list->VtxBuffer.Data, list->IdxBuffer.Data, h.scratch.cmds.data(), int(h.scratch.cmds.size()),
                            h.scratch.triangles, size_t(list->VtxBuffer.Size), size_t(list->IdxBuffer.Size)};
        }
        if (identical(old_view, new_view)) continue;
        if (!full) {
            Rect box;
            bool any = false;
            diff_list(old_view, new_view, box, any);
            if (any) {
                if (boxes == 64) full = true;
                else list_boxes[boxes++] = box;
            }
        }
        if (list) keep(list, h.scratch, old_copy);
    }
    h.lists.resize(count);
    h.valid = true;
    h.display_pos = dd->DisplayPos;
    h.display_size = dd->DisplaySize;
    h.scale = dd->FramebufferScale;
    if (full || any_callback) return d;

    // One pixel more on every side: a canvas blends the edges of what it draws into the pixels next
    // to them, and a clip rectangle is cut at whole pixels.
    const float x_min = dd->DisplayPos.x, y_min = dd->DisplayPos.y;
    const float x_max = x_min + dd->DisplaySize.x, y_max = y_min + dd->DisplaySize.y;
    float area = 0;
    for (int i = 0; i < boxes; ++i) {
        Rect r = list_boxes[i];
        r = Rect{std::max(r.x0 - 1, x_min), std::max(r.y0 - 1, y_min), std::min(r.x1 + 1, x_max), std::min(r.y1 + 1, y_max)};
        if (r.x1 <= r.x0 || r.y1 <= r.y0) continue;
        list_boxes[i] = r;
        area += (r.x1 - r.x0) * (r.y1 - r.y0);
        if (d.count < kMaxRects) d.rects[d.count] = r;
        else d.rects[kMaxRects - 1] = Rect{std::min(d.rects[kMaxRects - 1].x0, r.x0), std::min(d.rects[kMaxRects - 1].y0, r.y0),
                                           std::max(d.rects[kMaxRects - 1].x1, r.x1), std::max(d.rects[kMaxRects - 1].y1, r.y1)};
        d.count = std::min(d.count + 1, kMaxRects);
    }
    // Redrawing most of the screen in pieces costs more than redrawing it whole.
    d.full = area > 0.6f * dd->DisplaySize.x * dd->DisplaySize.y;
    if (d.full) d.count = 0;
    return d;
}

void forget(History& h) {
    h.valid = false;
    h.lists.clear();
}

}  // namespace frame_diff
