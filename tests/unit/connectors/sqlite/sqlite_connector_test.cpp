#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "connectors/connection_probe.hpp"
#include "connectors/connector.hpp"
#include "connectors/sqlite/sqlite_types.hpp"
#include "types/date_time.hpp"
#include "types/decimal.hpp"
#include "unit/connectors/connector_checks.hpp"
#include "unit/connectors/scan_util.hpp"
#include "unit/error_code_of.hpp"

namespace basin::connectors {
namespace {

using basin::testing::CodeOf;
using basin::testing::ScanAll;
using types::Value;

class SqliteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("basin_sqlite_connector_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "movies.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void Sql(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
  }

  catalog::Connection Conn() const {
    catalog::Connection connection;
    connection.name = "local";
    connection.type = catalog::ConnectionType::kSqlite;
    connection.url = "sqlite:" + path_;
    return connection;
  }

  void CreateTypes() {
    Sql(R"sql(
      CREATE TABLE all_types (
        id INTEGER PRIMARY KEY, c_int INT NOT NULL, c_smallint SMALLINT, c_tinyint TINYINT,
        c_bigint BIGINT, c_bool BOOLEAN, c_real REAL, c_double DOUBLE PRECISION, c_float FLOAT,
        c_decimal DECIMAL(10,2), c_numeric NUMERIC, c_varchar VARCHAR(20), c_text TEXT,
        c_clob CLOB, c_blob BLOB, c_date DATE, c_datetime DATETIME, c_timestamp TIMESTAMP,
        c_time TIME, c_json JSON, c_none
      );
      INSERT INTO all_types VALUES (1, -2147483648, -32768, -128, 9223372036854775807, 1, 1.5,
        -2.25, 0.5, '-12345678.91', 3.25, 'héllo', 'text', 'clob', x'00ff10', '2024-03-07',
        '1999-12-31 23:59:59.5', 86400, '12:34:56.789', '{"a":1}', 42);
      INSERT INTO all_types (id, c_int, c_bool, c_decimal, c_date, c_none)
        VALUES (2, 7, 'false', 12.345, '2024-03-07 10:00:00', 'text');
      CREATE VIEW v_ids AS SELECT id, c_text FROM all_types;
      CREATE TABLE pair (a INT, b TEXT, PRIMARY KEY (b, a));
    )sql");
  }

  std::filesystem::path dir_;
  std::string path_;
};

TEST(SqliteTypes, MapsDeclaredTypesAsDocumented) {
  using sqlite::HiveTypeOfDeclared;
  EXPECT_EQ(HiveTypeOfDeclared("INTEGER"), "bigint");
  EXPECT_EQ(HiveTypeOfDeclared("int"), "int");
  EXPECT_EQ(HiveTypeOfDeclared("MEDIUMINT"), "int");
  EXPECT_EQ(HiveTypeOfDeclared("BIGINT"), "bigint");
  EXPECT_EQ(HiveTypeOfDeclared("UNSIGNED BIG INT"), "bigint");
  EXPECT_EQ(HiveTypeOfDeclared("SMALLINT"), "smallint");
  EXPECT_EQ(HiveTypeOfDeclared("TINYINT"), "tinyint");
  EXPECT_EQ(HiveTypeOfDeclared("BOOLEAN"), "boolean");
  EXPECT_EQ(HiveTypeOfDeclared("VARCHAR(20)"), "string");
  EXPECT_EQ(HiveTypeOfDeclared("NCHAR(55)"), "string");
  EXPECT_EQ(HiveTypeOfDeclared("CLOB"), "string");
  EXPECT_EQ(HiveTypeOfDeclared("BLOB"), "binary");
  EXPECT_EQ(HiveTypeOfDeclared("REAL"), "double");
  EXPECT_EQ(HiveTypeOfDeclared("FLOAT"), "double");
  EXPECT_EQ(HiveTypeOfDeclared("DECIMAL(10, 2)"), "decimal(10,2)");
  EXPECT_EQ(HiveTypeOfDeclared("NUMERIC(40,2)"), "double");  // beyond Hive's 38 digits
  EXPECT_EQ(HiveTypeOfDeclared("NUMERIC"), "double");
  EXPECT_EQ(HiveTypeOfDeclared("DATE"), "date");
  EXPECT_EQ(HiveTypeOfDeclared("DATETIME"), "timestamp");
  EXPECT_EQ(HiveTypeOfDeclared("TIMESTAMP"), "timestamp");
  EXPECT_EQ(HiveTypeOfDeclared("TIME"), "time");
  EXPECT_EQ(HiveTypeOfDeclared("POINT"), "string");
  EXPECT_EQ(HiveTypeOfDeclared(""), "string");
}

TEST_F(SqliteTest, DescribesTablesViewsColumnsAndKeys) {
  CreateTypes();
  auto connector = OpenConnector(Conn());
  EXPECT_EQ(connector->ServerVersion().rfind("SQLite 3.", 0), 0u);
  EXPECT_EQ(connector->ListSchemas(), std::vector<std::string>{"main"});
  auto tables = connector->ListTables("main", true);
  ASSERT_EQ(tables.size(), 3u);
  EXPECT_EQ(tables[0].name, "all_types");
  EXPECT_EQ(tables[0].row_estimate, 2);
  EXPECT_EQ(tables[0].columns.size(), 21u);
  EXPECT_EQ(tables[1].name, "pair");
  EXPECT_EQ(tables[1].PrimaryKey(), (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(tables[2].name, "v_ids");
  EXPECT_EQ(tables[2].kind, RelationKind::kView);
  EXPECT_EQ(tables[2].row_estimate, -1);
  ASSERT_EQ(tables[2].columns.size(), 2u);
  EXPECT_EQ(tables[2].columns[1].hive_type, "string");

  TableInfo table = connector->DescribeTable("main", "all_types");
  EXPECT_EQ(table.columns[0].name, "id");
  EXPECT_EQ(table.columns[0].source_type, "INTEGER");
  EXPECT_EQ(table.columns[0].primary_key_position, 1);
  EXPECT_FALSE(table.columns[0].nullable);
  EXPECT_FALSE(table.columns[1].nullable);
  EXPECT_TRUE(table.columns[2].nullable);
  EXPECT_EQ(table.columns[9].hive_type, "decimal(10,2)");
  EXPECT_EQ(table.columns[20].hive_type, "string");
}

TEST_F(SqliteTest, ScansEveryValueAsDocumented) {
  CreateTypes();
  auto connector = OpenConnector(Conn());
  ScanRequest request = ScanRequest::Table("main", "all_types");
  request.order_by = "id";
  auto scanned = ScanAll(*connector->Scan(request));
  ASSERT_EQ(scanned.rows.size(), 2u);
  const auto& row = scanned.rows[0];
  auto at = [&](const std::string& name) -> const Value& {
    return row[*scanned.schema.Find(name)];
  };
  EXPECT_EQ(at("id").int_value(), 1);
  EXPECT_EQ(at("c_int").int_value(), INT32_MIN);
  EXPECT_EQ(at("c_smallint").int_value(), -32768);
  EXPECT_EQ(at("c_tinyint").int_value(), -128);
  EXPECT_EQ(at("c_bigint").int_value(), INT64_MAX);
  EXPECT_TRUE(at("c_bool").bool_value());
  EXPECT_EQ(at("c_real").double_value(), 1.5);
  EXPECT_EQ(at("c_double").double_value(), -2.25);
  EXPECT_EQ(at("c_float").double_value(), 0.5);
  EXPECT_EQ(at("c_decimal").decimal_value(), -1234567891);
  EXPECT_EQ(at("c_numeric").double_value(), 3.25);
  EXPECT_EQ(at("c_varchar").string_value(), "héllo");
  EXPECT_EQ(at("c_clob").string_value(), "clob");
  EXPECT_EQ(at("c_blob").string_value(), std::string("\x00\xff\x10", 3));
  EXPECT_EQ(at("c_date").int_value(), types::DaysFromCivil(2024, 3, 7));
  EXPECT_EQ(at("c_datetime").int_value(),
            types::DaysFromCivil(1999, 12, 31) * types::kMicrosPerDay + 86'399'500'000LL);
  EXPECT_EQ(at("c_timestamp").int_value(), types::kMicrosPerDay);  // Unix seconds
  EXPECT_EQ(at("c_time").int_value(), (12 * 3600 + 34 * 60 + 56) * 1'000'000LL + 789'000);
  EXPECT_EQ(at("c_json").string_value(), "{\"a\":1}");
  EXPECT_EQ(at("c_none").string_value(), "42");

  const auto& second = scanned.rows[1];
  auto at2 = [&](const std::string& name) -> const Value& {
    return second[*scanned.schema.Find(name)];
  };
  EXPECT_FALSE(at2("c_bool").bool_value());
  EXPECT_EQ(at2("c_decimal").decimal_value(), 1235);  // 12.345 rounds half away from zero
  EXPECT_EQ(at2("c_date").int_value(), types::DaysFromCivil(2024, 3, 7));
  EXPECT_TRUE(at2("c_text").is_null());
  EXPECT_TRUE(at2("c_blob").is_null());
  EXPECT_EQ(at2("c_none").string_value(), "text");
}

TEST_F(SqliteTest, PushesDownProjectionWhereOrderAndLimit) {
  CreateTypes();
  auto connector = OpenConnector(Conn());
  auto scanned = basin::testing::ScanHighestId(*connector, "main", "all_types", {"C_INT", "id"});
  ASSERT_EQ(scanned.schema.size(), 2u);
  EXPECT_EQ(scanned.schema[0].name, "c_int");
  ASSERT_EQ(scanned.rows.size(), 1u);
  EXPECT_EQ(scanned.rows[0][0].int_value(), 7);
  EXPECT_EQ(scanned.rows[0][1].int_value(), 2);
}

TEST_F(SqliteTest, RawQueryUsesDeclaredTypes) {
  CreateTypes();
  auto connector = OpenConnector(Conn());
  auto scanned = ScanAll(*connector->Scan(ScanRequest::Query(
      "SELECT c_decimal, c_date, count(*) AS n FROM all_types GROUP BY 1, 2 ORDER BY 1")));
  EXPECT_EQ(scanned.schema[0].type.ToString(), "decimal(10,2)");
  EXPECT_EQ(scanned.schema[1].type.ToString(), "date");
  EXPECT_EQ(scanned.schema[2].type.ToString(), "string");  // an expression has no declared type
  ASSERT_EQ(scanned.rows.size(), 2u);
  EXPECT_EQ(scanned.rows[1][2].string_value(), "1");
}

TEST_F(SqliteTest, ValuesThatDoNotConvertAreCorruptNamingRowAndColumn) {
  Sql("CREATE TABLE t (id INTEGER PRIMARY KEY, n SMALLINT, d DATE);"
      "INSERT INTO t VALUES (1, 5, '2024-01-01'), (2, 70000, '2024-01-02'), (3, 1, 'not a date')");
  auto connector = OpenConnector(Conn());
  std::string message;
  ScanRequest request = ScanRequest::Table("main", "t");
  request.columns = {"n"};
  EXPECT_EQ(CodeOf([&] { ScanAll(*connector->Scan(request)); }, &message), ErrorCode::kCorrupt);
  EXPECT_NE(message.find("row 2, column n"), std::string::npos) << message;
  request.columns = {"d"};
  EXPECT_EQ(CodeOf([&] { ScanAll(*connector->Scan(request)); }, &message), ErrorCode::kCorrupt);
  EXPECT_NE(message.find("row 3, column d"), std::string::npos) << message;
}

TEST_F(SqliteTest, ChunksHoldAtMostTheChunkSize) {
  Sql("CREATE TABLE n (v INTEGER);"
      "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 5000) "
      "INSERT INTO n SELECT i FROM s");
  auto connector = OpenConnector(Conn());
  auto stream = connector->Scan(ScanRequest::Table("main", "n"));
  columnar::DataChunk chunk;
  std::vector<size_t> sizes;
  int64_t sum = 0;
  while (stream->Next(chunk)) {
    sizes.push_back(chunk.size());
    for (size_t i = 0; i < chunk.size(); ++i) sum += chunk.column(0).data<int64_t>()[i];
  }
  EXPECT_EQ(sizes, (std::vector<size_t>{2048, 2048, 904}));
  EXPECT_EQ(sum, 5000 * 5001 / 2);
  EXPECT_EQ(stream->rows_read(), 5000);
  EXPECT_FALSE(stream->Next(chunk));
}

TEST_F(SqliteTest, BadRequestsFailWithTheRightCode) {
  CreateTypes();
  auto connector = OpenConnector(Conn());
  basin::testing::ExpectBadScansFail(*connector, "main", "all_types");
  EXPECT_EQ(CodeOf([&] {
              ScanRequest request = ScanRequest::Query("SELECT 1");
              request.table = "all_types";
              connector->Scan(request);
            }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([&] { connector->ListTables("other"); }), ErrorCode::kNotFound);
}

TEST_F(SqliteTest, MissingFileIsNotFoundAndOtherFilesCorrupt) {
  EXPECT_EQ(CodeOf([&] { OpenConnector(Conn()); }), ErrorCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(path_));  // never created
  std::ofstream(path_) << "this is not a database, just some text that is long enough to fail";
  EXPECT_EQ(CodeOf([&] { OpenConnector(Conn()); }), ErrorCode::kCorrupt);
}

TEST_F(SqliteTest, ProbeReportsVersionAndCounts) {
  CreateTypes();
  catalog::ProbeResult result = connectors::ProbeConnection(Conn());
  EXPECT_EQ(result.server.rfind("SQLite 3.", 0), 0u);
  EXPECT_NE(result.details.find("2 tables and 1 views"), std::string::npos) << result.details;
}

TEST(ConnectorOptions, PasswordsComeFromTheEnvironmentOrAFile) {
  catalog::Connection connection;
  connection.name = "c";
  EXPECT_EQ(ResolvePassword(connection), "");
  connection.password = {catalog::PasswordRef::Kind::kEnvironment, "BASIN_TEST_PASSWORD_VAR"};
  setenv("BASIN_TEST_PASSWORD_VAR", "s3cret", 1);
  EXPECT_EQ(ResolvePassword(connection), "s3cret");
  unsetenv("BASIN_TEST_PASSWORD_VAR");
  EXPECT_EQ(CodeOf([&] { ResolvePassword(connection); }), ErrorCode::kInvalidInput);

  std::string file =
      (std::filesystem::temp_directory_path() / ("basin_password_" + std::to_string(getpid())))
          .string();
  std::ofstream(file) << "from-file\n";
  connection.password = {catalog::PasswordRef::Kind::kFile, file};
  EXPECT_EQ(ResolvePassword(connection), "from-file");
  std::filesystem::remove(file);
  EXPECT_EQ(CodeOf([&] { ResolvePassword(connection); }), ErrorCode::kNotFound);
}

TEST(ConnectorOptions, ConnectTimeoutDefaultsToTenSeconds) {
  catalog::Connection connection;
  EXPECT_EQ(ConnectTimeoutSeconds(connection), 10);
  connection.parameters["connectTimeout"] = "3";
  EXPECT_EQ(ConnectTimeoutSeconds(connection), 3);
  connection.parameters["connectTimeout"] = "soon";
  EXPECT_EQ(CodeOf([&] { ConnectTimeoutSeconds(connection); }), ErrorCode::kInvalidInput);
  connection.parameters["connectTimeout"] = "0";
  EXPECT_EQ(CodeOf([&] { ConnectTimeoutSeconds(connection); }), ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace basin::connectors
