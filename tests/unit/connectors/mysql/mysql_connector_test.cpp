// Runs against a real MariaDB server: tests/integration/connectors_mariadb.sh starts one with
// scripts/mariadb-server.sh and runs this binary with MYSQL_TCP_PORT/MYSQL_USER/MYSQL_PWD set
// (and BASIN_TEST_MYSQL_MOVIES naming the database holding the movie-rental fixture).
// Without a server the tests are skipped.

#include <gtest/gtest.h>
#include <mysql.h>

#include "connectors/connector.hpp"
#include "types/date_time.hpp"
#include "types/decimal.hpp"
#include "unit/connectors/connector_checks.hpp"
#include "unit/connectors/scan_util.hpp"
#include "unit/error_code_of.hpp"

namespace basin::connectors {
namespace {

using basin::testing::CodeOf;
using basin::testing::EnvOr;
using basin::testing::ScanAll;
using types::Value;

class MySqlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (EnvOr("MYSQL_TCP_PORT").empty())
      GTEST_SKIP() << "no MariaDB server (run connectors_mariadb.sh)";
  }

  static catalog::Connection Conn(const std::string& database = "basin",
                                  const std::string& password_env = "MYSQL_PWD") {
    return basin::testing::ServerConnection("maria", catalog::ConnectionType::kMySql,
                                            "jdbc:mysql", "MYSQL_TCP_PORT", "MYSQL_USER",
                                            database, password_env);
  }

  // Runs SQL through Connector/C directly (multi-statement), to set up what the connector reads.
  static void Sql(const std::string& sql, const std::string& database = "basin") {
    MYSQL* mysql = mysql_init(nullptr);
    ASSERT_NE(mysql_real_connect(mysql, "127.0.0.1", EnvOr("MYSQL_USER", "basin").c_str(),
                                 EnvOr("MYSQL_PWD").c_str(), database.c_str(),
                                 static_cast<unsigned>(std::stoi(EnvOr("MYSQL_TCP_PORT"))), nullptr,
                                 CLIENT_MULTI_STATEMENTS),
              nullptr)
        << mysql_error(mysql);
    EXPECT_EQ(mysql_real_query(mysql, sql.data(), sql.size()), 0) << mysql_error(mysql);
    do {
      if (MYSQL_RES* result = mysql_store_result(mysql)) mysql_free_result(result);
      EXPECT_EQ(mysql_errno(mysql), 0u) << mysql_error(mysql);
    } while (mysql_next_result(mysql) == 0);
    mysql_close(mysql);
  }
};

TEST_F(MySqlTest, ReportsServerVersion) {
  auto connector = OpenConnector(Conn());
  EXPECT_EQ(connector->ServerVersion().rfind("MariaDB 10.", 0), 0u) << connector->ServerVersion();
  EXPECT_EQ(connector->type(), catalog::ConnectionType::kMySql);
}

TEST_F(MySqlTest, WrongPasswordIsAccessDeniedNamingUserAndAddress) {
  setenv("BASIN_TEST_BAD_PASSWORD", "not-the-password", 1);
  std::string message;
  EXPECT_EQ(CodeOf([&] { OpenConnector(Conn("basin", "BASIN_TEST_BAD_PASSWORD")); }, &message),
            ErrorCode::kAccessDenied);
  EXPECT_NE(message.find("authentication failed for user 'basin' at 127.0.0.1:" +
                         EnvOr("MYSQL_TCP_PORT")),
            std::string::npos)
      << message;
}

TEST_F(MySqlTest, ClosedPortIsIOErrorNamingHostAndPort) {
  catalog::Connection connection = Conn();
  connection.url = "jdbc:mysql://127.0.0.1:1/basin";
  std::string message;
  EXPECT_EQ(CodeOf([&] { OpenConnector(connection); }, &message), ErrorCode::kIOError);
  EXPECT_NE(message.find("127.0.0.1:1"), std::string::npos) << message;
}

