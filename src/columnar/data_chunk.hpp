#pragma once

#include <vector>

#include "columnar/vector.hpp"
#include "types/schema.hpp"

namespace basin::columnar {

// A batch of rows as one Vector per column, all of size() rows. Scans produce chunks, operators
// pass them on, sinks consume them.
class DataChunk {
 public:
  DataChunk() = default;
  // One empty column per field, with room for `capacity` rows.
  explicit DataChunk(const types::Schema& schema, size_t capacity = kChunkRows);

  size_t size() const { return size_; }
  size_t column_count() const { return columns_.size(); }
  Vector& column(size_t i) { return columns_[i]; }
  const Vector& column(size_t i) const { return columns_[i]; }
  std::vector<Vector>& columns() { return columns_; }
  void AddColumn(Vector vector) { columns_.push_back(std::move(vector)); }

  // Sets the row count of the chunk and of every column.
  void SetSize(size_t rows);
  // Records the row count the columns were filled to, without touching the columns.
  void SetSizeOnly(size_t rows) { size_ = rows; }
  void Reset();

 private:
  size_t size_ = 0;
  std::vector<Vector> columns_;
};

}  // namespace basin::columnar
