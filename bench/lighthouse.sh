#!/usr/bin/env bash
# Lighthouse (mobile profile: the default) on the home, a comparison and a tool page of the seeded site,
# run against Debian's chromium (not part of the tests: Lighthouse's performance score is a timing).
# Publishes the site in Release, starts it on a fresh database seeded from content/, and prints each
# page's performance, accessibility, best-practices and SEO scores with PASS/FAIL against MIN (98).
# Lighthouse comes from npm, installed into the work folder unless LIGHTHOUSE names one already there.
# Exit code 1 on any FAIL. Usage: bash bench/lighthouse.sh      MIN=95 KEEP=/var/tmp/aic-lh bash bench/lighthouse.sh
set -euo pipefail
shopt -s inherit_errexit
case ${KEEP:-} in ""|/*) ;; *) KEEP=$PWD/$KEEP ;; esac
cd "$(dirname "$0")/.."
MIN=${MIN:-98}
PORT=${PORT:-5331}
PAGES=("/" "/compare/smolvlm2-2b-vs-mistral-medium-3" "/tools/smolvlm2-2b")
[[ $MIN =~ ^[0-9]+$ ]] && [ "$MIN" -le 100 ] || { echo "bench/lighthouse.sh: MIN must be a whole number from 0 to 100 (got '$MIN')" >&2; exit 2; }
source bench/lib.sh
bench_need curl chromium
command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
bench_workdir aic-lighthouse
site_pid=""
cleanup() { [ -z "$site_pid" ] || kill "$site_pid" 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 143' TERM HUP
trap 'exit 130' INT

lighthouse=${LIGHTHOUSE:-$work/lh/node_modules/.bin/lighthouse}
if [ ! -x "$lighthouse" ]; then
  echo "Installing lighthouse (npm)…" >&2
  npm install --prefix "$work/lh" --no-audit --no-fund lighthouse@13 >"$work/npm.log" 2>&1 \
    || { echo "npm install lighthouse failed; see $work/npm.log" >&2; exit 1; }
fi

bench_publish_site
bench_port_free "$PORT" "or set PORT"
rm -f "$work/lighthouse.db"*
env ConnectionStrings__AiCompare="Data Source=$work/lighthouse.db" ASPNETCORE_ENVIRONMENT=Production \
  Newsletter__SchedulerEnabled=false Serilog__MinimumLevel__Default=Warning \
  bash -c 'cd "$0" && exec dotnet AiCompare.Web.dll --urls "$1"' "$work/site" "http://127.0.0.1:$PORT" >"$work/site.log" 2>&1 &
site_pid=$!
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  kill -0 "$site_pid" 2>/dev/null || { echo "the site did not start" >&2; cat "$work/site.log" >&2; exit 1; }
  sleep 0.5
done

failed=0
printf '%-45s %6s %6s %6s %6s\n' page perf a11y bp seo
for page in "${PAGES[@]}"; do
  url="http://127.0.0.1:$PORT$page"
  curl -fs -o /dev/null "$url" || { echo "$page does not answer 200" >&2; exit 1; }
  report="$work/lighthouse-$(echo "$page" | tr -c 'a-z0-9\n' '_').json"
  "$lighthouse" "$url" --quiet --output=json --output-path="$report" --chrome-path=/usr/bin/chromium \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
    --only-categories=performance,accessibility,best-practices,seo >"$work/lighthouse.log" 2>&1 \
    || { echo "lighthouse failed on $page; see $work/lighthouse.log" >&2; tail -5 "$work/lighthouse.log" >&2; exit 1; }
  read -r perf a11y bp seo < <(python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))["categories"]
print(*(round(100 * (c[k]["score"] or 0)) for k in ("performance", "accessibility", "best-practices", "seo")))' "$report")
  # What cost points, beside the scores: each audit below full marks in a scored category.
  lost=$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
ids = {a["id"] for c in r["categories"].values() for a in c["auditRefs"] if a["weight"] > 0}
print(" ".join(sorted(i for i in ids if r["audits"][i]["score"] is not None and r["audits"][i]["score"] < 1)))' "$report")
  verdict=PASS
  for s in "$perf" "$a11y" "$bp" "$seo"; do [ "$s" -ge "$MIN" ] || verdict=FAIL; done
  [ $verdict = PASS ] || failed=1
  printf '%-45s %6s %6s %6s %6s  %s\n' "$page" "$perf" "$a11y" "$bp" "$seo" "$verdict"
  [ -z "$lost" ] || echo "    below full marks: $lost"
done
echo "reports: $work/lighthouse-*.json (kept only with KEEP)"
exit $failed
