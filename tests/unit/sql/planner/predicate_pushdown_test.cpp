#include "unit/sql/planner/planner_test_support.hpp"

namespace basin::sql {
namespace {

using testing::Find;
using testing::OptimizerTest;

TEST_F(OptimizerTest, PredicatesReachTheScanThroughProjectionsAndGroups) {
  LogicalPtr plan = Plan(
      "SELECT * FROM (SELECT dt, id * 2 AS twice, sum(v) AS s FROM events GROUP BY dt, id * 2) "
      "WHERE dt = '2024-01-01' AND twice > 10 AND s > 1");
  const auto* scan = Find(*plan, LogicalKind::kScan);
  ASSERT_NE(scan, nullptr);
  std::string explain = ExplainLogical(*plan);
  ASSERT_EQ(scan->As<LogicalScan>().filters.size(), 2u) << explain;
  EXPECT_NE(explain.find("filters=[(dt#0.3 = '2024-01-01'), ((id#0.0 * bigint '2') > "),
            std::string::npos)
      << explain;
  // The condition on the aggregate stays above it.
  EXPECT_NE(explain.find("Filter (s"), std::string::npos) << explain;
}

TEST_F(OptimizerTest, LeftJoinKeepsLeftConditionsOnTheJoin) {
  std::string explain = Explain(
      "SELECT * FROM small LEFT JOIN big ON small.k = big.k AND small.label = 'a' "
      "AND big.x > 2 WHERE small.k > 1");
  // big.x > 2 narrows the right side; small.label = 'a' must not filter the left side.
  EXPECT_NE(explain.find("residual=(label#0.1 = 'a')"), std::string::npos) << explain;
  EXPECT_NE(explain.find("Scan tpch.big [parquet] columns=[k, x] filters=[(x#1.1 > "),
            std::string::npos)
      << explain;
  EXPECT_NE(explain.find("Scan tpch.small [parquet] columns=[k, label] filters=[(k#0.0 > "),
            std::string::npos)
      << explain;
}

TEST_F(OptimizerTest, OrWithCommonTermsFactorsOut) {
  std::string explain = Explain(
      "SELECT count(*) FROM small, big WHERE (small.k = big.k AND label = 'a' AND x > 1) OR "
      "(small.k = big.k AND label = 'b' AND x < 0)");
  EXPECT_NE(explain.find("keys=[k#1.0 = k#0.0]"), std::string::npos) << explain;
  // Each side gets the weaker condition it alone must meet.
  EXPECT_NE(explain.find("((label#0.1 = 'a') OR (label#0.1 = 'b'))"), std::string::npos) << explain;
}

TEST_F(OptimizerTest, SetOperationsReceivePushedFilters) {
  LogicalPtr plan =
      Plan("SELECT * FROM (SELECT k FROM small UNION ALL SELECT k FROM big) WHERE k = 5");
  std::string explain = ExplainLogical(*plan);
  EXPECT_EQ(explain.find("Filter"), std::string::npos) << explain;
  EXPECT_NE(explain.find("Scan tpch.small [parquet] columns=[k] filters="), std::string::npos)
      << explain;
  EXPECT_NE(explain.find("Scan tpch.big [parquet] columns=[k] filters="), std::string::npos)
      << explain;
}

TEST_F(OptimizerTest, SemiJoinsSinkToTheInputTheyFilter) {
  // The IN condition reads only big's column: it filters big before the join with small.
  LogicalPtr plan =
      Plan("SELECT label FROM small, big WHERE small.k = big.k AND big.x IN (SELECT y FROM mid)");
  std::string explain = ExplainLogical(*plan);
  const auto* inner = Find(*plan, LogicalKind::kJoin);
  ASSERT_NE(inner, nullptr) << explain;
  EXPECT_EQ(inner->As<LogicalJoin>().join_kind, JoinKind::kInner) << explain;
  bool semi_below = false;
  for (const auto& child : inner->children) {
    semi_below = semi_below || (child->kind == LogicalKind::kJoin &&
                                child->As<LogicalJoin>().join_kind == JoinKind::kSemi);
  }
  EXPECT_TRUE(semi_below) << explain;
}

TEST_F(OptimizerTest, NonDeterministicConditionsStayPut) {
  // A filter over a projection is substituted only when that keeps its meaning.
  std::string explain = Explain("SELECT * FROM (SELECT k, x FROM big) WHERE x > 1");
  EXPECT_EQ(explain.find("Filter"), std::string::npos) << explain;
}

}  // namespace
}  // namespace basin::sql
