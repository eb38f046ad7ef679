// Failed runs over an existing target: an ApplyMapping cast failing on one row, in each write
// mode (append, overwrite, overwrite-partitions) of a partitioned target with lake-file
// bookmarks, fails the run naming the column and the value, and leaves every file under the
// target (byte for byte, hidden ones too), the table, its versions and partitions and the
// job's bookmarks as they were; the same mapping with "Try" makes the value NULL and moves
// all of them. The failures only a server or the OS can cause (a source dropped or changed
// in the database, a restart, a full disk) are tests/integration/etl_failures.sh.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "catalog/catalog_json.hpp"
#include "etl/dag.hpp"
#include "etl/job_runner.hpp"
#include "etl/raw_copy.hpp"
#include "sql/engine/session.hpp"
#include "unit/etl/etl_test_util.hpp"

namespace basin::etl {
namespace {

using catalog::JobRunState;

// What a failed run must leave as it was.
struct Snapshot {
  std::map<std::string, std::string> files;  // path under the target → its bytes
  std::string table;                         // the catalog's JSON of each
  std::string versions;
  std::string partitions;
  std::vector<catalog::JobBookmark> bookmarks;
};

std::string FileNames(const std::map<std::string, std::string>& files) {
  std::string names;
  for (const auto& [path, bytes] : files) {
    names += path + " (" + std::to_string(bytes.size()) + " bytes)\n";
  }
  return names;
}

class RunFailuresTest : public testing::HomeTest,
                        public ::testing::WithParamInterface<std::string> {
 protected:
  RunFailuresTest() {
    sql::Session session(home_, *catalog_);
    session.Execute("CREATE DATABASE shop");
    session.Execute("CREATE TABLE shop.orders WITH (format = 'parquet', external_location = '" +
                    (home_ / "orders").string() +
                    "/') AS SELECT * FROM (VALUES (1, 'eu', '12'), (2, 'us', '7'), "
                    "(3, 'eu', '30')) AS t(id, region, code)");
  }

  std::string Target() const { return (home_ / "lake" / "orders_copy").string() + "/"; }

  // The raw copy of shop.orders with code cast to int (tried or not), partitioned by region.
  std::string JobDag(bool try_cast) {
    RawCopySpec spec{"shop", "orders", Target(), "shop", "orders_copy", ""};
    Dag dag = RawCopyDag(catalog_->GetTable("shop", "orders"), spec);
    DagNode& mapping = dag.nodes[1];
    EXPECT_EQ(mapping.mappings.at(2).to_column, "code");
    mapping.mappings[2].to_type = "int";
    mapping.mappings[2].try_cast = try_cast;
    DagNode& target = dag.nodes[2];
    target.partition_keys = {"region"};
    target.write_mode = GetParam();
    return DagToText(dag);
  }

  void SetJobDag(bool try_cast) {
    catalog::Job job = catalog_->GetJob("copy");
    job.dag = JobDag(try_cast);
    catalog_->UpdateJob("copy", job);
  }

  Snapshot Take() {
    Snapshot snapshot;
    if (std::filesystem::exists(Target())) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(Target())) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        snapshot.files[entry.path().string()] = bytes.str();
      }
    }
    snapshot.table = catalog::ToJson(catalog_->GetTable("shop", "orders_copy")).dump(1);
    nlohmann::json versions = nlohmann::json::array();
    for (const auto& version : catalog_->GetTableVersions("shop", "orders_copy").items) {
      versions.push_back(catalog::ToJson(version));
    }
    snapshot.versions = versions.dump(1);
    nlohmann::json partitions = nlohmann::json::array();
    for (const auto& partition : catalog_->GetPartitions("shop", "orders_copy").items) {
      partitions.push_back(catalog::ToJson(partition));
    }
    snapshot.partitions = partitions.dump(1);
    snapshot.bookmarks = catalog_->GetJobBookmarks("copy");
    return snapshot;
  }

  // "id:code" of the copy, in id order; NULL as "null".
  std::string Codes() {
    sql::Session session(home_, *catalog_);
    auto result = session.Execute(
        "SELECT CAST(id AS varchar) || ':' || coalesce(CAST(code AS varchar), 'null') "
        "FROM shop.orders_copy ORDER BY id");
    std::string codes;
    for (const auto& chunk : result.chunks) {
      for (size_t row = 0; row < chunk.size(); ++row) {
        codes += (codes.empty() ? "" : ",") +
                 std::string(chunk.column(0).data<std::string_view>()[row]);
      }
    }
    return codes;
  }
};

TEST_P(RunFailuresTest, FailingCastLeavesTargetCatalogAndBookmarksAsTheyWere) {
  catalog::Job job;
  job.name = "copy";
  job.dag = JobDag(/*try_cast=*/true);
  job.bookmark_option = catalog::BookmarkOption::kEnable;
  catalog_->CreateJob(job);
  catalog::JobRun run = RunJob(*catalog_, home_, "copy");
  ASSERT_EQ(run.state, JobRunState::kSucceeded) << run.error_message;
  EXPECT_EQ(run.rows_written, 3);
  EXPECT_EQ(Codes(), "1:12,2:7,3:30");

  // A new source file with a code that is no number, in a new partition and an old one.
  sql::Session(home_, *catalog_)
      .Execute("INSERT INTO shop.orders VALUES (4, 'eu', 'x4'), (5, 'apac', '50')");
  SetJobDag(/*try_cast=*/false);
  Snapshot before = Take();
  ASSERT_FALSE(before.files.empty());
  ASSERT_EQ(before.bookmarks.size(), 1u);
  run = RunJob(*catalog_, home_, "copy");
  EXPECT_EQ(run.state, JobRunState::kFailed);
  EXPECT_NE(run.error_message.find("column code: cannot cast 'x4' to integer"), std::string::npos)
      << run.error_message;
  Snapshot after = Take();
  EXPECT_TRUE(after.files == before.files) << "before:\n"
                                           << FileNames(before.files) << "after:\n"
                                           << FileNames(after.files);
  EXPECT_EQ(after.table, before.table);
  EXPECT_EQ(after.versions, before.versions);
  EXPECT_EQ(after.partitions, before.partitions);
  EXPECT_EQ(after.bookmarks, before.bookmarks);
  EXPECT_EQ(Codes(), "1:12,2:7,3:30");

  // Tried, the value becomes NULL and the run commits: files, partitions, bookmark move.
  SetJobDag(/*try_cast=*/true);
  run = RunJob(*catalog_, home_, "copy");
  ASSERT_EQ(run.state, JobRunState::kSucceeded) << run.error_message;
  EXPECT_EQ(run.rows_written, 2);
  Snapshot committed = Take();
  EXPECT_FALSE(committed.files == before.files);
  EXPECT_NE(committed.partitions, before.partitions);
  EXPECT_NE(committed.bookmarks, before.bookmarks);
  // Append keeps every row; overwrite keeps the new ones; overwrite-partitions replaces the
  // partition eu (rows 1 and 3 go) and adds apac, keeping us.
  std::string expected = GetParam() == "append"      ? "1:12,2:7,3:30,4:null,5:50"
                         : GetParam() == "overwrite" ? "4:null,5:50"
                                                     : "2:7,4:null,5:50";
  EXPECT_EQ(Codes(), expected);
}

INSTANTIATE_TEST_SUITE_P(WriteModes, RunFailuresTest,
                         ::testing::Values("append", "overwrite", "overwrite-partitions"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace basin::etl
