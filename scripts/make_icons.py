#!/usr/bin/env python3
"""Draws SellerDesk's app icons as PNG files (the web app manifest's icons).

  make_icons.py OUT_DIR

Writes icon-192.png and icon-512.png (a rounded navy tile, for "any" use) and maskable-192.png and
maskable-512.png (a full-bleed tile whose drawing stays inside the central circle of radius 40 %
that platforms keep when they cut an icon to a circle or a squircle). The drawing is the favicon's:
an amber speech bubble with two lines of text on the menu bar's navy, plus the list's blue
"unread" dot. Shapes are signed distance functions on a 32-unit grid; each pixel's coverage comes
from the distance at its centre (one pixel of antialiasing). Only the standard library: the PNG
is written by hand (RGBA, 8 bits, zlib).
"""
import math, os, struct, sys, zlib

NAVY = (0x23, 0x2B, 0x3D)    # ImGuiCol_MenuBarBg of the light theme (src/app/theme.cpp), the favicon's tile
AMBER = (0xFF, 0xC7, 0x4D)   # the favicon's bubble
BLUE = (0x1E, 0x6E, 0xE6)    # the app's accent (unread dot, focus ring)


# ---- signed distances (negative inside), in grid units ----------------------------------------
def rounded_box(px, py, x0, y0, x1, y1, r):
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    qx = abs(px - cx) - (x1 - x0) / 2 + r
    qy = abs(py - cy) - (y1 - y0) / 2 + r
    outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
    return outside + min(max(qx, qy), 0.0) - r


def segment(px, py, ax, ay, bx, by, r):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy) - r


def circle(px, py, cx, cy, r):
    return math.hypot(px - cx, py - cy) - r


def triangle(px, py, pts):
    # Distance to the nearest edge, negative when the point is on the inner side of all three.
    d = float("inf")
    inside = True
    n = len(pts)
    for i in range(n):
        ax, ay = pts[i]
        bx, by = pts[(i + 1) % n]
        d = min(d, segment(px, py, ax, ay, bx, by, 0.0))
        if (bx - ax) * (py - ay) - (by - ay) * (px - ax) < 0:
            inside = False
    return -d if inside else d


# ---- the drawing -------------------------------------------------------------------------------
TAIL = [(9.5, 19.0), (15.5, 19.0), (8.0, 25.5)]   # clockwise on screen (y down)


def layers(full_bleed):
    """(colour, distance function, bounding box) from back to front, in grid units."""
    out = []
    if full_bleed:
        out.append((NAVY, lambda x, y: -1.0, None))
    else:
        out.append((NAVY, lambda x, y: rounded_box(x, y, 0, 0, 32, 32, 7), (0, 0, 32, 32)))
    bubble = lambda x, y: min(rounded_box(x, y, 6.5, 8.5, 25.5, 20.5, 2.4), triangle(x, y, TAIL))
    out.append((AMBER, bubble, (6.5, 8.5, 25.5, 25.5)))
    out.append((NAVY, lambda x, y: segment(x, y, 10.5, 12.6, 21.5, 12.6, 1.15), (9.3, 11.4, 22.7, 13.8)))
    out.append((NAVY, lambda x, y: segment(x, y, 10.5, 16.4, 17.0, 16.4, 1.15), (9.3, 15.2, 18.2, 17.6)))
    out.append((NAVY, lambda x, y: circle(x, y, 25.0, 8.5, 4.3), (20.7, 4.2, 29.3, 12.8)))   # a ring that sets the dot apart
    out.append((BLUE, lambda x, y: circle(x, y, 25.0, 8.5, 3.1), (21.9, 5.4, 28.1, 11.6)))
    return out


def render(size, maskable):
    # Grid units per pixel. A maskable icon shrinks the drawing around the centre so that all of
    # it lies within 40 % of the size from the centre: its farthest point, the dot's ring, is 16
    # units out, 12.5 after the zoom, inside the safe circle's 12.8.
    zoom = 0.78 if maskable else 1.0
    unit = 32.0 / size / zoom
    parts = layers(full_bleed=maskable)
    rows = []
    for j in range(size):
        row = bytearray()
        y = 16.0 + ((j + 0.5) / size * 32.0 - 16.0) / zoom
        for i in range(size):
            x = 16.0 + ((i + 0.5) / size * 32.0 - 16.0) / zoom
            r = g = b = 0.0
            a = 0.0
            for colour, dist, box in parts:
                if box is not None and not (box[0] - unit <= x <= box[2] + unit and box[1] - unit <= y <= box[3] + unit):
                    continue
                cover = 0.5 - dist(x, y) / unit
                if cover <= 0.0:
                    continue
                cover = min(cover, 1.0)
                # "over" with straight alpha
                na = cover + a * (1.0 - cover)
                r = (colour[0] * cover + r * a * (1.0 - cover)) / na
                g = (colour[1] * cover + g * a * (1.0 - cover)) / na
                b = (colour[2] * cover + b * a * (1.0 - cover)) / na
                a = na
            row += bytes((round(r), round(g), round(b), round(a * 255)))
        rows.append(bytes(row))
    return rows


def write_png(path, rows):
    height, width = len(rows), len(rows[0]) // 4

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + r for r in rows)   # filter type 0 (none) on every row
    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw, 9))
    png += chunk(b"IEND", b"")
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(png)
    os.replace(tmp, path)
    return len(png)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, size, maskable in (("icon-192.png", 192, False), ("icon-512.png", 512, False),
                                 ("maskable-192.png", 192, True), ("maskable-512.png", 512, True)):
        n = write_png(os.path.join(out, name), render(size, maskable))
        print("icons: %s %dx%d, %d bytes" % (name, size, size, n))


if __name__ == "__main__":
    main()
