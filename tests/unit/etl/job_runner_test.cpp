// The compiler and a job's runs on a real catalog and lake in a scratch home: the SQL of a
// DAG, a raw copy equal to its source, appends on the next run, and failed runs that leave
// no files and no catalog change.
#include "etl/job_runner.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "etl/compiler.hpp"
#include "etl/raw_copy.hpp"
#include "etl/run_control.hpp"
#include "sql/engine/session.hpp"
#include "unit/error_code_of.hpp"
#include "unit/etl/etl_test_util.hpp"

namespace basin::etl {
namespace {

using basin::testing::CodeOf;
using catalog::JobRunState;

size_t FilesIn(const std::filesystem::path& folder) {
  if (!std::filesystem::exists(folder)) return 0;
  size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file()) ++files;
  }
  return files;
}

class JobRunnerTest : public testing::HomeTest {
 protected:
  JobRunnerTest() {
    sql::Session session(home_, *catalog_);
    session.Execute("CREATE DATABASE shop");
    session.Execute(
        "CREATE TABLE shop.orders WITH (format = 'parquet', external_location = '" +
        (home_ / "orders").string() +
        "/') AS SELECT * FROM (VALUES (1, 'a''b', 'x'), (2, NULL, '12'), (3, 'c', '7')) "
        "AS t(id, name, code)");
  }

  int64_t Scalar(const std::string& sql) {
    sql::Session session(home_, *catalog_);
    auto result = session.Execute(sql);
    return result.chunks.at(0).column(0).data<int64_t>()[0];
  }

  std::string TargetPath() const { return (home_ / "lake" / "copy").string() + "/"; }

  void CreateJob(const std::string& name, const Dag& dag) {
    catalog::Job job;
    job.name = name;
    job.dag = DagToText(dag);
    catalog_->CreateJob(job);
  }

  Dag RawCopy() {
    RawCopySpec spec{"shop", "orders", TargetPath(), "shop", "orders_copy", ""};
    return RawCopyDag(catalog_->GetTable("shop", "orders"), spec);
  }
};

TEST_F(JobRunnerTest, CastsOnlyWhereTypesDiffer) {
  Dag dag = RawCopy();
  dag.nodes[1].mappings[0].to_type = "bigint";
  dag.nodes[1].mappings[1].to_column = "the \"name\"";
  std::string query = CompileQuery(dag);
  EXPECT_NE(query.find("CAST(\"id\" AS bigint) AS \"id\""), std::string::npos) << query;
  EXPECT_NE(query.find("\"name\" AS \"the \"\"name\"\"\""), std::string::npos) << query;
  EXPECT_NE(query.find("\"code\" AS \"code\""), std::string::npos) << query;
  EXPECT_NE(query.find("FROM \"shop\".\"orders\""), std::string::npos) << query;
  EXPECT_EQ(QuoteText("it's"), "'it''s'");
}

TEST_F(JobRunnerTest, RawCopyEqualsItsSourceAndTheNextRunAppends) {
  CreateJob("copy", RawCopy());
  catalog::JobRun run = RunJob(*catalog_, home_, "copy");
  ASSERT_EQ(run.state, JobRunState::kSucceeded) << run.error_message;
  EXPECT_EQ(run.rows_written, 3);
  EXPECT_EQ(run.rows_read, 3);
  EXPECT_GE(run.files_written, 1);
  EXPECT_GT(run.bytes_written, 0);
  EXPECT_GT(run.completed_on, 0);
  EXPECT_NE(run.log.find("CREATE TABLE"), std::string::npos);
  EXPECT_EQ(catalog_->GetJobRuns("copy").at(0), run);

  catalog::Table source = catalog_->GetTable("shop", "orders");
  catalog::Table copy = catalog_->GetTable("shop", "orders_copy");
  EXPECT_EQ(copy.storage_descriptor.columns, source.storage_descriptor.columns);
  EXPECT_EQ(copy.storage_descriptor.location, TargetPath());
  EXPECT_EQ(Scalar("SELECT count(*) FROM (SELECT * FROM shop.orders_copy EXCEPT "
                   "SELECT * FROM shop.orders)"),
            0);
  EXPECT_EQ(Scalar("SELECT count(*) FROM shop.orders_copy WHERE name IS NULL"), 1);

  catalog::JobRun second = RunJob(*catalog_, home_, "copy");
  ASSERT_EQ(second.state, JobRunState::kSucceeded) << second.error_message;
  EXPECT_NE(second.log.find("INSERT INTO"), std::string::npos);
  EXPECT_EQ(Scalar("SELECT count(*) FROM shop.orders_copy"), 6);
  EXPECT_EQ(catalog_->GetJobRuns("copy").size(), 2u);
}

