#include "catalog/like_pattern.hpp"

#include <gtest/gtest.h>

namespace basin::catalog {
namespace {

bool Like(std::string_view text, std::string_view pattern,
          std::optional<char> escape = std::nullopt) {
  return LikePattern(pattern, escape).Matches(text);
}

TEST(LikePattern, PercentAndUnderscore) {
  EXPECT_TRUE(Like("eu-west", "eu-%"));
  EXPECT_FALSE(Like("us-east", "eu-%"));
  EXPECT_TRUE(Like("abc", "a_c"));
  EXPECT_FALSE(Like("abbc", "a_c"));
  EXPECT_TRUE(Like("abc", "%"));
  EXPECT_TRUE(Like("", "%"));
  EXPECT_TRUE(Like("", ""));
  EXPECT_FALSE(Like("a", ""));
  EXPECT_TRUE(Like("xay", "%a%"));
  EXPECT_TRUE(Like("aXbXc", "a%b%c"));
  EXPECT_FALSE(Like("aXcXb", "a%b%c"));
  EXPECT_TRUE(Like("aaa", "%aa"));
  EXPECT_TRUE(Like("abab", "%ab"));
  EXPECT_FALSE(Like("ABC", "abc"));  // case-sensitive
}

TEST(LikePattern, UnderscoreIsOneCharacterNotOneByte) {
  EXPECT_TRUE(Like("é", "_"));
  EXPECT_TRUE(Like("日本", "__"));
  EXPECT_FALSE(Like("日本", "_"));
  EXPECT_TRUE(Like("x😀y", "x_y"));
}

TEST(LikePattern, Escape) {
  EXPECT_TRUE(Like("50%", "50!%", '!'));
  EXPECT_FALSE(Like("500", "50!%", '!'));
  EXPECT_TRUE(Like("a_b", "a!_b", '!'));
  EXPECT_FALSE(Like("axb", "a!_b", '!'));
  EXPECT_TRUE(Like("a!", "a!", '!'));  // a trailing escape is itself
}

TEST(LikePattern, ManyPercentSignsStayFast) {
  std::string text(20000, 'a');
  std::string pattern;
  for (int i = 0; i < 50; ++i) pattern += "%a";
  pattern += "%b";
  EXPECT_FALSE(Like(text, pattern));
  EXPECT_TRUE(Like(text + "b", pattern));
}

}  // namespace
}  // namespace basin::catalog
