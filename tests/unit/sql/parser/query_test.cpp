// Queries: SELECT clauses, joins, subqueries, set operations, WITH, VALUES, ORDER BY / LIMIT.
#include <gtest/gtest.h>

#include "parser_test_support.hpp"

namespace basin::sql {
namespace {

using testing::Canonical;

struct Case {
  const char* input;
  const char* expected;
};

std::unique_ptr<Query> ParseQueryText(std::string_view sql) {
  StatementPtr statement = ParseStatement(sql);
  return std::move(statement->As<QueryStatement>().query);
}

TEST(QuerySyntax, SelectClauses) {
  const Case cases[] = {
      {"select 1", "SELECT 1"},
      {"SELECT * FROM t", "SELECT * FROM t"},
      {"select t.*, u.* from t, u", "SELECT t.*, u.* FROM t, u"},
      {"select db.t.* from db.t", "SELECT db.t.* FROM db.t"},
      {"select a as x, b y, c from t", "SELECT a AS x, b AS y, c FROM t"},
      {"select a \"X y\" from t", "SELECT a AS \"X y\" FROM t"},
      {"select distinct a from t", "SELECT DISTINCT a FROM t"},
      {"select all a from t", "SELECT a FROM t"},
      {"select a from t where a > 1", "SELECT a FROM t WHERE a > 1"},
      {"select a, count(*) from t group by a", "SELECT a, count(*) FROM t GROUP BY a"},
      {"select a, b, sum(c) from t group by 1, 2", "SELECT a, b, sum(c) FROM t GROUP BY 1, 2"},
      {"select a, count(*) from t group by a having count(*) > 1",
       "SELECT a, count(*) FROM t GROUP BY a HAVING count(*) > 1"},
      {"select a % 10, count(*) from t group by a % 10",
       "SELECT a % 10, count(*) FROM t GROUP BY a % 10"},
      {"select a from t order by a", "SELECT a FROM t ORDER BY a"},
      {"select a from t order by a asc, b desc nulls first, c nulls last",
       "SELECT a FROM t ORDER BY a ASC, b DESC NULLS FIRST, c NULLS LAST"},
      {"select a from t limit 10", "SELECT a FROM t LIMIT 10"},
      {"select a from t limit all", "SELECT a FROM t LIMIT ALL"},
      {"select a from t offset 5", "SELECT a FROM t OFFSET 5"},
      {"select a from t offset 5 rows limit 10", "SELECT a FROM t OFFSET 5 LIMIT 10"},
      {"select a from t limit 10 offset 5", "SELECT a FROM t OFFSET 5 LIMIT 10"},
      {"select a from t fetch first 3 rows only", "SELECT a FROM t FETCH FIRST 3 ROWS ONLY"},
      {"select a from t fetch next 1 row only", "SELECT a FROM t FETCH FIRST 1 ROWS ONLY"},
      {"select a from t fetch first row only", "SELECT a FROM t FETCH FIRST ROW ONLY"},
      {"select a from t order by a fetch first 2 rows with ties",
       "SELECT a FROM t ORDER BY a FETCH FIRST 2 ROWS WITH TIES"},
      {"select a from t limit ?", "SELECT a FROM t LIMIT ?"},
      {"select rank() over w from t window w as (partition by a order by b)",
       "SELECT rank() OVER w FROM t WINDOW w AS (PARTITION BY a ORDER BY b)"},
      {"select (select max(b) from u where u.a = t.a) as m from t",
       "SELECT (SELECT max(b) FROM u WHERE u.a = t.a) AS m FROM t"},
      {"select a from t where limit_ = 1 limit 1", "SELECT a FROM t WHERE limit_ = 1 LIMIT 1"},
  };
  for (const Case& c : cases) EXPECT_EQ(Canonical(c.input), c.expected) << c.input;
}

TEST(QuerySyntax, GroupingSets) {
  const Case cases[] = {
      {"select a, b from t group by rollup (a, b)", "SELECT a, b FROM t GROUP BY ROLLUP (a, b)"},
      {"select a, b from t group by cube(a, b)", "SELECT a, b FROM t GROUP BY CUBE (a, b)"},
      {"select a, b from t group by grouping sets ((a, b), (a), ())",
       "SELECT a, b FROM t GROUP BY GROUPING SETS ((a, b), (a), ())"},
      {"select a, b from t group by grouping sets (a, b)",
       "SELECT a, b FROM t GROUP BY GROUPING SETS ((a), (b))"},
      {"select a from t group by (a, b), c", "SELECT a FROM t GROUP BY (a, b), c"},
      {"select count(*) from t group by ()", "SELECT count(*) FROM t GROUP BY ()"},
      {"select a from t group by distinct rollup (a), cube (b)",
       "SELECT a FROM t GROUP BY DISTINCT ROLLUP (a), CUBE (b)"},
      {"select a from t group by (a + 1) * 2", "SELECT a FROM t GROUP BY (a + 1) * 2"},
  };
  for (const Case& c : cases) EXPECT_EQ(Canonical(c.input), c.expected) << c.input;
  auto query = ParseQueryText("select 1 from t group by grouping sets ((a, b), ()), rollup (c)");
  const GroupBy& group_by = *query->body->As<SelectBody>().group_by;
  ASSERT_EQ(group_by.elements.size(), 2u);
  EXPECT_EQ(group_by.elements[0].kind, GroupingKind::kGroupingSets);
  ASSERT_EQ(group_by.elements[0].sets.size(), 2u);
  EXPECT_EQ(group_by.elements[0].sets[0].size(), 2u);
  EXPECT_EQ(group_by.elements[0].sets[1].size(), 0u);
  EXPECT_EQ(group_by.elements[1].kind, GroupingKind::kRollup);
}

TEST(QuerySyntax, Joins) {
  const Case cases[] = {
      {"select * from a join b on a.id = b.id", "SELECT * FROM a JOIN b ON a.id = b.id"},
      {"select * from a inner join b on a.id = b.id", "SELECT * FROM a JOIN b ON a.id = b.id"},
      {"select * from a left join b on a.id = b.id", "SELECT * FROM a LEFT JOIN b ON a.id = b.id"},
      {"select * from a left outer join b using (id)", "SELECT * FROM a LEFT JOIN b USING (id)"},
      {"select * from a right outer join b on true", "SELECT * FROM a RIGHT JOIN b ON TRUE"},
      {"select * from a full outer join b using (id, k)",
       "SELECT * FROM a FULL JOIN b USING (id, k)"},
      {"select * from a full join b on a.x = b.x", "SELECT * FROM a FULL JOIN b ON a.x = b.x"},
      {"select * from a cross join b", "SELECT * FROM a CROSS JOIN b"},
      {"select * from a natural join b", "SELECT * FROM a NATURAL JOIN b"},
      {"select * from a, b, c where a.x = b.x", "SELECT * FROM a, b, c WHERE a.x = b.x"},
      {"select * from a x, b as y", "SELECT * FROM a AS x, b AS y"},
      {"select * from a join b on a.x = b.x join c on b.y = c.y",
       "SELECT * FROM a JOIN b ON a.x = b.x JOIN c ON b.y = c.y"},
      {"select * from a join b join c on b.y = c.y on a.x = b.x",
       "SELECT * FROM a JOIN (b JOIN c ON b.y = c.y) ON a.x = b.x"},
      {"select * from a join (b join c on b.y = c.y) on a.x = b.x",
       "SELECT * FROM a JOIN (b JOIN c ON b.y = c.y) ON a.x = b.x"},
      {"select * from (a join b on a.x = b.x) join c on c.y = b.y",
       "SELECT * FROM a JOIN b ON a.x = b.x JOIN c ON c.y = b.y"},
      {"select * from a, b join c on b.x = c.x", "SELECT * FROM a, b JOIN c ON b.x = c.x"},
      {"select * from a left join b on a.x = b.x and b.y > 0",
       "SELECT * FROM a LEFT JOIN b ON a.x = b.x AND b.y > 0"},
      {"select * from (a join b on a.x = b.x) as j", "SELECT * FROM (a JOIN b ON a.x = b.x) AS j"},
      {"select * from db.a t1 join db.b t2 on t1.x = t2.x",
       "SELECT * FROM db.a AS t1 JOIN db.b AS t2 ON t1.x = t2.x"},
  };
  for (const Case& c : cases) EXPECT_EQ(Canonical(c.input), c.expected) << c.input;
}

TEST(QuerySyntax, JoinTreeShape) {
  auto query = ParseQueryText("select * from a left join b on p, c cross join d");
  const TableRef& from = *query->body->As<SelectBody>().from;
  ASSERT_EQ(from.kind, TableRefKind::kJoin);
  const auto& comma = from.As<JoinRef>();
  EXPECT_EQ(comma.type, JoinType::kImplicit);
  EXPECT_EQ(comma.left->As<JoinRef>().type, JoinType::kLeft);
  EXPECT_NE(comma.left->As<JoinRef>().on, nullptr);
  EXPECT_EQ(comma.right->As<JoinRef>().type, JoinType::kCross);
  EXPECT_EQ(comma.right->As<JoinRef>().left->As<BaseTableRef>().name[0].text, "c");

  auto nested = ParseQueryText("select * from a join b join c using (k) on a.x = b.x");
  const auto& outer = nested->body->As<SelectBody>().from->As<JoinRef>();
  EXPECT_EQ(outer.left->kind, TableRefKind::kTable);
  ASSERT_EQ(outer.right->kind, TableRefKind::kJoin);
  EXPECT_EQ(outer.right->As<JoinRef>().using_columns.size(), 1u);
  EXPECT_NE(outer.on, nullptr);
}

TEST(QuerySyntax, SubqueriesInFrom) {
  const Case cases[] = {
      {"select * from (select 1 as a) t", "SELECT * FROM (SELECT 1 AS a) AS t"},
      {"select * from (select 1, 2) as t (a, b)", "SELECT * FROM (SELECT 1, 2) AS t (a, b)"},
      {"select * from (select 1, 2) t(a, b)", "SELECT * FROM (SELECT 1, 2) AS t (a, b)"},
      {"select * from (values (1, 'a'), (2, 'b')) as v (n, s)",
       "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v (n, s)"},
      {"select * from ((select 1) union (select 2)) u",
       "SELECT * FROM (SELECT 1 UNION SELECT 2) AS u"},
      {"select * from ((select 1 a)) as x", "SELECT * FROM (SELECT 1 AS a) AS x"},
      {"select * from (t) as x", "SELECT * FROM t AS x"},
      {"select * from t, lateral (select * from u where u.a = t.a) l",
       "SELECT * FROM t, LATERAL (SELECT * FROM u WHERE u.a = t.a) AS l"},
      {"select x from t cross join unnest(t.arr) as u (x)",
       "SELECT x FROM t CROSS JOIN UNNEST(t.arr) AS u (x)"},
      {"select * from unnest(array[1, 2], array['a', 'b']) with ordinality as u (n, s, i)",
       "SELECT * FROM UNNEST(ARRAY[1, 2], ARRAY['a', 'b']) WITH ORDINALITY AS u (n, s, i)"},
      {"select * from (with x as (select 1) select * from x) y",
       "SELECT * FROM (WITH x AS (SELECT 1) SELECT * FROM x) AS y"},
  };
  for (const Case& c : cases) EXPECT_EQ(Canonical(c.input), c.expected) << c.input;
  auto query = ParseQueryText("select * from (select 1, 2) as t (a, b)");
  const TableRef& from = *query->body->As<SelectBody>().from;
  ASSERT_EQ(from.kind, TableRefKind::kSubquery);
  ASSERT_TRUE(from.alias.has_value());
  EXPECT_EQ(from.alias->name.text, "t");
  ASSERT_EQ(from.alias->columns.size(), 2u);
  EXPECT_EQ(from.alias->columns[1].text, "b");
}

TEST(QuerySyntax, SetOperationPrecedence) {
  PrintOptions all{true};
  auto full = [&](std::string_view sql) { return ToSql(*ParseQueryText(sql), all); };
  EXPECT_EQ(full("select 1 union select 2 intersect select 3"),
            "SELECT 1 UNION (SELECT 2 INTERSECT SELECT 3)");
  EXPECT_EQ(full("select 1 intersect select 2 union select 3"),
            "(SELECT 1 INTERSECT SELECT 2) UNION SELECT 3");
  EXPECT_EQ(full("select 1 union select 2 except select 3"),
            "(SELECT 1 UNION SELECT 2) EXCEPT SELECT 3");
  EXPECT_EQ(full("select 1 except select 2 intersect select 3 intersect select 4"),
            "SELECT 1 EXCEPT ((SELECT 2 INTERSECT SELECT 3) INTERSECT SELECT 4)");
  EXPECT_EQ(full("select 1 union (select 2 union select 3)"),
            "SELECT 1 UNION (SELECT 2 UNION SELECT 3)");
  const Case cases[] = {
      {"select 1 union select 2", "SELECT 1 UNION SELECT 2"},
      {"select 1 union distinct select 2", "SELECT 1 UNION SELECT 2"},
      {"select 1 union all select 2", "SELECT 1 UNION ALL SELECT 2"},
      {"select 1 intersect all select 2", "SELECT 1 INTERSECT ALL SELECT 2"},
      {"select 1 except select 2", "SELECT 1 EXCEPT SELECT 2"},
      {"(select 1 union select 2) intersect select 3",
       "(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3"},
      {"select 1 union (select 2 union all select 3)",
       "SELECT 1 UNION (SELECT 2 UNION ALL SELECT 3)"},
      {"(select 1) union (select 2) order by 1 limit 1",
       "SELECT 1 UNION SELECT 2 ORDER BY 1 LIMIT 1"},
      {"(select a from t order by a limit 1) union all (select b from u limit 2)",
       "(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM u LIMIT 2)"},
      {"((select 1))", "SELECT 1"},
      {"table t", "TABLE t"},
      {"table db.t union all table u", "TABLE db.t UNION ALL TABLE u"},
      {"values 1, 2, 3", "VALUES 1, 2, 3"},
      {"values (1, 'a'), (2, 'b')", "VALUES (1, 'a'), (2, 'b')"},
      {"values (1, 'a') union all select 2, 'b'", "VALUES (1, 'a') UNION ALL SELECT 2, 'b'"},
  };
  for (const Case& c : cases) EXPECT_EQ(Canonical(c.input), c.expected) << c.input;
  auto query = ParseQueryText("select 1 union all select 2 intersect select 3");
  const auto& top = query->body->As<SetOperationBody>();
  EXPECT_EQ(top.op, SetOpKind::kUnion);
  EXPECT_TRUE(top.all);
  EXPECT_EQ(top.right->As<SetOperationBody>().op, SetOpKind::kIntersect);
  EXPECT_FALSE(top.right->As<SetOperationBody>().all);
}

TEST(QuerySyntax, CommonTableExpressions) {
  const Case cases[] = {
      {"with x as (select 1) select * from x", "WITH x AS (SELECT 1) SELECT * FROM x"},
      {"with x (a, b) as (select 1, 2), y as (select a from x) select * from y",
       "WITH x (a, b) AS (SELECT 1, 2), y AS (SELECT a FROM x) SELECT * FROM y"},
      {"with recursive r (n) as (select 1 union all select n + 1 from r where n < 5) "
       "select * from r",
       "WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) "
       "SELECT * FROM r"},
      {"with x as (select 1 a) select a from x union select 2 order by 1",
       "WITH x AS (SELECT 1 AS a) SELECT a FROM x UNION SELECT 2 ORDER BY 1"},
      {"select * from t where a in (with w as (select 1) select * from w)",
       "SELECT * FROM t WHERE a IN (WITH w AS (SELECT 1) SELECT * FROM w)"},
  };
  for (const Case& c : cases) EXPECT_EQ(Canonical(c.input), c.expected) << c.input;
  auto query = ParseQueryText("with x (a, b) as (select 1, 2) select * from x");
  ASSERT_EQ(query->with.size(), 1u);
  EXPECT_EQ(query->with[0].name.text, "x");
  EXPECT_EQ(query->with[0].columns.size(), 2u);
}

TEST(QuerySyntax, CorrelatedSubqueries) {
  const Case cases[] = {
      {"select * from orders o where exists (select * from lineitem l where l.k = o.k)",
       "SELECT * FROM orders AS o WHERE EXISTS (SELECT * FROM lineitem AS l WHERE l.k = o.k)"},
      {"select * from t where t.v > (select avg(v) from t t2 where t2.g = t.g)",
       "SELECT * FROM t WHERE t.v > (SELECT avg(v) FROM t AS t2 WHERE t2.g = t.g)"},
      {"select * from t where x in (select y from u) and not exists (select 1 from v)",
       "SELECT * FROM t WHERE x IN (SELECT y FROM u) AND NOT EXISTS (SELECT 1 FROM v)"},
  };
  for (const Case& c : cases) EXPECT_EQ(Canonical(c.input), c.expected) << c.input;
}

TEST(QuerySyntax, AliasesAreNotClauseWords) {
  // LIMIT, OFFSET, FETCH and WINDOW are not reserved, yet never read as implicit aliases.
  EXPECT_EQ(Canonical("select a from t limit 5"), "SELECT a FROM t LIMIT 5");
  EXPECT_EQ(Canonical("select a limit from t"),
            "ERROR: " + testing::ErrorOf("select a limit from t"));
  EXPECT_EQ(Canonical("select a as limit from t"), "SELECT a AS limit FROM t");
  EXPECT_EQ(Canonical("select a from t window_ limit 1"), "SELECT a FROM t AS window_ LIMIT 1");
  EXPECT_EQ(Canonical("select year, month from t"), "SELECT year, month FROM t");
  EXPECT_EQ(Canonical("select date from t"), "SELECT date FROM t");
}

TEST(QuerySyntax, PositionsOfClauses) {
  auto query = ParseQueryText("select a\nfrom t\nwhere b = 1");
  const auto& select = query->body->As<SelectBody>();
  EXPECT_EQ(select.from->pos.line, 2u);
  EXPECT_EQ(select.from->pos.column, 6u);
  EXPECT_EQ(select.where->pos.line, 3u);
  EXPECT_EQ(select.where->pos.column, 7u);
}

}  // namespace
}  // namespace basin::sql
