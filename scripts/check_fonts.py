#!/usr/bin/env python3
"""Checks that every character of the UI catalogues (assets/i18n/*.json) can be drawn: it is in
the cut fonts (scripts/make_fonts.py) and inside the glyph ranges src/app/theme.cpp asks Dear
ImGui for (a glyph outside them is never rasterised, whatever the font holds).

  check_fonts.py FONT_DIR      FONT_DIR holds ui.otf and cjk.ttf; exit status 0 when all is well
"""
import json, os, re, sys
from fontTools.ttLib import TTFont

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
font_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".cache", "fonts")

def ranges(source, name):
    # The pairs of a `static const ImWchar name[] = {first, last, ..., 0};` table.
    m = re.search(r"\b%s\[\]\s*=\s*\{([^}]*)\}" % re.escape(name), source)
    if not m:
        sys.exit("check_fonts: no table %s[] in src/app/theme.cpp" % name)
    values = [int(v, 16) for v in re.findall(r"0x[0-9A-Fa-f]+", m.group(1))]
    return list(zip(values[0::2], values[1::2]))

def inside(cp, pairs):
    return any(a <= cp <= b for a, b in pairs)

theme = open(os.path.join(root, "src", "app", "theme.cpp"), encoding="utf-8").read()
# theme.cpp loads ui.otf with the `latin` ranges and merges cjk.ttf with the `cjk_ranges`.
fonts = [(os.path.join(font_dir, "ui.otf"), ranges(theme, "latin")),
         (os.path.join(font_dir, "cjk.ttf"), ranges(theme, "cjk_ranges"))]
cmaps = []
for path, pairs in fonts:
    if not os.path.exists(path):
        sys.exit("check_fonts: %s is missing (scripts/make_fonts.py makes it)" % path)
    cmaps.append((set(TTFont(path).getBestCmap()), pairs))

cat_dir = os.path.join(root, "assets", "i18n")
problems, checked = [], set()
for name in sorted(os.listdir(cat_dir)):
    if not name.endswith(".json"):
        continue
    for key, value in json.load(open(os.path.join(cat_dir, name), encoding="utf-8")).items():
        for text in (value.values() if isinstance(value, dict) else [value]):
            for ch in text:
                cp = ord(ch)
                if cp < 0x20:
                    continue   # line breaks are layout, not glyphs
                checked.add(cp)
                if not any(cp in cmap and inside(cp, pairs) for cmap, pairs in cmaps):
                    problems.append("%s %s: U+%04X %r is in no cut font within theme.cpp's ranges" % (name, key, cp, ch))

for p in problems:
    print(p)
print("check_fonts: %d distinct characters of the catalogues, %d not drawable; ui.otf %d bytes, cjk.ttf %d bytes" % (
    len(checked), len(problems), os.path.getsize(fonts[0][0]), os.path.getsize(fonts[1][0])))
sys.exit(1 if problems else 0)
