#pragma once

#include <memory>
#include <string>

#include "formats/file_format.hpp"

namespace basin::formats::parquet {

// Creates a PARQUET file writer through the common FileWriter interface.
std::unique_ptr<FileWriter> CreateParquetWriter(const std::string& path, const types::Schema& schema,
                                             const WriteOptions& options);

}  // namespace basin::formats::parquet
