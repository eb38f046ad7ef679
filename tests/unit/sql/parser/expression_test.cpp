// Expressions: each construct parses and prints back canonically; precedence is checked on
// the fully parenthesised form.
#include <gtest/gtest.h>

#include "parser_test_support.hpp"

namespace basin::sql {
namespace {

using testing::Expr;
using testing::Parenthesized;

struct Case {
  const char* input;
  const char* expected;
};

TEST(ExpressionPrecedence, Arithmetic) {
  const Case cases[] = {
      {"1 + 2 * 3", "(1 + (2 * 3))"},
      {"1 * 2 + 3", "((1 * 2) + 3)"},
      {"1 - 2 - 3", "((1 - 2) - 3)"},
      {"1 - (2 - 3)", "(1 - (2 - 3))"},
      {"8 / 4 / 2", "((8 / 4) / 2)"},
      {"a % b * c", "((a % b) * c)"},
      {"-a * b", "((-a) * b)"},
      {"-(a * b)", "(-(a * b))"},
      {"- -a", "(-(-a))"},
      {"+a - -b", "((+a) - (-b))"},
      {"a || b + c", "(a || (b + c))"},
      {"a + b || c", "((a + b) || c)"},
      {"a || b || c", "((a || b) || c)"},
      {"(a + b) * (c - d)", "((a + b) * (c - d))"},
      {"a * (b + c) / d", "((a * (b + c)) / d)"},
  };
  for (const Case& c : cases) EXPECT_EQ(Parenthesized(c.input), c.expected) << c.input;
}

TEST(ExpressionPrecedence, BooleanAndPredicates) {
  const Case cases[] = {
      {"a OR b AND c", "(a OR (b AND c))"},
      {"a AND b OR c", "((a AND b) OR c)"},
      {"NOT a AND b", "((NOT a) AND b)"},
      {"NOT (a AND b)", "(NOT (a AND b))"},
      {"NOT a = b", "(NOT (a = b))"},
      {"NOT NOT a", "(NOT (NOT a))"},
      {"a = 1 OR b = 2 AND c = 3", "((a = 1) OR ((b = 2) AND (c = 3)))"},
      {"a AND b AND c", "(a AND b AND c)"},
      {"a OR b OR c OR d", "(a OR b OR c OR d)"},
      {"(a OR b) AND c", "((a OR b) AND c)"},
      {"a AND (b AND c)", "(a AND (b AND c))"},
      {"a + 1 = b * 2", "((a + 1) = (b * 2))"},
      {"a < b + c", "(a < (b + c))"},
      {"x BETWEEN 1 AND 2 AND y", "((x BETWEEN 1 AND 2) AND y)"},
      {"x BETWEEN a + 1 AND b * 2", "(x BETWEEN (a + 1) AND (b * 2))"},
      {"x NOT BETWEEN 1 AND 2", "(x NOT BETWEEN 1 AND 2)"},
      {"x IS NULL OR y IS NOT NULL", "((x IS NULL) OR (y IS NOT NULL))"},
      {"a || 'x' LIKE 'ax%'", "((a || 'x') LIKE 'ax%')"},
      {"NOT x IN (1, 2)", "(NOT (x IN (1, 2)))"},
      {"x NOT IN (1, 2) AND y", "((x NOT IN (1, 2)) AND y)"},
      {"a IS DISTINCT FROM b + 1", "(a IS DISTINCT FROM (b + 1))"},
      {"(a = b) = c", "((a = b) = c)"},
      {"-x AT TIME ZONE 'UTC'", "(-(x AT TIME ZONE 'UTC'))"},
      {"a + b AT TIME ZONE 'UTC'", "(a + (b AT TIME ZONE 'UTC'))"},
  };
  for (const Case& c : cases) EXPECT_EQ(Parenthesized(c.input), c.expected) << c.input;
}

TEST(ExpressionPrecedence, MinimalParenthesesInCanonicalForm) {
  const Case cases[] = {
      {"((a + b)) * c", "(a + b) * c"},
      {"a + (b * c)", "a + b * c"},
      {"(a - b) - c", "a - b - c"},
      {"a - (b - c)", "a - (b - c)"},
      {"(a OR b) AND c", "(a OR b) AND c"},
      {"((a AND b)) OR c", "a AND b OR c"},
      {"NOT (a = b)", "NOT a = b"},
      {"-(-1)", "-(-1)"},
      {"- - 1", "-(-1)"},
      {"-(1 + 2)", "-(1 + 2)"},
      {"1 - -1", "1 - -1"},
      {"(a || b) || c", "a || b || c"},
      {"a || (b || c)", "a || (b || c)"},
      {"(a = b) IS NULL", "(a = b) IS NULL"},
  };
  for (const Case& c : cases) EXPECT_EQ(Expr(c.input), c.expected) << c.input;
}

TEST(ExpressionSyntax, Literals) {
  const Case cases[] = {
      {"42", "42"},
      {"1.50", "1.50"},
      {".5", ".5"},
      {"1e3", "1e3"},
      {"2.5E-3", "2.5E-3"},
      {"'it''s'", "'it''s'"},
      {"''", "''"},
      {"null", "NULL"},
      {"true", "TRUE"},
      {"False", "FALSE"},
      {"X'0aff'", "X'0aff'"},
      {"date '2001-08-22'", "DATE '2001-08-22'"},
      {"TIMESTAMP '2001-08-22 03:04:05.321'", "TIMESTAMP '2001-08-22 03:04:05.321'"},
      {"time '01:02:03'", "TIME '01:02:03'"},
      {"decimal '1.25'", "DECIMAL '1.25'"},
      {"interval '3' day", "INTERVAL '3' DAY"},
      {"INTERVAL '1' MONTH", "INTERVAL '1' MONTH"},
      {"interval -'2' year", "INTERVAL -'2' YEAR"},
      {"interval '1-2' year to month", "INTERVAL '1-2' YEAR TO MONTH"},
      {"interval '90' day (3)", "INTERVAL '90' DAY(3)"},
      {"interval '10' second", "INTERVAL '10' SECOND"},
      {"?", "?"},
  };
  for (const Case& c : cases) EXPECT_EQ(Expr(c.input), c.expected) << c.input;
}

TEST(ExpressionSyntax, LiteralKindsAndText) {
  ExprPtr number = ParseExpression("1.50");
  ASSERT_EQ(number->kind, ExpressionKind::kLiteral);
  EXPECT_EQ(number->As<Literal>().literal_kind, LiteralKind::kDecimal);
  EXPECT_EQ(number->As<Literal>().text, "1.50");
  EXPECT_EQ(ParseExpression("1e3")->As<Literal>().literal_kind, LiteralKind::kDouble);
  EXPECT_EQ(ParseExpression("7")->As<Literal>().literal_kind, LiteralKind::kInteger);
  ExprPtr date = ParseExpression("DATE '2020-02-29'");
  EXPECT_EQ(date->As<Literal>().literal_kind, LiteralKind::kTyped);
  EXPECT_EQ(date->As<Literal>().type.name, "date");
  EXPECT_EQ(date->As<Literal>().text, "2020-02-29");
  ExprPtr interval = ParseExpression("INTERVAL -'5' HOUR TO SECOND");
  ASSERT_EQ(interval->kind, ExpressionKind::kInterval);
  EXPECT_TRUE(interval->As<IntervalLiteral>().negative);
  EXPECT_EQ(interval->As<IntervalLiteral>().value, "5");
  EXPECT_EQ(interval->As<IntervalLiteral>().start, IntervalField::kHour);
  EXPECT_EQ(interval->As<IntervalLiteral>().end, IntervalField::kSecond);
  // Negative numbers are unary minus over an unsigned literal; a binder folds them.
  ExprPtr negative = ParseExpression("-5");
  ASSERT_EQ(negative->kind, ExpressionKind::kUnary);
  EXPECT_EQ(negative->As<UnaryExpr>().op, UnaryOp::kMinus);
}

TEST(ExpressionSyntax, NamesAndQuoting) {
  const Case cases[] = {
      {"col", "col"},
      {"MyCol", "MyCol"},
      {"t.col", "t.col"},
      {"db.t.col", "db.t.col"},
      {"\"Order Total\"", "\"Order Total\""},
      {"\"a\"\"b\"", "\"a\"\"b\""},
      {"\"select\"", "\"select\""},
      {"t.\"from\"", "t.\"from\""},
      {"date", "date"},
      {"year + 1", "year + 1"},
      {"\"t\".\"C\"", "\"t\".\"C\""},
  };
  for (const Case& c : cases) EXPECT_EQ(Expr(c.input), c.expected) << c.input;
}

TEST(ExpressionSyntax, IdentifiersKeepTextAndQuotedFlag) {
  ExprPtr expr = ParseExpression("Db.\"Tbl\".col");
  ASSERT_EQ(expr->kind, ExpressionKind::kColumnRef);
  const QualifiedName& name = expr->As<ColumnRef>().name;
  ASSERT_EQ(name.size(), 3u);
  EXPECT_EQ(name[0].text, "Db");
  EXPECT_FALSE(name[0].quoted);
  EXPECT_EQ(name[0].Name(), "db");
  EXPECT_EQ(name[1].text, "Tbl");
  EXPECT_TRUE(name[1].quoted);
  EXPECT_EQ(name[1].Name(), "Tbl");
  EXPECT_EQ(name[2].pos.column, 10u);
  EXPECT_EQ(JoinName(name), "db.Tbl.col");
  // Unquoted names compare case-insensitively, quoted ones exactly.
  EXPECT_TRUE(AstEquals(*ParseExpression("ABC"), *ParseExpression("abc")));
  EXPECT_TRUE(AstEquals(*ParseExpression("\"abc\""), *ParseExpression("ABC")));
  EXPECT_FALSE(AstEquals(*ParseExpression("\"ABC\""), *ParseExpression("abc")));
}

TEST(ExpressionSyntax, Predicates) {
  const Case cases[] = {
      {"x in (1, 2, 3)", "x IN (1, 2, 3)"},
      {"x not in ('a')", "x NOT IN ('a')"},
      {"x in (select y from t)", "x IN (SELECT y FROM t)"},
      {"x not in (select y from t where t.z = x)", "x NOT IN (SELECT y FROM t WHERE t.z = x)"},
      {"exists (select 1 from t)", "EXISTS (SELECT 1 FROM t)"},
      {"not exists (select * from t)", "NOT EXISTS (SELECT * FROM t)"},
      {"name like 'a%'", "name LIKE 'a%'"},
      {"name not like 'a!%%' escape '!'", "name NOT LIKE 'a!%%' ESCAPE '!'"},
      {"x is null", "x IS NULL"},
      {"x is not null", "x IS NOT NULL"},
      {"a is distinct from b", "a IS DISTINCT FROM b"},
      {"a is not distinct from b", "a IS NOT DISTINCT FROM b"},
      {"x between 1 and 10", "x BETWEEN 1 AND 10"},
      {"a <> b", "a <> b"},
      {"a != b", "a <> b"},
      {"a >= b AND a <= c", "a >= b AND a <= c"},
      {"x = any (select y from t)", "x = ANY (SELECT y FROM t)"},
      {"x > all (select y from t)", "x > ALL (SELECT y FROM t)"},
      {"x = some (select y from t)", "x = SOME (SELECT y FROM t)"},
      {"x in ((select 1) union (select 2))", "x IN (SELECT 1 UNION SELECT 2)"},
      {"x in ((select 1), 2)", "x IN ((SELECT 1), 2)"},
  };
  for (const Case& c : cases) EXPECT_EQ(Expr(c.input), c.expected) << c.input;
}

TEST(ExpressionSyntax, SubqueriesAndCorrelation) {
  const Case cases[] = {
      {"(select max(x) from t)", "(SELECT max(x) FROM t)"},
      {"(select max(x) from t) + 1", "(SELECT max(x) FROM t) + 1"},
      {"((select 1))", "(SELECT 1)"},
      {"((select 1) union all select 2)", "(SELECT 1 UNION ALL SELECT 2)"},
      {"((select a from t) order by a limit 1)", "(SELECT a FROM t ORDER BY a LIMIT 1)"},
      {"(select count(*) from o where o.c = c.id) > 2",
       "(SELECT count(*) FROM o WHERE o.c = c.id) > 2"},
  };
  for (const Case& c : cases) EXPECT_EQ(Expr(c.input), c.expected) << c.input;
}

TEST(ExpressionSyntax, CaseCastAndSpecialForms) {
  const Case cases[] = {
      {"case when a = 1 then 'one' when a = 2 then 'two' else 'many' end",
       "CASE WHEN a = 1 THEN 'one' WHEN a = 2 THEN 'two' ELSE 'many' END"},
      {"case a when 1 then 'x' end", "CASE a WHEN 1 THEN 'x' END"},
      {"case when a then case when b then 1 end end",
       "CASE WHEN a THEN CASE WHEN b THEN 1 END END"},
      {"cast(x as varchar)", "CAST(x AS varchar)"},
      {"cast(x as VARCHAR(10))", "CAST(x AS varchar(10))"},
      {"cast(x as decimal(12, 2))", "CAST(x AS decimal(12,2))"},
      {"try_cast(x as double)", "TRY_CAST(x AS double)"},
      {"cast(x as real)", "CAST(x AS real)"},
      {"cast(x as bigint)", "CAST(x AS bigint)"},
      {"cast(x as integer)", "CAST(x AS integer)"},
      {"cast(x as date)", "CAST(x AS date)"},
      {"cast(x as timestamp)", "CAST(x AS timestamp)"},
      {"cast(x as timestamp(3) with time zone)", "CAST(x AS timestamp(3) with time zone)"},
      {"cast(x as double precision)", "CAST(x AS double precision)"},
      {"cast(x as array(integer))", "CAST(x AS array(integer))"},
      {"cast(x as map(varchar, array(double)))", "CAST(x AS map(varchar, array(double)))"},
      {"cast(x as row(a integer, \"B c\" varchar))", "CAST(x AS row(a integer, \"B c\" varchar))"},
      {"cast(x as row(integer, varchar))", "CAST(x AS row(integer, varchar))"},
      {"cast(x as array<int>)", "CAST(x AS array<int>)"},
      {"cast(x as interval day to second)", "CAST(x AS interval day to second)"},
      {"extract(year from d)", "EXTRACT(YEAR FROM d)"},
      {"extract(dow from d + interval '1' day)", "EXTRACT(DOW FROM d + INTERVAL '1' DAY)"},
      {"current_date", "current_date"},
      {"CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"},
      {"current_timestamp(3)", "current_timestamp(3)"},
      {"localtimestamp", "localtimestamp"},
      {"current_user", "current_user"},
      {"d > current_date - interval '7' day", "d > current_date - INTERVAL '7' DAY"},
      {"substring(s from 2 for 3)", "substring(s, 2, 3)"},
      {"substring(s from 2)", "substring(s, 2)"},
      {"substring(s, 2, 3)", "substring(s, 2, 3)"},
      {"trim(s)", "trim(s)"},
      {"trim(both from s)", "trim(s)"},
      {"trim(leading 'x' from s)", "ltrim(s, 'x')"},
      {"trim(trailing from s)", "rtrim(s)"},
      {"trim(s, 'x')", "trim(s, 'x')"},
      {"position('b' in s)", "strpos(s, 'b')"},
      {"ts at time zone 'America/New_York'", "ts AT TIME ZONE 'America/New_York'"},
  };
  for (const Case& c : cases) EXPECT_EQ(Expr(c.input), c.expected) << c.input;
}

TEST(ExpressionSyntax, ConstructorsSubscriptsAndFields) {
  const Case cases[] = {
      {"array[1, 2, 3]", "ARRAY[1, 2, 3]"},
      {"ARRAY[]", "ARRAY[]"},
      {"array[array[1], array[2]]", "ARRAY[ARRAY[1], ARRAY[2]]"},
      {"row(1, 'a')", "ROW(1, 'a')"},
      {"(1, 'a')", "(1, 'a')"},
      {"a[1]", "a[1]"},
      {"a[1][2]", "a[1][2]"},
      {"m['key']", "m['key']"},
      {"(a || b)[1]", "(a || b)[1]"},
      {"f(x).field", "f(x).field"},
      {"a[1].b", "a[1].b"},
      {"(a).b", "(a).b"},
      {"cast(r as row(x int)).x", "CAST(r AS row(x int)).x"},
      {"s.f1.f2", "s.f1.f2"},
  };
  for (const Case& c : cases) EXPECT_EQ(Expr(c.input), c.expected) << c.input;
  ExprPtr field = ParseExpression("f(x).y");
  ASSERT_EQ(field->kind, ExpressionKind::kFieldAccess);
  EXPECT_EQ(field->As<FieldAccess>().field.text, "y");
  EXPECT_EQ(ParseExpression("(1, 2)")->As<RowExpr>().fields.size(), 2u);
  EXPECT_FALSE(ParseExpression("(1, 2)")->As<RowExpr>().row_keyword);
}

TEST(ExpressionSyntax, FunctionCalls) {
  const Case cases[] = {
      {"count(*)", "count(*)"},
      {"COUNT(*)", "COUNT(*)"},
      {"count(distinct x)", "count(DISTINCT x)"},
      {"count(all x)", "count(x)"},
      {"sum(x) filter (where y > 0)", "sum(x) FILTER (WHERE y > 0)"},
      {"count(*) filter (where y)", "count(*) FILTER (WHERE y)"},
      {"array_agg(x order by y desc)", "array_agg(x ORDER BY y DESC)"},
      {"now()", "now()"},
      {"coalesce(a, b, 0)", "coalesce(a, b, 0)"},
      {"if(a > 0, 'pos', 'neg')", "if(a > 0, 'pos', 'neg')"},
      {"nullif(a, 0)", "nullif(a, 0)"},
      {"my_db.my_func(1)", "my_db.my_func(1)"},
      {"date_add('day', 1, d)", "date_add('day', 1, d)"},
      {"round(avg(x), 2)", "round(avg(x), 2)"},
      {"grouping(a, b)", "grouping(a, b)"},
      {"approx_percentile(x, 0.5)", "approx_percentile(x, 0.5)"},
  };
  for (const Case& c : cases) EXPECT_EQ(Expr(c.input), c.expected) << c.input;
  ExprPtr call = ParseExpression("count(DISTINCT x) FILTER (WHERE y)");
  ASSERT_EQ(call->kind, ExpressionKind::kFunctionCall);
  EXPECT_TRUE(call->As<FunctionCall>().distinct);
  EXPECT_NE(call->As<FunctionCall>().filter, nullptr);
  EXPECT_TRUE(ParseExpression("count(*)")->As<FunctionCall>().star);
  EXPECT_TRUE(ParseExpression("current_date")->As<FunctionCall>().no_parentheses);
}

TEST(ExpressionSyntax, WindowFunctions) {
  const Case cases[] = {
      {"row_number() over ()", "row_number() OVER ()"},
      {"rank() over (order by x desc)", "rank() OVER (ORDER BY x DESC)"},
      {"sum(x) over (partition by a, b order by c)", "sum(x) OVER (PARTITION BY a, b ORDER BY c)"},
      {"sum(x) over (order by c rows between unbounded preceding and current row)",
       "sum(x) OVER (ORDER BY c ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"},
      {"avg(x) over (order by c rows between 3 preceding and 1 following)",
       "avg(x) OVER (ORDER BY c ROWS BETWEEN 3 PRECEDING AND 1 FOLLOWING)"},
      {"sum(x) over (order by d range between interval '1' day preceding and current row)",
       "sum(x) OVER (ORDER BY d RANGE BETWEEN INTERVAL '1' DAY PRECEDING AND CURRENT ROW)"},
      {"sum(x) over (order by c rows unbounded preceding)",
       "sum(x) OVER (ORDER BY c ROWS UNBOUNDED PRECEDING)"},
      {"sum(x) over (order by c groups between current row and unbounded following)",
       "sum(x) OVER (ORDER BY c GROUPS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)"},
      {"lag(x, 1) ignore nulls over (order by t)", "lag(x, 1) IGNORE NULLS OVER (ORDER BY t)"},
      {"first_value(x) respect nulls over w", "first_value(x) RESPECT NULLS OVER w"},
      {"sum(x) over w", "sum(x) OVER w"},
      {"sum(x) over (w order by y)", "sum(x) OVER (w ORDER BY y)"},
      {"rank() over (partition by a order by b nulls first)",
       "rank() OVER (PARTITION BY a ORDER BY b NULLS FIRST)"},
  };
  for (const Case& c : cases) EXPECT_EQ(Expr(c.input), c.expected) << c.input;
  ExprPtr call = ParseExpression("sum(x) over (partition by a order by b rows 2 preceding)");
  const WindowSpec& over = *call->As<FunctionCall>().over;
  EXPECT_EQ(over.partition_by.size(), 1u);
  EXPECT_EQ(over.order_by.size(), 1u);
  ASSERT_TRUE(over.frame.has_value());
  EXPECT_EQ(over.frame->unit, FrameUnit::kRows);
  EXPECT_EQ(over.frame->start.kind, FrameBoundKind::kPreceding);
  EXPECT_FALSE(over.frame->end.has_value());
}

TEST(ExpressionSyntax, PositionsPointAtTheStart) {
  ExprPtr expr = ParseExpression("a +\n  b * c");
  EXPECT_EQ(expr->pos.line, 1u);
  EXPECT_EQ(expr->pos.column, 1u);
  const auto& product = expr->As<BinaryExpr>().right->As<BinaryExpr>();
  EXPECT_EQ(product.pos.line, 2u);
  EXPECT_EQ(product.pos.column, 3u);
  EXPECT_EQ(product.right->pos.column, 7u);
}

TEST(ExpressionSyntax, ParametersAreNumberedInOrder) {
  ExprPtr expr = ParseExpression("a = ? AND b IN (?, ?)");
  const auto& terms = expr->As<Conjunction>().terms;
  EXPECT_EQ(terms[0]->As<BinaryExpr>().right->As<Parameter>().index, 0);
  EXPECT_EQ(terms[1]->As<InListExpr>().list[1]->As<Parameter>().index, 2);
}

TEST(ExpressionEquality, DistinguishesStructure) {
  EXPECT_TRUE(AstEquals(*ParseExpression("a + b * c"), *ParseExpression("a + (b * c)")));
  EXPECT_FALSE(AstEquals(*ParseExpression("a + b * c"), *ParseExpression("(a + b) * c")));
  EXPECT_FALSE(AstEquals(*ParseExpression("1.5"), *ParseExpression("1.50")));
  EXPECT_FALSE(AstEquals(*ParseExpression("x IN (1)"), *ParseExpression("x NOT IN (1)")));
  EXPECT_FALSE(AstEquals(*ParseExpression("count(x)"), *ParseExpression("count(DISTINCT x)")));
  EXPECT_FALSE(
      AstEquals(*ParseExpression("CAST(x AS int)"), *ParseExpression("CAST(x AS bigint)")));
  EXPECT_TRUE(AstEquals(*ParseExpression("SUM(x) over (order by y)"),
                        *ParseExpression("sum(x) OVER (ORDER BY y)")));
}

}  // namespace
}  // namespace basin::sql
