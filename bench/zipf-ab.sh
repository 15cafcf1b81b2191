#!/usr/bin/env bash
# Side by side: two published builds of the site under bench/zipf.lua's requests on the 100,000-tool catalog,
# each beside bench/Baseline answering the same requests (B-zipf) in the same round. On a machine whose speed
# swings from minute to minute, this is how a change to the Zipf path is judged: the builds alternate (A first
# in odd rounds, B first in even ones), each starts from a fresh copy of the catalog, and each run also reports
# the site's CPU time per request (from /proc), which a busy machine blurs less than req/s.
#
#   dotnet publish src/AiCompare.Web -c Release -o /var/tmp/a        (the build before)
#   dotnet publish src/AiCompare.Web -c Release -o /var/tmp/b        (the build after)
#   bash bench/zipf-ab.sh /var/tmp/a /var/tmp/b [rounds, default 3]
#
# Settings (environment): VOTES=0.01 makes that share of requests votes (as bench/run.sh's zipf-votes row);
# WARMUP=15s and DURATION=8s per run; CONNECTIONS=32; KEEP=folder keeps the work folder and reuses its
# catalog; EXTRA_A / EXTRA_B add VAR=value settings to one build only (the same build twice with a setting
# on and off, for example EXTRA_B="Server__InlineScheduling=false"); BEFORE_A / BEFORE_B="script seconds" give
# one build another load first, before its warm-up (the same build twice, fresh and after 20 s of misses:
# BEFORE_B="random-pair.lua 20"), to see whether what a site served before changes how it serves this traffic.
# Prints a line per round: each build's req/s, p99, CPU µs a request, page-cache hit share and peak RSS, then
# B-zipf and each build's req/s as a share of it. Take a median over rounds; one round says little here.
set -euo pipefail
shopt -s inherit_errexit
usage() { echo "usage: bash bench/zipf-ab.sh <published build A> <published build B> [rounds 1-9]" >&2; exit 2; }
[ $# -ge 2 ] && [ $# -le 3 ] || usage
for build in "$1" "$2"; do
  [ -f "$build/AiCompare.Web.dll" ] || { echo "bench/zipf-ab.sh: $build has no AiCompare.Web.dll: publish the site there first (see the top of this script)" >&2; exit 2; }
done
a=$(cd "$1" && pwd)
b=$(cd "$2" && pwd)
rounds=${3:-3}
[[ $rounds =~ ^[1-9]$ ]] || { echo "bench/zipf-ab.sh: rounds must be a whole number from 1 to 9 (got '$rounds')" >&2; exit 2; }
VOTES=${VOTES:-0}
[[ $VOTES =~ ^(0(\.[0-9]+)?|1)$ ]] || { echo "bench/zipf-ab.sh: VOTES must be a share from 0 to 1, like 0.01 (got '$VOTES')" >&2; exit 2; }
for before in "${BEFORE_A:-}" "${BEFORE_B:-}"; do
  [ -z "$before" ] || [[ $before =~ ^[a-z-]+\.lua\ [1-9][0-9]*$ && -f "$(dirname "$0")/${before%% *}" ]] \
    || { echo "bench/zipf-ab.sh: BEFORE_A/BEFORE_B must be a bench/ wrk script and whole seconds, like 'random-pair.lua 20' (got '$before')" >&2; exit 2; }
done
case ${KEEP:-} in ""|/*) ;; *) KEEP=$PWD/$KEEP ;; esac
cd "$(dirname "$0")/.."
WARMUP=${WARMUP:-15s}
DURATION=${DURATION:-8s}
source bench/lib.sh
bench_check_settings bench/zipf-ab.sh
bench_need wrk sqlite3 curl
bench_workdir aic-zipf-ab
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [ -n "${KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 143' TERM HUP
trap 'exit 130' INT

# bench/lib.sh runs "the site" from $work/site: a link to the build being measured. Build A generates the catalog.
ln -sfn "$a" "$work/site"
bench_catalogs 100000
dotnet publish bench/Baseline -c Release -o "$work/baseline" >/dev/null
sqlite3 "$work/catalog-100000.db" "SELECT Slug FROM Tool" > "$work/slugs"
export BENCH_SLUGS=$work/slugs BENCH_VOTE_SHARE=$VOTES
for port in 5401 5404; do bench_port_free "$port"; done
hz=$(getconf CLK_TCK)

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # the process's user + system time so far, in clock ticks

# One measured run against a server already started: warm-up, then the run with the server's CPU time read
# around it. → "rps p99ms cpu-µs-a-request non2xx+errors"
measure() { # pid port
  local pid=$1 port=$2 t0 t1 out numbers
  wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" -s bench/zipf.lua "http://127.0.0.1:$port" >/dev/null
  t0=$(cpu_ticks "$pid")
  out=$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/zipf.lua "http://127.0.0.1:$port")
  t1=$(cpu_ticks "$pid")
  numbers=$(bench_wrk_numbers zipf-ab "$out") # rps p99ms non2xx errors requests sent-votes
  awk -v t0="$t0" -v t1="$t1" -v hz="$hz" '{ printf "%s %s %.1f %d\n", $1, $2, (t1 - t0) / hz * 1e6 / $5, $3 + $4 }' <<<"$numbers"
}

# site and baseline set $result rather than print it: run in this shell (not in a command substitution), the
# servers they start stay in `pids`, so that an interrupted run stops them too.
site() { # label build extra-settings before-load → result="label rps p99ms cpu-µs hits% rss-MB bad"
  local label=$1 build=$2 extra=$3 before=$4 pid numbers hits rss script seconds
  ln -sfn "$build" "$work/site"
  cp "$work/catalog-100000.db" "$work/run.db"; rm -f "$work/run.db-wal" "$work/run.db-shm"
  # shellcheck disable=SC2086 # the extra settings are VAR=value words
  bench_start_site "site$label" 5401 "Data Source=$work/run.db" $extra
  pid=${pids[-1]}
  if [ -n "$before" ]; then
    read -r script seconds <<<"$before"
    wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" -s "bench/$script" http://127.0.0.1:5401 >/dev/null
  fi
  numbers=$(measure "$pid" 5401)
  hits=$(curl -fs http://127.0.0.1:5401/metrics | awk '/^aicompare_page_cache_hits_total/ { h += $NF } /^aicompare_page_cache_misses_total/ { m += $NF }
    END { if (h + m > 0) printf "%.0f", 100 * h / (h + m); else print "-" }')
  rss=$(awk '/^VmHWM/ { print int($2 / 1024) }' "/proc/$pid/status")
  bench_stop_server "$pid"
  result="$label $numbers"
  result=$(awk -v hits="$hits" -v rss="$rss" '{ print $1, $2, $3, $4, hits, rss, $5 }' <<<"$result")
}

baseline() { # → result="Bz rps p99ms cpu-µs - - bad"
  local pid numbers
  [ -f "$work/page.html" ] || { echo "bench/zipf-ab.sh: no captured page" >&2; exit 1; }
  dotnet "$work/baseline/Baseline.dll" "$work/page.html" --urls http://127.0.0.1:5404 >"$work/baseline.log" 2>&1 &
  pids+=($!); pid=$!
  for _ in $(seq 1 60); do curl -fs -o /dev/null http://127.0.0.1:5404/ && break; sleep 0.5; done
  numbers=$(measure "$pid" 5404)
  bench_stop_server "$pid"
  result=$(awk '{ print "Bz", $1, $2, $3, "-", "-", $4 }' <<<"$numbers")
}

# B-zipf serves the page build A renders for the catalog's first pair (bench/run.sh's page).
pair=$(sqlite3 "$work/catalog-100000.db" "SELECT MIN(a.Slug) || '-vs-' || MIN(b.Slug) FROM Tool a JOIN Tool b ON b.CategoryId = a.CategoryId AND b.Slug > a.Slug WHERE a.Slug = (SELECT MIN(Slug) FROM Tool)")
ln -sfn "$a" "$work/site"
cp "$work/catalog-100000.db" "$work/run.db"; rm -f "$work/run.db-wal" "$work/run.db-shm"
bench_start_site capture 5401 "Data Source=$work/run.db"
curl -fs "http://127.0.0.1:5401/compare/$pair" -o "$work/page.html" || { echo "bench/zipf-ab.sh: build A did not serve /compare/$pair" >&2; exit 1; }
bench_stop_server "${pids[-1]}"

echo "Measuring $rounds round(s): $WARMUP warm-up, then $DURATION, wrk -t1 -c$CONNECTIONS, votes ${VOTES} of requests…" >&2
printf "%-5s | %-44s | %-44s | %-28s | %s\n" round "A: req/s p99 cpu/req hits rss bad" "B: req/s p99 cpu/req hits rss bad" "B-zipf: req/s p99 cpu/req" "A, B ÷ B-zipf"
for round in $(seq 1 "$rounds"); do
  if (( round % 2 )); then
    site A "$a" "${EXTRA_A:-}" "${BEFORE_A:-}"; ra=$result; site B "$b" "${EXTRA_B:-}" "${BEFORE_B:-}"; rb=$result
  else
    site B "$b" "${EXTRA_B:-}" "${BEFORE_B:-}"; rb=$result; site A "$a" "${EXTRA_A:-}" "${BEFORE_A:-}"; ra=$result
  fi
  baseline; rz=$result
  awk -v r="$round" -v a="$ra" -v b="$rb" -v z="$rz" 'BEGIN {
    split(a, x, " "); split(b, y, " "); split(z, w, " ")
    printf "%-5s | %9.0f %6.2fms %6.1fus %3s%% %4sMB %2d | %9.0f %6.2fms %6.1fus %3s%% %4sMB %2d | %9.0f %6.2fms %6.1fus | %3.0f%%  %3.0f%%\n",
      r, x[2], x[3], x[4], x[5], x[6], x[7], y[2], y[3], y[4], y[5], y[6], y[7], w[2], w[3], w[4], 100 * x[2] / w[2], 100 * y[2] / w[2] }'
done
