#!/usr/bin/env bash
# A throwaway MariaDB server for tests, on a free loopback port.
#
#   scripts/mariadb-server.sh start DIR   installs system tables in DIR/data, starts mariadbd,
#                                         waits until ready; prints the port and writes DIR/env
#                                         (MYSQL_HOST, MYSQL_TCP_PORT, MYSQL_USER, MYSQL_PWD,
#                                         MYSQL_DATABASE, MYSQL_SOCKET). User basin / password
#                                         basin_pw (from any host), database basin.
#   scripts/mariadb-server.sh stop DIR    stops the server and removes DIR.
#
# Run as root, the server runs as the mysql user. A server left behind by a crashed run in
# the same DIR is stopped first. Small InnoDB buffers, no binary log, no flush at commit: the
# data is thrown away anyway.
set -euo pipefail

DB_USER=basin
DB_PASSWORD=basin_pw

# shellcheck source=lib/server-common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/server-common.sh"
server_parse_args "$@"

stop_server() {
  if [[ -f "$dir/mariadbd.pid" ]]; then
    local pid
    pid=$(cat "$dir/mariadbd.pid")
    # Only a live mariadbd of this data directory: a stale pid may now be someone else's.
    if server_pid_is_ours "$pid"; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$dir/mariadbd.pid"
  fi
}

case "$action" in
  start)
    server_prepare_dir mysql
    run_user=()
    [[ $(id -u) -eq 0 ]] && run_user=(--user=mysql)
    mariadb-install-db --no-defaults --datadir="$dir/data" "${run_user[@]}" \
      --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
      >"$dir/install.log" 2>&1 || { cat "$dir/install.log" >&2; exit 1; }
    socket="$dir/mariadbd.sock"
    port=""
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
      candidate=$(server_candidate_port) || continue
      mariadbd --no-defaults --datadir="$dir/data" "${run_user[@]}" --port="$candidate" \
        --bind-address=127.0.0.1 --socket="$socket" --pid-file="$dir/mariadbd.pid" \
        --log-error="$dir/server.log" --skip-name-resolve --skip-log-bin \
        --innodb-buffer-pool-size=32M --innodb-log-file-size=16M \
        --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --sync-binlog=0 \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
        --default-time-zone=+00:00 --max-connections=50 </dev/null >/dev/null 2>&1 &
      server_pid=$!
      for _ in $(seq 1 300); do
        if mariadb-admin --no-defaults --socket="$socket" -uroot ping >/dev/null 2>&1; then
          port=$candidate
          break
        fi
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
      done
      [[ -n "$port" ]] && break
      kill "$server_pid" 2>/dev/null || true
      wait "$server_pid" 2>/dev/null || true
    done
    [[ -n "$port" ]] || server_start_failed mariadb-server MariaDB
    mariadb --no-defaults --socket="$socket" -uroot <<SQL
CREATE DATABASE basin;
CREATE USER '$DB_USER'@'%' IDENTIFIED BY '$DB_PASSWORD';
CREATE USER '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL ON *.* TO '$DB_USER'@'%';
GRANT ALL ON *.* TO '$DB_USER'@'localhost';
SQL
    cat >"$dir/env" <<ENV
MYSQL_HOST=127.0.0.1
MYSQL_TCP_PORT=$port
MYSQL_USER=$DB_USER
MYSQL_PWD=$DB_PASSWORD
MYSQL_DATABASE=basin
MYSQL_SOCKET=$socket
ENV
    echo "$port"
    ;;
  stop)
    server_stop_dir
    ;;
  *) server_usage ;;
esac
