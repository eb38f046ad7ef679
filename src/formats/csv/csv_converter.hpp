#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "columnar/vector.hpp"
#include "formats/csv/csv_scanner.hpp"

namespace basin::formats::csv {

// The scanned fields of up to one chunk of rows: row r's field c is spans[r * stride + c].
struct ChunkFields {
  const char* data = nullptr;
  const FieldSpan* spans = nullptr;
  size_t rows = 0;
  size_t stride = 0;
};

enum class FailureReason : uint8_t {
  kBadValue,  // the text is not a value of the column's type
  kBadUtf8,   // text column holding bytes that are not UTF-8
};

struct ConversionFailure {
  uint32_t row;
  FailureReason reason;
};

struct ConvertSettings {
  CsvDialect dialect;
  // Unquoted texts that mean NULL besides the empty field.
  const std::vector<std::string>* null_strings = nullptr;
  // False when the caller knows the text is ASCII, so UTF-8 checks can be skipped.
  bool check_utf8 = true;
};

// Converts field `column` of every row of `fields` into `out`, which must already have
// fields.rows rows. Empty fields are NULL (a quoted empty field is an empty string in a text
// column). Strings point into fields.data unless they needed unescaping; the caller keeps that
// buffer alive through out.heap().KeepAlive. A text that does not convert leaves the row NULL
// and is reported in `failures`; with stop_at_first, conversion stops there.
void ConvertColumn(const ChunkFields& fields, size_t column, const ConvertSettings& settings,
                   columnar::Vector& out, std::vector<ConversionFailure>& failures,
                   bool stop_at_first);

// A field's text with the quoting removed ("" -> ", escape + byte -> byte).
std::string FieldText(const char* data, const FieldSpan& span, const CsvDialect& dialect);

}  // namespace basin::formats::csv
