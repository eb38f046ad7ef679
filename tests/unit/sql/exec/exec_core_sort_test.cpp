#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <random>

#include "common/error.hpp"
#include "exec_core_test_util.hpp"

namespace basin::sql {
namespace {

using namespace testing;
using formats::FileFormat;

// Columns: i BIGINT (NULLs), s VARCHAR (long shared prefixes, NULLs), d DOUBLE, day DATE,
// big DECIMAL(20,2), flag BOOLEAN.
class SortTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::mt19937_64 random(42);
    for (int f = 0; f < 3; ++f) {
      std::vector<std::vector<Value>> rows;
      for (int r = 0; r < 30000; ++r) {
        int64_t x = static_cast<int64_t>(random() % 2000) - 1000;
        std::string s = "prefix-long-" + std::to_string(random() % 500);
        // Some share 8+ bytes past the common prefix and differ only at their end.
        if (random() % 3 == 0)
          s += "-tail-longer-" + std::string(1, static_cast<char>('a' + random() % 3));
        rows.push_back({
            random() % 17 == 0 ? Value::Null(LogicalType::BigInt()) : Value::BigInt(x),
            random() % 13 == 0 ? Value::Null(LogicalType::Varchar()) : Value::Varchar(s),
            Value::Double(static_cast<double>(static_cast<int64_t>(random() % 100000) - 50000) /
                          7.0),
            Value::Date(static_cast<int32_t>(random() % 40000) - 20000),
            Value::Decimal(
                LogicalType::Decimal(20, 2),
                static_cast<types::int128_t>(static_cast<int64_t>(random() % 1000000) - 500000) *
                    1000000000),
            Value::Boolean(random() % 2 == 0),
        });
      }
      WriteFile(dir.Path("s/f" + std::to_string(f) + ".parquet"), FileFormat::kParquet, names,
                types, rows, 7000);
      for (auto& row : rows) all.push_back(std::move(row));
    }
  }

  std::unique_ptr<LogicalOperator> SortPlan(std::vector<std::tuple<int, bool, bool>> keys,
                                            std::optional<int64_t> limit = std::nullopt,
                                            int64_t offset = 0) {
    auto scan = MakeScan(1, dir.Path("s"), LakeFormat::kParquet, names, types);
    auto sort = std::make_unique<LogicalSort>();
    sort->bindings = scan->bindings;
    sort->types = scan->types;
    for (auto [column, descending, nulls_first] : keys) {
      sort->order_by.push_back(
          {MakeColumn({1, static_cast<uint32_t>(column)}, types[column]), descending, nulls_first});
    }
    std::unique_ptr<LogicalOperator> plan = WithChild(std::move(sort), std::move(scan));
    if (limit || offset > 0) {
      auto op = std::make_unique<LogicalLimit>();
      op->bindings = plan->bindings;
      op->types = plan->types;
      op->limit = limit;
      op->offset = offset;
      plan = WithChild(std::move(op), std::move(plan));
    }
    return plan;
  }

  // Reference order from Values, independent of the engine.
  static int CompareValue(const Value& a, const Value& b) {
    switch (a.type().id()) {
      case types::TypeId::kVarchar:
        return a.string_value().compare(b.string_value()) < 0 ? -1
               : a.string_value() == b.string_value()         ? 0
                                                              : 1;
      case types::TypeId::kDouble:
        return a.double_value() < b.double_value() ? -1 : a.double_value() > b.double_value();
      case types::TypeId::kDecimal:
        return a.decimal_value() < b.decimal_value() ? -1 : a.decimal_value() > b.decimal_value();
      default: return a.int_value() < b.int_value() ? -1 : a.int_value() > b.int_value();
    }
  }
  void Check(const std::vector<std::tuple<int, bool, bool>>& keys, const QueryResult& result,
             size_t begin, size_t count) {
    auto expected = all;
    std::stable_sort(expected.begin(), expected.end(), [&](const auto& x, const auto& y) {
      for (auto [column, descending, nulls_first] : keys) {
        const Value& a = x[column];
        const Value& b = y[column];
        if (a.is_null() || b.is_null()) {
          if (a.is_null() && b.is_null()) continue;
          return a.is_null() == nulls_first;
        }
        int c = CompareValue(a, b);
        if (c != 0) return descending ? c > 0 : c < 0;
      }
      return false;
    });
    auto got = Rows(result);
    ASSERT_EQ(got.size(), std::min(count, expected.size() - std::min(begin, expected.size())));
    for (size_t r = 0; r < got.size(); ++r) {
      for (auto [column, descending, nulls_first] : keys) {
        ASSERT_EQ(got[r][column], expected[begin + r][column])
            << "row " << r << " column " << column;
      }
    }
  }

