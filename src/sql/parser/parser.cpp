// The parser's cursor, its error reporting, names and literals, and the public entry points.
#include "sql/parser/parser.hpp"

#include <algorithm>
#include <charconv>

#include "sql/parser/keywords.hpp"
#include "sql/parser/lexer.hpp"
#include "sql/parser/parser_impl.hpp"
#include "sql/parser/syntax_error.hpp"

namespace basin::sql {
namespace {

std::string Where(SourcePos pos) {
  return "line " + std::to_string(pos.line) + ", column " + std::to_string(pos.column);
}

bool IsKeywordText(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](char c) { return (c >= 'A' && c <= 'Z') || c == '_'; });
}

// Keywords that may follow a select item or a relation, where a misspelling is read as an
// alias: "SELECT a FORM t" reads FORM as the alias of a.
constexpr std::string_view kWordsAfterAlias[] = {
    "CROSS", "EXCEPT",    "FETCH", "FROM",  "FULL",  "GROUP",   "HAVING",
    "INNER", "INTERSECT", "JOIN",  "LEFT",  "LIMIT", "NATURAL", "OFFSET",
    "ON",    "ORDER",     "RIGHT", "UNION", "USING", "WHERE",   "WINDOW",
};

}  // namespace

Parser::Parser(std::string_view sql) : sql_(sql), tokens_(Tokenize(sql)) {}

// ---- nesting ----

Parser::NestingGuard::NestingGuard(Parser& parser) : parser_(parser) {
  ++parser_.nesting_;
  ++parser_.depth_;
  if (parser_.nesting_ > kMaxNesting) {
    parser_.FailAt(
        parser_.Pos(),
        "the statement nests too deeply (more than " + std::to_string(kMaxNesting) + " levels)",
        "split it up, for example with WITH clauses");
  }
  if (parser_.depth_ > kMaxDepth) parser_.FailTooDeep();
}

Parser::NestingGuard::~NestingGuard() {
  --parser_.nesting_;
  --parser_.depth_;
}

void Parser::ChainGuard::AddLink() {
  ++links_;
  ++parser_.depth_;
  if (parser_.depth_ > kMaxDepth) parser_.FailTooDeep();
}

void Parser::FailTooDeep() {
  FailAt(Pos(),
         "the statement is too deep (more than " + std::to_string(kMaxDepth) +
             " levels of operators and nesting)",
         "split it up, or use IN (…) for long lists of alternatives");
}

// ---- cursor ----

const Token& Parser::Peek(size_t ahead) const {
  size_t at = pos_ + ahead;
  return at < tokens_.size() ? tokens_[at] : tokens_.back();
}

const Token& Parser::Next() {
  const Token& token = tokens_[pos_];
  if (pos_ + 1 < tokens_.size()) ++pos_;
  return token;
}

bool Parser::AtWord(std::string_view upper, size_t ahead) const {
  const Token& token = Peek(ahead);
  return token.kind == TokenKind::kWord && token.value == upper;
}

void Parser::NoteExpected(std::string_view what) {
  if (expected_at_ != pos_) {
    expected_.clear();
    expected_at_ = pos_;
  }
  if (std::find(expected_.begin(), expected_.end(), what) == expected_.end()) {
    expected_.push_back(what);
  }
}

bool Parser::Check(TokenKind kind) {
  if (At(kind)) return true;
  NoteExpected(TokenKindName(kind));
  return false;
}

bool Parser::CheckWord(std::string_view upper) {
  if (AtWord(upper)) return true;
  NoteExpected(upper);
  return false;
}

bool Parser::Accept(TokenKind kind) {
  if (!Check(kind)) return false;
  Next();
  return true;
}

bool Parser::AcceptWord(std::string_view upper) {
  if (!CheckWord(upper)) return false;
  Next();
  return true;
}

void Parser::Expect(TokenKind kind) {
  if (!Accept(kind)) FailUnexpected();
}

void Parser::ExpectWord(std::string_view upper) {
  if (!AcceptWord(upper)) FailUnexpected();
}

void Parser::ExpectWords(std::initializer_list<std::string_view> words) {
  for (std::string_view word : words) ExpectWord(word);
}

bool Parser::AcceptIfNotExists() {
  if (!AcceptWord("IF")) return false;
  ExpectWords({"NOT", "EXISTS"});
  return true;
}

bool Parser::AcceptIfExists() {
  if (!AcceptWord("IF")) return false;
  ExpectWord("EXISTS");
  return true;
}

