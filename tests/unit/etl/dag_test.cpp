// The job DAG: JSON round trips, shape errors, graph checks, and the raw-copy DAG.
#include "etl/dag.hpp"

#include <gtest/gtest.h>

#include "etl/raw_copy.hpp"
#include "unit/error_code_of.hpp"

namespace basin::etl {
namespace {

using basin::testing::CodeOf;

const char* kThreeNodes = R"({
  "t": {"LakeTarget": {"Name": "write", "Inputs": ["m"], "Path": "/lake/x/",
                       "Format": "parquet", "Compression": "zstd",
                       "CatalogDatabase": "db", "CatalogTable": "x"}},
  "m": {"ApplyMapping": {"Inputs": ["s"], "Mapping": [
          {"FromPath": ["a"], "FromType": "int", "ToKey": "b", "ToType": "bigint"}]}},
  "s": {"CatalogSource": {"Database": "db", "Table": "src"}}
})";

TEST(DagTest, ParsesAndSortsInputsFirst) {
  Dag dag = ParseDag(kThreeNodes);
  ASSERT_EQ(dag.nodes.size(), 3u);
  EXPECT_EQ(dag.nodes[0].id, "s");
  EXPECT_EQ(dag.nodes[0].kind, NodeKind::kCatalogSource);
  EXPECT_EQ(dag.nodes[0].table, "src");
  EXPECT_EQ(dag.nodes[1].id, "m");
  ASSERT_EQ(dag.nodes[1].mappings.size(), 1u);
  EXPECT_EQ(dag.nodes[1].mappings[0], (Mapping{"a", "int", "b", "bigint"}));
  EXPECT_EQ(dag.nodes[2].id, "t");
  EXPECT_EQ(dag.nodes[2].compression, "zstd");
  EXPECT_EQ(dag.nodes[2].catalog_table, "x");
}

TEST(DagTest, JsonRoundTripKeepsEverything) {
  Dag dag = ParseDag(kThreeNodes);
  EXPECT_EQ(ParseDag(DagToText(dag)), dag);
}

