#pragma once

// Which files a lake table scan reads: the table's files (recursively below its location,
// skipping names that start with '_' or '.', as Hive and Athena do, and empty files), or for a
// partitioned table the files of the partitions that survive the scan's filters on partition
// keys. Partitions come from the catalog when one is given, else from key=value folders.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sql/exec/expression_evaluator.hpp"
#include "sql/plan/logical_plan.hpp"
#include "types/value.hpp"

namespace basin::catalog {
class Catalog;
}

namespace basin::sql {

struct LakeFile {
  std::string path;
  uint64_t size = 0;
  std::vector<types::Value> partition_values;  // one per partition key, typed; NULL possible
};

struct LakeFileList {
  std::vector<LakeFile> files;
  size_t partitions_total = 0;
  size_t partitions_kept = 0;
};

// `partition_filters` are compiled against the layout of the partition keys:
// (scan.table_index, data column count + k) for key k.
LakeFileList ListLakeFiles(const LogicalScan& scan, catalog::Catalog* catalog,
                           const std::vector<const PhysicalExpr*>& partition_filters);

// Hive's escaping of partition values in folder names (%XX for '/', '=', '%', … ).
std::string EscapePartitionValue(std::string_view value);
std::string UnescapePartitionValue(std::string_view text);

// A partition value as text (folder name, catalog) from a typed value; NULL is Hive's default
// partition name.
std::string PartitionValueText(const types::Value& value);

}  // namespace basin::sql
