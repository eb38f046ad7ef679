#pragma once

#include <string>
#include <string_view>

#include "sql/parser/source_pos.hpp"

namespace basin::sql {

// The line of `sql` that holds `pos`, then a line with a caret under the column, both indented
// by two spaces. Long lines are cut to a window around the column. Used by the parser and by
// later stages (the binder) so every SQL error points the same way.
std::string SourceExcerpt(std::string_view sql, SourcePos pos);

// "syntax error at line L, column C: <what>", the excerpt, and "hint: <hint>" when one helps.
std::string FormatSyntaxError(std::string_view sql, SourcePos pos, std::string_view what,
                              std::string_view hint = {});

// Throws basin::Error InvalidInput with FormatSyntaxError's message.
[[noreturn]] void ThrowSyntaxError(std::string_view sql, SourcePos pos, std::string_view what,
                                   std::string_view hint = {});

}  // namespace basin::sql
