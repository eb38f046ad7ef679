#pragma once

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <vector>

#include "columnar/string_heap.hpp"
#include "columnar/validity.hpp"
#include "types/logical_type.hpp"
#include "types/value.hpp"

namespace basin::columnar {

using types::LogicalType;
using types::PhysicalType;
using types::Value;

// Rows per DataChunk that scans aim for: large enough to amortise per-batch work, small enough
// that a chunk's columns stay in cache.
constexpr size_t kChunkRows = 2048;

// A column of values of one logical type, with validity bits.
//
// Layout by physical type (see types::PhysicalType):
//  - fixed width: data<T>() holds size() values; a NULL row's slot is unspecified;
//  - strings: data<std::string_view>() entries point into heap() (copied or adopted bytes);
//  - LIST and MAP: offsets() holds size()+1 entries; row i's elements are rows
//    [offsets[i], offsets[i+1]) of child(0); a MAP's child is struct<key, value>;
//  - STRUCT: child(i) is field i, with the same size() as the struct.
// Vectors are move-only; the heap travels with them.
class Vector {
 public:
  explicit Vector(LogicalType type, size_t capacity = 0);
  Vector(Vector&&) noexcept = default;
  Vector& operator=(Vector&&) noexcept = default;
  Vector(const Vector&) = delete;
  Vector& operator=(const Vector&) = delete;

  const LogicalType& type() const { return type_; }
  PhysicalType physical() const { return physical_; }
  size_t size() const { return size_; }

  // Sets the row count, growing storage (and a STRUCT's children) as needed; existing rows keep
  // their values, new rows are valid with unspecified values (offsets repeat the last one).
  void Resize(size_t rows);
  // Makes room for `rows` rows without changing size().
  void Reserve(size_t rows);
  // Size 0, all valid, heap emptied, children reset.
  void Reset();

  template <typename T>
  T* data() {
    return reinterpret_cast<T*>(data_.get());
  }
  template <typename T>
  const T* data() const {
    return reinterpret_cast<const T*>(data_.get());
  }

  Validity& validity() { return validity_; }
  const Validity& validity() const { return validity_; }
  bool IsNull(size_t row) const { return !validity_.IsValid(row); }
  void SetNull(size_t row) { validity_.SetInvalid(row); }

  StringHeap& heap() { return *heap_; }
  // Hands out shared ownership of the bytes this vector's strings point into, so another
  // vector can point at them too (a gather, a copied column) and KeepAlive the result. The
  // vector keeps working as before: its heap becomes a fresh one that keeps the shared one
  // alive. REQUIRES: a string vector.
  std::shared_ptr<const void> ShareHeap();
  // Copies bytes into the heap and stores the view at `row`.
  void SetString(size_t row, std::string_view bytes) {
    data<std::string_view>()[row] = heap_->Add(bytes);
  }

  int64_t* offsets() { return offsets_.data(); }
  const int64_t* offsets() const { return offsets_.data(); }
  Vector& child(size_t i = 0) { return children_[i]; }
  const Vector& child(size_t i = 0) const { return children_[i]; }
  size_t child_count() const { return children_.size(); }

  // Slow paths for tests, printing and row-wise code: read or append one value.
  Value GetValue(size_t row) const;
  // Appends one row; the value's type must match (NULL of any type is accepted).
  void Append(const Value& value);
  // Appends rows [begin, end) of `source`, which must have the same type.
  void AppendFrom(const Vector& source, size_t begin, size_t end);

 private:
  struct FreeDeleter {
    void operator()(uint8_t* p) const { std::free(p); }
  };
  void GrowData(size_t rows);

  LogicalType type_;
  PhysicalType physical_;
  size_t size_ = 0;
  size_t capacity_ = 0;
  std::unique_ptr<uint8_t, FreeDeleter> data_;
  Validity validity_;
  std::unique_ptr<StringHeap> heap_;
  std::shared_ptr<const void> shared_heap_;  // what ShareHeap last handed out
  std::vector<int64_t> offsets_;
  std::vector<Vector> children_;
};

}  // namespace basin::columnar
