#!/usr/bin/env bash
# Split database scans against real PostgreSQL 15 and MariaDB servers: the split-scan gtests
# (sql_exec_test, SplitScanTest on the server: ranges of a nullable column, of the primary key
# with pushed filters and a projection, an empty table, bad split columns) each equal to an
# unsplit scan; then a raw-copy job whose DAG splits the source (SplitColumn/Splits) and cuts
# files at 1 MiB (TargetFileSizeBytes): several files, and exactly the server's rows.
set -euo pipefail
: "${BASIN:?path of the basin binary}" "${BASIN_REPO:?}" "${BASIN_BUILD:?}"
tests_binary="$BASIN_BUILD/tests/sql_exec_test"
[[ -x "$tests_binary" ]] || { echo "missing $tests_binary: build target sql_exec_test"; exit 1; }
# shellcheck source=lib/common.sh
. "$BASIN_REPO/tests/integration/lib/common.sh"
it_home

scalar() { basin sql -c "$1" --output csv 2>/dev/null | tail -n 1 | tr -d '"\r'; }

# The gtests' tables (as CreateSqliteTables in scan_database_split_test.cpp) and big_t, 300,000
# rows of poorly compressible text for the file-size check. $1 and $2: the server's
# generators of the integers 1..10,000 and 1..300,000 as FROM items with the column `i`; $3:
# its expression for a text hash of `i`.
tables_sql() {
  local rows_10k="$1" rows_300k="$2" hash="$3"
  cat <<SQL
CREATE TABLE split_t (id bigint PRIMARY KEY, k bigint, v varchar(40));
CREATE TABLE empty_t (id bigint PRIMARY KEY, k bigint, v varchar(40));
CREATE TABLE big_t (id bigint PRIMARY KEY, note varchar(40));
INSERT INTO split_t SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE i * 37 % 2001 - 1000 END,
  CONCAT('v', i) FROM $rows_10k;
INSERT INTO big_t SELECT i, $hash FROM $rows_300k;
SQL
}

# check_job KIND URL INCLUDE PASSWORD_VAR: crawl big_t, copy it with 3 splits on id into
# files cut at 1 MiB, and compare with the server's table.
check_job() {
  local kind="$1" url="$2" include="$3" password_var="$4"
  basin connections create "src_$kind" --url "$url" --user basin --password-env "$password_var" \
    > /dev/null
  basin crawlers create "crawl_$kind" --connection "src_$kind" --include "$include" \
    --database "db_$kind" > /dev/null
  basin crawlers run "crawl_$kind" --wait --quiet
  local table
  table=$(basin --json catalog tables "db_$kind" | node -e '
    const d = JSON.parse(require("fs").readFileSync(0, "utf8"));
    console.log(d.TableList.map((t) => t.Name).find((n) => n.endsWith("big_t")));')
  basin jobs create "copy_$kind" --from-table "db_$kind.$table" --to "$work/lake/$kind" \
    --target-table "db_$kind.lake_big" > /dev/null
  basin --json jobs show "copy_$kind" | node -e '
    const dag = JSON.parse(JSON.parse(require("fs").readFileSync(0, "utf8")).Job.Dag);
    for (const node of Object.values(dag)) {
      const [kind, body] = Object.entries(node)[0];
      if (kind === "CatalogSource") { body.SplitColumn = "id"; body.Splits = 3; }
      if (kind === "LakeTarget") body.TargetFileSizeBytes = 1048576;
    }
    console.log(JSON.stringify(dag));' > "$work/dag_$kind.json"
  basin jobs update "copy_$kind" --dag-file "$work/dag_$kind.json" > /dev/null
  basin --json jobs run "copy_$kind" --wait | check_json \
    'd.JobRun.JobRunState === "SUCCEEDED" && d.JobRun.Metrics.RowsWritten === 300000'
  local files
  files=$(find "$work/lake/$kind" -name '*.parquet' | wc -l)
  [[ $files -ge 4 ]] || { echo "$kind: $files files; expected several of about 1 MiB"; exit 1; }
  expect_equal "$(scalar "SELECT count(*) FROM db_$kind.lake_big"),$(scalar \
    "SELECT count(DISTINCT id) FROM db_$kind.lake_big")" "300000,300000"
  expect_equal "$(scalar "SELECT count(*) FROM (SELECT * FROM db_$kind.lake_big EXCEPT \
    SELECT * FROM db_$kind.$table)")" "0"
}

# PostgreSQL
pg="$work/pg"
it_on_exit "\"\$BASIN_REPO/scripts/pg-server.sh\" stop \"$pg\" >/dev/null 2>&1"
port=$("$BASIN_REPO/scripts/pg-server.sh" start "$pg")
set -a
# shellcheck disable=SC1091
. "$pg/env"
set +a
tables_sql "generate_series(1, 10000) AS g(i)" "generate_series(1, 300000) AS g(i)" \
  "md5(i::text)" | psql -q -v ON_ERROR_STOP=1
BASIN_TEST_SPLIT_URL="jdbc:postgresql://127.0.0.1:$port/basin" BASIN_TEST_SPLIT_USER=basin \
  BASIN_TEST_SPLIT_PASSWORD_ENV=PGPASSWORD BASIN_TEST_SPLIT_SCHEMA=public \
  it_server_gtests "$tests_binary" --gtest_filter='Sources/SplitScanTest.*/1'
check_job pg "jdbc:postgresql://127.0.0.1:$port/basin" "basin/public/big_t" PGPASSWORD
"$BASIN_REPO/scripts/pg-server.sh" stop "$pg" > /dev/null

# MariaDB
maria="$work/mariadb"
it_on_exit "\"\$BASIN_REPO/scripts/mariadb-server.sh\" stop \"$maria\" >/dev/null 2>&1"
port=$("$BASIN_REPO/scripts/mariadb-server.sh" start "$maria")
set -a
# shellcheck disable=SC1091
. "$maria/env"
set +a
tables_sql "(SELECT CAST(seq AS SIGNED) AS i FROM seq_1_to_10000) AS g" \
  "(SELECT CAST(seq AS SIGNED) AS i FROM seq_1_to_300000) AS g" \
  "md5(i)" | mariadb --no-defaults -h 127.0.0.1 -P "$port" -u basin basin
BASIN_TEST_SPLIT_URL="jdbc:mysql://127.0.0.1:$port/basin" BASIN_TEST_SPLIT_USER=basin \
  BASIN_TEST_SPLIT_PASSWORD_ENV=MYSQL_PWD BASIN_TEST_SPLIT_SCHEMA=basin \
  it_server_gtests "$tests_binary" --gtest_filter='Sources/SplitScanTest.*/1'
check_job mariadb "jdbc:mysql://127.0.0.1:$port/basin" "basin/big_t" MYSQL_PWD
echo "scan_splits: ok"
