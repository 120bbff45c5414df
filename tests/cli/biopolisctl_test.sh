#!/usr/bin/env bash
# Runs the real biopolisd binary with demo data on a free loopback port and
# drives it with the real biopolisctl: output, exit codes, config file
# handling, the bootstrap command, and graceful shutdown on SIGTERM.
# Also runs the SDK examples against it.
# Usage: biopolisctl_test.sh BIOPOLISD BIOPOLISCTL RESIDENT_QUICKSTART OFFICER_QUEUE
set -uo pipefail
BIOPOLISD=$1
CTL=$2
RESIDENT_EXAMPLE=$3
OFFICER_EXAMPLE=$4
WORK=$(mktemp -d)
LOG=$WORK/server.log
PID=
SECOND=
cleanup() {
  [ -n "$PID" ] && kill -9 "$PID" 2>/dev/null
  [ -n "$SECOND" ] && kill -9 "$SECOND" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

passed=0
failed=0
check() {  # check NAME EXPECTED_EXIT ACTUAL_EXIT [OUTPUT PATTERN]
  local name=$1 want=$2 got=$3 out=${4:-} pattern=${5:-}
  if [ "$got" != "$want" ]; then
    echo "FAIL: $name: exit $got, want $want"; echo "$out" | head -20; failed=$((failed + 1)); return
  fi
  if [ -n "$pattern" ] && ! grep -qE -- "$pattern" <<<"$out"; then
    echo "FAIL: $name: output does not match /$pattern/"; echo "$out" | head -20; failed=$((failed + 1)); return
  fi
  echo "ok: $name"; passed=$((passed + 1))
}

# A config file with a bad key is refused, naming the line.
printf 'listen = 127.0.0.1:0\nbogus = 1\n' > "$WORK/bad.conf"
out=$("$BIOPOLISD" --config "$WORK/bad.conf" 2>&1); check "bad config key refused" 2 $? "$out" "bad.conf:2: unknown key"
# A non-loopback address without TLS is refused.
out=$("$BIOPOLISD" --listen 0.0.0.0:0 --db "$WORK/x.db" 2>&1); check "plaintext non-loopback refused" 2 $? "$out" "insecure|TLS"

# Pick a free port, start with demo data from a config file; a flag overrides the file.
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'listen = 127.0.0.1:1\ndb = %s\nlog_level = debug\ndemo = true\n' "$WORK/demo.db" > "$WORK/biopolisd.conf"
"$BIOPOLISD" --config "$WORK/biopolisd.conf" --listen "127.0.0.1:$PORT" > "$LOG" 2>&1 &
PID=$!
for _ in $(seq 1 100); do grep -q "DEMO MODE" "$LOG" && break; sleep 0.1; done
grep -q "bpk_demo_officer" "$LOG"; check "server started with demo keys" 0 $? "$(cat "$LOG")"

export BIOPOLIS_ADDRESS=127.0.0.1:$PORT

# The running server has its database file to itself: another process can neither read it nor serve it.
out=$(sqlite3 "$WORK/demo.db" 'SELECT count(*) FROM organizations' 2>&1); check "sqlite3 shell locked out" 5 $? "$out" "locked"
PORT2=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIOPOLISD" --db "$WORK/demo.db" --listen "127.0.0.1:$PORT2" > "$WORK/second.log" 2>&1 &
SECOND=$!  # it waits out the busy timeout (5 s) first; checked at the end
OFFICER=bpk_demo_officer_00000000000000000000000000000
ADMIN=bpk_demo_admin_0000000000000000000000000000000
NZF=bpk_demo_resident_nzf_00000000000000000000000

out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" applications list 2>&1); check "list applications (table)" 0 $? "$out" "applications/3.*STATE_SUBMITTED"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" applications list --state STATE_SUBMITTED -o json 2>&1)
check "list filtered (json)" 0 $? "$out" '"state": "STATE_SUBMITTED"'
[ "$(grep -c '"name": "applications/' <<<"$out")" = 1 ]; check "filter keeps one application" 0 $? "$out"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" applications accept applications/3 2>&1); check "accept" 0 $? "$out" "state: STATE_UNDER_REVIEW"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" applications accept applications/3 2>&1); check "accept twice: conflict" 6 $? "$out" "WRONG_STATE"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" applications get applications/999 2>&1); check "not found" 3 $? "$out" "NOT_FOUND"
out=$(BIOPOLIS_API_KEY=nope "$CTL" residents list 2>&1); check "unknown key" 4 $? "$out" "UNAUTHENTICATED"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" keys list 2>&1); check "officer may not list keys" 4 $? "$out" "PERMISSION_DENIED"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" organizations create --inn 4345042754 --ogrn 1024317979080 --kpp 434501001 --full-name X --address Y 2>&1)
check "bad INN: invalid input with the field" 2 $? "$out" "organization.inn: check digit does not match \[INVALID_INN_CHECKSUM\]"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" applications sign 2>&1); check "usage error" 2 $? "$out" "required"
out=$(BIOPOLIS_API_KEY=$NZF "$CTL" applications eligibility applications/4 2>&1); check "eligibility dry run" 0 $? "$out" "INVESTMENT_BELOW_MINIMUM"
out=$(BIOPOLIS_API_KEY=$NZF "$CTL" applications get applications/1 2>&1); check "other organization hidden" 3 $? "$out" "NOT_FOUND"
# Documents: the applicant attaches evidence to its draft; an officer gets the same bytes back, under the
# original (Cyrillic) name; a text file named .pdf is refused for what it is.
{ printf '%%PDF-1.4\n%% demo\n'; head -c 2500000 /dev/urandom; } > "$WORK/бизнес-план.pdf"
out=$(BIOPOLIS_API_KEY=$NZF "$CTL" documents upload "$WORK/бизнес-план.pdf" --parent applications/4 --kind KIND_BUSINESS_PLAN 2>&1)
check "resident uploads a document" 0 $? "$out" "file_name: +бизнес-план.pdf"
DOC=$(BIOPOLIS_API_KEY=$NZF "$CTL" -o name documents list applications/4)
check "documents list -o name" 0 $? "$DOC" "^applications/4/documents/[0-9]+$"
(cd "$WORK" && mkdir -p dl && cd dl && BIOPOLIS_API_KEY=$OFFICER "$CTL" documents download "$DOC" > /dev/null 2>&1)
cmp -s "$WORK/бизнес-план.pdf" "$WORK/dl/бизнес-план.pdf"; check "officer downloads the same bytes under the original name" 0 $?
out=$(BIOPOLIS_API_KEY=$NZF "$CTL" documents upload "$WORK/бизнес-план.pdf" --document "$DOC" --name "план v2.pdf" 2>&1)
check "a new version" 0 $? "$out" "version: +2"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" documents versions "$DOC" 2>&1); check "versions listed" 0 $? "$out" "план v2.pdf"
echo "just text" > "$WORK/fake.pdf"
out=$(BIOPOLIS_API_KEY=$NZF "$CTL" documents upload "$WORK/fake.pdf" --parent applications/4 --kind KIND_OTHER 2>&1)
check "text named .pdf refused" 2 $? "$out" "CONTENT_TYPE_NOT_ALLOWED"
out=$(BIOPOLIS_API_KEY= "$CTL" documents get "$DOC" 2>&1); check "no key: refused" 4 $? "$out" "UNAUTHENTICATED"
out=$(BIOPOLIS_API_KEY=bpk_demo_resident_vbfk_0000000000000000000000 "$CTL" documents get "$DOC" 2>&1)
check "another resident cannot see it" 3 $? "$out" "NOT_FOUND"
out=$(BIOPOLIS_API_KEY=$NZF "$CTL" applications get applications/4 2>&1); check "applications get shows the dossier" 0 $? "$out" "KIND_BUSINESS_PLAN"
out=$(BIOPOLIS_API_KEY=$ADMIN "$CTL" policy create --effective-from 2030-01-01 --min-investment 1 --min-investment-3y 1 --okved 21 --info-days 30 --require-document KIND_NOPE 2>&1)
check "an unknown document kind is a usage error" 2 $? "$out" "unknown document kind KIND_NOPE"
out=$(BIOPOLIS_API_KEY=$ADMIN "$CTL" keys create --role officer --name "Intake desk" 2>&1)
check "admin creates an officer key" 0 $? "$out" "secret: bpk_"
NEWKEY=$(sed -n 's/^secret: //p' <<<"$out")
out=$(BIOPOLIS_API_KEY=$NEWKEY "$CTL" policy get 2>&1); check "new key works" 0 $? "$out" "min_investment: 120 000 000,00 ₽"
out=$("$CTL" --api-key "$OFFICER" residents list -o json 2>&1); check "flag instead of env" 0 $? "$out" '"registry_number": "43-'
out=$("$CTL" --help 2>&1); check "help" 0 $? "$out" "applications"
out=$(BIOPOLIS_API_KEY=bpk_demo_auditor_00000000000000000000000000000 "$CTL" audit verify 2>&1)
check "audit chain intact" 0 $? "$out" "audit chain intact: [0-9]+ records"
# The registry as a legal record: history, signed extracts checked offline, the public registry.
AUDITOR_KEY=bpk_demo_auditor_00000000000000000000000000000
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" residents versions residents/1 2>&1); check "residents versions" 0 $? "$out" "STATE_ACTIVE"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" residents get residents/1 --as-of 2020-01-01 2>&1)
check "as of a date before the registration: not found" 3 $? "$out" "was not yet in the registry"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" residents get residents/1 --as-of 2099-01-01 2>&1)
check "as of a future date: refused" 2 $? "$out" "DATE_IN_FUTURE"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" residents get residents/1 --as-of 2026-02-30x 2>&1)
check "a malformed --as-of is a usage error" 2 $? "$out" "expected YYYY-MM-DD"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" extracts issue residents/1 --out "$WORK/extract.json" --pdf "$WORK/extract.pdf" 2>&1)
check "extracts issue" 0 $? "$out" "number: 43-EXT-20[0-9]{2}-000001"
out=$(BIOPOLIS_API_KEY= "$CTL" signing-keys export --out "$WORK/zone-keys.json" 2>&1); check "signing-keys export without a key" 0 $? "$out"
out=$(BIOPOLIS_ADDRESS=127.0.0.1:1 "$CTL" extracts verify "$WORK/extract.json" --keys "$WORK/zone-keys.json" 2>&1)
check "extracts verify, offline (no server reachable)" 0 $? "$out" "VERIFIES"
out=$(BIOPOLIS_ADDRESS=127.0.0.1:1 "$CTL" extracts verify "$WORK/extract.pdf" --keys "$WORK/zone-keys.json" 2>&1)
check "extracts verify of the PDF, offline" 0 $? "$out" "registry entry: 43-2024-0001, STATE_ACTIVE"
out=$(pdftotext -enc UTF-8 "$WORK/extract.pdf" - 2>&1); check "the PDF's text" 0 $? "$out" "ВЫПИСКА ИЗ РЕЕСТРА РЕЗИДЕНТОВ"
out=$(pdftoppm -r 40 -png -f 1 -l 1 "$WORK/extract.pdf" "$WORK/page" 2>&1 && [ "$(stat -c %s "$WORK"/page*.png)" -gt 10000 ])
check "the PDF renders (pdftoppm)" 0 $? "$out"
/usr/bin/python3 - "$WORK" <<'PY'
import sys
w = sys.argv[1]
for name in ("extract.json", "extract.pdf"):
    data = bytearray(open(f"{w}/{name}", "rb").read())
    data[len(data) // 3] ^= 1
    open(f"{w}/tampered-{name}", "wb").write(data)
PY
out=$("$CTL" extracts verify "$WORK/tampered-extract.json" --keys "$WORK/zone-keys.json" 2>&1)
check "a one-byte change to the extract: exit 7" 7 $? "$out" "does NOT verify"
out=$("$CTL" extracts verify "$WORK/tampered-extract.pdf" --keys "$WORK/zone-keys.json" 2>&1)
check "a one-byte change to the PDF: exit 7" 7 $? "$out" "does NOT verify"
out=$(BIOPOLIS_API_KEY=$ADMIN "$CTL" signing-keys rotate 2>&1); check "signing-keys rotate" 0 $? "$out" "key_id: k2"
out=$(BIOPOLIS_API_KEY=$ADMIN "$CTL" signing-keys revoke k2 2>&1); check "the active key cannot be revoked" 6 $? "$out" "ACTIVE_SIGNING_KEY"
out=$(BIOPOLIS_API_KEY=$ADMIN "$CTL" signing-keys revoke k1 2>&1); check "signing-keys revoke k1" 0 $? "$out" "revoke_time"
out=$(BIOPOLIS_API_KEY= "$CTL" extracts verify "$WORK/extract.json" 2>&1)
check "an extract signed before its key's revocation still verifies" 0 $? "$out" "revoked at"
out=$(BIOPOLIS_API_KEY= "$CTL" public-registry search --name "вятская" 2>&1)
check "public registry without a key" 0 $? "$out" "43-2024-0001"
out=$(BIOPOLIS_API_KEY= "$CTL" export public-registry --out-dir "$WORK" 2>&1); check "the open-data export needs a key" 4 $? "$out" "UNAUTHENTICATED"
out=$(BIOPOLIS_API_KEY=$AUDITOR_KEY "$CTL" export public-registry --out-dir "$WORK" 2>&1); check "open-data export" 0 $? "$out" "manifest.json"
grep -q "^43-2024-0001," "$WORK/public-registry.csv"; check "the open-data CSV" 0 $? "$(head -3 "$WORK/public-registry.csv")"
out=$(BIOPOLIS_API_KEY=$NZF "$CTL" plots list --filter 'state = "STATE_AVAILABLE" AND area_m2 >= 20000' --order-by area_m2 2>&1)
check "resident searches available plots" 0 $? "$out" "43:42:000201:47.*STATE_AVAILABLE.*21500"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" plots utilisation 2>&1); check "land utilisation" 0 $? "$out" "leased_share"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" plots reserve plots/2 --application applications/3 2>&1)
check "reserve for an application under review" 0 $? "$out" "state: STATE_RESERVED"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" plots reserve plots/2 --application applications/2 2>&1)
check "reserved twice: conflict" 6 $? "$out" "PLOT_NOT_AVAILABLE"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" leases list -o json 2>&1); check "leases list" 0 $? "$out" '"state": "STATE_ACTIVE"'
VBFK=bpk_demo_resident_vbfk_0000000000000000000000
out=$(BIOPOLIS_API_KEY=$VBFK "$CTL" support measures list --open 2>&1); check "open support measures" 0 $? "$out" "KIND_GRANT"
out=$(BIOPOLIS_API_KEY=$VBFK "$CTL" support eligibility supportMeasures/3 -o json 2>&1)
check "support eligibility explains" 0 $? "$out" "OKVED_NOT_ELIGIBLE"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" support measures stats supportMeasures/2 2>&1)
check "measure books" 0 $? "$out" "remaining: 44 000 000,00 ₽"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" support measures update supportMeasures/2 --budget 6000000000 --open-until 2030-12-31 -o json 2>&1)
check "officer raises a budget and sets an end date" 0 $? "$out" '"total_budget_kopecks": "6000000000"'
grep -q '"year": 2030' <<<"$out"; check "the end date is stored" 0 $? "$out"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" support measures stats supportMeasures/2 2>&1)
check "the books follow the new budget" 0 $? "$out" "remaining: 54 000 000,00 ₽"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" support measures update supportMeasures/2 --budget 500000000 --cap 100000000 2>&1)
check "budget below committed refused" 6 $? "$out" "BUDGET_BELOW_COMMITTED"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" support measures update supportMeasures/2 --title X --etag 1 2>&1)
check "stale etag on a measure" 6 $? "$out" "ABORTED"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" support measures update supportMeasures/2 2>&1)
check "update with nothing to change is a usage error" 2 $? "$out" "at least one field"
out=$(BIOPOLIS_API_KEY=$VBFK "$CTL" support measures update supportMeasures/2 --title X 2>&1)
check "a resident may not change a measure" 4 $? "$out" "PERMISSION_DENIED"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" support measures get supportMeasures/2 2>&1)
check "refused updates changed nothing" 0 $? "$out" "total_budget: 60 000 000,00 ₽"
before=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" support measures get supportMeasures/3 -o json 2>&1)
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" support measures update supportMeasures/3 --okved 21 --okved 72.11 -o json 2>&1)
check "officer widens a measure's OKVED rule" 0 $? "$out" '"72.11"'
rules_but_okved() { python3 -c 'import json,sys; e=json.load(sys.stdin).get("eligibility", {}); [e.pop(k, None) for k in ("okvedPrefixes", "okved_prefixes")]; print(sorted(e.items()))'; }
[ "$(rules_but_okved <<<"$out")" = "$(rules_but_okved <<<"$before")" ]
check "the other eligibility rules are kept" 0 $? "$out"
out=$(BIOPOLIS_API_KEY=$VBFK "$CTL" support eligibility supportMeasures/3 -o json 2>&1)
! grep -q "OKVED_NOT_ELIGIBLE" <<<"$out"; check "the resident's OKVED now qualifies" 0 $? "$out"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" support measures update supportMeasures/3 --okved 21 --any-okved 2>&1)
check "--okved with --any-okved is a usage error" 2 $? "$out" "either --okved or --any-okved"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" support measures update supportMeasures/3 --require-active maybe 2>&1)
check "a non-boolean rule is a usage error" 2 $? "$out" "require-active"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" support measures update supportMeasures/3 --any-okved --etag 1 2>&1)
check "rules under a stale etag refused" 6 $? "$out" "ABORTED"
out=$(BIOPOLIS_API_KEY=$ADMIN "$CTL" desk types update serviceTypes/1 --sla-days 15 --unit "Certification office" 2>&1)
check "admin changes a service type's SLA" 0 $? "$out" "sla_working_days: 15"
grep -q "responsible_unit: Certification office" <<<"$out"; check "and its unit" 0 $? "$out"
out=$(BIOPOLIS_API_KEY=$ADMIN "$CTL" desk types update serviceTypes/1 --sla-days 0 2>&1)
check "a zero SLA is invalid input" 2 $? "$out" "sla_working_days"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" desk types update serviceTypes/1 --sla-days 3 2>&1)
check "an officer may not change a service type" 4 $? "$out" "PERMISSION_DENIED"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" organizations update organizations/1 2>&1)
check "organization update with nothing to change is a usage error" 2 $? "$out" "at least one field"
out=$(BIOPOLIS_API_KEY=$VBFK "$CTL" support requests create --measure supportMeasures/2 --amount 500000000 --purpose Reactor 2>&1)
check "support request draft" 0 $? "$out" "state: STATE_DRAFT"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" support requests approve supportRequests/1 --granted 1 2>&1)
check "approve twice: conflict" 6 $? "$out" "WRONG_STATE"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" desk requests list 2>&1); check "service desk queue" 0 $? "$out" "STATE_WAITING_FOR_RESIDENT"
out=$(BIOPOLIS_API_KEY=$VBFK "$CTL" desk requests respond serviceRequests/5 --text "Схема во вложении" 2>&1)
check "resident answers, clock resumes" 0 $? "$out" "state: STATE_IN_PROGRESS"
out=$(BIOPOLIS_API_KEY=$NZF "$CTL" desk requests get serviceRequests/1 2>&1); check "other resident's request hidden" 3 $? "$out" "NOT_FOUND"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" desk stats 2>&1); check "SLA statistics" 0 $? "$out" "opened: 7"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" stats 2>&1); check "zone statistics" 0 $? "$out" "residents_active: 1"
# Output for people: roubles and aligned columns in tables, exact kopecks in JSON, names for xargs, colour
# only on a terminal (a pty through util-linux's script) and never with NO_COLOR.
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" applications list 2>&1)
check "tables show money in roubles" 0 $? "$out" "1 850 000 000,00 ₽"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" applications list -o json 2>&1)
check "JSON keeps exact kopecks" 0 $? "$out" '"planned_investment_kopecks": *"185000000000"'
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" plots list -o name 2>&1)
check "-o name prints only names" 0 $? "$out" "^plots/[0-9]+$"
[ "$(echo "$out" | grep -vcE '^plots/[0-9]+$')" = 0 ]; check "-o name prints nothing else" 0 $? "$out"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" applications list -o wide 2>&1); check "-o wide shows every field" 0 $? "$out" "planned_jobs"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" residents get residents/1 2>&1)
check "a message as an indented block" 0 $? "$out" "^  - due_date: [0-9]{4}-12-31"
printf -v ESC '\033'
out=$(BIOPOLIS_API_KEY=$OFFICER script -qec "$CTL applications list" /dev/null 2>&1)
check "colour on a terminal" 0 $? "$out" "${ESC}\\[1mname"
out=$(NO_COLOR=1 BIOPOLIS_API_KEY=$OFFICER script -qec "$CTL applications list" /dev/null 2>&1)
if grep -q "$ESC" <<<"$out"; then false; fi; check "no colour with NO_COLOR" 0 $? "$out"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" applications list 2>&1)
if grep -q "$ESC" <<<"$out"; then false; fi; check "no colour into a pipe" 0 $? "$out"
out=$(COLUMNS=60 BIOPOLIS_API_KEY=$OFFICER script -qec "$CTL applications list" /dev/null 2>&1)
/usr/bin/python3 -c 'import re, sys
lines = re.sub(r"\x1b\[[0-9;]*m|\r", "", sys.stdin.buffer.read().decode()).splitlines()
sys.exit(0 if max(len(l) for l in lines) <= 64 else 1)' <<<"$out"
check "a table fits a narrow terminal" 0 $? "$out" "…"

