#include "sql/exec/window_functions.hpp"

#include <algorithm>
#include <cmath>

#include "common/error.hpp"
#include "sql/exec/hash_row_store.hpp"
#include "sql/exec/hash_state_arena.hpp"

namespace basin::sql {

using columnar::Vector;
using types::PhysicalType;

namespace {

// A number for RANGE offsets: the order key as double.
double NumericKey(const Vector& v, size_t row) {
  switch (v.physical()) {
    case PhysicalType::kInt8: return v.data<int8_t>()[row];
    case PhysicalType::kInt16: return v.data<int16_t>()[row];
    case PhysicalType::kInt32: return v.data<int32_t>()[row];
    case PhysicalType::kInt64: return static_cast<double>(v.data<int64_t>()[row]);
    case PhysicalType::kFloat: return v.data<float>()[row];
    case PhysicalType::kDouble: return v.data<double>()[row];
    default: ThrowUnsupported("RANGE frames with offsets need a numeric ORDER BY key");
  }
}


}  // namespace

// Frame [start, end) of sorted row k.
Frame FrameOf(const BoundFrame& frame, const SortedBucket& b, size_t k) {
  const int64_t ps = b.partition_start[k], pe = b.partition_end[k];
  const int64_t gs = b.peer_start[k], ge = b.peer_end[k];
  const int64_t row = static_cast<int64_t>(k);
  const int64_t group = b.group_number[k];
  const int64_t base = b.group_base[k];
  const int64_t groups_end =
      base + static_cast<int64_t>(b.group_number[static_cast<size_t>(pe - 1)]) + 1;
  auto group_start = [&](int64_t g) -> int64_t {
    if (g < 0) return ps;
    if (base + g >= groups_end) return pe;
    return b.group_starts[static_cast<size_t>(base + g)];
  };
  auto range_bound = [&](double delta, bool first_above) -> int64_t {
    // First sorted row in the partition whose (direction-adjusted) key is >= (or >) key_k +
    // delta; NULL keys sit at one end and are skipped by the search over non-NULL rows.
    const Vector& v = *b.order_key;
    if (v.IsNull(k)) return -1;
    const double sign = b.order_descending ? -1 : 1;
    const double target = sign * NumericKey(v, k) + delta;
    int64_t lo = ps, hi = pe;
    while (lo < hi && v.IsNull(static_cast<size_t>(lo))) ++lo;
    while (hi > lo && v.IsNull(static_cast<size_t>(hi - 1))) --hi;
    while (lo < hi) {
      int64_t mid = (lo + hi) / 2;
      double t = sign * NumericKey(v, static_cast<size_t>(mid));
      bool before = first_above ? t <= target : t < target;
      if (before) lo = mid + 1; else hi = mid;
    }
    return lo;
  };
  int64_t s = ps, e = pe;
  switch (frame.start) {
    case FrameBoundType::kUnboundedPreceding: s = ps; break;
    case FrameBoundType::kUnboundedFollowing: s = pe; break;
    case FrameBoundType::kCurrentRow: s = frame.unit == FrameUnitKind::kRows ? row : gs; break;
    case FrameBoundType::kPreceding:
    case FrameBoundType::kFollowing: {
      const int64_t n = frame.start == FrameBoundType::kPreceding ? -frame.start_offset
                                                                  : frame.start_offset;
      if (frame.unit == FrameUnitKind::kRows) {
        s = row + n;
      } else if (frame.unit == FrameUnitKind::kGroups) {
        s = group_start(group + n);
      } else {
        int64_t bound = range_bound(static_cast<double>(n), false);
        s = bound < 0 ? gs : bound;
      }
      break;
    }
  }
  switch (frame.end) {
    case FrameBoundType::kUnboundedPreceding: e = ps; break;
    case FrameBoundType::kUnboundedFollowing: e = pe; break;
    case FrameBoundType::kCurrentRow: e = frame.unit == FrameUnitKind::kRows ? row + 1 : ge; break;
    case FrameBoundType::kPreceding:
    case FrameBoundType::kFollowing: {
      const int64_t n = frame.end == FrameBoundType::kPreceding ? -frame.end_offset
                                                                : frame.end_offset;
      if (frame.unit == FrameUnitKind::kRows) {
        e = row + n + 1;
      } else if (frame.unit == FrameUnitKind::kGroups) {
        e = group_start(group + n + 1);
      } else {
        int64_t bound = range_bound(static_cast<double>(n), true);
        e = bound < 0 ? ge : bound;
      }
      break;
    }
  }
  s = std::clamp(s, ps, pe);
  e = std::clamp(e, ps, pe);
  if (e < s) e = s;
  return {static_cast<uint32_t>(s), static_cast<uint32_t>(e)};
}


// Computes one window function over a sorted bucket into `out` (sorted order).
void ComputeFunction(const Window::Function& function, const SortedBucket& bucket,
                     const std::vector<Vector>& args, Vector& out) {
  const size_t m = bucket.rows;
  out.Reset();
  auto partition_rows = [&](size_t k) {
    return static_cast<int64_t>(bucket.partition_end[k] - bucket.partition_start[k]);
  };
  switch (function.kind) {
    case WindowFunctionKind::kRowNumber:
    case WindowFunctionKind::kRank:
    case WindowFunctionKind::kDenseRank: {
      out.Resize(m);
      int64_t* data = out.data<int64_t>();
      for (size_t k = 0; k < m; ++k) {
        const int64_t ps = bucket.partition_start[k];
        if (function.kind == WindowFunctionKind::kRowNumber) {
          data[k] = static_cast<int64_t>(k) - ps + 1;
        } else if (function.kind == WindowFunctionKind::kRank) {
          data[k] = static_cast<int64_t>(bucket.peer_start[k]) - ps + 1;
        } else {
          data[k] = static_cast<int64_t>(bucket.group_number[k]) + 1;
        }
      }
      return;
    }
    case WindowFunctionKind::kPercentRank:
    case WindowFunctionKind::kCumeDist: {
      out.Resize(m);
      double* data = out.data<double>();
      for (size_t k = 0; k < m; ++k) {
        const double n = static_cast<double>(partition_rows(k));
        const double ps = bucket.partition_start[k];
        if (function.kind == WindowFunctionKind::kPercentRank) {
          data[k] = n <= 1 ? 0.0 : (bucket.peer_start[k] - ps) / (n - 1);
        } else {
          data[k] = (bucket.peer_end[k] - ps) / n;
        }
      }
      return;
    }
    case WindowFunctionKind::kNtile: {
      out.Resize(m);
      int64_t* data = out.data<int64_t>();
      const Vector& buckets = args.at(0);
      for (size_t k = 0; k < m; ++k) {
        if (buckets.IsNull(k)) {
          out.SetNull(k);
          continue;
        }
        int64_t b = static_cast<int64_t>(NumericKey(buckets, k));
        if (b <= 0) ThrowInvalid("ntile: the number of buckets must be positive, got " + std::to_string(b));
        const int64_t n = partition_rows(k);
        const int64_t i = static_cast<int64_t>(k) - bucket.partition_start[k];
        const int64_t q = n / b, r = n % b;
        data[k] = i < r * (q + 1) ? i / (q + 1) + 1 : r + (i - r * (q + 1)) / q + 1;
      }
      return;
    }
    case WindowFunctionKind::kLag:
    case WindowFunctionKind::kLead:
    case WindowFunctionKind::kFirstValue:
    case WindowFunctionKind::kLastValue:
    case WindowFunctionKind::kNthValue: {
      // Sources: the values (rows 0..m-1), the defaults (m..2m-1, lag/lead), one NULL row.
      Vector sources(out.type());
      AppendRows(sources, args.at(0), nullptr, m);
      const bool has_default = (function.kind == WindowFunctionKind::kLag ||
                                function.kind == WindowFunctionKind::kLead) &&
                               args.size() > 2;
      if (has_default) AppendRows(sources, args[2], nullptr, m);
      const uint32_t null_row = static_cast<uint32_t>(sources.size());
      sources.Resize(null_row + 1);
      sources.SetNull(null_row);
      if (sources.physical() == PhysicalType::kString) {
        sources.data<std::string_view>()[null_row] = std::string_view();
      }
      std::vector<uint32_t> pick(m);
      const Vector& values = args[0];
      for (size_t k = 0; k < m; ++k) {
        const int64_t ps = bucket.partition_start[k], pe = bucket.partition_end[k];
        int64_t target = -1;
        if (function.kind == WindowFunctionKind::kLag || function.kind == WindowFunctionKind::kLead) {
          int64_t offset = 1;
          if (args.size() > 1) {
            if (args[1].IsNull(k)) {
              pick[k] = null_row;
              continue;
            }
            offset = static_cast<int64_t>(NumericKey(args[1], k));
            if (offset < 0) ThrowInvalid("lag/lead: the offset must not be negative");
          }
          const int64_t step = function.kind == WindowFunctionKind::kLag ? -1 : 1;
          if (!function.ignore_nulls) {
            target = static_cast<int64_t>(k) + step * offset;
          } else {
            target = static_cast<int64_t>(k);
            for (int64_t seen = 0; seen < offset || offset == 0;) {
              if (offset == 0) break;
              target += step;
              if (target < ps || target >= pe) break;
              if (!values.IsNull(static_cast<size_t>(target))) ++seen;
            }
          }
          if (target < ps || target >= pe) {
            pick[k] = has_default ? static_cast<uint32_t>(m + k) : null_row;
          } else {
            pick[k] = static_cast<uint32_t>(target);
          }
          continue;
        }
        const Frame frame = FrameOf(function.frame, bucket, k);
        if (function.kind == WindowFunctionKind::kFirstValue) {
          target = frame.start;
          if (function.ignore_nulls) {
            while (target < frame.end && values.IsNull(static_cast<size_t>(target))) ++target;
          }
          if (target >= frame.end) target = -1;
        } else if (function.kind == WindowFunctionKind::kLastValue) {
          target = static_cast<int64_t>(frame.end) - 1;
          if (function.ignore_nulls) {
            while (target >= frame.start && values.IsNull(static_cast<size_t>(target))) --target;
          }
          if (target < frame.start) target = -1;
        } else {
          if (args.size() < 2 || args[1].IsNull(k)) {
            pick[k] = null_row;
            continue;
          }
          const int64_t n = static_cast<int64_t>(NumericKey(args[1], k));
          if (n <= 0) ThrowInvalid("nth_value: the position must be positive");
          target = frame.start + n - 1;
          if (target >= frame.end) target = -1;
        }
        pick[k] = target < 0 ? null_row : static_cast<uint32_t>(target);
      }
      AppendRows(out, sources, pick.data(), m);
      return;
    }
    case WindowFunctionKind::kAggregate: break;
  }

  // Aggregates over frames: one leaf state per row, merged per frame.
  const AggregateFunction& f = *function.aggregate;
  StateArena arena;
  std::vector<uint8_t*> leaves(m), results(m), owned;
  auto fresh = [&]() {
    uint8_t* state = arena.Allocate(std::max<size_t>(f.state_size, 1));
    f.init(state);
    owned.push_back(state);
    return state;
  };
  struct Cleanup {
    const AggregateFunction& f;
    std::vector<uint8_t*>& owned;
    ~Cleanup() {
      if (f.destroy) {
        for (uint8_t* s : owned) f.destroy(s);
      }
    }
  } cleanup{f, owned};
  for (size_t k = 0; k < m; ++k) leaves[k] = fresh();
  std::vector<const Vector*> arg_ptrs;
  for (const Vector& a : args) arg_ptrs.push_back(&a);
  if (m > 0) f.update(arg_ptrs, m, leaves.data());
  const BoundFrame& frame = function.frame;
  size_t k = 0;
  while (k < m) {
    const size_t ps = bucket.partition_start[k], pe = bucket.partition_end[k];
    if (frame.start == FrameBoundType::kUnboundedPreceding) {
      uint8_t* running = fresh();
      size_t next = ps;
      int64_t last_end = -1;
      for (size_t r = ps; r < pe; ++r) {
        const Frame fr = FrameOf(frame, bucket, r);
        if (static_cast<int64_t>(fr.end) == last_end) {
          results[r] = results[r - 1];
          continue;
        }
        while (next < fr.end) f.combine(leaves[next++], running);
        results[r] = fresh();
        f.combine(running, results[r]);
        last_end = fr.end;
      }
    } else if (frame.end == FrameBoundType::kUnboundedFollowing) {
      uint8_t* running = fresh();
      size_t next = pe;
      int64_t last_start = -1;
      for (size_t r = pe; r-- > ps;) {
        const Frame fr = FrameOf(frame, bucket, r);
        if (static_cast<int64_t>(fr.start) == last_start) {
          results[r] = results[r + 1];
          continue;
        }
        while (next > fr.start) f.combine(leaves[--next], running);
        results[r] = fresh();
        f.combine(running, results[r]);
        last_start = fr.start;
      }
    } else {
      Frame previous{1, 0};
      for (size_t r = ps; r < pe; ++r) {
        const Frame fr = FrameOf(frame, bucket, r);
        if (r > ps && fr.start == previous.start && fr.end == previous.end) {
          results[r] = results[r - 1];
          continue;
        }
        results[r] = fresh();
        for (size_t i = fr.start; i < fr.end; ++i) f.combine(leaves[i], results[r]);
        previous = fr;
      }
    }
    k = pe;
  }
  out.Resize(m);
  if (m > 0) f.finalize(results.data(), m, out);
}


}  // namespace basin::sql
