#!/usr/bin/env bash
# basin catalog … and basin connections … end to end: a fresh Basin home, databases, tables,
# partitions with filters, connections, --json output for scripts, and errors with their exit
# codes (InvalidInput 11, NotFound 12, AlreadyExists 13, Conflict 14, Unsupported 18, usage 2).
set -euo pipefail
: "${BASIN:?path of the basin binary}"
: "${BASIN_REPO:?path of the repository}"
# shellcheck source=lib/common.sh
. "$BASIN_REPO/tests/integration/lib/common.sh"
it_home "$work/home/not/yet/there"

# The home is created on first use and holds catalog.db.
basin catalog databases > /dev/null
[[ -f "$home/catalog.db" ]] || { echo "no catalog.db in the new home"; exit 1; }

basin catalog create-database Movies --description "Movie rentals" --location "$work/lake" \
  > /dev/null
basin --json catalog databases | check_json \
  'd.DatabaseList.length === 1 && d.DatabaseList[0].Name === "movies" &&
   d.DatabaseList[0].Description === "Movie rentals"'

basin catalog create-table movies.rental \
  --columns 'rental_id int, amount decimal(5,2), tags array<string>' \
  --partition-keys 'year int, month string' --location "$work/lake/rental" --format parquet \
  > /dev/null
basin catalog create-table movies.film --columns 'film_id int, title string' \
  --location "$work/lake/film" --format csv > /dev/null
basin --json catalog tables movies | check_json \
  'd.TableList.map((t) => t.Name).join() === "film,rental"'
basin --json catalog table movies.rental | check_json '
  d.Table.Name === "rental" && d.Table.DatabaseName === "movies" && d.Table.VersionId === "1" &&
  d.Table.StorageDescriptor.Columns.map((c) => c.Name + ":" + c.Type).join() ===
    "rental_id:int,amount:decimal(5,2),tags:array<string>" &&
  d.Table.PartitionKeys.map((c) => c.Name).join() === "year,month" &&
  d.Table.Parameters.classification === "parquet" &&
  d.Table.StorageDescriptor.SerdeInfo.SerializationLibrary.includes("Parquet")'
basin --json catalog versions movies.rental | check_json \
  'd.TableVersions.length === 1 && d.TableVersions[0].VersionId === "1"'
# The people's view names the columns.
basin catalog table movies.rental | grep -q "decimal(5,2)"

# Partitions, typed filters: year is an int key, so 9 < 10 < 2024 numerically.
for values in "9 01" "10 02" "2024 03" "2024 11"; do
  # shellcheck disable=SC2086
  basin catalog create-partition movies.rental $values > /dev/null
done
basin --json catalog partitions movies.rental | check_json 'd.Partitions.length === 4'
basin --json catalog partitions movies.rental --filter "year >= 10 AND month > '02'" |
  check_json 'd.Partitions.map((p) => p.Values.join("-")).join() === "2024-03,2024-11"'
basin --json catalog partitions movies.rental --filter "year BETWEEN 9 AND 10 OR month LIKE '1%'" |
  check_json 'd.Partitions.length === 3'
basin --json catalog partitions movies.rental --filter "year = 2024" --max-results 1 |
  check_json 'd.Partitions.length === 1 && typeof d.NextToken === "string"'
basin --json catalog partitions movies.rental --filter "year = 2024" | check_json '
  d.Partitions[0].StorageDescriptor.Location.endsWith("/rental/year=2024/month=03/")'

# Search by parameter.
basin --json catalog search --parameter classification=csv | check_json \
  'd.TableList.length === 1 && d.TableList[0].Name === "film"'

# Errors, each leaving the catalog as it was.
expect_failure 13 "already exists" basin catalog create-database movies
expect_failure 11 "position 4" basin catalog create-database 'bad-name'
expect_failure 12 "movies.actor" basin catalog table movies.actor
expect_failure 12 "database 'nodb'" basin catalog tables nodb
expect_failure 13 "movies.film" basin catalog create-table movies.film --columns 'a int' \
  --location /x --format parquet
expect_failure 11 "inty" basin catalog create-table movies.bad --columns 'a inty' \
  --location /x --format parquet
expect_failure 11 "orc" basin catalog create-table movies.bad --columns 'a int' \
  --location /x --format orc
expect_failure 11 "2 partition keys" basin catalog create-partition movies.rental 2024
expect_failure 11 "not a integer value" basin catalog partitions movies.rental --filter "year = 'x'"
expect_failure 11 "'day' is not a partition key" basin catalog partitions movies.rental \
  --filter "day = 1"
expect_failure 2 "columns" basin catalog create-table movies.bad --location /x --format csv
basin --json catalog tables movies | check_json 'd.TableList.length === 2'
basin --json catalog partitions movies.rental | check_json 'd.Partitions.length === 4'

# BASIN_HOME selects the same home.
BASIN_HOME="$home" "$BASIN" --json catalog databases | check_json 'd.DatabaseList.length === 1'

# Connections: the password never appears, only where it comes from.
basin connections create movies_pg --url jdbc:postgresql://db.internal:5432/movies \
  --user reader --password-env MOVIES_PASSWORD --tls require > /dev/null
basin connections create local --url "sqlite:$home/catalog.db" > /dev/null
basin --json connections list | check_json '
  d.ConnectionList.map((c) => c.Name).join() === "local,movies_pg" &&
  d.ConnectionList[1].Engine === "POSTGRESQL" &&
  d.ConnectionList[1].PasswordEnvironmentVariable === "MOVIES_PASSWORD" &&
  d.ConnectionList[1].TlsMode === "require" && !JSON.stringify(d).includes("\"Password\"")'
basin --json connections show local | check_json \
  'd.Connection.Engine === "SQLITE" && d.Connection.Url.startsWith("sqlite:/")'
basin --json connections test local | check_json 'd.Server.startsWith("SQLite 3.")'
# Testing it needs its password first (connectors_postgres.sh tests real servers).
expect_failure 11 "MOVIES_PASSWORD" env -u MOVIES_PASSWORD "$BASIN" --home "$home" \
  connections test movies_pg
expect_failure 11 "credentials" basin connections create bad --url 'jdbc:mysql://u:pw@h/db' \
  --user u
expect_failure 11 "--user" basin connections create bad --url 'jdbc:mysql://h:3306/db'
expect_failure 2 "excludes" basin connections create bad --url 'jdbc:mysql://h/db' --user u \
  --password-env X --password-file /y
expect_failure 12 "'nope'" basin connections show nope
basin connections delete movies_pg > /dev/null
basin --json connections list | check_json 'd.ConnectionList.length === 1'

# A table whose columns come from a data file's own schema (format detected from its bytes).
"$BASIN" gen movies --out "$home/files" --format parquet > /dev/null
basin catalog create-table movies.payment --schema-from "$home/files/payment.parquet" \
  --location "$home/files" > /dev/null
basin --json catalog table movies.payment | check_json '
  d.Table.StorageDescriptor.Columns.map((c) => c.Name + ":" + c.Type).join() ===
    "payment_id:int,customer_id:int,staff_id:smallint,rental_id:int,amount:decimal(5,2),payment_date:timestamp" &&
  d.Table.Parameters.classification === "parquet"'
expect_failure 2 "--schema-from" basin catalog create-table movies.none --location "$home"
basin catalog delete-table movies.payment > /dev/null

# Deletes.
basin catalog delete-table movies.film > /dev/null
expect_failure 12 "movies.film" basin catalog table movies.film
basin catalog delete-database movies > /dev/null
basin --json catalog databases | check_json 'd.DatabaseList.length === 0'
echo "catalog_cli: ok"
