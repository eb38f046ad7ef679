#include "formats/parquet/statistics.hpp"

#include <cstring>

#include "formats/parquet/plain_encoder.hpp"

namespace basin::formats::parquet {

namespace {

template <typename T>
std::string LittleEndianBytes(T value) {
  std::string bytes(sizeof(T), '\0');
  std::memcpy(bytes.data(), &value, sizeof(T));
  return bytes;
}

}  // namespace

template <typename T>
void SetMinMax(const MinMax<T>& tracker, int decimal_width, ChunkStatistics& stats) {
  if (!tracker.has_value()) return;
  if constexpr (std::is_same_v<T, std::string_view>) {
    if (tracker.min().size() > kMaxStatisticsValueBytes ||
        tracker.max().size() > kMaxStatisticsValueBytes) {
      return;
    }
    stats.min_value = std::string(tracker.min());
    stats.max_value = std::string(tracker.max());
  } else if constexpr (std::is_same_v<T, types::int128_t>) {
    std::string min, max;
    AppendBigEndianDecimal(tracker.min(), decimal_width, min);
    AppendBigEndianDecimal(tracker.max(), decimal_width, max);
    stats.min_value = std::move(min);
    stats.max_value = std::move(max);
  } else if constexpr (std::is_floating_point_v<T>) {
    // The spec asks for -0.0 as a zero minimum and +0.0 as a zero maximum, so readers that
    // prune with either zero stay correct.
    T min = tracker.min() == 0 ? -T{0} : tracker.min();
    T max = tracker.max() == 0 ? T{0} : tracker.max();
    stats.min_value = LittleEndianBytes(min);
    stats.max_value = LittleEndianBytes(max);
  } else {
    stats.min_value = LittleEndianBytes(tracker.min());
    stats.max_value = LittleEndianBytes(tracker.max());
  }
  (void)decimal_width;
}

template void SetMinMax(const MinMax<uint8_t>&, int, ChunkStatistics&);
template void SetMinMax(const MinMax<int32_t>&, int, ChunkStatistics&);
template void SetMinMax(const MinMax<int64_t>&, int, ChunkStatistics&);
template void SetMinMax(const MinMax<float>&, int, ChunkStatistics&);
template void SetMinMax(const MinMax<double>&, int, ChunkStatistics&);
template void SetMinMax(const MinMax<types::int128_t>&, int, ChunkStatistics&);
template void SetMinMax(const MinMax<std::string_view>&, int, ChunkStatistics&);

}  // namespace basin::formats::parquet
