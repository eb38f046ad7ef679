// The 22 TPC-H queries (tests/tpch/queries, the files the DuckDB comparison runs) parse and
// round-trip, and the constructs they rely on come out as the right AST. The spec's other
// spellings (`interval '90' day (3)`, `substring(x from 1 for 2)`, a view with a column
// list) are covered in expression_test.cpp and statement_test.cpp.
#include <gtest/gtest.h>

#include "parser_test_support.hpp"
#include "unit/sql/tpch_query_file.hpp"

namespace basin::sql {
namespace {

using testing::ReadTpchQuery;

const SelectBody& MainSelect(const Statement& statement) {
  return statement.As<QueryStatement>().query->body->As<SelectBody>();
}

TEST(Tpch, EveryQueryParsesAndRoundTrips) {
  for (int q = 1; q <= testing::kTpchQueryCount; ++q) {
    SCOPED_TRACE("Q" + std::to_string(q));
    std::string sql;
    ASSERT_NO_THROW(sql = ReadTpchQuery(q));
    std::vector<StatementPtr> statements;
    ASSERT_NO_THROW(statements = ParseScript(sql));
    ASSERT_EQ(statements.size(), 1u);
    testing::ExpectStatementRoundTrips(*statements[0], sql);
  }
}

TEST(Tpch, Q1DateMinusInterval) {
  StatementPtr q1 = ParseStatement(ReadTpchQuery(1));
  const SelectBody& select = MainSelect(*q1);
  EXPECT_EQ(select.items.size(), 10u);
  EXPECT_EQ(ToSql(*select.where), "l_shipdate <= DATE '1998-12-01' - INTERVAL '90' DAY");
  EXPECT_EQ(select.where->As<BinaryExpr>().right->As<BinaryExpr>().right->kind,
            ExpressionKind::kInterval);
  EXPECT_TRUE(select.items[9].expr->As<FunctionCall>().star);
  EXPECT_EQ(select.group_by->elements.size(), 2u);
}

TEST(Tpch, Q6CanonicalText) {
  EXPECT_EQ(testing::Canonical(ReadTpchQuery(6)),
            "SELECT sum(l_extendedprice * l_discount) AS revenue FROM lineitem WHERE "
            "l_shipdate >= DATE '1994-01-01' AND l_shipdate < DATE '1994-01-01' + INTERVAL "
            "'1' YEAR AND l_discount BETWEEN 0.06 - 0.01 AND 0.06 + 0.01 AND l_quantity < 24");
}

TEST(Tpch, Q7NestedOrWithinAnd) {
  StatementPtr q7 = ParseStatement(ReadTpchQuery(7));
  const SelectBody& outer = MainSelect(*q7);
  ASSERT_EQ(outer.from->kind, TableRefKind::kSubquery);
  EXPECT_EQ(outer.from->alias->name.text, "shipping");
  const auto& inner = outer.from->As<SubqueryRef>().query->body->As<SelectBody>();
  const auto& where = inner.where->As<Conjunction>();
  EXPECT_EQ(where.op, ConjunctionOp::kAnd);
  EXPECT_EQ(where.terms.size(), 7u);
  EXPECT_EQ(where.terms[5]->As<Conjunction>().op, ConjunctionOp::kOr);
  EXPECT_EQ(where.terms[6]->kind, ExpressionKind::kBetween);
  EXPECT_EQ(inner.items[2].expr->As<ExtractExpr>().field, "YEAR");
}

TEST(Tpch, Q13DerivedColumnListAndOuterJoin) {
  StatementPtr q13 = ParseStatement(ReadTpchQuery(13));
  const TableRef& from = *MainSelect(*q13).from;
  ASSERT_TRUE(from.alias.has_value());
  EXPECT_EQ(from.alias->name.text, "c_orders");
  ASSERT_EQ(from.alias->columns.size(), 2u);
  EXPECT_EQ(from.alias->columns[1].text, "c_count");
  const auto& inner = from.As<SubqueryRef>().query->body->As<SelectBody>();
  const auto& join = inner.from->As<JoinRef>();
  EXPECT_EQ(join.type, JoinType::kLeft);
  EXPECT_EQ(join.on->As<Conjunction>().terms[1]->As<LikeExpr>().negated, true);
}

TEST(Tpch, Q15WithColumnListUsedTwice) {
  StatementPtr q15 = ParseStatement(ReadTpchQuery(15));
  const Query& query = *q15->As<QueryStatement>().query;
  ASSERT_EQ(query.with.size(), 1u);
  EXPECT_EQ(query.with[0].name.text, "revenue0");
  ASSERT_EQ(query.with[0].columns.size(), 2u);
  EXPECT_EQ(query.with[0].columns[0].text, "supplier_no");
  EXPECT_EQ(query.body->As<SelectBody>().where->As<Conjunction>().terms.size(), 2u);
}

TEST(Tpch, Q16NotInSubqueryAndInList) {
  StatementPtr q16 = ParseStatement(ReadTpchQuery(16));
  const auto& terms = MainSelect(*q16).where->As<Conjunction>().terms;
  ASSERT_EQ(terms.size(), 5u);
  EXPECT_EQ(terms[3]->As<InListExpr>().list.size(), 8u);
  EXPECT_TRUE(terms[4]->As<InSubqueryExpr>().negated);
  EXPECT_TRUE(MainSelect(*q16).items[3].expr->As<FunctionCall>().distinct);
}

TEST(Tpch, Q19ThreeWayOr) {
  StatementPtr q19 = ParseStatement(ReadTpchQuery(19));
  const auto& where = MainSelect(*q19).where->As<Conjunction>();
  EXPECT_EQ(where.op, ConjunctionOp::kOr);
  ASSERT_EQ(where.terms.size(), 3u);
  for (const ExprPtr& term : where.terms) EXPECT_EQ(term->As<Conjunction>().terms.size(), 8u);
}

TEST(Tpch, Q21ExistsAndNotExists) {
  StatementPtr q21 = ParseStatement(ReadTpchQuery(21));
  const auto& terms = MainSelect(*q21).where->As<Conjunction>().terms;
  EXPECT_EQ(terms[4]->kind, ExpressionKind::kExists);
  EXPECT_EQ(terms[5]->As<UnaryExpr>().op, UnaryOp::kNot);
  EXPECT_EQ(terms[5]->As<UnaryExpr>().operand->kind, ExpressionKind::kExists);
  EXPECT_EQ(q21->As<QueryStatement>().query->limit->As<Literal>().text, "100");
}

TEST(Tpch, Q22SubstringCallInSelectAndInList) {
  StatementPtr q22 = ParseStatement(ReadTpchQuery(22));
  const auto& inner = MainSelect(*q22).from->As<SubqueryRef>().query->body->As<SelectBody>();
  EXPECT_EQ(ToSql(*inner.items[0].expr), "substring(c_phone, 1, 2)");
  EXPECT_EQ(inner.where->As<Conjunction>().terms[0]->As<InListExpr>().list.size(), 7u);
}

}  // namespace
}  // namespace basin::sql
