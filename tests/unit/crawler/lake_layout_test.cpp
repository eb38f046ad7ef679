#include "crawler/lake_layout.hpp"

#include <gtest/gtest.h>

namespace basin::crawler {
namespace {

FileClassification Format(std::string classification, std::vector<std::string> columns,
                          int64_t records = 10) {
  FileClassification result;
  result.classification = std::move(classification);
  for (auto& name : columns) result.columns.push_back({name, "int", "", {}});
  result.record_count = records;
  return result;
}

LakeFile File(std::string path, FileClassification format, uint64_t size = 100) {
  return {std::move(path), size, std::move(format)};
}

TEST(LakeLayoutTest, TwoLevelHivePartitionsMakeOneTable) {
  std::vector<LakeFile> files;
  for (std::string year : {"2023", "2024"}) {
    for (std::string month : {"01", "02"}) {
      files.push_back(File("year=" + year + "/month=" + month + "/part-0.parquet",
                           Format("parquet", {"id", "amount"})));
    }
  }
  auto tables = GroupIntoTables("sales", files, false);
  ASSERT_EQ(tables.size(), 1u);
  const FoundTable& table = tables[0];
  EXPECT_EQ(table.base_name, "sales");
  EXPECT_EQ(table.relative_location, "");
  ASSERT_EQ(table.partition_keys.size(), 2u);
  EXPECT_EQ(table.partition_keys[0].name, "year");
  EXPECT_EQ(table.partition_keys[0].type, "int");
  EXPECT_EQ(table.partition_keys[1].name, "month");
  ASSERT_EQ(table.partitions.size(), 4u);
  EXPECT_EQ(table.partitions[0].values, (std::vector<std::string>{"2023", "01"}));
  EXPECT_EQ(table.partitions[0].relative_location, "year=2023/month=01/");
  EXPECT_EQ(table.object_count, 4);
  EXPECT_EQ(table.record_count, 40);
  EXPECT_EQ(table.size_bytes, 400);
}

TEST(LakeLayoutTest, IncompatibleSiblingsAreSeparateTables) {
  std::vector<LakeFile> files = {
      File("film/a.parquet", Format("parquet", {"film_id", "title", "rate"})),
      File("film/b.parquet", Format("parquet", {"film_id", "title", "rate"})),
      File("customer/c.parquet", Format("parquet", {"customer_id", "name", "email"})),
      File("notes/readme.csv", Format("csv", {"a", "b"})),
  };
  auto tables = GroupIntoTables("root", files, false);
  ASSERT_EQ(tables.size(), 3u);
  EXPECT_EQ(tables[0].base_name, "customer");
  EXPECT_EQ(tables[0].relative_location, "customer/");
  EXPECT_EQ(tables[1].base_name, "film");
  EXPECT_EQ(tables[1].object_count, 2);
  EXPECT_TRUE(tables[1].partition_keys.empty());
  EXPECT_EQ(tables[2].base_name, "notes");
}

TEST(LakeLayoutTest, CompatibleSiblingsArePartitionsWithUnnamedKeys) {
  std::vector<LakeFile> files = {
      File("east/a.csv", Format("csv", {"id", "amount", "day"})),
      File("west/b.csv", Format("csv", {"id", "amount", "day", "note"})),
  };
  auto tables = GroupIntoTables("orders", files, false);
  ASSERT_EQ(tables.size(), 1u);
  ASSERT_EQ(tables[0].partition_keys.size(), 1u);
  EXPECT_EQ(tables[0].partition_keys[0].name, "partition_0");
  EXPECT_EQ(tables[0].partition_keys[0].type, "string");
  EXPECT_EQ(tables[0].columns.size(), 4u);  // unioned
  EXPECT_EQ(tables[0].partitions[1].values, (std::vector<std::string>{"west"}));
}

TEST(LakeLayoutTest, SingleSchemaGroupingCombinesDifferentColumns) {
  std::vector<LakeFile> files = {
      File("a/x.json", Format("json", {"p", "q"})),
      File("b/y.json", Format("json", {"r", "s"})),
  };
  EXPECT_EQ(GroupIntoTables("t", files, false).size(), 2u);
  auto combined = GroupIntoTables("t", files, true);
  ASSERT_EQ(combined.size(), 1u);
  EXPECT_EQ(combined[0].columns.size(), 4u);
}

TEST(LakeLayoutTest, MixedFormatsInOneFolderSplitByFile) {
  std::vector<LakeFile> files = {
      File("data/a.csv", Format("csv", {"id", "v"})),
      File("data/b.json", Format("json", {"id", "v"})),
  };
  auto tables = GroupIntoTables("root", files, false);
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_EQ(tables[0].base_name, "a");
  EXPECT_EQ(tables[0].relative_location, "data/a.csv");
  EXPECT_EQ(tables[1].base_name, "b");
}

TEST(LakeLayoutTest, UnevenDepthsDoNotMerge) {
  std::vector<LakeFile> files = {
      File("t/x=1/a.parquet", Format("parquet", {"id"})),
      File("t/x=2/y=3/b.parquet", Format("parquet", {"id"})),
  };
  auto tables = GroupIntoTables("root", files, false);
  EXPECT_EQ(tables.size(), 2u);
}

TEST(LakeLayoutTest, PartitionValuesAreUnescapedAndKeysClashingWithColumnsRenamed) {
  std::vector<LakeFile> files = {
      File("id=1/city=New%20York/a.parquet", Format("parquet", {"id", "v"})),
      File("id=2/city=Paris/b.parquet", Format("parquet", {"id", "v"})),
  };
  auto tables = GroupIntoTables("t", files, false);
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].partition_keys[0].name, "partition_0");
  EXPECT_EQ(tables[0].partition_keys[1].name, "city");
  EXPECT_EQ(tables[0].partitions[0].values[1], "New York");
}

}  // namespace
}  // namespace basin::crawler
