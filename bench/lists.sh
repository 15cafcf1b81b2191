#!/usr/bin/env bash
# Long lists (not part of the tests: timings are not tests). Generates a 100-tool and a 100,000-tool
# catalog, runs the site on each with the page cache off (Caching:Pages=false), and for every list page
# (first page, a page from the middle of the list, the count pages) prints its bytes and its median
# uncached time over RUNS requests on both catalogs, with PASS/FAIL against the targets: at most 100 KB
# on the big catalog, and at most 3x the same page's time on the small one.
# Usage: bash bench/lists.sh        RUNS=15 KEEP=/var/tmp/aic-lists PORT=5391 bash bench/lists.sh
set -euo pipefail
shopt -s inherit_errexit
case ${KEEP:-} in ""|/*) ;; *) KEEP=$PWD/$KEEP ;; esac
cd "$(dirname "$0")/.."
RUNS=${RUNS:-15}
PORT=${PORT:-5391}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "bench/lists.sh: RUNS must be a positive whole number (got '$RUNS')" >&2; exit 2; }
for tool in sqlite3 curl; do
  command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 curl >/dev/null; }
done
work=${KEEP:-$(mktemp -d -p "${TMPDIR:-/var/tmp}" aic-lists.XXXXXX)}
mkdir -p "$work"
work=$(cd "$work" && pwd)
trap 'cleanup' EXIT
trap 'exit 143' TERM HUP
trap 'exit 130' INT

echo "Publishing (Release)…" >&2
dotnet publish src/AiCompare.Web -c Release -o "$work/site" >/dev/null
for n in 100 100000; do
  if [ ! -f "$work/catalog-$n.db" ]; then
    rm -f "$work/catalog-$n.tmp.db"*
    ConnectionStrings__AiCompare="Data Source=$work/catalog-$n.tmp.db" dotnet "$work/site/AiCompare.Web.dll" generate --tools "$n" >"$work/generate-$n.log" 2>&1
    mv "$work/catalog-$n.tmp.db" "$work/catalog-$n.db"
  fi
done

# Both sites run at once and each page is requested from them in turn, so that whatever else the
# machine is doing weighs on both catalogs alike.
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [ -n "${KEEP:-}" ] || rm -rf "$work"; }
start_site() { # catalog port
  local url=http://127.0.0.1:$2
  ! curl -s -o /dev/null "$url/" || { echo "port $2 is already in use: stop what listens there first (or set PORT)" >&2; exit 1; }
  env ConnectionStrings__AiCompare="Data Source=$work/catalog-$1.db" ASPNETCORE_ENVIRONMENT=Production \
    Caching__Pages=false Catalog__WarmOnStart=false Newsletter__SchedulerEnabled=false Serilog__MinimumLevel__Default=Warning \
    bash -c 'cd "$0" && exec dotnet AiCompare.Web.dll --urls "$1"' "$work/site" "$url" >"$work/site-$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do
    curl -fs "$url/healthz" >/dev/null && return 0
    kill -0 "$!" 2>/dev/null || break
    sleep 0.5
  done
  echo "site on catalog $1 did not start" >&2; cat "$work/site-$1.log" >&2; exit 1
}

# The largest category, and a cursor halfway down each long list (read straight from the catalog).
routes() { # catalog: prints "name path" lines
  local db=$work/catalog-$1.db cat builder_mid cat_mid
  cat=$(sqlite3 "$db" "SELECT c.Slug FROM CategoryCount n JOIN Category c ON c.Id = n.CategoryId ORDER BY n.Tools DESC, c.Slug LIMIT 1")
  builder_mid=$(sqlite3 "$db" "SELECT r.Score || '-' || r.ToolId FROM Review r JOIN Critic k ON k.Id = r.CriticId WHERE k.Slug = 'builder' AND r.ToolIsPublished = 1 ORDER BY r.Score DESC, r.ToolId DESC LIMIT 1 OFFSET (SELECT SUM(Tools) / 2 FROM CriticCategoryCount n JOIN Critic k ON k.Id = n.CriticId WHERE k.Slug = 'builder')")
  cat_mid=$(sqlite3 "$db" "SELECT t.PanelRank || '-' || t.Id FROM Tool t JOIN Category c ON c.Id = t.CategoryId WHERE c.Slug = '$cat' AND t.IsPublished = 1 ORDER BY t.PanelRank, t.Id LIMIT 1 OFFSET (SELECT n.Tools / 2 FROM CategoryCount n JOIN Category c ON c.Id = n.CategoryId WHERE c.Slug = '$cat')")
  printf '%s\n' "home /" "critics /critics" "categories /categories" "api-critics /api/v1/critics" \
    "critic /critics/builder" "critic-middle /critics/builder?after=$builder_mid" \
    "critic-category /critics/builder?category=$cat" \
    "category /categories/$cat" "category-middle /categories/$cat?after=$cat_mid"
}

median() { sort -g | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]*1000}'; }

start_site 100 "$PORT"
start_site 100000 $((PORT + 1))
echo "Measuring ($RUNS requests a page on each catalog, in turn; median)…" >&2
paste -d' ' <(routes 100) <(routes 100000) | while read -r name small _ big; do
  for _ in 1 2; do # warm: JIT, SQLite's page cache
    curl -s -o /dev/null "http://127.0.0.1:$PORT$small"; curl -s -o /dev/null "http://127.0.0.1:$((PORT + 1))$big"
  done
  : >"$work/t-small"; : >"$work/t-big"
  for _ in $(seq 1 "$RUNS"); do
    read -r ss sb st < <(curl -s -o /dev/null -w '%{http_code} %{size_download} %{time_total}\n' "http://127.0.0.1:$PORT$small")
    read -r bs bb bt < <(curl -s -o /dev/null -w '%{http_code} %{size_download} %{time_total}\n' "http://127.0.0.1:$((PORT + 1))$big")
    echo "$st" >>"$work/t-small"; echo "$bt" >>"$work/t-big"
  done
  echo "$name $sb $(median <"$work/t-small") $ss $bb $(median <"$work/t-big") $bs"
done >"$work/results.txt"

printf '%-16s %10s %9s %10s %9s %7s  %s\n' page "bytes@100" "ms@100" "bytes@100k" "ms@100k" ratio result
while read -r name sb sms sst bb bms bst; do
  ratio=$(awk -v a="$bms" -v b="$sms" 'BEGIN {printf "%.2f", a / b}')
  ok=$(awk -v bytes="$bb" -v r="$ratio" -v s1="$sst" -v s2="$bst" 'BEGIN {print (bytes <= 102400 && r <= 3 && s1 == 200 && s2 == 200) ? "PASS" : "FAIL"}')
  printf '%-16s %10s %9s %10s %9s %6sx  %s\n' "$name" "$sb" "$sms" "$bb" "$bms" "$ratio" "$ok"
done <"$work/results.txt"
