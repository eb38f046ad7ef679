#!/usr/bin/env bash
# Builds the walkthrough's operational database as an SQLite file: the movie-rental tables of
# `basin gen movies` with their types (INTEGER, NUMERIC(5,2), TIMESTAMP, …), primary keys and
# two views (actor_info, customer_list), so crawlers have a real source to catalogue.
# Usage: scripts/movies-sqlite.sh PATH/TO/basin OUT.db [SCALE]
set -euo pipefail
basin="${1:?usage: movies-sqlite.sh PATH/TO/basin OUT.db [SCALE]}"
out="${2:?usage: movies-sqlite.sh PATH/TO/basin OUT.db [SCALE]}"
scale="${3:-1}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$basin" gen movies --out "$work/typed" --format parquet --scale "$scale" >/dev/null
"$basin" gen movies --out "$work/rows" --format csv --scale "$scale" >/dev/null
for file in "$work"/typed/*.parquet; do
  "$basin" schema "$file" --json >"${file%.parquet}.schema.json"
done
rm -f "$out"
python3 - "$work" "$out" <<'PY'
import csv, glob, json, os, re, sqlite3, sys
work, out = sys.argv[1], sys.argv[2]
def sqlite_type(hive):
    if hive in ("tinyint", "smallint", "int", "bigint"): return "INTEGER"
    if hive in ("float", "double"): return "REAL"
    m = re.match(r"decimal\((\d+),(\d+)\)", hive)
    if m: return f"NUMERIC({m.group(1)},{m.group(2)})"
    return {"boolean": "BOOLEAN", "date": "DATE", "timestamp": "TIMESTAMP"}.get(hive, "TEXT")
db = sqlite3.connect(out)
for path in sorted(glob.glob(os.path.join(work, "typed", "*.schema.json"))):
    table = os.path.basename(path)[: -len(".schema.json")]
    columns = json.load(open(path))["columns"]
    defs = []
    for i, c in enumerate(columns):
        d = f'"{c["name"]}" {sqlite_type(c["type"])}'
        if i == 0 and c["name"] == table + "_id": d += " PRIMARY KEY"
        elif not c.get("nullable", True): d += " NOT NULL"
        defs.append(d)
    db.execute(f'CREATE TABLE "{table}" ({", ".join(defs)})')
    with open(os.path.join(work, "rows", table + ".csv"), newline="") as f:
        reader = csv.reader(f)
        next(reader)
        marks = ", ".join("?" for _ in columns)
        db.executemany(f'INSERT INTO "{table}" VALUES ({marks})',
                       ([v if v != "" else None for v in row] for row in reader))
db.execute("CREATE VIEW actor_info AS SELECT actor_id, first_name, last_name FROM actor")
db.execute("CREATE VIEW customer_list AS SELECT customer_id, first_name, last_name, email FROM customer")
db.commit()
db.close()
PY
