#pragma once

// Sorting rows by ORDER BY keys, shared by Sort and TopN.
//
// A SortBuffer accumulates rows (the data columns plus one evaluated column per key). Sorting
// encodes each row's keys into a fixed-width, memcmp-comparable prefix (NULL marker byte, then
// the value big-endian with the sign flipped, inverted for DESC; strings by their first 8
// bytes and min(length, 9)), sorts records of (key bytes, row) and compares strings in full
// only when both are longer than the prefix and the prefixes tie. Large buffers sort in
// parallel runs that are then merged. String bytes are shared with the input, not copied.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "sql/exec/expression_evaluator.hpp"
#include "sql/exec/physical_operator.hpp"

namespace basin::sql {

struct SortKey {
  PhysicalExprPtr expr;
  bool descending = false;
  bool nulls_first = false;
};

std::string DescribeSortKeys(const std::vector<SortKey>& keys);

class SortBuffer {
 public:
  SortBuffer(const std::vector<types::LogicalType>& types, const std::vector<SortKey>& keys);

  size_t size() const { return data_.size(); }
  // Appends every row of `chunk`, with its keys computed by `evaluators` (one per key).
  // Accounts the bytes to `context`.
  void Append(ExecContext& context, columnar::DataChunk& chunk,
              std::vector<ExpressionEvaluator>& evaluators);
  // Moves every row of `other` in.
  void Absorb(ExecContext& context, SortBuffer& other);
  // The row order, sorted. Stable for equal keys is not promised.
  std::vector<uint32_t> SortedOrder(bool parallel) const;
  // Keeps only the rows `order[0..count)`, in that order (top-N pruning).
  void Keep(ExecContext& context, const std::vector<uint32_t>& order, size_t count);
  // Gathers rows `rows[0..count)` of the data columns into `out` (reset first).
  void Emit(const uint32_t* rows, size_t count, columnar::DataChunk& out);
  // Releases what the buffer accounted.
  void Release(ExecContext& context);

 private:
  std::vector<types::LogicalType> types_;  // data columns
  const std::vector<SortKey>* keys_;
  columnar::DataChunk data_;  // data columns, then one column per key
  size_t accounted_ = 0;
};

}  // namespace basin::sql
