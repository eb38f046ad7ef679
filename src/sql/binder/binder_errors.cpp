#include "common/error.hpp"
#include "sql/binder/binder_impl.hpp"
#include "sql/parser/syntax_error.hpp"

namespace basin::sql {

void Binder::Fail(SourcePos pos, const std::string& message, ErrorCode code) {
  std::string text =
      "line " + std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": " + message;
  if (!context_.sql().empty() && pos.offset <= context_.sql().size()) {
    text += "\n" + SourceExcerpt(context_.sql(), pos);
  }
  throw Error(code, std::move(text));
}

}  // namespace basin::sql
