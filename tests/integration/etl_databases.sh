#!/usr/bin/env bash
# ETL raw copies from real PostgreSQL 15 and MariaDB servers holding the movie-rental fixture
# (plus rows with quotes, unicode, newlines, empty strings, NULLs, extreme decimals and
# timestamps before 1970 and after 2038): the six walkthrough tables (film, category,
# film_category, customer, rental, payment) are crawled, copied by `basin jobs` into Parquet,
# and each copy must equal its source
#   - through the SQL engine: same count, EXCEPT both ways against the catalogued database
#     table, and the same column types in the catalog;
#   - through the server's own client: the rows psql / mariadb print, ordered by the key,
#     equal the rows `basin sql` prints from the lake copy, and so do the counts.
# Then, in each server, a generated 2.5M-row table: a run killed with SIGKILL mid-write leaves
# no visible file, no table and a run that did not succeed; the rerun succeeds with each row
# once and removes the killed run's staging folder; a killed append leaves the table as it was.
# ETL_DATABASES=pg or =mariadb runs one server only.
set -euo pipefail
: "${BASIN:?path of the basin binary}" "${BASIN_REPO:?path of the repository}"
# shellcheck source=lib/common.sh
. "$BASIN_REPO/tests/integration/lib/common.sh"
# shellcheck source=lib/etl.sh
. "$BASIN_REPO/tests/integration/lib/etl.sh"

tables=(film category film_category customer rental payment)
declare -A keys=([film]=film_id [category]=category_id [film_category]="film_id, category_id"
                 [customer]=customer_id [rental]=rental_id [payment]=payment_id)

# One value from a query.
scalar() {
  basin sql -c "$1" --output csv 2> "$work/sql.err" | tail -n 1 | tr -d '"\r'
  [[ ${PIPESTATUS[0]} == 0 ]] || { cat "$work/sql.err" >&2; return 1; }
}

# The server's answer to a query as CSV the way `basin sql --output csv` prints it: a header,
# RFC 4180 quoting, NULL as an empty field, an empty string as "".
server_csv() {
  if [[ $kind == pg ]]; then
    # psql prints NULL and '' alike unless NULL has a marker of its own: requoted here.
    psql -X -q -v ON_ERROR_STOP=1 -d movies --csv -P null='<NULL>' -c "$1" | node -e '
      const text = require("fs").readFileSync(0, "utf8");
      const field = (value, quoted) =>
        !quoted && value === "<NULL>" ? "" :
        value === "" || /[,"\n\r]/.test(value) ? "\"" + value.replace(/"/g, "\"\"") + "\"" :
        value;
      let out = "", value = "", quoted = false, inside = false;
      for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (inside) {
          if (c === "\"" && text[i + 1] === "\"") { value += c; i++; }
          else if (c === "\"") inside = false;
          else value += c;
        } else if (c === "\"") { inside = quoted = true; }
        else if (c === "," || c === "\n") {
          out += field(value, quoted) + c; value = ""; quoted = false;
        } else value += c;
      }
      if (value !== "" || quoted) out += field(value, quoted);
      process.stdout.write(out);'
  else
    # --batch: tab-separated, NULL as NULL, tab/newline/backslash escaped as \t \n \\.
    my --batch movies -e "$1" | awk -F'\t' -v OFS=, '{
      for (i = 1; i <= NF; i++) {
        f = $i; out = ""
        if (NR > 1 && f == "NULL") { $i = ""; continue }
        for (j = 1; j <= length(f); j++) {
          c = substr(f, j, 1)
          if (c == "\\" && j < length(f)) {
            j++; c = substr(f, j, 1)
            if (c == "n") c = "\n"; else if (c == "t") c = "\t"; else if (c == "0") c = "\0"
          }
          out = out c
        }
        if (out == "" || out ~ /[,"\n\r]/) { gsub(/"/, "\"\"", out); out = "\"" out "\"" }
        $i = out
      }
      print }'
  fi
}
my() { mariadb --no-defaults --default-character-set=utf8mb4 -h 127.0.0.1 -P "$port" -u "$MYSQL_USER" -p"$MYSQL_PWD" "$@"; }
server_scalar() { server_csv "$1" | tail -n 1; }

