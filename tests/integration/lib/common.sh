# shellcheck shell=bash
# Shared by the integration scripts (sourced after `set -euo pipefail`; not a test itself, the
# integration glob takes tests/integration/*.sh only).
#
# Sourcing it makes $work, a temporary folder removed at exit after the cleanups registered
# with it_on_exit (run last first), so a script keeps no trap of its own.

it_cleanups=()
it_on_exit() { it_cleanups+=("$1"); }
# shellcheck disable=SC2317  # run by the EXIT trap
it_exit() {
  local i
  for ((i = ${#it_cleanups[@]} - 1; i >= 0; i--)); do eval "${it_cleanups[i]}" || true; done
  rm -rf "$work"
}
work="$(mktemp -d)"
trap it_exit EXIT

# it_home [DIR]: $home (default $work/home, created by Basin on first use) and basin(), the
# CLI with that home.
# shellcheck disable=SC2120  # DIR is optional
it_home() {
  home="${1:-$work/home}"
  # shellcheck disable=SC2317  # called by the sourcing script
  basin() { "$BASIN" --home "$home" "$@"; }
}

# check_json EXPR: the JSON document on stdin must make the JavaScript expression over `d` true.
check_json() {
  node -e '
    const d = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const ok = eval(process.argv[1]);
    if (!ok) { console.error("failed: " + process.argv[1] + "\n" + JSON.stringify(d, null, 1));
               process.exit(1); }' "$1"
}

# expect_failure CODE TEXT COMMAND…: the command must exit with CODE and say TEXT on stderr
# (its output is left in $work/out and $work/err).
expect_failure() {
  local code="$1" text="$2"
  shift 2
  set +e
  "$@" > "$work/out" 2> "$work/err"
  local actual=$?
  set -e
  if [[ $actual -ne $code ]]; then
    echo "expected exit $code, got $actual: $*"; cat "$work/out" "$work/err"; exit 1
  fi
  grep -qF -- "$text" "$work/err" || { echo "message lacks '$text': $(cat "$work/err")"; exit 1; }
}

# expect_equal ACTUAL EXPECTED
expect_equal() {
  if [[ "$1" != "$2" ]]; then
    printf 'expected:\n%s\nactual:\n%s\n' "$2" "$1"; exit 1
  fi
}

# it_movies_server mariadb|pg: starts the server with scripts/<kind>-server.sh in $work/server
# (stopped at exit), exports its env (MYSQL_* or PG*), sets $port, and loads the movie-rental
# fixture into its database `movies`.
# Runs a GoogleTest binary whose tests need the server this script started. Its tests skip
# themselves when they find no server, so here a skipped test is a failure: the run must not
# pass without having reached the server.
it_server_gtests() {
  local log="$work/gtest.log"
  if ! "$@" > "$log" 2>&1; then cat "$log"; return 1; fi
  if grep -q "SKIPPED" "$log"; then
    echo "gtests skipped although a server was started:"; grep "SKIPPED" "$log"; return 1
  fi
  grep -E "^\[  PASSED  \]" "$log"
}

it_movies_server() {
  local kind="$1"
  server="$work/server"
  it_on_exit "\"\$BASIN_REPO/scripts/$kind-server.sh\" stop \"\$server\" >/dev/null 2>&1"
  port=$("$BASIN_REPO/scripts/$kind-server.sh" start "$server")
  set -a
  # shellcheck disable=SC1091
  . "$server/env"
  set +a
  if [[ $kind == mariadb ]]; then
    mariadb --no-defaults -h 127.0.0.1 -P "$port" -u "$MYSQL_USER" -p"$MYSQL_PWD" \
      -e "CREATE DATABASE movies"
    mariadb --no-defaults -h 127.0.0.1 -P "$port" -u "$MYSQL_USER" -p"$MYSQL_PWD" movies \
      < "$BASIN_REPO/tests/fixtures/movie_rental/mariadb.sql" > /dev/null
  else
    psql -q -c "CREATE DATABASE movies"
    psql -q -v ON_ERROR_STOP=1 -d movies -f "$BASIN_REPO/tests/fixtures/movie_rental/postgres.sql"
  fi
}

# it_s3_server: an S3-protocol server (tests/node/s3_server.mjs, bucket `lake`) on a free
# loopback port, its request statistics in $work/stats.json; stopped at exit. Sets $port,
# then the AWS_* variables for it, with HOME an empty folder so no ~/.aws of the machine
# leaks in, and BASIN_HOME=$work/basin-home.
it_s3_server() {
  mkfifo "$work/server.in"
  node --openssl-legacy-provider "$BASIN_REPO/tests/node/s3_server.mjs" --dir "$work/s3" \
    --bucket lake --stats-file "$work/stats.json" \
    < "$work/server.in" > "$work/server.out" 2> "$work/server.err" &
  it_s3_pid=$!
  it_on_exit it_stop_s3_server
  exec 3> "$work/server.in"
  for _ in $(seq 100); do [[ -s "$work/server.out" ]] && break; sleep 0.1; done
  port="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8").split("\n")[0]).port)' "$work/server.out")" \
    || { echo "s3rver did not start: $(cat "$work/server.err")" >&2; exit 1; }
  mkdir -p "$work/home"
  export HOME="$work/home" AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER
  export AWS_REGION=us-east-1 AWS_ENDPOINT_URL="http://127.0.0.1:$port"
  export AWS_EC2_METADATA_DISABLED=true AWS_PAGER="" BASIN_HOME="$work/basin-home"
}
# shellcheck disable=SC2317  # run by it_exit
it_stop_s3_server() {
  exec 3>&- || true  # the server exits when its stdin closes
  for _ in $(seq 50); do kill -0 "$it_s3_pid" 2>/dev/null || break; sleep 0.1; done
  kill "$it_s3_pid" 2>/dev/null || true
  wait "$it_s3_pid" 2>/dev/null || true
}

# aws_cli ARGS…: the AWS CLI against $AWS_ENDPOINT_URL (Debian's /usr/bin/aws when present).
aws_cli() {
  local aws=aws
  [[ -x /usr/bin/aws ]] && aws=/usr/bin/aws
  "$aws" --endpoint-url "$AWS_ENDPOINT_URL" "$@"
}
