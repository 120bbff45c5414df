#!/usr/bin/env bash
# The load run of #18 in one go, on one machine: the no-op server (the
# transport's limit), biopolisd on an SQLite file, biopolisd on PostgreSQL, and
# two biopolisd processes on that same PostgreSQL database sharing the load
# (the load generator's channels alternate between them). Each runs get, list,
# write and mixed at concurrency 1, 8 and 64, one after the other, never two
# at once. PostgreSQL is a throw-away cluster (scripts/pg-test-cluster.sh:
# fsync on, Unix socket), durable as the SQLite file is (synchronous=FULL).
#
# Prints every run's line from load_generator (QPS, latency percentiles, the
# servers' CPU per request and, on PostgreSQL, the database's), then one table:
# QPS per setup and level, and as a share of the no-op server's.
#
# Usage: bench/run_backends.sh BUILD_DIR [--smoke] [--seconds N]
#   --smoke: one second each at concurrency 1 and 8 (CI keeps it working).
# Needs root (the cluster runs as the postgres user) and Debian's postgresql.
set -euo pipefail
BUILD=${1:-build}
shift || true
SECONDS_EACH=10
LEVELS="1 8 64"
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SECONDS_EACH=1; LEVELS="1 8" ;;
    --seconds) SECONDS_EACH=$2; shift ;;
    *) echo "usage: $0 BUILD_DIR [--smoke] [--seconds N]" >&2; exit 2 ;;
  esac
  shift
done
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
CLUSTER=/tmp/biopolis-bench-pg-$$
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  "$HERE/../scripts/pg-test-cluster.sh" stop "$CLUSTER" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
# CPU time the hypervisor gave to other guests (/proc/stat "steal"), as a
# share of the run: on a shared VM it says how far to trust the figures.
cpu_ticks() { awk '/^cpu / { total = 0; for (i = 2; i <= NF; i++) total += $i; print total, $9 }' /proc/stat; }
read -r TICKS_START STEAL_START < <(cpu_ticks)
OFFICER=bpk_demo_officer_00000000000000000000000000000
RESIDENT=bpk_demo_resident_vbfk_0000000000000000000000

# start_biopolisd NAME DATABASE_URL: a server with the demo data, rate limits
# off, warn-level logs; sets PORT and PID.
start_biopolisd() {
  PORT=$(free_port)
  printf 'rate_limit_per_second = 0\nmax_concurrent_calls = 100000\nsigning_keys_dir = %s/keys\n' "$WORK" > "$WORK/$1.conf"
  printf 'audit_checkpoint_file = %s/%s.checkpoints\n' "$WORK" "$1" >> "$WORK/$1.conf"
  "$BUILD/services/biopolisd" --config "$WORK/$1.conf" --demo --database "$2" --listen "127.0.0.1:$PORT" \
    --log-level warn > "$WORK/$1.log" 2>&1 &
  PID=$!
  PIDS+=("$PID")
  wait_for "$WORK/$1.log" "DEMO MODE" "biopolisd ($1)"
}
# run LABEL TARGETS SERVER_PIDS SCENARIO [DATABASE_PID]: every level.
run() {
  for c in $LEVELS; do
    "$BUILD/bench/load_generator" --target "$2" --scenario "$4" --concurrency "$c" --seconds "$SECONDS_EACH" \
      --channels 4 --server-pid "$3" ${5:+--database-pid "$5"} --officer "$OFFICER" --resident "$RESIDENT" |
      sed "s/^/$1 /" | tee -a "$WORK/results.txt"
  done
}

NOOP_PORT=$(free_port)
"$BUILD/bench/noop_server" --listen "127.0.0.1:$NOOP_PORT" > "$WORK/noop.log" 2>&1 &
PIDS+=("$!")
NOOP_PID=$!
wait_for "$WORK/noop.log" "listening" noop_server
PG_URL=$("$HERE/../scripts/pg-test-cluster.sh" start "$CLUSTER")
PG_PID=$(head -1 "$CLUSTER/data/postmaster.pid")
echo "backends: $(nproc) cores, ${SECONDS_EACH}s per run, levels $LEVELS; PostgreSQL $(psql --version | awk '{print $3}') at $CLUSTER"
run noop "127.0.0.1:$NOOP_PORT" "$NOOP_PID" noop

start_biopolisd sqlite "sqlite://$WORK/bench.db"
for s in get list write mixed; do run sqlite "127.0.0.1:$PORT" "$PID" "$s"; done
kill -TERM "$PID"; wait "$PID" 2>/dev/null || true

start_biopolisd pg1 "$PG_URL"
A_PORT=$PORT A_PID=$PID
for s in get list write mixed; do run pg "127.0.0.1:$A_PORT" "$A_PID" "$s" "$PG_PID"; done

# A second process on the same database (the demo data is found, not seeded again).
start_biopolisd pg2 "$PG_URL"
for s in get list write mixed; do
  run pg-2proc "127.0.0.1:$A_PORT,127.0.0.1:$PORT" "$A_PID,$PID" "$s" "$PG_PID"
done

echo "backends: QPS (share of the no-op server's at the same concurrency)"
awk '{ split($3, c, "="); split($4, q, "="); key = $1 " " $2; qps[key, c[2]] = q[2]
       if (!(key in seen)) { seen[key] = 1; order[++n] = key }
       if ($1 == "noop") noop[c[2]] = q[2]; levels[c[2]] = 1 }
     END { for (i = 1; i <= n; i++) { line = sprintf("  %-16s", order[i])
             split("'"$LEVELS"'", lv, " ")
             for (j = 1; j in lv; j++) line = line sprintf("  c=%-3s %7.0f (%5.1f%%)", lv[j], qps[order[i], lv[j]],
                                                            100 * qps[order[i], lv[j]] / noop[lv[j]])
             print line } }' "$WORK/results.txt"
read -r TICKS_END STEAL_END < <(cpu_ticks)
awk -v t=$((TICKS_END - TICKS_START)) -v s=$((STEAL_END - STEAL_START)) \
  'BEGIN { printf "backends: CPU stolen by the hypervisor during the run: %.0f%%\n", (t > 0 ? 100 * s / t : 0) }'
# Every call must succeed: a failed call means a figure is not of the path it claims to measure.
if grep -q "errors=[1-9]" "$WORK/results.txt"; then echo "backends: some calls failed" >&2; exit 1; fi
