#!/usr/bin/env bash
# CSV cross-check against DuckDB: DuckDB writes CSV files with every flat type and awkward text;
# Basin reads them (detecting delimiter, header and types) and writes them back as CSV; DuckDB
# reads Basin's files and every value must equal the original. Basin's detected types must
# agree with DuckDB's sniffer.
set -euo pipefail
: "${BASIN:?path of the basin binary}"
: "${BASIN_REPO:?repository root}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export BASIN_HOME="$work/home"

node "$BASIN_REPO/tests/node/csv_duckdb.mjs" write "$work"
"$BASIN" convert "$work/duck.csv" "$work/basin.csv" >/dev/null
"$BASIN" convert --input-format csv "$work/duck_pipe.tbl" "$work/basin_pipe.csv" >/dev/null
"$BASIN" --json schema "$work/duck.csv" >"$work/schema.json"
node "$BASIN_REPO/tests/node/csv_duckdb.mjs" check "$work"
