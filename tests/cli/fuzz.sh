#!/usr/bin/env bash
# A short run (25 s) of the export reader's libFuzzer target (scripts/fuzz.sh): no crash, no hang,
# bounded memory. Skipped with a note when clang or libFuzzer is missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v clang++ >/dev/null; then echo "ok (skipped: clang++ not installed)"; exit 0; fi
bash "$root/scripts/fuzz.sh" 25
echo ok
