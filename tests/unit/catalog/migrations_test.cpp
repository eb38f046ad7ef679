// Opening stores of older and newer schema versions, and damaged stores.
#include "catalog/migrations.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

#include "catalog/catalog.hpp"
#include "catalog_test_util.hpp"
#include "unit/sqlite_script.hpp"

namespace basin::catalog {
namespace {

using testing::CodeOf;
using testing::ScratchDir;
// SQL runs on a database file with plain SQLite, as an older Basin (or a vandal) would.
using basin::testing::RunSqliteScript;

std::string QueryText(const std::filesystem::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr);
  std::string value;
  if (sqlite3_step(statement) == SQLITE_ROW) {
    value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return value;
}

int64_t QueryInt(const std::filesystem::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr);
  int64_t value = -1;
  if (sqlite3_step(statement) == SQLITE_ROW) value = sqlite3_column_int64(statement, 0);
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return value;
}

// The schema of version 1, written out here as it was released, with some data.
constexpr const char* kVersion1 = R"sql(
CREATE TABLE databases (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
                        definition TEXT NOT NULL);
CREATE TABLE tables (id INTEGER PRIMARY KEY,
  database_id INTEGER NOT NULL REFERENCES databases(id) ON DELETE CASCADE,
  name TEXT NOT NULL, version INTEGER NOT NULL, definition TEXT NOT NULL,
  UNIQUE (database_id, name));
CREATE TABLE table_versions (table_id INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
  version INTEGER NOT NULL, definition TEXT NOT NULL, PRIMARY KEY (table_id, version))
  WITHOUT ROWID;
CREATE TABLE partitions (table_id INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
  values_key BLOB NOT NULL, definition TEXT NOT NULL, PRIMARY KEY (table_id, values_key))
  WITHOUT ROWID;
INSERT INTO databases VALUES (1, 'movies', '{"Name":"movies","Description":"old","CreateTime":1600000000}');
INSERT INTO tables VALUES (1, 1, 'film', 2,
  '{"Name":"film","StorageDescriptor":{"Columns":[{"Name":"film_id","Type":"int"},{"Name":"title","Type":"string"}],"Location":"/lake/film"},"PartitionKeys":[{"Name":"year","Type":"string"}],"TableType":"EXTERNAL_TABLE","Parameters":{"classification":"parquet","recordCount":"1000"},"CreateTime":1600000000,"UpdateTime":1600000500}');
INSERT INTO table_versions VALUES (1, 1,
  '{"Name":"film","StorageDescriptor":{"Columns":[{"Name":"film_id","Type":"int"}],"Location":"/lake/film"},"PartitionKeys":[{"Name":"year","Type":"string"}],"TableType":"EXTERNAL_TABLE","Parameters":{"classification":"csv"},"CreateTime":1600000000}');
INSERT INTO table_versions SELECT 1, 2, definition FROM tables WHERE id = 1;
INSERT INTO partitions VALUES (1, CAST('2024' || char(0) AS BLOB), '{"StorageDescriptor":{"Location":"/lake/film/year=2024/"}}');
PRAGMA user_version = 1;
)sql";

TEST(Migrations, NewStoreIsAtTheCurrentVersionInWalMode) {
  ScratchDir dir;
  { Catalog catalog(dir.path() / "catalog.db"); }
  EXPECT_EQ(QueryInt(dir.path() / "catalog.db", "PRAGMA user_version"), kCatalogSchemaVersion);
  EXPECT_EQ(QueryText(dir.path() / "catalog.db", "PRAGMA journal_mode"), "wal");
}

