#!/usr/bin/env bash
# PostgreSQL beside SQLite, measured in one run (not part of the tests: timings are not tests). Publishes
# the site in Release, generates (or, with KEEP=dir, reuses bench/run.sh's) 100,000-tool catalog, starts a
# throwaway PostgreSQL cluster from Debian's packages (initdb into a temp folder, as the postgres user when
# run as root, on PG_PORT), copies the catalog into it with the site's own `copy-to` verb, and runs wrk
# (the same settings as bench/run.sh, one server at a time, each run after a warm-up of the same load):
#   sqlite-nc   random pairs on the SQLite catalog, page cache off
#   pg-nc       the same on PostgreSQL (the same catalog, copied)
#   pg-votes    community votes from new voters on the PostgreSQL site, checked against its Vote rows
#   pg-raw      durable single-row inserts of a vote-shaped row into the same cluster, one connection,
#               one transaction each (pgbench, PostgreSQL's own load tool)
#   one-node    the cached comparison page through nginx (TLS, deploy/nginx/aicompare.conf) to one node
#   two-nodes   the same through nginx to two nodes on the same database (round-robin)
# and prints PASS/FAIL for the targets (pg-nc >= 80% of sqlite-nc; pg-votes >= 50% of pg-raw) and INFO for
# two nodes against one (on two cores this shows the cost of a second process, not a gain).
# Usage: bash bench/postgres.sh      DURATION=10s WARMUP=20s CONNECTIONS=32 KEEP=/var/tmp/aic-bench PG_PORT=5320 bash bench/postgres.sh
set -euo pipefail
shopt -s inherit_errexit
case ${KEEP:-} in ""|/*) ;; *) KEEP=$PWD/$KEEP ;; esac
cd "$(dirname "$0")/.."
PG_PORT=${PG_PORT:-5320}
[[ $PG_PORT =~ ^[1-9][0-9]*$ ]] || { echo "bench/postgres.sh: PG_PORT must be a port number (got '$PG_PORT')" >&2; exit 2; }
source bench/lib.sh
bench_check_settings bench/postgres.sh
bench_need wrk sqlite3 curl nginx openssl
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
bench_workdir aic-pgbench
# The cluster's folder is the postgres user's (PostgreSQL refuses to run as root); nginx's is ours.
pgdir=$(mktemp -d -p "${TMPDIR:-/var/tmp}" aic-pg.XXXXXX)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" != 0 ] || chown postgres "$pgdir"
pids=()
pg_pid=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  # Stopped by its process id: SIGINT is PostgreSQL's fast shutdown.
  if [ -n "$pg_pid" ]; then kill -INT "$pg_pid" 2>/dev/null || true; while kill -0 "$pg_pid" 2>/dev/null; do sleep 0.2; done; fi
  rm -rf "$pgdir"
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' TERM HUP
trap 'exit 130' INT

bench_publish_site
bench_catalogs 100000
sqlite3 "$work/catalog-100000.db" "SELECT Slug FROM Tool" > "$work/slugs-100000"
# A copy of the catalog for this script: the SQLite site and copy-to migrate it, the kept one stays as generated.
cp "$work/catalog-100000.db" "$work/pg-source.db"; rm -f "$work/pg-source.db-wal" "$work/pg-source.db-shm"

echo "Starting PostgreSQL ($pgbin) on port $PG_PORT…" >&2
bench_port_free "$PG_PORT" "or set PG_PORT"
as_pg "$pgbin/initdb" -D "$pgdir/data" -U aicompare --auth=trust -E UTF8 --locale=C.UTF-8 >"$pgdir/initdb.log" 2>&1 \
  || { cat "$pgdir/initdb.log" >&2; exit 1; }
as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w \
  -o "-p $PG_PORT -k $pgdir -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null \
  || { cat "$pgdir/server.log" >&2; exit 1; }
pg_pid=$(head -n 1 "$pgdir/data/postmaster.pid")
psql_() { "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U aicompare "$@"; }
psql_ -d postgres -c "CREATE DATABASE aic_bench ENCODING 'UTF8' TEMPLATE template0"
pg="Host=127.0.0.1;Port=$PG_PORT;Username=aicompare;Database=aic_bench"
echo "Copying the 100,000-tool catalog into PostgreSQL (copy-to)…" >&2
ConnectionStrings__AiCompare="Data Source=$work/pg-source.db" dotnet "$work/site/AiCompare.Web.dll" copy-to "$pg" >"$work/copy-to.log" 2>&1 \
  || { echo "copy-to failed; see $work/copy-to.log" >&2; tail -5 "$work/copy-to.log" >&2; exit 1; }
head -c 32 /dev/urandom | base64 > "$work/address-hash.key"

start_site() { # name port connection-string [VAR=value…]: the site in Production, the nodes' shared address-hash key
  bench_start_site "$@" Security__AddressHashKeyFile="$work/address-hash.key"
}
stop_server() { bench_stop_server "$@"; }
measure() { # name, wrk args… → "name rps p99ms non2xx errors" after a warm-up of the same load (none for votes)
  local name=$1; shift
  local out numbers
  [ "$name" = pg-votes ] || wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" "$@" >/dev/null
  out=$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "$@") || { echo "bench/postgres.sh: wrk failed measuring $name" >&2; return 1; }
  numbers=$(bench_wrk_numbers "$name" "$out") || { echo "bench/postgres.sh: see above" >&2; return 1; }
  echo "$name $numbers"
}
results=""
run() { results+="$(measure "$@")"$'\n'; }

echo "Measuring ($WARMUP warm-up, then $DURATION, each)…" >&2
start_site sqlite 5321 "Data Source=$work/pg-source.db" Caching__Pages=false
BENCH_SLUGS="$work/slugs-100000" run sqlite-nc -s bench/random-pair.lua http://127.0.0.1:5321
stop_server "$pid_sqlite"

start_site pg 5322 "$pg" Caching__Pages=false
BENCH_SLUGS="$work/slugs-100000" run pg-nc -s bench/random-pair.lua http://127.0.0.1:5322
votes_before=$(psql_ -d aic_bench -At -c "SELECT count(*) FROM Vote")
BENCH_SLUGS="$work/slugs-100000" run pg-votes -s bench/vote.lua http://127.0.0.1:5322
sleep 1
votes_stored=$(( $(psql_ -d aic_bench -At -c "SELECT count(*) FROM Vote") - votes_before ))
acked=$(curl -fs http://127.0.0.1:5322/metrics | awk 'index($0, "aicompare_votes_recorded_total") == 1 { t += $NF } END { printf "%d", t }')
stop_server "$pid_pg"

# Raw inserts: a table of a vote's shape, one row per transaction, committed durably (synchronous_commit on).
psql_ -d aic_bench -c "CREATE TABLE RawVote (Id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, ToolId BIGINT NOT NULL, VoterId TEXT NOT NULL, AddressHash TEXT NOT NULL, Verdict TEXT NOT NULL, CreatedAt TEXT NOT NULL)"
cat > "$work/raw.sql" <<'SQL'
\set tool random(1, 100000)
INSERT INTO RawVote (ToolId, VoterId, AddressHash, Verdict, CreatedAt) VALUES (:tool, md5(random()::text), repeat('a', 32), 'ship', now()::text);
SQL
raw=$("$pgbin/pgbench" -n -c 1 -j 1 -T "${DURATION%s}" -f "$work/raw.sql" -h 127.0.0.1 -p "$PG_PORT" -U aicompare aic_bench 2>&1 | awk '/^tps = / {print $3}')
[[ $raw =~ ^[0-9.]+$ && $raw != 0* ]] || { echo "bench/postgres.sh: pgbench gave no rate ('$raw')" >&2; exit 1; }
results+="pg-raw $raw 0 0 0 - -"$'\n'

# One node, then two, behind nginx with TLS: the same page, cached, through the proxy.
pair=$(sqlite3 "$work/catalog-100000.db" "SELECT MIN(a.Slug) || '-vs-' || MIN(b.Slug) FROM Tool a JOIN Tool b ON b.CategoryId = a.CategoryId AND b.Slug > a.Slug WHERE a.Slug = (SELECT MIN(Slug) FROM Tool)")
mkdir -p "$work/nginx"
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 -keyout "$work/nginx/key.pem" -out "$work/nginx/cert.pem" >/dev/null 2>&1
nginx_pid=""
start_nginx() { # upstream port…: deploy/nginx/aicompare.conf on 5330 (TLS), one server line per node
  local servers="" p
  for p in "$@"; do servers+="    server 127.0.0.1:$p;"$'\n'; done
  bench_port_free 5330; bench_port_free 5331
  awk -v servers="$servers" -v cert="$work/nginx/cert.pem" -v key="$work/nginx/key.pem" '
    /^    server 127\.0\.0\.1:8080;$/ { printf "%s", servers; next }
    /listen \[::\]/ { next }
    { sub(/listen 80;/, "listen 127.0.0.1:5331;"); sub(/listen 443 ssl http2;/, "listen 127.0.0.1:5330 ssl http2;")
      sub(/\/etc\/letsencrypt\/live\/aicompare.example\/fullchain.pem/, cert); sub(/\/etc\/letsencrypt\/live\/aicompare.example\/privkey.pem/, key); print }' \
    deploy/nginx/aicompare.conf > "$work/nginx/aicompare.conf"
  cat > "$work/nginx/nginx.conf" <<CONF
$([ "$(id -u)" = 0 ] && echo "user root;")
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    include $work/nginx/aicompare.conf;
}
CONF
  nginx -p "$work/nginx/" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
  nginx_pid=$!
  pids+=($nginx_pid)
  for _ in $(seq 1 50); do curl -ks "https://127.0.0.1:5330/healthz" >/dev/null && return 0; sleep 0.2; done
  echo "nginx did not start" >&2; cat "$work/nginx/error.log" >&2; exit 1
}
start_site node1 5323 "$pg" ForwardedHeaders__KnownProxies__0=127.0.0.1
start_nginx 5323
run one-node "https://127.0.0.1:5330/compare/$pair"
start_site node2 5324 "$pg" ForwardedHeaders__KnownProxies__0=127.0.0.1
stop_server "$nginx_pid"
start_nginx 5323 5324
run two-nodes "https://127.0.0.1:5330/compare/$pair"
stop_server "$nginx_pid"
stop_server "$pid_node1"
stop_server "$pid_node2"

printf '%s' "$results" > "$work/pg-results"
awk -v duration="$DURATION" -v conns="$CONNECTIONS" -v acked="$acked" -v stored="$votes_stored" '
  NF == 0 { next }
  { rps[$1] = $2; p99[$1] = $3; bad[$1] = $4 + $5 }
  $1 == "pg-raw" { printf "%-11s %10.0f rows/s  (pgbench: durable single-row inserts, one connection)\n", $1, $2; next }
  { printf "%-11s %10.0f req/s  p99 %7.2f ms  non-2xx %s  errors %s\n", $1, $2, $3, $4, $5 }
  END {
    printf "\nwrk -t1 -c%s -d%s; PostgreSQL votes acknowledged %d, stored %d\n", conns, duration, acked, stored
    check("pg-nc >= 80% of sqlite-nc", rps["pg-nc"] / rps["sqlite-nc"] >= 0.80, pct(rps["pg-nc"] / rps["sqlite-nc"]))
    check("pg-votes >= 50% of pg-raw", rps["pg-votes"] / rps["pg-raw"] >= 0.50, pct(rps["pg-votes"] / rps["pg-raw"]))
    check("pg-votes: acked == stored", acked == stored && acked > 0, acked " / " stored)
    check("pg-nc and pg-votes: no errors", bad["pg-nc"] + bad["pg-votes"] == 0, bad["pg-nc"] + bad["pg-votes"])
    info("two-nodes vs one-node", pct(rps["two-nodes"] / rps["one-node"]))
    info("two-nodes p99 vs one-node", sprintf("%.2fx", p99["two-nodes"] / p99["one-node"]))
  }
  function pct(x) { return sprintf("%.0f%%", 100 * x) }
  function check(name, ok, value) { printf "%-30s %-12s %s\n", name, value, (ok ? "PASS" : "FAIL") }
  function info(name, value) { printf "%-30s %-12s INFO\n", name, value }
' <<<"$results"