// ---- errors ----

void Parser::FailAt(SourcePos pos, const std::string& what, const std::string& hint) {
  ThrowSyntaxError(sql_, pos, what, hint);
}

void Parser::FailUnexpected() {
  const Token& token = Peek();
  std::string what = "unexpected " + DescribeToken(token);
  if (expected_at_ == pos_ && !expected_.empty()) {
    constexpr size_t kMaxListed = 14;
    size_t listed = std::min(expected_.size(), kMaxListed);
    what += "; expected ";
    if (listed > 2) what += "one of ";
    for (size_t i = 0; i < listed; ++i) {
      if (i > 0) what += (listed == 2) ? " or " : ", ";
      what += expected_[i];
    }
    if (expected_.size() > listed) what += ", …";
  }
  FailAt(token.pos, what, Hint());
}

std::string Parser::UnclosedParenHint() const {
  std::vector<size_t> open;
  for (size_t i = statement_begin_; i < pos_ && i < tokens_.size(); ++i) {
    if (tokens_[i].kind == TokenKind::kLeftParen) open.push_back(i);
    if (tokens_[i].kind == TokenKind::kRightParen && !open.empty()) open.pop_back();
  }
  if (open.empty()) return {};
  return "the '(' at " + Where(tokens_[open.back()].pos) + " is never closed";
}

std::string Parser::Hint() const {
  const Token& token = Peek();
  bool expected_here = expected_at_ == pos_;
  auto expects = [&](std::string_view what) {
    return expected_here && std::find(expected_.begin(), expected_.end(), what) != expected_.end();
  };

  if (token.kind == TokenKind::kArrow) return "lambda expressions (x -> …) are not supported";
  if (token.kind == TokenKind::kRightParen) {
    int balance = 0;
    for (size_t i = statement_begin_; i < pos_; ++i) {
      if (tokens_[i].kind == TokenKind::kLeftParen) ++balance;
      if (tokens_[i].kind == TokenKind::kRightParen) --balance;
    }
    if (balance <= 0) return "unbalanced parentheses: this ')' has no matching '('";
  }
  if (token.kind == TokenKind::kEnd || token.kind == TokenKind::kSemicolon ||
      expects(TokenKindName(TokenKind::kRightParen))) {
    std::string hint = UnclosedParenHint();
    if (!hint.empty()) return hint;
  }
  bool is_word = token.kind == TokenKind::kWord;
  if (pos_ > statement_begin_ && tokens_[pos_ - 1].kind == TokenKind::kComma &&
      ((is_word && (IsReservedWord(token.value) || IsClauseWord(token.value))) ||
       token.kind == TokenKind::kRightParen || token.kind == TokenKind::kEnd ||
       token.kind == TokenKind::kSemicolon)) {
    return "remove the trailing ',' at " + Where(tokens_[pos_ - 1].pos);
  }
  if (is_word && expected_here) {
    std::vector<std::string_view> keywords;
    for (std::string_view what : expected_) {
      if (IsKeywordText(what)) keywords.push_back(what);
    }
    std::string_view closest = ClosestKeyword(token.value, keywords);
    if (!closest.empty()) return "did you mean " + std::string(closest) + "?";
  }
  if (is_word && IsReservedWord(token.value) &&
      (expects("an expression") || expects("an identifier"))) {
    std::string lower = Identifier{std::string(token.raw), false, {}}.Name();
    return std::string(token.value) + " is a reserved word; write \"" + lower +
           "\" to use it as a name";
  }
  if (pos_ > 0 && implicit_alias_at_ == pos_ - 1) {
    const Token& alias = tokens_[implicit_alias_at_];
    std::string_view closest = ClosestKeyword(alias.value, kWordsAfterAlias);
    if (!closest.empty()) {
      return "'" + std::string(alias.raw) + "' at " + Where(alias.pos) +
             " was read as an alias; did you mean " + std::string(closest) + "?";
    }
  }
  return {};
}

// ---- names and literals ----

bool Parser::AtIdentifier(size_t ahead) const {
  const Token& token = Peek(ahead);
  switch (token.kind) {
    case TokenKind::kWord: return !IsReservedWord(token.value);
    case TokenKind::kQuotedIdentifier:
    case TokenKind::kBackquotedIdentifier: return true;
    default: return false;
  }
}

bool Parser::AtImplicitAlias() const {
  return AtIdentifier() && !(At(TokenKind::kWord) && IsClauseWord(Peek().value));
}

