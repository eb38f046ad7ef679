#include "crawler/json_path.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>

#include "unit/error_code_of.hpp"

namespace basin::crawler {
namespace {

using basin::testing::CodeOf;

std::vector<std::string> Select(const std::string& path, const std::string& document) {
  simdjson::dom::parser parser;
  simdjson::dom::element root = parser.parse(document);
  std::vector<simdjson::dom::element> found;
  JsonPath(path).Select(root, found);
  std::vector<std::string> out;
  for (const auto& element : found) out.push_back(simdjson::minify(element));
  return out;
}

TEST(JsonPathTest, SelectsMembersElementsAndWildcards) {
  std::string doc = R"({"items": [{"a": 1}, {"a": 2}], "meta": {"n": 2}, "odd key": [7]})";
  EXPECT_EQ(Select("$", doc).size(), 1u);
  EXPECT_EQ(Select("$.items[*]", doc), (std::vector<std::string>{R"({"a":1})", R"({"a":2})"}));
  EXPECT_EQ(Select("$.items[1].a", doc), (std::vector<std::string>{"2"}));
  EXPECT_EQ(Select("$['odd key'][0]", doc), (std::vector<std::string>{"7"}));
  EXPECT_EQ(Select("$.meta.*", doc), (std::vector<std::string>{"2"}));
  EXPECT_TRUE(Select("$.missing[*]", doc).empty());
  EXPECT_TRUE(Select("$.items[9]", doc).empty());
  EXPECT_EQ(Select("$[*]", "[{\"x\":1},{\"x\":2}]").size(), 2u);
}

TEST(JsonPathTest, BadPathsAreInvalidInput) {
  for (const char* path : {"", "items", "$.", "$[", "$[abc]", "$['x]", "$x"}) {
    SCOPED_TRACE(path);
    EXPECT_EQ(CodeOf([&] { JsonPath{path}; }), ErrorCode::kInvalidInput);
  }
}

}  // namespace
}  // namespace basin::crawler
