#include <filesystem>
#include <fstream>

#include "columnar/data_chunk.hpp"
#include "formats/file_format.hpp"

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

// Writes `rows` rows (k = 0, 1, …, v = 2k) into the Parquet file `name` of table `table`'s
// folder, in row groups of 100.
void WriteNumbers(const std::filesystem::path& folder, const std::string& name, int64_t first,
                  size_t rows) {
  std::filesystem::create_directories(folder);
  types::Schema schema;
  schema.Add({"k", types::LogicalType::BigInt(), true});
  schema.Add({"v", types::LogicalType::BigInt(), true});
  formats::WriteOptions options;
  options.row_group_rows = 100;
  auto writer = formats::CreateFileWriter((folder / name).string(), formats::FileFormat::kParquet,
                                          schema, options);
  columnar::DataChunk chunk(schema, rows);
  chunk.SetSize(rows);
  for (size_t i = 0; i < rows; ++i) {
    chunk.column(0).data<int64_t>()[i] = first + static_cast<int64_t>(i);
    chunk.column(1).data<int64_t>()[i] = 2 * (first + static_cast<int64_t>(i));
  }
  writer->Write(chunk);
  writer->Finish();
}

TEST_F(OptimizerTest, ParquetFootersGiveRowCountsAndRangeSelectivity) {
  catalog_->AddTable("tpch", "numbers", {{"k", "bigint"}, {"v", "bigint"}});
  std::filesystem::path folder = catalog_->home() / "lake" / "numbers";
  WriteNumbers(folder, "part-0.parquet", 0, 600);
  WriteNumbers(folder, "part-1.parquet", 600, 400);
  LogicalPtr plan = Plan("SELECT v FROM numbers");
  const auto& scan = Find(*plan, LogicalKind::kScan)->As<LogicalScan>();
  EXPECT_EQ(scan.source.record_count, 1000);
  ASSERT_EQ(scan.source.column_ranges.size(), 2u);
  ASSERT_TRUE(scan.source.column_ranges[0].has_value());
  EXPECT_EQ(scan.source.column_ranges[0]->first, 0);
  EXPECT_EQ(scan.source.column_ranges[0]->second, 999);
  ASSERT_TRUE(scan.source.column_ranges[1].has_value());
  EXPECT_EQ(scan.source.column_ranges[1]->second, 1998);
  EXPECT_EQ(scan.estimated_rows, 1000);
  // Both bounds of one column together: a fifth of the range, either way round.
  plan = Plan("SELECT v FROM numbers WHERE k >= 100 AND 300 > k");
  EXPECT_NEAR(Find(*plan, LogicalKind::kScan)->estimated_rows, 1000 * 200.0 / 999, 1);
  plan = Plan("SELECT v FROM numbers WHERE v BETWEEN 0 AND 1800");
  EXPECT_NEAR(Find(*plan, LogicalKind::kScan)->estimated_rows, 1000 * 1800.0 / 1998, 1);
  plan = Plan("SELECT v FROM numbers WHERE k > 5000");
  EXPECT_LT(Find(*plan, LogicalKind::kScan)->estimated_rows, 1);
}

TEST_F(OptimizerTest, AWideRangeFilterKeepsTheLargerTableOnTheProbeSide) {
  // Fixed selectivities would put `wide` (2000 rows, a range keeping 90%) below `narrow` (1000
  // rows, unfiltered); its footers say it stays the larger input, so it is probed.
  catalog_->AddTable("tpch", "wide", {{"k", "bigint"}, {"v", "bigint"}});
  catalog_->AddTable("tpch", "narrow", {{"k", "bigint"}, {"v", "bigint"}});
  WriteNumbers(catalog_->home() / "lake" / "wide", "part-0.parquet", 0, 2000);
  WriteNumbers(catalog_->home() / "lake" / "narrow", "part-0.parquet", 0, 1000);
  LogicalPtr plan =
      Plan("SELECT wide.v FROM wide, narrow WHERE wide.k = narrow.k AND wide.v >= 100 "
           "AND wide.v <= 3700");
  std::string explain = ExplainLogical(*plan);
  const auto* join = Find(*plan, LogicalKind::kJoin);
  ASSERT_NE(join, nullptr) << explain;
  EXPECT_EQ(join->children[0]->As<LogicalScan>().source.table, "wide") << explain;
  EXPECT_EQ(join->children[1]->As<LogicalScan>().source.table, "narrow") << explain;
}

}  // namespace
}  // namespace basin::sql
