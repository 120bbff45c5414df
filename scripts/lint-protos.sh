#!/usr/bin/env bash
# Lints proto/ with buf (STANDARD rules; config in buf.yaml at the root).
set -euo pipefail
cd "$(dirname "$0")/.."
GOOGLEAPIS=/usr/share/gocode/src/github.com/gogo/googleapis/google
rm -rf .buf-deps && mkdir -p .buf-deps/google
ln -s "$GOOGLEAPIS/rpc" .buf-deps/google/rpc
ln -s "$GOOGLEAPIS/type" .buf-deps/google/type
TOOLS=.cache/tools
if [ ! -x "$TOOLS/node_modules/.bin/buf" ]; then
  mkdir -p "$TOOLS"
  (cd "$TOOLS" && npm install --no-save --no-audit --no-fund --silent @bufbuild/buf@1.75.0 >/dev/null)
fi
"$TOOLS/node_modules/.bin/buf" lint
echo "buf lint: proto/ is clean"
