#include "sql/planner/optimizer.hpp"

#include "sql/planner/rules.hpp"

namespace basin::sql {

LogicalPtr Optimize(LogicalPtr plan, const OptimizerOptions& options) {
  if (options.fold_constants) plan = FoldConstants(std::move(plan));
  if (options.push_down_predicates) {
    plan = PushDownPredicates(std::move(plan));
    // Pushed conjuncts may meet constants (a false partition filter): simplify again.
    if (options.fold_constants) plan = FoldConstants(std::move(plan));
  }
  if (options.reorder_joins) {
    if (options.list_files_for_statistics) EstimateMissingStatistics(*plan);
  }
  if (options.push_down_predicates) plan = ReduceGroupedSubqueries(std::move(plan));
  if (options.reorder_joins) {
    plan = ReorderJoins(std::move(plan));
  }
  if (options.push_down_projections) plan = PushDownProjections(std::move(plan));
  EstimateRows(*plan);
  return plan;
}

}  // namespace basin::sql
