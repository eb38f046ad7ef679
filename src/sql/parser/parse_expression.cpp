// Expressions, by precedence from loosest to tightest:
//   OR < AND < NOT < predicates (comparison, IS, BETWEEN, IN, LIKE; at most one, as in Trino)
//   < || < + - < * / % < unary + - < AT TIME ZONE < subscript, field access < primaries.
#include "sql/parser/keywords.hpp"
#include "sql/parser/parser_impl.hpp"

namespace basin::sql {
namespace {

bool ComparisonAt(TokenKind kind, BinaryOp& op) {
  switch (kind) {
    case TokenKind::kEq: op = BinaryOp::kEqual; return true;
    case TokenKind::kNe: op = BinaryOp::kNotEqual; return true;
    case TokenKind::kLt: op = BinaryOp::kLess; return true;
    case TokenKind::kLe: op = BinaryOp::kLessEqual; return true;
    case TokenKind::kGt: op = BinaryOp::kGreater; return true;
    case TokenKind::kGe: op = BinaryOp::kGreaterEqual; return true;
    default: return false;
  }
}

// Binary value operators and their binding strength (higher binds tighter).
bool ValueOperatorAt(TokenKind kind, int& level, BinaryOp& op) {
  switch (kind) {
    case TokenKind::kConcat: level = 1, op = BinaryOp::kConcat; return true;
    case TokenKind::kPlus: level = 2, op = BinaryOp::kAdd; return true;
    case TokenKind::kMinus: level = 2, op = BinaryOp::kSubtract; return true;
    case TokenKind::kStar: level = 3, op = BinaryOp::kMultiply; return true;
    case TokenKind::kSlash: level = 3, op = BinaryOp::kDivide; return true;
    case TokenKind::kPercent: level = 3, op = BinaryOp::kModulo; return true;
    default: return false;
  }
}

bool IsNiladicWord(std::string_view upper) {
  return upper == "CURRENT_DATE" || upper == "CURRENT_TIME" || upper == "CURRENT_TIMESTAMP" ||
         upper == "LOCALTIME" || upper == "LOCALTIMESTAMP" || upper == "CURRENT_USER" ||
         upper == "CURRENT_CATALOG" || upper == "CURRENT_SCHEMA" || upper == "CURRENT_PATH" ||
         upper == "CURRENT_ROLE";
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

QualifiedName SimpleName(std::string text, SourcePos pos) {
  return QualifiedName{Identifier{std::move(text), false, pos}};
}

}  // namespace

ExprPtr Parser::ParseExpr() {
  NestingGuard guard(*this);
  return ParseOr();
}

ExprPtr Parser::ParseOr() {
  ExprPtr first = ParseAnd();
  if (!CheckWord("OR")) return first;
  auto node = std::make_unique<Conjunction>(first->pos, ConjunctionOp::kOr);
  node->terms.push_back(std::move(first));
  while (AcceptWord("OR")) node->terms.push_back(ParseAnd());
  return node;
}

ExprPtr Parser::ParseAnd() {
  ExprPtr first = ParseNot();
  if (!CheckWord("AND")) return first;
  auto node = std::make_unique<Conjunction>(first->pos, ConjunctionOp::kAnd);
  node->terms.push_back(std::move(first));
  while (AcceptWord("AND")) node->terms.push_back(ParseNot());
  return node;
}

ExprPtr Parser::ParseNot() {
  if (!AtWord("NOT")) return ParsePredicate();
  SourcePos pos = Next().pos;
  NestingGuard guard(*this);
  return std::make_unique<UnaryExpr>(pos, UnaryOp::kNot, ParseNot());
}

ExprPtr Parser::ParsePredicate() {
  SourcePos pos = Pos();
  ExprPtr value = ParseValue(1);

  BinaryOp op;
  if (ComparisonAt(Peek().kind, op)) {
    Next();
    if ((AtWord("ALL") || AtWord("ANY") || AtWord("SOME")) && At(TokenKind::kLeftParen, 1) &&
        AtQueryStart(2)) {
      auto node = std::make_unique<QuantifiedComparison>(pos);
      node->op = op;
      node->quantifier = AtWord("ALL")   ? Quantifier::kAll
                         : AtWord("ANY") ? Quantifier::kAny
                                         : Quantifier::kSome;
      Next();
      Next();
      node->value = std::move(value);
      node->query = ParseQuery();
      Expect(TokenKind::kRightParen);
      return node;
    }
    return std::make_unique<BinaryExpr>(pos, op, std::move(value), ParseValue(1));
  }

  if (AcceptWord("IS")) {
    bool negated = AcceptWord("NOT");
    if (AcceptWord("NULL")) {
      auto node = std::make_unique<IsNullExpr>(pos);
      node->value = std::move(value);
      node->negated = negated;
      return node;
    }
    if (!AcceptWord("DISTINCT")) FailUnexpected();
    ExpectWord("FROM");
    return std::make_unique<BinaryExpr>(
        pos, negated ? BinaryOp::kIsNotDistinctFrom : BinaryOp::kIsDistinctFrom, std::move(value),
        ParseValue(1));
  }

  bool negated = false;
  if (AtWord("NOT") && (AtWord("BETWEEN", 1) || AtWord("IN", 1) || AtWord("LIKE", 1))) {
    Next();
    negated = true;
  }
  if (AcceptWord("BETWEEN")) {
    auto node = std::make_unique<BetweenExpr>(pos);
    node->value = std::move(value);
    node->negated = negated;
    node->low = ParseValue(1);
    ExpectWord("AND");
    node->high = ParseValue(1);
    return node;
  }
  if (AcceptWord("IN")) return ParseInRest(std::move(value), negated, pos);
  if (AcceptWord("LIKE")) {
    auto node = std::make_unique<LikeExpr>(pos);
    node->value = std::move(value);
    node->negated = negated;
    node->pattern = ParseValue(1);
    if (AcceptWord("ESCAPE")) node->escape = ParseValue(1);
    return node;
  }
  return value;
}

ExprPtr Parser::ParseInRest(ExprPtr value, bool negated, SourcePos pos) {
  SourcePos paren = Pos();
  Expect(TokenKind::kLeftParen);
  auto make_subquery = [&](std::unique_ptr<Query> query) {
    auto node = std::make_unique<InSubqueryExpr>(pos);
    node->value = std::move(value);
    node->negated = negated;
    node->query = std::move(query);
    return node;
  };
  if (AtQueryStart()) {
    auto node = make_subquery(ParseQuery());
    Expect(TokenKind::kRightParen);
    return node;
  }
  std::vector<ExprPtr> list = ParseExpressionList();
  if (list.size() == 1 && list[0]->kind == ExpressionKind::kSubquery && AtQueryContinuation()) {
    // IN ((SELECT …) UNION (SELECT …)): the first operand was read as a scalar subquery.
    auto node = make_subquery(ContinueQuery(std::move(list[0]->As<SubqueryExpr>().query), paren));
    Expect(TokenKind::kRightParen);
    return node;
  }
  Expect(TokenKind::kRightParen);
  auto node = std::make_unique<InListExpr>(pos);
  node->value = std::move(value);
  node->negated = negated;
  node->list = std::move(list);
  return node;
}

ExprPtr Parser::ParseValue(int min_level) {
  ExprPtr left = ParseUnary();
  ChainGuard chain(*this);
  while (true) {
    int level = 0;
    BinaryOp op;
    if (!ValueOperatorAt(Peek().kind, level, op) || level < min_level) break;
    Next();
    ExprPtr right = ParseValue(level + 1);
    chain.AddLink();
    SourcePos pos = left->pos;
    left = std::make_unique<BinaryExpr>(pos, op, std::move(left), std::move(right));
  }
  return left;
}

ExprPtr Parser::ParseUnary() {
  if (At(TokenKind::kMinus) || At(TokenKind::kPlus)) {
    const Token& sign = Next();
    UnaryOp op = sign.kind == TokenKind::kMinus ? UnaryOp::kMinus : UnaryOp::kPlus;
    NestingGuard guard(*this);
    return std::make_unique<UnaryExpr>(sign.pos, op, ParseUnary());
  }
  ExprPtr value = ParsePostfix();
  ChainGuard chain(*this);
  while (AtWord("AT") && AtWord("TIME", 1) && AtWord("ZONE", 2)) {
    Next();
    Next();
    Next();
    auto node = std::make_unique<AtTimeZoneExpr>(value->pos);
    node->value = std::move(value);
    node->zone = ParsePostfix();
    chain.AddLink();
    value = std::move(node);
  }
  return value;
}

ExprPtr Parser::ParsePostfix() {
  ExprPtr value = ParsePrimary();
  ChainGuard chain(*this);
  while (true) {
    SourcePos pos = value->pos;
    if (Accept(TokenKind::kLeftBracket)) {
      ExprPtr index = ParseExpr();
      Expect(TokenKind::kRightBracket);
      value = std::make_unique<SubscriptExpr>(pos, std::move(value), std::move(index));
    } else if (At(TokenKind::kDot)) {
      Next();
      Identifier field = ParseIdentifier();
      value = std::make_unique<FieldAccess>(pos, std::move(value), std::move(field));
    } else {
      return value;
    }
    chain.AddLink();
  }
}

ExprPtr Parser::ParsePrimary() {
  const Token& token = Peek();
  switch (token.kind) {
    case TokenKind::kString:
      Next();
      return std::make_unique<Literal>(token.pos, LiteralKind::kString, token.value);
    case TokenKind::kBinaryString:
      Next();
      return std::make_unique<Literal>(token.pos, LiteralKind::kBinary, token.value);
    case TokenKind::kInteger:
      Next();
      return std::make_unique<Literal>(token.pos, LiteralKind::kInteger, token.value);
    case TokenKind::kDecimal:
      Next();
      return std::make_unique<Literal>(token.pos, LiteralKind::kDecimal, token.value);
    case TokenKind::kDouble:
      Next();
      return std::make_unique<Literal>(token.pos, LiteralKind::kDouble, token.value);
    case TokenKind::kParameter:
      Next();
      return std::make_unique<Parameter>(token.pos, parameter_count_++);
    case TokenKind::kLeftParen: return ParseParenthesized();
    case TokenKind::kQuotedIdentifier:
    case TokenKind::kBackquotedIdentifier: return ParseNameOrCall();
    case TokenKind::kWord: return ParseWordPrimary();
    default: break;
  }
  NoteExpected("an expression");
  FailUnexpected();
}

ExprPtr Parser::ParseWordPrimary() {
  const Token& token = Peek();
  const std::string& word = token.value;
  bool paren_follows = At(TokenKind::kLeftParen, 1);
  if (word == "NULL") {
    Next();
    return std::make_unique<Literal>(token.pos, LiteralKind::kNull, "null");
  }
  if (word == "TRUE" || word == "FALSE") {
    Next();
    return std::make_unique<Literal>(token.pos, LiteralKind::kBoolean,
                                     word == "TRUE" ? "true" : "false");
  }
  if (word == "CASE") return ParseCase();
  if ((word == "CAST" || word == "TRY_CAST") && paren_follows) return ParseCast();
  if (word == "EXTRACT" && paren_follows) return ParseExtract();
  if (word == "EXISTS" && paren_follows) {
    auto node = std::make_unique<ExistsExpr>(Next().pos);
    Next();
    node->query = ParseQuery();
    Expect(TokenKind::kRightParen);
    return node;
  }
  if (word == "ARRAY" && At(TokenKind::kLeftBracket, 1)) {
    auto node = std::make_unique<ArrayExpr>(Next().pos);
    Next();
    if (!Accept(TokenKind::kRightBracket)) {
      node->elements = ParseExpressionList();
      Expect(TokenKind::kRightBracket);
    }
    return node;
  }
  if (word == "ROW" && paren_follows) {
    auto node = std::make_unique<RowExpr>(Next().pos);
    node->row_keyword = true;
    Next();
    node->fields = ParseExpressionList();
    Expect(TokenKind::kRightParen);
    return node;
  }
  if (word == "INTERVAL" &&
      (At(TokenKind::kString, 1) ||
       ((At(TokenKind::kMinus, 1) || At(TokenKind::kPlus, 1)) && At(TokenKind::kString, 2)))) {
    return ParseInterval();
  }
  if (IsNiladicWord(word)) return ParseNiladic();
  if (word == "TRIM" && paren_follows) return ParseTrim();
  if (word == "POSITION" && paren_follows) return ParsePosition();
  if (word == "GROUPING" && paren_follows) {
    Next();
    return ParseFunctionCall(token.pos, SimpleName(std::string(token.raw), token.pos));
  }
  if (!IsReservedWord(word) && At(TokenKind::kString, 1)) {
    // A typed literal: DATE '2001-08-22', TIMESTAMP '…', DECIMAL '1.5', any `type 'text'`.
    Next();
    auto node = std::make_unique<Literal>(token.pos, LiteralKind::kTyped, Next().value);
    node->type.name = Lower(word);
    node->type.pos = token.pos;
    return node;
  }
  if (IsReservedWord(word)) {
    NoteExpected("an expression");
    FailUnexpected();
  }
  return ParseNameOrCall();
}

ExprPtr Parser::ParseNiladic() {
  const Token& token = Next();
  QualifiedName name = SimpleName(std::string(token.raw), token.pos);
  if (At(TokenKind::kLeftParen)) return ParseFunctionCall(token.pos, std::move(name));
  auto node = std::make_unique<FunctionCall>(token.pos);
  node->name = std::move(name);
  node->no_parentheses = true;
  return node;
}

ExprPtr Parser::ParseParenthesized() {
  SourcePos pos = Pos();
  Expect(TokenKind::kLeftParen);
  if (AtQueryStart()) {
    auto node = std::make_unique<SubqueryExpr>(pos);
    node->query = ParseQuery();
    Expect(TokenKind::kRightParen);
    return node;
  }
  ExprPtr first = ParseExpr();
  if (first->kind == ExpressionKind::kSubquery && AtQueryContinuation()) {
    // ((SELECT …) UNION SELECT …): the first operand was read as a scalar subquery.
    auto node = std::make_unique<SubqueryExpr>(pos);
    node->query = ContinueQuery(std::move(first->As<SubqueryExpr>().query), pos);
    Expect(TokenKind::kRightParen);
    return node;
  }
  if (Accept(TokenKind::kComma)) {
    auto row = std::make_unique<RowExpr>(pos);
    row->fields.push_back(std::move(first));
    for (ExprPtr& field : ParseExpressionList()) row->fields.push_back(std::move(field));
    Expect(TokenKind::kRightParen);
    return row;
  }
  Expect(TokenKind::kRightParen);
  return first;
}

ExprPtr Parser::ParseNameOrCall() {
  SourcePos pos = Pos();
  QualifiedName name;
  name.push_back(ParseIdentifier());
  while (At(TokenKind::kDot) && AtIdentifier(1)) {
    Next();
    name.push_back(ParseIdentifier());
  }
  if (At(TokenKind::kLeftParen)) return ParseFunctionCall(pos, std::move(name));
  return std::make_unique<ColumnRef>(pos, std::move(name));
}

ExprPtr Parser::ParseFunctionCall(SourcePos pos, QualifiedName name) {
  auto call = std::make_unique<FunctionCall>(pos);
  call->name = std::move(name);
  bool is_substring = call->name.size() == 1 && call->name[0].Name() == "substring";
  Expect(TokenKind::kLeftParen);
  if (Accept(TokenKind::kStar)) {
    call->star = true;
    Expect(TokenKind::kRightParen);
  } else if (!Accept(TokenKind::kRightParen)) {
    if (AcceptWord("DISTINCT")) {
      call->distinct = true;
    } else {
      AcceptWord("ALL");
    }
    call->args.push_back(ParseExpr());
    if (is_substring && AcceptWord("FROM")) {
      // SQL-standard substring(s FROM start [FOR length]) is substring(s, start[, length]).
      call->args.push_back(ParseExpr());
      if (AcceptWord("FOR")) call->args.push_back(ParseExpr());
    } else {
      while (Accept(TokenKind::kComma)) call->args.push_back(ParseExpr());
      if (AcceptWord("ORDER")) {
        ExpectWord("BY");
        call->order_by = ParseOrderBy();
      }
    }
    Expect(TokenKind::kRightParen);
  }
  if (AtWord("FILTER") && At(TokenKind::kLeftParen, 1)) {
    Next();
    Next();
    ExpectWord("WHERE");
    call->filter = ParseExpr();
    Expect(TokenKind::kRightParen);
  }
  if ((AtWord("IGNORE") || AtWord("RESPECT")) && AtWord("NULLS", 1)) {
    call->null_treatment =
        AtWord("IGNORE") ? NullTreatment::kIgnoreNulls : NullTreatment::kRespectNulls;
    Next();
    Next();
  }
  if (AcceptWord("OVER")) call->over = ParseOver();
  return call;
}

std::unique_ptr<WindowSpec> Parser::ParseOver() {
  auto spec = std::make_unique<WindowSpec>();
  if (!At(TokenKind::kLeftParen)) {
    spec->base_window = ParseIdentifier();
    spec->reference_only = true;
    return spec;
  }
  Next();
  ParseWindowSpecBody(*spec);
  Expect(TokenKind::kRightParen);
  return spec;
}

void Parser::ParseWindowSpecBody(WindowSpec& spec) {
  if (AtIdentifier() && !AtWord("PARTITION") && !AtWord("ROWS") && !AtWord("RANGE") &&
      !AtWord("GROUPS")) {
    spec.base_window = ParseIdentifier();
  }
  if (AcceptWord("PARTITION")) {
    ExpectWord("BY");
    spec.partition_by = ParseExpressionList();
  }
  if (AcceptWord("ORDER")) {
    ExpectWord("BY");
    spec.order_by = ParseOrderBy();
  }
  FrameUnit unit;
  if (AcceptWord("ROWS")) {
    unit = FrameUnit::kRows;
  } else if (AcceptWord("RANGE")) {
    unit = FrameUnit::kRange;
  } else if (AcceptWord("GROUPS")) {
    unit = FrameUnit::kGroups;
  } else {
    return;
  }
  WindowFrame frame;
  frame.unit = unit;
  if (AcceptWord("BETWEEN")) {
    frame.start = ParseFrameBound();
    ExpectWord("AND");
    frame.end = ParseFrameBound();
  } else {
    frame.start = ParseFrameBound();
  }
  spec.frame = std::move(frame);
}

FrameBound Parser::ParseFrameBound() {
  FrameBound bound;
  if (AtWord("UNBOUNDED") && (AtWord("PRECEDING", 1) || AtWord("FOLLOWING", 1))) {
    Next();
    bound.kind = AtWord("PRECEDING") ? FrameBoundKind::kUnboundedPreceding
                                     : FrameBoundKind::kUnboundedFollowing;
    Next();
    return bound;
  }
  if (AtWord("CURRENT") && AtWord("ROW", 1)) {
    Next();
    Next();
    bound.kind = FrameBoundKind::kCurrentRow;
    return bound;
  }
  bound.offset = ParseExpr();
  if (AcceptWord("PRECEDING")) {
    bound.kind = FrameBoundKind::kPreceding;
  } else {
    ExpectWord("FOLLOWING");
    bound.kind = FrameBoundKind::kFollowing;
  }
  return bound;
}

std::vector<OrderItem> Parser::ParseOrderBy() {
  std::vector<OrderItem> items;
  do {
    OrderItem item;
    item.expr = ParseExpr();
    if (AcceptWord("ASC")) {
      item.order = SortOrder::kAscending;
    } else if (AcceptWord("DESC")) {
      item.order = SortOrder::kDescending;
    }
    if (AcceptWord("NULLS")) {
      if (AcceptWord("FIRST")) {
        item.nulls = NullsOrder::kFirst;
      } else {
        ExpectWord("LAST");
        item.nulls = NullsOrder::kLast;
      }
    }
    items.push_back(std::move(item));
  } while (Accept(TokenKind::kComma));
  return items;
}

std::vector<ExprPtr> Parser::ParseExpressionList() {
  std::vector<ExprPtr> list;
  do {
    list.push_back(ParseExpr());
  } while (Accept(TokenKind::kComma));
  return list;
}

ExprPtr Parser::ParseCase() {
  auto node = std::make_unique<CaseExpr>(Pos());
  ExpectWord("CASE");
  if (!CheckWord("WHEN")) node->operand = ParseExpr();
  do {
    ExpectWord("WHEN");
    WhenClause when;
    when.condition = ParseExpr();
    ExpectWord("THEN");
    when.result = ParseExpr();
    node->whens.push_back(std::move(when));
  } while (CheckWord("WHEN"));
  if (AcceptWord("ELSE")) node->else_result = ParseExpr();
  ExpectWord("END");
  return node;
}

ExprPtr Parser::ParseCast() {
  auto node = std::make_unique<CastExpr>(Pos());
  node->try_cast = Next().value == "TRY_CAST";
  Expect(TokenKind::kLeftParen);
  node->value = ParseExpr();
  ExpectWord("AS");
  node->type = ParseTypeName();
  Expect(TokenKind::kRightParen);
  return node;
}

ExprPtr Parser::ParseExtract() {
  auto node = std::make_unique<ExtractExpr>(Next().pos);
  Expect(TokenKind::kLeftParen);
  if (!At(TokenKind::kWord)) {
    NoteExpected("a field such as YEAR");
    FailUnexpected();
  }
  node->field = Next().value;
  ExpectWord("FROM");
  node->value = ParseExpr();
  Expect(TokenKind::kRightParen);
  return node;
}

ExprPtr Parser::ParseInterval() {
  auto node = std::make_unique<IntervalLiteral>(Next().pos);
  if (Accept(TokenKind::kMinus)) {
    node->negative = true;
  } else {
    Accept(TokenKind::kPlus);
  }
  node->value = ParseString();
  node->start = ParseIntervalField();
  if (Accept(TokenKind::kLeftParen)) {
    node->precision = ParseInteger();
    Expect(TokenKind::kRightParen);
  }
  if (AcceptWord("TO")) node->end = ParseIntervalField();
  return node;
}

IntervalField Parser::ParseIntervalField() {
  static constexpr std::pair<std::string_view, IntervalField> kFields[] = {
      {"YEAR", IntervalField::kYear},     {"MONTH", IntervalField::kMonth},
      {"DAY", IntervalField::kDay},       {"HOUR", IntervalField::kHour},
      {"MINUTE", IntervalField::kMinute}, {"SECOND", IntervalField::kSecond},
  };
  for (const auto& [word, field] : kFields) {
    if (AcceptWord(word)) return field;
  }
  FailUnexpected();
}

// TRIM([BOTH|LEADING|TRAILING] [chars] FROM s), TRIM(s), TRIM(s, chars) become trim, ltrim or
// rtrim calls with (s[, chars]).
ExprPtr Parser::ParseTrim() {
  SourcePos pos = Next().pos;
  NestingGuard guard(*this);
  Expect(TokenKind::kLeftParen);
  std::string name = "trim";
  bool specified = true;
  if (AcceptWord("LEADING")) {
    name = "ltrim";
  } else if (AcceptWord("TRAILING")) {
    name = "rtrim";
  } else if (!AcceptWord("BOTH")) {
    specified = false;
  }
  auto call = std::make_unique<FunctionCall>(pos);
  call->name = SimpleName(name, pos);
  if (AcceptWord("FROM")) {
    call->args.push_back(ParseValue(1));
  } else {
    ExprPtr first = ParseValue(1);
    if (AcceptWord("FROM")) {
      call->args.push_back(ParseValue(1));
      call->args.push_back(std::move(first));
    } else {
      if (specified) FailUnexpected();
      call->args.push_back(std::move(first));
      if (Accept(TokenKind::kComma)) call->args.push_back(ParseValue(1));
    }
  }
  Expect(TokenKind::kRightParen);
  return call;
}

// POSITION(needle IN haystack) is strpos(haystack, needle).
ExprPtr Parser::ParsePosition() {
  SourcePos pos = Next().pos;
  NestingGuard guard(*this);
  Expect(TokenKind::kLeftParen);
  ExprPtr needle = ParseValue(1);
  ExpectWord("IN");
  auto call = std::make_unique<FunctionCall>(pos);
  call->name = SimpleName("strpos", pos);
  call->args.push_back(ParseValue(1));
  call->args.push_back(std::move(needle));
  Expect(TokenKind::kRightParen);
  return call;
}

}  // namespace basin::sql