TEST(DagTest, BadShapesAreInvalidInput) {
  EXPECT_EQ(CodeOf([] { ParseDag("{"); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { ParseDag("[]"); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { ParseDag(R"({"s": {"CatalogSource": {"Database": "db"}}})"); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { ParseDag(R"({"s": {"CatalogSource": {"Database": 1, "Table": "t"}}})"); }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { ParseDag(R"({"s": {"A": {}, "B": {}}})"); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] { ParseDag(R"({"s": {"Teleport": {}}})"); }), ErrorCode::kUnsupported);
  EXPECT_EQ(CodeOf([] {
              ParseDag(R"({"s": {"CatalogSource": {"Database": "d", "Table": "t"}},
                           "t": {"LakeTarget": {"Inputs": ["s"], "Path": "/x", "Format": "orc"}}})");
            }),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([] {
              ParseDag(R"({"s": {"CatalogSource": {"Database": "d", "Table": "t"}},
                           "m": {"ApplyMapping": {"Inputs": ["s"], "Mapping": [
                             {"FromPath": ["a", "b"], "FromType": "int", "ToKey": "a",
                              "ToType": "int"}]}},
                           "t": {"LakeTarget": {"Inputs": ["m"], "Path": "/x"}}})");
            }),
            ErrorCode::kUnsupported);
}

TEST(DagTest, GraphErrorsNameTheNode) {
  auto message = [](const char* text) {
    try {
      ParseDag(text);
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
      return std::string(error.what());
    }
    return std::string("no error");
  };
  // An input that does not exist.
  EXPECT_NE(message(R"({"t": {"LakeTarget": {"Inputs": ["nope"], "Path": "/x"}}})").find("'nope'"),
            std::string::npos);
  // No target, and two targets.
  EXPECT_NE(message(R"({"s": {"CatalogSource": {"Database": "d", "Table": "t"}}})")
                .find("exactly one target"),
            std::string::npos);
  EXPECT_NE(message(R"({"s": {"CatalogSource": {"Database": "d", "Table": "t"}},
                        "a": {"LakeTarget": {"Inputs": ["s"], "Path": "/x"}},
                        "b": {"LakeTarget": {"Inputs": ["s"], "Path": "/y"}}})")
                .find("exactly one target"),
            std::string::npos);
  // A cycle between two mappings.
  EXPECT_NE(message(R"({"m1": {"ApplyMapping": {"Inputs": ["m2"], "Mapping": [
                          {"FromPath": ["a"], "FromType": "int", "ToKey": "a", "ToType": "int"}]}},
                        "m2": {"ApplyMapping": {"Inputs": ["m1"], "Mapping": [
                          {"FromPath": ["a"], "FromType": "int", "ToKey": "a", "ToType": "int"}]}},
                        "t": {"LakeTarget": {"Inputs": ["m2"], "Path": "/x"}}})")
                .find("cycle"),
            std::string::npos);
  // A source with an input, a target read by another node.
  EXPECT_NE(message(R"({"s": {"CatalogSource": {"Inputs": ["s"], "Database": "d", "Table": "t"}},
                        "t": {"LakeTarget": {"Inputs": ["s"], "Path": "/x"}}})")
                .find("node 's'"),
            std::string::npos);
  EXPECT_NE(message(R"({"s": {"CatalogSource": {"Database": "d", "Table": "t"}},
                        "t": {"LakeTarget": {"Inputs": ["s"], "Path": "/x"}},
                        "m": {"ApplyMapping": {"Inputs": ["t"], "Mapping": [
                          {"FromPath": ["a"], "FromType": "int", "ToKey": "a", "ToType": "int"}]}}})")
                .find("target node 't'"),
            std::string::npos);
}

// Every node type with every member set, so the round trip covers each field.
const char* kEveryNode = R"({
  "p": {"CatalogSource": {"Database": "shop", "Table": "payments", "BookmarkKeys": ["id"],
                          "SplitColumn": "id", "Splits": 4}},
  "c": {"CatalogSource": {"Database": "shop", "Table": "customers"}},
  "m": {"ApplyMapping": {"Inputs": ["p"], "Mapping": [
          {"FromPath": ["id"], "FromType": "int", "ToKey": "id", "ToType": "bigint", "Try": true},
          {"FromPath": ["x"], "FromType": "int", "ToKey": "x", "ToType": "int", "Dropped": true}]}},
  "s": {"SelectFields": {"Inputs": ["m"], "Paths": [["id"], ["customer_id"]]}},
  "d": {"DropFields": {"Inputs": ["s"], "Paths": [["id"]]}},
  "r": {"RenameField": {"Inputs": ["d"], "SourcePath": ["customer_id"], "TargetPath": ["cid"]}},
  "f1": {"Filter": {"Inputs": ["r"], "Predicate": "cid > 5"}},
  "f2": {"Filter": {"Inputs": ["f1"], "LogicalOperator": "OR", "Filters": [
          {"Operation": "REGEX", "Negated": true, "Values": [
             {"Type": "COLUMNEXTRACTED", "Value": ["cid"]}, {"Type": "CONSTANT", "Value": ["^1"]}]},
          {"Operation": "ISNULL", "Values": [{"Type": "COLUMNEXTRACTED", "Value": ["cid"]}]}]}},
  "j": {"Join": {"Inputs": ["f2", "c"], "JoinType": "leftanti", "Columns": [
          {"From": "f2", "Keys": [["cid"]]}, {"From": "c", "Keys": [["customer_id"]]}]}},
  "u": {"Union": {"Inputs": ["j", "j"], "UnionType": "DISTINCT"}},
  "n": {"DropNullFields": {"Inputs": ["u"],
          "NullCheckBoxList": {"IsEmpty": true, "IsNullString": false, "IsNegOne": true}}},
  "dd": {"DropDuplicates": {"Inputs": ["n"], "Columns": [["cid"]]}},
  "q": {"SqlQuery": {"Inputs": ["dd", "c"], "SqlQuery": "SELECT * FROM a JOIN b ON a.cid = b.x",
          "SqlAliases": [{"From": "dd", "Alias": "a"}, {"From": "c", "Alias": "b"}]}},
  "t": {"LakeTarget": {"Inputs": ["q"], "Path": "/lake/x/", "Format": "json",
          "PartitionKeys": ["cid"], "WriteMode": "overwrite-partitions",
          "TargetFileSizeBytes": 2097152, "CatalogDatabase": "db", "CatalogTable": "x"}}
})";

