#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <memory>

#include "../../error_code_of.hpp"
#include "function_test_util.hpp"

namespace basin::sql::testing {
namespace {

using basin::testing::CodeOf;

// Runs an aggregate over columns of values with one group per distinct entry of `groups`
// (group g = rows whose groups[i] == g). When `split` is set, each group is aggregated in two
// halves that are combined, as two threads would.
std::vector<Value> Aggregate(const std::string& name, const std::vector<std::vector<Value>>& columns,
                             std::vector<int> groups = {}, bool split = false) {
  std::vector<LogicalType> types;
  for (const auto& column : columns) types.push_back(column.at(0).type());
  AggregateFunction function = ResolveAggregateFunction(name, types);
  size_t rows = columns.empty() ? groups.size() : columns[0].size();
  if (groups.empty()) groups.assign(rows, 0);
  int group_count = 0;
  for (int g : groups) group_count = std::max(group_count, g + 1);
  std::vector<Vector> arguments;
  for (size_t c = 0; c < columns.size(); ++c) {
    Vector raw = MakeVector(types[c], columns[c]);
    Vector cast(function.arguments.at(c));
    CastVector(raw, rows, cast, false);
    arguments.push_back(std::move(cast));
  }
  std::vector<const Vector*> pointers;
  for (const auto& argument : arguments) pointers.push_back(&argument);
  size_t stride = (function.state_size + 15) / 16 * 16;
  auto memory = std::make_unique<std::max_align_t[]>((stride * group_count * 2) / sizeof(std::max_align_t) + 1);
  auto* base = reinterpret_cast<uint8_t*>(memory.get());
  std::vector<uint8_t*> main_states, other_states;
  for (int g = 0; g < group_count; ++g) {
    main_states.push_back(base + stride * g);
    other_states.push_back(base + stride * (group_count + g));
    function.init(main_states.back());
    function.init(other_states.back());
  }
  std::vector<uint8_t*> row_states;
  for (size_t i = 0; i < rows; ++i) {
    bool second_half = split && i >= rows / 2;
    row_states.push_back(second_half ? other_states[groups[i]] : main_states[groups[i]]);
  }
  function.update(pointers, rows, row_states.data());
  for (int g = 0; g < group_count; ++g) function.combine(other_states[g], main_states[g]);
  Vector out(function.result);
  out.Resize(group_count);
  function.finalize(main_states.data(), group_count, out);
  std::vector<Value> result;
  for (int g = 0; g < group_count; ++g) result.push_back(out.GetValue(g));
  if (function.destroy) {
    for (int g = 0; g < group_count; ++g) {
      function.destroy(main_states[g]);
      function.destroy(other_states[g]);
    }
  }
  return result;
}

Value One(const std::string& name, const std::vector<std::vector<Value>>& columns,
          bool split = false) {
  return Aggregate(name, columns, {}, split).at(0);
}

const Value kNullInt = Value::Null(LogicalType::Integer());

TEST(AggregateTest, CountSkipsNullsAndCountStarDoesNot) {
  EXPECT_EQ(One("count", {{Int(1), kNullInt, Int(3)}}), Big(2));
  EXPECT_EQ(Aggregate("count", {}, {0, 0, 1}), (std::vector<Value>{Big(2), Big(1)}));
  EXPECT_EQ(One("count", {{kNullInt}}), Big(0));
  EXPECT_EQ(One("count_if", {{Bool(true), Bool(false), Null(LogicalType::Boolean()), Bool(true)}}),
            Big(2));
}

TEST(AggregateTest, SumTypesAndEmptyInput) {
  EXPECT_EQ(One("sum", {{Int(1), Int(2), kNullInt}}), Big(3));
  EXPECT_TRUE(One("sum", {{kNullInt}}).is_null());
  EXPECT_EQ(One("sum", {{Dec("1.25", 5, 2), Dec("-0.50", 5, 2)}}, true).ToString(), "0.75");
  EXPECT_EQ(One("sum", {{Dec("1.25", 5, 2)}}).type(), LogicalType::Decimal(38, 2));
  EXPECT_EQ(One("sum", {{Dbl(0.5), Dbl(0.25)}}), Dbl(0.75));
  EXPECT_EQ(CodeOf([] { One("sum", {{Big(INT64_MAX), Big(1)}}); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(One("sum", {{Big(INT64_MAX), Big(-1), Big(1)}}), Big(INT64_MAX));
  std::string nines(38, '9');
  EXPECT_EQ(CodeOf([&] { One("sum", {{Dec(nines, 38, 0), Dec("1", 38, 0)}}); }),
            ErrorCode::kInvalidInput);
}

TEST(AggregateTest, AvgTypes) {
  EXPECT_EQ(One("avg", {{Int(1), Int(2)}}), Dbl(1.5));
  EXPECT_EQ(One("avg", {{Big(INT64_MAX), Big(INT64_MAX)}}), Dbl(9.223372036854775807e18));
  EXPECT_TRUE(One("avg", {{kNullInt}}).is_null());
  // Decimal average keeps the type and rounds half up: (1.00 + 2.00 + 2.00) / 3 = 1.666… → 1.67.
  Value avg = One("avg", {{Dec("1.00", 4, 2), Dec("2.00", 4, 2), Dec("2.00", 4, 2)}}, true);
  EXPECT_EQ(avg.type(), LogicalType::Decimal(4, 2));
  EXPECT_EQ(avg.ToString(), "1.67");
  EXPECT_EQ(One("avg", {{Dbl(1), Dbl(4)}}, true), Dbl(2.5));
}

TEST(AggregateTest, MinMaxAllOrderableTypes) {
  EXPECT_EQ(One("min", {{Int(3), kNullInt, Int(-7), Int(5)}}, true), Int(-7));
  EXPECT_EQ(One("max", {{Int(3), kNullInt, Int(-7), Int(5)}}, true), Int(5));
  EXPECT_EQ(One("max", {{Str("apple"), Str("pear"), Str("")}}, true), Str("pear"));
  EXPECT_EQ(One("min", {{Str("apple"), Str("pear"), Str("")}}, true), Str(""));
  EXPECT_EQ(One("max", {{DateOf("1969-07-20"), DateOf("1900-01-01")}}), DateOf("1969-07-20"));
  EXPECT_EQ(One("min", {{Dec("1.5", 20, 1), Dec("-1.5", 20, 1)}}).ToString(), "-1.5");
  EXPECT_TRUE(One("min", {{Null(LogicalType::Varchar())}}).is_null());
  auto grouped = Aggregate("max", {{Int(1), Int(9), Int(4), Int(2)}}, {0, 1, 0, 1});
  EXPECT_EQ(grouped, (std::vector<Value>{Int(4), Int(9)}));
}

TEST(AggregateTest, BooleanAggregates) {
  std::vector<Value> values = {Bool(true), Null(LogicalType::Boolean()), Bool(false)};
  EXPECT_EQ(One("bool_and", {values}), Bool(false));
  EXPECT_EQ(One("every", {{Bool(true), Bool(true)}}), Bool(true));
  EXPECT_EQ(One("bool_or", {values}), Bool(true));
  EXPECT_EQ(One("bool_or", {{Bool(false)}}), Bool(false));
  EXPECT_TRUE(One("bool_or", {{Null(LogicalType::Boolean())}}).is_null());
}

TEST(AggregateTest, ArbitraryArrayAggAndBy) {
  EXPECT_EQ(One("arbitrary", {{kNullInt, Int(4), Int(5)}}), Int(4));
  EXPECT_TRUE(One("any_value", {{kNullInt}}).is_null());
  Value list = One("array_agg", {{Int(1), kNullInt, Int(3)}}, true);
  EXPECT_EQ(list.ToString(), "[1, NULL, 3]");
  auto grouped = Aggregate("array_agg", {{Str("a"), Str("b"), Str("c")}}, {1, 0, 1});
  EXPECT_EQ(grouped[0].ToString(), "[b]");
  EXPECT_EQ(grouped[1].ToString(), "[a, c]");
  std::vector<Value> names = {Str("ann"), Str("bob"), Str("cy")};
  std::vector<Value> ages = {Int(30), Int(50), Int(20)};
  EXPECT_EQ(One("max_by", {names, ages}, true), Str("bob"));
  EXPECT_EQ(One("min_by", {names, ages}, true), Str("cy"));
  EXPECT_EQ(One("max_by", {{Int(1), Int(2)}, {Str("b"), Str("a")}}), Int(1));
}

TEST(AggregateTest, VarianceAndStddev) {
  std::vector<Value> values = {Int(2), Int(4), Int(4), Int(4), Int(5), Int(5), Int(7), Int(9)};
  // Population variance 4, sample variance 32/7.
  EXPECT_NEAR(One("var_pop", {values}, true).double_value(), 4.0, 1e-12);
  EXPECT_NEAR(One("stddev_pop", {values}, true).double_value(), 2.0, 1e-12);
  EXPECT_NEAR(One("variance", {values}, true).double_value(), 32.0 / 7, 1e-12);
  EXPECT_NEAR(One("stddev", {values}).double_value(), std::sqrt(32.0 / 7), 1e-12);
  EXPECT_TRUE(One("stddev_samp", {{Int(1)}}).is_null());
  EXPECT_EQ(One("var_pop", {{Int(1)}}), Dbl(0));
  EXPECT_TRUE(One("var_pop", {{kNullInt}}).is_null());
}

TEST(AggregateTest, CovarianceAndCorrelation) {
  std::vector<Value> y = {Dbl(2), Dbl(4), Dbl(6), Dbl(9), Null(LogicalType::Double())};
  std::vector<Value> x = {Int(1), Int(2), Int(3), Int(4), Int(5)};  // the pair with NULL y is skipped
  // Deviation products sum to 11.5; squared deviations to 5 (x) and 26.75 (y).
  EXPECT_NEAR(One("covar_samp", {y, x}, true).double_value(), 11.5 / 3, 1e-12);
  EXPECT_NEAR(One("covar_pop", {y, x}, true).double_value(), 11.5 / 4, 1e-12);
  EXPECT_NEAR(One("corr", {y, x}, true).double_value(), 11.5 / std::sqrt(5 * 26.75), 1e-12);
  EXPECT_TRUE(One("covar_samp", {{Dbl(1)}, {Dbl(1)}}).is_null());
  EXPECT_TRUE(One("corr", {{Dbl(1), Dbl(1)}, {Dbl(1), Dbl(2)}}).is_null());  // constant y
}

TEST(AggregateTest, ApproxPercentileNearestRank) {
  std::vector<Value> values;
  for (int i = 10; i >= 1; --i) values.push_back(Big(i));
  auto at = [&](double p) {
    return One("approx_percentile", {values, std::vector<Value>(values.size(), Dbl(p))}, true);
  };
  EXPECT_EQ(at(0.5), Big(5));
  EXPECT_EQ(at(0), Big(1));
  EXPECT_EQ(at(1), Big(10));
  EXPECT_EQ(at(0.95), Big(10));
  EXPECT_EQ(One("approx_percentile", {{Dbl(0.5), Dbl(1.5)}, {Dbl(0.5), Dbl(0.5)}}), Dbl(0.5));
  EXPECT_TRUE(One("approx_percentile", {{Null(LogicalType::Double())}, {Dbl(0.5)}}).is_null());
  EXPECT_EQ(CodeOf([] { One("approx_percentile", {{Dbl(1)}, {Dbl(1.5)}}); }),
            ErrorCode::kInvalidInput);
}

TEST(AggregateTest, ApproxDistinctWithinItsErrorBound) {
  EXPECT_EQ(One("approx_distinct", {{kNullInt}}), Big(0));
  EXPECT_EQ(One("approx_distinct", {{Int(1), Int(1), Int(2)}}), Big(2));
  for (int n : {1000, 100000}) {
    std::vector<Value> values;
    for (int i = 0; i < n; ++i) values.push_back(Big(static_cast<int64_t>(i) * 7919));
    for (int i = 0; i < n; i += 3) values.push_back(Big(static_cast<int64_t>(i) * 7919));
    double estimate = static_cast<double>(One("approx_distinct", {values}, true).int_value());
    EXPECT_NEAR(estimate, n, n * 0.023 * 3) << n;  // three standard errors
  }
  std::vector<Value> strings;
  for (int i = 0; i < 5000; ++i) strings.push_back(Str("customer#" + std::to_string(i)));
  double estimate = static_cast<double>(One("approx_distinct", {strings}).int_value());
  EXPECT_NEAR(estimate, 5000, 5000 * 0.023 * 3);
}

TEST(AggregateTest, ResolutionErrors) {
  std::string message;
  EXPECT_EQ(CodeOf([] { ResolveAggregateFunction("sum", {LogicalType::Varchar()}); }, &message),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(message, "function sum(varchar) does not exist; candidates: sum(number)");
  EXPECT_EQ(CodeOf([] { ResolveAggregateFunction("summ", {LogicalType::Integer()}); }, &message),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(message, "unknown function 'summ'; did you mean 'sum'?");
  EXPECT_TRUE(IsAggregateFunction("count"));
  EXPECT_FALSE(IsAggregateFunction("length"));
}

}  // namespace
}  // namespace basin::sql::testing
