#!/usr/bin/env bash
# Runs http2_flood.py against the real biopolisd (demo mode, loopback) with
# its default limits. Usage: http2_flood_test.sh BIOPOLISD
set -uo pipefail
BIOPOLISD=$1
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/../lib/demo_server.sh"  # WORK, PID, PORT, start/stop_demo_server
start_demo_server "$BIOPOLISD" server --log-level error || exit 1
# As every HTTP/2 client library behaves (SETTINGS acknowledged): the
# per-connection stream limit binds, RSS stays under 256 MiB, normal calls
# answer in under 100 ms (median).
/usr/bin/python3 "$HERE/http2_flood.py" "$PORT" "$PID" "$DEMO_OFFICER_KEY" --ack-settings
code=$?
# A peer that never acknowledges SETTINGS: gRPC 1.51 enforces
# MAX_CONCURRENT_STREAMS only from the acknowledged settings, so this one is
# bounded by nothing of ours (docs/SECURITY.md); 512 MiB guards against it
# getting worse, on a fresh server.
stop_demo_server
start_demo_server "$BIOPOLISD" server2 --log-level error || exit 1
/usr/bin/python3 "$HERE/http2_flood.py" "$PORT" "$PID" "$DEMO_OFFICER_KEY" \
  --max-rss-mib 512 || code=1
kill -0 "$PID" 2>/dev/null || { echo "FAIL: the server died"; tail -20 "$WORK/server.log"; exit 1; }
exit $code
