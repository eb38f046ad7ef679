#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "formats/csv/csv_options.hpp"
#include "formats/csv/csv_scanner.hpp"
#include "types/schema.hpp"

namespace basin::formats::csv {

// What every block parse of one file shares, fixed when the file is opened.
struct ParsePlan {
  CsvDialect dialect;
  size_t columns = 0;               // fields per row in the file
  std::vector<size_t> projection;   // the file column behind each output column
  types::Schema output_schema;      // the projected columns
  std::vector<std::string> null_strings;
  MalformedRowPolicy policy = MalformedRowPolicy::kFail;
  size_t max_line_bytes = 0;
  size_t rows_per_chunk = 0;
};

// A malformed row found by a block parse; the reader turns it into a message with the file
// name and absolute line and byte offset.
struct BlockError {
  size_t offset = 0;       // buffer offset of the problem
  uint64_t line = 0;       // line breaks between the block start and the row
  uint32_t column = 0;     // 1-based file column; 0 when not about one column
  std::string what;        // what is wrong
  bool type_mismatch = false;  // a value that does not parse as its column's type
};

// The outcome of parsing one block: the rows that start in it, as chunks.
struct BlockResult {
  size_t start = 0;         // where parsing began
  size_t end = 0;           // where the next block's rows must begin
  bool incomplete = false;  // the row at `end` runs past the buffer: more bytes are needed
  uint64_t lines = 0;       // line breaks in [start, end)
  uint64_t skipped = 0;     // malformed rows dropped (MalformedRowPolicy::kSkip)
  std::vector<columnar::DataChunk> chunks;
  std::optional<BlockError> error;  // under kFail: parsing stopped at this row
};

// Parses the rows of `buffer` (size bytes, then kScanPadding bytes of padding) that start in
// [start, limit), reading past `limit` to finish the last of them. `at_eof` says the buffer ends
// where the file ends. Strings in the chunks point into `buffer`, which they keep alive.
BlockResult ParseBlock(const ParsePlan& plan, const std::shared_ptr<const char[]>& buffer,
                       size_t size, bool at_eof, size_t start, size_t limit);

}  // namespace basin::formats::csv
