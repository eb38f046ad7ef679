#include "unit/sql/planner/planner_test_support.hpp"

namespace basin::sql {
namespace {

using testing::Find;
using testing::OptimizerTest;

// The semi join the rule put into the aggregate's input, or null.
const LogicalJoin* ReducingSemiJoin(const LogicalOperator& plan) {
  const LogicalOperator* aggregate = Find(plan, LogicalKind::kAggregate);
  // The outermost aggregate may be the query's own (count(*)): look for a grouped one.
  while (aggregate && aggregate->As<LogicalAggregate>().groups.empty()) {
    aggregate = Find(*aggregate->children[0], LogicalKind::kAggregate);
  }
  if (!aggregate) return nullptr;
  const LogicalOperator* join = Find(*aggregate->children[0], LogicalKind::kJoin);
  while (join && join->As<LogicalJoin>().join_kind != JoinKind::kSemi) {
    const LogicalOperator* next = nullptr;
    for (const auto& child : join->children) {
      if (!next) next = Find(*child, LogicalKind::kJoin);
    }
    join = next;
  }
  return join ? &join->As<LogicalJoin>() : nullptr;
}

TEST_F(OptimizerTest, CorrelatedAggregateGroupsOnlyTheOuterKeys) {
  LogicalPtr plan = Plan(
      "SELECT count(*) FROM big, small WHERE big.k = small.k AND small.label = 'a' AND "
      "big.x < (SELECT avg(b2.x) FROM big b2 WHERE b2.k = small.k)");
  std::string explain = ExplainLogical(*plan);
  const LogicalJoin* semi = ReducingSemiJoin(*plan);
  ASSERT_NE(semi, nullptr) << explain;
  // The keys come from the filtered small table alone, not from its join with big.
  const LogicalOperator* keys = semi->children[1].get();
  ASSERT_EQ(keys->kind, LogicalKind::kScan) << explain;
  EXPECT_EQ(keys->As<LogicalScan>().source.table, "small");
  EXPECT_EQ(keys->As<LogicalScan>().filters.size(), 1u) << explain;
  // And it filters the subquery's big scan below the aggregate.
  const LogicalOperator* input = semi->children[0].get();
  ASSERT_EQ(input->kind, LogicalKind::kScan) << explain;
  EXPECT_EQ(input->As<LogicalScan>().source.table, "big");
}

TEST_F(OptimizerTest, JoinWithGroupedDerivedTableIsReducedByTheFilteredSide) {
  LogicalPtr plan = Plan(
      "SELECT s.label, g.total FROM small s JOIN (SELECT k, sum(x) AS total FROM big GROUP BY k) "
      "g ON s.k = g.k WHERE s.label = 'a'");
  ASSERT_NE(ReducingSemiJoin(*plan), nullptr) << ExplainLogical(*plan);
}

TEST_F(OptimizerTest, MultiKeyCorrelationReducesOnEveryKey) {
  LogicalPtr plan = Plan(
      "SELECT ps_suppkey FROM partsupp, part WHERE ps_partkey = p_partkey AND p_size = 3 AND "
      "ps_availqty > (SELECT sum(l_quantity) FROM lineitem WHERE l_partkey = ps_partkey AND "
      "l_suppkey = ps_suppkey)");
  std::string explain = ExplainLogical(*plan);
  const LogicalJoin* semi = ReducingSemiJoin(*plan);
  ASSERT_NE(semi, nullptr) << explain;
  EXPECT_EQ(semi->left_keys.size(), 2u) << explain;
}

TEST_F(OptimizerTest, UnrestrictedOuterTableIsNotReduced) {
  // Every key of small may match: a semi join would only cost.
  LogicalPtr plan =
      Plan("SELECT count(*) FROM small WHERE small.k < (SELECT count(*) FROM big WHERE big.k = "
           "small.k)");
  EXPECT_EQ(ReducingSemiJoin(*plan), nullptr) << ExplainLogical(*plan);
}

TEST_F(OptimizerTest, OuterJoinKeepingTheGroupsIsNotReduced) {
  // A right join outputs every group, matched or not: none may be dropped.
  LogicalPtr plan = Plan(
      "SELECT s.label, g.total FROM small s RIGHT JOIN (SELECT k, sum(x) AS total FROM big GROUP "
      "BY k) g ON s.k = g.k AND s.label = 'a'");
  EXPECT_EQ(ReducingSemiJoin(*plan), nullptr) << ExplainLogical(*plan);
}

TEST_F(OptimizerTest, NonDeterministicOuterFilterIsNotCopied) {
  // A copy of `random() < 0.5` would keep other rows than the outer side keeps.
  LogicalPtr plan = Plan(
      "SELECT s.label, g.total FROM (SELECT * FROM small WHERE random() < 0.5) s JOIN "
      "(SELECT k, sum(x) AS total FROM big GROUP BY k) g ON s.k = g.k");
  std::string explain = ExplainLogical(*plan);
  ASSERT_NE(explain.find("random"), std::string::npos) << explain;
  EXPECT_EQ(ReducingSemiJoin(*plan), nullptr) << explain;
}

}  // namespace
}  // namespace basin::sql
