#pragma once

#include <string>
#include <string_view>

#include "sql/parser/source_pos.hpp"

namespace basin::sql {

enum class TokenKind : uint8_t {
  kEnd,                   // end of the text
  kWord,                  // keyword or unquoted identifier
  kQuotedIdentifier,      // "Name"
  kBackquotedIdentifier,  // `name` (Hive DDL only)
  kString,                // 'text'
  kBinaryString,          // X'0aff'
  kInteger,               // 42
  kDecimal,               // 1.5, .5, 5.
  kDouble,                // 1e3, 1.5E-2
  kParameter,             // ?
  kLeftParen,
  kRightParen,
  kLeftBracket,
  kRightBracket,
  kComma,
  kDot,
  kSemicolon,
  kColon,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kPercent,
  kConcat,  // ||
  kEq,
  kNe,  // <> or !=
  kLt,
  kLe,
  kGt,
  kGe,
  kArrow,  // -> (lambdas, which we reject with a clear message)
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  SourcePos pos;
  std::string_view raw;  // the token's bytes in the SQL text
  // kWord: upper-cased; kString / quoted identifiers: the unescaped content; kBinaryString:
  // the hex digits; numbers: the digits as written.
  std::string value;
};

// "'('", "string", "end of input", … for error messages.
std::string_view TokenKindName(TokenKind kind);

// How an error message names a token: FROM, 'abc', ')', end of input.
std::string DescribeToken(const Token& token);

}  // namespace basin::sql
