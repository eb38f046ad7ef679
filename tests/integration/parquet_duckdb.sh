#!/usr/bin/env bash
# Reading DuckDB-written Parquet end to end: every codec, format V1/V2, dictionary on/off, flat
# and nested types. basin converts each file to Parquet, and DuckDB (the oracle) finds the same
# rows in the original and the copy. Also: schema types, and a damaged file failing as Corrupt.
set -euo pipefail
: "${BASIN:?path of the basin binary}" "${BASIN_REPO:?repository root}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
compare() { node "$BASIN_REPO/tests/node/compare_files.mjs" "$@"; }

(cd "$BASIN_REPO/tests/node" && node parquet_fuzz_seeds.mjs "$work/in" >/dev/null)
count=0
for file in "$work"/in/*.parquet; do
  name="$(basename "$file" .parquet)"
  "$BASIN" convert "$file" "$work/out/$name.parquet" >/dev/null
  compare "$file" "$work/out/$name.parquet"
  count=$((count + 1))
done
[[ $count -ge 60 ]] || { echo "only $count files"; exit 1; }

# Types as the reader maps them.
"$BASIN" --json schema "$work/in/wide_zstd_V2_d.parquet" > "$work/schema.json"
node -e '
  const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const types = s.columns.map((c) => c.name + ":" + c.type).join(",");
  const want = "u64:decimal(20,0),u8:smallint,s:string,u:string,big:decimal(38,6)";
  if (types !== want) { console.error("types " + types + ", expected " + want); process.exit(1); }
' "$work/schema.json"

# A damaged page: Corrupt (exit 17), naming the file.
file="$work/in/flat_snappy_V1_p.parquet"
size=$(stat -c %s "$file")
cp "$file" "$work/damaged.parquet"
printf '\xff\xff\xff\xff\xff\xff\xff\xff' | dd of="$work/damaged.parquet" bs=1 seek=40 conv=notrunc 2>/dev/null
set +e
"$BASIN" convert "$work/damaged.parquet" "$work/never.parquet" 2> "$work/err"; code=$?
set -e
[[ $code -eq 17 ]] || { echo "damaged file: exit $code"; cat "$work/err"; exit 1; }
grep -q "damaged.parquet" "$work/err"
# The writer was open when the read failed: neither the file nor its hidden temporary remains.
[[ $size -gt 0 && ! -e "$work/never.parquet" ]]
if ls -A "$work" | grep -q basin-tmp; then echo "failed convert left a temporary"; exit 1; fi
echo "parquet_duckdb: ok ($count files)"
