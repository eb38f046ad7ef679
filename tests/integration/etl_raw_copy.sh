#!/usr/bin/env bash
# basin jobs: raw-copy jobs from a crawled SQLite table and from a catalogued lake table into
# the lake, checked row for row through `basin sql`; a second run appends; a run whose cast
# fails leaves no files and no table; list/show/runs/delete.
set -euo pipefail
: "${BASIN:?path of the basin binary}"
: "${BASIN_REPO:?path of the repository}"
# shellcheck source=lib/common.sh
. "$BASIN_REPO/tests/integration/lib/common.sh"
it_home

# One number from a query.
scalar() { basin sql -c "$1" --output csv | tail -n 1 | tr -d '"\r'; }
# Row-for-row equality of two tables with unique rows: same count, nothing in one but not
# the other.
same_rows() {
  local a="$1" b="$2"
  [ "$(scalar "SELECT count(*) FROM $a")" -gt 0 ] || { echo "$a is empty" >&2; exit 1; }
  [ "$(scalar "SELECT count(*) FROM $a")" = "$(scalar "SELECT count(*) FROM $b")" ] ||
    { echo "row counts of $a and $b differ" >&2; exit 1; }
  [ "$(scalar "SELECT count(*) FROM (SELECT * FROM $a EXCEPT SELECT * FROM $b)")" = 0 ] ||
    { echo "$a has rows $b lacks" >&2; exit 1; }
  [ "$(scalar "SELECT count(*) FROM (SELECT * FROM $b EXCEPT SELECT * FROM $a)")" = 0 ] ||
    { echo "$b has rows $a lacks" >&2; exit 1; }
}

bash "$BASIN_REPO/scripts/movies-sqlite.sh" "$BASIN" "$work/movies.db"
basin connections create movies_db --url "sqlite:$work/movies.db" > /dev/null
basin crawlers create movies --connection movies_db --include 'movies/%' \
  --database aurora_movie_rental > /dev/null
basin crawlers run movies --wait --quiet

# 1. A crawled database table (integers, decimal, timestamp) into the lake.
basin jobs create copy_payment --from-table aurora_movie_rental.movies_payment \
  --to "$work/lake/payment" --target-table aurora_movie_rental.s3_payment > /dev/null
basin --json jobs show copy_payment | check_json '
  d.Job.Name === "copy_payment" && d.Job.Command.Name === "etl" &&
  JSON.parse(d.Job.Dag).mapping.ApplyMapping.Mapping.map((m) => m.ToKey + ":" + m.ToType).join() ===
    "payment_id:bigint,customer_id:bigint,staff_id:bigint,rental_id:bigint," +
    "amount:decimal(5,2),payment_date:timestamp"'
basin --json jobs run copy_payment --wait | check_json '
  d.JobRun.JobRunState === "SUCCEEDED" && d.JobRun.Metrics.RowsWritten > 1000 &&
  d.JobRun.Metrics.FilesWritten >= 1 && d.JobRun.Metrics.BytesWritten > 0'
basin --json catalog table aurora_movie_rental.s3_payment | check_json '
  d.Table.Parameters.classification === "parquet" &&
  d.Table.StorageDescriptor.Columns.map((c) => c.Name + ":" + c.Type).join() ===
    "payment_id:bigint,customer_id:bigint,staff_id:bigint,rental_id:bigint," +
    "amount:decimal(5,2),payment_date:timestamp"'
same_rows aurora_movie_rental.movies_payment aurora_movie_rental.s3_payment
# The payments are checked against the SQLite file itself too.
[ "$(scalar "SELECT sum(amount) FROM aurora_movie_rental.s3_payment")" = \
  "$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(
       "SELECT printf(\"%.2f\", sum(amount)) FROM payment").fetchone()[0])' "$work/movies.db")" ]

# 2. A catalogued lake table (written by CTAS) into another lake folder, default table name.
basin sql -c "CREATE DATABASE lake_movies;
  CREATE TABLE lake_movies.film WITH (format = 'parquet', external_location = '$work/lake/film/')
    AS SELECT * FROM aurora_movie_rental.movies_film" > /dev/null
basin jobs create copy_film --from-table lake_movies.film --to "$work/lake/film_copy" \
  --compression zstd > /dev/null
basin jobs run copy_film --wait --quiet
same_rows lake_movies.film lake_movies.film_copy
# A second run appends: every row twice.
basin jobs run copy_film --wait --quiet
[ "$(scalar "SELECT count(*) FROM lake_movies.film_copy")" = \
  "$(( 2 * $(scalar "SELECT count(*) FROM lake_movies.film") ))" ]
# The script is generated from the DAG: a block per node, then the statement a run executes.
basin jobs script copy_film > "$work/script.sql"
[ "$(grep -c '^-- \[' "$work/script.sql")" = 3 ]
grep -q '^INSERT INTO "lake_movies"."film_copy" WITH "source" AS (SELECT \* FROM "lake_movies"."film"), .*;$' "$work/script.sql"
basin --json jobs runs copy_film | check_json '
  d.JobRuns.length === 2 && d.JobRuns.every((r) => r.JobRunState === "SUCCEEDED") &&
  d.JobRuns[0].Id > d.JobRuns[1].Id && d.JobRuns[0].Log.includes("INSERT INTO")'

# 3. A failing cast (a title is not an integer): the run is FAILED, nothing is written.
cat > "$work/bad.json" <<JSON
{"source": {"CatalogSource": {"Database": "lake_movies", "Table": "film"}},
 "mapping": {"ApplyMapping": {"Inputs": ["source"], "Mapping": [
   {"FromPath": ["film_id"], "FromType": "bigint", "ToKey": "film_id", "ToType": "bigint"},
   {"FromPath": ["title"], "FromType": "string", "ToKey": "title", "ToType": "int"}]}},
 "target": {"LakeTarget": {"Inputs": ["mapping"], "Path": "$work/lake/bad/",
   "CatalogDatabase": "lake_movies", "CatalogTable": "bad"}}}
JSON
basin jobs create bad_cast --dag-file "$work/bad.json" > /dev/null
if basin jobs run bad_cast --wait --quiet 2> "$work/err"; then
  echo "the failing job succeeded" >&2; exit 1
fi
grep -q "failed" "$work/err"
[ -z "$(find "$work/lake/bad" -type f 2>/dev/null)" ]
basin --json catalog tables lake_movies | check_json \
  '!d.TableList.some((t) => t.Name === "bad")'
basin --json jobs runs bad_cast | check_json '
  d.JobRuns.length === 1 && d.JobRuns[0].JobRunState === "FAILED" && d.JobRuns[0].ErrorMessage !== ""'

basin --json jobs list | check_json \
  'd.Jobs.map((j) => j.Name).join() === "bad_cast,copy_film,copy_payment"'
basin jobs delete bad_cast > /dev/null
basin --json jobs list | check_json 'd.Jobs.length === 2'
echo "etl_raw_copy: ok"
