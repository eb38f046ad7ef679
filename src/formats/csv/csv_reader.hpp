#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "formats/csv/csv_block_parser.hpp"
#include "formats/csv/csv_options.hpp"
#include "formats/csv/csv_sniffer.hpp"
#include "formats/file_format.hpp"
#include "storage/file_system.hpp"

namespace basin::formats::csv {

// Streams a CSV file as DataChunks. Opening reads the start of the file to detect the layout
// (CsvLayout: delimiter, header, column names and types). Reading then takes the file in
// batches of large byte ranges, splits each into blocks parsed in parallel on
// ThreadPool::Shared(), and hands out their chunks in file order. A block guesses that its
// first row starts after its first line break and checks the guess against where the previous
// block's last row really ended; when a quoted line break fooled it, the block is parsed again
// from the right place, so quoted newlines cost time, never correctness.
//
// Strings that need no unescaping point into the batch buffers, which the chunks keep alive.
// Malformed rows either throw InvalidInput (file, line, column, byte offset, what is wrong) or
// are skipped and counted, per CsvReadOptions::on_malformed.
class CsvReader final : public FileReader {
 public:
  // `columns` projects by name (case-insensitive); empty reads every column.
  CsvReader(std::shared_ptr<storage::ReadableFile> file, const CsvReadOptions& options,
            const std::vector<std::string>& columns = {});

  const types::Schema& schema() const override { return plan_.output_schema; }
  bool Next(columnar::DataChunk& chunk) override;

  // What was detected when the file was opened (all columns, not just the projected ones).
  const CsvLayout& layout() const { return layout_; }
  // Malformed rows dropped so far under MalformedRowPolicy::kSkip.
  uint64_t skipped_rows() const { return skipped_; }

 private:
  void LoadBatch();
  std::shared_ptr<char[]> BatchBuffer(size_t size);
  [[noreturn]] void Fail(const BlockError& error, uint64_t buffer_offset, uint64_t lines_before);

  std::shared_ptr<storage::ReadableFile> file_;
  CsvReadOptions options_;
  CsvLayout layout_;
  ParsePlan plan_;
  uint64_t file_size_ = 0;
  uint64_t position_ = 0;      // next file byte to read
  std::string carry_;          // the start of a row cut off by the end of the last batch
  uint64_t lines_before_ = 0;  // line breaks before the first byte of carry_
  uint64_t skipped_ = 0;
  size_t block_bytes_ = 0;
  size_t batch_bytes_ = 0;
  bool done_ = false;
  // Batch buffers for reuse once no chunk points into them any more.
  std::vector<std::pair<std::shared_ptr<char[]>, size_t>> buffers_;
  std::vector<columnar::DataChunk> ready_;
  size_t next_ready_ = 0;
};

// Opens a CSV file for streaming reads through the common FileReader interface, with the CSV
// settings of options.csv.
std::unique_ptr<FileReader> OpenCsvReader(const std::string& path, const ReadOptions& options);

// Reads CSV from any ReadableFile (a MemoryFile in tests and fuzz targets, a local file, an
// object).
std::unique_ptr<CsvReader> OpenCsvReader(std::shared_ptr<storage::ReadableFile> file,
                                         const CsvReadOptions& options,
                                         const std::vector<std::string>& columns = {});

}  // namespace basin::formats::csv
