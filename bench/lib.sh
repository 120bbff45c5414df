# Helpers the load scripts share (sourced, not run).

# A free loopback TCP port.
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# wait_for FILE PATTERN WHAT: waits up to 30 s for PATTERN in the log FILE of
# a starting process; otherwise prints the log and exits.
wait_for() {
  for _ in $(seq 1 300); do grep -q "$2" "$1" && return 0; sleep 0.1; done
  echo "$(basename "$0"): $3 did not start:" >&2; cat "$1" >&2; exit 1
}
