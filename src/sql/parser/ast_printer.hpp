#pragma once

#include <string>

#include "sql/parser/ast_statement.hpp"

namespace basin::sql {

// Prints the AST back as canonical SQL: one line, keywords in upper case, identifiers as
// written (quoted when they were, or when they must be), single spaces, parentheses only where
// precedence needs them. Parsing the text again gives an equal AST (AstEquals), so the text is
// what the catalog stores for a view.
struct PrintOptions {
  // Parenthesise every operator expression and nested set operation, so tests can see exactly
  // how precedence grouped the input.
  bool parenthesize_all = false;
};

std::string ToSql(const Expression& expr, const PrintOptions& options = {});
std::string ToSql(const Query& query, const PrintOptions& options = {});
std::string ToSql(const TableRef& relation, const PrintOptions& options = {});
std::string ToSql(const Statement& statement, const PrintOptions& options = {});
std::string ToSql(const TypeName& type);

// A name as SQL text: as written when that reads back the same, otherwise in double quotes.
std::string QuoteIdentifier(const Identifier& identifier);

}  // namespace basin::sql
