#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "types/schema.hpp"

namespace basin::formats::csv {

// Whether the first row names the columns.
enum class HeaderMode : uint8_t {
  kDetect,  // yes when every cell of the first row is non-empty text (see README.md)
  kYes,
  kNo,
};

// What the reader does with a row it cannot read: a wrong number of fields, a quote never
// closed, a value that does not parse as its column's type, invalid UTF-8.
enum class MalformedRowPolicy : uint8_t {
  kFail,  // throw InvalidInput naming the file, line, column and byte offset
  kSkip,  // drop the row and count it (CsvReader::skipped_rows())
};

// How to read a CSV file. The defaults detect everything, as DuckDB's read_csv does.
struct CsvReadOptions {
  // Field separator; '\0' detects one of , | ; TAB from the field counts of the first rows.
  char delimiter = '\0';
  // Quote character; '\0' turns quoting off.
  char quote = '"';
  // Escape character inside quoted fields ('\\' for \" style); '\0' means quotes are escaped
  // only by doubling them (RFC 4180).
  char escape = '\0';
  HeaderMode header = HeaderMode::kDetect;
  // Unquoted field texts that mean NULL, besides the empty unquoted field (always NULL).
  std::vector<std::string> null_strings;
  // Rows sampled from the start of the file to infer column types and detect the header.
  size_t sample_rows = 20480;
  // Explicit columns (names and types): skips type inference. The header row, if any, is
  // skipped and its names ignored.
  std::optional<types::Schema> schema;
  MalformedRowPolicy on_malformed = MalformedRowPolicy::kFail;
  // Longest row accepted, in bytes; longer rows fail with InvalidInput under either policy.
  size_t max_line_bytes = 2 << 20;
  // Parse byte ranges of the file on ThreadPool::Shared(). Off: one thread.
  bool parallel = true;
  // Bytes per parallel parse block; 0 picks the default. Tests use tiny blocks to exercise the
  // block boundary logic.
  size_t block_bytes = 0;
};

// How to write a CSV file.
struct CsvWriteOptions {
  char delimiter = ',';
  char quote = '"';
  bool header = true;
  // Text written for NULL. A value equal to it is quoted, so it reads back as a value.
  std::string null_string;
  // "\n" or "\r\n".
  std::string line_ending = "\n";
};

}  // namespace basin::formats::csv
