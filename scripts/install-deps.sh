#!/usr/bin/env bash
# Installs what building, running and testing biopolis needs on Debian 12.
# Idempotent and quick when everything is present. Run as root.
set -euo pipefail

PACKAGES=(
  g++ cmake ninja-build pkg-config ccache make
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libsqlitecpp-dev libsqlite3-dev sqlite3 libspdlog-dev libgtest-dev libgmock-dev libcli11-dev libssl-dev libsodium-dev libmagic-dev libcpp-httplib-dev libsystemd-dev
  libcairo2-dev libqrencode-dev fonts-dejavu-core poppler-utils
  libpq-dev postgresql
  golang-github-gogo-googleapis-dev prometheus systemd python3 python3-grpcio python3-protobuf python3-hyperframe python3-hpack python3-cryptography openssl
  clang-14 libclang-rt-14-dev llvm-14
)
# buf (proto lint) runs on Node.js; a machine may already have Node.js and npm
# from another source, whose packages conflict with Debian's npm: then keep them.
command -v npm >/dev/null 2>&1 || PACKAGES+=(nodejs npm)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
