#!/usr/bin/env bash
# Federated queries over a real MariaDB server (scripts/mariadb-server.sh) holding the
# movie-rental fixture: crawled into the catalog, then each query runs through `basin sql`
# over the catalogued JDBC tables (unsigned keys, enum, datetime) and through the mariadb
# client on the server, and the answers must be equal (see lib/federated.sh for the queries),
# plus a join of database tables with a lake Parquet table.
set -euo pipefail
: "${BASIN:?path of the basin binary}" "${BASIN_REPO:?}"
work="$(mktemp -d)"
server="$work/server"
cleanup() {
  "$BASIN_REPO/scripts/mariadb-server.sh" stop "$server" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
port=$("$BASIN_REPO/scripts/mariadb-server.sh" start "$server")
set -a
# shellcheck disable=SC1091
. "$server/env"
set +a
sql() { mariadb --no-defaults -h 127.0.0.1 -P "$port" -u "$MYSQL_USER" -p"$MYSQL_PWD" "$@"; }
sql -e "CREATE DATABASE movies"
sql movies < "$BASIN_REPO/tests/fixtures/movie_rental/mariadb.sql" > /dev/null

home="$work/home"
basin() { "$BASIN" --home "$home" "$@"; }
# --batch prints tab-separated fields, NULL as NULL and \t \n \\ escaped: turned into CSV
# (quoted where needed, NULL as an empty field) as basin prints it.
server_csv() {
  sql --batch movies -e "$1" | awk -F'\t' -v OFS=, '{
    for (i = 1; i <= NF; i++) {
      f = $i
      if (NR > 1 && f == "NULL") f = ""
      gsub(/\\t/, "\t", f); gsub(/\\n/, "\n", f); gsub(/\\\\/, "\\", f)
      if (f ~ /[,"\n]/) { gsub(/"/, "\"\"", f); f = "\"" f "\"" }
      $i = f
    }
    print }'
}
fed_basin_prefix="aurora_movie_rental.movies_"
# shellcheck source-path=SCRIPTDIR source=lib/federated.sh
. "$BASIN_REPO/tests/integration/lib/federated.sh"

basin connections create movies_my --url "jdbc:mysql://127.0.0.1:$port/movies" \
  --user "$MYSQL_USER" --password-env MYSQL_PWD --tls disable > /dev/null
basin crawlers create my --connection movies_my --include 'movies/%' --exclude '*act*' \
  --database aurora_movie_rental > /dev/null
basin crawlers run my --wait > /dev/null 2>&1

fed_movie_rental_checks
# MySQL-only types: year, an enum compared as text, a set (its text has commas), unsigned
# tinyint, and tinyint(1) as boolean.
fed_check mysql_types unordered "
  SELECT film_id, release_year, rating, special_features, rental_duration FROM {film}
  WHERE rating = 'PG-13' AND film_id < 120"
fed_check mysql_boolean unordered "
  SELECT customer_id, CASE WHEN active THEN 'yes' ELSE 'no' END AS active FROM {customer}
  WHERE customer_id % 30 = 0 OR customer_id < 5"
echo "federated_mariadb: ok"
