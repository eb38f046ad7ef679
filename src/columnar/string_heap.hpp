#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace basin::columnar {

// Owns the bytes that a string vector's std::string_view entries point into. Two ways in:
// Add copies bytes into an arena; KeepAlive adopts a buffer someone else filled (a
// decompressed Parquet page, a CSV block), so readers can point into it without copying.
class StringHeap {
 public:
  StringHeap() = default;
  StringHeap(const StringHeap&) = delete;
  StringHeap& operator=(const StringHeap&) = delete;

  // Copies `bytes` into the heap; the result stays valid until Clear().
  std::string_view Add(std::string_view bytes);
  // Space for `size` bytes the caller fills; valid until Clear().
  char* Allocate(size_t size);
  void KeepAlive(std::shared_ptr<const void> buffer) { kept_.push_back(std::move(buffer)); }
  // Buffers adopted with KeepAlive so far.
  size_t kept_count() const { return kept_.size(); }
  void Clear();
  size_t allocated_bytes() const { return allocated_bytes_; }

 private:
  static constexpr size_t kBlockSize = 64 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* cursor_ = nullptr;
  size_t remaining_ = 0;
  size_t allocated_bytes_ = 0;
  std::vector<std::shared_ptr<const void>> kept_;
};

}  // namespace basin::columnar
