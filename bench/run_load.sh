#!/usr/bin/env bash
# The load benchmark in one run: starts bench/noop_server (the transport's
# limit) and biopolisd with the demo data (rate limits off, logging at warn),
# each on a free loopback port, runs the noop scenario against the first and
# get, list, write and mixed against the second at concurrency 1, 8 and 64,
# then prints each scenario's QPS as a ratio to noop's at the same concurrency.
# --smoke: one second each at 1 and 8 (CI keeps the benchmark working with it).
# It ends with the no-op server burning 5/10/20 us of CPU per call
# (noop_server --work-us; --smoke: 5 us), the transport's rate left for a
# handler's work.
# With group commit off (group_commit = false), write runs again as "write1".
# Usage: bench/run_load.sh BUILD_DIR [--smoke] [--db FILE --get-ids N] [--database URL] [--only "get list"] [--metrics]
#   --database URL: the demo data in that (empty or demo-seeded) PostgreSQL
#     database instead of an SQLite file, e.g. a cluster from
#     scripts/pg-test-cluster.sh start /tmp/bench-pg.
#   --db FILE: serve FILE (made by bench/zone_generator) instead of the demo data;
#   --get-ids N: get reads applications/1..N at random (the demo has 1 to read).
#   --only: the scenarios to run besides noop.
set -euo pipefail
BUILD=${1:-build}
shift || true
SECONDS_EACH=10
LEVELS="1 8 64"
DB=
DATABASE=
GET_IDS=1
SCENARIOS="get list write mixed"
METRICS=
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SECONDS_EACH=1; LEVELS="1 8" ;;
    --db) DB=$2; shift ;;
    --database) DATABASE=$2; shift ;;
    --get-ids) GET_IDS=$2; shift ;;
    --only) SCENARIOS=$2; shift ;;
    --metrics) METRICS=1 ;;
    *) echo "usage: $0 BUILD_DIR [--smoke] [--db FILE --get-ids N] [--database URL] [--only SCENARIOS] [--metrics]" >&2; exit 2 ;;
  esac
  shift
