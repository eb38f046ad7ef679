#include <gtest/gtest.h>

#include "columnar/data_chunk.hpp"
#include "columnar/vector.hpp"
#include "types/decimal.hpp"

namespace basin::columnar {
namespace {

using types::LogicalType;
using types::Value;

// Appends values, reads them back, and copies them with AppendFrom: the three slow paths every
// reader test relies on must agree for every type.
void ExpectRoundTrip(const LogicalType& type, const std::vector<Value>& values) {
  Vector vector(type);
  for (const auto& value : values) vector.Append(value);
  ASSERT_EQ(vector.size(), values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(vector.GetValue(i), values[i]) << type.ToString() << " row " << i;
  }
  Vector copy(type);
  copy.Append(values[0]);
  copy.AppendFrom(vector, 1, values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(copy.GetValue(i), values[i]) << type.ToString() << " copied row " << i;
  }
}

TEST(Vector, AppendAndReadBackEveryFlatType) {
  auto null_of = [](LogicalType type) { return Value::Null(std::move(type)); };
  ExpectRoundTrip(LogicalType::Boolean(),
                  {Value::Boolean(true), null_of(LogicalType::Boolean()), Value::Boolean(false)});
  ExpectRoundTrip(LogicalType::TinyInt(),
                  {Value::Integer(LogicalType::TinyInt(), -128),
                   Value::Integer(LogicalType::TinyInt(), 127), null_of(LogicalType::TinyInt())});
  ExpectRoundTrip(LogicalType::SmallInt(), {Value::Integer(LogicalType::SmallInt(), -32768),
                                            null_of(LogicalType::SmallInt())});
  ExpectRoundTrip(LogicalType::Integer(), {Value::Int(7), null_of(LogicalType::Integer()),
                                           Value::Int(INT32_MIN)});
  ExpectRoundTrip(LogicalType::BigInt(), {Value::BigInt(INT64_MAX), Value::BigInt(INT64_MIN)});
  ExpectRoundTrip(LogicalType::Float(), {Value::Float(1.5f), null_of(LogicalType::Float())});
  ExpectRoundTrip(LogicalType::Double(), {Value::Double(-2.25), Value::Double(1e-300)});
  auto narrow = LogicalType::Decimal(9, 3);
  ExpectRoundTrip(narrow, {Value::Decimal(narrow, 123456), Value::Decimal(narrow, -1)});
  auto wide = LogicalType::Decimal(38, 10);
  ExpectRoundTrip(wide, {Value::Decimal(wide, -types::PowerOfTen(37)), null_of(wide)});
  ExpectRoundTrip(LogicalType::Varchar(),
                  {Value::Varchar(""), Value::Varchar("héllo"), null_of(LogicalType::Varchar()),
                   Value::Varchar(std::string(100000, 'x'))});
  ExpectRoundTrip(LogicalType::Binary(), {Value::Binary(std::string("\0\1\2", 3))});
  ExpectRoundTrip(LogicalType::Date(), {Value::Date(-719528), Value::Date(19000)});
  ExpectRoundTrip(LogicalType::Timestamp(), {Value::Timestamp(-1), Value::Timestamp(0)});
  ExpectRoundTrip(LogicalType::Time(), {Value::Integer(LogicalType::Time(), 1)});
}

TEST(Vector, AppendAndReadBackNestedTypes) {
  auto ints = LogicalType::List(LogicalType::Integer());
  ExpectRoundTrip(ints, {Value::Nested(ints, {Value::Int(1), Value::Int(2)}),
                         Value::Null(ints), Value::Nested(ints, {}),
                         Value::Nested(ints, {Value::Null(LogicalType::Integer())})});
  auto point =
      LogicalType::Struct({{"x", LogicalType::Double()}, {"tag", LogicalType::Varchar()}});
  ExpectRoundTrip(point, {Value::Nested(point, {Value::Double(1), Value::Varchar("a")}),
                          Value::Null(point),
                          Value::Nested(point, {Value::Null(LogicalType::Double()),
                                                Value::Varchar("b")})});
  auto map = LogicalType::Map(LogicalType::Varchar(), LogicalType::BigInt());
  auto entry = map.MapEntryType();
  ExpectRoundTrip(map, {Value::Nested(map, {Value::Nested(entry, {Value::Varchar("k"),
                                                                  Value::BigInt(1)})}),
                        Value::Null(map), Value::Nested(map, {})});
  auto deep = LogicalType::List(LogicalType::Struct({{"items", ints}}));
  ExpectRoundTrip(deep, {Value::Nested(deep, {Value::Nested(deep.element(),
                                                            {Value::Nested(ints, {Value::Int(5)})})}),
                         Value::Nested(deep, {})});
}

TEST(Vector, ResizeKeepsValuesAndNullsAndResetEmpties) {
  Vector vector(LogicalType::BigInt(), 4);
  vector.Resize(3);
  for (int i = 0; i < 3; ++i) vector.data<int64_t>()[i] = i * 10;
  vector.SetNull(1);
  vector.Resize(5000);  // grows past capacity
  EXPECT_EQ(vector.data<int64_t>()[2], 20);
  EXPECT_TRUE(vector.IsNull(1));
  EXPECT_FALSE(vector.IsNull(4999));
  EXPECT_EQ(vector.validity().CountInvalid(vector.size()), 1u);
  vector.Reset();
  EXPECT_EQ(vector.size(), 0u);
  vector.Resize(2);
  EXPECT_FALSE(vector.IsNull(1));
}

TEST(StringHeap, KeepsAdoptedBuffersAndBigValuesAlive) {
  StringHeap heap;
  auto buffer = std::make_shared<std::string>("adopted bytes");
  heap.KeepAlive(buffer);
  std::string_view view(*buffer);
  buffer.reset();
  EXPECT_EQ(view, "adopted bytes");  // still owned by the heap
  std::string big(1 << 20, 'b');
  std::string_view copied = heap.Add(big);
  std::string_view small = heap.Add("small");
  EXPECT_EQ(copied, big);
  EXPECT_EQ(small, "small");
  EXPECT_GE(heap.allocated_bytes(), big.size());
}

TEST(DataChunk, ColumnsFollowTheSchema) {
  types::Schema schema({{"id", LogicalType::Integer()}, {"name", LogicalType::Varchar()}});
  DataChunk chunk(schema);
  ASSERT_EQ(chunk.column_count(), 2u);
  chunk.SetSize(3);
  EXPECT_EQ(chunk.column(1).size(), 3u);
  EXPECT_EQ(chunk.column(1).type(), LogicalType::Varchar());
  chunk.Reset();
  EXPECT_EQ(chunk.size(), 0u);
  EXPECT_EQ(chunk.column(0).size(), 0u);
}

}  // namespace
}  // namespace basin::columnar