out=$(BIOPOLIS_API_KEY=$OFFICER script -qec "$CTL export plots --out $WORK/tty.csv" /dev/null 2>&1)
check "a progress line on a terminal's stderr" 0 $? "$out" "exported: [0-9]+"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" export plots --out "$WORK/pipe.csv" 2>&1)
if grep -q "exported" <<<"$out"; then false; fi; check "no progress line into a pipe" 0 $? "$out"

# The demo zone has two years of history (demo_data.cc): reports, an overdue quarter, requests in every state.
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" residents get residents/1 2>&1)
check "the demo resident registered two years back" 0 $? "$out" "registration_date: $(( $(date +%Y) - 2 ))-"
out=$(BIOPOLIS_API_KEY=$VBFK "$CTL" reports list 2>&1)
[ "$(echo "$out" | grep -c STATE_ACCEPTED)" -ge 6 ]; check "the demo resident's accepted reports" 0 $? "$out"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" reports overdue -o json 2>&1); check "an overdue quarter" 0 $? "$out" '"quarter": [1-4]'
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" desk requests list 2>&1)
for state in NEW IN_PROGRESS RESOLVED CLOSED REOPENED CANCELLED; do  # WAITING_FOR_RESIDENT: "service desk queue" above
  echo "$out" | grep -q "STATE_$state"; check "a demo service request $state" 0 $? "$out"
