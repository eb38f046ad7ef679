#pragma once

#include "sql/parser/ast_statement.hpp"

namespace basin::sql {

// Structural equality of ASTs, ignoring source positions. Identifiers compare by Name() (so
// `Total` equals `total`, but not `"Total"`), literals by their text as written (1.50 is not
// 1.5: they have different decimal types). A binder can use it to match a GROUP BY expression
// with a select item; tests use it to check that printing and parsing again round-trips.
bool AstEquals(const Expression& a, const Expression& b);
bool AstEquals(const TypeName& a, const TypeName& b);
bool AstEquals(const Query& a, const Query& b);
bool AstEquals(const TableRef& a, const TableRef& b);
bool AstEquals(const Statement& a, const Statement& b);

}  // namespace basin::sql
