// libFuzzer target for the Parquet reader: the input is a whole file, read through
// storage::MemoryFile; every row group and column is decoded and every value touched. Only
// basin::Error may come out; a crash, a sanitizer report or a hang is a bug.
//
// Inputs whose metadata claims more than kMaxClaimedValues values are skipped: a few bytes of
// RLE legitimately stand for millions of NULLs, and decoding them is work proportional to the
// claim, not a bug (the reader itself bounds every allocation by the metadata's counts).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "common/error.hpp"
#include "formats/parquet/parquet_reader.hpp"
#include "storage/memory_file.hpp"

namespace {

constexpr int64_t kMaxClaimedValues = 1 << 20;

bool ClaimsTooMuch(const basin::formats::parquet::FileMetaData& metadata) {
  int64_t total = 0;
  for (const auto& group : metadata.row_groups) {
    if (group.num_rows > kMaxClaimedValues) return true;
    for (const auto& column : group.columns) {
      if (!column.meta_data) continue;
      int64_t values = column.meta_data->num_values;
      if (values < 0 || values > kMaxClaimedValues) return true;
      total += values;
      if (total > 4 * kMaxClaimedValues) return true;
    }
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace basin::formats::parquet;
  try {
    auto file = std::make_unique<basin::storage::MemoryFile>(
        "fuzz.parquet", std::string(reinterpret_cast<const char*>(data), size));
    ParquetFileReader reader(std::move(file));
    if (ClaimsTooMuch(reader.metadata())) return 0;
    std::vector<size_t> columns;
    for (size_t i = 0; i < reader.schema().size(); ++i) columns.push_back(i);
    basin::columnar::DataChunk chunk;
    size_t touched = 0;
    for (size_t g = 0; g < reader.row_group_count(); ++g) {
      reader.RowGroupMayMatch(
          g, {{reader.schema()[0].name, CompareOp::kLess, basin::types::Value::BigInt(0)}});
      reader.ReadRowGroup(g, columns, chunk);
      for (size_t c = 0; c < chunk.column_count(); ++c) {
        for (size_t r = 0; r < chunk.size(); ++r) {
          touched += chunk.column(c).GetValue(r).ToString().size();
        }
      }
    }
    if (touched == size_t(-1)) return 1;  // keeps the work observable
  } catch (const basin::Error&) {
  }
  return 0;
}
