#pragma once

// Row selections and the copies they drive: a filter keeps the rows of a chunk that passed, a
// CASE evaluates a branch on the rows that reach it, a hash table gathers the build rows that
// matched. A Selection is a list of row indices (uint32, ascending unless said otherwise).
//
// Gathers are zero-copy for strings when the source is mutable: the target keeps the source's
// string bytes alive (Vector::ShareHeap) and points into them. From a const source, strings are
// copied into the target's heap.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "columnar/vector.hpp"
#include "types/logical_type.hpp"

namespace basin::sql {

class Selection {
 public:
  Selection() = default;
  explicit Selection(size_t count) : rows_(count) {}

  // 0, 1, …, count-1.
  static Selection Identity(size_t count);

  size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  uint32_t operator[](size_t i) const { return rows_[i]; }
  uint32_t& operator[](size_t i) { return rows_[i]; }
  const uint32_t* data() const { return rows_.data(); }
  uint32_t* data() { return rows_.data(); }
  void Append(uint32_t row) { rows_.push_back(row); }
  void Resize(size_t count) { rows_.resize(count); }
  void Clear() { rows_.clear(); }
  void Reserve(size_t count) { rows_.reserve(count); }
  std::vector<uint32_t>& rows() { return rows_; }
  const std::vector<uint32_t>& rows() const { return rows_; }

 private:
  std::vector<uint32_t> rows_;
};

// The rows among the first `rows` of a BOOLEAN vector that are valid and true.
Selection SelectTrue(const columnar::Vector& booleans, size_t rows);
// Splits positions [0, count) of `booleans` (aligned with `among`) into the entries of `among`
// whose value is true and those whose value is false or NULL.
void SplitTrue(const columnar::Vector& booleans, const Selection& among, Selection& if_true,
               Selection& if_false);

// out = source[rows[0]], source[rows[1]], …; `out` (same type as `source`) is reset first.
// Strings point into the source's bytes, kept alive by `out`.
void GatherVector(columnar::Vector& source, const uint32_t* rows, size_t count,
                  columnar::Vector& out);
// Same, copying string bytes into out's heap (the source stays untouched).
void GatherVectorCopy(const columnar::Vector& source, const uint32_t* rows, size_t count,
                      columnar::Vector& out);
// Appends source[rows[i]] for each i to `out` (copying string bytes): sinks that accumulate.
void AppendGathered(const columnar::Vector& source, const uint32_t* rows, size_t count,
                    columnar::Vector& out);

// Appends rows [0, rows) of `source` to `out` (same type) without copying string bytes: out
// keeps the source's bytes alive. Nested types are copied.
void AppendVectorShared(columnar::Vector& source, size_t rows, columnar::Vector& out);

// Rows [0, rows) of `source` as a new vector, sharing string bytes (a column referenced twice
// by a projection, a constant broadcast).
columnar::Vector CopyVector(columnar::Vector& source, size_t rows);

// out[rows[i]] = part[i] for i < part.size(). `out` must already have at least max(rows)+1
// rows and the same type; strings are copied into out's heap (CASE branches are short-lived,
// and `part` is scratch that will be reset).
void ScatterVector(const columnar::Vector& part, const Selection& rows, columnar::Vector& out);

// Fills rows [0, rows) of `out` (reset first) with one value (a constant), NULL included.
void BroadcastValue(const types::Value& value, size_t rows, columnar::Vector& out);

// A chunk with one empty column per type.
void InitChunk(columnar::DataChunk& chunk, const std::vector<types::LogicalType>& types);
std::vector<types::LogicalType> ChunkTypes(const columnar::DataChunk& chunk);

// out = the selected rows of `source`, every column; `out` is (re)initialized with the
// source's column types when its column count differs, else reset. Zero-copy strings.
void GatherChunk(columnar::DataChunk& source, const Selection& selection, columnar::DataChunk& out);
// Rows [begin, end) of `source` into `out` (reset first), zero-copy strings.
void SliceChunk(columnar::DataChunk& source, size_t begin, size_t end, columnar::DataChunk& out);
// Appends every row of `source` to `out` (which has the same column types), copying strings.
void AppendChunk(const columnar::DataChunk& source, columnar::DataChunk& out);

// Bytes a chunk holds (data, offsets, string heaps): what a sink accounts to the memory limit.
size_t ChunkBytes(const columnar::DataChunk& chunk);
size_t VectorBytes(const columnar::Vector& vector);

}  // namespace basin::sql