# The server-side select list of a table whose rows print as Basin prints the lake copy's:
# booleans as true/false, PostgreSQL arrays as [a, b], timestamptz in UTC without "+00".
server_columns() {
  case "$kind:$1" in
    pg:film) echo "film_id, title, description, release_year, language_id, rental_duration,
      rental_rate, length, replacement_cost, rating,
      CASE WHEN special_features IS NULL THEN NULL
           ELSE '[' || array_to_string(special_features, ', ') || ']' END AS special_features,
      last_update" ;;
    pg:customer | mariadb:customer) echo "customer_id, store_id, first_name, last_name, email,
      address_id, CASE WHEN active THEN 'true' ELSE 'false' END AS active, create_date,
      last_update" ;;
    pg:payment) echo "payment_id, customer_id, staff_id, rental_id, amount,
      payment_date AT TIME ZONE 'UTC' AS payment_date" ;;
    *) echo "*" ;;
  esac
}

# Rows that stress the types, the same in both dialects where the types allow.
extra_rows_pg() {
  psql -X -q -v ON_ERROR_STOP=1 -d movies <<'SQL'
INSERT INTO category VALUES (17, 'Ça "va" — 日本 🎬', '2024-02-29 23:59:59.123456');
INSERT INTO film (film_id, title, description, release_year, language_id, rental_duration,
                  rental_rate, length, replacement_cost, rating, special_features, last_update)
VALUES (1001, 'O''Brien says "hi", naïve café 🎬', E'line one\nline two, with a \\ backslash',
        NULL, 1, 3, 0.00, NULL, 999.99, NULL, ARRAY['Commentaries', 'Behind the Scenes'],
        '1999-12-31 23:59:59.999999'),
       (1002, '', '', 2155, 2, 32767, 99.99, 0, 0.01, 'NC-17', ARRAY['Trailers'],
        '1970-01-01 00:00:00');
INSERT INTO film_category VALUES (1001, 17, '2024-02-29 12:00:00'), (1002, 17, '2024-02-29 12:00:00');
INSERT INTO customer VALUES (600, 2, 'Zoë', 'O''Hara, "Jr."', '', 1, false, '1969-12-31', NULL);
INSERT INTO rental VALUES (16001, '1969-07-20 20:17:40.5', 1, 600, NULL, 1, '2038-01-19 03:14:08');
INSERT INTO payment VALUES (16001, 600, 1, NULL, -999.99, '2038-01-19 03:14:08.25+00'),
                           (16002, 600, 2, 16001, 999.99, '1969-12-31 23:59:59+00');
SQL
}
extra_rows_mariadb() {
  my movies <<'SQL'
INSERT INTO category VALUES (17, 'Ça "va" — 日本 🎬', '2024-02-29 23:59:59');
INSERT INTO film (film_id, title, description, release_year, language_id, rental_duration,
                  rental_rate, length, replacement_cost, rating, special_features, last_update)
VALUES (1001, 'O''Brien says "hi", naïve café 🎬', 'line one\nline two, with a \\ backslash',
        NULL, 1, 3, 0.00, NULL, 999.99, NULL, 'Commentaries,Behind the Scenes',
        '2000-01-01 00:00:00'),
       (1002, '', '', 2155, 255, 255, 99.99, 65535, 0.01, 'NC-17', '', '2038-01-19 03:14:07');
INSERT INTO film_category VALUES (1001, 17, '2024-02-29 12:00:00'), (1002, 17, '2024-02-29 12:00:00');
INSERT INTO customer VALUES (600, 2, 'Zoë', 'O''Hara, "Jr."', '', 1, false, '1969-12-31', NULL);
INSERT INTO rental VALUES (16001, '1969-07-20 20:17:40', 1, 600, NULL, 1, '2038-01-19 03:14:07');
INSERT INTO payment VALUES (16001, 600, 1, NULL, -999.99, '2038-01-19 03:14:08'),
                           (16002, 600, 2, 16001, 999.99, '1969-12-31 23:59:59'),
                           (65535, 600, 255, NULL, 0.00, '9999-12-31 23:59:59');
SQL
}

# The catalogued table's columns as name:type.
columns_of() {
  basin --json catalog table "$1" | node -e '
    const d = JSON.parse(require("fs").readFileSync(0, "utf8"));
    console.log(d.Table.StorageDescriptor.Columns.map((c) => c.Name + ":" + c.Type).join())'
}

