// libFuzzer target for the SQL parser: any bytes parse as a script or raise basin::Error.
// Whatever parses must also print and parse back to an equal AST (a printer bug aborts).
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "common/error.hpp"
#include "sql/parser/ast_equal.hpp"
#include "sql/parser/ast_printer.hpp"
#include "sql/parser/parser.hpp"

namespace {

// Printing may add parentheses (-(-x)), so text near the nesting limit can exceed it when
// parsed again; that is not a printer bug.
bool IsDepthError(const basin::Error& error) {
  return std::strstr(error.what(), "too deep") != nullptr ||
         std::strstr(error.what(), "nests too deeply") != nullptr;
}

void CheckRoundTrip(const basin::sql::Statement& statement) {
  std::string printed = basin::sql::ToSql(statement);
  basin::sql::StatementPtr again;
  try {
    again = basin::sql::ParseStatement(printed);
  } catch (const basin::Error& error) {
    if (IsDepthError(error)) return;
    std::fprintf(stderr, "printed text does not parse: %s\n%s\n", printed.c_str(), error.what());
    std::abort();
  }
  if (!basin::sql::AstEquals(statement, *again)) {
    std::fprintf(stderr, "round trip changed the AST: %s\n", printed.c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view sql(reinterpret_cast<const char*>(data), size);
  std::vector<basin::sql::StatementPtr> statements;
  try {
    statements = basin::sql::ParseScript(sql);
  } catch (const basin::Error&) {
    return 0;
  }
  for (const basin::sql::StatementPtr& statement : statements) CheckRoundTrip(*statement);
  return 0;
}
