#!/usr/bin/env bash
# Runs a fuzz target for SECONDS on a fresh corpus (the target seeds an empty
# corpus itself) and fails on any crash, leak or broken invariant.
# Usage: tests/fuzz/run_fuzzer.sh FUZZER SECONDS [extra libFuzzer flags]
set -euo pipefail
FUZZER=$1
SECONDS_TO_RUN=$2
shift 2
CORPUS=$(mktemp -d)
ARTIFACTS=$(mktemp -d)
trap 'rm -rf "$CORPUS"' EXIT
"$FUZZER" -max_total_time="$SECONDS_TO_RUN" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
  -artifact_prefix="$ARTIFACTS/" "$@" "$CORPUS" 2>&1 | tail -25
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then
  echo "fuzz: $(basename "$FUZZER") failed (exit $status); the input is in $ARTIFACTS" >&2
  exit 1
fi
rm -rf "$ARTIFACTS"
