#!/bin/bash
# A/B of two published builds on one cached comparison page: wrk -t1 -c32 -d10s each, alternating,
# with the site's CPU time per request (from /proc) beside req/s and p99, which a busy machine blurs less.
#   dotnet publish src/AiCompare.Web -c Release -o /tmp/a   (and the other build into /tmp/b)
#   bench/metrics-ab.sh /tmp/a /tmp/b [rounds]
set -u
a=$1 b=$2 rounds=${3:-3}
page=/compare/mercury-edit-2-vs-smolvlm2
work=$(mktemp -d)
run_one() { # label, folder, port
  local label=$1 dir=$2 port=$3
  env ConnectionStrings__AiCompare="Data Source=$work/$label.db" ASPNETCORE_ENVIRONMENT=Production \
    Newsletter__SchedulerEnabled=false Serilog__MinimumLevel__Default=Warning \
    bash -c 'cd "$0" && exec dotnet AiCompare.Web.dll --urls "$1"' "$dir" "http://127.0.0.1:$port" >"$work/$label.log" 2>&1 &
  local pid=$!
  for _ in $(seq 120); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.5; done
  curl -sf -o /dev/null "http://127.0.0.1:$port$page"
  wrk -t1 -c32 -d3s "http://127.0.0.1:$port$page" >/dev/null
  local t0 out t1
  t0=$(awk '{print $14+$15}' "/proc/$pid/stat")
  out=$(wrk -t1 -c32 -d10s --latency "http://127.0.0.1:$port$page")
  t1=$(awk '{print $14+$15}' "/proc/$pid/stat")
  echo "$out" | awk -v l="$label" -v t0="$t0" -v t1="$t1" -v hz="$(getconf CLK_TCK)" '
    /requests in/ {n=$1} /Requests\/sec/ {rps=$2} $1=="99%" {p99=$2}
    END {printf "%s req/s=%s p99=%s cpu/request=%.1f us\n", l, rps, p99, (t1-t0)/hz*1e6/n}'
  kill "$pid"; wait "$pid" 2>/dev/null
  rm -f "$work/$label.db"*
}
for _ in $(seq "$rounds"); do
  run_one A "$a" 5411
  run_one B "$b" 5412
done
rm -rf "$work"
