// The publish step of lake writes (sql/exec/publish.hpp) on a real catalog and lake in a
// scratch home: a writer that died mid-publish is rolled back by the next write, a committed
// write is never touched, a live writer's journal entry is left alone, and a failing commit
// leaves neither files nor a journal entry behind.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "catalog/catalog.hpp"
#include "common/error.hpp"
#include "sql/engine/session.hpp"
#include "sql/exec/staging_cleanup.hpp"

namespace basin::sql {
namespace {

namespace fs = std::filesystem;

// The pid of a child that has exited and been reaped: a process known to be dead.
int64_t DeadPid() {
  pid_t child = fork();
  if (child == 0) _exit(0);
  EXPECT_GT(child, 0);
  int status = 0;
  waitpid(child, &status, 0);
  return child;
}

class PublishTest : public ::testing::Test {
 protected:
  PublishTest() {
    std::string pattern = (fs::temp_directory_path() / "basin-publish-XXXXXX");
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    home_ = pattern;
    catalog_ = std::make_unique<catalog::Catalog>(home_ / "catalog.db");
  }
  ~PublishTest() override {
    catalog_.reset();
    std::error_code ignored;
    fs::remove_all(home_, ignored);
  }

  StatementResult Run(const std::string& sql, SessionOptions options = {}) {
    Session session(home_, *catalog_, std::move(options));
    return session.Execute(sql);
  }
  int64_t Count(const std::string& table) {
    StatementResult result = Run("SELECT count(*) FROM " + table);
    return result.chunks.at(0).column(0).data<int64_t>()[0];
  }
  // Regular files below `folder` whose path has no hidden segment (what scans read).
  std::set<std::string> VisibleFiles(const fs::path& folder) const {
    std::set<std::string> files;
    if (!fs::exists(folder)) return files;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
      std::string relative = fs::relative(entry.path(), folder).string();
      if (!entry.is_regular_file() || relative[0] == '.' ||
          relative.find("/.") != std::string::npos) {
        continue;
      }
      files.insert(relative);
    }
    return files;
  }
  // A journal entry as a writer leaves it when killed after moving `files` (relative to
  // `location`) into place: the files exist, nothing was committed.
  void SimulateKilledPublish(const fs::path& location, const std::set<std::string>& files,
                             int64_t pid) {
    catalog::PublishJournal entry;
    entry.query_id = "deadbeef00000000";
    entry.pid = pid;
    entry.host = StagingHostName();
    entry.location = location.string() + "/";
    for (const auto& file : files) {
      fs::create_directories((location / file).parent_path());
      std::ofstream(location / file) << "not a parquet file";
      entry.files.push_back((location / file).string());
    }
    // A file the writer had not moved yet: listed, never created.
    entry.files.push_back((location / "deadbeef00000000_0_9.parquet").string());
    catalog_->AddPublishJournal(entry);
  }

