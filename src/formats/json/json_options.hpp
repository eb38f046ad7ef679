#pragma once

#include <cstddef>
#include <optional>

#include "types/schema.hpp"

namespace basin::formats {

// How the records of a JSON file are laid out.
enum class JsonLayout {
  kAuto,              // reading: a top-level '[' means kArray, anything else kNewlineDelimited
  kNewlineDelimited,  // one object per line (NDJSON / JSON Lines)
  kArray,             // one top-level array of objects
};

// JSON reader settings (see src/formats/json/README.md for the rules they select).
struct JsonReadOptions {
  JsonLayout layout = JsonLayout::kAuto;
  // Records read to infer the schema; values past the sample must fit the inferred types.
  size_t sample_rows = 20480;
  // Infer DATE / TIMESTAMP for string columns whose sampled values are all ISO dates /
  // timestamps ("2024-03-07", "2024-03-07 12:34:56", "2024-03-07T12:34:56Z").
  bool detect_dates = true;
  // Explicit columns: skips inference. Keys match field names exactly, else case-insensitively.
  std::optional<types::Schema> schema;
  // A value that does not fit its column's type reads as NULL instead of failing the read.
  bool ignore_errors = false;
  // Largest record accepted, in bytes: bounds memory when a file has no line breaks.
  size_t max_record_bytes = size_t{64} << 20;
};

struct JsonWriteOptions {
  // kAuto writes newline-delimited JSON.
  JsonLayout layout = JsonLayout::kNewlineDelimited;
};

}  // namespace basin::formats
