// A job's runs: attempts, retries, etl and shell work, metrics.
#include "etl/job_runner.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <cmath>

#include "catalog/names.hpp"
#include "common/error.hpp"
#include "common/thread_pool.hpp"
#include "etl/bookmarks.hpp"
#include "etl/compiler.hpp"
#include "etl/dag.hpp"
#include "etl/run_control.hpp"
#include "etl/shell_job.hpp"
#include "sql/engine/session.hpp"
#include "storage/file_system.hpp"
#include "types/date_time.hpp"

namespace basin::etl {

namespace {

using catalog::JobRunState;

// Files (path → size) under a folder; none when it does not exist yet.
std::map<std::string, uint64_t> FilesUnder(const std::string& location) {
  std::map<std::string, uint64_t> files;
  auto& file_system = storage::FileSystemFor(location);
  if (location.rfind("s3://", 0) != 0 && !file_system.Exists(location)) return files;
  for (auto& file : file_system.ListRecursive(location)) {
    if (!file.is_directory) files.emplace(std::move(file.path), file.size);
  }
  return files;
}

int64_t RowsOf(const sql::StatementResult& result) {
  for (const auto& chunk : result.chunks) {
    if (chunk.size() > 0 && chunk.column_count() > 0 && !chunk.column(0).IsNull(0)) {
      return chunk.column(0).data<int64_t>()[0];
    }
  }
  return 0;
}

int64_t PeakMemoryOfThisProcess() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<int64_t>(usage.ru_maxrss) * 1024;
}

class RunLog {
 public:
  RunLog(catalog::JobRun& run, const RunJobOptions& options) : run_(run), options_(options) {}
  void Add(const std::string& line) {
    std::string stamped = types::FormatTimestamp(catalog::NowMillis() * 1000) + " " + line;
    run_.log += stamped + "\n";
    if (options_.progress) options_.progress(line);
  }
  // A command's output, line by line, marked "| " (not shown again: it was shown live).
  void AddOutput(std::string_view output) {
    while (!output.empty()) {
      size_t end = output.find('\n');
      std::string_view line = output.substr(0, end);
      run_.log += "| ";
      run_.log += line;
      run_.log += "\n";
      output.remove_prefix(end == std::string_view::npos ? output.size() : end + 1);
    }
  }