  fs::path home_;
  std::unique_ptr<catalog::Catalog> catalog_;
};

TEST_F(PublishTest, CommittedWriteLeavesNoJournalEntry) {
  Run("CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(id, x)");
  Run("INSERT INTO t VALUES (3, 'c')");
  EXPECT_TRUE(catalog_->GetPublishJournals(StagingHostName()).empty());
  EXPECT_EQ(Count("t"), 3);
}

TEST_F(PublishTest, KilledFirstCtasIsRolledBackByTheNextWrite) {
  fs::path location = home_ / "lake" / "k";
  SimulateKilledPublish(
      location, {"deadbeef00000000_0_0.parquet", "p=1/deadbeef00000000_1_0.parquet"}, DeadPid());
  ASSERT_EQ(VisibleFiles(location).size(), 2u);
  // Without the rollback this CTAS would refuse a non-empty folder, or read the junk files.
  Run("CREATE TABLE k WITH (external_location = '" + location.string() +
      "/') AS SELECT * FROM (VALUES (1, 'a')) AS v(id, x)");
  EXPECT_EQ(Count("k"), 1);
  for (const auto& file : VisibleFiles(location)) {
    EXPECT_EQ(file.find("deadbeef"), std::string::npos) << file;
  }
  EXPECT_TRUE(catalog_->GetPublishJournals(StagingHostName()).empty());
}

TEST_F(PublishTest, KilledInsertIsRolledBackAndCommittedFilesStay) {
  Run("CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(id, x)");
  fs::path location = home_ / "lake" / "default" / "t";
  std::set<std::string> committed = VisibleFiles(location);
  ASSERT_FALSE(committed.empty());
  SimulateKilledPublish(location, {"deadbeef00000000_0_0.parquet"}, DeadPid());
  Run("INSERT INTO t VALUES (3, 'c')");
  EXPECT_EQ(Count("t"), 3);
  std::set<std::string> after = VisibleFiles(location);
  for (const auto& file : committed) EXPECT_TRUE(after.count(file)) << file;
  EXPECT_FALSE(after.count("deadbeef00000000_0_0.parquet"));
  EXPECT_EQ(after.size(), committed.size() + 1);
}

TEST_F(PublishTest, LiveWritersEntryIsLeftAlone) {
  fs::path location = home_ / "lake" / "live";
  SimulateKilledPublish(location, {"deadbeef00000000_0_0.parquet"}, getpid());
  Run("CREATE TABLE t AS SELECT 1 AS id");
  EXPECT_EQ(catalog_->GetPublishJournals(StagingHostName()).size(), 1u);
  EXPECT_EQ(VisibleFiles(location).size(), 1u);
}

TEST_F(PublishTest, FailingCommitLeavesNoFilesAndNoEntry) {
  SessionOptions options;
  options.on_commit = [](catalog::Catalog&) { throw Error(ErrorCode::kConflict, "hook fails"); };
  EXPECT_THROW(Run("CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a')) AS v(id, x)", options),
               Error);
  EXPECT_TRUE(VisibleFiles(home_ / "lake" / "default" / "t").empty());
  EXPECT_THROW(catalog_->GetTable("default", "t"), Error);
  EXPECT_TRUE(catalog_->GetPublishJournals(StagingHostName()).empty());

  Run("CREATE TABLE u AS SELECT * FROM (VALUES (1, 'a')) AS v(id, x)");
  std::set<std::string> before = VisibleFiles(home_ / "lake" / "default" / "u");
  EXPECT_THROW(Run("INSERT INTO u VALUES (2, 'b')", options), Error);
  EXPECT_EQ(VisibleFiles(home_ / "lake" / "default" / "u"), before);
  EXPECT_EQ(Count("u"), 1);
  EXPECT_TRUE(catalog_->GetPublishJournals(StagingHostName()).empty());
}

// A query that listed a table's files before an overwrite must still find them: the replaced
// files stay until the next overwrite, which deletes them after its own commit.
TEST_F(PublishTest, OverwriteKeepsReplacedFilesForOneOverwrite) {
  Run("CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(id, x)");
  fs::path root = home_ / "lake" / "default" / "t";
  std::set<std::string> first = VisibleFiles(root);
  ASSERT_FALSE(first.empty());

  Run("INSERT OVERWRITE t SELECT * FROM (VALUES (3, 'c')) AS v(id, x)");
  EXPECT_EQ(Count("t"), 1);
  for (const auto& file : first) EXPECT_TRUE(fs::exists(root / file)) << file;
  fs::path second_location = catalog_->GetTable("default", "t").storage_descriptor.location;
  std::set<std::string> second = VisibleFiles(second_location);
  ASSERT_FALSE(second.empty());

  Run("INSERT OVERWRITE t SELECT * FROM (VALUES (4, 'd'), (5, 'e')) AS v(id, x)");
  EXPECT_EQ(Count("t"), 2);
  for (const auto& file : first) EXPECT_FALSE(fs::exists(root / file)) << file;
  for (const auto& file : second) EXPECT_TRUE(fs::exists(second_location / file)) << file;

  Run("INSERT OVERWRITE t SELECT * FROM (VALUES (6, 'f')) AS v(id, x)");
  EXPECT_EQ(Count("t"), 1);
  EXPECT_FALSE(fs::exists(second_location));
}

TEST_F(PublishTest, PartitionOverwriteKeepsReplacedPartitionForOneOverwrite) {
  Run("CREATE TABLE p WITH (partitioned_by = ARRAY['k']) AS "
      "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(id, k)");
  fs::path root = home_ / "lake" / "default" / "p";
  std::set<std::string> a_files = VisibleFiles(root / "k=a");
  ASSERT_FALSE(a_files.empty());
  Run("INSERT OVERWRITE p PARTITION (k) SELECT * FROM (VALUES (3, 'a')) AS v(id, k)");
  EXPECT_EQ(Count("p"), 2);
  for (const auto& file : a_files) EXPECT_TRUE(fs::exists(root / "k=a" / file)) << file;
  Run("INSERT OVERWRITE p PARTITION (k) SELECT * FROM (VALUES (4, 'b')) AS v(id, k)");
  EXPECT_EQ(Count("p"), 2);
  for (const auto& file : a_files) EXPECT_FALSE(fs::exists(root / "k=a" / file)) << file;
  EXPECT_EQ(Count("p WHERE k = 'a' AND id = 3"), 1);
}

}  // namespace
}  // namespace basin::sql
