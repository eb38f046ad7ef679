#pragma once

// The binder: turns a parsed query into a logical plan. Every name is resolved through the
// catalog (tables, views) or the query itself (CTEs, aliases), every expression gets a type
// with Trino's implicit coercions, and subqueries become joins (semi, anti, mark, single),
// decorrelated on their correlation predicates.
//
// Errors: basin::Error InvalidInput "line L:C: …" with an excerpt of the SQL when the context
// has its text; NotFound for a missing table or database. Never touches data.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "sql/parser/ast_statement.hpp"
#include "sql/plan/logical_plan.hpp"

namespace basin::sql {

// What binding needs from the session: the catalog, the current database, and a counter for
// table indexes (unique within one statement, so bindings never collide).
class BindContext {
 public:
  BindContext(catalog::Catalog& catalog, std::string database)
      : catalog_(catalog), database_(std::move(database)) {}

  catalog::Catalog& catalog() { return catalog_; }
  const std::string& database() const { return database_; }
  void set_database(std::string database) { database_ = std::move(database); }

  // The SQL text the AST was parsed from, for excerpts in error messages (optional).
  std::string_view sql() const { return sql_; }
  void set_sql(std::string_view sql) { sql_ = sql; }

  uint32_t NextTableIndex() { return next_table_index_++; }
  uint32_t table_count() const { return next_table_index_; }

  // Views being expanded, innermost last ("db.view"), to reject a view that refers to itself.
  std::vector<std::string>& view_stack() { return view_stack_; }

 private:
  catalog::Catalog& catalog_;
  std::string database_;
  std::string_view sql_;
  uint32_t next_table_index_ = 0;
  std::vector<std::string> view_stack_;
};

// Binds a whole query; the root's `names` are the result's column names.
LogicalPtr BindQuery(const Query& query, BindContext& context);
LogicalPtr BindQuery(const QueryStatement& statement, BindContext& context);

}  // namespace basin::sql
