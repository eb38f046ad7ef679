#!/usr/bin/env bash
# The format benchmark: Basin vs DuckDB on TPC-H lineitem (see bench/README.md).
#
#   bench/formats/run.sh [--sf 1] [--reps 5] [--threads 2] [--build DIR]
#                        [--cases read-parquet,write-parquet,read-csv] [--regenerate] [--markdown]
#
# Generates lineitem as Parquet and as '|'-separated CSV once into bench/data/tpch-sf<SF>/
# with `basin gen tpch`, then runs every case for both engines and prints the ratios.
# The Parquet file has row groups of 122,880 rows, DuckDB's default: both readers parallelise
# across row groups, so neither is starved of work at small scale factors.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
sf=1
reps=5
threads=2
build=${BASIN_BUILD:-$repo/build}
cases=read-parquet,write-parquet,read-csv
regenerate=0
markdown=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --sf) sf=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --cases) cases=$2; shift 2 ;;
    --regenerate) regenerate=1; shift ;;
    --markdown) markdown=(--markdown); shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

basin=${BASIN:-$build/basin}
bench=$build/bench/format_bench
for program in "$basin" "$bench"; do
  if [[ ! -x $program ]]; then
    echo "run.sh: $program is missing: cmake --build $build --target basin format_bench" >&2
    exit 1
  fi
done
if [[ ! -d $repo/tests/node/node_modules/@duckdb/node-api ]]; then
  echo "run.sh: DuckDB is missing: (cd tests/node && npm install)" >&2
  exit 1
fi

row_group_rows=122880
data=$repo/bench/data/tpch-sf$sf
parquet_dir=$data/parquet-rg$row_group_rows
csv_dir=$data/csv
if [[ $regenerate == 1 || ! -f $parquet_dir/lineitem/lineitem.parquet ]]; then
  echo "generating TPC-H SF $sf lineitem as Parquet into $parquet_dir" >&2
  "$basin" gen tpch --sf "$sf" --tables lineitem --format parquet \
    --row-group-rows "$row_group_rows" --out "$parquet_dir" >&2
fi
if [[ $regenerate == 1 || ! -f $csv_dir/lineitem/lineitem.csv ]]; then
  echo "generating TPC-H SF $sf lineitem as CSV into $csv_dir" >&2
  "$basin" gen tpch --sf "$sf" --tables lineitem --format csv --out "$csv_dir" >&2
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(date -u +%Y-%m-%d)"
node "$repo/bench/formats/compare.mjs" --parquet "$parquet_dir/lineitem/lineitem.parquet" \
  --csv "$csv_dir/lineitem/lineitem.csv" --basin-bench "$bench" --reps "$reps" \
  --threads "$threads" --cases "$cases" "${markdown[@]}"
