// basin jobs script: generated from the DAG, a comment block per node, then the statement.
#include "etl/script.hpp"

#include <gtest/gtest.h>

#include "etl/compiler.hpp"

namespace basin::etl {
namespace {

Dag TwoMappings() {
  return ParseDag(R"({
    "s": {"CatalogSource": {"Name": "orders\nDROP", "Database": "db", "Table": "orders"}},
    "m": {"ApplyMapping": {"Inputs": ["s"], "Mapping": [
            {"FromPath": ["id"], "FromType": "int", "ToKey": "order_id", "ToType": "bigint"}]}},
    "t": {"LakeTarget": {"Inputs": ["m"], "Path": "/lake/o/", "Compression": "zstd",
                         "CatalogDatabase": "db", "CatalogTable": "o"}}})");
}

size_t Count(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

TEST(ScriptTest, OneCommentBlockPerNodeThenTheStatement) {
  Dag dag = TwoMappings();
  std::string script = JobScript("j", dag, "INSERT INTO x SELECT 1");
  EXPECT_EQ(Count(script, "-- ["), 3u);
  EXPECT_NE(script.find("-- [s] CatalogSource"), std::string::npos) << script;
  EXPECT_NE(script.find("-- [m] ApplyMapping"), std::string::npos) << script;
  EXPECT_NE(script.find("id int -> order_id bigint"), std::string::npos) << script;
  EXPECT_NE(script.find("compression zstd"), std::string::npos) << script;
  EXPECT_EQ(script.substr(script.size() - 24), "INSERT INTO x SELECT 1;\n");
  // Every line before the statement is a comment: a newline in a name cannot escape it.
  size_t statement = script.find("\n\n");
  ASSERT_NE(statement, std::string::npos);
  for (size_t begin = 0; begin < statement; begin = script.find('\n', begin) + 1) {
    EXPECT_EQ(script.compare(begin, 2, "--"), 0) << script.substr(begin, 40);
  }
}

TEST(ScriptTest, WithoutAStatementItEndsWithTheQuery) {
  Dag dag = TwoMappings();
  std::string script = JobScript("j", dag, "");
  EXPECT_NE(script.find(CompileQuery(dag) + ";\n"), std::string::npos) << script;
}

}  // namespace
}  // namespace basin::etl
