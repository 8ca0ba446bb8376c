#!/usr/bin/env python3
"""Cuts the UI fonts down to the glyphs SellerDesk needs, so the page stays light.

  make_fonts.py IMGUI_DIR OUT_DIR

ui.otf  - Inter Regular (Debian fonts-inter): Latin, Latin-1, Latin Extended-A, punctuation, arrows,
          plus every other character of the UI catalogues (assets/i18n/*.json) that Inter has.
cjk.ttf - WenQuanYi Micro Hei (Debian fonts-wqy-microhei): the 2,500 common Simplified Chinese
          characters (the table Dear ImGui ships for GetGlyphRangesChineseSimplifiedCommon), CJK
          punctuation and full-width forms, plus every non-ASCII character in the project's own
          text (assets/, src/), so bundled templates and demo data always render, and every
          character of the UI catalogues that Inter lacks: the subset grows with the catalogue.
src/app/theme.cpp asks Dear ImGui for glyph ranges that must cover all of these;
tests/cli/fonts.sh checks both (scripts/check_fonts.py).
Re-run only when an input changed (checked by a stamp of the inputs' sizes and times).
"""
import json, os, re, sys
from fontTools import subset
from fontTools.ttLib import TTFont

imgui_dir, out_dir = sys.argv[1], sys.argv[2]
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INTER = ["/usr/share/fonts/opentype/inter/Inter-Regular.otf", "/usr/share/fonts/truetype/inter/Inter-Regular.ttf"]
WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

def project_text_files():
    for base in ("assets", "src"):
        for d, _, files in os.walk(os.path.join(root, base)):
            for f in files:
                if f.endswith((".json", ".cpp", ".h", ".txt")):
                    yield os.path.join(d, f)

def common_chinese():
    src = open(os.path.join(imgui_dir, "imgui_draw.cpp"), encoding="utf-8").read()
    start = src.index("GetGlyphRangesChineseSimplifiedCommon()")
    body = src[src.index("{", src.index("accumulative_offsets_from_0x4E00[]", start)) + 1:]
    body = body[:body.index("}")]
    cp, out = 0x4E00, set()
    for n in re.findall(r"\d+", body):
        cp += int(n)
        out.add(cp)
    return out

def catalogue_files():
    d = os.path.join(root, "assets", "i18n")
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".json")) if os.path.isdir(d) else []

def catalogue_chars():
    # Every character of every text in the catalogues (keys are ASCII names; controls are not drawn).
    out = set()
    for path in catalogue_files():
        for value in json.load(open(path, encoding="utf-8")).values():
            for text in (value.values() if isinstance(value, dict) else [value]):
                out |= {ord(ch) for ch in text if ord(ch) >= 0x20}
    return out

inputs = [os.path.join(imgui_dir, "imgui_draw.cpp"), WQY, __file__] + sorted(project_text_files())
inter = next((p for p in INTER if os.path.exists(p)), None)
if inter is None:
    sys.exit("make_fonts: Inter not found (install fonts-inter)")
inputs.append(inter)
stamp = "\n".join("%s %d %d" % (p, os.path.getsize(p), int(os.path.getmtime(p))) for p in inputs)
stamp_path = os.path.join(out_dir, "stamp")
if os.path.exists(stamp_path) and open(stamp_path).read() == stamp:
    sys.exit(0)
os.makedirs(out_dir, exist_ok=True)

cjk = common_chinese()
cjk |= set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0)) | set(range(0x2000, 0x2070))
for path in project_text_files():
    with open(path, encoding="utf-8", errors="ignore") as f:
        for ch in f.read():
            if ord(ch) >= 0x2E80:
                cjk.add(ord(ch))
latin = set(range(0x20, 0x17F)) | set(range(0x2000, 0x2070)) | set(range(0x2190, 0x2200)) | {0x20AC, 0x2122, 0x2026}
# The catalogues' characters: to Inter when it has them (Latin text looks the same throughout),
# else to the CJK font.
inter_cmap = TTFont(inter).getBestCmap()
for cp in catalogue_chars():
    if cp >= 0x2E80 or cp not in inter_cmap:
        cjk.add(cp)
    else:
        latin.add(cp)

def cut(src, dst, codepoints, font_number=0):
    opts = subset.Options()
    opts.font_number = font_number
    opts.layout_features = []          # Dear ImGui does no shaping
    opts.hinting = False
    opts.notdef_outline = True
    opts.name_IDs = [1, 2]
    font = subset.load_font(src, opts)
    s = subset.Subsetter(opts)
    s.populate(unicodes=sorted(codepoints))
    s.subset(font)
    subset.save_font(font, dst, opts)

cut(inter, os.path.join(out_dir, "ui.otf"), latin)
cut(WQY, os.path.join(out_dir, "cjk.ttf"), cjk)
open(stamp_path, "w").write(stamp)
print("make_fonts: ui.otf %d KB, cjk.ttf %d KB (%d CJK code points)" % (
    os.path.getsize(os.path.join(out_dir, "ui.otf")) // 1024,
    os.path.getsize(os.path.join(out_dir, "cjk.ttf")) // 1024, len(cjk)))
