#!/usr/bin/env bash
# The TPC-H comparison checked on itself, with DuckDB on both sides: its own results, written
# in Basin's CSV form, must match; deliberately altered ones (a digit, a missing row, two rows
# swapped, a NULL) must fail on exactly the altered queries, and noise far behind the point
# must not. Also the canonicalization and comparison checks on hand-made cases
# (tests/node/tpch_canonical_check.mjs).
set -euo pipefail
: "${BASIN:?path of the basin binary}" "${BASIN_REPO:?repository root}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
node_dir="$BASIN_REPO/tests/node"

node "$node_dir/tpch_canonical_check.mjs"
"$BASIN" gen tpch --sf 0.02 --out "$work/data" >/dev/null
node "$node_dir/tpch_oracle.mjs" --data "$work/data" --csv-out "$work/good" \
  "$BASIN_REPO"/tests/tpch/queries/q*.sql > "$work/first.txt"
# The oracle is deterministic: a second run, on one thread, prints the same.
node "$node_dir/tpch_oracle.mjs" --data "$work/data" --threads 1 \
  "$BASIN_REPO"/tests/tpch/queries/q*.sql > "$work/second.txt"
cmp "$work/first.txt" "$work/second.txt"
compare() { node "$node_dir/tpch_compare.mjs" --data "$work/data" --actual-dir "$1"; }
compare "$work/good" > "$work/good.out" || { cat "$work/good.out"; exit 1; }

cp -r "$work/good" "$work/bad"
# q06: the revenue 1000 (or more) higher: a leading digit added.
sed -i '2s/^"/"1/' "$work/bad/q06.csv"
# q02: a row missing. q03: rows 1 and 2 swapped (different revenues). q01: a NULL.
sed -i '5d' "$work/bad/q02.csv"
sed -i '2{h;d};3{G}' "$work/bad/q03.csv"
sed -i '2s/^\("[^"]*"\),"[^"]*"/\1,/' "$work/bad/q01.csv"
# q08: a digit appended far behind the point is noise, not a difference.
sed -i '2s/"$/1"/' "$work/bad/q08.csv"
if compare "$work/bad" > "$work/bad.out"; then
  echo "altered results were accepted:"; cat "$work/bad.out"; exit 1
fi
failed=$(grep -v ' ok (' "$work/bad.out" | grep -o '^q[0-9]*' | tr '\n' ' ')
if [[ $failed != "q01 q02 q03 q06 " ]]; then
  echo "expected q01 q02 q03 q06 to fail, got: $failed"; cat "$work/bad.out"; exit 1
fi
grep -q '^q02 FAIL .* rows expected, .* returned' "$work/bad.out"
equal=$(grep -c ' ok (' "$work/good.out")
echo "tpch_harness: ok ($equal queries equal to themselves, 4 alterations caught)"
