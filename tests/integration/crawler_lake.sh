#!/usr/bin/env bash
# basin crawlers over a lake written by DuckDB (the oracle): Hive-partitioned Parquet in two
# levels, CSV with and without a header, JSON lines, a Grok classifier over log files, a
# corrupt file, an empty folder; record counts checked against DuckDB's; then a re-crawl of
# new folders only.
set -euo pipefail
: "${BASIN:?path of the basin binary}"
: "${BASIN_REPO:?path of the repository}"
# shellcheck source=lib/common.sh
. "$BASIN_REPO/tests/integration/lib/common.sh"
it_home
lake="$work/lake"

duck() {
  (cd "$BASIN_REPO/tests/node" && node --input-type=module -e '
    import { DuckDBInstance } from "@duckdb/node-api";
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    const reader = await c.runAndReadAll(process.argv[1]);
    const rows = reader.getRows();
    if (rows.length) console.log(rows.map((r) => r.join(",")).join("\n"));' "$1")
}

mkdir -p "$lake/customers" "$lake/events" "$lake/clicks" "$lake/app/day=1" "$lake/app/day=2" \
  "$lake/empty" "$lake/broken"
duck "COPY (SELECT i AS id, i * 1.5 AS amount, 2023 + i % 2 AS year, 1 + i % 3 AS month
             FROM range(1000) t(i))
      TO '$lake/sales' (FORMAT parquet, PARTITION_BY (year, month))" > /dev/null
duck "COPY (SELECT i AS customer_id, 'name ' || i AS name FROM range(50) t(i))
      TO '$lake/customers/customers.csv' (HEADER true)" > /dev/null
duck "COPY (SELECT i, 'click', i * 2 FROM range(30) t(i))
      TO '$lake/events/events.csv' (HEADER false, DELIMITER '|')" > /dev/null
duck "COPY (SELECT i AS user_id, '/page/' || i AS page FROM range(20) t(i))
      TO '$lake/clicks/part1.json' (FORMAT json)" > /dev/null
printf '2024-03-07T12:00:00Z INFO started\n2024-03-07T12:00:01Z WARN slow disk\n' \
  > "$lake/app/day=1/app.log"
printf '2024-03-08T08:00:00Z ERROR crashed\n' > "$lake/app/day=2/app.log"
printf 'PAR1 not parquet at all PAR1' > "$lake/broken/bad.parquet"

basin classifiers create applogs --type grok --classification app_log \
  --grok-pattern '%{TIMESTAMP_ISO8601:ts} %{LOGLEVEL:level} %{GREEDYDATA:message}' > /dev/null
basin --json classifiers list | check_json \
  'd.Classifiers.length === 1 && d.Classifiers[0].GrokClassifier.Classification === "app_log"'
basin crawlers create lake --path "$lake" --database lake_db --prefix s3_ --classifier applogs \
  > /dev/null
basin --json crawlers run lake --wait > "$work/run.json"
check_json '
  d.Crawl.State === "SUCCEEDED" && d.Crawl.TablesCreated === 5 &&
  d.Crawl.TargetErrors.length === 1 && d.Crawl.TargetErrors[0].Target.endsWith("bad.parquet")' \
  < "$work/run.json"

tables="$(basin --json catalog tables lake_db)"
echo "$tables" | check_json \
  'd.TableList.map((t) => t.Name).join() === "s3_app,s3_clicks,s3_customers,s3_events,s3_sales"'
sales_rows="$(duck "SELECT count(*) FROM read_parquet('$lake/sales/**/*.parquet')")"
sales_partitions="$(duck "SELECT count(DISTINCT (year, month))
                          FROM read_parquet('$lake/sales/**/*.parquet', hive_partitioning = true)")"
basin --json catalog table lake_db.s3_sales | check_json "
  d.Table.Parameters.classification === 'parquet' &&
  d.Table.Parameters.recordCount === '$sales_rows' &&
  d.Table.PartitionKeys.map((k) => k.Name + ':' + k.Type).join() === 'year:int,month:int' &&
  d.Table.StorageDescriptor.Columns.map((c) => c.Name).join() === 'id,amount'"
basin --json catalog partitions lake_db.s3_sales | check_json \
  "d.Partitions.length === $sales_partitions"
basin --json catalog table lake_db.s3_customers | check_json '
  d.Table.Parameters.classification === "csv" && d.Table.Parameters.recordCount === "50" &&
  d.Table.Parameters["skip.header.line.count"] === "1" &&
  d.Table.StorageDescriptor.Columns.map((c) => c.Name + ":" + c.Type).join() ===
    "customer_id:bigint,name:string"'
basin --json catalog table lake_db.s3_events | check_json '
  d.Table.StorageDescriptor.SerdeInfo.Parameters["field.delim"] === "|" &&
  d.Table.Parameters["skip.header.line.count"] === undefined &&
  d.Table.StorageDescriptor.Columns.length === 3'
basin --json catalog table lake_db.s3_clicks | check_json '
  d.Table.Parameters.classification === "json" && d.Table.Parameters.recordCount === "20"'
basin --json catalog table lake_db.s3_app | check_json '
  d.Table.Parameters.classification === "app_log" && d.Table.Parameters.recordCount === "3" &&
  d.Table.PartitionKeys[0].Name === "day" &&
  d.Table.StorageDescriptor.Columns.map((c) => c.Name).join() === "ts,level,message"'

# Re-crawl of new folders only: an old partition rewritten with another column and a new one.
basin crawlers create incremental --path "$lake/sales" --database inc_db \
  --recrawl-behavior CRAWL_NEW_FOLDERS_ONLY --update-behavior LOG --delete-behavior LOG > /dev/null
basin crawlers run incremental --wait --quiet
old_partition="$(ls -d "$lake"/sales/year=2023/month=1)"
duck "COPY (SELECT 1 AS id, 2.0 AS amount, 'x' AS extra) TO '$old_partition/data_0.parquet' (FORMAT parquet)" > /dev/null
mkdir -p "$lake/sales/year=2030/month=1"
duck "COPY (SELECT 5 AS id, 7.5 AS amount) TO '$lake/sales/year=2030/month=1/new.parquet' (FORMAT parquet)" > /dev/null
basin --json crawlers run incremental --wait | check_json '
  d.Crawl.PartitionsAdded === 1 && d.Crawl.TablesUpdated === 0 && d.Crawl.TablesCreated === 0'
basin --json catalog table inc_db.sales | check_json \
  'd.Table.VersionId === "1" && d.Table.StorageDescriptor.Columns.length === 2'
basin --json crawlers runs incremental | check_json \
  'd.Crawls.length === 2 && d.Crawls.every((c) => c.State === "SUCCEEDED")'

# Bad input: an invalid exclude pattern is refused at create time (InvalidInput, exit 11).
set +e
basin crawlers create bad --path "$lake" --database x --exclude '[oops' > /dev/null 2> "$work/err"
code=$?
set -e
[[ $code -eq 11 ]] || { echo "expected exit 11, got $code"; cat "$work/err"; exit 1; }
grep -q "never closed" "$work/err" || { cat "$work/err"; exit 1; }
echo "crawler_lake: ok"
