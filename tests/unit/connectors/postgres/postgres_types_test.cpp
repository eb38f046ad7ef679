// The PostgreSQL type mapping without a server (postgres_connector_test checks it against
// PostgreSQL 15, with type OIDs and typmods as the server reports them).

#include "connectors/postgres/postgres_types.hpp"

#include <gtest/gtest.h>

namespace basin::connectors::postgres {
namespace {

// numeric(p,s)'s typmod, as PostgreSQL encodes it.
int32_t NumericTypmod(int precision, int scale) { return ((precision << 16) | scale) + 4; }

TEST(PostgresTypes, NumericKeepsPrecisionAndScale) {
  EXPECT_EQ(MapPostgresType(1700, NumericTypmod(10, 2), 0, 'b').hive_type, "decimal(10,2)");
  EXPECT_EQ(MapPostgresType(1700, NumericTypmod(38, 0), 0, 'b').hive_type, "decimal(38,0)");
  EXPECT_EQ(MapPostgresType(1700, -1, 0, 'b').hive_type, "decimal(38,18)");
  PgTypeMapping wide = MapPostgresType(1700, NumericTypmod(50, 2), 0, 'b');
  EXPECT_EQ(wide.hive_type, "string");
  EXPECT_EQ(SelectExpression("\"n\"", wide), "\"n\"::text");
}

TEST(PostgresTypes, ScalarsAndArrays) {
  EXPECT_EQ(MapPostgresType(21, -1, 0, 'b').hive_type, "smallint");
  EXPECT_EQ(MapPostgresType(23, -1, 0, 'b').hive_type, "int");
  EXPECT_EQ(MapPostgresType(20, -1, 0, 'b').hive_type, "bigint");
  EXPECT_EQ(MapPostgresType(700, -1, 0, 'b').hive_type, "float");
  EXPECT_EQ(MapPostgresType(1184, -1, 0, 'b').hive_type, "timestamp");
  EXPECT_EQ(MapPostgresType(1083, -1, 0, 'b').hive_type, "time");
  EXPECT_EQ(MapPostgresType(17, -1, 0, 'b').hive_type, "binary");
  PgTypeMapping bit1 = MapPostgresType(1560, 1, 0, 'b');
  EXPECT_EQ(bit1.hive_type, "boolean");
  EXPECT_EQ(SelectExpression("\"b\"", bit1), "(\"b\" = B'1')");
  EXPECT_EQ(MapPostgresType(1560, 8, 0, 'b').hive_type, "string");
  EXPECT_EQ(MapPostgresType(2950, -1, 0, 'b').hive_type, "string");    // uuid
  EXPECT_EQ(MapPostgresType(3802, -1, 0, 'b').hive_type, "string");    // jsonb
  EXPECT_EQ(MapPostgresType(123456, -1, 0, 'e').hive_type, "string");  // an enum
  PgTypeMapping ints = MapPostgresType(1007, -1, 23, 'b');
  EXPECT_EQ(ints.hive_type, "array<int>");
  EXPECT_EQ(ints.wire, Wire::kArray);
  EXPECT_EQ(ints.element_wire, Wire::kInt4);
  PgTypeMapping numerics = MapPostgresType(1231, -1, 1700, 'b');
  EXPECT_EQ(numerics.hive_type, "array<string>");
  EXPECT_EQ(SelectExpression("\"a\"", numerics), "\"a\"::text[]");
}

}  // namespace
}  // namespace basin::connectors::postgres
