#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "../../error_code_of.hpp"
#include "function_test_util.hpp"

namespace basin::sql::testing {
namespace {

using basin::testing::CodeOf;

std::string CastText(const Value& value, const LogicalType& to) {
  return CastValue(value, to, false).ToString();
}

TEST(CastTest, IntegersWidenAndNarrowWithRangeChecks) {
  EXPECT_EQ(CastValue(Int(300), LogicalType::BigInt(), false), Big(300));
  EXPECT_EQ(CastValue(Big(127), LogicalType::TinyInt(), false),
            Value::Integer(LogicalType::TinyInt(), 127));
  std::string message;
  EXPECT_EQ(CodeOf([] { CastValue(Big(128), LogicalType::TinyInt(), false); }, &message),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(message, "cannot cast 128 to tinyint");
  EXPECT_TRUE(CastValue(Big(INT64_MAX), LogicalType::Integer(), true).is_null());
  EXPECT_EQ(CastValue(Big(INT32_MIN), LogicalType::Integer(), false), Int(INT32_MIN));
}

TEST(CastTest, DoubleToIntegerRoundsHalfAwayFromZero) {
  EXPECT_EQ(CastValue(Dbl(2.5), LogicalType::Integer(), false), Int(3));
  EXPECT_EQ(CastValue(Dbl(-2.5), LogicalType::Integer(), false), Int(-3));
  EXPECT_EQ(CastValue(Dbl(2.4), LogicalType::BigInt(), false), Big(2));
  EXPECT_EQ(CodeOf([] { CastValue(Dbl(NAN), LogicalType::BigInt(), false); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { CastValue(Dbl(9.3e18), LogicalType::BigInt(), false); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CastValue(Dbl(-9.223372036854775808e18), LogicalType::BigInt(), false),
            Big(INT64_MIN));
}

TEST(CastTest, DecimalRescalingRoundsAndChecksPrecision) {
  auto d52 = LogicalType::Decimal(5, 2);
  EXPECT_EQ(CastText(Dec("1.235", 10, 3), d52), "1.24");
  EXPECT_EQ(CastText(Dec("-1.235", 10, 3), d52), "-1.24");
  EXPECT_EQ(CastText(Dec("1.234", 10, 3), d52), "1.23");
  EXPECT_EQ(CastText(Int(123), d52), "123.00");
  EXPECT_EQ(CodeOf([&] { CastValue(Int(1000), d52, false); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CastText(Dec("999.995", 6, 3), LogicalType::Decimal(6, 2)), "1000.00");
  EXPECT_TRUE(CastValue(Dec("999.995", 6, 3), d52, true).is_null());
  // Decimal to integer rounds half away from zero.
  EXPECT_EQ(CastValue(Dec("2.50", 3, 2), LogicalType::Integer(), false), Int(3));
  EXPECT_EQ(CastValue(Dec("-2.49", 3, 2), LogicalType::Integer(), false), Int(-2));
  // 38 digits round-trip through text.
  std::string big = "12345678901234567890123456789012345678";
  EXPECT_EQ(CastText(Str(big), LogicalType::Decimal(38, 0)), big);
  EXPECT_EQ(CastText(Str("-" + big), LogicalType::Decimal(38, 0)), "-" + big);
  EXPECT_EQ(CodeOf([&] { CastValue(Str(big + "9"), LogicalType::Decimal(38, 0), false); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CastText(Dec("0.000000000000000000000000000000000001", 38, 36),
                     LogicalType::Decimal(38, 37)),
            "0.0000000000000000000000000000000000010");
}

TEST(CastTest, DoublesAndDecimals) {
  EXPECT_EQ(CastText(Dbl(0.1), LogicalType::Decimal(38, 30)),
            "0.100000000000000000000000000000");
  EXPECT_EQ(CastText(Dbl(2.675), LogicalType::Decimal(4, 2)), "2.68");  // from the text "2.675"
  EXPECT_EQ(CastValue(Dec("12.25", 4, 2), LogicalType::Double(), false), Dbl(12.25));
  EXPECT_EQ(CodeOf([] { CastValue(Dbl(INFINITY), LogicalType::Decimal(10, 0), false); }),
            ErrorCode::kInvalidInput);
}

TEST(CastTest, VarcharParsing) {
  EXPECT_EQ(CastValue(Str(" 42 "), LogicalType::Integer(), false), Int(42));
  EXPECT_EQ(CastValue(Str("-9223372036854775808"), LogicalType::BigInt(), false),
            Big(INT64_MIN));
  std::string message;
  EXPECT_EQ(CodeOf([] { CastValue(Str("abc"), LogicalType::Integer(), false); }, &message),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(message, "cannot cast 'abc' to integer");
  EXPECT_EQ(CodeOf([] { CastValue(Str(""), LogicalType::Integer(), false); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { CastValue(Str("9223372036854775808"), LogicalType::BigInt(), false); }),
            ErrorCode::kInvalidInput);
  EXPECT_TRUE(CastValue(Str("1.5"), LogicalType::Integer(), true).is_null());
  EXPECT_EQ(CastValue(Str("1e3"), LogicalType::Double(), false), Dbl(1000));
  EXPECT_EQ(CastValue(Str("-Infinity"), LogicalType::Double(), false), Dbl(-INFINITY));
  EXPECT_TRUE(std::isnan(CastValue(Str("NaN"), LogicalType::Double(), false).double_value()));
  EXPECT_EQ(CastValue(Str("TRUE"), LogicalType::Boolean(), false), Bool(true));
  EXPECT_EQ(CastValue(Str("f"), LogicalType::Boolean(), false), Bool(false));
  EXPECT_EQ(CodeOf([] { CastValue(Str("yes"), LogicalType::Boolean(), false); }),
            ErrorCode::kInvalidInput);
}

TEST(CastTest, DatesAndTimestamps) {
  EXPECT_EQ(CastValue(Str("1970-01-02"), LogicalType::Date(), false), Value::Date(1));
  EXPECT_EQ(CastValue(Str("1969-12-31"), LogicalType::Date(), false), Value::Date(-1));
  EXPECT_EQ(CastText(Str("2024-02-29"), LogicalType::Date()), "2024-02-29");
  EXPECT_EQ(CodeOf([] { CastValue(Str("2023-02-29"), LogicalType::Date(), false); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CastValue(Str("1970-01-01 00:00:01.5"), LogicalType::Timestamp(), false),
            Value::Timestamp(1'500'000));
  // Timestamps before 1970 go to the earlier day.
  EXPECT_EQ(CastValue(Value::Timestamp(-1), LogicalType::Date(), false), Value::Date(-1));
  EXPECT_EQ(CastValue(Value::Date(-1), LogicalType::Timestamp(), false),
            Value::Timestamp(-86'400'000'000));
  EXPECT_EQ(CastText(Value::Timestamp(-1), LogicalType::Varchar()),
            "1969-12-31 23:59:59.999999");
  EXPECT_EQ(CastValue(Value::Timestamp(-1), LogicalType::Time(), false).int_value(),
            86'400'000'000 - 1);
}

TEST(CastTest, ToVarcharAsTrinoPrints) {
  EXPECT_EQ(CastText(Dbl(1.0), LogicalType::Varchar()), "1.0");
  EXPECT_EQ(CastText(Dbl(1e7), LogicalType::Varchar()), "1.0E7");
  EXPECT_EQ(CastText(Dbl(12345678.9), LogicalType::Varchar()), "1.23456789E7");
  EXPECT_EQ(CastText(Dbl(0.001), LogicalType::Varchar()), "0.001");
  EXPECT_EQ(CastText(Dbl(0.0001), LogicalType::Varchar()), "1.0E-4");
  EXPECT_EQ(CastText(Dbl(-123.25), LogicalType::Varchar()), "-123.25");
  EXPECT_EQ(CastText(Dbl(NAN), LogicalType::Varchar()), "NaN");
  EXPECT_EQ(CastText(Value::Float(1.1f), LogicalType::Varchar()), "1.1");
  EXPECT_EQ(CastText(Dec("-0.05", 3, 2), LogicalType::Varchar()), "-0.05");
  EXPECT_EQ(CastText(Bool(true), LogicalType::Varchar()), "true");
  EXPECT_EQ(CastText(Big(INT64_MIN), LogicalType::Varchar()), "-9223372036854775808");
}

TEST(CastTest, NullsAndVectors) {
  EXPECT_TRUE(CastValue(Null(LogicalType::Varchar()), LogicalType::Integer(), false).is_null());
  Vector in = MakeVector(LogicalType::Varchar(), {Str("1"), Null(LogicalType::Varchar()),
                                                  Str("x"), Str("4")});
  Vector out(LogicalType::BigInt());
  CastVector(in, 4, out, true);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out.GetValue(0), Big(1));
  EXPECT_TRUE(out.IsNull(1));
  EXPECT_TRUE(out.IsNull(2));
  EXPECT_EQ(out.GetValue(3), Big(4));
}

TEST(CastTest, NestedCastsElementwise) {
  auto list_int = LogicalType::List(LogicalType::Integer());
  Value list = Value::Nested(list_int, {Int(1), Null(LogicalType::Integer()), Int(3)});
  Value cast = CastValue(list, LogicalType::List(LogicalType::Varchar()), false);
  EXPECT_EQ(cast.ToString(), "[1, NULL, 3]");
  EXPECT_EQ(cast.children()[0], Str("1"));
  auto row = LogicalType::Struct({{"a", LogicalType::Integer()}, {"b", LogicalType::Varchar()}});
  auto wide = LogicalType::Struct({{"a", LogicalType::BigInt()}, {"b", LogicalType::Date()}});
  Value value = Value::Nested(row, {Int(7), Str("2024-02-29")});
  EXPECT_EQ(CastValue(value, wide, false),
            Value::Nested(wide, {Big(7), DateOf("2024-02-29")}));
  EXPECT_TRUE(CastValue(Value::Nested(row, {Int(7), Str("x")}), wide, true).children()[1].is_null());
  EXPECT_EQ(CodeOf([&] { CastValue(Value::Nested(row, {Int(7), Str("x")}), wide, false); }),
            ErrorCode::kInvalidInput);
  EXPECT_FALSE(CanCast(list_int, LogicalType::Integer()));
  EXPECT_FALSE(CanCast(LogicalType::Date(), LogicalType::Integer()));
  EXPECT_TRUE(CanCast(LogicalType::Varchar(), LogicalType::Timestamp()));
}

// Arbitrary text either parses or fails with InvalidInput (TRY_CAST: NULL); nothing else.
TEST(CastTest, ArbitraryTextFailsCleanly) {
  const std::vector<LogicalType> targets = {
      LogicalType::Boolean(), LogicalType::TinyInt(),       LogicalType::Integer(),
      LogicalType::BigInt(),  LogicalType::Double(),        LogicalType::Float(),
      LogicalType::Date(),    LogicalType::Timestamp(),     LogicalType::Time(),
      LogicalType::Decimal(5, 2), LogicalType::Decimal(38, 10)};
  const std::string alphabet = "0123456789-+.:eE TtZ\xff\x80" "aN";
  uint64_t seed = 42;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    size_t length = (seed >> 33) % 24;
    for (size_t i = 0; i < length; ++i) {
      seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
      text.push_back(alphabet[(seed >> 33) % alphabet.size()]);
    }
    for (const auto& type : targets) {
      Value tried = CastValue(Str(text), type, true);
      if (tried.is_null()) {
        EXPECT_EQ(CodeOf([&] { CastValue(Str(text), type, false); }), ErrorCode::kInvalidInput)
            << text << " to " << type.ToString();
      } else {
        EXPECT_EQ(tried.type(), type);
      }
    }
  }
}

TEST(CoercionTest, TrinoImplicitCoercions) {
  EXPECT_TRUE(CanCoerce(LogicalType::Integer(), LogicalType::BigInt()));
  EXPECT_FALSE(CanCoerce(LogicalType::BigInt(), LogicalType::Integer()));
  EXPECT_TRUE(CanCoerce(LogicalType::Integer(), LogicalType::Decimal(10, 0)));
  EXPECT_FALSE(CanCoerce(LogicalType::Integer(), LogicalType::Decimal(9, 0)));
  EXPECT_TRUE(CanCoerce(LogicalType::BigInt(), LogicalType::Double()));
  EXPECT_TRUE(CanCoerce(LogicalType::Decimal(5, 2), LogicalType::Decimal(7, 3)));
  EXPECT_FALSE(CanCoerce(LogicalType::Decimal(5, 2), LogicalType::Decimal(5, 3)));
  EXPECT_TRUE(CanCoerce(LogicalType::Decimal(5, 2), LogicalType::Double()));
  EXPECT_FALSE(CanCoerce(LogicalType::Double(), LogicalType::Decimal(38, 10)));
  EXPECT_TRUE(CanCoerce(LogicalType::Date(), LogicalType::Timestamp()));
  EXPECT_FALSE(CanCoerce(LogicalType::Varchar(), LogicalType::Date()));
  EXPECT_FALSE(CanCoerce(LogicalType::Integer(), LogicalType::Varchar()));
}

TEST(CoercionTest, CommonSuperTypes) {
  auto common = [](LogicalType a, LogicalType b) {
    auto type = CommonSuperType(a, b);
    return type ? type->ToString() : std::string("none");
  };
  EXPECT_EQ(common(LogicalType::Integer(), LogicalType::BigInt()), "bigint");
  EXPECT_EQ(common(LogicalType::Integer(), LogicalType::Decimal(5, 2)), "decimal(12,2)");
  EXPECT_EQ(common(LogicalType::Decimal(5, 2), LogicalType::Decimal(10, 0)), "decimal(12,2)");
  EXPECT_EQ(common(LogicalType::Decimal(5, 2), LogicalType::Double()), "double");
  EXPECT_EQ(common(LogicalType::Float(), LogicalType::Double()), "double");
  EXPECT_EQ(common(LogicalType::Date(), LogicalType::Timestamp()), "timestamp");
  EXPECT_EQ(common(LogicalType::Varchar(), LogicalType::Integer()), "none");
  EXPECT_EQ(common(LogicalType::List(LogicalType::Integer()),
                   LogicalType::List(LogicalType::Double())),
            "array<double>");
}

}  // namespace
}  // namespace basin::sql::testing
