#include "catalog/connection_url.hpp"

#include <gtest/gtest.h>

#include "catalog_test_util.hpp"

namespace basin::catalog {
namespace {

using testing::CodeOf;

TEST(ConnectionUrl, PostgreSql) {
  ConnectionUrl url = ParseConnectionUrl("jdbc:postgresql://db.example.com:6543/movies");
  EXPECT_EQ(url.type, ConnectionType::kPostgreSql);
  EXPECT_EQ(url.host, "db.example.com");
  EXPECT_EQ(url.port, 6543);
  EXPECT_EQ(url.database, "movies");
  ConnectionUrl defaulted = ParseConnectionUrl("JDBC:PostgreSQL://h/db?sslmode=require&x=1");
  EXPECT_EQ(defaulted.port, 5432);
  EXPECT_EQ(defaulted.parameters.at("sslmode"), "require");
  EXPECT_EQ(defaulted.parameters.at("x"), "1");
}

TEST(ConnectionUrl, MySqlAndMariaDb) {
  ConnectionUrl url = ParseConnectionUrl("jdbc:mysql://10.0.0.7/movies");
  EXPECT_EQ(url.type, ConnectionType::kMySql);
  EXPECT_EQ(url.host, "10.0.0.7");
  EXPECT_EQ(url.port, 3306);
  EXPECT_EQ(ParseConnectionUrl("jdbc:mariadb://h:3307").type, ConnectionType::kMySql);
  EXPECT_EQ(ParseConnectionUrl("jdbc:mariadb://h:3307").database, "");
  ConnectionUrl ipv6 = ParseConnectionUrl("jdbc:mysql://[::1]:3310/m");
  EXPECT_EQ(ipv6.host, "::1");
  EXPECT_EQ(ipv6.port, 3310);
}

TEST(ConnectionUrl, Sqlite) {
  EXPECT_EQ(ParseConnectionUrl("sqlite:/data/movies.db").path, "/data/movies.db");
  EXPECT_EQ(ParseConnectionUrl("jdbc:sqlite:rel/m.db").path, "rel/m.db");
  EXPECT_EQ(ParseConnectionUrl("sqlite:x.db").type, ConnectionType::kSqlite);
}

TEST(ConnectionUrl, RejectsMalformedUrlsAndCredentials) {
  for (const char* bad :
       {"", "postgresql://h/db", "jdbc:oracle://h/db", "jdbc:postgresql://",
        "jdbc:postgresql:///db", "jdbc:postgresql://h:0/db", "jdbc:postgresql://h:65536/db",
        "jdbc:postgresql://h:12x/db", "jdbc:postgresql://h:/db", "jdbc:mysql://[::1/db",
        "jdbc:mysql://bad host/db", "jdbc:mysql://h/db/extra", "sqlite:", "jdbc:mysql://h/db?=1"}) {
    EXPECT_EQ(CodeOf([&] { ParseConnectionUrl(bad); }), ErrorCode::kInvalidInput) << bad;
  }
  std::string message;
  EXPECT_EQ(CodeOf([] { ParseConnectionUrl("jdbc:postgresql://bob:secret@h/db"); }, &message),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(message.find("secret"), std::string::npos) << "echoes the password: " << message;
  EXPECT_EQ(CodeOf([] { ParseConnectionUrl("jdbc:mysql://h/db?user=a&password=b"); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { ParseConnectionUrl("jdbc:mysql://h/db?PWD=b"); }),
            ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace basin::catalog
