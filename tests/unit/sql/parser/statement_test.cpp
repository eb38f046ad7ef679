// Statements: Hive DDL, CTAS, views, INSERT, SHOW, DESCRIBE, ALTER TABLE … PARTITION, MSCK,
// EXPLAIN, USE, and scripts of several statements.
#include <gtest/gtest.h>

#include "parser_test_support.hpp"

namespace basin::sql {
namespace {

using testing::Canonical;

struct Case {
  const char* input;
  const char* expected;
};

TEST(StatementSyntax, Databases) {
  const Case cases[] = {
      {"create database sales", "CREATE DATABASE sales"},
      {"CREATE SCHEMA IF NOT EXISTS sales", "CREATE DATABASE IF NOT EXISTS sales"},
      {"create database `my-db` comment 'Sales data' location 's3://bucket/sales/'",
       "CREATE DATABASE `my-db` COMMENT 'Sales data' LOCATION 's3://bucket/sales/'"},
      {"create database d with dbproperties ('creator'='me', 'x' = 'y')",
       "CREATE DATABASE d WITH DBPROPERTIES ('creator' = 'me', 'x' = 'y')"},
      {"drop database sales", "DROP DATABASE sales"},
      {"drop schema if exists sales cascade", "DROP DATABASE IF EXISTS sales CASCADE"},
      {"drop database d restrict", "DROP DATABASE d"},
  };
  for (const Case& c : cases) EXPECT_EQ(Canonical(c.input), c.expected) << c.input;
  StatementPtr statement = ParseStatement("create database if not exists d location 's3://x/'");
  const auto& create = statement->As<CreateDatabaseStatement>();
  EXPECT_TRUE(create.if_not_exists);
  EXPECT_EQ(create.name.text, "d");
  EXPECT_EQ(create.location, "s3://x/");
  EXPECT_FALSE(create.comment.has_value());
}

TEST(StatementSyntax, CreateExternalTable) {
  const char* sql = R"(
    CREATE EXTERNAL TABLE IF NOT EXISTS `movies`.`rental` (
      `rental_id` int COMMENT 'primary key',
      rental_date timestamp,
      `amount` decimal(5,2),
      tags array<string>,
      address struct<street:string, `zip code`:int>,
      props map<string, array<struct<k:int>>>
    )
    COMMENT 'Rentals'
    PARTITIONED BY (year int, month string)
    ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' ESCAPED BY '\\' LINES TERMINATED BY '\n'
    STORED AS TEXTFILE
    LOCATION 's3://lake/movie_rental/rental/'
    TBLPROPERTIES ('skip.header.line.count'='1', 'classification'='csv'))";
  EXPECT_EQ(
      Canonical(sql),
      "CREATE EXTERNAL TABLE IF NOT EXISTS `movies`.`rental` (`rental_id` int COMMENT "
      "'primary key', rental_date timestamp, `amount` decimal(5,2), tags array<string>, address "
      "struct<street:string,`zip code`:int>, props map<string,array<struct<k:int>>>) "
      "COMMENT 'Rentals' PARTITIONED BY (year int, month string) ROW FORMAT DELIMITED "
      "FIELDS TERMINATED BY ',' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' STORED AS "
      "TEXTFILE LOCATION 's3://lake/movie_rental/rental/' TBLPROPERTIES "
      "('skip.header.line.count' = '1', 'classification' = 'csv')");
  StatementPtr statement = ParseStatement(sql);
  ASSERT_EQ(statement->kind, StatementKind::kCreateTable);
  const auto& table = statement->As<CreateTableStatement>();
  EXPECT_TRUE(table.external);
  EXPECT_TRUE(table.if_not_exists);
  ASSERT_EQ(table.name.size(), 2u);
  EXPECT_EQ(table.name[0].text, "movies");
  EXPECT_TRUE(table.name[0].quoted);
  ASSERT_EQ(table.columns.size(), 6u);
  EXPECT_EQ(table.columns[0].comment, "primary key");
  EXPECT_EQ(table.columns[2].type.name, "decimal");
  EXPECT_EQ(table.columns[2].type.numbers, (std::vector<int64_t>{5, 2}));
  EXPECT_EQ(table.columns[4].type.fields[1].name.text, "zip code");
  EXPECT_EQ(ToLogicalType(table.columns[5].type).ToString(), "map<string,array<struct<k:int>>>");
  ASSERT_EQ(table.partition_columns.size(), 2u);
  EXPECT_EQ(table.partition_columns[1].name.text, "month");
  EXPECT_EQ(table.row_format.kind, RowFormatKind::kDelimited);
  EXPECT_EQ(table.row_format.fields_terminated_by, ",");
  // Hive DDL strings are unescaped as Hive does: '\\' is one backslash, '\n' a newline.
  EXPECT_EQ(table.row_format.escaped_by, "\\");
  EXPECT_EQ(table.row_format.lines_terminated_by, "\n");
  EXPECT_EQ(table.stored_as, "TEXTFILE");
  EXPECT_EQ(table.location, "s3://lake/movie_rental/rental/");
  ASSERT_EQ(table.table_properties.size(), 2u);
  EXPECT_EQ(table.table_properties[0].key, "skip.header.line.count");
  EXPECT_EQ(table.table_properties[0].value, "1");
  EXPECT_EQ(table.comment, "Rentals");
}

TEST(StatementSyntax, CreateTableStorageVariants) {
  const Case cases[] = {
      {"create external table t (a int) stored as parquet location 's3://b/t/'",
       "CREATE EXTERNAL TABLE t (a int) STORED AS PARQUET LOCATION 's3://b/t/'"},
      {"create external table t (a bigint) stored as orc",
       "CREATE EXTERNAL TABLE t (a bigint) STORED AS ORC"},
      {"create external table t (a string) stored as jsonfile",
       "CREATE EXTERNAL TABLE t (a string) STORED AS JSONFILE"},
      {"create external table t (a int) stored as avro",
       "CREATE EXTERNAL TABLE t (a int) STORED AS AVRO"},
      {"create external table t (a int) row format serde "
       "'org.openx.data.jsonserde.JsonSerDe' with serdeproperties ('ignore.malformed.json' = "
       "'true') location 's3://b/j/'",
       "CREATE EXTERNAL TABLE t (a int) ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' "
       "WITH SERDEPROPERTIES ('ignore.malformed.json' = 'true') LOCATION 's3://b/j/'"},
      {"create external table t (a int) stored as inputformat "
       "'org.apache.hadoop.mapred.TextInputFormat' outputformat "
       "'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'",
       "CREATE EXTERNAL TABLE t (a int) STORED AS INPUTFORMAT "
       "'org.apache.hadoop.mapred.TextInputFormat' OUTPUTFORMAT "
       "'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'"},
      {"create external table t (a int) row format delimited fields terminated by '\\001' "
       "collection items terminated by '\\002' map keys terminated by '\\003' null defined as ''",
       "CREATE EXTERNAL TABLE t (a int) ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\001' "
       "COLLECTION ITEMS TERMINATED BY '\\002' MAP KEYS TERMINATED BY '\\003' NULL DEFINED AS "
       "''"},
      {"create external table t (a int) row format delimited fields terminated by '\\t'",
       "CREATE EXTERNAL TABLE t (a int) ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t'"},
      {"create external table t (a int, b string) clustered by (a) into 16 buckets stored as "
       "parquet",
       "CREATE EXTERNAL TABLE t (a int, b string) CLUSTERED BY (a) INTO 16 BUCKETS STORED AS "
       "PARQUET"},
      {"create table t (a int) location 's3://x/' tblproperties ('table_type' = 'ICEBERG')",
       "CREATE TABLE t (a int) LOCATION 's3://x/' TBLPROPERTIES ('table_type' = 'ICEBERG')"},
      {"create external table t (a int) location \"s3://double/quoted/\"",
       "CREATE EXTERNAL TABLE t (a int) LOCATION 's3://double/quoted/'"},
      {"create external table t (`from` int, `select` string, date date)",
       "CREATE EXTERNAL TABLE t (`from` int, `select` string, date date)"},
      {"create external table t (a string comment 'it''s')",
       "CREATE EXTERNAL TABLE t (a string COMMENT 'it''s')"},
  };
  for (const Case& c : cases) EXPECT_EQ(Canonical(c.input), c.expected) << c.input;
  auto table = ParseStatement(
      "create external table t (a int) row format delimited fields terminated by '\\001' "
      "lines terminated by '\\n'");
  EXPECT_EQ(table->As<CreateTableStatement>().row_format.fields_terminated_by, "\x01");
  EXPECT_EQ(table->As<CreateTableStatement>().row_format.lines_terminated_by, "\n");
}

TEST(StatementSyntax, CreateTableAsSelect) {
  const Case cases[] = {
      {"create table new_t as select * from t", "CREATE TABLE new_t AS SELECT * FROM t"},
      {"CREATE TABLE IF NOT EXISTS db.ctas WITH (format = 'PARQUET', external_location = "
       "'s3://bucket/ctas/', partitioned_by = ARRAY['dt'], write_compression = 'SNAPPY') AS "
       "SELECT a, dt FROM t",
       "CREATE TABLE IF NOT EXISTS db.ctas WITH (format = 'PARQUET', external_location = "
       "'s3://bucket/ctas/', partitioned_by = ARRAY['dt'], write_compression = 'SNAPPY') AS "
       "SELECT a, dt FROM t"},
      {"create table t with (bucketed_by = array['a'], bucket_count = 8) as select 1 a",
       "CREATE TABLE t WITH (bucketed_by = ARRAY['a'], bucket_count = 8) AS SELECT 1 AS a"},
      {"create table t as select 1 with no data", "CREATE TABLE t AS SELECT 1 WITH NO DATA"},
      {"create table t as (select 1) with data", "CREATE TABLE t AS SELECT 1 WITH DATA"},
      {"create table t as with x as (select 1 a) select * from x",
       "CREATE TABLE t AS WITH x AS (SELECT 1 AS a) SELECT * FROM x"},
  };
  for (const Case& c : cases) EXPECT_EQ(Canonical(c.input), c.expected) << c.input;
  StatementPtr statement =
      ParseStatement("create table t with (format = 'ORC') as select 1 with no data");
  ASSERT_EQ(statement->kind, StatementKind::kCreateTableAs);
  const auto& ctas = statement->As<CreateTableAsStatement>();
  ASSERT_EQ(ctas.properties.size(), 1u);
  EXPECT_EQ(ctas.properties[0].name.text, "format");
  EXPECT_EQ(ctas.properties[0].value->As<Literal>().text, "ORC");
  EXPECT_FALSE(ctas.with_data);
}

TEST(StatementSyntax, ViewsAndDrops) {
  const Case cases[] = {
      {"create view v as select a from t", "CREATE VIEW v AS SELECT a FROM t"},
      {"create or replace view db.v as select a from t where b > 1",
       "CREATE OR REPLACE VIEW db.v AS SELECT a FROM t WHERE b > 1"},
      {"create view v (x, y) as select 1, 2", "CREATE VIEW v (x, y) AS SELECT 1, 2"},
      {"drop view v", "DROP VIEW v"},
      {"drop view if exists db.v", "DROP VIEW IF EXISTS db.v"},
      {"drop table t", "DROP TABLE t"},
      {"drop table if exists `db`.`t`", "DROP TABLE IF EXISTS `db`.`t`"},
      {"drop table if exists `my-db`.t", "DROP TABLE IF EXISTS `my-db`.t"},
  };
  for (const Case& c : cases) EXPECT_EQ(Canonical(c.input), c.expected) << c.input;
  StatementPtr drop = ParseStatement("DROP VIEW IF EXISTS db.v");
  EXPECT_EQ(drop->As<DropStatement>().object, ObjectKind::kView);
  EXPECT_TRUE(drop->As<DropStatement>().if_exists);
  EXPECT_EQ(JoinName(drop->As<DropStatement>().name), "db.v");
}

TEST(StatementSyntax, Insert) {
  const Case cases[] = {
      {"insert into t select * from u", "INSERT INTO t SELECT * FROM u"},
      {"insert into db.t (a, b) select x, y from u", "INSERT INTO db.t (a, b) SELECT x, y FROM u"},
      {"insert into t values (1, 'a'), (2, 'b')", "INSERT INTO t VALUES (1, 'a'), (2, 'b')"},
      {"insert into t (a) values 1", "INSERT INTO t (a) VALUES 1"},
      {"insert into t (select 1)", "INSERT INTO t SELECT 1"},
      {"insert into t with x as (select 1) select * from x",
       "INSERT INTO t WITH x AS (SELECT 1) SELECT * FROM x"},
  };
  for (const Case& c : cases) EXPECT_EQ(Canonical(c.input), c.expected) << c.input;
}

TEST(StatementSyntax, ShowAndDescribe) {
  const Case cases[] = {
      {"show databases", "SHOW DATABASES"},
      {"SHOW SCHEMAS LIKE 'sales*'", "SHOW DATABASES LIKE 'sales*'"},
      {"show tables", "SHOW TABLES"},
      {"show tables in sales", "SHOW TABLES IN sales"},
      {"show tables from sales like 'r%'", "SHOW TABLES IN sales LIKE 'r%'"},
      {"show tables in sales 'rent*'", "SHOW TABLES IN sales LIKE 'rent*'"},
      {"show views in sales", "SHOW VIEWS IN sales"},
      {"show columns from t", "SHOW COLUMNS IN t"},
      {"show columns in db.t", "SHOW COLUMNS IN db.t"},
      {"show columns in t from db", "SHOW COLUMNS IN db.t"},
      {"show partitions db.t", "SHOW PARTITIONS db.t"},
      {"show create table db.t", "SHOW CREATE TABLE db.t"},
      {"show create view v", "SHOW CREATE VIEW v"},
      {"show tblproperties t", "SHOW TBLPROPERTIES t"},
      {"show tblproperties t ('classification')", "SHOW TBLPROPERTIES t ('classification')"},
      {"describe t", "DESCRIBE t"},
      {"desc db.t", "DESCRIBE db.t"},
      {"describe formatted db.t", "DESCRIBE FORMATTED db.t"},
      {"describe extended t", "DESCRIBE EXTENDED t"},
      {"describe t col", "DESCRIBE t col"},
      {"describe `db`.`my table`", "DESCRIBE `db`.`my table`"},
      {"describe \"db\".t", "DESCRIBE `db`.t"},
      {"describe extended", "DESCRIBE extended"},
  };
  for (const Case& c : cases) EXPECT_EQ(Canonical(c.input), c.expected) << c.input;
  StatementPtr show = ParseStatement("show tables in sales like 'r%'");
  EXPECT_EQ(show->As<ShowStatement>().what, ShowKind::kTables);
  EXPECT_EQ(JoinName(show->As<ShowStatement>().target), "sales");
  EXPECT_EQ(show->As<ShowStatement>().pattern, "r%");
}

TEST(StatementSyntax, PartitionsAndRepair) {
  const Case cases[] = {
      {"msck repair table db.t", "MSCK REPAIR TABLE db.t"},
      {"alter table t add partition (dt = '2024-01-01')",
       "ALTER TABLE t ADD PARTITION (dt = '2024-01-01')"},
      {"ALTER TABLE db.t ADD IF NOT EXISTS PARTITION (year=2024, month='01') LOCATION "
       "'s3://b/t/year=2024/month=01/' PARTITION (year=2024, month='02')",
       "ALTER TABLE db.t ADD IF NOT EXISTS PARTITION (year = 2024, month = '01') LOCATION "
       "'s3://b/t/year=2024/month=01/' PARTITION (year = 2024, month = '02')"},
      {"alter table t drop partition (dt = 'a')", "ALTER TABLE t DROP PARTITION (dt = 'a')"},
      {"alter table t drop if exists partition (dt='a'), partition (dt='b')",
       "ALTER TABLE t DROP IF EXISTS PARTITION (dt = 'a'), PARTITION (dt = 'b')"},
      {"alter table `t` add partition (`k` = -1)", "ALTER TABLE `t` ADD PARTITION (`k` = -1)"},
  };
  for (const Case& c : cases) EXPECT_EQ(Canonical(c.input), c.expected) << c.input;
  StatementPtr add = ParseStatement(
      "alter table t add partition (y = 2024, m = '01') location 's3://x/' partition (y = 2025)");
  const auto& partitions = add->As<AddPartitionsStatement>().partitions;
  ASSERT_EQ(partitions.size(), 2u);
  ASSERT_EQ(partitions[0].spec.values.size(), 2u);
  EXPECT_EQ(partitions[0].spec.values[0].key.text, "y");
  EXPECT_EQ(partitions[0].spec.values[0].value, "2024");
  EXPECT_FALSE(partitions[0].spec.values[0].quoted);
  EXPECT_EQ(partitions[0].spec.values[1].value, "01");
  EXPECT_TRUE(partitions[0].spec.values[1].quoted);
  EXPECT_EQ(partitions[0].location, "s3://x/");
  EXPECT_FALSE(partitions[1].location.has_value());
}

TEST(StatementSyntax, ExplainAndUse) {
  const Case cases[] = {
      {"explain select 1", "EXPLAIN SELECT 1"},
      {"explain analyze select * from t", "EXPLAIN ANALYZE SELECT * FROM t"},
      {"explain analyze verbose select 1", "EXPLAIN ANALYZE VERBOSE SELECT 1"},
      {"explain (format json) select 1", "EXPLAIN (FORMAT JSON) SELECT 1"},
      {"explain (type distributed, format text) select 1",
       "EXPLAIN (FORMAT TEXT, TYPE DISTRIBUTED) SELECT 1"},
      {"explain (select 1)", "EXPLAIN SELECT 1"},
      {"explain create table t as select 1", "EXPLAIN CREATE TABLE t AS SELECT 1"},
      {"explain insert into t select 1", "EXPLAIN INSERT INTO t SELECT 1"},
      {"use sales", "USE sales"},
      {"use awsdatacatalog.sales", "USE awsdatacatalog.sales"},
  };
  for (const Case& c : cases) EXPECT_EQ(Canonical(c.input), c.expected) << c.input;
  StatementPtr explain = ParseStatement("explain analyze select 1");
  EXPECT_TRUE(explain->As<ExplainStatement>().analyze);
  EXPECT_EQ(explain->As<ExplainStatement>().statement->kind, StatementKind::kQuery);
}

TEST(Script, SplitsStatementsAndRecordsTheirText) {
  std::string sql =
      "-- a script\nselect 1;\n\n  create view v as select 2 ;;\n/* last */ show tables";
  std::vector<StatementPtr> statements = ParseScript(sql);
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_EQ(statements[0]->kind, StatementKind::kQuery);
  EXPECT_EQ(statements[1]->kind, StatementKind::kCreateView);
  EXPECT_EQ(statements[2]->kind, StatementKind::kShow);
  auto text = [&](const Statement& s) {
    return sql.substr(s.text_begin, s.text_end - s.text_begin);
  };
  EXPECT_EQ(text(*statements[0]), "select 1");
  EXPECT_EQ(text(*statements[1]), "create view v as select 2");
  EXPECT_EQ(text(*statements[2]), "show tables");
  EXPECT_EQ(statements[1]->pos.line, 4u);
  EXPECT_EQ(statements[1]->pos.column, 3u);
}

TEST(Script, EmptyAndSeparatorOnlyScripts) {
  EXPECT_TRUE(ParseScript("").empty());
  EXPECT_TRUE(ParseScript(" ;; -- nothing\n ; /* */").empty());
  EXPECT_EQ(ParseScript("select 1;").size(), 1u);
  EXPECT_THROW(ParseStatement(""), Error);
  EXPECT_THROW(ParseStatement("select 1; select 2"), Error);
  EXPECT_EQ(ParseStatement("select 1;")->kind, StatementKind::kQuery);
}

TEST(Script, BackquotesOnlyInHiveDdl) {
  EXPECT_NE(testing::ErrorOf("select `a` from t").find("back-quoted identifiers"),
            std::string::npos);
  EXPECT_NE(testing::ErrorOf("create table t as select `a` from u").find("back-quoted"),
            std::string::npos);
  EXPECT_EQ(testing::ErrorOf("create external table `t` (`a` int)"), "");
  EXPECT_EQ(testing::ErrorOf("drop table `t`; describe `t`; msck repair table `t`"), "");
}

}  // namespace
}  // namespace basin::sql
