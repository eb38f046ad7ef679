#!/usr/bin/env bash
# basin jobs with transforms over real PostgreSQL 15 and MariaDB servers holding the
# movie-rental fixture: a YAML DAG — payments filtered (amount >= 5), joined to customers
# (SelectFields + RenameField on that side), cast by ApplyMapping, written partitioned by
# store_id — gives the same rows as the server's own client (psql / mariadb) running the
# equivalent SQL, and the partitions SHOW PARTITIONS lists are the server's stores. Then
# overwrite-partitions replaces only the partitions that receive rows, and a DAG naming a
# missing column fails before writing.
# ETL_DATABASES=pg or =mariadb runs one server only.
set -euo pipefail
: "${BASIN:?path of the basin binary}" "${BASIN_REPO:?}"
# shellcheck source=lib/common.sh
. "$BASIN_REPO/tests/integration/lib/common.sh"
# shellcheck source=lib/etl.sh
. "$BASIN_REPO/tests/integration/lib/etl.sh"

# A query's rows through basin, as the server client prints them (no header, no quotes).
basin_rows() { basin sql -c "$1" --output csv | tail -n +2 | tr -d '"\r'; }
# A query's rows through the server's own client: psql -At -F, or mariadb's batch mode with
# its tabs turned into commas.
server_rows() {
  if [[ $kind == pg ]]; then
    psql -X -At -F, -v ON_ERROR_STOP=1 -d movies -c "$1"
  else
    mariadb --no-defaults -h 127.0.0.1 -P "$port" -u "$MYSQL_USER" -p"$MYSQL_PWD" \
      --batch --skip-column-names movies -e "$1" | tr '\t' ,
  fi
}
same() {
  if [[ "$1" != "$2" ]]; then
    echo "$kind: basin and the server differ:"; diff <(echo "$1") <(echo "$2") | head -20; exit 1
  fi
}

