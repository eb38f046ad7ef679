#include "sql/planner/plan_query.hpp"

#include "common/error.hpp"
#include "sql/parser/parser.hpp"

namespace basin::sql {

LogicalPtr PlanQuery(std::string_view sql, BindContext& context, const OptimizerOptions& options) {
  StatementPtr statement = ParseStatement(sql);
  if (statement->kind != StatementKind::kQuery) {
    ThrowInvalid("expected a query (SELECT, WITH, VALUES or TABLE)");
  }
  // Errors quote `sql`; the context forgets it again however binding ends.
  struct SqlScope {
    BindContext& context;
    std::string_view previous;
    ~SqlScope() { context.set_sql(previous); }
  } scope{context, context.sql()};
  context.set_sql(sql);
  LogicalPtr plan = BindQuery(statement->As<QueryStatement>(), context);
  return Optimize(std::move(plan), options);
}

}  // namespace basin::sql
