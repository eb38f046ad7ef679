// The MySQL type mapping without a server (mysql_connector_test checks it against MariaDB).

#include "connectors/mysql/mysql_types.hpp"

#include <gtest/gtest.h>

namespace basin::connectors::mysql {
namespace {

std::string Hive(std::string_view data_type, std::string_view column_type) {
  return MapMySqlType(data_type, column_type).hive_type;
}

TEST(MySqlTypes, IntegersWidenWhenUnsigned) {
  EXPECT_EQ(Hive("tinyint", "tinyint(4)"), "tinyint");
  EXPECT_EQ(Hive("tinyint", "tinyint(1)"), "boolean");
  EXPECT_EQ(Hive("tinyint", "tinyint(1) unsigned"), "smallint");
  EXPECT_EQ(Hive("tinyint", "tinyint(3) unsigned"), "smallint");
  EXPECT_EQ(Hive("smallint", "smallint(5) unsigned"), "int");
  EXPECT_EQ(Hive("mediumint", "mediumint(8) unsigned"), "int");
  EXPECT_EQ(Hive("int", "int(11)"), "int");
  EXPECT_EQ(Hive("int", "int(10) unsigned"), "bigint");
  EXPECT_EQ(Hive("bigint", "bigint(20)"), "bigint");
  EXPECT_EQ(Hive("bigint", "bigint(20) unsigned"), "decimal(20,0)");
  EXPECT_EQ(Hive("year", "year(4)"), "smallint");
}

TEST(MySqlTypes, OthersAsDocumented) {
  EXPECT_EQ(Hive("decimal", "decimal(10,2)"), "decimal(10,2)");
  EXPECT_EQ(Hive("decimal", "decimal(65,30)"), "string");
  EXPECT_EQ(Hive("decimal", "decimal"), "decimal(10,0)");
  EXPECT_EQ(Hive("float", "float"), "float");
  EXPECT_EQ(Hive("double", "double"), "double");
  EXPECT_EQ(Hive("bit", "bit(1)"), "boolean");
  EXPECT_EQ(Hive("bit", "bit(7)"), "bigint");
  EXPECT_EQ(Hive("enum", "enum('a','b')"), "string");
  EXPECT_EQ(Hive("set", "set('a','b')"), "string");
  EXPECT_EQ(Hive("longtext", "longtext"), "string");
  EXPECT_EQ(Hive("json", "json"), "string");
  EXPECT_EQ(Hive("varbinary", "varbinary(16)"), "binary");
  EXPECT_EQ(Hive("mediumblob", "mediumblob"), "binary");
  EXPECT_EQ(Hive("date", "date"), "date");
  EXPECT_EQ(Hive("datetime", "datetime(6)"), "timestamp");
  EXPECT_EQ(Hive("timestamp", "timestamp"), "timestamp");
  EXPECT_EQ(Hive("time", "time"), "string");
  EXPECT_EQ(Hive("INT", "INT(11) UNSIGNED"), "bigint");  // case-insensitive
}

}  // namespace
}  // namespace basin::connectors::mysql
