#include "sql/exec/hash_row_store.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "sql/exec/hash_keys.hpp"

namespace basin::sql {

using columnar::Vector;
using types::PhysicalType;

namespace {

template <typename T>
void AppendTyped(Vector& dst, size_t start, const Vector& src, const uint32_t* sel,
                 size_t count) {
  T* out = dst.data<T>() + start;
  const T* in = src.data<T>();
  if (sel == nullptr) {
    for (size_t i = 0; i < count; ++i) out[i] = in[i];
  } else {
    for (size_t i = 0; i < count; ++i) out[i] = in[sel[i]];
  }
}

}  // namespace

void AppendRows(Vector& dst, const Vector& src, const uint32_t* sel, size_t count) {
  const size_t start = dst.size();
  dst.Resize(start + count);
  const bool all_valid = src.validity().AllValid();
  if (!all_valid) {
    for (size_t i = 0; i < count; ++i) {
      if (src.IsNull(sel ? sel[i] : i)) dst.SetNull(start + i);
    }
  }
  switch (src.physical()) {
    case PhysicalType::kBool: AppendTyped<uint8_t>(dst, start, src, sel, count); break;
    case PhysicalType::kInt8: AppendTyped<int8_t>(dst, start, src, sel, count); break;
    case PhysicalType::kInt16: AppendTyped<int16_t>(dst, start, src, sel, count); break;
    case PhysicalType::kInt32: AppendTyped<int32_t>(dst, start, src, sel, count); break;
    case PhysicalType::kInt64: AppendTyped<int64_t>(dst, start, src, sel, count); break;
    case PhysicalType::kInt128: AppendTyped<__int128>(dst, start, src, sel, count); break;
    case PhysicalType::kFloat: AppendTyped<float>(dst, start, src, sel, count); break;
    case PhysicalType::kDouble: AppendTyped<double>(dst, start, src, sel, count); break;
    case PhysicalType::kString: {
      auto* out = dst.data<std::string_view>() + start;
      const auto* in = src.data<std::string_view>();
      for (size_t i = 0; i < count; ++i) {
        size_t row = sel ? sel[i] : i;
        out[i] = (all_valid || !src.IsNull(row)) ? dst.heap().Add(in[row]) : std::string_view();
      }
      break;
    }
    case PhysicalType::kStruct:
      for (size_t c = 0; c < src.child_count(); ++c) {
        dst.child(c).Resize(start);
        AppendRows(dst.child(c), src.child(c), sel, count);
      }
      break;
    case PhysicalType::kList: {
      const int64_t* in_offsets = src.offsets();
      int64_t* out_offsets = dst.offsets();
      std::vector<uint32_t> elements;
      int64_t next = out_offsets[start];
      for (size_t i = 0; i < count; ++i) {
        size_t row = sel ? sel[i] : i;
        if (all_valid || !src.IsNull(row)) {
          for (int64_t e = in_offsets[row]; e < in_offsets[row + 1]; ++e) {
            elements.push_back(static_cast<uint32_t>(e));
          }
          next += in_offsets[row + 1] - in_offsets[row];
        }
        out_offsets[start + i + 1] = next;
      }
      AppendRows(dst.child(0), src.child(0), elements.data(), elements.size());
      break;
    }
  }
}

namespace {

size_t ApproxBytes(const Vector& v, size_t count) {
  size_t width = types::FixedWidth(v.physical());
  return count * (width == 0 ? 16 : width);
}

template <typename T>
bool Same(const T& a, const T& b) {
  if constexpr (std::is_floating_point_v<T>) {
    return a == b || (std::isnan(a) && std::isnan(b));
  } else {
    return a == b;
  }
}

}  // namespace

RowStore::RowStore(std::vector<types::LogicalType> types) : types_(std::move(types)) {}

RowStore::Segment& RowStore::SegmentWithRoom() {
  if (segments_.empty() || segments_.back()->size == kSegmentRows) {
    auto segment = std::make_unique<Segment>();
    segment->columns.reserve(types_.size());
    for (const auto& type : types_) segment->columns.emplace_back(type, kSegmentRows);
    segments_.push_back(std::move(segment));
  }
  return *segments_.back();
}

uint64_t RowStore::Append(std::span<const Vector* const> columns, const uint32_t* sel,
                          size_t count) {
  const uint64_t first = size_;
  size_t done = 0;
  while (done < count) {
    Segment& segment = SegmentWithRoom();
    size_t take = std::min(count - done, kSegmentRows - segment.size);
    for (size_t c = 0; c < types_.size(); ++c) {
      Vector& target = segment.columns[c];
      size_t heap_before =
          target.physical() == PhysicalType::kString ? target.heap().allocated_bytes() : 0;
      if (sel != nullptr) {
        AppendRows(target, *columns[c], sel + done, take);
      } else {
        std::vector<uint32_t> identity(take);
        for (size_t i = 0; i < take; ++i) identity[i] = static_cast<uint32_t>(done + i);
        AppendRows(target, *columns[c], identity.data(), take);
      }
      memory_bytes_ += ApproxBytes(target, take);
      if (target.physical() == PhysicalType::kString) {
        memory_bytes_ += target.heap().allocated_bytes() - heap_before;
      }
    }
    segment.size += take;
    size_ += take;
    done += take;
  }
  return first;
}

namespace {

template <typename T, bool kShare = false>
void GatherTyped(const std::vector<const Vector*>& segs, const uint64_t* ids, size_t count,
                 Vector& out, size_t start) {
  T* data = out.data<T>() + start;
  for (size_t i = 0; i < count; ++i) {
    uint64_t id = ids[i];
    if (id == RowStore::kNullRow) {
      out.SetNull(start + i);
      if constexpr (std::is_same_v<T, std::string_view>) data[i] = std::string_view();
      continue;
    }
    const Vector& v = *segs[id >> RowStore::kSegmentShift];
    size_t row = id & (RowStore::kSegmentRows - 1);
    if (v.IsNull(row)) {
      out.SetNull(start + i);
      if constexpr (std::is_same_v<T, std::string_view>) data[i] = std::string_view();
      continue;
    }
    if constexpr (std::is_same_v<T, std::string_view> && !kShare) {
      data[i] = out.heap().Add(v.data<T>()[row]);
    } else {
      data[i] = v.data<T>()[row];
    }
  }
}

template <typename T>
void MatchImpl(const std::vector<const Vector*>& segs, const Vector& probe,
               const uint32_t* probe_rows, const uint64_t* ids, uint32_t* keep,
               size_t& keep_count) {
  const T* probe_data = probe.data<T>();
  const bool probe_valid = probe.validity().AllValid();
  size_t kept = 0;
  for (size_t k = 0; k < keep_count; ++k) {
    uint32_t c = keep[k];
    uint32_t prow = probe_rows[c];
    uint64_t id = ids[c];
    const Vector& v = *segs[id >> RowStore::kSegmentShift];
    size_t row = id & (RowStore::kSegmentRows - 1);
    bool pnull = !probe_valid && probe.IsNull(prow);
    bool snull = v.IsNull(row);
    bool equal = (pnull || snull) ? (pnull == snull) : Same(probe_data[prow], v.data<T>()[row]);
    keep[kept] = c;
    kept += equal ? 1 : 0;
  }
  keep_count = kept;
}

}  // namespace

void GatherSegments(const SegmentColumn& segs, const types::LogicalType& type,
                    const uint64_t* ids, size_t count, Vector& out,
                    const std::shared_ptr<const void>* strings_keeper) {
  const size_t start = out.size();
  switch (type.physical()) {
    case PhysicalType::kBool:
      out.Resize(start + count);
      GatherTyped<uint8_t>(segs, ids, count, out, start);
      return;
    case PhysicalType::kInt8:
      out.Resize(start + count);
      GatherTyped<int8_t>(segs, ids, count, out, start);
      return;
    case PhysicalType::kInt16:
      out.Resize(start + count);
      GatherTyped<int16_t>(segs, ids, count, out, start);
      return;
    case PhysicalType::kInt32:
      out.Resize(start + count);
      GatherTyped<int32_t>(segs, ids, count, out, start);
      return;
    case PhysicalType::kInt64:
      out.Resize(start + count);
      GatherTyped<int64_t>(segs, ids, count, out, start);
      return;
    case PhysicalType::kInt128:
      out.Resize(start + count);
      GatherTyped<__int128>(segs, ids, count, out, start);
      return;
    case PhysicalType::kFloat:
      out.Resize(start + count);
      GatherTyped<float>(segs, ids, count, out, start);
      return;
    case PhysicalType::kDouble:
      out.Resize(start + count);
      GatherTyped<double>(segs, ids, count, out, start);
      return;
    case PhysicalType::kString:
      out.Resize(start + count);
      if (strings_keeper != nullptr) {
        out.heap().KeepAlive(*strings_keeper);
        GatherTyped<std::string_view, true>(segs, ids, count, out, start);
      } else {
        GatherTyped<std::string_view>(segs, ids, count, out, start);
      }
      return;
    case PhysicalType::kList:
    case PhysicalType::kStruct:
      // Nested payloads: a row at a time through the generic append.
      for (size_t i = 0; i < count; ++i) {
        if (ids[i] == RowStore::kNullRow) {
          size_t at = out.size();
          out.Resize(at + 1);
          out.SetNull(at);
          continue;
        }
        uint32_t row = static_cast<uint32_t>(ids[i] & (RowStore::kSegmentRows - 1));
        AppendRows(out, *segs[ids[i] >> RowStore::kSegmentShift], &row, 1);
      }
      return;
  }
}

void MatchSegments(const SegmentColumn& segs, const types::LogicalType& type, const Vector& probe,
                   const uint32_t* probe_rows, const uint64_t* ids, uint32_t* keep,
                   size_t& keep_count) {
  switch (type.physical()) {
    case PhysicalType::kBool:
      return MatchImpl<uint8_t>(segs, probe, probe_rows, ids, keep, keep_count);
    case PhysicalType::kInt8:
      return MatchImpl<int8_t>(segs, probe, probe_rows, ids, keep, keep_count);
    case PhysicalType::kInt16:
      return MatchImpl<int16_t>(segs, probe, probe_rows, ids, keep, keep_count);
    case PhysicalType::kInt32:
      return MatchImpl<int32_t>(segs, probe, probe_rows, ids, keep, keep_count);
    case PhysicalType::kInt64:
      return MatchImpl<int64_t>(segs, probe, probe_rows, ids, keep, keep_count);
    case PhysicalType::kInt128:
      return MatchImpl<__int128>(segs, probe, probe_rows, ids, keep, keep_count);
    case PhysicalType::kFloat:
      return MatchImpl<float>(segs, probe, probe_rows, ids, keep, keep_count);
    case PhysicalType::kDouble:
      return MatchImpl<double>(segs, probe, probe_rows, ids, keep, keep_count);
    case PhysicalType::kString:
      return MatchImpl<std::string_view>(segs, probe, probe_rows, ids, keep, keep_count);
    case PhysicalType::kList:
    case PhysicalType::kStruct: {
      size_t kept = 0;
      for (size_t k = 0; k < keep_count; ++k) {
        uint32_t c = keep[k];
        uint64_t id = ids[c];
        bool equal = KeyValuesEqual(probe, probe_rows[c], *segs[id >> RowStore::kSegmentShift],
                                    id & (RowStore::kSegmentRows - 1));
        keep[kept] = c;
        kept += equal ? 1 : 0;
      }
      keep_count = kept;
      return;
    }
  }
}

void RowStore::GatherAppend(size_t column, const uint64_t* ids, size_t count, Vector& out) const {
  SegmentColumn segs;
  CollectSegments(column, segs);
  GatherSegments(segs, types_[column], ids, count, out);
}

void RowStore::MatchColumn(size_t column, const Vector& probe, const uint32_t* probe_rows,
                           const uint64_t* ids, uint32_t* keep, size_t& keep_count) const {
  SegmentColumn segs;
  CollectSegments(column, segs);
  MatchSegments(segs, types_[column], probe, probe_rows, ids, keep, keep_count);
}

}  // namespace basin::sql
