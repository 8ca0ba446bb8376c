#!/usr/bin/env bash
# sellerdesk export / import / merge: deterministic exports, round trip, idempotent import,
# order-independent merge (byte comparison), subset and redaction, and a bad file refused with
# its place (pointer, line, column) and nothing changed.
set -euo pipefail
bin=$1; t=${KEEP:-$(mktemp -d)}; [ -n "${KEEP:-}" ] || trap 'rm -rf "$t"' EXIT
at=2026-11-21T00:00:00Z
"$bin" export --demo 60 --seed 3 --now 2026-11-20T12:00:00Z --at $at > "$t/a.json"
"$bin" export --demo 60 --seed 3 --now 2026-11-20T12:00:00Z --at $at > "$t/a2.json"
cmp -s "$t/a.json" "$t/a2.json" || { echo "export is not deterministic"; exit 1; }
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["header"]["format"]=="sellerdesk-export" and len(d["conversations"])==60' "$t/a.json"

# Round trip: import into a new store, export again: the same bytes.
"$bin" import --into "$t/store.json" "$t/a.json" > "$t/report1.json"
"$bin" export --data "$t/store.json" --replica cli --at $at > "$t/b.json"
cmp -s "$t/a.json" "$t/b.json" || { echo "export -> import -> export differs"; diff <(head -c 3000 "$t/a.json") <(head -c 3000 "$t/b.json") | head; exit 1; }
python3 - "$t/report1.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["conversations"]["added"] == 60, r["conversations"]
PY

# Importing the same file again changes nothing.
cp "$t/store.json" "$t/store.before"
"$bin" import --into "$t/store.json" "$t/a.json" > "$t/report2.json"
python3 - "$t/report2.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["conversations"] == {"added": 0, "updated": 0, "unchanged": 60}, r["conversations"]
assert r["conflicts_resolved"] == 0, r
PY
cmp -s "$t/store.json" "$t/store.before" || { echo "a second import changed the store"; exit 1; }

# Two replicas edit the same conversation concurrently (stamped edits, as the app writes them);
# merge A B and merge B A give the same bytes, and the report shows both drafts.
python3 - "$t/a.json" "$t/x.json" "$t/y.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
def edited(replica, hlc, draft, status, label):
    e = json.loads(json.dumps(d))
    c = e["conversations"][0]
    c["draft"] = draft; c["status"] = status; c["labels"] = sorted(set(c["labels"]) | {label})
    stamp = {"hlc": str(hlc), "replica": replica}
    c["edits"] = {"draft": stamp, "status": stamp}
    c["label_edits"] = [dict(label=label, **stamp)]
    e["header"]["replica"] = replica
    return e
json.dump(edited("ra", 117637120000000000, "We will refund you.", "closed", "vip"), open(sys.argv[2], "w"))
json.dump(edited("rb", 117637120000065536, "We will reship it.", "awaiting_customer", "gift"), open(sys.argv[3], "w"))
PY
"$bin" merge "$t/x.json" "$t/y.json" --at $at > "$t/xy.json"
"$bin" merge "$t/y.json" "$t/x.json" --at $at > "$t/yx.json"
cmp -s "$t/xy.json" "$t/yx.json" || { echo "merge depends on the order"; exit 1; }
"$bin" merge "$t/xy.json" "$t/xy.json" --at $at > "$t/xyxy.json"
cmp -s "$t/xy.json" "$t/xyxy.json" || { echo "merge(A, A) != A"; exit 1; }
cp "$t/x.json" "$t/xstore.json"
"$bin" import --into "$t/xstore.json" "$t/y.json" > "$t/report3.json"
python3 - "$t/xy.json" "$t/report3.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))["conversations"][0]
assert c["draft"] == "We will reship it.", c["draft"]
assert "vip" in c["labels"] and "gift" in c["labels"], c["labels"]
r = json.load(open(sys.argv[2]))
drafts = [k for k in r["conflicts"] if k["field"] == "draft"]
assert drafts and drafts[0]["kept"] == "We will reship it." and drafts[0]["other"] == "We will refund you." and drafts[0]["review"], r["conflicts"]
assert r["conversations"]["updated"] == 1, r["conversations"]
PY

# The files match docs/export.schema.json (when python3-jsonschema is there).
root=$(cd "$(dirname "$0")/../.." && pwd)
py=python3; $py -c 'import jsonschema' 2>/dev/null || py=/usr/bin/python3   # setup.sh installs Debian's
if $py -c 'import jsonschema' 2>/dev/null; then
  $py - "$root/docs/export.schema.json" "$t/a.json" "$t/xy.json" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
for f in sys.argv[2:]:
    jsonschema.validate(json.load(open(f)), schema, cls=jsonschema.Draft202012Validator)
PY
else
  echo "note: python3 jsonschema missing, schema check skipped"
fi

# Subset and redaction.
ids=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(",".join(c["id"] for c in d["conversations"][:3]))' "$t/a.json")
"$bin" export --demo 60 --seed 3 --now 2026-11-20T12:00:00Z --at $at --ids "$ids" > "$t/sub.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["conversations"])==3 and d["header"]["subset"]' "$t/sub.json"
"$bin" export --demo 60 --seed 3 --now 2026-11-20T12:00:00Z --at $at --redact > "$t/red.json"
python3 - "$t/a.json" "$t/red.json" <<'PY'
import json, sys
real = json.load(open(sys.argv[1])); text = open(sys.argv[2]).read()
for c in real["customers"]:
    assert c["name"] not in text, c["name"]
    assert not c["email"] or c["email"] not in text, c["email"]
PY
set +e; "$bin" import --into "$t/store.json" "$t/red.json" > /dev/null 2> "$t/err"; rc=$?; set -e
[ $rc = 2 ] && grep -q "redacted" "$t/err" || { echo "a redacted file was merged into real data"; cat "$t/err"; exit 1; }

# A bad file: exit 2, pointer + line:column + reason, the store unchanged.
cp "$t/store.json" "$t/store.before"
python3 - "$t/a.json" "$t/bad.json" <<'PY'
import sys
text = open(sys.argv[1]).read()
i = text.index('"at":"', text.index('"messages":[', text.index('"conversations":')))
open(sys.argv[2], "w").write(text[:i + 6] + "last Tuesday" + text[i + 26:])
PY
set +e; "$bin" import --into "$t/store.json" "$t/bad.json" > "$t/out" 2> "$t/err"; rc=$?; set -e
[ $rc = 2 ] || { echo "bad file should exit 2, got $rc"; exit 1; }
grep -qE 'conversations/0/messages/0/at \(line [0-9]+, column [0-9]+\): not an ISO 8601 time' "$t/err" || { echo "unclear error: $(cat "$t/err")"; exit 1; }
cmp -s "$t/store.json" "$t/store.before" || { echo "a bad file changed the store"; exit 1; }
printf '{"header":{"format":"sellerdesk-export","version":1}} trailing' > "$t/bad2.json"
set +e; "$bin" import --into "$t/store.json" "$t/bad2.json" 2> "$t/err"; rc=$?; set -e
[ $rc = 2 ] && grep -q "line 1, column" "$t/err" || { echo "bad2 not refused clearly: $(cat "$t/err")"; exit 1; }
set +e; "$bin" merge "$t/a.json" 2> /dev/null; rc=$?; set -e
[ $rc = 2 ] || { echo "merge with one file should exit 2"; exit 1; }
echo ok
