#pragma once

#include <string_view>
#include <vector>

#include "sql/parser/ast_statement.hpp"

namespace basin::sql {

// Athena's SQL (Trino's dialect plus Hive DDL) to an AST. Every function throws basin::Error
// InvalidInput on a syntax error; the message names the line and column of the offending
// token, says what was expected, quotes the line with a caret under the column, and adds a
// hint where one helps (a misspelt keyword, a trailing comma, an unclosed parenthesis).

// How deeply constructs may nest (parentheses, subqueries, nested types …); deeper input is
// rejected rather than risking the stack.
constexpr int kMaxNesting = 200;
// How tall the AST may grow, counting chains like a + b + c … as well as nesting (AND and OR
// chains are flat and do not count), so later recursive passes stay within bounds.
constexpr int kMaxDepth = 1000;

// A script: statements separated by ';'. Empty statements are skipped; comments are allowed
// anywhere.
std::vector<StatementPtr> ParseScript(std::string_view sql);

// Exactly one statement, optionally followed by ';'.
StatementPtr ParseStatement(std::string_view sql);

// One expression and nothing else (for tests, defaults, partition filters).
ExprPtr ParseExpression(std::string_view sql);

// One type: Trino (`decimal(10,2)`, `row(a int)`) or Hive (`array<struct<a:int>>`) spelling.
TypeName ParseType(std::string_view sql);

}  // namespace basin::sql
