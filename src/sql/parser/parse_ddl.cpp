// DDL: CREATE DATABASE / TABLE (Hive) / TABLE AS / VIEW, DROP, ALTER TABLE … PARTITION and
// MSCK REPAIR TABLE. Hive DDL statements accept back-quoted names and Hive's escaped strings.
#include "sql/parser/hive_string.hpp"
#include "sql/parser/keywords.hpp"
#include "sql/parser/parser_impl.hpp"

namespace basin::sql {
namespace {

constexpr std::string_view kStorageFormats[] = {
    "AVRO", "ION", "JSONFILE", "ORC", "PARQUET", "RCFILE", "SEQUENCEFILE", "TEXTFILE",
};

}  // namespace

StatementPtr Parser::ParseCreate() {
  SourcePos pos = Next().pos;
  bool or_replace = false;
  if (AcceptWord("OR")) {
    ExpectWord("REPLACE");
    or_replace = true;
  }
  if (CheckWord("VIEW")) return ParseCreateView(pos, or_replace);
  if (or_replace) FailUnexpected();
  if (CheckWord("DATABASE") || CheckWord("SCHEMA")) return ParseCreateDatabase(pos);
  bool external = AcceptWord("EXTERNAL");
  if (!external && !CheckWord("TABLE")) FailUnexpected();
  return ParseCreateTable(pos, external);
}

StatementPtr Parser::ParseCreateDatabase(SourcePos pos) {
  Next();  // DATABASE or SCHEMA
  hive_ddl_ = true;
  auto statement = std::make_unique<CreateDatabaseStatement>(pos);
  statement->if_not_exists = AcceptIfNotExists();
  statement->name = ParseIdentifier();
  while (true) {
    SourcePos clause = Pos();
    if (AcceptWord("COMMENT")) {
      if (statement->comment) FailAt(clause, "COMMENT is given twice");
      statement->comment = ParseHiveString();
    } else if (AcceptWord("LOCATION")) {
      if (statement->location) FailAt(clause, "LOCATION is given twice");
      statement->location = ParseHiveString();
    } else if (AcceptWord("WITH")) {
      ExpectWord("DBPROPERTIES");
      if (!statement->properties.empty()) FailAt(clause, "DBPROPERTIES is given twice");
      statement->properties = ParseStringProperties();
    } else {
      return statement;
    }
  }
}

StatementPtr Parser::ParseCreateView(SourcePos pos, bool or_replace) {
  ExpectWord("VIEW");
  auto statement = std::make_unique<CreateViewStatement>(pos);
  statement->or_replace = or_replace;
  statement->name = ParseQualifiedName();
  if (At(TokenKind::kLeftParen)) statement->columns = ParseIdentifierList();
  ExpectWord("AS");
  statement->query = ParseQuery();
  return statement;
}

StatementPtr Parser::ParseCreateTable(SourcePos pos, bool external) {
  ExpectWord("TABLE");
  hive_ddl_ = true;
  bool if_not_exists = AcceptIfNotExists();
  QualifiedName name = ParseQualifiedName();
  if (!external && (CheckWord("WITH") || CheckWord("AS"))) {
    hive_ddl_ = false;
    return ParseCreateTableAs(pos, if_not_exists, std::move(name));
  }
  if (!Check(TokenKind::kLeftParen)) {
    FailUnexpected();
  }
  auto statement = std::make_unique<CreateTableStatement>(pos);
  statement->external = external;
  statement->if_not_exists = if_not_exists;
  statement->name = std::move(name);
  statement->columns = ParseColumnDefinitions();
  ParseHiveTableClauses(*statement);
  return statement;
}

StatementPtr Parser::ParseCreateTableAs(SourcePos pos, bool if_not_exists, QualifiedName name) {
  auto statement = std::make_unique<CreateTableAsStatement>(pos);
  statement->if_not_exists = if_not_exists;
  statement->name = std::move(name);
  if (AcceptWord("WITH")) statement->properties = ParseTableProperties();
  ExpectWord("AS");
  statement->query = ParseQuery();
  if (AcceptWord("WITH")) {
    statement->data_clause = true;
    statement->with_data = !AcceptWord("NO");
    ExpectWord("DATA");
  }
  return statement;
}

std::vector<TableProperty> Parser::ParseTableProperties() {
  Expect(TokenKind::kLeftParen);
  std::vector<TableProperty> properties;
  do {
    TableProperty property;
    property.name = ParseIdentifier();
    Expect(TokenKind::kEq);
    property.value = ParseExpr();
    properties.push_back(std::move(property));
  } while (Accept(TokenKind::kComma));
  Expect(TokenKind::kRightParen);
  return properties;
}

std::vector<ColumnDefinition> Parser::ParseColumnDefinitions() {
  Expect(TokenKind::kLeftParen);
  std::vector<ColumnDefinition> columns;
  do {
    ColumnDefinition column;
    column.name = ParseIdentifier();
    column.type = ParseTypeName();
    if (AcceptWord("COMMENT")) column.comment = ParseHiveString();
    columns.push_back(std::move(column));
  } while (Accept(TokenKind::kComma));
  Expect(TokenKind::kRightParen);
  return columns;
}

void Parser::ParseHiveTableClauses(CreateTableStatement& table) {
  bool partitioned = false;
  bool row_format = false;
  bool stored = false;
  auto once = [&](bool& seen, SourcePos clause, const char* what) {
    if (seen) FailAt(clause, std::string(what) + " is given twice");
    seen = true;
  };
  while (true) {
    SourcePos clause = Pos();
    if (AcceptWord("COMMENT")) {
      if (table.comment) FailAt(clause, "COMMENT is given twice");
      table.comment = ParseHiveString();
    } else if (AcceptWord("PARTITIONED")) {
      once(partitioned, clause, "PARTITIONED BY");
      ExpectWord("BY");
      table.partition_columns = ParseColumnDefinitions();
    } else if (AcceptWord("CLUSTERED")) {
      if (table.bucketing) FailAt(clause, "CLUSTERED BY is given twice");
      ExpectWord("BY");
      Bucketing bucketing;
      bucketing.columns = ParseIdentifierList();
      ExpectWord("INTO");
      SourcePos count_pos = Pos();
      bucketing.buckets = ParseInteger();
      if (bucketing.buckets < 1) FailAt(count_pos, "the number of buckets must be positive");
      ExpectWord("BUCKETS");
      table.bucketing = std::move(bucketing);
    } else if (AcceptWord("ROW")) {
      once(row_format, clause, "ROW FORMAT");
      ExpectWord("FORMAT");
      ParseRowFormat(table.row_format);
    } else if (AcceptWord("STORED")) {
      once(stored, clause, "STORED AS");
      ExpectWord("AS");
      if (AcceptWord("INPUTFORMAT")) {
        table.input_format = ParseHiveString();
        ExpectWord("OUTPUTFORMAT");
        table.output_format = ParseHiveString();
      } else {
        const Token& format = Peek();
        bool known = false;
        for (std::string_view name : kStorageFormats) {
          if (CheckWord(name)) known = true;
        }
        NoteExpected("INPUTFORMAT");
        if (!known) {
          if (format.kind != TokenKind::kWord) FailUnexpected();
          std::string_view closest = ClosestKeyword(format.value, kStorageFormats);
          FailAt(format.pos,
                 "unknown storage format " + std::string(format.raw) +
                     "; expected one of AVRO, ION, JSONFILE, ORC, PARQUET, RCFILE, "
                     "SEQUENCEFILE, TEXTFILE or INPUTFORMAT",
                 closest.empty() ? "" : "did you mean " + std::string(closest) + "?");
        }
        table.stored_as = Next().value;
      }
    } else if (AcceptWord("LOCATION")) {
      if (table.location) FailAt(clause, "LOCATION is given twice");
      table.location = ParseHiveString();
    } else if (AcceptWord("TBLPROPERTIES")) {
      if (!table.table_properties.empty()) FailAt(clause, "TBLPROPERTIES is given twice");
      table.table_properties = ParseStringProperties();
    } else {
      return;
    }
  }
}

void Parser::ParseRowFormat(RowFormat& format) {
  if (AcceptWord("SERDE")) {
    format.kind = RowFormatKind::kSerde;
    format.serde = ParseHiveString();
    if (AcceptWord("WITH")) {
      ExpectWord("SERDEPROPERTIES");
      format.serde_properties = ParseStringProperties();
    }
    return;
  }
  ExpectWord("DELIMITED");
  format.kind = RowFormatKind::kDelimited;
  auto set = [&](std::optional<std::string>& slot, SourcePos clause, const char* what) {
    if (slot) FailAt(clause, std::string(what) + " is given twice");
    slot = ParseHiveString();
  };
  while (true) {
    SourcePos clause = Pos();
    if (AcceptWord("FIELDS")) {
      ExpectWords({"TERMINATED", "BY"});
      set(format.fields_terminated_by, clause, "FIELDS TERMINATED BY");
      if (AcceptWord("ESCAPED")) {
        ExpectWord("BY");
        set(format.escaped_by, clause, "ESCAPED BY");
      }
    } else if (AcceptWord("COLLECTION")) {
      ExpectWords({"ITEMS", "TERMINATED", "BY"});
      set(format.collection_items_terminated_by, clause, "COLLECTION ITEMS TERMINATED BY");
    } else if (AcceptWord("MAP")) {
      ExpectWords({"KEYS", "TERMINATED", "BY"});
      set(format.map_keys_terminated_by, clause, "MAP KEYS TERMINATED BY");
    } else if (AcceptWord("LINES")) {
      ExpectWords({"TERMINATED", "BY"});
      set(format.lines_terminated_by, clause, "LINES TERMINATED BY");
    } else if (AcceptWord("NULL")) {
      ExpectWords({"DEFINED", "AS"});
      set(format.null_defined_as, clause, "NULL DEFINED AS");
    } else {
      return;
    }
  }
}

std::vector<StringProperty> Parser::ParseStringProperties() {
  Expect(TokenKind::kLeftParen);
  std::vector<StringProperty> properties;
  do {
    StringProperty property;
    property.key = ParseHiveString();
    Expect(TokenKind::kEq);
    property.value = ParseHiveString();
    properties.push_back(std::move(property));
  } while (Accept(TokenKind::kComma));
  Expect(TokenKind::kRightParen);
  return properties;
}

// Hive also writes strings in double quotes, which the lexer reads as quoted identifiers.
std::string Parser::ParseHiveString() {
  if (At(TokenKind::kQuotedIdentifier)) return UnescapeHiveString(Next().value);
  return UnescapeHiveString(ParseString());
}

StatementPtr Parser::ParseDrop() {
  SourcePos pos = Next().pos;
  hive_ddl_ = true;
  ObjectKind object;
  if (AcceptWord("DATABASE") || AcceptWord("SCHEMA")) {
    object = ObjectKind::kDatabase;
  } else if (AcceptWord("TABLE")) {
    object = ObjectKind::kTable;
  } else if (AcceptWord("VIEW")) {
    object = ObjectKind::kView;
  } else {
    FailUnexpected();
  }
  auto statement = std::make_unique<DropStatement>(pos, object);
  statement->if_exists = AcceptIfExists();
  if (object == ObjectKind::kDatabase) {
    statement->name.push_back(ParseIdentifier());
    if (AcceptWord("CASCADE")) {
      statement->cascade = true;
    } else {
      AcceptWord("RESTRICT");
    }
  } else {
    statement->name = ParseQualifiedName();
  }
  return statement;
}

StatementPtr Parser::ParseAlterTable() {
  SourcePos pos = Next().pos;
  hive_ddl_ = true;
  ExpectWord("TABLE");
  QualifiedName table = ParseQualifiedName();
  if (AcceptWord("ADD")) {
    auto statement = std::make_unique<AddPartitionsStatement>(pos);
    statement->table = std::move(table);
    statement->if_not_exists = AcceptIfNotExists();
    do {
      ExpectWord("PARTITION");
      AddedPartition partition;
      partition.spec = ParsePartitionSpec();
      if (AcceptWord("LOCATION")) partition.location = ParseHiveString();
      statement->partitions.push_back(std::move(partition));
    } while (CheckWord("PARTITION"));
    return statement;
  }
  if (AcceptWord("DROP")) {
    auto statement = std::make_unique<DropPartitionsStatement>(pos);
    statement->table = std::move(table);
    statement->if_exists = AcceptIfExists();
    do {
      ExpectWord("PARTITION");
      statement->partitions.push_back(ParsePartitionSpec());
    } while (Accept(TokenKind::kComma));
    return statement;
  }
  FailUnexpected();
}

PartitionSpec Parser::ParsePartitionSpec() {
  PartitionSpec spec;
  spec.pos = Pos();
  Expect(TokenKind::kLeftParen);
  do {
    PartitionValue value;
    value.key = ParseIdentifier();
    Expect(TokenKind::kEq);
    const Token& token = Peek();
    if (token.kind == TokenKind::kString || token.kind == TokenKind::kQuotedIdentifier) {
      value.value = ParseHiveString();
    } else {
      bool negative = Accept(TokenKind::kMinus);
      if (!Check(TokenKind::kInteger) && !Check(TokenKind::kDecimal)) {
        NoteExpected("string");
        FailUnexpected();
      }
      value.value = (negative ? "-" : "") + Next().value;
      value.quoted = false;
    }
    spec.values.push_back(std::move(value));
  } while (Accept(TokenKind::kComma));
  Expect(TokenKind::kRightParen);
  return spec;
}

StatementPtr Parser::ParseMsckRepair() {
  auto statement = std::make_unique<MsckRepairStatement>(Next().pos);
  hive_ddl_ = true;
  ExpectWords({"REPAIR", "TABLE"});
  statement->table = ParseQualifiedName();
  return statement;
}

}  // namespace basin::sql
