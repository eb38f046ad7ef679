#pragma once

// The DAG of an etl job: nodes (sources, transforms, targets) with the ids of their inputs.
// Stored in the catalog as JSON text shaped like Glue's CodeGenConfigurationNodes: an object
// keyed by node id whose one member names the node's type:
//   {"node-1": {"CatalogSource": {"Name": "…", "Database": "db", "Table": "t"}},
//    "node-2": {"ApplyMapping": {"Name": "…", "Inputs": ["node-1"],
//               "Mapping": [{"FromPath": ["a"], "FromType": "int", "ToKey": "a",
//                            "ToType": "bigint"}]}},
//    "node-3": {"LakeTarget": {"Name": "…", "Inputs": ["node-2"], "Path": "lake/x/",
//               "Format": "parquet", "Compression": "snappy",
//               "CatalogDatabase": "db", "CatalogTable": "x"}}}
// This slice knows these three node types; the rest of issue #6's are listed in README.md.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace basin::etl {

enum class NodeKind { kCatalogSource, kApplyMapping, kLakeTarget };
std::string_view NodeKindName(NodeKind kind);  // "CatalogSource", …

// One ApplyMapping entry: source column and type, target column and type.
struct Mapping {
  std::string from_column;
  std::string from_type;  // Hive type text
  std::string to_column;
  std::string to_type;
  bool operator==(const Mapping&) const = default;
};

struct DagNode {
  std::string id;
  std::string name;  // shown in scripts and diagrams
  NodeKind kind = NodeKind::kCatalogSource;
  std::vector<std::string> inputs;
  // CatalogSource
  std::string database;
  std::string table;
  // Bookmark keys of a database source (empty: its primary key); see etl/README.md.
  std::vector<std::string> bookmark_keys;
  // Parallel read of a database source: a numeric column and the number of key ranges
  // (empty / 0: the engine's choice).
  std::string split_column;
  int64_t splits = 0;
  // ApplyMapping
  std::vector<Mapping> mappings;
  // LakeTarget; with catalog_table set, a run creates or updates that catalog table.
  std::string path;
  std::string format = "parquet";  // parquet | csv | json
  std::string compression;         // empty: the writer's default
  std::string catalog_database;
  std::string catalog_table;
  std::vector<std::string> partition_keys;  // Hive partition columns of the output
  std::string write_mode = "append";        // append | overwrite | overwrite-partitions
  int64_t target_file_size_bytes = 0;       // 0: the engine's default (128 MiB)
  bool operator==(const DagNode&) const = default;
};

struct Dag {
  std::vector<DagNode> nodes;  // in topological order once validated
  bool operator==(const Dag&) const = default;

  const DagNode& Node(std::string_view id) const;  // NotFound
};

// The JSON form above, and its text. DagFromJson checks the shape (InvalidInput naming the
// node and field); ValidateDag checks the graph.
nlohmann::json DagToJson(const Dag& dag);
Dag DagFromJson(const nlohmann::json& json);
std::string DagToText(const Dag& dag);      // pretty-printed JSON
Dag ParseDag(std::string_view text);        // InvalidInput on bad JSON; validated

// Ids unique and non-empty; every input names a node; no cycles; each node's number of inputs
// fits its kind (a source none, a transform one, a target one); exactly one target. Sorts
// `dag.nodes` topologically (inputs first, ties by id). InvalidInput naming the node.
void ValidateDag(Dag& dag);

}  // namespace basin::etl