 private:
  catalog::JobRun& run_;
  const RunJobOptions& options_;
};

// What one attempt needs besides the catalog.
struct Attempt {
  const catalog::Job& job;
  const std::filesystem::path& home;
  const RunJobOptions& options;
  const std::map<std::string, std::string>& arguments;  // defaults with the run's on top
  std::shared_ptr<sql::QueryProgress> counters;
  size_t threads = 1;
};

// Runs the DAG's statement; fills the written/read metrics.
void RunEtl(catalog::Catalog& catalog, const Attempt& attempt, const RunWatch& watch,
            catalog::JobRun& run, RunLog& log) {
  Dag dag = ParseDag(attempt.job.dag);
  JobBookmarks bookmarks(catalog, attempt.home, attempt.job, dag, attempt.arguments);
  for (const auto& line : bookmarks.Describe()) log.Add(line);
  if (bookmarks.nothing_new()) {
    log.Add("no new data since the last run: nothing to do");
    return;
  }
  CompiledJob compiled = CompileJob(dag, catalog, bookmarks.predicates());
  std::string target = compiled.catalog_table.empty()
                           ? compiled.location
                           : compiled.catalog_database + "." + compiled.catalog_table;
  log.Add(compiled.kind + " " + target + (compiled.creates_table ? " (created by this run)" : ""));
  log.Add("statement: " + compiled.statement);
  std::map<std::string, uint64_t> before = FilesUnder(compiled.location);

  sql::SessionOptions session_options;
  // UNLOAD targets have no catalog database; the session then starts in "default".
  session_options.database =
      compiled.catalog_database.empty() ? "default" : compiled.catalog_database;
  session_options.threads = static_cast<size_t>(attempt.job.worker_threads);
  session_options.target_file_size_bytes = compiled.target_file_size_bytes;
  session_options.database_scan_splits = compiled.database_scan_splits;
  session_options.progress = attempt.counters;
  session_options.cancel = &watch.cancel();
  bookmarks.Attach(session_options);
  sql::Session session(attempt.home, catalog, session_options);
  sql::StatementResult result = session.Execute(compiled.statement);
  bookmarks.Finish(catalog);

  run.rows_written = RowsOf(result);
  run.bytes_read = static_cast<int64_t>(result.bytes_scanned);
  for (const auto& [path, size] : FilesUnder(compiled.location)) {
    if (before.count(path)) continue;
    ++run.files_written;
    run.bytes_written += static_cast<int64_t>(size);
  }
  log.Add("wrote " + std::to_string(run.rows_written) + " rows in " +
          std::to_string(run.files_written) + " files (" + std::to_string(run.bytes_written) +
          " bytes) to " + compiled.location);
}

// Runs the command line; the state follows its exit status.
void RunShell(catalog::Catalog& catalog, const Attempt& attempt, const RunWatch& watch,
              catalog::JobRun& run, RunLog& log) {
  ShellCommand command;
  command.command_line = attempt.job.script;
  command.name = attempt.job.name;
  command.output_limit_bytes = kShellLogLimitBytes;
  command.environment = {{"BASIN_HOME", attempt.home.string()},
                         {"BASIN_CATALOG", catalog.path().string()},
                         {"BASIN_LAKE", (attempt.home / "lake").string() + "/"},
                         {"BASIN_JOB_NAME", attempt.job.name},
                         {"BASIN_JOB_RUN_ID", std::to_string(run.id)}};
  for (const auto& [key, value] : attempt.arguments) {
    command.environment[ArgumentVariable(key)] = value;
    command.arguments.push_back(key.rfind("--", 0) == 0 ? key : "--" + key);
    command.arguments.push_back(value);
  }
  log.Add("command: " + command.command_line);
  // Output goes to the live log a line at a time.
  std::string partial;
  auto on_output = [&](std::string_view piece) {
    if (!attempt.options.progress) return;
    partial.append(piece);
    size_t end;
    while ((end = partial.find('\n')) != std::string::npos) {
      attempt.options.progress(std::string_view(partial).substr(0, end));
      partial.erase(0, end + 1);
    }
  };
  ShellOutcome outcome =
      RunShellCommand(command, [&watch] { return watch.cancelled(); }, on_output);
  if (!partial.empty() && attempt.options.progress) attempt.options.progress(partial);
  run.peak_memory_bytes = outcome.peak_memory_bytes;
  if (outcome.output_dropped_bytes > 0) {
    log.Add("output (its first " + std::to_string(outcome.output_dropped_bytes) +
            " bytes dropped, the last " + std::to_string(outcome.output.size()) + " kept):");
  } else {
    log.Add("output (" + std::to_string(outcome.output.size()) + " bytes):");
  }
  log.AddOutput(outcome.output);
  if (outcome.exited) {
    run.exit_code = outcome.exit_code;
    log.Add("the command exited with status " + std::to_string(outcome.exit_code));
    if (outcome.exit_code != 0 && !watch.cancelled()) {
      throw Error(ErrorCode::kIOError,
                  "the command exited with status " + std::to_string(outcome.exit_code));
    }
  } else {
    run.exit_code = 128 + outcome.signal;
    log.Add("the command was killed by signal " + std::to_string(outcome.signal));
    if (!watch.cancelled()) {
      throw Error(ErrorCode::kIOError,
                  "the command was killed by signal " + std::to_string(outcome.signal));
    }
  }
  if (watch.cancelled()) throw Error(ErrorCode::kCancelled, "the command was stopped");
}

std::string TimeoutText(double seconds) {
  if (seconds >= 60 && std::fmod(seconds, 60) == 0) {
    return std::to_string(static_cast<int64_t>(seconds / 60)) + " minute(s)";
  }
  char text[32];
  std::snprintf(text, sizeof(text), "%g second(s)", seconds);
  return text;
}

catalog::JobRun RunAttempt(catalog::Catalog& catalog, const Attempt& attempt, int64_t number,
                           int64_t previous_run_id) {
  const RunJobOptions& options = attempt.options;
  int64_t id = catalog.StartJobRun(attempt.job.name, options.arguments, number,
                                   static_cast<int64_t>(getpid()));
  if (number == 0 && options.on_started) options.on_started(id);
  catalog::JobRun run = catalog.GetJobRun(id);
  RunLog log(run, options);
  run.state = JobRunState::kRunning;
  run.previous_run_id = previous_run_id;
  run.timeout_minutes =
      options.timeout_minutes > 0 ? options.timeout_minutes : attempt.job.timeout_minutes;
  double timeout_seconds = options.timeout_seconds > 0
                               ? options.timeout_seconds
                               : static_cast<double>(run.timeout_minutes) * 60.0;
  log.Add("run " + std::to_string(id) + " of job " + attempt.job.name + " started" +
          (number > 0 ? " (attempt " + std::to_string(number) + ", retrying run " +
                            std::to_string(previous_run_id) + ")"
                      : std::string()) +
          ", timeout " + TimeoutText(timeout_seconds));
  catalog.UpdateJobRun(run);
  attempt.counters->rows_read = 0;
  attempt.counters->bytes_read = 0;
  attempt.counters->rows_written = 0;
  attempt.counters->bytes_written = 0;

  {
    RunWatch watch(catalog, id, options.stop,
                   std::chrono::milliseconds(static_cast<int64_t>(timeout_seconds * 1000.0)));
    // An etl run's output is discarded by the engine; a shell command's is its own business.
    std::string discarded =
        attempt.job.command == catalog::JobCommand::kEtl ? "; nothing was written" : "";
    try {
      if (attempt.job.command == catalog::JobCommand::kShell) {
        RunShell(catalog, attempt, watch, run, log);
      } else {
        RunEtl(catalog, attempt, watch, run, log);
      }
      run.state = JobRunState::kSucceeded;
    } catch (const std::exception& error) {
      switch (watch.reason()) {
        case CancelReason::kStopped:
          run.state = JobRunState::kStopped;
          run.error_message = "stopped by request" + discarded;
          break;
        case CancelReason::kTimeout:
          run.state = JobRunState::kTimeout;
          run.error_message = "timed out after " + TimeoutText(timeout_seconds) + discarded;
          break;
        case CancelReason::kNone:
          run.state = JobRunState::kFailed;
          run.error_message = error.what();
          break;
      }
      log.Add(std::string(catalog::JobRunStateName(run.state)) + ": " + run.error_message);
    }
  }
  run.completed_on = catalog::NowMillis();
  // Counted by the engine as it read (an etl job's scans).
  run.rows_read = attempt.counters->rows_read.load();
  if (run.bytes_read == 0) run.bytes_read = attempt.counters->bytes_read.load();
  double seconds = static_cast<double>(run.completed_on - run.started_on) / 1000.0;
  run.compute_seconds = static_cast<double>(attempt.threads) * seconds;
  if (attempt.job.command == catalog::JobCommand::kEtl) {
    run.peak_memory_bytes = PeakMemoryOfThisProcess();
  }
  catalog.UpdateJobRun(run);
  return catalog.GetJobRun(id);
}

}  // namespace

