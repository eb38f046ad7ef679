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
            ErrorCode::kInvalidInput);
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
  EXPECT_NE(message(R"({"t": {"LakeTarget": {"Inputs": ["nope"], "Path": "/x"}}})")
                .find("'nope'"),
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
