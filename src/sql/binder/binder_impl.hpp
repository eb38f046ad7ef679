#pragma once

// The binder's internals, shared by its .cpp files: scopes (what names a clause sees) and the
// Binder class. Not for use outside binder/.

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sql/binder/binder.hpp"
#include "sql/binder/expression_util.hpp"

namespace basin::sql {

struct ScopeColumn {
  std::string name;
  ColumnBinding binding;
  types::LogicalType type;
};

// One relation of a FROM clause as names see it: `alias.column`.
struct ScopeRelation {
  std::string alias;     // the name columns may be qualified with ("" for none)
  std::string database;  // base tables: allows db.t.column
  std::vector<ScopeColumn> columns;
};

// A column merged by USING or NATURAL: unqualified, it means `expr`; `*` shows it once.
struct MergedColumn {
  std::string name;
  std::shared_ptr<const BoundExpr> expr;
  std::vector<std::pair<size_t, size_t>> hides;  // (relation, column) left out of `*`
};

// The names a clause can see, and the enclosing query's scope for correlated references.
struct Scope {
  std::vector<ScopeRelation> relations;
  std::vector<MergedColumn> merged;
  const Scope* outer = nullptr;
};

// How an expression is being bound.
struct ExprContext {
  const Scope* scope = nullptr;
  // Where subqueries join; null where subqueries are not allowed.
  LogicalPtr* plan = nullptr;
  // AST nodes already bound (aggregate and window calls of this SELECT): use these.
  const std::unordered_map<const Expression*, BoundExprPtr>* replacements = nullptr;
  std::string_view clause = "expression";  // for "aggregates are not allowed in WHERE"
};

// A bound relation: its plan and its names.
struct BoundRelation {
  LogicalPtr plan;
  Scope scope;
};

class Binder {
 public:
  explicit Binder(BindContext& context) : context_(context) {}

  // A query in a scope whose enclosing query is `outer` (null at the top).
  LogicalPtr BindQuery(const Query& query, const Scope* outer);

  // ---- expressions (bind_expression.cpp) ----
  BoundExprPtr BindExpression(const Expression& expr, ExprContext& ctx);
  BoundExprPtr BindBoolean(const Expression& expr, ExprContext& ctx);
  // A call of a scalar function (or operator) by name with casts to the resolved signature.
  BoundExprPtr BindCall(std::string_view name, std::vector<BoundExprPtr> args, SourcePos pos);
  BoundExprPtr Coerce(BoundExprPtr expr, const types::LogicalType& type, SourcePos pos,
                      std::string_view what);
  // The common type of several expressions (CASE branches, IN lists, VALUES columns).
  types::LogicalType CommonType(const std::vector<const BoundExpr*>& exprs, SourcePos pos,
                                std::string_view what);

  // ---- errors (binder_errors.cpp) ----
  [[noreturn]] void Fail(SourcePos pos, const std::string& message,
                         ErrorCode code = ErrorCode::kInvalidInput);

  // ---- subqueries (bind_subquery.cpp) ----
  // EXISTS / IN / quantified / scalar subqueries as joins onto *ctx.plan.
  BoundExprPtr BindSubqueryExpression(const Expression& expr, ExprContext& ctx);
  // A WHERE conjunct that is [NOT] EXISTS or [NOT] IN (subquery): a semi or anti join onto
  // `plan`. Returns false when `expr` is not such a conjunct.
  bool TryBindSemiJoin(const Expression& expr, const Scope& scope, LogicalPtr& plan);

  BindContext& context() { return context_; }

 private:
  friend class SelectBinder;
  // ---- FROM (bind_from.cpp) ----
  BoundRelation BindTableRef(const TableRef& ref, const Scope* outer);
  BoundRelation BindBaseTable(const BaseTableRef& ref, const Scope* outer);
  BoundRelation BindJoin(const JoinRef& ref, const Scope* outer);
  BoundRelation BindCatalogTable(const std::string& database, const std::string& table,
                                 SourcePos pos, const std::string& alias);
  BoundRelation BindView(const catalog::Table& view, SourcePos pos);
  void ApplyAlias(BoundRelation& relation, const std::optional<TableAlias>& alias, SourcePos pos);

  // ---- query bodies (bind_query.cpp) ----
  LogicalPtr BindBody(const QueryBody& body, const Scope* outer,
                      const std::vector<OrderItem>* order_by);
  LogicalPtr BindValues(const ValuesBody& body);
  LogicalPtr BindSetOperation(const SetOperationBody& body, const Scope* outer);
  LogicalPtr BindSelect(const SelectBody& body, const Scope* outer,
                        const std::vector<OrderItem>* order_by);
  LogicalPtr ApplyOrderByOutputs(LogicalPtr plan, const std::vector<OrderItem>& order_by);

  BindContext& context_;
  // Common table expressions in view: (name, definition, how many entries its body sees).
  struct CteEntry {
    std::string name;
    const CommonTableExpr* definition;
    size_t visible;
  };
  std::vector<CteEntry> ctes_;
};

// Output column name of a select item written without an alias: the column's name for a
// column reference, "_colN" otherwise (as Trino names them).
std::string DefaultColumnName(const Expression& expr, size_t position);

// A Project over `child` computing `expressions`, with a fresh table index.
LogicalPtr MakeProject(LogicalPtr child, std::vector<BoundExprPtr> expressions,
                       std::vector<std::string> names, uint32_t table_index);

// Does the expression (without descending into subqueries) contain an aggregate call?
bool ContainsAggregate(const Expression& expr);
// Appends the aggregate calls (not windows) in `expr`, not looking inside them or subqueries.
void CollectAggregateCalls(const Expression& expr, std::vector<const FunctionCall*>& out);
// Appends the window calls (OVER) in `expr`, not looking inside them or subqueries.
void CollectWindowCalls(const Expression& expr, std::vector<const FunctionCall*>& out);

}  // namespace basin::sql
