#!/usr/bin/env bash
# Page weight and uncached time of every public route, on a 100-tool and a 100,000-tool catalog (not part
# of the tests: timings are not tests). Publishes the site in Release, generates (or, with KEEP=dir, reuses)
# the two catalogs, starts one site at a time with the page cache off, and for every line of
# bench/pages.routes requests the route once to warm it, then N times, and prints a table: bytes on the 100k
# catalog, the median time on each catalog, their ratio, and PASS/FAIL against the targets:
#   ≤ MAX_KB (100) KB of body on the 100k catalog, and ≤ MAX_RATIO (3) × the 100-tool catalog's time.
# Times under FLOOR_MS (2 ms) count as FLOOR_MS in the ratio: below that the clock measures noise, not work.
# A route that answers 5xx, or 4xx where a page was expected, fails too; a list with no page 2 on the large
# catalog is a SKIP line. Exit code 1 on any FAIL.
# Usage: bash bench/pages.sh      N=9 KEEP=/var/tmp/aic-bench TOOLS=100000 bash bench/pages.sh
# KEEP shares bench/run.sh's catalogs (catalog-100.db, catalog-100000.db) when given the same folder.
set -euo pipefail
shopt -s inherit_errexit
case ${KEEP:-} in ""|/*) ;; *) KEEP=$PWD/$KEEP ;; esac
cd "$(dirname "$0")/.."
N=${N:-5}
TOOLS=${TOOLS:-100000}
MAX_KB=${MAX_KB:-100}
MAX_RATIO=${MAX_RATIO:-3}
FLOOR_MS=${FLOOR_MS:-2}
PORT=${PORT:-5311}
ROUTES=bench/pages.routes
[[ $N =~ ^[1-9][0-9]*$ ]] || { echo "bench/pages.sh: N must be a positive whole number (got '$N')" >&2; exit 2; }
[[ $TOOLS =~ ^[1-9][0-9]*$ ]] || { echo "bench/pages.sh: TOOLS must be a positive whole number (got '$TOOLS')" >&2; exit 2; }
source bench/lib.sh
bench_need sqlite3 curl
bench_workdir aic-pages
site_pid=""
cleanup() { [ -z "$site_pid" ] || kill "$site_pid" 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 143' TERM HUP
trap 'exit 130' INT

bench_publish_site
bench_catalogs 100 "$TOOLS"

start_site() { # catalog: a fresh copy of it, the site in Production with the page cache off
  local db="$work/pages-$1.db"
  bench_port_free "$PORT" "or set PORT"
  cp "$work/catalog-$1.db" "$db"; rm -f "$db-wal" "$db-shm"
  env ConnectionStrings__AiCompare="Data Source=$db" ASPNETCORE_ENVIRONMENT=Production Caching__Pages=false \
    Newsletter__SchedulerEnabled=false Serilog__MinimumLevel__Default=Warning \
    Serilog__MinimumLevel__Override__AiCompare.Web.Pages.Compare.ReadModelWarmer=Information \
    bash -c 'cd "$0" && exec dotnet AiCompare.Web.dll --urls "$1"' "$work/site" "http://127.0.0.1:$PORT" >"$work/pages-$1.log" 2>&1 &
  site_pid=$!
  for _ in $(seq 1 240); do
    if curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null; then
      # The read model warms in the background after start: measured during it, every route pays for it.
      for _ in $(seq 1 600); do
        grep -q 'Read model warm' "$work/pages-$1.log" && return 0
        sleep 0.5
      done
      echo "the read model did not finish warming on the $1-tool catalog; measuring anyway" >&2
      return 0
    fi
    kill -0 "$site_pid" 2>/dev/null || break
    sleep 0.5
  done
  echo "the site on the $1-tool catalog did not start" >&2; cat "$work/pages-$1.log" >&2; exit 1
}

stop_site() {
  kill "$site_pid" 2>/dev/null || true
  while kill -0 "$site_pid" 2>/dev/null; do sleep 0.2; done
  site_pid=""
}

values() { # catalog → "name=value" lines for the placeholders: a tool in the middle of the catalog, and its neighbours
  local db="$work/catalog-$1.db" tool
  tool=$(sqlite3 "$db" "SELECT Slug FROM Tool WHERE IsPublished = 1 ORDER BY Id LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM Tool WHERE IsPublished = 1)")
  echo "tool=$tool"
  sqlite3 "$db" "SELECT 'tool2=' || Slug FROM Tool WHERE IsPublished = 1 AND Slug <> '$tool' AND CategoryId = (SELECT CategoryId FROM Tool WHERE Slug = '$tool') ORDER BY Id LIMIT 1"
  sqlite3 "$db" "SELECT 'category=' || c.Slug FROM Category c JOIN Tool t ON t.CategoryId = c.Id WHERE t.Slug = '$tool'"
  # The first word of its name: a search or type-ahead many tools match.
  sqlite3 "$db" "SELECT 'word=' || lower(CASE WHEN instr(Name, ' ') > 0 THEN substr(Name, 1, instr(Name, ' ') - 1) ELSE Name END) FROM Tool WHERE Slug = '$tool'"
  sqlite3 "$db" "SELECT 'critic=' || Slug FROM Critic ORDER BY SortOrder, Slug LIMIT 1"
}

fill() { # template, values file → the path with its placeholders filled ({pair} is the two tools in canonical order)
  local path=$1 name value a b
  while IFS='=' read -r name value; do path=${path//\{$name\}/$value}; done <"$2"
  a=$(grep '^tool=' "$2" | cut -d= -f2-); b=$(grep '^tool2=' "$2" | cut -d= -f2-)
  if [[ "$a" < "$b" ]]; then path=${path//\{pair\}/$a-vs-$b}; else path=${path//\{pair\}/$b-vs-$a}; fi
  echo "$path"
}

local_path() { # an absolute link (the site's BaseUrl) or a path, HTML-decoded → the path and query
  local link=${1//&amp;/&}
  link=${link#http://*/}; link=${link#https://*/}
  [[ $link == /* ]] || link="/$link"
  echo "$link"
}

next_of() { # path → the path its rel="next" link points to (Link header, then <link>/<a rel="next">), or nothing
  local head body link
  head=$(curl -s -D - -o /dev/null "http://127.0.0.1:$PORT$1")
  link=$(grep -i '^link:' <<<"$head" | grep -o '<[^>]*>; *rel="next"' | head -1 | sed 's/^<\([^>]*\)>.*/\1/' || true)
  if [ -z "$link" ]; then
    body=$(curl -s "http://127.0.0.1:$PORT$1")
    link=$(grep -o '<[^>]*rel="next"[^>]*>' <<<"$body" | head -1 | grep -o 'href="[^"]*"' | head -1 | sed 's/^href="//; s/"$//' || true)
  fi
  [ -z "$link" ] || local_path "$link"
}

largest_sitemap() { # index path → "path bytes count" of the largest file the index lists (each requested once)
  local index file bytes best="" most=-1 count=0
  index=$(curl -s "http://127.0.0.1:$PORT$1")
  while read -r file; do
    [ -n "$file" ] || continue
    count=$((count + 1))
    bytes=$(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: identity' "http://127.0.0.1:$PORT$file")
    if [ "$bytes" -gt "$most" ]; then most=$bytes; best=$file; fi
  done < <(grep -o '<loc>[^<]*</loc>' <<<"$index" | sed 's#</\?loc>##g' | while read -r l; do local_path "$l"; done | grep '^/sitemaps/tools-')
  echo "$best $most $count"
}

timed() { # path → "status bytes median-ms" (one warm-up request, then N)
  local out status bytes
  curl -s -o /dev/null "http://127.0.0.1:$PORT$1" || true
  out=$(for _ in $(seq 1 "$N"); do curl -s -o /dev/null -H 'Accept-Encoding: identity' -w '%{http_code} %{size_download} %{time_total}\n' "http://127.0.0.1:$PORT$1"; done)
  status=$(tail -1 <<<"$out" | cut -d' ' -f1); bytes=$(tail -1 <<<"$out" | cut -d' ' -f2)
  echo "$status $bytes $(awk '{print $3 * 1000}' <<<"$out" | sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')"
}

measure_catalog() { # catalog → one line per routes-file line: "index|pattern|template|path|status|bytes|ms|note"
  local catalog=$1 i=0 pattern target path note status bytes ms found
  values "$catalog" >"$work/values-$catalog"
  start_site "$catalog"
  while read -r pattern target; do
    i=$((i + 1))
    note=""
    case $target in
      -*) continue ;;
      next:*)
        path=$(next_of "$(fill "${target#next:}" "$work/values-$catalog")")
        if [ -z "$path" ] && [ "$catalog" = 100 ]; then
          # A list that fits on one page of the small catalog: page 2 of the large one is timed against its page 1.
          path=$(fill "${target#next:}" "$work/values-$catalog"); note="page 1: no page 2"
        fi
        [ -n "$path" ] || { echo "$i|$pattern|$target|-|-|-|-|no next link"; continue; } ;;
      each:*)
        found=$(largest_sitemap "$(fill "${target#each:}" "$work/values-$catalog")")
        path=${found%% *}; note="largest of $(cut -d' ' -f3 <<<"$found") files"
        [ -n "$path" ] || { echo "$i|$pattern|$target|-|-|-|-|no sitemap files"; continue; } ;;
      *) path=$(fill "$target" "$work/values-$catalog") ;;
    esac
    read -r status bytes ms < <(timed "$path")
    echo "$i|$pattern|$target|$path|$status|$bytes|$ms|$note"
  done < <(grep -v '^[[:space:]]*\(#\|$\)' "$ROUTES")
  stop_site
}

echo "Measuring the 100-tool catalog…" >&2
measure_catalog 100 >"$work/pages-small.txt"
echo "Measuring the $TOOLS-tool catalog…" >&2
measure_catalog "$TOOLS" >"$work/pages-big.txt"

# Expected statuses: 2xx, or 3xx (the picker's redirect); the picker's candidate list (a form error) and the
# newsletter token pages (a made-up token) answer 4xx by design.
fails=0
printf '| route | requested (%s tools) | bytes | ms (100) | ms (%s) | ratio | ≤ %s KB | ≤ %s× |\n' "$TOOLS" "$TOOLS" "$MAX_KB" "$MAX_RATIO"
printf '| --- | --- | ---: | ---: | ---: | ---: | --- | --- |\n'
while IFS='|' read -r i pattern target path status bytes ms note; do
  small=$(awk -F'|' -v i="$i" '$1 == i { print $7 "|" $5 "|" $8 }' "$work/pages-small.txt")
  small_ms=${small%%|*}; small_note=${small##*|}; small=${small%|*}; small_status=${small##*|}
  [ -z "$small_note" ] || note="${note:+$note; }100 tools: $small_note"
  if [ "$path" = - ] || [ "$small_ms" = - ] || [ -z "$small_ms" ]; then
    printf '| `%s` | %s | - | - | - | - | SKIP | SKIP (%s) |\n' "$pattern" "$target" "${note:-not found on the 100-tool catalog}"
    continue
  fi
  ratio=$(awk -v a="$ms" -v b="$small_ms" -v f="$FLOOR_MS" 'BEGIN { if (a < f) a = f; if (b < f) b = f; printf "%.2f", a / b }')
  size_ok=$(awk -v b="$bytes" -v m="$MAX_KB" 'BEGIN { print (b <= m * 1024) ? "PASS" : "FAIL" }')
  time_ok=$(awk -v r="$ratio" -v m="$MAX_RATIO" 'BEGIN { print (r <= m) ? "PASS" : "FAIL" }')
  expected='^[23]'
  case $target in /newsletter/confirm*|/newsletter/unsubscribe*|/compare\?*) expected='^[234]' ;; esac
  if ! [[ $status =~ $expected && $small_status =~ $expected ]]; then size_ok="FAIL (status $small_status/$status)"; fi
  [[ $size_ok == PASS && $time_ok == PASS ]] || fails=$((fails + 1))
  printf '| `%s` | `%s`%s | %s | %s | %s | %s | %s | %s |\n' "$pattern" "$path" "${note:+ ($note)}" "$bytes" "$small_ms" "$ms" "$ratio" "$size_ok" "$time_ok"
done <"$work/pages-big.txt"
echo
echo "N=$N requests per route (median, after one warm-up), page cache off, Release, one site at a time; FLOOR_MS=$FLOOR_MS."
if [ "$fails" -gt 0 ]; then echo "FAIL: $fails route(s) over a target"; exit 1; fi
echo "PASS: every route within ${MAX_KB} KB and ${MAX_RATIO}× the 100-tool time"
