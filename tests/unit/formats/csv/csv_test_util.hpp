#pragma once

#include <memory>
#include <string>
#include <vector>

#include "formats/csv/csv_reader.hpp"
#include "storage/memory_file.hpp"
#include "types/value.hpp"

namespace basin::formats::csv::testing {

using Rows = std::vector<std::vector<types::Value>>;

inline std::unique_ptr<CsvReader> OpenText(const std::string& text,
                                           const CsvReadOptions& options = {},
                                           const std::vector<std::string>& columns = {}) {
  auto file = std::make_shared<storage::MemoryFile>("test.csv", text);
  return OpenCsvReader(file, options, columns);
}

// Every row the reader produces, as values.
inline Rows ReadAll(FileReader& reader) {
  Rows rows;
  columnar::DataChunk chunk;
  while (reader.Next(chunk)) {
    for (size_t r = 0; r < chunk.size(); ++r) {
      std::vector<types::Value> row;
      for (size_t c = 0; c < chunk.column_count(); ++c) row.push_back(chunk.column(c).GetValue(r));
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

inline Rows ReadText(const std::string& text, const CsvReadOptions& options = {}) {
  auto reader = OpenText(text, options);
  return ReadAll(*reader);
}

inline types::Value Str(std::string text) { return types::Value::Varchar(std::move(text)); }
inline types::Value Int(int64_t v) { return types::Value::BigInt(v); }
inline types::Value Null(types::LogicalType type = types::LogicalType::Varchar()) {
  return types::Value::Null(std::move(type));
}

}  // namespace basin::formats::csv::testing
