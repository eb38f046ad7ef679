#pragma once
// The recursive-descent parser behind parser.hpp. Internal to this module: one Parser object
// parses one text. Its methods are spread over parser.cpp (cursor, errors, entry points),
// parse_expression.cpp, parse_query.cpp, parse_type.cpp, parse_statement.cpp and parse_ddl.cpp.

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "sql/parser/ast_statement.hpp"
#include "sql/parser/token.hpp"

namespace basin::sql {

class Parser {
 public:
  explicit Parser(std::string_view sql);

  std::vector<StatementPtr> ParseAllStatements();
  StatementPtr ParseOnlyStatement();
  ExprPtr ParseOnlyExpression();
  TypeName ParseOnlyType();

 private:
  // Counts one level of recursion (stack) and of AST height for its lifetime. Every cycle of
  // recursive calls passes through one: ParseExpr, ParseQuery, ParseRelation, ParseTypeName, and
  // the functions that call themselves (ParseNot, ParseUnary, ParseJoin, ParseTrim, …).
  class NestingGuard {
   public:
    explicit NestingGuard(Parser& parser);
    ~NestingGuard();

   private:
    Parser& parser_;
  };
  // Counts the links of a left-deep chain (a + b + c, UNION chains, joins) as AST height.
  class ChainGuard {
   public:
    explicit ChainGuard(Parser& parser) : parser_(parser) {}
    ~ChainGuard() { parser_.depth_ -= links_; }
    void AddLink();

   private:
    Parser& parser_;
    int links_ = 0;
  };

  // ---- cursor (parser.cpp) ----
  const Token& Peek(size_t ahead = 0) const;
  const Token& Next();
  SourcePos Pos() const { return Peek().pos; }
  bool At(TokenKind kind, size_t ahead = 0) const { return Peek(ahead).kind == kind; }
  bool AtWord(std::string_view upper, size_t ahead = 0) const;
  // Check*: is the current token this? If not, remember it as one of the things expected here.
  bool Check(TokenKind kind);
  bool CheckWord(std::string_view upper);
  bool Accept(TokenKind kind);
  bool AcceptWord(std::string_view upper);
  void Expect(TokenKind kind);
  void ExpectWord(std::string_view upper);
  void ExpectWords(std::initializer_list<std::string_view> words);
  void NoteExpected(std::string_view what);
  bool AcceptIfNotExists();
  bool AcceptIfExists();

  // ---- errors (parser.cpp) ----
  [[noreturn]] void FailUnexpected();
  [[noreturn]] void FailTooDeep();
  [[noreturn]] void FailAt(SourcePos pos, const std::string& what, const std::string& hint = {});
  std::string Hint() const;
  std::string UnclosedParenHint() const;

  // ---- names and literals (parser.cpp) ----
  bool AtIdentifier(size_t ahead = 0) const;
  bool AtImplicitAlias() const;
  Identifier ParseIdentifier();
  Identifier ParseAnyWordIdentifier();  // reserved words too (Hive struct fields)
  QualifiedName ParseQualifiedName();
  std::vector<Identifier> ParseIdentifierList();  // ( a, b, … )
  std::string ParseString();
  int64_t ParseInteger();
  std::optional<Identifier> ParseAlias();

  // ---- expressions (parse_expression.cpp) ----
  ExprPtr ParseExpr();
  ExprPtr ParseOr();
  ExprPtr ParseAnd();
  ExprPtr ParseNot();
  ExprPtr ParsePredicate();
  ExprPtr ParseInRest(ExprPtr value, bool negated, SourcePos pos);
  ExprPtr ParseValue(int min_level);
  ExprPtr ParseUnary();
  ExprPtr ParsePostfix();
  ExprPtr ParsePrimary();
  ExprPtr ParseWordPrimary();
  ExprPtr ParseParenthesized();
  ExprPtr ParseNameOrCall();
  ExprPtr ParseFunctionCall(SourcePos pos, QualifiedName name);
  ExprPtr ParseNiladic();
  ExprPtr ParseCase();
  ExprPtr ParseCast();
  ExprPtr ParseExtract();
  ExprPtr ParseInterval();
  ExprPtr ParseTrim();
  ExprPtr ParsePosition();
  IntervalField ParseIntervalField();
  std::unique_ptr<WindowSpec> ParseOver();
  void ParseWindowSpecBody(WindowSpec& spec);
  FrameBound ParseFrameBound();
  std::vector<OrderItem> ParseOrderBy();       // after ORDER BY
  std::vector<ExprPtr> ParseExpressionList();  // a, b, … (at least one)

