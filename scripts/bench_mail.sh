#!/usr/bin/env bash
# The mail import's bar (issue 16): a generated 50 MB mbox (about 20,000 mails) imported in
# Chromium at 20 MB/s or more, with no task blocking the page for 100 ms or more. Prints the
# figures of each of three runs (docs/performance.md keeps them). Builds nothing: run
# scripts/build.sh web first.
#   scripts/bench_mail.sh [MB=50] [RUNS=3]
set -uo pipefail
cd "$(dirname "$0")/.."
mb=${1:-50}
runs=${2:-3}
status=0
for i in $(seq 1 "$runs"); do
  echo "run $i of $runs"
  node tests/browser/bench_mail.js --mb "$mb" --bar || status=1
done
exit $status