done
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" export residents 2>&1)
check "export the registry as CSV" 0 $? "$out" "^43-20[0-9]{2}-0001,residents/1,organizations/1,"
BIOPOLIS_API_KEY=$OFFICER "$CTL" export plots --out "$WORK/plots.csv" >/dev/null 2>&1
[ "$(wc -l < "$WORK/plots.csv")" = 21 ]; check "export the land catalogue (header + 20 plots)" 0 $? "$(head -3 "$WORK/plots.csv")"
out=$(BIOPOLIS_API_KEY=$OFFICER timeout 20 "$CTL" events watch --count 3 2>&1)
check "event stream replays from the start" 0 $? "$out" '"sequence": *"3"'
out=$(BIOPOLIS_API_KEY=$VBFK timeout 20 "$CTL" events watch --count 2 --type supportRequests 2>&1)
check "resident's filtered event stream" 0 $? "$out" '"resource": *"supportRequests/1"'
out=$(BIOPOLIS_API_KEY=$VBFK "$CTL" events list --type supportRequests -o json 2>&1)
check "resident lists its stored events" 0 $? "$out" '"organization": *"organizations/1"'
out=$(BIOPOLIS_API_KEY=$VBFK "$CTL" events list --organization organizations/2 2>&1)
check "another organization's events hidden" 3 $? "$out" "NOT_FOUND"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" events list --type aplications 2>&1)
check "unknown event collection" 2 $? "$out" "INVALID_RESOURCE_TYPE"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" compliance list 2>&1); check "compliance list" 0 $? "$out" "COMPLIANCE_STATUS_ON_TRACK"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" plots create --cadastral-number 43-40 --site X --area 5 --use PERMITTED_USE_OFFICE 2>&1)
check "bad cadastral number" 2 $? "$out" "INVALID_CADASTRAL_NUMBER"
grep -q "$NEWKEY" "$LOG"; check "secrets never logged" 1 $? ""

