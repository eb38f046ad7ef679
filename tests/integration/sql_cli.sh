#!/usr/bin/env bash
# basin sql end to end: -c, -f (stopping at the first error with its statement number), stdin,
# --output table|csv|json|parquet, --json with the query id and the result saved under
# <home>/results/, --database, --threads, --memory-limit, exit codes (InvalidInput 11,
# NotFound 12, ResourceExhausted 21), and a Hive-partitioned Parquet dataset written by
# DuckDB, catalogued with CREATE EXTERNAL TABLE + MSCK REPAIR TABLE and queried, with
# DuckDB's answers on the same files as the expectation.
set -euo pipefail
: "${BASIN:?path of the basin binary}"
: "${BASIN_REPO:?path of the repository}"
# shellcheck source=lib/common.sh
. "$BASIN_REPO/tests/integration/lib/common.sh"
it_home

# DDL and a query in one -c; the aligned table goes to stdout, statistics to stderr.
basin sql -c "CREATE DATABASE shop; CREATE TABLE shop.items AS
  SELECT * FROM (VALUES (1, 'apple', 0.50), (2, 'pear, green', 1.25), (3, NULL, 2.00))
  AS t(id, name, price)" > /dev/null 2>&1
out="$(basin sql --database shop -c "SELECT id, name FROM items ORDER BY id" 2> "$work/err")"
expect_equal "$out" "$(printf 'id  name       \n--  -----------\n1   apple      \n2   pear, green\n3   NULL       ' | sed 's/ *$//')"
grep -qF "(3 rows," "$work/err" || { echo "no row count on stderr"; cat "$work/err"; exit 1; }

# CSV: quoted where needed, NULL as an empty field.
out="$(basin sql --database shop --output csv -c "SELECT id, name, price FROM items ORDER BY id" 2>/dev/null)"
expect_equal "$out" "$(printf 'id,name,price\n1,apple,0.50\n2,"pear, green",1.25\n3,,2.00')"
# An empty string is quoted, so it does not read back as NULL.
expect_equal "$(basin sql --output csv -c "SELECT '' AS e, NULL AS n" 2>/dev/null)" \
  "$(printf 'e,n\n"",')"

# JSON rows.
basin sql --database shop --output json -c "SELECT id, name FROM items ORDER BY id" 2>/dev/null |
  check_json 'd.length === 3 && d[1].name === "pear, green" && d[2].name === null && d[0].id === 1'

# --json: one document per statement with the query id; the result is saved as CSV.
basin --json sql -c "SELECT count(*) AS n FROM shop.items" > "$work/doc.json"
check_json 'd.rows[0].n === 3 && d.columns[0].type === "bigint" && d.query_id.length > 0' \
  < "$work/doc.json"
id="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(0, "utf8")).query_id)' \
  < "$work/doc.json")"
expect_equal "$(cat "$home/results/$id.csv")" "$(printf '"n"\n"3"')"

# Parquet output, read back by DuckDB.
basin sql --database shop --output parquet --out "$work/items.parquet" \
  -c "SELECT id, price FROM items WHERE id < 3" 2>/dev/null
(cd "$BASIN_REPO/tests/node" && node -e '
  import("@duckdb/node-api").then(async ({ DuckDBInstance }) => {
    const c = await (await DuckDBInstance.create(":memory:")).connect();
    const r = await c.runAndReadAll(`SELECT count(*)::INT, sum(price)::VARCHAR FROM "${process.argv[1]}"`);
    const [n, total] = r.getRows()[0];
    if (n !== 2 || total !== "1.75") { console.error("parquet output", n, total); process.exit(1); }
  });' "$work/items.parquet")

# A script stops at the first failing statement, naming its number and line.
printf 'SELECT 1;\nCREATE DATABASE made;\n\nSELECT * FROM nowhere;\nCREATE DATABASE never;\n' \
  > "$work/script.sql"
expect_failure 12 "statement 3 (line 4)" basin sql -f "$work/script.sql"
basin catalog databases | grep -q made || { echo "statement 2 did not run"; exit 1; }
if basin catalog databases | grep -q never; then echo "statement 4 ran"; exit 1; fi

# Errors: syntax with line and column, unknown names, a missing current database.
expect_failure 11 "line 1, column 8" basin sql -c "SELECT FROM items"
expect_failure 11 "did you mean 'name'" basin sql --database shop -c "SELECT nme FROM items"
expect_failure 12 "nowhere" basin sql --database nowhere -c "SHOW TABLES"

# A query over its --memory-limit fails with ResourceExhausted (exit 21), naming the limit.
basin sql -c "CREATE TABLE digits AS SELECT * FROM (VALUES (0), (1), (2), (3), (4), (5), (6),
  (7), (8), (9)) AS t(d)" > /dev/null 2>&1
expect_failure 21 "memory limit" basin sql --memory-limit 1KB --output csv \
  -c "SELECT a.d, b.d, c.d FROM digits a, digits b, digits c ORDER BY 1, 2, 3"
out="$(basin sql --threads 1 --output csv -c "SELECT count(*) FROM digits a, digits b" 2>/dev/null)"
expect_equal "$out" "$(printf '_col0\n100')"

# A script on stdin when it is not a terminal.
out="$(echo "SELECT 40 + 2 AS answer;" | basin sql --output csv 2>/dev/null)"
expect_equal "$out" "$(printf 'answer\n42')"

# A Hive-partitioned dataset written by DuckDB, found by MSCK REPAIR TABLE.
lake="$work/lake/events"
mkdir -p "$work/lake"
(cd "$BASIN_REPO/tests/node" && node -e '
  import("@duckdb/node-api").then(async ({ DuckDBInstance }) => {
    const c = await (await DuckDBInstance.create(":memory:")).connect();
    await c.run(`COPY (SELECT i AS id, (i * 7) % 100 AS amount, [\x27eu\x27, \x27us\x27, \x27asia\x27][i % 3 + 1] AS region
                 FROM range(1, 1001) t(i)) TO \x27${process.argv[1]}\x27 (FORMAT PARQUET, PARTITION_BY (region))`);
    const r = await c.runAndReadAll(`SELECT region, count(*)::VARCHAR, sum(amount)::VARCHAR FROM read_parquet(\x27${process.argv[1]}/*/*.parquet\x27, hive_partitioning = true) GROUP BY region ORDER BY region`);
    console.log(r.getRows().map((row) => row.join(",")).join("\n"));
  });' "$lake") > "$work/expected.csv"
basin sql -c "CREATE EXTERNAL TABLE events (id bigint, amount bigint) PARTITIONED BY (region string)
  STORED AS PARQUET LOCATION '$lake'; MSCK REPAIR TABLE events" > /dev/null 2>&1
expect_equal "$(basin sql --output csv -c "SHOW PARTITIONS events" 2>/dev/null)" \
  "$(printf 'partition\nregion=asia\nregion=eu\nregion=us')"
out="$(basin sql --output csv -c "SELECT region, count(*), sum(amount) FROM events
  GROUP BY region ORDER BY region" 2>/dev/null | tail -n +2)"
expect_equal "$out" "$(cat "$work/expected.csv")"
echo "sql_cli: ok"
