#!/usr/bin/env bash
# Server-side render time of the month calendar (2,000 posts) and Today, on SQLite and PostgreSQL (127.0.0.1:5432, herald/herald).
#   bench/run-pages.sh [--iterations N] [--databases sqlite,postgres]
# Prints p50/p95/max per page; the last line is one JSON object.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/Herald.Bench.Pages -c Release -nologo -v quiet -clp:ErrorsOnly >&2
exec dotnet bench/Herald.Bench.Pages/bin/Release/net10.0/Herald.Bench.Pages.dll "$@"
