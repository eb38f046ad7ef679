#!/usr/bin/env bash
# The 22 TPC-H queries (tests/tpch/queries, the specification's text with its validation
# parameters) at scale factor 0.1: Basin's results must be DuckDB's on the same Parquet files.
# The tables are generated with `basin gen tpch`, registered with SQL DDL in a fresh Basin
# home (tests/tpch/register.sh), and each query runs as `basin sql -f qNN.sql --output csv`.
# One line per query (the first differing row on failure); the whole run is bounded to
# 170 seconds.
set -euo pipefail
: "${BASIN:?path of the basin binary}" "${BASIN_REPO:?repository root}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$BASIN" gen tpch --sf 0.1 --out "$work/data" >/dev/null
bash "$BASIN_REPO/tests/tpch/register.sh" "$BASIN" "$work/home" "$work/data" tpch
node "$BASIN_REPO/tests/node/tpch_compare.mjs" --data "$work/data" --basin "$BASIN" \
  --home "$work/home" --database tpch --timeout 60 --budget 170 \
  ${TPCH_SAVE:+--save "$TPCH_SAVE"}
