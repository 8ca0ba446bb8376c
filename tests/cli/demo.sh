#!/usr/bin/env bash
# sellerdesk demo: deterministic output, the requested size, clear errors on bad arguments.
set -euo pipefail
bin=$1; t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
"$bin" demo --seed 7 --conversations 50 --now 2026-11-20T12:00:00Z > "$t/a.json"
"$bin" demo --seed 7 --conversations 50 --now 2026-11-20T12:00:00Z > "$t/b.json"
"$bin" demo --seed 8 --conversations 50 --now 2026-11-20T12:00:00Z > "$t/c.json"
cmp -s "$t/a.json" "$t/b.json" || { echo "same seed gave different output"; exit 1; }
! cmp -s "$t/a.json" "$t/c.json" || { echo "different seeds gave the same output"; exit 1; }
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["conversations"]))' "$t/a.json")
[ "$n" = 50 ] || { echo "expected 50 conversations, got $n"; exit 1; }
set +e
"$bin" demo --conversations 5 2> "$t/err"; rc=$?
set -e
[ $rc = 2 ] || { echo "too small a size should exit 2, got $rc"; exit 1; }
grep -q "10..100000" "$t/err" || { echo "error message unclear: $(cat "$t/err")"; exit 1; }
set +e; "$bin" demo --now yesterday 2> "$t/err"; rc=$?; set -e
[ $rc = 2 ] && grep -q "ISO 8601" "$t/err" || { echo "bad --now not refused clearly"; exit 1; }
echo ok