TEST_F(JobRunnerTest, FailedCastLeavesNoFilesAndNoTable) {
  Dag dag = RawCopy();
  dag.nodes[1].mappings[2].to_type = "int";  // 'x' is not a number
  CreateJob("bad_cast", dag);
  catalog::JobRun run = RunJob(*catalog_, home_, "bad_cast");
  EXPECT_EQ(run.state, JobRunState::kFailed);
  EXPECT_FALSE(run.error_message.empty());
  EXPECT_EQ(FilesIn(TargetPath()), 0u);
  EXPECT_EQ(CodeOf([&] { catalog_->GetTable("shop", "orders_copy"); }), ErrorCode::kNotFound);
}

TEST_F(JobRunnerTest, ChangedOrMissingSourceFailsBeforeWriting) {
  Dag dag = RawCopy();
  dag.nodes[1].mappings[0].from_type = "string";
  CreateJob("changed", dag);
  catalog::JobRun run = RunJob(*catalog_, home_, "changed");
  EXPECT_EQ(run.state, JobRunState::kFailed);
  EXPECT_NE(run.error_message.find("changed type"), std::string::npos) << run.error_message;

  CreateJob("vanished", RawCopy());
  catalog_->DeleteTable("shop", "orders");
  run = RunJob(*catalog_, home_, "vanished");
  EXPECT_EQ(run.state, JobRunState::kFailed);
  EXPECT_NE(run.error_message.find("orders"), std::string::npos) << run.error_message;
  EXPECT_EQ(FilesIn(TargetPath()), 0u);
}

TEST_F(JobRunnerTest, ExistingTargetElsewhereIsRefused) {
  CreateJob("copy", RawCopy());
  sql::Session session(home_, *catalog_);
  session.Execute("CREATE TABLE shop.orders_copy WITH (external_location = '" +
                  (home_ / "elsewhere").string() + "/') AS SELECT 1 AS id");
  catalog::JobRun run = RunJob(*catalog_, home_, "copy");
  EXPECT_EQ(run.state, JobRunState::kFailed);
  EXPECT_NE(run.error_message.find("not at the target path"), std::string::npos)
      << run.error_message;
  EXPECT_EQ(FilesIn(TargetPath()), 0u);
}

TEST_F(JobRunnerTest, MetricsComeFromTheEngineAndAreConsistent) {
  CreateJob("copy", RawCopy());
  catalog::Job job = catalog_->GetJob("copy");
  job.worker_threads = 2;
  catalog_->UpdateJob("copy", job);
  auto counters = std::make_shared<sql::QueryProgress>();
  RunJobOptions options;
  options.counters = counters;
  catalog::JobRun run = RunJob(*catalog_, home_, "copy", options);
  ASSERT_EQ(run.state, JobRunState::kSucceeded) << run.error_message;
  // Rows read are the scan's count, as are the live counters a progress bar reads.
  EXPECT_EQ(run.rows_read, 3);
  EXPECT_EQ(counters->rows_read.load(), 3);
  EXPECT_GT(run.bytes_read, 0);
  EXPECT_EQ(run.timeout_minutes, 2880);
  EXPECT_GT(run.peak_memory_bytes, 0);
  double seconds = static_cast<double>(run.completed_on - run.started_on) / 1000.0;
  EXPECT_DOUBLE_EQ(run.compute_seconds, 2 * seconds);
  EXPECT_EQ(run.previous_run_id, 0);
}

