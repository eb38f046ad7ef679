// Constant folding and filter simplification.
#include "columnar/vector.hpp"
#include "common/error.hpp"
#include "sql/binder/expression_util.hpp"
#include "sql/planner/rules.hpp"

namespace basin::sql {

namespace {

using types::Value;

bool IsConstantExpr(const BoundExpr& expr) { return expr.kind == BoundExprKind::kConstant; }

bool IsTrue(const BoundExpr& expr) {
  return IsConstantExpr(expr) && !expr.constant.is_null() &&
         expr.type.id() == types::TypeId::kBoolean && expr.constant.bool_value();
}

// False or NULL: a filter conjunct that keeps no row.
bool IsFalseOrNull(const BoundExpr& expr) {
  return IsConstantExpr(expr) && expr.type.id() == types::TypeId::kBoolean &&
         (expr.constant.is_null() || !expr.constant.bool_value());
}

bool IsFalse(const BoundExpr& expr) {
  return IsConstantExpr(expr) && !expr.constant.is_null() &&
         expr.type.id() == types::TypeId::kBoolean && !expr.constant.bool_value();
}

Value EvaluateFunction(const BoundExpr& expr) {
  const ScalarFunction& function = *expr.function;
  if (function.null_in_null_out) {
    for (const auto& child : expr.children) {
      if (child->constant.is_null()) return Value::Null(expr.type);
    }
  }
  std::vector<columnar::Vector> inputs;
  inputs.reserve(expr.children.size());
  for (const auto& child : expr.children) {
    inputs.emplace_back(child->type, 1);
    inputs.back().Append(child->constant);
  }
  std::vector<const columnar::Vector*> args;
  for (const auto& input : inputs) args.push_back(&input);
  columnar::Vector out(expr.type, 1);
  function.kernel(std::span<const columnar::Vector* const>(args.data(), args.size()), 1, out);
  if (out.size() != 1) ThrowInternal("kernel produced no row");
  return out.GetValue(0);
}

void Fold(BoundExprPtr& expr) {
  for (auto& child : expr->children) Fold(child);
  switch (expr->kind) {
    case BoundExprKind::kColumn:
    case BoundExprKind::kConstant: return;
    case BoundExprKind::kCast:
      if (IsConstantExpr(*expr->children[0])) {
        // An error (a bad cast) leaves the cast to fail only if a row evaluates it.
        try {
          Value value = CastValue(expr->children[0]->constant, expr->type, expr->try_cast);
          if (value.type() == expr->type) expr = MakeConstant(std::move(value));
        } catch (const Error&) {
        }
      }
      return;
    case BoundExprKind::kFunction: {
      if (!expr->function || !expr->function->deterministic || !expr->function->kernel) return;
      for (const auto& child : expr->children) {
        if (!IsConstantExpr(*child)) return;
      }
      // An error (1/0, overflow) leaves the call to fail only if a row evaluates it.
      try {
        Value value = EvaluateFunction(*expr);
        if (value.type() == expr->type) expr = MakeConstant(std::move(value));
      } catch (const Error&) {
      }
      return;
    }
    case BoundExprKind::kAnd:
    case BoundExprKind::kOr: {
      bool is_and = expr->kind == BoundExprKind::kAnd;
      std::vector<BoundExprPtr> kept;
      for (auto& child : expr->children) {
        if (is_and ? IsTrue(*child) : IsFalse(*child)) continue;
        if (is_and ? IsFalse(*child) : IsTrue(*child)) {
          expr = MakeBoolean(!is_and);
          return;
        }
        kept.push_back(std::move(child));
      }
      if (kept.empty()) {
        expr = MakeBoolean(is_and);
      } else if (kept.size() == 1) {
        expr = std::move(kept[0]);
      } else {
        expr->children = std::move(kept);
      }
      return;
    }
    case BoundExprKind::kNot: {
      const BoundExpr& child = *expr->children[0];
      if (IsConstantExpr(child)) {
        expr = child.constant.is_null() ? MakeConstant(Value::Null(types::LogicalType::Boolean()))
                                        : MakeBoolean(!child.constant.bool_value());
      }
      return;
    }
    case BoundExprKind::kIsNull: {
      const BoundExpr& child = *expr->children[0];
      if (IsConstantExpr(child)) expr = MakeBoolean(child.constant.is_null() != expr->negated);
      return;
    }
    case BoundExprKind::kCase: {
      std::vector<BoundExprPtr> kept;
      auto& children = expr->children;
      size_t pairs = (children.size() - 1) / 2;
      for (size_t i = 0; i < pairs; ++i) {
        BoundExprPtr& when = children[2 * i];
        if (IsFalseOrNull(*when)) continue;
        if (IsTrue(*when)) {
          if (kept.empty()) {
            expr = std::move(children[2 * i + 1]);
            return;
          }
          // Everything after an always-true branch is dead: it becomes the ELSE.
          kept.push_back(std::move(children[2 * i + 1]));
          expr->children = std::move(kept);
          return;
        }
        kept.push_back(std::move(when));
        kept.push_back(std::move(children[2 * i + 1]));
      }
      if (kept.empty()) {
        expr = std::move(children.back());
        return;
      }
      kept.push_back(std::move(children.back()));
      expr->children = std::move(kept);
      return;
    }
    case BoundExprKind::kCoalesce: {
      std::vector<BoundExprPtr> kept;
      for (auto& child : expr->children) {
        if (IsConstantExpr(*child) && child->constant.is_null()) continue;
        bool stop = IsConstantExpr(*child);
        kept.push_back(std::move(child));
        if (stop) break;
      }
      if (kept.empty()) {
        expr = MakeConstant(Value::Null(expr->type));
      } else if (kept.size() == 1) {
        expr = std::move(kept[0]);
      } else {
        expr->children = std::move(kept);
      }
      return;
    }
    case BoundExprKind::kInList: return;
  }
}

LogicalPtr MakeEmptyLike(const LogicalOperator& op) {
  auto empty = std::make_unique<LogicalEmpty>();
  empty->bindings = op.bindings;
  empty->types = op.types;
  empty->names = op.names;
  empty->estimated_rows = 0;
  return empty;
}

// Removes true conjuncts; returns false when one is false or NULL.
bool SimplifyConjuncts(std::vector<BoundExprPtr>& conjuncts) {
  std::vector<BoundExprPtr> flat;
  for (auto& c : conjuncts) SplitConjuncts(std::move(c), flat);
  conjuncts.clear();
  for (auto& c : flat) {
    if (IsTrue(*c)) continue;
    if (IsFalseOrNull(*c)) return false;
    conjuncts.push_back(std::move(c));
  }
  return true;
}

bool IsEmpty(const LogicalOperator& op) { return op.kind == LogicalKind::kEmpty; }

LogicalPtr Simplify(LogicalPtr op) {
  for (auto& child : op->children) child = Simplify(std::move(child));
  ForEachExpression(*op, [](BoundExprPtr& e) { FoldExpression(e); });
  switch (op->kind) {
    case LogicalKind::kScan:
      if (!SimplifyConjuncts(op->As<LogicalScan>().filters)) return MakeEmptyLike(*op);
      return op;
    case LogicalKind::kFilter: {
      if (IsEmpty(*op->children[0])) return MakeEmptyLike(*op);
      auto& filter = op->As<LogicalFilter>();
      if (!SimplifyConjuncts(filter.conjuncts)) return MakeEmptyLike(*op);
      if (filter.conjuncts.empty()) return std::move(op->children[0]);
      return op;
    }
    case LogicalKind::kProject:
    case LogicalKind::kSort:
    case LogicalKind::kLimit:
    case LogicalKind::kWindow:
      if (IsEmpty(*op->children[0])) return MakeEmptyLike(*op);
      if (op->kind == LogicalKind::kLimit && op->As<LogicalLimit>().limit.value_or(1) == 0) {
        return MakeEmptyLike(*op);
      }
      return op;
    case LogicalKind::kAggregate:
      if (IsEmpty(*op->children[0]) && !op->As<LogicalAggregate>().groups.empty() &&
          op->As<LogicalAggregate>().grouping_sets.empty()) {
        return MakeEmptyLike(*op);
      }
      return op;
    case LogicalKind::kJoin: {
      auto& join = op->As<LogicalJoin>();
      bool left_empty = IsEmpty(*op->children[0]);
      bool right_empty = IsEmpty(*op->children[1]);
      if (join.residual) {
        std::vector<BoundExprPtr> residual;
        residual.push_back(std::move(join.residual));
        bool possible = SimplifyConjuncts(residual);
        join.residual = CombineConjuncts(std::move(residual));
        if (!possible) {
          if (join.join_kind == JoinKind::kInner || join.join_kind == JoinKind::kCross ||
              join.join_kind == JoinKind::kSemi) {
            return MakeEmptyLike(*op);
          }
          join.residual = MakeBoolean(false);
        }
      }
      switch (join.join_kind) {
        case JoinKind::kInner:
        case JoinKind::kCross:
        case JoinKind::kSemi:
          if (left_empty || right_empty) return MakeEmptyLike(*op);
          break;
        case JoinKind::kLeft:
        case JoinKind::kAnti:
        case JoinKind::kAntiNullAware:
        case JoinKind::kMark:
        case JoinKind::kSingle:
          if (left_empty) return MakeEmptyLike(*op);
          if (right_empty &&
              (join.join_kind == JoinKind::kAnti || join.join_kind == JoinKind::kAntiNullAware)) {
            return std::move(op->children[0]);
          }
          break;
        case JoinKind::kRight:
          if (right_empty) return MakeEmptyLike(*op);
          break;
        case JoinKind::kFull:
          if (left_empty && right_empty) return MakeEmptyLike(*op);
          break;
      }
      return op;
    }
    default: return op;
  }
}

}  // namespace

void FoldExpression(BoundExprPtr& expr) { Fold(expr); }

LogicalPtr FoldConstants(LogicalPtr plan) { return Simplify(std::move(plan)); }

}  // namespace basin::sql
