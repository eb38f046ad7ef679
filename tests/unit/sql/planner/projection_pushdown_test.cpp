#include "unit/sql/planner/planner_test_support.hpp"

namespace basin::sql {
namespace {

using testing::Find;
using testing::OptimizerTest;

TEST_F(OptimizerTest, ScansReadOnlyUsedColumns) {
  LogicalPtr plan = Plan("SELECT name FROM events WHERE v > 1");
  const auto& scan = Find(*plan, LogicalKind::kScan)->As<LogicalScan>();
  EXPECT_EQ(scan.projection, (std::vector<uint32_t>{1, 2}));
  ASSERT_EQ(scan.bindings.size(), 2u);
  EXPECT_EQ(scan.bindings[1].column, 2u);
  // count(*) needs no column: the narrowest one is read for the row count.
  plan = Plan("SELECT count(*) FROM events");
  const auto& count_scan = Find(*plan, LogicalKind::kScan)->As<LogicalScan>();
  EXPECT_EQ(count_scan.projection, (std::vector<uint32_t>{0}));
}

TEST_F(OptimizerTest, UnusedAggregatesAndProjectionsAreDropped) {
  LogicalPtr plan = Plan("SELECT a FROM (SELECT sum(v) AS a, max(name) AS b FROM events)");
  const auto& aggregate = Find(*plan, LogicalKind::kAggregate)->As<LogicalAggregate>();
  EXPECT_EQ(aggregate.aggregates.size(), 1u) << ExplainLogical(*plan);
  const auto& scan = Find(*plan, LogicalKind::kScan)->As<LogicalScan>();
  EXPECT_EQ(scan.projection, (std::vector<uint32_t>{2}));
}

}  // namespace
}  // namespace basin::sql