TEST(DagTest, EveryNodeTypeRoundTrips) {
  Dag dag = ParseDag(kEveryNode);
  ASSERT_EQ(dag.nodes.size(), 14u);
  EXPECT_EQ(ParseDag(DagToText(dag)), dag);
  const DagNode& mapping = dag.Node("m");
  EXPECT_TRUE(mapping.mappings[0].try_cast);
  EXPECT_TRUE(mapping.mappings[1].dropped);
  EXPECT_EQ(dag.Node("s").columns, (std::vector<std::string>{"id", "customer_id"}));
  EXPECT_EQ(dag.Node("r").target_column, "cid");
  EXPECT_EQ(dag.Node("f1").predicate, "cid > 5");
  const DagNode& filter = dag.Node("f2");
  EXPECT_EQ(filter.logical_operator, "OR");
  ASSERT_EQ(filter.filters.size(), 2u);
  EXPECT_TRUE(filter.filters[0].negated);
  EXPECT_EQ(filter.filters[0].values[1], (FilterValue{false, "^1"}));
  const DagNode& join = dag.Node("j");
  EXPECT_EQ(join.join_type, "leftanti");
  EXPECT_EQ(join.join_columns[1], (JoinColumn{"c", {"customer_id"}}));
  EXPECT_EQ(dag.Node("u").union_type, "DISTINCT");
  EXPECT_TRUE(dag.Node("n").null_if_empty);
  EXPECT_FALSE(dag.Node("n").null_if_null_string);
  EXPECT_EQ(dag.Node("q").sql_aliases[1], (SqlAlias{"c", "b"}));
  EXPECT_EQ(dag.nodes.back().write_mode, "overwrite-partitions");
  // Glue's name for the SQL node is accepted too.
  std::string spark = kEveryNode;
  spark.replace(spark.find("\"SqlQuery\": {\"Inputs\""), 10, "\"SparkSQL\"");
  EXPECT_EQ(ParseDag(spark), dag);
}

