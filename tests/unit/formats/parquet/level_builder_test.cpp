#include "formats/parquet/level_builder.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "formats/parquet/parquet_schema_writer.hpp"

namespace basin::formats::parquet {
namespace {

using columnar::Vector;
using types::LogicalType;
using types::Value;

Value Int(int32_t v) { return Value::Int(v); }
Value NullInt() { return Value::Null(LogicalType::Integer()); }
Value List(const LogicalType& type, std::vector<Value> elements) {
  return Value::Nested(type, std::move(elements));
}

std::vector<WriterLeaf> Leaves(const std::string& name, const LogicalType& type,
                               bool nullable = true) {
  return BuildWriterSchema(types::Schema({{name, type, nullable}})).leaves;
}

std::vector<uint16_t> U16(std::initializer_list<int> values) {
  std::vector<uint16_t> out;
  for (int v : values) out.push_back(static_cast<uint16_t>(v));
  return out;
}

TEST(LevelBuilderTest, FlatColumnWithoutNullsIsContiguous) {
  Vector column(LogicalType::Integer());
  for (int i = 0; i < 10; ++i) column.Append(Int(i));
  auto leaves = Leaves("x", LogicalType::Integer());
  LevelBuilder builder;
  LeafLevels levels;
  builder.Build(leaves[0], column, 2, 7, 0, levels);
  EXPECT_TRUE(levels.contiguous);
  EXPECT_EQ(levels.contiguous_begin, 2u);
  EXPECT_EQ(levels.level_count, 5u);
  EXPECT_EQ(levels.leaf, &column);
}

TEST(LevelBuilderTest, FlatColumnWithNulls) {
  Vector column(LogicalType::Integer());
  for (int i = 0; i < 6; ++i) column.Append(i % 3 == 1 ? NullInt() : Int(i));
  auto leaves = Leaves("x", LogicalType::Integer());
  ASSERT_EQ(leaves[0].max_definition_level, 1);
  LevelBuilder builder;
  LeafLevels levels;
  builder.Build(leaves[0], column, 0, 6, 0, levels);
  EXPECT_FALSE(levels.contiguous);
  EXPECT_EQ(levels.definition, U16({1, 0, 1, 1, 0, 1}));
  EXPECT_TRUE(levels.repetition.empty());
  EXPECT_EQ(levels.positions, (std::vector<int64_t>{0, 2, 3, 5}));
}

TEST(LevelBuilderTest, RequiredColumnRejectsNullWithItsRow) {
  Vector column(LogicalType::Integer());
  for (int i = 0; i < 6; ++i) column.Append(i == 4 ? NullInt() : Int(i));
  auto leaves = Leaves("x", LogicalType::Integer(), false);
  ASSERT_EQ(leaves[0].max_definition_level, 0);
  LevelBuilder builder;
  LeafLevels levels;
  builder.Build(leaves[0], column, 0, 4, 100, levels);
  EXPECT_TRUE(levels.contiguous);
  try {
    builder.Build(leaves[0], column, 0, 6, 100, levels);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
    EXPECT_NE(std::string(e.what()).find("row 104"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("x"), std::string::npos);
  }
}

TEST(LevelBuilderTest, ListOfIntegers) {
  // Rows: [1, 2], [], NULL, [NULL, 3]. Levels: optional list (1), repeated list (2),
  // optional element (3).
  auto type = LogicalType::List(LogicalType::Integer());
  Vector column(type);
  column.Append(List(type, {Int(1), Int(2)}));
  column.Append(List(type, {}));
  column.Append(Value::Null(type));
  column.Append(List(type, {NullInt(), Int(3)}));
  auto leaves = Leaves("l", type);
  ASSERT_EQ(leaves.size(), 1u);
  EXPECT_EQ(leaves[0].max_definition_level, 3);
  EXPECT_EQ(leaves[0].max_repetition_level, 1);
  EXPECT_EQ(leaves[0].path, (std::vector<std::string>{"l", "list", "element"}));
  LevelBuilder builder;
  LeafLevels levels;
  builder.Build(leaves[0], column, 0, 4, 0, levels);
  EXPECT_EQ(levels.level_count, 6u);
  EXPECT_EQ(levels.definition, U16({3, 3, 1, 0, 2, 3}));
  EXPECT_EQ(levels.repetition, U16({0, 1, 0, 0, 0, 1}));
  EXPECT_EQ(levels.leaf, &column.child(0));
  EXPECT_EQ(levels.positions, (std::vector<int64_t>{0, 1, 3}));

  // A slice starting mid-vector uses the offsets of its own rows.
  builder.Build(leaves[0], column, 3, 4, 0, levels);
  EXPECT_EQ(levels.definition, U16({2, 3}));
  EXPECT_EQ(levels.repetition, U16({0, 1}));
  EXPECT_EQ(levels.positions, (std::vector<int64_t>{3}));
}

TEST(LevelBuilderTest, ListOfLists) {
  // [[1], [2, 3]], [[]], [NULL], NULL: definition levels 0 list null, 1 outer empty,
  // 2 inner list null, 3 inner empty, 4 element null, 5 value.
  auto inner = LogicalType::List(LogicalType::Integer());
  auto type = LogicalType::List(inner);
  Vector column(type);
  column.Append(List(type, {List(inner, {Int(1)}), List(inner, {Int(2), Int(3)})}));
  column.Append(List(type, {List(inner, {})}));
  column.Append(List(type, {Value::Null(inner)}));
  column.Append(Value::Null(type));
  column.Append(List(type, {}));
  auto leaves = Leaves("ll", type);
  EXPECT_EQ(leaves[0].max_definition_level, 5);
  EXPECT_EQ(leaves[0].max_repetition_level, 2);
  LevelBuilder builder;
  LeafLevels levels;
  builder.Build(leaves[0], column, 0, 5, 0, levels);
  EXPECT_EQ(levels.definition, U16({5, 5, 5, 3, 2, 0, 1}));
  EXPECT_EQ(levels.repetition, U16({0, 1, 2, 0, 0, 0, 0}));
  EXPECT_EQ(levels.positions, (std::vector<int64_t>{0, 1, 2}));
}

TEST(LevelBuilderTest, StructFieldsAndNullStructs) {
  // struct<a: int, b: list<int>>: {a=1, b=[5]}, NULL, {a=NULL, b=NULL}
  auto list = LogicalType::List(LogicalType::Integer());
  auto type = LogicalType::Struct({{"a", LogicalType::Integer()}, {"b", list}});
  Vector column(type);
  column.Append(Value::Nested(type, {Int(1), List(list, {Int(5)})}));
  column.Append(Value::Null(type));
  column.Append(Value::Nested(type, {NullInt(), Value::Null(list)}));
  auto leaves = Leaves("s", type);
  ASSERT_EQ(leaves.size(), 2u);
  EXPECT_EQ(leaves[0].path, (std::vector<std::string>{"s", "a"}));
  EXPECT_EQ(leaves[1].path, (std::vector<std::string>{"s", "b", "list", "element"}));
  EXPECT_EQ(leaves[0].max_definition_level, 2);
  EXPECT_EQ(leaves[1].max_definition_level, 4);
  LevelBuilder builder;
  LeafLevels levels;
  builder.Build(leaves[0], column, 0, 3, 0, levels);
  EXPECT_EQ(levels.definition, U16({2, 0, 1}));
  EXPECT_TRUE(levels.repetition.empty());
  EXPECT_EQ(levels.positions, (std::vector<int64_t>{0}));
  builder.Build(leaves[1], column, 0, 3, 0, levels);
  EXPECT_EQ(levels.definition, U16({4, 0, 1}));
  EXPECT_EQ(levels.repetition, U16({0, 0, 0}));
}

TEST(LevelBuilderTest, MapKeysAreRequired) {
  auto type = LogicalType::Map(LogicalType::Varchar(), LogicalType::Integer());
  auto entry = type.MapEntryType();
  Vector column(type);
  column.Append(Value::Nested(type, {Value::Nested(entry, {Value::Varchar("a"), Int(1)}),
                                     Value::Nested(entry, {Value::Varchar("b"), NullInt()})}));
  column.Append(Value::Nested(type, {}));
  column.Append(Value::Null(type));
  auto leaves = Leaves("m", type);
  ASSERT_EQ(leaves.size(), 2u);
  EXPECT_EQ(leaves[0].path, (std::vector<std::string>{"m", "key_value", "key"}));
  EXPECT_EQ(leaves[0].max_definition_level, 2);
  EXPECT_EQ(leaves[1].max_definition_level, 3);
  LevelBuilder builder;
  LeafLevels levels;
  builder.Build(leaves[0], column, 0, 3, 0, levels);
  EXPECT_EQ(levels.definition, U16({2, 2, 1, 0}));
  EXPECT_EQ(levels.repetition, U16({0, 1, 0, 0}));
  builder.Build(leaves[1], column, 0, 3, 0, levels);
  EXPECT_EQ(levels.definition, U16({3, 2, 1, 0}));
  EXPECT_EQ(levels.positions, (std::vector<int64_t>{0}));

  // A NULL key cannot be written; the error names the row.
  Vector bad(type);
  bad.Append(Value::Nested(type, {}));
  bad.Append(
      Value::Nested(type, {Value::Nested(entry, {Value::Null(LogicalType::Varchar()), Int(1)})}));
  try {
    builder.Build(leaves[0], bad, 0, 2, 10, levels);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
    EXPECT_NE(std::string(e.what()).find("row 11"), std::string::npos) << e.what();
  }
}

TEST(LevelBuilderTest, NullListRowsIgnoreStaleOffsets) {
  // A NULL row whose offsets still span elements must not emit them.
  auto type = LogicalType::List(LogicalType::Integer());
  Vector column(type);
  column.Append(List(type, {Int(1), Int(2)}));
  column.Append(List(type, {Int(3)}));
  column.SetNull(0);
  auto leaves = Leaves("l", type);
  LevelBuilder builder;
  LeafLevels levels;
  builder.Build(leaves[0], column, 0, 2, 0, levels);
  EXPECT_EQ(levels.definition, U16({0, 3}));
  EXPECT_EQ(levels.positions, (std::vector<int64_t>{2}));
}

}  // namespace
}  // namespace basin::formats::parquet
