#!/usr/bin/env bash
# The analytics benchmark: a year of data for 100 accounts (≥ 10 million metric snapshots, bulk-loaded), then the
# dashboard's queries through Herald's own KpiService, BestTime, WhatChanged and PostHistory, on SQLite and PostgreSQL.
#   bench/run-analytics.sh [--accounts 100] [--days 365] [--posts-per-day 3] [--iterations 40] [--databases sqlite,postgres]
# Prints p50/p95 per query and database; the last line is one JSON object.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
case "${*}" in *--databases\ sqlite\ *|*--databases\ sqlite) ;; *)
  export HERALD_BENCH_PG="${HERALD_BENCH_PG:-$(bash scripts/start-postgres.sh | tail -n1)}";;
esac
dotnet build bench/Herald.Bench.Analytics -c Release -nologo -v quiet -clp:ErrorsOnly >&2
exec dotnet bench/Herald.Bench.Analytics/bin/Release/net10.0/Herald.Bench.Analytics.dll "$@"
