#!/usr/bin/env bash
# Load benchmark (not part of the tests: timings are not tests). Publishes the site in Release, generates
# a 100-tool and a 100,000-tool catalog, and runs wrk (1 thread, 32 connections) against:
#   B         bench/Baseline serving the captured bytes of a comparison page from memory
#   cached    that same comparison page from the site (output cache)
#   miss      random pairs never requested before, 100k-tool catalog
#   small     random pairs, 100-tool catalog (for the 100 vs 100k ratio)
#   votes     community votes from new voters
# and prints throughput, p99 latency and the ratios the speed issue asks for.
# Usage: bench/run.sh            DURATION=10s CONNECTIONS=32 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
for tool in wrk sqlite3; do
  command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk sqlite3 >/dev/null; }
done

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

echo "Publishing (Release)…" >&2
dotnet publish src/AiCompare.Web -c Release -o "$work/site" >/dev/null
dotnet publish bench/Baseline -c Release -o "$work/baseline" >/dev/null

echo "Generating catalogs…" >&2
ConnectionStrings__AiCompare="Data Source=$work/small.db" dotnet "$work/site/AiCompare.Web.dll" generate --tools 100 >/dev/null 2>&1
ConnectionStrings__AiCompare="Data Source=$work/big.db" dotnet "$work/site/AiCompare.Web.dll" generate --tools 100000 >/dev/null 2>&1
sqlite3 "$work/small.db" "SELECT Slug FROM Tool" > "$work/small.slugs"
sqlite3 "$work/big.db" "SELECT Slug FROM Tool" > "$work/big.slugs"

start_site() { # db port
  ConnectionStrings__AiCompare="Data Source=$1" ASPNETCORE_ENVIRONMENT=Production \
  Newsletter__SchedulerEnabled=false Serilog__MinimumLevel__Default=Warning Logging__LogLevel__Default=Warning \
  Votes__PerMinutePerAddress=1000000000 Votes__PerAddressCap=1000000000 \
    bash -c 'cd "$0" && exec dotnet AiCompare.Web.dll --urls "$1"' "$work/site" "http://127.0.0.1:$2" >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$2/healthz" >/dev/null && return 0; sleep 0.5; done
  echo "site on port $2 did not start" >&2; exit 1
}
start_site "$work/big.db" 5301
start_site "$work/small.db" 5302

pair=$(sqlite3 "$work/big.db" "SELECT MIN(a.Slug) || '-vs-' || MIN(b.Slug) FROM Tool a JOIN Tool b ON b.CategoryId = a.CategoryId AND b.Slug > a.Slug WHERE a.Slug = (SELECT MIN(Slug) FROM Tool)")
url="/compare/$pair"
curl -fs "http://127.0.0.1:5301$url" -o "$work/page.html"
dotnet "$work/baseline/Baseline.dll" "$work/page.html" --urls http://127.0.0.1:5303 >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do curl -fs http://127.0.0.1:5303/ >/dev/null && break; sleep 0.5; done

# Warm both sites (JIT, connection pools) before measuring.
wrk -t1 -c"$CONNECTIONS" -d3s "http://127.0.0.1:5301$url" >/dev/null
BENCH_SLUGS="$work/big.slugs" wrk -t1 -c"$CONNECTIONS" -d3s -s bench/random-pair.lua http://127.0.0.1:5301 >/dev/null
BENCH_SLUGS="$work/small.slugs" wrk -t1 -c"$CONNECTIONS" -d3s -s bench/random-pair.lua http://127.0.0.1:5302 >/dev/null

measure() { # name, wrk args… → "name rps p99ms non2xx errors"
  local name=$1; shift
  local out
  out=$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "$@")
  local rps p99 non2xx errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" { v=$2; if (v ~ /us$/) { sub(/us$/, "", v); v=v/1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v=v*1000 } print v }' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out"); non2xx=${non2xx:-0}
  errors=$(awk '/Socket errors/ {gsub(",", ""); print $4+$6+$8+$10}' <<<"$out"); errors=${errors:-0}
  echo "$name $rps $p99 $non2xx $errors"
}

results=$(
  measure B "http://127.0.0.1:5303/"
  measure cached "http://127.0.0.1:5301$url"
  BENCH_SLUGS="$work/big.slugs" measure miss -s bench/random-pair.lua http://127.0.0.1:5301
  BENCH_SLUGS="$work/small.slugs" measure small -s bench/random-pair.lua http://127.0.0.1:5302
  BENCH_SLUGS="$work/big.slugs" measure votes -s bench/vote.lua http://127.0.0.1:5301
)
page_bytes=$(curl -fs -H 'Accept-Encoding: br' "http://127.0.0.1:5301$url" | wc -c)
css_bytes=$(curl -fs -H 'Accept-Encoding: br' "http://127.0.0.1:5301/css/site.css" | wc -c)
js_bytes=$(curl -fs -H 'Accept-Encoding: br' "http://127.0.0.1:5301/js/site.js" | wc -c)

awk -v page="$page_bytes" -v css="$css_bytes" -v js="$js_bytes" -v duration="$DURATION" -v conns="$CONNECTIONS" '
  { rps[$1] = $2; p99[$1] = $3; bad += $4 + $5; printf "%-7s %10.0f req/s   p99 %8.2f ms   non-2xx %s   errors %s\n", $1, $2, $3, $4, $5 }
  END {
    printf "\nwrk -t1 -c%s -d%s; comparison page + CSS + JS, Brotli: %d bytes\n\n", conns, duration, page + css + js
    check("cached >= 95% of B", rps["cached"] / rps["B"] >= 0.95, sprintf("%.0f%%", 100 * rps["cached"] / rps["B"]))
    check("cached p99 <= 1.5x B", p99["cached"] <= 1.5 * p99["B"], sprintf("%.2fx", p99["cached"] / p99["B"]))
    check("miss >= 35% of B", rps["miss"] / rps["B"] >= 0.35, sprintf("%.0f%%", 100 * rps["miss"] / rps["B"]))
    check("100k vs 100 >= 90%", rps["miss"] / rps["small"] >= 0.90, sprintf("%.0f%%", 100 * rps["miss"] / rps["small"]))
    check("100k vs 100 p99 <= 1.5x", p99["miss"] <= 1.5 * p99["small"], sprintf("%.2fx", p99["miss"] / p99["small"]))
    check("no errors or non-2xx", bad == 0, bad)
    check("page weight <= 20 KB", page + css + js <= 20480, page + css + js " B")
    printf "votes: %.0f req/s (the raw-insert baseline is not measured yet)\n", rps["votes"]
  }
  function check(name, ok, value) { printf "%-26s %-8s %s\n", name, value, ok ? "PASS" : "FAIL" }
' <<<"$results"
