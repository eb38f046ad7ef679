// Split database scans: key ranges of an integer column read in parallel must return exactly
// the rows of an unsplit scan (NULLs of the split column included, pushed filters and
// projections kept, an empty table fine). Always against SQLite; against a PostgreSQL or
// MariaDB server too when tests/integration/scan_splits.sh gives one through
// BASIN_TEST_SPLIT_URL (jdbc URL), BASIN_TEST_SPLIT_USER, BASIN_TEST_SPLIT_PASSWORD_ENV and
// BASIN_TEST_SPLIT_SCHEMA, having created the same tables there.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <limits>

#include "catalog/catalog.hpp"
#include "common/error.hpp"
#include "exec_core_test_util.hpp"
#include "sql/exec/physical_planner.hpp"
#include "sql/exec/scan_database.hpp"
#include "sql/exec/scan_database_split.hpp"

namespace basin::sql {
namespace {

using namespace testing;

constexpr int kRows = 10000;

// split_t: id 1..kRows; k NULL on every 7th row, else spread over [-1000, 1000];
// empty_t: the same columns, no rows.
void CreateSqliteTables(const std::string& path) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  std::string sql =
      "CREATE TABLE split_t (id INTEGER PRIMARY KEY, k INTEGER, v VARCHAR(40));"
      "CREATE TABLE empty_t (id INTEGER PRIMARY KEY, k INTEGER, v VARCHAR(40));"
      "WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < " +
      std::to_string(kRows) +
      ") INSERT INTO split_t SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE i * 37 % 2001 - 1000 "
      "END, 'v' || i FROM g;";
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

class SplitScanTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    catalog_ = std::make_unique<catalog::Catalog>(dir_.Path("catalog.db"));
    catalog::Connection connection;
    connection.name = "source";
    if (GetParam() == "sqlite") {
      CreateSqliteTables(dir_.Path("source.db"));
      connection.url = "sqlite:" + dir_.Path("source.db");
      schema_ = "main";
    } else {
      const char* url = std::getenv("BASIN_TEST_SPLIT_URL");
      ASSERT_NE(url, nullptr);
      connection.url = url;
      connection.type = connection.url.find("postgresql") != std::string::npos
                            ? catalog::ConnectionType::kPostgreSql
                            : catalog::ConnectionType::kMySql;
      connection.user = Env("BASIN_TEST_SPLIT_USER");
      connection.password = {catalog::PasswordRef::Kind::kEnvironment,
                             Env("BASIN_TEST_SPLIT_PASSWORD_ENV")};
      connection.tls_mode = catalog::TlsMode::kDisable;
      schema_ = Env("BASIN_TEST_SPLIT_SCHEMA");
    }
    catalog_->CreateConnection(connection);
  }

  std::unique_ptr<LogicalScan> Scan(const std::string& table, std::vector<uint32_t> projection) {
    auto scan = std::make_unique<LogicalScan>();
    scan->table_index = 1;
    scan->source.kind = SourceKind::kDatabase;
    scan->source.database = "db";
    scan->source.table = table;
    scan->source.connection = "source";
    scan->source.source_table = schema_ + "." + table;
    scan->source.column_names = {"id", "k", "v"};
    scan->source.column_types = {LogicalType::BigInt(), LogicalType::BigInt(),
                                 LogicalType::Varchar()};
    scan->projection = projection;
    for (uint32_t p : projection) {
      scan->bindings.push_back({1, p});
      scan->types.push_back(scan->source.column_types[p]);
    }
    return scan;
  }

  static QuerySettings Split(const std::string& table, std::string column, int64_t splits) {
    QuerySettings settings;
    settings.database_scan_splits["db." + table] = {std::move(column), splits};
    return settings;
  }

  // The rows as sorted text lines, so split and unsplit results compare as multisets.
  std::vector<std::string> Lines(const LogicalScan& scan, QuerySettings settings) {
    ExecOptions options;
    options.threads = 4;
    options.settings = std::move(settings);
    std::vector<std::string> lines;
    for (const auto& row : Rows(ExecutePlan(scan, options, catalog_.get()))) {
      std::string line;
      for (const auto& value : row) line += value.ToString() + "|";
      lines.push_back(std::move(line));
    }
    std::sort(lines.begin(), lines.end());
    return lines;
  }

  // How many ranges the scan would read in parallel.
  size_t Ranges(const LogicalScan& scan, QuerySettings settings) {
    PlanningContext planning;
    planning.catalog = catalog_.get();
    PhysicalPtr op = MakeDatabaseScan(scan, planning);
    ExecContext context(0, 4);
    context.settings = std::move(settings);
    auto global = op->InitGlobalSource(context);
    return op->MaxParallelism(*global);
  }

  TempDir dir_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::string schema_;
};

TEST_P(SplitScanTest, RangesOfANullableColumnReturnTheRowsOfOneScan) {
  auto scan = Scan("split_t", {0, 1, 2});
  std::vector<std::string> whole = Lines(*scan, {});
  ASSERT_EQ(whole.size(), static_cast<size_t>(kRows));
  EXPECT_EQ(Ranges(*scan, Split("split_t", "k", 4)), 4u);
  EXPECT_EQ(Lines(*scan, Split("split_t", "k", 4)), whole);
  // More ranges than workers: workers take the next range when theirs ends.
  EXPECT_EQ(Lines(*scan, Split("split_t", "K", 13)), whole);
  size_t nulls = std::count_if(whole.begin(), whole.end(), [](const std::string& line) {
    return line.find("|NULL|") != std::string::npos;
  });
  EXPECT_EQ(nulls, static_cast<size_t>(kRows / 7));
}

