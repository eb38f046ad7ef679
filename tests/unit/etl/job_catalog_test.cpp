// Jobs and job runs in the catalog: create/get/list/update/delete, limits, run records,
// ConcurrentRunsExceeded and runs whose process died.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "catalog/catalog.hpp"
#include "common/process.hpp"
#include "etl/run_control.hpp"
#include "unit/error_code_of.hpp"
#include "unit/etl/etl_test_util.hpp"

namespace basin::etl {
namespace {

using basin::testing::CodeOf;
using catalog::Job;
using catalog::JobRun;
using catalog::JobRunState;

Job MakeJob(std::string name) {
  Job job;
  job.name = std::move(name);
  job.description = "copy";
  job.dag = "{}";
  job.default_arguments = {{"--day", "1"}};
  job.tags = {{"team", "lake"}};
  job.max_retries = 2;
  job.worker_threads = 4;
  job.bookmark_option = catalog::BookmarkOption::kEnable;
  return job;
}

class JobCatalogTest : public testing::HomeTest {};

TEST_F(JobCatalogTest, CreateGetListUpdateDelete) {
  catalog_->CreateJob(MakeJob("Copy_B"));
  catalog_->CreateJob(MakeJob("copy_a"));
  Job b = catalog_->GetJob("copy_b");
  EXPECT_EQ(b.name, "copy_b");
  EXPECT_EQ(b.default_arguments.at("--day"), "1");
  EXPECT_EQ(b.tags.at("team"), "lake");
  EXPECT_EQ(b.max_retries, 2);
  EXPECT_EQ(b.worker_threads, 4);
  EXPECT_EQ(b.bookmark_option, catalog::BookmarkOption::kEnable);
  EXPECT_GT(b.created_on, 0);
  auto jobs = catalog_->GetJobs();
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(jobs[0].name, "copy_a");
  EXPECT_EQ(CodeOf([&] { catalog_->CreateJob(MakeJob("copy_a")); }), ErrorCode::kAlreadyExists);

  b.description = "changed";
  b.max_concurrent_runs = 3;
  catalog_->UpdateJob("copy_b", b);
  Job updated = catalog_->GetJob("copy_b");
  EXPECT_EQ(updated.description, "changed");
  EXPECT_EQ(updated.max_concurrent_runs, 3);
  EXPECT_EQ(updated.created_on, b.created_on);

  catalog_->DeleteJob("copy_b");
  EXPECT_EQ(CodeOf([&] { catalog_->GetJob("copy_b"); }), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf([&] { catalog_->DeleteJob("copy_b"); }), ErrorCode::kNotFound);
  EXPECT_EQ(catalog_->GetJobs().size(), 1u);
}

TEST_F(JobCatalogTest, BadDefinitionsAreRefused) {
  auto refused = [&](auto change) {
    Job job = MakeJob("j");
    change(job);
    return CodeOf([&] { catalog_->CreateJob(job); });
  };
  EXPECT_EQ(refused([](Job& job) { job.name = "bad name"; }), ErrorCode::kInvalidInput);
  EXPECT_EQ(refused([](Job& job) { job.timeout_minutes = 0; }), ErrorCode::kInvalidInput);
  EXPECT_EQ(refused([](Job& job) { job.max_retries = -1; }), ErrorCode::kInvalidInput);
  EXPECT_EQ(refused([](Job& job) { job.max_concurrent_runs = 0; }), ErrorCode::kInvalidInput);
  EXPECT_EQ(refused([](Job& job) { job.worker_threads = -2; }), ErrorCode::kInvalidInput);
  EXPECT_EQ(refused([](Job& job) { job.dag.clear(); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(refused([](Job& job) { job.command = catalog::JobCommand::kShell; }),
            ErrorCode::kInvalidInput);
  EXPECT_TRUE(catalog_->GetJobs().empty());
}

TEST_F(JobCatalogTest, RunsAreRecordedNewestFirst) {
  catalog_->CreateJob(MakeJob("j"));
  int64_t first = catalog_->StartJobRun("j", {{"--day", "2"}}, 0, 0);
  JobRun run = catalog_->GetJobRun(first);
  EXPECT_EQ(run.state, JobRunState::kStarting);
  EXPECT_EQ(run.arguments.at("--day"), "2");
  run.state = JobRunState::kSucceeded;
  run.rows_written = 7;
  run.files_written = 1;
  run.log = "done\n";
  run.completed_on = run.started_on + 5;
  catalog_->UpdateJobRun(run);
  JobRun stored = catalog_->GetJobRun(first);
  EXPECT_EQ(stored, run);
  // A finished run is final.
  EXPECT_EQ(CodeOf([&] { catalog_->UpdateJobRun(run); }), ErrorCode::kConflict);

  int64_t second = catalog_->StartJobRun("j", {}, 1, 0);
  EXPECT_GT(second, first);
  auto runs = catalog_->GetJobRuns("j");
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].id, second);
  EXPECT_EQ(runs[0].attempt, 1);
  EXPECT_EQ(catalog_->GetJobRuns("j", 1).size(), 1u);
  EXPECT_EQ(CodeOf([&] { catalog_->GetJobRun(999); }), ErrorCode::kNotFound);
}

TEST_F(JobCatalogTest, ConcurrentRunsBeyondTheLimitAreRefused) {
  catalog_->CreateJob(MakeJob("j"));
  int64_t self = static_cast<int64_t>(getpid());
  int64_t running = catalog_->StartJobRun("j", {}, 0, self);
  EXPECT_EQ(CodeOf([&] { catalog_->StartJobRun("j", {}, 0, self); }), ErrorCode::kConflict);
  EXPECT_EQ(CodeOf([&] { catalog_->DeleteJob("j"); }), ErrorCode::kConflict);

  Job job = catalog_->GetJob("j");
  job.max_concurrent_runs = 2;
  catalog_->UpdateJob("j", job);
  catalog_->StartJobRun("j", {}, 0, self);
  EXPECT_EQ(catalog_->GetJobRun(running).state, JobRunState::kStarting);
}

TEST_F(JobCatalogTest, RunsOfDeadProcessesAreMarkedFailed) {
  catalog_->CreateJob(MakeJob("j"));
  // Process id 0 is never a live run's process.
  int64_t orphan = catalog_->StartJobRun("j", {}, 0, 0);
  catalog_->StartJobRun("j", {}, 0, static_cast<int64_t>(getpid()));
  JobRun run = catalog_->GetJobRun(orphan);
  EXPECT_EQ(run.state, JobRunState::kFailed);
  EXPECT_NE(run.error_message.find("ended before it finished"), std::string::npos);
}

TEST_F(JobCatalogTest, AZombieOrAReusedPidIsNotALiveRun) {
  catalog_->CreateJob(MakeJob("j"));
  int64_t self = static_cast<int64_t>(getpid());
  int64_t reused = catalog_->StartJobRun("j", {}, 0, self);
  JobRun run = catalog_->GetJobRun(reused);
  EXPECT_GT(run.process_start_time, 0);
  EXPECT_EQ(run.process_start_time, ProcessStartTime(self));
  // The recorded process started at another time: this process only reused its pid.
  run.process_start_time += 1;
  catalog_->UpdateJobRun(run);
  int64_t next = catalog_->StartJobRun("j", {}, 0, self);  // not ConcurrentRunsExceeded
  EXPECT_EQ(catalog_->GetJobRun(reused).state, JobRunState::kFailed);

  // A killed process nobody reaps stays a zombie: its run is over, a stop ends it at once.
  pid_t zombie = fork();
  ASSERT_GE(zombie, 0);
  if (zombie == 0) _exit(0);
  siginfo_t info{};
  ASSERT_EQ(waitid(P_PID, static_cast<id_t>(zombie), &info, WEXITED | WNOWAIT), 0);
  JobRun zombie_run = catalog_->GetJobRun(next);
  zombie_run.process_id = zombie;
  zombie_run.process_start_time = ProcessStartTime(zombie);
  catalog_->UpdateJobRun(zombie_run);
  EXPECT_EQ(etl::StopJobRuns(*catalog_, "j"), std::vector<int64_t>{next});
  JobRun stopped = catalog_->GetJobRun(next);
  EXPECT_EQ(stopped.state, JobRunState::kStopped);
  EXPECT_NE(stopped.error_message.find("already ended"), std::string::npos);
  waitpid(zombie, nullptr, 0);
}

TEST_F(JobCatalogTest, AStopRequestStandsUntilTheRunEnds) {
  catalog_->CreateJob(MakeJob("j"));
  int64_t id = catalog_->StartJobRun("j", {}, 0, static_cast<int64_t>(getpid()));
  JobRun runner_copy = catalog_->GetJobRun(id);
  JobRun stop = runner_copy;
  stop.state = JobRunState::kStopping;
  catalog_->UpdateJobRun(stop);
  // The runner, not knowing yet, records progress as RUNNING: the request is kept.
  runner_copy.state = JobRunState::kRunning;
  runner_copy.log = "working\n";
  catalog_->UpdateJobRun(runner_copy);
  JobRun stored = catalog_->GetJobRun(id);
  EXPECT_EQ(stored.state, JobRunState::kStopping);
  EXPECT_EQ(stored.log, "working\n");
  runner_copy.state = JobRunState::kStopped;
  catalog_->UpdateJobRun(runner_copy);
  EXPECT_EQ(catalog_->GetJobRun(id).state, JobRunState::kStopped);
}

TEST(JobJsonTest, RoundTripsAndRefusesWrongShapes) {
  Job job = MakeJob("j");
  job.created_on = 12;
  EXPECT_EQ(catalog::JobFromJson(catalog::ToJson(job)), job);
  JobRun run;
  run.id = 3;
  run.job_name = "j";
  run.state = JobRunState::kTimeout;
  run.bytes_read = 99;
  run.error_message = "slow";
  run.previous_run_id = 2;
  run.timeout_minutes = 30;
  run.compute_seconds = 4.5;
  run.peak_memory_bytes = 1 << 20;
  run.exit_code = 143;
  EXPECT_EQ(catalog::JobRunFromJson(catalog::ToJson(run)), run);
  EXPECT_EQ(CodeOf([] { catalog::JobFromJson(nlohmann::json::parse(R"({"Timeout": "x"})")); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] {
              catalog::JobFromJson(nlohmann::json::parse(R"({"Command": {"Name": "spark"}})"));
            }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] {
              catalog::JobRunFromJson(nlohmann::json::parse(R"({"JobRunState": "DANCING"})"));
            }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] {
              catalog::JobRunFromJson(
                  nlohmann::json::parse(R"({"Metrics": {"ComputeSeconds": "x"}})"));
            }),
            ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace basin::etl
