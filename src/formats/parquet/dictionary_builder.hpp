#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace basin::formats::parquet {

// Hash functions for dictionary building: cheap multiply/xor-shift mixing, good enough to
// spread keys over a power-of-two table.
inline uint64_t MixHash(uint64_t x) {
  x ^= x >> 31;
  x *= 0x9E3779B97F4A7C15ULL;
  x ^= x >> 29;
  x *= 0xD6E8FEB86659FD93ULL;
  x ^= x >> 32;
  return x;
}
uint64_t HashBytes(const char* data, size_t size);

// Maps each distinct value of a column chunk to its position in the dictionary page, for the
// RLE_DICTIONARY encoding. Values are keyed by their bits, so -0.0 and 0.0 (and NaNs with
// different payloads) stay distinct, as PLAIN would keep them.
//
// T is int32_t, int64_t, float, double or __int128. Insert is the hot loop: open addressing
// with linear probing, the key stored in the slot, no allocation per value.
template <typename T>
class FixedDictionary {
 public:
  FixedDictionary() = default;

  // Writes each value's dictionary index to indices[i], adding unseen values.
  void Insert(const T* values, size_t count, uint32_t* indices) {
    if (slots_.empty()) {
      // Allocated on first use: a chunk whose dictionary is never used costs nothing.
      slots_.assign(kInitialSlots, Slot{});
      mask_ = kInitialSlots - 1;
      shift_ = 64 - std::bit_width(mask_);
    }
    for (size_t i = 0; i < count; ++i) indices[i] = InsertOne(values[i]);
  }
  size_t size() const { return values_.size(); }
  // The distinct values in index order.
  const std::vector<T>& values() const { return values_; }
  void Clear() {
    values_.clear();
    slots_.clear();
  }

 private:
  using Key = std::conditional_t<sizeof(T) == 4, uint32_t,
                                 std::conditional_t<sizeof(T) == 8, uint64_t, unsigned __int128>>;
  struct Slot {
    Key key = 0;
    uint32_t index_plus_one = 0;  // 0: empty
  };
  static constexpr size_t kInitialSlots = 1024;

  // Fibonacci hashing: the top bits of key * 2^64/phi, which depend on every key bit.
  size_t SlotOf(Key key) const {
    uint64_t folded;
    if constexpr (sizeof(Key) == 16) {
      folded =
          static_cast<uint64_t>(key) ^ (static_cast<uint64_t>(key >> 64) * 0xD6E8FEB86659FD93ULL);
    } else {
      folded = key;
    }
    return static_cast<size_t>((folded * 0x9E3779B97F4A7C15ULL) >> shift_);
  }

  uint32_t InsertOne(T value) {
    Key key = 0;
    std::memcpy(&key, &value, sizeof(T));
    size_t slot = SlotOf(key);
    for (;;) {
      Slot& s = slots_[slot];
      if (s.index_plus_one == 0) break;
      if (s.key == key) return s.index_plus_one - 1;
      slot = (slot + 1) & mask_;
    }
    auto index = static_cast<uint32_t>(values_.size());
    slots_[slot] = Slot{key, index + 1};
    values_.push_back(value);
    if (values_.size() * 2 > slots_.size()) Grow();
    return index;
  }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    --shift_;
    for (const Slot& s : old) {
      if (s.index_plus_one == 0) continue;
      size_t slot = SlotOf(s.key);
      while (slots_[slot].index_plus_one != 0) slot = (slot + 1) & mask_;
      slots_[slot] = s;
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  int shift_ = 64;  // 64 - log2(slots)
  std::vector<T> values_;
};

// The dictionary of a BYTE_ARRAY column chunk. Distinct values are kept PLAIN-encoded back to
// back (4-byte length + bytes), which is exactly the dictionary page's body.
class StringDictionary {
 public:
  StringDictionary() = default;

  // Writes each value's dictionary index to indices[i], adding unseen values.
  // REQUIRES: every value is shorter than 2^31 bytes.
  void Insert(const std::string_view* values, size_t count, uint32_t* indices);
  size_t size() const { return offsets_.size(); }
  // The i-th distinct value.
  std::string_view value(size_t i) const {
    uint32_t length;
    std::memcpy(&length, plain_.data() + offsets_[i] - 4, 4);
    return std::string_view(plain_.data() + offsets_[i], length);
  }
  // The PLAIN encoding of all distinct values (the dictionary page body).
  const std::string& plain() const { return plain_; }
  void Clear();

 private:
  struct Slot {
    uint32_t hash = 0;
    uint32_t index_plus_one = 0;  // 0: empty
  };
  uint32_t InsertOne(std::string_view value);
  void Grow();

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  std::vector<uint64_t> offsets_;  // where each value's bytes start in plain_
  std::string plain_;
  struct Recent {
    const char* data = nullptr;
    size_t size = 0;
    uint32_t index = 0;
  };
  static constexpr size_t kRecentSlots = 64;
  std::array<Recent, kRecentSlots> recent_;
};

}  // namespace basin::formats::parquet
