#pragma once

#include <string>
#include <string_view>

namespace basin::sql {

// Hive DDL strings use backslash escapes: '\t', '\n', '\\', '\'', octal '\001', '\u0041'.
// (The SQL lexer has already turned '' into '.) Unknown escapes keep the character;
// \% and \_ stay as written, as in Hive.
std::string UnescapeHiveString(std::string_view text);

// The inverse, for printing DDL: the text to put between single quotes.
std::string EscapeHiveString(std::string_view text);

}  // namespace basin::sql
