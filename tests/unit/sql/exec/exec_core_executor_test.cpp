#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "common/error.hpp"
#include "exec_core_test_util.hpp"

namespace basin::sql {
namespace {

using namespace testing;
using formats::FileFormat;

std::unique_ptr<LogicalOperator> Filter(std::unique_ptr<LogicalOperator> child,
                                        std::vector<BoundExprPtr> conjuncts) {
  auto filter = std::make_unique<LogicalFilter>();
  filter->bindings = child->bindings;
  filter->types = child->types;
  filter->conjuncts = std::move(conjuncts);
  return WithChild(std::move(filter), std::move(child));
}

std::unique_ptr<LogicalOperator> Project(std::unique_ptr<LogicalOperator> child, uint32_t index,
                                         std::vector<BoundExprPtr> expressions) {
  auto project = std::make_unique<LogicalProject>();
  project->table_index = index;
  for (uint32_t i = 0; i < expressions.size(); ++i) {
    project->bindings.push_back({index, i});
    project->types.push_back(expressions[i]->type);
  }
  project->expressions = std::move(expressions);
  return WithChild(std::move(project), std::move(child));
}

std::unique_ptr<LogicalOperator> Limit(std::unique_ptr<LogicalOperator> child,
                                       std::optional<int64_t> limit, int64_t offset = 0) {
  auto op = std::make_unique<LogicalLimit>();
  op->bindings = child->bindings;
  op->types = child->types;
  op->limit = limit;
  op->offset = offset;
  return WithChild(std::move(op), std::move(child));
}

BoundExprPtr Col(uint32_t table, uint32_t column, LogicalType type) {
  return MakeColumn({table, column}, std::move(type));
}
BoundExprPtr Big(int64_t v) { return MakeConstant(Value::BigInt(v)); }

// 1000 rows in 4 Parquet files of 250 rows, row groups of 100: id 0..999, grp id % 7,
// name "n<id>" (NULL when id % 10 == 0).
class LakeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int f = 0; f < 4; ++f) {
      std::vector<std::vector<Value>> rows;
      for (int i = f * 250; i < (f + 1) * 250; ++i) {
        rows.push_back({Value::BigInt(i), Value::Int(i % 7),
                        i % 10 == 0 ? Value::Null(LogicalType::Varchar())
                                    : Value::Varchar("n" + std::to_string(i))});
      }
      WriteFile(dir.Path("t/part-" + std::to_string(f) + ".parquet"), FileFormat::kParquet, names,
                types, rows, 100);
    }
  }
  std::unique_ptr<LogicalScan> Scan(std::vector<uint32_t> projection = {}) {
    return MakeScan(1, dir.Path("t"), LakeFormat::kParquet, names, types, 0, projection);
  }
  TempDir dir;
  std::vector<std::string> names{"id", "grp", "name"};
  std::vector<LogicalType> types{LogicalType::BigInt(), LogicalType::Integer(),
                                 LogicalType::Varchar()};
};

TEST(Executor, ValuesFilterProject) {
  auto values = std::make_unique<LogicalValues>();
  values->table_index = 1;
  values->bindings = {{1, 0}, {1, 1}};
  values->types = {LogicalType::BigInt(), LogicalType::Varchar()};
  for (int i = 0; i < 5; ++i) {
    std::vector<BoundExprPtr> row;
    row.push_back(Big(i));
    row.push_back(MakeConstant(i == 3 ? Value::Null(LogicalType::Varchar())
                                      : Value::Varchar("v" + std::to_string(i))));
    values->rows.push_back(std::move(row));
  }
  auto plan = Project(
      Filter(std::move(values), Args(Call("$gt", Args(Col(1, 0, LogicalType::BigInt()), Big(1))))),
      2,
      Args(Col(1, 1, LogicalType::Varchar()),
           Call("$multiply", Args(Col(1, 0, LogicalType::BigInt()), Big(10)))));
  plan->names = {"s", "x"};
  QueryResult result = ExecutePlan(*plan, {}, nullptr);
  auto rows = Rows(result);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(result.names, (std::vector<std::string>{"s", "x"}));
  std::sort(rows.begin(), rows.end(),
            [](auto& a, auto& b) { return a[1].int_value() < b[1].int_value(); });
  EXPECT_EQ(rows[0][0], Value::Varchar("v2"));
  EXPECT_EQ(rows[0][1], Value::BigInt(20));
  EXPECT_TRUE(rows[1][0].is_null());
  EXPECT_EQ(rows[2][1], Value::BigInt(40));
  EXPECT_EQ(result.rows, 3u);
}