# The SDK examples: the applicant fixes and submits its draft; the officer accepts the queue.
out=$(BIOPOLIS_API_KEY=$NZF "$RESIDENT_EXAMPLE" 2>&1); check "example: resident quickstart" 0 $? "$out" "submitted: STATE_SUBMITTED"
out=$(BIOPOLIS_API_KEY=$OFFICER "$OFFICER_EXAMPLE" 2>&1); check "example: officer queue" 0 $? "$out" "accepted applications/4"

# Online backup while the server runs; the copy passes integrity_check and holds the registry.
out=$(BIOPOLIS_API_KEY=$ADMIN "$CTL" backup "$WORK/backup.db" 2>&1); check "online backup" 0 $? "$out" "size_bytes"
out=$(BIOPOLIS_API_KEY=$ADMIN "$CTL" backup "$WORK/backup.db" 2>&1); check "backup never overwrites" 6 $? "$out" "BACKUP_EXISTS"
out=$(BIOPOLIS_API_KEY=$ADMIN "$CTL" backup relative.db 2>&1); check "backup path must be absolute" 2 $? "$out" "INVALID_PATH"
out=$(BIOPOLIS_API_KEY=$OFFICER "$CTL" backup "$WORK/b2.db" 2>&1); check "officers cannot back up" 4 $? "$out" "PERMISSION_DENIED"
[ "$(sqlite3 "$WORK/backup.db" 'PRAGMA integrity_check; SELECT count(*) FROM residents;' | tr '\n' ' ')" = "ok 1 " ]
check "backup is consistent and complete" 0 $? ""

