#!/usr/bin/env bash
# Crawl benchmark (issue #5's targets): a lake of 10,000 Parquet files in 1,000 Hive partitions
# (target < 5 s) and an SQLite database of 500 tables (target < 2 s), each crawled from a
# fresh catalog by `basin crawlers run --wait`. Glue has no local equivalent to divide by, so
# this prints seconds against the targets. Usage: bench/crawl/run.sh [PATH/TO/basin]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
basin="$(realpath "${1:-$repo/build/basin}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# One small Parquet file, hard-linked 10,000 times: the crawl still opens and reads each
# footer, which is its work; the disk is not what is measured.
printf 'id,amount,note\n' > "$work/seed.csv"
for i in $(seq 1 100); do printf '%d,%d.5,note %d\n' "$i" "$i" "$i"; done >> "$work/seed.csv"
"$basin" convert "$work/seed.csv" "$work/seed.parquet" > /dev/null
python3 - "$work" <<'PY'
import os, sys
work = sys.argv[1]
for year in range(2015, 2025):
    for day in range(1, 101):
        folder = f"{work}/lake/events/year={year}/day={day}"
        os.makedirs(folder)
        for part in range(10):
            os.link(f"{work}/seed.parquet", f"{folder}/part-{part}.parquet")
PY

python3 - "$work/wide.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for t in range(500):
    db.execute(f"CREATE TABLE t{t:03d} (id INTEGER PRIMARY KEY, name TEXT, amount NUMERIC(10,2),"
               f" created TIMESTAMP, flag BOOLEAN, score REAL, note VARCHAR(40))")
db.commit()
PY

seconds() { python3 -c 'import sys; print(f"{(int(sys.argv[2]) - int(sys.argv[1])) / 1e9:.2f}")' "$@"; }

home="$work/home"
"$basin" --home "$home" crawlers create lake --path "$work/lake" --database bench > /dev/null
start=$(date +%s%N)
"$basin" --home "$home" crawlers run lake --wait --quiet
end=$(date +%s%N)
lake_seconds=$(seconds "$start" "$end")
partitions=$("$basin" --home "$home" --json catalog partitions bench.events | python3 -c \
  'import json, sys; print(len(json.load(sys.stdin)["Partitions"]))')

"$basin" --home "$home" connections create wide --url "sqlite:$work/wide.db" > /dev/null
"$basin" --home "$home" crawlers create wide --connection wide --include 'wide/%' \
  --database bench_db > /dev/null
start=$(date +%s%N)
"$basin" --home "$home" crawlers run wide --wait --quiet
end=$(date +%s%N)
db_seconds=$(seconds "$start" "$end")
tables=$("$basin" --home "$home" --json catalog tables bench_db | python3 -c \
  'import json, sys; print(len(json.load(sys.stdin)["TableList"]))')

echo "lake: 10,000 files, $partitions partitions catalogued in $lake_seconds s (target < 5 s)"
echo "database: $tables tables catalogued in $db_seconds s (target < 2 s)"
