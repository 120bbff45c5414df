#!/usr/bin/env bash
# Configures and builds into a build folder:
#   scripts/build.sh [BUILD_DIR] [extra cmake args...] [-- extra build args, e.g. --target T]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}
shift || true
CONFIGURE=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do CONFIGURE+=("$1"); shift; done
[ $# -gt 0 ] && shift  # the "--"
# Let ccache share objects between checkouts in different folders (CI clones anew).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake -S . -B "$BUILD_DIR" -G Ninja "${CONFIGURE[@]}" >/dev/null
cmake --build "$BUILD_DIR" -j2 "$@"
