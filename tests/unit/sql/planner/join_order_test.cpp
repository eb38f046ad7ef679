#include <filesystem>
#include <fstream>

#include "unit/sql/planner/planner_test_support.hpp"

namespace basin::sql {
namespace {

using testing::Find;
using testing::OptimizerTest;

TEST_F(OptimizerTest, CommaJoinsBecomeEquiJoinsWithTheSmallerSideBuilt) {
  LogicalPtr plan = Plan("SELECT label, x FROM small, big WHERE small.k = big.k AND x > 1");
  const auto* join = Find(*plan, LogicalKind::kJoin);
  ASSERT_NE(join, nullptr);
  std::string explain = ExplainLogical(*plan);
  EXPECT_EQ(join->As<LogicalJoin>().join_kind, JoinKind::kInner) << explain;
  ASSERT_EQ(join->As<LogicalJoin>().left_keys.size(), 1u) << explain;
  EXPECT_EQ(join->children[0]->As<LogicalScan>().source.table, "big") << explain;
  EXPECT_EQ(join->children[1]->As<LogicalScan>().source.table, "small") << explain;
  EXPECT_EQ(join->children[0]->As<LogicalScan>().filters.size(), 1u) << explain;
}

TEST_F(OptimizerTest, EstimatesComeFromTheCatalog) {
  LogicalPtr plan = Plan("SELECT k FROM big");
  EXPECT_EQ(Find(*plan, LogicalKind::kScan)->estimated_rows, 1000000);
  plan = Plan("SELECT k FROM big WHERE x > 1");
  EXPECT_LT(Find(*plan, LogicalKind::kScan)->estimated_rows, 1000000);
}

TEST_F(OptimizerTest, ChainsStartFromTheLargestTableAndBuildSmallerOnes) {
  LogicalPtr plan =
      Plan("SELECT label FROM small, mid, big WHERE small.k = big.k AND mid.k = big.k");
  std::string explain = ExplainLogical(*plan);
  const LogicalOperator* join = Find(*plan, LogicalKind::kJoin);
  ASSERT_NE(join, nullptr) << explain;
  // Left-deep: every join's right (build) side is a scan smaller than its left side.
  while (join->kind == LogicalKind::kJoin) {
    EXPECT_EQ(join->As<LogicalJoin>().left_keys.size(), 1u) << explain;
    ASSERT_EQ(join->children[1]->kind, LogicalKind::kScan) << explain;
    EXPECT_LE(join->children[1]->estimated_rows, join->children[0]->estimated_rows) << explain;
    join = join->children[0].get();
  }
  ASSERT_EQ(join->kind, LogicalKind::kScan) << explain;
  EXPECT_EQ(join->As<LogicalScan>().source.table, "big") << explain;
}

TEST_F(OptimizerTest, TablesWithoutStatisticsAreSizedFromTheirFiles) {
  catalog_->AddTable("tpch", "unsized", {{"a", "bigint"}, {"b", "string"}});
  std::filesystem::path folder = catalog_->home() / "lake" / "unsized";
  std::filesystem::create_directories(folder);
  {
    std::ofstream file(folder / "part-0.parquet", std::ios::binary);
    file << std::string(20000, 'x');
  }
  LogicalPtr plan = Plan("SELECT a FROM unsized");
  const auto& scan = Find(*plan, LogicalKind::kScan)->As<LogicalScan>();
  EXPECT_EQ(scan.source.size_bytes, 20000);
  EXPECT_EQ(scan.source.record_count, -1);  // still "not in the catalog"
  EXPECT_NEAR(scan.estimated_rows, 20000 / EstimatedRowWidth(scan.source), 1e-6);
  // A missing folder is no planning error.
  catalog_->AddTable("tpch", "nowhere", {{"a", "bigint"}});
  EXPECT_NO_THROW(Plan("SELECT a FROM nowhere"));
}

TEST_F(OptimizerTest, SelectiveDimensionsJoinFirst) {
  // mid keeps 5% of its rows (k = 7): joining it first shrinks big's stream the most, although
  // small is the smaller table.
  LogicalPtr plan = Plan(
      "SELECT label FROM small, mid, big WHERE small.k = big.k AND mid.y = big.x AND mid.k = 7");
  std::string explain = ExplainLogical(*plan);
  const LogicalOperator* join = Find(*plan, LogicalKind::kJoin);
  ASSERT_NE(join, nullptr) << explain;
  while (join->children[0]->kind == LogicalKind::kJoin) join = join->children[0].get();
  ASSERT_EQ(join->children[0]->kind, LogicalKind::kScan) << explain;
  EXPECT_EQ(join->children[0]->As<LogicalScan>().source.table, "big") << explain;
  ASSERT_EQ(join->children[1]->kind, LogicalKind::kScan) << explain;
  EXPECT_EQ(join->children[1]->As<LogicalScan>().source.table, "mid") << explain;
}

}  // namespace
}  // namespace basin::sql