TEST(Executor, EmptyRelationAndSelectWithoutFrom) {
  auto empty = std::make_unique<LogicalEmpty>();
  empty->bindings = {{1, 0}};
  empty->types = {LogicalType::BigInt()};
  EXPECT_EQ(ExecutePlan(*empty, {}, nullptr).rows, 0u);

  auto one = std::make_unique<LogicalValues>();
  one->rows.emplace_back();
  auto plan = Project(std::move(one), 3, Args(Call("$add", Args(Big(1), Big(2)))));
  auto rows = Rows(ExecutePlan(*plan, {}, nullptr));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], Value::BigInt(3));
}

TEST_F(LakeTest, ParquetScanWithFilterAndProjection) {
  auto scan = Scan({2, 0});
  scan->filters.push_back(Call("$lt", Args(Col(1, 0, LogicalType::BigInt()), Big(150))));
  scan->filters.push_back(
      Call("$eq", Args(Col(1, 1, LogicalType::Integer()), MakeConstant(Value::Int(3)))));
  QueryResult result = ExecutePlan(*scan, {}, nullptr);
  auto rows = Rows(result);
  std::vector<int64_t> ids;
  for (auto& row : rows) {
    ASSERT_EQ(row.size(), 2u);
    ids.push_back(row[1].int_value());
    if (row[1].int_value() % 10 == 0) {
      EXPECT_TRUE(row[0].is_null());
    } else {
      EXPECT_EQ(row[0], Value::Varchar("n" + std::to_string(row[1].int_value())));
    }
  }
  std::sort(ids.begin(), ids.end());
  std::vector<int64_t> expected;
  for (int64_t i = 0; i < 150; ++i) {
    if (i % 7 == 3) expected.push_back(i);
  }
  EXPECT_EQ(ids, expected);
  EXPECT_GT(result.bytes_scanned, 0u);
  // Statistics rule out every row group but the first two.
  std::string explain = ExplainAnalyze(*Scan(), {}, nullptr);
  EXPECT_NE(explain.find("4 files"), std::string::npos) << explain;
}

TEST_F(LakeTest, RowGroupsSkippedByStatisticsReadFewerBytes) {
  auto all = ExecutePlan(*Scan({0}), {}, nullptr);
  auto scan = Scan({0});
  scan->filters.push_back(Call("$ge", Args(Col(1, 0, LogicalType::BigInt()), Big(900))));
  auto some = ExecutePlan(*scan, {}, nullptr);
  EXPECT_EQ(all.rows, 1000u);
  EXPECT_EQ(some.rows, 100u);
  EXPECT_LT(some.bytes_scanned, all.bytes_scanned);
}

TEST_F(LakeTest, CastsFileColumnsToTableTypesAndMissingColumnsAreNull) {
  std::vector<std::string> table_names{"id", "grp", "name", "extra"};
  std::vector<LogicalType> table_types{LogicalType::BigInt(), LogicalType::BigInt(),
                                       LogicalType::Varchar(), LogicalType::Double()};
  auto scan = MakeScan(1, dir.Path("t"), LakeFormat::kParquet, table_names, table_types, 0, {1, 3});
  auto result = ExecutePlan(*scan, {}, nullptr);
  ASSERT_EQ(result.rows, 1000u);
  EXPECT_EQ(result.chunks[0].column(0).type(), LogicalType::BigInt());
  int64_t sum = 0;
  for (auto& row : Rows(result)) {
    sum += row[0].int_value();
    EXPECT_TRUE(row[1].is_null());
  }
  int64_t expected = 0;
  for (int i = 0; i < 1000; ++i) expected += i % 7;
  EXPECT_EQ(sum, expected);
}

