#!/usr/bin/env bash
# Shared by the benchmarks that run one C# project on SQLite and PostgreSQL: starts PostgreSQL unless only SQLite is
# asked for (HERALD_BENCH_PG then holds its admin connection string), builds the project in Release, and runs it.
#   bench/run-dotnet-bench.sh PROJECT-NAME [ARGS...]     e.g. bench/run-dotnet-bench.sh Herald.Bench.Inbox --items 1000
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
project="$1"; shift
case "${*}" in *--databases\ sqlite\ *|*--databases\ sqlite) ;; *)
  export HERALD_BENCH_PG="${HERALD_BENCH_PG:-$(bash scripts/start-postgres.sh | tail -n1)}";;
esac
dotnet build "bench/$project" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
exec dotnet "bench/$project/bin/Release/net10.0/$project.dll" "$@"
