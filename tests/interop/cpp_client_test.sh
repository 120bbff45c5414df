#!/usr/bin/env bash
# The C++ recipe of docs/API.md ("Generating a client"): generates C++ from proto/ with Debian's protoc and
# grpc_cpp_plugin, builds cpp_client.cc against Debian's libgrpc++ without our SDK, and runs it against a
# real server in demo mode. Usage: cpp_client_test.sh BIOPOLISD
set -uo pipefail
BIOPOLISD=$1
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
GOOGLEAPIS=/usr/share/gocode/src/github.com/gogo/googleapis
source "$ROOT/tests/lib/demo_server.sh"  # WORK, PID, PORT, start/stop_demo_server

# 1. Generate: the services a program calls, the messages they import, and the google/rpc details.
mkdir -p "$WORK/gen"
protoc -I "$ROOT/proto" -I "$GOOGLEAPIS" --cpp_out="$WORK/gen" --grpc_out="$WORK/gen" \
  --plugin=protoc-gen-grpc="$(command -v grpc_cpp_plugin)" \
  "$ROOT/proto/biopolis/v1/organization.proto" "$ROOT/proto/biopolis/v1/common.proto" || exit 1
protoc -I "$GOOGLEAPIS" --cpp_out="$WORK/gen" "$GOOGLEAPIS/google/rpc/status.proto" \
  "$GOOGLEAPIS/google/rpc/error_details.proto" "$GOOGLEAPIS/google/type/date.proto" || exit 1
# 2. Build against Debian's gRPC and protobuf (pkg-config), two compilers at a time.
FLAGS="-std=c++17 -I$WORK/gen $(pkg-config --cflags grpc++ protobuf)"
find "$WORK/gen" -name '*.cc' | xargs -P 2 -I{} sh -c "g++ $FLAGS -c {} -o {}.o" || exit 1
g++ $FLAGS -c "$HERE/cpp_client.cc" -o "$WORK/cpp_client.o" || exit 1
g++ -o "$WORK/cpp_client" "$WORK/cpp_client.o" $(find "$WORK/gen" -name '*.o') \
  $(pkg-config --libs grpc++ protobuf) || exit 1
# 3. Run it against a demo server.
start_demo_server "$BIOPOLISD" server || exit 1
"$WORK/cpp_client" "127.0.0.1:$PORT" "$DEMO_OFFICER_KEY"
