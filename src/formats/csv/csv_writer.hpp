#pragma once

#include <memory>
#include <string>

#include "formats/csv/csv_options.hpp"
#include "formats/file_format.hpp"
#include "storage/file_system.hpp"

namespace basin::formats::csv {

// Writes DataChunks as CSV text: an optional header row of column names, then one line per
// row. A field is quoted only when it must be: it holds the delimiter, the quote, a line
// break, is empty, or equals the NULL text (so it reads back as a value, not NULL). Quotes
// inside are doubled. Values are spelled as AppendValueText describes. Nothing is visible at
// the path until Finish() commits the file.
class CsvWriter final : public FileWriter {
 public:
  CsvWriter(std::unique_ptr<storage::WritableFile> file, types::Schema schema,
            CsvWriteOptions options);

  void Write(const columnar::DataChunk& chunk) override;
  void Finish() override;
  uint64_t EstimatedSize() const override {
    return (file_ ? file_->position() : 0) + buffer_.size();
  }

 private:
  void AppendField(std::string_view text);
  void Flush();

  std::unique_ptr<storage::WritableFile> file_;
  types::Schema schema_;
  CsvWriteOptions options_;
  std::string buffer_;
  std::string scratch_;
  bool finished_ = false;
};

// Appends one field to `out`, quoted when it must be: it holds the delimiter, the quote or a
// line break, is empty (an empty field reads back as NULL), or starts with a byte order mark.
// Quotes inside are doubled; `always_quote` quotes regardless. Shared by the writer and
// `basin sql --output csv`.
void AppendCsvField(std::string& out, std::string_view text, char delimiter = ',',
                    char quote = '"', bool always_quote = false);

// Creates a CSV file writer through the common FileWriter interface, with the CSV settings of
// options.csv.
std::unique_ptr<FileWriter> CreateCsvWriter(const std::string& path, const types::Schema& schema,
                                             const WriteOptions& options);

// Writes CSV into any WritableFile.
std::unique_ptr<CsvWriter> CreateCsvWriter(std::unique_ptr<storage::WritableFile> file,
                                           const types::Schema& schema,
                                           const CsvWriteOptions& options);

}  // namespace basin::formats::csv
