#!/usr/bin/env bash
# Load benchmark (not part of the tests: timings are not tests). Publishes the site and bench/Baseline
# in Release, generates a 100-tool and a 100,000-tool catalog, and runs wrk with the same settings
# against each of these in turn (one server running at a time; ROUNDS=N repeats the set, median judged):
#   B            bench/Baseline serving the captured bytes of a comparison page from memory
#   B-zipf       the same server answering bench/zipf.lua's requests (it sends its page for any path): the
#                Zipf runs' denominator, so that their ratios compare servers under the same client script
#   cached       that comparison page from the site (page cache hit)
#   outputcache  that page from the same site with Caching:Store=OutputCache (ASP.NET Core's OutputCache
#                holds the pages instead of the page cache): a recorded comparison with cached, not a target
#   miss         random pairs on the 100k catalog, each never requested before (rendered, cache on)
#   big-nc       random pairs, 100k catalog, page cache off (Caching:Pages=false)
#   small-nc     random pairs, 100-tool catalog, page cache off (for the 100 vs 100k ratio)
#   votes        community votes from new voters, checked against the database afterwards
#   zipf         Zipf-popular pairs (s = 1.1 over the tools, bench/zipf.lua) on a 100k site that has served
#                only that traffic (a fresh copy of the catalog, warmed with the same load), page cache on
#   zipf-after   the same requests on the 100k site that served miss, cached and votes first: not judged
#   zipf-nc      the zipf requests on the 100k site with the page cache off: what the cache adds under them
#   zipf-hot     the zipf script over 50 of the 100k site's tools (1,225 pairs, all held after the warm-up):
#                the cache-hit path under the Zipf client, beside B-zipf
#   zipf-votes   on the zipf site, after zipf: 1% of requests being form-posted votes on Zipf-popular tools; the votes
#                the site acknowledged (its aicompare_votes_recorded_total on /metrics) are checked
#                against the Vote rows added, and against the votes wrk sent
#   raw          durable single-row SQLite inserts (bench/Baseline insert), same disk, same settings
# and prints throughput, p99, errors, memory, page weight, a PASS/FAIL line per target, and INFO lines
# for outputcache beside cached (with a warning when its answers were not OutputCache hits).
# Usage: bash bench/run.sh      DURATION=10s WARMUP=20s CONNECTIONS=32 ROUNDS=3 KEEP=/tmp/aic-bench bash bench/run.sh
# Then bench/pages.sh on the same catalogs (every public route, 100 vs 100,000 tools); PAGES=0 skips it.
# Then bench/postgres.sh on the same 100,000-tool catalog (PostgreSQL beside SQLite); POSTGRES=0 skips it.
set -euo pipefail
# A command substitution inherits `set -e`, so a failure inside one stops the script rather than
# recording blanks. (Assignments like `raw=$(…)` stop it anyway; this also covers nested ones.)
shopt -s inherit_errexit
# KEEP is taken relative to where the script was started, before moving to the repository root.
case ${KEEP:-} in ""|/*) ;; *) KEEP=$PWD/$KEEP ;; esac
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-1}
[[ $ROUNDS =~ ^[1-9]$ ]] || { echo "bench/run.sh: ROUNDS must be a whole number from 1 to 9 (got '$ROUNDS')" >&2; exit 2; }
source bench/lib.sh
bench_check_settings bench/run.sh
bench_need wrk sqlite3 curl
bench_workdir aic-bench
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [ -n "${KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT
# Stopped by a signal (timeout, a cancelled job), exit normally so that the servers are stopped too.
trap 'exit 143' TERM HUP
trap 'exit 130' INT

bench_publish_site
dotnet publish bench/Baseline -c Release -o "$work/baseline" >/dev/null
bench_catalogs 100 100000
for n in 100 100000; do sqlite3 "$work/catalog-$n.db" "SELECT Slug FROM Tool" > "$work/slugs-$n"; done
head -n 50 "$work/slugs-100000" > "$work/slugs-hot"

start_site() { # name catalog port [VAR=value…]: a fresh copy of the catalog, the site in Production
  local name=$1 catalog=$2 port=$3; shift 3
  cp "$work/catalog-$catalog.db" "$work/$name.db"; rm -f "$work/$name.db-wal" "$work/$name.db-shm"
  bench_start_site "$name" "$port" "Data Source=$work/$name.db" "$@"
}

# Only the server being measured runs: an idle .NET process still wakes its thread-pool workers
# hundreds of times a second (timers, then spin-waiting), and on 2 shared cores that showed up as a
# p99 tail on whichever server was being measured. One site per machine is also how it is deployed.
stop_server() { bench_stop_server "$@"; }

start_baseline() { # the captured page, served by bench/Baseline on port 5304
  bench_port_free 5304
  dotnet "$work/baseline/Baseline.dll" "$work/page.html" --urls http://127.0.0.1:5304 >"$work/baseline.log" 2>&1 &
  pids+=($!)
  pid_baseline=$!
  for _ in $(seq 1 60); do
    curl -fs http://127.0.0.1:5304/ >/dev/null && return 0
    kill -0 "$pid_baseline" 2>/dev/null || break
    sleep 0.5
  done
  echo "bench/Baseline did not start" >&2; cat "$work/baseline.log" >&2; exit 1
}

# Each run is preceded by WARMUP of the same load on the same server (JIT tiers, the read model,
# SQLite's page cache, the garbage collector settling after the previous run), then measured.
# NOWARM=1 measures without a warm-up (votes, and a run warmed up by a separate `warm`).
measure() { # name, wrk args… → "name rps p99ms non2xx errors requests sent-votes" (warms up first, except votes)
  local name=$1; shift
  local out
  [ "$name" = votes ] || [ -n "${NOWARM:-}" ] || warm "$name" "$@"
  out=$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "$@") || { echo "bench/run.sh: wrk failed measuring $name" >&2; return 1; }
  local numbers
  numbers=$(bench_wrk_numbers "$name" "$out") || { echo "bench/run.sh: see above" >&2; return 1; }
  echo "$name $numbers"
}
warm() { # name, wrk args…: WARMUP of the same load, not measured
  local name=$1; shift
  wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" "$@" >/dev/null || { echo "bench/run.sh: wrk failed warming up $name" >&2; return 1; }
}

for port in 5301 5302 5303 5304 5305 5306; do bench_port_free "$port"; done
echo "Measuring ($ROUNDS round(s); $WARMUP warm-up, then $DURATION, each)…" >&2
# The page B serves is the one the site renders for this pair, captured from a fresh 100k site.
pair=$(sqlite3 "$work/catalog-100000.db" "SELECT MIN(a.Slug) || '-vs-' || MIN(b.Slug) FROM Tool a JOIN Tool b ON b.CategoryId = a.CategoryId AND b.Slug > a.Slug WHERE a.Slug = (SELECT MIN(Slug) FROM Tool)")
url="/compare/$pair"
results=""
record() { results+="$1"$'\n'; } # "round name values…"
header() { # name, response head from curl -D → that header's value, "-" when absent (name "status": the status code)
  awk -v name="$1" 'BEGIN { name = tolower(name) } { sub(/\r$/, "") }
    NR == 1 && name == "status" && $1 ~ /^HTTP\// { print $2; found = 1; exit }
    (c = index($0, ":")) && tolower(substr($0, 1, c - 1)) == name { v = substr($0, c + 1); sub(/^[ \t]+/, "", v); print v; found = 1; exit }
    END { if (!found) print "-" }' <<<"$2"
}
# Whether the comparison page comes from a cache, and from which: it is asked for twice, 2 s apart,
# with only the headers wrk sends (no User-Agent, Accept or Accept-Encoding). A hit carries Age, from
# either cache. OutputCache also replays the headers it stored with the entry, Date included (set when
# the entry was made), whereas the page cache stores no Date and its hits get the current one: the
# same Date on both answers, 2 s apart, is a stored copy. (Kestrel's Date can lag by up to a second,
# hence 2 s.) The page cache's own answers are probed the same way, as the control.
probe() { # name port → records "round probe name status age same-date" for the second answer
  local first second status age same=0
  first=$(curl -s -o /dev/null -D - -H 'User-Agent:' -H 'Accept:' "http://127.0.0.1:$2$url" || true)
  sleep 2
  second=$(curl -s -o /dev/null -D - -H 'User-Agent:' -H 'Accept:' "http://127.0.0.1:$2$url" || true)
  status=$(header status "$second"); age=$(header age "$second")
  if [ "$(header date "$second")" != - ] && [ "$(header date "$second")" = "$(header date "$first")" ]; then same=1; fi
  [[ $status == 200 && $age != - ]] || echo "bench/run.sh: warning: $1 (port $2) gave no cache hit for $url in round $round (second answer: status $status, Age ${age/#-/none})" >&2
  record "$round probe $1 $status $age $same"
}
# Counters from a site's /metrics (answered on this machine): the votes it acknowledged as stored, the page cache's hits and misses.
counters() { # port name… → each named counter's total on the site's /metrics so far, space-separated, in order
  local port=$1 metrics; shift
  metrics=$(curl -fs "http://127.0.0.1:$port/metrics") || { echo "bench/run.sh: no /metrics on port $port" >&2; return 1; }
  awk -v names="$*" 'BEGIN { n = split(names, name, " ") }
    { for (i = 1; i <= n; i++) if (index($0, name[i] "{") == 1 || index($0, name[i] " ") == 1) total[i] += $NF }
    END { for (i = 1; i <= n; i++) printf "%d%s", total[i], (i < n ? " " : "\n") }' <<<"$metrics"
}
run() { # name, wrk args…: one measured run, recorded for this round (a failed run stops the script)
  local line
  line=$(measure "$@")
  record "$round $line"
}
for round in $(seq 1 "$ROUNDS"); do
  start_site big 100000 5301
  [ "$round" -gt 1 ] || curl -fs "http://127.0.0.1:5301$url" -o "$work/page.html" \
    || { echo "bench/run.sh: the site did not serve $url; see $work/big.log" >&2; exit 1; }
  votes_before=$(sqlite3 "$work/big.db" "SELECT COUNT(*) FROM Vote")
  probe cached 5301
  # Misses first, so the cached page is then served by a site whose cache is full and heap is large.
  BENCH_SLUGS="$work/slugs-100000" run miss -s bench/random-pair.lua http://127.0.0.1:5301
  run cached "http://127.0.0.1:5301$url"
  BENCH_SLUGS="$work/slugs-100000" run votes -s bench/vote.lua http://127.0.0.1:5301
  # Counted in an assignment of its own, so that a failed count stops the script instead of reading as 0 stored.
  votes_after=$(sqlite3 "$work/big.db" "SELECT COUNT(*) FROM Vote")
  record "$round stored $(( votes_after - votes_before ))"
  # Zipf traffic on the site that has served every load above (random misses first, which no real
  # traffic looks like): recorded beside zipf, not judged, so that each run shows whether what a site
  # served before changes how it serves this traffic (docs/performance.md, "Issue 19, ninth session").
  BENCH_SLUGS="$work/slugs-100000" run zipf-after -s bench/zipf.lua http://127.0.0.1:5301
  record "$round rss $(( $(awk '/VmHWM/ {print $2}' "/proc/$pid_big/status") / 1024 ))"
  # After the peak RSS is read: the hot pairs are a handful of pages more, and not part of the Zipf targets.
  BENCH_SLUGS="$work/slugs-hot" run zipf-hot -s bench/zipf.lua http://127.0.0.1:5301
  if [ "$round" -eq 1 ]; then
    page_bytes=$(curl -fs -H 'Accept-Encoding: br' "http://127.0.0.1:5301$url" | wc -c)
    css_bytes=$(curl -fs -H 'Accept-Encoding: br' "http://127.0.0.1:5301/css/site.css" | wc -c)
    js_bytes=$(curl -fs -H 'Accept-Encoding: br' "http://127.0.0.1:5301/js/site.js" | wc -c)
  fi
  stop_server "$pid_big"

  # The Zipf targets on a 100k site whose traffic has been Zipf-popular from its start, as a deployed
  # site's is: readers first, then readers with votes among them.
  # Warmed up separately, so that the page cache's hits and misses are counted over the measured run only.
  start_site zipf 100000 5306
  BENCH_SLUGS="$work/slugs-100000" warm zipf -s bench/zipf.lua http://127.0.0.1:5306
  cache_before=$(counters 5306 aicompare_page_cache_hits_total aicompare_page_cache_misses_total)
  BENCH_SLUGS="$work/slugs-100000" NOWARM=1 run zipf -s bench/zipf.lua http://127.0.0.1:5306
  cache_after=$(counters 5306 aicompare_page_cache_hits_total aicompare_page_cache_misses_total)
  record "$round zipf-cache $cache_before $cache_after"
  # Warmed up separately, so that the Vote rows are counted between the warm-up's votes and the measured ones.
  BENCH_SLUGS="$work/slugs-100000" BENCH_VOTE_SHARE=0.01 warm zipf-votes -s bench/zipf.lua http://127.0.0.1:5306
  sleep 1 # the warm-up's last votes, in flight when wrk stopped, are committed before the count
  zipf_before=$(sqlite3 "$work/zipf.db" "SELECT COUNT(*) FROM Vote")
  acked_before=$(counters 5306 aicompare_votes_recorded_total)
  BENCH_SLUGS="$work/slugs-100000" BENCH_VOTE_SHARE=0.01 NOWARM=1 run zipf-votes -s bench/zipf.lua http://127.0.0.1:5306
  sleep 1
  zipf_after=$(sqlite3 "$work/zipf.db" "SELECT COUNT(*) FROM Vote")
  acked_after=$(counters 5306 aicompare_votes_recorded_total)
  record "$round zipf-stored $(( zipf_after - zipf_before ))"
  record "$round zipf-acked $(( acked_after - acked_before ))"
  record "$round rss $(( $(awk '/VmHWM/ {print $2}' "/proc/$pid_zipf/status") / 1024 ))"
  stop_server "$pid_zipf"

  start_baseline
  run B "http://127.0.0.1:5304/"
  # B under the Zipf runs' own requests. wrk runs on the cores the servers use, and bench/zipf.lua's draws
  # cost it more per request than the plain request B gets: judged against plain B, a Zipf run would pay
  # for its client as well as its server (docs/performance.md, "The Zipf runs' denominator").
  BENCH_SLUGS="$work/slugs-100000" run B-zipf -s bench/zipf.lua http://127.0.0.1:5304
  stop_server "$pid_baseline"
  # The server `cached` is measured on, with ASP.NET Core's OutputCache holding the public pages
  # instead of the page cache, and prepared the same way: the probe, the same misses first (run as
  # `miss` is, not recorded: they fill the cache and grow the heap), then the same request and settings.
  start_site outputcache 100000 5305 Caching__Store=OutputCache
  probe outputcache 5305
  BENCH_SLUGS="$work/slugs-100000" measure outputcache-misses -s bench/random-pair.lua http://127.0.0.1:5305 >/dev/null
  run outputcache "http://127.0.0.1:5305$url"
  stop_server "$pid_outputcache"
  start_site bignc 100000 5302 Caching__Pages=false
  BENCH_SLUGS="$work/slugs-100000" run big-nc -s bench/random-pair.lua http://127.0.0.1:5302
  BENCH_SLUGS="$work/slugs-100000" run zipf-nc -s bench/zipf.lua http://127.0.0.1:5302
  stop_server "$pid_bignc"
  start_site smallnc 100 5303 Caching__Pages=false
  BENCH_SLUGS="$work/slugs-100" run small-nc -s bench/random-pair.lua http://127.0.0.1:5303
  stop_server "$pid_smallnc"
  rm -f "$work/raw.db"*
  raw=$(dotnet "$work/baseline/Baseline.dll" insert "$work/raw.db" "${DURATION%s}")
  [[ $raw =~ ^[0-9.]+$ && $raw != 0* ]] || { echo "bench/run.sh: the raw insert baseline gave no rate ('$raw')" >&2; exit 1; }
  record "$round raw $raw"
done
# Anything the page would load (scripts, styles, images, frames) from a host other than this site.
foreign=$(grep -Eo '<(script|link|img|iframe|source|video|audio)[^>]*(src|href)="(https?:)?//[^"]*' "$work/page.html" | grep -vc '//127\.0\.0\.1:5301' || true)

printf '%s' "$results" > "$work/results" # kept with KEEP, for a look afterwards
# Each ratio is taken within a round (the servers measured one after another, same settings), and a
# target is judged on the median of the rounds' ratios; every round's value is printed beside it.
awk -v page="$page_bytes" -v css="$css_bytes" -v js="$js_bytes" -v duration="$DURATION" -v conns="$CONNECTIONS" \
    -v foreign="$foreign" '
  NF == 0 { next }
  { r = $1; n = $2; if (r > rounds) rounds = r }
  n == "stored" { stored += $3; next }
  n == "zipf-stored" { zstored += $3; next }
  n == "zipf-acked" { zacked += $3; next }
  n == "rss" { if ($3 > rss) rss = $3; next }
  n == "zipf-cache" { zhits += $5 - $3; zmisses += $6 - $4; next }
  n == "probe" { probe_status[r, $3] = $4; probe_age[r, $3] = $5; probe_same[r, $3] = $6; next }
  n == "raw" { rps[r, "raw"] = $3; printf "round %d  %-11s %10.0f rows/s  (durable single-row inserts, WAL, synchronous=FULL)\n", r, n, $3; next }
  { rps[r, n] = $3; p99[r, n] = $4
    # outputcache is a comparison, not a target: its errors are reported beside it, not judged.
    if (n == "outputcache") ocbad += $5 + $6; else allbad += $5 + $6
    if (n == "votes") acked += $7 - $5 - $6
    if (n == "zipf-votes") { zsent += $8; zbad += $5 + $6 }
    printf "round %d  %-11s %10.0f req/s   p99 %8.2f ms   non-2xx %s   errors %s\n", r, n, $3, $4, $5, $6 }
  END {
    printf "\nwrk -t1 -c%s -d%s, %d round(s); votes acknowledged %d, stored %d; zipf-votes acknowledged %d, stored %d; 100k site peak RSS %d MB\n", conns, duration, rounds, acked, stored, zacked, zstored, rss
    printf "comparison page + CSS + JS, Brotli: %d bytes\n\n", page + css + js
    m = ratio("cached", "B", "rps"); check("cached >= 95% of B", m >= 0.95, pct(m))
    m = ratio("cached", "B", "p99"); check("cached p99 <= 1.5x B", m <= 1.5, times(m))
    m = ratio("miss", "B", "rps"); check("miss >= 35% of B", m >= 0.35, pct(m))
    m = ratio("big-nc", "small-nc", "rps"); check("100k vs 100 >= 90%", m >= 0.90, pct(m))
    m = ratio("big-nc", "small-nc", "p99"); check("100k vs 100 p99 <= 1.5x", m <= 1.5, times(m))
    m = ratio("votes", "raw", "rps"); check("votes >= 50% of raw", m >= 0.5, pct(m))
    # The Zipf runs against B answering the same wrk script (B-zipf, above).
    m = ratio("zipf", "B-zipf", "rps"); check("zipf >= 80% of B-zipf", m >= 0.80, pct(m))
    m = ratio("zipf", "B-zipf", "p99"); check("zipf p99 <= 2x B-zipf", m <= 2, times(m))
    m = ratio("zipf-votes", "B-zipf", "rps"); check("zipf-votes >= 70% B-zipf", m >= 0.70, pct(m))
    m = ratio("zipf-votes", "B-zipf", "p99"); check("zipf-votes p99<=3x B-zipf", m <= 3, times(m))
    list = ""
    check("every acked vote stored", stored >= acked && stored <= acked + conns * rounds, sprintf("%d/%d", stored, acked))
    # Acknowledged is what the site counted as committed and answered; the count of requests wrk made is an
    # upper bound (a request made as wrk stopped may never have been sent).
    check("zipf-votes: acked stored", zacked > 0 && zstored == zacked && zacked <= zsent, sprintf("%d stored/%d acked/%d sent", zstored, zacked, zsent))
    check("zipf-votes: no errors", zbad == 0, zbad)
    check("100k peak RSS <= 512 MB", rss <= 512, rss " MB")
    check("no errors or non-2xx", allbad == 0, allbad)
    check("page weight <= 20 KB", page + css + js <= 20480, page + css + js " B")
    check("no other hosts loaded", foreign == 0, foreign)
    # The same Zipf ratios against plain B, and what the Zipf script costs B: recorded, not judged.
    printf "\nThe Zipf runs against plain B (wrk'"'"'s plain request, no script); not judged:\n"
    m = ratio("zipf", "B", "rps"); info("zipf vs B", pct(m))
    m = ratio("zipf", "B", "p99"); info("zipf p99 vs B", times(m))
    m = ratio("zipf-votes", "B", "rps"); info("zipf-votes vs B", pct(m))
    m = ratio("zipf-votes", "B", "p99"); info("zipf-votes p99 vs B", times(m))
    m = ratio("B-zipf", "B", "rps"); info("B-zipf vs B", pct(m))
    # Where the Zipf runs stand: the hit share, what the cache adds, and the hit path under the same client.
    printf "\nThe Zipf runs taken apart; not judged:\n"
    list = ""; info("zipf page-cache hits", zhits + zmisses > 0 ? pct(zhits / (zhits + zmisses)) : "-")
    m = ratio("zipf", "zipf-nc", "rps"); info("zipf vs zipf-nc", pct(m))
    m = ratio("zipf-nc", "B-zipf", "rps"); info("zipf-nc vs B-zipf", pct(m))
    m = ratio("zipf-hot", "B-zipf", "rps"); info("zipf-hot vs B-zipf", pct(m))
    m = ratio("zipf-hot", "B-zipf", "p99"); info("zipf-hot p99 vs B-zipf", times(m))
    m = ratio("zipf-after", "B-zipf", "rps"); info("zipf-after vs B-zipf", pct(m))
    m = ratio("zipf-after", "zipf", "rps"); info("zipf-after vs zipf", pct(m))
    # ASP.NET Core'"'"'s OutputCache beside the page cache: recorded, never judged (INFO, never FAIL).
    printf "\nOutputCache (Caching:Store=OutputCache) beside the page cache, same page and request; not a target:\n"
    ob = ratio("outputcache", "B", "rps"); info("outputcache vs B", pct(ob))
    obp = ratio("outputcache", "B", "p99"); info("outputcache p99 vs B", times(obp))
    m = ratio("outputcache", "cached", "rps"); info("outputcache vs cached", pct(m))
    m = ratio("outputcache", "cached", "p99"); info("outputcache p99 vs cached", times(m))
    cb = ratio("cached", "B", "rps"); cbp = ratio("cached", "B", "p99")
    printf "INFO  outputcache: %s of B (p99 %s B); page cache: %s of B (p99 %s B)%s\n", pct(ob), times(obp), pct(cb), times(cbp),
      (rounds > 1 ? sprintf("   (medians of %d rounds)", rounds) : "")
    # Each round, the second of two requests for the page 2 s apart (see probe): a hit carries Age; an
    # OutputCache hit also carries the Date stored with the entry, where the page cache'"'"'s (the control,
    # probed on the cached server) carries a fresh one.
    nohit = fresh = unsure = ""
    for (i = 1; i <= rounds; i++) {
      if (probe_status[i, "outputcache"] != 200 || probe_age[i, "outputcache"] == "-")
        nohit = nohit (nohit == "" ? "" : "; ") sprintf("round %d: status %s, %s", i, probe_status[i, "outputcache"], probe_age[i, "outputcache"] == "-" ? "no Age" : "Age " probe_age[i, "outputcache"])
      else if (!probe_same[i, "outputcache"]) fresh = fresh " " i
      else if (probe_age[i, "cached"] == "-" || probe_same[i, "cached"]) unsure = unsure " " i
    }
    if (nohit != "") printf "WARNING: the outputcache numbers are NOT cache hits: the second request for the page got no hit (%s). Is Caching:Store=OutputCache honoured, and does OutputCache'"'"'s policy let this page in (200, no Set-Cookie)?\n", nohit
    if (fresh != "") printf "WARNING: the outputcache numbers look like the page cache'"'"'s hits, not OutputCache'"'"'s (round(s)%s): the hit had Age but a fresh Date, where OutputCache replays the Date it stored. Is the page cache out of the way with Caching:Store=OutputCache?\n", fresh
    if (unsure != "") printf "NOTE: outputcache answered with cache hits (Age) in round(s)%s, but which cache served them cannot be told: the page cache'"'"'s own probe in that round did not show a hit with a fresh Date\n", unsure
    if ((nohit fresh unsure) == "") printf "INFO  outputcache answers were OutputCache hits in every round (Age on the second request, the stored Date replayed)\n"
    if (ocbad > 0) printf "WARNING: outputcache had %d non-2xx answers or socket errors (see its rows)\n", ocbad
  }
  # The median over rounds of num/den (throughput or p99); each round'"'"'s value goes into list.
  function ratio(num, den, kind,   i, j, t, v) {
    list = ""
    for (i = 1; i <= rounds; i++) {
      v[i] = kind == "rps" ? rps[i, num] / rps[i, den] : p99[i, num] / p99[i, den]
      list = list (i > 1 ? " " : "") (kind == "rps" ? pct(v[i]) : times(v[i]))
    }
    for (i = 2; i <= rounds; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
    return rounds % 2 ? v[(rounds + 1) / 2] : (v[rounds / 2] + v[rounds / 2 + 1]) / 2
  }
  function pct(x) { return sprintf("%.0f%%", 100 * x) }
  function times(x) { return sprintf("%.2fx", x) }
  function check(name, ok, value) {
    printf "%-26s %-12s %s%s\n", name, value, (ok ? "PASS" : "FAIL"), (rounds > 1 && list != "" ? "   (rounds: " list ")" : "")
  }
  function info(name, value) { # a recorded value, not judged (the median, each round'"'"'s beside it)
    printf "%-26s %-12s %s%s\n", name, value, "INFO", (rounds > 1 && list != "" ? "   (rounds: " list ")" : "")
  }
' <<<"$results"

# Every public route on the two catalogs this run generated (bench/pages.sh: weight ≤ 100 KB and uncached
# time ≤ 3× the 100-tool catalog's), unless PAGES=0. Its own PASS/FAIL lines and table follow the ones above.
if [ "${PAGES:-1}" != 0 ]; then
  echo
  echo "Every public route, 100 vs 100,000 tools, page cache off (bench/pages.sh):"
  KEEP="$work" bash bench/pages.sh || echo "bench/pages.sh: at least one route FAILED (see its table above)"
fi

# PostgreSQL beside SQLite (bench/postgres.sh: uncached random pairs, votes against raw inserts, two nodes
# behind nginx against one), on this run's 100,000-tool catalog, unless POSTGRES=0.
if [ "${POSTGRES:-1}" != 0 ]; then
  echo
  echo "PostgreSQL beside SQLite (bench/postgres.sh):"
  KEEP="$work" DURATION="$DURATION" WARMUP="$WARMUP" CONNECTIONS="$CONNECTIONS" bash bench/postgres.sh || echo "bench/postgres.sh: FAILED (see above)"
fi