for _ in $(seq 1 150); do kill -0 "$SECOND" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$SECOND" 2>/dev/null; then
  kill -9 "$SECOND"; wait "$SECOND"
  check "a second biopolisd on the same file refuses to start" exited running "$(cat "$WORK/second.log")"
else
  wait "$SECOND"; code=$?
  [ "$code" != 0 ]; check "a second biopolisd on the same file refuses to start" 0 $? "$(cat "$WORK/second.log")"
fi
grep -q "another process has it open" "$WORK/second.log"
check "and says why" 0 $? "$(cat "$WORK/second.log")"

# Graceful shutdown.
kill -TERM "$PID"
wait "$PID"; code=$?
PID=
check "SIGTERM exits 0" 0 $code "$(tail -5 "$LOG")"
grep -q "biopolisd stopped" "$LOG"; check "clean stop logged" 0 $? "$(tail -5 "$LOG")"

# The audit log is a hash chain: intact, then caught when tampered with on disk.
AUDITOR=bpk_demo_auditor_00000000000000000000000000000
cp "$WORK/demo.db" "$WORK/pristine.db"
tamper() {  # tamper NAME SQL SEQUENCE: on a copy of the stopped database, verify through a server on it
  cp "$WORK/pristine.db" "$WORK/t.db"
  rm -rf "$WORK/t.db.keys" "$WORK/t.db.checkpoints"
  sqlite3 "$WORK/t.db" "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; $2" || return 1
  "$BIOPOLISD" --listen "127.0.0.1:$PORT" --db "$WORK/t.db" --demo > "$WORK/t.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do grep -q "listening" "$WORK/t.log" && break; sleep 0.1; done
  out=$(BIOPOLIS_API_KEY=$AUDITOR "$CTL" audit verify 2>&1); local code=$?
  kill -TERM $pid; wait $pid
  check "audit verify catches: $1" 7 $code "$out" "BROKEN at auditRecords/$3:"
}
tamper "a flipped byte" "UPDATE audit_log SET summary = summary || 'x' WHERE sequence = 5" 5
tamper "a deleted record" "DELETE FROM audit_log WHERE sequence = 7" 8
tamper "two swapped records" "UPDATE audit_log SET resource = CASE sequence WHEN 3 THEN (SELECT resource FROM audit_log WHERE sequence = 9) ELSE (SELECT resource FROM audit_log WHERE sequence = 3) END WHERE sequence IN (3, 9)" 3

