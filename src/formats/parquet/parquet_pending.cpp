// Placeholder until the PARQUET reader and writer land: both report Unsupported.
#include "common/error.hpp"
#include "formats/parquet/parquet_reader.hpp"
#include "formats/parquet/parquet_writer.hpp"

namespace basin::formats::parquet {

std::unique_ptr<FileReader> OpenParquetReader(const std::string& path, const ReadOptions&) {
  ThrowUnsupported("reading PARQUET is not implemented yet: " + path);
}

std::unique_ptr<FileWriter> CreateParquetWriter(const std::string& path, const types::Schema&,
                                             const WriteOptions&) {
  ThrowUnsupported("writing PARQUET is not implemented yet: " + path);
}

}  // namespace basin::formats::parquet
