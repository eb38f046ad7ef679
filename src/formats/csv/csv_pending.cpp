// Placeholder until the CSV reader and writer land: both report Unsupported.
#include "common/error.hpp"
#include "formats/csv/csv_reader.hpp"
#include "formats/csv/csv_writer.hpp"

namespace basin::formats::csv {

std::unique_ptr<FileReader> OpenCsvReader(const std::string& path, const ReadOptions&) {
  ThrowUnsupported("reading CSV is not implemented yet: " + path);
}

std::unique_ptr<FileWriter> CreateCsvWriter(const std::string& path, const types::Schema&,
                                             const WriteOptions&) {
  ThrowUnsupported("writing CSV is not implemented yet: " + path);
}

}  // namespace basin::formats::csv
