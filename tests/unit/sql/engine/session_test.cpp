// The statement layer on a real catalog in a scratch home: what DDL stores, script errors,
// saved results.
#include "sql/engine/session.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "catalog/catalog.hpp"
#include "sql/parser/parser.hpp"
#include "unit/error_code_of.hpp"

namespace basin::sql {
namespace {

using basin::testing::CodeOf;

class SessionTest : public ::testing::Test {
 protected:
  SessionTest() {
    std::string pattern = (std::filesystem::temp_directory_path() / "basin-engine-XXXXXX");
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    home_ = pattern;
    catalog_ = std::make_unique<catalog::Catalog>(home_ / "catalog.db");
  }
  ~SessionTest() override {
    catalog_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(home_, ignored);
  }

  std::filesystem::path home_;
  std::unique_ptr<catalog::Catalog> catalog_;
};

TEST_F(SessionTest, DefaultDatabaseIsCreatedOnFirstUse) {
  EXPECT_EQ(CodeOf([&] { catalog_->GetDatabase("default"); }), ErrorCode::kNotFound);
  Session session(home_, *catalog_);
  EXPECT_EQ(session.current_database(), "default");
  EXPECT_EQ(catalog_->GetDatabase("default").name, "default");
}

TEST_F(SessionTest, OtherStartingDatabaseMustExist) {
  SessionOptions options;
  options.database = "sales";
  Session session(home_, *catalog_, options);
  EXPECT_EQ(CodeOf([&] { session.Execute("SHOW TABLES"); }), ErrorCode::kNotFound);
}

TEST_F(SessionTest, ParquetTableIsStoredAsAthenaWould) {
  Session session(home_, *catalog_);
  session.Execute(
      "CREATE EXTERNAL TABLE t (id bigint, name string) PARTITIONED BY (dt string) "
      "STORED AS PARQUET LOCATION 's3://bucket/t/' TBLPROPERTIES ('k' = 'v')");
  catalog::Table table = catalog_->GetTable("default", "t");
  EXPECT_EQ(table.table_type, catalog::TableType::kExternalTable);
  EXPECT_EQ(table.storage_descriptor.location, "s3://bucket/t/");
  EXPECT_EQ(table.storage_descriptor.input_format,
            "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat");
  EXPECT_EQ(table.storage_descriptor.output_format,
            "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat");
  EXPECT_EQ(table.storage_descriptor.serde_info.serialization_library,
            "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
  ASSERT_EQ(table.storage_descriptor.columns.size(), 2u);
  EXPECT_EQ(table.storage_descriptor.columns[0].name, "id");
  EXPECT_EQ(table.storage_descriptor.columns[0].type, "bigint");
  ASSERT_EQ(table.partition_keys.size(), 1u);
  EXPECT_EQ(table.partition_keys[0].name, "dt");
  EXPECT_EQ(table.parameters.at("classification"), "parquet");
  EXPECT_EQ(table.parameters.at("EXTERNAL"), "TRUE");
  EXPECT_EQ(table.parameters.at("k"), "v");
}

TEST_F(SessionTest, DelimitedTextTableKeepsSeparatorAndHeaderCount) {
  Session session(home_, *catalog_);
  session.Execute(
      "CREATE EXTERNAL TABLE c (a int, b string) ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' "
      "ESCAPED BY '\\\\' NULL DEFINED AS 'NA' LOCATION '/lake/c' "
      "TBLPROPERTIES ('skip.header.line.count'='1')");
  catalog::Table table = catalog_->GetTable("default", "c");
  const auto& serde = table.storage_descriptor.serde_info;
  EXPECT_EQ(serde.serialization_library, "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe");
  EXPECT_EQ(serde.parameters.at("field.delim"), "|");
  EXPECT_EQ(serde.parameters.at("escape.delim"), "\\");
  EXPECT_EQ(serde.parameters.at("serialization.null.format"), "NA");
  EXPECT_EQ(table.storage_descriptor.input_format, "org.apache.hadoop.mapred.TextInputFormat");
  EXPECT_EQ(table.parameters.at("classification"), "csv");
  EXPECT_EQ(table.storage_descriptor.parameters.at("skip.header.line.count"), "1");
}

TEST_F(SessionTest, JsonSerDeTableIsClassifiedJson) {
  Session session(home_, *catalog_);
  session.Execute(
      "CREATE EXTERNAL TABLE j (a int) ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' "
      "WITH SERDEPROPERTIES ('ignore.malformed.json' = 'true') LOCATION '/lake/j/'");
  catalog::Table table = catalog_->GetTable("default", "j");
  EXPECT_EQ(table.parameters.at("classification"), "json");
  EXPECT_EQ(table.storage_descriptor.serde_info.parameters.at("ignore.malformed.json"), "true");
}

TEST_F(SessionTest, TableWithoutLocationGoesIntoTheHomeLake) {
  Session session(home_, *catalog_);
  session.Execute("CREATE EXTERNAL TABLE t (a int) STORED AS PARQUET");
  EXPECT_EQ(catalog_->GetTable("default", "t").storage_descriptor.location,
            (home_ / "lake" / "default" / "t").string() + "/");
}

TEST_F(SessionTest, BadTypeNamesLineAndColumnAndStoresNothing) {
  Session session(home_, *catalog_);
  std::string message;
  EXPECT_EQ(CodeOf([&] { session.Execute("CREATE EXTERNAL TABLE t (a int,\n b strng)"); },
                   &message),
            ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("line 2"), std::string::npos) << message;
  EXPECT_EQ(CodeOf([&] { catalog_->GetTable("default", "t"); }), ErrorCode::kNotFound);
}

TEST_F(SessionTest, ScriptErrorNamesStatementNumberAndLine) {
  Session session(home_, *catalog_);
  std::string message;
  EXPECT_EQ(CodeOf(
                [&] {
                  session.ExecuteScript(
                      "CREATE DATABASE a;\nCREATE DATABASE b;\n\nCREATE DATABASE a;\n"
                      "CREATE DATABASE c");
                },
                &message),
            ErrorCode::kAlreadyExists);
  EXPECT_NE(message.find("statement 3 (line 4)"), std::string::npos) << message;
  // The statements before the failure ran; the one after did not.
  EXPECT_EQ(catalog_->GetDatabase("b").name, "b");
  EXPECT_EQ(CodeOf([&] { catalog_->GetDatabase("c"); }), ErrorCode::kNotFound);
}

TEST_F(SessionTest, SyntaxErrorAnywhereRunsNothing) {
  Session session(home_, *catalog_);
  EXPECT_EQ(CodeOf([&] { session.ExecuteScript("CREATE DATABASE a; CREATE DATABSE b"); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([&] { catalog_->GetDatabase("a"); }), ErrorCode::kNotFound);
}

TEST_F(SessionTest, ResultsAreSavedAsQuotedCsvUnderResults) {
  SessionOptions options;
  options.save_results = true;
  Session session(home_, *catalog_, options);
  session.Execute("CREATE DATABASE \"say\"");
  StatementResult result = session.Execute("SHOW DATABASES");
  ASSERT_FALSE(result.query_id.empty());
  std::ifstream in(home_ / "results" / (result.query_id + ".csv"));
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), "\"database_name\"\n\"default\"\n\"say\"\n");
}

TEST_F(SessionTest, ResultToCsvDoublesQuotes) {
  TextResultBuilder builder("TEST", {"a\"b", "c"});
  builder.AddRow({"x,\"y\"", ""});
  EXPECT_EQ(ResultToCsv(builder.Finish()), "\"a\"\"b\",\"c\"\n\"x,\"\"y\"\"\",\"\"\n");
}

TEST_F(SessionTest, MsckRepairAddsFoldersInOneBatch) {
  Session session(home_, *catalog_);
  std::string location = (home_ / "lake" / "p").string();
  session.Execute("CREATE EXTERNAL TABLE p (a int) PARTITIONED BY (k string, n int) "
                  "STORED AS PARQUET LOCATION '" + location + "'");
  for (std::string folder : {"k=x/n=1", "k=x/n=2", "k=y%3Dz/n=3", "k=w"}) {
    std::filesystem::create_directories(home_ / "lake" / "p" / folder);
    std::ofstream(home_ / "lake" / "p" / folder / "f.parquet") << "x";
  }
  session.Execute("MSCK REPAIR TABLE p");
  auto page = catalog_->GetPartitions("default", "p");
  ASSERT_EQ(page.items.size(), 3u);
  EXPECT_EQ(page.items[0].values, (std::vector<std::string>{"x", "1"}));
  EXPECT_EQ(page.items[2].values, (std::vector<std::string>{"y=z", "3"}));
  EXPECT_EQ(page.items[0].storage_descriptor.location, location + "/k=x/n=1/");
}

TEST_F(SessionTest, UseChangesWhereUnqualifiedNamesResolve) {
  Session session(home_, *catalog_);
  session.Execute("CREATE DATABASE other");
  session.Execute("USE other");
  EXPECT_EQ(session.current_database(), "other");
  session.Execute("CREATE EXTERNAL TABLE t (a int) STORED AS PARQUET LOCATION '/x/'");
  EXPECT_EQ(catalog_->GetTable("other", "t").name, "t");
  session.Execute("CREATE EXTERNAL TABLE awsdatacatalog.default.u (a int) LOCATION '/y/'");
  EXPECT_EQ(catalog_->GetTable("default", "u").name, "u");
}


// Files below a folder (none when it does not exist), hidden staging folders included.
size_t FilesBelow(const std::filesystem::path& folder) {
  if (!std::filesystem::exists(folder)) return 0;
  size_t count = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    count += entry.is_regular_file();
  }
  return count;
}

TEST_F(SessionTest, FailedCtasLeavesNoTableAndNoFiles) {
  Session session(home_, *catalog_);
  session.Execute("CREATE TABLE src AS SELECT * FROM (VALUES (1), (2), (3)) AS t(id)");
  std::filesystem::path target = home_ / "lake" / "default" / "boom";
  EXPECT_EQ(CodeOf([&] {
              session.Execute("CREATE TABLE boom WITH (partitioned_by = ARRAY['k']) AS "
                              "SELECT 10 / (id - 2) AS v, id AS k FROM src");
            }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([&] { catalog_->GetTable("default", "boom"); }), ErrorCode::kNotFound);
  EXPECT_EQ(FilesBelow(target), 0u);
  // The same statement without the failing row succeeds and registers both partitions.
  StatementResult result = session.Execute(
      "CREATE TABLE boom WITH (partitioned_by = ARRAY['k']) AS "
      "SELECT 10 / (id - 2) AS v, id AS k FROM src WHERE id <> 2");
  ASSERT_EQ(result.row_count, 1u);
  EXPECT_EQ(result.chunks[0].column(0).data<int64_t>()[0], 2);
  EXPECT_EQ(catalog_->GetPartitions("default", "boom").items.size(), 2u);
  EXPECT_EQ(catalog_->GetTable("default", "boom").parameters.at("recordCount"), "2");
}

TEST_F(SessionTest, FailedInsertLeavesTheTableAsItWas) {
  Session session(home_, *catalog_);
  session.Execute("CREATE TABLE t AS SELECT * FROM (VALUES (1), (2)) AS v(id)");
  std::filesystem::path folder = home_ / "lake" / "default" / "t";
  size_t before = FilesBelow(folder);
  EXPECT_EQ(CodeOf([&] { session.Execute("INSERT INTO t SELECT 5 / (id - 2) FROM t"); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(FilesBelow(folder), before);
  StatementResult count = session.Execute("SELECT count(*) FROM t");
  EXPECT_EQ(count.chunks[0].column(0).data<int64_t>()[0], 2);
}

TEST_F(SessionTest, ExplainPrintsOneRowPerPlanLineNamingTheTable) {
  Session session(home_, *catalog_);
  session.Execute("CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a')) AS v(id, s)");
  for (const char* sql : {"EXPLAIN SELECT s FROM t WHERE id = 1",
                          "EXPLAIN (TYPE LOGICAL) SELECT s FROM t WHERE id = 1",
                          "EXPLAIN ANALYZE SELECT s FROM t WHERE id = 1"}) {
    StatementResult result = session.Execute(sql);
    ASSERT_GE(result.row_count, 2u) << sql;
    std::string text;
    for (const auto& row : result.RowsAsText()) {
      EXPECT_EQ(row[0].find('\n'), std::string::npos);
      text += row[0] + "\n";
    }
    EXPECT_NE(text.find("default.t"), std::string::npos) << sql << "\n" << text;
  }
}

TEST_F(SessionTest, ViewStoresCanonicalTextAndColumns) {
  Session session(home_, *catalog_);
  session.Execute("CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a')) AS v(id, s)");
  session.Execute("create view v as select   s, id*2 as twice from t");
  catalog::Table view = catalog_->GetTable("default", "v");
  EXPECT_EQ(view.table_type, catalog::TableType::kVirtualView);
  EXPECT_EQ(view.view_original_text, "SELECT s, id * 2 AS twice FROM t");
  ASSERT_EQ(view.storage_descriptor.columns.size(), 2u);
  EXPECT_EQ(view.storage_descriptor.columns[1].name, "twice");
  EXPECT_EQ(view.storage_descriptor.columns[1].type, "int");
}

// Keeps what a streaming query hands over.
class CollectingSink : public ResultSink {
 public:
  void Begin(const std::vector<std::string>& names,
             const std::vector<types::LogicalType>&) override {
    names_ = names;
    ++begins_;
  }
  void Chunk(const columnar::DataChunk& chunk) override {
    for (size_t r = 0; r < chunk.size(); ++r) {
      bool is_null = false;
      values_.push_back(CellText(chunk.column(0), r, &is_null));
    }
  }
  std::vector<std::string> names_;
  std::vector<std::string> values_;
  int begins_ = 0;
};

TEST_F(SessionTest, StreamedQueryHandsRowsToTheSinkAndSavesThem) {
  SessionOptions options;
  options.save_results = true;
  Session session(home_, *catalog_, options);
  session.Execute("CREATE TABLE t AS SELECT * FROM (VALUES (3), (1), (2)) AS v(n)");
  std::string sql = "SELECT n FROM t ORDER BY n";
  StatementPtr statement = ParseStatement(sql);
  CollectingSink sink;
  StatementResult result = session.ExecuteStatement(*statement, sql, &sink);
  EXPECT_TRUE(result.streamed);
  EXPECT_TRUE(result.chunks.empty());
  EXPECT_EQ(result.row_count, 3u);
  EXPECT_EQ(sink.begins_, 1);
  EXPECT_EQ(sink.names_, (std::vector<std::string>{"n"}));
  EXPECT_EQ(sink.values_, (std::vector<std::string>{"1", "2", "3"}));
  std::ifstream in(home_ / "results" / (result.query_id + ".csv"));
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), "\"n\"\n\"1\"\n\"2\"\n\"3\"\n");
}

TEST_F(SessionTest, FailedStreamedQuerySavesNoResult) {
  SessionOptions options;
  options.save_results = true;
  Session session(home_, *catalog_, options);
  session.Execute("CREATE TABLE t AS SELECT * FROM (VALUES (1), (0)) AS v(n)");
  std::string sql = "SELECT 1 / n FROM t";
  StatementPtr statement = ParseStatement(sql);
  CollectingSink sink;
  EXPECT_EQ(CodeOf([&] { session.ExecuteStatement(*statement, sql, &sink); }),
            ErrorCode::kInvalidInput);
  // Only the CTAS's result is there.
  EXPECT_EQ(FilesBelow(home_ / "results"), 1u);
}

}  // namespace
}  // namespace basin::sql
