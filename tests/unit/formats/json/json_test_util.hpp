#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "common/error.hpp"
#include "formats/json/json_reader.hpp"
#include "storage/memory_file.hpp"

namespace basin::formats::json::testing {

// Opens a reader over JSON text held in memory, named "mem.json" in messages.
inline std::unique_ptr<FileReader> OpenText(const std::string& text,
                                            const ReadOptions& options = {}) {
  return OpenJsonReader(std::make_unique<storage::MemoryFile>("mem.json", text), options);
}

// Every row, each as its values' Trino-style text joined by " | ".
inline std::vector<std::string> RowsOf(FileReader& reader) {
  std::vector<std::string> rows;
  columnar::DataChunk chunk;
  while (reader.Next(chunk)) {
    for (size_t r = 0; r < chunk.size(); ++r) {
      std::string row;
      for (size_t c = 0; c < chunk.column_count(); ++c) {
        if (c > 0) row += " | ";
        row += chunk.column(c).GetValue(r).ToString();
      }
      rows.push_back(row);
    }
  }
  return rows;
}

inline std::vector<std::string> ReadText(const std::string& text, const ReadOptions& options = {}) {
  auto reader = OpenText(text, options);
  return RowsOf(*reader);
}

// "name:type, ..." of a reader's schema, types in Hive spelling.
inline std::string SchemaOf(const FileReader& reader) {
  std::string text;
  for (const auto& field : reader.schema().fields()) {
    if (!text.empty()) text += ", ";
    text += field.name + ":" + field.type.ToString();
  }
  return text;
}

inline std::string SchemaOfText(const std::string& text, const ReadOptions& options = {}) {
  return SchemaOf(*OpenText(text, options));
}

// Runs `body`, expecting a basin::Error with `code` whose message holds every fragment.
template <typename Body>
void ExpectError(Body body, ErrorCode code, const std::vector<std::string>& fragments) {
  try {
    body();
    ADD_FAILURE() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), code) << error.what();
    for (const auto& fragment : fragments) {
      EXPECT_NE(std::string(error.what()).find(fragment), std::string::npos)
          << "missing '" << fragment << "' in: " << error.what();
    }
  }
}

}  // namespace basin::formats::json::testing
