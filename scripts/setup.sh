#!/usr/bin/env bash
# Installs everything SellerDesk needs to build, run and test, when it is missing.
# Safe to run again: with everything present it changes nothing and needs no network.
#   scripts/setup.sh            system packages, Dear ImGui source, npm test tools
#   scripts/setup.sh --no-npm   skip the npm test tools (run.sh does not need them)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cache="$here/.cache"
want_npm=1
[ "${1:-}" = "--no-npm" ] && want_npm=0

# --- Debian packages -------------------------------------------------------------------------
# command-or-file -> package
need=()
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_cmd cmake    || need+=(cmake)
have_cmd g++      || need+=(g++)
have_cmd make     || need+=(make)
have_cmd python3  || need+=(python3)
have_cmd node     || need+=(nodejs)
have_cmd npm      || need+=(npm)
have_cmd emcc     || need+=(emscripten)
have_cmd xz       || need+=(xz-utils)
have_cmd gzip     || need+=(gzip)
have_cmd ctags    || need+=(universal-ctags)   # tests/cli/structure.sh reads the code's functions with it
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -f /usr/include/nlohmann/json.hpp ] || need+=(nlohmann-json3-dev)
[ -f /usr/include/catch2/catch.hpp ] || need+=(catch2)
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
[ -d /usr/share/fonts/opentype/inter ] || [ -d /usr/share/fonts/truetype/inter ] || need+=(fonts-inter)
python3 -c 'import fontTools.subset' >/dev/null 2>&1 || need+=(python3-fonttools)
python3 -c 'import jsonschema' >/dev/null 2>&1 || need+=(python3-jsonschema)   # tests/cli/sync.sh: docs/export.schema.json
# clang with its libFuzzer runtime: scripts/fuzz.sh (the export reader's fuzz target)
have_cmd clang++  || need+=(clang)
ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 || need+=(libclang-rt-dev)

SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need[@]}" ca-certificates
fi
# python3-fonttools is a Debian package: if python3 on PATH is another interpreter, use Debian's.
if ! python3 -c 'import fontTools.subset' >/dev/null 2>&1; then
  if ! /usr/bin/python3 -c 'import fontTools.subset' >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q python3-fonttools
  fi
fi

# --- Dear ImGui 1.86 source from Debian's source package -------------------------------------
if [ ! -f "$cache/imgui-1.86/imgui.cpp" ]; then
  echo "setup: fetching Dear ImGui source (Debian source package imgui)"
  mkdir -p "$cache"
  d=$(mktemp -d); mkdir -p "$d/lists/partial" "$d/parts"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$d/parts/src.sources"
  fi
  if [ -f /etc/apt/sources.list ]; then
    grep -E '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' > "$d/parts/src.list" || true
  fi
  o="-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=$d/parts -o Dir::State::Lists=$d/lists"
  apt-get $o update -q >/dev/null
  (cd "$d" && apt-get $o source --download-only imgui >/dev/null)
  tar -C "$cache" -xf "$d"/imgui_1.86*.orig.tar.*
  rm -rf "$d"
  test -f "$cache/imgui-1.86/imgui.cpp"
fi

# --- npm packages the site bundles (postal-mime reads mail in the page; package.json) ---------
# Needed by the build, so installed even with --no-npm. npm ci installs exactly package-lock.json.
if [ ! -f "$here/node_modules/postal-mime/package.json" ]; then
  echo "setup: installing the site's npm packages (postal-mime)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

# --- npm test tools (playwright-core drives Debian's Chromium; pouchdb-server for the live sync) ---
if [ $want_npm = 1 ] && { [ ! -d "$here/tests/browser/node_modules/playwright-core" ] || [ ! -x "$here/tests/browser/node_modules/.bin/pouchdb-server" ]; }; then
  echo "setup: installing npm test tools"
  (cd "$here/tests/browser" && npm install --no-audit --no-fund --loglevel=error)
fi
echo "setup: ok"
