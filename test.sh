#!/usr/bin/env bash
# Runs every SellerDesk test: installs what is missing, builds native + web, then runs the Catch2
# unit tests, the CLI checks, the benchmarks at small sizes, a short fuzz run when available,
# and the browser tests in Debian's Chromium. Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
passed=0
failed=0
failures=()
log_dir="$root/build/test-logs"

step() { echo; echo "=== $*"; }
record() {   # record NAME PASSED FAILED
  passed=$((passed + $2)); failed=$((failed + $3))
  [ "$3" -gt 0 ] && failures+=("$1")
  echo "--- $1: $2 passed, $3 failed"
}

step "setup"
if ! bash scripts/setup.sh; then echo "setup failed"; echo "0 passed, 1 failed"; exit 1; fi
step "build"
if ! bash scripts/build.sh all; then echo "build failed"; echo "0 passed, 1 failed"; exit 1; fi
mkdir -p "$log_dir"

step "unit tests (Catch2)"
out="$log_dir/unit.txt"
./build/sellerdesk_tests --reporter compact > "$out" 2>&1; rc=$?
tail -3 "$out"
# Catch2 2.x compact summary: "Passed all N test cases with M assertions." or
# "Failed X test cases, failed Y assertions." Count test cases through --list-test-names-only.
total=$(./build/sellerdesk_tests --list-test-names-only 2>/dev/null | grep -c . || true)
if [ $rc -eq 0 ]; then record "unit" "$total" 0
else
  nfail=$(grep -oE 'Failed [0-9]+ test case' "$out" | grep -oE '[0-9]+' | head -1)
  nfail=${nfail:-1}; grep -E "failed|FAILED" "$out" | head -20
  record "unit" $((total - nfail)) "$nfail"
fi

step "command-line tool and benchmarks"
cli_pass=0; cli_fail=0
for t in tests/cli/*.sh; do
  if bash "$t" "$root/build/sellerdesk" > "$log_dir/$(basename "$t").txt" 2>&1; then cli_pass=$((cli_pass + 1)); echo "ok   $t"
  else cli_fail=$((cli_fail + 1)); echo "FAIL $t"; tail -5 "$log_dir/$(basename "$t").txt"; fi
done
for b in build/*_bench; do
  [ -x "$b" ] || continue
  if "$b" --conversations 2000 > "$log_dir/$(basename "$b").txt" 2>&1; then cli_pass=$((cli_pass + 1)); echo "ok   $b"; sed 's/^/     /' "$log_dir/$(basename "$b").txt" | head -12
  else cli_fail=$((cli_fail + 1)); echo "FAIL $b"; tail -5 "$log_dir/$(basename "$b").txt"; fi
done
record "cli+bench" $cli_pass $cli_fail

# Runs every *.test.js of a folder with node's test runner, one file at a time, and records the
# group's passes and failures; a file that stops before its summary counts as a failure.
node_test_group() {
  local dir=$1 name=$2 p n gp=0 gf=0 f out
  for f in "$dir"/*.test.js; do
    out="$log_dir/$(basename "$f").txt"
    (cd "$dir" && node --test --test-reporter=tap "$(basename "$f")") > "$out" 2>&1
    grep -E "^(not )?ok " "$out" | sed 's/^/  /'
    p=$(grep -E '^# pass ' "$out" | grep -oE '[0-9]+' | tail -1)
    n=$(grep -E '^# fail ' "$out" | grep -oE '[0-9]+' | tail -1)
    if [ -z "$p" ] || [ -z "$n" ]; then n=1; p=${p:-0}; echo "  $f did not run to the end:"; tail -20 "$out"; fi
    [ "$n" -gt 0 ] && grep -A25 "^not ok" "$out" | head -60
    gp=$((gp + p)); gf=$((gf + n))
  done
  record "$name" "$gp" "$gf"
}

step "JavaScript tests (Node: the page's file reader, the command-line import)"
node_test_group tests/js js

step "browser tests (Chromium + playwright-core)"
# One file at a time (each starts its own Chromium); works with Debian's Node 18 and with Node 20.
node_test_group tests/browser browser

step "browser benchmarks (small sizes)"
bb_pass=0; bb_fail=0
for b in tests/browser/bench_*.js; do
  if node "$b" > "$log_dir/$(basename "$b").txt" 2>&1; then bb_pass=$((bb_pass + 1)); echo "ok   $b"; sed 's/^/     /' "$log_dir/$(basename "$b").txt"
  else bb_fail=$((bb_fail + 1)); echo "FAIL $b"; tail -5 "$log_dir/$(basename "$b").txt"; fi
done
record "browser-bench" $bb_pass $bb_fail

echo
[ ${#failures[@]} -gt 0 ] && echo "failing groups: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
