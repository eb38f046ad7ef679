// Row estimates for lake tables the catalog has no statistics for (a table made with CREATE
// EXTERNAL TABLE has neither recordCount nor sizeKey): the size of its files, listed once per
// query (kept as size_bytes), divided by an estimated row width. Good enough to tell a fact table
// from a dimension, which is all join ordering needs.
#include <exception>

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

void Fill(LogicalOperator& op) {
  for (auto& child : op.children) Fill(*child);
  if (op.kind != LogicalKind::kScan) return;
  TableSource& source = op.As<LogicalScan>().source;
  if (source.kind != SourceKind::kLake || source.record_count >= 0 || source.size_bytes >= 0 ||
      source.location.empty()) {
    return;
  }
  try {
    uint64_t bytes = 0;
    for (const auto& file :
         storage::FileSystemFor(source.location).ListRecursive(source.location)) {
      bytes += file.size;
    }
    source.size_bytes = static_cast<double>(bytes);
  } catch (const std::exception&) {
    return;  // no estimate is no error: the scan will report a missing location
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
