#include "sql/binder/binder.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "sql/parser/parser.hpp"
#include "unit/sql/binder/test_catalog.hpp"

namespace basin::sql {
namespace {

using testing::TestCatalog;
using types::LogicalType;

class BinderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    catalog_ = new TestCatalog();
    catalog_->AddTable("tpch", "events", {{"id", "bigint"}, {"name", "string"}, {"v", "double"}},
                       1000, "csv", {{"dt", "string"}});
    catalog_->AddTable("tpch", "c", {{"id", "int"}, {"cname", "string"}});
    catalog_->AddTable("tpch", "o", {{"id", "int"}, {"amount", "decimal(10,2)"}});
    catalog_->AddTable("tpch", "dept", {{"id", "int"}, {"title", "string"}});
    catalog_->AddTable("tpch", "emp", {{"dept", "int"}, {"salary", "int"}});
    catalog_->AddView("tpch", "big_orders", "SELECT id, amount FROM o WHERE amount > 100");
    catalog_->AddView("tpch", "loop_a", "SELECT * FROM loop_b");
    catalog_->AddView("tpch", "loop_b", "SELECT * FROM loop_a");
  }
  static void TearDownTestSuite() {
    delete catalog_;
    catalog_ = nullptr;
  }

  LogicalPtr Bind(const std::string& sql) {
    context_ = std::make_unique<BindContext>(catalog_->catalog(), "tpch");
    sql_ = sql;
    context_->set_sql(sql_);
    StatementPtr statement = ParseStatement(sql_);
    return BindQuery(statement->As<QueryStatement>(), *context_);
  }

  std::string Explain(const std::string& sql) { return ExplainLogical(*Bind(sql)); }

  // The message of the error binding `sql` throws, or "" when it binds.
  std::string ErrorOf(const std::string& sql, ErrorCode expected = ErrorCode::kInvalidInput) {
    try {
      Bind(sql);
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), expected) << error.what();
      return error.what();
    }
    return "";
  }

  static TestCatalog* catalog_;
  std::unique_ptr<BindContext> context_;
  std::string sql_;
};

TestCatalog* BinderTest::catalog_ = nullptr;

TEST_F(BinderTest, ScanCarriesTheCatalogEntry) {
  LogicalPtr plan = Bind("SELECT * FROM events");
  ASSERT_EQ(plan->kind, LogicalKind::kProject);
  const auto& scan = plan->children[0]->As<LogicalScan>();
  EXPECT_EQ(scan.source.database, "tpch");
  EXPECT_EQ(scan.source.table, "events");
  EXPECT_EQ(scan.source.format, LakeFormat::kCsv);
  EXPECT_EQ(scan.source.partition_key_count, 1u);
  ASSERT_EQ(scan.source.column_names.size(), 4u);
  EXPECT_EQ(scan.source.column_names.back(), "dt");
  EXPECT_EQ(scan.source.record_count, 1000);
  EXPECT_EQ(plan->names, (std::vector<std::string>{"id", "name", "v", "dt"}));
  EXPECT_EQ(plan->types[0], LogicalType::BigInt());
}

TEST_F(BinderTest, CsvSerdeParametersTravelWithTheScan) {
  LogicalPtr plan = Bind("SELECT id FROM events");
  const auto& scan = plan->children[0]->As<LogicalScan>();
  auto delim = scan.source.serde_parameters.find("field.delim");
  ASSERT_NE(delim, scan.source.serde_parameters.end());
  EXPECT_EQ(delim->second, ",");
}

