#!/usr/bin/env bash
# Registers the eight TPC-H tables that `basin gen tpch` wrote into DATA as Parquet tables of
# database DB (default tpch) in the catalog of the Basin home HOME.
#
#   tests/tpch/register.sh BASIN HOME DATA [DB]
#
# With SQL DDL (CREATE DATABASE, CREATE EXTERNAL TABLE … STORED AS PARQUET LOCATION …), the
# columns taken from `basin schema` of each table's file. BASIN_TEST_REGISTER=catalog uses the
# `basin catalog` commands instead (for when the SQL engine cannot run DDL).
set -euo pipefail
basin=$1 home=$2 data=$3 db=${4:-tpch}
tables=(part supplier partsupp customer orders lineitem nation region)
data=$(cd "$data" && pwd)

if [[ ${BASIN_TEST_REGISTER:-ddl} == catalog ]]; then
  "$basin" --home "$home" catalog create-database "$db" >/dev/null
  for table in "${tables[@]}"; do
    "$basin" --home "$home" catalog create-table "$db.$table" \
      --schema-from "$data/$table/$table.parquet" --location "$data/$table" >/dev/null
  done
  exit 0
fi

script="CREATE DATABASE IF NOT EXISTS $db;"$'\n'
for table in "${tables[@]}"; do
  columns=$("$basin" --json schema "$data/$table/$table.parquet" | node -e '
    const schema = JSON.parse(require("fs").readFileSync(0, "utf8"));
    console.log(schema.columns.map((c) => `${c.name} ${c.type}`).join(", "));')
  script+="CREATE EXTERNAL TABLE $db.$table ($columns)"
  script+=" STORED AS PARQUET LOCATION '$data/$table';"$'\n'
done
"$basin" --home "$home" sql -c "$script" >/dev/null