done
WORK=$(mktemp -d)
PID=
NOOP_PID=
cleanup() {
  for p in $PID $NOOP_PID; do kill -TERM "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

NOOP_PORT=$(free_port)
"$BUILD/bench/noop_server" --listen "127.0.0.1:$NOOP_PORT" > "$WORK/noop.log" 2>&1 &
NOOP_PID=$!
wait_for "$WORK/noop.log" "listening" noop_server

PORT=$(free_port)
printf 'rate_limit_per_second = 0\nmax_concurrent_calls = 100000\n' > "$WORK/bench.conf"
printf 'signing_keys_dir = %s/keys\naudit_checkpoint_file = %s/checkpoints\n' "$WORK" "$WORK" >> "$WORK/bench.conf"
# Where the demo zone lives: an SQLite file here, or --database.
DEMO_DB=(--db "$WORK/bench.db")
[ -n "$DATABASE" ] && DEMO_DB=(--database "$DATABASE")
# --metrics: the /metrics endpoint on (every call recorded), to compare with it off.
[ -n "$METRICS" ] && printf 'metrics_listen = 127.0.0.1:0\n' >> "$WORK/bench.conf"
if [ -n "$DB" ]; then
  "$BUILD/services/biopolisd" --config "$WORK/bench.conf" --db "$DB" \
    --listen "127.0.0.1:$PORT" --log-level info > "$WORK/server.log" 2>&1 &
  PID=$!
  wait_for "$WORK/server.log" "biopolisd listening" biopolisd
  grep -o "ready in [0-9]* ms" "$WORK/server.log" | sed "s/^/load: biopolisd on $(basename "$DB") /"
  OFFICER=bpk_bench_officer_000000000000000000000000000
  RESIDENT=bpk_bench_resident_00000000000000000000000000
else
  "$BUILD/services/biopolisd" --config "$WORK/bench.conf" --demo "${DEMO_DB[@]}" \
    --listen "127.0.0.1:$PORT" --log-level warn > "$WORK/server.log" 2>&1 &
  PID=$!
  wait_for "$WORK/server.log" "DEMO MODE" biopolisd
  OFFICER=bpk_demo_officer_00000000000000000000000000000
  RESIDENT=bpk_demo_resident_vbfk_0000000000000000000000
fi
echo "load: noop_server pid $NOOP_PID, biopolisd pid $PID, ${SECONDS_EACH}s per run, $(nproc) cores, ${DB:-demo data}${DATABASE:+ on $DATABASE}"
run() {  # run SCENARIO PORT PID [LABEL]: every concurrency level
  for c in $LEVELS; do
    "$BUILD/bench/load_generator" --target "127.0.0.1:$2" --scenario "$1" --concurrency "$c" \
      --seconds "$SECONDS_EACH" --channels 4 --server-pid "$3" --get-ids "$GET_IDS" \
      --officer "$OFFICER" --resident "$RESIDENT" | sed "s/^$1 /${4:-$1} /" | tee -a "$WORK/results.txt"
  done
}
run noop "$NOOP_PORT" "$NOOP_PID"
for scenario in $SCENARIOS; do run "$scenario" "$PORT" "$PID"; done

# The same writes with group commit off: one durable COMMIT per request.
if [ -z "$DB" ] && [[ " $SCENARIOS " == *" write "* ]]; then
  kill -TERM "$PID"; wait "$PID" 2>/dev/null || true
  printf 'group_commit = false\n' >> "$WORK/bench.conf"
  "$BUILD/services/biopolisd" --config "$WORK/bench.conf" --demo "${DEMO_DB[@]}" \
    --listen "127.0.0.1:$PORT" --log-level warn > "$WORK/server1.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 300); do
    "$BUILD/bench/load_generator" --target "127.0.0.1:$PORT" --scenario get --concurrency 1 --seconds 0.05 \
      --officer "$OFFICER" --resident "$RESIDENT" 2>/dev/null | grep -q "errors=0" && break
    sleep 0.1
  done
  run write "$PORT" "$PID" write1
fi
echo "load: QPS as a share of the no-op server's at the same concurrency"
awk '{ split($2, c, "="); split($3, q, "="); qps[$1, c[2]] = q[2]; if (!seen[c[2]]++) levels[++n] = c[2] }
     END { for (s in qps) { split(s, k, SUBSEP); names[k[1]] = 1 }
           for (name in names) if (name != "noop") {
             line = sprintf("  %-6s", name)
             for (i = 1; i <= n; i++) line = line sprintf("  c=%-3s %5.1f%%", levels[i], 100 * qps[name, levels[i]] / qps["noop", levels[i]])
             print line } }' "$WORK/results.txt" | sort
if grep -q "^write1 " "$WORK/results.txt"; then
  echo "load: group commit gain (write QPS with it / without it)"
  awk '$1 == "write" || $1 == "write1" { split($2, c, "="); split($3, q, "="); qps[$1, c[2]] = q[2]; if ($1 == "write") levels[++n] = c[2] }
       END { for (i = 1; i <= n; i++) printf "  c=%-3s %.1fx\n", levels[i], qps["write", levels[i]] / qps["write1", levels[i]] }' "$WORK/results.txt"
fi
# How much of the transport's rate is left once a handler does some work of
# its own: the no-op server again with 5, 10 and 20 us of CPU burnt per call,
# at the highest concurrency (--smoke: 5 us only, to keep the tool working).
# A read that authenticates and runs one SQLite transaction cannot cost less
# than a few of those microseconds.
WORK_US="5 10 20"
[ "$SECONDS_EACH" = 1 ] && WORK_US="5"
TOP=${LEVELS##* }
echo "load: the no-op server with N us of handler CPU per call, c=$TOP"
for us in $WORK_US; do
  "$BUILD/bench/noop_server" --listen "127.0.0.1:0" --work-us "$us" > "$WORK/noop$us.log" 2>&1 &
  WORK_PID=$!
  wait_for "$WORK/noop$us.log" "listening" "noop_server --work-us $us"
  WORK_PORT=$(sed -n 's/.*listening on \([0-9]*\).*/\1/p' "$WORK/noop$us.log")
  "$BUILD/bench/load_generator" --target "127.0.0.1:$WORK_PORT" --scenario noop --concurrency "$TOP" \
    --seconds "$SECONDS_EACH" --channels 4 --server-pid "$WORK_PID" | sed "s/^noop  /noop+${us}us/" |
    tee -a "$WORK/handler_cost.txt"
  kill -TERM "$WORK_PID"; wait "$WORK_PID" 2>/dev/null || true
done
NOOP_TOP=$(awk -v c="c=$TOP" '$1 == "noop" && $2 == c { split($3, q, "="); print q[2] }' "$WORK/results.txt")
awk -v base="$NOOP_TOP" -v top="$TOP" '{ split($3, q, "="); printf "  %-10s %5.1f%% of noop c=%s\n", $1, 100 * q[2] / base, top }' \
  "$WORK/handler_cost.txt"

# Every call must succeed: a failed call means the figures are not of the path they claim to measure.
if cat "$WORK/results.txt" "$WORK/handler_cost.txt" 2>/dev/null | grep -q "errors=[1-9]"; then echo "load: some calls failed" >&2; exit 1; fi
