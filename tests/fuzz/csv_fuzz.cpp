// libFuzzer target for the CSV reader and writer. The first two input bytes pick the options
// (delimiter, quote, escape, header mode, malformed-row policy, explicit schema, NULL strings,
// line limit, block size); the rest is the file, read through storage::MemoryFile.
//
// Checks, beyond "no crash, no sanitizer report, no hang":
//  - only basin::Error with code InvalidInput or Corrupt comes out (Unsupported for gzip);
//  - reading with tiny parallel blocks gives exactly what one sequential block gives (rows and
//    skipped count, or the same error message), so block boundaries never change results;
//  - the rows read, written back with CsvWriter and read again with their schema, come back
//    equal.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "common/error.hpp"
#include "formats/csv/csv_reader.hpp"
#include "formats/csv/csv_writer.hpp"
#include "storage/memory_file.hpp"

namespace {

using basin::types::LogicalType;
using basin::types::Value;
using namespace basin::formats::csv;

// A WritableFile that keeps the bytes in memory.
class StringFile final : public basin::storage::WritableFile {
 public:
  explicit StringFile(std::string* out) : out_(out) {}
  const std::string& path() const override { return path_; }
  void Append(std::string_view bytes) override { out_->append(bytes); }
  uint64_t position() const override { return out_->size(); }
  void Commit() override {}

 private:
  std::string path_ = "fuzz-out.csv";
  std::string* out_;
};

struct Outcome {
  std::vector<std::vector<Value>> rows;
  basin::types::Schema schema;
  uint64_t skipped = 0;
  std::string error;  // empty when reading succeeded
};

Outcome Read(const std::string& bytes, const CsvReadOptions& options) {
  Outcome outcome;
  try {
    auto file = std::make_shared<basin::storage::MemoryFile>("fuzz.csv", bytes);
    auto reader = OpenCsvReader(file, options);
    outcome.schema = reader->schema();
    basin::columnar::DataChunk chunk;
    while (reader->Next(chunk)) {
      for (size_t r = 0; r < chunk.size(); ++r) {
        std::vector<Value> row;
        for (size_t c = 0; c < chunk.column_count(); ++c) {
          row.push_back(chunk.column(c).GetValue(r));
        }
        outcome.rows.push_back(std::move(row));
      }
    }
    outcome.skipped = reader->skipped_rows();
  } catch (const basin::Error& error) {
    const bool gzip = error.code() == basin::ErrorCode::kUnsupported &&
                      bytes.size() >= 2 && bytes[0] == '\x1f' && bytes[1] == '\x8b';
    if (error.code() != basin::ErrorCode::kInvalidInput &&
        error.code() != basin::ErrorCode::kCorrupt && !gzip) {
      std::fprintf(stderr, "unexpected error code: %s\n", error.what());
      std::abort();
    }
    outcome.error = error.what();
  }
  return outcome;
}

std::string Describe(const Outcome& outcome) {
  std::string text = outcome.error.empty() ? "" : "error: " + outcome.error + "\n";
  text += "skipped " + std::to_string(outcome.skipped) + ", rows:\n";
  for (const auto& row : outcome.rows) {
    for (const auto& value : row) text += value.ToString() + " | ";
    text += "\n";
  }
  return text;
}

[[noreturn]] void Fail(const char* what, const Outcome& first, const Outcome& second) {
  std::fprintf(stderr, "%s\n--- first\n%s--- second\n%s", what, Describe(first).c_str(),
               Describe(second).c_str());
  std::abort();
}

CsvReadOptions OptionsFrom(uint8_t a, uint8_t b) {
  CsvReadOptions options;
  static constexpr char kDelimiters[] = {'\0', ',', '|', ';', '\t', ' ', 'x', '\0'};
  options.delimiter = kDelimiters[a & 7];
  options.quote = (a & 8) ? '\'' : '"';
  options.escape = (a & 16) ? '\\' : '\0';
  options.header = static_cast<HeaderMode>((a >> 5) % 3);
  options.on_malformed = (b & 1) ? MalformedRowPolicy::kSkip : MalformedRowPolicy::kFail;
  if (b & 2) options.null_strings = {"NULL", "\\N"};
  if (b & 4) options.max_line_bytes = 1 + (b >> 3) * 3;
  options.sample_rows = 1 + ((b >> 4) & 3) * 7;
  if (b & 8) {
    options.schema = basin::types::Schema({{"a", LogicalType::BigInt()},
                                           {"b", LogicalType::Varchar()},
                                           {"c", LogicalType::Decimal(9, 2)},
                                           {"d", LogicalType::Timestamp()}});
  }
  if (options.delimiter == options.quote) options.delimiter = ',';
  return options;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  CsvReadOptions options = OptionsFrom(data[0], data[1]);
  const std::string bytes(reinterpret_cast<const char*>(data) + 2, size - 2);

  options.parallel = false;
  Outcome whole = Read(bytes, options);
  options.parallel = true;
  options.block_bytes = 1 + (data[1] % 13);
  Outcome blocks = Read(bytes, options);
  // Rows before an error depend on how far streaming got: compare them only on success.
  if (whole.error != blocks.error ||
      (whole.error.empty() && (whole.rows != blocks.rows || whole.skipped != blocks.skipped))) {
    Fail("reading with small blocks changed the outcome", whole, blocks);
  }
  if (!whole.error.empty() || whole.schema.size() == 0) return 0;

  // Write what was read and read it back with the same schema.
  std::string written;
  {
    auto writer = CreateCsvWriter(std::make_unique<StringFile>(&written), whole.schema,
                                  CsvWriteOptions{});
    basin::columnar::DataChunk chunk(whole.schema);
    for (const auto& row : whole.rows) {
      for (size_t c = 0; c < row.size(); ++c) chunk.column(c).Append(row[c]);
    }
    chunk.SetSizeOnly(whole.rows.size());
    writer->Write(chunk);
    writer->Finish();
  }
  CsvReadOptions again;
  again.delimiter = ',';
  again.header = HeaderMode::kYes;
  again.schema = whole.schema;
  Outcome back = Read(written, again);
  if (!back.error.empty() || back.rows != whole.rows) {
    std::fprintf(stderr, "written:\n%s\n", written.c_str());
    Fail("writing and reading back changed the outcome", whole, back);
  }
  return 0;
}
