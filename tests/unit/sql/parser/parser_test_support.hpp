#pragma once
// Helpers shared by the parser tests. Every helper that parses also checks the round trip:
// printing the AST and parsing the text again gives an equal AST, and printing that gives the
// same text.

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "common/error.hpp"
#include "sql/parser/ast_equal.hpp"
#include "sql/parser/ast_printer.hpp"
#include "sql/parser/parser.hpp"

namespace basin::sql::testing {

inline void ExpectStatementRoundTrips(const Statement& statement, std::string_view source) {
  std::string printed = ToSql(statement);
  StatementPtr again;
  try {
    again = ParseStatement(printed);
  } catch (const Error& error) {
    ADD_FAILURE() << "printed text does not parse again\n  source:  " << source
                  << "\n  printed: " << printed << "\n  error: " << error.what();
    return;
  }
  EXPECT_TRUE(AstEquals(statement, *again))
      << "round trip changed the AST\n  source:  " << source << "\n  printed: " << printed
      << "\n  again:   " << ToSql(*again);
  EXPECT_EQ(ToSql(*again), printed) << "printing is not stable for: " << source;
}

// The canonical text of one statement.
inline std::string Canonical(std::string_view sql) {
  try {
    StatementPtr statement = ParseStatement(sql);
    ExpectStatementRoundTrips(*statement, sql);
    return ToSql(*statement);
  } catch (const Error& error) {
    return std::string("ERROR: ") + error.what();
  }
}

// The canonical text of one expression; `parenthesized` wraps every operator.
inline std::string Expr(std::string_view sql, bool parenthesized = false) {
  try {
    ExprPtr expr = ParseExpression(sql);
    std::string printed = ToSql(*expr);
    ExprPtr again = ParseExpression(printed);
    EXPECT_TRUE(AstEquals(*expr, *again)) << sql << " printed as " << printed;
    // The fully parenthesised form must read back the same too.
    std::string full = ToSql(*expr, PrintOptions{true});
    EXPECT_TRUE(AstEquals(*expr, *ParseExpression(full))) << sql << " printed as " << full;
    return parenthesized ? full : printed;
  } catch (const Error& error) {
    return std::string("ERROR: ") + error.what();
  }
}

inline std::string Parenthesized(std::string_view sql) { return Expr(sql, true); }

// The message of the InvalidInput error `sql` raises as a script, or "" when it parses.
inline std::string ErrorOf(std::string_view sql) {
  try {
    ParseScript(sql);
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidInput) << error.what();
    return error.what();
  }
  return "";
}

}  // namespace basin::sql::testing
