#!/usr/bin/env bash
# Installs the SDK from the build tree into a temporary prefix, builds an
# outside project against it with find_package(biopolis_client), and runs it
# against a demo server.
# Usage: sdk_consumer_test.sh BUILD_DIR BIOPOLISD
set -euo pipefail
BUILD=$1
BIOPOLISD=$2
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
PID=
cleanup() {
  if [ -n "$PID" ]; then kill -TERM "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
cmake --install "$BUILD" --prefix "$WORK/prefix" --component client > /dev/null
# The client component is the SDK alone: no server, no CLI.
if [ -e "$WORK/prefix/bin" ]; then echo "FAIL: the client component installed $(ls "$WORK/prefix/bin")"; exit 1; fi
cmake -S "$HERE" -B "$WORK/build" -G Ninja -DCMAKE_PREFIX_PATH="$WORK/prefix" > /dev/null
cmake --build "$WORK/build" > /dev/null
PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIOPOLISD" --demo --db "$WORK/demo.db" --listen "127.0.0.1:$PORT" > "$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do grep -q "DEMO MODE" "$WORK/server.log" && break; sleep 0.1; done
out=$("$WORK/build/consumer" "127.0.0.1:$PORT" bpk_demo_resident_nzf_00000000000000000000000)
echo "$out" | tail -1
echo "$out" | grep -q "^17 available plots$"
audit=$("$WORK/build/consumer" "127.0.0.1:$PORT" bpk_demo_auditor_00000000000000000000000000000 verify-audit)
echo "$audit"
echo "$audit" | grep -Eq "^intact [1-9][0-9]* records$" && echo "2 passed, 0 failed"
