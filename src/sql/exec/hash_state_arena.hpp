#pragma once

// StateArena: bump allocation of aggregate states (hash aggregate groups, window frames), in
// 64 KiB blocks aligned for any state (max_align_t). States are never freed one by one; the
// owner runs the aggregate's `destroy` on each before dropping the arena.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace basin::sql {

class StateArena {
 public:
  uint8_t* Allocate(size_t size) {
    size = (size + 15) & ~size_t{15};
    if (size > remaining_) {
      size_t block = std::max<size_t>(size, 64 * 1024);
      blocks_.push_back(
          std::make_unique_for_overwrite<std::max_align_t[]>(block / sizeof(std::max_align_t) + 1));
      cursor_ = reinterpret_cast<uint8_t*>(blocks_.back().get());
      remaining_ = block;
      bytes_ += block;
    }
    uint8_t* result = cursor_;
    cursor_ += size;
    remaining_ -= size;
    return result;
  }
  size_t MemoryBytes() const { return bytes_; }

 private:
  std::vector<std::unique_ptr<std::max_align_t[]>> blocks_;
  uint8_t* cursor_ = nullptr;
  size_t remaining_ = 0;
  size_t bytes_ = 0;
};

}  // namespace basin::sql
