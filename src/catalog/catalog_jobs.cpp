// Catalog: ETL job definitions and job runs (job_types.hpp). Follows catalog_crawlers.cpp:
// one row per entity holding its JSON definition; the runs are in the run-record store
// (run_records.hpp) shared with crawls.
#include "catalog/catalog.hpp"
#include "catalog/catalog_store.hpp"
#include "catalog/names.hpp"
#include "catalog/run_records.hpp"
#include "catalog/sqlite_db.hpp"
#include "common/error.hpp"
#include "common/process.hpp"

namespace basin::catalog {

namespace {

using Lock = std::lock_guard<std::recursive_mutex>;

[[noreturn]] void ThrowMissing(std::string_view kind, const std::string& name) {
  throw Error(ErrorCode::kNotFound, std::string(kind) + " '" + name + "' does not exist");
}

Job DecodeJob(SqliteDb& db, const std::string& name, std::string_view definition) {
  nlohmann::json json = store::ParseDefinition(db, definition, "job " + name);
  try {
    Job job = JobFromJson(json);
    job.name = name;
    return job;
  } catch (const Error& error) {
    ThrowCorrupt(db.path() + ": the stored definition of job " + name +
                 " is unreadable: " + error.what());
  }
}

JobRun DecodeRun(SqliteDb& db, int64_t id, std::string_view definition) {
  nlohmann::json json = store::ParseDefinition(db, definition, "job run " + std::to_string(id));
  try {
    JobRun run = JobRunFromJson(json);
    run.id = id;
    return run;
  } catch (const Error& error) {
    ThrowCorrupt(db.path() + ": the stored definition of job run " + std::to_string(id) +
                 " is unreadable: " + error.what());
  }
}

std::string EncodeRun(const JobRun& run) {
  return store::EncodeDefinition(ToJson(run), "job run " + std::to_string(run.id));
}

// Checks what the catalog can check; the DAG's meaning is checked by etl/.
Job NormalizeJob(const Job& input) {
  Job job = input;
  job.name = NormalizeName("job name", input.name);
  CheckText("job description", job.description);
  if (job.timeout_minutes <= 0) {
    ThrowInvalid("job " + job.name + ": timeout must be at least 1 minute");
  }
  if (job.max_retries < 0 || job.max_retries > 10) {
    ThrowInvalid("job " + job.name + ": max retries must be 0 to 10");
  }
  if (job.max_concurrent_runs < 1) {
    ThrowInvalid("job " + job.name + ": max concurrent runs must be at least 1");
  }
  if (job.worker_threads < 0 || job.worker_threads > 4096) {
    ThrowInvalid("job " + job.name + ": worker threads must be 0 (every core) to 4096");
  }
  if (job.command == JobCommand::kEtl && job.dag.empty()) {
    ThrowInvalid("etl job " + job.name + " has no DAG");
  }
  if (job.command == JobCommand::kShell && job.script.empty()) {
    ThrowInvalid("shell job " + job.name + " has no command");
  }
  return job;
}

struct JobRow {
  int64_t id;
  Job job;
};

JobRow LoadJob(SqliteDb& db, const std::string& name) {
  Statement statement = db.Prepare("SELECT id, definition FROM jobs WHERE name = ?");
  statement.Bind(1, name);
  if (!statement.Step()) ThrowMissing("job", name);
  return JobRow{statement.Int(0), DecodeJob(db, name, statement.Text(1))};
}

// Active runs of the job; runs whose process has died are marked FAILED on the way.
int64_t ActiveRuns(SqliteDb& db, int64_t job_id) {
  int64_t alive = 0;
  for (const auto& row :
       store::RunsInStates(db, store::kJobRuns, job_id, {"STARTING", "RUNNING", "STOPPING"})) {
    JobRun run = DecodeRun(db, row.id, row.definition);
    if (store::ProcessAlive(run.process_id, run.process_start_time)) {
      ++alive;
      continue;
    }
    run.state = JobRunState::kFailed;
    run.completed_on = NowMillis();
    run.error_message = "the process running this job run (pid " +
                        std::to_string(run.process_id) + ") ended before it finished";
    store::WriteRun(db, store::kJobRuns, run.id, JobRunStateName(run.state), EncodeRun(run));
  }
  return alive;
}

}  // namespace

void Catalog::CreateJob(const Job& input) {
  Job job = NormalizeJob(input);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  Statement exists = db_->Prepare("SELECT 1 FROM jobs WHERE name = ?");
  exists.Bind(1, job.name);
  if (exists.Step()) {
    throw Error(ErrorCode::kAlreadyExists, "job '" + job.name + "' already exists");
  }
  job.created_on = job.last_modified_on = NowMillis();
  db_->Prepare("INSERT INTO jobs (name, definition) VALUES (?, ?)")
      .Bind(1, job.name)
      .Bind(2, store::EncodeDefinition(ToJson(job), "job " + job.name))
      .Run();
  transaction.Commit();
}

Job Catalog::GetJob(std::string_view name) {
  std::string normalized = NormalizeName("job name", name);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kRead);
  return LoadJob(*db_, normalized).job;
}

