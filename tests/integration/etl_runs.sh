#!/usr/bin/env bash
# basin jobs runs of etl jobs: a background run followed with `runs` until SUCCEEDED (with
# rows read counted by the engine); a long run stopped from another process (STOPPED, no
# files, no table), ConcurrentRunsExceeded while it runs, a timeout (TIMEOUT, no files). States
# are polled with a generous bound; no durations are asserted. A run whose process was killed
# with SIGKILL (left a zombie where nobody reaps it) is not active any more: a stop ends it at
# once and a new run is not refused. A job writing without a catalog table (UNLOAD) appends
# on its second run.
set -euo pipefail
: "${BASIN:?path of the basin binary}"
: "${BASIN_REPO:?path of the repository}"
# shellcheck source=lib/common.sh
. "$BASIN_REPO/tests/integration/lib/common.sh"
it_home
# shellcheck source=lib/etl.sh
. "$BASIN_REPO/tests/integration/lib/etl.sh"

field() { node -e "console.log(JSON.parse(require('fs').readFileSync(0, 'utf8'))$1)"; }
files_in() { if [[ -d "$1" ]]; then find "$1" -type f | wc -l; else echo 0; fi; }

# A 10^4-row table, and a view of it crossed with itself three times (10^12 rows): a run
# reading the view goes on until it is stopped.
digits="(VALUES 0,1,2,3,4,5,6,7,8,9)"
basin sql -c "CREATE DATABASE shop;
  CREATE TABLE shop.many WITH (format = 'parquet', external_location = '$work/many/') AS
    SELECT a.d * 1000 + b.d * 100 + c.d * 10 + e.d AS n
    FROM $digits AS a(d) CROSS JOIN $digits AS b(d) CROSS JOIN $digits AS c(d)
      CROSS JOIN $digits AS e(d);
  CREATE VIEW shop.endless AS SELECT x.n AS a, y.n AS b, z.n AS c
    FROM shop.many x CROSS JOIN shop.many y CROSS JOIN shop.many z" > /dev/null

# 1. In the background: the run id comes back at once; `runs` follows it to SUCCEEDED.
basin jobs create copy_many --from-table shop.many --to "$work/lake/many_copy" \
  --target-table shop.many_copy > /dev/null
id=$(basin --json jobs run copy_many | field .JobRunId)
etl_wait_for_state copy_many "$id" SUCCEEDED
basin --json jobs runs copy_many --run "$id" | check_json '
  d.JobRun.Metrics.RowsRead === 10000 && d.JobRun.Metrics.RowsWritten === 10000 &&
  d.JobRun.Metrics.BytesRead > 0 && d.JobRun.Metrics.PeakMemoryBytes > 0 &&
  d.JobRun.Metrics.ComputeSeconds >= 0 && d.JobRun.ProcessId > 0'