TEST_F(BinderTest, DatabaseTablesScanThroughTheirConnection) {
  catalog::Connection connection;
  connection.name = "movies";
  connection.url = "sqlite:" + (catalog_->home() / "movies.db").string();
  catalog_->catalog().CreateConnection(connection);
  catalog::Table table;
  table.name = "film";
  table.table_type = catalog::TableType::kJdbcTable;
  table.connection_name = "movies";
  table.storage_descriptor.location = "main.film";
  table.storage_descriptor.columns.push_back({"film_id", "int", "", {}});
  table.storage_descriptor.columns.push_back({"title", "string", "", {}});
  catalog_->catalog().CreateTable("tpch", table);
  LogicalPtr plan = Bind("SELECT title FROM film WHERE film_id = 1");
  const LogicalOperator* op = plan.get();
  while (op->kind != LogicalKind::kScan) op = op->children[0].get();
  const auto& source = op->As<LogicalScan>().source;
  EXPECT_EQ(source.kind, SourceKind::kDatabase);
  EXPECT_EQ(source.connection, "movies");
  EXPECT_EQ(source.source_table, "main.film");
}

TEST_F(BinderTest, QualifiedNamesResolve) {
  EXPECT_NO_THROW(
      Bind("SELECT tpch.events.id, events.name, e.v FROM tpch.events, events e"
           " WHERE e.id = events.id"));
  EXPECT_NO_THROW(Bind("SELECT count(*) FROM awsdatacatalog.tpch.events"));
}

TEST_F(BinderTest, LiteralsAreTypedAsTrinoTypesThem) {
  LogicalPtr plan = Bind(
      "SELECT 1, 3000000000, 1.50, 1e3, 'a', DATE '2024-01-02', true, "
      "-2147483648");
  EXPECT_EQ(plan->types[0], LogicalType::Integer());
  EXPECT_EQ(plan->types[1], LogicalType::BigInt());
  EXPECT_EQ(plan->types[2], LogicalType::Decimal(3, 2));
  EXPECT_EQ(plan->types[3], LogicalType::Double());
  EXPECT_EQ(plan->types[4], LogicalType::Varchar());
  EXPECT_EQ(plan->types[5], LogicalType::Date());
  EXPECT_EQ(plan->types[6], LogicalType::Boolean());
  EXPECT_EQ(plan->types[7], LogicalType::Integer());
}

TEST_F(BinderTest, SelectWithoutFromIsOneRowOfValues) {
  LogicalPtr plan = Bind("SELECT 1 AS x");
  EXPECT_EQ(plan->names, std::vector<std::string>{"x"});
  ASSERT_EQ(plan->children[0]->kind, LogicalKind::kValues);
  EXPECT_EQ(plan->children[0]->As<LogicalValues>().rows.size(), 1u);
}

TEST_F(BinderTest, UnknownColumnSuggestsAName) {
  std::string message = ErrorOf("SELECT nmae FROM events");
  EXPECT_NE(message.find("line 1:8"), std::string::npos) << message;
  EXPECT_NE(message.find("column 'nmae' cannot be resolved"), std::string::npos) << message;
  EXPECT_NE(message.find("did you mean 'name'"), std::string::npos) << message;
}

TEST_F(BinderTest, AmbiguousColumnNamesBothCandidates) {
  std::string message = ErrorOf("SELECT id FROM c, o");
  EXPECT_NE(message.find("column 'id' is ambiguous: c.id, o.id"), std::string::npos) << message;
}

TEST_F(BinderTest, MissingTableIsNotFoundWithSuggestion) {
  std::string message = ErrorOf("SELECT * FROM evnts", ErrorCode::kNotFound);
  EXPECT_NE(message.find("table 'tpch.evnts' does not exist"), std::string::npos) << message;
  EXPECT_NE(message.find("did you mean 'events'"), std::string::npos) << message;
  message = ErrorOf("SELECT * FROM tpc.events", ErrorCode::kNotFound);
  EXPECT_NE(message.find("database 'tpc' does not exist"), std::string::npos) << message;
}

