#!/usr/bin/env bash
# The JSON reader and writer against DuckDB: DuckDB-written JSON (newline-delimited and array)
# read by Basin, Basin-written JSON read by DuckDB, values compared (tests/node/json_duckdb_check.mjs);
# then the CLI's errors on broken JSON.
set -euo pipefail
: "${BASIN:?path of the basin binary}" "${BASIN_REPO:?repository root}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$BASIN_REPO/tests/node" && node json_duckdb_check.mjs "$BASIN" "$work")

# A syntax error is Corrupt (exit 17) and names the file and line.
printf '{"a":1}\n{"a":2,}\n' > "$work/broken.json"
set +e
"$BASIN" head "$work/broken.json" 2> "$work/err"; code=$?
set -e
[[ $code -eq 17 ]] || { echo "broken JSON: exit $code"; cat "$work/err"; exit 1; }
grep -q "broken.json: line 2" "$work/err" || { echo "no line in:"; cat "$work/err"; exit 1; }

# A record that is not an object is InvalidInput (exit 11).
printf '[1, 2]\n' > "$work/scalars.json"
set +e
"$BASIN" head "$work/scalars.json" 2> "$work/err"; code=$?
set -e
[[ $code -eq 11 ]] || { echo "scalar records: exit $code"; cat "$work/err"; exit 1; }
grep -q "array element 1" "$work/err"

# JSON -> JSON through Basin keeps the text of plain records exactly.
printf '{"id":1,"name":"caf\xc3\xa9 \\"q\\"","tags":["a"],"at":"2024-03-07 12:34:56"}\n' > "$work/in.json"
"$BASIN" convert "$work/in.json" "$work/out.json" --format json > /dev/null
cmp "$work/in.json" "$work/out.json"
echo "json_duckdb: ok"
