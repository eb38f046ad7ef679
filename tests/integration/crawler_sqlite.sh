#!/usr/bin/env bash
# basin crawlers over the walkthrough's SQLite movie-rental database: include movies/% with
# the exclusion *act*, the exact tables and column types expected, then re-crawls after
# ALTER TABLE ADD COLUMN, a dropped table and a new one under each update/delete behavior,
# with table versions and run records checked.
set -euo pipefail
: "${BASIN:?path of the basin binary}"
: "${BASIN_REPO:?path of the repository}"
# shellcheck source=lib/common.sh
. "$BASIN_REPO/tests/integration/lib/common.sh"
it_home
sql() { python3 -c 'import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.executescript(sys.argv[2]); db.commit()' "$work/movies.db" "$1"; }

bash "$BASIN_REPO/scripts/movies-sqlite.sh" "$BASIN" "$work/movies.db"
basin connections create movies_db --url "sqlite:$work/movies.db" > /dev/null
basin crawlers create movies --connection movies_db --include 'movies/%' --exclude '*act*' \
  --database aurora_movie_rental > /dev/null
basin --json crawlers run movies --wait | check_json \
  'd.Crawl.State === "SUCCEEDED" && d.Crawl.TablesCreated === 8 && d.Crawl.TargetErrors.length === 0'
# actor, film_actor and the view actor_info are excluded; the view customer_list is kept.
basin --json catalog tables aurora_movie_rental | check_json '
  d.TableList.map((t) => t.Name).join() ===
    "movies_category,movies_customer,movies_customer_list,movies_film,movies_film_category," +
    "movies_inventory,movies_payment,movies_rental"'
basin --json catalog table aurora_movie_rental.movies_payment | check_json '
  d.Table.TableType === "JDBC_TABLE" && d.Table.ConnectionName === "movies_db" &&
  d.Table.Parameters.classification === "sqlite" && d.Table.Parameters.sourceKind === "TABLE" &&
  d.Table.StorageDescriptor.Columns.map((c) => c.Name + ":" + c.Type).join() ===
    "payment_id:bigint,customer_id:bigint,staff_id:bigint,rental_id:bigint," +
    "amount:decimal(5,2),payment_date:timestamp"'
basin --json catalog table aurora_movie_rental.movies_customer_list | check_json \
  'd.Table.Parameters.sourceKind === "VIEW"'

sql 'ALTER TABLE customer ADD COLUMN loyalty_points INTEGER;
     DROP TABLE inventory;
     CREATE TABLE store (store_id INTEGER PRIMARY KEY, manager TEXT);'

# LOG and LOG: new tables are added, nothing else changes, the log says what would.
basin crawlers update movies --update-behavior LOG --delete-behavior LOG > /dev/null
basin --json crawlers run movies --wait > "$work/log_run.json"
check_json 'd.Crawl.TablesCreated === 1 && d.Crawl.TablesUpdated === 0 &&
  d.Crawl.TablesDeleted === 0 && d.Crawl.TablesDeprecated === 0 &&
  d.Crawl.Log.includes("movies_customer would be updated") &&
  d.Crawl.Log.includes("movies_inventory would be deleted")' < "$work/log_run.json"
basin --json catalog table aurora_movie_rental.movies_customer | check_json 'd.Table.VersionId === "1"'

# UPDATE_IN_DATABASE and the default DEPRECATE_IN_DATABASE.
basin crawlers update movies --update-behavior UPDATE_IN_DATABASE \
  --delete-behavior DEPRECATE_IN_DATABASE > /dev/null
basin --json crawlers run movies --wait | check_json \
  'd.Crawl.TablesUpdated === 1 && d.Crawl.TablesDeprecated === 1 && d.Crawl.TablesCreated === 0'
basin --json catalog table aurora_movie_rental.movies_customer | check_json '
  d.Table.VersionId === "2" &&
  d.Table.StorageDescriptor.Columns.at(-1).Name === "loyalty_points" &&
  d.Table.StorageDescriptor.Columns.at(-1).Type === "bigint"'
basin --json catalog versions aurora_movie_rental.movies_customer | check_json \
  'd.TableVersions.length === 2'
basin --json catalog table aurora_movie_rental.movies_inventory | check_json \
  'd.Table.Deprecated === true'

# DELETE_FROM_DATABASE.
basin crawlers update movies --delete-behavior DELETE_FROM_DATABASE > /dev/null
basin --json crawlers run movies --wait | check_json 'd.Crawl.TablesDeleted === 1'
set +e
basin catalog table aurora_movie_rental.movies_inventory > /dev/null 2>&1
code=$?
set -e
[[ $code -eq 12 ]] || { echo "movies_inventory should be gone (exit 12), got $code"; exit 1; }
basin --json crawlers runs movies | check_json '
  d.Crawls.length === 4 && d.Crawls.map((c) => c.State).every((s) => s === "SUCCEEDED") &&
  d.Crawls[3].TablesCreated === 8 && d.Crawls[0].TablesDeleted === 1'
basin --json crawlers show movies | check_json '
  d.Crawler.Version === 4 && d.Crawler.State === "READY" &&
  d.Crawler.SchemaChangePolicy.DeleteBehavior === "DELETE_FROM_DATABASE" &&
  d.Crawler.Targets.JdbcTargets[0].Exclusions[0] === "*act*"'

# A source that is gone fails the run and leaves the tables alone.
rm "$work/movies.db"
set +e
basin crawlers run movies --wait > "$work/out" 2>&1
code=$?
set -e
[[ $code -ne 0 ]] || { echo "a crawl of a missing source should fail"; exit 1; }
basin --json catalog table aurora_movie_rental.movies_film | check_json 'd.Table.Deprecated === undefined'
echo "crawler_sqlite: ok"
