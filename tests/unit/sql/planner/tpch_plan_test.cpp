#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>
#include <iostream>

#include "sql/planner/plan_query.hpp"
#include "unit/sql/binder/test_catalog.hpp"
#include "unit/sql/tpch_query_file.hpp"

namespace basin::sql {
namespace {

using testing::ReadTpchQuery;
using testing::TestCatalog;

// Counts operators matching `match` in the plan.
int Count(const LogicalOperator& op, const std::function<bool(const LogicalOperator&)>& match) {
  int n = match(op) ? 1 : 0;
  for (const auto& child : op.children) n += Count(*child, match);
  return n;
}

bool IsCrossJoin(const LogicalOperator& op) {
  return op.kind == LogicalKind::kJoin && op.As<LogicalJoin>().join_kind == JoinKind::kCross;
}

bool IsJoinWithoutKeys(const LogicalOperator& op) {
  return op.kind == LogicalKind::kJoin && op.As<LogicalJoin>().left_keys.empty() &&
         op.As<LogicalJoin>().join_kind != JoinKind::kSingle;
}

// Plans `sql` and checks the shape every TPC-H plan must have: no cross join, every join with
// equality keys (but uncorrelated scalar subqueries, which are single joins on nothing).
void CheckPlan(int q, std::string_view sql) {
  static TestCatalog catalog;
  BindContext context(catalog.catalog(), "tpch");
  LogicalPtr plan;
  try {
    plan = PlanQuery(sql, context);
  } catch (const std::exception& error) {
    FAIL() << "Q" << q << ": " << error.what();
  }
  std::string explain = ExplainLogical(*plan);
  EXPECT_EQ(Count(*plan, IsCrossJoin), 0) << "Q" << q << "\n" << explain;
  EXPECT_EQ(Count(*plan, IsJoinWithoutKeys), 0) << "Q" << q << "\n" << explain;
  if (std::getenv("BASIN_PRINT_PLANS")) std::cout << "Q" << q << "\n" << explain;
}

class TpchPlanTest : public ::testing::TestWithParam<int> {};

// The query files the TPC-H comparison runs (tests/tpch/queries).
TEST_P(TpchPlanTest, BindsAndOptimizesWithoutCrossJoins) {
  std::string sql;
  ASSERT_NO_THROW(sql = ReadTpchQuery(GetParam()));
  CheckPlan(GetParam(), sql);
}

INSTANTIATE_TEST_SUITE_P(AllQueries, TpchPlanTest,
                         ::testing::Range(1, testing::kTpchQueryCount + 1));

}  // namespace
}  // namespace basin::sql