Identifier Parser::ParseIdentifier() {
  const Token& token = Peek();
  switch (token.kind) {
    case TokenKind::kWord:
      if (IsReservedWord(token.value)) break;
      Next();
      return Identifier{std::string(token.raw), false, token.pos};
    case TokenKind::kQuotedIdentifier: Next(); return Identifier{token.value, true, token.pos};
    case TokenKind::kBackquotedIdentifier:
      if (!hive_ddl_ && !standalone_type_) {
        FailAt(token.pos, "back-quoted identifiers are only accepted in Hive DDL statements",
               "quote names in queries with double quotes: \"" + token.value + "\"");
      }
      Next();
      return Identifier{token.value, true, token.pos};
    default: break;
  }
  NoteExpected("an identifier");
  FailUnexpected();
}

Identifier Parser::ParseAnyWordIdentifier() {
  if (At(TokenKind::kWord)) {
    const Token& token = Next();
    return Identifier{std::string(token.raw), false, token.pos};
  }
  return ParseIdentifier();
}

QualifiedName Parser::ParseQualifiedName() {
  QualifiedName name;
  name.push_back(ParseIdentifier());
  while (At(TokenKind::kDot)) {
    Next();
    name.push_back(ParseIdentifier());
  }
  return name;
}

std::vector<Identifier> Parser::ParseIdentifierList() {
  Expect(TokenKind::kLeftParen);
  std::vector<Identifier> names;
  do {
    names.push_back(ParseIdentifier());
  } while (Accept(TokenKind::kComma));
  Expect(TokenKind::kRightParen);
  return names;
}

std::string Parser::ParseString() {
  if (!Check(TokenKind::kString)) FailUnexpected();
  return Next().value;
}

int64_t Parser::ParseInteger() {
  if (!Check(TokenKind::kInteger)) FailUnexpected();
  const Token& token = Peek();
  int64_t value = 0;
  auto [end, error] =
      std::from_chars(token.value.data(), token.value.data() + token.value.size(), value);
  if (error != std::errc() || end != token.value.data() + token.value.size()) {
    FailAt(token.pos, "integer " + token.value + " is out of range");
  }
  Next();
  return value;
}

std::optional<Identifier> Parser::ParseAlias() {
  if (AcceptWord("AS")) return ParseIdentifier();
  if (!AtImplicitAlias()) return std::nullopt;
  implicit_alias_at_ = pos_;
  return ParseIdentifier();
}

// ---- entry points ----

std::vector<StatementPtr> Parser::ParseAllStatements() {
  std::vector<StatementPtr> statements;
  while (true) {
    while (Accept(TokenKind::kSemicolon)) {
    }
    if (At(TokenKind::kEnd)) break;
    statement_begin_ = pos_;
    StatementPtr statement = ParseOneStatement();
    const Token& last = tokens_[pos_ - 1];
    statement->text_begin = tokens_[statement_begin_].pos.offset;
    statement->text_end = last.pos.offset + last.raw.size();
    if (!Check(TokenKind::kSemicolon) && !Check(TokenKind::kEnd)) FailUnexpected();
    statements.push_back(std::move(statement));
  }
  return statements;
}

StatementPtr Parser::ParseOnlyStatement() {
  std::vector<StatementPtr> statements = ParseAllStatements();
  if (statements.size() != 1) {
    SourcePos pos = statements.size() > 1 ? statements[1]->pos : tokens_.back().pos;
    FailAt(pos, statements.empty()
                    ? "expected a statement, found none"
                    : "expected one statement, found " + std::to_string(statements.size()));
  }
  return std::move(statements[0]);
}

ExprPtr Parser::ParseOnlyExpression() {
  ExprPtr expr = ParseExpr();
  if (!Check(TokenKind::kEnd)) FailUnexpected();
  return expr;
}

TypeName Parser::ParseOnlyType() {
  standalone_type_ = true;
  TypeName type = ParseTypeName();
  if (!Check(TokenKind::kEnd)) FailUnexpected();
  return type;
}

std::vector<StatementPtr> ParseScript(std::string_view sql) {
  return Parser(sql).ParseAllStatements();
}

StatementPtr ParseStatement(std::string_view sql) { return Parser(sql).ParseOnlyStatement(); }

ExprPtr ParseExpression(std::string_view sql) { return Parser(sql).ParseOnlyExpression(); }

TypeName ParseType(std::string_view sql) { return Parser(sql).ParseOnlyType(); }

}  // namespace basin::sql
