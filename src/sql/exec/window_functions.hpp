#pragma once

// The evaluation half of the Window operator: one sorted bucket of rows (partition and
// peer-group boundaries known) in, one window function's values (in sorted order) out.
// Ranking functions from boundaries, value functions by position, aggregates over frames from
// per-row leaf states merged with `combine`.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "columnar/vector.hpp"
#include "sql/exec/window.hpp"

namespace basin::sql {

// The rows of one bucket after sorting, with partition and peer boundaries.
struct SortedBucket {
  size_t rows = 0;
  std::vector<uint32_t> order;        // position in bucket (sorted) → index into bucket inputs
  std::vector<uint32_t> partition_start, partition_end;  // per sorted row
  std::vector<uint32_t> peer_start, peer_end;            // per sorted row
  std::vector<uint32_t> group_number;                    // peer group index within partition
  std::vector<uint32_t> group_starts;  // sorted row where each peer group begins (bucket-wide)
  // Per sorted row: the index in group_starts of its partition's first peer group.
  std::vector<uint32_t> group_base;
  // The first ORDER BY key in sorted order, for RANGE offsets.
  const columnar::Vector* order_key = nullptr;
  bool order_descending = false;
};

// A frame: sorted rows [start, end) of the bucket.
struct Frame {
  uint32_t start, end;
};

// Frame of sorted row k under `frame`. RANGE offsets need a numeric ORDER BY key
// (Unsupported otherwise).
Frame FrameOf(const BoundFrame& frame, const SortedBucket& bucket, size_t k);

// Computes `function` over `bucket` into `out` (its result type, reset first). `args` are the
// function's arguments gathered in sorted order.
void ComputeFunction(const Window::Function& function, const SortedBucket& bucket,
                     const std::vector<columnar::Vector>& args, columnar::Vector& out);

}  // namespace basin::sql
