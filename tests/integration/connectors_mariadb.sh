#!/usr/bin/env bash
# The MySQL connector against a real MariaDB server on loopback, started and stopped by
# scripts/mariadb-server.sh: the movie-rental fixture's introspection, type mapping value by
# value (unsigned integers, tinyint(1), bit, enum/set, json, zero-padded and binary strings,
# TIMESTAMP in UTC), pushdowns, a 2,000,000-row unbuffered stream in bounded memory
# (connectors_mysql_test, given the server through MYSQL_* variables), then
# `basin connections test` with its errors: a wrong password is AccessDenied (15), a closed
# port IOError (16).
set -euo pipefail
: "${BASIN:?path of the basin binary}" "${BASIN_REPO:?}" "${BASIN_BUILD:?}"
tests_binary="$BASIN_BUILD/tests/connectors_mysql_test"
[[ -x "$tests_binary" ]] || { echo "missing $tests_binary: build target connectors_mysql_test"; exit 1; }
# shellcheck source=lib/common.sh
. "$BASIN_REPO/tests/integration/lib/common.sh"
it_movies_server mariadb

BASIN_TEST_MYSQL_MOVIES=movies it_server_gtests "$tests_binary"

it_home

basin connections create movies_maria --url "jdbc:mysql://127.0.0.1:$port/movies" \
  --user basin --password-env MYSQL_PWD > /dev/null
out=$(basin connections test movies_maria)
grep -qF "MariaDB 10." <<<"$out" || { echo "no server version in: $out"; exit 1; }
grep -qF "1 schema, 12 tables and 3 views in movies" <<<"$out" || { echo "unexpected: $out"; exit 1; }

basin connections create wrong_pw --url "jdbc:mysql://127.0.0.1:$port/movies" \
  --user basin --password-env BASIN_WRONG_PASSWORD > /dev/null
BASIN_WRONG_PASSWORD=nope expect_failure 15 \
  "authentication failed for user 'basin' at 127.0.0.1:$port" basin connections test wrong_pw

basin connections create closed --url "jdbc:mysql://127.0.0.1:1/movies" \
  --user basin --password-env MYSQL_PWD > /dev/null
expect_failure 16 "127.0.0.1:1" basin connections test closed
echo "connectors_mariadb: ok"
