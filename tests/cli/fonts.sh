#!/usr/bin/env bash
# Every character of both UI catalogues (assets/i18n/*.json) is in the cut fonts and inside the
# glyph ranges the app asks Dear ImGui for (scripts/check_fonts.py). The fonts are cut first
# (scripts/make_fonts.py does nothing when its inputs did not change).
set -euo pipefail
cd "$(dirname "$0")/../.."
py=python3
$py -c 'import fontTools' 2>/dev/null || py=/usr/bin/python3
$py scripts/make_fonts.py .cache/imgui-1.86 .cache/fonts
$py scripts/check_fonts.py .cache/fonts
