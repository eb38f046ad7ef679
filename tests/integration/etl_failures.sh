#!/usr/bin/env bash
# ETL runs under bad input, against a real PostgreSQL 15 server: each failure is made to
# happen for real, the job is run, and then
#   (a) the run is FAILED (each attempt, with retries) and its error message names what was
#       wrong (the table, the column, the value, the file);
#   (b) the target folder's files (hidden ones too: a failed run removes its staging files),
#       the catalog (the database's tables, the target's table, versions and partitions, as
#       `basin catalog … --json` prints them) and the job's bookmarks are byte for byte as
#       before the run;
#   (c) once the cause is repaired, the next run succeeds and reads what the failed one
#       could not (the bookmark did not move).
# Cases: a source table dropped after the crawl (with a retry); a source column changed to
# numeric, then text, after the crawl (the scan refuses a type the catalog does not have); an
# ApplyMapping cast failing on one row (CTAS, then INSERT OVERWRITE over an existing table) and the same mapping with
# "Try" giving NULL; a full disk (a 2 MB tmpfs under a partitioned target; not run, and said
# so on stderr, where mounting is not permitted); the database restarted (`pg_ctl restart -m
# fast`) while a run streams a million rows. A SIGKILLed run is etl_databases.sh's case.
set -euo pipefail
: "${BASIN:?path of the basin binary}" "${BASIN_REPO:?path of the repository}"
# shellcheck source=lib/common.sh
. "$BASIN_REPO/tests/integration/lib/common.sh"

started=$SECONDS
it_movies_server pg
it_home
lake="$work/lake"

pg() { psql -X -q -t -A -v ON_ERROR_STOP=1 -d movies -c "$1"; }
scalar() {
  basin sql -c "$1" --output csv 2> "$work/sql.err" | tail -n 1 | tr -d '"\r'
  [[ ${PIPESTATUS[0]} == 0 ]] || { cat "$work/sql.err" >&2; return 1; }
}