# check_copy TABLE: the lake copy equals the source, through the engine and through the server.
check_copy() {
  local t=$1 source="aurora_movie_rental.${prefix}$1" copy="aurora_movie_rental.s3_$1"
  local server_count expected actual
  local count source_count missing extra
  IFS=, read -r count source_count missing extra <<<"$(scalar "
    SELECT (SELECT count(*) FROM $copy), (SELECT count(*) FROM $source),
           (SELECT count(*) FROM (SELECT * FROM $source EXCEPT SELECT * FROM $copy)),
           (SELECT count(*) FROM (SELECT * FROM $copy EXCEPT SELECT * FROM $source))")"
  server_count=$(server_scalar "SELECT count(*) AS n FROM $t")
  [[ $count -gt 0 && $count == "$server_count" ]] ||
    { echo "$kind $t: the copy has $count rows, the server $server_count" >&2; exit 1; }
  [[ $source_count == "$count" ]] ||
    { echo "$kind $t: the engine counts $source_count source rows, $count copied" >&2; exit 1; }
  [[ $missing == 0 ]] || { echo "$kind $t: the source has $missing rows the copy lacks" >&2; exit 1; }
  [[ $extra == 0 ]] || { echo "$kind $t: the copy has $extra rows the source lacks" >&2; exit 1; }
  [[ $(columns_of "$copy") == "$(columns_of "$source")" ]] ||
    { echo "$kind $t: types changed: $(columns_of "$source") -> $(columns_of "$copy")" >&2; exit 1; }
  expected=$(server_csv "SELECT $(server_columns "$t") FROM $t ORDER BY ${keys[$t]}")
  actual=$(basin sql --output csv -c "SELECT * FROM $copy ORDER BY ${keys[$t]}" \
             2> "$work/sql.err") || { cat "$work/sql.err" >&2; exit 1; }
  if [[ "$expected" != "$actual" ]]; then
    echo "$kind $t: the lake copy differs from the server's rows"
    diff <(echo "$expected") <(echo "$actual") | head -20
    exit 1
  fi
  echo "  $kind $t: $count rows equal"
}