TEST_F(LakeTest, LimitStopsEarly) {
  auto plan = Limit(Scan(), 5);
  ExecOptions options;
  options.threads = 1;
  auto result = ExecutePlan(*plan, options, nullptr);
  EXPECT_EQ(result.rows, 5u);
  std::string explain = ExplainAnalyze(*Limit(Scan(), 5), options, nullptr);
  // The scan stopped after its first row group.
  EXPECT_NE(explain.find("LakeScan db.t1 [parquet, 4 files] [id, grp, name]  (rows 100,"),
            std::string::npos)
      << explain;
  auto offset = ExecutePlan(*Limit(Scan(), 10, 995), {}, nullptr);
  EXPECT_EQ(offset.rows, 5u);
  auto exact = ExecutePlan(*Limit(Scan(), 333), {}, nullptr);
  EXPECT_EQ(exact.rows, 333u);
}

TEST_F(LakeTest, HiddenAndEmptyFilesAreSkipped) {
  std::ofstream(dir.Path("t/_SUCCESS")) << "garbage";
  std::filesystem::create_directories(dir.Path("t/.hidden"));
  std::ofstream(dir.Path("t/.hidden/x.parquet")) << "garbage";
  std::ofstream(dir.Path("t/empty.parquet")).close();
  EXPECT_EQ(ExecutePlan(*Scan(), {}, nullptr).rows, 1000u);
}

TEST_F(LakeTest, CorruptFileErrorNamesTheFile) {
  std::ofstream(dir.Path("t/zzz.parquet")) << "this is not a parquet file at all";
  try {
    ExecutePlan(*Scan(), {}, nullptr);
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kCorrupt);
    EXPECT_NE(std::string(error.what()).find("zzz.parquet"), std::string::npos) << error.what();
  }
}

TEST_F(LakeTest, ErrorInOneWorkerSurfacesOnce) {
  // 100 / (id - 500) divides by zero in exactly one row of one file.
  auto plan = Project(
      Scan(), 2,
      Args(Call("$divide", Args(Big(100), Call("$subtract", Args(Col(1, 0, LogicalType::BigInt()),
                                                                 Big(500)))))));
  try {
    ExecutePlan(*plan, {}, nullptr);
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidInput) << error.what();
  }
}

TEST_F(LakeTest, MemoryLimitIsResourceExhausted) {
  ExecOptions options;
  options.memory_limit_bytes = 1000;
  try {
    ExecutePlan(*Scan(), options, nullptr);
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kResourceExhausted) << error.what();
  }
}

TEST_F(LakeTest, CancelledQueryFailsWithCancelled) {
  std::atomic<bool> cancel{false};
  ExecOptions options;
  options.cancel = &cancel;
  options.threads = 1;
  try {
    ExecutePlanStreaming(*Scan(), options, nullptr, [&](columnar::DataChunk&) { cancel = true; });
    FAIL() << "expected Cancelled";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kCancelled);
  }
}

TEST_F(LakeTest, StreamingCallbackSeesEveryRow) {
  uint64_t rows = 0;
  auto result = ExecutePlanStreaming(*Scan(), {}, nullptr,
                                     [&](columnar::DataChunk& chunk) { rows += chunk.size(); });
  EXPECT_EQ(rows, 1000u);
  EXPECT_TRUE(result.chunks.empty());
}

TEST_F(LakeTest, UnionAllRunsEveryChild) {
  auto set = std::make_unique<LogicalSetOperation>();
  set->op = SetOperationKind::kUnion;
  set->all = true;
  set->table_index = 9;
  set->bindings = {{9, 0}};
  set->types = {LogicalType::BigInt()};
  set->children.push_back(Scan({0}));
  auto other = MakeScan(2, dir.Path("t"), LakeFormat::kParquet, names, types, 0, {0});
  set->children.push_back(std::move(other));
  EXPECT_EQ(ExecutePlan(*set, {}, nullptr).rows, 2000u);
}

