#pragma once

#include <cstdint>

#include "formats/csv/csv_options.hpp"
#include "formats/csv/csv_scanner.hpp"
#include "storage/file_system.hpp"
#include "types/schema.hpp"

namespace basin::formats::csv {

// Most columns a CSV file may have. Bounds the memory a hostile first line can ask for.
constexpr size_t kMaxColumns = 65536;

// What the reader learns from the start of a file before it reads rows: the dialect, whether
// there is a header, where the data starts and the columns (named and typed).
struct CsvLayout {
  CsvDialect dialect;
  bool has_header = false;
  // First byte of the first data row (past a UTF-8 BOM and the header).
  uint64_t data_offset = 0;
  // Line breaks before data_offset, so messages can give 1-based line numbers.
  uint64_t lines_before_data = 0;
  // Every column of the file.
  types::Schema schema;
};

// Reads the start of `file` (growing the sample as needed, up to a bound) and works out the
// layout: the delimiter when options.delimiter is '\0', the header when options.header is
// kDetect, the types by sampling options.sample_rows rows unless options.schema gives them.
// Inference and header rules are in README.md.
CsvLayout DetectLayout(storage::ReadableFile& file, const CsvReadOptions& options);

}  // namespace basin::formats::csv
