// The binary COPY decoder on hand-built messages (no server): values of each wire form, and
// truncated or lying messages, which must be Corrupt naming the row and column.

#include "connectors/postgres/binary_copy.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "types/date_time.hpp"
#include "types/decimal.hpp"
#include "unit/error_code_of.hpp"

namespace basin::connectors::postgres {
namespace {

using basin::testing::CodeOf;
using types::LogicalType;

// Builds big-endian binary COPY messages.
class Message {
 public:
  Message& Header() {
    bytes_.append("PGCOPY\n\377\r\n", 10);
    bytes_.push_back('\0');
    Int32(0);  // flags
    Int32(0);  // extension length
    return *this;
  }
  Message& Int16(int16_t v) { return Raw(static_cast<uint64_t>(static_cast<uint16_t>(v)), 2); }
  Message& Int32(int32_t v) { return Raw(static_cast<uint64_t>(static_cast<uint32_t>(v)), 4); }
  Message& Int64(int64_t v) { return Raw(static_cast<uint64_t>(v), 8); }
  Message& Bytes(std::string_view b) {
    bytes_.append(b);
    return *this;
  }
  Message& Field(const Message& value) {
    Int32(static_cast<int32_t>(value.bytes_.size()));
    bytes_ += value.bytes_;
    return *this;
  }
  const std::string& str() const { return bytes_; }

