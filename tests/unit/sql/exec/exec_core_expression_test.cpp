#include <gtest/gtest.h>

#include <optional>

#include "common/error.hpp"
#include "sql/exec/expression_evaluator.hpp"

namespace basin::sql {
namespace {

using columnar::DataChunk;
using columnar::Vector;
using types::LogicalType;
using types::Value;

using Opt = std::optional<int64_t>;

// Column 0 and 1: BIGINT; column 2: VARCHAR.
struct Fixture {
  DataChunk chunk;
  std::vector<ColumnBinding> layout{{7, 0}, {7, 1}, {7, 2}};
  Fixture(std::vector<Opt> a, std::vector<Opt> b, std::vector<std::optional<std::string>> c) {
    InitChunk(chunk, {LogicalType::BigInt(), LogicalType::BigInt(), LogicalType::Varchar()});
    for (size_t i = 0; i < a.size(); ++i) {
      chunk.column(0).Append(a[i] ? Value::BigInt(*a[i]) : Value::Null(LogicalType::BigInt()));
      chunk.column(1).Append(b[i] ? Value::BigInt(*b[i]) : Value::Null(LogicalType::BigInt()));
      chunk.column(2).Append(c[i] ? Value::Varchar(*c[i]) : Value::Null(LogicalType::Varchar()));
    }
    chunk.SetSizeOnly(a.size());
  }
  std::vector<Value> Run(const BoundExpr& expr) {
    auto compiled = CompileExpression(expr, layout);
    ExpressionEvaluator evaluator(*compiled);
    const Vector& v = evaluator.Evaluate(chunk);
    std::vector<Value> out;
    for (size_t i = 0; i < chunk.size(); ++i) out.push_back(v.GetValue(i));
    return out;
  }
};

BoundExprPtr Col(uint32_t i) {
  return MakeColumn({7, i}, i == 2 ? LogicalType::Varchar() : LogicalType::BigInt());
}
BoundExprPtr Big(int64_t v) { return MakeConstant(Value::BigInt(v)); }
BoundExprPtr NullOf(LogicalType t) { return MakeConstant(Value::Null(t)); }

BoundExprPtr Call(std::string_view name, BoundExprPtr a, BoundExprPtr b) {
  CallSite site;
  site.argument_types = {a->type, b->type};
  auto function = std::make_shared<const ScalarFunction>(ResolveScalarFunction(name, site));
  std::vector<BoundExprPtr> args;
  args.push_back(std::move(a));
  args.push_back(std::move(b));
  return MakeFunction(function, std::move(args));
}

BoundExprPtr Node(BoundExprKind kind, LogicalType type, std::vector<BoundExprPtr> children,
                  bool negated = false) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = kind;
  e->type = std::move(type);
  e->children = std::move(children);
  e->negated = negated;
  return e;
}

template <typename... T>
std::vector<BoundExprPtr> List(T... items) {
  std::vector<BoundExprPtr> out;
  (out.push_back(std::move(items)), ...);
  return out;
}

Value B(bool v) { return Value::Boolean(v); }
Value NB() { return Value::Null(LogicalType::Boolean()); }
Value I(int64_t v) { return Value::BigInt(v); }
Value NI() { return Value::Null(LogicalType::BigInt()); }

TEST(Expression, ColumnsConstantsAndFunctionsPropagateNull) {
  Fixture f({1, 2, std::nullopt}, {10, std::nullopt, 30}, {"a", "b", "c"});
  EXPECT_EQ(f.Run(*Col(1)), (std::vector<Value>{I(10), NI(), I(30)}));
  EXPECT_EQ(f.Run(*Big(5)), (std::vector<Value>{I(5), I(5), I(5)}));
  EXPECT_EQ(f.Run(*Call("$add", Col(0), Col(1))), (std::vector<Value>{I(11), NI(), NI()}));
  EXPECT_EQ(f.Run(*Call("$add", Col(0), NullOf(LogicalType::BigInt()))),
            (std::vector<Value>{NI(), NI(), NI()}));
}

TEST(Expression, AndOrFollowThreeValuedLogic) {
  // a > 1: false, true, NULL; b > 15: false, NULL, true
  Fixture f({1, 2, std::nullopt}, {10, std::nullopt, 30}, {"a", "b", "c"});
  auto and_expr = Node(BoundExprKind::kAnd, LogicalType::Boolean(),
                       List(Call("$gt", Col(0), Big(1)), Call("$gt", Col(1), Big(15))));
  EXPECT_EQ(f.Run(*and_expr), (std::vector<Value>{B(false), NB(), NB()}));
  auto or_expr = Node(BoundExprKind::kOr, LogicalType::Boolean(),
                      List(Call("$gt", Col(0), Big(1)), Call("$gt", Col(1), Big(15))));
  EXPECT_EQ(f.Run(*or_expr), (std::vector<Value>{B(false), B(true), B(true)}));
  auto not_expr = Node(BoundExprKind::kNot, LogicalType::Boolean(), List(std::move(or_expr)));
  EXPECT_EQ(f.Run(*not_expr), (std::vector<Value>{B(true), B(false), B(false)}));
  auto is_null = Node(BoundExprKind::kIsNull, LogicalType::Boolean(), List(Col(1)));
  EXPECT_EQ(f.Run(*is_null), (std::vector<Value>{B(false), B(true), B(false)}));
  auto not_null = Node(BoundExprKind::kIsNull, LogicalType::Boolean(), List(Col(2)), true);
  EXPECT_EQ(f.Run(*not_null), (std::vector<Value>{B(true), B(true), B(true)}));
}

TEST(Expression, AndSkipsRowsAlreadyFalse) {
  // b <> 0 AND 100 / b > 1 must not divide by zero.
  Fixture f({1, 2, 3}, {0, 50, 200}, {"a", "b", "c"});
  auto guarded = Node(
      BoundExprKind::kAnd, LogicalType::Boolean(),
      List(Call("$ne", Col(1), Big(0)), Call("$gt", Call("$divide", Big(100), Col(1)), Big(1))));
  EXPECT_EQ(f.Run(*guarded), (std::vector<Value>{B(false), B(true), B(false)}));
  auto unguarded = Call("$gt", Call("$divide", Big(100), Col(1)), Big(1));
  EXPECT_THROW(f.Run(*unguarded), Error);
}

TEST(Expression, CaseEvaluatesBranchesOnlyWhereReached) {
  Fixture f({1, 2, 3, std::nullopt}, {0, 4, 5, 6}, {"a", "b", "c", "d"});
  // CASE WHEN b = 0 THEN -1 WHEN a = 3 THEN a + 100 ELSE 100 / b END
  auto expr = Node(BoundExprKind::kCase, LogicalType::BigInt(),
                   List(Call("$eq", Col(1), Big(0)), Big(-1), Call("$eq", Col(0), Big(3)),
                        Call("$add", Col(0), Big(100)), Call("$divide", Big(100), Col(1))));
  EXPECT_EQ(f.Run(*expr), (std::vector<Value>{I(-1), I(25), I(103), I(16)}));
  // Without ELSE (NULL else): rows that match nothing are NULL.
  auto no_else = Node(BoundExprKind::kCase, LogicalType::Varchar(),
                      List(Call("$gt", Col(0), Big(1)), Col(2), NullOf(LogicalType::Varchar())));
  std::vector<Value> got = f.Run(*no_else);
  EXPECT_TRUE(got[0].is_null());
  EXPECT_EQ(got[1], Value::Varchar("b"));
  EXPECT_EQ(got[2], Value::Varchar("c"));
  EXPECT_TRUE(got[3].is_null());
}

TEST(Expression, CaseWithNestedResult) {
  Fixture f({1, 2, 3}, {0, 0, 0}, {"a", "b", "c"});
  LogicalType list = LogicalType::List(LogicalType::BigInt());
  Value small = Value::Nested(list, {I(1)});
  Value large = Value::Nested(list, {I(7), I(8)});
  auto expr = Node(BoundExprKind::kCase, list,
                   List(Call("$eq", Col(0), Big(2)), MakeConstant(large), MakeConstant(small)));
  EXPECT_EQ(f.Run(*expr), (std::vector<Value>{small, large, small}));
}

TEST(Expression, CoalesceIsLazy) {
  Fixture f({1, std::nullopt, std::nullopt}, {0, 5, std::nullopt}, {"a", "b", "c"});
  // coalesce(a, 100 / b, 7): row 0 never divides by zero.
  auto expr = Node(BoundExprKind::kCoalesce, LogicalType::BigInt(),
                   List(Col(0), Call("$divide", Big(100), Col(1)), Big(7)));
  EXPECT_EQ(f.Run(*expr), (std::vector<Value>{I(1), I(20), I(7)}));
}

TEST(Expression, InListWithNullsAndNegation) {
  Fixture f({1, 2, 3, std::nullopt}, {1, 1, 1, 1}, {"x", "yy", "zzz", std::nullopt});
  auto in = Node(BoundExprKind::kInList, LogicalType::Boolean(), List(Col(0), Big(3), Big(1)));
  EXPECT_EQ(f.Run(*in), (std::vector<Value>{B(true), B(false), B(true), NB()}));
  auto in_null = Node(BoundExprKind::kInList, LogicalType::Boolean(),
                      List(Col(0), Big(3), NullOf(LogicalType::BigInt())));
  EXPECT_EQ(f.Run(*in_null), (std::vector<Value>{NB(), NB(), B(true), NB()}));
  auto not_in =
      Node(BoundExprKind::kInList, LogicalType::Boolean(), List(Col(0), Big(3), Big(1)), true);
  EXPECT_EQ(f.Run(*not_in), (std::vector<Value>{B(false), B(true), B(false), NB()}));
  auto strings =
      Node(BoundExprKind::kInList, LogicalType::Boolean(),
           List(Col(2), MakeConstant(Value::Varchar("zzz")), MakeConstant(Value::Varchar("x"))));
  EXPECT_EQ(f.Run(*strings), (std::vector<Value>{B(true), B(false), B(true), NB()}));
  // Non-constant items: a IN (b, 2)
  auto dynamic = Node(BoundExprKind::kInList, LogicalType::Boolean(), List(Col(0), Col(1), Big(2)));
  EXPECT_EQ(f.Run(*dynamic), (std::vector<Value>{B(true), B(true), B(false), NB()}));
}

TEST(Expression, CastAndTryCast) {
  Fixture f({1, 2, 3}, {1, 1, 1}, {"12", "x", std::nullopt});
  auto cast = MakeCast(Col(2), LogicalType::BigInt(), true);
  EXPECT_EQ(f.Run(*cast), (std::vector<Value>{I(12), NI(), NI()}));
  auto strict = MakeCast(Col(2), LogicalType::BigInt(), false);
  EXPECT_THROW(f.Run(*strict), Error);
}

TEST(Expression, FilterKeepsRowsWhereEveryConjunctIsTrue) {
  Fixture f({1, 2, 3, 4, std::nullopt}, {0, 1, 0, 1, 1}, {"a", "b", "c", "d", "e"});
  auto c1 = CompileExpression(*Call("$eq", Col(1), Big(1)), f.layout);
  auto c2 = CompileExpression(*Call("$gt", Col(0), Big(2)), f.layout);
  ChunkFilter filter({c1.get(), c2.get()});
  filter.Apply(f.chunk);
  ASSERT_EQ(f.chunk.size(), 1u);
  EXPECT_EQ(f.chunk.column(0).GetValue(0), I(4));
  EXPECT_EQ(f.chunk.column(2).GetValue(0), Value::Varchar("d"));
}

TEST(Expression, EvaluateIntoProducesOwnedVectors) {
  Fixture f({1, 2}, {3, 4}, {"p", "q"});
  auto sum = CompileExpression(*Call("$add", Col(0), Col(1)), f.layout);
  auto name = CompileExpression(*Col(2), f.layout);
  auto constant = CompileExpression(*Big(9), f.layout);
  ExpressionEvaluator e1(*sum), e2(*name), e3(*constant);
  Vector a(LogicalType::BigInt()), b(LogicalType::Varchar()), c(LogicalType::BigInt());
  e1.EvaluateInto(f.chunk, a);
  e2.EvaluateInto(f.chunk, b);
  e3.EvaluateInto(f.chunk, c);
  f.chunk.Reset();
  EXPECT_EQ(a.GetValue(1), I(6));
  EXPECT_EQ(b.GetValue(1), Value::Varchar("q"));
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c.GetValue(0), I(9));
}

TEST(Expression, UnknownBindingIsInternalError) {
  std::vector<ColumnBinding> layout{{1, 0}};
  try {
    CompileExpression(*MakeColumn({2, 5}, LogicalType::BigInt(), "x"), layout);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInternal);
  }
}

}  // namespace
}  // namespace basin::sql
