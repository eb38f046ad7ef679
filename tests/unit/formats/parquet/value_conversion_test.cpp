#include "formats/parquet/value_conversion.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "common/error.hpp"
#include "types/decimal.hpp"

namespace basin::formats::parquet {
namespace {

TEST(ValueConversionTest, AsciiCheck) {
  EXPECT_TRUE(IsAscii("", 0));
  std::string text(100, 'a');
  EXPECT_TRUE(IsAscii(text.data(), text.size()));
  for (size_t i : {size_t{0}, size_t{31}, size_t{32}, size_t{99}}) {
    std::string bad = text;
    bad[i] = '\x80';
    EXPECT_FALSE(IsAscii(bad.data(), bad.size())) << i;
  }
}

TEST(ValueConversionTest, DecimalsFromBigEndianBytes) {
  __int128 value;
  ASSERT_TRUE(DecimalFromBytes("", value));
  EXPECT_EQ(value, 0);
  ASSERT_TRUE(DecimalFromBytes(std::string("\x30\x39", 2), value));
  EXPECT_EQ(value, 12345);
  ASSERT_TRUE(DecimalFromBytes("\xff", value));
  EXPECT_EQ(value, -1);
  ASSERT_TRUE(DecimalFromBytes(std::string("\xff\x00", 2), value));
  EXPECT_EQ(value, -256);
  // 20 bytes: four bytes of sign extension, then -2^127 (the int128 minimum).
  std::string minimum = std::string(4, '\xff') + "\x80" + std::string(15, '\0');
  ASSERT_TRUE(DecimalFromBytes(minimum, value));
  EXPECT_EQ(types::Int128ToString(value), "-170141183460469231731687303715884105728");
  // Too wide: significant bytes beyond 16, or a sign flip at the 16-byte boundary.
  EXPECT_FALSE(DecimalFromBytes("\x01" + std::string(16, '\0'), value));
  EXPECT_FALSE(DecimalFromBytes(std::string(1, '\0') + "\x80" + std::string(15, '\0'), value));
}

TEST(ValueConversionTest, UuidAndHalfFloats) {
  uint8_t bytes[16];
  for (int i = 0; i < 16; ++i) bytes[i] = static_cast<uint8_t>(0xf0 + i);
  char text[36];
  FormatUuid(bytes, text);
  EXPECT_EQ(std::string(text, 36), "f0f1f2f3-f4f5-f6f7-f8f9-fafbfcfdfeff");
  EXPECT_EQ(HalfToFloat(0x3c00), 1.0f);
  EXPECT_EQ(HalfToFloat(0xc000), -2.0f);
  EXPECT_EQ(HalfToFloat(0x7bff), 65504.0f);
  EXPECT_EQ(HalfToFloat(0x0001), std::ldexp(1.0f, -24));  // smallest subnormal
  EXPECT_EQ(HalfToFloat(0x03ff), std::ldexp(1023.0f, -24));
  EXPECT_TRUE(std::signbit(HalfToFloat(0x8000)));
  EXPECT_TRUE(std::isinf(HalfToFloat(0xfc00)));
  EXPECT_TRUE(std::isnan(HalfToFloat(0x7e00)));
}

TEST(ValueConversionTest, TimeUnitsAndInt96) {
  LeafColumn leaf;
  leaf.physical = Type::kInt64;
  leaf.type = types::LogicalType::Timestamp();
  columnar::Vector out(leaf.type);
  out.Resize(3);
  int64_t nanos[3] = {1999, -1, -1000};
  leaf.conversion = ValueConversion::kNanosToMicros;
  ConvertFixed(leaf, reinterpret_cast<const uint8_t*>(nanos), 3, out, 0);
  EXPECT_EQ(out.data<int64_t>()[0], 1);
  EXPECT_EQ(out.data<int64_t>()[1], -1);  // rounded down, not toward zero
  EXPECT_EQ(out.data<int64_t>()[2], -1);
  int64_t millis[1] = {-1500};
  leaf.conversion = ValueConversion::kMillisToMicros;
  ConvertFixed(leaf, reinterpret_cast<const uint8_t*>(millis), 1, out, 2);
  EXPECT_EQ(out.data<int64_t>()[2], -1500000);
  // INT96: nanoseconds of the day, then the Julian day (2440588 is 1970-01-01).
  uint8_t int96[12];
  int64_t day_nanos = 1500;
  int32_t julian = 2440589;
  std::memcpy(int96, &day_nanos, 8);
  std::memcpy(int96 + 8, &julian, 4);
  leaf.physical = Type::kInt96;
  leaf.conversion = ValueConversion::kInt96ToMicros;
  ConvertFixed(leaf, int96, 1, out, 0);
  EXPECT_EQ(out.data<int64_t>()[0], 86400000000LL + 1);
}

TEST(ValueConversionTest, ViewsIntoDecimalsAndUuids) {
  LeafColumn leaf;
  leaf.physical = Type::kFixedLenByteArray;
  leaf.type_length = 2;
  leaf.type = types::LogicalType::Decimal(4, 2);
  leaf.conversion = ValueConversion::kDecimalBytes;
  columnar::Vector out(leaf.type);
  out.Resize(2);
  std::string_view views[2] = {std::string_view("\x04\xd2", 2), std::string_view("\xfb\x2e", 2)};
  EXPECT_EQ(ConvertViews(leaf, views, 2, out, 0), 2u);
  EXPECT_EQ(out.GetValue(0).ToString(), "12.34");
  EXPECT_EQ(out.GetValue(1).ToString(), "-12.34");
  // A value wider than int64 for a DECIMAL(18) column is corrupt.
  leaf.type = types::LogicalType::Decimal(18, 0);
  columnar::Vector narrow(leaf.type);
  narrow.Resize(1);
  std::string wide = "\x01" + std::string(8, '\0');
  std::string_view wide_view(wide);
  EXPECT_THROW(ConvertViews(leaf, &wide_view, 1, narrow, 0), Error);
  // UTF-8 validation reports the first bad value, in order or not.
  leaf.physical = Type::kByteArray;
  leaf.type = types::LogicalType::Varchar();
  leaf.conversion = ValueConversion::kUtf8;
  columnar::Vector text(leaf.type);
  text.Resize(3);
  std::string buffer = "ok\xc3\xa9x\xff";
  std::string_view parts[3] = {std::string_view(buffer).substr(0, 2),
                               std::string_view(buffer).substr(2, 2),
                               std::string_view(buffer).substr(4, 2)};
  EXPECT_EQ(ConvertViews(leaf, parts, 3, text, 0, true), 2u);
  EXPECT_EQ(ConvertViews(leaf, parts, 2, text, 0, true), 2u);
  EXPECT_EQ(ConvertViews(leaf, parts, 3, text, 0, false), 2u);
}

}  // namespace
}  // namespace basin::formats::parquet
