#include "columnar/string_heap.hpp"

#include <cstring>

namespace basin::columnar {

char* StringHeap::Allocate(size_t size) {
  if (size > remaining_) {
    size_t block_size = size > kBlockSize / 4 ? size : kBlockSize;
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(block_size));
    allocated_bytes_ += block_size;
    if (block_size == size) return blocks_.back().get();  // a big value gets its own block
    cursor_ = blocks_.back().get();
    remaining_ = block_size;
  }
  char* result = cursor_;
  cursor_ += size;
  remaining_ -= size;
  return result;
}

std::string_view StringHeap::Add(std::string_view bytes) {
  if (bytes.empty()) return {};
  char* target = Allocate(bytes.size());
  std::memcpy(target, bytes.data(), bytes.size());
  return {target, bytes.size()};
}

void StringHeap::Clear() {
  blocks_.clear();
  kept_.clear();
  cursor_ = nullptr;
  remaining_ = 0;
  allocated_bytes_ = 0;
}

}  // namespace basin::columnar
