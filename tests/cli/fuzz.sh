#!/usr/bin/env bash
# Short runs of the libFuzzer targets (scripts/fuzz.sh): the export reader for 20 s and the binary
# snapshot reader for 10 s: no crash, no hang, bounded memory. Skipped with a note when clang or
# libFuzzer is missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v clang++ >/dev/null; then echo "ok (skipped: clang++ not installed)"; exit 0; fi
bash "$root/scripts/fuzz.sh" 20 import
bash "$root/scripts/fuzz.sh" 10 snapshot
echo ok
