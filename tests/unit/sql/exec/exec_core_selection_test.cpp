#include <gtest/gtest.h>

#include "sql/exec/selection.hpp"

namespace basin::sql {
namespace {

using columnar::DataChunk;
using columnar::Vector;
using types::LogicalType;
using types::Value;

Vector Strings(std::vector<std::optional<std::string>> values) {
  Vector v(LogicalType::Varchar());
  for (auto& s : values) v.Append(s ? Value::Varchar(*s) : Value::Null(LogicalType::Varchar()));
  return v;
}

TEST(Selection, SelectTrueSkipsFalseAndNull) {
  Vector b(LogicalType::Boolean());
  b.Append(Value::Boolean(true));
  b.Append(Value::Null(LogicalType::Boolean()));
  b.Append(Value::Boolean(false));
  b.Append(Value::Boolean(true));
  Selection s = SelectTrue(b, 4);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0], 0u);
  EXPECT_EQ(s[1], 3u);
}

TEST(Selection, GatherStringsZeroCopyOutlivesSource) {
  Vector out(LogicalType::Varchar());
  {
    Vector source = Strings({"alpha", std::nullopt, "gamma-long-string-value"});
    uint32_t rows[] = {2, 1, 0, 2};
    GatherVector(source, rows, 4, out);
    // The source still reads its own values after sharing its heap.
    EXPECT_EQ(source.GetValue(0), Value::Varchar("alpha"));
  }
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out.GetValue(0), Value::Varchar("gamma-long-string-value"));
  EXPECT_TRUE(out.IsNull(1));
  EXPECT_EQ(out.GetValue(2), Value::Varchar("alpha"));
  EXPECT_EQ(out.GetValue(3), Value::Varchar("gamma-long-string-value"));
}

TEST(Selection, GatherListsAndStructs) {
  LogicalType list = LogicalType::List(LogicalType::Integer());
  Vector source(list);
  source.Append(Value::Nested(list, {Value::Int(1), Value::Int(2)}));
  source.Append(Value::Null(list));
  source.Append(Value::Nested(list, {Value::Int(3)}));
  uint32_t rows[] = {2, 0, 1};
  Vector out(list);
  GatherVector(source, rows, 3, out);
  EXPECT_EQ(out.GetValue(0), source.GetValue(2));
  EXPECT_EQ(out.GetValue(1), source.GetValue(0));
  EXPECT_TRUE(out.IsNull(2));

  LogicalType st =
      LogicalType::Struct({{"a", LogicalType::BigInt()}, {"b", LogicalType::Varchar()}});
  Vector s(st);
  s.Append(Value::Nested(st, {Value::BigInt(7), Value::Varchar("x")}));
  s.Append(Value::Nested(st, {Value::BigInt(8), Value::Null(LogicalType::Varchar())}));
  Vector so(st);
  uint32_t one[] = {1, 0};
  GatherVectorCopy(s, one, 2, so);
  EXPECT_EQ(so.GetValue(0), s.GetValue(1));
  EXPECT_EQ(so.GetValue(1), s.GetValue(0));
}

TEST(Selection, ScatterAndBroadcast) {
  Vector out(LogicalType::BigInt());
  BroadcastValue(Value::BigInt(5), 4, out);
  Vector part(LogicalType::BigInt());
  part.Append(Value::BigInt(9));
  part.Append(Value::Null(LogicalType::BigInt()));
  Selection rows;
  rows.Append(1);
  rows.Append(3);
  ScatterVector(part, rows, out);
  EXPECT_EQ(out.GetValue(0), Value::BigInt(5));
  EXPECT_EQ(out.GetValue(1), Value::BigInt(9));
  EXPECT_EQ(out.GetValue(2), Value::BigInt(5));
  EXPECT_TRUE(out.IsNull(3));

  Vector nulls(LogicalType::Varchar());
  BroadcastValue(Value::Null(LogicalType::Varchar()), 70, nulls);
  EXPECT_EQ(nulls.size(), 70u);
  EXPECT_TRUE(nulls.IsNull(0));
  EXPECT_TRUE(nulls.IsNull(69));
}

TEST(Selection, GatherChunkKeepsEveryColumn) {
  DataChunk chunk;
  InitChunk(chunk, {LogicalType::Integer(), LogicalType::Varchar()});
  for (int i = 0; i < 5; ++i) {
    chunk.column(0).Append(Value::Int(i));
    chunk.column(1).Append(Value::Varchar("v" + std::to_string(i)));
  }
  chunk.SetSizeOnly(5);
  Selection sel;
  sel.Append(1);
  sel.Append(4);
  DataChunk out;
  GatherChunk(chunk, sel, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out.column(0).GetValue(1), Value::Int(4));
  EXPECT_EQ(out.column(1).GetValue(0), Value::Varchar("v1"));
  DataChunk all;
  InitChunk(all, ChunkTypes(chunk));
  AppendChunk(out, all);
  AppendChunk(out, all);
  EXPECT_EQ(all.size(), 4u);
  EXPECT_EQ(all.column(1).GetValue(3), Value::Varchar("v4"));
}

}  // namespace
}  // namespace basin::sql
