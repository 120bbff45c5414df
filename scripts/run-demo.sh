#!/usr/bin/env bash
# Installs what is missing, builds, and starts biopolisd on 127.0.0.1:50051
# with the zone's demo data in demo.db (created on first start).
# Extra arguments go to biopolisd (e.g. --log-level debug). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build -DBIOPOLIS_BUILD_TESTS=OFF
exec build/services/biopolisd --demo --db demo.db --listen 127.0.0.1:50051 "$@"
