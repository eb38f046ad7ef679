// Type names: Trino's (`varchar(10)`, `array(bigint)`, `row(a integer)`,
// `timestamp(3) with time zone`, `interval day to second`) and Hive's angle-bracket forms
// (`array<struct<a:int>>`), which Hive DDL uses and CAST also accepts.
#include "sql/parser/parser_impl.hpp"

namespace basin::sql {
namespace {

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

bool IsIntervalField(std::string_view upper) {
  return upper == "YEAR" || upper == "MONTH" || upper == "DAY" || upper == "HOUR" ||
         upper == "MINUTE" || upper == "SECOND";
}

}  // namespace

TypeName Parser::ParseTypeName() {
  NestingGuard guard(*this);
  TypeName type;
  type.pos = Pos();
  type.hive_ddl = hive_ddl_;
  if (!At(TokenKind::kWord)) {
    NoteExpected("a type");
    FailUnexpected();
  }
  type.name = Lower(Next().value);
  if (type.name == "double" && AcceptWord("PRECISION")) type.name = "double precision";
  if (type.name == "interval" && At(TokenKind::kWord) && IsIntervalField(Peek().value)) {
    type.name += " " + Lower(Next().value);
    ExpectWord("TO");
    if (!At(TokenKind::kWord) || !IsIntervalField(Peek().value)) {
      NoteExpected("an interval field such as SECOND");
      FailUnexpected();
    }
    type.name += " to " + Lower(Next().value);
    return type;
  }
  if (At(TokenKind::kLeftParen)) {
    ParseTypeParameters(type);
  } else if (At(TokenKind::kLt)) {
    ParseHiveTypeParameters(type);
  } else if (type.name == "struct" && At(TokenKind::kNe) && Peek().raw == "<>") {
    Next();  // struct<>, which the lexer reads as the operator <>
    type.angle_brackets = true;
  }
  if ((type.name == "time" || type.name == "timestamp") &&
      ((AtWord("WITH") || AtWord("WITHOUT")) && AtWord("TIME", 1))) {
    type.with_time_zone = Next().value == "WITH";
    ExpectWords({"TIME", "ZONE"});
  }
  return type;
}

// (10), (12, 2), (bigint), (varchar, double), (a integer, b varchar): numbers or types, not
// both; a row's fields may be named.
void Parser::ParseTypeParameters(TypeName& type) {
  Expect(TokenKind::kLeftParen);
  bool named_fields = type.name == "row";
  do {
    if (At(TokenKind::kInteger)) {
      if (!type.fields.empty()) FailAt(Pos(), "type parameters must be all numbers or all types");
      type.numbers.push_back(ParseInteger());
      continue;
    }
    if (!type.numbers.empty()) FailAt(Pos(), "type parameters must be all numbers or all types");
    TypeField field;
    // `name type` unless the second word continues the type (double precision, with time zone)
    // or there is no second word.
    bool has_name = named_fields && AtIdentifier() &&
                    (At(TokenKind::kWord, 1) || At(TokenKind::kQuotedIdentifier, 1)) &&
                    !AtWord("PRECISION", 1) && !AtWord("WITH", 1) && !AtWord("WITHOUT", 1) &&
                    !(AtWord("INTERVAL") && At(TokenKind::kWord, 1) &&
                      IsIntervalField(Peek(1).value) && AtWord("TO", 2));
    if (has_name) field.name = ParseIdentifier();
    field.type = ParseTypeName();
    type.fields.push_back(std::move(field));
  } while (Accept(TokenKind::kComma));
  Expect(TokenKind::kRightParen);
}

// <int>, <string, bigint>, <a:int, `b c`:string>
void Parser::ParseHiveTypeParameters(TypeName& type) {
  Expect(TokenKind::kLt);
  type.angle_brackets = true;
  bool named_fields = type.name == "struct";
  if (named_fields && Accept(TokenKind::kGt)) return;  // struct< >
  do {
    TypeField field;
    if (named_fields) {
      field.name = ParseAnyWordIdentifier();
      Expect(TokenKind::kColon);
    }
    field.type = ParseTypeName();
    type.fields.push_back(std::move(field));
  } while (Accept(TokenKind::kComma));
  Expect(TokenKind::kGt);
}

}  // namespace basin::sql
