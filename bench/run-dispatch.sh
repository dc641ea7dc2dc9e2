#!/usr/bin/env bash
# The dispatcher benchmark: Herald vs Quartz.NET (ADO.NET job store) on SQLite and PostgreSQL.
# Usage: bench/run-dispatch.sh [--deliveries N] [--accounts N] [--database sqlite|postgres|both] [other Herald.Bench options]
# The last line printed is one JSON object with the figures.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
args=()
database=both
while [[ $# -gt 0 ]]; do
  case "$1" in
    --database) database="$2"; args+=("$1" "$2"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
if [[ "$database" != sqlite ]]; then
  # A fresh database is created (and dropped) on this server by the benchmark itself.
  export HERALD_BENCH_PG="${HERALD_BENCH_PG:-Host=127.0.0.1;Port=5432;Username=herald;Password=herald;Database=postgres}"
  if command -v pg_isready >/dev/null && ! pg_isready -h 127.0.0.1 -p 5432 -q; then
    "$here/../scripts/start-postgres.sh" >&2
  fi
fi
dotnet build "$here/Herald.Bench/Herald.Bench.csproj" -c Release -v q -nologo >&2
exec dotnet "$here/Herald.Bench/bin/Release/net10.0/Herald.Bench.dll" "${args[@]}"