# A cut tail leaves a valid shorter chain: only a signed checkpoint shows it.
# The server signed its head at shutdown into demo.db.checkpoints (outside the
# database); an auditor keeps a copy.
cp "$WORK/demo.db.checkpoints" "$WORK/kept-checkpoints.txt"
grep -q "^v1 sequence=" "$WORK/kept-checkpoints.txt"; check "the server wrote signed checkpoints" 0 $? "$(cat "$WORK/kept-checkpoints.txt")"
cp "$WORK/pristine.db" "$WORK/t.db"
cp "$WORK/demo.db.checkpoints" "$WORK/t.db.checkpoints"; rm -rf "$WORK/t.db.keys"; cp -r "$WORK/demo.db.keys" "$WORK/t.db.keys"
sqlite3 "$WORK/t.db" "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE sequence > (SELECT max(sequence) - 5 FROM audit_log)"
"$BIOPOLISD" --listen "127.0.0.1:$PORT" --db "$WORK/t.db" --demo > "$WORK/t.log" 2>&1 &
TPID=$!
for _ in $(seq 1 100); do grep -q "listening" "$WORK/t.log" && break; sleep 0.1; done
grep -q "AUDIT LOG DOES NOT MATCH ITS LAST SIGNED CHECKPOINT" "$WORK/t.log"
check "start-up reports a log that no longer matches its last checkpoint" 0 $? "$(head -5 "$WORK/t.log")"
out=$(BIOPOLIS_API_KEY=$AUDITOR "$CTL" audit verify --checkpoint "$WORK/kept-checkpoints.txt" 2>&1)
check "audit verify --checkpoint catches a truncated tail" 7 $? "$out" "removed from its tail"
out=$(BIOPOLIS_API_KEY=$AUDITOR "$CTL" audit verify 2>&1)
check "audit verify against the server's own checkpoints catches it too" 7 $? "$out" "removed from its tail"
out=$(BIOPOLIS_API_KEY=$AUDITOR "$CTL" audit checkpoints 2>&1)
check "audit checkpoints prints signed lines" 0 $? "$out" "^v1 sequence=[0-9]+ hash=[0-9a-f]{64} .*signature=[0-9a-f]{128}$"
kill -TERM $TPID; wait $TPID
# A checkpoint line changed by one character no longer verifies.
sed 's/sequence=\([0-9]*\)/sequence=1\1/' "$WORK/kept-checkpoints.txt" > "$WORK/forged.txt"
cp "$WORK/pristine.db" "$WORK/t.db"; rm -rf "$WORK/t.db.keys" "$WORK/t.db.checkpoints"
"$BIOPOLISD" --listen "127.0.0.1:$PORT" --db "$WORK/t.db" --demo > "$WORK/t.log" 2>&1 &
TPID=$!
for _ in $(seq 1 100); do grep -q "listening" "$WORK/t.log" && break; sleep 0.1; done
out=$(BIOPOLIS_API_KEY=$AUDITOR "$CTL" audit verify --checkpoint "$WORK/kept-checkpoints.txt" 2>&1)
check "the untouched log verifies against the kept checkpoints" 0 $? "$out" "signed checkpoint\(s\) match"
out=$(BIOPOLIS_API_KEY=$AUDITOR "$CTL" audit verify --checkpoint "$WORK/forged.txt" 2>&1)
check "a forged checkpoint is refused" 7 $? "$out" "BAD SIGNATURE"
kill -TERM $TPID; wait $TPID

