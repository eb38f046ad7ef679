#!/usr/bin/env bash
# Federated queries over a real PostgreSQL 15 server (scripts/pg-server.sh) holding the
# movie-rental fixture: crawled into the catalog, then each query runs through `basin sql`
# over the catalogued JDBC tables and through psql on the server, and the CSV answers must be
# equal (a filter, joins, GROUP BY with sum/count over numeric(5,2), ORDER BY … LIMIT, a
# view, dates and NULLs), plus a join of a database table with a lake Parquet table.
set -euo pipefail
: "${BASIN:?path of the basin binary}" "${BASIN_REPO:?}"
work="$(mktemp -d)"
server="$work/server"
cleanup() {
  "$BASIN_REPO/scripts/pg-server.sh" stop "$server" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
port=$("$BASIN_REPO/scripts/pg-server.sh" start "$server")
set -a
# shellcheck disable=SC1091
. "$server/env"
set +a
psql -q -c "CREATE DATABASE movies"
psql -q -v ON_ERROR_STOP=1 -d movies -f "$BASIN_REPO/tests/fixtures/movie_rental/postgres.sql"

home="$work/home"
basin() { "$BASIN" --home "$home" "$@"; }
# timestamptz is catalogued as a UTC timestamp (connector README); the server runs in UTC and
# psql marks such values "+00", which is dropped.
server_csv() {
  psql -X -q -v ON_ERROR_STOP=1 -d movies --csv -c "$1" |
    sed -E 's/([0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?)\+00\b/\1/g'
}
fed_basin_prefix="aurora_movie_rental.movies_public_"
# shellcheck source-path=SCRIPTDIR source=lib/federated.sh
. "$BASIN_REPO/tests/integration/lib/federated.sh"

basin connections create movies_pg --url "jdbc:postgresql://127.0.0.1:$port/movies" \
  --user basin --password-env PGPASSWORD --tls disable > /dev/null
basin crawlers create pg --connection movies_pg --include 'movies/public/%' --exclude '*act*' \
  --database aurora_movie_rental > /dev/null
basin crawlers run pg --wait > /dev/null 2>&1

fed_movie_rental_checks
echo "federated_postgres: ok"