// A long etl run: every row of a 10^4-row table against every other, twice (10^12 rows).
class LongRunTest : public JobRunnerTest {
 protected:
  LongRunTest() {
    sql::Session session(home_, *catalog_);
    session.Execute(
        "CREATE TABLE shop.many WITH (format = 'parquet', external_location = '" +
        (home_ / "many").string() +
        "/') AS SELECT a.d * 1000 + b.d * 100 + c.d * 10 + e.d AS n FROM "
        "(VALUES 0,1,2,3,4,5,6,7,8,9) AS a(d) CROSS JOIN (VALUES 0,1,2,3,4,5,6,7,8,9) AS b(d) "
        "CROSS JOIN (VALUES 0,1,2,3,4,5,6,7,8,9) AS c(d) "
        "CROSS JOIN (VALUES 0,1,2,3,4,5,6,7,8,9) AS e(d)");
    session.Execute(
        "CREATE VIEW shop.endless AS SELECT x.n AS a, y.n AS b, z.n AS c FROM shop.many x "
        "CROSS JOIN shop.many y CROSS JOIN shop.many z");
    catalog::Job job;
    job.name = "endless";
    job.max_retries = 2;
    job.dag = DagToText(ParseDag(
        R"({"source": {"CatalogSource": {"Database": "shop", "Table": "endless"}},
            "target": {"LakeTarget": {"Inputs": ["source"], "Path": ")" + TargetPath() +
        R"(", "Format": "parquet", "CatalogDatabase": "shop", "CatalogTable": "endless_copy"}}})"));
    catalog_->CreateJob(job);
  }

