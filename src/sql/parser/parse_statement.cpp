// Statement dispatch and the statements that are not DDL: queries, INSERT, SHOW, DESCRIBE,
// EXPLAIN and USE.
#include "sql/parser/parser_impl.hpp"

namespace basin::sql {

StatementPtr Parser::ParseOneStatement() {
  hive_ddl_ = false;
  // Parameters belong to their statement (EXECUTE … USING binds one statement's), so each
  // statement of a script numbers its own from 0, as it would parsed alone.
  parameter_count_ = 0;
  SourcePos pos = Pos();
  bool query_start = false;
  for (std::string_view word : {"SELECT", "WITH", "VALUES", "TABLE"}) {
    if (CheckWord(word)) query_start = true;
  }
  if (query_start || Check(TokenKind::kLeftParen)) {
    auto statement = std::make_unique<QueryStatement>(pos);
    statement->query = ParseQuery();
    return statement;
  }
  if (CheckWord("INSERT")) return ParseInsert();
  if (CheckWord("CREATE")) return ParseCreate();
  if (CheckWord("DROP")) return ParseDrop();
  if (CheckWord("ALTER")) return ParseAlterTable();
  if (CheckWord("SHOW")) return ParseShow();
  if (CheckWord("DESCRIBE") || CheckWord("DESC")) return ParseDescribe();
  if (CheckWord("MSCK")) return ParseMsckRepair();
  if (CheckWord("EXPLAIN")) return ParseExplain();
  if (CheckWord("USE")) return ParseUse();
  if (CheckWord("UNLOAD")) return ParseUnload();
  FailUnexpected();
}

StatementPtr Parser::ParseInsert() {
  auto statement = std::make_unique<InsertStatement>(Pos());
  ExpectWord("INSERT");
  if (AcceptWord("OVERWRITE")) {
    statement->overwrite = true;
    AcceptWord("TABLE");
    statement->table = ParseQualifiedName();
    if (AcceptWord("PARTITION")) statement->partition_columns = ParseIdentifierList();
    statement->query = ParseQuery();
    return statement;
  }
  ExpectWord("INTO");
  statement->table = ParseQualifiedName();
  // INSERT INTO t (SELECT …) has a parenthesised query, not a column list.
  if (At(TokenKind::kLeftParen) && !AtQueryStart(1) && !At(TokenKind::kLeftParen, 1)) {
    statement->columns = ParseIdentifierList();
  }
  statement->query = ParseQuery();
  return statement;
}

StatementPtr Parser::ParseShow() {
  SourcePos pos = Pos();
  ExpectWord("SHOW");
  hive_ddl_ = true;
  auto like_pattern = [&](ShowStatement& statement) {
    if (AcceptWord("LIKE")) statement.pattern = ParseString();
  };
  if (AcceptWord("DATABASES") || AcceptWord("SCHEMAS")) {
    auto statement = std::make_unique<ShowStatement>(pos, ShowKind::kDatabases);
    like_pattern(*statement);
    return statement;
  }
  if (CheckWord("TABLES") || CheckWord("VIEWS")) {
    ShowKind what = Next().value == "TABLES" ? ShowKind::kTables : ShowKind::kViews;
    auto statement = std::make_unique<ShowStatement>(pos, what);
    if (AcceptWord("IN") || AcceptWord("FROM")) statement->target = ParseQualifiedName();
    like_pattern(*statement);
    // Athena also takes the pattern without LIKE: SHOW TABLES IN db 'sales*'.
    if (!statement->pattern && what == ShowKind::kTables && At(TokenKind::kString)) {
      statement->pattern = ParseString();
    }
    return statement;
  }
  if (AcceptWord("COLUMNS")) {
    auto statement = std::make_unique<ShowStatement>(pos, ShowKind::kColumns);
    if (!AcceptWord("FROM")) ExpectWord("IN");
    statement->target = ParseQualifiedName();
    if (AcceptWord("FROM") || AcceptWord("IN")) {
      // SHOW COLUMNS IN table IN database
      QualifiedName database = ParseQualifiedName();
      database.insert(database.end(), statement->target.begin(), statement->target.end());
      statement->target = std::move(database);
    }
    return statement;
  }
  if (AcceptWord("PARTITIONS")) {
    auto statement = std::make_unique<ShowStatement>(pos, ShowKind::kPartitions);
    statement->target = ParseQualifiedName();
    return statement;
  }
  if (AcceptWord("CREATE")) {
    ShowKind what = ShowKind::kCreateTable;
    if (AcceptWord("VIEW")) {
      what = ShowKind::kCreateView;
    } else {
      ExpectWord("TABLE");
    }
    auto statement = std::make_unique<ShowStatement>(pos, what);
    statement->target = ParseQualifiedName();
    return statement;
  }
  if (AcceptWord("TBLPROPERTIES")) {
    auto statement = std::make_unique<ShowStatement>(pos, ShowKind::kTblProperties);
    statement->target = ParseQualifiedName();
    if (Accept(TokenKind::kLeftParen)) {
      statement->pattern = ParseString();
      Expect(TokenKind::kRightParen);
    }
    return statement;
  }
  FailUnexpected();
}

StatementPtr Parser::ParseDescribe() {
  auto statement = std::make_unique<DescribeStatement>(Next().pos);
  hive_ddl_ = true;
  // EXTENDED / FORMATTED are options only when a table name follows them.
  if (AtWord("EXTENDED") && AtIdentifier(1)) {
    Next();
    statement->extended = true;
  } else if (AtWord("FORMATTED") && AtIdentifier(1)) {
    Next();
    statement->formatted = true;
  }
  statement->table = ParseQualifiedName();
  if (AtIdentifier()) statement->column = ParseIdentifier();
  return statement;
}

StatementPtr Parser::ParseExplain() {
  NestingGuard guard(*this);
  auto statement = std::make_unique<ExplainStatement>(Next().pos);
  if (AcceptWord("ANALYZE")) {
    statement->analyze = true;
    statement->verbose = AcceptWord("VERBOSE");
  }
  // EXPLAIN (FORMAT JSON, TYPE DISTRIBUTED) …, told apart from EXPLAIN (SELECT …).
  if (At(TokenKind::kLeftParen) && (AtWord("FORMAT", 1) || AtWord("TYPE", 1))) {
    Next();
    do {
      bool is_format = AcceptWord("FORMAT");
      if (!is_format) ExpectWord("TYPE");
      if (!At(TokenKind::kWord)) {
        NoteExpected(is_format ? "TEXT, JSON or GRAPHVIZ" : "LOGICAL, DISTRIBUTED, VALIDATE or IO");
        FailUnexpected();
      }
      SourcePos option_pos = Pos();
      std::string value = Next().value;
      std::optional<std::string>& slot = is_format ? statement->format : statement->type;
      if (slot) FailAt(option_pos, std::string(is_format ? "FORMAT" : "TYPE") + " is given twice");
      slot = std::move(value);
    } while (Accept(TokenKind::kComma));
    Expect(TokenKind::kRightParen);
  }
  statement->statement = ParseOneStatement();
  return statement;
}

StatementPtr Parser::ParseUnload() {
  NestingGuard guard(*this);
  auto statement = std::make_unique<UnloadStatement>(Next().pos);
  Expect(TokenKind::kLeftParen);
  statement->query = ParseQuery();
  Expect(TokenKind::kRightParen);
  ExpectWord("TO");
  statement->location = ParseString();
  if (AcceptWord("WITH")) statement->properties = ParseTableProperties();
  return statement;
}

StatementPtr Parser::ParseUse() {
  auto statement = std::make_unique<UseStatement>(Next().pos);
  hive_ddl_ = true;
  statement->name = ParseQualifiedName();
  return statement;
}

}  // namespace basin::sql