 private:
  Message& Raw(uint64_t v, int size) {
    for (int i = size - 1; i >= 0; --i) bytes_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
    return *this;
  }
  std::string bytes_;
};

PgTypeMapping Mapping(LogicalType type, Wire wire, Wire element = Wire::kText) {
  PgTypeMapping mapping;
  mapping.hive_type = type.ToString();
  mapping.type = type;
  mapping.wire = wire;
  mapping.element_wire = element;
  return mapping;
}

// numeric -12345.678 as PostgreSQL sends it: digits 1|2345|6780, weight 1, sign negative,
// dscale 3.
Message Numeric() {
  Message m;
  m.Int16(3).Int16(1).Int16(0x4000).Int16(3).Int16(1).Int16(2345).Int16(6780);
  return m;
}

TEST(BinaryCopy, DecodesEachWireForm) {
  std::vector<PgTypeMapping> columns = {
      Mapping(LogicalType::Integer(), Wire::kInt4),
      Mapping(LogicalType::Decimal(10, 3), Wire::kNumeric),
      Mapping(LogicalType::Varchar(), Wire::kText),
      Mapping(LogicalType::Date(), Wire::kDate),
      Mapping(LogicalType::Timestamp(), Wire::kTimestamp),
      Mapping(LogicalType::List(LogicalType::BigInt()), Wire::kArray, Wire::kInt8),
      Mapping(LogicalType::Decimal(38, 18), Wire::kNumeric)};
  BinaryCopyDecoder decoder(columns, {"i", "n", "s", "d", "ts", "a", "big"}, "t");
  types::Schema schema;
  for (const auto& c : columns) schema.Add({"c", c.type, true});
  columnar::DataChunk chunk(schema);
  for (auto& column : chunk.columns()) {
    if (column.physical() != types::PhysicalType::kList) column.Resize(2);
  }
  Message array;
  array.Int32(1).Int32(1).Int32(20).Int32(2).Int32(1).Int32(8).Int64(-5).Int32(-1);
  Message row;
  row.Header().Int16(7);
  row.Field(Message().Int32(-7)).Field(Numeric()).Field(Message().Bytes("héllo"));
  row.Field(Message().Int32(-10957)).Field(Message().Int64(1'500'000));
  row.Field(array);
  // 1.5 at scale 18 with trailing digit groups omitted: digits 1|5000, weight 0, dscale 1.
  row.Field(Message().Int16(2).Int16(0).Int16(0).Int16(1).Int16(1).Int16(5000));
  ASSERT_TRUE(decoder.DecodeMessage(row.str().data(), row.str().size(), chunk, 0));
  Message nulls;
  nulls.Int16(7);
  for (int i = 0; i < 7; ++i) nulls.Int32(-1);
  ASSERT_TRUE(decoder.DecodeMessage(nulls.str().data(), nulls.str().size(), chunk, 1));
  Message trailer;
  trailer.Int16(-1);
  EXPECT_FALSE(decoder.DecodeMessage(trailer.str().data(), trailer.str().size(), chunk, 2));
  chunk.SetSize(2);

  EXPECT_EQ(chunk.column(0).data<int32_t>()[0], -7);
  EXPECT_EQ(chunk.column(1).data<int64_t>()[0], -12345678);
  EXPECT_EQ(chunk.column(2).data<std::string_view>()[0], "héllo");
  EXPECT_EQ(chunk.column(3).data<int32_t>()[0], 0);  // 2000-01-01 minus 10957 days
  EXPECT_EQ(chunk.column(4).data<int64_t>()[0], 946'684'800'000'000LL + 1'500'000);
  const auto& list = chunk.column(5);
  EXPECT_EQ(list.offsets()[0], 0);
  EXPECT_EQ(list.offsets()[1], 2);
  EXPECT_EQ(list.offsets()[2], 2);
  EXPECT_EQ(list.child(0).data<int64_t>()[0], -5);
  EXPECT_TRUE(list.child(0).IsNull(1));
  EXPECT_EQ(types::Int128ToString(chunk.column(6).data<types::int128_t>()[0]),
            "1500000000000000000");
  for (size_t c = 0; c < 7; ++c) EXPECT_TRUE(chunk.column(c).IsNull(1)) << c;
}

TEST(BinaryCopy, TruncatedOrLyingMessagesAreCorrupt) {
  std::vector<PgTypeMapping> columns = {
      Mapping(LogicalType::Integer(), Wire::kInt4),
      Mapping(LogicalType::Decimal(10, 3), Wire::kNumeric),
      Mapping(LogicalType::List(LogicalType::BigInt()), Wire::kArray, Wire::kInt8)};
  types::Schema schema;
  for (const auto& c : columns) schema.Add({"c", c.type, true});
  Message array;
  array.Int32(1).Int32(0).Int32(20).Int32(1).Int32(1).Int32(8).Int64(9);
  Message row;
  row.Header().Int16(3).Field(Message().Int32(1)).Field(Numeric()).Field(array);
  const std::string& full = row.str();
  // Every proper prefix is refused without reading past it.
  for (size_t size = 0; size < full.size(); ++size) {
    BinaryCopyDecoder decoder(columns, {"i", "n", "a"}, "public.t");
    columnar::DataChunk chunk(schema);
    chunk.column(0).Resize(1);
    chunk.column(1).Resize(1);
    std::string prefix = full.substr(0, size);
    std::string message;
    EXPECT_EQ(
        CodeOf([&] { decoder.DecodeMessage(prefix.data(), prefix.size(), chunk, 0); }, &message),
        ErrorCode::kCorrupt)
        << size;
    EXPECT_NE(message.find("public.t"), std::string::npos) << message;
  }
  // An array claiming two billion elements in a few bytes.
  Message liar;
  liar.Int32(1).Int32(0).Int32(20).Int32(2'000'000'000).Int32(1).Int32(8).Int64(9);
  Message lying_row;
  lying_row.Header().Int16(3).Field(Message().Int32(1)).Field(Numeric()).Field(liar);
  BinaryCopyDecoder decoder(columns, {"i", "n", "a"}, "public.t");
  columnar::DataChunk chunk(schema);
  chunk.column(0).Resize(1);
  chunk.column(1).Resize(1);
  std::string message;
  EXPECT_EQ(
      CodeOf(
          [&] { decoder.DecodeMessage(lying_row.str().data(), lying_row.str().size(), chunk, 0); },
          &message),
      ErrorCode::kCorrupt);
  EXPECT_NE(message.find("row 1, column a"), std::string::npos) << message;
}

TEST(BinaryCopy, NumericBeyondTheColumnTypeIsCorruptNotWrapped) {
  std::vector<PgTypeMapping> columns = {Mapping(LogicalType::Decimal(38, 18), Wire::kNumeric)};
  types::Schema schema({{"n", columns[0].type, true}});
  columnar::DataChunk chunk(schema);
  chunk.column(0).Resize(1);
  // 10^24: digit 1 at weight 6 (21 integer digits > 20).
  Message row;
  row.Header().Int16(1).Field(Message().Int16(1).Int16(6).Int16(0).Int16(0).Int16(1));
  BinaryCopyDecoder decoder(columns, {"n"}, "t");
  EXPECT_EQ(CodeOf([&] { decoder.DecodeMessage(row.str().data(), row.str().size(), chunk, 0); }),
            ErrorCode::kCorrupt);
  // NaN.
  Message nan;
  nan.Int16(1).Field(Message().Int16(0).Int16(0).Int16(static_cast<int16_t>(0xC000)).Int16(0));
  EXPECT_EQ(CodeOf([&] { decoder.DecodeMessage(nan.str().data(), nan.str().size(), chunk, 0); }),
            ErrorCode::kCorrupt);
}

}  // namespace
}  // namespace basin::connectors::postgres