TEST(Executor, CsvAndJsonScans) {
  TempDir dir;
  std::vector<std::string> names{"a", "b"};
  std::vector<LogicalType> types{LogicalType::Integer(), LogicalType::Varchar()};
  std::vector<std::vector<Value>> rows{{Value::Int(1), Value::Varchar("x")},
                                       {Value::Null(LogicalType::Integer()), Value::Varchar("y")},
                                       {Value::Int(3), Value::Null(LogicalType::Varchar())}};
  WriteFile(dir.Path("csv/a.csv"), FileFormat::kCsv, names, types, rows);
  WriteFile(dir.Path("csv/b.csv"), FileFormat::kCsv, names, types, rows);
  std::ofstream(dir.Path("csv/empty.csv")).close();
  WriteFile(dir.Path("json/a.json"), FileFormat::kJson, names, types, rows);
  for (LakeFormat format : {LakeFormat::kCsv, LakeFormat::kJson}) {
    std::string location = dir.Path(format == LakeFormat::kCsv ? "csv" : "json");
    // Table types differ from the file's: b read as varchar, a as bigint.
    auto scan = MakeScan(1, location, format, names,
                         {LogicalType::BigInt(), LogicalType::Varchar()}, 0, {1, 0});
    if (format == LakeFormat::kCsv) scan->source.serde_parameters["field.delim"] = ",";
    auto result = ExecutePlan(*scan, {}, nullptr);
    auto got = Rows(result);
    size_t copies = format == LakeFormat::kCsv ? 2 : 1;
    ASSERT_EQ(got.size(), 3 * copies);
    int64_t sum = 0;
    size_t nulls = 0;
    for (auto& row : got) {
      if (row[1].is_null()) {
        ++nulls;
      } else {
        sum += row[1].int_value();
      }
    }
    EXPECT_EQ(sum, 4 * static_cast<int64_t>(copies));
    EXPECT_EQ(nulls, copies);
    EXPECT_GT(result.bytes_scanned, 0u);
  }
}

TEST(Executor, BadCsvValueNamesTheFile) {
  TempDir dir;
  std::filesystem::create_directories(dir.Path("csv"));
  std::ofstream(dir.Path("csv/good.csv")) << "1,a\n2,b\n";
  std::ofstream(dir.Path("csv/bad.csv")) << "1,a\nseven,b\n";
  auto scan = MakeScan(1, dir.Path("csv"), LakeFormat::kCsv, {"n", "s"},
                       {LogicalType::Integer(), LogicalType::Varchar()});
  scan->source.serde_parameters["field.delim"] = ",";
  try {
    ExecutePlan(*scan, {}, nullptr);
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidInput) << error.what();
    EXPECT_NE(std::string(error.what()).find("bad.csv"), std::string::npos) << error.what();
  }
}

