#!/usr/bin/env bash
# The Debian packages: built with cpack from this build folder, checked (dependencies from
# dpkg-shlibdeps, the conffile, the unit), installed with dpkg into a clean root (--root with
# --force-script-chrootless: the maintainer scripts run with DPKG_ROOT set, not on this machine),
# the installed biopolisd and biopolisctl run against a database in that root, then upgraded to a newer
# package version (the edited config and the database stay), and removed (config and database stay).
# Usage: packages_test.sh BUILD_DIR
set -uo pipefail
BUILD=$(cd "$1" && pwd)
WORK=$(mktemp -d)
PID=
cleanup() { [ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
passed=0
failed=0
check() {  # check NAME CONDITION_EXIT [DETAIL]
  if [ "$2" = 0 ]; then echo "ok: $1"; passed=$((passed + 1)); else echo "FAIL: $1 ${3:-}"; failed=$((failed + 1)); fi
}

(cd "$BUILD" && cpack -G DEB -B "$WORK/v1" > "$WORK/cpack1.log" 2>&1 &&
  cpack -G DEB -B "$WORK/v2" -D CPACK_PACKAGE_VERSION=0.1.1 > "$WORK/cpack2.log" 2>&1)
check "cpack builds the packages (twice: 0.1.0 and 0.1.1)" $? "$(tail -5 "$WORK/cpack1.log")"
SERVER=$(ls "$WORK"/v1/biopolisd_*.deb)
CTL=$(ls "$WORK"/v1/biopolisctl_*.deb)
DEV=$(ls "$WORK"/v1/libbiopolis-client-dev_*.deb)
info=$(dpkg-deb -I "$SERVER")
grep -q "Depends:.*libgrpc++1.51.*libsqlite3-0" <<<"$info"; check "biopolisd depends on Debian's runtime libraries (dpkg-shlibdeps)" $? "$info"
grep -q "libmagic-mgc" <<<"$info"; check "and on libmagic's database" $?
grep -q "fonts-dejavu-core" <<<"$info"; check "and on the fonts of the printable extracts" $?
[ "$(dpkg-deb --ctrl-tarfile "$SERVER" | tar -xO ./conffiles)" = "/etc/biopolis/biopolisd.conf" ]
check "the config is a conffile" $?
server_files=$(dpkg-deb -c "$SERVER")
dev_files=$(dpkg-deb -c "$DEV")
grep -q "./lib/systemd/system/biopolisd.service" <<<"$server_files"; check "the unit is shipped" $?
grep -q "biopolis_clientConfig.cmake" <<<"$dev_files"; check "the SDK package has its CMake package" $?
grep -q "include/biopolis/documents.h" <<<"$dev_files"; check "and its headers" $?

ROOT="$WORK/root"
mkdir -p "$ROOT/var/lib/dpkg/info" "$ROOT/var/lib/dpkg/updates"
touch "$ROOT/var/lib/dpkg/status"
DPKG=(dpkg --root="$ROOT" --force-script-chrootless --force-depends --force-not-root --log=/dev/null)
"${DPKG[@]}" -i "$SERVER" "$CTL" > "$WORK/install.log" 2>&1
check "dpkg installs biopolisd and biopolisctl into a clean root" $? "$(tail -5 "$WORK/install.log")"
[ -x "$ROOT/usr/bin/biopolisd" ] && [ -f "$ROOT/etc/biopolis/biopolisd.conf" ] && [ -d "$ROOT/var/lib/biopolis" ]
check "binary, config and data folder are in place" $?

# Run the installed binaries: the shipped config with the database and ports moved into the test's root.
PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
start() {
  sed -e "s|^db = .*|db = $ROOT/var/lib/biopolis/biopolis.db|" -e "s|^listen = .*|listen = 127.0.0.1:$PORT|" \
      -e "s|^metrics_listen = .*|metrics_listen = 127.0.0.1:0|" "$ROOT/etc/biopolis/biopolisd.conf" > "$WORK/run.conf"
  "$ROOT/usr/bin/biopolisd" --config "$WORK/run.conf" > "$WORK/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 100); do grep -q "listening" "$WORK/server.log" && return 0; sleep 0.1; done
  return 1
}
stop() { kill -TERM "$PID"; wait "$PID"; PID=; }
KEY=$("$ROOT/usr/bin/biopolisd" bootstrap-admin-key --db "$ROOT/var/lib/biopolis/biopolis.db" --name ops | grep '^bpk_')
start; check "the installed biopolisd starts on the shipped config" $? "$(tail -5 "$WORK/server.log")"
out=$(BIOPOLIS_API_KEY=$KEY "$ROOT/usr/bin/biopolisctl" --address "127.0.0.1:$PORT" keys list 2>&1)
check "the installed biopolisctl calls it" $? "$out"
stop

# Upgrade to 0.1.1 with an edited config: dpkg keeps the edit (the packaged file did not change) and the data.
echo "# edited by the operator" >> "$ROOT/etc/biopolis/biopolisd.conf"
"${DPKG[@]}" -i "$(ls "$WORK"/v2/biopolisd_*.deb)" > "$WORK/upgrade.log" 2>&1
check "dpkg upgrades biopolisd to 0.1.1" $? "$(tail -5 "$WORK/upgrade.log")"
grep -q "^Version: 0.1.1" <("${DPKG[@]}" -s biopolisd 2>/dev/null); check "the installed version is 0.1.1" $?
grep -q "edited by the operator" "$ROOT/etc/biopolis/biopolisd.conf"; check "the edited config survived the upgrade" $?
start; check "the upgraded server starts on the same database" $?
out=$(BIOPOLIS_API_KEY=$KEY "$ROOT/usr/bin/biopolisctl" --address "127.0.0.1:$PORT" keys list 2>&1)
check "and the key made before the upgrade still works" $? "$out"
stop

"${DPKG[@]}" -r biopolisd biopolisctl > "$WORK/remove.log" 2>&1
check "dpkg removes them" $? "$(tail -5 "$WORK/remove.log")"
[ ! -e "$ROOT/usr/bin/biopolisd" ] && [ -f "$ROOT/etc/biopolis/biopolisd.conf" ] && [ -f "$ROOT/var/lib/biopolis/biopolis.db" ]
check "removed: the binary is gone, the config and the database stay" $?

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
