// Syntax errors: InvalidInput with the line and column of the offending token, what was
// expected, the line with a caret, and hints; limits on hostile input.
#include "sql/parser/syntax_error.hpp"

#include <gtest/gtest.h>

#include <random>

#include "parser_test_support.hpp"

namespace basin::sql {
namespace {

using testing::ErrorOf;

bool Contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(SyntaxError, NamesLineColumnAndWhatWasExpected) {
  std::string message = ErrorOf("select a,\n       b\nfrom t\nwhere");
  EXPECT_TRUE(Contains(message, "syntax error at line 4, column 6: unexpected end of input"))
      << message;
  EXPECT_TRUE(Contains(message, "expected an expression")) << message;

  message = ErrorOf("select * from t where a = 1 group a");
  EXPECT_TRUE(Contains(message, "line 1, column 35: unexpected 'a'; expected BY")) << message;

  message = ErrorOf("select * from t join u");
  EXPECT_TRUE(Contains(message, "unexpected end of input")) << message;
  EXPECT_TRUE(Contains(message, "ON")) << message;
  EXPECT_TRUE(Contains(message, "USING")) << message;

  message = ErrorOf("select cast(x as) from t");
  EXPECT_TRUE(Contains(message, "line 1, column 17: unexpected ')'; expected a type")) << message;
}

TEST(SyntaxError, QuotesTheLineWithACaret) {
  std::string message = ErrorOf("select 1;\nselect a\n  from t wher x");
  EXPECT_TRUE(Contains(message, "line 3, column 15")) << message;
  EXPECT_TRUE(Contains(message, "\n    from t wher x\n                ^")) << message;
  // Tabs are kept in the caret line so the caret stays under the character.
  message = ErrorOf("select\t\t)");
  EXPECT_TRUE(Contains(message, "\n  select\t\t)\n        \t\t^")) << message;
}

TEST(SyntaxError, LongLinesAreCutAroundTheColumn) {
  std::string sql = "select " + std::string(500, ' ') + "a b c from t";
  std::string message = ErrorOf(sql);
  EXPECT_TRUE(Contains(message, "column 512")) << message;
  EXPECT_LT(message.size(), 600u);
  EXPECT_TRUE(Contains(message, "  ...")) << message;
  // The caret stays under the offending token 'c' after the cut.
  size_t text_line = message.find('\n') + 1;
  size_t caret_line = message.find('\n', text_line) + 1;
  size_t caret = message.find('^', caret_line) - caret_line;
  EXPECT_EQ(message[text_line + caret], 'c') << message;
  // Multi-byte characters before the column take one caret position each.
  message = ErrorOf("select 'é', 'ü' 'x'");
  text_line = message.find('\n') + 1;
  caret_line = message.find('\n', text_line) + 1;
  EXPECT_EQ(message.substr(caret_line, message.find('\n', caret_line) - caret_line),
            std::string(2 + 16, ' ') + "^")
      << message;
}

TEST(SyntaxError, MisspeltKeywordHints) {
  struct Case {
    const char* sql;
    const char* hint;
  };
  const Case cases[] = {
      {"SELEC * FROM t", "did you mean SELECT?"},
      {"select * form t", "did you mean FROM?"},
      {"select * from t wehre a = 1", "did you mean WHERE?"},
      {"select * from t where a = 1 gropu by a", "did you mean GROUP?"},
      {"select * from t where a = 1 ordr by a", "did you mean ORDER?"},
      {"select a from t order by a desk", "did you mean DESC?"},
      {"select a from t limt 5", "did you mean LIMIT?"},
      {"select a form t", "did you mean FROM?"},
      {"select a from t grup by a", "did you mean GROUP?"},
      {"creat table t (a int)", "did you mean CREATE?"},
      {"create external tabel t (a int)", "did you mean TABLE?"},
      {"select a from t union al select b from u", "did you mean ALL?"},
      {"create external table t (a int) stored as parqet", "did you mean PARQUET?"},
      {"select * from a left jion b on a.x = b.x", "did you mean JOIN?"},
  };
  for (const Case& c : cases) {
    std::string message = ErrorOf(c.sql);
    EXPECT_TRUE(Contains(message, std::string("hint: ") + c.hint) || Contains(message, c.hint))
        << c.sql << "\n"
        << message;
  }
  // The alias hint says where the misspelt word is.
  std::string message = ErrorOf("select a form t");
  EXPECT_TRUE(Contains(message, "'form' at line 1, column 10 was read as an alias")) << message;
}

TEST(SyntaxError, TrailingCommaHint) {
  std::string message = ErrorOf("select a, b, from t");
  EXPECT_TRUE(Contains(message, "line 1, column 14: unexpected 'from'")) << message;
  EXPECT_TRUE(Contains(message, "hint: remove the trailing ',' at line 1, column 12")) << message;
  message = ErrorOf("select a from t group by a, order by a");
  EXPECT_TRUE(Contains(message, "remove the trailing ','")) << message;
  message = ErrorOf("select f(a, ) from t");
  EXPECT_TRUE(Contains(message, "remove the trailing ',' at line 1, column 11")) << message;
  message = ErrorOf("create external table t (a int, b string,)");
  EXPECT_TRUE(Contains(message, "remove the trailing ','")) << message;
}

TEST(SyntaxError, UnbalancedParenthesesHints) {
  std::string message = ErrorOf("select (a + (b * c) from t");
  EXPECT_TRUE(Contains(message, "hint: the '(' at line 1, column 8 is never closed")) << message;
  message = ErrorOf("select count(*\nfrom t");
  EXPECT_TRUE(Contains(message, "the '(' at line 1, column 13 is never closed")) << message;
  message = ErrorOf("select * from t where (a = 1");
  EXPECT_TRUE(Contains(message, "unexpected end of input")) << message;
  EXPECT_TRUE(Contains(message, "the '(' at line 1, column 23 is never closed")) << message;
  message = ErrorOf("select a) from t");
  EXPECT_TRUE(Contains(message, "line 1, column 9: unexpected ')'")) << message;
  EXPECT_TRUE(Contains(message, "this ')' has no matching '('")) << message;
  message = ErrorOf("select (a)) from t");
  EXPECT_TRUE(Contains(message, "line 1, column 11")) << message;
  EXPECT_TRUE(Contains(message, "no matching '('")) << message;
}

TEST(SyntaxError, UnterminatedStringNamesItsStart) {
  std::string message = ErrorOf("select 'abc,\n  x\nfrom t");
  EXPECT_TRUE(Contains(message, "unterminated string literal starting at line 1, column 8"))
      << message;
  message = ErrorOf("select 1;\nselect \"col\nfrom t");
  EXPECT_TRUE(Contains(message, "unterminated quoted identifier starting at line 2, column 8"))
      << message;
}

TEST(SyntaxError, ReservedWordsAndOtherHints) {
  std::string message = ErrorOf("select order from t");
  EXPECT_TRUE(Contains(message, "ORDER is a reserved word; write \"order\" to use it as a name"))
      << message;
  message = ErrorOf("select * from select");
  EXPECT_TRUE(Contains(message, "expected '(' or an identifier")) << message;
  message = ErrorOf("select transform(a, x -> x + 1) from t");
  EXPECT_TRUE(Contains(message, "lambda expressions")) << message;
  message = ErrorOf("select `a` from t");
  EXPECT_TRUE(Contains(message, "use double quotes") || Contains(message, "double quotes"))
      << message;
}

TEST(SyntaxError, ClauseAndStatementMistakes) {
  EXPECT_TRUE(Contains(ErrorOf("select a b c from t"), "line 1, column 12"));
  EXPECT_TRUE(Contains(ErrorOf("select * from t limit x"), "expected ALL or a row count"));
  EXPECT_TRUE(Contains(ErrorOf("select a = b = c"), "line 1, column 14"));
  EXPECT_TRUE(Contains(ErrorOf("select case when a then 1"), "expected"));
  EXPECT_TRUE(Contains(ErrorOf("select case end"), "expected WHEN"));
  EXPECT_TRUE(Contains(ErrorOf("select x from t where a not b"), "line 1, column 25"));
  EXPECT_TRUE(Contains(ErrorOf("select interval '1' fortnight"), "YEAR"));
  EXPECT_TRUE(Contains(ErrorOf("select 1 2"), "line 1, column 10"));
  EXPECT_TRUE(Contains(ErrorOf("select * from a cross join b on true"), "line 1, column 30"));
  EXPECT_TRUE(Contains(ErrorOf("create or replace table t (a int)"), "expected VIEW"));
  EXPECT_TRUE(Contains(ErrorOf("create external table t as select 1"), "expected '('"));
  EXPECT_TRUE(Contains(ErrorOf("create external table t (a int) comment 'x' comment 'y'"),
                       "COMMENT is given twice"));
  EXPECT_TRUE(Contains(ErrorOf("create external table t (a int) clustered by (a) into 0 buckets"),
                       "must be positive"));
  EXPECT_TRUE(Contains(ErrorOf("alter table t rename to u"), "expected ADD or DROP"));
  EXPECT_TRUE(Contains(ErrorOf("alter table t add partition (a = b)"), "line 1, column 34"));
  EXPECT_TRUE(Contains(ErrorOf("show tablez"), "did you mean TABLES?"));
  EXPECT_TRUE(Contains(ErrorOf("select 1; select 2 select 3"), "line 1, column 20"));
  EXPECT_TRUE(Contains(ErrorOf("select * from t t2 t3"), "line 1, column 20"));
  EXPECT_TRUE(
      Contains(ErrorOf("select cast(x as decimal(10, int)) from t"), "all numbers or all types"));
  EXPECT_TRUE(Contains(ErrorOf("create external table t (a int) clustered by (a) into "
                               "99999999999999999999 buckets"),
                       "out of range"));
}

TEST(SyntaxError, DeepNestingIsRejectedNotACrash) {
  std::string parens = "select " + std::string(10000, '(') + "1" + std::string(10000, ')');
  EXPECT_TRUE(Contains(ErrorOf(parens), "nests too deeply")) << ErrorOf(parens).substr(0, 200);
  std::string subqueries;
  for (int i = 0; i < 1000; ++i) subqueries += "select * from (";
  EXPECT_TRUE(Contains(ErrorOf(subqueries), "nests too deeply"));
  std::string nots = "select ";
  for (int i = 0; i < 5000; ++i) nots += "not ";
  EXPECT_TRUE(Contains(ErrorOf(nots + "1"), "nests too deeply"));
  std::string minus = "select " + std::string(5000, '-') + "1";
  EXPECT_TRUE(Contains(ErrorOf(minus), "unexpected end of input"));  // "--" starts a comment
  std::string negations = "select ";
  for (int i = 0; i < 5000; ++i) negations += "- ";
  EXPECT_TRUE(Contains(ErrorOf(negations + "1"), "nests too deeply"));
  std::string types = "select cast(x as ";
  for (int i = 0; i < 5000; ++i) types += "array(";
  EXPECT_TRUE(Contains(ErrorOf(types), "nests too deeply"));
  std::string hive_types = "create external table t (a ";
  for (int i = 0; i < 5000; ++i) hive_types += "array<";
  EXPECT_TRUE(Contains(ErrorOf(hive_types), "nests too deeply"));
  std::string explains;
  for (int i = 0; i < 5000; ++i) explains += "explain ";
  EXPECT_TRUE(Contains(ErrorOf(explains + "select 1"), "nests too deeply"));
  // Nesting within the limit is fine.
  EXPECT_EQ(ErrorOf("select " + std::string(100, '(') + "1" + std::string(100, ')')), "");
}

TEST(SyntaxError, LongChainsAreBoundedButFlatListsAreNot) {
  std::string sum = "select 1";
  for (int i = 0; i < 5000; ++i) sum += " + 1";
  EXPECT_TRUE(Contains(ErrorOf(sum), "too deep"));
  std::string shorter = "select 1";
  for (int i = 0; i < 500; ++i) shorter += " || 'x'";
  EXPECT_EQ(ErrorOf(shorter), "");
  std::string unions = "select 1";
  for (int i = 0; i < 5000; ++i) unions += " union all select 1";
  EXPECT_TRUE(Contains(ErrorOf(unions), "too deep"));
  std::string subscripts = "select a";
  for (int i = 0; i < 5000; ++i) subscripts += "[1]";
  EXPECT_TRUE(Contains(ErrorOf(subscripts), "too deep"));
  std::string joins = "select * from t0";
  for (int i = 1; i < 5000; ++i) joins += " cross join t" + std::to_string(i);
  EXPECT_TRUE(Contains(ErrorOf(joins), "too deep"));
  // AND / OR chains and lists are flat, so thousands of terms are fine.
  std::string ors = "select * from t where x = 0";
  for (int i = 1; i < 20000; ++i) ors += " or x = " + std::to_string(i);
  EXPECT_EQ(ErrorOf(ors), "");
  StatementPtr statement = ParseStatement(ors);
  const auto& where = *statement->As<QueryStatement>().query->body->As<SelectBody>().where;
  EXPECT_EQ(where.As<Conjunction>().terms.size(), 20000u);
  std::string in_list = "select * from t where x in (0";
  for (int i = 1; i < 20000; ++i) in_list += ", " + std::to_string(i);
  EXPECT_EQ(ErrorOf(in_list + ")"), "");
}

// Random token soup and random bytes must produce InvalidInput or parse, never crash or hang.
TEST(SyntaxError, RandomInputNeverCrashes) {
  const char* const pieces[] = {
      "select", "from",  "where", "(",         ")",     ",",      "a",      "'s'",      "1",
      "+",      "*",     "and",   "or",        "not",   "in",     "exists", "case",     "when",
      "then",   "end",   "join",  "on",        "union", "with",   "as",     "[",        "]",
      ".",      "cast",  "int",   "array",     "<",     ">",      "create", "table",    "external",
      "over",   "order", "by",    "partition", "group", "values", ";",      "interval", "day",
  };
  std::mt19937 random(12345);
  int parsed = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string sql;
    int length = 1 + static_cast<int>(random() % 30);
    for (int i = 0; i < length; ++i) {
      sql += pieces[random() % std::size(pieces)];
      sql += ' ';
    }
    try {
      ParseScript(sql);
      ++parsed;
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::kInvalidInput) << sql;
      EXPECT_TRUE(Contains(error.what(), "line 1, column ")) << sql << "\n" << error.what();
    }
  }
  for (int round = 0; round < 2000; ++round) {
    std::string bytes(random() % 64, '\0');
    for (char& c : bytes) c = static_cast<char>(random() % 256);
    try {
      ParseScript(bytes);
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
    }
  }
  EXPECT_GT(parsed, 0);
}

TEST(SourceExcerpt, PointsAtOffsets) {
  std::string sql = "first line\nsecond line";
  EXPECT_EQ(SourceExcerpt(sql, SourcePos{2, 8, 18}), "  second line\n         ^");
  EXPECT_EQ(SourceExcerpt(sql, SourcePos{1, 1, 0}), "  first line\n  ^");
  // At the end of the text the caret sits after the last character.
  EXPECT_EQ(SourceExcerpt("abc", SourcePos{1, 4, 3}), "  abc\n     ^");
  EXPECT_EQ(FormatSyntaxError("abc", SourcePos{1, 2, 1}, "bad", "fix it"),
            "syntax error at line 1, column 2: bad\n  abc\n   ^\nhint: fix it");
}

}  // namespace
}  // namespace basin::sql
