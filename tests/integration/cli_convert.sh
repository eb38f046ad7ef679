#!/usr/bin/env bash
# basin gen / convert / schema / head end to end, with DuckDB as the oracle: the movie-rental
# tables go CSV -> Parquet -> JSON -> CSV and every hop keeps every row.
set -euo pipefail
: "${BASIN:?path of the basin binary}" "${BASIN_REPO:?repository root}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
compare() { node "$BASIN_REPO/tests/node/compare_files.mjs" "$@"; }

"$BASIN" gen movies --out "$work/csv" --format csv >/dev/null
for table in film category customer rental payment; do
  "$BASIN" convert "$work/csv/$table.csv" "$work/parquet/$table.parquet" >/dev/null
  "$BASIN" convert "$work/parquet/$table.parquet" "$work/json/$table.json" >/dev/null
  "$BASIN" convert "$work/json/$table.json" "$work/back/$table.csv" >/dev/null
  compare "$work/csv/$table.csv" "$work/parquet/$table.parquet"
  compare "$work/csv/$table.csv" "$work/json/$table.json"
  compare "$work/csv/$table.csv" "$work/back/$table.csv"
done

# schema --json names the columns with Hive types.
"$BASIN" --json schema "$work/parquet/payment.parquet" > "$work/schema.json"
node -e '
  const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const names = s.columns.map((c) => c.name).join(",");
  if (names !== "payment_id,customer_id,staff_id,rental_id,amount,payment_date") {
    console.error("unexpected columns: " + names); process.exit(1);
  }' "$work/schema.json"

# head -n prints exactly n rows (plus header and rule).
lines="$("$BASIN" head "$work/parquet/film.parquet" -n 7 | wc -l)"
[[ "$lines" -eq 9 ]] || { echo "head -n 7 printed $lines lines"; exit 1; }

# Errors: a missing file is NotFound (exit 12), a corrupt Parquet file is Corrupt (exit 17),
# and the message names the file.
set +e
"$BASIN" head "$work/nope.parquet" 2> "$work/err"; code=$?
set -e
[[ $code -eq 12 ]] || { echo "missing file: exit $code"; cat "$work/err"; exit 1; }
grep -q "nope.parquet" "$work/err"
head -c 100 "$work/parquet/film.parquet" > "$work/truncated.parquet"
printf 'PAR1' >> "$work/truncated.parquet"
set +e
"$BASIN" head "$work/truncated.parquet" 2> "$work/err"; code=$?
set -e
[[ $code -eq 17 ]] || { echo "truncated file: exit $code"; cat "$work/err"; exit 1; }
grep -q "truncated.parquet" "$work/err"

# A failed convert leaves no output file behind.
set +e
"$BASIN" convert "$work/truncated.parquet" "$work/out/never.csv" 2>/dev/null
set -e
[[ ! -e "$work/out/never.csv" ]] || { echo "failed convert left a file"; exit 1; }
# CSV dialect flags: a ';'-separated export with NA for NULL and one short row.
printf 'id;name;score\n1;NA;2.5\n2;bob\n3;eve;NA\n' > "$work/export.txt"
set +e
"$BASIN" head "$work/export.txt" --delimiter ';' 2> "$work/err"; code=$?
set -e
[[ $code -eq 11 ]] && grep -q "line 3" "$work/err" || { echo "short row: exit $code"; exit 1; }
"$BASIN" --json convert "$work/export.txt" "$work/export.tsv" --delimiter ';' --null NA \
  --skip-malformed --format csv --out-delimiter tab > "$work/convert.json"
grep -q '"skipped_rows": 1' "$work/convert.json"
[[ "$(head -n 1 "$work/export.tsv")" == $'id\tname\tscore' ]] || { echo "bad tsv header"; exit 1; }
"$BASIN" --json head "$work/export.tsv" > "$work/rows.json"
node -e '
  const rows = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const ok = rows.length === 2 && rows[0].name === null && rows[0].score === 2.5 &&
             rows[1].name === "eve" && rows[1].score === null;
  if (!ok) { console.error(JSON.stringify(rows)); process.exit(1); }' "$work/rows.json"
echo "cli_convert: ok"
