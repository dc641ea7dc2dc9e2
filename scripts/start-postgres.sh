#!/usr/bin/env bash
# Starts the machine's PostgreSQL on 127.0.0.1 (idempotent) and makes sure the test role exists.
# Prints the admin connection string the tests use.
set -euo pipefail
# Everything but the final connection string goes to stderr: pg_ctlcluster, for one, prints
# notes such as "removed stale pid file." on stdout, which the caller would take as part of it.
exec 3>&1 1>&2
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
PGVER=$(ls /usr/lib/postgresql | sort -V | tail -n1)
if ! pg_lsclusters -h 2>/dev/null | grep -q .; then
  $SUDO pg_createcluster "$PGVER" main >/dev/null
fi
CLUSTER=$(pg_lsclusters -h | head -n1 | awk '{print $1" "$2}')
PORT=$(pg_lsclusters -h | head -n1 | awk '{print $3}')
CONF_DIR="/etc/postgresql/${CLUSTER// //}"
# Loopback only, and enough connections for two Herald processes plus the tests.
if ! grep -q "^listen_addresses = '127.0.0.1'" "$CONF_DIR/postgresql.conf"; then
  echo "listen_addresses = '127.0.0.1'" | $SUDO tee -a "$CONF_DIR/postgresql.conf" >/dev/null
  echo "max_connections = 300" | $SUDO tee -a "$CONF_DIR/postgresql.conf" >/dev/null
  echo "fsync = on" | $SUDO tee -a "$CONF_DIR/postgresql.conf" >/dev/null
  $SUDO pg_ctlcluster $CLUSTER stop >/dev/null 2>&1 3>&- || true
fi
if ! pg_lsclusters -h | head -n1 | grep -q online; then
  # The server is a daemon: it must not inherit fd 3 (the caller's pipe), or the caller never sees end-of-file.
  $SUDO pg_ctlcluster $CLUSTER start 3>&- </dev/null
fi
for _ in $(seq 1 50); do
  $SUDO -u postgres psql -p "$PORT" -qAtc "select 1" >/dev/null 2>&1 && break
  sleep 0.2
done
if [ "$(id -u)" -eq 0 ]; then RUN_PG=(su postgres -c); else RUN_PG=(sudo -u postgres sh -c); fi
"${RUN_PG[@]}" "psql -p $PORT -qAtc \"DO \\\$\\\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='herald') THEN CREATE ROLE herald LOGIN SUPERUSER PASSWORD 'herald'; END IF; END\\\$\\\$;\"" >/dev/null
echo "Host=127.0.0.1;Port=$PORT;Username=herald;Password=herald;Database=postgres" >&3
