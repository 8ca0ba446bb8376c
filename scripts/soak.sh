#!/usr/bin/env bash
# Soak run of the kill test (tests/browser/kill.test.js) with many more rounds than the test run:
# each round relaunches Debian's Chromium on one profile, checks that every edit the app reported
# "saved" before the previous SIGKILL is still there (and that nothing is half-written), makes
# random edits and kills the whole browser process group at a random moment (mid-flush, during a
# burst, after "saved"). State accumulates across all rounds on the same profile.
#
# Usage:   scripts/soak.sh [ROUNDS] [SEED]
#          ROUNDS=500 SEED=12345 scripts/soak.sh
# Default: 200 rounds, a random seed (printed first: rerun with it to replay the same edits and
#          kill points; timing still varies). About 6-9 s a round on a 2-core machine, so 200 rounds
#          take roughly 20-30 minutes. Per-round lines are printed as it goes (KILL_VERBOSE=1).
# Needs:   build-web/site (bash scripts/build.sh web) and tests/browser/node_modules (npm ci there).
# Exit:    0 when every round passed; otherwise the failing round, its kill mode, the seed and the
#          profile folder (kept for inspection) are printed and the exit status is non-zero.
set -euo pipefail
cd "$(dirname "$0")/../tests/browser"
ROUNDS="${1:-${ROUNDS:-200}}"
SEED="${2:-${SEED:-}}"
export KILL_VERBOSE="${KILL_VERBOSE:-1}"
args=(kill.test.js --rounds "$ROUNDS")
[ -n "$SEED" ] && args+=(--seed "$SEED")
exec node --test-reporter=tap "${args[@]}"
