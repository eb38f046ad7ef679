#include <gtest/gtest.h>

#include <cmath>

#include "../../error_code_of.hpp"
#include "function_test_util.hpp"

namespace basin::sql::testing {
namespace {

using basin::testing::CodeOf;

TEST(MathFunctionsTest, RoundHalfAwayFromZero) {
  EXPECT_EQ(Call("round", {Dbl(2.5)}), Dbl(3));
  EXPECT_EQ(Call("round", {Dbl(-2.5)}), Dbl(-3));
  EXPECT_EQ(Call("round", {Dbl(2.4)}), Dbl(2));
  EXPECT_EQ(Call("round", {Int(5)}), Int(5));
  Value rounded = Call("round", {Dec("2.5", 2, 1)});
  EXPECT_EQ(rounded.type(), LogicalType::Decimal(2, 0));
  EXPECT_EQ(rounded.ToString(), "3");
  EXPECT_EQ(Call("round", {Dec("-2.5", 2, 1)}).ToString(), "-3");
  Value digits = Call("round", {Dec("-2.45", 3, 2), Int(1)});
  EXPECT_EQ(digits.type(), LogicalType::Decimal(4, 2));
  EXPECT_EQ(digits.ToString(), "-2.50");
  EXPECT_EQ(Call("round", {Dec("9.99", 3, 2), Int(1)}).ToString(), "10.00");
  EXPECT_EQ(Call("round", {Int(1250), Int(-2)}), Int(1300));
  EXPECT_EQ(Call("round", {Int(-1249), Int(-2)}), Int(-1200));
  EXPECT_EQ(Call("round", {Dbl(1.25), Int(1)}), Dbl(1.3));
  EXPECT_EQ(Call("round", {Dbl(-1.25), Int(1)}), Dbl(-1.3));
  EXPECT_EQ(Call("round", {Dbl(1234.5), Int(-2)}), Dbl(1200));
  EXPECT_TRUE(std::isnan(Call("round", {Dbl(NAN), Int(1)}).double_value()));
}

TEST(MathFunctionsTest, FloorCeilTruncate) {
  EXPECT_EQ(Call("floor", {Dbl(-1.5)}), Dbl(-2));
  EXPECT_EQ(Call("ceil", {Dbl(-1.5)}), Dbl(-1));
  EXPECT_EQ(Call("ceiling", {Dbl(1.2)}), Dbl(2));
  EXPECT_EQ(Call("floor", {Big(7)}), Big(7));
  EXPECT_EQ(Call("floor", {Dec("-1.5", 2, 1)}).ToString(), "-2");
  EXPECT_EQ(Call("ceil", {Dec("1.01", 3, 2)}).ToString(), "2");
  EXPECT_EQ(Call("ceil", {Dec("-1.01", 3, 2)}).ToString(), "-1");
  EXPECT_EQ(Call("truncate", {Dbl(-1.7)}), Dbl(-1));
  EXPECT_EQ(Call("truncate", {Dec("-1.7", 2, 1)}).ToString(), "-1");
  EXPECT_EQ(Call("truncate", {Dbl(1.789), Int(2)}), Dbl(1.78));
}

TEST(MathFunctionsTest, AbsAndSign) {
  EXPECT_EQ(Call("abs", {Int(-5)}), Int(5));
  EXPECT_EQ(Call("abs", {Dec("-1.5", 2, 1)}).ToString(), "1.5");
  EXPECT_EQ(Call("abs", {Dbl(-0.5)}), Dbl(0.5));
  EXPECT_EQ(CodeOf([] { Call("abs", {Big(INT64_MIN)}); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(Call("abs", {Big(INT64_MIN + 1)}), Big(INT64_MAX));
  EXPECT_EQ(Call("sign", {Int(-3)}), Int(-1));
  EXPECT_EQ(Call("sign", {Big(0)}), Big(0));
  EXPECT_EQ(Call("sign", {Dbl(2.5)}), Dbl(1));
  Value sign = Call("sign", {Dec("-2.5", 2, 1)});
  EXPECT_EQ(sign.type(), LogicalType::Decimal(1, 0));
  EXPECT_EQ(sign.ToString(), "-1");
}

TEST(MathFunctionsTest, Transcendental) {
  EXPECT_EQ(Call("sqrt", {Int(16)}), Dbl(4));
  EXPECT_TRUE(std::isnan(Call("sqrt", {Dbl(-1)}).double_value()));
  EXPECT_DOUBLE_EQ(Call("cbrt", {Dbl(27)}).double_value(), 3);
  EXPECT_EQ(Call("ln", {Dbl(1)}), Dbl(0));
  EXPECT_EQ(Call("ln", {Dbl(0)}), Dbl(-INFINITY));
  EXPECT_DOUBLE_EQ(Call("log10", {Big(1000)}).double_value(), 3);
  EXPECT_EQ(Call("log2", {Dbl(8)}), Dbl(3));
  EXPECT_EQ(Call("exp", {Dbl(0)}), Dbl(1));
  EXPECT_EQ(Call("power", {Int(2), Int(10)}), Dbl(1024));
  EXPECT_EQ(Call("pow", {Dbl(2), Dbl(-1)}), Dbl(0.5));
  EXPECT_DOUBLE_EQ(Call("pi", {}).double_value(), 3.14159265358979323846);
  EXPECT_DOUBLE_EQ(Call("e", {}).double_value(), 2.71828182845904523536);
  EXPECT_DOUBLE_EQ(Call("ln", {Call("e", {})}).double_value(), 1);
}

TEST(MathFunctionsTest, ModMatchesTheOperator) {
  EXPECT_EQ(Call("mod", {Int(7), Int(3)}), Int(1));
  EXPECT_EQ(Call("mod", {Int(-7), Int(3)}), Int(-1));
  EXPECT_EQ(Call("mod", {Dec("5.5", 2, 1), Int(2)}).ToString(), "1.5");
  EXPECT_EQ(Call("mod", {Dbl(-5.5), Dbl(2)}), Dbl(-1.5));
  EXPECT_EQ(CodeOf([] { Call("mod", {Int(1), Int(0)}); }), ErrorCode::kInvalidInput);
}

TEST(MathFunctionsTest, RandomStaysInRange) {
  ScalarFunction random = ResolveScalarFunction("random", CallSite{});
  EXPECT_FALSE(random.deterministic);
  Vector out(random.result);
  random.kernel({}, 1000, out);
  for (size_t i = 0; i < 1000; ++i) {
    double v = out.GetValue(i).double_value();
    EXPECT_GE(v, 0.0);
    EXPECT_LT(v, 1.0);
  }
  auto values = CallColumns("rand", {std::vector<Value>(200, Big(3))});
  for (const auto& v : values) {
    EXPECT_GE(v.int_value(), 0);
    EXPECT_LT(v.int_value(), 3);
  }
  EXPECT_EQ(CodeOf([] { Call("random", {Big(0)}); }), ErrorCode::kInvalidInput);
}

TEST(ConditionalFunctionsTest, NullIfGreatestLeastTypeof) {
  const Value null_int = Null(LogicalType::Integer());
  EXPECT_TRUE(Call("nullif", {Int(1), Int(1)}).is_null());
  EXPECT_EQ(Call("nullif", {Int(1), Int(2)}), Int(1));
  EXPECT_TRUE(Call("nullif", {null_int, Int(1)}).is_null());
  EXPECT_EQ(Call("nullif", {Int(1), null_int}), Int(1));
  EXPECT_TRUE(Call("nullif", {Str("a"), Str("a")}).is_null());
  EXPECT_EQ(Call("nullif", {Str("a"), Str("b")}), Str("a"));
  EXPECT_EQ(Call("greatest", {Int(1), Int(5), Int(3)}), Int(5));
  EXPECT_TRUE(Call("greatest", {Int(1), null_int}).is_null());
  EXPECT_EQ(Call("least", {Str("b"), Str("a"), Str("c")}), Str("a"));
  EXPECT_EQ(Call("greatest", {Int(1), Dec("2.5", 2, 1)}).ToString(), "2.5");
  EXPECT_EQ(Call("least", {Int(1), Dbl(0.5)}), Dbl(0.5));
  EXPECT_EQ(Call("greatest", {DateOf("1969-01-01"), DateOf("1970-01-01")}), DateOf("1970-01-01"));
  EXPECT_EQ(Call("typeof", {Int(1)}), Str("integer"));
  EXPECT_EQ(Call("typeof", {Dec("1.5", 10, 2)}), Str("decimal(10,2)"));
  EXPECT_EQ(Call("typeof", {Null(LogicalType::Varchar())}), Str("varchar"));
  EXPECT_EQ(Call("typeof", {Value::Nested(LogicalType::List(LogicalType::BigInt()), {})}),
            Str("array(bigint)"));
}

Value IntArray(std::vector<Value> values) {
  return Value::Nested(LogicalType::List(LogicalType::Integer()), std::move(values));
}

Value StrIntMap(std::vector<std::pair<std::string, int>> entries) {
  auto type = LogicalType::Map(LogicalType::Varchar(), LogicalType::Integer());
  std::vector<Value> children;
  for (auto& [key, value] : entries) {
    children.push_back(Value::Nested(type.MapEntryType(), {Str(key), Int(value)}));
  }
  return Value::Nested(type, std::move(children));
}

TEST(ListFunctionsTest, CardinalityElementAtSubscript) {
  Value array = IntArray({Int(1), Int(2), Int(3)});
  EXPECT_EQ(Call("cardinality", {array}), Big(3));
  EXPECT_EQ(Call("cardinality", {IntArray({})}), Big(0));
  EXPECT_EQ(Call("cardinality", {StrIntMap({{"a", 1}})}), Big(1));
  EXPECT_EQ(Call("element_at", {array, Big(2)}), Int(2));
  EXPECT_EQ(Call("element_at", {array, Big(-1)}), Int(3));
  EXPECT_TRUE(Call("element_at", {array, Big(4)}).is_null());
  EXPECT_TRUE(Call("element_at", {array, Big(-4)}).is_null());
  EXPECT_EQ(CodeOf([&] { Call("element_at", {array, Big(0)}); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(Call("$subscript", {array, Int(1)}), Int(1));
  std::string message;
  EXPECT_EQ(CodeOf([&] { Call("$subscript", {array, Big(4)}); }, &message),
            ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("4 > 3"), std::string::npos) << message;
  Value map = StrIntMap({{"a", 1}, {"b", 2}});
  EXPECT_EQ(Call("element_at", {map, Str("b")}), Int(2));
  EXPECT_TRUE(Call("element_at", {map, Str("z")}).is_null());
  EXPECT_EQ(Call("$subscript", {map, Str("a")}), Int(1));
  EXPECT_EQ(CodeOf([&] { Call("$subscript", {map, Str("z")}); }), ErrorCode::kInvalidInput);
}

TEST(ListFunctionsTest, ContainsThreeValued) {
  EXPECT_EQ(Call("contains", {IntArray({Int(1), Int(2)}), Int(2)}), Bool(true));
  EXPECT_EQ(Call("contains", {IntArray({Int(1), Int(2)}), Int(3)}), Bool(false));
  EXPECT_TRUE(Call("contains", {IntArray({Int(1), Null(LogicalType::Integer())}), Int(3)}).is_null());
  EXPECT_EQ(Call("contains", {IntArray({Int(1), Null(LogicalType::Integer())}), Int(1)}), Bool(true));
  EXPECT_EQ(Call("contains", {IntArray({}), Int(1)}), Bool(false));
}

TEST(ListFunctionsTest, SplitJoinConcat) {
  EXPECT_EQ(Call("split", {Str("a,b,,c"), Str(",")}).ToString(), "[a, b, , c]");
  Value empty = Call("split", {Str(""), Str(",")});
  ASSERT_EQ(empty.children().size(), 1u);  // one empty part, as Trino splits ''
  EXPECT_EQ(empty.children()[0], Str(""));
  EXPECT_EQ(CodeOf([] { Call("split", {Str("a"), Str("")}); }), ErrorCode::kInvalidInput);
  Value array = IntArray({Int(1), Null(LogicalType::Integer()), Int(3)});
  EXPECT_EQ(Call("array_join", {array, Str("-")}), Str("1-3"));
  EXPECT_EQ(Call("array_join", {array, Str("-"), Str("?")}), Str("1-?-3"));
  EXPECT_EQ(Call("array_join", {IntArray({}), Str("-")}), Str(""));
  EXPECT_EQ(Call("$concat", {IntArray({Int(1)}), IntArray({Int(2), Int(3)})}).ToString(),
            "[1, 2, 3]");
  EXPECT_EQ(Call("concat", {IntArray({}), IntArray({Int(2)}), IntArray({Int(4)})}).ToString(),
            "[2, 4]");
  EXPECT_EQ(Call("date", {Str("2024-02-29")}), DateOf("2024-02-29"));
  EXPECT_EQ(Call("date", {TsOf("1969-12-31 23:00:00")}), DateOf("1969-12-31"));
}

}  // namespace
}  // namespace basin::sql::testing
