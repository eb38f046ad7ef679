#pragma once

// Runs a job to its end: records each attempt (STARTING → RUNNING → SUCCEEDED | FAILED |
// STOPPED | TIMEOUT) in the catalog, with its metrics and log, and retries a FAILED attempt up
// to the job's max retries as new runs (attempt 1, 2, …, each naming the run it retries).
//
// An etl job compiles its DAG (compiler.hpp) and runs the statement on a SQL engine session;
// the engine publishes the files atomically and registers the target table only after they
// are published, so a run that fails, is stopped or times out leaves no new files and no
// catalog change (only its run record). A shell job runs its command line with /bin/sh
// (shell_job.hpp): exit status 0 is SUCCEEDED, anything else FAILED; its output is the log.
//
// Stop and timeout (run_control.hpp): the run ends STOPPED when `stop` is set or the run is
// STOPPING in the catalog, and TIMEOUT past its timeout; neither is retried.

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "catalog/catalog.hpp"
#include "sql/exec/query_settings.hpp"

namespace basin::etl {

struct RunJobOptions {
  std::map<std::string, std::string> arguments;  // override the job's default arguments
  // Called with each log line as it is written (for `basin jobs run --wait`).
  std::function<void(std::string_view)> progress;
  // Called once the first attempt is recorded, with its run id (before it does any work).
  std::function<void(int64_t)> on_started;
  // Set by another thread or a signal handler to stop the run.
  const std::atomic<bool>* stop = nullptr;
  // The run's timeout in minutes, overriding the job's (0: the job's).
  int64_t timeout_minutes = 0;
  // For tests: a timeout in seconds, overriding both (0: none).
  double timeout_seconds = 0;
  // The engine's live counters, for a progress bar; reset at each attempt. Made when null.
  std::shared_ptr<sql::QueryProgress> counters;
};

// Bytes of a shell command's output kept in its run's log (the last ones).
constexpr size_t kShellLogLimitBytes = size_t{1} << 20;

// The last attempt (also stored in the catalog). Errors that keep the first attempt from
// starting (unknown job, ConcurrentRunsExceeded) are thrown; errors of a run end it FAILED
// with the message in JobRun::error_message.
catalog::JobRun RunJob(catalog::Catalog& catalog, const std::filesystem::path& home,
                       std::string_view job_name, const RunJobOptions& options = {});

}  // namespace basin::etl
