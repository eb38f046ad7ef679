// YAML job DAGs: the same DAG as the JSON form, scalars typed as YAML 1.2's core schema, and
// bad or hostile YAML refused.
#include "etl/dag_yaml.hpp"

#include <gtest/gtest.h>

#include "unit/error_code_of.hpp"

namespace basin::etl {
namespace {

using basin::testing::CodeOf;

TEST(DagYamlTest, SameDagAsJson) {
  Dag json =
      ParseDagText(R"(  {"s": {"CatalogSource": {"Database": "db", "Table": "t", "Splits": 4}},
      "f": {"Filter": {"Inputs": ["s"], "Predicate": "a > 5"}},
      "t": {"LakeTarget": {"Inputs": ["f"], "Path": "/x/", "PartitionKeys": ["k"],
                           "TargetFileSizeBytes": 1048576}}})");
  Dag yaml = ParseDagText(R"(
# a comment
s:
  CatalogSource: {Database: db, Table: t, Splits: 4}
f:
  Filter:
    Inputs: [s]
    Predicate: "a > 5"
t:
  LakeTarget:
    Inputs:
      - f
    Path: /x/
    PartitionKeys: [k]
    TargetFileSizeBytes: 1048576
)");
  EXPECT_EQ(yaml, json);
}

TEST(DagYamlTest, PlainScalarsAreTypedQuotedOnesAreText) {
  nlohmann::json value = YamlToJson(
      "a: 5\nb: '5'\nc: true\nd: \"true\"\ne: ~\nf: 1.5\ng: text\nh: -12\ni: "
      "99999999999999999999\n");
  EXPECT_EQ(value["a"], 5);
  EXPECT_EQ(value["b"], "5");
  EXPECT_EQ(value["c"], true);
  EXPECT_EQ(value["d"], "true");
  EXPECT_TRUE(value["e"].is_null());
  EXPECT_EQ(value["f"], 1.5);
  EXPECT_EQ(value["g"], "text");
  EXPECT_EQ(value["h"], -12);
  EXPECT_EQ(value["i"], "99999999999999999999");
  // A quoted number where the DAG wants an integer is a shape error, as in JSON.
  EXPECT_EQ(CodeOf([] {
              ParseDagText(
                  "s: {CatalogSource: {Database: d, Table: t, Splits: '4'}}\n"
                  "t: {LakeTarget: {Inputs: [s], Path: /x}}\n");
            }),
            ErrorCode::kInvalidInput);
}

TEST(DagYamlTest, BadYamlNamesTheLine) {
  std::string message;
  EXPECT_EQ(CodeOf([] { ParseDagText("s:\n  CatalogSource: {Database: d\nt: [\n"); }, &message),
            ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("line"), std::string::npos) << message;
  EXPECT_EQ(CodeOf([] { ParseDagText("a: 1\na: 2\n"); }, &message), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("'a' appears twice"), std::string::npos) << message;
  EXPECT_EQ(CodeOf([] { ParseDagText("- just\n- a list\n"); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { ParseDagText("{\"s\": "); }), ErrorCode::kInvalidInput);
}

TEST(DagYamlTest, AliasExpansionIsBounded) {
  // Nine levels of ten aliases each would expand to a billion values.
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    std::string previous = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) text += (j ? ", " : "") + previous;
    text += "]\n";
  }
  std::string message;
  EXPECT_EQ(CodeOf([&] { YamlToJson(text); }, &message), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("million"), std::string::npos) << message;
}

}  // namespace
}  // namespace basin::etl
