#!/usr/bin/env bash
# Feed parsing: Herald beside CodeHollow.FeedReader and System.ServiceModel.Syndication on gofeed's corpus (539 files).
#   bench/run-feeds.sh [SECONDS-PER-PARSER]
# Prints, per parser, the files whose fields match gofeed's expected output, and feeds/s; the last line is one JSON object.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/Herald.Bench.Feeds -c Release -nologo -v quiet -clp:ErrorsOnly >&2
exec dotnet bench/Herald.Bench.Feeds/bin/Release/net10.0/Herald.Bench.Feeds.dll "$PWD/tests/Herald.Tests/TestData/feeds/gofeed" "${1:-3}"
