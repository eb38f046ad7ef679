#!/usr/bin/env bash
# basin jobs runs of etl jobs: a background run followed with `runs` until SUCCEEDED (with
# rows read counted by the engine); a long run stopped from another process (STOPPED, no
# files, no table), ConcurrentRunsExceeded while it runs, a timeout (TIMEOUT, no files). States
# are polled with a generous bound; no durations are asserted.
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
echo "etl_runs: ok"
