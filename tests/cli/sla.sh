#!/usr/bin/env bash
# sellerdesk sla: one JSON line per conversation with state, deadline and remaining seconds.
set -euo pipefail
bin=$1; t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
"$bin" demo --seed 3 --conversations 200 --now 2026-11-20T12:00:00Z > "$t/inbox.json"
"$bin" sla "$t/inbox.json" --now 2026-11-20T12:00:00Z > "$t/sla.jsonl"
python3 - "$t/sla.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 200, len(rows)
states = {r["state"] for r in rows}
assert {"on_track", "overdue", "answered"} <= states, states
for r in rows:
    assert {"id", "marketplace", "state", "policy", "deadline", "remaining_s", "started_by", "deadlines"} <= set(r), r
    if r["state"] in ("on_track", "due_soon"): assert r["remaining_s"] > 0, r
    if r["state"] == "overdue": assert r["remaining_s"] < 0, r
tm = [r for r in rows if r["marketplace"] == "tmall" and len(r["deadlines"]) == 2]
assert tm, "no Tmall conversation with two deadlines"
PY
# Two days later, more is overdue.
"$bin" sla "$t/inbox.json" --now 2026-11-22T12:00:00Z > "$t/later.jsonl"
a=$(grep -c '"state":"overdue"' "$t/sla.jsonl" || true); b=$(grep -c '"state":"overdue"' "$t/later.jsonl" || true)
[ "$b" -gt "$a" ] || { echo "overdue did not grow: $a -> $b"; exit 1; }
set +e; "$bin" sla "$t/inbox.json" --now soon 2> "$t/err"; rc=$?; set -e
[ $rc = 2 ] || { echo "bad --now should exit 2, got $rc"; exit 1; }
set +e; "$bin" sla "$t/missing.json" --now 2026-11-22T12:00:00Z 2> "$t/err"; rc=$?; set -e
[ $rc = 2 ] || { echo "missing file should exit 2, got $rc"; exit 1; }
echo ok
