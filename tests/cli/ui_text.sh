#!/usr/bin/env bash
# The panels take their words from the UI catalogues: no literal UI text in src/app's drawing
# code (scripts/check_ui_text.py; it lists the files not converted yet).
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 scripts/check_ui_text.py
