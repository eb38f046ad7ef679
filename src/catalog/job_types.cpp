// ETL jobs and runs: names of enums and the Glue-shaped JSON.
#include "catalog/job_types.hpp"

#include "common/error.hpp"

namespace basin::catalog {

namespace {

using nlohmann::json;

const json* Field(const json& object, const char* key) {
  auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::string String(const json& object, const char* key) {
  const json* value = Field(object, key);
  if (value == nullptr) return "";
  if (!value->is_string()) ThrowInvalid(std::string("job field ") + key + " must be a string");
  return value->get<std::string>();
}

int64_t Integer(const json& object, const char* key, int64_t fallback) {
  const json* value = Field(object, key);
  if (value == nullptr) return fallback;
  if (!value->is_number_integer()) {
    ThrowInvalid(std::string("job field ") + key + " must be an integer");
  }
  return value->get<int64_t>();
}

std::map<std::string, std::string> StringMap(const json& object, const char* key) {
  std::map<std::string, std::string> map;
  const json* value = Field(object, key);
  if (value == nullptr) return map;
  if (!value->is_object()) ThrowInvalid(std::string("job field ") + key + " must be an object");
  for (auto it = value->begin(); it != value->end(); ++it) {
    if (!it->is_string()) {
      ThrowInvalid(std::string("job field ") + key + "." + it.key() + " must be a string");
    }
    map[it.key()] = it->get<std::string>();
  }
  return map;
}

}  // namespace

std::string_view JobCommandName(JobCommand command) {
  return command == JobCommand::kEtl ? "etl" : "shell";
}

JobCommand ParseJobCommand(std::string_view text) {
  if (text == "etl" || text == "glueetl") return JobCommand::kEtl;
  if (text == "shell" || text == "pythonshell") return JobCommand::kShell;
  ThrowInvalid("job type '" + std::string(text) + "' is not one of etl, shell");
}

std::string_view BookmarkOptionName(BookmarkOption option) {
  switch (option) {
    case BookmarkOption::kEnable: return "job-bookmark-enable";
    case BookmarkOption::kPause: return "job-bookmark-pause";
    case BookmarkOption::kDisable: break;
  }
  return "job-bookmark-disable";
}

BookmarkOption ParseBookmarkOption(std::string_view text) {
  if (text == "job-bookmark-enable" || text == "enable") return BookmarkOption::kEnable;
  if (text == "job-bookmark-disable" || text == "disable") return BookmarkOption::kDisable;
  if (text == "job-bookmark-pause" || text == "pause") return BookmarkOption::kPause;
  ThrowInvalid("bookmark option '" + std::string(text) + "' is not one of enable, disable, pause");
}

std::string_view JobRunStateName(JobRunState state) {
  switch (state) {
    case JobRunState::kStarting: return "STARTING";
    case JobRunState::kRunning: return "RUNNING";
    case JobRunState::kStopping: return "STOPPING";
    case JobRunState::kStopped: return "STOPPED";
    case JobRunState::kSucceeded: return "SUCCEEDED";
    case JobRunState::kFailed: return "FAILED";
    case JobRunState::kTimeout: return "TIMEOUT";
    case JobRunState::kError: break;
  }
  return "ERROR";
}

JobRunState ParseJobRunState(std::string_view text) {
  for (JobRunState state :
       {JobRunState::kStarting, JobRunState::kRunning, JobRunState::kStopping,
        JobRunState::kStopped, JobRunState::kSucceeded, JobRunState::kFailed,
        JobRunState::kTimeout, JobRunState::kError}) {
    if (JobRunStateName(state) == text) return state;
  }
  ThrowInvalid("job run state '" + std::string(text) + "' is unknown");
}

bool IsActive(JobRunState state) {
  return state == JobRunState::kStarting || state == JobRunState::kRunning ||
         state == JobRunState::kStopping;
}

json ToJson(const Job& job) {
  json command = {{"Name", JobCommandName(job.command)}};
  if (!job.script.empty()) command["ScriptLocation"] = job.script;
  json out = {{"Name", job.name},
              {"Description", job.description},
              {"Command", command},
              {"DefaultArguments", job.default_arguments},
              {"Timeout", job.timeout_minutes},
              {"MaxRetries", job.max_retries},
              {"ExecutionProperty", {{"MaxConcurrentRuns", job.max_concurrent_runs}}},
              {"WorkerThreads", job.worker_threads},
              {"JobBookmarkOption", BookmarkOptionName(job.bookmark_option)},
              {"Tags", job.tags},
              {"CreatedOn", job.created_on},
              {"LastModifiedOn", job.last_modified_on}};
  if (!job.dag.empty()) out["Dag"] = job.dag;
  return out;
}

Job JobFromJson(const json& in) {
  if (!in.is_object()) ThrowInvalid("a job must be a JSON object");
  Job job;
  job.name = String(in, "Name");
  job.description = String(in, "Description");
  if (const json* command = Field(in, "Command")) {
    if (!command->is_object()) ThrowInvalid("job field Command must be an object");
    std::string name = String(*command, "Name");
    if (!name.empty()) job.command = ParseJobCommand(name);
    job.script = String(*command, "ScriptLocation");
  }
  job.default_arguments = StringMap(in, "DefaultArguments");
  job.timeout_minutes = Integer(in, "Timeout", job.timeout_minutes);
  job.max_retries = Integer(in, "MaxRetries", job.max_retries);
  if (const json* execution = Field(in, "ExecutionProperty")) {
    if (!execution->is_object()) ThrowInvalid("job field ExecutionProperty must be an object");
    job.max_concurrent_runs = Integer(*execution, "MaxConcurrentRuns", job.max_concurrent_runs);
  }
  job.worker_threads = Integer(in, "WorkerThreads", job.worker_threads);
  std::string bookmark = String(in, "JobBookmarkOption");
  if (!bookmark.empty()) job.bookmark_option = ParseBookmarkOption(bookmark);
  job.tags = StringMap(in, "Tags");
  job.dag = String(in, "Dag");
  job.created_on = Integer(in, "CreatedOn", 0);
  job.last_modified_on = Integer(in, "LastModifiedOn", 0);
  return job;
}

json ToJson(const JobRun& run) {
  int64_t execution_millis = run.completed_on > 0 ? run.completed_on - run.started_on : 0;
  return {{"Id", run.id},
          {"JobName", run.job_name},
          {"Attempt", run.attempt},
          {"JobRunState", JobRunStateName(run.state)},
          {"Arguments", run.arguments},
          {"StartedOn", run.started_on},
          {"CompletedOn", run.completed_on},
          {"ExecutionTime", execution_millis / 1000},
          {"ErrorMessage", run.error_message},
          {"Metrics",
           {{"RowsRead", run.rows_read},
            {"BytesRead", run.bytes_read},
            {"RowsWritten", run.rows_written},
            {"BytesWritten", run.bytes_written},
            {"FilesWritten", run.files_written},
            {"DurationMillis", execution_millis},
            {"ComputeSeconds", run.compute_seconds},
            {"PeakMemoryBytes", run.peak_memory_bytes}}},
          {"PreviousRunId", run.previous_run_id},
          {"Timeout", run.timeout_minutes},
          {"ExitCode", run.exit_code},
          {"Log", run.log},
          {"ProcessId", run.process_id},
          {"ProcessStartTime", run.process_start_time}};
}

JobRun JobRunFromJson(const json& in) {
  if (!in.is_object()) ThrowInvalid("a job run must be a JSON object");
  JobRun run;
  run.id = Integer(in, "Id", 0);
  run.job_name = String(in, "JobName");
  run.attempt = Integer(in, "Attempt", 0);
  std::string state = String(in, "JobRunState");
  if (!state.empty()) run.state = ParseJobRunState(state);
  run.arguments = StringMap(in, "Arguments");
  run.started_on = Integer(in, "StartedOn", 0);
  run.completed_on = Integer(in, "CompletedOn", 0);
  run.error_message = String(in, "ErrorMessage");
  if (const json* metrics = Field(in, "Metrics")) {
    if (!metrics->is_object()) ThrowInvalid("job run field Metrics must be an object");
    run.rows_read = Integer(*metrics, "RowsRead", 0);
    run.bytes_read = Integer(*metrics, "BytesRead", 0);
    run.rows_written = Integer(*metrics, "RowsWritten", 0);
    run.bytes_written = Integer(*metrics, "BytesWritten", 0);
    run.files_written = Integer(*metrics, "FilesWritten", 0);
    run.peak_memory_bytes = Integer(*metrics, "PeakMemoryBytes", 0);
    if (const json* compute = Field(*metrics, "ComputeSeconds")) {
      if (!compute->is_number()) ThrowInvalid("job run field ComputeSeconds must be a number");
      run.compute_seconds = compute->get<double>();
    }
  }
  run.previous_run_id = Integer(in, "PreviousRunId", 0);
  run.timeout_minutes = Integer(in, "Timeout", 0);
  run.exit_code = Integer(in, "ExitCode", 0);
  run.log = String(in, "Log");
  run.process_id = Integer(in, "ProcessId", 0);
  run.process_start_time = Integer(in, "ProcessStartTime", 0);
  return run;
}

}  // namespace basin::catalog
