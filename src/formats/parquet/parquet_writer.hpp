#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "formats/file_format.hpp"
#include "formats/parquet/column_writer.hpp"
#include "formats/parquet/level_builder.hpp"
#include "formats/parquet/parquet_metadata.hpp"
#include "storage/file_system.hpp"

namespace basin::formats::parquet {

// Everything a Parquet file writer can be told. The defaults suit a data lake: SNAPPY,
// dictionary encoding, row groups of 1M rows (or 128 MiB encoded, whichever comes first).
struct ParquetWriteOptions {
  CompressionCodec codec = CompressionCodec::kSnappy;
  int compression_level = 0;  // ZSTD level (1..22, negative for fast modes); 0 = default
  size_t row_group_rows = size_t{1} << 20;
  // A row group also closes once its encoded pages reach this size.
  size_t row_group_bytes = size_t{128} << 20;
  size_t page_bytes = size_t{1} << 20;
  size_t dictionary_page_bytes = size_t{1} << 20;
  bool dictionary = true;
  // Written to the footer's key_value_metadata, in order.
  std::vector<std::pair<std::string, std::string>> key_value_metadata;
};

// Parses a codec name, case-insensitively: snappy, zstd, gzip, lz4_raw (or lz4), none (or
// uncompressed). Throws InvalidInput naming the choices.
CompressionCodec ParseCompressionCodec(std::string_view name);

// The footer's created_by: "basin version X.Y.Z".
std::string CreatedBy();

// Writes DataChunks of one schema as a Parquet file (format in README.md, "Writer").
//
// Rows are buffered per row group as encoded, compressed pages (never more than one row group
// in memory); a row group's leaf columns are encoded in parallel on ThreadPool::Shared().
// Nothing is visible at the path until Finish() commits the file; a writer destroyed
// without Finish(), or one whose Write failed, leaves nothing behind.
class ParquetFileWriter final : public FileWriter {
 public:
  // Throws InvalidInput for an unusable schema or options.
  ParquetFileWriter(std::unique_ptr<storage::WritableFile> file, types::Schema schema,
                    ParquetWriteOptions options);
  ~ParquetFileWriter() override;

  // Opens `path` through its file system.
  static std::unique_ptr<ParquetFileWriter> Create(const std::string& path, types::Schema schema,
                                                   ParquetWriteOptions options = {});

  // Appends the chunk's rows. Its columns must match the schema's types: a chunk that does
  // not is rejected (InvalidInput) before anything is written. A failure while writing (a NULL
  // in a NOT NULL column or MAP key, a value too large) poisons the writer: later calls throw
  // and the file is not published.
  void Write(const columnar::DataChunk& chunk) override;
  // Writes the last row group and the footer, and publishes the file.
  void Finish() override;
  // The file's bytes so far plus the current row group's encoded pages.
  uint64_t EstimatedSize() const override;

  uint64_t rows_written() const { return rows_written_; }
  const types::Schema& schema() const { return schema_; }

 private:
  void WriteRows(const columnar::DataChunk& chunk, size_t begin, size_t end);
  void FlushRowGroup();
  void CheckUsable() const;

  std::unique_ptr<storage::WritableFile> file_;
  types::Schema schema_;
  ParquetWriteOptions options_;
  std::vector<SchemaElement> schema_elements_;
  std::vector<WriterLeaf> leaves_;
  std::vector<std::unique_ptr<ColumnChunkWriter>> writers_;
  std::vector<LevelBuilder> level_builders_;
  std::vector<LeafLevels> levels_;
  std::vector<RowGroup> row_groups_;
  uint64_t rows_written_ = 0;
  size_t rows_in_group_ = 0;
  bool failed_ = false;
  bool finished_ = false;
};

// Creates a PARQUET file writer through the common FileWriter interface
// (options.compression names the codec; empty means SNAPPY).
std::unique_ptr<FileWriter> CreateParquetWriter(const std::string& path,
                                                const types::Schema& schema,
                                                const WriteOptions& options);

}  // namespace basin::formats::parquet
