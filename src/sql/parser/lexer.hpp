#pragma once

#include <string_view>
#include <vector>

#include "sql/parser/token.hpp"

namespace basin::sql {

// Splits SQL text into tokens, dropping whitespace and comments (`-- …` to the end of the line,
// `/* … */`). The last token is always kEnd. Tokens' `raw` views point into `sql`, which must
// outlive them.
//
// Strings are SQL strings: '' inside is one quote and backslashes are ordinary characters.
// Unquoted words are ASCII letters, digits and '_', not starting with a digit.
//
// Throws InvalidInput, pointing at the line and column, for an unterminated string, quoted
// identifier or comment (naming the line it started on), an empty quoted identifier, a
// malformed number or binary string, and any character outside the language.
std::vector<Token> Tokenize(std::string_view sql);

}  // namespace basin::sql
