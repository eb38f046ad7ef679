#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "formats/csv/csv_options.hpp"
#include "formats/json/json_options.hpp"
#include "types/schema.hpp"

namespace basin::formats {

enum class FileFormat { kParquet, kCsv, kJson };

std::string_view FileFormatName(FileFormat format);  // "parquet", "csv", "json"
// Parses "parquet" / "csv" / "json" (any case); throws InvalidInput listing the choices.
FileFormat ParseFileFormat(std::string_view name);

// Streams a file's rows as DataChunks. Every format's reader implements it, so the CLI, the
// crawler and the SQL engine's scans see one interface.
class FileReader {
 public:
  virtual ~FileReader() = default;
  // The columns Next() produces (after projection).
  virtual const types::Schema& schema() const = 0;
  // Fills `chunk` (reset by the reader) with the next rows, at most kChunkRows unless the format
  // has natural larger units; returns false when no rows remain.
  virtual bool Next(columnar::DataChunk& chunk) = 0;
};

// Writes DataChunks of one schema into a file, published atomically by Finish().
class FileWriter {
 public:
  virtual ~FileWriter() = default;
  virtual void Write(const columnar::DataChunk& chunk) = 0;
  // Flushes everything and publishes the file. A writer destroyed before Finish() leaves
  // nothing behind.
  virtual void Finish() = 0;
  // Bytes written so far plus those buffered (encoded): about the file's size if it were
  // finished now. Writers cut files at a target size by it.
  virtual uint64_t EstimatedSize() const = 0;
};

struct ReadOptions {
  // Columns to read, by name; all when empty.
  std::vector<std::string> columns;
  // JSON: layout, schema inference, explicit schema (formats/json/README.md).
  JsonReadOptions json;
  // CSV: dialect, header, NULL strings, inference, malformed rows (formats/csv/README.md).
  csv::CsvReadOptions csv;
};

struct WriteOptions {
  // Codec name: parquet "snappy" (default), "zstd", "gzip", "lz4_raw", "none"; csv and json
  // "none" (default) or "gzip" when supported.
  std::string compression;
  // Parquet: rows per row group.
  size_t row_group_rows = 1 << 20;
  // JSON: newline-delimited (default) or one array.
  JsonWriteOptions json;
  // CSV: delimiter, quote, header, NULL text, line ending.
  csv::CsvWriteOptions csv;
};

// Recognises a file by its bytes: Parquet's magic, JSON's opening '{' or '[', else CSV.
// Falls back to the extension when the content says nothing.
FileFormat DetectFileFormat(const std::string& path);
// The format the extension names (.parquet, .csv, .tsv, .json, .jsonl, .ndjson), if any.
std::optional<FileFormat> FormatFromExtension(std::string_view path);

std::unique_ptr<FileReader> OpenFileReader(const std::string& path, FileFormat format,
                                           const ReadOptions& options = {});
std::unique_ptr<FileWriter> CreateFileWriter(const std::string& path, FileFormat format,
                                             const types::Schema& schema,
                                             const WriteOptions& options = {});

}  // namespace basin::formats
