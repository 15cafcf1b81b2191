# Shared by bench/run.sh and bench/pages.sh: sourced from the repository root after the caller has set
# `set -euo pipefail` and read its settings. Not a script of its own.

# Installs the Debian packages that provide the given commands, if any of them is missing.
bench_need() { # command… (each one the name of its Debian package too)
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; return; }
  done
}

# Sets $work: KEEP (kept afterwards, and its catalogs reused), or a new folder on the disk a real
# deployment's database would be on (not tmpfs, so fsync costs what it costs). Absolute: each site runs
# from inside $work/site, where a relative path would name another database.
bench_workdir() { # name prefix for a new folder
  work=${KEEP:-$(mktemp -d -p "${TMPDIR:-/var/tmp}" "$1.XXXXXX")}
  mkdir -p "$work"
  work=$(cd "$work" && pwd)
}

bench_publish_site() {
  echo "Publishing (Release)…" >&2
  dotnet publish src/AiCompare.Web -c Release -o "$work/site" >/dev/null
}

# $work/catalog-N.db for each size, generated with the published site's `generate` verb unless already
# there (KEEP). Generated under another name and renamed once complete, so that an interrupted run never
# leaves a half-filled catalog for the next run to measure.
bench_catalogs() { # size…
  echo "Generating catalogs…" >&2
  local n
  for n in "$@"; do
    [ ! -f "$work/catalog-$n.db" ] || continue
    rm -f "$work/catalog-$n.tmp.db"*
    ConnectionStrings__AiCompare="Data Source=$work/catalog-$n.tmp.db" dotnet "$work/site/AiCompare.Web.dll" generate --tools "$n" >"$work/generate-$n.log" 2>&1 \
      || { echo "generating the $n-tool catalog failed; see $work/generate-$n.log" >&2; tail -5 "$work/generate-$n.log" >&2; exit 1; }
    sqlite3 "$work/catalog-$n.tmp.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
    rm -f "$work/catalog-$n.tmp.db-wal" "$work/catalog-$n.tmp.db-shm"
    mv "$work/catalog-$n.tmp.db" "$work/catalog-$n.db"
  done
}

# Stops the script when something already listens on the port: it would be measured instead.
bench_port_free() { # port [hint]
  ! curl -s -o /dev/null "http://127.0.0.1:$1/" || { echo "port $1 is already in use: stop what listens there first${2:+ ($2)}" >&2; exit 1; }
}

# The wrk settings both load scripts take, defaulted and checked: DURATION and WARMUP in whole seconds (the
# raw-insert baselines run for the same number of seconds), CONNECTIONS a positive whole number.
bench_check_settings() { # script name, for the message
  DURATION=${DURATION:-10s}
  WARMUP=${WARMUP:-20s}
  CONNECTIONS=${CONNECTIONS:-32}
  local setting
  for setting in "DURATION=$DURATION" "WARMUP=$WARMUP"; do
    [[ ${setting#*=} =~ ^[1-9][0-9]*s$ ]] || { echo "$1: ${setting%%=*} must be whole seconds, like 10s (got '${setting#*=}')" >&2; exit 2; }
  done
  [[ $CONNECTIONS =~ ^[1-9][0-9]*$ ]] || { echo "$1: CONNECTIONS must be a positive whole number (got '$CONNECTIONS')" >&2; exit 2; }
}

# wrk's --latency output → "rps p99ms non2xx errors requests sent-votes" (sent-votes: what bench/zipf.lua's
# done() printed, "-" when it posted none). Fails, saying so, when no throughput or latency can be read
# (wrk's output changed, nothing answered): a run is never judged on blanks.
bench_wrk_numbers() { # name, wrk output
  local rps p99 non2xx errors requests sent
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$2")
  p99=$(awk '$1 == "99%" { v=$2; if (v ~ /us$/) { sub(/us$/, "", v); v=v/1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v=v*1000 } print v }' <<<"$2")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$2"); non2xx=${non2xx:-0}
  errors=$(awk '/Socket errors/ {gsub(",", ""); print $4+$6+$8+$10}' <<<"$2"); errors=${errors:-0}
  requests=$(awk '/requests in/ {print $1}' <<<"$2")
  sent=$(awk '/^votes sent:/ {print $3}' <<<"$2"); sent=${sent:--}
  [[ $rps =~ ^[0-9.]+$ && $rps != 0* && $p99 =~ ^[0-9.]+$ ]] || { echo "no result from wrk for $1:" >&2; echo "$2" >&2; return 1; }
  echo "$rps $p99 $non2xx $errors $requests $sent"
}

# Stops one server, waits until it has gone, and forgets it in the caller's `pids` (its pid may be reused).
bench_stop_server() { # pid
  kill "$1" 2>/dev/null || true
  while kill -0 "$1" 2>/dev/null; do sleep 0.2; done
  local running=() p
  for p in "${pids[@]}"; do [ "$p" = "$1" ] || running+=("$p"); done
  pids=("${running[@]}")
}

# Starts the published site ($work/site) in Production on a database, votes uncapped, logs warnings only
# (and the read model's warm-up), and waits until it answers /healthz and its read model is warm: every
# site is measured as it runs once it has settled, not while it loads the catalog (which takes seconds on
# the 100,000-tool catalog, more on PostgreSQL). Its pid goes into the caller's `pids` and into pid_<name>.
bench_start_site() { # name port connection-string [VAR=value…]
  local name=$1 port=$2 cs=$3; shift 3
  bench_port_free "$port"
  env ConnectionStrings__AiCompare="$cs" ASPNETCORE_ENVIRONMENT=Production \
    Newsletter__SchedulerEnabled=false Serilog__MinimumLevel__Default=Warning \
    Serilog__MinimumLevel__Override__AiCompare.Web.Pages.Compare.ReadModelWarmer=Information \
    Votes__PerMinutePerAddress=1000000000 Votes__PerAddressCap=1000000000 "$@" \
    bash -c 'cd "$0" && exec dotnet AiCompare.Web.dll --urls "$1"' "$work/site" "http://127.0.0.1:$port" >"$work/$name.log" 2>&1 &
  pids+=($!)
  eval "pid_$name=$!"
  local pid=$! up=""
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && { up=1; break; }
    kill -0 "$pid" 2>/dev/null || break # exited already: say so now, not after a minute
    sleep 0.5
  done
  [ -n "$up" ] || { echo "site $name on port $port did not start" >&2; cat "$work/$name.log" >&2; exit 1; }
  # "Read model warmed" (or "warm-up stopped", or no warm-up at all with Catalog__WarmOnStart=false).
  case " $* " in *" Catalog__WarmOnStart=false "*) return 0 ;; esac
  for _ in $(seq 1 240); do
    grep -q "Read model warm" "$work/$name.log" && return 0
    sleep 0.5
  done
  echo "site $name on port $port did not warm its read model within 2 minutes" >&2; tail -5 "$work/$name.log" >&2; exit 1
}