# kill_mid_write JOB FOLDER: starts a run, SIGKILLs it once a file is being written in the
# write's staging folder under FOLDER.
kill_mid_write() {
  local job=$1 folder=$2 pid runner killed
  # The binary itself in the background (not the basin function's subshell): $! is its pid.
  "$BASIN" --home "$home" jobs run "$job" --wait --quiet > /dev/null 2>&1 &
  pid=$!
  for _ in $(seq 3000); do
    [[ -n $(find "$folder" -path '*/.basin-staging-*' -type f 2>/dev/null) ]] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  # The process the run record names (the CLI itself today; a detached runner would differ).
  runner=$(basin --json jobs runs "$job" | node -e '
    const d = JSON.parse(require("fs").readFileSync(0, "utf8"));
    console.log(d.JobRuns[0].JobRunState === "RUNNING" ? d.JobRuns[0].ProcessId : 0)')
  killed=0
  [[ $runner -gt 0 ]] && kill -9 "$runner" 2>/dev/null && killed=1
  kill -9 "$pid" 2>/dev/null && killed=1
  [[ $killed == 1 ]] ||
    { echo "$job ended before it could be killed mid-write: make the table bigger" >&2; exit 1; }
  { wait "$pid"; } 2> /dev/null || true  # bash's "Killed" notice is expected
  [[ -n $(find "$folder" -path '*/.basin-staging-*' -type f) ]] ||
    { echo "$job was not killed while writing" >&2; exit 1; }
}

# Files a scan of FOLDER sees (hidden staging folders and temporaries excluded).
visible_files() {
  find "$1" -type f -not -path '*/.*' 2>/dev/null | sort
}

sigkill_checks() {
  local lake=$1 big=aurora_movie_rental.s3_big_payment rows
  rows=$(server_scalar "SELECT count(*) FROM big_payment")
  basin jobs create copy_big --from-table "aurora_movie_rental.${prefix}big_payment" \
    --to "$lake/big_payment" --target-table "$big" > /dev/null

  # 1. Killed while the first run's CTAS writes: nothing visible, no table, no success.
  kill_mid_write copy_big "$lake/big_payment"
  [[ -z $(visible_files "$lake/big_payment") ]] ||
    { echo "the killed run left visible files: $(visible_files "$lake/big_payment")" >&2; exit 1; }
  basin --json catalog tables aurora_movie_rental | check_json \
    '!d.TableList.some((t) => t.Name === "s3_big_payment")'
  expect_failure 12 "does not exist" basin sql -c "SELECT count(*) FROM $big"
  basin --json jobs runs copy_big | check_json \
    'd.JobRuns.length === 1 && d.JobRuns[0].JobRunState !== "SUCCEEDED"'

  # The rerun: succeeds, each row exactly once, the killed run's staging folder removed and
  # the killed run recorded as FAILED.
  basin --json jobs run copy_big --wait | check_json \
    "d.JobRun.JobRunState === 'SUCCEEDED' && d.JobRun.Metrics.RowsWritten === $rows"
  expect_equal "$(scalar "SELECT count(*) FROM $big")" "$rows"
  expect_equal "$(scalar "SELECT count(DISTINCT payment_id) FROM $big")" "$rows"
  expect_equal "$(scalar "SELECT sum(amount) FROM $big")" \
    "$(server_scalar "SELECT sum(amount) FROM big_payment")"
  [[ -z $(find "$lake/big_payment" -name '.basin-staging-*') ]] ||
    { echo "a staging folder outlived the rerun: $(find "$lake/big_payment" -name '.basin-*')" >&2; exit 1; }
  basin --json jobs runs copy_big | check_json '
    d.JobRuns.length === 2 && d.JobRuns[0].JobRunState === "SUCCEEDED" &&
    d.JobRuns[1].JobRunState === "FAILED" && d.JobRuns[1].ErrorMessage !== ""'

  # 2. Killed while appending to the existing table: the table stays as it was.
  local before
  before=$(visible_files "$lake/big_payment")
  kill_mid_write copy_big "$lake/big_payment"
  expect_equal "$(visible_files "$lake/big_payment")" "$before"
  expect_equal "$(scalar "SELECT count(*) FROM $big")" "$rows"
  basin --json jobs runs copy_big | check_json \
    'd.JobRuns.length === 3 && d.JobRuns[0].JobRunState !== "SUCCEEDED"'
  echo "  $kind: SIGKILL mid-write left nothing visible; the rerun wrote $rows rows once"
}

check_server() {
  kind=$1
  local started=$SECONDS lake="$work/lake-$1" t
  it_movies_server "$kind"
  it_home "$work/home-$kind"
  "extra_rows_$kind"
  if [[ $kind == pg ]]; then
    # Big enough that writing it takes a while: the SIGKILL lands mid-write.
    psql -X -q -v ON_ERROR_STOP=1 -d movies -c "
      CREATE UNLOGGED TABLE big_payment (payment_id integer NOT NULL, customer_id integer NOT NULL,
        amount numeric(7,2) NOT NULL, payment_date timestamp NOT NULL, note text);
      INSERT INTO big_payment
      SELECT i, 1 + i % 599, (i % 100000) / 100.0,
             timestamp '2005-05-24 22:53:30' + i * interval '1 second',
             CASE WHEN i % 10 = 0 THEN NULL ELSE 'note ' || i END
      FROM generate_series(1, 2500000) i"
  else
    # The same rows from MariaDB's sequence engine (InnoDB, as the fixture's tables).
    my movies -e "
      CREATE TABLE big_payment (payment_id int NOT NULL PRIMARY KEY, customer_id int NOT NULL,
        amount decimal(7,2) NOT NULL, payment_date datetime NOT NULL, note varchar(40));
      INSERT INTO big_payment
      SELECT seq, 1 + seq % 599, (seq % 100000) / 100.0,
             timestamp '2005-05-24 22:53:30' + INTERVAL seq SECOND,
             CASE WHEN seq % 10 = 0 THEN NULL ELSE concat('note ', seq) END
      FROM seq_1_to_2500000"
  fi
  etl_crawl_movies "$kind" % '*act*'

  for t in "${tables[@]}"; do
    basin jobs create "copy_$t" --from-table "aurora_movie_rental.$prefix$t" --to "$lake/$t" \
      --target-table "aurora_movie_rental.s3_$t" > /dev/null
    basin --json jobs run "copy_$t" --wait | check_json "
      d.JobRun.JobRunState === 'SUCCEEDED' &&
      d.JobRun.Metrics.RowsWritten === $(server_scalar "SELECT count(*) FROM $t")"
  done
  for t in "${tables[@]}"; do check_copy "$t"; done

  sigkill_checks "$lake"
  "$BASIN_REPO/scripts/$kind-server.sh" stop "$server" > /dev/null 2>&1
  echo "  $kind: $((SECONDS - started)) s"
}

for kind in ${ETL_DATABASES:-pg mariadb}; do check_server "$kind"; done
echo "etl_databases: ok"
