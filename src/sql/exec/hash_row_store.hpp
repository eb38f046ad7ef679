#pragma once

// RowStore: the rows a hash table refers to (an aggregate's group keys, a join's build rows),
// kept column-wise in segments of kSegmentRows rows. A row is named by a dense 64-bit id
// (segment = id >> kSegmentShift), so hash tables store ids, and keys are compared and
// payloads gathered a column at a time with typed loops (DuckDB/Umbra style, but columnar).
//
// Rows are appended, never changed or removed. Strings are copied into the segments' heaps,
// so the store owns everything it refers to.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "columnar/vector.hpp"
#include "types/logical_type.hpp"

namespace basin::sql {

// Appends rows sel[0..count) (identity when `sel` is null) of `src` to `dst` (same type),
// copying string bytes and never reading the value slot of a NULL row. All types.
void AppendRows(columnar::Vector& dst, const columnar::Vector& src, const uint32_t* sel,
                size_t count);

// One column of one or more RowStores seen as one: its segments' vectors in order. Row id =
// (index in this list << RowStore::kSegmentShift) | row in segment. A join's build side
// concatenates the stores of its workers this way without copying.
using SegmentColumn = std::vector<const columnar::Vector*>;

// RowStore::GatherAppend over a SegmentColumn. With `strings_keeper` (shared ownership of every
// segment's string bytes, see RowStore::ShareStrings), strings are not copied: `out` points
// into the segments and keeps them alive.
void GatherSegments(const SegmentColumn& segments, const types::LogicalType& type,
                    const uint64_t* ids, size_t count, columnar::Vector& out,
                    const std::shared_ptr<const void>* strings_keeper = nullptr);
// RowStore::MatchColumn over a SegmentColumn.
void MatchSegments(const SegmentColumn& segments, const types::LogicalType& type,
                   const columnar::Vector& probe, const uint32_t* probe_rows, const uint64_t* ids,
                   uint32_t* keep, size_t& keep_count);

class RowStore {
 public:
  static constexpr size_t kSegmentShift = 11;
  static constexpr size_t kSegmentRows = size_t{1} << kSegmentShift;

  explicit RowStore(std::vector<types::LogicalType> types);
  RowStore(RowStore&&) noexcept = default;
  RowStore& operator=(RowStore&&) noexcept = default;

  const std::vector<types::LogicalType>& types() const { return types_; }
  size_t column_count() const { return types_.size(); }
  size_t size() const { return size_; }
  size_t segment_count() const { return segments_.size(); }
  // Rows in segment `s` (kSegmentRows for all but the last).
  size_t SegmentSize(size_t s) const { return segments_[s]->size; }
  const columnar::Vector& Column(size_t segment, size_t column) const {
    return segments_[segment]->columns[column];
  }

  // Appends rows sel[0..count) (or 0..count when `sel` is null) of `columns` (one per store
  // column, of its type). Returns the id of the first appended row; ids are consecutive.
  uint64_t Append(std::span<const columnar::Vector* const> columns, const uint32_t* sel,
                  size_t count);

  // Appends rows ids[0..count) of store column `column` to `out` (of the column's type); a
  // row id of kNullRow appends NULL (outer-join padding).
  static constexpr uint64_t kNullRow = ~uint64_t{0};
  void GatherAppend(size_t column, const uint64_t* ids, size_t count,
                    columnar::Vector& out) const;

  // Key comparison of candidates: for each i in [0, count), candidate i pairs row
  // probe_rows[i] of `probe` with store row ids[i]. Keeps, in `keep` (indices into the
  // candidate list, compacted in place, `keep_count` updated), only those whose values in
  // `column` are equal under key equality (NULL = NULL).
  void MatchColumn(size_t column, const columnar::Vector& probe, const uint32_t* probe_rows,
                   const uint64_t* ids, uint32_t* keep, size_t& keep_count) const;

  // Shared ownership of the string bytes of `column` in `segment` (a string column), so
  // gathered vectors can point into them instead of copying.
  std::shared_ptr<const void> ShareStrings(size_t segment, size_t column) {
    return segments_[segment]->columns[column].ShareHeap();
  }

  // Appends the vectors of `column`'s segments to `out`.
  void CollectSegments(size_t column, SegmentColumn& out) const {
    for (const auto& segment : segments_) out.push_back(&segment->columns[column]);
  }

  // Bytes held (data, heaps): for memory accounting.
  size_t MemoryBytes() const { return memory_bytes_; }

 private:
  struct Segment {
    std::vector<columnar::Vector> columns;
    size_t size = 0;
  };
  Segment& SegmentWithRoom();

  std::vector<types::LogicalType> types_;
  std::vector<std::unique_ptr<Segment>> segments_;
  size_t size_ = 0;
  size_t memory_bytes_ = 0;
};

}  // namespace basin::sql
