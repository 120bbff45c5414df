#!/usr/bin/env bash
# Starts biopolisd with the demo data on a free loopback port (rate limits off,
# logging at warn) and runs every scenario of the load generator at concurrency
# 1, 8 and 64, with the no-op baseline first. --smoke: one second each at 1 and 8.
# Usage: bench/run_load.sh BUILD_DIR [--smoke]
set -euo pipefail
BUILD=${1:-build}
SECONDS_EACH=10
LEVELS="1 8 64"
if [ "${2:-}" = "--smoke" ]; then SECONDS_EACH=1; LEVELS="1 8"; fi
WORK=$(mktemp -d)
PID=
cleanup() {
  if [ -n "$PID" ]; then kill -TERM "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'rate_limit_per_second = 0\nmax_concurrent_calls = 100000\n' > "$WORK/bench.conf"
"$BUILD/services/biopolisd" --config "$WORK/bench.conf" --demo --db "$WORK/bench.db" \
  --listen "127.0.0.1:$PORT" --log-level warn > "$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do grep -q "DEMO MODE" "$WORK/server.log" && break; sleep 0.1; done
if ! grep -q "DEMO MODE" "$WORK/server.log"; then
  echo "load: biopolisd did not start:" >&2; cat "$WORK/server.log" >&2; exit 1
fi
echo "load: biopolisd pid $PID on 127.0.0.1:$PORT, ${SECONDS_EACH}s per run, $(nproc) cores"
for scenario in noop get list write mixed; do
  for c in $LEVELS; do
    "$BUILD/bench/load_generator" --target "127.0.0.1:$PORT" --scenario "$scenario" --concurrency "$c" \
      --seconds "$SECONDS_EACH" --channels 4 --server-pid "$PID" \
      --officer bpk_demo_officer_00000000000000000000000000000 \
      --resident bpk_demo_resident_vbfk_0000000000000000000000 | tee -a "$WORK/results.txt"
  done
done
# Every call must succeed: a failed call means the figures are not of the path they claim to measure.
if grep -q "errors=[1-9]" "$WORK/results.txt"; then echo "load: some calls failed" >&2; exit 1; fi
