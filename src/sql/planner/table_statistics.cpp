// Row estimates for lake tables the catalog has no statistics for (a table made with CREATE
// EXTERNAL TABLE has neither recordCount nor sizeKey): the size of its files, listed once per
// query (kept as size_bytes), divided by an estimated row width. Good enough to tell a fact table
// from a dimension, which is all join ordering needs. Parquet tables of few files do better:
// their footers give exact row counts and each integer-like column's min and max, from which
// range filters get their selectivity.
#include <algorithm>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "common/thread_pool.hpp"
#include "formats/parquet/parquet_reader.hpp"
#include "sql/planner/rules.hpp"
#include "storage/file_system.hpp"

namespace basin::sql {

namespace {

// Bytes a value of the type takes on disk, roughly, after encoding and compression.
double StoredWidth(const types::LogicalType& type) {
  switch (type.physical()) {
    case types::PhysicalType::kBool: return 0.2;
    case types::PhysicalType::kString: return 12;
    case types::PhysicalType::kList:
    case types::PhysicalType::kStruct: return 24;
    default: return static_cast<double>(types::FixedWidth(type.physical())) * 0.6;
  }
}

// Footers read per table at most: beyond that the listing's sizes must do.
constexpr size_t kMaxFootersPerTable = 64;

bool IntegerLike(const types::LogicalType& type) {
  switch (type.physical()) {
    case types::PhysicalType::kInt8:
    case types::PhysicalType::kInt16:
    case types::PhysicalType::kInt32:
    case types::PhysicalType::kInt64: return true;
    default: return false;
  }
}

// A statistics bound of an INT32/INT64 column as a number, if present and well formed.
std::optional<int64_t> DecodeBound(formats::parquet::Type type,
                                   const std::optional<std::string>& bytes) {
  if (!bytes) return std::nullopt;
  if (type == formats::parquet::Type::kInt32 && bytes->size() == 4) {
    int32_t v;
    std::memcpy(&v, bytes->data(), 4);
    return v;
  }
  if (type == formats::parquet::Type::kInt64 && bytes->size() == 8) {
    int64_t v;
    std::memcpy(&v, bytes->data(), 8);
    return v;
  }
  return std::nullopt;
}

// Exact row count and column ranges from the footers of the table's Parquet files. Leaves the
// source untouched when any footer cannot be read (the scan reports real errors later).
void ReadFooters(TableSource& source, const std::vector<storage::FileInfo>& files) {
  using Range = std::optional<std::pair<int64_t, int64_t>>;
  size_t columns = source.column_names.size() - source.partition_key_count;
  std::vector<Range> ranges(source.column_names.size());
  std::vector<bool> known(columns, true);
  double rows = 0;
  bool any = false;
  std::vector<const storage::FileInfo*> data_files;
  for (const auto& file : files) {
    if (!file.is_directory && file.size > 0) data_files.push_back(&file);
  }
  // In parallel: on object stores each footer costs a round trip or two.
  std::vector<std::unique_ptr<formats::parquet::ParquetFileReader>> readers(data_files.size());
  ThreadPool::Shared().ParallelFor(data_files.size(), [&](size_t i) {
    const std::string& path = data_files[i]->path;
    readers[i] = std::make_unique<formats::parquet::ParquetFileReader>(
        storage::FileSystemFor(path).OpenForRead(path));
  });
  for (const auto& reader : readers) {
    rows += static_cast<double>(reader->num_rows());
    for (const auto& group : reader->metadata().row_groups) {
      any = true;
      for (size_t c = 0; c < columns; ++c) {
        if (!known[c]) continue;
        known[c] = false;
        if (!IntegerLike(source.column_types[c])) continue;
        for (const auto& chunk : group.columns) {
          const auto& meta = chunk.meta_data;
          if (!meta || meta->path_in_schema.size() != 1 ||
              meta->path_in_schema[0] != source.column_names[c] || !meta->statistics) {
            continue;
          }
          const auto& stats = *meta->statistics;
          auto lo = DecodeBound(meta->type, stats.min_value ? stats.min_value : stats.min);
          auto hi = DecodeBound(meta->type, stats.max_value ? stats.max_value : stats.max);
          if (!lo || !hi || *lo > *hi) break;
          if (ranges[c]) {
            ranges[c]->first = std::min(ranges[c]->first, *lo);
            ranges[c]->second = std::max(ranges[c]->second, *hi);
          } else {
            ranges[c] = std::make_pair(*lo, *hi);
          }
          known[c] = true;
          break;
        }
        if (!known[c]) ranges[c].reset();
      }
    }
  }
  source.record_count = rows;
  if (any) source.column_ranges = std::move(ranges);
}

void Fill(LogicalOperator& op) {
  for (auto& child : op.children) Fill(*child);
  if (op.kind != LogicalKind::kScan) return;
  TableSource& source = op.As<LogicalScan>().source;
  if (source.kind != SourceKind::kLake || source.record_count >= 0 || source.size_bytes >= 0 ||
      source.location.empty()) {
    return;
  }
  std::vector<storage::FileInfo> files;
  try {
    uint64_t bytes = 0;
    files = storage::FileSystemFor(source.location).ListRecursive(source.location);
    for (const auto& file : files) bytes += file.size;
    source.size_bytes = static_cast<double>(bytes);
  } catch (const std::exception&) {
    return;  // no estimate is no error: the scan will report a missing location
  }
  if (source.format != LakeFormat::kParquet || files.size() > kMaxFootersPerTable) return;
  try {
    ReadFooters(source, files);
  } catch (const std::exception&) {
    source.record_count = -1;  // not every file is Parquet: sizes only
    source.column_ranges.clear();
  }
}

}  // namespace

double EstimatedRowWidth(const TableSource& source) {
  double width = 1;
  for (size_t i = 0; i + source.partition_key_count < source.column_types.size(); ++i) {
    width += StoredWidth(source.column_types[i]);
  }
  if (source.format != LakeFormat::kParquet) width *= 3;  // text is wider than Parquet
  return width;
}

void EstimateMissingStatistics(LogicalOperator& plan) { Fill(plan); }

}  // namespace basin::sql
