#pragma once

// The optimizer's rules, one file each; optimizer.cpp runs them in order. Each takes the plan
// and returns the rewritten plan; none changes what the root outputs.

#include <functional>

#include "sql/plan/logical_plan.hpp"

namespace basin::sql {

// Evaluates constant subtrees (casts, deterministic functions over constants, AND/OR/NOT/CASE
// with constants) and simplifies filters: `x AND true` → x, a false or NULL conjunct turns
// the filter (or scan) into Empty, and Empty propagates through operators that keep no rows.
LogicalPtr FoldConstants(LogicalPtr plan);

// Evaluates one expression if it is constant; the result is a constant expression or the
// expression with its constant parts folded. Errors during evaluation (1/0) leave the
// expression as it was, so they surface only if a row evaluates it.
void FoldExpression(BoundExprPtr& expr);

// Pushes filter conjuncts as far down as they can go: through projections (by substitution),
// aggregates (conjuncts on group keys), sorts, set operations and joins, into scan filters.
// Cross joins with conditions on both sides become inner (equi-)joins.
LogicalPtr PushDownPredicates(LogicalPtr plan);

// Lake scans without catalog statistics get size_bytes from the size of their files (one
// listing per scan). Never fails: a listing error leaves no estimate.
void EstimateMissingStatistics(LogicalOperator& plan);
// Bytes a row of the table takes in its files, roughly (to turn size_bytes into rows).
double EstimatedRowWidth(const TableSource& source);

// Joins with a grouped subquery on its group keys (decorrelated scalar subqueries) semi-join
// the aggregate's input with the keys of the restricted outer table first ("magic set"), so
// only groups that can match are computed. Uses estimates: run after statistics are known.
LogicalPtr ReduceGroupedSubqueries(LogicalPtr plan);

// Reorders chains of inner joins greedily from estimated row counts, the smaller side of each
// join as the build (right) side; fills estimated_rows on every operator.
LogicalPtr ReorderJoins(LogicalPtr plan);

// Scans read only the columns used above them; unused projection expressions and aggregates
// are dropped.
LogicalPtr PushDownProjections(LogicalPtr plan);

// Estimated rows of an operator from catalog statistics and fixed selectivities (also sets
// estimated_rows on the operator and its subtree).
double EstimateRows(LogicalOperator& op);

// Calls `visit` on every expression the operator itself holds (not its children's).
void ForEachExpression(LogicalOperator& op, const std::function<void(BoundExprPtr&)>& visit);

// Recomputes bindings/types/names of operators that pass their child's columns through
// (Filter, Sort, Limit, Window's prefix, joins).
void RefreshOutputs(LogicalOperator& op);

}  // namespace basin::sql
