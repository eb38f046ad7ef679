// Finding aggregate and window calls in an expression's AST, without entering subqueries.
#include "sql/binder/binder_impl.hpp"

namespace basin::sql {

namespace {

// Calls the visitor on every direct child expression (not into subqueries' queries).
template <typename F>
void ForEachChild(const Expression& expr, F&& visit) {
  switch (expr.kind) {
    case ExpressionKind::kUnary: visit(*expr.As<UnaryExpr>().operand); break;
    case ExpressionKind::kBinary:
      visit(*expr.As<BinaryExpr>().left);
      visit(*expr.As<BinaryExpr>().right);
      break;
    case ExpressionKind::kConjunction:
      for (const auto& t : expr.As<Conjunction>().terms) visit(*t);
      break;
    case ExpressionKind::kBetween: {
      const auto& b = expr.As<BetweenExpr>();
      visit(*b.value);
      visit(*b.low);
      visit(*b.high);
      break;
    }
    case ExpressionKind::kInList: {
      const auto& in = expr.As<InListExpr>();
      visit(*in.value);
      for (const auto& e : in.list) visit(*e);
      break;
    }
    case ExpressionKind::kInSubquery: visit(*expr.As<InSubqueryExpr>().value); break;
    case ExpressionKind::kQuantifiedComparison:
      visit(*expr.As<QuantifiedComparison>().value);
      break;
    case ExpressionKind::kLike: {
      const auto& like = expr.As<LikeExpr>();
      visit(*like.value);
      visit(*like.pattern);
      if (like.escape) visit(*like.escape);
      break;
    }
    case ExpressionKind::kIsNull: visit(*expr.As<IsNullExpr>().value); break;
    case ExpressionKind::kCase: {
      const auto& c = expr.As<CaseExpr>();
      if (c.operand) visit(*c.operand);
      for (const auto& w : c.whens) {
        visit(*w.condition);
        visit(*w.result);
      }
      if (c.else_result) visit(*c.else_result);
      break;
    }
    case ExpressionKind::kCast: visit(*expr.As<CastExpr>().value); break;
    case ExpressionKind::kFunctionCall: {
      const auto& call = expr.As<FunctionCall>();
      for (const auto& a : call.args) visit(*a);
      if (call.filter) visit(*call.filter);
      for (const auto& o : call.order_by) visit(*o.expr);
      if (call.over) {
        for (const auto& p : call.over->partition_by) visit(*p);
        for (const auto& o : call.over->order_by) visit(*o.expr);
      }
      break;
    }
    case ExpressionKind::kSubscript:
      visit(*expr.As<SubscriptExpr>().base);
      visit(*expr.As<SubscriptExpr>().index);
      break;
    case ExpressionKind::kFieldAccess: visit(*expr.As<FieldAccess>().base); break;
    case ExpressionKind::kArray:
      for (const auto& e : expr.As<ArrayExpr>().elements) visit(*e);
      break;
    case ExpressionKind::kRow:
      for (const auto& e : expr.As<RowExpr>().fields) visit(*e);
      break;
    case ExpressionKind::kExtract: visit(*expr.As<ExtractExpr>().value); break;
    case ExpressionKind::kAtTimeZone:
      visit(*expr.As<AtTimeZoneExpr>().value);
      visit(*expr.As<AtTimeZoneExpr>().zone);
      break;
    default: break;
  }
}

bool IsAggregateCall(const Expression& expr) {
  if (expr.kind != ExpressionKind::kFunctionCall) return false;
  const auto& call = expr.As<FunctionCall>();
  if (call.over) return false;
  std::string name = JoinName(call.name);
  return IsAggregateFunction(name) && !IsScalarFunction(name);
}

}  // namespace

void CollectAggregateCalls(const Expression& expr, std::vector<const FunctionCall*>& out) {
  if (IsAggregateCall(expr)) {
    out.push_back(&expr.As<FunctionCall>());
    return;
  }
  ForEachChild(expr, [&](const Expression& child) { CollectAggregateCalls(child, out); });
}

void CollectWindowCalls(const Expression& expr, std::vector<const FunctionCall*>& out) {
  if (expr.kind == ExpressionKind::kFunctionCall && expr.As<FunctionCall>().over) {
    out.push_back(&expr.As<FunctionCall>());
    return;
  }
  ForEachChild(expr, [&](const Expression& child) { CollectWindowCalls(child, out); });
}

bool ContainsAggregate(const Expression& expr) {
  std::vector<const FunctionCall*> calls;
  CollectAggregateCalls(expr, calls);
  return !calls.empty();
}

}  // namespace basin::sql
