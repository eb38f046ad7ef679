// Runs against a real PostgreSQL server: tests/integration/connectors_postgres.sh starts one
// with scripts/pg-server.sh and runs this binary with PGHOST/PGPORT/PGUSER/PGPASSWORD set (and
// BASIN_TEST_PG_MOVIES naming the database holding the movie-rental fixture). Without a
// server the tests are skipped.

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include "connectors/connector.hpp"
#include "types/date_time.hpp"
#include "unit/connectors/connector_checks.hpp"
#include "unit/connectors/scan_util.hpp"
#include "unit/error_code_of.hpp"

namespace basin::connectors {
namespace {

using basin::testing::CodeOf;
using basin::testing::EnvOr;
using basin::testing::ScanAll;
using types::Value;

class PostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (EnvOr("PGPORT").empty())
      GTEST_SKIP() << "no PostgreSQL server (run connectors_postgres.sh)";
  }

  static catalog::Connection Conn(const std::string& database = "basin",
                                  const std::string& password_env = "PGPASSWORD") {
    return basin::testing::ServerConnection("pg", catalog::ConnectionType::kPostgreSql,
                                            "jdbc:postgresql", "PGPORT", "PGUSER", database,
                                            password_env);
  }

  // Runs SQL through libpq directly, to set up what the connector then reads.
  static void Sql(const std::string& sql, const std::string& database = "basin") {
    std::string conninfo = "host=127.0.0.1 port=" + EnvOr("PGPORT") + " dbname=" + database +
                           " options='-c client_min_messages=warning'";
    PGconn* conn = PQconnectdb(conninfo.c_str());
    ASSERT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
    PGresult* result = PQexec(conn, sql.c_str());
    ExecStatusType status = PQresultStatus(result);
    EXPECT_TRUE(status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
        << PQresultErrorMessage(result);
    PQclear(result);
    PQfinish(conn);
  }
};

TEST_F(PostgresTest, ReportsServerVersion) {
  auto connector = OpenConnector(Conn());
  EXPECT_EQ(connector->ServerVersion().rfind("PostgreSQL 15.", 0), 0u)
      << connector->ServerVersion();
  EXPECT_EQ(connector->type(), catalog::ConnectionType::kPostgreSql);
  EXPECT_EQ(connector->DatabaseName(), "basin");
}

TEST_F(PostgresTest, WrongPasswordIsAccessDeniedNamingUserAndAddress) {
  setenv("BASIN_TEST_BAD_PASSWORD", "not-the-password", 1);
  std::string message;
  EXPECT_EQ(CodeOf([&] { OpenConnector(Conn("basin", "BASIN_TEST_BAD_PASSWORD")); }, &message),
            ErrorCode::kAccessDenied);
  EXPECT_NE(message.find("authentication failed for user 'basin' at 127.0.0.1:" + EnvOr("PGPORT")),
            std::string::npos)
      << message;
}

TEST_F(PostgresTest, UnsetPasswordVariableIsInvalidInput) {
  unsetenv("BASIN_TEST_UNSET_VARIABLE");
  EXPECT_EQ(CodeOf([&] { OpenConnector(Conn("basin", "BASIN_TEST_UNSET_VARIABLE")); }),
            ErrorCode::kInvalidInput);
}

TEST_F(PostgresTest, ClosedPortIsIOErrorNamingHostAndPort) {
  catalog::Connection connection = Conn();
  connection.url = "jdbc:postgresql://127.0.0.1:1/basin";
  std::string message;
  EXPECT_EQ(CodeOf([&] { OpenConnector(connection); }, &message), ErrorCode::kIOError);
  EXPECT_NE(message.find("127.0.0.1:1"), std::string::npos) << message;
}

TEST_F(PostgresTest, ServerThatNeverAnswersIsTimeout) {
  basin::testing::SilentListener listener;
  catalog::Connection connection = Conn();
  connection.url = "jdbc:postgresql://127.0.0.1:" + std::to_string(listener.port()) + "/basin";
  connection.parameters["connectTimeout"] = "1";
  std::string message;
  EXPECT_EQ(CodeOf([&] { OpenConnector(connection); }, &message), ErrorCode::kTimeout) << message;
}

TEST_F(PostgresTest, MissingDatabaseIsNotFound) {
  EXPECT_EQ(CodeOf([&] { OpenConnector(Conn("no_such_database")); }), ErrorCode::kNotFound);
}

class PostgresTypesTest : public PostgresTest {
 protected:
  void SetUp() override {
    PostgresTest::SetUp();
    if (IsSkipped()) return;
    Sql(R"sql(
      DROP SCHEMA IF EXISTS types_test CASCADE;
      CREATE SCHEMA types_test;
      CREATE TYPE types_test.mood AS ENUM ('sad', 'happy');
      CREATE DOMAIN types_test.positive AS integer CHECK (VALUE > 0);
      CREATE TABLE types_test.all_types (
        id integer PRIMARY KEY,
        c_smallint smallint, c_integer integer, c_bigint bigint,
        c_numeric numeric(10,2), c_numeric_big numeric(30,5), c_numeric_free numeric,
        c_real real, c_double double precision, c_bool boolean, c_bit1 bit(1),
        c_char char(4), c_varchar varchar(20), c_text text, c_enum types_test.mood,
        c_json json, c_jsonb jsonb, c_uuid uuid, c_bytea bytea,
        c_date date, c_time time, c_timestamp timestamp, c_timestamptz timestamptz,
        c_int_array integer[], c_text_array text[], c_money money, c_interval interval,
        c_inet inet, c_domain types_test.positive NOT NULL
      );
      INSERT INTO types_test.all_types VALUES (
        1, -32768, 2147483647, -9223372036854775808,
        -12345678.91, 123456789012345678901234.56789, 3.14159265358979323846,
        1.5, -2.25, true, B'1',
        'ab', 'héllo', 'a long text', 'happy',
        '{"a": 1}', '{"b": [1, 2]}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\x00ff10',
        '2024-03-07', '12:34:56.789', '1999-12-31 23:59:59.5', '2024-03-07 12:00:00+02',
        '{1,NULL,3}', '{"x","y z"}', 12.5, '1 day 02:00:00',
        '192.168.0.1/32', 7);
      INSERT INTO types_test.all_types (id, c_domain, c_date, c_timestamp, c_int_array, c_bool, c_bit1)
        VALUES (2, 1, '1960-01-01', '1900-01-01 00:00:00', '{}', false, B'0');
      COMMENT ON TABLE types_test.all_types IS 'every type';
      CREATE VIEW types_test.v_ids AS SELECT id, c_text FROM types_test.all_types;
    )sql");
  }
};

TEST_F(PostgresTypesTest, MapsEveryColumnTypeAsDocumented) {
  auto connector = OpenConnector(Conn());
  TableInfo table = connector->DescribeTable("types_test", "all_types");
  EXPECT_EQ(table.kind, RelationKind::kTable);
  EXPECT_EQ(table.comment, "every type");
  std::vector<std::pair<std::string, std::string>> expected = {{"id", "int"},
                                                               {"c_smallint", "smallint"},
                                                               {"c_integer", "int"},
                                                               {"c_bigint", "bigint"},
                                                               {"c_numeric", "decimal(10,2)"},
                                                               {"c_numeric_big", "decimal(30,5)"},
                                                               {"c_numeric_free", "decimal(38,18)"},
                                                               {"c_real", "float"},
                                                               {"c_double", "double"},
                                                               {"c_bool", "boolean"},
                                                               {"c_bit1", "boolean"},
                                                               {"c_char", "string"},
                                                               {"c_varchar", "string"},
                                                               {"c_text", "string"},
                                                               {"c_enum", "string"},
                                                               {"c_json", "string"},
                                                               {"c_jsonb", "string"},
                                                               {"c_uuid", "string"},
                                                               {"c_bytea", "binary"},
                                                               {"c_date", "date"},
                                                               {"c_time", "time"},
                                                               {"c_timestamp", "timestamp"},
                                                               {"c_timestamptz", "timestamp"},
                                                               {"c_int_array", "array<int>"},
                                                               {"c_text_array", "array<string>"},
                                                               {"c_money", "string"},
                                                               {"c_interval", "string"},
                                                               {"c_inet", "string"},
                                                               {"c_domain", "int"}};
  ASSERT_EQ(table.columns.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(table.columns[i].name, expected[i].first);
    EXPECT_EQ(table.columns[i].hive_type, expected[i].second) << expected[i].first;
    EXPECT_EQ(table.columns[i].type.ToString(), expected[i].second) << expected[i].first;
  }
  EXPECT_EQ(table.columns[4].source_type, "numeric(10,2)");
  EXPECT_EQ(table.columns[12].source_type, "character varying(20)");
  EXPECT_EQ(table.columns[0].primary_key_position, 1);
  EXPECT_FALSE(table.columns[0].nullable);
  EXPECT_TRUE(table.columns[1].nullable);
  EXPECT_FALSE(table.columns[28].nullable);
  EXPECT_EQ(table.PrimaryKey(), std::vector<std::string>{"id"});
}

TEST_F(PostgresTypesTest, ScansEveryValueAsDocumented) {
  auto connector = OpenConnector(Conn());
  ScanRequest request;
  request.schema = "types_test";
  request.table = "all_types";
  request.order_by = "id";
  auto scanned = ScanAll(*connector->Scan(request));
  ASSERT_EQ(scanned.rows.size(), 2u);
  const auto& row = scanned.rows[0];
  auto at = [&](const std::string& name) -> const Value& {
    return row[*scanned.schema.Find(name)];
  };
  EXPECT_EQ(at("c_smallint").int_value(), -32768);
  EXPECT_EQ(at("c_integer").int_value(), 2147483647);
  EXPECT_EQ(at("c_bigint").int_value(), INT64_MIN);
  EXPECT_EQ(at("c_numeric").decimal_value(), -1234567891);
  EXPECT_EQ(types::Int128ToString(at("c_numeric_big").decimal_value()),
            "12345678901234567890123456789");
  // Unbounded numeric at scale 18, rounded half away from zero: 3.141592653589793238|46.
  EXPECT_EQ(types::Int128ToString(at("c_numeric_free").decimal_value()), "3141592653589793238");
  EXPECT_EQ(at("c_real").double_value(), 1.5);
  EXPECT_EQ(at("c_double").double_value(), -2.25);
  EXPECT_TRUE(at("c_bool").bool_value());
  EXPECT_TRUE(at("c_bit1").bool_value());
  EXPECT_EQ(at("c_char").string_value(), "ab  ");
  EXPECT_EQ(at("c_varchar").string_value(), "héllo");
  EXPECT_EQ(at("c_text").string_value(), "a long text");
  EXPECT_EQ(at("c_enum").string_value(), "happy");
  EXPECT_EQ(at("c_json").string_value(), "{\"a\": 1}");
  EXPECT_EQ(at("c_jsonb").string_value(), "{\"b\": [1, 2]}");
  EXPECT_EQ(at("c_uuid").string_value(), "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT_EQ(at("c_bytea").string_value(), std::string("\x00\xff\x10", 3));
  EXPECT_EQ(at("c_date").int_value(), types::DaysFromCivil(2024, 3, 7));
  EXPECT_EQ(at("c_time").int_value(), (12 * 3600 + 34 * 60 + 56) * 1'000'000LL + 789'000);
  EXPECT_EQ(at("c_timestamp").int_value(),
            types::DaysFromCivil(1999, 12, 31) * types::kMicrosPerDay + 86'399'500'000LL);
  // 12:00 at +02 is 10:00 UTC.
  EXPECT_EQ(at("c_timestamptz").int_value(),
            types::DaysFromCivil(2024, 3, 7) * types::kMicrosPerDay + 10 * 3'600'000'000LL);
  const Value& ints = at("c_int_array");
  ASSERT_EQ(ints.children().size(), 3u);
  EXPECT_EQ(ints.children()[0].int_value(), 1);
  EXPECT_TRUE(ints.children()[1].is_null());
  EXPECT_EQ(ints.children()[2].int_value(), 3);
  const Value& texts = at("c_text_array");
  ASSERT_EQ(texts.children().size(), 2u);
  EXPECT_EQ(texts.children()[1].string_value(), "y z");
  EXPECT_EQ(at("c_money").string_value(), "$12.50");
  EXPECT_EQ(at("c_interval").string_value(), "1 day 02:00:00");
  EXPECT_EQ(at("c_inet").string_value(), "192.168.0.1/32");  // the server's text form
  EXPECT_EQ(at("c_domain").int_value(), 7);

  const auto& second = scanned.rows[1];
  auto at2 = [&](const std::string& name) -> const Value& {
    return second[*scanned.schema.Find(name)];
  };
  EXPECT_TRUE(at2("c_text").is_null());
  EXPECT_TRUE(at2("c_numeric").is_null());
  EXPECT_TRUE(at2("c_text_array").is_null());
  EXPECT_FALSE(at2("c_int_array").is_null());
  EXPECT_EQ(at2("c_int_array").children().size(), 0u);
  EXPECT_FALSE(at2("c_bool").bool_value());
  EXPECT_FALSE(at2("c_bit1").bool_value());
  EXPECT_EQ(at2("c_date").int_value(), types::DaysFromCivil(1960, 1, 1));
  EXPECT_EQ(at2("c_timestamp").int_value(),
            types::DaysFromCivil(1900, 1, 1) * types::kMicrosPerDay);
}

TEST_F(PostgresTypesTest, NumericEdgesRoundOrFailByName) {
  Sql("CREATE TABLE types_test.nums (n numeric, d numeric(6,3));"
      "INSERT INTO types_test.nums VALUES (0, 0), (-0.0000000000000000005, -999.999), "
      "(99999999999999999999.999999999999999999, 0.001), (1e-30, -0.5)");
  auto connector = OpenConnector(Conn());
  ScanRequest request = ScanRequest::Table("types_test", "nums");
  auto scanned = ScanAll(*connector->Scan(request));
  ASSERT_EQ(scanned.rows.size(), 4u);
  EXPECT_EQ(scanned.rows[0][0].decimal_value(), 0);
  EXPECT_EQ(scanned.rows[1][0].decimal_value(), -1);  // -5e-19 rounds away from zero to -1e-18
  EXPECT_EQ(scanned.rows[1][1].decimal_value(), -999999);
  EXPECT_EQ(types::Int128ToString(scanned.rows[2][0].decimal_value()),
            "99999999999999999999999999999999999999");
  EXPECT_EQ(scanned.rows[2][1].decimal_value(), 1);
  EXPECT_EQ(scanned.rows[3][0].decimal_value(), 0);
  EXPECT_EQ(scanned.rows[3][1].decimal_value(), -500);

  Sql("INSERT INTO types_test.nums VALUES (123456789012345678901, 1)");
  std::string message;
  EXPECT_EQ(CodeOf([&] { ScanAll(*connector->Scan(request)); }, &message), ErrorCode::kCorrupt);
  EXPECT_NE(message.find("row 5, column n"), std::string::npos) << message;
  // The connector is usable after a failed scan.
  EXPECT_EQ(ScanAll(*connector->Scan(ScanRequest::Query("SELECT 1 AS one"))).rows.size(), 1u);
}

TEST_F(PostgresTypesTest, PushesDownProjectionWhereOrderAndLimit) {
  auto connector = OpenConnector(Conn());
  auto scanned =
      basin::testing::ScanHighestId(*connector, "types_test", "all_types", {"c_domain", "ID"});
  ASSERT_EQ(scanned.schema.size(), 2u);
  EXPECT_EQ(scanned.schema[0].name, "c_domain");
  EXPECT_EQ(scanned.schema[1].name, "id");
  ASSERT_EQ(scanned.rows.size(), 1u);
  EXPECT_EQ(scanned.rows[0][1].int_value(), 2);
  EXPECT_EQ(scanned.rows[0][0].int_value(), 1);
}

TEST_F(PostgresTypesTest, RawQueryMapsResultTypes) {
  auto connector = OpenConnector(Conn());
  ScanRequest request;
  request.query =
      "SELECT id, c_numeric, c_text, c_int_array, c_jsonb, c_timestamptz, c_bool "
      "FROM types_test.all_types WHERE id = 1";
  auto scanned = ScanAll(*connector->Scan(request));
  ASSERT_EQ(scanned.rows.size(), 1u);
  EXPECT_EQ(scanned.schema[0].type.ToString(), "int");
  EXPECT_EQ(scanned.schema[1].type.ToString(), "decimal(10,2)");
  EXPECT_EQ(scanned.schema[3].type.ToString(), "array<int>");
  EXPECT_EQ(scanned.schema[4].type.ToString(), "string");
  EXPECT_EQ(scanned.rows[0][1].decimal_value(), -1234567891);
  EXPECT_EQ(scanned.rows[0][4].string_value(), "{\"b\": [1, 2]}");
  EXPECT_TRUE(scanned.rows[0][6].bool_value());
}

TEST_F(PostgresTypesTest, BadRequestsFailWithTheRightCode) {
  auto connector = OpenConnector(Conn());
  basin::testing::ExpectBadScansFail(*connector, "types_test", "all_types");
  EXPECT_EQ(CodeOf([&] { connector->ListTables("no_such_schema"); }), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf([&] { connector->Scan(ScanRequest::Query("SELEC 1")); }),
            ErrorCode::kInvalidInput);
  // Still usable.
  EXPECT_EQ(connector->ListTables("types_test").size(), 2u);
}

TEST_F(PostgresTypesTest, ListsSchemasTablesAndViews) {
  Sql("ANALYZE types_test.all_types");
  auto connector = OpenConnector(Conn());
  auto schemas = connector->ListSchemas();
  EXPECT_NE(std::find(schemas.begin(), schemas.end(), "types_test"), schemas.end());
  EXPECT_NE(std::find(schemas.begin(), schemas.end(), "public"), schemas.end());
  EXPECT_EQ(std::find(schemas.begin(), schemas.end(), "pg_catalog"), schemas.end());
  EXPECT_EQ(std::find(schemas.begin(), schemas.end(), "information_schema"), schemas.end());
  auto tables = connector->ListTables("types_test", true);
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_EQ(tables[0].name, "all_types");
  EXPECT_EQ(tables[0].row_estimate, 2);
  EXPECT_EQ(tables[0].columns.size(), 29u);
  EXPECT_EQ(tables[1].name, "v_ids");
  EXPECT_EQ(tables[1].kind, RelationKind::kView);
  EXPECT_EQ(tables[1].row_estimate, -1);
  ASSERT_EQ(tables[1].columns.size(), 2u);
  EXPECT_EQ(tables[1].columns[1].hive_type, "string");
}

TEST_F(PostgresTypesTest, AbandonedStreamLeavesTheSessionUsable) {
  Sql("CREATE TABLE types_test.many AS SELECT g AS id FROM generate_series(1, 100000) g");
  auto connector = OpenConnector(Conn());
  basin::testing::ExpectAbandonedStreamLeavesSessionUsable(*connector, "types_test", "many",
                                                           100000);
}

TEST_F(PostgresTest, MovieRentalSchemaIntrospection) {
  std::string database = EnvOr("BASIN_TEST_PG_MOVIES");
  if (database.empty()) GTEST_SKIP() << "BASIN_TEST_PG_MOVIES names no fixture database";
  auto connector = OpenConnector(Conn(database));
  basin::testing::ExpectMovieRentalRelations(*connector, "public");
  TableInfo film = connector->DescribeTable("public", "film");
  std::vector<std::string> columns;
  for (const auto& column : film.columns) columns.push_back(column.name + " " + column.hive_type);
  EXPECT_EQ(columns,
            (std::vector<std::string>{
                "film_id int", "title string", "description string", "release_year int",
                "language_id smallint", "rental_duration smallint", "rental_rate decimal(4,2)",
                "length smallint", "replacement_cost decimal(5,2)", "rating string",
                "special_features array<string>", "last_update timestamp"}));
  EXPECT_EQ(film.PrimaryKey(), std::vector<std::string>{"film_id"});
  EXPECT_EQ(connector->DescribeTable("public", "film_actor").PrimaryKey(),
            (std::vector<std::string>{"actor_id", "film_id"}));
  TableInfo payment = connector->DescribeTable("public", "payment");
  EXPECT_EQ(payment.columns[4].name, "amount");
  EXPECT_EQ(payment.columns[4].hive_type, "decimal(5,2)");
  EXPECT_FALSE(payment.columns[4].nullable);
  EXPECT_EQ(payment.columns[5].hive_type, "timestamp");  // timestamptz, UTC
  EXPECT_GT(connector->DescribeTable("public", "rental").row_estimate, 0);
  auto rows = ScanAll(*connector->Scan(ScanRequest::Table("public", "category")));
  EXPECT_EQ(rows.rows.size(), 16u);
}

TEST_F(PostgresTest, StreamsTwoMillionRowsInBoundedMemory) {
  Sql("DROP TABLE IF EXISTS big; CREATE UNLOGGED TABLE big AS SELECT g AS id, "
      "md5(g::text) AS label, g * 0.01 AS amount FROM generate_series(1, 2000000) g");
  auto connector = OpenConnector(Conn());
  // The table is ~150 MB as text.
  basin::testing::ExpectTwoMillionIdsInBoundedMemory<int32_t>(*connector, "public", "big", "int");
  Sql("DROP TABLE big");
}

}  // namespace
}  // namespace basin::connectors
