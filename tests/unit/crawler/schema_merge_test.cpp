#include "crawler/schema_merge.hpp"

#include <gtest/gtest.h>

namespace basin::crawler {
namespace {

TEST(SchemaMergeTest, NumbersWiden) {
  EXPECT_EQ(MergeHiveTypes("int", "bigint"), "bigint");
  EXPECT_EQ(MergeHiveTypes("smallint", "int"), "int");
  EXPECT_EQ(MergeHiveTypes("bigint", "double"), "double");
  EXPECT_EQ(MergeHiveTypes("float", "double"), "double");
  EXPECT_EQ(MergeHiveTypes("int", "string"), "string");
  EXPECT_EQ(MergeHiveTypes("boolean", "int"), "string");
  EXPECT_EQ(MergeHiveTypes("decimal(5,2)", "decimal(10,0)"), "decimal(12,2)");
  EXPECT_EQ(MergeHiveTypes("decimal(5,2)", "int"), "decimal(12,2)");
  EXPECT_EQ(MergeHiveTypes("decimal(5,2)", "double"), "double");
  EXPECT_EQ(MergeHiveTypes("date", "timestamp"), "timestamp");
  EXPECT_EQ(MergeHiveTypes("not a type", "int"), "string");
}

TEST(SchemaMergeTest, StructFieldsAreUnioned) {
  EXPECT_EQ(MergeHiveTypes("struct<a:int,b:string>", "struct<a:bigint,c:double>"),
            "struct<a:bigint,b:string,c:double>");
  EXPECT_EQ(MergeHiveTypes("array<int>", "array<double>"), "array<double>");
  EXPECT_EQ(MergeHiveTypes("map<string,int>", "map<string,bigint>"), "map<string,bigint>");
  EXPECT_EQ(MergeHiveTypes("array<int>", "struct<a:int>"), "string");
}

TEST(SchemaMergeTest, ColumnsUnionInFirstSeenOrder) {
  std::vector<catalog::Column> into = {{"id", "int", "", {}}, {"name", "string", "", {}}};
  MergeColumns(into, {{"id", "bigint", "", {}}, {"price", "double", "", {}}});
  ASSERT_EQ(into.size(), 3u);
  EXPECT_EQ(into[0].type, "bigint");
  EXPECT_EQ(into[2].name, "price");
}

TEST(SchemaMergeTest, NameOverlap) {
  std::vector<catalog::Column> a = {{"a", "int", "", {}}, {"b", "int", "", {}}, {"c", "int", "", {}}};
  std::vector<catalog::Column> b = {{"a", "int", "", {}}, {"b", "int", "", {}}, {"d", "int", "", {}}};
  EXPECT_DOUBLE_EQ(NameOverlap(a, a), 1.0);
  EXPECT_NEAR(NameOverlap(a, b), 2.0 / 3.0, 1e-9);
  EXPECT_DOUBLE_EQ(NameOverlap(a, {}), 0.0);
  std::vector<catalog::Column> wider = a;
  wider.push_back({"e", "int", "", {}});
  EXPECT_DOUBLE_EQ(NameOverlap(a, wider), 1.0);
}

}  // namespace
}  // namespace basin::crawler
