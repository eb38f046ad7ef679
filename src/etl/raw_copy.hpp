#pragma once

// The raw-copy job of the walkthrough (`basin jobs create NAME --from-table DB.T --to PATH`):
// catalog source → ApplyMapping with every column under its own name and type → Parquet
// lake target that creates or updates a catalog table.

#include <string>

#include "catalog/catalog_types.hpp"
#include "etl/dag.hpp"

namespace basin::etl {

struct RawCopySpec {
  std::string source_database;
  std::string source_table;
  std::string path;  // the target folder
  std::string target_database;
  std::string target_table;
  std::string compression;  // empty: the writer's default
};

// `source` is the catalog's table source_database.source_table; its columns then its
// partition keys are mapped. InvalidInput for a view or a table without columns.
Dag RawCopyDag(const catalog::Table& source, const RawCopySpec& spec);

}  // namespace basin::etl