TEST(DagTest, TransformErrorsNameNodeAndField) {
  auto message = [](const std::string& nodes, ErrorCode code = ErrorCode::kInvalidInput) {
    std::string text = R"({"a": {"CatalogSource": {"Database": "d", "Table": "a"}},
                           "b": {"CatalogSource": {"Database": "d", "Table": "b"}},
                           "t": {"LakeTarget": {"Inputs": ["x"], "Path": "/x"}}, )" +
                       nodes + "}";
    try {
      ParseDag(text);
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), code) << error.what();
      return std::string(error.what());
    }
    return std::string("no error");
  };
  auto has = [](const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
  };
  // Arity: Join two, Union two or more, SqlQuery one or more.
  EXPECT_TRUE(has(message(R"("x": {"Join": {"Inputs": ["a"], "JoinType": "left", "Columns": [
                     {"From": "a", "Keys": [["k"]]}, {"From": "b", "Keys": [["k"]]}]}})"),
                  "DAG node 'x' (Join) takes 2 input(s), not 1"));
  EXPECT_TRUE(has(message(R"("x": {"Union": {"Inputs": ["a"]}})"),
                  "DAG node 'x' (Union) takes 2 or more input(s), not 1"));
  EXPECT_TRUE(has(message(R"("x": {"SqlQuery": {"SqlQuery": "SELECT 1", "SqlAliases": []}})"),
                  "DAG node 'x' (SqlQuery) takes 1 or more input(s), not 0"));
  EXPECT_TRUE(has(message(R"("x": {"SelectFields": {"Inputs": ["a", "b"], "Paths": [["k"]]}})"),
                  "takes 1 input(s), not 2"));
  // Join keys.
  EXPECT_TRUE(has(message(R"("x": {"Join": {"Inputs": ["a", "b"], "JoinType": "left", "Columns": [
                     {"From": "b", "Keys": [["k"]]}, {"From": "a", "Keys": [["k"]]}]}})"),
                  "Columns 1 is From 'b'"));
  EXPECT_TRUE(has(message(R"("x": {"Join": {"Inputs": ["a", "b"], "JoinType": "left", "Columns": [
                     {"From": "a", "Keys": [["k"], ["l"]]}, {"From": "b", "Keys": [["k"]]}]}})"),
                  "same number of Keys"));
  EXPECT_TRUE(has(message(R"("x": {"Join": {"Inputs": ["a", "b"], "JoinType": "cross", "Columns": [
                     {"From": "a", "Keys": [["k"]]}, {"From": "b", "Keys": [["k"]]}]}})"),
                  "JoinType 'cross' is not one of"));
  // SqlQuery aliases and text.
  EXPECT_TRUE(has(message(R"("x": {"SqlQuery": {"Inputs": ["a", "b"], "SqlQuery": "SELECT 1",
                     "SqlAliases": [{"From": "a", "Alias": "a"}]}})"),
                  "input 'b' has no alias"));
  EXPECT_TRUE(has(message(R"("x": {"SqlQuery": {"Inputs": ["a"], "SqlQuery": "DROP TABLE d.a",
                     "SqlAliases": [{"From": "a", "Alias": "a"}]}})"),
                  "DAG node 'x': SqlQuery must be one SELECT query"));
  EXPECT_TRUE(has(message(R"("x": {"SqlQuery": {"Inputs": ["a"], "SqlQuery": "SELECT 1; SELECT 2",
                     "SqlAliases": [{"From": "a", "Alias": "a"}]}})"),
                  "SqlQuery must be one SELECT query"));
  // Filters.
  EXPECT_TRUE(has(message(R"("x": {"Filter": {"Inputs": ["a"], "Predicate": "a > 1) OR (1 = 1"}})"),
                  "DAG node 'x': Predicate is not an SQL expression"));
  EXPECT_TRUE(has(message(R"("x": {"Filter": {"Inputs": ["a"]}})"), "needs either Predicate"));
  EXPECT_TRUE(has(message(R"("x": {"Filter": {"Inputs": ["a"], "Filters": [
                     {"Operation": "LIKE", "Values": []}]}})"),
                  "Operation 'LIKE' is not one of"));
  EXPECT_TRUE(has(message(R"("x": {"Filter": {"Inputs": ["a"], "Filters": [
                     {"Operation": "EQ",
                      "Values": [{"Type": "COLUMNEXTRACTED", "Value": ["k"]}]}]}})"),
                  "EQ takes 2 value(s)"));
  // Paths, nested ones Unsupported.
  EXPECT_TRUE(has(message(R"("x": {"SelectFields": {"Inputs": ["a"], "Paths": []}})"),
                  "DAG node 'x': Paths must be a non-empty array"));
  EXPECT_TRUE(has(message(R"("x": {"DropFields": {"Inputs": ["a"], "Paths": [["s", "f"]]}})",
                          ErrorCode::kUnsupported),
                  "nested paths"));
  EXPECT_TRUE(has(message(R"("x": {"RenameField": {"Inputs": ["a"], "SourcePath": ["k"]}})"),
                  "needs SourcePath and TargetPath"));
  EXPECT_TRUE(has(message(R"("x": {"Union": {"Inputs": ["a", "b"], "UnionType": "SOME"}})"),
                  "UnionType 'SOME'"));
  EXPECT_TRUE(has(message(R"("x": {"DropNullFields": {"Inputs": ["a"],
                     "NullTextList": [{"Value": "-", "Datatype": {"Id": "string"}}]}})",
                          ErrorCode::kUnsupported),
                  "NullTextList"));
  // Ids that are one SQL name; a second read of one input.
  EXPECT_TRUE(has(message(R"("X": {"SelectFields": {"Inputs": ["a"], "Paths": [["k"]]}},
                             "x": {"SelectFields": {"Inputs": ["a"], "Paths": [["k"]]}})"),
                  "differ only in case"));
  EXPECT_TRUE(has(message(R"("x": {"Join": {"Inputs": ["a", "a"], "JoinType": "left", "Columns": [
                     {"From": "a", "Keys": [["k"]]}, {"From": "a", "Keys": [["k"]]}]}})"),
                  "reads node 'a' twice"));
}

