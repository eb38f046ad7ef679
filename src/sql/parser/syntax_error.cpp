// Error messages that point into the SQL text.
#include "sql/parser/syntax_error.hpp"

#include <algorithm>

#include "common/error.hpp"

namespace basin::sql {
namespace {

// How many bytes of a long line to show either side of the column.
constexpr size_t kExcerptRadius = 60;

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string SourceExcerpt(std::string_view sql, SourcePos pos) {
  size_t offset = std::min(pos.offset, sql.size());
  size_t line_begin = 0;
  if (offset > 0) {
    size_t newline = sql.rfind('\n', offset - 1);
    if (newline != std::string_view::npos) line_begin = newline + 1;
  }
  size_t line_end = sql.find('\n', offset);
  if (line_end == std::string_view::npos) line_end = sql.size();
  if (line_end > line_begin && sql[line_end - 1] == '\r') --line_end;

  size_t begin = line_begin;
  size_t end = line_end;
  bool cut_front = false;
  bool cut_back = false;
  if (offset > begin + kExcerptRadius) {
    begin = offset - kExcerptRadius;
    while (begin < offset && IsContinuationByte(sql[begin])) ++begin;
    cut_front = true;
  }
  if (end > offset + kExcerptRadius) {
    end = offset + kExcerptRadius;
    while (end > offset && end < sql.size() && IsContinuationByte(sql[end])) --end;
    cut_back = true;
  }
  std::string text = "  ";
  std::string caret = "  ";
  if (cut_front) {
    text += "...";
    caret += "   ";
  }
  text.append(sql.substr(begin, end - begin));
  if (cut_back) text += "...";
  for (size_t i = begin; i < offset && i < end; ++i) {
    if (IsContinuationByte(sql[i])) continue;
    caret += sql[i] == '\t' ? '\t' : ' ';
  }
  caret += '^';
  return text + "\n" + caret;
}

std::string FormatSyntaxError(std::string_view sql, SourcePos pos, std::string_view what,
                              std::string_view hint) {
  std::string message = "syntax error at line " + std::to_string(pos.line) + ", column " +
                        std::to_string(pos.column) + ": " + std::string(what) + "\n" +
                        SourceExcerpt(sql, pos);
  if (!hint.empty()) message += "\nhint: " + std::string(hint);
  return message;
}

void ThrowSyntaxError(std::string_view sql, SourcePos pos, std::string_view what,
                      std::string_view hint) {
  ThrowInvalid(FormatSyntaxError(sql, pos, what, hint));
}

}  // namespace basin::sql
