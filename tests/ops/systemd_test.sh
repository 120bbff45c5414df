#!/usr/bin/env bash
# biopolisd as a systemd service, without needing systemd to run it: the shipped unit passes
# `systemd-analyze verify` and `systemd-analyze security` (its exposure score printed, at most 2.0), and
# the real binary speaks the notify protocol: READY=1 on a $NOTIFY_SOCKET once it listens (not before),
# WATCHDOG=1 pings when $WATCHDOG_USEC asks for them, STOPPING=1 on SIGTERM.
# Usage: systemd_test.sh BIOPOLISD
set -uo pipefail
BIOPOLISD=$1
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0
check() {  # check NAME CONDITION_EXIT [DETAIL]
  if [ "$2" = 0 ]; then echo "ok: $1"; passed=$((passed + 1)); else echo "FAIL: $1 ${3:-}"; failed=$((failed + 1)); fi
}

# The unit as shipped, pointed at this build's binary (verify checks that ExecStart exists).
sed "s|/usr/bin/biopolisd|$BIOPOLISD|" "$ROOT/scripts/packaging/biopolisd.service" > "$WORK/biopolisd.service"
out=$(systemd-analyze verify "$WORK/biopolisd.service" 2>&1)
check "systemd-analyze verify" $? "$out"
out=$(systemd-analyze security --offline=true "$WORK/biopolisd.service" 2>&1)
score=$(sed -n 's/.*Overall exposure level for biopolisd.service: \([0-9.]*\).*/\1/p' <<<"$out")
echo "systemd-analyze security: exposure $score"
/usr/bin/python3 -c "import sys; sys.exit(0 if float('$score' or 99) <= 2.0 else 1)"
check "systemd-analyze security: exposure at most 2.0 (got $score)" $?

# The notify protocol, with our own socket standing in for systemd's.
/usr/bin/python3 - "$BIOPOLISD" "$WORK" > "$WORK/notify.txt" 2>&1 <<'PY'
import os, socket, subprocess, sys, time
biopolisd, work = sys.argv[1], sys.argv[2]
path = os.path.join(work, "notify.sock")
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(path)
sock.settimeout(10)
env = dict(os.environ, NOTIFY_SOCKET=path, WATCHDOG_USEC="400000")
log = open(os.path.join(work, "server.log"), "w")
proc = subprocess.Popen([biopolisd, "--db", os.path.join(work, "n.db"), "--listen", "127.0.0.1:0"],
                        stdout=log, stderr=log, env=env)
messages = []
deadline = time.time() + 15
while time.time() < deadline and sum("WATCHDOG=1" in m for m in messages) < 3:
    try:
        messages.append(sock.recv(4096).decode())
    except socket.timeout:
        break
ready = [m for m in messages if "READY=1" in m]
listening = "listening on" in open(os.path.join(work, "server.log")).read()
proc.terminate()
try:
    while True:
        messages.append(sock.recv(4096).decode())
        if "STOPPING=1" in messages[-1]:
            break
except socket.timeout:
    pass
proc.wait(timeout=20)
print("messages:", messages)
assert ready and "STATUS=serving on 127.0.0.1:0" in ready[0], "READY=1 with a status"
assert listening, "ready only after the listener is up"
assert sum("WATCHDOG=1" in m for m in messages) >= 3, "watchdog pings"
assert any("STOPPING=1" in m for m in messages), "STOPPING=1 on SIGTERM"
assert proc.returncode == 0, proc.returncode
PY
check "sd_notify: READY=1 once listening, WATCHDOG=1 pings, STOPPING=1 on SIGTERM" $? "$(cat "$WORK/notify.txt")"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