[[ "$(basin sql -c "SELECT count(*) FROM shop.many_copy" --output csv | tail -n 1 | tr -d '"\r')" \
  == 10000 ]]
basin jobs runs copy_many | grep -q "SUCCEEDED"

# 2. Stop of a long run from another process: STOPPED, no files, no table.
cat > "$work/endless.json" <<JSON
{"source": {"CatalogSource": {"Database": "shop", "Table": "endless"}},
 "target": {"LakeTarget": {"Inputs": ["source"], "Path": "$work/lake/endless/",
   "Format": "parquet", "CatalogDatabase": "shop", "CatalogTable": "endless_copy"}}}
JSON
basin jobs create endless --dag-file "$work/endless.json" --max-retries 2 > /dev/null
run=$(basin --json jobs run endless | field .JobRunId)
etl_wait_for_state endless "$run" RUNNING
expect_failure 14 "ConcurrentRunsExceeded" basin jobs run endless --wait
basin jobs stop endless --wait > "$work/stop.out"
grep -q "^run $run STOPPED$" "$work/stop.out"
basin --json jobs runs endless | check_json '
  d.JobRuns.length === 1 && d.JobRuns[0].JobRunState === "STOPPED" &&
  d.JobRuns[0].ErrorMessage.includes("stopped by request")'
[[ "$(files_in "$work/lake/endless")" == 0 ]]
expect_failure 12 "does not exist" basin catalog table shop.endless_copy

# 3. A timeout (hidden --timeout-seconds; jobs and `run --timeout` take minutes): TIMEOUT, not
#    retried, nothing written.
expect_failure 19 "timed out" basin jobs run endless --wait --quiet --timeout-seconds 1
basin --json jobs runs endless | check_json '
  d.JobRuns.length === 2 && d.JobRuns[0].JobRunState === "TIMEOUT"'
[[ "$(files_in "$work/lake/endless")" == 0 ]]
expect_failure 12 "does not exist" basin catalog table shop.endless_copy
# 4. A background run's process killed with SIGKILL: whether or not anybody reaps it, the run
#    is not active any more. A stop marks it STOPPED at once; a new run starts (no
#    ConcurrentRunsExceeded) and marks the earlier killed run FAILED.
kill_run_process() {
  local pid i state
  pid=$(basin --json jobs runs endless --run "$1" | field .JobRun.ProcessId)
  [[ "$pid" -gt 0 ]]
  kill -9 "$pid"
  # The process is gone or a zombie (state Z) before the next step.
  for ((i = 0; i < 1200; i++)); do
    state=$(ps -o stat= -p "$pid" 2> /dev/null || true)
    [[ -z "$state" || "$state" == Z* ]] && return 0
    sleep 0.1
  done
  echo "process $pid of run $1 did not die" >&2
  exit 1
}
killed=$(basin --json jobs run endless | field .JobRunId)
etl_wait_for_state endless "$killed" RUNNING
kill_run_process "$killed"
basin jobs stop endless > /dev/null
basin --json jobs runs endless --run "$killed" | check_json '
  d.JobRun.JobRunState === "STOPPED" && d.JobRun.ErrorMessage.includes("already ended")'
killed=$(basin --json jobs run endless | field .JobRunId)
etl_wait_for_state endless "$killed" RUNNING
kill_run_process "$killed"
expect_failure 19 "timed out" basin jobs run endless --wait --quiet --timeout-seconds 1
basin --json jobs runs endless --run "$killed" | check_json '
  d.JobRun.JobRunState === "FAILED" && d.JobRun.ErrorMessage.includes("ended before it finished")'

# 5. No catalog table: the target is written with UNLOAD; the second run appends beside the
#    first run's files.
cat > "$work/unload.json" <<JSON
{"source": {"CatalogSource": {"Database": "shop", "Table": "many"}},
 "target": {"LakeTarget": {"Inputs": ["source"], "Path": "$work/lake/unloaded/",
   "Format": "parquet", "WriteMode": "append"}}}
JSON
basin jobs create unload_many --file "$work/unload.json" > /dev/null
basin jobs run unload_many --wait --quiet
basin jobs run unload_many --wait --quiet
basin --json jobs runs unload_many | check_json '
  d.JobRuns.length === 2 && d.JobRuns.every(r => r.JobRunState === "SUCCEEDED")'
basin sql -c "CREATE EXTERNAL TABLE shop.unloaded (n int) STORED AS PARQUET
  LOCATION '$work/lake/unloaded/'" > /dev/null
[[ "$(basin sql -c "SELECT count(*), count(DISTINCT n) FROM shop.unloaded" --output csv |
  tail -n 1 | tr -d '"\r')" == "20000,10000" ]]

# 6. DESIGN.md's spellings (--file, --bookmarks) and where a DAG file is wrong: bad JSON by
#    line, column and byte offset; a file starting with '[' is JSON, not YAML, however deep.
basin jobs create marked --file "$work/unload.json" --bookmarks enable > /dev/null
basin --json jobs show marked | check_json 'd.Job.JobBookmarkOption === "job-bookmark-enable"'
printf '{"source": {"CatalogSource":\n  {"Database" "shop"}}}' > "$work/bad.json"
expect_failure 11 "line 2, column 20" basin jobs create bad --file "$work/bad.json"
expect_failure 11 "byte offset 48" basin jobs create bad --file "$work/bad.json"
node -e "process.stdout.write('['.repeat(100000) + ']'.repeat(100000))" > "$work/deep.json"
expect_failure 11 "must be a JSON object" basin jobs create bad --dag-file "$work/deep.json"
echo "etl_runs: ok"
