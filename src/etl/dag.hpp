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
// The node types and their members are listed in README.md. Column paths are Glue's path
// lists (["col"]); only top-level columns exist in this version, so a longer path is
// Unsupported.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace basin::etl {

enum class NodeKind {
  kCatalogSource,
  kApplyMapping,
  kSelectFields,
  kDropFields,
  kRenameField,
  kFilter,
  kJoin,
  kUnion,
  kDropNullFields,
  kDropDuplicates,
  kSqlQuery,
  kLakeTarget,
};
std::string_view NodeKindName(NodeKind kind);  // "CatalogSource", …
bool IsSource(NodeKind kind);

// One ApplyMapping entry: source column and type, target column and type. `try_cast` (Basin's
// "Try": true) turns a failing cast into NULL; `dropped` (Glue's "Dropped") leaves the column
// out.
struct Mapping {
  std::string from_column;
  std::string from_type;  // Hive type text
  std::string to_column;
  std::string to_type;
  bool try_cast = false;
  bool dropped = false;
  bool operator==(const Mapping&) const = default;
};

// Glue's structured Filter: operands are a column (COLUMNEXTRACTED) or a constant.
struct FilterValue {
  bool is_column = false;
  std::string value;
  bool operator==(const FilterValue&) const = default;
};
struct FilterExpression {
  std::string operation;  // EQ | LT | GT | LTE | GTE | REGEX | ISNULL
  bool negated = false;
  std::vector<FilterValue> values;
  bool operator==(const FilterExpression&) const = default;
};

// A Join's keys on one of its inputs.
struct JoinColumn {
  std::string from;  // the input node id
  std::vector<std::string> keys;
  bool operator==(const JoinColumn&) const = default;
};

// A SqlQuery input and the name the query reads it by.
struct SqlAlias {
  std::string from;
  std::string alias;
  bool operator==(const SqlAlias&) const = default;
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
  // SelectFields / DropFields ("Paths"), DropDuplicates ("Columns"; empty: whole rows).
  std::vector<std::string> columns;
  // RenameField
  std::string source_column;
  std::string target_column;
  // Filter: either an SQL predicate (Basin's "Predicate") or Glue's structured form.
  std::string predicate;
  std::string logical_operator = "AND";  // AND | OR, between `filters`
  std::vector<FilterExpression> filters;
  // Join
  std::string join_type;  // equijoin | left | right | outer | leftsemi | leftanti
  std::vector<JoinColumn> join_columns;
  // Union
  std::string union_type = "ALL";  // ALL | DISTINCT
  // DropNullFields: besides NULL, which values count as null (Glue's NullCheckBoxList).
  bool null_if_empty = false;        // ''
  bool null_if_null_string = false;  // 'null'
  bool null_if_neg_one = false;      // -1
  // SqlQuery
  std::string sql_query;
  std::vector<SqlAlias> sql_aliases;
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
// node and field; a Filter's predicate and a SqlQuery's query are parsed here); ValidateDag
// checks the graph.
nlohmann::json DagToJson(const Dag& dag);
Dag DagFromJson(const nlohmann::json& json);
std::string DagToText(const Dag& dag);  // pretty-printed JSON
Dag ParseDag(std::string_view text);    // InvalidInput on bad JSON; validated
// The same, from JSON or YAML of the same shape (text starting with '{' is JSON); defined in
// dag_yaml.cpp.
Dag ParseDagText(std::string_view text);

// Ids unique (also ignoring case: each becomes an SQL name) and non-empty; every input names a
// node; no cycles; each node's number of inputs fits its kind (a source none, Join two, Union
// two or more, SqlQuery one or more, any other transform and the target one); a Join's keys
// name its two inputs, a SqlQuery's aliases each of its inputs once; exactly one target.
// Sorts `dag.nodes` topologically (inputs first, ties by id). InvalidInput naming the node.
void ValidateDag(Dag& dag);

}  // namespace basin::etl
