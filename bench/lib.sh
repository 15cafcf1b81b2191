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
