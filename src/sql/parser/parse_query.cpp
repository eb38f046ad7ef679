// Queries: WITH, set operations (INTERSECT binds tighter than UNION and EXCEPT), SELECT,
// VALUES, TABLE, ORDER BY / OFFSET / LIMIT / FETCH, and relations in FROM with joins.
#include "sql/parser/parser_impl.hpp"

namespace basin::sql {

bool Parser::AtQueryStart(size_t ahead) const {
  return AtWord("SELECT", ahead) || AtWord("WITH", ahead) || AtWord("VALUES", ahead) ||
         AtWord("TABLE", ahead);
}

bool Parser::AtQueryContinuation() const {
  return AtWord("UNION") || AtWord("INTERSECT") || AtWord("EXCEPT") || AtWord("ORDER") ||
         AtWord("LIMIT") || AtWord("OFFSET") || AtWord("FETCH");
}

std::unique_ptr<Query> Parser::ParseQuery() {
  NestingGuard guard(*this);
  auto query = std::make_unique<Query>();
  query->pos = Pos();
  if (AcceptWord("WITH")) {
    query->recursive = AcceptWord("RECURSIVE");
    do {
      CommonTableExpr cte;
      cte.name = ParseIdentifier();
      if (At(TokenKind::kLeftParen)) cte.columns = ParseIdentifierList();
      ExpectWord("AS");
      Expect(TokenKind::kLeftParen);
      cte.query = ParseQuery();
      Expect(TokenKind::kRightParen);
      query->with.push_back(std::move(cte));
    } while (Accept(TokenKind::kComma));
  }
  query->body = ParseSetOperations(nullptr);
  ParseQueryTail(*query);
  return query;
}

std::unique_ptr<Query> Parser::ContinueQuery(std::unique_ptr<Query> left, SourcePos pos) {
  NestingGuard guard(*this);
  auto query = std::make_unique<Query>();
  query->pos = pos;
  query->body = ParseSetOperations(WrapQuery(std::move(left)));
  ParseQueryTail(*query);
  return query;
}

void Parser::ParseQueryTail(Query& query) {
  if (AcceptWord("ORDER")) {
    ExpectWord("BY");
    query.order_by = ParseOrderBy();
  }
  // Trino writes OFFSET before LIMIT; LIMIT … OFFSET … (PostgreSQL's order) is accepted too.
  while (true) {
    if (!query.offset && AcceptWord("OFFSET")) {
      query.offset = ParseRowCount();
      if (!AcceptWord("ROW")) AcceptWord("ROWS");
    } else if (query.limit_kind == LimitKind::kNone && AcceptWord("LIMIT")) {
      if (AcceptWord("ALL")) {
        query.limit_kind = LimitKind::kLimitAll;
      } else {
        query.limit_kind = LimitKind::kLimit;
        query.limit = ParseRowCount();
      }
    } else if (query.limit_kind == LimitKind::kNone && AcceptWord("FETCH")) {
      if (!AcceptWord("FIRST")) ExpectWord("NEXT");
      if (!AtWord("ROW") && !AtWord("ROWS")) query.limit = ParseRowCount();
      if (!AcceptWord("ROW")) ExpectWord("ROWS");
      if (AcceptWord("ONLY")) {
        query.limit_kind = LimitKind::kFetchFirst;
      } else {
        ExpectWords({"WITH", "TIES"});
        query.limit_kind = LimitKind::kFetchFirstWithTies;
      }
    } else {
      return;
    }
  }
}

ExprPtr Parser::ParseRowCount() {
  const Token& token = Peek();
  if (token.kind == TokenKind::kParameter) {
    Next();
    return std::make_unique<Parameter>(token.pos, parameter_count_++);
  }
  if (token.kind != TokenKind::kInteger) {
    NoteExpected("a row count");
    FailUnexpected();
  }
  Next();
  return std::make_unique<Literal>(token.pos, LiteralKind::kInteger, token.value);
}

QueryBodyPtr Parser::ParseSetOperations(QueryBodyPtr first) {
  QueryBodyPtr left = ParseIntersections(std::move(first));
  ChainGuard chain(*this);
  while (CheckWord("UNION") || CheckWord("EXCEPT")) {
    SetOpKind op = Next().value == "UNION" ? SetOpKind::kUnion : SetOpKind::kExcept;
    auto node = std::make_unique<SetOperationBody>(left->pos, op);
    node->all = AcceptWord("ALL");
    if (!node->all) AcceptWord("DISTINCT");
    node->left = std::move(left);
    node->right = ParseIntersections(nullptr);
    chain.AddLink();
    left = std::move(node);
  }
  return left;
}

QueryBodyPtr Parser::ParseIntersections(QueryBodyPtr first) {
  QueryBodyPtr left = first ? std::move(first) : ParseQueryPrimary();
  ChainGuard chain(*this);
  while (AcceptWord("INTERSECT")) {
    auto node = std::make_unique<SetOperationBody>(left->pos, SetOpKind::kIntersect);
    node->all = AcceptWord("ALL");
    if (!node->all) AcceptWord("DISTINCT");
    node->left = std::move(left);
    node->right = ParseQueryPrimary();
    chain.AddLink();
    left = std::move(node);
  }
  return left;
}

QueryBodyPtr Parser::ParseQueryPrimary() {
  SourcePos pos = Pos();
  if (CheckWord("SELECT")) return ParseSelect();
  if (CheckWord("VALUES")) return ParseValues();
  if (AcceptWord("TABLE")) return std::make_unique<TableBody>(pos, ParseQualifiedName());
  if (Accept(TokenKind::kLeftParen)) {
    std::unique_ptr<Query> query = ParseQuery();
    Expect(TokenKind::kRightParen);
    return WrapQuery(std::move(query));
  }
  FailUnexpected();
}

QueryBodyPtr Parser::WrapQuery(std::unique_ptr<Query> query) {
  if (query->IsBareBody()) return std::move(query->body);
  auto node = std::make_unique<ParenthesizedBody>(query->pos);
  node->query = std::move(query);
  return node;
}

QueryBodyPtr Parser::ParseValues() {
  auto node = std::make_unique<ValuesBody>(Pos());
  ExpectWord("VALUES");
  node->rows = ParseExpressionList();
  return node;
}

QueryBodyPtr Parser::ParseSelect() {
  auto select = std::make_unique<SelectBody>(Pos());
  ExpectWord("SELECT");
  if (AcceptWord("DISTINCT")) {
    select->distinct = true;
  } else {
    AcceptWord("ALL");
  }
  do {
    select->items.push_back(ParseSelectItem());
  } while (Accept(TokenKind::kComma));
  if (AcceptWord("FROM")) select->from = ParseFrom();
  if (AcceptWord("WHERE")) select->where = ParseExpr();
  if (AcceptWord("GROUP")) {
    ExpectWord("BY");
    select->group_by = ParseGroupBy();
  }
  if (AcceptWord("HAVING")) select->having = ParseExpr();
  if (AcceptWord("WINDOW")) {
    do {
      NamedWindow window;
      window.name = ParseIdentifier();
      ExpectWord("AS");
      Expect(TokenKind::kLeftParen);
      ParseWindowSpecBody(window.spec);
      Expect(TokenKind::kRightParen);
      select->windows.push_back(std::move(window));
    } while (Accept(TokenKind::kComma));
  }
  return select;
}

bool Parser::AtQualifiedStar() const {
  size_t ahead = 0;
  while (AtIdentifier(ahead) && At(TokenKind::kDot, ahead + 1)) {
    if (At(TokenKind::kStar, ahead + 2)) return true;
    ahead += 2;
  }
  return false;
}

SelectItem Parser::ParseSelectItem() {
  SelectItem item;
  SourcePos pos = Pos();
  if (Accept(TokenKind::kStar)) {
    item.expr = std::make_unique<Star>(pos);
    return item;
  }
  if (AtQualifiedStar()) {
    auto star = std::make_unique<Star>(pos);
    while (!At(TokenKind::kStar)) {
      star->qualifier.push_back(ParseIdentifier());
      Expect(TokenKind::kDot);
    }
    Next();
    item.expr = std::move(star);
    return item;
  }
  item.expr = ParseExpr();
  item.alias = ParseAlias();
  return item;
}

GroupBy Parser::ParseGroupBy() {
  GroupBy group_by;
  if (AcceptWord("DISTINCT")) {
    group_by.distinct = true;
  } else {
    AcceptWord("ALL");
  }
  do {
    group_by.elements.push_back(ParseGroupingElement());
  } while (Accept(TokenKind::kComma));
  return group_by;
}

GroupingElement Parser::ParseGroupingElement() {
  GroupingElement element;
  if ((AtWord("ROLLUP") || AtWord("CUBE")) && At(TokenKind::kLeftParen, 1)) {
    element.kind = Next().value == "ROLLUP" ? GroupingKind::kRollup : GroupingKind::kCube;
    Next();
    if (!At(TokenKind::kRightParen)) element.expressions = ParseExpressionList();
    Expect(TokenKind::kRightParen);
    return element;
  }
  if (AtWord("GROUPING") && AtWord("SETS", 1)) {
    Next();
    Next();
    element.kind = GroupingKind::kGroupingSets;
    Expect(TokenKind::kLeftParen);
    do {
      element.sets.push_back(ParseGroupingSet());
    } while (Accept(TokenKind::kComma));
    Expect(TokenKind::kRightParen);
    return element;
  }
  element.kind = GroupingKind::kSet;
  element.parenthesized = At(TokenKind::kLeftParen);
  element.expressions = ParseGroupingSet();
  if (element.expressions.size() == 1) element.parenthesized = false;
  return element;
}

// `a`, `(a, b)` or `()`: the expressions of one grouping set.
std::vector<ExprPtr> Parser::ParseGroupingSet() {
  std::vector<ExprPtr> set;
  if (At(TokenKind::kLeftParen) && At(TokenKind::kRightParen, 1)) {
    Next();
    Next();
    return set;
  }
  ExprPtr expr = ParseExpr();
  if (expr->kind == ExpressionKind::kRow && !expr->As<RowExpr>().row_keyword) {
    return std::move(expr->As<RowExpr>().fields);
  }
  set.push_back(std::move(expr));
  return set;
}

TableRefPtr Parser::ParseFrom() {
  TableRefPtr left = ParseRelation();
  ChainGuard chain(*this);
  while (Accept(TokenKind::kComma)) {
    auto join = std::make_unique<JoinRef>(left->pos, JoinType::kImplicit);
    join->left = std::move(left);
    join->right = ParseRelation();
    chain.AddLink();
    left = std::move(join);
  }
  return left;
}

TableRefPtr Parser::ParseRelation() {
  NestingGuard guard(*this);
  TableRefPtr left = ParseAliasedRelation();
  ChainGuard chain(*this);
  while (AtJoin()) {
    left = ParseJoin(std::move(left));
    chain.AddLink();
  }
  return left;
}

bool Parser::AtJoin() {
  // Every word is checked so that an error here lists them all as expected.
  bool at_join = false;
  for (std::string_view word : {"JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL"}) {
    if (CheckWord(word)) at_join = true;
  }
  return at_join;
}

TableRefPtr Parser::ParseJoin(TableRefPtr left) {
  NestingGuard guard(*this);
  SourcePos join_pos = Pos();
  bool natural = AcceptWord("NATURAL");
  JoinType type = JoinType::kInner;
  if (AcceptWord("CROSS")) {
    type = JoinType::kCross;
  } else if (AcceptWord("LEFT")) {
    type = JoinType::kLeft;
    AcceptWord("OUTER");
  } else if (AcceptWord("RIGHT")) {
    type = JoinType::kRight;
    AcceptWord("OUTER");
  } else if (AcceptWord("FULL")) {
    type = JoinType::kFull;
    AcceptWord("OUTER");
  } else {
    AcceptWord("INNER");
  }
  ExpectWord("JOIN");
  if (natural && type == JoinType::kCross) FailAt(join_pos, "a CROSS JOIN cannot be NATURAL");
  auto join = std::make_unique<JoinRef>(left->pos, type);
  join->natural = natural;
  join->left = std::move(left);
  if (type == JoinType::kCross) {
    join->right = ParseAliasedRelation();
    return join;
  }
  // The right side may itself be a join whose condition comes first:
  // a JOIN b JOIN c ON b.x = c.x ON a.y = b.y.
  TableRefPtr right = ParseAliasedRelation();
  {
    ChainGuard chain(*this);
    while (!natural && AtJoin()) {
      right = ParseJoin(std::move(right));
      chain.AddLink();
    }
  }
  join->right = std::move(right);
  if (natural) return join;
  if (AcceptWord("ON")) {
    join->on = ParseExpr();
  } else if (AcceptWord("USING")) {
    join->using_columns = ParseIdentifierList();
  } else {
    FailUnexpected();
  }
  return join;
}

TableRefPtr Parser::ParseAliasedRelation() {
  TableRefPtr relation = ParseRelationPrimary();
  SourcePos alias_pos = Pos();
  std::optional<Identifier> alias = ParseAlias();
  if (!alias) return relation;
  if (relation->alias) {
    FailAt(alias_pos, "this relation already has the alias " + relation->alias->name.text);
  }
  TableAlias table_alias;
  table_alias.name = std::move(*alias);
  if (At(TokenKind::kLeftParen)) table_alias.columns = ParseIdentifierList();
  relation->alias = std::move(table_alias);
  return relation;
}

TableRefPtr Parser::ParseRelationPrimary() {
  SourcePos pos = Pos();
  if (AtWord("LATERAL") && At(TokenKind::kLeftParen, 1)) {
    Next();
    Next();
    auto ref = std::make_unique<SubqueryRef>(pos);
    ref->lateral = true;
    ref->query = ParseQuery();
    Expect(TokenKind::kRightParen);
    return ref;
  }
  if (AtWord("UNNEST") && At(TokenKind::kLeftParen, 1)) {
    Next();
    Next();
    auto ref = std::make_unique<UnnestRef>(pos);
    ref->args = ParseExpressionList();
    Expect(TokenKind::kRightParen);
    if (AtWord("WITH") && AtWord("ORDINALITY", 1)) {
      Next();
      Next();
      ref->with_ordinality = true;
    }
    return ref;
  }
  if (Accept(TokenKind::kLeftParen)) {
    if (AtQueryStart()) {
      auto ref = std::make_unique<SubqueryRef>(pos);
      ref->query = ParseQuery();
      Expect(TokenKind::kRightParen);
      return ref;
    }
    TableRefPtr inner = ParseRelation();
    if (inner->kind == TableRefKind::kSubquery && !inner->alias &&
        !inner->As<SubqueryRef>().lateral && AtQueryContinuation()) {
      // ((SELECT …) UNION SELECT …): the first operand was read as a subquery relation.
      auto ref = std::make_unique<SubqueryRef>(pos);
      ref->query = ContinueQuery(std::move(inner->As<SubqueryRef>().query), pos);
      Expect(TokenKind::kRightParen);
      return ref;
    }
    Expect(TokenKind::kRightParen);
    return inner;
  }
  return std::make_unique<BaseTableRef>(pos, ParseQualifiedName());
}

}  // namespace basin::sql
