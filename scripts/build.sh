#!/usr/bin/env bash
# Builds SellerDesk: the native core, CLI, tests and benchmarks (build/), and the WebAssembly app
# with its static site (build-web/site/). Run scripts/setup.sh first (run.sh and test.sh do).
#   scripts/build.sh [native|web|all]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
what=${1:-all}
jobs=$(nproc 2>/dev/null || echo 2)
export NODE_PATH=/usr/share/nodejs   # Debian's emscripten needs it to find acorn & co.

if [ "$what" = native ] || [ "$what" = all ]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build -j "$jobs"
fi
if [ "$what" = web ] || [ "$what" = all ]; then
  py=python3
  $py -c 'import fontTools.subset' 2>/dev/null || py=/usr/bin/python3
  $py scripts/make_fonts.py .cache/imgui-1.86 .cache/fonts
  if [ ! -f build-web/CMakeCache.txt ]; then
    emcmake cmake -S . -B build-web -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  cmake --build build-web -j "$jobs"
  echo "build: site in build-web/site ($(du -sh build-web/site | cut -f1))"
fi
