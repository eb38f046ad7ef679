// Connections through the public Catalog API, and probing SQLite ones.
#include <gtest/gtest.h>

#include <fstream>

#include "catalog/catalog.hpp"
#include "catalog/connection_probe.hpp"
#include "catalog_test_util.hpp"

namespace basin::catalog {
namespace {

using testing::CatalogTest;
using testing::CodeOf;
using testing::MakeTable;

Connection Postgres(std::string name) {
  Connection connection;
  connection.name = std::move(name);
  connection.url = "jdbc:postgresql://db.internal:5432/movies";
  connection.user = "reader";
  connection.password = {PasswordRef::Kind::kEnvironment, "MOVIES_PASSWORD"};
  connection.tls_mode = TlsMode::kRequire;
  connection.parameters = {{"connect_timeout", "5"}};
  return connection;
}

TEST_F(CatalogTest, ConnectionsCreateGetListUpdateDelete) {
  catalog_->CreateConnection(Postgres("Movies_PG"));
  Connection stored = catalog_->GetConnection("movies_pg");
  EXPECT_EQ(stored.name, "movies_pg");
  EXPECT_EQ(stored.type, ConnectionType::kPostgreSql);  // from the URL
  EXPECT_EQ(stored.url, "jdbc:postgresql://db.internal:5432/movies");
  EXPECT_EQ(stored.user, "reader");
  EXPECT_EQ(stored.password.kind, PasswordRef::Kind::kEnvironment);
  EXPECT_EQ(stored.password.value, "MOVIES_PASSWORD");
  EXPECT_EQ(stored.tls_mode, TlsMode::kRequire);
  EXPECT_EQ(stored.parameters.at("connect_timeout"), "5");
  EXPECT_GT(stored.creation_time, 0);

  Connection mysql = Postgres("aurora");
  mysql.url = "jdbc:mysql://aurora:3306/movies";
  mysql.password = {PasswordRef::Kind::kFile, "secrets/aurora"};
  catalog_->CreateConnection(mysql);
  Connection stored_mysql = catalog_->GetConnection("aurora");
  EXPECT_EQ(stored_mysql.type, ConnectionType::kMySql);
  EXPECT_EQ(stored_mysql.password.value,
            (std::filesystem::current_path() / "secrets/aurora").string());

  Connection sqlite;
  sqlite.name = "local";
  sqlite.url = "sqlite:" + (dir_.path() / "src.db").string();
  catalog_->CreateConnection(sqlite);
  EXPECT_EQ(catalog_->GetConnection("local").tls_mode, TlsMode::kDisable);

  auto all = catalog_->GetConnections();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].name, "aurora");
  EXPECT_EQ(all[1].name, "local");
  EXPECT_EQ(all[2].name, "movies_pg");

  Connection changed = stored;
  changed.user = "writer";
  catalog_->UpdateConnection("movies_pg", changed);
  Connection updated = catalog_->GetConnection("movies_pg");
  EXPECT_EQ(updated.user, "writer");
  EXPECT_EQ(updated.creation_time, stored.creation_time);

  catalog_->DeleteConnection("aurora");
  EXPECT_EQ(CodeOf([&] { catalog_->GetConnection("aurora"); }), ErrorCode::kNotFound);
  EXPECT_EQ(catalog_->GetConnections().size(), 2u);
}

TEST_F(CatalogTest, ConnectionErrors) {
  catalog_->CreateConnection(Postgres("pg"));
  EXPECT_EQ(CodeOf([&] { catalog_->CreateConnection(Postgres("PG")); }), ErrorCode::kAlreadyExists);
  EXPECT_EQ(CodeOf([&] { catalog_->DeleteConnection("nope"); }), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf([&] { catalog_->UpdateConnection("nope", Postgres("nope")); }),
            ErrorCode::kNotFound);

  Connection no_user = Postgres("x");
  no_user.user = "";
  EXPECT_EQ(CodeOf([&] { catalog_->CreateConnection(no_user); }), ErrorCode::kInvalidInput);
  Connection bad_env = Postgres("x");
  bad_env.password.value = "NOT-A-NAME";
  EXPECT_EQ(CodeOf([&] { catalog_->CreateConnection(bad_env); }), ErrorCode::kInvalidInput);
  Connection password_parameter = Postgres("x");
  password_parameter.parameters["Password"] = "hunter2";
  EXPECT_EQ(CodeOf([&] { catalog_->CreateConnection(password_parameter); }),
            ErrorCode::kInvalidInput);
  Connection credentials = Postgres("x");
  credentials.url = "jdbc:postgresql://u:p@h/db";
  EXPECT_EQ(CodeOf([&] { catalog_->CreateConnection(credentials); }), ErrorCode::kInvalidInput);
  Connection sqlite_user;
  sqlite_user.name = "x";
  sqlite_user.url = "sqlite:/tmp/x.db";
  sqlite_user.user = "someone";
  EXPECT_EQ(CodeOf([&] { catalog_->CreateConnection(sqlite_user); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(catalog_->GetConnections().size(), 1u);
}

TEST_F(CatalogTest, AConnectionInUseCannotBeDeleted) {
  catalog_->CreateConnection(Postgres("pg"));
  Table table = MakeTable("film");
  table.table_type = TableType::kJdbcTable;
  table.connection_name = "PG";
  table.storage_descriptor.location = "movies.public.film";
  catalog_->CreateTable("movies", table);
  EXPECT_EQ(catalog_->GetTable("movies", "film").connection_name, "pg");
  std::string message;
  EXPECT_EQ(CodeOf([&] { catalog_->DeleteConnection("pg"); }, &message), ErrorCode::kConflict);
  EXPECT_NE(message.find("movies.film"), std::string::npos) << message;
  catalog_->DeleteTable("movies", "film");
  catalog_->DeleteConnection("pg");
}

TEST(ConnectionProbe, ReportsTheSqliteVersionOfAFile) {
  testing::ScratchDir dir;
  // Any catalog is an SQLite file with tables to count.
  { Catalog catalog(dir.path() / "source.db"); }
  Connection connection;
  connection.name = "local";
  connection.url = "sqlite:" + (dir.path() / "source.db").string();
  ProbeResult result = ProbeConnection(connection);
  EXPECT_EQ(result.server.rfind("SQLite 3.", 0), 0u) << result.server;
  EXPECT_NE(result.details.find("tables"), std::string::npos) << result.details;

  connection.url = "sqlite:" + (dir.path() / "missing.db").string();
  EXPECT_EQ(CodeOf([&] { ProbeConnection(connection); }), ErrorCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "missing.db"));  // never created

  std::ofstream(dir.path() / "text.db") << "this is not a database, just some text in a file\n";
  connection.url = "sqlite:" + (dir.path() / "text.db").string();
  EXPECT_EQ(CodeOf([&] { ProbeConnection(connection); }), ErrorCode::kCorrupt);

  connection.url = "jdbc:postgresql://h/db";
  std::string message;
  EXPECT_EQ(CodeOf([&] { ProbeConnection(connection); }, &message), ErrorCode::kUnsupported);
  EXPECT_NE(message.find("POSTGRESQL"), std::string::npos) << message;
}

}  // namespace
}  // namespace basin::catalog
