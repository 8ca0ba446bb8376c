#!/usr/bin/env bash
# sellerdesk lint: JSON findings, exit 1 on errors, 0 when clean, 2 on bad arguments.
set -euo pipefail
bin=$1; t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
printf 'Hi Anna,\n\nPlease write to me at anna.shop at gmail dot com or visit www.myshop.com for 20%% off.\n\nThanks\n' > "$t/bad.txt"
set +e; "$bin" lint --marketplace amazon --region US "$t/bad.txt" > "$t/out"; rc=$?; set -e
[ $rc = 1 ] || { echo "expected exit 1, got $rc"; cat "$t/out"; exit 1; }
grep -q '"rule":"email_address"' "$t/out" || { echo "no email finding"; cat "$t/out"; exit 1; }
grep -q '"severity":"error"' "$t/out"
printf 'Hello Anna,\n\nThank you for your message about the late parcel. I am sorry it has not arrived yet.\nIt is with the carrier and should reach you within 2 business days. If it has not arrived by Friday, please reply and we will:\n1. send a replacement, or\n2. refund the order in full.\n\nBest regards,\nLily\n' > "$t/good.txt"
"$bin" lint --marketplace amazon --region US "$t/good.txt" > "$t/out2" || { echo "clean reply refused"; cat "$t/out2"; exit 1; }
set +e; "$bin" lint --marketplace nowhere "$t/good.txt" 2>/dev/null; rc=$?; set -e
[ $rc = 2 ] || { echo "bad marketplace should exit 2, got $rc"; exit 1; }
echo ok
