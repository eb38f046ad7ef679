#pragma once

// ETL jobs and job runs as the catalog stores them: Glue's Job and JobRun shapes (botocore's
// glue service-2.json) with Basin's additions (worker threads, the DAG as JSON text, run
// metrics and log). What a DAG means is etl/'s business; the catalog keeps its text.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace basin::catalog {

// Glue's Command.Name: "glueetl" is Basin's "etl" (a DAG), "pythonshell" its "shell".
enum class JobCommand { kEtl, kShell };
std::string_view JobCommandName(JobCommand command);  // "etl", "shell"
JobCommand ParseJobCommand(std::string_view text);    // InvalidInput otherwise

// Glue's --job-bookmark-option.
enum class BookmarkOption { kDisable, kEnable, kPause };
std::string_view BookmarkOptionName(BookmarkOption option);  // "job-bookmark-disable", …
BookmarkOption ParseBookmarkOption(std::string_view text);   // also "enable" | "disable" | "pause"

struct Job {
  std::string name;
  std::string description;
  JobCommand command = JobCommand::kEtl;
  std::string script;  // shell jobs: the command line; etl jobs: empty (the DAG is the job)
  std::map<std::string, std::string> default_arguments;
  int64_t timeout_minutes = 2880;  // Glue's default, 48 hours
  int64_t max_retries = 0;
  int64_t max_concurrent_runs = 1;
  int64_t worker_threads = 0;  // 0: every core
  BookmarkOption bookmark_option = BookmarkOption::kDisable;
  std::map<std::string, std::string> tags;
  std::string dag;  // etl jobs: the DAG as JSON text (etl/dag.hpp)
  int64_t created_on = 0;        // set by the catalog, milliseconds since the epoch
  int64_t last_modified_on = 0;  // set by the catalog
  bool operator==(const Job&) const = default;
};

// Glue's JobRunState.
enum class JobRunState { kStarting, kRunning, kStopping, kStopped, kSucceeded, kFailed, kTimeout,
                         kError };
std::string_view JobRunStateName(JobRunState state);  // "STARTING", "RUNNING", …
JobRunState ParseJobRunState(std::string_view text);
// STARTING, RUNNING and STOPPING runs are active; the others are final.
bool IsActive(JobRunState state);

struct JobRun {
  int64_t id = 0;  // increasing across all jobs
  std::string job_name;
  int64_t attempt = 0;  // 0 for the first attempt, as in Glue
  JobRunState state = JobRunState::kStarting;
  std::map<std::string, std::string> arguments;  // the run's own, overriding the defaults
  int64_t started_on = 0;
  int64_t completed_on = 0;
  std::string error_message;
  int64_t rows_read = 0;
  int64_t bytes_read = 0;
  int64_t rows_written = 0;
  int64_t bytes_written = 0;
  int64_t files_written = 0;
  // Glue's PreviousRunId: the failed run this one retries (0 for a first attempt).
  int64_t previous_run_id = 0;
  int64_t timeout_minutes = 0;  // the timeout the run had (Glue's Timeout)
  // Glue's DPUSeconds analogue: worker threads × seconds the run took.
  double compute_seconds = 0;
  int64_t peak_memory_bytes = 0;  // peak resident memory of the process doing the work
  int64_t exit_code = 0;          // shell jobs: the command's exit status
  std::string log;          // one line per event
  int64_t process_id = 0;   // the process running it, to spot runs whose process died
  // That process's start time (common/process.hpp): tells it from a zombie or a reused pid.
  int64_t process_start_time = 0;
  bool operator==(const JobRun&) const = default;
};

// Glue-shaped JSON (Name, Command.Name, DefaultArguments, Timeout, …; Id, Attempt,
// JobRunState, …). FromJson is InvalidInput on a wrong shape.
nlohmann::json ToJson(const Job& job);
nlohmann::json ToJson(const JobRun& run);
Job JobFromJson(const nlohmann::json& json);
JobRun JobRunFromJson(const nlohmann::json& json);

}  // namespace basin::catalog