# The source tables, in their own schema so the crawl takes only them.
psql -X -q -v ON_ERROR_STOP=1 -d movies <<'SQL'
CREATE SCHEMA bad;
CREATE TABLE bad.vanish (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO bad.vanish SELECT i, 'name ' || i FROM generate_series(1, 100) i;
CREATE TABLE bad.shifty (id integer PRIMARY KEY, qty integer);
INSERT INTO bad.shifty SELECT i, i * 3 FROM generate_series(1, 100) i;
CREATE TABLE bad.codes (id integer PRIMARY KEY, code text);
INSERT INTO bad.codes
SELECT i, CASE WHEN i = 7 THEN 'x7' ELSE (i * 10)::text END FROM generate_series(1, 50) i;
CREATE TABLE bad.filler (id integer PRIMARY KEY, note text NOT NULL, part integer NOT NULL);
INSERT INTO bad.filler SELECT i, md5(i::text), (i - 1) / 10000 FROM generate_series(1, 1000) i;
CREATE UNLOGGED TABLE bad.big (id integer NOT NULL, amount numeric(9,2) NOT NULL, note text);
INSERT INTO bad.big SELECT i, (i % 100000) / 100.0, 'note ' || i FROM generate_series(1, 1000000) i;
SQL
basin connections create movies_db --url "jdbc:postgresql://127.0.0.1:$port/movies" \
  --user basin --password-env PGPASSWORD --tls disable > /dev/null
basin crawlers create bad --connection movies_db --include 'movies/bad/%' --database src > /dev/null
basin crawlers run bad --wait --quiet

# Everything a failed run of JOB (writing TABLE in FOLDER) must leave as it was: every file
# under the folder with its checksum, the catalog as the CLI prints it, the job with its
# bookmarks. A table that does not exist prints its NotFound message, the same before and after.
snapshot() {
  local job=$1 table=$2 folder=$3
  echo "== files of $folder"
  if [[ -d $folder ]]; then (cd "$folder" && find . -type f -print0 | sort -z | xargs -0r md5sum); fi
  echo "== tables"; basin --json catalog tables src
  echo "== table"; basin --json catalog table "$table" 2>&1 || true
  echo "== versions"; basin --json catalog versions "$table" 2>&1 || true
  echo "== partitions"; basin --json catalog partitions "$table" 2>&1 || true
  echo "== job and bookmarks"; basin jobs show "$job"
}

# expect_unchanged JOB TABLE FOLDER: the snapshot equals the one in $work/before.
expect_unchanged() {
  snapshot "$@" > "$work/after"
  diff -u "$work/before" "$work/after" ||
    { echo "the failed run of $1 changed the lake, the catalog or the bookmarks" >&2; exit 1; }
}

# run_fails JOB: runs JOB, which must exit non-zero.
run_fails() {
  if basin jobs run "$1" --wait --quiet > "$work/run.out" 2> "$work/run.err"; then
    echo "the run of $1 succeeded" >&2; exit 1
  fi
}

# last_runs_failed JOB N TEXT…: the job's newest N runs are FAILED, attempts N-1 … 0 of one
# run (each retrying the one before), each error message holding every TEXT.
last_runs_failed() {
  local job=$1 n=$2
  shift 2
  # shellcheck disable=SC2016  # JavaScript template literals, not shell expansions
  basin --json jobs runs "$job" --limit "$n" | node -e '
    const d = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const [n, ...texts] = process.argv.slice(1);
    const runs = d.JobRuns;
    const problems = [];
    runs.forEach((r, i) => {
      if (r.JobRunState !== "FAILED") problems.push(`run ${r.Id} is ${r.JobRunState}`);
      if (r.Attempt !== runs.length - 1 - i) problems.push(`run ${r.Id} is attempt ${r.Attempt}`);
      if (i + 1 < runs.length && r.PreviousRunId !== runs[i + 1].Id)
        problems.push(`run ${r.Id} does not retry run ${runs[i + 1].Id}`);
      for (const t of texts)
        if (!r.ErrorMessage.includes(t)) problems.push(`run ${r.Id}: the message lacks "${t}"`);
    });
    if (runs.length !== Number(n)) problems.push(`${runs.length} runs, expected ${n}`);
    if (problems.length) {
      console.error(problems.join("\n") + "\n" + runs.map((r) => r.ErrorMessage).join("\n"));
      process.exit(1);
    }' "$n" "$@"
}

# run_succeeds JOB ROWS: a run of JOB succeeds writing ROWS rows.
run_succeeds() {
  basin --json jobs run "$1" --wait | check_json \
    "d.JobRun.JobRunState === 'SUCCEEDED' && d.JobRun.Metrics.RowsWritten === $2"
}

# 1. The source table is dropped after the crawl: both attempts (max retries 1) fail naming
# it; recreated, the next run copies only the rows after the bookmark.
basin jobs create copy_vanish --from-table src.movies_bad_vanish --to "$lake/vanish" \
  --target-table src.s3_vanish --bookmark enable --max-retries 1 > /dev/null
run_succeeds copy_vanish 100
pg "INSERT INTO bad.vanish SELECT i, 'name ' || i FROM generate_series(101, 110) i"
pg "CREATE TABLE bad.vanish_saved AS SELECT * FROM bad.vanish; DROP TABLE bad.vanish"
snapshot copy_vanish src.s3_vanish "$lake/vanish" > "$work/before"
run_fails copy_vanish
grep -q "bad.vanish" "$work/run.err"
last_runs_failed copy_vanish 2 "has no table or view bad.vanish"
expect_unchanged copy_vanish src.s3_vanish "$lake/vanish"
pg "ALTER TABLE bad.vanish_saved RENAME TO vanish; ALTER TABLE bad.vanish ADD PRIMARY KEY (id)"
run_succeeds copy_vanish 10
expect_equal "$(scalar "SELECT count(*), count(DISTINCT id), max(id) FROM src.s3_vanish")" "110,110,110"
echo "  dropped source table: FAILED twice naming bad.vanish, nothing changed; recreated, 10 new rows"

# 2. A source column changes type after the crawl: to numeric with a fraction (a cast would
# round it silently), then to text. Each run fails naming the table and the column.
basin jobs create copy_shifty --from-table src.movies_bad_shifty --to "$lake/shifty" \
  --target-table src.s3_shifty --bookmark enable > /dev/null
run_succeeds copy_shifty 100
pg "ALTER TABLE bad.shifty ALTER COLUMN qty TYPE numeric(10,2);
    INSERT INTO bad.shifty VALUES (101, 303), (102, 3.7), (103, 309)"
snapshot copy_shifty src.s3_shifty "$lake/shifty" > "$work/before"
run_fails copy_shifty
last_runs_failed copy_shifty 1 "bad.shifty" "column 'qty' is decimal(10,2) in the database" \
  "re-run the crawler"
expect_unchanged copy_shifty src.s3_shifty "$lake/shifty"
pg "ALTER TABLE bad.shifty ALTER COLUMN qty TYPE text"
run_fails copy_shifty
expect_unchanged copy_shifty src.s3_shifty "$lake/shifty"
pg "UPDATE bad.shifty SET qty = '306' WHERE id = 102;
    ALTER TABLE bad.shifty ALTER COLUMN qty TYPE integer USING qty::numeric::integer"
run_succeeds copy_shifty 3
expect_equal "$(scalar "SELECT count(*), sum(qty) FROM src.s3_shifty")" "103,$((3 * 103 * 104 / 2))"
echo "  source column changed to numeric, then text: FAILED naming the column, nothing changed; repaired, 3 new rows"

# 3. An ApplyMapping cast from text to int failing on one row (id 7 holds 'x7'): the run that
# would create the table fails naming the column and the value; with "Try" the row's code is
# NULL; over the existing table, INSERT OVERWRITE fails the same way and keeps the table.
mapping_dag() {  # FILE TRY WRITE_MODE
  cat > "$1" <<JSON
{"source": {"CatalogSource": {"Database": "src", "Table": "movies_bad_codes"}},
 "mapping": {"ApplyMapping": {"Inputs": ["source"], "Mapping": [
   {"FromPath": ["id"], "FromType": "int", "ToKey": "id", "ToType": "int"},
   {"FromPath": ["code"], "FromType": "string", "ToKey": "code", "ToType": "int", "Try": $2}]}},
 "target": {"LakeTarget": {"Inputs": ["mapping"], "Path": "$lake/codes/", "WriteMode": "$3",
   "CatalogDatabase": "src", "CatalogTable": "s3_codes"}}}
JSON
}
mapping_dag "$work/cast.json" false overwrite
mapping_dag "$work/try_cast.json" true append
basin jobs create cast_codes --dag-file "$work/cast.json" > /dev/null
basin jobs create try_codes --dag-file "$work/try_cast.json" > /dev/null
snapshot cast_codes src.s3_codes "$lake/codes" > "$work/before"
run_fails cast_codes
grep -q "column code: cannot cast 'x7' to integer" "$work/run.err"
last_runs_failed cast_codes 1 "column code: cannot cast 'x7' to integer"
expect_unchanged cast_codes src.s3_codes "$lake/codes"
[[ -z $(find "$lake/codes" -type f 2>/dev/null) ]]

run_succeeds try_codes 50
expect_equal "$(scalar "SELECT count(*) FILTER (WHERE code = id * 10),
  count(*) FILTER (WHERE code IS NULL AND id = 7), count(*) FROM src.s3_codes")" "49,1,50"
snapshot cast_codes src.s3_codes "$lake/codes" > "$work/before"
run_fails cast_codes
last_runs_failed cast_codes 1 "column code: cannot cast 'x7' to integer"
expect_unchanged cast_codes src.s3_codes "$lake/codes"
pg "UPDATE bad.codes SET code = '70' WHERE id = 7"
run_succeeds cast_codes 50
expect_equal "$(scalar "SELECT count(*) FILTER (WHERE code = id * 10), count(*) FROM src.s3_codes")" \
  "50,50"
echo "  failing cast: FAILED naming column code and 'x7' (CTAS and INSERT OVERWRITE), nothing changed; Try gave NULL"

# 4. A full disk: the partitioned target folder is a 2 MB tmpfs. The first run fits; 100000
# new rows (new partitions among them) do not.
mkdir -p "$work/full"
if mount -t tmpfs -o size=2m basin-etl-failures "$work/full" 2> "$work/mount.err"; then
  it_on_exit "umount \"\$work/full\""
  cat > "$work/filler.json" <<JSON
{"source": {"CatalogSource": {"Database": "src", "Table": "movies_bad_filler"}},
 "target": {"LakeTarget": {"Inputs": ["source"], "Path": "$work/full/filler/",
   "PartitionKeys": ["part"], "CatalogDatabase": "src", "CatalogTable": "s3_filler"}}}
JSON
  basin jobs create copy_filler --dag-file "$work/filler.json" --bookmark enable > /dev/null
  run_succeeds copy_filler 1000
  pg "INSERT INTO bad.filler SELECT i, md5(i::text), (i - 1) / 10000 FROM generate_series(1001, 101000) i"
  snapshot copy_filler src.s3_filler "$work/full/filler" > "$work/before"
  run_fails copy_filler
  last_runs_failed copy_filler 1 "No space left on device" "$work/full/filler/"
  expect_unchanged copy_filler src.s3_filler "$work/full/filler"
  mount -o remount,size=64m "$work/full"
  run_succeeds copy_filler 100000
  expect_equal "$(scalar "SELECT count(*), count(DISTINCT id), count(DISTINCT part) FROM src.s3_filler")" \
    "101000,101000,11"
  expect_equal "$(basin --json catalog partitions src.s3_filler | node -e '
    console.log(JSON.parse(require("fs").readFileSync(0, "utf8")).Partitions.length)')" 11
  echo "  full disk: FAILED naming the file and ENOSPC, nothing changed; with room, 100000 new rows"
else
  echo "etl_failures: the full-disk case was NOT run: cannot mount a tmpfs here ($(cat "$work/mount.err"))" >&2
fi

# 5. The database restarts while a run streams a million rows into an existing table.
if [[ $(id -u) -eq 0 ]]; then as_pg() { runuser -u postgres -- "$@"; }; else as_pg() { "$@"; }; fi
basin jobs create copy_big --from-table src.movies_bad_big --to "$lake/big" \
  --target-table src.s3_big > /dev/null
run_succeeds copy_big 1000000
snapshot copy_big src.s3_big "$lake/big" > "$work/before"
"$BASIN" --home "$home" jobs run copy_big --wait --quiet > "$work/run.out" 2> "$work/run.err" &
pid=$!
copying=""
for _ in $(seq 1000); do
  copying=$(pg "SELECT count(*) FROM pg_stat_activity
                WHERE query LIKE 'COPY (%' AND pid <> pg_backend_pid()")
  [[ $copying != 0 ]] && break
  kill -0 "$pid" 2> /dev/null || break
  sleep 0.01
done
[[ $copying != 0 ]] || { echo "the run of copy_big was never seen streaming" >&2; exit 1; }
as_pg "${PG_BIN:-/usr/lib/postgresql/15/bin}/pg_ctl" -D "$server/data" restart -m fast -w -t 60 > /dev/null
if wait "$pid"; then echo "copy_big ended before the restart: make bad.big bigger" >&2; exit 1; fi
last_runs_failed copy_big 1 "scanning movies_db (movies.bad.big): PostgreSQL bad.big"
# The server's word, or the client's when the server closed the socket first.
basin --json jobs runs copy_big --limit 1 | check_json \
  '/terminating connection due to administrator command|server closed the connection/.test(
     d.JobRuns[0].ErrorMessage)'
expect_unchanged copy_big src.s3_big "$lake/big"
run_succeeds copy_big 1000000
expect_equal "$(scalar "SELECT count(*), count(DISTINCT id) FROM src.s3_big")" "2000000,1000000"
echo "  database restart mid-run: FAILED naming bad.big and the termination, nothing changed; rerun ok"

echo "etl_failures: ok ($((SECONDS - started)) s)"
