#!/usr/bin/env bash
# Job bookmarks against real PostgreSQL 15 and MariaDB servers holding the movie-rental
# fixture: a bookmarked raw copy of payment copies the whole table; rows inserted on the server
# afterwards are all the second run copies (its RowsWritten is the inserted count, the lake
# copy equals the source row for row with each key once); a run with nothing new succeeds and
# writes nothing; `jobs show` shows the bookmark; after `jobs reset-bookmark` the next run
# copies everything again — into an append target, so the copy then holds every row twice.
# ETL_BOOKMARKS=pg or =mariadb runs one server only.
set -euo pipefail
: "${BASIN:?path of the basin binary}" "${BASIN_REPO:?path of the repository}"
# shellcheck source=lib/common.sh
. "$BASIN_REPO/tests/integration/lib/common.sh"
# shellcheck source=lib/etl.sh
. "$BASIN_REPO/tests/integration/lib/etl.sh"

scalar() {
  basin sql -c "$1" --output csv 2> "$work/sql.err" | tail -n 1 | tr -d '"\r'
  [[ ${PIPESTATUS[0]} == 0 ]] || { cat "$work/sql.err" >&2; return 1; }
}
server() {
  if [[ $kind == pg ]]; then
    psql -X -q -t -A -v ON_ERROR_STOP=1 -d movies -c "$1"
  else
    mariadb --no-defaults -h 127.0.0.1 -P "$port" -u "$MYSQL_USER" -p"$MYSQL_PWD" -N -B movies \
      -e "$1"
  fi
}
# Row-for-row equality through the engine: same count, nothing in one but not the other.
same_rows() {
  local a="$1" b="$2"
  expect_equal "$(scalar "SELECT count(*) FROM $a")" "$(scalar "SELECT count(*) FROM $b")"
  expect_equal "$(scalar "SELECT count(*) FROM (SELECT * FROM $a EXCEPT SELECT * FROM $b)")" 0
  expect_equal "$(scalar "SELECT count(*) FROM (SELECT * FROM $b EXCEPT SELECT * FROM $a)")" 0
}

check_server() {
  kind=$1
  local lake="$work/lake-$1" prefix source copy="aurora_movie_rental.s3_payment" rows
  it_movies_server "$kind"
  it_home "$work/home-$kind"
  etl_crawl_movies "$kind" payment
  source="aurora_movie_rental.${prefix}payment"

  basin jobs create copy_payment --from-table "$source" --to "$lake/payment" \
    --target-table "$copy" --bookmark enable > /dev/null
  rows=$(server "SELECT count(*) FROM payment")
  basin --json jobs run copy_payment --wait | check_json "
    d.JobRun.JobRunState === 'SUCCEEDED' && d.JobRun.Metrics.RowsWritten === $rows"
  same_rows "$source" "$copy"

  # 37 new payments with higher keys: the second run copies those and nothing else.
  server "INSERT INTO payment (payment_id, customer_id, staff_id, rental_id, amount, payment_date)
          SELECT payment_id + 20000, customer_id, staff_id, rental_id, amount + 1, payment_date
          FROM payment WHERE payment_id <= 37"
  expect_equal "$(server "SELECT count(*) FROM payment")" "$((rows + 37))"
  basin --json jobs run copy_payment --wait | check_json "
    d.JobRun.JobRunState === 'SUCCEEDED' && d.JobRun.Metrics.RowsWritten === 37 &&
    d.JobRun.Log.includes('bookmark of')"
  same_rows "$source" "$copy"
  expect_equal "$(scalar "SELECT count(DISTINCT payment_id) FROM $copy")" "$((rows + 37))"
  expect_equal "$(scalar "SELECT max(payment_id) FROM $copy")" \
    "$(server "SELECT max(payment_id) FROM payment")"

  # Nothing new: success, no rows, no files, the table's version unchanged.
  local version
  version=$(basin --json catalog table "$copy" | node -e \
    'process.stdout.write(String(JSON.parse(require("fs").readFileSync(0)).Table.VersionId))')
  basin --json jobs run copy_payment --wait | check_json "
    d.JobRun.JobRunState === 'SUCCEEDED' && d.JobRun.Metrics.RowsWritten === 0 &&
    d.JobRun.Metrics.FilesWritten === 0 && d.JobRun.Log.includes('no new data')"
  basin --json catalog table "$copy" | check_json "String(d.Table.VersionId) === '$version'"
  basin jobs show copy_payment | grep -q "database-keys.*(payment_id) = ($((20000 + 37)))"

  # Reset: the next run reads the whole table again and appends it: every row twice.
  basin jobs reset-bookmark copy_payment | grep -q "reset the bookmarks of job copy_payment (1"
  basin --json jobs run copy_payment --wait | check_json "
    d.JobRun.JobRunState === 'SUCCEEDED' && d.JobRun.Metrics.RowsWritten === $((rows + 37))"
  expect_equal "$(scalar "SELECT count(*) FROM $copy")" "$((2 * (rows + 37)))"
  expect_equal "$(scalar "SELECT count(DISTINCT payment_id) FROM $copy")" "$((rows + 37))"
  "$BASIN_REPO/scripts/$kind-server.sh" stop "$server" > /dev/null 2>&1
  echo "  $kind: ok"
}

for kind in ${ETL_BOOKMARKS:-pg mariadb}; do check_server "$kind"; done
echo "etl_bookmarks: ok"
