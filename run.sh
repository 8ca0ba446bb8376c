#!/usr/bin/env bash
# Builds SellerDesk and serves it on http://127.0.0.1:8080/ (./run.sh --port N for another port).
# Installs what is missing on a fresh Debian 12 machine first.
set -euo pipefail
cd "$(dirname "$0")"
port=8080
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="${2:?--port needs a number}"; shift 2 ;;
    --port=*) port="${1#--port=}"; shift ;;
    -h|--help) echo "usage: ./run.sh [--port N]"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
bash scripts/setup.sh --no-npm
bash scripts/build.sh web
exec python3 scripts/serve.py build-web/site --port "$port"
