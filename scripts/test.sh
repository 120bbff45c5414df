#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the unit and
# integration suites, the proto lint, and the suite again under
# AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/).
# Set BIOPOLIS_SKIP_SANITIZERS=1 to skip the sanitizer pass locally.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

echo "== build"
scripts/build.sh build -DCMAKE_BUILD_TYPE=RelWithDebInfo
echo "== tests"
(cd build && ctest --output-on-failure -j2 --timeout 300)

echo "== proto lint"
scripts/lint-protos.sh

if [ "${BIOPOLIS_SKIP_SANITIZERS:-0}" != "1" ]; then
  echo "== tests under AddressSanitizer + UndefinedBehaviorSanitizer"
  scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DBIOPOLIS_SANITIZE=ON
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 LSAN_OPTIONS=suppressions=$PWD/../tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
     ctest --output-on-failure -j2 --timeout 600)
fi
echo "== all tests passed"
