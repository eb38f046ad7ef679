// The compiler and a job's runs on a real catalog and lake in a scratch home: the SQL of a
// DAG, a raw copy equal to its source, appends on the next run, and failed runs that leave
// no files and no catalog change.
#include "etl/job_runner.hpp"

#include <gtest/gtest.h>

#include "etl/compiler.hpp"
#include "etl/raw_copy.hpp"
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

TEST_F(JobRunnerTest, UnknownJobThrows) {
  EXPECT_EQ(CodeOf([&] { RunJob(*catalog_, home_, "nope"); }), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace basin::etl
