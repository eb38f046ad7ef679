#pragma once

// The logical optimizer: rewrites a bound plan into an equivalent, cheaper one. Rules run in a
// fixed order, each in its own file: constant folding and filter simplification, predicate
// push-down (turning cross joins with equality filters into equi-joins and filters into scan
// filters), join ordering, projection push-down.

#include "sql/plan/logical_plan.hpp"

namespace basin::sql {

struct OptimizerOptions {
  bool fold_constants = true;
  bool push_down_predicates = true;
  bool reorder_joins = true;
  bool push_down_projections = true;
  // Lake tables without recordCount / sizeKey: list their files to estimate rows.
  bool list_files_for_statistics = true;
};

LogicalPtr Optimize(LogicalPtr plan, const OptimizerOptions& options = {});

}  // namespace basin::sql
