#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "../../error_code_of.hpp"
#include "function_test_util.hpp"

namespace basin::sql::testing {
namespace {

using basin::testing::CodeOf;

TEST(ComparisonTest, IntegersStringsAndNulls) {
  EXPECT_EQ(Call("$eq", {Int(1), Int(1)}), Bool(true));
  EXPECT_EQ(Call("$lt", {Big(INT64_MIN), Big(INT64_MAX)}), Bool(true));
  EXPECT_EQ(Call("$ge", {Int(2), Big(3)}), Bool(false));  // integer widened to bigint
  EXPECT_EQ(Call("$eq", {Str("a"), Str("a ")}), Bool(false));
  EXPECT_EQ(Call("$lt", {Str(""), Str("a")}), Bool(true));
  // Bytes compare unsigned: é (0xc3 0xa9) sorts after z.
  EXPECT_EQ(Call("$gt", {Str("\xc3\xa9"), Str("z")}), Bool(true));
  EXPECT_TRUE(Call("$eq", {Null(LogicalType::Integer()), Int(1)}).is_null());
  EXPECT_EQ(Call("$ne", {Bool(true), Bool(false)}), Bool(true));
  EXPECT_EQ(Call("$le", {DateOf("1969-12-31"), DateOf("1970-01-01")}), Bool(true));
}

TEST(ComparisonTest, DecimalsOfDifferentScalesAndDoubles) {
  CallSite call;
  call.argument_types = {LogicalType::Decimal(5, 2), LogicalType::Decimal(10, 0)};
  ScalarFunction eq = ResolveScalarFunction("$eq", call);
  EXPECT_EQ(eq.arguments[0], LogicalType::Decimal(12, 2));
  EXPECT_EQ(eq.arguments[1], LogicalType::Decimal(12, 2));
  EXPECT_EQ(Call("$eq", {Dec("1.50", 3, 2), Dec("1.5", 2, 1)}), Bool(true));
  EXPECT_EQ(Call("$lt", {Dec("-1.5", 2, 1), Int(-1)}), Bool(true));
  EXPECT_EQ(Call("$gt", {Dec("99999999999999999999999999999999999999", 38, 0),
                         Dec("99999999999999999999999999999999999998", 38, 0)}),
            Bool(true));
  EXPECT_EQ(Call("$eq", {Dbl(NAN), Dbl(NAN)}), Bool(false));
  EXPECT_EQ(Call("$lt", {Int(1), Dbl(1.5)}), Bool(true));
}

TEST(ComparisonTest, IsDistinctFromIsNeverNull) {
  auto null_int = Null(LogicalType::Integer());
  EXPECT_EQ(Call("$is_distinct_from", {null_int, null_int}), Bool(false));
  EXPECT_EQ(Call("$is_distinct_from", {null_int, Int(1)}), Bool(true));
  EXPECT_EQ(Call("$is_distinct_from", {Int(1), Int(1)}), Bool(false));
  EXPECT_EQ(Call("$is_distinct_from", {Dbl(NAN), Dbl(NAN)}), Bool(false));
  EXPECT_EQ(Call("$is_distinct_from", {Str("a"), Str("b")}), Bool(true));
}

TEST(ComparisonTest, IncomparableTypesAreRejected) {
  CallSite call;
  call.argument_types = {LogicalType::Varchar(), LogicalType::Integer()};
  std::string message;
  EXPECT_EQ(CodeOf([&] { ResolveScalarFunction("$eq", call); }, &message),
            ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("$eq(varchar, integer) does not exist"), std::string::npos) << message;
}

TEST(ArithmeticTest, IntegerOperationsAndOverflow) {
  EXPECT_EQ(Call("$add", {Int(2), Int(3)}), Int(5));
  EXPECT_EQ(Call("$subtract", {Big(0), Int(7)}), Big(-7));
  EXPECT_EQ(Call("$multiply", {Int(-4), Int(5)}), Int(-20));
  EXPECT_EQ(Call("$divide", {Int(7), Int(2)}), Int(3));
  EXPECT_EQ(Call("$divide", {Int(-7), Int(2)}), Int(-3));  // truncates toward zero
  EXPECT_EQ(Call("$modulo", {Int(-7), Int(2)}), Int(-1));  // sign of the dividend
  EXPECT_EQ(Call("$modulo", {Big(INT64_MIN), Big(-1)}), Big(0));
  std::string message;
  EXPECT_EQ(CodeOf([] { Call("$add", {Big(INT64_MAX), Big(1)}); }, &message),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(message, "integer overflow in $add: 9223372036854775807 + 1");
  EXPECT_EQ(CodeOf([] { Call("$add", {Int(INT32_MAX), Int(1)}); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { Call("$multiply", {Big(INT64_MIN), Big(-1)}); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { Call("$divide", {Big(INT64_MIN), Big(-1)}); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { Call("$divide", {Int(1), Int(0)}); }, &message),
            ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("division by zero"), std::string::npos);
  EXPECT_EQ(CodeOf([] { Call("$modulo", {Int(1), Int(0)}); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { Call("$negate", {Big(INT64_MIN)}); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(Call("$negate", {Big(INT64_MAX)}), Big(-INT64_MAX));
}

TEST(ArithmeticTest, NullRowsNeverFail) {
  auto values = CallColumns("$divide", {{Int(6), Null(LogicalType::Integer()), Int(9)},
                                        {Int(3), Int(0), Null(LogicalType::Integer())}});
  EXPECT_EQ(values[0], Int(2));
  EXPECT_TRUE(values[1].is_null());
  EXPECT_TRUE(values[2].is_null());
}

TEST(ArithmeticTest, DecimalTypesFollowTrino) {
  auto result_type = [](std::string name, LogicalType a, LogicalType b) {
    CallSite call;
    call.argument_types = {a, b};
    return ResolveScalarFunction(name, call).result.ToString();
  };
  auto d = [](int p, int s) { return LogicalType::Decimal(p, s); };
  EXPECT_EQ(result_type("$add", d(10, 2), d(5, 3)), "decimal(12,3)");
  EXPECT_EQ(result_type("$add", d(38, 2), d(38, 2)), "decimal(38,2)");
  EXPECT_EQ(result_type("$multiply", d(15, 2), d(16, 2)), "decimal(31,4)");
  EXPECT_EQ(result_type("$divide", d(10, 2), d(5, 3)), "decimal(14,3)");
  EXPECT_EQ(result_type("$modulo", d(10, 2), d(5, 3)), "decimal(5,3)");
  EXPECT_EQ(result_type("$add", LogicalType::Integer(), d(15, 2)), "decimal(16,2)");
  EXPECT_EQ(result_type("$add", LogicalType::BigInt(), LogicalType::Double()), "double");
  EXPECT_EQ(result_type("$add", LogicalType::Float(), LogicalType::Integer()), "float");
}

TEST(ArithmeticTest, DecimalValues) {
  EXPECT_EQ(Call("$add", {Dec("1.25", 3, 2), Dec("0.5", 2, 1)}).ToString(), "1.75");
  EXPECT_EQ(Call("$subtract", {Int(1), Dec("0.06", 3, 2)}).ToString(), "0.94");
  EXPECT_EQ(Call("$multiply", {Dec("1.5", 2, 1), Dec("-2.25", 3, 2)}).ToString(), "-3.375");
  // 1 / 3 at scale 0 and 10 / 4 rounding half away from zero.
  EXPECT_EQ(Call("$divide", {Dec("1", 1, 0), Dec("3", 1, 0)}).ToString(), "0");
  EXPECT_EQ(Call("$divide", {Dec("10", 2, 0), Dec("4", 1, 0)}).ToString(), "3");
  EXPECT_EQ(Call("$divide", {Dec("-10", 2, 0), Dec("4", 1, 0)}).ToString(), "-3");
  EXPECT_EQ(Call("$divide", {Dec("1.00", 3, 2), Dec("3", 1, 0)}).ToString(), "0.33");
  EXPECT_EQ(Call("$divide", {Dec("2.00", 3, 2), Dec("3", 1, 0)}).ToString(), "0.67");
  EXPECT_EQ(Call("$modulo", {Dec("5.5", 2, 1), Dec("2", 1, 0)}).ToString(), "1.5");
  EXPECT_EQ(Call("$negate", {Dec("-1.5", 2, 1)}).ToString(), "1.5");
  std::string nines(38, '9');
  EXPECT_EQ(CodeOf([&] { Call("$add", {Dec(nines, 38, 0), Dec("1", 1, 0)}); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([&] { Call("$multiply", {Dec(nines, 38, 0), Dec("10", 2, 0)}); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { Call("$divide", {Dec("1.5", 2, 1), Dec("0.0", 2, 1)}); }),
            ErrorCode::kInvalidInput);
  // 37 digits over 0.1 needs 39 digits at scale 1: overflow, not garbage.
  std::string big = "1234567890123456789012345678901234567";
  EXPECT_EQ(CodeOf([&] { Call("$divide", {Dec(big, 38, 0), Dec("0.1", 1, 1)}); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(Call("$divide", {Dec(big.substr(1), 38, 0), Dec("0.1", 1, 1)}).ToString(),
            big.substr(1) + "0.0");
  // Dividends whose rescaled value passes 128 bits take the long-division path.
  EXPECT_EQ(Call("$divide", {Dec("100000000000000000000.0000000000", 38, 10),
                             Dec("10000000000.0000000000", 38, 10)})
                .ToString(),
            "10000000000.0000000000");
  EXPECT_EQ(Call("$divide", {Dec("20000000000000000000.0000000000", 38, 10),
                             Dec("-30000000000.0000000000", 38, 10)})
                .ToString(),
            "-666666666.6666666667");
}

TEST(ArithmeticTest, Doubles) {
  EXPECT_EQ(Call("$divide", {Dbl(1), Dbl(0)}), Dbl(INFINITY));
  EXPECT_EQ(Call("$add", {Int(1), Dbl(0.5)}), Dbl(1.5));
  EXPECT_EQ(Call("$modulo", {Dbl(5.5), Dbl(2)}), Dbl(1.5));
  EXPECT_EQ(Call("$multiply", {Dec("0.5", 1, 1), Dbl(3)}), Dbl(1.5));
}

TEST(LikeTest, Wildcards) {
  auto like = [](std::string value, std::string pattern) {
    return Call("$like", {Str(value), Str(pattern)}).bool_value();
  };
  EXPECT_TRUE(like("abc", "abc"));
  EXPECT_FALSE(like("abc", "ab"));
  EXPECT_TRUE(like("abc", "a%"));
  EXPECT_TRUE(like("abc", "%c"));
  EXPECT_TRUE(like("abc", "%b%"));
  EXPECT_TRUE(like("abc", "a_c"));
  EXPECT_FALSE(like("abbc", "a_c"));
  EXPECT_TRUE(like("", "%"));
  EXPECT_FALSE(like("", "_"));
  EXPECT_TRUE(like("", ""));
  EXPECT_TRUE(like("special packages requests", "%special%requests%"));
  EXPECT_FALSE(like("requests special", "%special%requests%"));
  EXPECT_TRUE(like("aaab", "%aab"));
  EXPECT_TRUE(like("abcabd", "%ab_"));
  EXPECT_TRUE(like("xyzxyzw", "%xyz_"));
  EXPECT_TRUE(like("\xc3\xa9t\xc3\xa9", "_t_"));  // é is one character
  EXPECT_TRUE(like("MEDIUM POLISHED BRASS", "%BRASS"));
  EXPECT_FALSE(like("MEDIUM POLISHED BRASS ", "%BRASS"));
}

TEST(LikeTest, EscapeAndConstantPatterns) {
  EXPECT_EQ(Call("$like", {Str("50%"), Str("50!%"), Str("!")}), Bool(true));
  EXPECT_EQ(Call("$like", {Str("500"), Str("50!%"), Str("!")}), Bool(false));
  EXPECT_EQ(Call("$like", {Str("a_b"), Str("a#_b"), Str("#")}), Bool(true));
  EXPECT_EQ(CodeOf([] { Call("$like", {Str("x"), Str("a!"), Str("!")}); }),
            ErrorCode::kInvalidInput);
  EXPECT_TRUE(Call("$like", {Null(LogicalType::Varchar()), Str("%")}).is_null());
  // The constant path compiles once and matches every row.
  Value pattern = Str("a%");
  CallSite call;
  call.argument_types = {LogicalType::Varchar(), LogicalType::Varchar()};
  call.constants = {nullptr, &pattern};
  ScalarFunction like = ResolveScalarFunction("$like", call);
  Vector values = MakeVector(LogicalType::Varchar(), {Str("ab"), Str("ba"), Str("a")});
  Vector patterns = MakeVector(LogicalType::Varchar(), {pattern, pattern, pattern});
  std::vector<const Vector*> args = {&values, &patterns};
  Vector out(LogicalType::Boolean());
  like.kernel(args, 3, out);
  EXPECT_EQ(out.GetValue(0), Bool(true));
  EXPECT_EQ(out.GetValue(1), Bool(false));
  EXPECT_EQ(out.GetValue(2), Bool(true));
}

TEST(ResolutionTest, UnknownFunctionsSuggestAName) {
  std::string message;
  EXPECT_EQ(CodeOf([] { ResolveScalarFunction("lenght", CallSite{{LogicalType::Varchar()}, {}, {}}); },
                   &message),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(message, "unknown function 'lenght'; did you mean 'length'?");
  EXPECT_EQ(CodeOf([] { ResolveScalarFunction("substr", CallSite{{LogicalType::Boolean()}, {}, {}}); },
                   &message),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(message,
            "function substr(boolean) does not exist; candidates: substr(varchar, bigint), "
            "substr(varchar, bigint, bigint)");
  EXPECT_TRUE(IsScalarFunction("length"));
  EXPECT_FALSE(IsScalarFunction("lenght"));
}

TEST(ResolutionTest, UntypedNullFitsAnyParameter) {
  CallSite call;
  call.argument_types = {LogicalType::Varchar(), LogicalType::Varchar()};
  call.untyped_null = {false, true};
  ScalarFunction substr = ResolveScalarFunction("substr", call);
  EXPECT_EQ(substr.arguments[1], LogicalType::BigInt());
}

}  // namespace
}  // namespace basin::sql::testing
