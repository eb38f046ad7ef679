#include "formats/parquet/dictionary_builder.hpp"

namespace basin::formats::parquet {

namespace {

inline uint64_t Load64(const char* p) {
  uint64_t word;
  std::memcpy(&word, p, 8);
  return word;
}

// Up to 7 bytes as one little-endian word.
inline uint64_t LoadShort(const char* p, size_t size) {
  uint64_t word = 0;
  if (size >= 4) {
    uint32_t low, high;
    std::memcpy(&low, p, 4);
    std::memcpy(&high, p + size - 4, 4);
    return low | (uint64_t{high} << ((size - 4) * 8));
  }
  if (size > 0)
    word = uint64_t(uint8_t(p[0])) | uint64_t(uint8_t(p[size / 2])) << 8 |
           uint64_t(uint8_t(p[size - 1])) << 16;
  return word;
}

// Equality of two byte ranges of the same size: word compares for the short strings
// dictionary columns are made of, memcmp beyond.
inline bool BytesEqual(const char* a, const char* b, size_t size) {
  if (size >= 8 && size <= 16) {
    return Load64(a) == Load64(b) && Load64(a + size - 8) == Load64(b + size - 8);
  }
  if (size < 8) return LoadShort(a, size) == LoadShort(b, size);
  return std::memcmp(a, b, size) == 0;
}

}  // namespace

uint64_t HashBytes(const char* data, size_t size) {
  constexpr uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;
  uint64_t hash = size * kMultiplier;
  if (size <= 16) {
    // Two (possibly overlapping) words cover the string.
    uint64_t first = size >= 8 ? Load64(data) : LoadShort(data, size);
    uint64_t last = size >= 8 ? Load64(data + size - 8) : 0;
    return MixHash(hash ^ first ^ (last * kMultiplier));
  }
  size_t i = 0;
  for (; i + 8 <= size; i += 8) hash = (hash ^ Load64(data + i)) * kMultiplier;
  hash ^= Load64(data + size - 8) * 0xD6E8FEB86659FD93ULL;
  return MixHash(hash);
}

void StringDictionary::Clear() {
  slots_.clear();
  offsets_.clear();
  plain_.clear();
}

void StringDictionary::Insert(const std::string_view* values, size_t count, uint32_t* indices) {
  if (slots_.empty()) {
    // Allocated on first use: a chunk whose dictionary is never used costs nothing.
    slots_.assign(1024, Slot{});
    mask_ = slots_.size() - 1;
  }
  // Readers and generators often hand out the same bytes for repeated values (a decoded
  // dictionary, a static list): a small cache by address skips hashing them. It lives for one
  // call only, while the caller's bytes cannot change or be freed.
  recent_.fill(Recent{});
  for (size_t i = 0; i < count; ++i) {
    std::string_view value = values[i];
    auto address = reinterpret_cast<uintptr_t>(value.data());
    Recent& recent = recent_[(address ^ (address >> 7)) & (kRecentSlots - 1)];
    if (recent.data == value.data() && recent.size == value.size() && recent.data != nullptr) {
      indices[i] = recent.index;
      continue;
    }
    uint32_t index = InsertOne(value);
    indices[i] = index;
    recent = Recent{value.data(), value.size(), index};
  }
}

uint32_t StringDictionary::InsertOne(std::string_view value) {
  auto hash = static_cast<uint32_t>(HashBytes(value.data(), value.size()));
  size_t slot = hash & mask_;
  for (;;) {
    const Slot& s = slots_[slot];
    if (s.index_plus_one == 0) break;
    if (s.hash == hash) {
      uint64_t offset = offsets_[s.index_plus_one - 1];
      uint32_t length;
      std::memcpy(&length, plain_.data() + offset - 4, 4);
      if (length == value.size() && BytesEqual(plain_.data() + offset, value.data(), length)) {
        return s.index_plus_one - 1;
      }
    }
    slot = (slot + 1) & mask_;
  }
  auto index = static_cast<uint32_t>(offsets_.size());
  slots_[slot] = Slot{hash, index + 1};
  auto length = static_cast<uint32_t>(value.size());
  plain_.append(reinterpret_cast<const char*>(&length), 4);
  offsets_.push_back(plain_.size());
  plain_.append(value);
  if (offsets_.size() * 2 > slots_.size()) Grow();
  return index;
}

void StringDictionary::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot{});
  mask_ = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.index_plus_one == 0) continue;
    size_t slot = s.hash & mask_;
    while (slots_[slot].index_plus_one != 0) slot = (slot + 1) & mask_;
    slots_[slot] = s;
  }
}

}  // namespace basin::formats::parquet
