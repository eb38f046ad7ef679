#include "formats/parquet/statistics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

namespace basin::formats::parquet {
namespace {

template <typename T>
T Decode(const std::string& bytes) {
  T value;
  EXPECT_EQ(bytes.size(), sizeof(T));
  std::memcpy(&value, bytes.data(), sizeof(T));
  return value;
}

TEST(StatisticsTest, IntegersAreSigned) {
  MinMax<int32_t> tracker;
  std::vector<int32_t> values = {3, -7, 12, 0};
  tracker.Update(values.data(), values.size());
  ChunkStatistics stats;
  SetMinMax(tracker, 0, stats);
  EXPECT_EQ(Decode<int32_t>(*stats.min_value), -7);
  EXPECT_EQ(Decode<int32_t>(*stats.max_value), 12);
}

TEST(StatisticsTest, NoValuesNoBounds) {
  MinMax<int64_t> tracker;
  tracker.Update(nullptr, 0);
  ChunkStatistics stats;
  SetMinMax(tracker, 0, stats);
  EXPECT_FALSE(stats.min_value.has_value());
  EXPECT_FALSE(stats.max_value.has_value());
}

TEST(StatisticsTest, FloatsIgnoreNanAndSignZeroBounds) {
  double nan = std::numeric_limits<double>::quiet_NaN();
  MinMax<double> tracker;
  std::vector<double> values = {nan, 0.0, 2.5, nan, -0.0};
  tracker.Update(values.data(), values.size());
  ChunkStatistics stats;
  SetMinMax(tracker, 0, stats);
  // Zero bounds are written as -0.0 (min) and +0.0 (max), as the spec asks.
  double min = Decode<double>(*stats.min_value);
  double max = Decode<double>(*stats.max_value);
  EXPECT_EQ(min, 0.0);
  EXPECT_TRUE(std::signbit(min));
  EXPECT_EQ(max, 2.5);

  MinMax<float> only_zero;
  std::vector<float> zeros = {-0.0f, 0.0f};
  only_zero.Update(zeros.data(), zeros.size());
  ChunkStatistics zero_stats;
  SetMinMax(only_zero, 0, zero_stats);
  EXPECT_TRUE(std::signbit(Decode<float>(*zero_stats.min_value)));
  EXPECT_FALSE(std::signbit(Decode<float>(*zero_stats.max_value)));

  MinMax<double> all_nan;
  std::vector<double> nans = {nan, nan};
  all_nan.Update(nans.data(), nans.size());
  ChunkStatistics nan_stats;
  SetMinMax(all_nan, 0, nan_stats);
  EXPECT_FALSE(nan_stats.min_value.has_value());
}

TEST(StatisticsTest, ByteArraysCompareUnsigned) {
  MinMax<std::string_view> tracker;
  std::vector<std::string_view> values = {"b", "\xC3\xA9t\xC3\xA9", "a", "abc", ""};
  tracker.Update(values.data(), 3);
  tracker.Update(values.data() + 3, 2);
  ChunkStatistics stats;
  SetMinMax(tracker, 0, stats);
  EXPECT_EQ(*stats.min_value, "");
  // 0xC3 sorts after 'b' byte-wise (it would sort first as a signed char).
  EXPECT_EQ(*stats.max_value, "\xC3\xA9t\xC3\xA9");
}

TEST(StatisticsTest, LongByteArraysHaveNoBounds) {
  std::string long_value(kMaxStatisticsValueBytes + 1, 'x');
  MinMax<std::string_view> tracker;
  std::vector<std::string_view> values = {"a", long_value};
  tracker.Update(values.data(), values.size());
  ChunkStatistics stats;
  SetMinMax(tracker, 0, stats);
  EXPECT_FALSE(stats.max_value.has_value());
  EXPECT_FALSE(stats.min_value.has_value());
}

TEST(StatisticsTest, WideDecimalsAreBigEndianTwosComplement) {
  MinMax<__int128> tracker;
  std::vector<__int128> values = {258, -1, 7};
  tracker.Update(values.data(), values.size());
  ChunkStatistics stats;
  SetMinMax(tracker, 9, stats);
  EXPECT_EQ(*stats.min_value, std::string(9, '\xFF'));
  EXPECT_EQ(*stats.max_value, std::string("\0\0\0\0\0\0\0\x01\x02", 9));
}

TEST(StatisticsTest, BooleansAndMerge) {
  MinMax<uint8_t> a, b;
  std::vector<uint8_t> ones = {1, 1};
  std::vector<uint8_t> zero = {0};
  a.Update(ones.data(), ones.size());
  b.Update(zero.data(), zero.size());
  a.Merge(b);
  ChunkStatistics stats;
  SetMinMax(a, 0, stats);
  EXPECT_EQ(*stats.min_value, std::string(1, '\0'));
  EXPECT_EQ(*stats.max_value, std::string(1, '\1'));
}

}  // namespace
}  // namespace basin::formats::parquet
