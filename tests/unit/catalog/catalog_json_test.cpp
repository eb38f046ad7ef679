#include "catalog/catalog_json.hpp"

#include <gtest/gtest.h>

#include "catalog_test_util.hpp"

namespace basin::catalog {
namespace {

using nlohmann::json;
using testing::CodeOf;
using testing::Col;

Table FullTable() {
  Table table;
  table.name = "rental";
  table.database_name = "movies";
  table.description = "one row per rental";
  table.owner = "etl";
  table.create_time = 1'700'000'000'123;
  table.update_time = 1'700'000'100'000;
  table.last_access_time = 1'700'000'200'001;
  table.retention = 7;
  table.storage_descriptor.columns = {Col("id", "int", "key"), Col("at", "timestamp")};
  table.storage_descriptor.columns[0].parameters["x"] = "y";
  table.storage_descriptor.location = "s3://lake/rental/";
  table.storage_descriptor.additional_locations = {"s3://other/"};
  table.storage_descriptor.input_format = "in";
  table.storage_descriptor.output_format = "out";
  table.storage_descriptor.compressed = true;
  table.storage_descriptor.number_of_buckets = 4;
  table.storage_descriptor.serde_info = {"serde", "lib", {{"field.delim", ","}}};
  table.storage_descriptor.bucket_columns = {"id"};
  table.storage_descriptor.sort_columns = {{"id", 0}};
  table.storage_descriptor.parameters = {{"p", "q"}};
  table.storage_descriptor.stored_as_sub_directories = true;
  table.partition_keys = {Col("year", "string")};
  table.view_original_text = "SELECT 1";
  table.view_expanded_text = "SELECT 1";
  table.table_type = TableType::kJdbcTable;
  table.parameters = {{"classification", "postgresql"}, {"recordCount", "12"}};
  table.created_by = "crawler:movies";
  table.version_id = 3;
  table.deprecated = true;
  table.connection_name = "movies_pg";
  return table;
}

TEST(CatalogJson, TableRoundTripsEveryField) {
  Table table = FullTable();
  EXPECT_EQ(TableFromJson(json::parse(ToJson(table).dump())), table);
}

TEST(CatalogJson, TableUsesGlueShapes) {
  json out = ToJson(FullTable());
  EXPECT_EQ(out["Name"], "rental");
  EXPECT_EQ(out["DatabaseName"], "movies");
  EXPECT_EQ(out["VersionId"], "3");  // Glue's VersionId is a string
  EXPECT_EQ(out["TableType"], "JDBC_TABLE");
  EXPECT_DOUBLE_EQ(out["CreateTime"].get<double>(), 1'700'000'000.123);  // epoch seconds
  EXPECT_EQ(out["StorageDescriptor"]["Columns"][0]["Name"], "id");
  EXPECT_EQ(out["StorageDescriptor"]["SerdeInfo"]["SerializationLibrary"], "lib");
  EXPECT_EQ(out["PartitionKeys"][0]["Type"], "string");
  EXPECT_EQ(out["Parameters"]["recordCount"], "12");
}

TEST(CatalogJson, ReadsAGlueTableInputWithDefaults) {
  Table table = TableFromJson(json::parse(R"({
    "Name": "film",
    "StorageDescriptor": {"Columns": [{"Name": "film_id", "Type": "int"}],
                          "Location": "/lake/film"},
    "TableType": "external_table",
    "VersionId": 2
  })"));
  EXPECT_EQ(table.name, "film");
  EXPECT_EQ(table.table_type, TableType::kExternalTable);
  EXPECT_EQ(table.storage_descriptor.number_of_buckets, -1);
  EXPECT_EQ(table.storage_descriptor.columns.at(0).type, "int");
  EXPECT_EQ(table.version_id, 2);
}

TEST(CatalogJson, WrongMemberTypesNameTheirPath) {
  std::string message;
  EXPECT_EQ(
      CodeOf(
          [&] {
            TableFromJson(json::parse(
                R"({"Name":"t","StorageDescriptor":{"Columns":[{"Name":"a"},{"Name":"b","Type":5}]}})"));
          },
          &message),
      ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("StorageDescriptor.Columns[1].Type"), std::string::npos) << message;
  EXPECT_EQ(CodeOf([] { TableFromJson(json::parse(R"({"Parameters":{"a":1}})")); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { TableFromJson(json::parse(R"({"TableType":"HIVE_THING"})")); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { TableFromJson(json::parse(R"({"VersionId":"3a"})")); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { TableFromJson(json::parse(R"([1,2])")); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { TableFromJson(json::parse(R"({"CreateTime":1e300})")); }),
            ErrorCode::kInvalidInput);
}

TEST(CatalogJson, DatabasePartitionConnectionRoundTrip) {
  Database database{"movies", "d", "/lake", {{"a", "b"}}, 1'600'000'000'000};
  EXPECT_EQ(DatabaseFromJson(ToJson(database)), database);

  Partition partition;
  partition.values = {"2024", "03"};
  partition.database_name = "movies";
  partition.table_name = "rental";
  partition.creation_time = 1'600'000'000'500;
  partition.storage_descriptor.location = "/lake/rental/year=2024/month=03/";
  partition.parameters = {{"recordCount", "5"}};
  EXPECT_EQ(PartitionFromJson(ToJson(partition)), partition);

  Connection connection;
  connection.name = "pg";
  connection.type = ConnectionType::kPostgreSql;
  connection.url = "jdbc:postgresql://h:5432/db";
  connection.user = "reader";
  connection.password = {PasswordRef::Kind::kEnvironment, "PGPASSWORD"};
  connection.tls_mode = TlsMode::kVerifyFull;
  connection.parameters = {{"connect_timeout", "5"}};
  connection.creation_time = 1'600'000'000'000;
  EXPECT_EQ(ConnectionFromJson(ToJson(connection)), connection);
  json out = ToJson(connection);
  EXPECT_EQ(out["ConnectionType"], "JDBC");
  EXPECT_EQ(out["ConnectionProperties"]["JDBC_CONNECTION_URL"], "jdbc:postgresql://h:5432/db");
  EXPECT_EQ(out["ConnectionProperties"]["JDBC_ENFORCE_SSL"], "true");
}

TEST(CatalogJson, InvalidUtf8IsInvalidInput) {
  Table table;
  table.name = "t";
  table.description = "bad \xff byte";
  EXPECT_EQ(CodeOf([&] { DumpJson(ToJson(table), "table t"); }), ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace basin::catalog
