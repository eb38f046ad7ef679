// Written files are cut at the session's target size: a small target yields several files
// holding every row once, and the progress counters see the rows and bytes written.

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "exec_core_test_util.hpp"

namespace basin::sql {
namespace {

using namespace testing;
using formats::FileFormat;

class WriteTargetSizeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<std::vector<Value>> rows;
    // Text that does not compress to nothing, so the files grow with the rows.
    uint64_t state = 12345;
    for (int i = 0; i < kRows; ++i) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      rows.push_back({Value::BigInt(i), Value::Varchar("row " + std::to_string(state >> 20))});
    }
    WriteFile(dir.Path("src/f.parquet"), FileFormat::kParquet, names, types, rows);
  }

  std::unique_ptr<LogicalOperator> Copy(const std::string& location, LakeFormat format) {
    auto write = std::make_unique<LogicalWrite>();
    write->location = location;
    write->format = format;
    write->column_names = names;
    write->table_index = 7;
    write->bindings = {{7, 0}};
    write->types = {LogicalType::BigInt()};
    return WithChild(std::move(write),
                     MakeScan(1, dir.Path("src"), LakeFormat::kParquet, names, types));
  }

  static constexpr int kRows = 60000;
  TempDir dir;
  std::vector<std::string> names{"id", "text"};
  std::vector<LogicalType> types{LogicalType::BigInt(), LogicalType::Varchar()};
};

TEST_F(WriteTargetSizeTest, ASmallTargetSizeCutsSeveralFilesWithEveryRowOnce) {
  for (LakeFormat format : {LakeFormat::kParquet, LakeFormat::kCsv}) {
    std::string out = dir.Path(format == LakeFormat::kParquet ? "out_parquet" : "out_csv");
    ExecOptions options;
    options.settings.target_file_size_bytes = 64 << 10;
    options.settings.progress = std::make_shared<QueryProgress>();
    QueryResult result = ExecutePlan(*Copy(out, format), options, nullptr);
    EXPECT_GE(result.written_files.size(), 5u);
    uint64_t rows = 0, bytes = 0;
    for (const auto& file : result.written_files) {
      EXPECT_GT(file.rows, 0u) << file.path;
      EXPECT_EQ(std::filesystem::file_size(file.path), file.bytes) << file.path;
      rows += file.rows;
      bytes += file.bytes;
    }
    EXPECT_EQ(rows, static_cast<uint64_t>(kRows));
    EXPECT_EQ(options.settings.progress->rows_written.load(), kRows);
    EXPECT_EQ(options.settings.progress->bytes_written.load(), static_cast<int64_t>(bytes));

    // Read back: every id once.
    auto back = ExecutePlan(*MakeScan(2, out, format, names, types), {}, nullptr);
    std::set<int64_t> ids;
    for (const auto& row : Rows(back)) ids.insert(row[0].int_value());
    EXPECT_EQ(back.rows, static_cast<uint64_t>(kRows));
    ASSERT_EQ(ids.size(), static_cast<size_t>(kRows));
    EXPECT_EQ(*ids.begin(), 0);
    EXPECT_EQ(*ids.rbegin(), kRows - 1);
  }
}

TEST_F(WriteTargetSizeTest, TheDefaultTargetKeepsOneFilePerWorker) {
  ExecOptions options;
  options.threads = 1;
  QueryResult result = ExecutePlan(*Copy(dir.Path("out"), LakeFormat::kParquet), options, nullptr);
  ASSERT_EQ(result.written_files.size(), 1u);
  EXPECT_EQ(result.written_files[0].rows, static_cast<uint64_t>(kRows));
}

}  // namespace
}  // namespace basin::sql
