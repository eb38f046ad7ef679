#!/usr/bin/env bash
# The TPC-H benchmark: the 22 queries (tests/tpch/queries) on Basin and on DuckDB, same
# Parquet files, same run (see bench/README.md).
#
#   bench/tpch/run.sh [--sf 1] [--reps 3] [--threads 2] [--build DIR] [--queries q01,q05]
#                     [--regenerate]
#
# Generates the eight tables once into bench/data/tpch-sf<SF>/parquet-rg122880/ with `basin gen
# tpch` (row groups of 122,880 rows, DuckDB's default, as the format benchmark), registers them
# in a fresh Basin home there, then runs each query on both engines (one warm-up, best of
# --reps) and prints per-query and total Basin/DuckDB ratios and a line for bench/RESULTS.md.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
sf=1
reps=3
threads=2
build=${BASIN_BUILD:-$repo/build}
queries=()
regenerate=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --sf) sf=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --queries) queries=(--queries "$2"); shift 2 ;;
    --regenerate) regenerate=1; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

basin=${BASIN:-$build/basin}
if [[ ! -x $basin ]]; then
  echo "run.sh: $basin is missing: cmake --build $build --target basin" >&2
  exit 1
fi
if [[ ! -d $repo/tests/node/node_modules/@duckdb/node-api ]]; then
  echo "run.sh: DuckDB is missing: (cd tests/node && npm install)" >&2
  exit 1
fi

row_group_rows=122880
data=$repo/bench/data/tpch-sf$sf
parquet_dir=$data/parquet-rg$row_group_rows
tables=(part supplier partsupp customer orders lineitem nation region)
missing=()
for table in "${tables[@]}"; do
  if [[ $regenerate == 1 || ! -f $parquet_dir/$table/$table.parquet ]]; then missing+=("$table"); fi
done
if [[ ${#missing[@]} -gt 0 ]]; then
  list=$(IFS=,; echo "${missing[*]}")
  echo "generating TPC-H SF $sf ($list) as Parquet into $parquet_dir" >&2
  "$basin" gen tpch --sf "$sf" --tables "$list" --format parquet \
    --row-group-rows "$row_group_rows" --out "$parquet_dir" >&2
fi

# A fresh home each run: the catalog then describes exactly these files.
home=$data/basin-home
rm -rf "$home"
bash "$repo/tests/tpch/register.sh" "$basin" "$home" "$parquet_dir" tpch

node "$repo/bench/tpch/tpch_bench.mjs" --basin "$basin" --home "$home" --data "$parquet_dir" \
  --database tpch --reps "$reps" --threads "$threads" --sf "$sf" "${queries[@]}"
