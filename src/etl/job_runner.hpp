#pragma once

// Runs an etl job once: records the run (STARTING → RUNNING → SUCCEEDED | FAILED) in the
// catalog, compiles the job's DAG (compiler.hpp), runs the statement on a SQL engine
// session, and stores the metrics and log. The engine publishes the files atomically and
// registers the target table only after they are published, so a failed run leaves no new
// files and no catalog change (only its run record).

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "catalog/catalog.hpp"

namespace basin::etl {

struct RunJobOptions {
  std::map<std::string, std::string> arguments;  // override the job's default arguments
  // Called with each log line as it is written (for `basin jobs run --wait`).
  std::function<void(std::string_view)> progress;
};

// The finished run (also stored in the catalog). Errors that keep a run from starting
// (unknown job, ConcurrentRunsExceeded, a shell job) are thrown; errors of the run itself
// end it FAILED with the message in JobRun::error_message.
catalog::JobRun RunJob(catalog::Catalog& catalog, const std::filesystem::path& home,
                       std::string_view job_name, const RunJobOptions& options = {});

}  // namespace basin::etl
