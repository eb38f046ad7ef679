#!/usr/bin/env bash
# Job bookmarks against real PostgreSQL 15 and MariaDB servers holding the movie-rental
# fixture: a bookmarked raw copy of payment copies the whole table; rows inserted on the server
# afterwards are all the second run copies (its RowsWritten is the inserted count, the lake
# copy equals the source row for row with each key once); a run with nothing new succeeds and
# writes nothing; `jobs show` shows the bookmark; after `jobs reset-bookmark` the next run
# copies everything again — into an append target, so the copy then holds every row twice.
# Timestamp and composite keys: the range reaches the server (check_pushdown).
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

# Bookmark ranges reach the server's WHERE for a timestamp key and for the first column of a
# composite (int, int) key: the second run's RowsRead (rows the source sent) is the inserted
# rows (plus, for the composite key, the old rows sharing the bookmark's first key value), not
# the table; the copies stay exact. EXPLAIN shows what a scan pushes.
check_pushdown() {
  local lake="$1" events pairs tail_rows
  if [[ $kind == pg ]]; then
    server "CREATE TABLE pd_events (ts timestamp(6) PRIMARY KEY, note text);
      INSERT INTO pd_events SELECT timestamp '2024-01-01' + n * interval '1 second'
        + n * interval '123 microseconds', 'e' || n FROM generate_series(1, 500) n;
      CREATE TABLE pd_pairs (a int, b int, note text, PRIMARY KEY (a, b));
      INSERT INTO pd_pairs SELECT a, b, 'p' FROM generate_series(1, 20) a, generate_series(1, 25) b"
    basin crawlers create pd --connection movies_db --include "movies/public/pd_%" \
      --database aurora_movie_rental > /dev/null
  else
    server "CREATE TABLE pd_events (ts datetime(6) PRIMARY KEY, note text);
      INSERT INTO pd_events SELECT timestamp '2024-01-01 00:00:00' + interval seq second
        + interval (seq * 123) microsecond, concat('e', seq) FROM seq_1_to_500;
      CREATE TABLE pd_pairs (a int, b int, note text, PRIMARY KEY (a, b));
      INSERT INTO pd_pairs SELECT x.seq, y.seq, 'p' FROM seq_1_to_20 x, seq_1_to_25 y"
    basin crawlers create pd --connection movies_db --include "movies/pd_%" \
      --database aurora_movie_rental > /dev/null
  fi
  basin crawlers run pd --wait --quiet
  events="aurora_movie_rental.${prefix}pd_events" pairs="aurora_movie_rental.${prefix}pd_pairs"

  # EXPLAIN prints the pushed comparisons (timestamp and decimal ones on these servers).
  basin sql -c "EXPLAIN SELECT note FROM $events WHERE ts > TIMESTAMP '2024-01-01 00:01:00.5'" \
    > "$work/explain.txt" 2> /dev/null
  grep -q "where \[ts > '2024-01-01 00:01:00.5'\]" "$work/explain.txt"
  basin sql -c "EXPLAIN SELECT payment_id FROM aurora_movie_rental.${prefix}payment
    WHERE amount >= CAST('5.99' AS decimal(5,2))" > "$work/explain.txt" 2> /dev/null
  grep -q "where \[amount >= 5.99\]" "$work/explain.txt"
  expect_equal \
    "$(scalar "SELECT count(*) FROM $events WHERE ts > TIMESTAMP '2024-01-01 00:01:00.5'")" \
    "$(server "SELECT count(*) FROM pd_events WHERE ts > '2024-01-01 00:01:00.5'")"

  local name
  for name in events pairs; do
    basin jobs create "copy_$name" --from-table "aurora_movie_rental.${prefix}pd_$name" \
      --to "$lake/pd_$name" --target-table "aurora_movie_rental.s3_pd_$name" \
      --bookmark enable > /dev/null
    basin --json jobs run "copy_$name" --wait | check_json "
      d.JobRun.JobRunState === 'SUCCEEDED' && d.JobRun.Metrics.RowsRead === 500 &&
      d.JobRun.Metrics.RowsWritten === 500"
  done

  server "INSERT INTO pd_events SELECT ts + interval '1' hour, concat(note, 'b') FROM pd_events
          WHERE note IN ('e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7')"
  basin --json jobs run copy_events --wait > "$work/events.json"
  echo "  $kind: second run of a timestamp key: $(node -e 'const m = JSON.parse(require("fs")
    .readFileSync(0)).JobRun.Metrics; process.stdout.write(`RowsRead ${m.RowsRead}`)' \
    < "$work/events.json") (table $(server "SELECT count(*) FROM pd_events"))"
  check_json "d.JobRun.JobRunState === 'SUCCEEDED' && d.JobRun.Metrics.RowsRead === 7 &&
    d.JobRun.Metrics.RowsWritten === 7" < "$work/events.json"
  same_rows "$events" aurora_movie_rental.s3_pd_events

  # Rows after the bookmark (20, 25) within a = 20 and with larger a; the pushed a >= 20 also
  # sends the old rows whose a is 20.
  tail_rows=$(server "SELECT count(*) FROM pd_pairs WHERE a = 20")
  server "INSERT INTO pd_pairs SELECT a, b + 5, 'q' FROM pd_pairs WHERE a = 20 AND b > 20"
  server "INSERT INTO pd_pairs SELECT a + 2, b, 'r' FROM pd_pairs WHERE a >= 19 AND b <= 5"
  basin --json jobs run copy_pairs --wait > "$work/pairs.json"
  echo "  $kind: second run of a composite key: $(node -e 'const m = JSON.parse(require("fs")
    .readFileSync(0)).JobRun.Metrics; process.stdout.write(`RowsRead ${m.RowsRead}`)' \
    < "$work/pairs.json") (table $(server "SELECT count(*) FROM pd_pairs"))"
  check_json "d.JobRun.JobRunState === 'SUCCEEDED' && d.JobRun.Metrics.RowsWritten === 15 &&
    d.JobRun.Metrics.RowsRead === 15 + $tail_rows" < "$work/pairs.json"
  same_rows "$pairs" aurora_movie_rental.s3_pd_pairs
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
  check_pushdown "$lake"
  "$BASIN_REPO/scripts/$kind-server.sh" stop "$server" > /dev/null 2>&1
  echo "  $kind: ok"
}

for kind in ${ETL_BOOKMARKS:-pg mariadb}; do check_server "$kind"; done
echo "etl_bookmarks: ok"
