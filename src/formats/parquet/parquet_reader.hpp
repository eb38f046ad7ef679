#pragma once

#include <memory>
#include <string>

#include "formats/file_format.hpp"

namespace basin::formats::parquet {

// Opens a PARQUET file for streaming reads through the common FileReader interface.
std::unique_ptr<FileReader> OpenParquetReader(const std::string& path, const ReadOptions& options);

}  // namespace basin::formats::parquet