catalog::JobRun RunJob(catalog::Catalog& catalog, const std::filesystem::path& home,
                       std::string_view job_name, const RunJobOptions& options) {
  catalog::Job job = catalog.GetJob(job_name);
  std::map<std::string, std::string> arguments = job.default_arguments;
  for (const auto& [key, value] : options.arguments) arguments[key] = value;
  auto counters = options.counters ? options.counters : std::make_shared<sql::QueryProgress>();
  size_t threads = 1;
  if (job.command == catalog::JobCommand::kEtl) {
    threads = job.worker_threads > 0 ? static_cast<size_t>(job.worker_threads)
                                     : ThreadPool::Shared().thread_count();
  }
  Attempt attempt{job, home, options, arguments, counters, threads};
  catalog::JobRun run = RunAttempt(catalog, attempt, 0, 0);
  // Glue retries a failed run as a new run; stopped and timed-out runs are not retried.
  for (int64_t number = 1; run.state == JobRunState::kFailed && number <= job.max_retries;
       ++number) {
    if (options.stop != nullptr && options.stop->load()) break;
    try {
      run = RunAttempt(catalog, attempt, number, run.id);
    } catch (const Error& error) {
      if (error.code() != ErrorCode::kConflict) throw;
      break;  // another run took the job's last slot meanwhile
    }
  }
  return run;
}

}  // namespace basin::etl
