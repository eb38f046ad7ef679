#include "sql/parser/keywords.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "sql/parser/hive_string.hpp"

namespace basin::sql {
namespace {

TEST(Keywords, ReservedWords) {
  for (const char* word : {"SELECT", "FROM", "WHERE", "GROUP", "ORDER", "JOIN", "AND", "CASE",
                           "TABLE", "WITH", "VALUES", "UNNEST", "CURRENT_DATE", "ALTER"}) {
    EXPECT_TRUE(IsReservedWord(word)) << word;
  }
  for (const char* word : {"DATE", "YEAR", "LIMIT", "TABLES", "COMMENT", "LOCATION", "FORMAT",
                           "SELECTED", "", "select"}) {
    EXPECT_FALSE(IsReservedWord(word)) << word;
  }
  EXPECT_TRUE(IsClauseWord("LIMIT"));
  EXPECT_TRUE(IsClauseWord("OFFSET"));
  EXPECT_FALSE(IsClauseWord("DATE"));
  auto all = AllKeywords();
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end()));
  EXPECT_TRUE(std::adjacent_find(all.begin(), all.end()) == all.end());
  EXPECT_TRUE(std::binary_search(all.begin(), all.end(), "TBLPROPERTIES"));
}

TEST(Keywords, EditDistance) {
  EXPECT_EQ(EditDistance("FROM", "FROM", 3), 0);
  EXPECT_EQ(EditDistance("from", "FROM", 3), 0);
  EXPECT_EQ(EditDistance("FORM", "FROM", 3), 1);  // adjacent transposition
  EXPECT_EQ(EditDistance("SELEC", "SELECT", 3), 1);
  EXPECT_EQ(EditDistance("WHRE", "WHERE", 3), 1);
  EXPECT_EQ(EditDistance("GROPU", "GROUP", 3), 1);
  EXPECT_EQ(EditDistance("kitten", "sitting", 5), 3);
  EXPECT_EQ(EditDistance("", "ABC", 5), 3);
  // Past the limit it stops early and reports limit + 1.
  EXPECT_EQ(EditDistance("ABCDEFGH", "ZZZZZZZZ", 2), 3);
  EXPECT_EQ(EditDistance("A", "ABCDEFG", 2), 3);
}

TEST(Keywords, ClosestKeyword) {
  const std::string_view candidates[] = {"FROM", "WHERE", "GROUP", "ORDER", "LIMIT"};
  EXPECT_EQ(ClosestKeyword("FORM", candidates), "FROM");
  EXPECT_EQ(ClosestKeyword("WHER", candidates), "WHERE");
  EXPECT_EQ(ClosestKeyword("LIMT", candidates), "LIMIT");
  EXPECT_EQ(ClosestKeyword("ODRER", candidates), "ORDER");
  EXPECT_EQ(ClosestKeyword("FROM", candidates), "");  // exact: nothing to suggest
  EXPECT_EQ(ClosestKeyword("X", candidates), "");
  EXPECT_EQ(ClosestKeyword("BANANA", candidates), "");
  EXPECT_EQ(ClosestKeyword("FRM", candidates), "FROM");
  EXPECT_EQ(ClosestKeyword("FR", candidates), "");  // short words need a closer match
}

TEST(HiveString, UnescapesLikeHive) {
  EXPECT_EQ(UnescapeHiveString("plain"), "plain");
  EXPECT_EQ(UnescapeHiveString("\\t"), "\t");
  EXPECT_EQ(UnescapeHiveString("a\\nb"), "a\nb");
  EXPECT_EQ(UnescapeHiveString("\\\\"), "\\");
  EXPECT_EQ(UnescapeHiveString("\\'"), "'");
  EXPECT_EQ(UnescapeHiveString("\\\""), "\"");
  EXPECT_EQ(UnescapeHiveString("\\001"), "\x01");
  EXPECT_EQ(UnescapeHiveString("\\u00e9"), "\xC3\xA9");
  EXPECT_EQ(UnescapeHiveString("\\0"), std::string(1, '\0'));
  EXPECT_EQ(UnescapeHiveString("\\%\\_"), "\\%\\_");
  EXPECT_EQ(UnescapeHiveString("\\q"), "q");
  EXPECT_EQ(UnescapeHiveString("end\\"), "end\\");
  EXPECT_EQ(UnescapeHiveString("\\u12"), "u12");
}

TEST(HiveString, EscapeIsTheInverse) {
  for (std::string text :
       {std::string("plain"), std::string("\t|\n|\r"), std::string("a\\b"), std::string("it's"),
        std::string("\x01\x02\x7f"), std::string("\\%x"), std::string(1, '\0')}) {
    std::string escaped = EscapeHiveString(text);
    // The SQL lexer turns '' into ' before Hive unescaping.
    std::string lexed;
    for (size_t i = 0; i < escaped.size(); ++i) {
      lexed += escaped[i];
      if (escaped[i] == '\'' && i + 1 < escaped.size() && escaped[i + 1] == '\'') ++i;
    }
    EXPECT_EQ(UnescapeHiveString(lexed), text) << escaped;
  }
  EXPECT_EQ(EscapeHiveString("\t"), "\\t");
  EXPECT_EQ(EscapeHiveString("\x01"), "\\001");
  EXPECT_EQ(EscapeHiveString("'"), "''");
}

}  // namespace
}  // namespace basin::sql
