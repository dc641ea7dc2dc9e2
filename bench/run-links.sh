#!/usr/bin/env bash
# Short-link redirect benchmark: `./herald serve` (Release) on 127.0.0.1, bombardier sending an exact number of
# GET /l/{code} requests, then Herald stopped gracefully and the clicks counted in the database: none may be lost.
# Usage: bench/run-links.sh [--requests N] [--connections N] [--database sqlite|postgres|both]
# The last line printed is one JSON object with the figures.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/.."
requests=400000
connections=64
database=both
while [[ $# -gt 0 ]]; do
  case "$1" in
    --requests) requests="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --database) database="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if ! command -v bombardier >/dev/null; then
  echo "bench: installing bombardier (apt)" >&2
  apt-get install -y bombardier >&2 || sudo apt-get install -y bombardier >&2
fi
"$root/herald" --help >/dev/null 2>&1 || true   # builds Release on first use

run_one() { # $1 = sqlite|postgres ; prints one JSON object
  local kind="$1" data port db_args=() pgdb="" admin_cs="" pgport=5432
  data="$(mktemp -d)"
  port=$((20000 + RANDOM % 20000))
  if [[ "$kind" == postgres ]]; then
    admin_cs="$("$root/scripts/start-postgres.sh")"
    pgport="$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$admin_cs")"
    pgdb="herald_bench_links_$$"
    PGPASSWORD=herald psql -h 127.0.0.1 -p "$pgport" -U herald -d postgres -qAtc "CREATE DATABASE $pgdb" >&2
    db_args=(--database "Host=127.0.0.1;Port=$pgport;Username=herald;Password=herald;Database=$pgdb;Maximum Pool Size=64")
  fi
  "$root/herald" users add --email bench@example.test --password "bench password 123" --admin --data "$data" "${db_args[@]}" >/dev/null
  local token
  token="$("$root/herald" tokens create --email bench@example.test --name bench --data "$data" "${db_args[@]}")"
  Logging__LogLevel__Default=Warning "$root/herald" serve --urls "http://127.0.0.1:$port" --no-dispatcher --data "$data" "${db_args[@]}" >"$data/serve.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
  local code
  code="$(curl -fs -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "http://127.0.0.1:$port/api/v1/links" \
    -d '{"url":"https://shop.example/p?id=7#top","network":"bluesky","campaign":"bench"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["code"])')"
  # Warm-up (JIT, connection pools), not counted.
  bombardier -c "$connections" -n 20000 -l -p r -H 'User-Agent: Mozilla/5.0 (bench) Firefox/135.0' "http://127.0.0.1:$port/l/$code" >/dev/null 2>&1
  local out
  out="$(bombardier -c "$connections" -n "$requests" -p r -o json -H 'User-Agent: Mozilla/5.0 (bench) Firefox/135.0' "http://127.0.0.1:$port/l/$code")"
  kill -TERM "$pid"; wait "$pid" || true
  local clicks
  if [[ "$kind" == postgres ]]; then
    clicks="$(PGPASSWORD=herald psql -h 127.0.0.1 -p "$pgport" -U herald -d "$pgdb" -qAtc "SELECT COUNT(*) FROM link_click")"
    PGPASSWORD=herald psql -h 127.0.0.1 -p "$pgport" -U herald -d postgres -qAtc "DROP DATABASE $pgdb" >&2
  else
    clicks="$(sqlite3 "$data/herald.db" "SELECT COUNT(*) FROM link_click")"
  fi
  rm -rf "$data"
  python3 - "$kind" "$clicks" "$out" <<'PY'
import json, sys
kind, clicks, out = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
r = out["result"]
completed = r["req1xx"] + r["req2xx"] + r["req3xx"] + r["req4xx"] + r["req5xx"]
warmup = 20000
print(json.dumps({"database": kind, "redirects_per_s": round(r["rps"]["mean"]), "completed": completed, "redirects_302": r["req3xx"],
  "errors": r["others"] + r["req4xx"] + r["req5xx"], "p50_ms": round(r["latency"]["percentiles"].get("50", 0) / 1000, 2),
  "p99_ms": round(r["latency"]["percentiles"].get("99", 0) / 1000, 2), "clicks_recorded": clicks - warmup,
  "lost": completed - (clicks - warmup)}))
PY
}

results=()
if [[ "$database" != postgres ]]; then results+=("$(run_one sqlite)"); echo "${results[-1]}" >&2; fi
if [[ "$database" != sqlite ]]; then results+=("$(run_one postgres)"); echo "${results[-1]}" >&2; fi
printf '%s\n' "${results[@]}" | python3 -c 'import json,sys; rows=[json.loads(l) for l in sys.stdin if l.strip()]; print(json.dumps({"benchmark":"links","connections":'"$connections"',"requests":'"$requests"',"results":rows}))'
