// libFuzzer target for the JSON reader (and, differentially, the writer's encoder). The first
// input byte picks the options (layout, explicit schema or inference, ignore_errors, sample
// size); the rest is the file, read through storage::MemoryFile. Only basin::Error with code
// Corrupt or InvalidInput may come out. Every chunk read is then encoded back to JSON and read
// again with the schema it had: the values must come back equal. A crash, a sanitizer report,
// a hang or a round-trip difference is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "columnar/data_chunk.hpp"
#include "common/error.hpp"
#include "formats/json/json_encoder.hpp"
#include "formats/json/json_reader.hpp"
#include "storage/memory_file.hpp"

namespace {

using basin::types::LogicalType;

// Explicit schemas covering every conversion path.
basin::types::Schema ExplicitSchema(int which) {
  if (which == 0) {
    return basin::types::Schema({
        {"a", LogicalType::Integer()},
        {"b", LogicalType::Decimal(20, 4)},
        {"c", LogicalType::List(
                  LogicalType::Struct({{"x", LogicalType::Double()}, {"y", LogicalType::Date()}}))},
        {"d", LogicalType::Map(LogicalType::Varchar(), LogicalType::Timestamp())},
        {"e", LogicalType::Binary()},
    });
  }
  return basin::types::Schema({
      {"a", LogicalType::TinyInt()},
      {"f", LogicalType::Time()},
      {"g", LogicalType::Map(LogicalType::Integer(), LogicalType::Boolean())},
      {"h", LogicalType::Float()},
      {"i", LogicalType::Decimal(9, 2)},
      {"s", LogicalType::Struct(
                {{"a", LogicalType::Varchar()}, {"l", LogicalType::List(LogicalType::BigInt())}})},
  });
}

std::unique_ptr<basin::formats::FileReader> Open(const std::string& text,
                                                 const basin::formats::ReadOptions& options) {
  return basin::formats::json::OpenJsonReader(
      std::make_unique<basin::storage::MemoryFile>("fuzz.json", text), options);
}

void ExpectInputError(const basin::Error& error) {
  if (error.code() != basin::ErrorCode::kCorrupt &&
      error.code() != basin::ErrorCode::kInvalidInput) {
    std::fprintf(stderr, "unexpected error code: %s\n", error.what());
    std::abort();
  }
}

// Encodes the chunk as NDJSON, reads it back with `schema`, and checks every value.
void CheckRoundTrip(const basin::columnar::DataChunk& chunk, const basin::types::Schema& schema) {
  basin::formats::json::JsonEncoder encoder(schema);
  std::string text;
  for (size_t row = 0; row < chunk.size(); ++row) {
    encoder.AppendRow(chunk, row, text);
    text += '\n';
  }
  basin::formats::ReadOptions options;
  options.json.schema = schema;
  options.json.layout = basin::formats::JsonLayout::kNewlineDelimited;
  auto reader = Open(text, options);
  basin::columnar::DataChunk again;
  size_t row = 0;
  while (reader->Next(again)) {
    for (size_t r = 0; r < again.size(); ++r, ++row) {
      for (size_t c = 0; c < schema.size(); ++c) {
        auto before = chunk.column(c).GetValue(row);
        auto after = again.column(c).GetValue(r);
        if (before != after) {
          std::fprintf(stderr, "round trip changed column %s row %zu: %s -> %s\n",
                       schema[c].name.c_str(), row, before.ToString().c_str(),
                       after.ToString().c_str());
          std::abort();
        }
      }
    }
  }
  if (row != chunk.size()) {
    std::fprintf(stderr, "round trip changed the row count: %zu -> %zu\n", chunk.size(), row);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t selector = data[0];
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  basin::formats::ReadOptions options;
  options.json.layout = static_cast<basin::formats::JsonLayout>(selector % 3);
  options.json.ignore_errors = (selector & 4) != 0;
  if (selector & 8) options.json.schema = ExplicitSchema((selector >> 4) & 1);
  options.json.sample_rows = (selector & 32) ? 1 : 100;
  options.json.detect_dates = (selector & 64) == 0;
  options.json.max_record_bytes = 1 << 16;
  try {
    auto reader = Open(text, options);
    basin::types::Schema schema = reader->schema();
    basin::columnar::DataChunk chunk;
    while (reader->Next(chunk)) {
      try {
        CheckRoundTrip(chunk, schema);
      } catch (const basin::Error& error) {
        std::fprintf(stderr, "re-reading Basin's own JSON failed: %s\n", error.what());
        std::abort();
      }
    }
  } catch (const basin::Error& error) {
    ExpectInputError(error);
  }
  return 0;
}