std::vector<Job> Catalog::GetJobs() {
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kRead);
  Statement statement = db_->Prepare("SELECT name, definition FROM jobs ORDER BY name");
  std::vector<Job> jobs;
  while (statement.Step()) {
    jobs.push_back(DecodeJob(*db_, std::string(statement.Text(0)), statement.Text(1)));
  }
  return jobs;
}

void Catalog::UpdateJob(std::string_view name, const Job& input) {
  std::string normalized = NormalizeName("job name", name);
  Job job = input;
  job.name = normalized;
  job = NormalizeJob(job);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  JobRow row = LoadJob(*db_, normalized);
  job.created_on = row.job.created_on;
  job.last_modified_on = NowMillis();
  db_->Prepare("UPDATE jobs SET definition = ? WHERE id = ?")
      .Bind(1, store::EncodeDefinition(ToJson(job), "job " + job.name))
      .Bind(2, row.id)
      .Run();
  transaction.Commit();
}

void Catalog::DeleteJob(std::string_view name) {
  std::string normalized = NormalizeName("job name", name);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  JobRow row = LoadJob(*db_, normalized);
  if (ActiveRuns(*db_, row.id) > 0) {
    throw Error(ErrorCode::kConflict,
                "job '" + normalized + "' is running: delete it when its runs end");
  }
  db_->Prepare("DELETE FROM jobs WHERE id = ?").Bind(1, row.id).Run();
  transaction.Commit();
}

int64_t Catalog::StartJobRun(std::string_view name, const std::map<std::string, std::string>& arguments,
                             int64_t attempt, int64_t process_id) {
  std::string normalized = NormalizeName("job name", name);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  JobRow row = LoadJob(*db_, normalized);
  int64_t active = ActiveRuns(*db_, row.id);
  if (active >= row.job.max_concurrent_runs) {
    // Glue's ConcurrentRunsExceededException.
    throw Error(ErrorCode::kConflict,
                "ConcurrentRunsExceeded: job '" + normalized + "' already has " +
                    std::to_string(active) + " active run(s), its limit is " +
                    std::to_string(row.job.max_concurrent_runs));
  }
  JobRun run;
  run.job_name = normalized;
  run.attempt = attempt;
  run.state = JobRunState::kStarting;
  run.arguments = arguments;
  run.started_on = NowMillis();
  run.process_id = process_id;
  run.process_start_time = ProcessStartTime(process_id);
  run.id = store::InsertRun(*db_, store::kJobRuns, row.id, JobRunStateName(run.state));
  store::WriteRun(*db_, store::kJobRuns, run.id, JobRunStateName(run.state), EncodeRun(run));
  transaction.Commit();
  return run.id;
}

void Catalog::UpdateJobRun(const JobRun& run) {
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  store::RunRow current = store::LoadRun(*db_, store::kJobRuns, run.id);
  JobRunState stored_state = ParseJobRunState(current.state);
  if (!IsActive(stored_state)) store::ThrowRunEnded(store::kJobRuns, run.id, current.state);
  JobRun stored = DecodeRun(*db_, run.id, current.definition);
  JobRun updated = run;
  // A stop request (STOPPING) stands until the run ends: the runner's progress updates,
  // written with the state it last knew, do not undo it.
  if (stored_state == JobRunState::kStopping && IsActive(updated.state)) {
    updated.state = JobRunState::kStopping;
  }
  updated.job_name = stored.job_name;
  updated.started_on = stored.started_on;
  updated.attempt = stored.attempt;
  if (updated.process_start_time == 0) {
    updated.process_start_time = updated.process_id == stored.process_id
                                     ? stored.process_start_time
                                     : ProcessStartTime(updated.process_id);
  }
  store::WriteRun(*db_, store::kJobRuns, run.id, JobRunStateName(updated.state),
                  EncodeRun(updated));
  transaction.Commit();
}

JobRun Catalog::GetJobRun(int64_t id) {
  Lock lock(mutex_);
  return DecodeRun(*db_, id, store::LoadRun(*db_, store::kJobRuns, id).definition);
}

std::vector<JobRun> Catalog::GetJobRuns(std::string_view name, int64_t limit) {
  std::string normalized = NormalizeName("job name", name);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kRead);
  JobRow row = LoadJob(*db_, normalized);
  std::vector<JobRun> runs;
  for (const auto& run : store::ListRuns(*db_, store::kJobRuns, row.id, limit)) {
    runs.push_back(DecodeRun(*db_, run.id, run.definition));
  }
  return runs;
}

}  // namespace basin::catalog
