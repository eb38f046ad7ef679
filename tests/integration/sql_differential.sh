#!/usr/bin/env bash
# The random differential test of the SQL engine (tests/node/differential.mjs): generated
# Parquet tables with NULLs and random filter / join / aggregate queries, run on Basin and on
# DuckDB, results compared. Three fixed seeds of 150 queries each, 35 seconds at most per
# seed. A mismatch prints its seed, number and SQL; rerun one with
#   node tests/node/differential.mjs --basin build/basin --seed S --queries 150 --only N
set -euo pipefail
: "${BASIN:?path of the basin binary}" "${BASIN_REPO:?repository root}"
status=0
for seed in 1 2 3; do
  node "$BASIN_REPO/tests/node/differential.mjs" --basin "$BASIN" --seed "$seed" \
    --queries 150 --budget 35 || status=1
done
exit $status