  // Waits (bounded) until the job's newest run is RUNNING; its id.
  int64_t WaitForRunning(const std::string& job) {
    for (int i = 0; i < 6000; ++i) {
      auto runs = catalog_->GetJobRuns(job, 1);
      if (!runs.empty() && runs[0].state == JobRunState::kRunning) return runs[0].id;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "job " << job << " never ran";
    return 0;
  }

  void ExpectNothingWritten() {
    EXPECT_EQ(FilesIn(TargetPath()), 0u);
    EXPECT_EQ(CodeOf([&] { catalog_->GetTable("shop", "endless_copy"); }), ErrorCode::kNotFound);
  }
};

TEST_F(LongRunTest, StopRequestInTheCatalogEndsTheRunStopped) {
  catalog::JobRun result;
  std::thread runner([&] { result = RunJob(*catalog_, home_, "endless"); });
  int64_t id = WaitForRunning("endless");
  std::vector<int64_t> asked = StopJobRuns(*catalog_, "endless");
  runner.join();
  EXPECT_EQ(asked, std::vector<int64_t>{id});
  EXPECT_EQ(result.id, id);
  EXPECT_EQ(result.state, JobRunState::kStopped) << result.error_message;
  EXPECT_EQ(catalog_->GetJobRun(id).state, JobRunState::kStopped);
  // Stopped runs are not retried.
  EXPECT_EQ(catalog_->GetJobRuns("endless").size(), 1u);
  ExpectNothingWritten();
  // Nothing left to stop.
  EXPECT_EQ(CodeOf([&] { StopJobRuns(*catalog_, "endless"); }), ErrorCode::kConflict);
  EXPECT_EQ(CodeOf([&] { StopJobRuns(*catalog_, "endless", id); }), ErrorCode::kConflict);
}

TEST_F(LongRunTest, StopFlagEndsTheRunStopped) {
  std::atomic<bool> stop{false};
  RunJobOptions options;
  options.stop = &stop;
  int64_t started = 0;
  options.on_started = [&](int64_t id) { started = id; };
  catalog::JobRun result;
  std::thread runner([&] { result = RunJob(*catalog_, home_, "endless", options); });
  WaitForRunning("endless");
  stop = true;
  runner.join();
  EXPECT_EQ(result.id, started);
  EXPECT_EQ(result.state, JobRunState::kStopped);
  ExpectNothingWritten();
}

TEST_F(LongRunTest, TimeoutEndsTheRunAndIsNotRetried) {
  RunJobOptions options;
  options.timeout_seconds = 0.5;
  catalog::JobRun run = RunJob(*catalog_, home_, "endless", options);
  EXPECT_EQ(run.state, JobRunState::kTimeout);
  EXPECT_NE(run.error_message.find("timed out"), std::string::npos) << run.error_message;
  EXPECT_EQ(catalog_->GetJobRuns("endless").size(), 1u);
  ExpectNothingWritten();
}

TEST_F(JobRunnerTest, FailedRunsAreRetriedAsNewAttempts) {
  Dag dag = RawCopy();
  dag.nodes[1].mappings[2].to_type = "int";  // 'x' is not a number
  CreateJob("bad_cast", dag);
  catalog::Job job = catalog_->GetJob("bad_cast");
  job.max_retries = 2;
  catalog_->UpdateJob("bad_cast", job);
  catalog::JobRun last = RunJob(*catalog_, home_, "bad_cast");
  auto runs = catalog_->GetJobRuns("bad_cast");
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(last, runs[0]);
  for (size_t i = 0; i < 3; ++i) {
    const catalog::JobRun& run = runs[2 - i];
    EXPECT_EQ(run.attempt, static_cast<int64_t>(i));
    EXPECT_EQ(run.state, JobRunState::kFailed);
    EXPECT_EQ(run.previous_run_id, i == 0 ? 0 : runs[3 - i].id);
  }
  EXPECT_EQ(FilesIn(TargetPath()), 0u);
}

class ShellRunTest : public JobRunnerTest {
 protected:
  void CreateShellJob(const std::string& name, const std::string& command,
                      int64_t max_retries = 0) {
    catalog::Job job;
    job.name = name;
    job.command = catalog::JobCommand::kShell;
    job.script = command;
    job.default_arguments = {{"day", "mon"}, {"region", "eu"}};
    job.max_retries = max_retries;
    catalog_->CreateJob(job);
  }
  bool Exists(const std::string& file) const { return std::filesystem::exists(home_ / file); }
};

TEST_F(ShellRunTest, SucceedsWithArgumentsEnvironmentAndOutputInTheLog) {
  CreateShellJob("hello",
                 "echo \"job=$BASIN_JOB_NAME run=$BASIN_JOB_RUN_ID day=$BASIN_ARG_DAY "
                 "home=$BASIN_HOME lake=$BASIN_LAKE\"; echo \"args:$*\"; echo oops >&2; "
                 "test -f \"$BASIN_CATALOG\"");
  std::vector<std::string> live;
  RunJobOptions options;
  options.arguments = {{"day", "tue"}};
  options.progress = [&](std::string_view line) { live.emplace_back(line); };
  catalog::JobRun run = RunJob(*catalog_, home_, "hello", options);
  ASSERT_EQ(run.state, JobRunState::kSucceeded) << run.log;
  EXPECT_EQ(run.exit_code, 0);
  std::string expected = "| job=hello run=" + std::to_string(run.id) + " day=tue home=" +
                         home_.string() + " lake=" + (home_ / "lake").string() + "/\n";
  EXPECT_NE(run.log.find(expected), std::string::npos) << run.log;
  EXPECT_NE(run.log.find("| args:--day tue --region eu\n"), std::string::npos) << run.log;
  EXPECT_NE(run.log.find("| oops\n"), std::string::npos) << run.log;
  EXPECT_NE(std::find(live.begin(), live.end(), "oops"), live.end());
  EXPECT_EQ(run.arguments, options.arguments);  // the run's own, as Glue records them
  EXPECT_GT(run.peak_memory_bytes, 0);
  double seconds = static_cast<double>(run.completed_on - run.started_on) / 1000.0;
  EXPECT_DOUBLE_EQ(run.compute_seconds, seconds);
}

TEST_F(ShellRunTest, NonZeroExitFailsWithTheCodeAndIsRetried) {
  CreateShellJob("bad", "echo \"attempt of run $BASIN_JOB_RUN_ID\"; exit 3", 1);
  catalog::JobRun last = RunJob(*catalog_, home_, "bad");
  auto runs = catalog_->GetJobRuns("bad");
  ASSERT_EQ(runs.size(), 2u);
  for (const auto& run : runs) {
    EXPECT_EQ(run.state, JobRunState::kFailed);
    EXPECT_EQ(run.exit_code, 3);
    EXPECT_NE(run.error_message.find("status 3"), std::string::npos) << run.error_message;
    EXPECT_NE(run.log.find("| attempt of run " + std::to_string(run.id) + "\n"),
              std::string::npos)
        << run.log;
  }
  EXPECT_EQ(last.id, runs[0].id);
  EXPECT_EQ(last.attempt, 1);
  EXPECT_EQ(last.previous_run_id, runs[1].id);
}

TEST_F(ShellRunTest, TimeoutKillsTheCommand) {
  CreateShellJob("slow", "echo started; sleep 30; echo never", 2);
  RunJobOptions options;
  options.timeout_seconds = 0.5;
  catalog::JobRun run = RunJob(*catalog_, home_, "slow", options);
  EXPECT_EQ(run.state, JobRunState::kTimeout);
  EXPECT_EQ(catalog_->GetJobRuns("slow").size(), 1u);
  EXPECT_EQ(run.log.find("| never"), std::string::npos) << run.log;
  EXPECT_NE(run.log.find("killed by signal 15"), std::string::npos) << run.log;
}

TEST_F(ShellRunTest, StopEndsTheCommandAndWhatItStarted) {
  CreateShellJob("waiting",
                 "sleep 30 & echo $! > \"$BASIN_HOME/child\"; echo ready; "
                 "touch \"$BASIN_HOME/ready\"; wait");
  catalog::JobRun result;
  std::thread runner([&] { result = RunJob(*catalog_, home_, "waiting"); });
  for (int i = 0; i < 6000 && !Exists("ready"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(Exists("ready"));
  StopJobRuns(*catalog_, "waiting");
  runner.join();
  EXPECT_EQ(result.state, JobRunState::kStopped) << result.log;
  EXPECT_NE(result.log.find("| ready\n"), std::string::npos) << result.log;
  // The background sleep was in the command's process group: it is gone too.
  pid_t child = 0;
  std::ifstream(home_ / "child") >> child;
  ASSERT_GT(child, 0);
  bool gone = false;
  for (int i = 0; i < 1000 && !gone; ++i) {
    gone = kill(child, 0) != 0;
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(gone);
}

TEST_F(JobRunnerTest, StopOfAnUnknownRunOrAnotherJobsRun) {
  CreateJob("copy", RawCopy());
  EXPECT_EQ(CodeOf([&] { StopJobRuns(*catalog_, "copy", 999); }), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf([&] { StopJobRuns(*catalog_, "nope"); }), ErrorCode::kNotFound);
  catalog::JobRun run = RunJob(*catalog_, home_, "copy");
  CreateJob("other", RawCopy());
  EXPECT_EQ(CodeOf([&] { StopJobRuns(*catalog_, "other", run.id); }), ErrorCode::kNotFound);
}

TEST_F(JobRunnerTest, UnknownJobThrows) {
  EXPECT_EQ(CodeOf([&] { RunJob(*catalog_, home_, "nope"); }), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace basin::etl
