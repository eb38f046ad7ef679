#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "common/error.hpp"
#include "exec_core_test_util.hpp"

namespace basin::sql {
namespace {

using namespace testing;
using formats::FileFormat;

class WriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<std::vector<Value>> rows;
    for (int i = 0; i < 3000; ++i) {
      rows.push_back(
          {Value::BigInt(i), Value::Varchar("name " + std::to_string(i)),
           i % 5 == 4 ? Value::Null(LogicalType::Varchar()) : Value::Varchar(i % 2 ? "a/b" : "c")});
    }
    WriteFile(dir.Path("src/f.parquet"), FileFormat::kParquet, names, types, rows, 500);
  }
  std::unique_ptr<LogicalOperator> Write(std::unique_ptr<LogicalOperator> child,
                                         const std::string& location, size_t partitions) {
    auto write = std::make_unique<LogicalWrite>();
    write->location = location;
    write->format = LakeFormat::kParquet;
    write->column_names = names;
    write->partition_columns = partitions;
    write->table_index = 7;
    write->bindings = {{7, 0}};
    write->types = {LogicalType::BigInt()};
    return WithChild(std::move(write), std::move(child));
  }
  std::unique_ptr<LogicalScan> Source() {
    return MakeScan(1, dir.Path("src"), LakeFormat::kParquet, names, types);
  }
  size_t CountFiles(const std::string& path) {
    size_t count = 0;
    if (!std::filesystem::exists(path)) return 0;
    for (auto& entry : std::filesystem::recursive_directory_iterator(path)) {
      if (entry.is_regular_file()) ++count;
    }
    return count;
  }
  TempDir dir;
  std::vector<std::string> names{"id", "name", "part"};
  std::vector<LogicalType> types{LogicalType::BigInt(), LogicalType::Varchar(),
                                 LogicalType::Varchar()};
};

TEST_F(WriteTest, UnpartitionedWriteReportsRowsAndFilesAndReadsBack) {
  auto result = ExecutePlan(*Write(Source(), dir.Path("out"), 0), {}, nullptr);
  auto rows = Rows(result);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], Value::BigInt(3000));
  ASSERT_FALSE(result.written_files.empty());
  uint64_t written = 0;
  for (const auto& file : result.written_files) {
    written += file.rows;
    EXPECT_TRUE(std::filesystem::exists(file.path)) << file.path;
    EXPECT_EQ(std::filesystem::file_size(file.path), file.bytes);
  }
  EXPECT_EQ(written, 3000u);
  EXPECT_EQ(CountFiles(dir.Path("out")), result.written_files.size());  // no staging left
  auto back =
      ExecutePlan(*MakeScan(2, dir.Path("out"), LakeFormat::kParquet, names, types), {}, nullptr);
  EXPECT_EQ(back.rows, 3000u);
}

TEST_F(WriteTest, PartitionedWriteMakesHiveFolders) {
  auto result = ExecutePlan(*Write(Source(), dir.Path("out"), 1), {}, nullptr);
  EXPECT_EQ(result.partition_columns, (std::vector<std::string>{"part"}));
  std::vector<std::string> values;
  for (const auto& file : result.written_files) {
    ASSERT_EQ(file.partition_values.size(), 1u);
    values.push_back(file.partition_values[0]);
  }
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  EXPECT_EQ(values, (std::vector<std::string>{"__HIVE_DEFAULT_PARTITION__", "a/b", "c"}));
  EXPECT_TRUE(std::filesystem::exists(dir.Path("out/part=a%2Fb")));
  EXPECT_TRUE(std::filesystem::exists(dir.Path("out/part=__HIVE_DEFAULT_PARTITION__")));
  // Read back as a partitioned table: the partition column comes from the folders.
  auto scan = MakeScan(2, dir.Path("out"), LakeFormat::kParquet, names, types, 1);
  auto rows = Rows(ExecutePlan(*scan, {}, nullptr));
  ASSERT_EQ(rows.size(), 3000u);
  for (auto& row : rows) {
    int64_t id = row[0].int_value();
    if (id % 5 == 4) {
      EXPECT_TRUE(row[2].is_null());
    } else {
      EXPECT_EQ(row[2], Value::Varchar(id % 2 ? "a/b" : "c"));
    }
    EXPECT_EQ(row[1], Value::Varchar("name " + std::to_string(id)));
  }
}

TEST_F(WriteTest, FailedQueryPublishesNothing) {
  // 1 / (id - 2500) fails on a late row, after earlier chunks were written.
  auto project = std::make_unique<LogicalProject>();
  project->table_index = 3;
  auto scan = Source();
  project->expressions.push_back(
      Call("$divide", Args(MakeConstant(Value::BigInt(1)),
                           Call("$subtract", Args(MakeColumn({1, 0}, LogicalType::BigInt()),
                                                  MakeConstant(Value::BigInt(2500)))))));
  project->expressions.push_back(MakeColumn({1, 1}, LogicalType::Varchar()));
  project->expressions.push_back(MakeColumn({1, 2}, LogicalType::Varchar()));
  for (uint32_t i = 0; i < 3; ++i) {
    project->bindings.push_back({3, i});
    project->types.push_back(project->expressions[i]->type);
  }
  auto plan = Write(WithChild(std::move(project), std::move(scan)), dir.Path("out"), 0);
  EXPECT_THROW(ExecutePlan(*plan, {}, nullptr), Error);
  EXPECT_EQ(CountFiles(dir.Path("out")), 0u);
}

}  // namespace
}  // namespace basin::sql