# The demo keys outlive demo mode in the file, but not in use: restarted
# without --demo, the server says so loudly at start and refuses them.
"$BIOPOLISD" --listen "127.0.0.1:$PORT" --db "$WORK/demo.db" > "$LOG" 2>&1 &
PID=$!
for _ in $(seq 1 100); do grep -q "listening" "$LOG" && break; sleep 0.1; done
out=$(BIOPOLIS_API_KEY=bpk_demo_admin_0000000000000000000000000000000 "$CTL" keys list 2>&1)
check "a demo key is refused outside demo mode" 4 $? "$out" "demo keys are accepted only"
grep -q "SECURITY: the database holds 6 unrevoked demo key" "$LOG"
check "the start-up log names the demo keys left in the database" 0 $? "$(head -5 "$LOG")"
kill -TERM $PID; wait $PID
# --demo on a non-loopback address (also one that only looks like 127.x) does not start.
out=$("$BIOPOLISD" --listen "0.0.0.0:$PORT" --insecure --db "$WORK/demo.db" --demo 2>&1)
check "--demo on 0.0.0.0 refuses to start" 2 $? "$out" "loopback address only"
out=$("$BIOPOLISD" --listen "127.0.0.1.nip.example:$PORT" --insecure --db "$WORK/demo.db" --demo 2>&1)
check "--demo on a host named 127.0.0.1.<domain> refuses to start" 2 $? "$out" "loopback address only"

