#include "catalog/column_list.hpp"

#include <gtest/gtest.h>

#include "catalog/storage_formats.hpp"
#include "catalog_test_util.hpp"

namespace basin::catalog {
namespace {

using testing::CodeOf;

TEST(ColumnList, SplitsAtTopLevelCommasOnly) {
  auto columns = ParseColumnList(
      " id int, price decimal(10, 2),tags array<string>, m map<string,struct<a:int,b:int>>, "
      "`first name` string ");
  ASSERT_EQ(columns.size(), 5u);
  EXPECT_EQ(columns[0].name, "id");
  EXPECT_EQ(columns[0].type, "int");
  EXPECT_EQ(columns[1].type, "decimal(10, 2)");
  EXPECT_EQ(columns[2].type, "array<string>");
  EXPECT_EQ(columns[3].type, "map<string,struct<a:int,b:int>>");
  EXPECT_EQ(columns[4].name, "first name");
  EXPECT_EQ(columns[4].type, "string");
  EXPECT_TRUE(ParseColumnList("  ").empty());
}

TEST(ColumnList, RejectsEntriesWithoutTypeAndUnbalancedBrackets) {
  for (const char* bad :
       {"id", "id int,", "id int,,x int", "a array<int", "a int>", "`a string", "a decimal(1,2"}) {
    EXPECT_EQ(CodeOf([&] { ParseColumnList(bad); }), ErrorCode::kInvalidInput) << bad;
  }
}

TEST(StorageFormats, DescriptorsRoundTripToTheirFormat) {
  for (const char* format : {"parquet", "csv", "json"}) {
    StorageDescriptor descriptor = StorageDescriptorForFormat(format);
    EXPECT_FALSE(descriptor.input_format.empty());
    EXPECT_FALSE(descriptor.serde_info.serialization_library.empty());
    EXPECT_EQ(FormatOfStorageDescriptor(descriptor), format);
  }
  EXPECT_EQ(FormatOfStorageDescriptor(StorageDescriptorForFormat("PARQUET")), "parquet");
  EXPECT_EQ(FormatOfStorageDescriptor(StorageDescriptor{}), "");
  EXPECT_EQ(CodeOf([] { StorageDescriptorForFormat("orc"); }), ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace basin::catalog
