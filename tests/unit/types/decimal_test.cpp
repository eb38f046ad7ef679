#include <gtest/gtest.h>

#include "types/decimal.hpp"

namespace basin::types {
namespace {

TEST(Decimal, FormatsWithScale) {
  EXPECT_EQ(FormatDecimal(1234, 2), "12.34");
  EXPECT_EQ(FormatDecimal(-5, 2), "-0.05");
  EXPECT_EQ(FormatDecimal(0, 3), "0.000");
  EXPECT_EQ(FormatDecimal(42, 0), "42");
  int128_t big = PowerOfTen(37) * 9 + 1;
  EXPECT_EQ(FormatDecimal(big, 10), "9000000000000000000000000000.0000000001");
  EXPECT_EQ(FormatDecimal(-big, 0), "-90000000000000000000000000000000000001");
}

TEST(Decimal, ParsesAndRoundsHalfAwayFromZero) {
  EXPECT_EQ(ParseDecimal("12.34", 10, 2), 1234);
  EXPECT_EQ(ParseDecimal("-12.3", 10, 2), -1230);
  EXPECT_EQ(ParseDecimal("12.345", 10, 2), 1235);
  EXPECT_EQ(ParseDecimal("-12.345", 10, 2), -1235);
  EXPECT_EQ(ParseDecimal("12.344", 10, 2), 1234);
  EXPECT_EQ(ParseDecimal("7", 5, 0), 7);
  EXPECT_EQ(ParseDecimal(".5", 5, 1), 5);
  EXPECT_EQ(ParseDecimal("0007.50", 3, 2), 750);
}

TEST(Decimal, RejectsWhatDoesNotFit) {
  EXPECT_FALSE(ParseDecimal("123.4", 4, 2));  // three integer digits, room for two
  EXPECT_FALSE(ParseDecimal("9.999", 3, 2));  // rounds up to 10.00
  EXPECT_FALSE(ParseDecimal("abc", 10, 2));
  EXPECT_FALSE(ParseDecimal("", 10, 2));
  EXPECT_FALSE(ParseDecimal("1e3", 10, 2));
  EXPECT_FALSE(ParseDecimal("1.2.3", 10, 2));
}

TEST(Decimal, Int128ToStringHandlesExtremes) {
  int128_t min = static_cast<int128_t>(static_cast<unsigned __int128>(1) << 127);
  EXPECT_EQ(Int128ToString(min), "-170141183460469231731687303715884105728");
  EXPECT_EQ(Int128ToString(0), "0");
}

}  // namespace
}  // namespace basin::types
