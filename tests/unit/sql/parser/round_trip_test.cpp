// parse(print(parse(x))) == parse(x) over statements chosen for the printer's hard cases:
// precedence, nested joins, set operations in parentheses, quoting, Hive escapes.
#include <gtest/gtest.h>

#include "parser_test_support.hpp"

namespace basin::sql {
namespace {

const char* const kStatements[] = {
    "select a - (b - c), a / (b * c), -(-a), - (a + b), not (not a), (a = b) = (c = d)",
    "select (a or b) and (c or d), a and (b or c) and d, not (a and b or c)",
    "select x from t where (x between 1 and 2) = true and (y like 'a') is null",
    "select case when a is null then (select 1) else (select 2) end from t",
    "select (select 1) + (select 2), ((select 1) union (select 2) order by 1 limit 1)",
    "select * from ((select 1 a) union all (select 2)) u where u.a in ((select 1) union (select "
    "2))",
    "select * from a join (b join (c join d on c.x = d.x) on b.x = c.x) on a.x = b.x",
    "select * from a join b join c join d on c.x = d.x on b.x = c.x on a.x = b.x limit 1",
    "select * from a, (b cross join c), d natural join e",
    "select * from (a join b using (x)) j join (c left join d on c.y = d.y) k on j.x = k.x",
    "(select 1 union select 2) intersect (select 3 except select 4)",
    "select 1 except (select 2 except select 3) except select 4",
    "(select 1 order by 1) union (select 2 limit 1) order by 1 desc offset 1 limit 1",
    "with a as (select 1 x), b as (select x from a union all select x + 1 from a) "
    "select * from b where x in (select x from a) order by x",
    "select \"Select\", \"a\"\"b\", \"from\".\"where\" from \"Table\" \"T\"",
    "select t.\"Col\"[1].f, (f(x)).g, (a).b.c, cast(r as row(\"x y\" int)).\"x y\" from t",
    "select -x at time zone 'UTC', (x at time zone 'UTC') at time zone 'PST'",
    "select a || b || (c || d), a + b || c - d, (a || b) + c",
    "select x from t order by x + 1 desc nulls last, (select 1) limit all",
    "select sum(a) filter (where b > 0) over (partition by c order by d range between "
    "current row and unbounded following) from t window w as (order by e)",
    "select interval '1' day + interval -'2' hour to second, date '2020-01-01', X'00ff'",
    "select count(*) from t group by grouping sets ((a, b), (a), ()), rollup (c, d), e",
    "insert into \"Target\" (\"A\", b) select * from (values (1, 'x'), (2, 'y')) v (a, b)",
    "create table t with (partitioned_by = array['dt'], format = 'PARQUET') as "
    "select a, dt from s where dt > '2020' with data",
    "create external table `d`.`t` (`a b` struct<`c d`:array<map<string,int>>>, e int "
    "comment 'it''s \\t') partitioned by (`p q` string) row format delimited fields "
    "terminated by '\\001' escaped by '\\\\' stored as textfile location 's3://b/\\u00e9/'",
    "alter table t add partition (a = 'it''s', b = -1.5) location 's3://x/'",
    "explain (format graphviz) with x as (select 1) select * from x",
    "create or replace view v as select * from t where a not in (select b from u) and "
    "not exists (select 1 from w where w.x = t.x)",
    "select * from t where a = any (select b from u) and c > all (values 1, 2)",
    "select array[array[1, 2], array[]], row(1, row(2, 3)), (1, (2, 3)), map(array['a'], array[1])",
    "select trim(leading 'x' from a), substring(b from 2), position('x' in c), extract(day from d)",
    "select current_date, current_timestamp, localtime, current_user, current_timestamp(6)",
};

TEST(RoundTrip, PrintingAndParsingAgainGivesTheSameTree) {
  for (const char* sql : kStatements) {
    SCOPED_TRACE(sql);
    StatementPtr statement;
    ASSERT_NO_THROW(statement = ParseStatement(sql));
    testing::ExpectStatementRoundTrips(*statement, sql);
    // The fully parenthesised form reads back to the same tree too.
    std::string full = ToSql(*statement, PrintOptions{true});
    StatementPtr again;
    ASSERT_NO_THROW(again = ParseStatement(full)) << full;
    EXPECT_TRUE(AstEquals(*statement, *again)) << full;
  }
}

TEST(RoundTrip, EqualityNoticesDifferences) {
  // Guard against an AstEquals that says yes to everything.
  for (size_t i = 0; i + 1 < std::size(kStatements); ++i) {
    EXPECT_FALSE(AstEquals(*ParseStatement(kStatements[i]), *ParseStatement(kStatements[i + 1])))
        << kStatements[i];
  }
  EXPECT_FALSE(AstEquals(*ParseStatement("select a from t limit 1"),
                         *ParseStatement("select a from t limit 2")));
  EXPECT_FALSE(AstEquals(*ParseStatement("select a from t union select a from u"),
                         *ParseStatement("select a from t union all select a from u")));
  EXPECT_FALSE(AstEquals(*ParseStatement("select * from a left join b on x"),
                         *ParseStatement("select * from a right join b on x")));
  EXPECT_FALSE(AstEquals(*ParseStatement("create external table t (a int) location 'x'"),
                         *ParseStatement("create external table t (a int) location 'y'")));
  EXPECT_FALSE(AstEquals(*ParseStatement("select 1 x"), *ParseStatement("select 1 y")));
  EXPECT_TRUE(AstEquals(*ParseStatement("SELECT A FROM T"), *ParseStatement("select a from t")));
  // A join whose right side is a join reads the same with or without the parentheses.
  EXPECT_TRUE(AstEquals(*ParseStatement("select * from a join (b join (c join d on p) on q) on r"),
                        *ParseStatement("select * from a join b join c join d on p on q on r")));
}

TEST(RoundTrip, QuoteIdentifier) {
  EXPECT_EQ(QuoteIdentifier(Identifier{"abc", false, {}}), "abc");
  EXPECT_EQ(QuoteIdentifier(Identifier{"Abc", true, {}}), "\"Abc\"");
  EXPECT_EQ(QuoteIdentifier(Identifier{"a b", false, {}}), "\"a b\"");
  EXPECT_EQ(QuoteIdentifier(Identifier{"SELECT", false, {}}), "\"select\"");
  EXPECT_EQ(QuoteIdentifier(Identifier{"1x", false, {}}), "\"1x\"");
  EXPECT_EQ(QuoteIdentifier(Identifier{"q\"q", true, {}}), "\"q\"\"q\"");
}

}  // namespace
}  // namespace basin::sql
