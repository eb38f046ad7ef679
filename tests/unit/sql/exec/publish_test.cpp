// A write with a StagedWrite only stages: nothing shows until PublishWrite, which moves the
// files and registers them in one catalog transaction, or on failure leaves nothing behind.
#include "sql/exec/publish.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "catalog/catalog.hpp"
#include "common/error.hpp"
#include "exec_core_test_util.hpp"
#include "sql/exec/staging_cleanup.hpp"

namespace basin::sql {
namespace {

using namespace testing;
namespace fs = std::filesystem;

class StagedWriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<std::vector<Value>> rows;
    for (int i = 0; i < 100; ++i)
      rows.push_back({Value::BigInt(i), Value::Varchar(i % 2 ? "a" : "b")});
    WriteFile(dir.Path("src/f.parquet"), formats::FileFormat::kParquet, names, types, rows, 50);
    catalog = std::make_unique<catalog::Catalog>(dir.Path("catalog.db"));
  }
  // Runs a write of the source into out/ partitioned by `part`; returns its StagedWrite.
  std::shared_ptr<StagedWrite> Stage() {
    auto write = std::make_unique<LogicalWrite>();
    write->location = dir.Path("out") + "/";
    write->format = LakeFormat::kParquet;
    write->column_names = names;
    write->partition_columns = 1;
    write->table_index = 7;
    write->bindings = {{7, 0}};
    write->types = {LogicalType::BigInt()};
    write->staged = std::make_shared<StagedWrite>();
    std::shared_ptr<StagedWrite> staged = write->staged;
    auto plan = WithChild(std::move(write),
                          MakeScan(1, dir.Path("src"), LakeFormat::kParquet, names, types));
    auto result = ExecutePlan(*plan, {}, nullptr);
    EXPECT_EQ(Rows(result)[0][0], Value::BigInt(100));
    return staged;
  }
  // Regular files below out/ outside hidden folders.
  size_t VisibleFiles() {
    size_t count = 0;
    if (!fs::exists(dir.Path("out"))) return 0;
    for (auto& entry : fs::recursive_directory_iterator(dir.Path("out"))) {
      std::string path = entry.path().string();
      if (entry.is_regular_file() && path.find("/.") == std::string::npos) ++count;
    }
    return count;
  }

  TempDir dir;
  std::vector<std::string> names{"id", "part"};
  std::vector<LogicalType> types{LogicalType::BigInt(), LogicalType::Varchar()};
  std::unique_ptr<catalog::Catalog> catalog;
};

TEST_F(StagedWriteTest, FinalizeMovesNothingAndAnUnpublishedWriteLeavesNothing) {
  std::shared_ptr<StagedWrite> staged = Stage();
  ASSERT_TRUE(staged->finalized);
  ASSERT_FALSE(staged->files.empty());
  EXPECT_EQ(VisibleFiles(), 0u);
  for (const auto& file : staged->files) {
    EXPECT_TRUE(fs::exists(file.staging_path)) << file.staging_path;
    EXPECT_FALSE(fs::exists(file.file.path)) << file.file.path;
  }
  std::string staging_root = staged->staging_root;
  staged.reset();  // the statement failed before publishing
  EXPECT_FALSE(fs::exists(staging_root));
  EXPECT_EQ(VisibleFiles(), 0u);
}

TEST_F(StagedWriteTest, PublishMovesRegistersAndClearsTheJournal) {
  std::shared_ptr<StagedWrite> staged = Stage();
  size_t journal_inside = 0;
  PublishWrite(*catalog, *staged, [&] {
    // Inside the transaction the files are in place and the entry exists (uncommitted).
    for (const auto& file : staged->files) EXPECT_TRUE(fs::exists(file.file.path));
    journal_inside = catalog->GetPublishJournals(StagingHostName()).size();
  });
  EXPECT_EQ(journal_inside, 1u);
  EXPECT_TRUE(staged->published);
  EXPECT_EQ(VisibleFiles(), staged->files.size());
  EXPECT_TRUE(catalog->GetPublishJournals(StagingHostName()).empty());
  auto back = ExecutePlan(
      *MakeScan(2, dir.Path("out"), LakeFormat::kParquet, {"id"}, {LogicalType::BigInt()}), {},
      nullptr);
  EXPECT_EQ(back.rows, 100u);
}

TEST_F(StagedWriteTest, FailingRegistrationTakesTheMovedFilesBack) {
  std::shared_ptr<StagedWrite> staged = Stage();
  EXPECT_THROW(PublishWrite(*catalog, *staged,
                            [] { throw Error(ErrorCode::kConflict, "registration fails"); }),
               Error);
  EXPECT_FALSE(staged->published);
  EXPECT_EQ(VisibleFiles(), 0u);
  EXPECT_TRUE(catalog->GetPublishJournals(StagingHostName()).empty());
}

}  // namespace
}  // namespace basin::sql