# The job, its script and its run, then overwrite-partitions, against server KIND.
check_server() {
  kind=$1
  local started=$SECONDS prefix lake="$work/lake-$1" store stores
  it_movies_server "$kind"
  it_home "$work/home-$kind"
  etl_crawl_movies "$kind" %
  basin sql -c "CREATE DATABASE lake" > /dev/null

  # The crawled types are the same in both dialects (MariaDB's smallint unsigned ids are int,
  # its tinyint unsigned store_id smallint), so one mapping serves both.
  cat > "$work/big_payments.yaml" <<YAML
# Payments of at least 5 with their customer's name, by store.
payments:
  CatalogSource: {Database: aurora_movie_rental, Table: ${prefix}payment}
customers:
  CatalogSource: {Database: aurora_movie_rental, Table: ${prefix}customer}
big:
  Filter: {Inputs: [payments], Predicate: "amount >= 5"}
names:
  SelectFields:
    Inputs: [customers]
    Paths: [[customer_id], [first_name], [last_name], [store_id]]
renamed:
  RenameField: {Inputs: [names], SourcePath: [customer_id], TargetPath: [cust_id]}
joined:
  Join:
    Inputs: [big, renamed]
    JoinType: equijoin
    Columns:
      - {From: big, Keys: [[customer_id]]}
      - {From: renamed, Keys: [[cust_id]]}
mapped:
  ApplyMapping:
    Inputs: [joined]
    Mapping:
      - {FromPath: [payment_id], FromType: int, ToKey: payment_id, ToType: bigint}
      - {FromPath: [customer_id], FromType: int, ToKey: customer_id, ToType: bigint}
      - {FromPath: [first_name], FromType: string, ToKey: first_name, ToType: string}
      - {FromPath: [last_name], FromType: string, ToKey: last_name, ToType: string}
      - {FromPath: [amount], FromType: "decimal(5,2)", ToKey: amount, ToType: "decimal(7,2)"}
      - {FromPath: [store_id], FromType: smallint, ToKey: store_id, ToType: int}
      - {FromPath: [cust_id], FromType: int, ToKey: cust_id, ToType: int, Dropped: true}
target:
  LakeTarget:
    Inputs: [mapped]
    Path: $lake/big_payments
    Compression: zstd
    PartitionKeys: [store_id]
    CatalogDatabase: lake
    CatalogTable: big_payments
YAML
  basin jobs create big_payments --dag-file "$work/big_payments.yaml" > /dev/null
  basin --json jobs show big_payments | check_json '
    Object.keys(JSON.parse(d.Job.Dag)).length === 8 &&
    JSON.parse(d.Job.Dag).joined.Join.JoinType === "equijoin"'
  # The script: a block per node, then one CTAS with a CTE per node.
  basin jobs script big_payments > "$work/script.sql"
  [ "$(grep -c '^-- \[' "$work/script.sql")" = 8 ]
  grep -q "^CREATE TABLE \"lake\".\"big_payments\" WITH (.*partitioned_by = ARRAY\['store_id'\]) AS WITH \"customers\" AS (SELECT \* FROM \"aurora_movie_rental\".\"${prefix}customer\"), .* FROM \"mapped\";$" "$work/script.sql"

  basin --json jobs run big_payments --wait | check_json 'd.JobRun.JobRunState === "SUCCEEDED"'
  local expected
  expected="$(server_rows "SELECT p.payment_id, c.customer_id, c.first_name, c.last_name,
      p.amount, c.store_id
    FROM payment p JOIN customer c ON p.customer_id = c.customer_id WHERE p.amount >= 5
    ORDER BY p.payment_id")"
  [ "$(echo "$expected" | wc -l)" -gt 100 ]
  same "$(basin_rows "SELECT * FROM lake.big_payments ORDER BY payment_id")" "$expected"
  basin --json catalog table lake.big_payments | check_json '
    d.Table.StorageDescriptor.Columns.map((c) => c.Name + ":" + c.Type).join() ===
      "payment_id:bigint,customer_id:bigint,first_name:string,last_name:string,amount:decimal(7,2)" &&
    d.Table.PartitionKeys.map((c) => c.Name + ":" + c.Type).join() === "store_id:int"'
  same "$(basin_rows "SHOW PARTITIONS lake.big_payments")" \
    "$(server_rows "SELECT DISTINCT concat('store_id=', c.store_id) FROM payment p
                    JOIN customer c ON p.customer_id = c.customer_id WHERE p.amount >= 5
                    ORDER BY 1")"
  stores=$(server_rows "SELECT DISTINCT store_id FROM customer ORDER BY 1")
  [[ -n $stores ]]
  for store in $stores; do
    [[ -n $(find "$lake/big_payments/store_id=$store" -type f -not -path '*/.*') ]] ||
      { echo "$kind: no files in store_id=$store" >&2; exit 1; }
  done

  # overwrite-partitions: only store 1's payments of at least 9 → store 1 is replaced by them,
  # the other stores keep theirs.
  sed -e "s/amount >= 5/amount >= 9 AND customer_id IN (SELECT customer_id FROM aurora_movie_rental.${prefix}customer WHERE store_id = 1)/" \
      -e 's/    PartitionKeys: \[store_id\]/    PartitionKeys: [store_id]\n    WriteMode: overwrite-partitions/' \
      "$work/big_payments.yaml" > "$work/store1.yaml"
  grep -q "WriteMode: overwrite-partitions" "$work/store1.yaml"
  basin jobs create store1 --dag-file "$work/store1.yaml" > /dev/null
  basin jobs script store1 | grep -q '^INSERT OVERWRITE "lake"."big_payments" PARTITION ("store_id") WITH '
  basin --json jobs run store1 --wait | check_json 'd.JobRun.JobRunState === "SUCCEEDED"'
  same "$(basin_rows "SELECT * FROM lake.big_payments ORDER BY payment_id")" \
    "$(server_rows "SELECT p.payment_id, c.customer_id, c.first_name, c.last_name, p.amount,
        c.store_id
      FROM payment p JOIN customer c ON p.customer_id = c.customer_id
      WHERE (c.store_id = 1 AND p.amount >= 9) OR (c.store_id <> 1 AND p.amount >= 5)
      ORDER BY p.payment_id")"

  # A DAG naming a column its input lacks fails before anything is written, naming node and
  # column.
  sed -e 's/Paths: \[\[customer_id\], \[first_name\]/Paths: [[customer_id], [nickname]/' \
      -e 's/CatalogTable: big_payments/CatalogTable: other/' \
      -e "s|lake-$kind/big_payments|lake-$kind/other|" "$work/big_payments.yaml" > "$work/bad.yaml"
  grep -q "lake-$kind/other" "$work/bad.yaml"
  basin jobs create bad --dag-file "$work/bad.yaml" > /dev/null
  if basin jobs run bad --wait > "$work/bad.out" 2>&1; then echo "$kind: the bad job ran" >&2; exit 1; fi
  grep -q "DAG node 'names': column 'nickname' does not exist in its input 'customers'" "$work/bad.out"
  basin --json jobs runs bad | check_json 'd.JobRuns.length === 1 && d.JobRuns[0].JobRunState === "FAILED"'
  [ ! -e "$lake/other" ] || [ -z "$(ls -A "$lake/other")" ]
  if basin catalog table lake.other > /dev/null 2>&1; then echo "$kind: lake.other exists" >&2; exit 1; fi

  "$BASIN_REPO/scripts/$kind-server.sh" stop "$server" > /dev/null 2>&1
  echo "  $kind: $((SECONDS - started)) s"
}

for kind in ${ETL_DATABASES:-pg mariadb}; do check_server "$kind"; done
echo "etl_transforms: ok"
