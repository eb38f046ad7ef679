// The raw-copy DAG.
#include "etl/raw_copy.hpp"

#include "common/error.hpp"

namespace basin::etl {

Dag RawCopyDag(const catalog::Table& source, const RawCopySpec& spec) {
  std::string qualified = spec.source_database + "." + spec.source_table;
  if (source.table_type == catalog::TableType::kVirtualView) {
    ThrowInvalid(qualified + " is a view: a raw copy reads tables");
  }
  std::vector<catalog::Column> columns = source.storage_descriptor.columns;
  columns.insert(columns.end(), source.partition_keys.begin(), source.partition_keys.end());
  if (columns.empty()) ThrowInvalid(qualified + " has no columns to copy");

  DagNode read;
  read.id = "source";
  read.name = "Read " + qualified;
  read.kind = NodeKind::kCatalogSource;
  read.database = spec.source_database;
  read.table = spec.source_table;

  DagNode map;
  map.id = "mapping";
  map.name = "Map every column as it is";
  map.kind = NodeKind::kApplyMapping;
  map.inputs = {read.id};
  for (const auto& column : columns) {
    map.mappings.push_back(Mapping{column.name, column.type, column.name, column.type});
  }

  DagNode write;
  write.id = "target";
  write.name = "Write Parquet to " + spec.path;
  write.kind = NodeKind::kLakeTarget;
  write.inputs = {map.id};
  write.path = spec.path;
  write.format = "parquet";
  write.compression = spec.compression;
  write.catalog_database = spec.target_database;
  write.catalog_table = spec.target_table;

  Dag dag;
  dag.nodes = {std::move(read), std::move(map), std::move(write)};
  ValidateDag(dag);
  return dag;
}

}  // namespace basin::etl
