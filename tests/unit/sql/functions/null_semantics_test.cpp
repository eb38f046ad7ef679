#include <gtest/gtest.h>

#include "function_test_util.hpp"

namespace basin::sql::testing {
namespace {

// Every NULL-in-NULL-out function answers NULL when any argument is NULL, and that NULL row
// never raises an error (its slot holds no value: a divisor of 0 there must not matter).
TEST(NullSemanticsTest, NullInAnyArgumentGivesNull) {
  const auto ARR = LogicalType::List(LogicalType::Integer());
  struct Case {
    std::string name;
    std::vector<Value> arguments;  // non-NULL values; each is replaced by NULL in turn
  };
  Value array = Value::Nested(ARR, {Int(1)});
  std::vector<Case> cases = {
      {"$add", {Int(1), Int(0)}},          {"$divide", {Big(1), Big(0)}},
      {"$modulo", {Dec("1", 10, 2), Dec("0", 10, 2)}},
      {"$multiply", {Dbl(1), Dbl(2)}},     {"$negate", {Big(INT64_MIN)}},
      {"$eq", {Str("a"), Str("a")}},       {"$lt", {DateOf("2024-01-01"), DateOf("2024-01-02")}},
      {"$like", {Str("a"), Str("a")}},     {"$concat", {Str("a"), Str("b")}},
      {"length", {Str("a")}},              {"lower", {Str("A")}},
      {"upper", {Str("a")}},               {"substr", {Str("abc"), Big(2), Big(1)}},
      {"strpos", {Str("abc"), Str("b")}},  {"trim", {Str(" a ")}},
      {"replace", {Str("a"), Str("a"), Str("b")}},
      {"split_part", {Str("a,b"), Str(","), Big(0)}},
      {"reverse", {Str("ab")}},            {"lpad", {Str("a"), Big(-3), Str("")}},
      {"starts_with", {Str("ab"), Str("a")}},
      {"regexp_like", {Str("a"), Str("(")}},
      {"regexp_extract", {Str("a"), Str("a")}},
      {"regexp_replace", {Str("a"), Str("a"), Str("b")}},
      {"date_trunc", {Str("nonsense"), DateOf("2024-01-01")}},
      {"date_add", {Str("day"), Big(1), TsOf("2024-01-01")}},
      {"date_diff", {Str("day"), DateOf("2024-01-01"), DateOf("2024-01-02")}},
      {"year", {TsOf("2024-01-01")}},      {"day_of_week", {DateOf("2024-01-01")}},
      {"hour", {TsOf("2024-01-01")}},      {"date_format", {TsOf("2024-01-01"), Str("%D")}},
      {"date_parse", {Str("x"), Str("%Y")}},
      {"from_iso8601_timestamp", {Str("nope")}},
      {"round", {Dbl(1.5)}},               {"round", {Dec("1.55", 10, 2), Int(1)}},
      {"floor", {Dec("1.5", 10, 2)}},      {"abs", {Big(INT64_MIN)}},
      {"sqrt", {Dbl(4)}},                  {"power", {Dbl(2), Dbl(3)}},
      {"mod", {Int(1), Int(0)}},           {"sign", {Dbl(-1)}},
      {"greatest", {Int(1), Int(2)}},      {"least", {Str("a"), Str("b")}},
      {"cardinality", {array}},            {"element_at", {array, Big(0)}},
      {"contains", {array, Int(1)}},       {"$subscript", {array, Big(9)}},
      {"concat", {Str("a"), Str("b")}},    {"chr", {Big(-1)}},
  };
  for (const auto& c : cases) {
    for (size_t null_at = 0; null_at < c.arguments.size(); ++null_at) {
      std::vector<std::vector<Value>> columns;
      for (size_t i = 0; i < c.arguments.size(); ++i) {
        // Several cases hold values that would fail if evaluated (0 divisors, bad units,
        // bad patterns): a NULL row must not evaluate them.
        columns.push_back({i == null_at ? Value::Null(c.arguments[i].type()) : c.arguments[i]});
      }
      Value result;
      try {
        result = CallColumns(c.name, columns).at(0);
      } catch (const std::exception& error) {
        ADD_FAILURE() << c.name << " with NULL argument " << null_at << " threw: " << error.what();
        continue;
      }
      EXPECT_TRUE(result.is_null()) << c.name << " with NULL argument " << null_at;
    }
  }
}

}  // namespace
}  // namespace basin::sql::testing
