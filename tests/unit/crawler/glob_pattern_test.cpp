#include "crawler/glob_pattern.hpp"

#include <gtest/gtest.h>

#include "unit/error_code_of.hpp"

namespace basin::crawler {
namespace {

using basin::testing::CodeOf;

TEST(GlobPatternTest, StarStaysWithinALevel) {
  GlobPattern pattern("*act*");
  EXPECT_TRUE(pattern.Matches("actor"));
  EXPECT_TRUE(pattern.Matches("film_actor"));
  EXPECT_TRUE(pattern.Matches("actor_info"));
  EXPECT_FALSE(pattern.Matches("film"));
  EXPECT_FALSE(pattern.Matches("public/actor"));
}

TEST(GlobPatternTest, DoubleStarCrossesLevels) {
  GlobPattern pattern("archive/**");
  EXPECT_TRUE(pattern.Matches("archive/2020/a.csv"));
  EXPECT_TRUE(pattern.Matches("archive/"));
  EXPECT_FALSE(pattern.Matches("current/archive/a.csv"));
  EXPECT_TRUE(GlobPattern("**.csv").Matches("a/b/c.csv"));
  EXPECT_FALSE(GlobPattern("*.csv").Matches("a/b/c.csv"));
}

TEST(GlobPatternTest, QuestionMarkSetsAndNegation) {
  EXPECT_TRUE(GlobPattern("file?.txt").Matches("file1.txt"));
  EXPECT_FALSE(GlobPattern("file?.txt").Matches("file10.txt"));
  EXPECT_FALSE(GlobPattern("a?b").Matches("a/b"));
  EXPECT_TRUE(GlobPattern("[a-c]x").Matches("bx"));
  EXPECT_FALSE(GlobPattern("[a-c]x").Matches("dx"));
  EXPECT_TRUE(GlobPattern("[!a-c]x").Matches("dx"));
  EXPECT_FALSE(GlobPattern("[!a-c]x").Matches("ax"));
  EXPECT_FALSE(GlobPattern("a[!x]b").Matches("a/b"));
}

TEST(GlobPatternTest, GroupsAndEscapes) {
  GlobPattern pattern("*.{csv,json}");
  EXPECT_TRUE(pattern.Matches("a.csv"));
  EXPECT_TRUE(pattern.Matches("a.json"));
  EXPECT_FALSE(pattern.Matches("a.parquet"));
  EXPECT_TRUE(GlobPattern("\\*star").Matches("*star"));
  EXPECT_FALSE(GlobPattern("\\*star").Matches("xstar"));
  // Regular-expression characters are literal in globs.
  EXPECT_TRUE(GlobPattern("a.b+(c)").Matches("a.b+(c)"));
  EXPECT_FALSE(GlobPattern("a.b").Matches("axb"));
  // A comma outside a group is itself.
  EXPECT_TRUE(GlobPattern("a,b").Matches("a,b"));
}

TEST(GlobPatternTest, InvalidPatternsAreClearErrors) {
  std::string message;
  EXPECT_EQ(CodeOf([] { GlobPattern("[abc"); }, &message), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("never closed"), std::string::npos) << message;
  EXPECT_EQ(CodeOf([] { GlobPattern("{a,b"); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { GlobPattern("{a,{b,c}}"); }, &message), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("nested"), std::string::npos) << message;
  EXPECT_EQ(CodeOf([] { GlobPattern("abc\\"); }), ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace basin::crawler