TEST(Executor, PartitionsArePrunedByFilters) {
  TempDir dir;
  std::vector<std::string> names{"v", "year", "region"};
  std::vector<LogicalType> types{LogicalType::BigInt(), LogicalType::Integer(),
                                 LogicalType::Varchar()};
  int written = 0;
  for (int year : {2021, 2022, 2023}) {
    for (std::string region : {"eu", "us"}) {
      std::vector<std::vector<Value>> rows;
      for (int i = 0; i < 10; ++i) rows.push_back({Value::BigInt(year * 100 + i)});
      WriteFile(dir.Path("p/year=" + std::to_string(year) + "/region=" + region + "/f.parquet"),
                FileFormat::kParquet, {"v"}, {LogicalType::BigInt()}, rows);
      ++written;
    }
  }
  auto scan = MakeScan(1, dir.Path("p"), LakeFormat::kParquet, names, types, 2, {0, 2, 1});
  scan->filters.push_back(
      Call("$ge", Args(Col(1, 1, LogicalType::Integer()), MakeConstant(Value::Int(2022)))));
  scan->filters.push_back(
      Call("$eq", Args(Col(1, 2, LogicalType::Varchar()), MakeConstant(Value::Varchar("us")))));
  std::string explain = ExplainPhysical(*scan, nullptr);
  EXPECT_NE(explain.find("2 files, partitions 2/6"), std::string::npos) << explain;
  auto rows = Rows(ExecutePlan(*scan, {}, nullptr));
  ASSERT_EQ(rows.size(), 20u);
  for (auto& row : rows) {
    EXPECT_EQ(row[1], Value::Varchar("us"));
    EXPECT_GE(row[2].int_value(), 2022);
    EXPECT_EQ(row[0].int_value() / 100, row[2].int_value());
  }
  // A filter mixing data and partition columns is evaluated on the rows.
  auto mixed = MakeScan(1, dir.Path("p"), LakeFormat::kParquet, names, types, 2, {0});
  mixed->filters.push_back(Call(
      "$eq", Args(Call("$subtract",
                       Args(Col(1, 0, LogicalType::BigInt()),
                            MakeCast(Col(1, 1, LogicalType::Integer()), LogicalType::BigInt()))),
                  Big(202100 - 2021 + 5))));
  EXPECT_EQ(Rows(ExecutePlan(*mixed, {}, nullptr)).size(), 2u);
}

}  // namespace
}  // namespace basin::sql

namespace basin::sql {
namespace {

using namespace testing;

std::unique_ptr<LogicalValues> IntValues(uint32_t index, std::vector<std::optional<int64_t>> keys) {
  auto values = std::make_unique<LogicalValues>();
  values->table_index = index;
  values->bindings = {{index, 0}, {index, 1}};
  values->types = {LogicalType::BigInt(), LogicalType::BigInt()};
  for (size_t i = 0; i < keys.size(); ++i) {
    std::vector<BoundExprPtr> row;
    row.push_back(
        MakeConstant(keys[i] ? Value::BigInt(*keys[i]) : Value::Null(LogicalType::BigInt())));
    row.push_back(MakeConstant(Value::BigInt(static_cast<int64_t>(index * 100 + i))));
    values->rows.push_back(std::move(row));
  }
  return values;
}

// The executor runs a join's build pipeline before its probe pipeline, and a RIGHT join's
// unmatched build rows after every probe worker finished.
TEST(Executor, JoinPipelinesRunInDependencyOrder) {
  for (JoinKind kind : {JoinKind::kInner, JoinKind::kRight}) {
    auto join = std::make_unique<LogicalJoin>();
    join->join_kind = kind;
    join->children.push_back(IntValues(1, {1, 2, 2, std::nullopt, 5}));
    join->children.push_back(IntValues(2, {2, 3, 5, std::nullopt}));
    join->left_keys.push_back(MakeColumn({1, 0}, LogicalType::BigInt()));
    join->right_keys.push_back(MakeColumn({2, 0}, LogicalType::BigInt()));
    join->null_equal.push_back(false);
    join->bindings = {{1, 0}, {1, 1}, {2, 0}, {2, 1}};
    join->types.assign(4, LogicalType::BigInt());
    auto rows = Rows(ExecutePlan(*join, {}, nullptr));
    size_t matched = 0, unmatched = 0;
    for (auto& row : rows) {
      if (row[0].is_null()) {
        ++unmatched;
        EXPECT_TRUE(row[2].is_null() || row[2] == Value::BigInt(3));
      } else {
        ++matched;
        EXPECT_EQ(row[0], row[2]);
      }
    }
    EXPECT_EQ(matched, 3u);                                    // 2, 2, 5
    EXPECT_EQ(unmatched, kind == JoinKind::kRight ? 2u : 0u);  // 3 and NULL
  }
}

}  // namespace
}  // namespace basin::sql

#include "catalog/catalog.hpp"