TEST(DagTest, TargetSettingsAreChecked) {
  auto code = [](const std::string& target) {
    return CodeOf([&] {
      ParseDag(R"({"s": {"CatalogSource": {"Database": "d", "Table": "t"}},
                   "t": {"LakeTarget": {"Inputs": ["s"], "Path": "/x")" +
               target + "}}}");
    });
  };
  EXPECT_EQ(code(R"(, "WriteMode": "overwrite-partitions")"), ErrorCode::kInvalidInput);
  EXPECT_EQ(code(R"(, "WriteMode": "replace")"), ErrorCode::kInvalidInput);
  EXPECT_EQ(code(R"(, "PartitionKeys": [""])"), ErrorCode::kInvalidInput);
  EXPECT_EQ(code(R"(, "TargetFileSizeBytes": 5)"), ErrorCode::kInvalidInput);
}

TEST(DagTest, RawCopyMapsEveryColumnAsItIs) {
  catalog::Table table;
  table.name = "payment";
  table.storage_descriptor.columns = {{"id", "bigint", "", {}}, {"amount", "decimal(5,2)", "", {}}};
  table.partition_keys = {{"dt", "string", "", {}}};
  RawCopySpec spec{"movies", "payment", "/lake/payment/", "movies", "s3_payment", "zstd"};
  Dag dag = RawCopyDag(table, spec);
  ASSERT_EQ(dag.nodes.size(), 3u);
  EXPECT_EQ(dag.nodes[0].kind, NodeKind::kCatalogSource);
  EXPECT_EQ(dag.nodes[1].kind, NodeKind::kApplyMapping);
  EXPECT_EQ(dag.nodes[2].kind, NodeKind::kLakeTarget);
  std::vector<Mapping> expected = {{"id", "bigint", "id", "bigint"},
                                   {"amount", "decimal(5,2)", "amount", "decimal(5,2)"},
                                   {"dt", "string", "dt", "string"}};
  EXPECT_EQ(dag.nodes[1].mappings, expected);
  EXPECT_EQ(dag.nodes[2].path, "/lake/payment/");
  EXPECT_EQ(dag.nodes[2].format, "parquet");
  EXPECT_EQ(dag.nodes[2].compression, "zstd");
  EXPECT_EQ(dag.nodes[2].catalog_table, "s3_payment");
  EXPECT_EQ(ParseDag(DagToText(dag)), dag);

  catalog::Table view = table;
  view.table_type = catalog::TableType::kVirtualView;
  EXPECT_EQ(CodeOf([&] { RawCopyDag(view, spec); }), ErrorCode::kInvalidInput);
  catalog::Table empty;
  EXPECT_EQ(CodeOf([&] { RawCopyDag(empty, spec); }), ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace basin::etl
