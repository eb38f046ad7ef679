#include "formats/parquet/thrift_compact.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "common/error.hpp"

namespace basin::formats::parquet {
namespace {

std::span<const uint8_t> Bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

// Expects `body` to throw basin::Error with code Corrupt whose message contains `needle`.
template <typename Body>
void ExpectCorrupt(Body&& body, const std::string& needle) {
  try {
    body();
    FAIL() << "expected a Corrupt error containing '" << needle << "'";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kCorrupt) << error.what();
    EXPECT_NE(std::string(error.what()).find(needle), std::string::npos) << error.what();
  }
}

TEST(ThriftCompactTest, KnownEncodingsFromTheSpec) {
  ThriftCompactWriter writer;
  writer.BeginStruct();
  writer.I32Field(1, 0);       // short form: delta 1, type i32 (5), zigzag 0
  writer.I32Field(2, 100);     // zigzag 200 = 0xc8 0x01
  writer.I64Field(3, -1);      // zigzag 1
  writer.BoolField(4, true);   // type 1 in the header, no value byte
  writer.BoolField(5, false);  // type 2
  writer.I16Field(40, 7);      // delta 35 > 15: long form, type byte then zigzag id
  writer.BinaryField(41, "ab");
  writer.EndStruct();
  const std::string expected(
      "\x15\x00\x15\xc8\x01\x16\x01\x11\x12\x04\x50\x0e\x18\x02"
      "ab\x00",
      17);
  EXPECT_EQ(writer.buffer(), expected);
}

TEST(ThriftCompactTest, RoundTripsEveryType) {
  ThriftCompactWriter writer;
  writer.BeginStruct();
  writer.ByteField(1, -5);
  writer.I16Field(2, -32768);
  writer.I32Field(3, 2147483647);
  writer.I64Field(4, INT64_MIN);
  writer.DoubleField(5, 3.25);
  writer.BinaryField(6, std::string("x\0y", 3));
  writer.ListField(7, ThriftType::kI32, 20);  // long list header
  for (int i = 0; i < 20; ++i) writer.WriteI32(i * 1000 - 7);
  writer.StructField(8);
  writer.BoolField(1, true);
  writer.EndStruct();
  writer.I32Field(3, 9);  // a smaller id than the last: long form
  writer.ListField(9, ThriftType::kBoolTrue, 2);
  writer.WriteListBool(true);
  writer.WriteListBool(false);
  writer.EndStruct();

  std::string bytes = writer.Release();
  ThriftCompactReader reader(Bytes(bytes), "test");
  reader.BeginStruct();
  int16_t id;
  ThriftType type;
  ASSERT_TRUE(reader.ReadFieldHeader(id, type));
  EXPECT_EQ(id, 1);
  EXPECT_EQ(reader.ReadByte(), -5);
  ASSERT_TRUE(reader.ReadFieldHeader(id, type));
  EXPECT_EQ(reader.ReadI16(), -32768);
  ASSERT_TRUE(reader.ReadFieldHeader(id, type));
  EXPECT_EQ(reader.ReadI32(), 2147483647);
  ASSERT_TRUE(reader.ReadFieldHeader(id, type));
  EXPECT_EQ(reader.ReadI64(), INT64_MIN);
  ASSERT_TRUE(reader.ReadFieldHeader(id, type));
  EXPECT_EQ(type, ThriftType::kDouble);
  EXPECT_EQ(reader.ReadDouble(), 3.25);
  ASSERT_TRUE(reader.ReadFieldHeader(id, type));
  EXPECT_EQ(reader.ReadBinary(), std::string_view("x\0y", 3));
  ASSERT_TRUE(reader.ReadFieldHeader(id, type));
  EXPECT_EQ(id, 7);
  ThriftType element;
  ASSERT_EQ(reader.ReadListHeader(element), 20u);
  EXPECT_EQ(element, ThriftType::kI32);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(reader.ReadI32(), i * 1000 - 7);
  ASSERT_TRUE(reader.ReadFieldHeader(id, type));
  EXPECT_EQ(type, ThriftType::kStruct);
  reader.BeginStruct();
  ASSERT_TRUE(reader.ReadFieldHeader(id, type));
  EXPECT_EQ(id, 1);
  EXPECT_TRUE(reader.ReadBool());
  EXPECT_FALSE(reader.ReadFieldHeader(id, type));
  reader.EndStruct();
  ASSERT_TRUE(reader.ReadFieldHeader(id, type));
  EXPECT_EQ(id, 3);  // ids resume from the outer struct's last id
  EXPECT_EQ(reader.ReadI32(), 9);
  ASSERT_TRUE(reader.ReadFieldHeader(id, type));
  EXPECT_EQ(id, 9);
  ASSERT_EQ(reader.ReadListHeader(element), 2u);
  EXPECT_TRUE(reader.ReadListBool());
  EXPECT_FALSE(reader.ReadListBool());
  EXPECT_FALSE(reader.ReadFieldHeader(id, type));
  reader.EndStruct();
  EXPECT_EQ(reader.remaining(), 0u);
}

TEST(ThriftCompactTest, SkipsUnknownFieldsOfEveryType) {
  ThriftCompactWriter writer;
  writer.BeginStruct();
  writer.BoolField(1, true);
  writer.ByteField(2, 1);
  writer.I16Field(3, 300);
  writer.I32Field(4, -70000);
  writer.I64Field(5, 1LL << 50);
  writer.DoubleField(6, -0.5);
  writer.BinaryField(7, "hello");
  writer.ListField(8, ThriftType::kStruct, 2);
  for (int i = 0; i < 2; ++i) {
    writer.BeginStruct();
    writer.ListField(1, ThriftType::kBinary, 1);
    writer.WriteBinary("z");
    writer.EndStruct();
  }
  writer.ListField(9, ThriftType::kBoolTrue, 3);
  for (int i = 0; i < 3; ++i) writer.WriteListBool(i == 1);
  // A set and a map, written by hand (Parquet uses neither).
  writer.FieldHeader(10, ThriftType::kSet);
  writer.WriteListHeader(ThriftType::kI64, 1);
  writer.WriteI64(12345);
  writer.FieldHeader(11, ThriftType::kMap);
  writer.WriteByte(2);                          // 2 entries
  writer.WriteByte(static_cast<int8_t>(0x85));  // key type binary (8), value type i32 (5)
  writer.WriteBinary("k1");
  writer.WriteI32(1);
  writer.WriteBinary("k2");
  writer.WriteI32(2);
  writer.I32Field(12, 42);  // the field the test reads
  writer.EndStruct();

  std::string bytes = writer.Release();
  ThriftCompactReader reader(Bytes(bytes), "test");
  reader.BeginStruct();
  int16_t id;
  ThriftType type;
  int32_t found = 0;
  while (reader.ReadFieldHeader(id, type)) {
    if (id == 12) {
      found = reader.ReadI32();
    } else {
      reader.Skip(type);
    }
  }
  reader.EndStruct();
  EXPECT_EQ(found, 42);
  EXPECT_EQ(reader.remaining(), 0u);
}

TEST(ThriftCompactTest, ErrorsNameTheContextAndAbsoluteOffset) {
  std::string truncated("\x15", 1);  // i32 field header, value missing
  ExpectCorrupt(
      [&] {
        ThriftCompactReader reader(Bytes(truncated), "f.parquet", 1000);
        reader.BeginStruct();
        int16_t id;
        ThriftType type;
        reader.ReadFieldHeader(id, type);
        reader.ReadI32();
      },
      "f.parquet: corrupt Thrift metadata at byte offset 1001");
}

TEST(ThriftCompactTest, RejectsOverlongVarintsAndOutOfRangeValues) {
  std::string overlong(11, '\xff');
  ExpectCorrupt(
      [&] {
        ThriftCompactReader reader(Bytes(overlong), "t");
        reader.ReadI64();
      },
      "varint longer");
  std::string big("\x80\x80\x80\x80\x10", 5);  // zigzag 2^32: outside i32
  ExpectCorrupt(
      [&] {
        ThriftCompactReader reader(Bytes(big), "t");
        reader.ReadI32();
      },
      "out of range");
}

TEST(ThriftCompactTest, RejectsLengthsBeyondTheData) {
  std::string binary("\x64xx", 3);  // length 100, 2 bytes follow
  ExpectCorrupt(
      [&] {
        ThriftCompactReader reader(Bytes(binary), "t");
        reader.ReadBinary();
      },
      "binary length 100");
  std::string list("\xf5\xff\xff\xff\xff\x0f", 6);  // i32 list of 2^32-1 elements
  ExpectCorrupt(
      [&] {
        ThriftCompactReader reader(Bytes(list), "t");
        ThriftType element;
        reader.ReadListHeader(element);
      },
      "exceeds");
  std::string map("\x09\x55\x01\x01", 4);  // map of 9 entries, 2 bytes left
  ExpectCorrupt(
      [&] {
        ThriftCompactReader reader(Bytes(map), "t");
        reader.Skip(ThriftType::kMap);
      },
      "map size");
}

TEST(ThriftCompactTest, RejectsUnknownTypesAndDeepNesting) {
  std::string bad_type("\x1d", 1);  // type 13 does not exist
  ExpectCorrupt(
      [&] {
        ThriftCompactReader reader(Bytes(bad_type), "t");
        reader.BeginStruct();
        int16_t id;
        ThriftType type;
        reader.ReadFieldHeader(id, type);
      },
      "unknown field type 13");
  // 100 nested structs, each opened by field 1 of type struct.
  std::string deep(100, '\x1c');
  deep.append(100, '\0');
  ExpectCorrupt(
      [&] {
        ThriftCompactReader reader(Bytes(deep), "t");
        reader.Skip(ThriftType::kStruct);
      },
      "nesting deeper");
  std::string deep_lists(100, '\x19');  // list of 1 list of 1 list ...
  ExpectCorrupt(
      [&] {
        ThriftCompactReader reader(Bytes(deep_lists), "t");
        reader.Skip(ThriftType::kList);
      },
      "nesting deeper");
}

TEST(ThriftCompactTest, ExpectTypeRejectsAMismatch) {
  ThriftCompactReader reader(Bytes(std::string("")), "t");
  EXPECT_NO_THROW(reader.ExpectType(ThriftType::kBoolFalse, ThriftType::kBoolTrue, 1, "S"));
  ExpectCorrupt([&] { reader.ExpectType(ThriftType::kI64, ThriftType::kI32, 3, "S"); },
                "S field 3 has wire type i64, expected i32");
}

}  // namespace
}  // namespace basin::formats::parquet