TEST_F(MySqlTest, ServerThatNeverAnswersIsTimeout) {
  basin::testing::SilentListener listener;
  catalog::Connection connection = Conn();
  connection.url = "jdbc:mysql://127.0.0.1:" + std::to_string(listener.port()) + "/basin";
  connection.parameters["connectTimeout"] = "1";
  std::string message;
  EXPECT_EQ(CodeOf([&] { OpenConnector(connection); }, &message), ErrorCode::kTimeout) << message;
}

TEST_F(MySqlTest, MissingDatabaseIsNotFound) {
  EXPECT_EQ(CodeOf([&] { OpenConnector(Conn("no_such_database")); }), ErrorCode::kNotFound);
}

class MySqlTypesTest : public MySqlTest {
 protected:
  void SetUp() override {
    MySqlTest::SetUp();
    if (IsSkipped()) return;
    Sql(R"sql(
      DROP DATABASE IF EXISTS types_test;
      CREATE DATABASE types_test;
      USE types_test;
      CREATE TABLE all_types (
        id int NOT NULL PRIMARY KEY,
        c_tinyint tinyint, c_tinyint_u tinyint unsigned, c_bool tinyint(1), c_smallint smallint,
        c_smallint_u smallint unsigned, c_mediumint mediumint, c_int int, c_int_u int unsigned,
        c_bigint bigint, c_bigint_u bigint unsigned, c_decimal decimal(10,2),
        c_decimal_big decimal(30,5), c_decimal_huge decimal(50,2), c_float float, c_double double,
        c_bit1 bit(1), c_bit12 bit(12), c_char char(4), c_varchar varchar(20), c_text text,
        c_enum enum('sad','happy'), c_set set('a','b','c'), c_json json, c_uuid uuid,
        c_binary varbinary(8), c_blob blob, c_date date, c_time time, c_datetime datetime(6),
        c_timestamp timestamp(3) NULL, c_year year
      ) COMMENT 'every type';
      INSERT INTO all_types VALUES (
        1, -128, 255, 1, -32768, 65535, -8388608, -2147483648, 4294967295,
        -9223372036854775808, 18446744073709551615, -12345678.91,
        1234567890123456789012345.67891, 123.45, 1.5, -2.25,
        b'1', b'101010101010', 'ab', 'héllo', 'a long text', 'happy', 'a,c', '{"a": 1}',
        'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', x'00ff10', x'cafe', '2024-03-07', '-12:34:56',
        '1999-12-31 23:59:59.500000', '2024-03-07 12:00:00.250', 2024);
      INSERT INTO all_types (id, c_bool, c_bit1, c_date) VALUES (2, 0, b'0', '1960-01-01');
      CREATE VIEW v_ids AS SELECT id, c_text FROM all_types;
    )sql");
  }
};

TEST_F(MySqlTypesTest, MapsEveryColumnTypeAsDocumented) {
  auto connector = OpenConnector(Conn());
  TableInfo table = connector->DescribeTable("types_test", "all_types");
  EXPECT_EQ(table.comment, "every type");
  std::vector<std::pair<std::string, std::string>> expected = {{"id", "int"},
                                                               {"c_tinyint", "tinyint"},
                                                               {"c_tinyint_u", "smallint"},
                                                               {"c_bool", "boolean"},
                                                               {"c_smallint", "smallint"},
                                                               {"c_smallint_u", "int"},
                                                               {"c_mediumint", "int"},
                                                               {"c_int", "int"},
                                                               {"c_int_u", "bigint"},
                                                               {"c_bigint", "bigint"},
                                                               {"c_bigint_u", "decimal(20,0)"},
                                                               {"c_decimal", "decimal(10,2)"},
                                                               {"c_decimal_big", "decimal(30,5)"},
                                                               {"c_decimal_huge", "string"},
                                                               {"c_float", "float"},
                                                               {"c_double", "double"},
                                                               {"c_bit1", "boolean"},
                                                               {"c_bit12", "bigint"},
                                                               {"c_char", "string"},
                                                               {"c_varchar", "string"},
                                                               {"c_text", "string"},
                                                               {"c_enum", "string"},
                                                               {"c_set", "string"},
                                                               {"c_json", "string"},
                                                               {"c_uuid", "string"},
                                                               {"c_binary", "binary"},
                                                               {"c_blob", "binary"},
                                                               {"c_date", "date"},
                                                               {"c_time", "string"},
                                                               {"c_datetime", "timestamp"},
                                                               {"c_timestamp", "timestamp"},
                                                               {"c_year", "smallint"}};
  ASSERT_EQ(table.columns.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(table.columns[i].name, expected[i].first);
    EXPECT_EQ(table.columns[i].hive_type, expected[i].second) << expected[i].first;
  }
  EXPECT_EQ(table.columns[8].source_type, "int(10) unsigned");
  EXPECT_EQ(table.PrimaryKey(), std::vector<std::string>{"id"});
  EXPECT_FALSE(table.columns[0].nullable);
  EXPECT_TRUE(table.columns[1].nullable);
}

