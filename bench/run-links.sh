#!/usr/bin/env bash
# Short-link redirect benchmark: `./herald serve` (Release) on 127.0.0.1, wrk sending GET /l/{code} for a fixed time,
# then Herald stopped gracefully (SIGTERM) and the clicks counted in the database. None may be lost: the database holds
# every click Herald answered, which is every request wrk completed plus those still in flight when wrk stopped (at most
# one per connection).
# Usage: bench/run-links.sh [--duration 15s] [--warmup 15s] [--connections N] [--threads N] [--database sqlite|postgres|both]
# The last line printed is one JSON object with the figures.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/.."
duration=15s
threads=2
connections=64
# Herald is a long-running server: the figure that matters is its steady state, after the tiered JIT has recompiled
# the hot paths (on 2 shared cores that takes ~10 s of load; with 3 s it is still compiling during the measured run).
warmup=15s
database=both
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --database) database="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if ! command -v wrk >/dev/null; then
  echo "bench: installing wrk (apt)" >&2
  apt-get install -y wrk >&2 || sudo apt-get install -y wrk >&2
fi
"$root/herald" --help >/dev/null 2>&1 || true   # builds Release on first use

# CPU ticks (user + system) of the given pids, as "pid ticks" lines; pids that are gone are skipped.
cpu_of() {
  for p in "$@"; do
    [[ -r "/proc/$p/stat" ]] && awk -v p="$p" '{ sub(/^.*\) /, ""); print p, $12 + $13 }' "/proc/$p/stat" 2>/dev/null || true
  done
}

# PostgreSQL processes working for this run: the backends of its database, the WAL writer, checkpointer and background writer
# (shared with anything else using the server at the same time).
pg_pids() { # pgport pgdb
  PGPASSWORD=herald psql -h 127.0.0.1 -p "$1" -U herald -d postgres -qAtc \
    "SELECT pid FROM pg_stat_activity WHERE (datname = '$2' AND pid <> pg_backend_pid()) OR backend_type IN ('walwriter', 'checkpointer', 'background writer')"
}

count_clicks() { # kind data pgport pgdb
  if [[ "$1" == postgres ]]; then
    PGPASSWORD=herald psql -h 127.0.0.1 -p "$3" -U herald -d "$4" -qAtc "SELECT COUNT(*) FROM link_click"
  else
    sqlite3 "$2/herald.db" "SELECT COUNT(*) FROM link_click"
  fi
}

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
  wrk -t "$threads" -c "$connections" -d "$warmup" -H 'User-Agent: Mozilla/5.0 (bench) Firefox/135.0' "http://127.0.0.1:$port/l/$code" >/dev/null
  sleep 1
  local before
  before="$(count_clicks "$kind" "$data" "$pgport" "$pgdb")"
  # CPU used during the measured run, per process group: Herald, PostgreSQL (see pg_pids) and wrk (the shell's children).
  local herald_cpu0 pg_cpu0="" pg_cpu1="" wrk_cpu0 wrk_cpu1 out
  herald_cpu0="$(cpu_of "$pid")"
  [[ "$kind" == postgres ]] && pg_cpu0="$(cpu_of $(pg_pids "$pgport" "$pgdb"))"
  times >"$data/times0"
  out="$(wrk -t "$threads" -c "$connections" -d "$duration" --latency -H 'User-Agent: Mozilla/5.0 (bench) Firefox/135.0' "http://127.0.0.1:$port/l/$code")"
  times >"$data/times1"; wrk_cpu0="$(tail -1 "$data/times0")"; wrk_cpu1="$(tail -1 "$data/times1")"
  local herald_cpu1
  herald_cpu1="$(cpu_of "$pid")"
  [[ "$kind" == postgres ]] && pg_cpu1="$(cpu_of $(pg_pids "$pgport" "$pgdb"))"
  echo "$out" >&2
  kill -TERM "$pid"; wait "$pid" || true
  local clicks served
  clicks="$(count_clicks "$kind" "$data" "$pgport" "$pgdb")"
  served="$(sed -n 's/.*Click recorder stopped; \([0-9]*\) of \([0-9]*\) clicks written.*/\1 \2/p' "$data/serve.log" | tail -1)"
  if [[ "$kind" == postgres ]]; then
    PGPASSWORD=herald psql -h 127.0.0.1 -p "$pgport" -U herald -d postgres -qAtc "DROP DATABASE $pgdb" >&2
  fi
  rm -rf "$data"
  python3 - "$kind" "$before" "$clicks" "$served" "$connections" "$out" "$herald_cpu0" "$herald_cpu1" "$pg_cpu0" "$pg_cpu1" \
    "$wrk_cpu0" "$wrk_cpu1" "$(getconf CLK_TCK)" <<'PY'
import json, re, sys
kind, before, clicks, served, conns, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), sys.argv[6]
tick = float(sys.argv[13])
def ticks(text): return {l.split()[0]: int(l.split()[1]) for l in text.splitlines() if l.strip()}
def cpu_s(a, b):
    a, b = ticks(a), ticks(b)
    return sum(v - a.get(p, 0) for p, v in b.items()) / tick
def shell_s(text):
    return sum(int(m) * 60 + float(s) for m, s in re.findall(r"(\d+)m([\d.]+)s", text))
herald_s, pg_s, wrk_s = cpu_s(sys.argv[7], sys.argv[8]), cpu_s(sys.argv[9], sys.argv[10]), shell_s(sys.argv[12]) - shell_s(sys.argv[11])
completed = int(re.search(r"(\d+) requests in", out).group(1))
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
non3xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
errors = re.search(r"Socket errors: (.*)", out)
def ms(label):
    m = re.search(label + r"%\s+([\d.]+)(us|ms|s)", out)
    if not m: return None
    v = float(m.group(1)); return round(v / 1000 if m.group(2) == "us" else v * 1000 if m.group(2) == "s" else v, 2)
recorded = clicks - before
written, enqueued = (int(x) for x in served.split()) if served else (None, None)
print(json.dumps({"database": kind, "redirects_per_s": round(rps), "completed": completed, "clicks_recorded": recorded,
  "in_flight_at_stop": recorded - completed, "lost": max(0, completed - recorded) + ((enqueued - written) if served else 0),
  "herald_answered": enqueued, "herald_written": written, "non_3xx": int(non3xx.group(1)) if non3xx else 0,
  "socket_errors": errors.group(1) if errors else None, "p50_ms": ms("50"), "p99_ms": ms("99"), "connections": conns,
  "cpu_s": {"herald": round(herald_s, 2), "postgres": round(pg_s, 2) if kind == "postgres" else None, "wrk": round(wrk_s, 2)},
  "cpu_us_per_redirect": {"herald": round(herald_s * 1e6 / max(1, recorded)), "postgres": round(pg_s * 1e6 / max(1, recorded)) if kind == "postgres" else None,
    "wrk": round(wrk_s * 1e6 / max(1, recorded))}}))
PY
}

results=()
if [[ "$database" != postgres ]]; then results+=("$(run_one sqlite)"); echo "${results[-1]}" >&2; fi
if [[ "$database" != sqlite ]]; then results+=("$(run_one postgres)"); echo "${results[-1]}" >&2; fi
printf '%s\n' "${results[@]}" | python3 -c 'import json,sys; rows=[json.loads(l) for l in sys.stdin if l.strip()]; print(json.dumps({"benchmark":"links","connections":'"$connections"',"duration":"'"$duration"'","warmup":"'"$warmup"'","results":rows}))'
