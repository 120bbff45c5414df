#!/usr/bin/env bash
# The Prometheus endpoint of the real binary, scraped as Prometheus would: the exposition passes
# `promtool check metrics`, counters move by exactly the calls made (by method and code, refusals by
# reason), other paths are 404, a non-loopback endpoint without `insecure` is refused at start, and the
# shipped alert rules pass `promtool check rules`.
# Usage: metrics_test.sh BIOPOLISD BIOPOLISCTL
set -uo pipefail
BIOPOLISD=$1
CTL=$2
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
source "$ROOT/tests/lib/demo_server.sh"  # WORK, PID, PORT, start/stop_demo_server
passed=0
failed=0
check() {  # check NAME CONDITION_EXIT [DETAIL]
  if [ "$2" = 0 ]; then echo "ok: $1"; passed=$((passed + 1)); else echo "FAIL: $1 ${3:-}"; failed=$((failed + 1)); fi
}
scrape() {  # scrape PATH -> body on stdout, "HTTP <code>" on stderr for non-200
  /usr/bin/python3 - "http://127.0.0.1:$MPORT$1" <<'PY'
import sys, urllib.request, urllib.error
try:
    with urllib.request.urlopen(sys.argv[1], timeout=10) as r:
        sys.stdout.write(r.read().decode())
except urllib.error.HTTPError as e:
    sys.stdout.write(f"HTTP {e.code}\n")
PY
}
value() {  # value FILE SERIES -> the sample's value (0 when absent)
  awk -v s="$2" '$1 == s { v = $2 } END { print (v == "" ? 0 : v) }' "$1"
}

MPORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'metrics_listen = 127.0.0.1:%s\n' "$MPORT" > "$WORK/metrics.conf"
start_demo_server "$BIOPOLISD" metrics --config "$WORK/metrics.conf" || exit 1
export BIOPOLIS_ADDRESS=127.0.0.1:$PORT

scrape /metrics > "$WORK/before.txt"
for _ in 1 2 3; do BIOPOLIS_API_KEY=$DEMO_OFFICER_KEY "$CTL" organizations get organizations/1 > /dev/null; done
for _ in 1 2; do BIOPOLIS_API_KEY=$DEMO_OFFICER_KEY "$CTL" organizations get organizations/999 > /dev/null 2>&1; done
BIOPOLIS_API_KEY=bpk_not_a_key_0000000000000000000000000000 "$CTL" organizations get organizations/1 > /dev/null 2>&1
scrape /metrics > "$WORK/after.txt"

promtool check metrics < "$WORK/after.txt" > "$WORK/promtool.txt" 2>&1
check "promtool check metrics accepts the exposition" $? "$(head -5 "$WORK/promtool.txt")"
ok='biopolis_calls_total{service="biopolis.v1.OrganizationService",method="GetOrganization",code="OK"}'
nf='biopolis_calls_total{service="biopolis.v1.OrganizationService",method="GetOrganization",code="NOT_FOUND"}'
un='biopolis_calls_refused_total{reason="UNAUTHENTICATED"}'
count='biopolis_call_duration_seconds_count{service="biopolis.v1.OrganizationService",method="GetOrganization"}'
d_ok=$(( $(value "$WORK/after.txt" "$ok") - $(value "$WORK/before.txt" "$ok") ))
d_nf=$(( $(value "$WORK/after.txt" "$nf") - $(value "$WORK/before.txt" "$nf") ))
d_un=$(( $(value "$WORK/after.txt" "$un") - $(value "$WORK/before.txt" "$un") ))
d_count=$(( $(value "$WORK/after.txt" "$count") - $(value "$WORK/before.txt" "$count") ))
[ "$d_ok" = 3 ]; check "3 GetOrganization OK counted exactly" $? "(moved by $d_ok)"
[ "$d_nf" = 2 ]; check "2 GetOrganization NOT_FOUND counted exactly" $? "(moved by $d_nf)"
[ "$d_un" = 1 ]; check "1 refusal for bad credentials counted" $? "(moved by $d_un)"
[ "$d_count" = 6 ]; check "the latency histogram saw all 6 calls" $? "(moved by $d_count)"
for family in biopolis_calls_in_flight biopolis_event_streams_open biopolis_writer_queue_depth \
  biopolis_writer_batch_size_bucket biopolis_writer_commit_duration_seconds_count biopolis_database_size_bytes \
  biopolis_database_disk_free_bytes biopolis_audit_chain_length biopolis_audit_checkpoint_timestamp_seconds \
  biopolis_audit_checkpoint_duration_seconds_count process_cpu_seconds_total process_resident_memory_bytes \
  process_open_fds process_start_time_seconds biopolis_build_info; do
  grep -q "^$family" "$WORK/after.txt"; check "exposes $family" $?
done
[ "$(value "$WORK/after.txt" biopolis_audit_chain_length)" -gt 0 ]; check "the audit chain length is the demo's" $?
[ "$(scrape /nothing)" = "HTTP 404" ]; check "another path is 404" $?
stop_demo_server

out=$("$BIOPOLISD" --db "$WORK/x.db" --listen 127.0.0.1:0 --config <(echo "metrics_listen = 0.0.0.0:9464") 2>&1)
[ $? = 2 ] && grep -q "metrics_listen" <<<"$out"; check "a non-loopback metrics endpoint without insecure is refused" $? "$out"

# log_format = json: every line on standard error is one JSON object; a call's carries its fields.
"$BIOPOLISD" --demo --db "$WORK/json.db" --listen "127.0.0.1:$PORT" --log-format json --log-level debug \
  > "$WORK/json.out" 2> "$WORK/json.err" &
JPID=$!
# The demo keys exist once the demo data is seeded, just after "listening".
for _ in $(seq 1 100); do grep -q "DEMO MODE" "$WORK/json.out" && break; sleep 0.1; done
BIOPOLIS_API_KEY=$DEMO_OFFICER_KEY "$CTL" organizations update organizations/1 --contact-phone "+7 8332 000000" > /dev/null
BIOPOLIS_API_KEY=$DEMO_OFFICER_KEY "$CTL" organizations get organizations/999 > /dev/null 2>&1
kill -TERM $JPID; wait $JPID
/usr/bin/python3 - "$WORK/json.err" > "$WORK/json.check" 2>&1 <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert all({"time", "level"} <= l.keys() for l in lines), "every line has time and level"
update = [l for l in lines if l.get("method", "").endswith("/UpdateOrganization")]
assert len(update) == 1 and update[0]["code"] == "OK" and update[0]["caller"].startswith("apiKeys/"), update
assert len(update[0]["request_id"]) == 36 and update[0]["duration_ms"] >= 0, update
missing = [l for l in lines if l.get("method", "").endswith("/GetOrganization")]
assert missing and missing[0]["level"] == "warning" and missing[0]["reason"] == "NOT_FOUND", missing
assert any("listening" in l.get("message", "") for l in lines)
print(len(lines), "lines, all JSON")
PY
check "log_format = json: one object per line, calls with method, code, duration, caller, request_id" $? \
  "$(cat "$WORK/json.check"; head -3 "$WORK/json.err")"
grep -q "DEMO MODE" "$WORK/json.out"; check "standard output keeps only what was asked for (the demo keys)" $?

promtool check rules "$ROOT/docs/prometheus/biopolis-alerts.yml" > "$WORK/rules.txt" 2>&1
check "the shipped alert rules pass promtool check rules" $? "$(cat "$WORK/rules.txt")"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
