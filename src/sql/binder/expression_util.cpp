#include "sql/binder/expression_util.hpp"

#include "common/error.hpp"

namespace basin::sql {

void SplitConjuncts(BoundExprPtr expr, std::vector<BoundExprPtr>& out) {
  if (!expr) return;
  if (expr->kind == BoundExprKind::kAnd) {
    for (auto& child : expr->children) SplitConjuncts(std::move(child), out);
    return;
  }
  out.push_back(std::move(expr));
}

BoundExprPtr CombineConjuncts(std::vector<BoundExprPtr> conjuncts) {
  if (conjuncts.empty()) return nullptr;
  if (conjuncts.size() == 1) return std::move(conjuncts[0]);
  return MakeAndExpr(std::move(conjuncts));
}

BoundExprPtr MakeAndExpr(std::vector<BoundExprPtr> children) {
  auto expr = std::make_unique<BoundExpr>();
  expr->kind = BoundExprKind::kAnd;
  expr->type = types::LogicalType::Boolean();
  expr->children = std::move(children);
  return expr;
}

BoundExprPtr MakeNotExpr(BoundExprPtr child) {
  auto expr = std::make_unique<BoundExpr>();
  expr->kind = BoundExprKind::kNot;
  expr->type = types::LogicalType::Boolean();
  expr->children.push_back(std::move(child));
  return expr;
}

BoundExprPtr MakeBoolean(bool value) { return MakeConstant(types::Value::Boolean(value)); }

BoundExprPtr CastIfNeeded(BoundExprPtr expr, const types::LogicalType& type) {
  if (expr->type == type) return expr;
  // A NULL constant simply takes the type.
  if (expr->kind == BoundExprKind::kConstant && expr->constant.is_null()) {
    return MakeConstant(types::Value::Null(type));
  }
  return MakeCast(std::move(expr), type);
}

BoundExprPtr MakeComparison(std::string_view op_name, BoundExprPtr left, BoundExprPtr right) {
  CallSite call;
  call.argument_types = {left->type, right->type};
  auto function = std::make_shared<const ScalarFunction>(ResolveScalarFunction(op_name, call));
  std::vector<BoundExprPtr> args;
  args.push_back(CastIfNeeded(std::move(left), function->arguments.at(0)));
  args.push_back(CastIfNeeded(std::move(right), function->arguments.at(1)));
  return MakeFunction(std::move(function), std::move(args));
}

std::set<uint32_t> ReferencedTables(const BoundExpr& expr) {
  std::vector<ColumnBinding> bindings;
  expr.CollectBindings(bindings);
  std::set<uint32_t> tables;
  for (const auto& binding : bindings) tables.insert(binding.table);
  return tables;
}

std::set<uint32_t> OutputTables(const LogicalOperator& op) {
  std::set<uint32_t> tables;
  for (const auto& binding : op.bindings) tables.insert(binding.table);
  return tables;
}

bool IsSubset(const std::set<uint32_t>& inner, const std::set<uint32_t>& outer) {
  for (uint32_t table : inner) {
    if (!outer.count(table)) return false;
  }
  return true;
}

void ReplaceBindings(BoundExprPtr& expr,
                     const std::unordered_map<uint64_t, const BoundExpr*>& map) {
  if (expr->kind == BoundExprKind::kColumn) {
    auto it = map.find(BindingKey(expr->binding));
    if (it != map.end()) expr = it->second->Clone();
    return;
  }
  for (auto& child : expr->children) ReplaceBindings(child, map);
}

bool IsEquality(const BoundExpr& expr) {
  return expr.kind == BoundExprKind::kFunction && expr.function &&
         expr.function->name == op::kEqual && expr.children.size() == 2;
}

bool IsDeterministic(const BoundExpr& expr) {
  if (expr.kind == BoundExprKind::kFunction && expr.function && !expr.function->deterministic) {
    return false;
  }
  for (const auto& child : expr.children) {
    if (!IsDeterministic(*child)) return false;
  }
  return true;
}

void AttachJoinConditions(LogicalJoin& join, std::vector<BoundExprPtr> conjuncts) {
  std::set<uint32_t> left = OutputTables(*join.children[0]);
  std::set<uint32_t> right = OutputTables(*join.children[1]);
  std::vector<BoundExprPtr> residual;
  if (join.residual) SplitConjuncts(std::move(join.residual), residual);
  for (auto& conjunct : conjuncts) {
    if (IsEquality(*conjunct)) {
      std::set<uint32_t> a = ReferencedTables(*conjunct->children[0]);
      std::set<uint32_t> b = ReferencedTables(*conjunct->children[1]);
      if (!a.empty() && !b.empty()) {
        if (IsSubset(a, left) && IsSubset(b, right)) {
          join.left_keys.push_back(std::move(conjunct->children[0]));
          join.right_keys.push_back(std::move(conjunct->children[1]));
          join.null_equal.push_back(false);
          continue;
        }
        if (IsSubset(a, right) && IsSubset(b, left)) {
          join.left_keys.push_back(std::move(conjunct->children[1]));
          join.right_keys.push_back(std::move(conjunct->children[0]));
          join.null_equal.push_back(false);
          continue;
        }
      }
    }
    residual.push_back(std::move(conjunct));
  }
  join.residual = CombineConjuncts(std::move(residual));
  if (join.join_kind == JoinKind::kCross && (!join.left_keys.empty() || join.residual)) {
    join.join_kind = JoinKind::kInner;
  }
}

std::vector<BoundExprPtr> TakeJoinConditions(LogicalJoin& join) {
  std::vector<BoundExprPtr> conjuncts;
  for (size_t i = 0; i < join.left_keys.size(); ++i) {
    BoundExprPtr left = std::move(join.left_keys[i]);
    BoundExprPtr right = std::move(join.right_keys[i]);
    if (i < join.null_equal.size() && join.null_equal[i]) {
      CallSite call;
      call.argument_types = {left->type, right->type};
      auto function =
          std::make_shared<const ScalarFunction>(ResolveScalarFunction(op::kIsDistinctFrom, call));
      std::vector<BoundExprPtr> args;
      args.push_back(CastIfNeeded(std::move(left), function->arguments.at(0)));
      args.push_back(CastIfNeeded(std::move(right), function->arguments.at(1)));
      conjuncts.push_back(MakeNotExpr(MakeFunction(std::move(function), std::move(args))));
    } else {
      conjuncts.push_back(MakeComparison(op::kEqual, std::move(left), std::move(right)));
    }
  }
  join.left_keys.clear();
  join.right_keys.clear();
  join.null_equal.clear();
  SplitConjuncts(std::move(join.residual), conjuncts);
  join.residual = nullptr;
  return conjuncts;
}

void SetJoinOutputs(LogicalJoin& join) {
  const LogicalOperator& left = *join.children[0];
  const LogicalOperator& right = *join.children[1];
  join.bindings = left.bindings;
  join.types = left.types;
  join.names = left.names;
  join.names.resize(join.bindings.size());
  switch (join.join_kind) {
    case JoinKind::kSemi:
    case JoinKind::kAnti:
    case JoinKind::kAntiNullAware: return;
    case JoinKind::kMark:
      join.bindings.push_back(join.mark_binding);
      join.types.push_back(types::LogicalType::Boolean());
      join.names.push_back("$mark");
      return;
    default: break;
  }
  join.bindings.insert(join.bindings.end(), right.bindings.begin(), right.bindings.end());
  join.types.insert(join.types.end(), right.types.begin(), right.types.end());
  std::vector<std::string> right_names = right.names;
  right_names.resize(right.bindings.size());
  join.names.insert(join.names.end(), right_names.begin(), right_names.end());
}

}  // namespace basin::sql
