#!/usr/bin/env bash
# Builds a libFuzzer target with clang (AddressSanitizer + UBSan) into build-fuzz/ and runs it for
# a while: the export reader (import, on a seed corpus made from small exports) or the binary
# snapshot reader (snapshot, which wraps its input in a valid header itself).
#   scripts/fuzz.sh [seconds] [import|snapshot]     default 60 s, import; exits non-zero when the
#                                                   fuzzer found a problem
# Needs clang and its libFuzzer runtime (Debian: clang, libclang-rt-14-dev; scripts/setup.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
seconds=${1:-60}
target=${2:-import}
case "$target" in import|snapshot) ;; *) echo "fuzz: unknown target $target (import or snapshot)"; exit 2;; esac
command -v clang++ >/dev/null || { echo "fuzz: clang++ not found (scripts/setup.sh installs it)"; exit 2; }
if [ ! -f build-fuzz/CMakeCache.txt ]; then
  cmake -S . -B build-fuzz -DSD_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build build-fuzz -j 2 --target "${target}_fuzz"
if [ "$target" = snapshot ]; then
  mkdir -p build-fuzz/snapshot-corpus
  echo "fuzz: running snapshot_fuzz for ${seconds}s"
  build-fuzz/snapshot_fuzz build-fuzz/snapshot-corpus -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix=build-fuzz/ 2>&1 |
    tee build-fuzz/last-run.txt | grep -E "(INITED|DONE) +cov|ERROR|SUMMARY|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb" || true
  grep -q "ERROR:" build-fuzz/last-run.txt && { echo "fuzz: found a problem (see build-fuzz/last-run.txt and build-fuzz/crash-*)"; exit 1; }
  grep -q "Done [0-9]* runs" build-fuzz/last-run.txt || { echo "fuzz: did not finish (see build-fuzz/last-run.txt)"; exit 1; }
  echo "fuzz: ok"
  exit 0
fi
corpus=build-fuzz/corpus; seeds=build-fuzz/seeds
mkdir -p "$corpus" "$seeds"
# Seeds: a small export, one conversation with every kind of stamp, and a bare header.
if [ -x build/sellerdesk ] && [ ! -f "$seeds/demo.json" ]; then
  build/sellerdesk export --demo 10 --seed 1 --now 2026-11-20T12:00:00Z --at 2026-11-21T00:00:00Z > "$seeds/demo.json"
  python3 - "$seeds/demo.json" "$seeds" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
c = d["conversations"][0]
stamp = {"hlc": "117637120000000000", "replica": "ra"}
c["edits"] = {k: stamp for k in ("unread", "status", "spam", "assignee", "draft")}
c["label_edits"] = [dict(label="vip", **stamp)]
c["remarks"] = [{"id": "r1", "text": "改价", "agent": "小王", "at": "2026-11-20T10:00:00Z", "flag": "red", "edit": stamp}]
c["deleted_notes"] = [dict(id="n9", **stamp)]
c["messages"][0]["delivery_edit"] = stamp
one = {"header": d["header"], "customers": [x for x in d["customers"] if x["id"] == c["customer_id"]],
       "orders": [x for x in d["orders"] if x["id"] == c["order_id"]], "conversations": [c],
       "templates": [{"id": "thanks", "marketplace": "any", "category": "closing", "title_zh": "感谢",
                      "guidance_zh": "", "body": {"en": "Thank you, {customer_name}."}, "usage_count": 1,
                      "last_used": None, "stamp": stamp}],
       "settings": {"sla_edit": stamp}}
open(sys.argv[2] + "/one.json", "w").write(json.dumps(one, ensure_ascii=False, separators=(",", ":")))
open(sys.argv[2] + "/header.json", "w").write(json.dumps({"header": d["header"]}))
PY
fi
echo "fuzz: running import_fuzz for ${seconds}s"
build-fuzz/import_fuzz "$corpus" "$seeds" -dict=tests/fuzz/import.dict -max_total_time="$seconds" \
  -rss_limit_mb=2048 -timeout=10 -max_len=65536 -print_final_stats=1 -artifact_prefix=build-fuzz/ 2>&1 |
  tee build-fuzz/last-run.txt | grep -E "(INITED|DONE) +cov|ERROR|SUMMARY|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb" || true
grep -q "ERROR:" build-fuzz/last-run.txt && { echo "fuzz: found a problem (see build-fuzz/last-run.txt and build-fuzz/crash-*)"; exit 1; }
grep -q "Done [0-9]* runs" build-fuzz/last-run.txt || { echo "fuzz: did not finish (see build-fuzz/last-run.txt)"; exit 1; }
echo "fuzz: ok"
