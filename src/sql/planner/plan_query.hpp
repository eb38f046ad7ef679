#pragma once

// One call from SQL text to an optimized logical plan: parse, bind, optimize.

#include <string_view>

#include "sql/binder/binder.hpp"
#include "sql/planner/optimizer.hpp"

namespace basin::sql {

// `sql` must be one query (SELECT, WITH, VALUES, TABLE …). Errors as ParseStatement,
// BindQuery and Optimize throw them; a statement that is not a query is InvalidInput.
LogicalPtr PlanQuery(std::string_view sql, BindContext& context,
                     const OptimizerOptions& options = {});

}  // namespace basin::sql
