#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "types/decimal.hpp"

namespace basin::formats::parquet {

// Column chunk statistics as they go into ColumnMetaData.statistics: min_value / max_value in
// the column's sort order (TypeDefinedOrder), encoded PLAIN without a length prefix.
struct ChunkStatistics {
  int64_t null_count = 0;
  std::optional<std::string> min_value;
  std::optional<std::string> max_value;
};

// Longer byte-array bounds are left out rather than truncated (as Arrow does), so a reader
// may trust every bound we write to be an actual value.
constexpr size_t kMaxStatisticsValueBytes = 4096;

// Running minimum and maximum of a column's non-NULL values in Parquet's sort order for the
// value's C++ type: signed for integers (and decimals), numeric for floating point with NaN
// ignored, unsigned byte-wise for byte arrays, false < true for booleans (uint8_t 0/1).
template <typename T>
class MinMax {
 public:
  void Update(const T* values, size_t count) {
    size_t i = 0;
    if (!has_value_) {
      if constexpr (std::is_floating_point_v<T>) {
        while (i < count && std::isnan(values[i])) ++i;
      }
      if (i == count) return;
      min_ = max_ = values[i];
      has_value_ = true;
    }
    // Comparisons with NaN are false, so NaNs never replace a bound; the branch-free form
    // lets the compiler vectorise the loop.
    T min = min_, max = max_;
    for (; i < count; ++i) {
      min = values[i] < min ? values[i] : min;
      max = max < values[i] ? values[i] : max;
    }
    min_ = min;
    max_ = max;
  }
  void Merge(const MinMax& other) {
    if (other.has_value_) Update(&other.min_, 1), Update(&other.max_, 1);
  }
  bool has_value() const { return has_value_; }
  const T& min() const { return min_; }
  const T& max() const { return max_; }

 private:
  bool has_value_ = false;
  T min_{};
  T max_{};
};

// Byte arrays keep copies of their bounds (the values they saw belong to the caller's chunk);
// a bound is copied only when it changes.
template <>
class MinMax<std::string_view> {
 public:
  void Update(const std::string_view* values, size_t count) {
    for (size_t i = 0; i < count; ++i) {
      std::string_view v = values[i];
      uint64_t prefix = Prefix(v);
      if (!has_value_) {
        Set(min_, min_prefix_, v, prefix);
        Set(max_, max_prefix_, v, prefix);
        has_value_ = true;
        continue;
      }
      // The first 8 bytes decide almost every comparison without touching the bounds' bytes;
      // string_view compares bytes as unsigned char, Parquet's order for byte arrays.
      if (prefix < min_prefix_ || (prefix == min_prefix_ && v < std::string_view(min_))) {
        Set(min_, min_prefix_, v, prefix);
      }
      if (prefix > max_prefix_ || (prefix == max_prefix_ && std::string_view(max_) < v)) {
        Set(max_, max_prefix_, v, prefix);
      }
    }
  }
  void Merge(const MinMax& other) {
    if (!other.has_value_) return;
    std::string_view bounds[2] = {other.min_, other.max_};
    Update(bounds, 2);
  }
  bool has_value() const { return has_value_; }
  std::string_view min() const { return min_; }
  std::string_view max() const { return max_; }

 private:
  // The first 8 bytes as a big-endian number, zero-padded: a < b byte-wise implies
  // Prefix(a) <= Prefix(b).
  static uint64_t Prefix(std::string_view v) {
    uint64_t word = 0;
    if (v.size() >= 8) {
      std::memcpy(&word, v.data(), 8);
    } else if (!v.empty()) {
      std::memcpy(&word, v.data(), v.size());
    }
    return __builtin_bswap64(word);  // the bytes were loaded little-endian
  }
  static void Set(std::string& bound, uint64_t& bound_prefix, std::string_view v, uint64_t prefix) {
    bound.assign(v);
    bound_prefix = prefix;
  }

  bool has_value_ = false;
  std::string min_;
  std::string max_;
  uint64_t min_prefix_ = 0;
  uint64_t max_prefix_ = 0;
};

// Fills stats.min_value / max_value from a tracker. `decimal_width` is the byte width of a
// FIXED_LEN_BYTE_ARRAY decimal (used only for __int128).
template <typename T>
void SetMinMax(const MinMax<T>& tracker, int decimal_width, ChunkStatistics& stats);

extern template void SetMinMax(const MinMax<uint8_t>&, int, ChunkStatistics&);
extern template void SetMinMax(const MinMax<int32_t>&, int, ChunkStatistics&);
extern template void SetMinMax(const MinMax<int64_t>&, int, ChunkStatistics&);
extern template void SetMinMax(const MinMax<float>&, int, ChunkStatistics&);
extern template void SetMinMax(const MinMax<double>&, int, ChunkStatistics&);
extern template void SetMinMax(const MinMax<types::int128_t>&, int, ChunkStatistics&);
extern template void SetMinMax(const MinMax<std::string_view>&, int, ChunkStatistics&);

}  // namespace basin::formats::parquet
