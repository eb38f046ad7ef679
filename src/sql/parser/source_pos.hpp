#pragma once

#include <cstddef>
#include <cstdint>

namespace basin::sql {

// Where a token or AST node starts in the SQL text. Lines and columns are 1-based; columns
// count UTF-8 code points so a caret printed under the column lines up with the character.
struct SourcePos {
  uint32_t line = 1;
  uint32_t column = 1;
  size_t offset = 0;  // byte offset from the start of the text
};

}  // namespace basin::sql
