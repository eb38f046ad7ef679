#pragma once

// Small helpers over bound expressions shared by the binder and the optimizer.

#include <set>
#include <unordered_map>
#include <vector>

#include "sql/plan/logical_plan.hpp"

namespace basin::sql {

// Appends the conjuncts of `expr` (flattening nested ANDs) to `out`, taking ownership.
void SplitConjuncts(BoundExprPtr expr, std::vector<BoundExprPtr>& out);
// AND of the conjuncts; null for none, the conjunct itself for one.
BoundExprPtr CombineConjuncts(std::vector<BoundExprPtr> conjuncts);

BoundExprPtr MakeAndExpr(std::vector<BoundExprPtr> children);
BoundExprPtr MakeNotExpr(BoundExprPtr child);
BoundExprPtr MakeBoolean(bool value);
// `left op right` for a `$` comparison resolved through the function library, with casts to
// the resolved argument types.
BoundExprPtr MakeComparison(std::string_view op_name, BoundExprPtr left, BoundExprPtr right);
// Casts `expr` to `type` unless it already has it.
BoundExprPtr CastIfNeeded(BoundExprPtr expr, const types::LogicalType& type);

// The table indexes `expr` refers to.
std::set<uint32_t> ReferencedTables(const BoundExpr& expr);
// The table indexes of an operator's output bindings.
std::set<uint32_t> OutputTables(const LogicalOperator& op);
bool IsSubset(const std::set<uint32_t>& inner, const std::set<uint32_t>& outer);

// Replaces every column whose binding is in `map` by a clone of the mapped expression.
void ReplaceBindings(BoundExprPtr& expr, const std::unordered_map<uint64_t, const BoundExpr*>& map);
inline uint64_t BindingKey(ColumnBinding binding) {
  return (static_cast<uint64_t>(binding.table) << 32) | binding.column;
}

// True when `expr` is `a $eq b` (a plain equality, not IS NOT DISTINCT FROM).
bool IsEquality(const BoundExpr& expr);
// True when the expression can be evaluated anywhere (no non-deterministic function).
bool IsDeterministic(const BoundExpr& expr);

// Splits `conjuncts` of a join between `left` and `right` into equality keys and the residual;
// the join becomes kInner when it was kCross and something joins it.
void AttachJoinConditions(LogicalJoin& join, std::vector<BoundExprPtr> conjuncts);
// The conjuncts of a join's keys and residual, taken out of the join.
std::vector<BoundExprPtr> TakeJoinConditions(LogicalJoin& join);

// Recomputes bindings/types/names of a join from its children (left, then right; semi and anti
// output the left only; mark adds its column).
void SetJoinOutputs(LogicalJoin& join);

}  // namespace basin::sql
