#include "crawler/include_path.hpp"

#include <gtest/gtest.h>

#include "unit/error_code_of.hpp"

namespace basin::crawler {
namespace {

using basin::testing::CodeOf;

TEST(IncludePathTest, TwoAndThreeLevels) {
  IncludePath all("movies/%");
  EXPECT_TRUE(all.two_levels());
  EXPECT_TRUE(all.MatchesDatabase("movies"));
  EXPECT_FALSE(all.MatchesDatabase("movies2"));
  EXPECT_TRUE(all.MatchesSchema("anything"));
  EXPECT_TRUE(all.MatchesTable("customer"));

  IncludePath one("movies/public/customer");
  EXPECT_FALSE(one.two_levels());
  EXPECT_TRUE(one.MatchesSchema("public"));
  EXPECT_FALSE(one.MatchesSchema("audit"));
  EXPECT_TRUE(one.MatchesTable("customer"));
  EXPECT_FALSE(one.MatchesTable("customer_list"));

  IncludePath prefix("mov%/public/film%");
  EXPECT_TRUE(prefix.MatchesDatabase("movies"));
  EXPECT_TRUE(prefix.MatchesTable("film_category"));
  EXPECT_FALSE(prefix.MatchesTable("category"));
}

TEST(IncludePathTest, BadPathsAreInvalidInput) {
  for (const char* path : {"movies", "", "movies/", "/movies/%", "a/b/c/d", "a//b"}) {
    SCOPED_TRACE(path);
    EXPECT_EQ(CodeOf([&] { IncludePath{path}; }), ErrorCode::kInvalidInput);
  }
}

}  // namespace
}  // namespace basin::crawler
