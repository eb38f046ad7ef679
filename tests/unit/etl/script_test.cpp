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

TEST(ScriptTest, EachNodeTypeListsItsSettings) {
  Dag dag = ParseDag(R"({
    "p": {"CatalogSource": {"Database": "db", "Table": "p", "SplitColumn": "id", "Splits": 4}},
    "c": {"CatalogSource": {"Database": "db", "Table": "c"}},
    "m": {"ApplyMapping": {"Inputs": ["p"], "Mapping": [
      {"FromPath": ["id"], "FromType": "string", "ToKey": "id", "ToType": "int", "Try": true},
      {"FromPath": ["x"], "FromType": "int", "ToKey": "x", "ToType": "int", "Dropped": true}]}},
    "r": {"RenameField": {"Inputs": ["m"], "SourcePath": ["id"], "TargetPath": ["pid"]}},
    "f": {"Filter": {"Inputs": ["r"], "LogicalOperator": "OR", "Filters": [
      {"Operation": "GT", "Values": [{"Type": "COLUMNEXTRACTED", "Value": ["pid"]},
                                     {"Type": "CONSTANT", "Value": ["5"]}]},
      {"Operation": "ISNULL", "Negated": true,
       "Values": [{"Type": "COLUMNEXTRACTED", "Value": ["pid"]}]}]}},
    "j": {"Join": {"Inputs": ["f", "c"], "JoinType": "left", "Columns": [
      {"From": "f", "Keys": [["pid"]]}, {"From": "c", "Keys": [["id"]]}]}},
    "n": {"DropNullFields": {"Inputs": ["j"], "NullCheckBoxList": {"IsEmpty": true}}},
    "d": {"DropDuplicates": {"Inputs": ["n"], "Columns": [["pid"]]}},
    "q": {"SqlQuery": {"Inputs": ["d"], "SqlQuery": "SELECT *\nFROM a",
                       "SqlAliases": [{"From": "d", "Alias": "a"}]}},
    "t": {"LakeTarget": {"Inputs": ["q"], "Path": "/lake/x/", "PartitionKeys": ["pid"],
                         "WriteMode": "overwrite", "TargetFileSizeBytes": 2097152}}})");
  std::string script = JobScript("j", dag, "");
  for (const char* line :
       {"--   read in 4 key ranges of id\n",
        "--   id string -> id int (try: null if the cast fails)\n", "--   x int dropped\n",
        "--   rename: id -> pid\n", "--   where: GT pid '5'\n", "--   OR NOT ISNULL pid\n",
        "--   join type: left\n", "--   keys of c: id\n",
        "--   drop the columns holding only NULL, ''\n", "--   one row per pid\n",
        "--   alias: a = d\n", "--   query: SELECT * FROM a\n", "--   partition keys: pid\n",
        "--   write mode: overwrite\n", "--   target file size: 2097152 bytes\n",
        "--   no catalog table: the files are written with UNLOAD\n"}) {
    EXPECT_NE(script.find(line), std::string::npos) << line << "\n" << script;
  }
  EXPECT_EQ(Count(script, "-- ["), 10u);
  // Then the query: one CTE per node, in the DAG's order.
  EXPECT_NE(script.find("\nWITH \"c\" AS (SELECT * FROM \"db\".\"c\"), \"p\" AS ("),
            std::string::npos)
      << script;
}

}  // namespace
}  // namespace basin::etl
