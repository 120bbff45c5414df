#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the unit and
# integration suites, the proto lint, the suite again under AddressSanitizer +
# UndefinedBehaviorSanitizer with a timed run of each libFuzzer target
# (build-asan/, clang), and the concurrency tests under ThreadSanitizer
# (build-tsan/, clang).
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
  # clang, so that the same build also carries the libFuzzer targets; each
  # runs BIOPOLIS_FUZZ_SECONDS (default 60) as a test of this suite.
  echo "== tests and fuzzing under AddressSanitizer + UndefinedBehaviorSanitizer"
  CXX=clang++-14 scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DBIOPOLIS_SANITIZE=ON -DBIOPOLIS_FUZZ=ON \
    -DBIOPOLIS_FUZZ_SECONDS="${BIOPOLIS_FUZZ_SECONDS:-60}"
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 LSAN_OPTIONS=suppressions=$PWD/../tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
     ctest --output-on-failure -j2 --timeout 600)

  echo "== concurrency tests under ThreadSanitizer"
  # Only the unit suite runs under TSan, so only it is built.
  CXX=clang++-14 scripts/build.sh build-tsan -DCMAKE_BUILD_TYPE=Debug -DBIOPOLIS_TSAN=ON -- --target biopolis_unit_tests
  (cd build-tsan && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 ctest --output-on-failure -j2 --timeout 600 -L tsan)
fi
echo "== all tests passed"
