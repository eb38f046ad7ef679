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

# shellcheck source=lib/server-common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/server-common.sh"
server_parse_args "$@"

as_server_user() { server_run_as postgres "$@"; }

stop_server() {
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    local pid
    pid=$(head -1 "$dir/data/postmaster.pid")
    # Only a live postgres of this data directory: a stale pid may now be someone else's.
    if server_pid_is_ours "$pid"; then
      as_server_user "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 ||
        kill -9 "$pid" 2>/dev/null || true
    fi
  fi
}

case "$action" in
  start)
    server_prepare_dir postgres
    pwfile="$dir/pwfile"
    echo "$PG_PASSWORD" >"$pwfile"
    [[ $(id -u) -eq 0 ]] && chown postgres "$pwfile"
    as_server_user "$PG_BIN/initdb" -D "$dir/data" --no-sync -U "$PG_USER" --pwfile="$pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$pwfile"
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
      port=$(server_candidate_port) || continue
      if as_server_user "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
          -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off \
              -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=64MB \
              -c max_connections=50 -c timezone=UTC" start >/dev/null 2>&1; then
        break
      fi
      port=""
    done
    [[ -n "${port:-}" ]] || server_start_failed pg-server PostgreSQL
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
    server_stop_dir
    ;;
  *) server_usage ;;
esac