TEST_F(MySqlTypesTest, ScansEveryValueAsDocumented) {
  auto connector = OpenConnector(Conn());
  ScanRequest request = ScanRequest::Table("types_test", "all_types");
  request.order_by = "id";
  auto scanned = ScanAll(*connector->Scan(request));
  ASSERT_EQ(scanned.rows.size(), 2u);
  const auto& row = scanned.rows[0];
  auto at = [&](const std::string& name) -> const Value& {
    return row[*scanned.schema.Find(name)];
  };
  EXPECT_EQ(at("c_tinyint").int_value(), -128);
  EXPECT_EQ(at("c_tinyint_u").int_value(), 255);
  EXPECT_TRUE(at("c_bool").bool_value());
  EXPECT_EQ(at("c_smallint").int_value(), -32768);
  EXPECT_EQ(at("c_smallint_u").int_value(), 65535);
  EXPECT_EQ(at("c_mediumint").int_value(), -8388608);
  EXPECT_EQ(at("c_int").int_value(), INT32_MIN);
  EXPECT_EQ(at("c_int_u").int_value(), 4294967295LL);
  EXPECT_EQ(at("c_bigint").int_value(), INT64_MIN);
  EXPECT_EQ(types::Int128ToString(at("c_bigint_u").decimal_value()), "18446744073709551615");
  EXPECT_EQ(at("c_decimal").decimal_value(), -1234567891);
  EXPECT_EQ(types::Int128ToString(at("c_decimal_big").decimal_value()),
            "123456789012345678901234567891");
  EXPECT_EQ(at("c_decimal_huge").string_value(), "123.45");
  EXPECT_EQ(at("c_float").double_value(), 1.5);
  EXPECT_EQ(at("c_double").double_value(), -2.25);
  EXPECT_TRUE(at("c_bit1").bool_value());
  EXPECT_EQ(at("c_bit12").int_value(), 0b101010101010);
  EXPECT_EQ(at("c_char").string_value(), "ab");  // MySQL strips CHAR padding
  EXPECT_EQ(at("c_varchar").string_value(), "héllo");
  EXPECT_EQ(at("c_text").string_value(), "a long text");
  EXPECT_EQ(at("c_enum").string_value(), "happy");
  EXPECT_EQ(at("c_set").string_value(), "a,c");
  EXPECT_EQ(at("c_json").string_value(), "{\"a\": 1}");
  EXPECT_EQ(at("c_uuid").string_value(), "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT_EQ(at("c_binary").string_value(), std::string("\x00\xff\x10", 3));
  EXPECT_EQ(at("c_blob").string_value(), "\xca\xfe");
  EXPECT_EQ(at("c_date").int_value(), types::DaysFromCivil(2024, 3, 7));
  EXPECT_EQ(at("c_time").string_value(), "-12:34:56");
  EXPECT_EQ(at("c_datetime").int_value(),
            types::DaysFromCivil(1999, 12, 31) * types::kMicrosPerDay + 86'399'500'000LL);
  EXPECT_EQ(at("c_timestamp").int_value(), types::DaysFromCivil(2024, 3, 7) * types::kMicrosPerDay +
                                               12 * 3'600'000'000LL + 250'000);
  EXPECT_EQ(at("c_year").int_value(), 2024);

  const auto& second = scanned.rows[1];
  auto at2 = [&](const std::string& name) -> const Value& {
    return second[*scanned.schema.Find(name)];
  };
  EXPECT_TRUE(at2("c_text").is_null());
  EXPECT_TRUE(at2("c_decimal").is_null());
  EXPECT_TRUE(at2("c_bigint_u").is_null());
  EXPECT_FALSE(at2("c_bool").bool_value());
  EXPECT_FALSE(at2("c_bit1").bool_value());
  EXPECT_EQ(at2("c_date").int_value(), types::DaysFromCivil(1960, 1, 1));
}

TEST_F(MySqlTypesTest, TimestampsAreReadInUtc) {
  // A TIMESTAMP column stores an instant; written at +02:00 it reads back as UTC.
  Sql("USE types_test; SET time_zone = '+02:00'; INSERT INTO all_types (id, c_timestamp) "
      "VALUES (3, '2024-03-07 12:00:00')");
  auto connector = OpenConnector(Conn());
  auto scanned = ScanAll(*connector->Scan(
      ScanRequest::Query("SELECT c_timestamp FROM types_test.all_types WHERE id = 3")));
  ASSERT_EQ(scanned.rows.size(), 1u);
  EXPECT_EQ(scanned.rows[0][0].int_value(),
            types::DaysFromCivil(2024, 3, 7) * types::kMicrosPerDay + 10 * 3'600'000'000LL);
}

TEST_F(MySqlTypesTest, PushesDownProjectionWhereOrderAndLimit) {
  auto connector = OpenConnector(Conn());
  auto scanned =
      basin::testing::ScanHighestId(*connector, "types_test", "all_types", {"c_bool", "ID"});
  ASSERT_EQ(scanned.schema.size(), 2u);
  EXPECT_EQ(scanned.schema[1].name, "id");
  ASSERT_EQ(scanned.rows.size(), 1u);
  EXPECT_EQ(scanned.rows[0][1].int_value(), 2);
  EXPECT_FALSE(scanned.rows[0][0].bool_value());
}

TEST_F(MySqlTypesTest, RawQueryMapsResultTypes) {
  auto connector = OpenConnector(Conn());
  auto scanned = ScanAll(*connector->Scan(ScanRequest::Query(
      "SELECT id, c_decimal, c_text, c_int_u, c_bigint_u, c_date, c_blob FROM types_test.all_types "
      "WHERE id = 1")));
  ASSERT_EQ(scanned.rows.size(), 1u);
  EXPECT_EQ(scanned.schema[0].type.ToString(), "int");
  EXPECT_EQ(scanned.schema[1].type.ToString(), "decimal(10,2)");
  EXPECT_EQ(scanned.schema[2].type.ToString(), "string");
  EXPECT_EQ(scanned.schema[3].type.ToString(), "bigint");
  EXPECT_EQ(scanned.schema[4].type.ToString(), "decimal(20,0)");
  EXPECT_EQ(scanned.schema[5].type.ToString(), "date");
  EXPECT_EQ(scanned.schema[6].type.ToString(), "binary");
  EXPECT_EQ(scanned.rows[0][1].decimal_value(), -1234567891);
  EXPECT_EQ(scanned.rows[0][3].int_value(), 4294967295LL);
}

TEST_F(MySqlTypesTest, BadRequestsFailWithTheRightCode) {
  auto connector = OpenConnector(Conn());
  basin::testing::ExpectBadScansFail(*connector, "types_test", "all_types");
  EXPECT_EQ(CodeOf([&] { connector->ListTables("no_such_schema"); }), ErrorCode::kNotFound);
  EXPECT_EQ(connector->ListTables("types_test").size(), 2u);
}

TEST_F(MySqlTypesTest, ListsSchemasTablesAndViews) {
  auto connector = OpenConnector(Conn());
  auto schemas = connector->ListSchemas();
  EXPECT_NE(std::find(schemas.begin(), schemas.end(), "types_test"), schemas.end());
  EXPECT_EQ(std::find(schemas.begin(), schemas.end(), "mysql"), schemas.end());
  EXPECT_EQ(std::find(schemas.begin(), schemas.end(), "information_schema"), schemas.end());
  auto tables = connector->ListTables("types_test", true);
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_EQ(tables[0].name, "all_types");
  EXPECT_EQ(tables[0].kind, RelationKind::kTable);
  EXPECT_GE(tables[0].row_estimate, 0);
  EXPECT_EQ(tables[0].columns.size(), 32u);
  EXPECT_EQ(tables[1].name, "v_ids");
  EXPECT_EQ(tables[1].kind, RelationKind::kView);
  ASSERT_EQ(tables[1].columns.size(), 2u);
  EXPECT_EQ(tables[1].columns[1].hive_type, "string");
}

TEST_F(MySqlTypesTest, AbandonedStreamLeavesTheSessionUsable) {
  Sql("CREATE TABLE types_test.many AS SELECT CAST(seq AS SIGNED) AS id FROM seq_1_to_300000");
  auto connector = OpenConnector(Conn());
  basin::testing::ExpectAbandonedStreamLeavesSessionUsable(*connector, "types_test", "many",
                                                           300000);
  EXPECT_EQ(connector->ListTables("types_test").size(), 3u);
}

TEST_F(MySqlTest, MovieRentalSchemaIntrospection) {
  std::string database = EnvOr("BASIN_TEST_MYSQL_MOVIES");
  if (database.empty()) GTEST_SKIP() << "BASIN_TEST_MYSQL_MOVIES names no fixture database";
  auto connector = OpenConnector(Conn(database));
  basin::testing::ExpectMovieRentalRelations(*connector, database);
  TableInfo film = connector->DescribeTable(database, "film");
  std::vector<std::string> columns;
  for (const auto& column : film.columns) columns.push_back(column.name + " " + column.hive_type);
  EXPECT_EQ(columns,
            (std::vector<std::string>{
                "film_id int", "title string", "description string", "release_year smallint",
                "language_id smallint", "rental_duration smallint", "rental_rate decimal(4,2)",
                "length int", "replacement_cost decimal(5,2)", "rating string",
                "special_features string", "last_update timestamp"}));
  EXPECT_EQ(film.PrimaryKey(), std::vector<std::string>{"film_id"});
  EXPECT_EQ(connector->DescribeTable(database, "film_actor").PrimaryKey(),
            (std::vector<std::string>{"actor_id", "film_id"}));
  TableInfo customer = connector->DescribeTable(database, "customer");
  EXPECT_EQ(customer.columns[6].name, "active");
  EXPECT_EQ(customer.columns[6].hive_type, "boolean");
  auto rows = ScanAll(*connector->Scan(ScanRequest::Table(database, "category")));
  EXPECT_EQ(rows.rows.size(), 16u);
  auto payments =
      ScanAll(*connector->Scan(ScanRequest::Query("SELECT count(*), sum(amount) FROM payment")));
  EXPECT_EQ(payments.rows[0][0].int_value(), 16000);
}

TEST_F(MySqlTest, StreamsTwoMillionRowsInBoundedMemory) {
  Sql("DROP TABLE IF EXISTS big; CREATE TABLE big ENGINE=InnoDB AS SELECT CAST(seq AS SIGNED) AS "
      "id, md5(seq) AS "
      "label, seq * 0.01 AS amount FROM seq_1_to_2000000");
  auto connector = OpenConnector(Conn());
  basin::testing::ExpectTwoMillionIdsInBoundedMemory<int64_t>(*connector, "basin", "big",
                                                              "bigint");
  Sql("DROP TABLE big");
}

}  // namespace
}  // namespace basin::connectors
