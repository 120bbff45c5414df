#!/usr/bin/env bash
# Runs http2_flood.py against the real biopolisd (demo mode, loopback) with
# its default limits. Usage: http2_flood_test.sh BIOPOLISD
set -uo pipefail
BIOPOLISD=$1
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
PID=
cleanup() {
  if [ -n "$PID" ]; then kill -TERM "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIOPOLISD" --demo --db "$WORK/demo.db" --listen "127.0.0.1:$PORT" --log-level error > "$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do grep -q "DEMO MODE" "$WORK/server.log" && break; sleep 0.1; done
# As every HTTP/2 client library behaves (SETTINGS acknowledged): the
# per-connection stream limit binds, RSS stays under 256 MiB, normal calls
# answer in under 100 ms (median).
/usr/bin/python3 "$HERE/http2_flood.py" "$PORT" "$PID" bpk_demo_officer_00000000000000000000000000000 --ack-settings
code=$?
# A peer that never acknowledges SETTINGS: gRPC 1.51 enforces
# MAX_CONCURRENT_STREAMS only from the acknowledged settings, so this one is
# bounded by nothing of ours (docs/SECURITY.md); 512 MiB guards against it
# getting worse, on a fresh server.
kill -TERM "$PID"; wait "$PID" 2>/dev/null
"$BIOPOLISD" --demo --db "$WORK/demo2.db" --listen "127.0.0.1:$PORT" --log-level error > "$WORK/server2.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do grep -q "DEMO MODE" "$WORK/server2.log" && break; sleep 0.1; done
/usr/bin/python3 "$HERE/http2_flood.py" "$PORT" "$PID" bpk_demo_officer_00000000000000000000000000000 \
  --max-rss-mib 512 || code=1
kill -0 "$PID" 2>/dev/null || { echo "FAIL: the server died"; tail -20 "$WORK/server.log"; exit 1; }
exit $code
