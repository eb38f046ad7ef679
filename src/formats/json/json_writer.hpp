#pragma once

#include <memory>
#include <string>

#include "formats/file_format.hpp"

namespace basin::formats::json {

// Creates a JSON file writer through the common FileWriter interface.
std::unique_ptr<FileWriter> CreateJsonWriter(const std::string& path, const types::Schema& schema,
                                             const WriteOptions& options);

}  // namespace basin::formats::json