  TempDir dir;
  std::vector<std::string> names{"i", "s", "d", "day", "big", "flag"};
  std::vector<LogicalType> types{LogicalType::BigInt(),       LogicalType::Varchar(),
                                 LogicalType::Double(),       LogicalType::Date(),
                                 LogicalType::Decimal(20, 2), LogicalType::Boolean()};
  std::vector<std::vector<Value>> all;
};

TEST_F(SortTest, EveryTypeAscendingAndDescendingWithNullPlacement) {
  std::vector<std::vector<std::tuple<int, bool, bool>>> cases = {
      {{0, false, false}},
      {{0, true, true}},
      {{1, false, true}, {0, true, false}},
      {{1, true, false}, {3, false, false}},
      {{2, true, false}},
      {{3, false, false}},
      {{4, true, false}},
      {{5, false, false}, {2, false, false}},
  };
  for (const auto& keys : cases) {
    auto result = ExecutePlan(*SortPlan(keys), {}, nullptr);
    Check(keys, result, 0, SIZE_MAX);
  }
}

TEST_F(SortTest, TopNAndOffset) {
  std::vector<std::tuple<int, bool, bool>> keys{{1, true, true}, {2, false, false}};
  Check(keys, ExecutePlan(*SortPlan(keys, 25), {}, nullptr), 0, 25);
  Check(keys, ExecutePlan(*SortPlan(keys, 100, 5000), {}, nullptr), 5000, 100);
  Check(keys, ExecutePlan(*SortPlan(keys, 10, 89995), {}, nullptr), 89995, 10);
  std::string explain = ExplainPhysical(*SortPlan(keys, 25), nullptr);
  EXPECT_EQ(explain.rfind("TopN 25", 0), 0u) << explain;
}

TEST_F(SortTest, SortRespectsMemoryLimit) {
  ExecOptions options;
  options.memory_limit_bytes = 64 * 1024;
  try {
    ExecutePlan(*SortPlan({{0, false, false}}), options, nullptr);
    FAIL() << "expected ResourceExhausted";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kResourceExhausted);
    EXPECT_NE(std::string(error.what()).find("ORDER BY"), std::string::npos) << error.what();
  }
}

TEST_F(SortTest, FasterThanSortingValueRows) {
  std::vector<std::tuple<int, bool, bool>> keys{{1, false, false}, {0, true, false}};
  auto plan = SortPlan(keys);
  // Warm the file cache, then time the engine against std::sort over Value rows.
  ExecutePlan(*plan, {}, nullptr);
  auto start = std::chrono::steady_clock::now();
  auto result = ExecutePlan(*plan, {}, nullptr);
  auto engine = std::chrono::steady_clock::now() - start;
  auto rows = all;
  start = std::chrono::steady_clock::now();
  std::sort(rows.begin(), rows.end(), [](const auto& x, const auto& y) {
    if (x[1].is_null() != y[1].is_null()) return y[1].is_null();
    if (!x[1].is_null() && x[1] != y[1]) return x[1].string_value() < y[1].string_value();
    if (x[0].is_null() != y[0].is_null()) return y[0].is_null();
    return !x[0].is_null() && x[0].int_value() > y[0].int_value();
  });
  auto values = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(result.rows, rows.size());
  std::printf("engine scan+sort %.1f ms, std::sort on Value rows %.1f ms\n",
              std::chrono::duration<double, std::milli>(engine).count(),
              std::chrono::duration<double, std::milli>(values).count());
}

}  // namespace
}  // namespace basin::sql
