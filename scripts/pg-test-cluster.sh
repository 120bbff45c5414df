#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the test suite (#18): nothing installed
# by hand, nothing left behind.
#
#   scripts/pg-test-cluster.sh start DIR   initdb into DIR as the postgres user,
#                                          start it on a Unix socket in DIR (no
#                                          TCP), print the connection string
#   scripts/pg-test-cluster.sh stop DIR    stop it and remove DIR
#   scripts/pg-test-cluster.sh crash DIR   stop it at once (as a power cut would:
#                                          immediate shutdown), keeping its data
#   scripts/pg-test-cluster.sh resume DIR  start a crashed cluster again
#
# Trust authentication on the socket only; the socket directory is private to
# the cluster's owner and root. C collation and UTF-8, so text sorts bytewise
# as in SQLite.
set -euo pipefail
command="${1:?usage: pg-test-cluster.sh start|stop|crash|resume DIR}"
dir="${2:?usage: pg-test-cluster.sh start|stop DIR}"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}
# Durable as in production (fsync on): the crash tests rely on it.
start_server() {
  as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-k $dir -c listen_addresses= -c max_connections=300 -c shared_buffers=64MB" >/dev/null ||
    { cat "$dir/server.log" >&2; exit 1; }
}
case "$command" in
  start)
    # A cluster left by an interrupted run goes first.
    "$0" stop "$dir"
    mkdir -p "$dir"
    chown postgres: "$dir"
    chmod 0700 "$dir"
    as_postgres "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    start_server
    echo "postgresql:///postgres?host=$dir&user=postgres"
    ;;
  crash)
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
    ;;
  resume)
    start_server
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: pg-test-cluster.sh start|stop|crash|resume DIR" >&2
    exit 2
    ;;
esac
