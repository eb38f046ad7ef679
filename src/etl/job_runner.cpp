// One run of an etl job.
#include "etl/job_runner.hpp"

#include <unistd.h>

#include "catalog/names.hpp"
#include "common/error.hpp"
#include "etl/compiler.hpp"
#include "etl/dag.hpp"
#include "sql/engine/session.hpp"
#include "storage/file_system.hpp"
#include "types/date_time.hpp"

namespace basin::etl {

namespace {

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

class RunLog {
 public:
  RunLog(catalog::JobRun& run, const RunJobOptions& options) : run_(run), options_(options) {}
  void Add(const std::string& line) {
    std::string stamped = types::FormatTimestamp(catalog::NowMillis() * 1000) + " " + line;
    run_.log += stamped + "\n";
    if (options_.progress) options_.progress(line);
  }

 private:
  catalog::JobRun& run_;
  const RunJobOptions& options_;
};

}  // namespace

catalog::JobRun RunJob(catalog::Catalog& catalog, const std::filesystem::path& home,
                       std::string_view job_name, const RunJobOptions& options) {
  catalog::Job job = catalog.GetJob(job_name);
  if (job.command != catalog::JobCommand::kEtl) {
    ThrowUnsupported("job " + job.name + " is a " +
                     std::string(catalog::JobCommandName(job.command)) +
                     " job: only etl jobs run in this version");
  }
  int64_t id = catalog.StartJobRun(job.name, options.arguments, 0, static_cast<int64_t>(getpid()));
  catalog::JobRun run = catalog.GetJobRun(id);
  RunLog log(run, options);
  run.state = catalog::JobRunState::kRunning;
  log.Add("run " + std::to_string(id) + " of job " + job.name + " started");
  catalog.UpdateJobRun(run);

  try {
    Dag dag = ParseDag(job.dag);
    CompiledJob compiled = CompileJob(dag, catalog);
    log.Add(compiled.creates_table ? "target table " + compiled.catalog_database + "." +
                                         compiled.catalog_table + " will be created"
                                   : "appending to " + compiled.catalog_database + "." +
                                         compiled.catalog_table);
    log.Add("statement: " + compiled.statement);
    std::map<std::string, uint64_t> before = FilesUnder(compiled.location);

    sql::SessionOptions session_options;
    session_options.database = compiled.catalog_database;
    session_options.threads = static_cast<size_t>(job.worker_threads);
    session_options.target_file_size_bytes = compiled.target_file_size_bytes;
    session_options.database_scan_splits = compiled.database_scan_splits;
    sql::Session session(home, catalog, session_options);
    sql::StatementResult result = session.Execute(compiled.statement);

    run.rows_written = RowsOf(result);
    // Every node of this version maps rows one to one, so rows read equal rows written.
    run.rows_read = run.rows_written;
    run.bytes_read = static_cast<int64_t>(result.bytes_scanned);
    for (const auto& [path, size] : FilesUnder(compiled.location)) {
      if (before.count(path)) continue;
      ++run.files_written;
      run.bytes_written += static_cast<int64_t>(size);
    }
    log.Add("wrote " + std::to_string(run.rows_written) + " rows in " +
            std::to_string(run.files_written) + " files (" + std::to_string(run.bytes_written) +
            " bytes) to " + compiled.location);
    run.state = catalog::JobRunState::kSucceeded;
  } catch (const std::exception& error) {
    run.state = catalog::JobRunState::kFailed;
    run.error_message = error.what();
    log.Add("failed: " + run.error_message);
  }
  run.completed_on = catalog::NowMillis();
  catalog.UpdateJobRun(run);
  return catalog.GetJobRun(id);
}

}  // namespace basin::etl