TEST_P(SplitScanTest, PrimaryKeyRangesKeepPushedFiltersAndProjection) {
  auto scan = Scan("split_t", {2});
  // id >= 100 AND k < 0: the first is pushed to the server, both are evaluated here.
  scan->filters.push_back(Call("$ge", Args(MakeColumn({1, 0}, LogicalType::BigInt()),
                                           MakeConstant(Value::BigInt(100)))));
  scan->filters.push_back(Call("$lt", Args(MakeColumn({1, 1}, LogicalType::BigInt()),
                                           MakeConstant(Value::BigInt(0)))));
  std::vector<std::string> whole = Lines(*scan, {});
  EXPECT_GT(whole.size(), 1000u);
  EXPECT_LT(whole.size(), static_cast<size_t>(kRows) / 2);
  EXPECT_EQ(Ranges(*scan, Split("split_t", "", 3)), 3u);
  EXPECT_EQ(Lines(*scan, Split("split_t", "", 3)), whole);
  // One range per thread when the count is left to the engine.
  EXPECT_EQ(Ranges(*scan, Split("split_t", "", 0)), 4u);
  EXPECT_EQ(Lines(*scan, Split("split_t", "id", 0)), whole);
}

TEST_P(SplitScanTest, AnEmptyTableIsOneRangeOfNoRows) {
  auto scan = Scan("empty_t", {0, 1, 2});
  EXPECT_EQ(Ranges(*scan, Split("empty_t", "k", 4)), 1u);
  EXPECT_TRUE(Lines(*scan, Split("empty_t", "k", 4)).empty());
  EXPECT_TRUE(Lines(*scan, Split("empty_t", "", 4)).empty());
}

TEST_P(SplitScanTest, ProgressCountsTheRowsEverySplitRead) {
  auto scan = Scan("split_t", {0, 1, 2});
  QuerySettings settings = Split("split_t", "k", 3);
  auto progress = std::make_shared<QueryProgress>();
  settings.progress = progress;
  EXPECT_EQ(Lines(*scan, settings).size(), static_cast<size_t>(kRows));
  EXPECT_EQ(progress->rows_read.load(), kRows);
  // At least the ids' 8 bytes a row.
  EXPECT_GE(progress->bytes_read.load(), int64_t{8} * kRows);
  EXPECT_EQ(progress->rows_written.load(), 0);
}

TEST_P(SplitScanTest, SmallTablesAreNotSplitUnlessAsked) {
  EXPECT_EQ(Ranges(*Scan("split_t", {0}), {}), 1u);
}

TEST_P(SplitScanTest, ASplitColumnMustBeAnIntegerColumnOfTheTable) {
  auto scan = Scan("split_t", {0, 1, 2});
  for (const char* column : {"v", "no_such_column"}) {
    try {
      Lines(*scan, Split("split_t", column, 2));
      FAIL() << "expected an error for " << column;
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::kInvalidInput) << error.what();
      EXPECT_NE(std::string(error.what()).find(column), std::string::npos) << error.what();
    }
  }
  try {
    Lines(*scan, Split("split_t", "k", -1));
    FAIL() << "expected an error for -1 splits";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidInput) << error.what();
  }
}

// The server runs only where the integration script names one, so ctest lists no test that
// could only skip.
std::vector<std::string> Sources() {
  std::vector<std::string> sources = {"sqlite"};
  if (std::getenv("BASIN_TEST_SPLIT_URL") != nullptr) sources.push_back("server");
  return sources;
}
INSTANTIATE_TEST_SUITE_P(Sources, SplitScanTest, ::testing::ValuesIn(Sources()));

TEST(SplitBoundaries, CutTheRangeIntoNearlyEqualIncreasingParts) {
  struct Case {
    int64_t min, max, splits;
    size_t expected;
  };
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  for (Case c : {Case{1, 100, 4, 3}, Case{-1000, 1000, 7, 6}, Case{5, 7, 10, 2},
                 Case{3, 3, 4, 0}, Case{1, 2, 1, 0}, Case{kMin, kMax, 8, 7}, Case{kMin, kMin + 1, 2, 1}}) {
    std::vector<int64_t> bounds = SplitBoundaries(c.min, c.max, c.splits);
    ASSERT_EQ(bounds.size(), c.expected) << c.min << ".." << c.max << " / " << c.splits;
    int64_t previous = c.min;
    for (int64_t bound : bounds) {
      EXPECT_GT(bound, previous);  // no empty range, min in the first
      EXPECT_LE(bound, c.max);     // max in the last
      previous = bound;
    }
  }
  // Equal widths: 1..100 in 4 ranges of 25.
  EXPECT_EQ(SplitBoundaries(1, 100, 4), (std::vector<int64_t>{26, 51, 76}));
}

}  // namespace
}  // namespace basin::sql