TEST_F(BinderTest, UngroupedColumnIsAnError) {
  std::string message = ErrorOf("SELECT name, count(*) FROM events GROUP BY id");
  EXPECT_NE(message.find("'name' must be an aggregate expression or appear in the GROUP BY"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("line 1:8"), std::string::npos) << message;
}

TEST_F(BinderTest, GroupByOrdinalExpressionAndAlias) {
  EXPECT_NO_THROW(Bind("SELECT name, count(*) FROM events GROUP BY 1"));
  EXPECT_NO_THROW(Bind("SELECT upper(name), count(*) FROM events GROUP BY upper(name)"));
  EXPECT_NO_THROW(Bind("SELECT upper(name) AS u, count(*) FROM events GROUP BY u"));
  LogicalPtr plan = Bind("SELECT id + 1, sum(v) FROM events GROUP BY id + 1 HAVING sum(v) > 2");
  std::string explain = ExplainLogical(*plan);
  EXPECT_NE(explain.find("Filter"), std::string::npos) << explain;
  EXPECT_NE(explain.find("Aggregate groups=[(id#0.0 + CAST(1 AS bigint))]"), std::string::npos)
      << explain;
}

TEST_F(BinderTest, AggregatesAreDeduplicated) {
  LogicalPtr plan = Bind("SELECT sum(v), sum(v) * 2 FROM events HAVING sum(v) > 0");
  std::string explain = ExplainLogical(*plan);
  EXPECT_NE(explain.find("aggregates=[sum(v#0.2)]"), std::string::npos) << explain;
}

TEST_F(BinderTest, AggregateInWhereIsAnError) {
  std::string message = ErrorOf("SELECT id FROM events WHERE sum(v) > 1");
  EXPECT_NE(message.find("aggregate functions are not allowed in WHERE"), std::string::npos)
      << message;
}

TEST_F(BinderTest, OrderByAliasOrdinalAndHiddenExpression) {
  std::string explain = Explain("SELECT name AS n FROM events ORDER BY n DESC, 1, v");
  // v is not selected: it is computed for the sort and dropped after.
  EXPECT_EQ(explain.rfind("Project", 0), 0u) << explain;
  EXPECT_NE(explain.find("Sort #1.0 DESC, #1.0, #1.1"), std::string::npos) << explain;
  std::string message = ErrorOf("SELECT name FROM events ORDER BY 3");
  EXPECT_NE(message.find("ORDER BY position 3 is not in the select list"), std::string::npos);
}

TEST_F(BinderTest, OrderByExpressionOverSelectAliases) {
  std::string explain =
      Explain("SELECT dt, sum(v) AS total FROM events GROUP BY dt ORDER BY total * 2 DESC");
  EXPECT_NE(explain.find("(sum#2.0 * CAST(2 AS double))"), std::string::npos) << explain;
  std::string message = ErrorOf("SELECT dt AS d FROM events ORDER BY nope + 1");
  EXPECT_NE(message.find("column 'nope' cannot be resolved"), std::string::npos) << message;
}

TEST_F(BinderTest, LimitSitsOnTheSortForTopN) {
  // The hidden sort column is dropped above the limit, so the limit stays on the sort.
  LogicalPtr plan = Bind("SELECT name FROM events ORDER BY v LIMIT 5 OFFSET 2");
  ASSERT_EQ(plan->kind, LogicalKind::kProject);
  const LogicalOperator& limit = *plan->children[0];
  ASSERT_EQ(limit.kind, LogicalKind::kLimit);
  EXPECT_EQ(limit.As<LogicalLimit>().limit, 5);
  EXPECT_EQ(limit.As<LogicalLimit>().offset, 2);
  EXPECT_EQ(limit.children[0]->kind, LogicalKind::kSort);
}

TEST_F(BinderTest, DistinctGroupsByEveryColumn) {
  std::string explain = Explain("SELECT DISTINCT name, dt FROM events");
  EXPECT_EQ(explain.rfind("Aggregate groups=[name#1.0, dt#1.1]", 0), 0u) << explain;
}

TEST_F(BinderTest, CommonTableExpressionsSeeEarlierOnes) {
  LogicalPtr plan = Bind(
      "WITH a AS (SELECT id FROM events), b (x) AS (SELECT id + 1 FROM a) "
      "SELECT x FROM b WHERE x > 2");
  EXPECT_EQ(plan->names, std::vector<std::string>{"x"});
  std::string message =
      ErrorOf("WITH a AS (SELECT * FROM b), b AS (SELECT 1) SELECT * FROM a", ErrorCode::kNotFound);
  EXPECT_NE(message.find("table 'tpch.b' does not exist"), std::string::npos) << message;
}

TEST_F(BinderTest, ViewsExpandAndRecursionIsRejected) {
  std::string explain = Explain("SELECT id FROM big_orders");
  EXPECT_NE(explain.find("Scan tpch.o"), std::string::npos) << explain;
  std::string message = ErrorOf("SELECT * FROM loop_a");
  EXPECT_NE(message.find("refers to itself"), std::string::npos) << message;
}

TEST_F(BinderTest, UsingMergesColumns) {
  LogicalPtr plan = Bind("SELECT * FROM c JOIN o USING (id)");
  EXPECT_EQ(plan->names, (std::vector<std::string>{"id", "cname", "amount"}));
  EXPECT_NO_THROW(Bind("SELECT id FROM c FULL JOIN o USING (id)"));
  LogicalPtr natural = Bind("SELECT * FROM c NATURAL JOIN o");
  EXPECT_EQ(natural->names, (std::vector<std::string>{"id", "cname", "amount"}));
  std::string explain = Explain("SELECT * FROM c LEFT JOIN o ON c.id = o.id AND o.amount > 1");
  EXPECT_NE(explain.find("Join LEFT keys=[id#0.0 = id#1.0] residual="), std::string::npos)
      << explain;
}

TEST_F(BinderTest, StarOfOneRelation) {
  LogicalPtr plan = Bind("SELECT o.*, c.cname FROM c, o");
  EXPECT_EQ(plan->names, (std::vector<std::string>{"id", "amount", "cname"}));
}

TEST_F(BinderTest, SetOperationsCoerceColumnTypes) {
  LogicalPtr plan = Bind("SELECT id FROM c UNION ALL SELECT amount FROM o");
  ASSERT_EQ(plan->kind, LogicalKind::kSetOperation);
  EXPECT_EQ(plan->types[0], LogicalType::Decimal(12, 2));
  EXPECT_TRUE(plan->As<LogicalSetOperation>().all);
  std::string message = ErrorOf("SELECT 1, 2 UNION SELECT 1");
  EXPECT_NE(message.find("have 2 and 1 columns"), std::string::npos) << message;
}

TEST_F(BinderTest, ValuesWithCommonTypes) {
  LogicalPtr plan = Bind("SELECT * FROM (VALUES (1, 'a'), (2.5, NULL)) AS t (x, y)");
  EXPECT_EQ(plan->names, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(plan->types[0], LogicalType::Decimal(11, 1));
}

TEST_F(BinderTest, BetweenInListCaseIfAndIntervals) {
  std::string explain = Explain(
      "SELECT if(v > 1, 'big', 'small'), CASE WHEN id IN (1, 2) THEN 1 END FROM events "
      "WHERE id BETWEEN 1 AND 3");
  EXPECT_NE(explain.find("CASE WHEN (v#0.2 > CAST(1 AS double)) THEN 'big' ELSE 'small' END"),
            std::string::npos)
      << explain;
  EXPECT_NE(explain.find("Filter (id#0.0 >= CAST(1 AS bigint)), (id#0.0 <= CAST(3 AS bigint))"),
            std::string::npos)
      << explain;
}

TEST_F(BinderTest, SubqueriesBecomeJoins) {
  std::string explain = Explain(
      "SELECT cname FROM c WHERE id IN (SELECT id FROM o) AND NOT EXISTS "
      "(SELECT 1 FROM o WHERE o.id = c.id AND amount > 5)");
  EXPECT_NE(explain.find("Join SEMI keys=[id#0.0 = id#2.0]"), std::string::npos) << explain;
  EXPECT_NE(explain.find("Join ANTI keys=[id#0.0 = id#4.1]"), std::string::npos) << explain;
  explain = Explain("SELECT cname, (SELECT max(amount) FROM o WHERE o.id = c.id) FROM c");
  EXPECT_NE(explain.find("Join SINGLE keys=[id#0.0 = id#"), std::string::npos) << explain;
  EXPECT_NE(explain.find("Aggregate groups=[id#1.0] aggregates=[max(amount#1.1)]"),
            std::string::npos)
      << explain;
  explain = Explain("SELECT cname FROM c WHERE id = 1 OR id NOT IN (SELECT id FROM o)");
  EXPECT_NE(explain.find("Join MARK"), std::string::npos) << explain;
  explain = Explain("SELECT cname FROM c WHERE id = ANY (SELECT id FROM o)");
  EXPECT_NE(explain.find("Join SEMI keys=[id#0.0 = id#"), std::string::npos) << explain;
  explain = Explain("SELECT cname FROM c WHERE id > ALL (SELECT id FROM o)");
  EXPECT_NE(explain.find("Join MARK residual=(id#0.0 <= id#"), std::string::npos) << explain;
}

TEST_F(BinderTest, OuterTableQualifiedNameWinsOverInnerColumn) {
  // Inside the subquery `dept.id` names the outer table, not field id of emp's column dept.
  std::string explain =
      Explain("SELECT title, EXISTS (SELECT 1 FROM emp WHERE emp.dept = dept.id) FROM dept");
  EXPECT_NE(explain.find("Join MARK keys=[id#0.0 = dept#"), std::string::npos) << explain;
}

TEST_F(BinderTest, CorrelatedCountIsZeroWithoutMatches) {
  // The grouped form finds no group for an outer row without orders: count must read 0.
  std::string explain = Explain("SELECT (SELECT count(*) FROM o WHERE o.id = c.id) FROM c");
  EXPECT_NE(explain.find("CASE WHEN (match#"), std::string::npos) << explain;
  EXPECT_NE(explain.find("IS NULL) THEN bigint '0' ELSE subquery#"), std::string::npos) << explain;
  // max over no rows is NULL anyway: no CASE.
  explain = Explain("SELECT (SELECT max(amount) FROM o WHERE o.id = c.id) FROM c");
  EXPECT_EQ(explain.find("CASE"), std::string::npos) << explain;
}

TEST_F(BinderTest, NonEqualityCorrelationJoinsTheOuterValues) {
  // sq.id <= c.id under an aggregate: the aggregate runs per distinct outer value, taken from
  // a copy of the outer FROM, and joins back on it.
  std::string explain =
      Explain("SELECT cname FROM c WHERE id > (SELECT min(o.id) FROM o WHERE o.id <= c.id)");
  EXPECT_NE(explain.find("Join SINGLE keys=[id#0.0 = domain#"), std::string::npos) << explain;
  size_t first = explain.find("Scan tpch.c");
  ASSERT_NE(first, std::string::npos);
  EXPECT_NE(explain.find("Scan tpch.c", first + 1), std::string::npos) << explain;
  EXPECT_NE(explain.find("residual=(id#"), std::string::npos) << explain;
}

TEST_F(BinderTest, ExistsOverAnAggregateIsAlwaysTrue) {
  // One row comes back whatever matches, so EXISTS is true and NOT EXISTS false.
  std::string explain =
      Explain("SELECT cname FROM c WHERE EXISTS (SELECT count(*) FROM o WHERE o.id = c.id)");
  EXPECT_EQ(explain.find("Join"), std::string::npos) << explain;
  explain =
      Explain("SELECT cname FROM c WHERE NOT EXISTS (SELECT max(id) FROM o WHERE o.id = c.id)");
  EXPECT_NE(explain.find("Filter false"), std::string::npos) << explain;
}

TEST_F(BinderTest, ExistsUnderOrIsNeverNull) {
  std::string explain = Explain(
      "SELECT cname FROM c WHERE cname = 'x' OR NOT EXISTS (SELECT 1 FROM o WHERE o.id = c.id)");
  EXPECT_NE(explain.find("(NOT coalesce(mark#"), std::string::npos) << explain;
}

TEST_F(BinderTest, ScalarSubqueryMustHaveOneColumn) {
  std::string message = ErrorOf("SELECT (SELECT id, cname FROM c)");
  EXPECT_NE(message.find("a scalar subquery must return one column, not 2"), std::string::npos)
      << message;
}

TEST_F(BinderTest, WindowFunctions) {
  LogicalPtr plan = Bind(
      "SELECT name, row_number() OVER (PARTITION BY dt ORDER BY v DESC), "
      "sum(v) OVER w, lag(v, 1) OVER w FROM events WINDOW w AS (PARTITION BY dt ORDER BY id)");
  EXPECT_EQ(plan->types[1], LogicalType::BigInt());
  EXPECT_EQ(plan->types[2], LogicalType::Double());
  EXPECT_EQ(plan->types[3], LogicalType::Double());
  const auto& window = plan->children[0]->As<LogicalWindow>();
  ASSERT_EQ(window.windows.size(), 3u);
  EXPECT_EQ(window.windows[0].kind, WindowFunctionKind::kRowNumber);
  EXPECT_EQ(window.windows[1].kind, WindowFunctionKind::kAggregate);
  EXPECT_EQ(window.windows[1].partition_by.size(), 1u);
  EXPECT_EQ(window.windows[1].frame.unit, FrameUnitKind::kRange);
  EXPECT_EQ(window.windows[2].kind, WindowFunctionKind::kLag);
}

TEST_F(BinderTest, WindowsOverAggregates) {
  LogicalPtr plan =
      Bind("SELECT dt, sum(v), rank() OVER (ORDER BY sum(v) DESC) FROM events GROUP BY dt");
  std::string explain = ExplainLogical(*plan);
  const auto& window = plan->children[0]->As<LogicalWindow>();
  ASSERT_EQ(window.children[0]->kind, LogicalKind::kAggregate) << explain;
  ASSERT_EQ(window.windows[0].order_by.size(), 1u);
  // The window orders by the aggregate's output column, not by a new sum.
  EXPECT_EQ(window.windows[0].order_by[0].expr->kind, BoundExprKind::kColumn) << explain;
  // Window expressions are checked like the select list (they are bound first).
  std::string message = ErrorOf("SELECT name, rank() OVER (ORDER BY v) FROM events GROUP BY dt");
  EXPECT_NE(message.find("line 1:36: 'v' must be an aggregate expression"), std::string::npos)
      << message;
}

TEST_F(BinderTest, TypeErrorsNameTheProblem) {
  std::string message = ErrorOf("SELECT id FROM events WHERE name");
  EXPECT_NE(message.find("expected a boolean expression"), std::string::npos) << message;
  message = ErrorOf("SELECT CASE WHEN true THEN 1 ELSE DATE '2020-01-01' END");
  EXPECT_NE(message.find("no common type"), std::string::npos) << message;
}

TEST_F(BinderTest, TableIndexesAreUniquePerStatement) {
  LogicalPtr plan = Bind("SELECT * FROM c a, c b");
  const auto& join = plan->children[0]->As<LogicalJoin>();
  EXPECT_NE(join.children[0]->As<LogicalScan>().table_index,
            join.children[1]->As<LogicalScan>().table_index);
}

}  // namespace
}  // namespace basin::sql
