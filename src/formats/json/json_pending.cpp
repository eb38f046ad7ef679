// Placeholder until the JSON reader and writer land: both report Unsupported.
#include "common/error.hpp"
#include "formats/json/json_reader.hpp"
#include "formats/json/json_writer.hpp"

namespace basin::formats::json {

std::unique_ptr<FileReader> OpenJsonReader(const std::string& path, const ReadOptions&) {
  ThrowUnsupported("reading JSON is not implemented yet: " + path);
}

std::unique_ptr<FileWriter> CreateJsonWriter(const std::string& path, const types::Schema&,
                                             const WriteOptions&) {
  ThrowUnsupported("writing JSON is not implemented yet: " + path);
}

}  // namespace basin::formats::json
