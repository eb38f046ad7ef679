#pragma once

#include <memory>
#include <string>

#include "formats/file_format.hpp"

namespace basin::formats::csv {

// Opens a CSV file for streaming reads through the common FileReader interface.
std::unique_ptr<FileReader> OpenCsvReader(const std::string& path, const ReadOptions& options);

}  // namespace basin::formats::csv