TEST(Migrations, Version1StoreMigratesAndKeepsItsData) {
  ScratchDir dir;
  auto path = dir.path() / "catalog.db";
  RunSqliteScript(path, kVersion1);
  Catalog catalog(path);
  EXPECT_EQ(QueryInt(path, "PRAGMA user_version"), kCatalogSchemaVersion);

  EXPECT_EQ(catalog.GetDatabase("movies").description, "old");
  Table film = catalog.GetTable("movies", "film");
  EXPECT_EQ(film.version_id, 2);
  EXPECT_EQ(film.storage_descriptor.columns.size(), 2u);
  EXPECT_EQ(film.parameters.at("recordCount"), "1000");
  EXPECT_EQ(film.create_time, 1'600'000'000'000);
  auto versions = catalog.GetTableVersions("movies", "film").items;
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[1].table.parameters.at("classification"), "csv");
  auto partitions = catalog.GetPartitions("movies", "film", {"year = '2024'", {}}).items;
  ASSERT_EQ(partitions.size(), 1u);
  EXPECT_EQ(partitions[0].storage_descriptor.location, "/lake/film/year=2024/");

  // Version 2 indexed the existing parameters for search…
  TableSearch search;
  search.parameters = {{"classification", std::string("parquet")}};
  ASSERT_EQ(catalog.SearchTables(search).items.size(), 1u);
  // …and added connections.
  Connection connection;
  connection.name = "local";
  connection.url = "sqlite:/tmp/x.db";
  catalog.CreateConnection(connection);
  EXPECT_EQ(catalog.GetConnections().size(), 1u);

  // Later updates continue the version history.
  EXPECT_EQ(catalog.UpdateTable("movies", "film", [](Table& t) { t.description = "new"; }), 3);
  EXPECT_EQ(QueryText(path, "PRAGMA integrity_check"), "ok");
}

TEST(Migrations, StoreOfANewerBasinIsUnsupportedAndUntouched) {
  ScratchDir dir;
  auto path = dir.path() / "catalog.db";
  RunSqliteScript(path, "CREATE TABLE future (x); PRAGMA user_version = 99;");
  std::string message;
  EXPECT_EQ(CodeOf([&] { Catalog catalog(path); }, &message), ErrorCode::kUnsupported);
  EXPECT_NE(message.find("99"), std::string::npos) << message;
  EXPECT_EQ(QueryInt(path, "PRAGMA user_version"), 99);
}

TEST(Migrations, AFileThatIsNotADatabaseIsCorrupt) {
  ScratchDir dir;
  auto path = dir.path() / "catalog.db";
  std::ofstream(path) << std::string(4096, 'x');
  std::string message;
  EXPECT_EQ(CodeOf([&] { Catalog catalog(path); }, &message), ErrorCode::kCorrupt);
  EXPECT_NE(message.find(path.string()), std::string::npos) << message;
}

TEST(Migrations, DamagedDefinitionsAreCorruptNamingTheRow) {
  ScratchDir dir;
  auto path = dir.path() / "catalog.db";
  {
    Catalog catalog(path);
    Database database;
    database.name = "movies";
    catalog.CreateDatabase(database);
    catalog.CreateTable("movies", testing::MakeTable("film"));
    catalog.CreateTable("movies", testing::MakeTable("actor"));
    catalog.CreateTable("movies", testing::MakeTable("rental", {testing::Col("year", "int")}));
  }
  RunSqliteScript(
      path,
      "UPDATE tables SET definition = '{\"Name\": \"film\", \"Stor' WHERE name = 'film';"
      "UPDATE tables SET definition = '{\"Parameters\": [1]}' WHERE name = 'actor';"
      "INSERT INTO partitions SELECT id, x'ff01', '{}' FROM tables WHERE name = 'rental';");
  Catalog catalog(path);
  std::string message;
  EXPECT_EQ(CodeOf([&] { catalog.GetTable("movies", "film"); }, &message), ErrorCode::kCorrupt);
  EXPECT_NE(message.find("movies.film"), std::string::npos) << message;
  EXPECT_EQ(CodeOf([&] { catalog.GetTable("movies", "actor"); }, &message), ErrorCode::kCorrupt);
  EXPECT_NE(message.find("Parameters"), std::string::npos) << message;
  EXPECT_EQ(CodeOf([&] { catalog.GetPartitions("movies", "rental"); }, &message),
            ErrorCode::kCorrupt);
  EXPECT_NE(message.find(path.string()), std::string::npos) << message;
  // The rest of the catalog still answers.
  EXPECT_EQ(catalog.GetDatabase("movies").name, "movies");
}

}  // namespace
}  // namespace basin::catalog
