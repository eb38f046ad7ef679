#pragma once

#include <memory>
#include <string>

#include "formats/file_format.hpp"
#include "storage/file_system.hpp"

namespace basin::formats::json {

// Opens a JSON file for streaming reads through the common FileReader interface:
// newline-delimited records or one top-level array of records, types inferred from a sample
// or given by options.json.schema (see README.md). The schema is known when this returns.
std::unique_ptr<FileReader> OpenJsonReader(const std::string& path, const ReadOptions& options);

// The same over an already open file (an in-memory file in tests and fuzz targets).
std::unique_ptr<FileReader> OpenJsonReader(std::unique_ptr<storage::ReadableFile> file,
                                           const ReadOptions& options);

}  // namespace basin::formats::json
