#include <gtest/gtest.h>

#include <cmath>

#include "types/date_time.hpp"
#include "types/value.hpp"

namespace basin::types {
namespace {

TEST(Value, PrintsAsTrinoDoes) {
  EXPECT_EQ(Value::Null(LogicalType::Integer()).ToString(), "NULL");
  EXPECT_EQ(Value::Boolean(true).ToString(), "true");
  EXPECT_EQ(Value::Double(0.1).ToString(), "0.1");
  EXPECT_EQ(Value::Double(1e300).ToString(), "1e+300");
  EXPECT_EQ(Value::Float(0.1f).ToString(), "0.1");
  EXPECT_EQ(Value::Double(NAN).ToString(), "NaN");
  EXPECT_EQ(Value::Decimal(LogicalType::Decimal(10, 2), 1250).ToString(), "12.50");
  EXPECT_EQ(Value::Date(DaysFromCivil(2005, 5, 24)).ToString(), "2005-05-24");
  EXPECT_EQ(Value::Binary(std::string("\x01\xff", 2)).ToString(), "01 ff");
  auto list_type = LogicalType::List(LogicalType::Integer());
  EXPECT_EQ(Value::Nested(list_type, {Value::Int(1), Value::Null(LogicalType::Integer())})
                .ToString(),
            "[1, NULL]");
  auto struct_type =
      LogicalType::Struct({{"a", LogicalType::Integer()}, {"b", LogicalType::Varchar()}});
  EXPECT_EQ(Value::Nested(struct_type, {Value::Int(1), Value::Varchar("x")}).ToString(),
            "{a=1, b=x}");
}

TEST(Value, EqualityRespectsTypeAndNull) {
  EXPECT_EQ(Value::Int(3), Value::Int(3));
  EXPECT_NE(Value::Int(3), Value::BigInt(3));
  EXPECT_NE(Value::Int(3), Value::Null(LogicalType::Integer()));
  EXPECT_EQ(Value::Null(LogicalType::Integer()), Value::Null(LogicalType::Integer()));
  EXPECT_EQ(Value::Double(NAN), Value::Double(NAN));
  auto wide = LogicalType::Decimal(30, 0);
  EXPECT_EQ(Value::Decimal(wide, PowerOfTen(25)), Value::Decimal(wide, PowerOfTen(25)));
  EXPECT_NE(Value::Decimal(wide, PowerOfTen(25)), Value::Decimal(wide, PowerOfTen(24)));
}

}  // namespace
}  // namespace basin::types