# migrate: creates a new database's schema and says which version it is at; a
# second run finds it current; a password in the URL is refused before any use.
out=$("$BIOPOLISD" migrate --db "$WORK/migrated.db" 2>&1); check "migrate creates the schema" 0 $? "$out" "schema v[0-9]*, current"
out=$("$BIOPOLISD" migrate --database "sqlite://$WORK/migrated.db" 2>&1); check "migrate again: current" 0 $? "$out" "schema v[0-9]*, current"
out=$("$BIOPOLISD" migrate --database "postgresql://u:secret@localhost/db" 2>&1); check "migrate refuses a password" 2 $? "$out" "password"

# Bootstrap an administrator key on the stopped database; it works on restart.
out=$("$BIOPOLISD" bootstrap-admin-key --db "$WORK/demo.db" --name "Ops" 2>&1); check "bootstrap admin key" 0 $? "$out" "^bpk_"
BOOT=$(grep '^bpk_' <<<"$out")
"$BIOPOLISD" --listen "127.0.0.1:$PORT" --db "$WORK/demo.db" > "$LOG" 2>&1 &
PID=$!
for _ in $(seq 1 100); do grep -q "listening" "$LOG" && break; sleep 0.1; done
out=$(BIOPOLIS_API_KEY=$BOOT "$CTL" keys list 2>&1); check "bootstrapped key lists keys" 0 $? "$out" "Ops"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
