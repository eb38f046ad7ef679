#!/usr/bin/env bash
# basin jobs with --shell: a command that succeeds (arguments and Basin's locations in its
# environment, its output in the run's log), one that fails (exit status, retries as new
# attempts), one that times out and one that is stopped — each log read back with
# `basin jobs runs NAME --run ID`. States are polled with a generous bound; no durations.
set -euo pipefail
: "${BASIN:?path of the basin binary}"
: "${BASIN_REPO:?path of the repository}"
# shellcheck source=lib/common.sh
. "$BASIN_REPO/tests/integration/lib/common.sh"
it_home
# shellcheck source=lib/etl.sh
. "$BASIN_REPO/tests/integration/lib/etl.sh"

# 1. Success: arguments (defaults overridden by the run's) in $@ and the environment.
basin jobs create hello --shell 'echo "job=$BASIN_JOB_NAME run=$BASIN_JOB_RUN_ID day=$BASIN_ARG_DAY"
  echo "args:$*"; echo "lake=$BASIN_LAKE"; echo "to stderr" >&2; test -f "$BASIN_CATALOG"' \
  --arg day=mon --arg region=eu > /dev/null
basin --json jobs show hello | check_json '
  d.Job.Command.Name === "shell" && d.Job.Command.ScriptLocation.startsWith("echo \"job=")'
basin --json jobs run hello --wait --arg day=tue > "$work/hello.json"
check_json 'd.JobRun.JobRunState === "SUCCEEDED" && d.JobRun.ExitCode === 0 &&
  d.JobRun.Metrics.PeakMemoryBytes > 0' < "$work/hello.json"
id=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(0, "utf8")).JobRun.Id)' \
  < "$work/hello.json")
basin jobs runs hello --run "$id" > "$work/log"
grep -q "^| job=hello run=$id day=tue$" "$work/log"
grep -q '^| args:--day tue --region eu$' "$work/log"
grep -q "^| lake=$home/lake/$" "$work/log"
grep -q '^| to stderr$' "$work/log"
# Without --wait the run goes to the background; its id comes back at once.
basin --json jobs run hello > "$work/started.json"
bg=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(0, "utf8")).JobRunId)' \
  < "$work/started.json")
etl_wait_for_state hello "$bg" SUCCEEDED
basin jobs runs hello --run "$bg" | grep -q "^| job=hello run=$bg day=mon$"

# 2. Failure: the exit status is the error, and the job's retries are new attempts.
basin jobs create bad --shell 'echo "trying"; exit 3' --max-retries 1 > /dev/null
expect_failure 16 "status 3" basin jobs run bad --wait --quiet
basin --json jobs runs bad | check_json '
  d.JobRuns.length === 2 && d.JobRuns.every((r) => r.JobRunState === "FAILED" &&
    r.ExitCode === 3 && r.Log.includes("| trying")) &&
  d.JobRuns[0].Attempt === 1 && d.JobRuns[1].Attempt === 0 &&
  d.JobRuns[0].PreviousRunId === d.JobRuns[1].Id'

# 3. Timeout (the hidden --timeout-seconds; a job's timeout is in minutes): TIMEOUT, killed.
basin jobs create slow --shell 'echo "started"; sleep 60; echo "never"' --max-retries 2 \
  > /dev/null
expect_failure 19 "timed out" basin jobs run slow --wait --quiet --timeout-seconds 1
basin --json jobs runs slow | check_json '
  d.JobRuns.length === 1 && d.JobRuns[0].JobRunState === "TIMEOUT" &&
  d.JobRuns[0].Log.includes("| started") && !d.JobRuns[0].Log.includes("| never") &&
  d.JobRuns[0].Log.includes("killed by signal 15")'

# 4. Stop of a background run: STOPPING, then STOPPED; what the command started is gone too.
basin jobs create waiting --shell 'sleep 300 & echo $! > "$BASIN_HOME/child"
  echo "ready"; wait' > /dev/null
run=$(basin --json jobs run waiting | node -e \
  'console.log(JSON.parse(require("fs").readFileSync(0, "utf8")).JobRunId)')
for ((i = 0; i < 1200; i++)); do [[ -s "$home/child" ]] && break; sleep 0.1; done
[[ -s "$home/child" ]]
# A second run is refused while this one runs (one concurrent run by default).
expect_failure 14 "ConcurrentRunsExceeded" basin jobs run waiting
basin --json jobs stop waiting --run "$run" | check_json '
  d.SuccessfulSubmissions.length === 1 && d.SuccessfulSubmissions[0].JobRunId === '"$run"
etl_wait_for_state waiting "$run" STOPPED
basin jobs runs waiting --run "$run" > "$work/log"
grep -q '^| ready$' "$work/log"
grep -q 'stopped by request' "$work/log"
child=$(cat "$home/child")
for ((i = 0; i < 1200; i++)); do kill -0 "$child" 2> /dev/null || break; sleep 0.1; done
if kill -0 "$child" 2> /dev/null; then echo "the command's child $child survived the stop"; exit 1; fi
expect_failure 14 "already ended" basin jobs stop waiting --run "$run"
echo "etl_shell: ok"
