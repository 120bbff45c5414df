#!/usr/bin/env bash
# Generates a Python client from proto/ with Debian's protoc and grpc_python_plugin
# (the way a back-office team would) and runs python_client.py against a real server.
# Usage: python_client_test.sh BIOPOLISD
set -uo pipefail
BIOPOLISD=$1
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
GOOGLEAPIS=/usr/share/gocode/src/github.com/gogo/googleapis
WORK=$(mktemp -d)
PID=
cleanup() {
  if [ -n "$PID" ]; then kill -TERM "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

mkdir -p "$WORK/gen"
protoc -I "$ROOT/proto" -I "$GOOGLEAPIS" --python_out="$WORK/gen" --grpc_python_out="$WORK/gen" \
  --plugin=protoc-gen-grpc_python="$(command -v grpc_python_plugin)" \
  "$ROOT"/proto/biopolis/v1/*.proto "$GOOGLEAPIS/google/rpc/status.proto" \
  "$GOOGLEAPIS/google/rpc/error_details.proto" "$GOOGLEAPIS/google/type/date.proto" || exit 1
# No __init__.py under google/: it must stay a namespace package shared with python3-protobuf.
for d in "$WORK"/gen/biopolis "$WORK"/gen/biopolis/v1; do
  touch "$d/__init__.py"
done

PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIOPOLISD" --demo --db "$WORK/demo.db" --listen "127.0.0.1:$PORT" > "$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do grep -q "DEMO MODE" "$WORK/server.log" && break; sleep 0.1; done
# Debian's python3-grpcio and python3-protobuf live with /usr/bin/python3.
/usr/bin/python3 "$HERE/python_client.py" "$WORK/gen" "127.0.0.1:$PORT" \
  bpk_demo_admin_0000000000000000000000000000000 bpk_demo_officer_00000000000000000000000000000
