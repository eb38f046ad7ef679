#include "columnar/data_chunk.hpp"

namespace basin::columnar {

DataChunk::DataChunk(const types::Schema& schema, size_t capacity) {
  columns_.reserve(schema.size());
  for (const auto& field : schema.fields()) columns_.emplace_back(field.type, capacity);
}

void DataChunk::SetSize(size_t rows) {
  for (auto& column : columns_) column.Resize(rows);
  size_ = rows;
}

void DataChunk::Reset() {
  for (auto& column : columns_) column.Reset();
  size_ = 0;
}

}  // namespace basin::columnar
