#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for tests, on a free loopback port.
#
#   scripts/pg-server.sh start DIR   initdb in DIR/data, start, wait until ready; prints the port
#                                    and writes DIR/env (PGHOST, PGPORT, PGUSER, PGPASSWORD,
#                                    PGDATABASE) for `source`. User basin / password basin_pw
#                                    (scram-sha-256 over TCP), database basin.
#   scripts/pg-server.sh stop DIR    stops the server and removes DIR.
#
# Run as root, the server runs as the postgres user (PostgreSQL refuses root). A server left
# behind by a crashed run in the same DIR is stopped first. Durability is off (fsync,
# synchronous_commit, full_page_writes): the data is thrown away anyway.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_USER=basin
PG_PASSWORD=basin_pw

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
action=$1
dir=$2

as_server_user() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

stop_server() {
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    local pid
    pid=$(head -1 "$dir/data/postmaster.pid")
    # Only a live postgres of this data directory: a stale pid may now be someone else's.
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null &&
        tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$dir/data"; then
      as_server_user "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 ||
        kill -9 "$pid" 2>/dev/null || true
    fi
  fi
}

case "$action" in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    stop_server
    rm -rf "$dir/data" "$dir/env" "$dir/server.log"
    if [[ $(id -u) -eq 0 ]]; then
      chown postgres "$dir"
      # The server user must be able to reach DIR.
      d=$dir
      while [[ "$d" != / ]]; do
        d=$(dirname "$d")
        chmod o+x "$d" 2>/dev/null || true
      done
    fi
    pwfile="$dir/pwfile"
    echo "$PG_PASSWORD" >"$pwfile"
    [[ $(id -u) -eq 0 ]] && chown postgres "$pwfile"
    as_server_user "$PG_BIN/initdb" -D "$dir/data" --no-sync -U "$PG_USER" --pwfile="$pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$pwfile"
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
      port=$((20000 + RANDOM % 40000))
      port_in_use "$port" && continue
      if as_server_user "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
          -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off \
              -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=64MB \
              -c max_connections=50 -c timezone=UTC" start >/dev/null 2>&1; then
        break
      fi
      port=""
    done
    if [[ -z "${port:-}" ]]; then
      echo "pg-server: could not start PostgreSQL; see $dir/server.log" >&2
      tail -20 "$dir/server.log" >&2 || true
      exit 1
    fi
    as_server_user "$PG_BIN/psql" -h "$dir" -p "$port" -U "$PG_USER" -d postgres -qAt \
      -c "CREATE DATABASE basin" >/dev/null
    cat >"$dir/env" <<ENV
PGHOST=127.0.0.1
PGPORT=$port
PGUSER=$PG_USER
PGPASSWORD=$PG_PASSWORD
PGDATABASE=basin
ENV
    echo "$port"
    ;;
  stop)
    [[ -d "$dir" ]] || exit 0
    dir=$(cd "$dir" && pwd)
    stop_server
    rm -rf "$dir"
    ;;
  *) usage ;;
esac
