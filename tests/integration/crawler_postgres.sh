#!/usr/bin/env bash
# basin crawlers over a real PostgreSQL 15 server (scripts/pg-server.sh) holding the
# movie-rental fixture: include movies/public/% with the walkthrough's *act* exclusion gives
# exactly the expected tables and views with the connector's documented Hive types; then
# ALTER TABLE ADD COLUMN, a dropped and a new table under the default policy, and a wrong
# password recorded as a target error that leaves the tables alone.
set -euo pipefail
: "${BASIN:?path of the basin binary}" "${BASIN_REPO:?}"
# shellcheck source=lib/common.sh
. "$BASIN_REPO/tests/integration/lib/common.sh"
it_movies_server pg
it_home

basin connections create movies_pg --url "jdbc:postgresql://127.0.0.1:$port/movies" \
  --user basin --password-env PGPASSWORD --tls disable > /dev/null
basin crawlers create pg --connection movies_pg --include 'movies/public/%' --exclude '*act*' \
  --database aurora_movie_rental > /dev/null
basin --json crawlers run pg --wait | check_json \
  'd.Crawl.State === "SUCCEEDED" && d.Crawl.TablesCreated === 12 && d.Crawl.TargetErrors.length === 0'
basin --json catalog tables aurora_movie_rental | check_json '
  d.TableList.map((t) => t.Name).join() === [
    "address", "category", "customer", "customer_list", "film", "film_category", "inventory",
    "payment", "rental", "sales_by_category", "staff", "store"].map((t) => "movies_public_" + t).join()'
# payment: integer, integer, smallint, integer, numeric(5,2), timestamptz (connector README).
basin --json catalog table aurora_movie_rental.movies_public_payment | check_json '
  d.Table.TableType === "JDBC_TABLE" && d.Table.Parameters.classification === "postgresql" &&
  d.Table.StorageDescriptor.Location === "movies.public.payment" &&
  d.Table.StorageDescriptor.Columns.map((c) => c.Name + ":" + c.Type).join() ===
    "payment_id:int,customer_id:int,staff_id:smallint,rental_id:int,amount:decimal(5,2)," +
    "payment_date:timestamp" &&
  d.Table.StorageDescriptor.Columns[0].Parameters.primaryKeyPosition === "1"'
basin --json catalog table aurora_movie_rental.movies_public_customer_list | check_json \
  'd.Table.Parameters.sourceKind === "VIEW"'

psql -q -d movies -c "ALTER TABLE store ADD COLUMN opened date; DROP VIEW sales_by_category;
                      CREATE TABLE promotion (promotion_id integer PRIMARY KEY, name text)"
basin --json crawlers run pg --wait | check_json \
  'd.Crawl.TablesCreated === 1 && d.Crawl.TablesUpdated === 1 && d.Crawl.TablesDeprecated === 1'
basin --json catalog table aurora_movie_rental.movies_public_store | check_json '
  d.Table.VersionId === "2" && d.Table.StorageDescriptor.Columns.at(-1).Name === "opened" &&
  d.Table.StorageDescriptor.Columns.at(-1).Type === "date"'
basin --json catalog table aurora_movie_rental.movies_public_sales_by_category | check_json \
  'd.Table.Deprecated === true'

# A wrong password: the run fails with the error recorded, the tables stay as they were.
PGPASSWORD=wrong basin --json crawlers run pg --wait > "$work/out" 2> /dev/null || true
basin --json crawlers runs pg --limit 1 | check_json '
  d.Crawls[0].State === "FAILED" &&
  d.Crawls[0].TargetErrors[0].Message.includes("authentication failed")'
basin --json catalog table aurora_movie_rental.movies_public_film | check_json \
  'd.Table.Deprecated === undefined && d.Table.VersionId === "1"'
echo "crawler_postgres: ok"
