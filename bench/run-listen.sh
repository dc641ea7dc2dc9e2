#!/usr/bin/env bash
# The listening matcher benchmark: Herald's engine vs one Regex per query vs Lucene.Net, 10,000 queries, single thread.
# Usage: bench/run-listen.sh [--queries N] [--posts N] [--seconds S] [--regex-posts N] [--lucene-posts N] [--batch N] [--stages] [--herald-only]
# --stages times the engine stage by stage (tokenize; tokenize with lookups and phrases; + evaluation; whole); --herald-only skips Regex and Lucene.
# The last line printed is one JSON object with the figures.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dotnet build "$here/Herald.Bench.Listen/Herald.Bench.Listen.csproj" -c Release -v q -nologo -clp:ErrorsOnly >&2
exec dotnet "$here/Herald.Bench.Listen/bin/Release/net10.0/Herald.Bench.Listen.dll" "$@"