  // ---- queries (parse_query.cpp) ----
  bool AtQueryStart(size_t ahead = 0) const;
  bool AtQueryContinuation() const;
  std::unique_ptr<Query> ParseQuery();
  std::unique_ptr<Query> ContinueQuery(std::unique_ptr<Query> left, SourcePos pos);
  void ParseQueryTail(Query& query);
  ExprPtr ParseRowCount();
  QueryBodyPtr ParseSetOperations(QueryBodyPtr first);
  QueryBodyPtr ParseIntersections(QueryBodyPtr first);
  QueryBodyPtr ParseQueryPrimary();
  QueryBodyPtr WrapQuery(std::unique_ptr<Query> query);
  QueryBodyPtr ParseSelect();
  QueryBodyPtr ParseValues();
  SelectItem ParseSelectItem();
  bool AtQualifiedStar() const;
  GroupBy ParseGroupBy();
  GroupingElement ParseGroupingElement();
  std::vector<ExprPtr> ParseGroupingSet();
  TableRefPtr ParseFrom();
  TableRefPtr ParseRelation();
  bool AtJoin();
  TableRefPtr ParseJoin(TableRefPtr left);
  TableRefPtr ParseAliasedRelation();
  TableRefPtr ParseRelationPrimary();

  // ---- types (parse_type.cpp) ----
  TypeName ParseTypeName();
  void ParseTypeParameters(TypeName& type);
  void ParseHiveTypeParameters(TypeName& type);

  // ---- statements (parse_statement.cpp, parse_ddl.cpp) ----
  StatementPtr ParseOneStatement();
  StatementPtr ParseInsert();
  StatementPtr ParseShow();
  StatementPtr ParseDescribe();
  StatementPtr ParseExplain();
  StatementPtr ParseUse();
  StatementPtr ParseUnload();
  StatementPtr ParseCreate();
  StatementPtr ParseCreateDatabase(SourcePos pos);
  StatementPtr ParseCreateView(SourcePos pos, bool or_replace);
  StatementPtr ParseCreateTable(SourcePos pos, bool external);
  StatementPtr ParseCreateTableAs(SourcePos pos, bool if_not_exists, QualifiedName name);
  void ParseHiveTableClauses(CreateTableStatement& table);
  void ParseRowFormat(RowFormat& format);
  std::vector<ColumnDefinition> ParseColumnDefinitions();
  std::vector<StringProperty> ParseStringProperties();
  std::vector<TableProperty> ParseTableProperties();  // ( name = expr, … ) after WITH
  std::string ParseHiveString();
  StatementPtr ParseDrop();
  StatementPtr ParseAlterTable();
  StatementPtr ParseMsckRepair();
  PartitionSpec ParsePartitionSpec();

  std::string_view sql_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  size_t statement_begin_ = 0;  // token index where the current statement starts
  int nesting_ = 0;
  int depth_ = 0;
  int parameter_count_ = 0;
  bool hive_ddl_ = false;         // inside a Hive DDL statement: back quotes, Hive types
  bool standalone_type_ = false;  // ParseType(): back quotes accepted, Trino defaults
  // What the current token was checked against; describes an error at it.
  size_t expected_at_ = 0;
  std::vector<std::string_view> expected_;
  // The last word read as an alias without AS (a misspelt keyword often ends up there).
  size_t implicit_alias_at_ = static_cast<size_t>(-1);
};

}  // namespace basin::sql
