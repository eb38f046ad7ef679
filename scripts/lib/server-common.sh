# shellcheck shell=bash
# Shared by scripts/pg-server.sh and scripts/mariadb-server.sh (sourced): the `start|stop DIR`
# command line, free loopback ports, the server user when run as root, and the pid checks
# that keep a stale pid from stopping someone else's process. The sourcing script defines
# stop_server (stops a server left running in $dir, if any).

server_usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }

# server_parse_args "$@": sets action and dir.
server_parse_args() {
  [[ $# -eq 2 ]] || server_usage
  # shellcheck disable=SC2034  # read by the sourcing script
  action=$1
  dir=$2
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# server_candidate_port: prints a random port in 20000-59999 that nothing listens on now, or
# fails when the one drawn is taken (the caller's retry loop draws again).
server_candidate_port() {
  local port=$((20000 + RANDOM % 40000))
  port_in_use "$port" && return 1
  echo "$port"
}

# server_run_as USER COMMAND…: as USER when run as root (servers refuse to run as root).
server_run_as() {
  local user=$1
  shift
  if [[ $(id -u) -eq 0 ]]; then runuser -u "$user" -- "$@"; else "$@"; fi
}

# server_pid_is_ours PID: a live process whose command line names $dir/data.
server_pid_is_ours() {
  [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$dir/data"
}

# server_prepare_dir USER: makes $dir absolute, stops a server left behind in it, clears the
# previous run's files; as root, gives $dir to USER and lets USER reach it.
server_prepare_dir() {
  local user=$1 d
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  stop_server
  rm -rf "$dir/data" "$dir/env" "$dir/server.log"
  if [[ $(id -u) -eq 0 ]]; then
    chown "$user" "$dir"
    d=$dir
    while [[ "$d" != / ]]; do
      d=$(dirname "$d")
      chmod o+x "$d" 2>/dev/null || true
    done
  fi
}

# server_stop_dir: the stop action: stops the server and removes $dir.
server_stop_dir() {
  [[ -d "$dir" ]] || exit 0
  dir=$(cd "$dir" && pwd)
  stop_server
  rm -rf "$dir"
}

# server_start_failed SCRIPT PRODUCT: reports a server that did not start, with its log's end.
server_start_failed() {
  echo "$1: could not start $2; see $dir/server.log" >&2
  tail -20 "$dir/server.log" >&2 || true
  exit 1
}
