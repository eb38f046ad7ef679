// Each statement of a script numbers its `?` parameters from 0, as it would parsed alone, so
// printing a statement and parsing it back gives the same tree (a fuzzer finding).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "sql/parser/ast_equal.hpp"
#include "sql/parser/ast_printer.hpp"
#include "sql/parser/parser.hpp"

namespace basin::sql {
namespace {

int FirstParameterIndex(const Statement& statement) {
  const auto& query = *statement.As<QueryStatement>().query;
  const auto& select = query.body->As<SelectBody>();
  return select.items.at(0).expr->As<Parameter>().index;
}

TEST(ScriptParameters, EachStatementNumbersFromZero) {
  auto statements = ParseScript("SELECT ?; SELECT ?, ?; SELECT ?");
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_EQ(FirstParameterIndex(*statements[0]), 0);
  EXPECT_EQ(FirstParameterIndex(*statements[1]), 0);
  const auto& second = statements[1]->As<QueryStatement>().query->body->As<SelectBody>();
  EXPECT_EQ(second.items.at(1).expr->As<Parameter>().index, 1);
  EXPECT_EQ(FirstParameterIndex(*statements[2]), 0);
}

TEST(ScriptParameters, FuzzerInputRoundTrips) {
  std::ifstream in(std::string(BASIN_REPO_DIR) +
                   "/tests/fuzz/corpus/sql_parser/parameters_per_statement.sql");
  ASSERT_TRUE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  auto statements = ParseScript(text.str());
  ASSERT_EQ(statements.size(), 2u);
  for (const auto& statement : statements) {
    StatementPtr again = ParseStatement(ToSql(*statement));
    EXPECT_TRUE(AstEquals(*statement, *again)) << ToSql(*statement);
  }
}

}  // namespace
}  // namespace basin::sql