namespace basin::sql {
namespace {

using namespace testing;

// With a catalog, partitions are the registered ones, at their own locations.
TEST(Executor, PartitionsComeFromTheCatalog) {
  TempDir dir;
  catalog::Catalog catalog(dir.Path("catalog.db"));
  catalog::Database database;
  database.name = "db";
  catalog.CreateDatabase(database);
  catalog::Table table;
  table.name = "t1";
  table.storage_descriptor.location = dir.Path("t");
  table.storage_descriptor.columns = {{"v", "bigint", "", {}}};
  table.partition_keys = {{"year", "int", "", {}}};
  catalog.CreateTable("db", table);
  for (int year : {2021, 2022, 2023}) {
    WriteFile(dir.Path("elsewhere/y" + std::to_string(year) + "/f.parquet"),
              formats::FileFormat::kParquet, {"v"}, {LogicalType::BigInt()},
              {{Value::BigInt(year)}});
    if (year == 2023) continue;  // on disk but not registered: not part of the table
    catalog::Partition partition;
    partition.values = {std::to_string(year)};
    partition.storage_descriptor = table.storage_descriptor;
    partition.storage_descriptor.location = dir.Path("elsewhere/y" + std::to_string(year));
    catalog.CreatePartition("db", "t1", partition);
  }
  auto scan = MakeScan(1, dir.Path("t"), LakeFormat::kParquet, {"v", "year"},
                       {LogicalType::BigInt(), LogicalType::Integer()}, 1);
  auto rows = Rows(ExecutePlan(*scan, {}, &catalog));
  ASSERT_EQ(rows.size(), 2u);
  for (auto& row : rows) EXPECT_EQ(row[0].int_value(), row[1].int_value());
  scan->filters.push_back(Call(
      "$lt", Args(MakeColumn({1, 1}, LogicalType::Integer()), MakeConstant(Value::Int(2022)))));
  EXPECT_NE(ExplainPhysical(*scan, &catalog).find("1 files, partitions 1/2"), std::string::npos);
  rows = Rows(ExecutePlan(*scan, {}, &catalog));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][1], Value::Int(2021));
}

}  // namespace
}  // namespace basin::sql

#include <sqlite3.h>

namespace basin::sql {
namespace {

using namespace testing;

TEST(Executor, DatabaseTableScansThroughItsConnection) {
  TempDir dir;
  std::string db_path = dir.Path("movies.db");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TABLE film (film_id INTEGER, title TEXT, rate REAL);"
                         "INSERT INTO film VALUES (1, 'ACADEMY', 0.99), (2, 'ACE', NULL),"
                         " (3, NULL, 2.99);",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  catalog::Catalog catalog(dir.Path("catalog.db"));
  catalog::Connection connection;
  connection.name = "movies";
  connection.type = catalog::ConnectionType::kSqlite;
  connection.url = "sqlite:" + db_path;
  catalog.CreateConnection(connection);

  auto scan = std::make_unique<LogicalScan>();
  scan->table_index = 1;
  scan->source.kind = SourceKind::kDatabase;
  scan->source.database = "db";
  scan->source.table = "film";
  scan->source.connection = "movies";
  scan->source.source_table = "main.film";
  scan->source.column_names = {"film_id", "title", "rate"};
  scan->source.column_types = {LogicalType::BigInt(), LogicalType::Varchar(),
                               LogicalType::Double()};
  scan->projection = {1, 2};
  scan->bindings = {{1, 1}, {1, 2}};
  scan->types = {LogicalType::Varchar(), LogicalType::Double()};
  scan->filters.push_back(
      Call("$ge", Args(MakeColumn({1, 0}, LogicalType::BigInt()), MakeConstant(Value::BigInt(2)))));
  auto rows = Rows(ExecutePlan(*scan, {}, &catalog));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0], Value::Varchar("ACE"));
  EXPECT_TRUE(rows[0][1].is_null());
  EXPECT_TRUE(rows[1][0].is_null());
  EXPECT_EQ(rows[1][1], Value::Double(2.99));

  scan->source.source_table = "main.no_such_table";
  try {
    ExecutePlan(*scan, {}, &catalog);
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kNotFound) << error.what();
    EXPECT_NE(std::string(error.what()).find("movies"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace basin::sql
