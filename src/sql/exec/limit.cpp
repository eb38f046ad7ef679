#include "sql/exec/limit.hpp"

#include <algorithm>
#include <utility>

#include "sql/exec/selection.hpp"

namespace basin::sql {

PhysicalLimit::PhysicalLimit(std::vector<types::LogicalType> types, std::optional<int64_t> limit,
                             int64_t offset)
    : PhysicalOperator(std::move(types)), limit_(limit), offset_(offset) {}

std::string PhysicalLimit::Describe() const {
  std::string text = "Limit";
  if (limit_) text += " " + std::to_string(*limit_);
  if (offset_ > 0) text += " OFFSET " + std::to_string(offset_);
  return text;
}

OperatorResult PhysicalLimit::Execute(ExecContext&, columnar::DataChunk& in,
                                      columnar::DataChunk& out, OperatorState&) const {
  const int64_t end = limit_ ? offset_ + *limit_ : INT64_MAX;
  const int64_t rows = static_cast<int64_t>(in.size());
  int64_t first = claimed_.fetch_add(rows, std::memory_order_relaxed);
  if (first >= end) {
    out.Reset();
    out.SetSizeOnly(0);
    return OperatorResult::kFinished;
  }
  int64_t keep_begin = std::clamp<int64_t>(offset_ - first, 0, rows);
  int64_t keep_end = std::clamp<int64_t>(end - first, 0, rows);
  if (keep_begin == 0 && keep_end == rows) {
    std::swap(in, out);
  } else {
    SliceChunk(in, static_cast<size_t>(keep_begin), static_cast<size_t>(keep_end), out);
  }
  return first + rows >= end ? OperatorResult::kFinished : OperatorResult::kNeedMoreInput;
}

}  // namespace basin::sql
