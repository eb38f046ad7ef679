#!/usr/bin/env bash
# basin crawlers over a real MariaDB server (scripts/mariadb-server.sh) holding the
# movie-rental fixture: include movies/% with the *act* exclusion gives exactly the expected
# tables and views (named database_table, as Glue names MySQL tables) with the connector's
# documented Hive types, unsigned integers widened; then a re-crawl after schema changes.
set -euo pipefail
: "${BASIN:?path of the basin binary}" "${BASIN_REPO:?}"
# shellcheck source=lib/common.sh
. "$BASIN_REPO/tests/integration/lib/common.sh"
it_movies_server mariadb
sql() { mariadb --no-defaults -h 127.0.0.1 -P "$port" -u "$MYSQL_USER" -p"$MYSQL_PWD" "$@"; }
it_home

basin connections create movies_my --url "jdbc:mysql://127.0.0.1:$port/movies" \
  --user "$MYSQL_USER" --password-env MYSQL_PWD --tls disable > /dev/null
basin crawlers create my --connection movies_my --include 'movies/%' --exclude '*act*' \
  --database aurora_movie_rental > /dev/null
basin --json crawlers run my --wait | check_json \
  'd.Crawl.State === "SUCCEEDED" && d.Crawl.TablesCreated === 12 && d.Crawl.TargetErrors.length === 0'
basin --json catalog tables aurora_movie_rental | check_json '
  d.TableList.map((t) => t.Name).join() === [
    "address", "category", "customer", "customer_list", "film", "film_category", "inventory",
    "payment", "rental", "sales_by_category", "staff", "store"].map((t) => "movies_" + t).join()'
# payment: smallint unsigned, smallint unsigned, tinyint unsigned, int, decimal(5,2), datetime.
basin --json catalog table aurora_movie_rental.movies_payment | check_json '
  d.Table.Parameters.classification === "mysql" &&
  d.Table.StorageDescriptor.Columns.map((c) => c.Name + ":" + c.Type).join() ===
    "payment_id:int,customer_id:int,staff_id:smallint,rental_id:int,amount:decimal(5,2)," +
    "payment_date:timestamp"'
basin --json catalog table aurora_movie_rental.movies_customer_list | check_json \
  'd.Table.Parameters.sourceKind === "VIEW"'

sql movies -e "ALTER TABLE store ADD COLUMN opened date; DROP TABLE payment;"
basin crawlers update my --delete-behavior DELETE_FROM_DATABASE > /dev/null
# sales_by_category reads payment: MariaDB can no longer describe it, so it is reported and
# left as it was, not emptied.
basin --json crawlers run my --wait | check_json '
  d.Crawl.TablesUpdated === 1 && d.Crawl.TablesDeleted === 1 && d.Crawl.TargetErrors.length === 1 &&
  d.Crawl.TargetErrors[0].Target.endsWith("movies/sales_by_category")'
basin --json catalog table aurora_movie_rental.movies_sales_by_category | check_json \
  'd.Table.VersionId === "1" && d.Table.StorageDescriptor.Columns.length === 2'
basin --json catalog versions aurora_movie_rental.movies_store | check_json \
  'd.TableVersions.length === 2 && d.TableVersions[0].Table.StorageDescriptor.Columns.at(-1).Name === "opened"'
echo "crawler_mariadb: ok"
