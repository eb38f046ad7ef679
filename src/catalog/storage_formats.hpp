#pragma once

// The storage descriptors of the lake formats Basin reads and writes, spelled as Hive and the
// Glue crawlers spell them, so Athena, Trino and Spark read the same tables.

#include <string>
#include <string_view>

#include "catalog/catalog_types.hpp"

namespace basin::catalog {

// "parquet", "csv" or "json" (case-insensitive): input/output formats and SerDe, with the
// location left empty. InvalidInput for any other format.
StorageDescriptor StorageDescriptorForFormat(std::string_view format);

// The format a storage descriptor stands for ("parquet", "csv", "json"), or "" when it is none
// of them.
std::string FormatOfStorageDescriptor(const StorageDescriptor& descriptor);

}  // namespace basin::catalog
