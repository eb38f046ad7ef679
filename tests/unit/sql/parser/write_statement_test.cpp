// INSERT OVERWRITE and UNLOAD: what they parse to, their canonical text (which parses back to
// the same tree), and the errors for what they do not accept.
#include <gtest/gtest.h>

#include "parser_test_support.hpp"

namespace basin::sql {
namespace {

using testing::Canonical;
using testing::ErrorOf;

TEST(WriteStatementSyntax, InsertOverwriteForms) {
  EXPECT_EQ(Canonical("insert overwrite table db.t select * from u"),
            "INSERT OVERWRITE TABLE db.t SELECT * FROM u");
  // TABLE is optional (Spark); the canonical form writes it.
  EXPECT_EQ(Canonical("insert overwrite t values (1, 'a')"),
            "INSERT OVERWRITE TABLE t VALUES (1, 'a')");
  EXPECT_EQ(Canonical("insert overwrite table t partition (Dt, region) select a, dt, region from u"),
            "INSERT OVERWRITE TABLE t PARTITION (Dt, region) SELECT a, dt, region FROM u");
  EXPECT_EQ(Canonical("insert overwrite t partition (\"Dt\") (select 1, 2)"),
            "INSERT OVERWRITE TABLE t PARTITION (\"Dt\") SELECT 1, 2");
  EXPECT_EQ(Canonical("insert overwrite t with x as (select 1) select * from x"),
            "INSERT OVERWRITE TABLE t WITH x AS (SELECT 1) SELECT * FROM x");
}

TEST(WriteStatementSyntax, InsertOverwriteTree) {
  StatementPtr statement =
      ParseStatement("INSERT OVERWRITE TABLE a.b PARTITION (k1, k2) SELECT 1, 2, 3");
  ASSERT_EQ(statement->kind, StatementKind::kInsert);
  const auto& insert = statement->As<InsertStatement>();
  EXPECT_TRUE(insert.overwrite);
  ASSERT_EQ(insert.table.size(), 2u);
  EXPECT_EQ(insert.table[1].Name(), "b");
  ASSERT_EQ(insert.partition_columns.size(), 2u);
  EXPECT_EQ(insert.partition_columns[0].Name(), "k1");
  EXPECT_EQ(insert.partition_columns[1].Name(), "k2");
  EXPECT_TRUE(insert.columns.empty());
  // INSERT INTO and INSERT OVERWRITE of the same query are different trees.
  StatementPtr into = ParseStatement("INSERT INTO a.b SELECT 1, 2, 3");
  StatementPtr overwrite = ParseStatement("INSERT OVERWRITE a.b SELECT 1, 2, 3");
  EXPECT_FALSE(into->As<InsertStatement>().overwrite);
  EXPECT_FALSE(AstEquals(*into, *overwrite));
  StatementPtr all = ParseStatement("INSERT OVERWRITE a.b PARTITION (k1, k2) SELECT 1, 2, 3");
  EXPECT_FALSE(AstEquals(*overwrite, *all));
}

TEST(WriteStatementSyntax, UnloadForms) {
  EXPECT_EQ(Canonical("unload (select a, b from t where a > 1) to 's3://bucket/out/'"),
            "UNLOAD (SELECT a, b FROM t WHERE a > 1) TO 's3://bucket/out/'");
  EXPECT_EQ(Canonical("unload (select * from t) to '/lake/x' with (format = 'JSON', "
                      "compression = 'gzip', partitioned_by = array['dt'], append = true)"),
            "UNLOAD (SELECT * FROM t) TO '/lake/x' WITH (format = 'JSON', compression = "
            "'gzip', partitioned_by = ARRAY['dt'], append = TRUE)");
  // The location is a query string: '' is a quote, backslashes stay.
  EXPECT_EQ(Canonical("unload (values 1) to 'it''s\\x'"), "UNLOAD (VALUES 1) TO 'it''s\\x'");
  EXPECT_EQ(Canonical("unload ((select 1) union (select 2) order by 1) to 'p'"),
            "UNLOAD (SELECT 1 UNION SELECT 2 ORDER BY 1) TO 'p'");
}

TEST(WriteStatementSyntax, UnloadTree) {
  StatementPtr statement =
      ParseStatement("UNLOAD (SELECT 1 AS x) TO 's3://b/p/' WITH (format = 'PARQUET')");
  ASSERT_EQ(statement->kind, StatementKind::kUnload);
  const auto& unload = statement->As<UnloadStatement>();
  EXPECT_EQ(unload.location, "s3://b/p/");
  ASSERT_EQ(unload.properties.size(), 1u);
  EXPECT_EQ(unload.properties[0].name.Name(), "format");
  ASSERT_NE(unload.query, nullptr);
  StatementPtr other = ParseStatement("UNLOAD (SELECT 1 AS x) TO 's3://b/q/' WITH (format = 'PARQUET')");
  EXPECT_FALSE(AstEquals(*statement, *other));
}

TEST(WriteStatementSyntax, Errors) {
  // INSERT needs INTO or OVERWRITE.
  EXPECT_NE(ErrorOf("INSERT t SELECT 1"), "");
  // Static partition values are not dynamic partition columns.
  EXPECT_NE(ErrorOf("INSERT OVERWRITE t PARTITION (dt = '2020') SELECT 1"), "");
  EXPECT_NE(ErrorOf("INSERT OVERWRITE t PARTITION () SELECT 1"), "");
  // UNLOAD's query is parenthesised, its location a string, its properties name = value.
  EXPECT_NE(ErrorOf("UNLOAD SELECT 1 TO 'x'"), "");
  EXPECT_NE(ErrorOf("UNLOAD (SELECT 1) TO x"), "");
  EXPECT_NE(ErrorOf("UNLOAD (SELECT 1) 'x'"), "");
  EXPECT_NE(ErrorOf("UNLOAD (SELECT 1) TO 'x' WITH (format)"), "");
  EXPECT_NE(ErrorOf("UNLOAD (SELECT 1) TO 'x' WITH ()"), "");
  std::string message = ErrorOf("UNLOAD (SELECT 1) TO 'x' WITH (format = 'JSON',)");
  EXPECT_NE(message.find("line 1"), std::string::npos) << message;
}

TEST(WriteStatementSyntax, ScriptsMixWriteStatements) {
  auto statements = ParseScript(
      "INSERT OVERWRITE t SELECT 1; UNLOAD (SELECT 2) TO 'p'; INSERT INTO t SELECT 3");
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_EQ(statements[0]->kind, StatementKind::kInsert);
  EXPECT_EQ(statements[1]->kind, StatementKind::kUnload);
  EXPECT_FALSE(statements[2]->As<InsertStatement>().overwrite);
}

}  // namespace
}  // namespace basin::sql
