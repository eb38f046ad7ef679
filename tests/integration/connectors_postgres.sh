#!/usr/bin/env bash
# The PostgreSQL connector against a real PostgreSQL 15 server on loopback, started and stopped
# by scripts/pg-server.sh: the movie-rental fixture's introspection, type mapping value by
# value, pushdowns, a 2,000,000-row stream in bounded memory (connectors_postgres_test, given
# the server through PG* variables), then `basin connections test` with its errors: a wrong
# password is AccessDenied (15), a closed port IOError (16).
set -euo pipefail
: "${BASIN:?path of the basin binary}" "${BASIN_REPO:?}" "${BASIN_BUILD:?}"
tests_binary="$BASIN_BUILD/tests/connectors_postgres_test"
[[ -x "$tests_binary" ]] || { echo "missing $tests_binary: build target connectors_postgres_test"; exit 1; }
# shellcheck source=lib/common.sh
. "$BASIN_REPO/tests/integration/lib/common.sh"
it_movies_server pg

BASIN_TEST_PG_MOVIES=movies it_server_gtests "$tests_binary"

it_home

basin connections create movies_pg --url "jdbc:postgresql://127.0.0.1:$port/movies" \
  --user basin --password-env PGPASSWORD --tls disable > /dev/null
out=$(basin connections test movies_pg)
grep -qF "PostgreSQL 15." <<<"$out" || { echo "no server version in: $out"; exit 1; }
grep -qF "1 schema, 12 tables and 3 views in movies" <<<"$out" || { echo "unexpected: $out"; exit 1; }

basin connections create wrong_pw --url "jdbc:postgresql://127.0.0.1:$port/movies" \
  --user basin --password-env BASIN_WRONG_PASSWORD > /dev/null
BASIN_WRONG_PASSWORD=nope expect_failure 15 \
  "authentication failed for user 'basin' at 127.0.0.1:$port" basin connections test wrong_pw

basin connections create closed --url "jdbc:postgresql://127.0.0.1:1/movies" \
  --user basin --password-env PGPASSWORD > /dev/null
expect_failure 16 "127.0.0.1:1" basin connections test closed
echo "connectors_postgres: ok"
