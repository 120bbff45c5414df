# Sourced by the test scripts that need a real biopolisd in demo mode:
#   source "$ROOT/tests/lib/demo_server.sh"   # sets WORK (a temp folder) and an EXIT trap
#   start_demo_server BIOPOLISD NAME [extra args...]   # sets PORT and PID; waits until it serves
#   stop_demo_server
# The trap stops the server and removes WORK however the script ends. The demo keys are well known
# (services/server/demo_data.cc): DEMO_ADMIN_KEY, DEMO_OFFICER_KEY.
WORK=$(mktemp -d)
PID=
PORT=
DEMO_ADMIN_KEY=bpk_demo_admin_0000000000000000000000000000000
DEMO_OFFICER_KEY=bpk_demo_officer_00000000000000000000000000000

stop_demo_server() {
  if [ -n "$PID" ]; then kill -TERM "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; fi
  PID=
}

_demo_server_cleanup() {
  stop_demo_server
  rm -rf "$WORK"
}
trap _demo_server_cleanup EXIT

# start_demo_server BIOPOLISD NAME [args]: a fresh demo database WORK/NAME.db, log WORK/NAME.log; keeps PORT
# when set (a restart on the same port), else picks a free one.
start_demo_server() {
  local biopolisd=$1 name=$2
  shift 2
  [ -n "$PORT" ] || PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$biopolisd" --demo --db "$WORK/$name.db" --listen "127.0.0.1:$PORT" "$@" > "$WORK/$name.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 100); do grep -q "DEMO MODE" "$WORK/$name.log" && return 0; sleep 0.1; done
  echo "FAIL: biopolisd did not start"; tail -20 "$WORK/$name.log"; return 1
}
