#include "unit/sql/planner/planner_test_support.hpp"

namespace basin::sql {
namespace {

using testing::Find;
using testing::OptimizerTest;

TEST_F(OptimizerTest, ConstantsFold) {
  LogicalPtr plan = Plan("SELECT 1 + 2, 'a' || 'b', CAST('12' AS integer), NOT (1 = 2)");
  const auto& project = plan->As<LogicalProject>();
  ASSERT_EQ(project.expressions.size(), 4u);
  for (const auto& e : project.expressions) {
    ASSERT_EQ(e->kind, BoundExprKind::kConstant) << e->ToString();
  }
  EXPECT_EQ(project.expressions[0]->constant.int_value(), 3);
  EXPECT_EQ(project.expressions[1]->constant.string_value(), "ab");
  EXPECT_EQ(project.expressions[2]->constant.int_value(), 12);
  EXPECT_TRUE(project.expressions[3]->constant.bool_value());
}

TEST_F(OptimizerTest, FoldingLeavesErrorsForRuntime) {
  // 1/0 must fail only if a row evaluates it.
  LogicalPtr plan = Plan("SELECT CASE WHEN id > 0 THEN 1 / 0 ELSE 0 END FROM events");
  std::string explain = ExplainLogical(*plan);
  EXPECT_NE(explain.find("(1 / 0)"), std::string::npos) << explain;
}

TEST_F(OptimizerTest, FilterSimplification) {
  EXPECT_EQ(Explain("SELECT id FROM events WHERE 1 = 1 AND id > 3").find("Filter"),
            std::string::npos);
  LogicalPtr plan = Plan("SELECT id FROM events WHERE id > 3 AND 1 = 2");
  EXPECT_NE(Find(*plan, LogicalKind::kEmpty), nullptr) << ExplainLogical(*plan);
  EXPECT_EQ(Find(*plan, LogicalKind::kScan), nullptr) << ExplainLogical(*plan);
  plan = Plan("SELECT count(*) FROM events WHERE false");
  // The aggregate without groups still returns its one row over no input.
  ASSERT_NE(Find(*plan, LogicalKind::kAggregate), nullptr);
  EXPECT_NE(Find(*plan, LogicalKind::kEmpty), nullptr);
}

}  // namespace
}  // namespace basin::sql
