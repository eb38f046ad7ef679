#include "sql/parser/token.hpp"

namespace basin::sql {

std::string_view TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEnd: return "end of input";
    case TokenKind::kWord: return "word";
    case TokenKind::kQuotedIdentifier: return "quoted identifier";
    case TokenKind::kBackquotedIdentifier: return "back-quoted identifier";
    case TokenKind::kString: return "string";
    case TokenKind::kBinaryString: return "binary string";
    case TokenKind::kInteger: return "integer";
    case TokenKind::kDecimal: return "decimal number";
    case TokenKind::kDouble: return "double number";
    case TokenKind::kParameter: return "'?'";
    case TokenKind::kLeftParen: return "'('";
    case TokenKind::kRightParen: return "')'";
    case TokenKind::kLeftBracket: return "'['";
    case TokenKind::kRightBracket: return "']'";
    case TokenKind::kComma: return "','";
    case TokenKind::kDot: return "'.'";
    case TokenKind::kSemicolon: return "';'";
    case TokenKind::kColon: return "':'";
    case TokenKind::kPlus: return "'+'";
    case TokenKind::kMinus: return "'-'";
    case TokenKind::kStar: return "'*'";
    case TokenKind::kSlash: return "'/'";
    case TokenKind::kPercent: return "'%'";
    case TokenKind::kConcat: return "'||'";
    case TokenKind::kEq: return "'='";
    case TokenKind::kNe: return "'<>'";
    case TokenKind::kLt: return "'<'";
    case TokenKind::kLe: return "'<='";
    case TokenKind::kGt: return "'>'";
    case TokenKind::kGe: return "'>='";
    case TokenKind::kArrow: return "'->'";
  }
  return "token";
}

std::string DescribeToken(const Token& token) {
  // Long literals are cut so a message stays one readable line.
  constexpr size_t kMaxShown = 40;
  std::string text(token.raw.substr(0, kMaxShown));
  if (token.raw.size() > kMaxShown) text += "...";
  switch (token.kind) {
    case TokenKind::kEnd: return "end of input";
    case TokenKind::kWord: return "'" + text + "'";
    case TokenKind::kString: return "string " + text;
    case TokenKind::kQuotedIdentifier:
    case TokenKind::kBackquotedIdentifier: return "identifier " + text;
    case TokenKind::kInteger:
    case TokenKind::kDecimal:
    case TokenKind::kDouble: return "number " + text;
    case TokenKind::kBinaryString: return "binary string " + text;
    default: return "'" + text + "'";
  }
}

}  // namespace basin::sql
