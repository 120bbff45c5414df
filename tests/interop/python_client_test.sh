#!/usr/bin/env bash
# Generates a Python client from proto/ with Debian's protoc and grpc_python_plugin
# (the way a back-office team would) and runs python_client.py against a real server.
# Usage: python_client_test.sh BIOPOLISD
set -uo pipefail
BIOPOLISD=$1
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
GOOGLEAPIS=/usr/share/gocode/src/github.com/gogo/googleapis
source "$ROOT/tests/lib/demo_server.sh"  # WORK, PID, PORT, start/stop_demo_server

mkdir -p "$WORK/gen"
protoc -I "$ROOT/proto" -I "$GOOGLEAPIS" --python_out="$WORK/gen" --grpc_python_out="$WORK/gen" \
  --plugin=protoc-gen-grpc_python="$(command -v grpc_python_plugin)" \
  "$ROOT"/proto/biopolis/v1/*.proto "$GOOGLEAPIS/google/rpc/status.proto" \
  "$GOOGLEAPIS/google/rpc/error_details.proto" "$GOOGLEAPIS/google/type/date.proto" || exit 1
# No __init__.py under google/: it must stay a namespace package shared with python3-protobuf.
for d in "$WORK"/gen/biopolis "$WORK"/gen/biopolis/v1; do
  touch "$d/__init__.py"
done

start_demo_server "$BIOPOLISD" server || exit 1
# Debian's python3-grpcio and python3-protobuf live with /usr/bin/python3.
/usr/bin/python3 "$HERE/python_client.py" "$WORK/gen" "127.0.0.1:$PORT" \
  "$DEMO_ADMIN_KEY" "$DEMO_OFFICER_KEY"
