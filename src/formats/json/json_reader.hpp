#pragma once

#include <memory>
#include <string>

#include "formats/file_format.hpp"

namespace basin::formats::json {

// Opens a JSON file for streaming reads through the common FileReader interface.
std::unique_ptr<FileReader> OpenJsonReader(const std::string& path, const ReadOptions& options);

}  // namespace basin::formats::json
